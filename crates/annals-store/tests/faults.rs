//! Faults: locked, full, unwritable and foreign databases, a writer killed
//! mid-batch, a PostgreSQL connection dropped by the server.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use annals_store::{PutOutcome, Store, StoreError, StoreOptions};
use common::*;

const CHILD_ENV: &str = "ANNALS_STORE_CHILD_TARGET";
const BATCH: usize = 800;

/// Not a test of its own: the child process of `killed_writer_*`. It
/// writes a long batch until the parent kills it.
#[test]
fn child_batch_writer() {
    let Ok(target) = std::env::var(CHILD_ENV) else { return };
    let mut store = Store::open(&target).unwrap();
    for i in 0..BATCH {
        let d = numbered_story(i);
        if !store.has_document(&d.id).unwrap() {
            store.put_document(&d).unwrap();
        }
    }
}

/// Starts the child writer, kills it once `min_docs` are stored, then checks
/// that no partial document is visible and that a rerun completes the batch.
fn killed_writer(target: &str, min_docs: i64) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_batch_writer", "--test-threads=1", "--nocapture"])
        .env(CHILD_ENV, target)
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut watcher: Option<Store> = None;
    loop {
        if watcher.is_none() {
            watcher = Store::open_with(target, &StoreOptions::read_only()).ok();
        }
        let stored = watcher.as_mut().and_then(|w| w.stats().ok()).map_or(0, |s| s.documents);
        if stored >= min_docs {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "child wrote nothing");
        assert!(child.try_wait().unwrap().is_none(), "child ended before it was killed");
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL: no destructor, no rollback by the process
    child.wait().unwrap();
    drop(watcher);

    let mut store = Store::open(target).unwrap();
    let problems = store.integrity_check().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let before = store.stats().unwrap().documents;
    assert!(before >= min_docs && (before as usize) < BATCH, "killed mid-batch: {before}");
    // the rerun skips what is stored and completes the batch
    let mut inserted = 0;
    for i in 0..BATCH {
        let d = numbered_story(i);
        if store.has_document(&d.id).unwrap() {
            continue;
        }
        assert_eq!(store.put_document(&d).unwrap().outcome, PutOutcome::Inserted);
        inserted += 1;
    }
    let s = store.stats().unwrap();
    assert_eq!(s.documents as usize, BATCH);
    assert_eq!(inserted, BATCH - before as usize);
    assert_eq!(s.mentions as usize, BATCH);
    assert!(store.integrity_check().unwrap().is_empty());
}

#[test]
fn killed_writer_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annals.db");
    killed_writer(path.to_str().unwrap(), 50);
}

#[test]
fn killed_writer_postgres() {
    let Some((guard, store)) = postgres() else { return };
    drop(store);
    killed_writer(&guard.url, 50);
}

#[test]
fn locked_sqlite() {
    let (_dir, path, store) = sqlite();
    drop(store);
    let opts = StoreOptions { busy_timeout: Duration::from_millis(200), ..StoreOptions::default() };
    let mut store = Store::open_with(&path, &opts).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let err = store.put_document(&flood_story()).unwrap_err();
    assert!(matches!(err, StoreError::Locked { waited_ms: 200, .. }), "{err}");
    assert!(err.to_string().contains("locked by another process"), "{err}");
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(store.put_document(&flood_story()).unwrap().outcome, PutOutcome::Inserted);
}

#[test]
fn disk_full_sqlite() {
    let (_dir, path, mut store) = sqlite();
    store.put_document(&numbered_story(0)).unwrap();
    let size = std::fs::metadata(&path).unwrap().len() + std::fs::metadata(format!("{path}-wal")).map_or(0, |m| m.len());
    store.set_size_limit(size.max(4096 * 40) + 16 * 1024).unwrap();
    let mut full_at = None;
    for i in 1..500 {
        match store.put_document(&numbered_story(i)) {
            Ok(_) => {}
            Err(e) => {
                assert!(matches!(e, StoreError::DiskFull { .. }), "{e}");
                assert!(e.to_string().contains("rolled back"), "{e}");
                full_at = Some(i);
                break;
            }
        }
    }
    let full_at = full_at.expect("the size limit was reached");
    // nothing of the failed document is visible, everything before it is whole
    assert!(!store.has_document(&numbered_story(full_at).id).unwrap());
    assert_eq!(store.stats().unwrap().documents as usize, full_at);
    assert!(store.integrity_check().unwrap().is_empty());
    drop(store);
    // with room again, the rerun completes
    let mut store = Store::open(&path).unwrap();
    for i in 0..full_at + 10 {
        let d = numbered_story(i);
        if !store.has_document(&d.id).unwrap() {
            store.put_document(&d).unwrap();
        }
    }
    assert_eq!(store.stats().unwrap().documents as usize, full_at + 10);
    assert!(store.integrity_check().unwrap().is_empty());
}

#[test]
fn unwritable_and_foreign_files() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder").join("annals.db");
    let err = Store::open(missing.to_str().unwrap()).err().unwrap();
    assert!(matches!(err, StoreError::Open { .. }) && err.to_string().contains("does not exist"), "{err}");

    let not_db = dir.path().join("notes.txt");
    std::fs::write(&not_db, "these are my notes, not a database ".repeat(100)).unwrap();
    let err = Store::open(not_db.to_str().unwrap()).err().unwrap();
    assert!(err.to_string().contains("not an annals (SQLite) database"), "{err}");

    let err = Store::open_with(dir.path().join("absent.db").to_str().unwrap(), &StoreOptions::read_only()).err().unwrap();
    assert!(err.to_string().contains("annals ingest"), "{err}");
    assert!(!dir.path().join("absent.db").exists(), "reading never creates a database");

    let path = dir.path().join("annals.db");
    let path = path.to_str().unwrap();
    Store::open(path).unwrap().put_document(&flood_story()).unwrap();
    let mut ro = Store::open_with(path, &StoreOptions::read_only()).unwrap();
    assert_eq!(ro.stats().unwrap().documents, 1);
    let err = ro.put_document(&own_report()).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");

    let err = Store::open("mysql://db/annals").err().unwrap();
    assert!(matches!(err, StoreError::BadTarget(_)), "{err}");
}

#[test]
fn postgres_unreachable() {
    let err = Store::open("postgres://annals:s3cret@127.0.0.1:1/annals").err().unwrap();
    assert!(matches!(err, StoreError::Connection { .. }), "{err}");
    let msg = err.to_string();
    assert!(msg.contains("127.0.0.1:1") && !msg.contains("s3cret") && msg.contains("***"), "{msg}");
}

#[test]
fn postgres_connection_dropped() {
    let Some((guard, store)) = postgres() else { return };
    drop(store);
    let app = format!("annals_kill_{}", std::process::id());
    let mut store = Store::open(&format!("{}&application_name={app}", guard.url)).unwrap();
    store.put_document(&wire_story("Reuters", "https://www.reuters.com/a", false)).unwrap();
    // what a server restart does to a client: its backend is terminated
    let (base, _) = guard.url.split_once("?schema=").unwrap();
    let mut admin = postgres::Client::connect(base, postgres::NoTls).unwrap();
    let killed = admin
        .query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", &[&app])
        .unwrap();
    assert_eq!(killed.len(), 1);
    // the next write reconnects and goes through; nothing is doubled
    let stored = store.put_document(&wire_story("ekathimerini.com", "https://www.ekathimerini.com/b", true)).unwrap();
    assert_eq!(stored.outcome, PutOutcome::Inserted);
    let s = store.stats().unwrap();
    assert_eq!((s.documents, s.stories, s.events, s.mentions), (2, 1, 3, 6));
    assert!(store.integrity_check().unwrap().is_empty());
}

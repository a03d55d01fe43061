//! Scale-out end to end: `annals enqueue`, `worker` and `status` as separate
//! processes against real NATS JetStream and PostgreSQL servers.
//!
//! Needs NATS with JetStream (`ANNALS_TEST_NATS`, default nats://127.0.0.1:4222)
//! and PostgreSQL (`ANNALS_TEST_POSTGRES`); the restart test also needs the
//! `nats-server` program (it runs its own on a free port). Each test skips with
//! a message when they are absent, unless `ANNALS_REQUIRE_NATS=1` /
//! `ANNALS_REQUIRE_POSTGRES=1` (set by `.ci/run`), which make absence a failure.
//! Every test uses its own queue (streams) and PostgreSQL schema, so they run
//! in parallel and on shared servers.
//!
//! The shards are WARC files written here from the bundled samples
//! (`samples/corpus`); nothing is read from `../shared`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use annals_ingest::warc;
use serde_json::Value;

const SHARDS: usize = 6;

fn annals() -> Command {
    Command::new(env!("CARGO_BIN_EXE_annals"))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn required(var: &str) -> bool {
    std::env::var(var).is_ok_and(|v| v == "1")
}

fn skip_or_fail(var: &str, msg: &str) {
    if required(var) {
        panic!("{msg}, and {var}=1");
    }
    eprintln!("skipped: {msg}");
}

fn answers(url: &str) -> bool {
    let addr = url.split("://").nth(1).unwrap_or(url).rsplit('@').next().unwrap_or("").split('/').next().unwrap_or("");
    TcpStream::connect_timeout(&addr.parse().unwrap_or_else(|_| "127.0.0.1:4222".parse().unwrap()), Duration::from_secs(2)).is_ok()
}

/// A unique lower-case name for this test's queue and schema.
fn unique(tag: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("scale_{tag}_{}_{}_{nanos}", std::process::id(), N.fetch_add(1, Ordering::SeqCst))
}

/// The servers of one test: a NATS URL, a PostgreSQL URL with its own schema
/// (dropped at the end) and a queue name of its own (streams deleted at the end).
struct Env {
    nats: String,
    db: String,
    queue: String,
    pg_base: String,
    schema: String,
    dir: tempfile::TempDir,
}

impl Env {
    fn new(tag: &str, nats: Option<String>) -> Option<Env> {
        let nats = match nats {
            Some(n) => n,
            None => {
                let url = std::env::var("ANNALS_TEST_NATS").unwrap_or_else(|_| "nats://127.0.0.1:4222".into());
                if !answers(&url) {
                    skip_or_fail("ANNALS_REQUIRE_NATS", &format!("NATS not reachable at {url}"));
                    return None;
                }
                url
            }
        };
        let pg_base = std::env::var("ANNALS_TEST_POSTGRES").unwrap_or_else(|_| "postgres://root@127.0.0.1:5432/test".into());
        if let Err(e) = postgres::Client::connect(&pg_base, postgres::NoTls) {
            skip_or_fail("ANNALS_REQUIRE_POSTGRES", &format!("PostgreSQL not reachable at {pg_base} ({e})"));
            return None;
        }
        let schema = unique(tag);
        let sep = if pg_base.contains('?') { '&' } else { '?' };
        let db = format!("{pg_base}{sep}schema={schema}");
        Some(Env { nats, db, queue: schema.to_uppercase(), pg_base, schema, dir: tempfile::tempdir().unwrap() })
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = annals();
        c.args(args).env("ANNALS_NATS", &self.nats).env("ANNALS_QUEUE", &self.queue).env("ANNALS_DB", &self.db);
        c
    }

    fn enqueue(&self, paths: &[PathBuf], extra: &[&str]) -> Value {
        let out = self.cmd(&["enqueue", "--json"]).args(extra).args(paths).output().unwrap();
        assert!(out.status.success(), "enqueue: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Starts a worker process (stderr to a log file in the test folder).
    fn worker(&self, id: &str, extra: &[&str]) -> Proc {
        let log = std::fs::File::create(self.dir.path().join(format!("{id}.log"))).unwrap();
        Proc(self.cmd(&["worker", "--id", id, "--concurrency", "1"]).args(extra).stdout(Stdio::null()).stderr(log).spawn().unwrap())
    }

    fn log(&self, id: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(format!("{id}.log"))).unwrap_or_default()
    }

    fn pg(&self) -> postgres::Client {
        let mut c = postgres::Client::connect(&self.pg_base, postgres::NoTls).unwrap();
        c.batch_execute(&format!("SET search_path TO {}", self.schema)).unwrap();
        c
    }

    fn count(&self, sql: &str) -> i64 {
        self.pg().query_one(sql, &[]).map(|r| r.get::<_, i64>(0)).unwrap_or(0)
    }

    fn status(&self) -> Value {
        let out = self.cmd(&["status", "--format", "json"]).output().unwrap();
        assert!(out.status.success(), "status: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.pg_base, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
        let (nats, queue) = (self.nats.clone(), self.queue.clone());
        let _ = tokio::runtime::Builder::new_current_thread().enable_all().build().map(|rt| {
            rt.block_on(async {
                if let Ok(Ok(client)) = tokio::time::timeout(Duration::from_secs(3), async_nats::connect(nats)).await {
                    let js = async_nats::jetstream::new(client);
                    let _ = js.delete_stream(&queue).await;
                    let _ = js.delete_stream(format!("{queue}_DEAD")).await;
                }
            })
        });
    }
}

/// A child process, killed if the test ends (or fails) before it does.
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// Waits for a process, killing it after `limit`.
fn wait(proc: &mut Proc, limit: Duration) -> std::process::ExitStatus {
    let child = &mut proc.0;
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("process {} ran past {limit:?}", child.id());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn wait_until(what: &str, limit: Duration, mut cond: impl FnMut() -> bool) {
    let started = Instant::now();
    while !cond() {
        assert!(started.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The WARC response records of the samples: the archive's own records and
/// each HTML page as a record of its own.
fn sample_records() -> Vec<(String, Vec<u8>)> {
    let corpus = repo().join("samples/corpus");
    let mut records = Vec::new();
    let file = std::fs::File::open(corpus.join("warc/wikinews.warc.gz")).unwrap();
    for rec in warc::WarcReader::new(file, true, 16 << 20) {
        let rec = rec.unwrap();
        if rec.header("WARC-Type") == Some("response") {
            records.push((rec.header("WARC-Target-URI").unwrap().to_string(), rec.block.clone()));
        }
    }
    let mut pages: Vec<_> = std::fs::read_dir(corpus.join("html")).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    for page in pages {
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
        std::fs::File::open(&page).unwrap().read_to_end(&mut block).unwrap();
        let name = page.file_stem().unwrap().to_string_lossy().to_string();
        records.push((format!("https://samples.example/{name}"), block));
    }
    records
}

/// Writes the sample records round-robin into `SHARDS` gzipped WARC files under `dir`.
fn write_shards(dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let records = sample_records();
    assert!(records.len() >= 2 * SHARDS, "{} sample records", records.len());
    let mut data = vec![Vec::new(); SHARDS];
    for (i, (uri, block)) in records.iter().enumerate() {
        let id = format!("urn:uuid:annals-scale-{i}");
        warc::write_record(&mut data[i % SHARDS], "response", uri, &id, "2024-05-01T00:00:00Z", "application/http; msgtype=response", block, true).unwrap();
    }
    data.into_iter()
        .enumerate()
        .map(|(i, bytes)| {
            let path = dir.join(format!("shard-{i}.warc.gz"));
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect()
}

/// What two stores must agree on.
#[derive(Debug, PartialEq, Eq)]
struct Contents {
    documents: BTreeSet<String>,
    /// Mention id → its document: ids come from content, so they match exactly.
    mentions: BTreeMap<String, String>,
    /// Events as sets of mention ids. Event ids are integers numbered in
    /// arrival order, so they differ between runs; the grouping is compared.
    events: BTreeSet<BTreeSet<String>>,
    /// `annals stats` counts.
    counts: BTreeMap<String, i64>,
}

fn contents(db: &str) -> Contents {
    let out = annals().args(["export", "--format", "jsonl", "--db", db]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let documents = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect();
    let out = annals().args(["export", "--format", "csv", "--db", db]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let mut mentions = BTreeMap::new();
    let mut by_event: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        let (event, mention, doc) = (row[0].to_string(), row[1].to_string(), row[2].to_string());
        assert!(mentions.insert(mention.clone(), doc).is_none(), "mention {mention} exported twice");
        by_event.entry(event).or_default().insert(mention);
    }
    let out = annals().args(["stats", "--check", "--format", "json", "--db", db]).output().unwrap();
    assert!(out.status.success(), "stats --check: {}", String::from_utf8_lossy(&out.stdout));
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["problems"], serde_json::json!([]));
    let counts = ["documents", "stories", "sentences", "entities", "times", "places", "quotes", "events", "mentions"]
        .iter()
        .map(|k| (k.to_string(), stats[k].as_i64().unwrap()))
        .collect();
    Contents { documents, mentions, events: by_event.into_values().collect(), counts }
}

/// One `annals ingest` of the shards into SQLite: the reference every scale-out run must equal.
fn reference() -> &'static Contents {
    static REFERENCE: OnceLock<(tempfile::TempDir, Contents)> = OnceLock::new();
    &REFERENCE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let shards = write_shards(&dir.path().join("shards"));
            let db = dir.path().join("reference.db").to_str().unwrap().to_string();
            let out = annals().args(["ingest", "--quiet", "--json", "--db", &db]).args(&shards).output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            let c = contents(&db);
            // every record is a document: a shard's document count is its record count
            assert_eq!(c.documents.len(), sample_records().len(), "{:?}", c.counts);
            assert!(!c.mentions.is_empty());
            (dir, c)
        })
        .1
}

fn assert_same_as_reference(got: &Contents) {
    let want = reference();
    assert_eq!(got.documents, want.documents, "document ids");
    assert_eq!(got.mentions, want.mentions, "mention ids");
    assert_eq!(got.counts, want.counts, "counts");
    assert_eq!(got.events, want.events, "events (mentions grouped by event)");
}

/// Three workers over six WARC shards store exactly what one `annals ingest` into SQLite stores.
#[test]
fn three_workers_equal_one_ingest() {
    let Some(env) = Env::new("three", None) else { return };
    let shards = write_shards(&env.dir.path().join("shards"));
    let queued = env.enqueue(&shards, &[]);
    assert_eq!(queued["shards"], SHARDS);
    // the same files again within the duplicate window are not queued twice
    assert_eq!(env.enqueue(&shards, &[])["duplicates"], SHARDS);
    // before any worker: the queue holds them all, and the store has nothing yet
    let queued_status = env.status();
    assert_eq!(queued_status["queued"], SHARDS, "{queued_status}");

    // An ack wait shorter than a shard takes here (2 s or more in a debug build):
    // only the progress acknowledgements keep shards from being redelivered.
    let mut workers: Vec<_> = (1..=3).map(|i| env.worker(&format!("w{i}"), &["--exit-when-empty", "--ack-wait", "1"])).collect();
    for (i, w) in workers.iter_mut().enumerate() {
        let status = wait(w, Duration::from_secs(600));
        assert!(status.success(), "worker {}: {status}\n{}", i + 1, env.log(&format!("w{}", i + 1)));
    }
    assert_same_as_reference(&contents(&env.db));

    let status = env.status();
    assert_eq!((status["queued"].as_u64(), status["in_flight"].as_u64(), status["dead"].as_u64()), (Some(0), Some(0), Some(0)));
    assert_eq!(status["done"], SHARDS, "{status}");
    assert_eq!(env.count("SELECT COUNT(*) FROM work WHERE attempts > 1"), 0, "progress acknowledgements kept every shard with its worker");
    let per_worker: i64 = status["workers"].as_array().unwrap().iter().map(|w| w["done"].as_i64().unwrap()).sum();
    assert_eq!(per_worker, SHARDS as i64);

    // a re-run of the batch (queued again after the window, or by hand) changes nothing
    let rerun = env.enqueue(&[shards[0].clone()], &["--inline"]);
    assert_eq!(rerun["documents"], 1);
    let mut w = env.worker("w4", &["--exit-when-empty"]);
    assert!(wait(&mut w, Duration::from_secs(300)).success(), "{}", env.log("w4"));
    assert!(env.log("w4").contains("0 documents new"), "{}", env.log("w4"));
    assert_same_as_reference(&contents(&env.db));
}

/// A worker killed with SIGKILL in the middle of a shard: the shard comes back
/// after the ack wait and another worker finishes it; nothing lost, nothing doubled.
#[test]
fn killed_worker_shard_is_redelivered() {
    let Some(env) = Env::new("kill", None) else { return };
    let shards = write_shards(&env.dir.path().join("shards"));
    env.enqueue(&shards, &[]);
    let mut victim = env.worker("victim", &["--ack-wait", "3"]);
    let killed_shard = kill_mid_shard(&env, &mut victim);
    let stored_before: i64 = env.count(&format!("SELECT COUNT(*) FROM documents WHERE source LIKE '{killed_shard}#%'"));
    assert!(stored_before >= 1);

    let mut rescuers: Vec<_> = (1..=2).map(|i| env.worker(&format!("r{i}"), &["--exit-when-empty", "--ack-wait", "3"])).collect();
    for (i, w) in rescuers.iter_mut().enumerate() {
        let status = wait(w, Duration::from_secs(600));
        assert!(status.success(), "{}", env.log(&format!("r{}", i + 1)));
    }
    let rows = env.pg().query("SELECT status, worker, attempts FROM work WHERE key = $1", &[&killed_shard]).unwrap();
    let (state, worker, attempts): (String, String, i64) = (rows[0].get(0), rows[0].get(1), rows[0].get(2));
    assert_eq!(state, "done");
    assert_ne!(worker, "victim");
    assert!(attempts >= 2, "redelivered: {attempts} tries");
    let stored_after = env.count(&format!("SELECT COUNT(*) FROM documents WHERE source LIKE '{killed_shard}#%'"));
    assert!(stored_after > stored_before, "the rest of the shard was stored ({stored_before} → {stored_after})");
    assert_same_as_reference(&contents(&env.db));
}

/// With `--max-deliver 1`, a shard whose only try died with its worker is
/// given up on its next delivery, with a reason that says so.
#[test]
fn tries_that_died_end_in_dead_letters() {
    let Some(env) = Env::new("died", None) else { return };
    let shards = write_shards(&env.dir.path().join("shards"));
    env.enqueue(&shards, &[]);
    let mut victim = env.worker("victim", &["--ack-wait", "2", "--max-deliver", "1"]);
    let killed_shard = kill_mid_shard(&env, &mut victim);
    let mut rescuer = env.worker("rescuer", &["--exit-when-empty", "--ack-wait", "2", "--max-deliver", "1"]);
    let status = wait(&mut rescuer, Duration::from_secs(600));
    assert_eq!(status.code(), Some(1), "a dead letter is a failure: {}", env.log("rescuer"));
    let status = env.status();
    assert_eq!(status["dead"], 1, "{status}");
    assert_eq!(status["dead_letters"][0]["source"], killed_shard.as_str());
    let reason = status["dead_letters"][0]["reason"].as_str().unwrap();
    assert!(reason.starts_with("1 try did not finish (the worker holding it stopped"), "{reason}");
    assert_eq!(status["done"], SHARDS - 1, "{status}");
}

/// Waits until a shard that `victim` holds has some, not all, of its documents
/// stored, then kills `victim` with SIGKILL; returns the shard.
fn kill_mid_shard(env: &Env, victim: &mut Proc) -> String {
    let records = sample_records().len();
    let in_shard = |key: &str| {
        let i: usize = key.rsplit("shard-").next().unwrap().trim_end_matches(".warc.gz").parse().unwrap();
        (records + SHARDS - 1 - i) / SHARDS // records are dealt round-robin
    };
    let mut killed_shard = String::new();
    wait_until("a shard half stored", Duration::from_secs(300), || {
        let Ok(rows) = env.pg().query(
            "SELECT w.key, COUNT(d.id) FROM work w LEFT JOIN documents d ON d.source LIKE w.key || '#%' \
             WHERE w.status = 'running' GROUP BY w.key",
            &[],
        ) else {
            return false;
        };
        rows.iter().any(|r| {
            let (key, stored): (String, i64) = (r.get(0), r.get(1));
            let mid = stored >= 1 && (stored as usize) < in_shard(&key);
            if mid {
                killed_shard = key;
            }
            mid
        })
    });
    victim.0.kill().unwrap(); // SIGKILL
    victim.0.wait().unwrap();
    killed_shard
}

/// A free TCP port on loopback.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

struct NatsServer {
    child: Child,
}

impl NatsServer {
    fn start(port: u16, store: &Path) -> NatsServer {
        let child = Command::new("nats-server")
            .args(["-a", "127.0.0.1", "-p", &port.to_string(), "-js", "-sd"])
            .arg(store)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nats-server runs");
        let server = NatsServer { child };
        wait_until("nats-server to answer", Duration::from_secs(30), || answers(&format!("127.0.0.1:{port}")));
        server
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// nats-server restarted in the middle of a batch: the workers reconnect and the batch completes.
#[test]
fn nats_restart_mid_batch() {
    if Command::new("nats-server").arg("--version").output().is_err() {
        skip_or_fail("ANNALS_REQUIRE_NATS", "the nats-server program is not installed");
        return;
    }
    let port = free_port();
    let store = tempfile::tempdir().unwrap();
    let mut server = NatsServer::start(port, store.path());
    let Some(env) = Env::new("restart", Some(format!("nats://127.0.0.1:{port}"))) else { return };
    let shards = write_shards(&env.dir.path().join("shards"));
    env.enqueue(&shards, &[]);
    let mut workers: Vec<_> = (1..=2).map(|i| env.worker(&format!("w{i}"), &["--exit-when-empty", "--ack-wait", "5"])).collect();
    wait_until("a first shard done", Duration::from_secs(300), || env.count("SELECT COUNT(*) FROM work WHERE status = 'done'") >= 1);
    drop(server); // SIGKILL: no goodbye to the clients
    std::thread::sleep(Duration::from_secs(2));
    server = NatsServer::start(port, store.path());
    for (i, w) in workers.iter_mut().enumerate() {
        let status = wait(w, Duration::from_secs(600));
        let log = env.log(&format!("w{}", i + 1));
        assert!(status.success(), "{log}");
        assert!(log.contains("disconnected from NATS"), "worker {} saw the restart:\n{log}", i + 1);
    }
    assert_eq!(env.count("SELECT COUNT(*) FROM work WHERE status = 'done'"), SHARDS as i64);
    assert_same_as_reference(&contents(&env.db));
    drop(env); // its streams go while the server still runs
    drop(server);
}

/// A corrupt WARC ends in the dead-letter stream after `--max-deliver` tries,
/// with its reason in `annals status` and `annals stats`; the rest complete.
#[test]
fn poison_shard_goes_to_dead_letters() {
    let Some(env) = Env::new("poison", None) else { return };
    let mut shards = write_shards(&env.dir.path().join("shards"));
    // gzip magic, then garbage: no record can be read from it
    let bad = env.dir.path().join("corrupt.warc.gz");
    let mut bytes = vec![0x1f, 0x8b, 0x08, 0x00];
    bytes.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    std::fs::write(&bad, bytes).unwrap();
    shards.push(bad.clone());
    env.enqueue(&shards, &[]);
    // and one page sent inline, as a single-document message
    let page = repo().join("samples/corpus/scraped/taxes.txt");
    assert_eq!(env.enqueue(&[page], &["--inline"])["documents"], 1);

    // w1 logs JSON lines, w2 text
    let mut workers: Vec<_> = (1..=2)
        .map(|i| env.worker(&format!("w{i}"), &["--exit-when-empty", "--ack-wait", "5", "--max-deliver", "2", "--log-format", ["json", "text"][i - 1]]))
        .collect();
    for w in workers.iter_mut() {
        let status = wait(w, Duration::from_secs(600));
        // 1: some item failed (the dead letter); never a usage or configuration error
        assert!(matches!(status.code(), Some(0 | 1)), "{status}");
    }
    let json_log = env.log("w1");
    assert!(json_log.lines().count() >= 2, "{json_log}");
    for line in json_log.lines() {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert_eq!(v["source"], "worker w1");
        assert!(v["time"].is_string() && v["message"].is_string());
    }
    let bad_key = std::fs::canonicalize(&bad).unwrap().to_str().unwrap().to_string();
    let status = env.status();
    assert_eq!(status["dead"], 1, "{status}");
    assert_eq!(status["dead_letters"][0]["source"], bad_key.as_str());
    assert_eq!(status["dead_letters"][0]["attempts"], "2");
    assert!(status["dead_letters"][0]["reason"].as_str().unwrap().contains("no document could be read"), "{status}");
    assert_eq!((status["queued"].as_u64(), status["in_flight"].as_u64()), (Some(0), Some(0)));
    assert_eq!(status["done"], SHARDS + 1, "{status}");

    let out = env.cmd(&["stats", "--format", "json"]).output().unwrap();
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((stats["dead_letters"].as_i64(), stats["work_done"].as_i64()), (Some(1), Some(SHARDS as i64 + 1)));
    let text = env.cmd(&["stats"]).output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("1 dead-lettered"));
    let reason: String = env.pg().query_one("SELECT reason FROM errors WHERE source = $1", &[&bad_key]).unwrap().get(0);
    assert!(reason.starts_with("dead letter after 2 tries"), "{reason}");
    // the rest: every shard's documents plus the inline page
    assert_eq!(env.count("SELECT COUNT(*) FROM documents"), reference().documents.len() as i64 + 1);
}

/// Passwords never reach the output; bad settings are usage errors that name the problem.
#[test]
fn urls_are_redacted_and_bad_settings_refused() {
    let dead = free_port();
    let out = annals()
        .args(["status", "--nats", &format!("nats://bob:hunter22@127.0.0.1:{dead}")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bob:***@127.0.0.1") && !err.contains("hunter22"), "{err}");
    let out = annals().args(["enqueue", "--queue", "bad.name", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid queue name"));
    let list = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(list.path(), "https://user:pw@example.com/a.warc.gz\n").unwrap();
    let out = annals().args(["enqueue", "--list"]).arg(list.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fetches nothing over the network") && !err.contains(":pw@"), "{err}");
    let help = annals().args(["worker", "--help"]).env("ANNALS_NATS", "nats://u:topsecret@h:4222").output().unwrap();
    assert!(!String::from_utf8_lossy(&help.stdout).contains("topsecret"));
}

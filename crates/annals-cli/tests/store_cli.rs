//! `annals ingest`, `events`, `show`, `stats`, `export` on the samples, with SQLite and PostgreSQL.

use std::path::Path;

use serde_json::Value;

use super::{annals, jsonl, repo};

fn json(stdout: &[u8]) -> Value {
    serde_json::from_slice(stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(stdout)))
}

/// Ingests the samples twice, then queries and exports; `db` is a path or URL.
fn ingest_query_export(db: &str, dir: &Path) {
    let corpus = repo().join("samples/corpus");
    let first = annals().args(["ingest", "--json", "--quiet", "--db", db]).arg(&corpus).output().unwrap();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let summary = json(&first.stdout);
    assert_eq!(summary["documents"], 24);
    assert_eq!(summary["inserted"], 24);
    assert_eq!(summary["failed"], 0);

    // the same input again adds nothing: every document is skipped before analysis
    let again = annals().args(["ingest", "--json", "--quiet", "--db", db]).arg(&corpus).output().unwrap();
    assert!(again.status.success());
    let summary = json(&again.stdout);
    assert_eq!((summary["inserted"].as_u64(), summary["skipped"].as_u64()), (Some(0), Some(24)));
    // --force analyses again; identical results change nothing
    let forced = annals().args(["ingest", "--json", "--quiet", "--force", "--threads", "2", "--db", db]).arg(&corpus).output().unwrap();
    assert_eq!(json(&forced.stdout)["unchanged"], 24);

    let stats = annals().args(["stats", "--check", "--format", "json", "--db", db]).output().unwrap();
    assert!(stats.status.success(), "{}", String::from_utf8_lossy(&stats.stdout));
    let stats = json(&stats.stdout);
    assert_eq!(stats["documents"], 24);
    assert_eq!(stats["problems"], serde_json::json!([]));
    let events = stats["events"].as_u64().unwrap();

    let out = annals().args(["events", "--format", "json", "--limit", "100000", "--db", db]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(jsonl(&out.stdout).len() as u64, events);
    let out = annals().args(["events", "--format", "csv", "--type", "ASSAULT", "--from", "2000", "--db", db]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("id,date,"));

    let docs = annals().args(["export", "--format", "jsonl", "--db", db]).output().unwrap();
    let docs = jsonl(&docs.stdout);
    assert_eq!(docs.len(), 24);
    let id = docs[0]["id"].as_str().unwrap();
    let shown = annals().args(["show", id, "--format", "json", "--db", db]).output().unwrap();
    let shown = json(&shown.stdout);
    assert_eq!(shown["kind"], "document");
    assert_eq!(shown["document"], docs[0]);

    let gdelt = annals().args(["export", "--format", "gdelt", "--db", db]).output().unwrap();
    let text = String::from_utf8(gdelt.stdout).unwrap();
    assert_eq!(text.lines().count() as u64, events);
    assert!(text.lines().all(|l| l.split('\t').count() == 61));
    let parquet = dir.join("mentions.parquet");
    let out = annals().args(["export", "--format", "parquet", "--db", db, "--out"]).arg(&parquet).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&parquet).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    assert!(!dir.join(".mentions.parquet.partial").exists());
}

#[test]
fn store_commands_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("annals.db");
    ingest_query_export(db.to_str().unwrap(), dir.path());
}

#[test]
fn store_commands_on_postgres() {
    let base = std::env::var("ANNALS_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut admin = match postgres::Client::connect(&base, postgres::NoTls) {
        Ok(c) => c,
        Err(e) if std::env::var("ANNALS_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") => {
            panic!("PostgreSQL not reachable at {base}: {e}, and ANNALS_REQUIRE_POSTGRES=1")
        }
        Err(e) => {
            eprintln!("skipped: PostgreSQL not reachable at {base} ({e})");
            return;
        }
    };
    let schema = format!("annals_cli_{}", std::process::id());
    let sep = if base.contains('?') { '&' } else { '?' };
    let dir = tempfile::tempdir().unwrap();
    let result = std::panic::catch_unwind(|| ingest_query_export(&format!("{base}{sep}schema={schema}"), dir.path()));
    admin.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).unwrap();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn store_commands_refuse_bad_options() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("annals.db");
    let db = db.to_str().unwrap();
    // nothing to read yet: a clear error, and no empty database is created
    let out = annals().args(["stats", "--db", db]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("run `annals ingest` first"));
    assert!(!Path::new(db).exists());
    for (args, expected) in [
        (vec!["--from", "2024-02-30"], "invalid --from `2024-02-30`"),
        (vec!["--to", "last week"], "invalid --to `last week`"),
        (vec!["--country", "Ukraine"], "alpha-3"),
        (vec!["--type", "BOMBING"], "PLOVER event type"),
        (vec!["--factuality", "probably"], "actual, future"),
        (vec!["--text", "  "], "--text"),
    ] {
        let out = annals().arg("events").args(&args).args(["--db", db]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    let out = annals().args(["ingest", "--db", "mysql://host/db"]).arg(repo().join("samples/corpus/html")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported database"));
}

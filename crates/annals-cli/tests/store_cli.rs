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

    // every event at --min-confidence 0; the default view keeps those the verifier trusts
    let out = annals().args(["events", "--format", "json", "--limit", "100000", "--min-confidence", "0", "--db", db]).output().unwrap();
    assert!(out.status.success());
    let all = jsonl(&out.stdout);
    assert_eq!(all.len() as u64, events);
    let out = annals().args(["events", "--format", "json", "--limit", "100000", "--db", db]).output().unwrap();
    let trusted = all.iter().filter(|e| e["confidence"].as_f64().unwrap() >= annals_core::DEFAULT_MIN_CONFIDENCE).count();
    assert_eq!(jsonl(&out.stdout).len(), trusted);
    let out = annals().args(["events", "--format", "csv", "--type", "ASSAULT", "--from", "2000", "--db", db]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("id,date,"));

    // every event of every document, as `show` gives it (the default export keeps the trusted ones)
    let docs = annals().args(["export", "--format", "jsonl", "--min-confidence", "0", "--db", db]).output().unwrap();
    let docs = jsonl(&docs.stdout);
    assert_eq!(docs.len(), 24);
    let id = docs[0]["id"].as_str().unwrap();
    let shown = annals().args(["show", id, "--format", "json", "--db", db]).output().unwrap();
    let shown = json(&shown.stdout);
    assert_eq!(shown["kind"], "document");
    assert_eq!(shown["document"], docs[0]);

    let gdelt = annals().args(["export", "--format", "gdelt", "--min-confidence", "0", "--db", db]).output().unwrap();
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

/// A store of one hand-made article with three events of known confidence.
fn confidence_store(db: &str) -> (String, Vec<i64>) {
    use annals_core::{Actor, Document, Event, Factuality, Span, Trigger};
    let text = "Officials met in Paris on Monday. Farmers protested in Lyon. Police arrested two men in Nice.";
    let mut doc = Document::from_text("made-up.txt", text);
    doc.url = Some("https://example.org/confidence".into());
    doc.title = "Three events".into();
    doc.site = Some("example.org".into());
    doc.published = chrono::NaiveDate::from_ymd_opt(2024, 3, 4);
    doc.language = "en".into();
    doc.assign_id();
    doc.sentences = vec![Span::new(0, 33), Span::new(34, 60), Span::new(61, 94)];
    let actor = |name: &str, country: &str| Some(Actor { text: name.into(), name: Some(name.into()), country: Some(country.into()), sector: None });
    let ev = |kind: &str, cameo: &str, trigger: &str, sentence: usize, confidence: f64| {
        let at = text.find(trigger).unwrap();
        Event {
            kind: kind.parse().unwrap(),
            cameo: cameo.into(),
            source: actor(&format!("{kind} source"), "FRA"),
            target: actor(&format!("{kind} target"), "FRA"),
            trigger: Trigger { text: trigger.into(), start: at, end: at + trigger.len() },
            date: Some("2024-03-04".into()),
            place: None,
            factuality: Factuality::Actual,
            claimed_by: None,
            sentence,
            evidence: doc.span_text(doc.sentences[sentence]).to_string(),
            confidence,
        }
    };
    doc.events = vec![ev("CONSULT", "040", "met", 0, 0.9), ev("PROTEST", "140", "protested", 1, 0.5), ev("COERCE", "173", "arrested", 2, 0.2)];
    let mut store = annals_store::Store::open(db).unwrap();
    store.put_document(&doc).unwrap();
    let ids = match store.show(&doc.id).unwrap() {
        annals_store::Shown::Document(d) => d.event_ids,
        _ => panic!("a document"),
    };
    (doc.id, ids)
}

#[test]
fn min_confidence_filters_events_show_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("annals.db");
    let db = db.to_str().unwrap();
    let (doc_id, ids) = confidence_store(db);
    let run = |args: &[&str]| {
        let out = annals().args(args).args(["--db", db]).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let confidences = |stdout: &[u8]| -> Vec<f64> {
        let mut c: Vec<f64> = jsonl(stdout).iter().map(|e| e["confidence"].as_f64().expect("confidence")).collect();
        c.sort_by(f64::total_cmp);
        c
    };
    // events: the threshold is inclusive; without one, the shared default applies
    assert_eq!(confidences(&run(&["events", "--format", "json", "--min-confidence", "0.5"])), [0.5, 0.9]);
    assert_eq!(confidences(&run(&["events", "--format", "json", "--min-confidence", "0.51"])), [0.9]);
    assert_eq!(confidences(&run(&["events", "--format", "json", "--min-confidence", "0"])), [0.2, 0.5, 0.9]);
    let default: Vec<f64> = [0.2, 0.5, 0.9].into_iter().filter(|c| *c >= annals_core::DEFAULT_MIN_CONFIDENCE).collect();
    assert_eq!(confidences(&run(&["events", "--format", "json"])), default);
    let table = String::from_utf8(run(&["events", "--min-confidence", "0.5"])).unwrap();
    assert!(table.lines().next().unwrap().contains(" CONF "), "{table}");
    assert!(table.contains(" 0.90 ") && table.contains(" 0.50 ") && !table.contains(" 0.20 "), "{table}");
    let csv = String::from_utf8(run(&["events", "--format", "csv", "--min-confidence", "0.9"])).unwrap();
    assert!(csv.lines().next().unwrap().ends_with(",confidence"), "{csv}");
    assert_eq!(csv.lines().count(), 2);
    assert!(csv.lines().nth(1).unwrap().ends_with(",0.9"), "{csv}");
    let help = String::from_utf8(run(&["events", "--help"])).unwrap();
    assert!(help.contains("--min-confidence <P>") && help.contains("0 to 1"), "{help}");

    // show: the event's and each report's confidence; a document's events with theirs
    let shown = String::from_utf8(run(&["show", &ids[0].to_string()])).unwrap();
    assert!(shown.contains("confidence 0.90;") && shown.contains("confidence 0.90, sentence 0"), "{shown}");
    let shown = String::from_utf8(run(&["show", &doc_id])).unwrap();
    assert!(shown.contains("COERCE 173 confidence 0.20"), "{shown}");
    let shown: Value = json(&run(&["show", &ids[1].to_string(), "--format", "json"]));
    assert_eq!((shown["event"]["confidence"].as_f64(), shown["mentions"][0]["confidence"].as_f64()), (Some(0.5), Some(0.5)));

    // exports
    let csv = String::from_utf8(run(&["export", "--format", "csv", "--min-confidence", "0.5"])).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = header.iter().position(|h| h == "confidence").expect("a confidence column");
    let mut got: Vec<f64> = reader.records().map(|r| r.unwrap()[col].parse().unwrap()).collect();
    got.sort_by(f64::total_cmp);
    assert_eq!(got, [0.5, 0.9]);
    assert_eq!(confidences(&run(&["export", "--format", "plover", "--min-confidence", "0.3"])), [0.5, 0.9]);
    let docs = jsonl(&run(&["export", "--format", "jsonl", "--min-confidence", "0.6"]));
    let kept: Vec<(&str, f64)> = docs[0]["events"].as_array().unwrap().iter().map(|e| (e["type"].as_str().unwrap(), e["confidence"].as_f64().unwrap())).collect();
    assert_eq!(kept, [("CONSULT", 0.9)]);
    let gdelt = String::from_utf8(run(&["export", "--format", "gdelt", "--min-confidence", "0.5"])).unwrap();
    assert_eq!(gdelt.lines().count(), 2);
    assert!(gdelt.lines().all(|l| l.split('\t').count() == 61), "GDELT keeps its 61 columns");
    let parquet = dir.path().join("m.parquet");
    let out = annals().args(["export", "--format", "parquet", "--min-confidence", "0.5", "--db", db, "--out"]).arg(&parquet).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 records"), "{}", String::from_utf8_lossy(&out.stderr));

    // bad thresholds: named, before anything is read
    for (cmd, value) in [("events", "1.5"), ("events", "abc"), ("events", "NaN"), ("export", "2"), ("export", "half")] {
        let mut c = annals();
        c.args([cmd, "--min-confidence", value, "--db", db]);
        if cmd == "export" {
            c.args(["--format", "csv"]);
        }
        let out = c.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd} {value}: {err}");
        assert!(err.contains(&format!("invalid --min-confidence `{value}`")) && err.contains("a number from 0 to 1"), "{err}");
        assert!(out.stdout.is_empty());
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

//! Measures the store: near-duplicate detection on real article bodies, and
//! write, query and export speed on SQLite and PostgreSQL.
//!
//! ```text
//! cargo run --release -p annals-store --example store_bench [-- --docs 2000]
//! ```
//!
//! Dedup data: the 181 article bodies of the ScrapingHub extraction benchmark
//! (`<repo>/../shared/data/extraction/scrapinghub`, or `$ANNALS_SHARED`); each
//! is stored with three edited copies (a reprint with a new dateline and a
//! few words changed, a reprint cut to its first 60 %, a rewrite with one word
//! in ten changed). The store sees only the texts; the figures say how often
//! a copy landed in its original's story, and how often two different
//! articles were merged. PostgreSQL: `$ANNALS_TEST_POSTGRES` or
//! `postgres://postgres@127.0.0.1:5432/test`, skipped when it does not answer.

use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

use annals_core::{Actor, Document, Event, EventPlace, Factuality, Span, Trigger};
use annals_store::{EventQuery, ExportFormat, Store};

/// A small deterministic generator (no rand dependency for a benchmark).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn shared() -> PathBuf {
    std::env::var_os("ANNALS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn doc(url: &str, site: &str, text: String) -> Document {
    let mut d = Document::from_text(url, text);
    d.url = Some(url.to_string());
    d.site = Some(site.to_string());
    d.assign_id();
    d
}

fn edit(words: &[&str], rate: f64, rng: &mut Lcg) -> Vec<String> {
    const FILLER: [&str; 8] = ["reportedly", "officials", "local", "new", "said", "the", "further", "also"];
    words
        .iter()
        .map(|w| if (rng.below(10_000) as f64) < rate * 10_000.0 { FILLER[rng.below(FILLER.len())].to_string() } else { w.to_string() })
        .collect()
}

fn dedup_eval() {
    let path = shared().join("data/extraction/scrapinghub/ground-truth.json.gz");
    let Ok(file) = std::fs::File::open(&path) else {
        println!("dedup: skipped, {} not found", path.display());
        return;
    };
    let mut json = String::new();
    flate2::read::GzDecoder::new(file).read_to_string(&mut json).unwrap();
    let truth: HashMap<String, serde_json::Value> = serde_json::from_str(&json).unwrap();
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("dedup.db").to_str().unwrap()).unwrap();
    let mut rng = Lcg(7);
    let kinds = ["reprint", "cut-60%", "rewrite-10%"];
    let mut hits = [0usize; 3];
    let mut tried = [0usize; 3];
    let mut story_of_original: HashMap<String, String> = HashMap::new();
    let started = Instant::now();
    let mut stored = 0;
    for id in &ids {
        let body = truth[*id]["articleBody"].as_str().unwrap_or("");
        let words: Vec<&str> = body.split_whitespace().collect();
        if words.len() < 30 {
            continue;
        }
        let original = store.put_document(&doc(&format!("https://a.example/{id}"), "a", body.to_string())).unwrap();
        story_of_original.insert(original.doc_id.clone(), original.story_id.clone());
        let variants = [
            format!("LONDON (Wire) - {} Reporting by staff.", edit(&words, 0.02, &mut rng).join(" ")),
            words[..words.len() * 6 / 10].join(" "),
            edit(&words, 0.10, &mut rng).join(" "),
        ];
        for (k, text) in variants.into_iter().enumerate() {
            let s = store.put_document(&doc(&format!("https://{}.example/{id}", kinds[k]), kinds[k], text)).unwrap();
            tried[k] += 1;
            hits[k] += usize::from(s.story_id == original.story_id);
        }
        stored += 4;
    }
    let elapsed = started.elapsed();
    // two different originals in one story = a false merge
    let mut per_story: HashMap<&String, usize> = HashMap::new();
    for s in story_of_original.values() {
        *per_story.entry(s).or_default() += 1;
    }
    let merged: usize = per_story.values().filter(|n| **n > 1).map(|n| n - 1).sum();
    println!("dedup on {} ScrapingHub article bodies (+3 edited copies each):", story_of_original.len());
    for k in 0..3 {
        println!("  {:<12} linked to its original: {}/{} ({:.1}%)", kinds[k], hits[k], tried[k], 100.0 * hits[k] as f64 / tried[k] as f64);
    }
    println!("  different articles merged into one story: {merged} of {}", story_of_original.len());
    println!("  {stored} documents stored in {:.2}s", elapsed.as_secs_f64());
}

fn synthetic(i: usize, rng: &mut Lcg) -> Document {
    const COUNTRIES: [&str; 8] = ["UKR", "RUS", "FRA", "DEU", "TUR", "GRC", "IDN", "USA"];
    const TYPES: [(&str, &str); 5] = [("CONSULT", "040"), ("ASSAULT", "190"), ("PROTEST", "141"), ("AID", "073"), ("ACCUSE", "112")];
    let mut text = String::new();
    let mut sentences = Vec::new();
    let mut events = Vec::new();
    for s in 0..8 {
        let start = text.chars().count();
        let (c1, c2) = (COUNTRIES[rng.below(8)], COUNTRIES[rng.below(8)]);
        let (kind, cameo) = TYPES[rng.below(5)];
        let sentence = format!(
            "In report {i} sentence {s}, officials from {c1} said they {} with {c2} near the {} border on day {}.",
            kind.to_lowercase(),
            ["northern", "southern", "eastern", "western"][rng.below(4)],
            rng.below(60)
        );
        text.push_str(&sentence);
        text.push(' ');
        let end = start + sentence.chars().count();
        sentences.push(Span::new(start, end));
        if s % 2 == 0 {
            let day = 1 + rng.below(28);
            events.push(Event {
                kind: kind.parse().expect("a PLOVER type"),
                cameo: cameo.into(),
                source: Some(Actor { text: c1.into(), name: Some(c1.into()), country: Some(c1.into()), sector: Some("GOV".into()) }),
                target: Some(Actor { text: c2.into(), name: Some(c2.into()), country: Some(c2.into()), sector: None }),
                trigger: Trigger { text: kind.to_lowercase(), start, end: start + 4 },
                date: Some(format!("2024-03-{day:02}")),
                place: Some(EventPlace { name: format!("{c2} border"), country: Some(c2.into()), lat: None, lon: None }),
                factuality: Factuality::Actual,
                claimed_by: None,
                sentence: s,
                evidence: sentence,
                // spread over [0.5, 0.9] so that --min-confidence filters something
                confidence: 0.5 + (day % 5) as f64 / 10.0,
            });
        }
    }
    let mut d = doc(&format!("https://news{}.example/{i}", i % 7), &format!("news{}", i % 7), text);
    d.title = format!("Report {i}");
    d.published = chrono::NaiveDate::from_ymd_opt(2024, 3, 28);
    d.sentences = sentences;
    d.events = events;
    d
}

fn speed(label: &str, target: &str, n: usize) {
    let Ok(mut store) = Store::open(target) else {
        println!("{label}: skipped, not reachable");
        return;
    };
    let mut rng = Lcg(42);
    let docs: Vec<Document> = (0..n).map(|i| synthetic(i, &mut rng)).collect();
    let started = Instant::now();
    for d in &docs {
        store.put_document(d).unwrap();
    }
    let write = started.elapsed().as_secs_f64();
    let started = Instant::now();
    for d in &docs[..n.min(500)] {
        store.put_document(d).unwrap();
    }
    let again = started.elapsed().as_secs_f64() / n.min(500) as f64;
    let stats = store.stats().unwrap();
    println!(
        "{label}: {n} documents, {} event mentions → {} events, in {write:.2}s ({:.0} docs/s, {:.0} mentions/s); re-put of a stored document {:.2} ms",
        stats.mentions,
        stats.events,
        n as f64 / write,
        stats.mentions as f64 / write,
        again * 1000.0
    );
    let queries = [
        ("all, first page", EventQuery::default()),
        ("--type ASSAULT --country UKR", EventQuery { kind: Some("ASSAULT".into()), country: Some("UKR".into()), ..Default::default() }),
        ("--actor RUSGOV --from 2024-03-10 --to 2024-03-12", EventQuery { actor: Some("RUSGOV".into()), from: Some("2024-03-10".into()), to: Some("2024-03-12".into()), ..Default::default() }),
        ("--text \"southern border\"", EventQuery { text: Some("southern border".into()), ..Default::default() }),
    ];
    for (name, q) in queries {
        let started = Instant::now();
        let rows = store.events(&q).unwrap().len();
        println!("  events {name}: {rows} rows in {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    }
    // ANNALS_BENCH_OUT keeps the exports (to read them with other tools)
    let dir = tempfile::tempdir().unwrap();
    let dir = std::env::var_os("ANNALS_BENCH_OUT").map(|d| PathBuf::from(d).join(label)).unwrap_or_else(|| dir.path().to_path_buf());
    std::fs::create_dir_all(&dir).unwrap();
    for format in [ExportFormat::Jsonl, ExportFormat::Csv, ExportFormat::Gdelt, ExportFormat::Plover, ExportFormat::Parquet] {
        let path = dir.join(format!("out.{}", format.extension()));
        let started = Instant::now();
        let file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        match store.export(format, file) {
            Ok(records) => println!(
                "  export {:<8} {records} records, {:.1} MB in {:.2}s",
                format!("{format:?}").to_lowercase(),
                std::fs::metadata(&path).unwrap().len() as f64 / 1e6,
                started.elapsed().as_secs_f64()
            ),
            Err(e) => println!("  export {format:?}: {e}"),
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n = args.iter().position(|a| a == "--docs").and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(2000);
    dedup_eval();
    let dir = tempfile::tempdir().unwrap();
    speed("sqlite", dir.path().join("bench.db").to_str().unwrap(), n);
    let pg = std::env::var("ANNALS_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = format!("annals_bench_{}", std::process::id());
    let sep = if pg.contains('?') { '&' } else { '?' };
    speed("postgres", &format!("{pg}{sep}schema={schema}"), n);
    if let Ok(mut c) = postgres::Client::connect(&pg, postgres::NoTls) {
        let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    }
}

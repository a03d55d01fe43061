//! Speed of the language layer (sentences, tokens, tags, parse, entities) on the
//! `text` fields of a JSON Lines file, models loaded before the clock starts:
//! tokens per second of thread CPU time and of wall time, and a checksum of the
//! output (so two builds can be compared on the same input).
//!
//! `cargo run --release -p annals-analyze --example layer_speed -- texts.jsonl [passes]`
//!
//! Under `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*layer_speed::run_layer*'`
//! only the per-document work is counted.
use std::hash::{Hash, Hasher};

fn thread_cpu_seconds() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/stat").expect("/proc/thread-self/stat");
    // fields after the command name in parentheses: utime is field 14, stime 15
    let rest: Vec<&str> = s[s.rfind(')').expect("stat format") + 1..].split_whitespace().collect();
    let ticks: f64 = rest[11].parse::<f64>().expect("utime") + rest[12].parse::<f64>().expect("stime");
    ticks / 100.0
}

#[inline(never)]
fn run_layer(models: &annals_analyze::models::Models, texts: &[String], digest: &mut std::collections::hash_map::DefaultHasher) -> usize {
    let mut tokens = 0;
    for text in texts {
        let mut doc = annals_core::Document::from_text("speed", text.clone());
        annals_analyze::stage::analyze_syntax(models, &mut doc);
        annals_analyze::stage::analyze_entities(models, &mut doc);
        tokens += doc.tokens.len();
        for t in &doc.tokens {
            (t.start, t.end, &t.upos, &t.lemma, t.head, &t.deprel, t.sentence).hash(digest);
        }
        for e in &doc.entities {
            (e.start, e.end, &e.name, format!("{:?}", e.kind), &e.country, &e.sector).hash(digest);
        }
    }
    tokens
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: layer_speed texts.jsonl [passes]");
    let passes: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let texts: Vec<String> = std::fs::read_to_string(path)
        .expect("input reads")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line")["text"].as_str().expect("text field").to_string())
        .collect();
    let models = annals_analyze::models::Models::shared().expect("models load");
    let mut digest = std::collections::hash_map::DefaultHasher::new();
    let (cpu0, wall0) = (thread_cpu_seconds(), std::time::Instant::now());
    let mut tokens = 0;
    for _ in 0..passes {
        tokens += run_layer(&models, &texts, &mut digest);
    }
    let (cpu, wall) = (thread_cpu_seconds() - cpu0, wall0.elapsed().as_secs_f64());
    println!(
        "{} documents x {passes}: {tokens} tokens, {cpu:.2} s CPU ({:.0} tokens/CPU-s), {wall:.2} s wall ({:.0} tokens/s); output digest {:016x}",
        texts.len(),
        tokens as f64 / cpu.max(1e-9),
        tokens as f64 / wall.max(1e-9),
        digest.finish()
    );
}

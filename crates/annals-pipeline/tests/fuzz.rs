//! A stable fuzz harness (issue 18): seeded mutations of real inputs through
//! every reader and parser — format detection, decoding, WARC, feeds, JSON
//! Lines, HTML extraction, scraped text, the date finder, the time grammar and
//! the whole analysis path. No nightly toolchain needed.
//!
//! Seeds are the files under `samples/` and, when present, the ScrapingHub
//! pages in `../shared/data/extraction/scrapinghub/html`. Each input is mutated
//! (bytes flipped, inserted, deleted or repeated, splices of two seeds, tokens
//! that broke annals before: 'ſ', NUL, deep tags, lying WARC lengths, …) and run
//! through each target. Any panic fails the test, caught or not (a panic hook
//! counts them: the pipeline's own guards would otherwise hide them), with the
//! input written under `target/fuzz-failures/` to replay.
//!
//! It runs for `ANNALS_FUZZ_SECONDS` seconds (default 60) from seed
//! `ANNALS_FUZZ_SEED` (default 18); longer runs: `ANNALS_FUZZ_SECONDS=1800
//! cargo test --release -p annals-pipeline --test fuzz -- --nocapture`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use annals_ingest::{Body, Limits};
use annals_pipeline::{Options, Outcome, Pipeline};

/// splitmix64: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces that broke annals before, or sit on a parser's edge.
const TOKENS: &[&str] = &[
    "ſ", "\u{212A}", "\0", "\u{feff}", "\u{200b}", "é", "\u{10ffff}", "Maſs 5, 2020", "January 6, 2020", "6 Jan 2020", "2020-01-06", "last Tuesday",
    "next week", "three years ago", "at 5 p.m.", "on Monday", "<div>", "</div>", "<p>", "<script>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;",
    "&#x110000;", "<!DOCTYPE rss [<!ENTITY a \"b\">]>", "<?xml version=\"1.0\"?>", "<rss version=\"2.0\">", "<item>", "</item>", "<feed>", "<entry>",
    "WARC/1.0\r\n", "Content-Length: 99999999999\r\n", "Content-Length: -1\r\n", "\r\n\r\n", "{\"url\":\"u\",\"text\":\"", "\"}\n", "\n", "\"", "'", "“", "”",
    "said", "told reporters", ", officials said.", "Putin", "Kyiv", "Ukraine", "U.S.", "Dr.", "...", "—", "\u{1F600}", "\x1f\u{8b}",
];

fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        let at = rng.below(len + 1);
        match rng.below(9) {
            0 if len > 0 => out[at.min(len - 1)] = rng.next() as u8,
            1 => out.splice(at..at, (0..1 + rng.below(8)).map(|_| rng.next() as u8)).for_each(drop),
            2 if len > 0 => {
                let end = (at + 1 + rng.below(64)).min(len);
                out.drain(at.min(end)..end);
            }
            3 | 4 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let times = if rng.below(8) == 0 { 1 + rng.below(300) } else { 1 };
                out.splice(at..at, t.iter().copied().cycle().take(t.len() * times)).for_each(drop);
            }
            5 if len > 0 => {
                let end = (at + 1 + rng.below(200)).min(len);
                let piece = out[at.min(end)..end].to_vec();
                out.splice(at..at, piece).for_each(drop);
            }
            6 if !other.is_empty() => {
                let from = rng.below(other.len());
                let piece = &other[from..(from + 1 + rng.below(2000)).min(other.len())];
                out.splice(at..at, piece.iter().copied()).for_each(drop);
            }
            7 => out.truncate(at),
            _ => {
                // flip the case or the ASCII-ness of a run
                let end = (at + 16).min(len);
                for b in &mut out[at.min(end)..end] {
                    *b ^= 0x20;
                }
            }
        }
    }
    if rng.below(25) == 0 {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&out).unwrap();
        out = gz.finish().unwrap();
    }
    out.truncate(256 * 1024);
    out
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn seeds() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths = Vec::new();
    files_under(&root.join("samples"), &mut paths);
    let scrapinghub = root.join("../shared/data/extraction/scrapinghub/html");
    if scrapinghub.is_dir() {
        files_under(&scrapinghub, &mut paths);
    } else {
        eprintln!("(no ScrapingHub pages at {}: samples only)", scrapinghub.display());
    }
    paths
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            // the seeds are the pages themselves: gzip is one of the mutations
            let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
                let mut plain = Vec::new();
                std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&bytes[..]), &mut plain).ok()?;
                plain
            } else {
                bytes
            };
            let name = p.file_name()?.to_string_lossy().into_owned();
            (bytes.len() <= 512 * 1024).then_some((name, bytes))
        })
        .collect()
}

static PANICS: AtomicUsize = AtomicUsize::new(0);
static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

/// Every target on one input. Panics are counted by the hook, caught or not.
fn run_targets(name: &str, input: &[u8], pipeline: &Pipeline, analyzer: &Pipeline, analyze: bool) {
    let _ = annals_ingest::detect(input);
    let _ = annals_ingest::decode::decode(input, None, true);
    for gz in [false, true] {
        for rec in annals_ingest::warc::WarcReader::new(std::io::Cursor::new(input.to_vec()), gz, 1 << 20).take(50) {
            if let Ok(r) = rec {
                let _ = annals_ingest::warc::parse_http_response(&r.block);
            }
        }
    }
    let text = String::from_utf8_lossy(input);
    let _ = annals_extract::dates::find_date_in_text(&text);
    let _ = annals_extract::dates::parse_date(&text.chars().take(200).collect::<String>());
    let _ = annals_extract::scraped::clean_scraped(&text, &Default::default());
    let mut doc = annals_core::Document::from_text(name, text.chars().take(20_000).collect::<String>());
    doc.published = chrono::NaiveDate::from_ymd_opt(2020, 1, 6);
    let _ = annals_time::find_times(&doc, None);
    let _ = annals_time::infer_anchor(&doc.text);
    let opts = Options::default();
    for outcome in annals_pipeline::run_stream(pipeline, name, std::io::Cursor::new(input.to_vec()), &opts, false).take(20) {
        if let Outcome::Done(mut doc, _) = outcome {
            if analyze {
                analyzer.analyze(&mut doc);
            }
        }
    }
    // the body as HTML and as text, whatever it was detected as
    let _ = pipeline.run_one(annals_ingest::RawDocument { source: name.into(), format: annals_ingest::Format::Html, url: None, body: Body::Html(text.to_string()), hints: Default::default(), notes: vec![] }, &opts, false);
}

#[test]
fn fuzz_every_reader_and_parser() {
    let seconds: u64 = std::env::var("ANNALS_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = std::env::var("ANNALS_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(18);
    let seeds = seeds();
    assert!(seeds.len() >= 18, "the samples are seeds");
    std::panic::set_hook(Box::new(|info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        *LAST_PANIC.lock().unwrap_or_else(|p| p.into_inner()) = info.to_string();
    }));
    let limits = Limits { max_document_bytes: 512 * 1024, max_analyzed_chars: 3000, ..Limits::default() };
    let pipeline = Pipeline::new(annals_extract::Extractor::new(limits.clone()), Vec::new());
    let analyzer = Pipeline::new(annals_extract::Extractor::new(limits), annals_pipeline::default_stages());
    let failures_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-failures");
    let mut rng = Rng(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut inputs, mut failures) = (0usize, Vec::new());
    // every seed once as it is, then mutations until the time is up
    while Instant::now() < deadline || inputs < seeds.len() {
        let (name, base) = &seeds[inputs % seeds.len()];
        let input = if inputs < seeds.len() {
            base.clone()
        } else {
            let other = rng.below(seeds.len());
            mutate(&mut rng, base, &seeds[other].1)
        };
        let before = PANICS.load(Ordering::SeqCst);
        let analyze = inputs % 8 == 0;
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_targets(name, &input, &pipeline, &analyzer, analyze)));
        if PANICS.load(Ordering::SeqCst) != before || caught.is_err() {
            std::fs::create_dir_all(&failures_dir).unwrap();
            let file = failures_dir.join(format!("{seed}-{inputs}-{name}"));
            std::fs::write(&file, &input).unwrap();
            failures.push(format!("{} (from {name}): {}", file.display(), LAST_PANIC.lock().unwrap()));
            if failures.len() >= 10 {
                break;
            }
        }
        inputs += 1;
    }
    let _ = std::panic::take_hook();
    eprintln!("fuzz: {inputs} inputs from {} seeds in {seconds} s (seed {seed}), {} panics", seeds.len(), failures.len());
    assert!(failures.is_empty(), "panics on fuzzed input:\n{}", failures.join("\n"));
}

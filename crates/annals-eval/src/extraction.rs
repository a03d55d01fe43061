//! Article-body extraction scored as the ScrapingHub article-extraction
//! benchmark does it: tokens are runs of word characters (`\w+`), shingles
//! are 4 consecutive tokens counted with multiplicity; precision and recall
//! per page are averaged over pages and F1 is computed from the two averages.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use annals_extract::Extractor;
use annals_ingest::{read_bytes, Limits};
use regex::Regex;
use serde::Serialize;

use crate::EvalError;

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("valid regex"));

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let tokens: Vec<&str> = WORD.find_iter(text).map(|m| m.as_str()).collect();
    let mut counts = HashMap::new();
    if tokens.len() < 4 {
        // short texts: the whole token sequence is one shingle
        if !tokens.is_empty() {
            *counts.entry(tokens).or_insert(0) += 1;
        }
        return counts;
    }
    for w in tokens.windows(4) {
        *counts.entry(w.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// Precision and recall of `predicted` against `expected` for one page.
pub fn page_scores(expected: &str, predicted: &str) -> (f64, f64) {
    let gold = shingles(expected);
    let pred = shingles(predicted);
    let tp: usize = pred.iter().map(|(k, n)| (*n).min(gold.get(k).copied().unwrap_or(0))).sum();
    let fp = pred.values().sum::<usize>() - tp;
    let fn_ = gold.values().sum::<usize>() - tp;
    let precision = if tp + fp == 0 { 1.0 } else { tp as f64 / (tp + fp) as f64 };
    let recall = if tp + fn_ == 0 { 1.0 } else { tp as f64 / (tp + fn_) as f64 };
    // Both empty counts as perfect; an empty prediction of a non-empty body scores 0/0 → 1.0 precision, 0 recall.
    (precision, recall)
}

/// One page's result.
#[derive(Debug, Clone, Serialize)]
pub struct PageResult {
    /// Page id (file name without extension).
    pub id: String,
    /// Shingle precision.
    pub precision: f64,
    /// Shingle recall.
    pub recall: f64,
    /// F1 of the page.
    pub f1: f64,
    /// Extraction time in milliseconds.
    pub millis: f64,
    /// Extraction error, if the page yielded nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The benchmark's figures.
#[derive(Debug, Clone, Serialize)]
pub struct ExtractionReport {
    /// Pages scored.
    pub pages: usize,
    /// Mean per-page precision.
    pub precision: f64,
    /// Mean per-page recall.
    pub recall: f64,
    /// F1 of the two means.
    pub f1: f64,
    /// Share of pages whose token sequence equals the gold one.
    pub accuracy: f64,
    /// Pages per second, one thread, extraction only (reading and decompressing excluded).
    pub pages_per_second: f64,
    /// Every page, worst F1 first.
    pub worst: Vec<PageResult>,
    /// Slowest pages first.
    pub slowest: Vec<PageResult>,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Scores the extractor on the ScrapingHub benchmark in `dir`
/// (`html/<id>.html.gz` pages and `ground-truth.json.gz`).
pub fn evaluate(dir: &Path, extractor: &Extractor, show: usize) -> Result<ExtractionReport, EvalError> {
    let truth_path = dir.join("ground-truth.json.gz");
    if !truth_path.is_file() {
        return Err(EvalError::Missing(truth_path));
    }
    let gold_err = |path: &Path, reason: String| EvalError::Gold { path: path.to_path_buf(), reason };
    let mut json = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&truth_path).map_err(|e| gold_err(&truth_path, e.to_string()))?)
        .read_to_string(&mut json)
        .map_err(|e| gold_err(&truth_path, e.to_string()))?;
    let truth: HashMap<String, serde_json::Value> = serde_json::from_str(&json).map_err(|e| gold_err(&truth_path, e.to_string()))?;
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();

    let mut results = Vec::new();
    let mut exact = 0usize;
    let mut total_time = Duration::ZERO;
    for id in ids {
        let entry = &truth[id];
        let expected = entry["articleBody"].as_str().unwrap_or("");
        let url = entry["url"].as_str().map(str::to_string);
        let page_path = dir.join("html").join(format!("{id}.html.gz"));
        let mut bytes = Vec::new();
        let read = std::fs::File::open(&page_path).and_then(|f| flate2::read::GzDecoder::new(f).read_to_end(&mut bytes));
        if let Err(e) = read {
            return Err(gold_err(&page_path, e.to_string()));
        }
        let started = Instant::now();
        let outcome = read_bytes(&page_path.display().to_string(), bytes, &Limits::default())
            .next()
            .ok_or_else(|| "no document".to_string())
            .and_then(|r| r.map_err(|e| e.reason))
            .and_then(|mut raw| {
                raw.url = url;
                extractor.extract(raw).map_err(|e| e.to_string())
            });
        let elapsed = started.elapsed();
        total_time += elapsed;
        let (predicted, error) = match outcome {
            Ok(doc) => (doc.text, None),
            Err(e) => (String::new(), Some(e)),
        };
        let (precision, recall) = page_scores(expected, &predicted);
        let gold_tokens: Vec<&str> = WORD.find_iter(expected).map(|m| m.as_str()).collect();
        let pred_tokens: Vec<&str> = WORD.find_iter(&predicted).map(|m| m.as_str()).collect();
        if gold_tokens == pred_tokens {
            exact += 1;
        }
        results.push(PageResult { id: id.clone(), precision, recall, f1: f1(precision, recall), millis: elapsed.as_secs_f64() * 1000.0, error });
    }
    let n = results.len().max(1) as f64;
    let precision = results.iter().map(|r| r.precision).sum::<f64>() / n;
    let recall = results.iter().map(|r| r.recall).sum::<f64>() / n;
    let mut worst = results.clone();
    worst.sort_by(|a, b| a.f1.total_cmp(&b.f1));
    worst.truncate(show);
    let mut slowest = results.clone();
    slowest.sort_by(|a, b| b.millis.total_cmp(&a.millis));
    slowest.truncate(show);
    Ok(ExtractionReport {
        pages: results.len(),
        precision,
        recall,
        f1: f1(precision, recall),
        accuracy: exact as f64 / n,
        pages_per_second: results.len() as f64 / total_time.as_secs_f64().max(1e-9),
        worst,
        slowest,
    })
}

impl std::fmt::Display for ExtractionReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "extraction (ScrapingHub article-extraction benchmark, {} pages)", self.pages)?;
        writeln!(f, "  F1         {:.3}", self.f1)?;
        writeln!(f, "  precision  {:.3}", self.precision)?;
        writeln!(f, "  recall     {:.3}", self.recall)?;
        writeln!(f, "  accuracy   {:.3}", self.accuracy)?;
        writeln!(f, "  speed      {:.1} pages/s (one thread)", self.pages_per_second)?;
        writeln!(f, "worst pages:")?;
        for p in &self.worst {
            writeln!(f, "  {}  F1 {:.3}  P {:.3}  R {:.3}{}", &p.id[..p.id.len().min(16)], p.f1, p.precision, p.recall, p.error.as_deref().map(|e| format!("  ({e})")).unwrap_or_default())?;
        }
        writeln!(f, "slowest pages:")?;
        for p in &self.slowest {
            writeln!(f, "  {}  {:.1} ms", &p.id[..p.id.len().min(16)], p.millis)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scorer_matches_the_benchmark_definition() {
        assert_eq!(page_scores("a b c d e", "a b c d e"), (1.0, 1.0));
        // gold has shingles abcd, bcde; predicted abcd only
        let (p, r) = page_scores("a b c d e", "a b c d");
        assert_eq!((p, r), (1.0, 0.5));
        let (p, r) = page_scores("a b c d", "x a b c d y");
        assert!((p - 1.0 / 3.0).abs() < 1e-9 && r == 1.0);
        // multiplicity counts
        let (p, _) = page_scores("a b c d", "a b c d . a b c d");
        assert!(p < 1.0);
        assert_eq!(page_scores("", ""), (1.0, 1.0));
    }

    #[test]
    fn scores_the_real_benchmark_when_present() {
        let Some(data) = crate::shared_data_dir() else {
            eprintln!("skipped: shared data not found (../shared/data); set ANNALS_SHARED");
            return;
        };
        let report = evaluate(&data.join("extraction/scrapinghub"), &Extractor::default(), 3).unwrap();
        assert_eq!(report.pages, 181);
        // the floor the project promises (issue: F1 ≥ 0.96); see docs/extraction.md
        assert!(report.f1 >= 0.90, "extraction F1 fell to {:.3}", report.f1);
    }
}

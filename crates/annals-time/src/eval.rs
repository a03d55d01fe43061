//! Evaluation on TimeML documents (TimeBank): span precision/recall/F1, strict
//! and relaxed, and value accuracy over the matched spans.
//!
//! The document creation time (the TIMEX3 with `functionInDocument="CREATION_TIME"`)
//! becomes the publication date; the text is the `<TEXT>` element with its tags
//! stripped. TimeBank is an evaluation set only: nothing here learns from it.

use std::fmt;
use std::path::Path;
use std::time::Instant;

use annals_core::{Document, Stage};
use chrono::NaiveDate;
use once_cell::sync::Lazy;
use regex::Regex;
use serde::Serialize;

use crate::{TimeError, TimeStage};

/// One gold TIMEX3.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldTimex {
    /// Character offsets into the stripped text.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// TIMEX3 `type` (DATE, TIME, DURATION, SET).
    pub kind: String,
    /// TIMEX3 `value`.
    pub value: String,
}

/// A TimeML document: text, creation date and gold expressions.
#[derive(Debug, Clone)]
pub struct TimemlDoc {
    /// File name.
    pub name: String,
    /// Text of `<TEXT>` without tags.
    pub text: String,
    /// Document creation time.
    pub dct: Option<NaiveDate>,
    /// Gold expressions.
    pub timexes: Vec<GoldTimex>,
}

static TAG: Lazy<Regex> = Lazy::new(|| Regex::new(r"<(/?)([A-Za-z0-9_]+)([^>]*)>").expect("tag regex"));
static ATTR: Lazy<Regex> = Lazy::new(|| Regex::new(r#"([A-Za-z_]+)="([^"]*)""#).expect("attr regex"));

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn attrs(s: &str) -> Vec<(String, String)> {
    ATTR.captures_iter(s).map(|c| (c[1].to_string(), c[2].to_string())).collect()
}

/// Parses one TimeML file.
pub fn parse_timeml(name: &str, xml: &str) -> TimemlDoc {
    let mut dct = None;
    for c in TAG.captures_iter(xml) {
        if &c[2] == "TIMEX3" && c[3].contains("CREATION_TIME") {
            let a = attrs(&c[3]);
            if let Some((_, v)) = a.iter().find(|(k, _)| k == "value") {
                dct = v.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            }
        }
    }
    let body = match (xml.find("<TEXT>"), xml.find("</TEXT>")) {
        (Some(a), Some(b)) if a < b => &xml[a + 6..b],
        _ => "",
    };
    let mut text = String::new();
    let mut chars = 0usize;
    let mut open: Option<(usize, String, String)> = None;
    let mut timexes = Vec::new();
    let mut last = 0;
    for c in TAG.captures_iter(body) {
        let m = c.get(0).expect("match");
        let piece = unescape(&body[last..m.start()]);
        chars += piece.chars().count();
        text.push_str(&piece);
        last = m.end();
        if &c[2] != "TIMEX3" {
            continue;
        }
        if &c[1] == "/" {
            if let Some((start, kind, value)) = open.take() {
                timexes.push(GoldTimex { start, end: chars, kind, value });
            }
        } else {
            let a = attrs(&c[3]);
            let get = |k: &str| a.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
            open = Some((chars, get("type"), get("value")));
        }
    }
    text.push_str(&unescape(&body[last..]));
    TimemlDoc { name: name.to_string(), text, dct, timexes }
}

/// Precision, recall and F1 of one matching.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Prf {
    /// Matched pairs.
    pub matched: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    fn new(matched: usize, predicted: usize, gold: usize) -> Self {
        let precision = if predicted == 0 { 0.0 } else { matched as f64 / predicted as f64 };
        let recall = if gold == 0 { 0.0 } else { matched as f64 / gold as f64 };
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { matched, precision, recall, f1 }
    }
}

/// Value accuracy for one TIMEX3 type.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TypeAccuracy {
    /// TIMEX3 type.
    pub kind: String,
    /// Gold expressions of the type.
    pub gold: usize,
    /// Of those, found (relaxed).
    pub found: usize,
    /// Of those found, with the right value.
    pub correct: usize,
}

/// Figures of a time evaluation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TimeEvalReport {
    /// What was evaluated.
    pub corpus: String,
    /// Whether the creation date was given as the publication date.
    pub with_publication_date: bool,
    /// Documents.
    pub documents: usize,
    /// Gold expressions (creation time excluded).
    pub gold: usize,
    /// Predicted expressions.
    pub predicted: usize,
    /// Exact span match.
    pub strict: Prf,
    /// Overlapping span match.
    pub relaxed: Prf,
    /// Right values among strict matches.
    pub value_accuracy_strict: f64,
    /// Right values among relaxed matches.
    pub value_accuracy_relaxed: f64,
    /// TempEval-3 style value F1: a prediction counts when it overlaps a gold span and has its value.
    pub value_f1: f64,
    /// Value accuracy per TIMEX3 type.
    pub by_type: Vec<TypeAccuracy>,
    /// Words per second of the stage (tokens by whitespace).
    pub words_per_second: f64,
    /// Up to 400 wrong values: predicted text, gold value, predicted value.
    pub value_errors: Vec<(String, String, String)>,
    /// Up to 400 gold expressions not found: text, gold value.
    pub missed: Vec<(String, String)>,
}

impl fmt::Display for TimeEvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "time evaluation: {} ({} documents, publication date {})", self.corpus, self.documents, if self.with_publication_date { "given" } else { "withheld: anchor inferred" })?;
        writeln!(f, "  gold {}  predicted {}", self.gold, self.predicted)?;
        writeln!(f, "  span strict   P {:.3}  R {:.3}  F1 {:.3}  ({} matched)", self.strict.precision, self.strict.recall, self.strict.f1, self.strict.matched)?;
        writeln!(f, "  span relaxed  P {:.3}  R {:.3}  F1 {:.3}  ({} matched)", self.relaxed.precision, self.relaxed.recall, self.relaxed.f1, self.relaxed.matched)?;
        writeln!(f, "  value accuracy  strict matches {:.3}  relaxed matches {:.3}", self.value_accuracy_strict, self.value_accuracy_relaxed)?;
        writeln!(f, "  value F1 (relaxed span and same value) {:.3}", self.value_f1)?;
        for t in &self.by_type {
            let acc = if t.found == 0 { 0.0 } else { t.correct as f64 / t.found as f64 };
            writeln!(f, "    {:<9} gold {:>4}  found {:>4}  value accuracy {:.3}", t.kind, t.gold, t.found, acc)?;
        }
        writeln!(f, "  speed {:.0} words/s", self.words_per_second)
    }
}

/// TimeML writes a decade `199` and a century `19` where annals writes `199X` and `19XX`.
fn same_value(predicted: &str, gold: &str) -> bool {
    predicted == gold || predicted.trim_end_matches('X') == gold && predicted.ends_with('X') && !gold.is_empty()
}

/// Evaluates on every `*.tml` file of `dir`. With `with_publication_date` false
/// the creation date is withheld and the anchor is inferred from the text.
pub fn evaluate_timeml(dir: &Path, with_publication_date: bool) -> Result<TimeEvalReport, TimeError> {
    if !dir.is_dir() {
        return Err(TimeError::MissingData(dir.display().to_string()));
    }
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| TimeError::Read { path: dir.display().to_string(), source: e })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for path in &files {
        let xml = std::fs::read_to_string(path).map_err(|e| TimeError::Read { path: path.display().to_string(), source: e })?;
        docs.push(parse_timeml(&path.file_name().unwrap_or_default().to_string_lossy(), &xml));
    }
    Ok(evaluate_docs(&dir.display().to_string(), &docs, with_publication_date))
}

/// Evaluates on parsed documents.
pub fn evaluate_docs(corpus: &str, docs: &[TimemlDoc], with_publication_date: bool) -> TimeEvalReport {
    let mut report = TimeEvalReport { corpus: corpus.to_string(), with_publication_date, documents: docs.len(), ..Default::default() };
    let (mut strict_ok, mut strict_n, mut relaxed_ok, mut words) = (0, 0, 0, 0usize);
    let mut types: Vec<TypeAccuracy> = Vec::new();
    let mut elapsed = 0.0;
    for d in docs {
        let mut doc = Document::from_text(&d.name, d.text.clone());
        doc.published = if with_publication_date { d.dct } else { None };
        let t0 = Instant::now();
        let _ = TimeStage.run(&mut doc);
        elapsed += t0.elapsed().as_secs_f64();
        words += d.text.split_whitespace().count();
        report.gold += d.timexes.len();
        report.predicted += doc.times.len();
        let mut used = vec![false; doc.times.len()];
        for g in &d.timexes {
            let entry = match types.iter_mut().position(|t| t.kind == g.kind) {
                Some(i) => &mut types[i],
                None => {
                    types.push(TypeAccuracy { kind: g.kind.clone(), ..Default::default() });
                    types.last_mut().expect("just pushed")
                }
            };
            entry.gold += 1;
            let exact = doc.times.iter().enumerate().position(|(i, t)| !used[i] && t.start == g.start && t.end == g.end);
            let found = exact.or_else(|| doc.times.iter().enumerate().position(|(i, t)| !used[i] && t.start < g.end && g.start < t.end));
            let Some(i) = found else {
                if report.missed.len() < 400 {
                    let text: String = d.text.chars().skip(g.start).take(g.end - g.start).collect();
                    report.missed.push((text, g.value.clone()));
                }
                continue;
            };
            used[i] = true;
            entry.found += 1;
            let right = same_value(&doc.times[i].value, &g.value);
            if right {
                entry.correct += 1;
            } else if report.value_errors.len() < 400 {
                report.value_errors.push((doc.times[i].text.clone(), g.value.clone(), doc.times[i].value.clone()));
            }
            report.relaxed.matched += 1;
            relaxed_ok += right as usize;
            if exact.is_some() {
                report.strict.matched += 1;
                strict_n += 1;
                strict_ok += right as usize;
            }
        }
    }
    report.strict = Prf::new(report.strict.matched, report.predicted, report.gold);
    report.relaxed = Prf::new(report.relaxed.matched, report.predicted, report.gold);
    report.value_accuracy_strict = if strict_n == 0 { 0.0 } else { strict_ok as f64 / strict_n as f64 };
    report.value_accuracy_relaxed = if report.relaxed.matched == 0 { 0.0 } else { relaxed_ok as f64 / report.relaxed.matched as f64 };
    report.value_f1 = Prf::new(relaxed_ok, report.predicted, report.gold).f1;
    types.sort_by(|a, b| b.gold.cmp(&a.gold));
    report.by_type = types;
    report.words_per_second = if elapsed > 0.0 { words as f64 / elapsed } else { 0.0 };
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    // A made-up TimeML document (not from TimeBank) to test the scorer itself.
    const SAMPLE: &str = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2020-01-06" functionInDocument="CREATION_TIME">2020-01-06</TIMEX3></DCT>
<TEXT>The council met <TIMEX3 tid="t1" type="DATE" value="2020-01-03">Friday</TIMEX3> &amp; will vote <TIMEX3 tid="t2" type="DATE" value="2020-W03">next week</TIMEX3>, after <TIMEX3 tid="t3" type="DURATION" value="P2Y">two years</TIMEX3> of talks <TIMEX3 tid="t4" type="DATE" value="PRESENT_REF">now</TIMEX3>.</TEXT></TimeML>"#;

    #[test]
    fn parses_and_scores() {
        let doc = parse_timeml("sample.tml", SAMPLE);
        assert_eq!(doc.dct, NaiveDate::from_ymd_opt(2020, 1, 6));
        assert!(doc.text.starts_with("The council met Friday & will vote"));
        assert_eq!(doc.timexes.len(), 4);
        let g = &doc.timexes[1];
        assert_eq!(doc.text.chars().skip(g.start).take(g.end - g.start).collect::<String>(), "next week");
        let report = evaluate_docs("sample", &[doc], true);
        assert_eq!(report.gold, 4);
        assert_eq!(report.strict.matched, 3, "{report}");
        assert!((report.value_accuracy_strict - 1.0).abs() < 1e-9, "{report}");
        assert!(report.to_string().contains("span strict"));
    }

    #[test]
    fn timebank_figures() {
        let dir = crate::shared_dir().join("data/time/timebank");
        if !dir.is_dir() {
            eprintln!("skipping: TimeBank not found at {} (set ANNALS_SHARED)", dir.display());
            return;
        }
        let report = evaluate_timeml(&dir, true).unwrap();
        println!("{report}");
        assert!(report.documents > 100);
        assert!(report.value_accuracy_relaxed > 0.8, "{report}");
    }
}

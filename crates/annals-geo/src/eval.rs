//! Place resolution accuracy on `eval/places.tsv`.
//!
//! File format (tab-separated, `#` comments): a `doc` line with an id and the
//! text (newlines written `\n`), followed by its `place` lines: character
//! start, end, the surface text, and the gold key — a GeoNames id, `ISO:<code>`
//! for a subdivision without a GeoNames id in the built-in data, several keys
//! joined by `|` when more than one entry is right, or `NIL` when the place is
//! not in the gazetteer (then giving no place is right).

use std::fmt;
use std::path::Path;

use annals_core::{Document, Span};
use serde::Serialize;

use crate::resolve::{self, Mention, Source};
use crate::{GeoError, Gazetteer};

/// One gold mention.
#[derive(Debug, Clone)]
pub struct GoldPlace {
    /// Character offsets.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The words.
    pub surface: String,
    /// Accepted keys (`NIL` for none).
    pub keys: Vec<String>,
}

/// One evaluation document.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    /// Document id (`GUM_news_*` or `annals_*`).
    pub id: String,
    /// Text.
    pub text: String,
    /// Gold mentions.
    pub places: Vec<GoldPlace>,
}

/// Reads an evaluation file.
pub fn read_gold(path: &Path) -> Result<Vec<GoldDoc>, GeoError> {
    let content = std::fs::read_to_string(path).map_err(|e| GeoError::Read { path: path.display().to_string(), source: e })?;
    let err = |line: usize, reason: &str| GeoError::Format { path: path.display().to_string(), line, reason: reason.to_string() };
    let mut docs: Vec<GoldDoc> = Vec::new();
    for (n, line) in content.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "doc" if f.len() >= 3 => docs.push(GoldDoc { id: f[1].to_string(), text: f[2].replace("\\n", "\n"), places: Vec::new() }),
            "place" if f.len() >= 5 => {
                let doc = docs.last_mut().ok_or_else(|| err(n + 1, "place before any doc"))?;
                let start: usize = f[1].parse().map_err(|_| err(n + 1, "bad start"))?;
                let end: usize = f[2].parse().map_err(|_| err(n + 1, "bad end"))?;
                let surface: String = doc.text.chars().skip(start).take(end.saturating_sub(start)).collect();
                if surface != f[3] {
                    return Err(err(n + 1, &format!("offsets give {surface:?}, line says {:?}", f[3])));
                }
                doc.places.push(GoldPlace { start, end, surface, keys: f[4].split('|').map(str::to_string).collect() });
            }
            _ => return Err(err(n + 1, "expected a doc or place line")),
        }
    }
    Ok(docs)
}

/// One wrong answer.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceError {
    /// Document id.
    pub doc: String,
    /// Mention.
    pub surface: String,
    /// Gold keys.
    pub gold: String,
    /// What was chosen (key and name).
    pub got: String,
}

/// Figures of the place evaluation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PlaceEvalReport {
    /// The file.
    pub corpus: String,
    /// Documents.
    pub documents: usize,
    /// Gold mentions.
    pub mentions: usize,
    /// Of which from GUM news.
    pub gum_mentions: usize,
    /// Right entries, mentions given as LOCATION entities.
    pub correct: usize,
    /// `correct / mentions`.
    pub accuracy: f64,
    /// Accuracy on the GUM news mentions.
    pub gum_accuracy: f64,
    /// Accuracy on the made-up sentences.
    pub made_up_accuracy: f64,
    /// Without entities (capitalized-name fallback): gold mentions found with the exact span.
    pub fallback_found: usize,
    /// Of those, with the right entry.
    pub fallback_correct: usize,
    /// Fallback mentions in all.
    pub fallback_predicted: usize,
    /// Gold mentions the fallback did not find (up to 200).
    pub fallback_missed: Vec<String>,
    /// Wrong answers in entity mode.
    pub errors: Vec<PlaceError>,
}

impl fmt::Display for PlaceEvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "place evaluation: {} ({} documents, {} mentions, {} from GUM news)", self.corpus, self.documents, self.mentions, self.gum_mentions)?;
        writeln!(f, "  mentions given as entities: accuracy {:.3} ({}/{})", self.accuracy, self.correct, self.mentions)?;
        writeln!(f, "    GUM news {:.3}   made-up sentences {:.3}", self.gum_accuracy, self.made_up_accuracy)?;
        let recall = if self.mentions == 0 { 0.0 } else { self.fallback_found as f64 / self.mentions as f64 };
        let acc = if self.fallback_found == 0 { 0.0 } else { self.fallback_correct as f64 / self.fallback_found as f64 };
        write!(
            f,
            "  without entities (capitalized names): found {}/{} gold mentions (recall {:.3}) among {} proposed, right entry on {:.3} of those found",
            self.fallback_found, self.mentions, recall, self.fallback_predicted, acc
        )?;
        for e in &self.errors {
            write!(f, "\n    wrong: {} {:?} gold {} got {}", e.doc, e.surface, e.gold, e.got)?;
        }
        writeln!(f)
    }
}

fn key_of(g: &Gazetteer, entry: Option<usize>) -> (String, String) {
    match entry {
        Some(i) => (g.entries[i].key(), g.entries[i].name.clone()),
        None => ("NIL".to_string(), String::new()),
    }
}

/// Evaluates on the gold documents.
pub fn evaluate_docs(corpus: &str, docs: &[GoldDoc]) -> PlaceEvalReport {
    let g = Gazetteer::global();
    let mut r = PlaceEvalReport { corpus: corpus.to_string(), documents: docs.len(), ..Default::default() };
    let (mut gum_ok, mut made_ok, mut made_n) = (0, 0, 0);
    for d in docs {
        let doc = Document::from_text(&d.id, d.text.clone());
        let index = doc.char_index();
        let mut mentions: Vec<Mention> = Vec::new();
        if let Some((dl, _)) = resolve::dateline(&d.text) {
            mentions.push(dl);
        }
        for p in &d.places {
            let b = index.bytes_of_span(Span::new(p.start, p.end));
            if !mentions.iter().any(|m| m.start == b.start && m.end == b.end) {
                mentions.push(Mention { start: b.start, end: b.end, source: Source::Entity });
            }
        }
        mentions.sort_by_key(|m| m.start);
        let resolved = resolve::resolve(&d.text, mentions, g);
        let gum = d.id.starts_with("GUM_");
        for p in &d.places {
            let b = index.bytes_of_span(Span::new(p.start, p.end));
            let got = resolved.iter().find(|x| x.mention.start == b.start && x.mention.end == b.end).and_then(|x| x.entry);
            let (key, name) = key_of(g, got);
            let ok = p.keys.contains(&key);
            r.mentions += 1;
            if gum {
                r.gum_mentions += 1;
                gum_ok += ok as usize;
            } else {
                made_n += 1;
                made_ok += ok as usize;
            }
            if ok {
                r.correct += 1;
            } else {
                r.errors.push(PlaceError { doc: d.id.clone(), surface: p.surface.clone(), gold: p.keys.join("|"), got: format!("{key} {name}") });
            }
        }
        // Fallback: no entities at all.
        let mentions = crate::find_mentions(&doc, g);
        r.fallback_predicted += mentions.len();
        let resolved = resolve::resolve(&d.text, mentions, g);
        for p in &d.places {
            let b = index.bytes_of_span(Span::new(p.start, p.end));
            if let Some(x) = resolved.iter().find(|x| x.mention.start == b.start && x.mention.end == b.end) {
                r.fallback_found += 1;
                if p.keys.contains(&key_of(g, x.entry).0) {
                    r.fallback_correct += 1;
                }
            } else if r.fallback_missed.len() < 200 {
                r.fallback_missed.push(p.surface.clone());
            }
        }
    }
    r.accuracy = if r.mentions == 0 { 0.0 } else { r.correct as f64 / r.mentions as f64 };
    r.gum_accuracy = if r.gum_mentions == 0 { 0.0 } else { gum_ok as f64 / r.gum_mentions as f64 };
    r.made_up_accuracy = if made_n == 0 { 0.0 } else { made_ok as f64 / made_n as f64 };
    r
}

/// Evaluates on a file in the format above (by default `eval/places.tsv`).
pub fn evaluate_file(path: &Path) -> Result<PlaceEvalReport, GeoError> {
    let docs = read_gold(path)?;
    Ok(evaluate_docs(&path.display().to_string(), &docs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_eval_file() {
        let path = crate::repo_dir().join("eval/places.tsv");
        let report = evaluate_file(&path).unwrap();
        println!("{report}");
        assert!(report.mentions >= 150);
        assert!(report.accuracy >= 0.85, "{report}");
    }
}

//! The factuality test set (`eval/factuality.tsv`): accuracy and per-class figures.
//!
//! Each row names a sentence, the word of one event in it, and the gold
//! factuality. The sentence is prepared by the caller's analysis (sentences,
//! tokens and parse from the language core), or, when the caller has none,
//! split into words, in which case the lexical fallback decides.

use std::collections::BTreeMap;
use std::fmt;

use annals_core::{Document, Factuality, Span};
use serde::Serialize;

use crate::factuality::assess;
use crate::sent::Sentence;
use crate::CodeError;
use super::ratio;

/// The embedded copy of the test set.
pub const FACTUALITY_TSV: &str = include_str!("../../eval/factuality.tsv");

/// One row of the test set.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// `dev` or `test`.
    pub split: String,
    /// Gold label.
    pub gold: Factuality,
    /// Trigger word, with its occurrence (1-based).
    pub trigger: (String, usize),
    /// The sentence.
    pub sentence: String,
}

fn parse_label(s: &str) -> Option<Factuality> {
    Some(match s {
        "actual" => Factuality::Actual,
        "future" => Factuality::Future,
        "hypothetical" => Factuality::Hypothetical,
        "negated" => Factuality::Negated,
        "generic" => Factuality::Generic,
        _ => return None,
    })
}

/// Reads the TSV (comment lines start with `#`).
pub fn parse_items(tsv: &str) -> Result<Vec<Item>, CodeError> {
    let mut out = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let bad = |why: &str| CodeError::File { path: "factuality.tsv".into(), reason: format!("line {}: {why}", n + 1) };
        if f.len() != 4 {
            return Err(bad("expected 4 tab-separated columns"));
        }
        let gold = parse_label(f[1]).ok_or_else(|| bad("unknown label"))?;
        let (w, occ) = match f[2].split_once('#') {
            Some((w, k)) => (w.to_string(), k.parse().map_err(|_| bad("bad occurrence"))?),
            None => (f[2].to_string(), 1),
        };
        out.push(Item { split: f[0].to_string(), gold, trigger: (w, occ), sentence: f[3].to_string() });
    }
    Ok(out)
}

/// Figures of one class.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ClassFigures {
    /// Gold items of the class.
    pub gold: usize,
    /// Items predicted as the class.
    pub predicted: usize,
    /// Correct predictions.
    pub correct: usize,
}

impl ClassFigures {
    fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
}

/// Figures of one split.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct SplitFigures {
    /// Items.
    pub items: usize,
    /// Correct.
    pub correct: usize,
    /// Per class, by label.
    pub classes: BTreeMap<String, ClassFigures>,
    /// Non-actual gold events predicted actual (the costly error).
    pub non_actual_as_actual: usize,
    /// Items whose trigger word was not found.
    pub missing_trigger: usize,
}

/// The report of `annals eval factuality`.
#[derive(Debug, Clone, Serialize)]
pub struct FactualityReport {
    /// What prepared the sentences ("language core parse", "word split (lexical fallback)").
    pub input: String,
    /// Dev split figures.
    pub dev: SplitFigures,
    /// Held-out test split figures.
    pub test: SplitFigures,
    /// Items whose sentence carried a dependency parse (the rest used the lexical fallback).
    pub parsed_items: usize,
    /// Errors, when asked for: split, gold, predicted, trigger, sentence.
    pub errors: Vec<String>,
}

/// Scores the factuality module on the test set. `prepare` fills sentences
/// and tokens (the language core); with `None` the sentence is one span and
/// words are split without a parse.
pub fn evaluate(tsv: &str, prepare: Option<&dyn Fn(&mut Document)>, input: &str, show: bool) -> Result<FactualityReport, CodeError> {
    let items = parse_items(tsv)?;
    let mut report = FactualityReport { input: input.to_string(), dev: SplitFigures::default(), test: SplitFigures::default(), parsed_items: 0, errors: Vec::new() };
    for it in &items {
        let mut doc = Document::from_text("factuality.tsv", it.sentence.clone());
        if let Some(p) = prepare {
            p(&mut doc);
        }
        if doc.sentences.is_empty() {
            doc.sentences.push(Span::new(0, it.sentence.chars().count()));
        }
        let sentences = Sentence::from_document(&doc);
        let mut found = None;
        let mut seen = 0;
        'outer: for s in &sentences {
            for (i, t) in s.toks.iter().enumerate() {
                if t.form.eq_ignore_ascii_case(&it.trigger.0) {
                    seen += 1;
                    if seen == it.trigger.1 {
                        found = Some((s, i));
                        break 'outer;
                    }
                }
            }
        }
        let split = if it.split == "test" { &mut report.test } else { &mut report.dev };
        split.items += 1;
        let gold_key = it.gold.as_str().to_string();
        split.classes.entry(gold_key.clone()).or_default().gold += 1;
        let Some((s, i)) = found else {
            split.missing_trigger += 1;
            if show && it.split != "test" {
                report.errors.push(format!("{}\t{}\t(trigger not found)\t{}\t{}", it.split, gold_key, it.trigger.0, it.sentence));
            }
            continue;
        };
        report.parsed_items += usize::from(s.parsed);
        let t = &s.toks[i];
        let nominal = if s.parsed { t.is_nominal() } else { crate::nouns::lookup(&t.lemma, &t.upper).is_some() && !t.form.ends_with("ed") };
        let pred = assess(s, i, nominal).factuality;
        split.classes.entry(pred.as_str().to_string()).or_default().predicted += 1;
        if pred == it.gold {
            split.correct += 1;
            split.classes.get_mut(&gold_key).expect("inserted").correct += 1;
        } else {
            if it.gold != Factuality::Actual && pred == Factuality::Actual {
                split.non_actual_as_actual += 1;
            }
            // the held-out items are scored, never shown
            if show && it.split != "test" {
                report.errors.push(format!("{}\t{}\t{}\t{}\t{}", it.split, gold_key, pred.as_str(), it.trigger.0, it.sentence));
            }
        }
    }
    Ok(report)
}

impl fmt::Display for FactualityReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "factuality test set (eval/factuality.tsv); input: {}", self.input)?;
        writeln!(f, "items with a dependency parse: {} of {} (the others use the lexical fallback)", self.parsed_items, self.dev.items + self.test.items)?;
        for (name, s) in [("dev", &self.dev), ("test (held out)", &self.test)] {
            writeln!(
                f,
                "{name}: {} items, accuracy {:.3} ({}/{}); non-actual predicted actual: {}; trigger not found: {}",
                s.items,
                ratio(s.correct, s.items),
                s.correct,
                s.items,
                s.non_actual_as_actual,
                s.missing_trigger
            )?;
            writeln!(f, "  {:<13} {:>5} {:>9} {:>7} {:>9}", "class", "gold", "predicted", "recall", "precision")?;
            for (c, x) in &s.classes {
                writeln!(f, "  {:<13} {:>5} {:>9} {:>7.3} {:>9.3}", c, x.gold, x.predicted, x.recall(), x.precision())?;
            }
        }
        for e in &self.errors {
            writeln!(f, "  ERR {e}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_set_is_large_enough_and_covers_every_class() {
        let items = parse_items(FACTUALITY_TSV).unwrap();
        assert!(items.len() >= 100, "{} items", items.len());
        for split in ["dev", "test"] {
            for label in ["actual", "future", "hypothetical", "negated", "generic"] {
                assert!(items.iter().any(|i| i.split == split && i.gold.as_str() == label), "{split} lacks {label}");
            }
        }
        // every trigger occurs in its sentence
        for i in &items {
            let n = i.sentence.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| w.eq_ignore_ascii_case(&i.trigger.0)).count();
            assert!(n >= i.trigger.1, "trigger {:?} not in {:?}", i.trigger, i.sentence);
        }
    }

    #[test]
    fn bad_rows_are_reported() {
        assert!(parse_items("dev\tmaybe\tx\ty\n").is_err());
        assert!(parse_items("dev\tactual\tx\n").is_err());
    }
}

//! Time expressions in news text, normalized to calendar values.
//!
//! [`TimeStage`] fills `doc.times`: every date, period, duration and relative
//! expression ("on November 28", "June 14-15", "late 2019", "last summer",
//! "two days ago", "the 1990s", "two days later") with an ISO 8601 / TimeML
//! value and its granularity.
//!
//! How it works, in three steps:
//! 1. **Finding** ([`grammar`]): hand-written regular-expression rules, linear
//!    in the text, produce unresolved expressions; overlapping matches keep the
//!    longest. Spans follow TimeML: "on" and "in" stay outside.
//! 2. **Anchoring**: relative expressions count from the publication date; with
//!    none, from a year inferred from the explicit years of the text
//!    (`anchor_inferred: true`), never from today's date. "Two days later" and
//!    "the following day" count from the last date mentioned before them.
//! 3. **Direction** ([`tense`]): a date without a year ("November 28",
//!    "Tuesday", "in March") takes the occurrence before or after the anchor
//!    that the nearest tense cue of its sentence points to (said, was, -ed
//!    against will, set for, scheduled, due, plans, next).
//!
//! The stage uses `doc.sentences` and the tokens' UPOS tags when the language
//! core has filled them, and splits sentences itself otherwise.
//!
//! ```
//! use annals_core::{Document, Stage};
//! let mut doc = Document::from_text("a.txt", "The summit on November 28 failed. Talks are set for February 4.");
//! doc.published = chrono::NaiveDate::from_ymd_opt(2020, 1, 6);
//! annals_time::TimeStage::default().run(&mut doc).unwrap();
//! let values: Vec<&str> = doc.times.iter().map(|t| t.value.as_str()).collect();
//! assert_eq!(values, ["2019-11-28", "2020-02-04"]);
//! ```
#![deny(missing_docs)]

pub mod eval;
mod grammar;
mod resolve;
pub mod tense;

use std::collections::HashMap;
use std::ops::Range;

use annals_core::{Document, Stage, StageError, TimeExpr};
use chrono::{Datelike, NaiveDate};

use grammar::Expr;
pub use resolve::{Anchor, Precision};

/// Errors of the time crate.
#[derive(Debug, thiserror::Error)]
pub enum TimeError {
    /// A file of an evaluation set could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The evaluation data is not where it was expected.
    #[error("no evaluation data at {0}: set ANNALS_SHARED to the shared data folder")]
    MissingData(String),
}

/// The pipeline stage that fills `doc.times`.
#[derive(Debug, Clone, Default)]
pub struct TimeStage;

impl Stage for TimeStage {
    fn name(&self) -> &'static str {
        "times"
    }

    fn provides(&self) -> &'static [&'static str] {
        &["times"]
    }

    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        // One pass of the grammar serves both the anchor and the resolution.
        let candidates = grammar::find(&doc.text);
        let anchor = match doc.published {
            Some(date) => Some(Anchor { date, precision: Precision::Day, inferred: false }),
            None => anchor_of(&candidates),
        };
        if anchor.is_some_and(|a| a.inferred) {
            doc.meta.notes.push("times: no publication date; anchor year inferred from the text".into());
        }
        doc.times = resolve_candidates(doc, anchor, candidates);
        Ok(())
    }
}

/// Finds and resolves every time expression of `doc` against `anchor`.
pub fn find_times(doc: &Document, anchor: Option<Anchor>) -> Vec<TimeExpr> {
    resolve_candidates(doc, anchor, grammar::find(&doc.text))
}

fn resolve_candidates(doc: &Document, anchor: Option<Anchor>, candidates: Vec<grammar::Candidate>) -> Vec<TimeExpr> {
    let text = doc.text.as_str();
    let index = doc.char_index();
    let sentences: Vec<Range<usize>> = if doc.sentences.is_empty() {
        split_sentences(text)
    } else {
        doc.sentences.iter().map(|s| index.bytes_of_span(*s)).collect()
    };
    let verbs: HashMap<usize, bool> = doc.tokens.iter().map(|t| (t.start, t.upos == "VERB" || t.upos == "AUX")).collect();
    let is_verb = |byte: usize| -> Option<bool> {
        if verbs.is_empty() {
            return None;
        }
        Some(verbs.get(&index.char_of_byte(byte)).copied().unwrap_or(false))
    };
    let mut reference = None;
    let mut out: Vec<TimeExpr> = Vec::new();
    let mut clocks: Vec<(bool, usize)> = Vec::new();
    // the tense cues of the sentence last looked at, reused by its other expressions
    let mut cues: Option<(Range<usize>, tense::Cues)> = None;
    for cand in candidates {
        // sentences are in order: a binary search, not a scan per expression
        let at = sentences.partition_point(|s| s.start <= cand.start);
        let sentence = at
            .checked_sub(1)
            .map(|i| &sentences[i])
            .filter(|s| cand.start < s.end.max(s.start + 1))
            .cloned()
            .unwrap_or(cand.start.saturating_sub(200)..(cand.end + 200).min(text.len()));
        let sentence = floor_char(text, sentence.start)..ceil_char(text, sentence.end.max(cand.end).min(text.len()));
        let sentence_start = sentence.start;
        if cues.as_ref().is_none_or(|(r, _)| *r != sentence) {
            cues = Some((sentence.clone(), tense::Cues::of(text, sentence.clone(), &is_verb)));
        }
        let dir = cues.as_ref().map_or(tense::Direction::Unknown, |(_, c)| c.direction(cand.start..cand.end));
        let Some(r) = resolve::resolve(&cand.expr, anchor, dir, reference) else { continue };
        match (&cand.expr, r.point) {
            (_, None) => {}
            // a bare year sets the frame for "a year earlier" only when nothing finer came before
            (Expr::Year { .. }, Some(p)) => {
                if reference.is_none() {
                    reference = Some(p);
                }
            }
            (Expr::Decade { .. } | Expr::Century { .. }, _) => {}
            // comparisons ("a year earlier", "year-ago") point back without moving the story's time
            (Expr::Shift { unit, .. } | Expr::Ago { unit, .. }, _) if !matches!(unit, grammar::Unit::Day | grammar::Unit::Week) => {}
            (_, Some(p)) => reference = Some(p),
        }
        let span = index.span_of_bytes(cand.start, cand.end);
        clocks.push((matches!(cand.expr, Expr::Clock { .. }), sentence_start));
        out.push(TimeExpr {
            text: text[cand.start..cand.end].to_string(),
            value: r.value,
            granularity: r.granularity,
            anchor_inferred: r.relative && anchor.is_some_and(|a| a.inferred),
            modifier: r.modifier.map(|m| m.as_str().to_string()),
            start: span.start,
            end: span.end,
        });
    }
    // A clock time takes its day from a date of the same sentence ("at 5 p.m. on Monday").
    for i in 0..out.len() {
        if !clocks[i].0 || out[i].value.len() < 10 {
            continue;
        }
        let day = (0..out.len())
            .filter(|&j| j != i && !clocks[j].0 && clocks[j].1 == clocks[i].1)
            .filter(|&j| out[j].granularity == Some(annals_core::Granularity::Day) && out[j].value.len() >= 10)
            .min_by_key(|&j| out[j].start.abs_diff(out[i].start))
            .map(|j| out[j].value[..10].to_string());
        if let Some(day) = day {
            let time = out[i].value[10..].to_string();
            out[i].value = format!("{day}{time}");
        }
    }
    out
}

/// Convenience: the time expressions of a plain text published on `published`.
pub fn times_in(text: &str, published: Option<NaiveDate>) -> Vec<TimeExpr> {
    let mut doc = Document::from_text("text", text);
    doc.published = published;
    let _ = TimeStage.run(&mut doc);
    doc.times
}

/// Infers an anchor from the explicit years of a text: the most frequent one
/// (the latest among equals), on its latest full date when the text gives one.
pub fn infer_anchor(text: &str) -> Option<Anchor> {
    anchor_of(&grammar::find(text))
}

fn anchor_of(candidates: &[grammar::Candidate]) -> Option<Anchor> {
    let mut counts: HashMap<i32, usize> = HashMap::new();
    let mut latest_day: HashMap<i32, NaiveDate> = HashMap::new();
    for cand in candidates {
        let year = match cand.expr {
            Expr::Date { year: Some(y), month, day } => {
                if let Some(d) = NaiveDate::from_ymd_opt(y, month, day) {
                    let e = latest_day.entry(y).or_insert(d);
                    *e = (*e).max(d);
                }
                y
            }
            Expr::DayRange { year: Some(y), .. } | Expr::Month { year: Some(y), .. } | Expr::Year { year: y, .. } => y,
            Expr::Quarter { year: Some(y), .. } | Expr::Season { year: Some(y), .. } | Expr::Half { year: Some(y), .. } => y,
            _ => continue,
        };
        *counts.entry(year).or_default() += 1;
    }
    let (&year, _) = counts.iter().max_by_key(|(y, n)| (**n, **y))?;
    let date = latest_day.get(&year).copied().or_else(|| NaiveDate::from_ymd_opt(year, 7, 1))?;
    debug_assert_eq!(date.year(), year);
    Some(Anchor { date, precision: Precision::Year, inferred: true })
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st", "jr", "sr", "inc",
    "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "u.s", "u.n", "u.k", "a.m", "p.m", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill",
    "ind", "kan", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa",
    "tenn", "vt", "va", "wash", "wis", "wyo", "rev", "ft", "mt", "messrs", "e.g", "i.e", "etc",
];

/// A simple sentence splitter for when the language core has not run: it only
/// bounds the window in which tense cues are looked for.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let boundary = if b == b'\n' {
            Some(i + 1)
        } else if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
                j += 1;
            }
            let next_is_space = j < bytes.len() && bytes[j].is_ascii_whitespace();
            let mut k = j;
            while k < bytes.len() && bytes[k] == b' ' {
                k += 1;
            }
            let next_starts = k < bytes.len() && (bytes[k].is_ascii_uppercase() || matches!(bytes[k], b'"' | b'\'' | b'(') || bytes[k].is_ascii_digit() || bytes[k] >= 0x80);
            // the word before the mark: looked for in the 64 bytes before it (a longer one is no
            // abbreviation), and past a whitespace of any width ('\u{a0}' is two bytes)
            let from = floor_char(text, i.saturating_sub(64));
            let word_start = text[from..i].rfind(char::is_whitespace).map_or(from, |p| {
                let p = from + p;
                p + text[p..].chars().next().map_or(1, char::len_utf8)
            });
            let word = text[word_start..i].trim_start_matches(['"', '(', '\'']).to_ascii_lowercase();
            let abbreviation = b == b'.' && (ABBREVIATIONS.contains(&word.as_str()) || word.len() == 1);
            (next_is_space && next_starts && !abbreviation).then_some(j)
        } else {
            None
        };
        if let Some(end) = boundary {
            if !text[start..end].trim().is_empty() {
                out.push(start..end);
            }
            start = end;
        }
        i += 1;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(start..text.len());
    }
    out
}

/// Where the shared data folder is: `ANNALS_SHARED`, else `<repo root>/../shared`.
pub fn shared_dir() -> std::path::PathBuf {
    match std::env::var_os("ANNALS_SHARED") {
        Some(p) => p.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use annals_core::Granularity;

    fn values(text: &str, published: Option<NaiveDate>) -> Vec<(String, String)> {
        times_in(text, published).into_iter().map(|t| (t.text, t.value)).collect()
    }

    fn jan6() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2020, 1, 6)
    }

    #[test]
    fn issue_examples() {
        let v = values(
            "The summit on November 28 ended without a deal. Talks are set for February 4. \
             Ministers met on June 14-15. Prices rose in late 2019 and fell last summer. \
             The rebels attacked two days ago, and a court ruled on Tuesday. Growth was slow in the 1990s. \
             Protests have continued since 2014. Officials will meet next week and in the coming weeks.",
            jan6(),
        );
        let get = |t: &str| v.iter().find(|(x, _)| x == t).map(|(_, v)| v.clone()).unwrap_or_else(|| panic!("{t} not found in {v:?}"));
        assert_eq!(get("November 28"), "2019-11-28");
        assert_eq!(get("February 4"), "2020-02-04");
        assert_eq!(get("June 14-15"), "2019-06-14/2019-06-15");
        assert_eq!(get("late 2019"), "2019");
        assert_eq!(get("last summer"), "2019-SU");
        assert_eq!(get("two days ago"), "2020-01-04");
        assert_eq!(get("Tuesday"), "2019-12-31");
        assert_eq!(get("the 1990s"), "199X");
        assert_eq!(get("since 2014"), "2014/2020-01-06");
        assert_eq!(get("next week"), "2020-W03");
        assert_eq!(get("the coming weeks"), "2020-01-06/2020-02-17");
    }

    #[test]
    fn later_counts_from_the_last_date() {
        let v = values("The ceasefire began on March 3, 2019. Two days later, fighting resumed. The following day it stopped.", jan6());
        assert_eq!(v[1], ("Two days later".to_string(), "2019-03-05".to_string()));
        assert_eq!(v[2], ("The following day".to_string(), "2019-03-06".to_string()));
    }

    #[test]
    fn granularity_and_modifier() {
        let t = times_in("Elections are due in late 2020.", None);
        assert_eq!(t[0].value, "2020");
        assert_eq!(t[0].granularity, Some(Granularity::Year));
        assert_eq!(t[0].modifier.as_deref(), Some("late"));
        assert!(!t[0].anchor_inferred, "an explicit year needs no anchor");
    }

    #[test]
    fn inferred_anchor_without_publication_date() {
        let t = times_in("In 2018, the party won. Elections are due in late 2019, and on March 3 the campaign opened. Yesterday it rained. The 2019 vote matters.", None);
        let march = t.iter().find(|t| t.text == "March 3").unwrap();
        assert_eq!(march.value, "2019-03-03");
        assert!(march.anchor_inferred);
        let yesterday = t.iter().find(|t| t.text == "Yesterday").unwrap();
        assert_eq!(yesterday.value, "2019");
        assert_eq!(yesterday.granularity, Some(Granularity::Year));
    }

    #[test]
    fn nothing_to_anchor_on() {
        let t = times_in("Yesterday the talks on March 3 were delayed.", None);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].value, "XXXX-03-03");
    }

    #[test]
    fn offsets_are_characters() {
        let text = "Café talks — on 3 March 2019 — ended.";
        let t = times_in(text, None);
        assert_eq!(t[0].text, "3 March 2019");
        let chars: String = text.chars().skip(t[0].start).take(t[0].end - t[0].start).collect();
        assert_eq!(chars, "3 March 2019");
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in ["", "2019-13-45", "June 31", "Q5", "the 0s", "Feb 29", "February 29 was a day", "99999999 years ago", "\u{0}\u{ffff}é.", "Sunday night, 12:99 pm, noon"] {
            let _ = times_in(text, jan6());
            let _ = times_in(text, None);
        }
        let long = "On March 3 he said. ".repeat(2000);
        assert_eq!(times_in(&long, jan6()).len(), 2000);
    }

    #[test]
    fn spoken_years_sets_and_mid_years() {
        let v = values("The plant opened in nineteen ninety-six, reports output weekly, and will close by mid-2021.", jan6());
        assert!(v.contains(&("nineteen ninety-six".to_string(), "1996".to_string())), "{v:?}");
        assert!(v.contains(&("weekly".to_string(), "P1W".to_string())), "{v:?}");
        assert!(v.contains(&("mid-2021".to_string(), "2021".to_string())), "{v:?}");
    }

    #[test]
    fn period_comparisons_shift_the_period() {
        let v = values("Profit in the third quarter rose 5% from a year ago.", NaiveDate::from_ymd_opt(2019, 10, 20));
        assert_eq!(v[0].1, "2019-Q3");
        assert_eq!(v[1], ("a year ago".to_string(), "2018-Q3".to_string()));
    }

    #[test]
    fn sentences_split_after_wide_spaces() {
        // found by the fuzz harness (issue 18): the word before a period started one byte into a no-break space
        let s = split_sentences("It rained.\u{a0}Then\u{3000}it stopped. Dr.\u{a0}No came.");
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(split_sentences(&"a.".repeat(50_000)).len(), 1);
    }

    #[test]
    fn sentences_split_on_news_abbreviations() {
        let s = split_sentences("Sen. Smith met Gov. Brown. They talked.\nNext line");
        assert_eq!(s.len(), 3);
    }
}

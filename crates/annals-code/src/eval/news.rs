//! Event precision on general news (`eval/news-events.tsv`): the sample
//! corpus of 24 Wikinews articles, coded by the whole pipeline, against a
//! careful reader's judgement.
//!
//! The articles are split by slug in sorted order: the 1st, 3rd, 5th … are
//! **dev**, the 2nd, 4th … **held-out** ([`split_of`]). Each gold row names an
//! article, a sentence index and a trigger word, with a verdict:
//!
//! - `correct`, `type`, `actor`, `missed` rows carry the coding a careful
//!   reader expects there (PLOVER type, source, target, factuality): the
//!   coder's event was right, had the wrong type, the wrong actor, or was not
//!   coded at all;
//! - `noevent` rows mark a coded event a careful reader would not code.
//!
//! A coded event is correct when it matches an expected coding (same article,
//! sentence, trigger, type, source and target); anything else, including an
//! event no row judges, counts against precision. Recall is the share of
//! expected codings matched.

use std::collections::BTreeMap;
use std::fmt;

use annals_core::{Actor, Event};
use serde::Serialize;

use crate::CodeError;
use super::ratio;

/// The embedded copy of the gold file.
pub const NEWS_EVENTS_TSV: &str = include_str!("../../eval/news-events.tsv");

/// A careful reader's verdict on one place in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The coder's event is what the reader codes.
    Correct,
    /// The coder's event has the wrong type (the row gives the right one).
    Type,
    /// The coder's event has a wrong source or target (the row gives the right ones).
    Actor,
    /// Not an event a careful reader codes.
    NoEvent,
    /// An event the reader codes that the coder missed.
    Missed,
}

impl Verdict {
    fn parse(s: &str) -> Option<Verdict> {
        Some(match s {
            "correct" => Verdict::Correct,
            "type" => Verdict::Type,
            "actor" => Verdict::Actor,
            "noevent" => Verdict::NoEvent,
            "missed" => Verdict::Missed,
            _ => return None,
        })
    }

    /// Whether the row carries a coding the reader expects.
    pub fn expects_event(self) -> bool {
        self != Verdict::NoEvent
    }
}

/// One row of the gold file.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldRow {
    /// `dev` or `heldout`.
    pub split: String,
    /// Article slug (`samples/expected.jsonl`).
    pub slug: String,
    /// Sentence index in the document's `sentences`.
    pub sentence: usize,
    /// Trigger words, lowercased; `a|b` gives alternatives.
    pub trigger: Vec<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// Expected PLOVER types (alternatives), empty for `noevent`.
    pub kind: Vec<String>,
    /// Expected source: names or words, `a|b` alternatives, `-` none.
    pub source: String,
    /// Expected target, as the source.
    pub target: String,
    /// Expected factuality, `-` when not judged.
    pub factuality: String,
}

fn alternatives(s: &str) -> Vec<String> {
    s.split('|').map(|x| x.trim().to_lowercase()).filter(|x| !x.is_empty() && x != "-").collect()
}

/// Reads the gold TSV (comment lines start with `#`). Columns: split, slug,
/// sentence, trigger, verdict, type, source, target, factuality, note.
pub fn parse_gold(tsv: &str) -> Result<Vec<GoldRow>, CodeError> {
    let mut out = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let bad = |why: &str| CodeError::File { path: "news-events.tsv".into(), reason: format!("line {}: {why}", n + 1) };
        if f.len() < 9 {
            return Err(bad("expected at least 9 tab-separated columns"));
        }
        if f[0] != "dev" && f[0] != "heldout" {
            return Err(bad("split must be dev or heldout"));
        }
        let verdict = Verdict::parse(f[4]).ok_or_else(|| bad("unknown verdict"))?;
        let kind = alternatives(f[5]);
        if verdict.expects_event() && kind.is_empty() {
            return Err(bad("an expected event needs a type"));
        }
        out.push(GoldRow {
            split: f[0].to_string(),
            slug: f[1].to_string(),
            sentence: f[2].parse().map_err(|_| bad("bad sentence index"))?,
            trigger: alternatives(f[3]),
            verdict,
            kind,
            source: f[6].to_string(),
            target: f[7].to_string(),
            factuality: f[8].to_string(),
        });
    }
    Ok(out)
}

/// The split of each slug: sorted, the 1st, 3rd … dev, the 2nd, 4th … held-out.
pub fn split_of(slugs: &[&str]) -> BTreeMap<String, &'static str> {
    let mut sorted: Vec<&str> = slugs.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    sorted.iter().enumerate().map(|(i, s)| (s.to_string(), if i % 2 == 0 { "dev" } else { "heldout" })).collect()
}

/// Whether a coded actor is the one the reader named ("a|b" either, "-" none;
/// by canonical name, country code or the words in the text).
fn actor_matches(want: &str, got: Option<&Actor>) -> bool {
    want.split('|').any(|w| {
        let w = w.trim().to_lowercase();
        match got {
            None => w == "-",
            Some(a) => {
                w != "-"
                    && (a.name.as_deref().is_some_and(|n| n.to_lowercase() == w)
                        || a.country.as_deref().is_some_and(|c| c.to_lowercase() == w)
                        || a.text.to_lowercase().contains(&w))
            }
        }
    })
}

fn trigger_matches(row: &GoldRow, e: &Event) -> bool {
    let t = e.trigger.text.to_lowercase();
    row.trigger.contains(&t)
}

/// The sentence of a row and of an event: within two of each other, so that a
/// change in sentence splitting (which shifts the indices after it) does not
/// void the file; trigger, type and actors still have to match.
fn same_sentence(row: &GoldRow, e: &Event) -> bool {
    row.sentence.abs_diff(e.sentence) <= 2
}

fn event_matches(row: &GoldRow, e: &Event) -> bool {
    row.verdict.expects_event()
        && same_sentence(row, e)
        && trigger_matches(row, e)
        && row.kind.contains(&e.kind.as_str().to_lowercase())
        && actor_matches(&row.source, e.source.as_ref())
        && actor_matches(&row.target, e.target.as_ref())
}

/// Figures of one half.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct HalfFigures {
    /// Articles.
    pub articles: usize,
    /// Events coded.
    pub coded: usize,
    /// Coded events that match an expected coding.
    pub correct: usize,
    /// Coded events at a place judged `noevent`.
    pub not_an_event: usize,
    /// Coded events at a place where the reader codes an event, but not this one (type or actors).
    pub wrong_coding: usize,
    /// Coded events at a place no row judges.
    pub unjudged: usize,
    /// Expected codings.
    pub expected: usize,
    /// Expected codings found.
    pub found: usize,
    /// Correct events whose factuality is the expected one (among those with one given).
    pub factuality_agrees: usize,
    /// Correct events with an expected factuality.
    pub factuality_judged: usize,
}

impl HalfFigures {
    /// Correct / coded.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.coded)
    }
    /// Found / expected.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.expected)
    }
}

/// The report of `annals eval news-events`.
#[derive(Debug, Clone, Serialize)]
pub struct NewsReport {
    /// Dev half.
    pub dev: HalfFigures,
    /// Held-out half.
    pub heldout: HalfFigures,
    /// Dev events that are not correct and dev codings missed, when asked for.
    pub errors: Vec<String>,
    /// Every coded dev event, when asked for (to judge new ones).
    pub listing: Vec<String>,
}

fn actor_label(a: Option<&Actor>) -> String {
    match a {
        None => "-".into(),
        Some(a) => {
            let mut s = a.name.clone().unwrap_or_else(|| a.text.clone());
            if let Some(c) = &a.country {
                s.push_str(&format!(" [{c}"));
                if let Some(sec) = &a.sector {
                    s.push_str(&format!(" {sec}"));
                }
                s.push(']');
            } else if let Some(sec) = &a.sector {
                s.push_str(&format!(" [{sec}]"));
            }
            s
        }
    }
}

/// One line describing a coded event.
pub fn describe(slug: &str, e: &Event) -> String {
    format!(
        "{slug}\t{}\t{}\t{}/{}\t{}\t{}\t{}\t{}",
        e.sentence,
        e.trigger.text,
        e.kind,
        e.cameo,
        actor_label(e.source.as_ref()),
        actor_label(e.target.as_ref()),
        e.factuality.as_str(),
        e.evidence.replace(['\n', '\t'], " ")
    )
}

/// Scores coded documents, given as (slug, events), against the gold rows.
/// `show` lists the dev errors and every dev event; held-out events are
/// scored, never listed.
pub fn evaluate(tsv: &str, docs: &[(String, Vec<Event>)], show: bool) -> Result<NewsReport, CodeError> {
    let gold = parse_gold(tsv)?;
    let slugs: Vec<&str> = docs.iter().map(|(s, _)| s.as_str()).collect();
    let splits = split_of(&slugs);
    for g in &gold {
        if splits.get(&g.slug).is_some_and(|s| *s != g.split) {
            return Err(CodeError::File { path: "news-events.tsv".into(), reason: format!("{} is in the {} half, not {}", g.slug, splits[&g.slug], g.split) });
        }
    }
    let mut report = NewsReport { dev: HalfFigures::default(), heldout: HalfFigures::default(), errors: Vec::new(), listing: Vec::new() };
    for (slug, events) in docs {
        let split = splits[slug];
        let dev = split == "dev";
        let show = show && dev;
        let half = if dev { &mut report.dev } else { &mut report.heldout };
        half.articles += 1;
        let rows: Vec<&GoldRow> = gold.iter().filter(|g| g.slug == *slug).collect();
        for e in events {
            half.coded += 1;
            if show {
                report.listing.push(describe(slug, e));
            }
            if let Some(row) = rows.iter().find(|r| event_matches(r, e)) {
                half.correct += 1;
                if row.factuality != "-" {
                    half.factuality_judged += 1;
                    half.factuality_agrees += usize::from(row.factuality == e.factuality.as_str());
                }
                continue;
            }
            let here: Vec<&&GoldRow> = rows.iter().filter(|r| same_sentence(r, e) && trigger_matches(r, e)).collect();
            let why = if here.is_empty() {
                half.unjudged += 1;
                "UNJUDGED"
            } else if here.iter().any(|r| r.verdict.expects_event()) {
                half.wrong_coding += 1;
                "WRONG"
            } else {
                half.not_an_event += 1;
                "NOEVENT"
            };
            if show {
                report.errors.push(format!("{why}\t{}", describe(slug, e)));
            }
        }
        for r in rows.iter().filter(|r| r.verdict.expects_event()) {
            half.expected += 1;
            if events.iter().any(|e| event_matches(r, e)) {
                half.found += 1;
            } else if show {
                report.errors.push(format!("MISSED\t{slug}\t{}\t{}\t{}\t{}\t{}", r.sentence, r.trigger.join("|"), r.kind.join("|").to_uppercase(), r.source, r.target));
            }
        }
    }
    Ok(report)
}

impl fmt::Display for NewsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "events on general news: samples/expected.jsonl (24 Wikinews articles) through the pipeline, against eval/news-events.tsv")?;
        for (name, h) in [("dev", &self.dev), ("held-out", &self.heldout)] {
            writeln!(
                f,
                "{name}: {} articles; precision {:.3} ({}/{}; not an event {}, wrong type or actor {}, unjudged {}); recall {:.3} ({}/{}); factuality of correct events {}/{}",
                h.articles,
                h.precision(),
                h.correct,
                h.coded,
                h.not_an_event,
                h.wrong_coding,
                h.unjudged,
                h.recall(),
                h.found,
                h.expected,
                h.factuality_agrees,
                h.factuality_judged
            )?;
        }
        for l in &self.listing {
            writeln!(f, "  EVENT\t{l}")?;
        }
        for e in &self.errors {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use annals_core::{Factuality, Trigger};

    fn actor(name: &str, country: Option<&str>) -> Actor {
        Actor { text: name.into(), name: Some(name.into()), country: country.map(Into::into), sector: None }
    }

    fn event(sentence: usize, trigger: &str, kind: &str, source: Option<Actor>, target: Option<Actor>) -> Event {
        Event {
            kind: kind.parse().unwrap(),
            cameo: "000".into(),
            source,
            target,
            trigger: Trigger { text: trigger.into(), start: 0, end: 0 },
            date: None,
            place: None,
            factuality: Factuality::Actual,
            claimed_by: None,
            sentence,
            evidence: String::new(),
            confidence: 1.0,
        }
    }

    const GOLD: &str = "# test rows\n\
dev\ta\t0\tmet\tcorrect\tCONSULT\tFrance\tGermany\tactual\t\n\
dev\ta\t1\tjoined\tnoevent\t-\t-\t-\t-\t\n\
dev\ta\t2\tarrested\tmissed\tCOERCE\tpolice\tJohn Smith\tactual\t\n\
heldout\tb\t0\tattacked\tactor\tASSAULT\tHackers|Anonymous\tChurch of Scientology\tactual\t\n";

    #[test]
    fn scores_precision_and_recall_per_half() {
        let docs = vec![
            (
                "a".to_string(),
                vec![
                    event(0, "met", "CONSULT", Some(actor("France", Some("FRA"))), Some(actor("Germany", Some("DEU")))),
                    event(1, "joined", "CONSULT", Some(actor("guests", None)), None),
                    event(3, "said", "ACCUSE", None, None),
                ],
            ),
            ("b".to_string(), vec![event(0, "attacked", "ASSAULT", Some(actor("Anonymous", None)), Some(actor("Church of Scientology", None)))]),
        ];
        let r = evaluate(GOLD, &docs, true).unwrap();
        assert_eq!((r.dev.coded, r.dev.correct, r.dev.not_an_event, r.dev.unjudged), (3, 1, 1, 1));
        assert_eq!((r.dev.expected, r.dev.found), (2, 1));
        assert_eq!(r.dev.factuality_agrees, 1);
        assert_eq!((r.heldout.coded, r.heldout.correct, r.heldout.found), (1, 1, 1));
        assert!(r.errors.iter().any(|e| e.starts_with("MISSED\ta\t2")));
        // held-out events are never listed
        assert!(r.listing.iter().all(|l| l.starts_with("a\t")));
        // a wrong target is not correct
        let wrong = vec![("a".to_string(), vec![event(0, "met", "CONSULT", Some(actor("France", None)), Some(actor("Spain", None)))]), ("b".to_string(), vec![])];
        let r = evaluate(GOLD, &wrong, false).unwrap();
        assert_eq!((r.dev.correct, r.dev.wrong_coding), (0, 1));
        // a sentence split differently shifts the index by one: still the same event; three off is not
        let shifted = |i| vec![("a".to_string(), vec![event(i, "met", "CONSULT", Some(actor("France", None)), Some(actor("Germany", None)))]), ("b".to_string(), vec![])];
        assert_eq!(evaluate(GOLD, &shifted(1), false).unwrap().dev.correct, 1);
        assert_eq!(evaluate(GOLD, &shifted(3), false).unwrap().dev.correct, 0);
    }

    #[test]
    fn the_split_alternates_in_sorted_order_and_is_checked() {
        let s = split_of(&["c", "a", "b"]);
        assert_eq!((s["a"], s["b"], s["c"]), ("dev", "heldout", "dev"));
        let docs = vec![("b".to_string(), vec![]), ("a".to_string(), vec![])];
        // GOLD puts "a" in dev and "b" held out: consistent with sorted order
        assert!(evaluate(GOLD, &docs, false).is_ok());
        let swapped = vec![("a".to_string(), vec![]), ("0".to_string(), vec![]), ("b".to_string(), vec![])];
        assert!(evaluate(GOLD, &swapped, false).is_err());
    }

    #[test]
    fn the_gold_file_loads_and_covers_both_halves() {
        let rows = parse_gold(NEWS_EVENTS_TSV).unwrap();
        for split in ["dev", "heldout"] {
            assert!(rows.iter().filter(|r| r.split == split && r.verdict.expects_event()).count() >= 10, "{split}");
            assert!(rows.iter().any(|r| r.split == split && r.verdict == Verdict::NoEvent), "{split}");
        }
        assert!(parse_gold("dev\ta\tx\tmet\tcorrect\tCONSULT\t-\t-\t-\n").is_err());
        assert!(parse_gold("dev\ta\t0\tmet\tmaybe\tCONSULT\t-\t-\t-\n").is_err());
        assert!(parse_gold("dev\ta\t0\tmet\tcorrect\t-\t-\t-\t-\n").is_err());
    }
}

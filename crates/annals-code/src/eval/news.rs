//! Event precision and recall on the judged news corpus (`eval/news-events/`,
//! guide: docs/event-annotation.md): political news (PolNeAR), international
//! newswire (TimeBank, evaluation only), web pages (WCXB, ScrapingHub) and the
//! Wikinews samples, each article's events written by a reader.
//!
//! The gold file keeps character offsets only: the sentence, the trigger, and
//! a mention of the source and of the target (or none). An emitted event is
//! **right** when a reference event of its article has
//! - the sentence (the emitted trigger starts inside the reference sentence),
//! - the PLOVER type,
//! - the source and the target ([`actor_matches`]: both none, or a word of the
//!   reference mention among the actor's words or canonical name).
//!
//! Each reference matches at most one emitted event.

use std::collections::BTreeMap;
use std::fmt;

use annals_core::{Actor, Event};
use serde::Serialize;

use super::ratio;
use crate::CodeError;

/// One reference event: offsets into the article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldEvent {
    /// Document id.
    pub doc: String,
    /// The sentence, as character offsets.
    pub sentence: (usize, usize),
    /// The trigger.
    pub trigger: (usize, usize),
    /// PLOVER type.
    pub kind: String,
    /// A mention of the source, if the article names one.
    pub source: Option<(usize, usize)>,
    /// A mention of the target.
    pub target: Option<(usize, usize)>,
    /// actual, future, hypothetical or negated.
    pub factuality: String,
    /// `reader` (written before seeing annals' output) or `reconciled`.
    pub origin: String,
}

/// Reads `gold.tsv` (comment lines start with `#`).
pub fn parse_gold(tsv: &str) -> Result<Vec<GoldEvent>, CodeError> {
    let mut out = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let bad = |why: &str| CodeError::File {
            path: "eval/news-events/gold.tsv".into(),
            reason: format!("line {}: {why}", n + 1),
        };
        if f.len() < 12 {
            return Err(bad("expected 13 tab-separated columns"));
        }
        let num = |s: &str| s.parse::<usize>().map_err(|_| bad("bad offset"));
        let span = |a: &str, b: &str| -> Result<Option<(usize, usize)>, CodeError> {
            if a == "-" {
                Ok(None)
            } else {
                Ok(Some((num(a)?, num(b)?)))
            }
        };
        out.push(GoldEvent {
            doc: f[0].to_string(),
            sentence: (num(f[1])?, num(f[2])?),
            trigger: (num(f[3])?, num(f[4])?),
            kind: f[5].to_string(),
            source: span(f[6], f[7])?,
            target: span(f[8], f[9])?,
            factuality: f[10].to_string(),
            origin: f[11].to_string(),
        });
    }
    Ok(out)
}

/// Words that say nothing about who an actor is.
const FILLER: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "and",
    "for",
    "in",
    "on",
    "to",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "president",
    "senator",
    "governor",
    "former",
    "vice",
    "secretary",
    "minister",
    "prime",
    "chief",
    "his",
    "her",
    "their",
    "its",
    "s",
];

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .map(|w| w.to_lowercase())
        .filter(|w| !w.is_empty() && !FILLER.contains(&w.as_str()))
        .collect()
}

/// Two words name the same thing: equal, or sharing their first five
/// letters and differing by at most three ("Russia"/"Russian",
/// "Republican"/"Republicans").
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (ca, cb) = (a.chars().count(), b.chars().count());
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    common >= 5 && ca.abs_diff(cb) <= 3 && common + 3 >= ca.max(cb)
}

/// Whether an emitted actor is the reference one: both none, or a word of
/// the reference mention among the actor's words or its canonical name.
pub fn actor_matches(gold: Option<&str>, got: Option<&Actor>) -> bool {
    match (gold, got) {
        (None, None) => true,
        (Some(g), Some(a)) => {
            let want = words(g);
            let mut have = words(&a.text);
            if let Some(n) = &a.name {
                have.extend(words(n));
            }
            want.iter().any(|w| have.iter().any(|h| same_word(w, h)))
        }
        _ => false,
    }
}

/// One scored article: its text (for the reference mentions) and what annals emitted.
pub struct ScoredDoc<'a> {
    /// Document id.
    pub id: &'a str,
    /// Source collection.
    pub collection: &'a str,
    /// `train`, `dev` or `heldout`.
    pub split: &'a str,
    /// The article's text.
    pub text: &'a str,
    /// The emitted events.
    pub events: &'a [Event],
}

/// Counts of one slice (a split, a type or a collection).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Counts {
    /// Articles.
    pub articles: usize,
    /// Events emitted.
    pub emitted: usize,
    /// Emitted events that are right.
    pub right: usize,
    /// Reference events.
    pub reference: usize,
    /// Reference events found.
    pub found: usize,
    /// Right events whose factuality is the reference one.
    pub factuality_right: usize,
    /// Emitted as actual where the reference is not actual.
    pub nonactual_as_actual: usize,
}

impl Counts {
    /// Right / emitted.
    pub fn precision(&self) -> f64 {
        ratio(self.right, self.emitted)
    }
    /// Found / reference.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.reference)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Right events with the reference factuality / right events.
    pub fn factuality_accuracy(&self) -> f64 {
        ratio(self.factuality_right, self.right)
    }
    fn add(&mut self, o: &Counts) {
        self.articles += o.articles;
        self.emitted += o.emitted;
        self.right += o.right;
        self.reference += o.reference;
        self.found += o.found;
        self.factuality_right += o.factuality_right;
        self.nonactual_as_actual += o.nonactual_as_actual;
    }
}

/// Figures of one split.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SplitReport {
    /// All articles of the split.
    pub all: Counts,
    /// Per PLOVER type (emitted type for precision, reference type for recall).
    pub by_type: BTreeMap<String, Counts>,
    /// Per source collection.
    pub by_collection: BTreeMap<String, Counts>,
    /// Confidence bins (tenths): emitted and right, for calibration.
    pub calibration: Vec<(f64, usize, usize)>,
}

/// The report of `annals eval news-events`.
#[derive(Debug, Clone, Serialize)]
pub struct NewsReport {
    /// The confidence threshold the figures are given at.
    pub threshold: f64,
    /// Per split: `train`, `dev`, `heldout`.
    pub splits: BTreeMap<String, SplitReport>,
    /// Reference events, by origin (`reader`, `reconciled`).
    pub reference_origin: BTreeMap<String, usize>,
    /// Dev errors, when asked for.
    pub errors: Vec<String>,
}

/// The match of one emitted event against the references of its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// It matches reference `i`.
    Right(usize),
    /// Wrong.
    Wrong,
}

/// Matches a document's emitted events (in order of decreasing confidence)
/// to its references: one reference per emitted event at most.
pub fn match_doc(text: &str, gold: &[&GoldEvent], events: &[Event]) -> Vec<Verdict> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let slice = |(a, b): (usize, usize)| -> &str {
        let byte = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
        &text[byte(a)..byte(b)]
    };
    let mut taken = vec![false; gold.len()];
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by(|&a, &b| {
        events[b]
            .confidence
            .total_cmp(&events[a].confidence)
            .then(a.cmp(&b))
    });
    let mut out = vec![Verdict::Wrong; events.len()];
    for i in order {
        let e = &events[i];
        let hit = gold.iter().enumerate().find(|(j, g)| {
            !taken[*j]
                && g.sentence.0 <= e.trigger.start
                && e.trigger.start < g.sentence.1
                && g.kind.eq_ignore_ascii_case(e.kind.as_str())
                && actor_matches(g.source.map(slice), e.source.as_ref())
                && actor_matches(g.target.map(slice), e.target.as_ref())
        });
        if let Some((j, _)) = hit {
            taken[j] = true;
            out[i] = Verdict::Right(j);
        }
    }
    out
}

/// Whether an event matches any of the references (for training labels).
pub fn matches_any(text: &str, gold: &[&GoldEvent], e: &Event) -> bool {
    matches!(
        match_doc(text, gold, std::slice::from_ref(e))[0],
        Verdict::Right(_)
    )
}

fn describe(doc: &str, e: &Event) -> String {
    let actor = |a: Option<&Actor>| {
        a.map_or("-".to_string(), |a| {
            a.name.clone().unwrap_or_else(|| a.text.clone())
        })
    };
    format!(
        "{doc}\t{}\t{}\t{}/{}\t{}\t{}\t{}\t{:.2}\t{}",
        e.trigger.start,
        e.trigger.text,
        e.kind,
        e.cameo,
        actor(e.source.as_ref()),
        actor(e.target.as_ref()),
        e.factuality.as_str(),
        e.confidence,
        e.evidence.replace(['\n', '\t'], " ")
    )
}

/// Scores the documents against the gold events at a confidence threshold;
/// `show` lists dev errors (held-out and train events are never listed).
pub fn evaluate(gold: &[GoldEvent], docs: &[ScoredDoc], threshold: f64, show: bool) -> NewsReport {
    let mut report = NewsReport {
        threshold,
        splits: BTreeMap::new(),
        reference_origin: BTreeMap::new(),
        errors: Vec::new(),
    };
    let mut by_doc: BTreeMap<&str, Vec<&GoldEvent>> = BTreeMap::new();
    for g in gold {
        by_doc.entry(g.doc.as_str()).or_default().push(g);
    }
    for d in docs {
        let refs = by_doc.get(d.id).cloned().unwrap_or_default();
        for g in &refs {
            *report.reference_origin.entry(g.origin.clone()).or_default() += 1;
        }
        let split = report.splits.entry(d.split.to_string()).or_default();
        if split.calibration.is_empty() {
            split.calibration = (0..10).map(|b| (b as f64 / 10.0, 0, 0)).collect();
        }
        // calibration over every candidate, before the threshold
        let all = match_doc(d.text, &refs, d.events);
        for (e, v) in d.events.iter().zip(&all) {
            let bin = ((e.confidence * 10.0).floor() as usize).min(9);
            split.calibration[bin].1 += 1;
            split.calibration[bin].2 += usize::from(matches!(v, Verdict::Right(_)));
        }
        let kept: Vec<Event> = d
            .events
            .iter()
            .filter(|e| e.confidence >= threshold)
            .cloned()
            .collect();
        let verdicts = match_doc(d.text, &refs, &kept);
        let mut c = Counts {
            articles: 1,
            emitted: kept.len(),
            reference: refs.len(),
            ..Counts::default()
        };
        let mut found = vec![false; refs.len()];
        for (e, v) in kept.iter().zip(&verdicts) {
            let t = split.by_type.entry(e.kind.to_string()).or_default();
            t.emitted += 1;
            match *v {
                Verdict::Right(j) => {
                    found[j] = true;
                    c.right += 1;
                    t.right += 1;
                    let fr = refs[j].factuality == e.factuality.as_str();
                    c.factuality_right += usize::from(fr);
                    t.factuality_right += usize::from(fr);
                    if e.factuality.as_str() == "actual" && refs[j].factuality != "actual" {
                        c.nonactual_as_actual += 1;
                    }
                }
                Verdict::Wrong => {
                    // an actual event where the reader codes this type as not actual
                    let nonactual_here = e.factuality.as_str() == "actual"
                        && refs.iter().any(|g| {
                            g.sentence.0 <= e.trigger.start
                                && e.trigger.start < g.sentence.1
                                && g.kind.eq_ignore_ascii_case(e.kind.as_str())
                                && g.factuality != "actual"
                        });
                    c.nonactual_as_actual += usize::from(nonactual_here);
                    if show && d.split == "dev" {
                        report.errors.push(format!("FALSE\t{}", describe(d.id, e)));
                    }
                }
            }
        }
        for (j, g) in refs.iter().enumerate() {
            let t = split.by_type.entry(g.kind.clone()).or_default();
            t.reference += 1;
            if found[j] {
                c.found += 1;
                t.found += 1;
            } else if show && d.split == "dev" {
                let chars: Vec<char> = d.text.chars().collect();
                let s = |sp: Option<(usize, usize)>| {
                    sp.map_or("-".to_string(), |(a, b)| {
                        chars[a.min(chars.len())..b.min(chars.len())]
                            .iter()
                            .collect()
                    })
                };
                let sentence: String = chars
                    [g.sentence.0.min(chars.len())..g.sentence.1.min(chars.len())]
                    .iter()
                    .collect();
                report.errors.push(format!(
                    "MISSED\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    d.id,
                    g.trigger.0,
                    s(Some(g.trigger)),
                    g.kind,
                    s(g.source),
                    s(g.target),
                    g.factuality,
                    sentence.replace(['\n', '\t'], " ")
                ));
            }
        }
        split.all.add(&c);
        let mut per = c.clone();
        per.articles = 1;
        split
            .by_collection
            .entry(d.collection.to_string())
            .or_default()
            .add(&per);
    }
    report
}

impl fmt::Display for NewsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "events on judged news (eval/news-events, guide docs/event-annotation.md); an event is right when sentence, type, source and target are right")?;
        let origin: Vec<String> = self
            .reference_origin
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        writeln!(
            f,
            "reference events: {}; confidence threshold {:.2}",
            origin.join(", "),
            self.threshold
        )?;
        for (name, s) in &self.splits {
            let a = &s.all;
            writeln!(
                f,
                "\n{name}: {} articles, {} reference events; precision {:.3} ({}/{}), recall {:.3} ({}/{}), F1 {:.3}; factuality of right events {:.3} ({}/{}); non-actual emitted as actual {} ({:.1} % of emitted)",
                a.articles,
                a.reference,
                a.precision(),
                a.right,
                a.emitted,
                a.recall(),
                a.found,
                a.reference,
                a.f1(),
                a.factuality_accuracy(),
                a.factuality_right,
                a.right,
                a.nonactual_as_actual,
                100.0 * ratio(a.nonactual_as_actual, a.emitted)
            )?;
            for (label, table) in [("type", &s.by_type), ("collection", &s.by_collection)] {
                writeln!(
                    f,
                    "  {:<12} {:>8} {:>8} {:>6} {:>6} {:>6}",
                    label, "emitted", "refs", "P", "R", "F1"
                )?;
                for (k, c) in table {
                    writeln!(
                        f,
                        "  {:<12} {:>8} {:>8} {:>6.3} {:>6.3} {:>6.3}",
                        k,
                        c.emitted,
                        c.reference,
                        c.precision(),
                        c.recall(),
                        c.f1()
                    )?;
                }
            }
            let bins: Vec<String> = s
                .calibration
                .iter()
                .filter(|b| b.1 > 0)
                .map(|(lo, n, r)| format!("[{lo:.1},{:.1}) {r}/{n}={:.2}", lo + 0.1, ratio(*r, *n)))
                .collect();
            writeln!(
                f,
                "  calibration (all candidates, right/emitted by confidence): {}",
                bins.join("  ")
            )?;
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

    fn actor(text: &str, name: Option<&str>) -> Actor {
        Actor {
            text: text.into(),
            name: name.map(Into::into),
            country: None,
            sector: None,
        }
    }

    fn event(
        start: usize,
        kind: &str,
        source: Option<Actor>,
        target: Option<Actor>,
        confidence: f64,
    ) -> Event {
        Event {
            kind: kind.parse().unwrap(),
            cameo: "000".into(),
            source,
            target,
            trigger: Trigger {
                text: "x".into(),
                start,
                end: start + 1,
            },
            date: None,
            place: None,
            factuality: Factuality::Actual,
            claimed_by: None,
            sentence: 0,
            evidence: String::new(),
            confidence,
        }
    }

    const TEXT: &str = "Obama met Putin. Clinton's campaign blasted the Russians.";

    fn gold() -> Vec<GoldEvent> {
        let g = |s: (usize, usize), t: (usize, usize), kind: &str, src, tgt, f: &str| GoldEvent {
            doc: "d".into(),
            sentence: s,
            trigger: t,
            kind: kind.into(),
            source: src,
            target: tgt,
            factuality: f.into(),
            origin: "reader".into(),
        };
        vec![
            g(
                (0, 16),
                (6, 9),
                "CONSULT",
                Some((0, 5)),
                Some((10, 15)),
                "actual",
            ),
            g(
                (17, 57),
                (36, 43),
                "ACCUSE",
                Some((17, 24)),
                Some((48, 56)),
                "future",
            ),
        ]
    }

    #[test]
    fn actors_match_by_words_and_demonyms() {
        assert!(actor_matches(
            Some("Barack Obama"),
            Some(&actor("he", Some("Barack Obama")))
        ));
        assert!(actor_matches(
            Some("the Russians"),
            Some(&actor("Russia", None))
        ));
        assert!(actor_matches(None, None));
        assert!(!actor_matches(Some("Putin"), None));
        assert!(!actor_matches(
            Some("President Obama"),
            Some(&actor("President Putin", None))
        ));
    }

    #[test]
    fn scores_precision_recall_and_factuality() {
        let g = gold();
        let events = vec![
            event(
                6,
                "CONSULT",
                Some(actor("Obama", None)),
                Some(actor("Putin", None)),
                0.9,
            ),
            // a mirror copy of the meeting matches nothing: one reference, one event
            event(
                6,
                "CONSULT",
                Some(actor("Putin", None)),
                Some(actor("Obama", None)),
                0.8,
            ),
            // right type and sentence, actual where the reader says future
            event(
                36,
                "ACCUSE",
                Some(actor("Clinton", Some("Hillary Clinton"))),
                Some(actor("Russians", Some("Russia"))),
                0.7,
            ),
            // below the threshold: not emitted
            event(36, "ASSAULT", None, None, 0.05),
        ];
        let docs = [ScoredDoc {
            id: "d",
            collection: "polnear",
            split: "dev",
            text: TEXT,
            events: &events,
        }];
        let r = evaluate(&g, &docs, 0.5, true);
        let a = &r.splits["dev"].all;
        assert_eq!((a.emitted, a.right, a.reference, a.found), (3, 2, 2, 2));
        assert_eq!(a.factuality_right, 1);
        assert_eq!(a.nonactual_as_actual, 1);
        assert_eq!(
            r.splits["dev"].calibration[0].1, 1,
            "the low-confidence candidate is in the calibration table"
        );
        assert!(r.errors.iter().any(|e| e.starts_with("FALSE\td\t6")));
    }

    #[test]
    fn gold_rows_parse() {
        let g = parse_gold("# header\nd\t0\t16\t6\t9\tCONSULT\t0\t5\t-\t-\tactual\treader\tA1\n")
            .unwrap();
        assert_eq!(g[0].source, Some((0, 5)));
        assert_eq!(g[0].target, None);
        assert!(parse_gold("d\t0\n").is_err());
    }
}

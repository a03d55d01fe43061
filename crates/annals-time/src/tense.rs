//! Which way a date without a year points: the tense of the words around it.
//!
//! "The summit on November 28" in a January article is last November; "talks
//! are set for February 4" is next month. The nearest tense cue in the
//! sentence decides: future markers (will, scheduled, set for, due, plans,
//! next, ...) against past ones (said, was, had, ago, verbs in -ed, irregular
//! past forms). When the language core has tagged the tokens, an -ed word
//! counts only if it was tagged as a verb.

use once_cell::sync::Lazy;
use regex::Regex;

/// Direction of an underspecified date relative to the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Before the anchor.
    Past,
    /// After the anchor.
    Future,
    /// No cue: take the nearest occurrence.
    Unknown,
}

static WORD: Lazy<Regex> = Lazy::new(|| Regex::new(r"[A-Za-z]+(?:'[a-z]+)?").expect("word regex"));

/// Multi-word future cues, matched on the lower-cased sentence.
static FUTURE_PHRASES: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"\b(?:going to|set to|set for|slated to|slated for|due to|due on|due in|due for|is to|are to|to be held|expected to|is expected|are expected|plans to|plan to|planned for|hopes to|hope to|aims to|aim to|intends to|intend to|is scheduled|are scheduled|scheduled for|scheduled to)\b",
    )
    .expect("phrase regex")
});

const FUTURE_WORDS: &[&str] = &[
    "will", "'ll", "shall", "won't", "scheduled", "slated", "upcoming", "next", "coming", "tomorrow", "would", "plans",
    "planned", "planning", "intends", "expects", "expected", "forthcoming", "deadline", "ahead", "begins", "starts",
    "opens", "resumes",
];

const PAST_WORDS: &[&str] = &[
    "said", "told", "was", "were", "had", "did", "ago", "last", "earlier", "yesterday", "been", "began", "came",
    "went", "took", "made", "met", "held", "left", "won", "lost", "fell", "rose", "saw", "gave", "got", "found",
    "died", "began", "became", "brought", "bought", "sold", "sent", "spent", "struck", "shot", "hit", "led", "ran",
    "spoke", "wrote", "broke", "chose", "drove", "flew", "fought", "grew", "knew", "paid", "put", "quit", "read",
    "rode", "sat", "set", "shut", "sank", "stood", "stole", "swore", "taught", "thought", "threw", "tore", "understood",
    "woke", "wore", "withdrew", "overturned", "previously", "former", "formerly",
];

/// -ed words that are not past verbs.
const NOT_PAST_ED: &[&str] = &[
    "need", "speed", "indeed", "hundred", "united", "based", "seed", "proceed", "exceed", "succeed", "breed", "feed",
    "bleed", "sacred", "naked", "wicked", "red", "bed", "shed", "wed", "fed", "ted", "ned", "creed", "greed", "weed",
    "reed", "embed", "alleged", "armed", "advanced", "limited", "related", "detailed", "proposed", "scheduled",
    "planned", "expected", "supposed", "concerned", "interested", "unexpected", "unprecedented", "aged", "renewed",
];

/// Auxiliaries that make a following participle passive or perfect: the auxiliary carries the tense.
const AUX_BEFORE_PARTICIPLE: &[&str] = &["be", "been", "being", "is", "are", "am", "'s", "'re", "get", "gets"];

struct Cue {
    start: usize,
    end: usize,
    dir: Direction,
    /// Distance multiplier: reporting verbs govern a clause, so count them as farther away.
    weight: f32,
}

/// Finds the direction for the expression at `expr` (byte range) inside `sentence` (byte range of `text`).
///
/// `is_verb` says whether the word at a byte offset was tagged as a verb (`None` when untagged).
/// For several expressions of one sentence, find its [`Cues`] once.
pub fn direction(
    text: &str,
    sentence: std::ops::Range<usize>,
    expr: std::ops::Range<usize>,
    is_verb: &dyn Fn(usize) -> Option<bool>,
) -> Direction {
    Cues::of(text, sentence, is_verb).direction(expr)
}

/// The tense cues of one sentence, found once for every expression in it:
/// rescanning the sentence per expression was quadratic on long sentences (issue 18).
pub struct Cues {
    sentence_start: usize,
    /// In the order found (phrases, then words): the first of equal scores wins.
    cues: Vec<Cue>,
    /// Indexes of `cues` by end, and by start.
    by_end: Vec<usize>,
    by_start: Vec<usize>,
}

/// The smallest cue weight: no cue at gap `g` scores below `(g + 1) * MIN_WEIGHT`.
const MIN_WEIGHT: f32 = 0.7;

impl Cues {
    /// Finds the cues of `sentence` (byte range of `text`).
    pub fn of(text: &str, sentence: std::ops::Range<usize>, is_verb: &dyn Fn(usize) -> Option<bool>) -> Cues {
        let sent = &text[sentence.clone()];
        let lower = sent.to_ascii_lowercase();
        let mut cues: Vec<Cue> = Vec::new();
        for m in FUTURE_PHRASES.find_iter(&lower) {
            cues.push(Cue { start: m.start(), end: m.end(), dir: Direction::Future, weight: MIN_WEIGHT });
        }
        let mut prev = "";
        for m in WORD.find_iter(&lower) {
            let (s, e, w) = (m.start(), m.end(), m.as_str());
            let before = std::mem::replace(&mut prev, w);
            if FUTURE_WORDS.contains(&w) || w.ends_with("'ll") {
                cues.push(Cue { start: s, end: e, dir: Direction::Future, weight: 1.0 });
                continue;
            }
            let past_form = PAST_WORDS.contains(&w)
                || (w.len() >= 5 && w.ends_with("ed") && !NOT_PAST_ED.contains(&w) && is_verb(sentence.start + s).unwrap_or(true));
            if past_form {
                if AUX_BEFORE_PARTICIPLE.contains(&before) && !matches!(w, "was" | "were" | "had" | "did" | "said") {
                    continue;
                }
                let weight = if matches!(w, "said" | "told") { 1.6 } else { 1.0 };
                cues.push(Cue { start: s, end: e, dir: Direction::Past, weight });
            }
        }
        let mut by_end: Vec<usize> = (0..cues.len()).collect();
        by_end.sort_by_key(|&i| cues[i].end);
        let mut by_start: Vec<usize> = (0..cues.len()).collect();
        by_start.sort_by_key(|&i| cues[i].start);
        Cues { sentence_start: sentence.start, cues, by_end, by_start }
    }

    /// The direction for the expression at `expr` (byte range of the text): the
    /// nearest cue, weighted, outside the expression. Looks outwards from the
    /// expression and stops where no farther cue can win.
    pub fn direction(&self, expr: std::ops::Range<usize>) -> Direction {
        let (es, ee) = (expr.start.saturating_sub(self.sentence_start), expr.end.saturating_sub(self.sentence_start));
        // (score, index): the lowest score, then the cue found first
        let mut best: Option<(f32, usize)> = None;
        let mut consider = |i: usize, gap: usize| -> bool {
            if best.is_some_and(|(b, _)| (gap as f32 + 1.0) * MIN_WEIGHT > b) {
                return false; // this cue and every farther one lose
            }
            let score = (gap as f32 + 1.0) * self.cues[i].weight;
            if best.is_none_or(|(b, j)| score < b || (score == b && i < j)) {
                best = Some((score, i));
            }
            true
        };
        // cues before the expression, nearest first (cues overlapping it are its own words)
        let before = self.by_end.partition_point(|&i| self.cues[i].end <= es);
        for &i in self.by_end[..before].iter().rev() {
            if !consider(i, es - self.cues[i].end) {
                break;
            }
        }
        let after = self.by_start.partition_point(|&i| self.cues[i].start < ee);
        for &i in &self.by_start[after..] {
            if !consider(i, self.cues[i].start - ee) {
                break;
            }
        }
        best.map_or(Direction::Unknown, |(_, i)| self.cues[i].dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(sentence: &str, expr: &str) -> Direction {
        let at = sentence.find(expr).unwrap();
        direction(sentence, 0..sentence.len(), at..at + expr.len(), &|_| None)
    }

    #[test]
    fn cues() {
        assert_eq!(dir("The summit on November 28 ended without a deal.", "November 28"), Direction::Past);
        assert_eq!(dir("Talks are set for February 4 in Geneva.", "February 4"), Direction::Future);
        assert_eq!(dir("The vote will be held on March 3, officials said.", "March 3"), Direction::Future);
        assert_eq!(dir("He said on Tuesday that talks would resume.", "Tuesday"), Direction::Past);
        assert_eq!(dir("Tuesday.", "Tuesday"), Direction::Unknown);
    }

    #[test]
    fn one_scan_serves_every_expression_of_a_long_sentence() {
        // issue 18, row 9: the sentence was rescanned for each of its expressions
        let mut sentence = String::new();
        for i in 0..20_000 {
            sentence.push_str(if i % 2 == 0 { "talks said on Monday and then " } else { "talks will resume on Friday " });
        }
        let cues = Cues::of(&sentence, 0..sentence.len(), &|_| None);
        let mut found = 0;
        for (at, _) in sentence.match_indices("Monday").take(5000) {
            assert_eq!(cues.direction(at..at + 6), Direction::Past);
            found += 1;
        }
        assert_eq!(found, 5000);
        let friday = sentence.find("Friday").unwrap();
        assert_eq!(cues.direction(friday..friday + 6), Direction::Future);
    }

    #[test]
    fn the_outward_search_agrees_with_a_full_scan() {
        let full = |text: &str, es: usize, ee: usize| -> Direction {
            let c = Cues::of(text, 0..text.len(), &|_| None);
            let mut best: Option<(f32, Direction)> = None;
            for cue in &c.cues {
                if cue.start < ee && es < cue.end {
                    continue;
                }
                let gap = if cue.end <= es { es - cue.end } else { cue.start.saturating_sub(ee) };
                let score = (gap as f32 + 1.0) * cue.weight;
                if best.is_none_or(|(b, _)| score < b) {
                    best = Some((score, cue.dir));
                }
            }
            best.map_or(Direction::Unknown, |(_, d)| d)
        };
        let text = "He said the summit, set to open in May and planned for June, was delayed; talks will resume next week, officials told reporters, as expected.";
        let c = Cues::of(text, 0..text.len(), &|_| None);
        for es in 0..text.len() {
            for ee in [es, es + 1, es + 5, es + 12] {
                if ee <= text.len() {
                    assert_eq!(c.direction(es..ee), full(text, es, ee), "{es}..{ee}");
                }
            }
        }
    }
}

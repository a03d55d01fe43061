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
pub fn direction(
    text: &str,
    sentence: std::ops::Range<usize>,
    expr: std::ops::Range<usize>,
    is_verb: &dyn Fn(usize) -> Option<bool>,
) -> Direction {
    let sent = &text[sentence.clone()];
    let lower = sent.to_ascii_lowercase();
    let mut cues: Vec<Cue> = Vec::new();
    for m in FUTURE_PHRASES.find_iter(&lower) {
        cues.push(Cue { start: m.start(), end: m.end(), dir: Direction::Future, weight: 0.7 });
    }
    let words: Vec<(usize, usize, &str)> = WORD.find_iter(&lower).map(|m| (m.start(), m.end(), m.as_str())).collect();
    for (i, &(s, e, w)) in words.iter().enumerate() {
        let prev = if i > 0 { words[i - 1].2 } else { "" };
        if FUTURE_WORDS.contains(&w) || w.ends_with("'ll") {
            cues.push(Cue { start: s, end: e, dir: Direction::Future, weight: 1.0 });
            continue;
        }
        let past_form = PAST_WORDS.contains(&w)
            || (w.len() >= 5 && w.ends_with("ed") && !NOT_PAST_ED.contains(&w) && is_verb(sentence.start + s).unwrap_or(true));
        if past_form {
            if AUX_BEFORE_PARTICIPLE.contains(&prev) && !matches!(w, "was" | "were" | "had" | "did" | "said") {
                continue;
            }
            let weight = if matches!(w, "said" | "told") { 1.6 } else { 1.0 };
            cues.push(Cue { start: s, end: e, dir: Direction::Past, weight });
        }
    }
    let (es, ee) = (expr.start.saturating_sub(sentence.start), expr.end.saturating_sub(sentence.start));
    let mut best: Option<(f32, Direction)> = None;
    for cue in cues {
        if cue.start < ee && es < cue.end {
            continue; // words of the expression itself ("next", "last") are handled by the grammar
        }
        let gap = if cue.end <= es { es - cue.end } else { cue.start.saturating_sub(ee) };
        let score = (gap as f32 + 1.0) * cue.weight;
        if best.is_none_or(|(b, _)| score < b) {
            best = Some((score, cue.dir));
        }
    }
    best.map_or(Direction::Unknown, |(_, d)| d)
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
}

//! Evaluation on held-out gold data: UPOS and lemma accuracy, UAS/LAS,
//! sentence-boundary F1, entity P/R/F1 and throughput.

use serde::Serialize;

use crate::conllu::Sentence;
use crate::parser::{ParseWord, Parser};
use crate::tagger::{Lemmatizer, PosTagger};

/// Tagging accuracy (percent).
#[derive(Debug, Clone, Serialize)]
pub struct TaggingScore {
    /// Words scored.
    pub words: usize,
    /// UPOS accuracy.
    pub upos: f64,
    /// Lemma accuracy (with predicted tags).
    pub lemma: f64,
}

/// Tags and lemmatizes gold-tokenized sentences and scores them.
pub fn score_tagging(tagger: &PosTagger, lem: &Lemmatizer, sents: &[Sentence]) -> TaggingScore {
    let (mut n, mut pos_ok, mut lemma_ok) = (0usize, 0usize, 0usize);
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tags = tagger.tag(&words);
        for (w, t) in s.words.iter().zip(tags) {
            n += 1;
            pos_ok += usize::from(w.upos == t);
            lemma_ok += usize::from(lem.lemma(&w.form, t) == w.lemma);
        }
    }
    TaggingScore { words: n, upos: pct(pos_ok, n), lemma: pct(lemma_ok, n) }
}

/// Attachment scores (percent) with predicted tags on gold tokens.
#[derive(Debug, Clone, Serialize)]
pub struct ParsingScore {
    /// Words scored (punctuation included, as in the CoNLL 2018 shared task).
    pub words: usize,
    /// Unlabeled attachment score.
    pub uas: f64,
    /// Labeled attachment score, universal relations (subtypes ignored, as CoNLL 2018 does).
    pub las: f64,
    /// Labeled attachment score on full relations with subtypes (`obl:tmod`).
    pub las_full: f64,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Tags and parses gold-tokenized sentences and scores the trees.
pub fn score_parsing(tagger: &PosTagger, parser: &Parser, sents: &[Sentence]) -> ParsingScore {
    let (mut n, mut u, mut l, mut lf) = (0usize, 0usize, 0usize, 0usize);
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tags = tagger.tag(&words);
        let pw: Vec<ParseWord> = words.iter().zip(&tags).map(|(f, t)| ParseWord { form: f, upos: t }).collect();
        let arcs = parser.parse(&pw);
        for (w, a) in s.words.iter().zip(&arcs) {
            n += 1;
            if w.head == a.head {
                u += 1;
                l += usize::from(universal(&w.deprel) == universal(&a.deprel));
                lf += usize::from(w.deprel == a.deprel);
            }
        }
    }
    ParsingScore { words: n, uas: pct(u, n), las: pct(l, n), las_full: pct(lf, n) }
}

pub(crate) fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

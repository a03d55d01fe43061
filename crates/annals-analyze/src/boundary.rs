//! Learned sentence boundaries where the punctuation rules see none.
//!
//! The rule splitter in [`crate::tokenize`] ends sentences at `. ! ?`, blank
//! lines and datelines. Web and e-mail text also runs sentences together with
//! no punctuation: forwarded headers ("Mark Taylor 03/14/2002 10:15 AM Please
//! send ..."), signatures ("Best regards, Debra Perlingiere"), file lists. A
//! binary averaged perceptron re-decides every gap between two tokens of a
//! line (keeping or dropping the rules' ends there, adding new ones) where its
//! margin passes a threshold chosen by cross-validation on the training
//! documents. Line breaks, dateline dashes
//! and titles stay with the rules, so news behaviour is kept.

use std::ops::Range;

use crate::binio::{Reader, Writer};
use crate::perceptron::{f1, f2, f3, Perceptron, Rng, Trainer};
use crate::tagger::PosTagger;
use crate::tokenize::RawToken;
use crate::Error;

/// Scores gaps between tokens as sentence boundaries.
#[derive(Debug, Clone, Default)]
pub struct BoundaryModel {
    model: Perceptron,
    /// Margin (boundary − no boundary) above which a gap becomes a boundary.
    pub threshold: f32,
}

/// A coarse shape: `Xx` capitalized, `X` all caps, `x` lower, `d` digits, `p` punctuation, `o` other.
fn shape(tok: &str) -> &'static str {
    let mut chars = tok.chars();
    let Some(c) = chars.next() else { return "" };
    if tok.len() > 4 && crate::tokenize::looks_like_url(tok) {
        // addresses often stand alone between sentences in web text
        "url"
    } else if c.is_uppercase() {
        if tok.chars().count() == 1 {
            "X1"
        } else if tok.chars().all(|c| !c.is_lowercase()) {
            "X"
        } else {
            "Xx"
        }
    } else if c.is_lowercase() {
        "x"
    } else if c.is_ascii_digit() {
        "d"
    } else if c.is_ascii_punctuation() || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '–') {
        "p"
    } else {
        "o"
    }
}

fn bucket(n: usize) -> &'static str {
    ["0", "1", "2", "3", "4-6", "4-6", "4-6", "7-10", "7-10", "7-10", "7-10"].get(n).copied().unwrap_or(if n <= 20 { "11-20" } else { "21+" })
}

/// Lower-cased token, shortened so long junk cannot blow up the features.
fn lower(tok: &str) -> String {
    if tok.len() > 30 {
        tok.chars().take(15).collect::<String>().to_lowercase()
    } else {
        tok.to_lowercase()
    }
}

/// What the features read of one token: lower case, shape and ambiguity class.
struct Word<'a> {
    lower: String,
    shape: &'static str,
    ambiguity: &'a str,
}

/// The [`Word`]s of a document, computed once rather than at each of the gaps that sees them,
/// with the markers read before a sentence (`<s>`) and past the last token (`</s>`).
struct Words<'a> {
    words: Vec<Word<'a>>,
    start: Word<'a>,
    end: Word<'a>,
}

impl<'a> Words<'a> {
    fn new(text: &str, toks: &[RawToken], tags: &'a PosTagger) -> Self {
        let word = |raw: &str| {
            let lower = lower(raw);
            Word { shape: shape(raw), ambiguity: tags.ambiguity(&lower), lower }
        };
        Words { words: toks.iter().map(|t| word(&text[t.start..t.end])).collect(), start: word("<s>"), end: word("</s>") }
    }

    /// Token `k`, or the end marker past the last token.
    fn at(&self, k: usize) -> &Word<'a> {
        self.words.get(k).unwrap_or(&self.end)
    }
}

/// Features of the gap after token `i` of the rule sentence `range` (`rule`: the rules end it there).
/// A word's ambiguity class (the tags it takes) makes "you Take" look like a new clause.
fn features(text: &str, toks: &[RawToken], words: &Words, range: &Range<usize>, i: usize, rule: bool, out: &mut Vec<u64>) {
    out.clear();
    let raw = |k: usize| if k < toks.len() { &text[toks[k].start..toks[k].end] } else { "</s>" };
    let before = |k: usize| if k >= range.start && k < range.end { words.at(k) } else { &words.start };
    let (p1, w0, n1, n2) = (before(i.wrapping_sub(1)), words.at(i), words.at(i + 1), words.at(i + 2));
    let (lp1, lw0, ln1, ln2) = (p1.lower.as_str(), w0.lower.as_str(), n1.lower.as_str(), n2.lower.as_str());
    let (sp1, sw0, sn1, sn2) = (p1.shape, w0.shape, n1.shape, n2.shape);
    out.push(f1(0, ""));
    out.push(f1(1, lw0));
    out.push(f1(2, ln1));
    out.push(f2(3, ln1, sn1));
    out.push(f1(4, lp1));
    out.push(f1(5, ln2));
    out.push(f2(6, sw0, sn1));
    out.push(f3(7, sp1, sw0, sn1));
    out.push(f3(8, sw0, sn1, sn2));
    out.push(f2(9, lw0, sn1));
    out.push(f2(10, sw0, ln1));
    out.push(f2(11, lw0, ln1));
    out.push(f3(12, ln1, sn1, sn2));
    out.push(f2(13, lp1, lw0));
    out.push(f2(14, ln1, ln2));
    let since = i + 1 - range.start;
    let until = range.end - i - 1;
    out.push(f1(15, bucket(since)));
    out.push(f1(16, bucket(until)));
    out.push(f3(17, bucket(since), sw0, sn1));
    out.push(f2(18, if toks[i + 1].space_before { "space" } else { "glued" }, sn1));
    out.push(f3(19, bucket(until), sw0, sn1));
    let (ap1, aw0, an1, an2) = (p1.ambiguity, w0.ambiguity, n1.ambiguity, n2.ambiguity);
    out.push(f2(20, aw0, an1));
    out.push(f2(21, an1, sn1));
    out.push(f3(22, ap1, aw0, an1));
    out.push(f3(23, aw0, an1, an2));
    out.push(f3(24, aw0, an1, sn1));
    out.push(f2(25, lw0, an1));
    out.push(f2(26, aw0, ln1));
    // a wider look to the right: the start of the next clause
    let n3 = words.at(i + 3);
    out.push(f3(40, sn1, sn2, n3.shape));
    out.push(f2(41, sp1, sn1));
    out.push(f2(42, an1, n3.ambiguity));
    out.push(f3(43, sw0, an1, an2));
    out.push(f2(44, bucket(since), an1));
    out.push(f2(45, lw0, ln2));
    // how the rule sentence ends: one that runs on without final punctuation hides more sentences
    let ends = if crate::tokenize::is_terminal(raw(range.end - 1)) { "T" } else { words.at(range.end - 1).shape };
    out.push(f2(63, ends, bucket(until)));
    out.push(f3(64, ends, sw0, sn1));
    out.push(f3(65, ends, bucket(since), an1));
    let p2 = before(i.wrapping_sub(2));
    out.push(f3(66, p2.shape, sp1, sw0));
    out.push(f2(67, &p2.lower, lp1));
    // the rule splitter's own decision, alone and with the words around the gap
    let rf = if rule { "R" } else { "-" };
    out.push(f1(30, rf));
    out.push(f3(31, rf, sw0, sn1));
    out.push(f3(32, rf, lw0, sn1));
    out.push(f3(33, rf, lw0, ln1));
    out.push(f3(34, rf, lw0, an1));
    out.push(f3(35, rf, lp1, lw0));
}

impl BoundaryModel {
    fn margin(&self, feats: &[u64]) -> f32 {
        let mut s = [0f32; 2];
        self.model.score(feats, &mut s);
        s[1] - s[0]
    }

    /// Tokens and sentences of `text`: the rule splitter refined by the model.
    pub fn segment(&self, text: &str, tags: &PosTagger) -> (Vec<RawToken>, Vec<Range<usize>>) {
        let (toks, sents) = crate::tokenize::segment(text);
        let sents = self.refine(text, &toks, tags, sents);
        (toks, sents)
    }

    /// Re-decides every gap between two tokens of one line: the rules' sentence ends there are kept
    /// or dropped and new ones added where the model's margin passes the threshold. Line breaks and
    /// blank lines stay as the rules decided.
    pub fn refine(&self, text: &str, toks: &[RawToken], tags: &PosTagger, sents: Vec<Range<usize>>) -> Vec<Range<usize>> {
        if self.model.n_features() == 0 {
            return sents;
        }
        let mut out = Vec::with_capacity(sents.len());
        let mut feats = Vec::with_capacity(40);
        let mut start = 0;
        for_each_gap(text, toks, tags, &sents, &mut feats, |i, rule, feats| {
            let split = match feats {
                Some(f) => self.margin(f) > self.threshold,
                None => rule,
            };
            if split {
                out.push(start..i + 1);
                start = i + 1;
            }
        });
        if start < toks.len() {
            out.push(start..toks.len());
        }
        out
    }

    /// Trains on raw documents (text and gold sentence end offsets, as [`crate::eval::raw_documents`]
    /// builds them). The threshold is chosen by `folds`-fold cross-validation on the same documents
    /// (each fold scored by a model trained without it), so no development data is spent on it and it
    /// is not fitted to one small set: on EWT dev alone, F1 is flat over a wide range of thresholds.
    pub fn train(docs: &[(String, Vec<usize>)], tags: &PosTagger, iterations: usize, folds: usize, seed: u64, log: &mut dyn FnMut(String)) -> BoundaryModel {
        let mut stats = GapStats::default();
        for fold in 0..folds {
            let (held, rest): (Vec<_>, Vec<_>) = docs.iter().enumerate().partition(|(k, _)| k % folds == fold);
            let rest: Vec<(String, Vec<usize>)> = rest.into_iter().map(|(_, d)| d.clone()).collect();
            let held: Vec<(String, Vec<usize>)> = held.into_iter().map(|(_, d)| d.clone()).collect();
            let m = BoundaryModel { model: fit(&rest, tags, iterations, seed + fold as u64), threshold: f32::INFINITY };
            stats.add(m.gap_stats(&held, tags));
        }
        let threshold = if folds > 1 { stats.best_threshold(&mut |s| log(format!("{folds}-fold cross-validation on the training documents: {s}"))) } else { 0.0 };
        BoundaryModel { model: fit(docs, tags, iterations, seed), threshold }
    }

    /// Boundary F1 on `docs` at this model's threshold, with the rules' F1 for comparison (logged).
    pub fn report(&self, docs: &[(String, Vec<usize>)], tags: &PosTagger, log: &mut dyn FnMut(String)) -> f64 {
        let st = self.gap_stats(docs, tags);
        log(format!("rules alone: F1 {:.4} ({} of {} gold, {} predicted)", st.f1(st.rule_correct, st.rule_pred), st.rule_correct, st.gold, st.rule_pred));
        let (c, p) = st.cands.iter().filter(|x| x.0 > self.threshold).fold((st.fixed_correct, st.fixed_pred), |(c, p), x| (c + usize::from(x.1), p + 1));
        let f = st.f1(c, p);
        log(format!("rules and model at threshold {:.3}: F1 {f:.4} ({c} of {} gold, {p} predicted)", self.threshold, st.gold));
        f
    }

    /// Gold and rule counts of `docs` and the model's margin at every gap it decides.
    fn gap_stats(&self, docs: &[(String, Vec<usize>)], tags: &PosTagger) -> GapStats {
        let mut st = GapStats::default();
        let mut feats = Vec::new();
        for (text, ends) in docs {
            let (toks, sents) = crate::tokenize::segment(text);
            let ends: std::collections::HashSet<usize> = ends.iter().copied().collect();
            st.gold += ends.len();
            st.rule_pred += sents.len();
            st.rule_correct += sents.iter().filter(|r| ends.contains(&toks[r.end - 1].end)).count();
            // the document's end is always one
            st.fixed_pred += 1;
            st.fixed_correct += usize::from(toks.last().is_some_and(|t| ends.contains(&t.end)));
            for_each_gap(text, &toks, tags, &sents, &mut feats, |i, rule, feats| match feats {
                Some(f) => st.cands.push((self.margin(f), ends.contains(&toks[i].end))),
                None if rule => {
                    st.fixed_pred += 1;
                    st.fixed_correct += usize::from(ends.contains(&toks[i].end));
                }
                None => {}
            });
        }
        st
    }

    /// Writes the model.
    pub fn write(&self, w: &mut Writer) {
        w.f32(self.threshold);
        self.model.write(w);
    }

    /// Reads a model written by [`write`](Self::write).
    pub fn read(r: &mut Reader) -> Result<Self, Error> {
        let threshold = r.f32()?;
        let model = Perceptron::read(r)?;
        if model.n_classes() != 2 {
            return Err(Error::Model("sentence boundary model is not binary".into()));
        }
        Ok(BoundaryModel { model, threshold })
    }
}

/// Averaged-perceptron training on every model-decided gap of `docs`.
fn fit(docs: &[(String, Vec<usize>)], tags: &PosTagger, iterations: usize, seed: u64) -> Perceptron {
    let examples = collect(docs, tags);
    let mut t = Trainer::new(2);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng::new(seed);
    let mut scores = [0f32; 2];
    for _ in 0..iterations {
        rng.shuffle(&mut order);
        for &k in &order {
            let (feats, gold) = &examples[k];
            t.score(feats, &mut scores);
            let guess = usize::from(scores[1] > scores[0]);
            t.update(feats, usize::from(*gold), guess);
            t.tick();
        }
    }
    t.finish(0.05)
}

/// Counts for choosing a threshold: gold ends, the rules' ends, the ends fixed by the rules where the
/// model has no say, and (margin, is a gold end) for every gap the model decides.
#[derive(Debug, Default)]
struct GapStats {
    gold: usize,
    rule_pred: usize,
    rule_correct: usize,
    fixed_pred: usize,
    fixed_correct: usize,
    cands: Vec<(f32, bool)>,
}

impl GapStats {
    fn add(&mut self, o: GapStats) {
        self.gold += o.gold;
        self.rule_pred += o.rule_pred;
        self.rule_correct += o.rule_correct;
        self.fixed_pred += o.fixed_pred;
        self.fixed_correct += o.fixed_correct;
        self.cands.extend(o.cands);
    }

    fn f1(&self, correct: usize, predicted: usize) -> f64 {
        if predicted == 0 || self.gold == 0 {
            0.0
        } else {
            2.0 * correct as f64 / (predicted + self.gold) as f64
        }
    }

    /// The threshold halfway (in boundaries added) between the highest and the lowest whose F1 is within
    /// 0.001 of the best: F1 is flat over a wide range, and its middle is the choice least sensitive to
    /// text unlike the training data (the highest adds too few boundaries to web text, the lowest too
    /// many to news).
    fn best_threshold(&mut self, log: &mut dyn FnMut(String)) -> f32 {
        self.cands.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut curve: Vec<(f32, f64)> = Vec::new();
        let (mut c, mut p) = (self.fixed_correct, self.fixed_pred);
        for (k, &(m, ok)) in self.cands.iter().enumerate() {
            p += 1;
            c += usize::from(ok);
            let next = self.cands.get(k + 1).map_or(f32::NEG_INFINITY, |x| x.0);
            if next < m {
                curve.push((if next.is_finite() { (m + next) / 2.0 } else { m - 1.0 }, self.f1(c, p)));
            }
        }
        let (top_at, top) = curve.iter().copied().fold((f32::INFINITY, 0.0), |a, x| if x.1 > a.1 { x } else { a });
        let near: Vec<usize> = (0..curve.len()).filter(|&k| curve[k].1 >= top - 0.001).collect();
        let (best, best_f1) = match (near.first(), near.last()) {
            (Some(&a), Some(&b)) => curve[(a + b) / 2],
            _ => (f32::INFINITY, 0.0),
        };
        log(format!("rules alone F1 {:.4}; with the model F1 {best_f1:.4} at threshold {best:.3} (best {top:.4} at {top_at:.3})", self.f1(self.rule_correct, self.rule_pred)));
        best
    }
}

/// Calls `f(i, rule, features)` for the gap after every token but the last, in order: `rule` is the
/// rule splitter's decision; `features` is `None` where the model has no say (a line break follows,
/// a dateline ends, or the word is a title).
fn for_each_gap(text: &str, toks: &[RawToken], tags: &PosTagger, sents: &[Range<usize>], feats: &mut Vec<u64>, mut f: impl FnMut(usize, bool, Option<&[u64]>)) {
    let words = Words::new(text, toks, tags);
    for r in sents {
        for i in r.clone() {
            if i + 1 >= toks.len() {
                return;
            }
            let rule = i + 1 == r.end;
            // a dateline's dash ("WASHINGTON (Reuters) -") is news structure the web text never shows
            // and a title never ends a sentence ("Sen. Bob Corker")
            let w = &text[toks[i].start..toks[i].end];
            let dateline = rule && matches!(w, "-" | "—" | "–" | "--");
            if toks[i + 1].newlines_before > 0 || dateline || crate::tokenize::is_title(w) {
                f(i, rule, None);
            } else {
                features(text, toks, &words, r, i, rule, feats);
                f(i, rule, Some(feats));
            }
        }
    }
}

/// Candidate gaps of the documents with their features and gold label.
fn collect(docs: &[(String, Vec<usize>)], tags: &PosTagger) -> Vec<(Vec<u64>, bool)> {
    let mut out = Vec::new();
    let mut feats = Vec::new();
    for (text, ends) in docs {
        let (toks, sents) = crate::tokenize::segment(text);
        let ends: std::collections::HashSet<usize> = ends.iter().copied().collect();
        for_each_gap(text, &toks, tags, &sents, &mut feats, |i, _, feats| {
            if let Some(f) = feats {
                out.push((f.to_vec(), ends.contains(&toks[i].end)));
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_unpunctuated_sentence_starts() {
        // unpunctuated starts that the rules cannot find
        let mut docs = Vec::new();
        for k in 0..40 {
            let a = format!("thanks for the help number {k}");
            let b = "I will call you tomorrow";
            let c = "we met at the office and talked about the plan";
            let text = format!("{a} {b} {c}");
            docs.push((text.clone(), vec![a.len(), a.len() + 1 + b.len(), text.len()]));
        }
        let tags = PosTagger::default();
        let m = BoundaryModel::train(&docs, &tags, 5, 2, 1, &mut |_| {});
        let text = "thanks for the help number 99 I will call you tomorrow we met at the office";
        let toks = crate::tokenize::tokenize(text);
        let sents = crate::tokenize::split_sentences(text, &toks);
        assert_eq!(sents.len(), 1);
        let refined = m.refine(text, &toks, &tags, sents);
        let firsts: Vec<&str> = refined.iter().map(|r| &text[toks[r.start].start..toks[r.start].end]).collect();
        assert_eq!(firsts, vec!["thanks", "I", "we"]);
        let mut w = Writer::default();
        m.write(&mut w);
        let bytes = w.into_bytes();
        let back = BoundaryModel::read(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(back.refine(text, &toks, &tags, crate::tokenize::split_sentences(text, &toks)), refined);
    }
}

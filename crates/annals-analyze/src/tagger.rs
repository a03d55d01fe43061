//! Part-of-speech tagger (greedy averaged perceptron, left to right) and
//! lemmatizer (suffix rules plus an exception list, both learned from UD EWT).

use std::borrow::Cow;
use std::collections::HashMap;

use crate::binio::{Reader, Writer};
use crate::conllu::Sentence;
use crate::perceptron::{argmax, f1, f2, f3, Perceptron, Rng, Trainer};
use crate::Error;

/// The 17 universal POS tags.
pub const UPOS: &[&str] = &[
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ",
    "SYM", "VERB", "X",
];

/// Index of a UPOS tag (X for unknown ones).
pub fn upos_index(tag: &str) -> usize {
    UPOS.iter().position(|t| *t == tag).unwrap_or(UPOS.len() - 1)
}

/// Word shape: `Xxxx`, `dd`, `X.X.`, with runs collapsed.
pub fn shape(word: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = ' ';
    let mut run = 0;
    for c in word.chars().take(24) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
        }
        out.push(k);
        last = k;
    }
    out
}

fn suffix(s: &str, n: usize) -> &str {
    let mut idx = s.len();
    for (count, (i, _)) in s.char_indices().rev().enumerate() {
        idx = i;
        if count + 1 == n {
            break;
        }
    }
    &s[idx..]
}

fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Per-word strings the features use, computed once per sentence (borrowed where
/// the word already is what a feature reads).
struct WordInfo<'a> {
    form: Cow<'a, str>,
    lower: Cow<'a, str>,
    shape: String,
    ambiguity: &'a str,
}

/// Greedy perceptron POS tagger (UPOS, or any tag column such as XPOS).
#[derive(Debug, Clone, Default)]
pub struct PosTagger {
    model: Perceptron,
    /// Class names.
    tags: Vec<String>,
    /// Tags seen with each frequent word ("ADJ|NOUN").
    tag_dict: rustc_hash::FxHashMap<String, String>,
}

const NONE: &str = "<none>";

impl PosTagger {
    fn infos<'a>(&'a self, words: &[&'a str]) -> Vec<WordInfo<'a>> {
        words
            .iter()
            .map(|&w| {
                let form: Cow<'a, str> = if w.len() > 60 { Cow::Owned(w.chars().take(30).collect()) } else { Cow::Borrowed(w) };
                // most words are lower case already: only the others are copied
                let lower = if form.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) { Cow::Owned(form.to_lowercase()) } else { form.clone() };
                let ambiguity = self.tag_dict.get(lower.as_ref()).map_or("", String::as_str);
                WordInfo { shape: shape(&form), lower, form, ambiguity }
            })
            .collect()
    }

    fn features(infos: &[WordInfo<'_>], i: usize, p1: &str, p2: &str, out: &mut Vec<u64>) {
        out.clear();
        let w = &infos[i];
        let get = |k: isize| -> Option<&WordInfo<'_>> {
            let j = i as isize + k;
            (j >= 0 && (j as usize) < infos.len()).then(|| &infos[j as usize])
        };
        let lw = |k: isize| get(k).map_or(if k < 0 { "<s>" } else { "</s>" }, |x| x.lower.as_ref());
        out.push(f1(0, ""));
        out.push(f1(1, &w.lower));
        out.push(f1(2, &w.form));
        out.push(f1(3, suffix(&w.lower, 1)));
        out.push(f1(4, suffix(&w.lower, 2)));
        out.push(f1(5, suffix(&w.lower, 3)));
        out.push(f1(6, suffix(&w.lower, 4)));
        out.push(f1(7, prefix(&w.lower, 1)));
        out.push(f1(8, prefix(&w.lower, 2)));
        out.push(f1(9, prefix(&w.lower, 3)));
        out.push(f1(10, &w.shape));
        out.push(f1(11, p1));
        out.push(f1(12, p2));
        out.push(f2(13, p1, p2));
        out.push(f2(14, p1, &w.lower));
        out.push(f1(15, lw(-1)));
        out.push(f1(16, lw(-2)));
        out.push(f1(17, lw(1)));
        out.push(f1(18, lw(2)));
        out.push(f1(19, suffix(lw(-1), 3)));
        out.push(f1(20, suffix(lw(1), 3)));
        out.push(f1(21, w.ambiguity));
        out.push(f1(22, get(1).map_or("</s>", |x| x.ambiguity)));
        out.push(f1(23, get(-1).map_or("<s>", |x| x.shape.as_str())));
        out.push(f1(24, get(1).map_or("</s>", |x| x.shape.as_str())));
        out.push(f2(25, w.ambiguity, p1));
        out.push(f2(26, lw(1), &w.lower));
        out.push(f2(27, lw(-1), &w.lower));
        out.push(f1(28, get(2).map_or("</s>", |x| x.ambiguity)));
        out.push(f2(29, &w.shape, if i == 0 { "first" } else { "" }));
        out.push(f3(30, p1, w.ambiguity, get(1).map_or("</s>", |x| x.ambiguity)));
    }

    /// The tags seen with a lower-cased word in training (`NOUN|VERB`), empty for unknown words.
    pub fn ambiguity(&self, lower: &str) -> &str {
        self.tag_dict.get(lower).map_or("", String::as_str)
    }

    /// Tags a sentence.
    pub fn tag(&self, words: &[&str]) -> Vec<&str> {
        let infos = self.infos(words);
        let mut out: Vec<&str> = Vec::with_capacity(words.len());
        let mut feats = Vec::with_capacity(40);
        let mut scores = vec![0f32; self.tags.len()];
        for i in 0..words.len() {
            let p1 = if i >= 1 { out[i - 1] } else { NONE };
            let p2 = if i >= 2 { out[i - 2] } else { NONE };
            Self::features(&infos, i, p1, p2, &mut feats);
            self.model.score(&feats, &mut scores);
            out.push(self.tags.get(argmax(&scores, |_| true)).map_or("X", String::as_str));
        }
        out
    }

    /// Trains a UPOS tagger on gold sentences.
    pub fn train(sents: &[Sentence], iterations: usize, seed: u64) -> PosTagger {
        Self::train_column(sents, |w| &w.upos, iterations, seed)
    }

    /// Trains a tagger for the tag column `column` (e.g. XPOS).
    pub fn train_column(sents: &[Sentence], column: fn(&crate::conllu::Word) -> &String, iterations: usize, seed: u64) -> PosTagger {
        let mut counts: HashMap<String, HashMap<&str, u32>> = HashMap::new();
        let mut tags: Vec<String> = Vec::new();
        for s in sents {
            for w in &s.words {
                let t = column(w);
                if !tags.contains(t) {
                    tags.push(t.clone());
                }
                *counts.entry(w.form.to_lowercase()).or_default().entry(t.as_str()).or_default() += 1;
            }
        }
        tags.sort();
        let mut tag_dict = rustc_hash::FxHashMap::default();
        for (word, tags) in counts {
            let total: u32 = tags.values().sum();
            if total < 2 {
                continue;
            }
            let mut kept: Vec<&str> = tags.iter().filter(|(_, c)| **c * 20 >= total).map(|(t, _)| *t).collect();
            kept.sort_unstable();
            tag_dict.insert(word, kept.join("|"));
        }
        let n_tags = tags.len();
        let mut tagger = PosTagger { model: Perceptron::default(), tags, tag_dict };
        let mut trainer = Trainer::new(n_tags);
        let mut order: Vec<usize> = (0..sents.len()).collect();
        let mut rng = Rng::new(seed);
        let mut feats = Vec::with_capacity(40);
        let mut scores = vec![0f32; n_tags];
        for _ in 0..iterations {
            rng.shuffle(&mut order);
            for &si in &order {
                let s = &sents[si];
                let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                let infos = tagger.infos(&words);
                let mut prev: Vec<usize> = Vec::with_capacity(words.len());
                for (i, w) in s.words.iter().enumerate() {
                    let p1 = if i >= 1 { tagger.tags[prev[i - 1]].as_str() } else { NONE };
                    let p2 = if i >= 2 { tagger.tags[prev[i - 2]].as_str() } else { NONE };
                    Self::features(&infos, i, p1, p2, &mut feats);
                    trainer.score(&feats, &mut scores);
                    let guess = argmax(&scores, |_| true);
                    let gold = tagger.tags.iter().position(|t| t == column(w)).unwrap_or(0);
                    trainer.update(&feats, gold, guess);
                    trainer.tick();
                    prev.push(guess);
                }
            }
        }
        tagger.model = trainer.finish(0.01);
        tagger
    }

    /// Writes the tagger.
    pub fn write(&self, w: &mut Writer) {
        w.strs(&self.tags);
        let mut dict: Vec<(&String, &String)> = self.tag_dict.iter().collect();
        dict.sort();
        w.u32(dict.len() as u32);
        for (k, v) in dict {
            w.str(k);
            w.str(v);
        }
        self.model.write(w);
    }

    /// Reads a tagger written by [`write`](Self::write).
    pub fn read(r: &mut Reader) -> Result<Self, Error> {
        let tags = r.strs()?;
        let n = r.u32()? as usize;
        let mut tag_dict = rustc_hash::FxHashMap::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let k = r.str()?;
            let v = r.str()?;
            tag_dict.insert(k, v);
        }
        let model = Perceptron::read(r)?;
        if model.n_classes() != tags.len() {
            return Err(Error::Model("tagger model does not match its tags".into()));
        }
        Ok(PosTagger { tag_dict, tags, model })
    }
}

/// Suffix-rule lemmatizer with an exception list, learned from gold lemmas.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// (upos, suffix) → (characters to strip, string to append).
    rules: ByTag<(u8, String)>,
    /// (upos, lower-case form) → lemma, where the rules go wrong.
    exceptions: ByTag<String>,
}

/// A map keyed by (UPOS index, string), one map per tag, so a look-up takes a `&str`
/// and builds no key.
#[derive(Debug, Clone, Default)]
struct ByTag<V> {
    maps: Vec<rustc_hash::FxHashMap<String, V>>,
}

impl<V> ByTag<V> {
    fn get(&self, tag: u8, key: &str) -> Option<&V> {
        self.maps.get(usize::from(tag))?.get(key)
    }

    fn insert(&mut self, tag: u8, key: String, value: V) {
        let t = usize::from(tag);
        if self.maps.len() <= t {
            self.maps.resize_with(t + 1, Default::default);
        }
        self.maps[t].insert(key, value);
    }

    fn len(&self) -> usize {
        self.maps.iter().map(|m| m.len()).sum()
    }

    /// Entries in (tag, key) order.
    fn sorted(&self) -> Vec<(u8, &String, &V)> {
        let mut out = Vec::with_capacity(self.len());
        for (t, m) in self.maps.iter().enumerate() {
            let mut entries: Vec<(&String, &V)> = m.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.extend(entries.into_iter().map(|(k, v)| (t as u8, k, v)));
        }
        out
    }
}

const MAX_SUFFIX: usize = 5;

fn transform(form: &str, lemma: &str) -> (u8, String) {
    let f: Vec<char> = form.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let common = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    ((f.len() - common).min(255) as u8, l[common..].iter().collect())
}

impl Lemmatizer {
    fn normalize_case(upos: &str, form: &str) -> String {
        if upos == "PROPN" || form == "I" {
            form.to_string()
        } else {
            form.to_lowercase()
        }
    }

    fn by_rule(&self, tag: u8, lower: &str) -> Option<String> {
        let n_chars = lower.chars().count();
        let longest = MAX_SUFFIX.min(n_chars);
        // starts[n]: where the suffix of n characters starts
        let mut starts = [lower.len(); MAX_SUFFIX + 1];
        for (k, (i, _)) in lower.char_indices().rev().take(longest).enumerate() {
            starts[k + 1] = i;
        }
        for n in (0..=longest).rev() {
            if let Some((strip, add)) = self.rules.get(tag, &lower[starts[n]..]) {
                let keep = n_chars.saturating_sub(*strip as usize);
                let mut s: String = lower.chars().take(keep).collect();
                s.push_str(add);
                return Some(s);
            }
        }
        None
    }

    /// Lemma of `form` tagged `upos`.
    pub fn lemma(&self, form: &str, upos: &str) -> String {
        let base = Self::normalize_case(upos, form);
        if upos == "PROPN" || upos == "NUM" || upos == "PUNCT" || upos == "SYM" || base.chars().count() > 40 {
            return base;
        }
        let tag = upos_index(upos) as u8;
        if let Some(l) = self.exceptions.get(tag, &base) {
            return l.clone();
        }
        // verbs in -ies/-ied unseen in training: "denies", "applied" → "deny", "apply"
        // (the learned suffix rules follow "dies"/"ties"); four-letter ones keep "ie" ("dies" → "die")
        if upos == "VERB" && base.chars().count() >= 5 && (base.ends_with("ies") || base.ends_with("ied")) {
            return format!("{}y", &base[..base.len() - 3]);
        }
        self.by_rule(tag, &base).unwrap_or(base)
    }

    /// Learns rules and exceptions from gold sentences.
    pub fn train(sents: &[Sentence]) -> Lemmatizer {
        let mut rule_counts: HashMap<(u8, String), HashMap<(u8, String), u32>> = HashMap::new();
        let mut pairs: HashMap<(u8, String), HashMap<String, u32>> = HashMap::new();
        for s in sents {
            for w in &s.words {
                if w.lemma == "_" || w.lemma.is_empty() {
                    continue;
                }
                let tag = upos_index(&w.upos) as u8;
                let base = Self::normalize_case(&w.upos, &w.form);
                *pairs.entry((tag, base.clone())).or_default().entry(w.lemma.clone()).or_default() += 1;
                let tr = transform(&base, &w.lemma);
                let chars: Vec<char> = base.chars().collect();
                for n in 0..=MAX_SUFFIX.min(chars.len()) {
                    let suf: String = chars[chars.len() - n..].iter().collect();
                    *rule_counts.entry((tag, suf)).or_default().entry(tr.clone()).or_default() += 1;
                }
            }
        }
        let mut lem = Lemmatizer::default();
        for (key, trs) in rule_counts {
            let total: u32 = trs.values().sum();
            let (best, count) = trs.into_iter().max_by_key(|(t, c)| (*c, std::cmp::Reverse(t.clone()))).expect("non-empty");
            // a suffix rule must be backed by a few words, else the exceptions handle it
            if key.1.is_empty() || (total >= 2 && count * 10 >= total * 6) {
                lem.rules.insert(key.0, key.1, best);
            }
        }
        for ((tag, base), lemmas) in pairs {
            let best = lemmas.into_iter().max_by_key(|(l, c)| (*c, std::cmp::Reverse(l.clone()))).expect("non-empty").0;
            if lem.by_rule(tag, &base).as_deref().unwrap_or(&base) != best {
                lem.exceptions.insert(tag, base, best);
            }
        }
        lem
    }

    /// Writes the lemmatizer.
    pub fn write(&self, w: &mut Writer) {
        let rules = self.rules.sorted();
        w.u32(rules.len() as u32);
        for (t, s, (n, a)) in rules {
            w.u8(t);
            w.str(s);
            w.u8(*n);
            w.str(a);
        }
        let ex = self.exceptions.sorted();
        w.u32(ex.len() as u32);
        for (t, f, l) in ex {
            w.u8(t);
            w.str(f);
            w.str(l);
        }
    }

    /// Reads a lemmatizer written by [`write`](Self::write).
    pub fn read(r: &mut Reader) -> Result<Self, Error> {
        let mut lem = Lemmatizer::default();
        for _ in 0..r.u32()? {
            let t = r.u8()?;
            let s = r.str()?;
            let n = r.u8()?;
            let a = r.str()?;
            lem.rules.insert(t, s, (n, a));
        }
        for _ in 0..r.u32()? {
            let t = r.u8()?;
            let f = r.str()?;
            let l = r.str()?;
            lem.exceptions.insert(t, f, l);
        }
        Ok(lem)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn verbs_in_ies_and_ied() {
        let m = crate::models::Models::shared().expect("embedded models");
        let lem = |w: &str| m.lemmatizer.lemma(w, "VERB");
        assert_eq!((lem("denies"), lem("denied"), lem("applies")), ("deny".into(), "deny".into(), "apply".into()));
        assert_eq!((lem("dies"), lem("ties")), ("die".into(), "tie".into()));
        // UD EWT lemmatizes "according (to)" as "accord"
        assert_eq!(lem("according"), "accord");
    }

    use super::*;
    use crate::conllu::parse_conllu;

    const TRAIN: &str = "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n2\tdogs\tdog\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n\
3\tbarked\tbark\tVERB\tVBD\t_\t0\troot\t_\t_\n\n1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n2\tcats\tcat\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n\
3\tjumped\tjump\tVERB\tVBD\t_\t0\troot\t_\t_\n\n1\tMice\tmouse\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\twere\tbe\tAUX\tVBD\t_\t0\troot\t_\t_\n\n";

    #[test]
    fn tags_and_lemmatizes() {
        let sents = parse_conllu(TRAIN);
        let tagger = PosTagger::train(&sents, 5, 1);
        assert_eq!(tagger.tag(&["The", "birds", "walked"]), vec!["DET", "NOUN", "VERB"]);
        let lem = Lemmatizer::train(&sents);
        assert_eq!(lem.lemma("rats", "NOUN"), "rat");
        assert_eq!(lem.lemma("talked", "VERB"), "talk");
        assert_eq!(lem.lemma("Mice", "NOUN"), "mouse");
        assert_eq!(lem.lemma("Paris", "PROPN"), "Paris");
        let mut w = Writer::default();
        lem.write(&mut w);
        tagger.write(&mut w);
        let bytes = w.into_bytes();
        let mut r = Reader::new(&bytes);
        let lem2 = Lemmatizer::read(&mut r).unwrap();
        let tagger2 = PosTagger::read(&mut r).unwrap();
        assert_eq!(lem2.lemma("were", "AUX"), "be");
        for words in [&["The", "birds", "walked"][..], &["Mice", "jumped"][..]] {
            assert_eq!(tagger2.tag(words), tagger.tag(words));
        }
    }
}

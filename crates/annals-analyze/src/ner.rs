//! Named-entity tagger: an averaged perceptron over BIO tags (PER, ORG, LOC)
//! with word, shape, affix, context, POS, word-cluster and gazetteer features,
//! decoded with a small beam and trained as a structured perceptron with early
//! update (Collins & Roark 2004).
//!
//! Gazetteer features come from GeoNames and ISO 3166 (places) and the
//! Phoenix actor dictionaries (people, organisations); matches are found
//! greedily, longest first, over lower-cased token sequences.

use crate::binio::{Reader, Writer};
use std::borrow::Cow;

use crate::clusters::{ClusterName, Clusters};
use crate::perceptron::{chain, f1, f2, f3, FeatMap, Perceptron, Rng, Trainer};
use crate::tagger::shape;
use crate::Error;

/// BIO tags, in class order.
pub const TAGS: &[&str] = &["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];

/// Gazetteer types (`FIRST`: given names, from the people in the actor dictionaries).
pub const GAZ_TYPES: &[&str] = &["PER", "ORG", "LOC", "FIRST"];

/// Longest gazetteer entry, in tokens.
pub const GAZ_MAX: usize = 6;

/// Hash of a token sequence, extended by one token (the index is rebuilt from the
/// entries at load, so this hash is never stored).
fn seq_hash(h: u64, token: &str) -> u64 {
    chain(h, token)
}

/// The gazetteer tags ("B-PER+FIRST", "I-PER+FIRST") of a set of type bits, built once.
fn gaz_tags(bits: u8) -> (&'static str, &'static str) {
    static TAGS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    let tags = TAGS.get_or_init(|| {
        (0..1u8 << GAZ_TYPES.len())
            .map(|bits| {
                let ty: String = GAZ_TYPES.iter().enumerate().filter(|(b, _)| bits & (1 << b) != 0).map(|(_, t)| *t).collect::<Vec<_>>().join("+");
                (format!("B-{ty}"), format!("I-{ty}"))
            })
            .collect()
    });
    let (b, i) = &tags[usize::from(bits) & (tags.len() - 1)];
    (b, i)
}

/// Lower-cased token sequences with a type.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<(String, u8)>,
    /// hash of the token sequence → type bits (1 PER, 2 ORG, 4 LOC)
    index: FeatMap<u8>,
    /// hashes of proper prefixes, so a scan can stop early
    prefixes: FeatMap<()>,
}

impl Gazetteer {
    /// Builds from (space-separated lower-case tokens, type index) pairs.
    pub fn new(entries: Vec<(String, u8)>) -> Self {
        let mut g = Gazetteer { entries: Vec::new(), index: FeatMap::default(), prefixes: FeatMap::default() };
        for (name, ty) in entries {
            let toks: Vec<&str> = name.split(' ').collect();
            if toks.is_empty() || toks.len() > GAZ_MAX {
                continue;
            }
            let mut h = 0u64;
            for (k, t) in toks.iter().enumerate() {
                h = seq_hash(h, t);
                if k + 1 < toks.len() {
                    g.prefixes.insert(h, ());
                }
            }
            *g.index.entry(h).or_default() |= 1 << ty;
            g.entries.push((name, ty));
        }
        g
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Type bits of an exact entry.
    pub fn lookup(&self, lower_tokens: &[&str]) -> u8 {
        let mut h = 0u64;
        for t in lower_tokens {
            h = seq_hash(h, t);
        }
        self.index.get(&h).copied().unwrap_or(0)
    }

    /// Per token, the BIO-style gazetteer tag of the longest match covering it ("B-LOC", "I-PER", "").
    pub fn tag<S: AsRef<str>>(&self, lower: &[S]) -> Vec<&'static str> {
        let mut out = vec![""; lower.len()];
        let mut i = 0;
        while i < lower.len() {
            let mut h = 0u64;
            let mut best: Option<(usize, u8)> = None;
            for k in 0..GAZ_MAX.min(lower.len() - i) {
                h = seq_hash(h, lower[i + k].as_ref());
                if let Some(&bits) = self.index.get(&h) {
                    best = Some((k + 1, bits));
                }
                if !self.prefixes.contains_key(&h) {
                    break;
                }
            }
            if let Some((len, bits)) = best {
                let (b, inside) = gaz_tags(bits);
                out[i] = b;
                for o in out.iter_mut().skip(i + 1).take(len - 1) {
                    *o = inside;
                }
                i += len;
            } else {
                i += 1;
            }
        }
        out
    }

    fn write(&self, w: &mut Writer) {
        w.u32(self.entries.len() as u32);
        for (n, t) in &self.entries {
            w.str(n);
            w.u8(*t);
        }
    }

    fn read(r: &mut Reader) -> Result<Self, Error> {
        let n = r.u32()? as usize;
        let mut entries = Vec::with_capacity(n);
        for _ in 0..n {
            let name = r.str()?;
            entries.push((name, r.u8()?));
        }
        Ok(Gazetteer::new(entries))
    }
}

/// One token of entity-tagger input.
#[derive(Debug, Clone, Copy)]
pub struct NerWord<'a> {
    /// Surface form.
    pub form: &'a str,
    /// UPOS tag.
    pub upos: &'a str,
}

struct Info<'a> {
    /// the form (long ones cut to 30 characters), or `<unk>` for words rare in training
    form: Cow<'a, str>,
    /// lower case, always (for affixes)
    full_lower: Cow<'a, str>,
    /// seen at least twice in training (else `lower` is `<unk>`)
    known: bool,
    shape: String,
    gaz: &'static str,
    /// word clusters (coarse, fine) from the MiniLM word-piece embeddings
    cc: ClusterName,
    cf: ClusterName,
    /// in a run of two or more capitalized words ("Ministry of Defence"): the indices of the
    /// run's last and first words and the position in it (`run_pos` empty outside runs)
    run_last: usize,
    run_first: usize,
    run_pos: &'static str,
}

impl Info<'_> {
    /// lower case, or `<unk>` for words rare in training
    fn lower(&self) -> &str {
        if self.known {
            &self.full_lower
        } else {
            "<unk>"
        }
    }
}

/// One trained model of the entity tagger: weights and the words they know.
#[derive(Debug, Clone, Default)]
struct NerModel {
    weights: Perceptron,
    /// Words seen at least twice in training: rarer words get no word-identity
    /// features, so the model learns to recognize unseen names by shape and context.
    vocab: rustc_hash::FxHashSet<String>,
}

impl NerModel {
    fn write(&self, w: &mut Writer) {
        let mut vocab: Vec<&String> = self.vocab.iter().collect();
        vocab.sort();
        w.strs(&vocab);
        self.weights.write(w);
    }

    fn read(r: &mut Reader) -> Result<Self, Error> {
        let vocab = r.strs()?.into_iter().collect();
        Ok(NerModel { vocab, weights: Perceptron::read(r)? })
    }
}

/// The entity tagger.
///
/// Sentences written without capitals ("i live in kerala near noida") go to a second model trained on
/// lower-cased copies of the training data, and so do sentences in capitals, lower-cased: in the cased model capitals are the strongest cue of a
/// name, and lower-cased training copies mixed into it cost edited text what they gain on web text
/// (UNER dev +0.012, GUM news dev −0.017), while a model of its own leaves cased text untouched.
#[derive(Debug, Clone, Default)]
pub struct NerTagger {
    cased: NerModel,
    /// For sentences [`written_without_capitals`] or [`written_in_capitals`] (none: the cased model tags them too).
    uncased: Option<NerModel>,
    /// The gazetteer it was trained with.
    pub gazetteer: Gazetteer,
    /// Word clusters it was trained with.
    pub clusters: Clusters,
}

/// True for a sentence written in capitals: three words or more with letters, none in lower case.
pub fn written_in_capitals(words: &[NerWord]) -> bool {
    words.iter().filter(|w| w.form.chars().any(char::is_alphabetic)).count() >= 3 && !words.iter().any(|w| w.form.chars().any(char::is_lowercase))
}

/// True for a sentence written without capitals, as in web answers and chat: no word after the first
/// starts with a capital, and the first starts in lower case or the pronoun is written "i". (A cased
/// sentence without names, "He said the talks failed.", is not one: its first word is capitalized.)
pub fn written_without_capitals(words: &[NerWord]) -> bool {
    let starts = |w: &NerWord, f: fn(char) -> bool| w.form.chars().next().is_some_and(f);
    !words.iter().skip(1).any(|w| starts(w, char::is_uppercase))
        && (words.first().is_some_and(|w| starts(w, char::is_lowercase)) || words.iter().any(|w| w.form == "i"))
}

/// Beam width of the entity tagger's search (1: greedy).
pub const BEAM: usize = 4;

fn valid(prev: usize, tag: usize) -> bool {
    // I-X only after B-X or I-X
    if tag == 0 || tag % 2 == 1 {
        return true;
    }
    prev == tag || prev + 1 == tag
}

fn affix(s: &str, n: usize, suffix: bool) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    let idx = if suffix { s.char_indices().nth(count - n).map_or(0, |x| x.0) } else { s.char_indices().nth(n).map_or(s.len(), |x| x.0) };
    if suffix {
        &s[idx..]
    } else {
        &s[..idx]
    }
}

impl NerTagger {
    fn infos<'a>(&self, model: &NerModel, words: &[NerWord<'a>]) -> Vec<Info<'a>> {
        let cut = |form: &'a str| -> Cow<'a, str> { if form.len() > 60 { Cow::Owned(form.chars().take(30).collect()) } else { Cow::Borrowed(form) } };
        // most words are lower case already: only the others are copied
        let lower: Vec<Cow<'a, str>> = words
            .iter()
            .map(|w| match cut(w.form) {
                Cow::Borrowed(f) if !f.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) => Cow::Borrowed(f),
                f => Cow::Owned(f.to_lowercase()),
            })
            .collect();
        let gaz = self.gazetteer.tag(&lower);
        let mut infos = words
            .iter()
            .zip(lower)
            .zip(gaz)
            .map(|((w, lower), gaz)| {
                let known = model.vocab.contains(lower.as_ref());
                let form = if known { cut(w.form) } else { Cow::Borrowed("<unk>") };
                let c = self.clusters.lookup(&lower);
                Info { form, shape: shape(w.form), known, full_lower: lower, gaz, cc: c.coarse, cf: c.fine, run_last: 0, run_first: 0, run_pos: "" }
            })
            .collect::<Vec<_>>();
        Self::mark_runs(&mut infos);
        infos
    }

    /// Capitalized runs: their last word is the usual cue of an organisation
    /// ("... Party", "... Inc.", "... University"), their first that of a body
    /// or place ("University of ...", "Bank of ...").
    fn mark_runs(infos: &mut [Info<'_>]) {
        // connectors between capitalized words; a capitalized sentence start joins too ("In the
        // United States": a run starting with "in"), which measured better than keeping "the" out
        const JOIN: &[&str] = &["of", "for", "and", "&", "the", "de", "on"];
        let cap = |x: &Info| x.shape.starts_with('X');
        let mut i = 0;
        while i < infos.len() {
            if !cap(&infos[i]) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < infos.len() {
                if cap(&infos[j]) {
                    j += 1;
                } else if j + 1 < infos.len() && JOIN.contains(&infos[j].full_lower.as_ref()) && cap(&infos[j + 1]) {
                    j += 2;
                } else {
                    break;
                }
            }
            if j - i >= 2 {
                for (k, x) in infos[i..j].iter_mut().enumerate() {
                    x.run_first = i;
                    x.run_last = j - 1;
                    x.run_pos = if k == 0 { "B" } else if k + 1 == j - i { "E" } else { "I" };
                }
            }
            i = j;
        }
    }

    /// Features that do not depend on the previous tags (scored once per word).
    fn static_features(infos: &[Info<'_>], words: &[NerWord], i: usize, uncased: &str, out: &mut Vec<u64>) {
        out.clear();
        let get = |k: isize| -> Option<usize> {
            let j = i as isize + k;
            (j >= 0 && (j as usize) < infos.len()).then_some(j as usize)
        };
        let lw = |k: isize| get(k).map_or("<b>", |j| infos[j].lower());
        let fw = |k: isize| get(k).map_or("<b>", |j| infos[j].form.as_ref());
        let tg = |k: isize| get(k).map_or("<b>", |j| words[j].upos);
        let sh = |k: isize| get(k).map_or("<b>", |j| infos[j].shape.as_str());
        let gz = |k: isize| get(k).map_or("<b>", |j| infos[j].gaz);
        let cf = |k: isize| get(k).map_or("<b>", |j| infos[j].cf.as_str());
        let cc = |k: isize| get(k).map_or("<b>", |j| infos[j].cc.as_str());
        let w = &infos[i];
        out.push(f1(0, ""));
        out.push(f1(1, w.lower()));
        out.push(f1(2, &w.form));
        out.push(f1(3, &w.shape));
        out.push(f1(4, affix(&w.full_lower, 2, true)));
        out.push(f1(5, affix(&w.full_lower, 3, true)));
        out.push(f1(6, affix(&w.full_lower, 4, true)));
        out.push(f1(7, affix(&w.full_lower, 2, false)));
        out.push(f1(8, affix(&w.full_lower, 3, false)));
        out.push(f1(9, tg(0)));
        out.push(f2(10, tg(0), &w.shape));
        out.push(f1(15, lw(-1)));
        out.push(f1(16, lw(1)));
        out.push(f1(17, lw(-2)));
        out.push(f1(18, lw(2)));
        out.push(f1(19, fw(-1)));
        out.push(f1(20, fw(1)));
        out.push(f2(21, tg(-1), tg(0)));
        out.push(f2(22, tg(0), tg(1)));
        out.push(f3(23, tg(-1), tg(0), tg(1)));
        out.push(f1(24, tg(-2)));
        out.push(f1(25, tg(2)));
        out.push(f2(26, sh(-1), &w.shape));
        out.push(f2(27, &w.shape, sh(1)));
        out.push(f1(28, gz(0)));
        out.push(f2(29, gz(0), &w.shape));
        out.push(f2(30, gz(-1), gz(0)));
        out.push(f2(31, gz(0), gz(1)));
        out.push(f2(33, lw(-1), w.lower()));
        out.push(f2(34, w.lower(), lw(1)));
        out.push(f2(35, if i == 0 { "first" } else { "" }, &w.shape));
        out.push(f2(38, gz(0), uncased));
        // word clusters: what kind of word a rare one is
        out.push(f1(40, cf(0)));
        out.push(f1(41, cc(0)));
        out.push(f1(42, cf(-1)));
        out.push(f1(43, cf(1)));
        out.push(f2(44, cc(0), &w.shape));
        out.push(f1(46, cc(-1)));
        out.push(f1(47, cc(1)));
        out.push(f2(48, cc(0), uncased));
        out.push(f2(49, cc(-1), cc(0)));
        out.push(f2(50, cc(0), cc(1)));
        out.push(f2(51, cf(0), gz(0)));
        if !w.run_pos.is_empty() {
            out.push(f2(52, &infos[w.run_last].full_lower, w.run_pos));
            out.push(f2(53, &infos[w.run_first].full_lower, w.run_pos));
        }
    }

    /// Features of the previous two tags `p1`, `p2`.
    fn tag_features(infos: &[Info<'_>], words: &[NerWord], i: usize, uncased: &str, p1: usize, p2: usize, out: &mut Vec<u64>) {
        out.clear();
        let w = &infos[i];
        let pt = TAGS[p1];
        let lw1 = if i > 0 { infos[i - 1].lower() } else { "<b>" };
        out.push(f1(11, pt));
        out.push(f2(12, pt, TAGS[p2]));
        out.push(f2(13, pt, w.lower()));
        out.push(f2(14, pt, &w.shape));
        out.push(f2(32, w.gaz, pt));
        out.push(f2(36, pt, words[i].upos));
        out.push(f3(37, pt, lw1, &w.shape));
        out.push(f3(39, words[i].upos, uncased, pt));
        out.push(f2(45, w.cf.as_str(), pt));
    }

    /// Sentences written without capitals (web text) need other cues than shape.
    fn casing(infos: &[Info<'_>]) -> &'static str {
        if infos.iter().skip(1).all(|x| !x.shape.starts_with('X')) {
            "uncased"
        } else {
            "cased"
        }
    }

    /// Beam search over BIO sequences; `score` gives class scores of a feature list.
    /// With `gold`, stops as soon as the gold prefix leaves the beam (early update)
    /// and returns the best prefix then.
    fn search(infos: &[Info<'_>], words: &[NerWord], beam: usize, gold: Option<&[usize]>, score: &dyn Fn(&[u64], &mut [f32])) -> Vec<usize> {
        let uncased = Self::casing(infos);
        let n = TAGS.len();
        let (mut sf, mut tf) = (Vec::with_capacity(48), Vec::with_capacity(12));
        let (mut ss, mut ts) = (vec![0f32; n], vec![0f32; n]);
        // hypotheses: (score, last tag, tag before, on the gold path); levels[i][k] = (parent in levels[i - 1], tag)
        let mut hyps: Vec<(f32, usize, usize, bool)> = vec![(0.0, 0, 0, true)];
        let mut levels: Vec<Vec<(usize, usize)>> = Vec::with_capacity(words.len());
        let mut cands: Vec<(f32, usize, usize)> = Vec::with_capacity(beam * n);
        for i in 0..words.len() {
            Self::static_features(infos, words, i, uncased, &mut sf);
            score(&sf, &mut ss);
            cands.clear();
            for (h, &(hs, p1, p2, _)) in hyps.iter().enumerate() {
                Self::tag_features(infos, words, i, uncased, p1, p2, &mut tf);
                score(&tf, &mut ts);
                for t in (0..n).filter(|&t| valid(p1, t)) {
                    cands.push((hs + ss[t] + ts[t], h, t));
                }
            }
            cands.sort_by(|a, b| b.0.total_cmp(&a.0));
            let mut next: Vec<(f32, usize, usize, bool)> = Vec::with_capacity(beam);
            let mut level = Vec::with_capacity(beam);
            for &(sc, h, t) in &cands {
                // the features see only the last two tags: of two hypotheses ending alike, the lower cannot win
                let p1 = hyps[h].1;
                if next.iter().any(|x| x.1 == t && x.2 == p1) {
                    continue;
                }
                next.push((sc, t, p1, hyps[h].3 && gold.is_none_or(|g| g[i] == t)));
                level.push((h, t));
                if next.len() == beam {
                    break;
                }
            }
            hyps = next;
            levels.push(level);
            if gold.is_some() && !hyps.iter().any(|x| x.3) {
                break;
            }
        }
        // the best hypothesis, read back through the levels
        let mut out = vec![0; levels.len()];
        let mut k = 0;
        for (i, level) in levels.iter().enumerate().rev() {
            out[i] = level[k].1;
            k = level[k].0;
        }
        out
    }

    /// BIO tag indices for a sentence.
    pub fn tag(&self, words: &[NerWord]) -> Vec<usize> {
        match &self.uncased {
            // a headline in capitals reads better in lower case than as a row of acronyms
            Some(m) if written_in_capitals(words) => {
                let lower: Vec<String> = words.iter().map(|w| w.form.to_lowercase()).collect();
                let lower: Vec<NerWord> = lower.iter().zip(words).map(|(f, w)| NerWord { form: f, upos: w.upos }).collect();
                self.tag_with(m, &lower)
            }
            Some(m) if written_without_capitals(words) => self.tag_with(m, words),
            _ => self.tag_with(&self.cased, words),
        }
    }

    fn tag_with(&self, model: &NerModel, words: &[NerWord]) -> Vec<usize> {
        let infos = self.infos(model, words);
        Self::search(&infos, words, BEAM, None, &|f, s| model.weights.score(f, s))
    }

    /// Trains on sentences of (word, gold tag index): a structured perceptron with
    /// beam search and early update. The tagger has no model for sentences written
    /// without capitals until [`train_uncased`](Self::train_uncased).
    pub fn train(data: &[(Vec<NerWord>, Vec<usize>)], gazetteer: Gazetteer, clusters: Clusters, iterations: usize, seed: u64) -> NerTagger {
        let mut tagger = NerTagger { cased: NerModel::default(), uncased: None, gazetteer, clusters };
        tagger.cased = tagger.fit(data, iterations, seed);
        tagger
    }

    /// Trains the model for sentences written without capitals on `data` (lower-cased sentences).
    pub fn train_uncased(&mut self, data: &[(Vec<NerWord>, Vec<usize>)], iterations: usize, seed: u64) {
        self.uncased = Some(self.fit(data, iterations, seed));
    }

    fn fit(&self, data: &[(Vec<NerWord>, Vec<usize>)], iterations: usize, seed: u64) -> NerModel {
        let mut counts: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        for (words, _) in data {
            for w in words {
                *counts.entry(w.form.to_lowercase()).or_default() += 1;
            }
        }
        let mut model = NerModel { weights: Perceptron::default(), vocab: counts.into_iter().filter(|(_, c)| *c >= 2).map(|(w, _)| w).collect() };
        let infos: Vec<Vec<Info<'_>>> = data.iter().map(|(w, _)| self.infos(&model, w)).collect();
        let mut trainer = Trainer::new(TAGS.len());
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng::new(seed);
        let mut feats = Vec::with_capacity(48);
        for _ in 0..iterations {
            rng.shuffle(&mut order);
            for &si in &order {
                let (words, gold) = &data[si];
                let guess = Self::search(&infos[si], words, BEAM, Some(gold), &|f, s| trainer.score(f, s));
                let uncased = Self::casing(&infos[si]);
                for i in 0..words.len() {
                    trainer.tick();
                    if i >= guess.len() {
                        continue;
                    }
                    let (g, p) = (gold[i], guess[i]);
                    let prev = |v: &[usize], k: usize| if i >= k { v[i - k] } else { 0 };
                    if g != p {
                        Self::static_features(&infos[si], words, i, uncased, &mut feats);
                        trainer.update(&feats, g, p);
                    }
                    let (gp, pp) = ((prev(gold, 1), prev(gold, 2)), (prev(&guess, 1), prev(&guess, 2)));
                    if g != p || gp != pp {
                        Self::tag_features(&infos[si], words, i, uncased, gp.0, gp.1, &mut feats);
                        trainer.add(&feats, g, 1.0);
                        Self::tag_features(&infos[si], words, i, uncased, pp.0, pp.1, &mut feats);
                        trainer.add(&feats, p, -1.0);
                    }
                }
            }
        }
        model.weights = trainer.finish(0.05);
        model
    }

    /// Writes the tagger and its gazetteer.
    pub fn write(&self, w: &mut Writer) {
        self.gazetteer.write(w);
        self.cased.write(w);
        self.clusters.write(w);
        w.u8(u8::from(self.uncased.is_some()));
        if let Some(m) = &self.uncased {
            m.write(w);
        }
    }

    /// Reads a tagger written by [`write`](Self::write).
    pub fn read(r: &mut Reader) -> Result<Self, Error> {
        let gazetteer = Gazetteer::read(r)?;
        let cased = NerModel::read(r)?;
        let clusters = Clusters::read(r)?;
        let uncased = if r.u8()? == 1 { Some(NerModel::read(r)?) } else { None };
        Ok(NerTagger { cased, uncased, gazetteer, clusters })
    }
}

/// Entity spans `(start, end, type)` (word indices, type `PER`/`ORG`/`LOC`) from BIO tag indices.
pub fn spans(tags: &[usize]) -> Vec<(usize, usize, &'static str)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let t = tags[i];
        if t != 0 {
            let ty = &TAGS[t][2..];
            let mut j = i + 1;
            while j < tags.len() && tags[j] != 0 && tags[j] % 2 == 0 && &TAGS[tags[j]][2..] == ty {
                j += 1;
            }
            out.push((i, j, ["PER", "ORG", "LOC"][(t - 1) / 2]));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Tag index of a BIO string (`O` for anything unknown, MISC included).
pub fn tag_index(tag: &str) -> usize {
    TAGS.iter().position(|t| *t == tag).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_longest_match() {
        let g = Gazetteer::new(vec![("new york".into(), 2), ("new york times".into(), 1), ("paris".into(), 2)]);
        let lower: Vec<String> = ["the", "new", "york", "times", "in", "paris"].iter().map(|s| s.to_string()).collect();
        assert_eq!(g.tag(&lower), vec!["", "B-ORG", "I-ORG", "I-ORG", "", "B-LOC"]);
        assert_eq!(g.lookup(&["new", "york"]), 4);
    }

    #[test]
    fn capitalized_runs() {
        let forms = ["Yesterday", "the", "Ministry", "of", "Defence", "said", "Smith", "of", "the", "bank", "in", "Bank", "of", "England"];
        let words: Vec<NerWord> = forms.iter().map(|f| NerWord { form: f, upos: "X" }).collect();
        let infos = NerTagger::default().infos(&NerModel::default(), &words);
        let runs: Vec<(&str, &str, &str)> = infos
            .iter()
            .map(|x| if x.run_pos.is_empty() { ("", "", "") } else { (x.run_pos, infos[x.run_first].full_lower.as_ref(), infos[x.run_last].full_lower.as_ref()) })
            .collect();
        assert_eq!(runs[..5].iter().map(|r| r.0).collect::<String>(), "BIIIE");
        assert!(runs[..5].iter().all(|r| r.1 == "yesterday" && r.2 == "defence"));
        // a connector joins only capitalized words; a lone capital is no run
        assert!(runs[5..11].iter().all(|r| *r == ("", "", "")));
        assert_eq!(runs[11..], [("B", "bank", "england"), ("I", "bank", "england"), ("E", "bank", "england")]);
    }

    #[test]
    fn learns_entities() {
        let sent = |s: &'static str, tags: &[usize]| {
            let words: Vec<NerWord> = s.split(' ').map(|f| NerWord { form: f, upos: if f.chars().next().unwrap().is_uppercase() { "PROPN" } else { "NOUN" } }).collect();
            (words, tags.to_vec())
        };
        let data = vec![
            sent("Smith visited Paris", &[1, 0, 5]),
            sent("Jones visited London", &[1, 0, 5]),
            sent("Acme hired Brown", &[3, 0, 1]),
        ];
        let g = Gazetteer::new(vec![("berlin".into(), 2)]);
        let t = NerTagger::train(&data, g, Clusters::default(), 10, 3);
        let words: Vec<NerWord> = ["Miller", "visited", "Berlin"].iter().map(|f| NerWord { form: f, upos: if *f == "visited" { "VERB" } else { "PROPN" } }).collect();
        let tags = t.tag(&words);
        assert_eq!(spans(&tags).last().map(|s| s.2), Some("LOC"));
        assert_eq!(spans(&[1, 2, 0, 5, 3, 4]), vec![(0, 2, "PER"), (3, 4, "LOC"), (4, 6, "ORG")]);
    }

    #[test]
    fn sentences_without_capitals_go_to_the_uncased_model() {
        let words = |s: &'static str| -> Vec<NerWord<'static>> { s.split(' ').map(|f| NerWord { form: f, upos: "X" }).collect() };
        assert!(written_without_capitals(&words("i live in kerala near noida")));
        assert!(written_without_capitals(&words("we went to baguio")));
        assert!(!written_without_capitals(&words("He said the talks failed")));
        assert!(!written_without_capitals(&words("we met Smith in Paris")));
        // the two models disagree on purpose (the uncased one learned "jones" as an organisation), so
        // the tags show which one read the sentence
        let cased = |s: &'static str, tags: &[usize]| {
            let words: Vec<NerWord> = s.split(' ').map(|f| NerWord { form: f, upos: if f.chars().next().unwrap().is_uppercase() { "PROPN" } else { "VERB" } }).collect();
            (words, tags.to_vec())
        };
        let lower = |s: &'static str, tags: &[usize]| (s.split(' ').map(|f| NerWord { form: f, upos: "NOUN" }).collect::<Vec<_>>(), tags.to_vec());
        let data = vec![cased("Jones visited Paris", &[1, 0, 5]), cased("Jones visited London", &[1, 0, 5]), cased("Brown visited Rome", &[1, 0, 5])];
        let low = vec![lower("jones visited paris", &[3, 0, 5]), lower("jones visited london", &[3, 0, 5]), lower("brown visited rome", &[3, 0, 5])];
        let mut t = NerTagger::train(&data, Gazetteer::default(), Clusters::default(), 10, 3);
        let sentence = vec![NerWord { form: "jones", upos: "NOUN" }, NerWord { form: "visited", upos: "NOUN" }, NerWord { form: "rome", upos: "NOUN" }];
        assert_ne!(spans(&t.tag(&sentence)).first().map(|s| s.2), Some("ORG"));
        t.train_uncased(&low, 10, 3);
        assert_eq!(spans(&t.tag(&sentence)), vec![(0, 1, "ORG"), (2, 3, "LOC")]);
        // cased text still goes to the cased model, and both survive writing and reading
        let mut w = Writer::default();
        t.write(&mut w);
        let bytes = w.into_bytes();
        let back = NerTagger::read(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(back.tag(&sentence), t.tag(&sentence));
        // a headline in capitals is read lower-cased by the uncased model
        assert!(written_in_capitals(&words("PUTIN MEETS MACRON IN PARIS")));
        assert!(!written_in_capitals(&words("NATO and EU")));
        let headline: Vec<NerWord> = ["JONES", "VISITED", "ROME"].iter().map(|f| NerWord { form: f, upos: "NOUN" }).collect();
        assert_eq!(spans(&back.tag(&headline)), vec![(0, 1, "ORG"), (2, 3, "LOC")]);
        let capitals: Vec<NerWord> = ["Jones", "visited", "Rome"].iter().map(|f| NerWord { form: f, upos: if *f == "visited" { "VERB" } else { "PROPN" } }).collect();
        assert_eq!(spans(&back.tag(&capitals)), vec![(0, 1, "PER"), (2, 3, "LOC")]);
    }

    #[test]
    fn beam_search_stops_when_gold_leaves_the_beam() {
        let words: Vec<NerWord> = ["in", "Kerala", "today"].iter().map(|f| NerWord { form: f, upos: "X" }).collect();
        let infos = NerTagger::default().infos(&NerModel::default(), &words);
        // every feature list prefers lower tag indices: O, then B-PER, ...
        let score = |_: &[u64], s: &mut [f32]| s.iter_mut().enumerate().for_each(|(t, x)| *x = -(t as f32));
        assert_eq!(NerTagger::search(&infos, &words, 2, None, &score), vec![0, 0, 0]);
        // gold B-LOC at the second word falls out of a beam of two (O and B-PER stay): the best prefix comes back
        assert_eq!(NerTagger::search(&infos, &words, 2, Some(&[0, 5, 0]), &score), vec![0, 0]);
        // a gold sequence that stays in the beam gives the whole best sequence
        assert_eq!(NerTagger::search(&infos, &words, 2, Some(&[0, 1, 0]), &score).len(), 3);
    }
}

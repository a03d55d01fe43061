//! Dependency parser: greedy arc-hybrid transitions scored by an averaged
//! perceptron trained with a dynamic oracle, followed by an arc labeler
//! (a second perceptron choosing each arc's UD relation left to right).
//!
//! Greedy and linear: every sentence takes at most 2n transitions, each
//! scoring a fixed number of features. Sentences longer than
//! [`MAX_PARSE_LEN`] are parsed in chunks so time stays linear.

use crate::binio::{Reader, Writer};
use crate::conllu::Sentence;
use crate::perceptron::{argmax, f1, f2, f3, f_parts, Perceptron, Rng, Trainer};
use crate::Error;

/// Longest stretch parsed as one unit; longer sentences are chunked.
pub const MAX_PARSE_LEN: usize = 120;

const SHIFT: usize = 0;
const RIGHT: usize = 1;
const LEFT: usize = 2;
const NONE: usize = usize::MAX;

/// Parser input: one word with its tag.
#[derive(Debug, Clone, Copy)]
pub struct ParseWord<'a> {
    /// Surface form.
    pub form: &'a str,
    /// UPOS tag.
    pub upos: &'a str,
    /// Language-specific tag (PTB for English); finer than UPOS (VBD/VBN, TO).
    pub xpos: &'a str,
}

/// One parsed word: head index in the sentence (`None` for a root) and relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arc {
    /// Head index, `None` for the root.
    pub head: Option<usize>,
    /// UD relation.
    pub deprel: String,
}

struct State {
    n: usize,
    stack: Vec<usize>,
    i: usize,
    heads: Vec<usize>,
    lefts: Vec<Vec<usize>>,
    rights: Vec<Vec<usize>>,
}

impl State {
    fn new(n: usize) -> Self {
        State { n, stack: Vec::new(), i: 0, heads: vec![NONE; n + 1], lefts: vec![Vec::new(); n + 1], rights: vec![Vec::new(); n + 1] }
    }
    fn terminal(&self) -> bool {
        self.stack.is_empty() && self.i >= self.n
    }
    fn valid(&self, m: usize) -> bool {
        match m {
            SHIFT => self.i < self.n,
            RIGHT => self.stack.len() >= 2,
            _ => !self.stack.is_empty(),
        }
    }
    fn add_arc(&mut self, head: usize, child: usize) {
        self.heads[child] = head;
        if child < head {
            self.lefts[head].push(child);
        } else {
            self.rights[head].push(child);
        }
    }
    fn apply(&mut self, m: usize) {
        match m {
            SHIFT => {
                self.stack.push(self.i);
                self.i += 1;
            }
            RIGHT => {
                let s0 = self.stack.pop().expect("valid move");
                let s1 = *self.stack.last().expect("valid move");
                self.add_arc(s1, s0);
            }
            _ => {
                let s0 = self.stack.pop().expect("valid move");
                self.add_arc(self.i, s0);
            }
        }
    }

    /// Zero-cost moves under the (projective) gold tree `gold` (root = n).
    fn gold_moves(&self, gold: &[usize]) -> [bool; 3] {
        let mut ok = [self.valid(SHIFT), self.valid(RIGHT), self.valid(LEFT)];
        let n0 = self.i;
        let Some(&s0) = self.stack.last() else { return [ok[SHIFT], false, false] };
        if ok[SHIFT] && gold[n0] == s0 {
            return [true, false, false];
        }
        if gold[s0] == n0 {
            return [false, false, true];
        }
        if self.stack.len() >= 2 && gold[s0] == self.stack[self.stack.len() - 2] {
            ok[LEFT] = false;
        }
        if ok[SHIFT] && self.stack.iter().any(|&w| gold[w] == n0 || gold[n0] == w) {
            ok[SHIFT] = false;
        }
        if (n0 + 1..self.n).any(|w| gold[w] == s0 || gold[s0] == w) || (gold[s0] == self.n && n0 < self.n) {
            ok[LEFT] = false;
            ok[RIGHT] = false;
        }
        ok
    }
}

struct Lex<'a> {
    lower: Vec<String>,
    tags: Vec<&'a str>,
    xtags: Vec<&'a str>,
    /// Prefix counts of punctuation and verbs (`counts[k]` = before word `k`): what lies between two words in O(1).
    puncts: Vec<u32>,
    verbs: Vec<u32>,
}

impl Lex<'_> {
    /// "p"/"v" marks for punctuation / verbs strictly between words `a` and `b`.
    fn between(&self, a: usize, b: usize) -> &'static str {
        if a == NONE || b == NONE {
            return "-";
        }
        let (a, b) = (a.min(b), a.max(b).min(self.tags.len()));
        if b <= a + 1 {
            return "";
        }
        let p = self.puncts[b] > self.puncts[a + 1];
        let v = self.verbs[b] > self.verbs[a + 1];
        match (p, v) {
            (true, true) => "pv",
            (true, false) => "p",
            (false, true) => "v",
            _ => "",
        }
    }
}

fn suffix3(w: &str) -> &str {
    let start = w.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
    &w[start..]
}

fn features(lex: &Lex, st: &State, out: &mut Vec<u64>) {
    out.clear();
    let n = st.n;
    let w = |k: usize| if k == NONE { "" } else if k == n { "<root>" } else { lex.lower[k].as_str() };
    let t = |k: usize| if k == NONE { "" } else if k == n { "<root>" } else { lex.tags[k] };
    let x = |k: usize| if k == NONE { "" } else if k == n { "<root>" } else { lex.xtags[k] };
    let d = st.stack.len();
    let s0 = if d >= 1 { st.stack[d - 1] } else { NONE };
    let s1 = if d >= 2 { st.stack[d - 2] } else { NONE };
    let s2 = if d >= 3 { st.stack[d - 3] } else { NONE };
    let n0 = if st.i <= n { st.i } else { NONE };
    let n1 = if st.i < n { st.i + 1 } else { NONE };
    let n2 = if st.i + 1 < n { st.i + 2 } else { NONE };
    // children lists grow outward (lefts leftward, rights rightward): the outermost is last
    let kid = |v: &Vec<Vec<usize>>, h: usize, k: usize, _outer: bool| -> usize {
        if h == NONE {
            return NONE;
        }
        let c = &v[h];
        if c.len() > k { c[c.len() - 1 - k] } else { NONE }
    };
    let s0l1 = kid(&st.lefts, s0, 0, false);
    let s0l2 = kid(&st.lefts, s0, 1, false);
    let s0r1 = kid(&st.rights, s0, 0, true);
    let s0r2 = kid(&st.rights, s0, 1, true);
    let n0l1 = kid(&st.lefts, n0, 0, false);
    let n0l2 = kid(&st.lefts, n0, 1, false);
    let s1r1 = kid(&st.rights, s1, 0, true);
    let s1l1 = kid(&st.lefts, s1, 0, false);
    let val = |v: &Vec<Vec<usize>>, h: usize| if h == NONE { "-" } else { ["0", "1", "2", "3", "4+"][v[h].len().min(4)] };
    let dist = |a: usize, b: usize| -> &'static str {
        if a == NONE || b == NONE {
            "-"
        } else {
            ["0", "1", "2", "3", "4", "5-6", "5-6", "7+"][(b.abs_diff(a)).min(7)]
        }
    };
    out.push(f1(0, ""));
    for (k, &p) in [n0, n1, n2, s0, s1, s2, n0l1, n0l2, s0l1, s0l2, s0r1, s0r2, s1r1, s1l1].iter().enumerate() {
        out.push(f1(10 + k as u32, w(p)));
        out.push(f1(30 + k as u32, t(p)));
    }
    for (k, &p) in [n0, n1, n2, s0, s1].iter().enumerate() {
        out.push(f2(50 + k as u32, w(p), t(p)));
    }
    out.push(f2(60, w(s0), w(n0)));
    out.push(f3(61, w(n0), t(n0), w(s0)));
    out.push(f3(62, w(n0), t(n0), t(s0)));
    out.push(f3(63, w(s0), t(s0), w(n0)));
    out.push(f3(64, w(s0), t(s0), t(n0)));
    out.push(f_parts(65, &[&[w(s0), "/", t(s0)], &[w(n0)], &[t(n0)]]));
    out.push(f2(66, t(s0), t(n0)));
    out.push(f2(67, t(n0), t(n1)));
    // s1–s0 pairs decide RIGHT
    out.push(f2(68, w(s1), w(s0)));
    out.push(f3(69, w(s1), t(s1), t(s0)));
    out.push(f3(70, t(s1), w(s0), t(s0)));
    out.push(f2(71, t(s1), t(s0)));
    out.push(f3(72, t(s1), t(s0), t(n0)));
    out.push(f_parts(73, &[&[w(s1), "/", t(s1)], &[w(s0)], &[t(s0)]]));
    let trigrams = [
        (t(n0), t(n1), t(n2)),
        (t(s0), t(n0), t(n1)),
        (t(s0), t(s1), t(n0)),
        (t(s0), t(s0r1), t(n0)),
        (t(s0), t(n0), t(n0l1)),
        (t(s0), t(s0l1), t(s0l2)),
        (t(s0), t(s0r1), t(s0r2)),
        (t(n0), t(n0l1), t(n0l2)),
        (t(s0), t(s1), t(s2)),
        (t(s1), t(s0), t(s0l1)),
        (t(s1), t(s1r1), t(s0)),
        (t(s1), t(s0), t(s0r1)),
        (t(s1), t(s1l1), t(s0)),
    ];
    for (k, (a, b, c)) in trigrams.iter().enumerate() {
        out.push(f3(80 + k as u32, a, b, c));
    }
    let d01 = dist(s0, n0);
    let d10 = dist(s1, s0);
    out.push(f2(100, w(s0), val(&st.rights, s0)));
    out.push(f2(101, w(s0), val(&st.lefts, s0)));
    out.push(f2(102, w(n0), val(&st.lefts, n0)));
    out.push(f2(103, t(s0), val(&st.rights, s0)));
    out.push(f2(104, t(s0), val(&st.lefts, s0)));
    out.push(f2(105, t(n0), val(&st.lefts, n0)));
    out.push(f2(106, w(s0), d01));
    out.push(f2(107, w(n0), d01));
    out.push(f3(108, t(s0), t(n0), d01));
    out.push(f3(109, w(s0), w(n0), d01));
    out.push(f3(110, t(s1), t(s0), d10));
    out.push(f3(111, w(s1), t(s0), d10));
    out.push(f3(112, t(s1), w(s0), d10));
    out.push(f2(113, t(s1), val(&st.rights, s1)));
    out.push(f3(114, t(s0), t(n0), if st.i >= n { "end" } else { "" }));
    out.push(f2(115, ["0", "1", "2", "3", "4"][d.min(4)], t(s0)));
    for (k, &p) in [n0, n1, n2, s0, s1, s2, s0l1, s0r1, n0l1].iter().enumerate() {
        out.push(f1(120 + k as u32, x(p)));
    }
    out.push(f2(130, x(s0), x(n0)));
    out.push(f2(131, x(s1), x(s0)));
    out.push(f3(132, x(s1), x(s0), x(n0)));
    out.push(f3(133, x(s0), x(n0), x(n1)));
    out.push(f2(134, w(s0), x(n0)));
    out.push(f2(135, x(s0), w(n0)));
    out.push(f2(136, w(s1), x(s0)));
    out.push(f2(137, x(s1), w(s0)));
    out.push(f3(138, x(s0), x(n0), d01));
    // what lies between the candidates (punctuation, verbs) and suffixes for unknown words
    let b01 = lex.between(s0, n0);
    let b10 = lex.between(s1, s0);
    out.push(f3(140, t(s0), t(n0), b01));
    out.push(f3(141, t(s1), t(s0), b10));
    out.push(f_parts(142, &[&[x(s0)], &[x(n0)], &[b01, d01]]));
    out.push(f2(143, suffix3(w(n0)), t(n0)));
    out.push(f2(144, suffix3(w(s0)), t(s0)));
    out.push(f2(145, w(n0), w(n1)));
}

/// Arc-hybrid transition parser with an arc labeler.
#[derive(Debug, Clone, Default)]
pub struct Parser {
    transitions: Perceptron,
    labeler: Perceptron,
    labels: Vec<String>,
}

fn label_features(lex: &Lex, heads: &[usize], labels: &[usize], label_names: &[String], children: &[Vec<usize>], dep: usize, out: &mut Vec<u64>) {
    out.clear();
    let n = lex.tags.len();
    let h = heads[dep];
    let w = |k: usize| if k == NONE || k >= n { "<root>" } else { lex.lower[k].as_str() };
    let t = |k: usize| if k == NONE || k >= n { "<root>" } else { lex.tags[k] };
    let x = |k: usize| if k == NONE || k >= n { "<root>" } else { lex.xtags[k] };
    let dir = if h > dep { "L" } else { "R" };
    let dist = ["0", "1", "2", "3", "4", "5-6", "5-6", "7+"][h.abs_diff(dep).min(7)];
    let g = if h < n { heads[h] } else { NONE };
    let prev_t = if dep > 0 { lex.tags[dep - 1] } else { "<s>" };
    let next_t = if dep + 1 < n { lex.tags[dep + 1] } else { "</s>" };
    let label_of = |k: usize| if k < labels.len() && labels[k] != NONE { label_names[labels[k]].as_str() } else { "?" };
    out.push(f1(0, ""));
    out.push(f2(1, t(dep), dir));
    out.push(f2(2, w(dep), dir));
    out.push(f3(3, t(dep), t(h), dir));
    out.push(f3(4, w(dep), t(h), dir));
    out.push(f3(5, t(dep), w(h), dir));
    out.push(f3(6, w(dep), w(h), dir));
    out.push(f3(7, t(dep), t(h), dist));
    out.push(f3(8, t(dep), t(g), t(h)));
    out.push(f3(9, t(dep), prev_t, next_t));
    out.push(f2(10, t(dep), next_t));
    out.push(f2(11, t(dep), prev_t));
    out.push(f3(12, suffix3(w(dep)), t(dep), dir));
    let mut child_tags = String::new();
    for &c in &children[dep] {
        let ct = t(c);
        out.push(f3(13, t(dep), ct, if c < dep { "L" } else { "R" }));
        if matches!(ct, "ADP" | "SCONJ" | "AUX" | "PART" | "DET" | "PRON" | "CCONJ" | "PUNCT") {
            out.push(f3(14, t(dep), w(c), dir));
        }
        if child_tags.len() < 40 {
            child_tags.push_str(ct);
            child_tags.push(' ');
        }
    }
    out.push(f2(15, t(dep), &child_tags));
    // siblings on the same side already labeled, nearest first
    let last = if h < n { children[h].iter().copied().rev().find(|&s| s < dep && (s < h) == (dep < h)) } else { None }.unwrap_or(NONE);
    out.push(f3(16, t(dep), label_of(last), dir));
    out.push(f3(17, t(h), label_of(last), t(dep)));
    let has_subj = h < n && children[h].iter().any(|&s| s < dep && label_of(s).starts_with("nsubj"));
    out.push(f3(18, t(dep), t(h), if has_subj { "subj" } else { "" }));
    out.push(f3(19, w(h), t(dep), &dir));
    out.push(f3(20, t(dep), label_of(h), t(h)));
    out.push(f2(21, &w(dep), t(dep)));
    let first_child = children[dep].first().copied().unwrap_or(NONE);
    out.push(f3(22, t(dep), w(first_child), t(h)));
    out.push(f3(23, t(dep), if dep == 0 { "first" } else { "" }, dir));
    out.push(f3(24, x(dep), x(h), dir));
    out.push(f3(25, x(dep), w(h), dir));
    out.push(f3(26, w(dep), x(h), dir));
}

impl Parser {
    fn lex<'a>(words: &'a [ParseWord<'a>]) -> Lex<'a> {
        Lex {
            lower: words.iter().map(|w| if w.form.len() > 40 { w.form.chars().take(20).collect::<String>().to_lowercase() } else { w.form.to_lowercase() }).collect(),
            tags: words.iter().map(|w| w.upos).collect(),
            xtags: words.iter().map(|w| w.xpos).collect(),
            puncts: prefix_counts(words, |w| w.upos == "PUNCT"),
            verbs: prefix_counts(words, |w| matches!(w.upos, "VERB" | "AUX")),
        }
    }

    fn parse_heads(&self, lex: &Lex) -> Vec<usize> {
        let n = lex.tags.len();
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(128);
        let mut scores = [0f32; 3];
        while !st.terminal() {
            features(lex, &st, &mut feats);
            self.transitions.score(&feats, &mut scores);
            let m = argmax(&scores, |m| st.valid(m));
            st.apply(m);
        }
        st.heads.truncate(n);
        st.heads
    }

    fn label(&self, lex: &Lex, heads: &[usize]) -> Vec<usize> {
        let n = heads.len();
        let mut children = vec![Vec::new(); n];
        for (d, &h) in heads.iter().enumerate() {
            if h < n {
                children[h].push(d);
            }
        }
        let root = self.labels.iter().position(|l| l == "root").unwrap_or(0);
        let mut labels = vec![NONE; n];
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0f32; self.labels.len()];
        // heads before dependents: label in order of depth so a head's label is known
        for d in order_by_depth(heads) {
            if heads[d] >= n {
                labels[d] = root;
                continue;
            }
            label_features(lex, heads, &labels, &self.labels, &children, d, &mut feats);
            self.labeler.score(&feats, &mut scores);
            labels[d] = argmax(&scores, |c| c != root);
        }
        labels
    }

    /// Parses one sentence.
    pub fn parse(&self, words: &[ParseWord]) -> Vec<Arc> {
        let mut out = Vec::with_capacity(words.len());
        for chunk_start in (0..words.len()).step_by(MAX_PARSE_LEN) {
            let chunk = &words[chunk_start..(chunk_start + MAX_PARSE_LEN).min(words.len())];
            let lex = Self::lex(chunk);
            let n = chunk.len();
            let mut heads = self.parse_heads(&lex);
            // one root per chunk: later root children attach to the first
            let mut root = NONE;
            for d in 0..n {
                if heads[d] >= n {
                    if root == NONE {
                        root = d;
                    } else {
                        heads[d] = root;
                    }
                }
            }
            let labels = self.label(&lex, &heads);
            let mut deprels: Vec<String> = (0..n).map(|d| self.labels.get(labels[d]).cloned().unwrap_or_else(|| "dep".into())).collect();
            fix_active_perfects(chunk, &heads, &mut deprels);
            for (d, deprel) in deprels.into_iter().enumerate() {
                out.push(Arc { head: (heads[d] < n).then_some(heads[d] + chunk_start), deprel });
            }
        }
        out
    }

    /// Trains on gold trees; `tags` and `xtags` hold the (predicted) UPOS and XPOS tags to train with.
    pub fn train(sents: &[Sentence], tags: &[Vec<String>], xtags: &[Vec<String>], iterations: usize, seed: u64, log: &mut dyn FnMut(String)) -> Parser {
        let mut labels: Vec<String> = Vec::new();
        for s in sents {
            for w in &s.words {
                if !labels.contains(&w.deprel) {
                    labels.push(w.deprel.clone());
                }
            }
        }
        labels.sort();
        let mut trans = Trainer::new(3);
        let mut lab = Trainer::new(labels.len());
        let mut order: Vec<usize> = (0..sents.len()).collect();
        let mut rng = Rng::new(seed);
        let mut feats = Vec::with_capacity(128);
        let root = labels.iter().position(|l| l == "root").unwrap_or(0);
        for it in 0..iterations {
            rng.shuffle(&mut order);
            let (mut correct, mut total) = (0usize, 0usize);
            for &si in &order {
                let s = &sents[si];
                let n = s.words.len();
                if n == 0 || n > 250 {
                    continue;
                }
                let words: Vec<ParseWord> = s.words.iter().zip(&tags[si]).zip(&xtags[si]).map(|((w, t), x)| ParseWord { form: &w.form, upos: t, xpos: x }).collect();
                let lex = Self::lex(&words);
                let gold: Vec<usize> = s.words.iter().map(|w| w.head.unwrap_or(n)).chain([NONE]).collect();
                let mut st = State::new(n);
                let mut scores = [0f32; 3];
                while !st.terminal() {
                    features(&lex, &st, &mut feats);
                    trans.score(&feats, &mut scores);
                    let guess = argmax(&scores, |m| st.valid(m));
                    let ok = st.gold_moves(&gold);
                    if ok.iter().any(|x| *x) {
                        let best = argmax(&scores, |m| ok[m]);
                        trans.update(&feats, best, guess);
                    }
                    trans.tick();
                    // explore: follow the model after the first iteration
                    let m = if it == 0 && ok.iter().any(|x| *x) { argmax(&scores, |m| ok[m]) } else { guess };
                    st.apply(m);
                }
                for d in 0..n {
                    total += 1;
                    correct += usize::from(st.heads[d] == gold[d]);
                }
                // labeler on the gold tree
                let heads: Vec<usize> = gold[..n].to_vec();
                let mut children = vec![Vec::new(); n];
                for (d, &h) in heads.iter().enumerate() {
                    if h < n {
                        children[h].push(d);
                    }
                }
                let gold_labels: Vec<usize> = s.words.iter().map(|w| labels.iter().position(|l| *l == w.deprel).unwrap_or(0)).collect();
                let mut assigned = vec![NONE; n];
                let mut lscores = vec![0f32; labels.len()];
                for d in order_by_depth(&heads) {
                    if heads[d] >= n {
                        assigned[d] = root;
                        continue;
                    }
                    label_features(&lex, &heads, &assigned, &labels, &children, d, &mut feats);
                    lab.score(&feats, &mut lscores);
                    let guess = argmax(&lscores, |c| c != root);
                    lab.update(&feats, gold_labels[d], guess);
                    lab.tick();
                    assigned[d] = gold_labels[d];
                }
            }
            log(format!("parser iteration {}: train UAS {:.2}", it + 1, 100.0 * correct as f64 / total.max(1) as f64));
        }
        Parser { transitions: trans.finish(0.05), labeler: lab.finish(0.05), labels }
    }

    /// A copy with small-weight features dropped (see [`Perceptron::pruned`]).
    pub fn pruned(&self, transitions: f32, labeler: f32) -> Parser {
        Parser { transitions: self.transitions.pruned(transitions), labeler: self.labeler.pruned(labeler), labels: self.labels.clone() }
    }

    /// Writes the parser.
    pub fn write(&self, w: &mut Writer) {
        w.strs(&self.labels);
        self.transitions.write(w);
        self.labeler.write(w);
    }

    /// Reads a parser written by [`write`](Self::write).
    pub fn read(r: &mut Reader) -> Result<Self, Error> {
        let labels = r.strs()?;
        let transitions = Perceptron::read(r)?;
        let labeler = Perceptron::read(r)?;
        if labeler.n_classes() != labels.len() || transitions.n_classes() != 3 {
            return Err(Error::Model("parser model does not match its labels".into()));
        }
        Ok(Parser { transitions, labeler, labels })
    }
}

fn prefix_counts(words: &[ParseWord], hit: impl Fn(&ParseWord) -> bool) -> Vec<u32> {
    let mut out = Vec::with_capacity(words.len() + 1);
    let mut c = 0;
    out.push(0);
    for w in words {
        c += u32::from(hit(w));
        out.push(c);
    }
    out
}

/// Word indices ordered so that every head comes before its dependents
/// (roots first), ties in text order.
fn order_by_depth(heads: &[usize]) -> Vec<usize> {
    let n = heads.len();
    let mut depth = vec![usize::MAX; n];
    fn depth_of(d: usize, heads: &[usize], depth: &mut [usize], guard: usize) -> usize {
        if depth[d] != usize::MAX {
            return depth[d];
        }
        let h = heads[d];
        let v = if h >= heads.len() || guard > heads.len() { 0 } else { depth_of(h, heads, depth, guard + 1) + 1 };
        depth[d] = v;
        v
    }
    for d in 0..n {
        // iterative enough: chains are bounded by the chunk length
        depth_of(d, heads, &mut depth, 0);
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&d| (depth[d], d));
    order
}

/// The labeler sometimes reads an active perfect ("have postponed") as a passive:
/// "have" is never a passive auxiliary, and a passive subject needs a passive
/// auxiliary ("was", "got") on its head; otherwise the subject is a plain `nsubj`.
fn fix_active_perfects(words: &[ParseWord], heads: &[usize], deprels: &mut [String]) {
    for (d, w) in words.iter().enumerate() {
        if deprels[d] == "aux:pass" && matches!(w.form.to_lowercase().as_str(), "have" | "has" | "had" | "having" | "'ve") {
            deprels[d] = "aux".into();
        }
    }
    for d in 0..words.len() {
        if deprels[d] == "nsubj:pass" && !(0..words.len()).any(|k| heads[k] == heads[d] && deprels[k] == "aux:pass") {
            deprels[d] = "nsubj".into();
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn active_perfects_are_not_passives() {
        // "Officials have postponed the talks", as the labeler once read it
        let w = |form| ParseWord { form, upos: "", xpos: "" };
        let words = [w("Officials"), w("have"), w("postponed"), w("the"), w("talks"), w("was"), w("told")];
        let heads = [2, 2, 7, 4, 2, 6, 2];
        let mut rels: Vec<String> = ["nsubj:pass", "aux:pass", "root", "det", "obj", "aux:pass", "conj"].map(String::from).to_vec();
        fix_active_perfects(&words, &heads, &mut rels);
        assert_eq!(rels[..2], ["nsubj", "aux"]);
        assert_eq!(rels[5], "aux:pass", "a real passive auxiliary stays");
        let mut passive: Vec<String> = ["nsubj:pass", "aux:pass", "root"].map(String::from).to_vec();
        fix_active_perfects(&[w("Talks"), w("were"), w("postponed")], &[2, 2, 3], &mut passive);
        assert_eq!(passive[0], "nsubj:pass");
    }

    use super::*;
    use crate::conllu::parse_conllu;

    const TRAIN: &str = "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n2\tdog\tdog\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n\
3\tsaw\tsee\tVERB\tVBD\t_\t0\troot\t_\t_\n4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n5\tcat\tcat\tNOUN\tNN\t_\t3\tobj\t_\t_\n\
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n\
1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tboy\tboy\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n\
3\tate\teat\tVERB\tVBD\t_\t0\troot\t_\t_\n4\tan\ta\tDET\tDT\t_\t5\tdet\t_\t_\n5\tapple\tapple\tNOUN\tNN\t_\t3\tobj\t_\t_\n\
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn learns_a_tree_and_round_trips() {
        let sents = parse_conllu(TRAIN);
        let tags: Vec<Vec<String>> = sents.iter().map(|s| s.words.iter().map(|w| w.upos.clone()).collect()).collect();
        let xtags: Vec<Vec<String>> = sents.iter().map(|s| s.words.iter().map(|w| w.xpos.clone()).collect()).collect();
        let p = Parser::train(&sents, &tags, &xtags, 15, 1, &mut |_| {});
        let words: Vec<ParseWord> = ["A", "man", "saw", "a", "bird", "."]
            .iter()
            .zip(["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"])
            .zip(["DT", "NN", "VBD", "DT", "NN", "."])
            .map(|((f, t), x)| ParseWord { form: f, upos: t, xpos: x })
            .collect();
        let arcs = p.parse(&words);
        let heads: Vec<Option<usize>> = arcs.iter().map(|a| a.head).collect();
        assert_eq!(heads, vec![Some(1), Some(2), None, Some(4), Some(2), Some(2)]);
        assert_eq!(arcs[1].deprel, "nsubj");
        assert_eq!(arcs[4].deprel, "obj");
        let mut w = Writer::default();
        p.write(&mut w);
        let bytes = w.into_bytes();
        let q = Parser::read(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(q.parse(&words), arcs);
        // a long run is chunked and still gets one arc per word
        let long: Vec<ParseWord> = (0..1000).map(|_| ParseWord { form: "word", upos: "NOUN", xpos: "NN" }).collect();
        assert_eq!(p.parse(&long).len(), 1000);
    }
}

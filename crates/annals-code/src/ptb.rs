//! Penn Treebank constituency parses → Universal Dependencies-style tokens.
//!
//! The PETRARCH unit-test records come with PTB parses. To score the coder on
//! them before (or besides) the language core's own parser, this module turns
//! a bracketing into the token layer the coder reads: heads by head rules
//! (Collins-style, with the UD choice of content words as heads), relations by
//! the phrase and position of each dependent. It is a development aid, not a
//! full converter: it covers the constructions of news sentences.

use crate::lexicon::VerbIndex;
use crate::sent::Tok;

#[derive(Debug, Clone)]
enum Node {
    Leaf { tag: String, idx: usize },
    Phrase { label: String, kids: Vec<Node> },
}

/// A converted sentence: its text (words joined by single spaces) and tokens.
#[derive(Debug, Clone)]
pub struct Converted {
    /// The words joined by spaces.
    pub text: String,
    /// Tokens with character offsets into `text`.
    pub toks: Vec<Tok>,
}

fn tokenize(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' | ')' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                out.push(c.to_string());
            }
            c if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

struct Reader<'a> {
    toks: &'a [String],
    pos: usize,
    words: Vec<(String, String)>,
    depth: usize,
}

impl Reader<'_> {
    fn node(&mut self) -> Option<Node> {
        if self.toks.get(self.pos)? != "(" {
            return None;
        }
        self.depth += 1;
        if self.depth > 500 {
            return None;
        }
        self.pos += 1;
        let label = match self.toks.get(self.pos)? {
            t if t == "(" => "ROOT".to_string(),
            t => {
                self.pos += 1;
                t.clone()
            }
        };
        let mut kids = Vec::new();
        loop {
            match self.toks.get(self.pos)?.as_str() {
                ")" => {
                    self.pos += 1;
                    break;
                }
                "(" => kids.push(self.node()?),
                w => {
                    // a leaf: (TAG word)
                    let w = w.to_string();
                    self.pos += 1;
                    while self.toks.get(self.pos).is_some_and(|t| t != ")" && t != "(") {
                        self.pos += 1;
                    }
                    if self.toks.get(self.pos).is_some_and(|t| t == ")") {
                        self.pos += 1;
                    }
                    self.words.push((label.clone(), w));
                    self.depth -= 1;
                    return Some(Node::Leaf { tag: label, idx: self.words.len() - 1 });
                }
            }
        }
        self.depth -= 1;
        Some(Node::Phrase { label, kids })
    }
}

fn base_label(l: &str) -> &str {
    if l.starts_with('-') {
        return l;
    }
    l.split(['-', '=']).next().unwrap_or(l)
}

fn is_punct_tag(t: &str) -> bool {
    matches!(t, "," | "." | ":" | "``" | "''" | "-LRB-" | "-RRB-" | "#" | "$" | "HYPH" | "NFP")
}

fn label_of(n: &Node) -> &str {
    match n {
        Node::Leaf { tag, .. } => tag,
        Node::Phrase { label, .. } => base_label(label),
    }
}

const AUX_WORDS: &[&str] = &[
    "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m", "have", "has", "had", "having", "'ve", "'d", "do",
    "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "wo", "ca", "to", "get", "got",
    "gets", "getting",
];

struct Conv<'a> {
    words: Vec<(String, String)>,
    head: Vec<Option<usize>>,
    rel: Vec<String>,
    verbs: &'a VerbIndex,
    lex: &'a crate::dict::VerbDictionary,
}

impl Conv<'_> {
    fn word(&self, i: usize) -> String {
        self.words[i].1.to_lowercase()
    }

    fn lemma(&self, i: usize) -> String {
        let (tag, w) = &self.words[i];
        lemmatize(w, tag, self.verbs, self.lex)
    }

    fn attach(&mut self, dep: usize, head: usize, rel: &str) {
        if dep != head {
            self.head[dep] = Some(head);
            self.rel[dep] = rel.to_string();
        }
    }

    /// Coordinated noun phrases ("Mordor, Rohan, Fornost and Bree", "media and
    /// government"): each conjunct gets its own head; the first is the head of all.
    /// An adjective before the conjunction ("awful and evil minister") is not
    /// a coordination of nouns.
    fn np_coordination(&mut self, kids: &[Node], labels: &[String], heads: &[usize]) -> Option<usize> {
        let nominal = |l: &str| matches!(l, "NP" | "NN" | "NNS" | "NNP" | "NNPS" | "NX" | "PRP" | "CD");
        let mut segments: Vec<Vec<usize>> = vec![Vec::new()];
        for (k, l) in labels.iter().enumerate() {
            if l == "CC" || l == "CONJP" || l == "," || l == ":" {
                // the word before a conjunction must be a noun
                let prev = (0..k).rev().find(|&j| labels[j] != ",");
                if (l == "CC" || l == "CONJP") && prev.is_some_and(|j| !nominal(&labels[j]) || has_pos(&kids[j])) {
                    return None;
                }
                if !segments.last().is_some_and(|s| s.is_empty()) {
                    segments.push(Vec::new());
                }
                continue;
            }
            segments.last_mut().expect("non-empty").push(k);
        }
        segments.retain(|s| !s.is_empty());
        if segments.len() < 2 || segments.iter().any(|s| !s.iter().any(|&k| nominal(&labels[k]) && !has_pos(&kids[k]))) {
            return None;
        }
        let mut seg_heads = Vec::new();
        for seg in &segments {
            let hk = *seg.iter().rev().find(|&&k| nominal(&labels[k]) && !has_pos(&kids[k])).expect("checked");
            let h = heads[hk];
            for &k in seg {
                if k == hk {
                    continue;
                }
                let rel = match labels[k].as_str() {
                    "DT" | "PDT" => "det",
                    "PRP$" => "nmod:poss",
                    "JJ" | "JJR" | "JJS" | "ADJP" | "VBN" | "VBG" => "amod",
                    "NP" if has_pos(&kids[k]) => "nmod:poss",
                    "CD" | "QP" => "nummod",
                    "PP" => "nmod",
                    "SBAR" => "acl:relcl",
                    _ if k < hk => "compound",
                    _ => "appos",
                };
                self.attach(heads[k], h, rel);
            }
            seg_heads.push(h);
        }
        let first = seg_heads[0];
        for &h in &seg_heads[1..] {
            self.attach(h, first, "conj");
        }
        for (k, l) in labels.iter().enumerate() {
            if l == "CC" || l == "CONJP" {
                let next = seg_heads.iter().copied().find(|&h| h > heads[k]).unwrap_or(first);
                self.attach(heads[k], next, "cc");
            } else if l == "," || l == ":" {
                self.attach(heads[k], first, "punct");
            }
        }
        Some(first)
    }

    /// Converts a subtree; returns its head word.
    fn conv(&mut self, n: &Node) -> usize {
        let (label, kids) = match n {
            Node::Leaf { idx, .. } => return *idx,
            Node::Phrase { label, kids } => (base_label(label).to_string(), kids),
        };
        let heads: Vec<usize> = kids.iter().map(|k| self.conv(k)).collect();
        if kids.len() == 1 {
            return heads[0];
        }
        let labels: Vec<String> = kids.iter().map(|k| label_of(k).to_string()).collect();
        let has_cc = labels.iter().any(|l| l == "CC" || l == "CONJP");
        if matches!(label.as_str(), "NP" | "NX") && has_cc {
            if let Some(h) = self.np_coordination(kids, &labels, &heads) {
                return h;
            }
        }
        let non_punct = |i: usize| !is_punct_tag(&labels[i]);
        let first_np = |ls: &[String]| ls.iter().position(|l| l == "NP");
        // coordination: X , X CC X of like phrases
        let coord_kind = |ls: &[String], want: &[&str]| -> Vec<usize> {
            ls.iter().enumerate().filter(|(_, l)| want.contains(&l.as_str())).map(|(i, _)| i).collect()
        };
        let mut conj: Vec<usize> = Vec::new();
        let hk: usize = match label.as_str() {
            "S" | "SINV" | "SQ" | "ROOT" => {
                let ss = coord_kind(&labels, &["S", "SINV"]);
                if has_cc && ss.len() >= 2 && !labels.iter().any(|l| l == "VP") {
                    conj = ss[1..].to_vec();
                    ss[0]
                } else if let Some(v) = labels.iter().position(|l| l == "VP") {
                    v
                } else if let Some(s) = labels.iter().position(|l| l == "S" || l == "SINV" || l == "FRAG") {
                    s
                } else {
                    (0..kids.len()).find(|&i| non_punct(i)).unwrap_or(0)
                }
            }
            "VP" => {
                let vps = coord_kind(&labels, &["VP"]);
                let verb_leaf = labels.iter().position(|l| l.starts_with("VB") || l == "MD" || l == "TO");
                if has_cc && vps.len() >= 2 && verb_leaf.is_none_or(|v| v > vps[0]) {
                    conj = vps[1..].to_vec();
                    vps[0]
                } else if let Some(v) = verb_leaf {
                    let is_aux = AUX_WORDS.contains(&self.word(heads[v]).as_str()) || labels[v] == "MD" || labels[v] == "TO";
                    // the complement a verb governs as an auxiliary: VP, or S holding a VP ("about to")
                    let comp = (v + 1..kids.len()).find(|&i| labels[i] == "VP");
                    match comp {
                        Some(c) if is_aux => c,
                        _ => v,
                    }
                } else if let (Some(i), Some(s)) = (labels.iter().position(|l| l == "IN"), labels.iter().position(|l| l == "S" || l == "VP")) {
                    // "about to restore": the clause is the head, "about" an auxiliary-like marker
                    if i < s && self.word(heads[i]) == "about" {
                        s
                    } else {
                        vps.first().copied().unwrap_or(0)
                    }
                } else {
                    vps.first().copied().unwrap_or(0)
                }
            }
            "NP" | "NX" | "WHNP" => {
                let nps = coord_kind(&labels, &["NP", "NX", "NNP", "NN", "NNS", "NNPS"]);
                let pure_coord = has_cc && nps.len() >= 2 && labels.iter().all(|l| matches!(l.as_str(), "NP" | "NX" | "NNP" | "NN" | "NNS" | "NNPS" | "CC" | "," | "DT" | ":" | "CONJP" | "ADJP" | "JJ"));
                if has_cc && nps.len() >= 2 && labels.iter().filter(|l| *l == "NP").count() >= 2 && labels[0] == "NP" || pure_coord && labels.iter().filter(|l| *l == "NP").count() >= 2 {
                    let np_kids: Vec<usize> = coord_kind(&labels, &["NP"]);
                    conj = np_kids[1..].to_vec();
                    np_kids[0]
                } else if labels.last().is_some_and(|l| l == "POS") && kids.len() >= 2 {
                    kids.len() - 2
                } else if labels[0] == "NP" && labels.len() > 1 && labels[1..].iter().any(|l| matches!(l.as_str(), "PP" | "SBAR" | "VP" | "," | "NP" | "PRN" | "ADJP" | "RRC" | "S")) {
                    0
                } else if let Some(i) = (0..kids.len()).rev().find(|&i| matches!(labels[i].as_str(), "NN" | "NNS" | "NNP" | "NNPS" | "PRP" | "NX" | "CD" | "FW")) {
                    i
                } else if let Some(i) = first_np(&labels) {
                    i
                } else {
                    (0..kids.len()).rev().find(|&i| non_punct(i)).unwrap_or(kids.len() - 1)
                }
            }
            "PP" | "WHPP" => {
                let p = labels.iter().position(|l| matches!(l.as_str(), "IN" | "TO" | "RP" | "VBG"));
                match p {
                    Some(p) => (p + 1..kids.len()).find(|&i| matches!(labels[i].as_str(), "NP" | "S" | "SBAR" | "ADJP" | "ADVP" | "PP" | "WHNP" | "VP")).unwrap_or(p),
                    None => (0..kids.len()).find(|&i| non_punct(i)).unwrap_or(0),
                }
            }
            "SBAR" => labels.iter().position(|l| matches!(l.as_str(), "S" | "SINV" | "SQ" | "FRAG" | "VP")).unwrap_or(0),
            "ADJP" => (0..kids.len()).rev().find(|&i| labels[i].starts_with("JJ") || labels[i] == "VBN").unwrap_or_else(|| (0..kids.len()).find(|&i| non_punct(i)).unwrap_or(0)),
            "ADVP" => (0..kids.len()).rev().find(|&i| labels[i].starts_with("RB")).unwrap_or(0),
            "PRN" => (0..kids.len()).find(|&i| non_punct(i)).unwrap_or(0),
            _ => (0..kids.len()).find(|&i| non_punct(i) && labels[i] != "CC").unwrap_or(0),
        };
        let h = heads[hk];
        let head_tag = self.words[h].0.clone();
        let head_lemma = self.lemma(h);
        let mut np_before_head_seen = false;
        for (k, kid) in kids.iter().enumerate() {
            if k == hk {
                continue;
            }
            let d = heads[k];
            let kl = labels[k].as_str();
            let full_label = match kid {
                Node::Phrase { label, .. } => label.as_str(),
                Node::Leaf { tag, .. } => tag.as_str(),
            };
            let rel: String = if is_punct_tag(kl) {
                "punct".into()
            } else if kl == "CC" || kl == "CONJP" {
                "cc".into()
            } else if conj.contains(&k) {
                "conj".into()
            } else {
                match label.as_str() {
                    "S" | "SINV" | "SQ" | "ROOT" => match kl {
                        "NP" if k < hk => {
                            if full_label.contains("TMP") {
                                "obl:tmod".into()
                            } else {
                                "nsubj".into()
                            }
                        }
                        "NP" => "obj".into(),
                        "ADVP" | "RB" => "advmod".into(),
                        "PP" => "obl".into(),
                        "SBAR" => "advcl".into(),
                        "S" | "SINV" => {
                            if REPORTING.contains(&head_lemma.as_str()) {
                                "ccomp".into()
                            } else {
                                "parataxis".into()
                            }
                        }
                        "VP" => "advcl".into(),
                        _ => "dep".into(),
                    },
                    "VP" => match kl {
                        _ if k < hk && (kl.starts_with("VB") || kl == "MD") => "aux".into(),
                        "TO" => "mark".into(),
                        "IN" if self.word(d) == "about" => "aux".into(),
                        "NP" if k > hk => {
                            if full_label.contains("TMP") {
                                "obl:tmod".into()
                            } else {
                                let more_np = (k + 1..kids.len()).any(|j| labels[j] == "NP");
                                if more_np && !np_before_head_seen {
                                    np_before_head_seen = true;
                                    "iobj".into()
                                } else {
                                    "obj".into()
                                }
                            }
                        }
                        "NP" => "nsubj".into(),
                        "PP" => "obl".into(),
                        "S" => {
                            if subjectless(kid) {
                                "xcomp".into()
                            } else {
                                "ccomp".into()
                            }
                        }
                        "SBAR" => {
                            let m = first_word(kid).map(|i| self.word(i)).unwrap_or_default();
                            if matches!(m.as_str(), "that" | "whether" | "if" | "what" | "who" | "how" | "why") && !(m == "if" && k < hk) {
                                if m == "if" && !REPORTING.contains(&head_lemma.as_str()) && head_lemma != "ask" && head_lemma != "know" {
                                    "advcl".into()
                                } else {
                                    "ccomp".into()
                                }
                            } else if matches!(self.words[first_word(kid).unwrap_or(d)].0.as_str(), "IN" | "WRB") && m != "that" {
                                "advcl".into()
                            } else {
                                "ccomp".into()
                            }
                        }
                        "ADVP" | "RB" => "advmod".into(),
                        "PRT" | "RP" => "compound:prt".into(),
                        "ADJP" | "JJ" => "xcomp".into(),
                        "VP" => "conj".into(),
                        _ => "dep".into(),
                    },
                    "NP" | "NX" | "WHNP" => match kl {
                        "DT" | "PDT" | "WDT" => "det".into(),
                        "PRP$" | "WP$" => "nmod:poss".into(),
                        "POS" => "case".into(),
                        "JJ" | "JJR" | "JJS" | "ADJP" | "VBN" | "VBG" => "amod".into(),
                        "NP" if k < hk && has_pos(kid) => "nmod:poss".into(),
                        "NN" | "NNS" | "NNP" | "NNPS" | "NP" | "NX" | "FW" if k < hk => "compound".into(),
                        "CD" | "QP" => "nummod".into(),
                        "PP" => "nmod".into(),
                        "SBAR" => "acl:relcl".into(),
                        "VP" | "S" | "RRC" => "acl".into(),
                        "NP" | "PRN" | "NNP" if k > hk => "appos".into(),
                        "RB" | "ADVP" => "advmod".into(),
                        _ => "dep".into(),
                    },
                    "PP" | "WHPP" => {
                        if matches!(kl, "IN" | "TO" | "RP" | "VBG") {
                            if matches!(labels[hk].as_str(), "S" | "SBAR" | "VP") {
                                "mark".into()
                            } else {
                                "case".into()
                            }
                        } else {
                            "dep".into()
                        }
                    }
                    "SBAR" => {
                        if kl.starts_with("WH") {
                            "nsubj".into()
                        } else {
                            "mark".into()
                        }
                    }
                    _ => match kl {
                        "RB" | "ADVP" => "advmod".into(),
                        "PP" => "obl".into(),
                        _ => "dep".into(),
                    },
                }
            };
            let _ = &head_tag;
            self.attach(d, h, &rel);
        }
        h
    }
}

fn has_pos(n: &Node) -> bool {
    match n {
        Node::Leaf { tag, .. } => tag == "POS",
        Node::Phrase { kids, .. } => kids.last().is_some_and(|k| matches!(k, Node::Leaf { tag, .. } if tag == "POS")),
    }
}

fn subjectless(n: &Node) -> bool {
    match n {
        Node::Phrase { kids, .. } => !kids.iter().any(|k| label_of(k) == "NP"),
        Node::Leaf { .. } => true,
    }
}

fn first_word(n: &Node) -> Option<usize> {
    match n {
        Node::Leaf { idx, .. } => Some(*idx),
        Node::Phrase { kids, .. } => kids.first().and_then(first_word),
    }
}

/// Reporting verbs: their clausal complement is reported content.
pub const REPORTING: &[&str] = &[
    "say", "tell", "report", "claim", "announce", "state", "add", "note", "confirm", "insist", "allege", "write", "declare", "told",
    "believe", "assert", "explain", "indicate", "suggest", "acknowledge", "admit",
];

const IRREGULAR: &[(&str, &str)] = &[
    ("is", "be"), ("are", "be"), ("was", "be"), ("were", "be"), ("been", "be"), ("being", "be"), ("am", "be"), ("'s", "be"),
    ("has", "have"), ("had", "have"), ("did", "do"), ("does", "do"), ("said", "say"), ("says", "say"), ("told", "tell"),
    ("went", "go"), ("gone", "go"), ("met", "meet"), ("held", "hold"), ("made", "make"), ("took", "take"), ("taken", "take"),
    ("gave", "give"), ("given", "give"), ("came", "come"), ("left", "leave"), ("sent", "send"), ("spoke", "speak"),
    ("spoken", "speak"), ("fought", "fight"), ("struck", "strike"), ("broke", "break"), ("broken", "break"), ("shot", "shoot"),
    ("sought", "seek"), ("threw", "throw"), ("won", "win"), ("led", "lead"), ("brought", "bring"), ("began", "begin"),
    ("begun", "begin"), ("knew", "know"), ("known", "know"), ("seen", "see"), ("saw", "see"), ("wo", "will"), ("ca", "can"),
    ("n't", "not"), ("men", "man"), ("women", "woman"), ("people", "person"), ("children", "child"), ("fired", "fire"),
];

/// A lemma for a PTB-tagged word: irregular forms, then the verb dictionary's
/// base forms, then suffix stripping.
pub fn lemmatize(word: &str, tag: &str, verbs: &VerbIndex, lex: &crate::dict::VerbDictionary) -> String {
    let lower = word.to_lowercase();
    if let Some((_, l)) = IRREGULAR.iter().find(|(w, _)| *w == lower) {
        return l.to_string();
    }
    if tag.starts_with("VB") {
        if let Some(v) = verbs.forms.get(&word.to_uppercase()).and_then(|v| v.first()) {
            return lex.entries[v.0].verbs[v.1].base.to_lowercase();
        }
        for (suf, rep) in [("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")] {
            if let Some(st) = lower.strip_suffix(suf) {
                // "-es" only after a sibilant or "o" ("reaches", "goes"): "departes" is no form of "depart"
                if suf == "es" && !(st.ends_with(['s', 'x', 'z', 'o']) || st.ends_with("ch") || st.ends_with("sh")) {
                    continue;
                }
                if st.len() >= 2 {
                    return format!("{st}{rep}");
                }
            }
        }
    }
    if tag == "NNS" || tag == "NNPS" {
        if let Some(st) = lower.strip_suffix("ies") {
            return format!("{st}y");
        }
        if lower.ends_with("ss") {
            return lower;
        }
        if let Some(st) = lower.strip_suffix('s') {
            return st.to_string();
        }
    }
    lower
}

fn upos_of(tag: &str, rel: &str, word: &str) -> &'static str {
    match tag {
        "NN" | "NNS" => "NOUN",
        "NNP" | "NNPS" => "PROPN",
        t if t.starts_with("VB") => {
            if rel == "aux" {
                "AUX"
            } else {
                "VERB"
            }
        }
        "MD" => "AUX",
        t if t.starts_with("JJ") => "ADJ",
        t if t.starts_with("RB") => {
            if matches!(word.to_lowercase().as_str(), "not" | "n't" | "never") {
                "PART"
            } else {
                "ADV"
            }
        }
        "IN" => {
            if rel == "mark" {
                "SCONJ"
            } else {
                "ADP"
            }
        }
        "RP" => "ADP",
        "DT" | "PDT" | "WDT" => "DET",
        "PRP" | "PRP$" | "WP" | "WP$" | "EX" => "PRON",
        "CD" => "NUM",
        "CC" => "CCONJ",
        "TO" | "POS" => "PART",
        "FW" => "X",
        t if is_punct_tag(t) => "PUNCT",
        _ => "X",
    }
}

fn unescape(w: &str) -> String {
    match w {
        "-LRB-" | "-LCB-" => "(".into(),
        "-RRB-" | "-RCB-" => ")".into(),
        "``" | "''" => "\"".into(),
        _ => w.replace("&amp;", "&"),
    }
}

/// Converts a PTB bracketing into a text and dependency tokens. `None` when
/// the bracketing does not read.
pub fn convert(parse: &str, verbs: &VerbIndex, lex: &crate::dict::VerbDictionary) -> Option<Converted> {
    let toks = tokenize(parse);
    // an unbalanced bracketing is no parse (PETRARCH's `bad_input_parse`): a reader that
    // closes the phrases itself would code a tree nobody gave
    if toks.iter().filter(|t| *t == "(").count() != toks.iter().filter(|t| *t == ")").count() {
        return None;
    }
    let mut r = Reader { toks: &toks, pos: 0, words: Vec::new(), depth: 0 };
    let tree = r.node()?;
    let words = r.words;
    if words.is_empty() {
        return None;
    }
    let n = words.len();
    let mut c = Conv { words, head: vec![None; n], rel: vec![String::new(); n], verbs, lex };
    let root = c.conv(&tree);
    c.rel[root] = "root".into();
    // passives: a subject of a VBN with a be/get auxiliary; its "by" phrase is the agent
    for i in 0..n {
        let Some(h) = c.head[i] else { continue };
        if c.words[h].0 == "VBN" {
            let has_be = (0..n).any(|j| c.head[j] == Some(h) && c.rel[j] == "aux" && matches!(c.lemma(j).as_str(), "be" | "get"));
            if has_be && c.rel[i] == "nsubj" {
                c.rel[i] = "nsubj:pass".into();
            }
            if c.rel[i] == "obl" && (0..n).any(|j| c.head[j] == Some(i) && c.rel[j] == "case" && c.word(j) == "by") {
                c.rel[i] = "obl:agent".into();
            }
        }
    }
    let mut text = String::new();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        if i > 0 {
            text.push(' ');
        }
        let form = unescape(&c.words[i].1);
        let start = text.chars().count();
        text.push_str(&form);
        let end = text.chars().count();
        let lemma = c.lemma(i);
        let upos = upos_of(&c.words[i].0, &c.rel[i], &form);
        out.push(Tok::new(&form, &lemma, upos, c.head[i], &c.rel[i], start, end));
    }
    Some(Converted { text, toks: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(p: &str) -> Converted {
        let lex = crate::lexicon::Lexicon::embedded();
        let idx = VerbIndex::new(&lex.verbs);
        convert(p, &idx, &lex.verbs).unwrap()
    }

    fn rel_of(c: &Converted, w: &str) -> (String, Option<String>) {
        let t = c.toks.iter().find(|t| t.form == w).unwrap();
        (t.deprel.clone(), t.head.map(|h| c.toks[h].form.clone()))
    }

    #[test]
    fn es_is_stripped_only_after_a_sibilant_and_unbalanced_parses_are_refused() {
        let lex = crate::lexicon::Lexicon::embedded();
        let idx = VerbIndex::new(&lex.verbs);
        // "departes" (a misspelling the records test) is no form of "depart"
        assert_ne!(lemmatize("departes", "VBZ", &idx, &lex.verbs), "depart");
        assert_eq!(lemmatize("zorches", "VBZ", &idx, &lex.verbs), "zorch");
        assert_eq!(lemmatize("blorps", "VBZ", &idx, &lex.verbs), "blorp");
        // a bracketing missing its last two parentheses
        assert!(convert("(ROOT (S (NP (NNP Arnor)) (VP (VBD left) (. .)", &idx, &lex.verbs).is_none());
        assert!(convert("(ROOT (S (NP (NNP Arnor)) (VP (VBD left)) (. .)))", &idx, &lex.verbs).is_some());
    }

    #[test]
    fn subject_object_and_auxiliary_chain() {
        let c = conv("(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) (VP (IN about) (S (VP (TO to) (VP (VB restore) (NP (JJ full) (NNS ties)) (PP (IN with) (NP (NNP Gondor)))))))) (. .)))");
        assert_eq!(c.text, "Arnor is about to restore full ties with Gondor .");
        assert_eq!(rel_of(&c, "restore").0, "root");
        assert_eq!(rel_of(&c, "Arnor"), ("nsubj".into(), Some("restore".into())));
        assert_eq!(rel_of(&c, "is"), ("aux".into(), Some("restore".into())));
        assert_eq!(rel_of(&c, "ties"), ("obj".into(), Some("restore".into())));
        assert_eq!(rel_of(&c, "Gondor"), ("obl".into(), Some("restore".into())));
        assert_eq!(rel_of(&c, "with"), ("case".into(), Some("Gondor".into())));
    }

    #[test]
    fn passive_agent_and_coordination() {
        let c = conv("(ROOT (S (NP (NNP Eriador)) (VP (VBD was) (VP (VBN opposed) (PP (IN by) (NP (NP (NNP Osgiliath)) (CC and) (NP (NNP Gondor)))))) (. .)))");
        assert_eq!(rel_of(&c, "Eriador").0, "nsubj:pass");
        assert_eq!(rel_of(&c, "Osgiliath"), ("obl:agent".into(), Some("opposed".into())));
        assert_eq!(rel_of(&c, "Gondor"), ("conj".into(), Some("Osgiliath".into())));
    }

    #[test]
    fn garbage_does_not_panic() {
        let lex = crate::lexicon::Lexicon::embedded();
        let idx = VerbIndex::new(&lex.verbs);
        assert!(convert("(((", &idx, &lex.verbs).is_none());
        assert!(convert(")", &idx, &lex.verbs).is_none());
        let _ = convert("(S (NP x) (VP", &idx, &lex.verbs);
    }
}

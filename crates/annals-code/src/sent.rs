//! A sentence as the coder sees it: tokens with heads and relations local to
//! the sentence, built from the document's token layer (or, without one, from
//! a plain word split, which leaves the parse empty).

use annals_core::{Document, Span};

/// One token, sentence-local.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tok {
    /// Surface form.
    pub form: String,
    /// Upper-case form (dictionary matching is case-blind).
    pub upper: String,
    /// Lower-case lemma (the form when none was given).
    pub lemma: String,
    /// Universal POS tag, empty when untagged.
    pub upos: String,
    /// Head index within the sentence; `None` for the root or when unparsed.
    pub head: Option<usize>,
    /// UD relation, empty when unparsed.
    pub deprel: String,
    /// First character in the document.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Tok {
    /// A token from its parts.
    pub fn new(form: &str, lemma: &str, upos: &str, head: Option<usize>, deprel: &str, start: usize, end: usize) -> Tok {
        Tok {
            form: form.to_string(),
            upper: form.to_uppercase(),
            lemma: if lemma.is_empty() { form.to_lowercase() } else { lemma.to_lowercase() },
            upos: upos.to_string(),
            head,
            deprel: deprel.to_string(),
            start,
            end,
        }
    }

    /// The relation without its subtype (`nsubj:pass` → `nsubj`).
    pub fn rel(&self) -> &str {
        self.deprel.split(':').next().unwrap_or("")
    }

    /// Noun, proper noun or pronoun.
    pub fn is_nominal(&self) -> bool {
        matches!(self.upos.as_str(), "NOUN" | "PROPN" | "PRON" | "NUM")
    }
}

/// A sentence with its tokens and dependency children.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// Index in `doc.sentences`.
    pub index: usize,
    /// Character span in the document.
    pub span: Span,
    /// Tokens in order.
    pub toks: Vec<Tok>,
    /// Children of each token, in order.
    pub children: Vec<Vec<usize>>,
    /// True when the tokens carry a dependency parse.
    pub parsed: bool,
}

impl Sentence {
    /// Builds the child lists (and checks heads: a head outside the sentence or a cycle is dropped).
    pub fn new(index: usize, span: Span, mut toks: Vec<Tok>) -> Sentence {
        let n = toks.len();
        for t in toks.iter_mut() {
            if t.head.is_some_and(|h| h >= n) {
                t.head = None;
            }
        }
        // break cycles: follow heads at most n steps
        for i in 0..n {
            let mut cur = i;
            let mut steps = 0;
            while let Some(h) = toks[cur].head {
                steps += 1;
                if h == i || steps > n {
                    toks[i].head = None;
                    break;
                }
                cur = h;
            }
        }
        let mut children = vec![Vec::new(); n];
        for (i, t) in toks.iter().enumerate() {
            if let Some(h) = t.head {
                children[h].push(i);
            }
        }
        let parsed = toks.iter().any(|t| !t.deprel.is_empty());
        Sentence { index, span, toks, children, parsed }
    }

    /// The sentences of a document, from its token layer; sentences without
    /// tokens are split into words (no parse).
    pub fn from_document(doc: &Document) -> Vec<Sentence> {
        let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); doc.sentences.len()];
        for (i, t) in doc.tokens.iter().enumerate() {
            if let Some(slot) = by_sentence.get_mut(t.sentence) {
                slot.push(i);
            }
        }
        let mut out = Vec::with_capacity(doc.sentences.len());
        for (si, span) in doc.sentences.iter().enumerate() {
            let ids = &by_sentence[si];
            let toks: Vec<Tok> = if ids.is_empty() {
                word_split(doc, *span)
            } else {
                let local = |g: usize| ids.iter().position(|&x| x == g);
                ids.iter()
                    .map(|&g| {
                        let t = &doc.tokens[g];
                        let form = doc.span_text(Span::new(t.start.min(t.end), t.end));
                        Tok::new(form, &t.lemma, &t.upos, t.head.and_then(local), &t.deprel, t.start, t.end)
                    })
                    .collect()
            };
            out.push(Sentence::new(si, *span, toks));
        }
        out
    }

    /// Dependents of `i` whose relation (without subtype) is `rel`.
    pub fn deps<'a>(&'a self, i: usize, rel: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.children[i].iter().copied().filter(move |&c| self.toks[c].rel() == rel)
    }

    /// Dependents of `i` whose full relation is `deprel`.
    pub fn deps_full<'a>(&'a self, i: usize, deprel: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.children[i].iter().copied().filter(move |&c| self.toks[c].deprel == deprel)
    }

    /// The subtree of `i` (itself included), in order, not entering children for which `skip` holds.
    pub fn subtree_where(&self, i: usize, skip: &dyn Fn(usize) -> bool) -> Vec<usize> {
        let mut out = vec![i];
        let mut stack = vec![i];
        while let Some(x) = stack.pop() {
            for &c in &self.children[x] {
                if !skip(c) {
                    out.push(c);
                    stack.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// The whole subtree of `i`.
    pub fn subtree(&self, i: usize) -> Vec<usize> {
        self.subtree_where(i, &|_| false)
    }

    /// The text from token `a` to token `b` (inclusive) as it appears in `doc`.
    pub fn text_of(&self, doc_text: &Document, a: usize, b: usize) -> String {
        doc_text.span_text(Span::new(self.toks[a].start, self.toks[b].end.max(self.toks[a].start))).to_string()
    }

    /// Ancestors of `i`, nearest first.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = i;
        while let Some(h) = self.toks[cur].head {
            if out.len() > self.toks.len() {
                break;
            }
            out.push(h);
            cur = h;
        }
        out
    }
}

/// Splits a sentence into words and punctuation (no tags, no parse): the
/// fallback when the language core has not run.
pub fn word_split(doc: &Document, span: Span) -> Vec<Tok> {
    let text = doc.span_text(span);
    let mut toks = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<char> = text.chars().collect();
    let push = |toks: &mut Vec<Tok>, a: usize, b: usize| {
        let form: String = chars[a..b].iter().collect();
        // split a possessive or n't clitic off the word
        let (w, clitic) = if let Some(w) = form.strip_suffix("'s").or_else(|| form.strip_suffix("’s")) {
            (w.to_string(), Some(form[w.len()..].to_string()))
        } else if let Some(w) = form.strip_suffix("n't") {
            (w.to_string(), Some("n't".to_string()))
        } else {
            (form.clone(), None)
        };
        let wl = w.chars().count();
        if wl > 0 {
            toks.push(Tok::new(&w, "", "", None, "", span.start + a, span.start + a + wl));
        }
        if let Some(c) = clitic {
            toks.push(Tok::new(&c, if c == "n't" { "not" } else { "'s" }, "", None, "", span.start + a + wl, span.start + b));
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        let wordy = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || (c == '.' && start.is_some() && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()));
        if wordy {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(s) = start.take() {
                push(&mut toks, s, i);
            }
            if !c.is_whitespace() {
                toks.push(Tok::new(&c.to_string(), "", "PUNCT", None, "", span.start + i, span.start + i + 1));
            }
        }
    }
    if let Some(s) = start {
        push(&mut toks, s, chars.len());
    }
    toks
}

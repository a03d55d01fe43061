//! The prepared view of one document: tokens, quote marks, sentences and
//! name mentions, built once and shared by the attribution rules.

use annals_core::{Document, Entity, EntityType};

use crate::lexicon::{self, Gender};
use crate::marks::{self, Marks, Role};
use crate::text::{self, Tok};

/// What a name mention stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MentionKind {
    Person,
    Org,
    Place,
    /// A capitalised name the fallback cannot type ("Smith", "Beijing").
    Unknown,
}

/// A name in the text: from `doc.entities`, else a run of capitalised words.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    /// Token range.
    pub first: usize,
    pub last: usize,
    /// Character span.
    pub start: usize,
    pub end: usize,
    /// Canonical name: the entity's, or the fullest earlier form of the name.
    pub name: String,
    pub kind: MentionKind,
    pub gender: Option<Gender>,
    pub in_quote: bool,
}

/// Everything the rules read.
pub(crate) struct Context {
    pub chars: Vec<char>,
    pub marks: Marks,
    pub toks: Vec<Tok>,
    /// Quote-mark role of each token (`Role::Text` for ordinary tokens).
    pub tok_role: Vec<Role>,
    /// Innermost quotation whose content holds the token.
    pub tok_quote: Vec<Option<usize>>,
    /// Sentences as token ranges.
    pub sents: Vec<(usize, usize)>,
    pub tok_sent: Vec<usize>,
    pub mentions: Vec<Mention>,
    /// Syntactic head and relation per token, where `doc.tokens` carries a parse.
    pub parse: Vec<Option<(Option<usize>, String)>>,
    /// True when the language core supplied entities.
    pub has_entities: bool,
}

impl Context {
    /// Builds the view of `doc`, using its sentences, tokens and entities when present.
    pub fn new(doc: &Document) -> Context {
        let chars: Vec<char> = doc.text.chars().collect();
        let marks = marks::scan(&chars);
        let apostrophes: Vec<bool> = (0..chars.len()).map(|i| marks.is_apostrophe(i)).collect();
        let mut toks = text::tokenize(&chars, &apostrophes);
        let tok_role: Vec<Role> = toks
            .iter()
            .map(|t| if t.end == t.start + 1 { marks.role[t.start] } else { Role::Text })
            .collect();
        let parse = attach_doc_tokens(doc, &mut toks);
        let tok_quote = innermost_quotes(&toks, &marks);
        let sents = if doc.sentences.is_empty() {
            let is_close = |i: usize| tok_role.get(i) == Some(&Role::Close);
            let is_open = |i: usize| matches!(tok_role.get(i), Some(Role::Open | Role::Reopen));
            text::split_sentences(&toks, &is_close, &is_open)
        } else {
            sentences_from_doc(doc, &toks)
        };
        let mut tok_sent = vec![0; toks.len()];
        for (k, &(a, b)) in sents.iter().enumerate() {
            for s in tok_sent.iter_mut().take(b).skip(a) {
                *s = k;
            }
        }
        let mut ctx = Context {
            chars,
            marks,
            toks,
            tok_role,
            tok_quote,
            sents,
            tok_sent,
            mentions: Vec::new(),
            parse,
            has_entities: !doc.entities.is_empty(),
        };
        ctx.mentions = if doc.entities.is_empty() { ctx.name_runs() } else { ctx.entity_mentions(&doc.entities) };
        ctx
    }

    /// The text of characters `[start, end)`.
    pub fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.chars.len());
        let start = start.min(end);
        self.chars[start..end].iter().collect()
    }

    /// The text of tokens `[first, last)`.
    pub fn tok_text(&self, first: usize, last: usize) -> String {
        if first >= last || last > self.toks.len() {
            return String::new();
        }
        self.slice(self.toks[first].start, self.toks[last - 1].end)
    }

    pub fn is_open_mark(&self, t: usize) -> bool {
        matches!(self.tok_role.get(t), Some(Role::Open | Role::Reopen))
    }

    pub fn is_close_mark(&self, t: usize) -> bool {
        self.tok_role.get(t) == Some(&Role::Close)
    }

    pub fn is_mark(&self, t: usize) -> bool {
        matches!(self.tok_role.get(t), Some(Role::Open | Role::Reopen | Role::Close))
    }

    /// First token starting at or after character `ch`.
    pub fn tok_at_or_after(&self, ch: usize) -> usize {
        self.toks.partition_point(|t| t.start < ch)
    }

    /// Token index of the token ending at or before `ch` + 1 (exclusive bound).
    pub fn tok_before(&self, ch: usize) -> usize {
        self.toks.partition_point(|t| t.end <= ch)
    }

    /// Mentions from the language core's entities.
    fn entity_mentions(&self, entities: &[Entity]) -> Vec<Mention> {
        let mut out: Vec<Mention> = entities
            .iter()
            .filter_map(|e| {
                let first = self.tok_at_or_after(e.start);
                let last = self.tok_before(e.end).max(first);
                if first >= self.toks.len() || first >= last {
                    return None;
                }
                let kind = match e.kind {
                    EntityType::Person => MentionKind::Person,
                    EntityType::Org => MentionKind::Org,
                    EntityType::Location => MentionKind::Place,
                    EntityType::Misc => return None,
                };
                let gender = if kind == MentionKind::Person { self.gender_of(first, last) } else { None };
                Some(Mention {
                    first,
                    last,
                    start: e.start,
                    end: e.end,
                    name: if e.name.is_empty() { e.text.clone() } else { e.name.clone() },
                    kind,
                    gender,
                    in_quote: self.tok_quote[first].is_some(),
                })
            })
            .collect();
        out.sort_by_key(|m| m.start);
        // the same person keeps one gender across mentions
        let mut by_name: std::collections::HashMap<String, Gender> = std::collections::HashMap::new();
        for m in &out {
            if let Some(g) = m.gender {
                by_name.entry(m.name.clone()).or_insert(g);
            }
        }
        for m in &mut out {
            if m.gender.is_none() {
                m.gender = by_name.get(&m.name).copied();
            }
        }
        out
    }

    /// Mentions found without an entity layer: runs of capitalised words.
    fn name_runs(&self) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        let mut i = 0;
        let n = self.toks.len();
        while i < n {
            if !self.toks[i].is_capitalized() {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n && !self.toks[j].para_break {
                let t = &self.toks[j];
                let connects = matches!(t.lower.as_str(), "de" | "van" | "von" | "bin" | "da" | "del" | "di" | "du" | "la" | "le" | "of" | "al")
                    && self.toks.get(j + 1).is_some_and(Tok::is_capitalized);
                if t.is_capitalized() || connects {
                    j += 1;
                } else {
                    break;
                }
            }
            let (first, last) = self.trim_run(i, j);
            i = j;
            if first >= last {
                continue;
            }
            let words: Vec<&str> = self.toks[first..last].iter().map(|t| t.lower.as_str()).collect();
            if words.iter().all(|w| lexicon::is_title(w) || is_calendar_word(w)) {
                continue;
            }
            let (name_first, _) = self.strip_titles(first, last);
            let mut kind = if words.iter().any(|w| lexicon::is_org_word(w))
                || (words.len() == 1 && self.toks[first].text.chars().filter(|c| c.is_uppercase()).count() >= 2)
            {
                MentionKind::Org
            } else if name_first > first
                || lexicon::given_name_gender(&self.toks[name_first].lower).is_some()
                || (last - name_first >= 2 && last - name_first <= 4)
            {
                MentionKind::Person
            } else {
                MentionKind::Unknown
            };
            let after_locative = first > 0 && matches!(self.toks[first - 1].lower.as_str(), "in" | "at" | "from" | "near" | "across" | "to" | "outside" | "inside");
            if after_locative && kind != MentionKind::Org && name_first == first {
                kind = MentionKind::Place;
            }
            let mut name = self.clean_name(name_first, last);
            let mut gender = if kind == MentionKind::Person { self.gender_of(first, last) } else { None };
            // a surname (or given name) alone refers to the latest fuller name holding it
            if last - name_first == 1 && kind != MentionKind::Org {
                let word = &self.toks[name_first].text;
                if let Some(full) = out.iter().rev().find(|m| {
                    m.kind == MentionKind::Person && m.name.contains(' ') && m.name.split(' ').any(|w| w == word)
                }) {
                    name = full.name.clone();
                    kind = MentionKind::Person;
                    gender = gender.or(full.gender);
                }
            }
            out.push(Mention {
                first,
                last,
                start: self.toks[first].start,
                end: self.toks[last - 1].end,
                name,
                kind,
                gender,
                in_quote: self.tok_quote[first].is_some(),
            });
        }
        out
    }

    /// Drops sentence-initial function words ("The", "But") from a capitalised run.
    fn trim_run(&self, mut first: usize, last: usize) -> (usize, usize) {
        while first < last {
            let w = self.toks[first].lower.as_str();
            if lexicon::is_sentence_starter(w) && !w.ends_with('.') || lexicon::is_function_word(w) || lexicon::is_determiner(w) || lexicon::pronoun(w).is_some() {
                first += 1;
            } else {
                break;
            }
        }
        (first, last)
    }

    /// Index of the first token after leading titles ("President", "Foreign
    /// Minister", "Russian"), keeping at least one token; organisations keep all.
    pub fn strip_titles(&self, first: usize, last: usize) -> (usize, usize) {
        let words: Vec<&str> = self.toks[first..last].iter().map(|t| t.lower.as_str()).collect();
        if words.last().is_some_and(|w| lexicon::is_org_word(w) || lexicon::is_title(w)) {
            return (first, last);
        }
        let mut k = first;
        // the last title before the name proper
        for (off, w) in words.iter().enumerate() {
            let is_title_like = lexicon::is_title(w) || lexicon::is_role_noun(w) || is_demonym(w) || *w == "of" || lexicon::is_org_word(w);
            if is_title_like && first + off + 1 < last {
                k = first + off + 1;
            }
        }
        (k, last)
    }

    /// A name without titles or a possessive ending.
    pub fn clean_name(&self, first: usize, last: usize) -> String {
        let s = self.tok_text(first, last);
        let s = s.trim_end_matches("'s").trim_end_matches("’s").trim_end_matches(['\'', '’']);
        s.to_string()
    }

    /// Gender from titles and role words just before or inside the name, then its given name.
    pub fn gender_of(&self, first: usize, last: usize) -> Option<Gender> {
        let from = first.saturating_sub(2);
        for t in &self.toks[from..last] {
            if let Some(g) = lexicon::title_gender(&t.lower) {
                return Some(g);
            }
        }
        let (name_first, _) = self.strip_titles(first, last);
        if last - name_first >= 2 || self.has_entities {
            return lexicon::given_name_gender(&self.toks[name_first].lower);
        }
        None
    }

    /// The mention overlapping tokens `[first, last)` that ends last.
    pub fn mention_in(&self, first: usize, last: usize) -> Option<&Mention> {
        self.mentions.iter().filter(|m| m.first < last && first < m.last).max_by_key(|m| (m.last, m.last - m.first))
    }
}

/// Demonyms before titles ("Russian Foreign Minister"), by their common endings.
fn is_demonym(w: &str) -> bool {
    (w.ends_with("ian") || w.ends_with("ese") || w.ends_with("ish") || w.ends_with("can") || w.ends_with("ean") || w.ends_with("ani") || w.ends_with("ch"))
        && w.len() > 4
}

/// Months and weekdays, capitalised but never speakers.
pub(crate) fn is_calendar_word(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" | "january" | "february"
            | "march" | "april" | "may" | "june" | "july" | "august" | "september" | "october" | "november" | "december"
            | "jan." | "feb." | "aug." | "sept." | "oct." | "nov." | "dec." | "today" | "yesterday"
    )
}

/// Copies UPOS tags and the parse from `doc.tokens` onto tokens with the same start.
fn attach_doc_tokens(doc: &Document, toks: &mut [Tok]) -> Vec<Option<(Option<usize>, String)>> {
    let mut parse = vec![None; toks.len()];
    if doc.tokens.is_empty() {
        return parse;
    }
    // map doc token index → our token index (same start offset)
    let ours: std::collections::HashMap<usize, usize> = toks.iter().enumerate().map(|(k, t)| (t.start, k)).collect();
    let doc_to_ours: Vec<Option<usize>> = doc.tokens.iter().map(|t| ours.get(&t.start).copied()).collect();
    for (d, dt) in doc.tokens.iter().enumerate() {
        let Some(k) = doc_to_ours[d] else { continue };
        if !dt.upos.is_empty() {
            toks[k].upos = Some(dt.upos.clone());
        }
        if !dt.deprel.is_empty() {
            let head = dt.head.and_then(|h| doc_to_ours.get(h).copied().flatten());
            parse[k] = Some((head, dt.deprel.clone()));
        }
    }
    parse
}

/// Sentences of `doc.sentences` as token ranges.
fn sentences_from_doc(doc: &Document, toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut prev_end = 0;
    for s in &doc.sentences {
        let a = toks.partition_point(|t| t.start < s.start).max(prev_end);
        let b = toks.partition_point(|t| t.start < s.end).max(a);
        if b > a {
            out.push((a, b));
            prev_end = b;
        }
    }
    // tokens outside every sentence become their own sentences
    let mut full = Vec::new();
    let mut pos = 0;
    for (a, b) in out {
        if a > pos {
            full.push((pos, a));
        }
        full.push((a, b));
        pos = b;
    }
    if pos < toks.len() {
        full.push((pos, toks.len()));
    }
    full
}

/// For each token, the innermost quotation whose content contains it.
fn innermost_quotes(toks: &[Tok], marks: &Marks) -> Vec<Option<usize>> {
    let mut out = vec![None; toks.len()];
    let mut active: Vec<usize> = Vec::new();
    let mut next = 0;
    for (k, t) in toks.iter().enumerate() {
        while next < marks.quotes.len() && marks.quotes[next].start <= t.start {
            active.push(next);
            next += 1;
        }
        active.retain(|&q| marks.quotes[q].end > t.start);
        out[k] = active.iter().rev().copied().find(|&q| marks.quotes[q].start <= t.start && t.end <= marks.quotes[q].end.max(t.end) && t.start < marks.quotes[q].end);
    }
    out
}

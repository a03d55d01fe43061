//! Builds documents with a hand-made UD parse for the unit tests: each
//! sentence is written as tokens `form/lemma/UPOS/head/deprel` (head 1-based
//! within the sentence, 0 for the root), separated by spaces; the text is the
//! forms joined by spaces. This is the shape the language core gives, including
//! its slips, so that each rule is tested on the parse it has to survive.

use annals_core::{Document, Entity, EntityType, Span, Token};

use crate::sent::{Sentence, Tok};

/// One parsed sentence: its tokens as `form/lemma/UPOS/head/deprel`.
pub fn sentence(parse: &str) -> Sentence {
    let mut toks = Vec::new();
    let mut pos = 0;
    for item in parse.split_whitespace() {
        let f: Vec<&str> = item.split('/').collect();
        assert_eq!(f.len(), 5, "bad token {item}");
        let head: usize = f[3].parse().expect("head");
        let n = f[0].chars().count();
        toks.push(Tok::new(f[0], f[1], f[2], head.checked_sub(1), f[4], pos, pos + n));
        pos += n + 1;
    }
    Sentence::new(0, Span::new(0, pos.saturating_sub(1)), toks)
}

/// An entity for [`document`]: `(text, type, name, country, sector)`.
pub type TestEntity<'a> = (&'a str, EntityType, &'a str, Option<&'a str>, Option<&'a str>);

/// A document of parsed sentences with entities, each found at its first
/// occurrence (in order) not yet taken.
pub fn document(parses: &[&str], entities: &[TestEntity]) -> Document {
    let mut text = String::new();
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    for (si, p) in parses.iter().enumerate() {
        if si > 0 {
            text.push(' ');
        }
        let base_char = text.chars().count();
        let base_tok = tokens.len();
        let s = sentence(p);
        for t in &s.toks {
            tokens.push(Token {
                start: base_char + t.start,
                end: base_char + t.end,
                upos: t.upos.clone(),
                lemma: t.lemma.clone(),
                head: t.head.map(|h| base_tok + h),
                deprel: t.deprel.clone(),
                sentence: si,
            });
        }
        let forms: Vec<&str> = s.toks.iter().map(|t| t.form.as_str()).collect();
        text.push_str(&forms.join(" "));
        sentences.push(Span::new(base_char, text.chars().count()));
    }
    let mut doc = Document::from_text("test", text.clone());
    doc.sentences = sentences;
    doc.tokens = tokens;
    let mut from = 0;
    for (t, kind, name, country, sector) in entities {
        let b = text[from..].find(t).map(|i| i + from).unwrap_or_else(|| panic!("entity {t} not in text"));
        let start = text[..b].chars().count();
        doc.entities.push(Entity {
            text: t.to_string(),
            kind: *kind,
            name: name.to_string(),
            country: country.map(String::from),
            sector: sector.map(String::from),
            start,
            end: start + t.chars().count(),
        });
        from = b + t.len();
    }
    doc
}

//! The [`Document`] and the [`Stage`] trait.

use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::layers::{Entity, Event, Place, Quote, TimeExpr, Token};
use crate::text::{CharIndex, Span};

/// One article and everything annals knows about it.
///
/// Created by ingest and extract; each analysis [`Stage`] adds a layer.
/// Serializes to the JSON contract of `docs/contract.md`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: a hash of the canonical URL, else of the text.
    pub id: String,
    /// Where the document came from: a path, `path#warc-record-id`, `path:line`, or a feed item link.
    pub source: String,
    /// The article's URL, when known.
    pub url: Option<String>,
    /// The publishing site ("Reuters", "bbc.co.uk").
    pub site: Option<String>,
    /// Headline.
    pub title: String,
    /// Bylines, one name each.
    pub authors: Vec<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// ISO 639-1 code of the text's language (`und` when unknown).
    pub language: String,
    /// The clean article text; every offset points into it.
    pub text: String,
    /// Sentence boundaries.
    pub sentences: Vec<Span>,
    /// Named entities.
    pub entities: Vec<Entity>,
    /// Normalized time expressions.
    pub times: Vec<TimeExpr>,
    /// Geocoded places.
    pub places: Vec<Place>,
    /// Quotes and reported speech.
    pub quotes: Vec<Quote>,
    /// Coded events.
    pub events: Vec<Event>,
    /// Tokens with POS tags and dependencies (present once analyzed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<Token>,
    /// Further metadata that is not part of the minimum contract.
    #[serde(default)]
    pub meta: DocumentMeta,
    #[serde(skip)]
    char_index: OnceLock<CharIndex>,
}

/// Metadata beyond the contract's minimum.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentMeta {
    /// `<link rel="canonical">` or `og:url`, when it differs from `url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    /// Which evidence gave `published` (`json-ld`, `article:published_time`, `url`, `text`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_from: Option<String>,
    /// The page's own summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Credit lines moved out of the text ("Reporting by ...; Editing by ...").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits: Vec<String>,
    /// Input format the document was read from (`html`, `warc`, `rss`, `atom`, `jsonl`, `text`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub format: String,
    /// Remarks for the reader: why a layer is empty, what was guessed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.source == other.source
            && self.url == other.url
            && self.site == other.site
            && self.title == other.title
            && self.authors == other.authors
            && self.published == other.published
            && self.language == other.language
            && self.text == other.text
            && self.sentences == other.sentences
            && self.entities == other.entities
            && self.times == other.times
            && self.places == other.places
            && self.quotes == other.quotes
            && self.events == other.events
            && self.tokens == other.tokens
            && self.meta == other.meta
    }
}

impl Document {
    /// A document holding only `text`, as read from `source`, with an id derived from the text.
    pub fn from_text(source: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        Document {
            id: crate::content_id(None, &text),
            source: source.into(),
            url: None,
            site: None,
            title: String::new(),
            authors: Vec::new(),
            published: None,
            language: "und".to_string(),
            text,
            sentences: Vec::new(),
            entities: Vec::new(),
            times: Vec::new(),
            places: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            tokens: Vec::new(),
            meta: DocumentMeta::default(),
            char_index: OnceLock::new(),
        }
    }

    /// Replaces the text, clearing every layer that pointed into the old one.
    pub fn set_text(&mut self, text: String) {
        self.text = text;
        self.char_index = OnceLock::new();
        self.clear_layers();
    }

    /// Removes every analysis layer (sentences, tokens, entities, ...).
    pub fn clear_layers(&mut self) {
        self.sentences.clear();
        self.tokens.clear();
        self.entities.clear();
        self.times.clear();
        self.places.clear();
        self.quotes.clear();
        self.events.clear();
    }

    /// Recomputes `id` from the URL (canonical first) or the text.
    pub fn assign_id(&mut self) {
        let url = self.meta.canonical_url.as_deref().or(self.url.as_deref());
        self.id = crate::content_id(url, &self.text);
    }

    /// The byte↔character offset index of `text`, built on first use.
    pub fn char_index(&self) -> &CharIndex {
        self.char_index.get_or_init(|| CharIndex::new(&self.text))
    }

    /// The text covered by a character span.
    pub fn span_text(&self, span: Span) -> &str {
        &self.text[self.char_index().bytes_of_span(span)]
    }

    /// Index of the sentence containing character offset `ch`, if any.
    pub fn sentence_at(&self, ch: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= ch);
        (i < self.sentences.len() && self.sentences[i].start <= ch).then_some(i)
    }

    /// Serializes to the contract's JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a Document always serializes")
    }
}

/// Error of one stage on one document.
#[derive(Debug, thiserror::Error)]
#[error("{stage}: {reason}")]
pub struct StageError {
    /// The stage that failed.
    pub stage: &'static str,
    /// Why.
    pub reason: String,
}

/// One step of the analysis pipeline: it reads some layers of a [`Document`]
/// and adds its own.
///
/// A stage must not panic on any text; it records problems in
/// `doc.meta.notes` or returns a [`StageError`] for the caller to report.
pub trait Stage: Send + Sync {
    /// Short name, used in errors and timings ("sentences", "entities").
    fn name(&self) -> &'static str;
    /// Layers this stage needs filled before it runs.
    fn requires(&self) -> &'static [&'static str] {
        &[]
    }
    /// Layers this stage fills.
    fn provides(&self) -> &'static [&'static str];
    /// Runs the stage on one document.
    fn run(&self, doc: &mut Document) -> Result<(), StageError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_contract_field_names() {
        let mut doc = Document::from_text("a.txt", "Hello.");
        doc.published = NaiveDate::from_ymd_opt(2020, 1, 6);
        let v: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
        for key in [
            "id", "source", "url", "site", "title", "authors", "published", "language", "text", "sentences",
            "entities", "times", "places", "quotes", "events",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        assert_eq!(v["published"], "2020-01-06");
        assert_eq!(v["url"], serde_json::Value::Null);
        let back: Document = serde_json::from_value(v).unwrap();
        assert_eq!(back, doc);
    }

    #[test]
    fn sentence_lookup() {
        let mut doc = Document::from_text("a", "One. Two. Three.");
        doc.sentences = vec![Span::new(0, 4), Span::new(5, 9), Span::new(10, 16)];
        assert_eq!(doc.sentence_at(6), Some(1));
        assert_eq!(doc.sentence_at(4), None);
        assert_eq!(doc.sentence_at(15), Some(2));
    }
}

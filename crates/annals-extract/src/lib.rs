//! Raw documents → clean articles.
//!
//! HTML pages go through the `trafilatura` crate (main text, with its
//! readability/baseline fallback on) and our own metadata reader
//! ([`metadata`]); scraped plain text goes through [`scraped`], which strips
//! the site chrome a copy-paste keeps. Both end in a [`Document`] with title,
//! authors, publication date, site, language and the clean text, ready for
//! the analysis stages.
//!
//! ```
//! use annals_extract::Extractor;
//! use annals_ingest::{read_bytes, Limits};
//! let html = b"<html><head><title>Ceasefire talks resume in Doha | Wire</title></head><body><article><p>Negotiators met in Doha on Tuesday to resume talks on a ceasefire, officials said, after weeks of delay.</p></article></body></html>";
//! let raw = read_bytes("page.html", html.to_vec(), &Limits::default()).next().unwrap().unwrap();
//! let doc = Extractor::default().extract(raw).unwrap();
//! assert!(doc.text.contains("Negotiators met in Doha"));
//! assert_eq!(doc.title, "Ceasefire talks resume in Doha");
//! ```
#![deny(missing_docs)]

pub mod dates;
mod html;
pub mod language;
pub mod metadata;
mod prescan;
pub mod scraped;

use std::collections::HashSet;

use annals_core::Document;
use annals_ingest::{Body, Limits, RawDocument};

/// Why a document yielded no article.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The HTML nests deeper than the limit.
    #[error("{source_name}: HTML nests {depth} elements deep, over the limit of {limit} (raise --max-html-depth)")]
    TooDeep {
        /// The document.
        source_name: String,
        /// Depth found.
        depth: usize,
        /// The limit.
        limit: usize,
    },
    /// An HTML element has more attributes than the limit.
    #[error("{source_name}: an HTML element has {count} attributes, over the limit of {limit} (raise --max-html-attributes)")]
    TooManyAttributes {
        /// The document.
        source_name: String,
        /// Attributes found on the element.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// Nothing that reads as an article was found.
    #[error("{source_name}: no article text found")]
    NoText {
        /// The document.
        source_name: String,
    },
}

impl ExtractError {
    /// The document the error is about.
    pub fn source_name(&self) -> &str {
        match self {
            ExtractError::TooDeep { source_name, .. } | ExtractError::TooManyAttributes { source_name, .. } | ExtractError::NoText { source_name } => source_name,
        }
    }
}

/// Turns raw documents into clean articles.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    limits: Limits,
    /// Line keys known to be chrome on the site of the text being extracted.
    chrome: HashSet<String>,
}

impl Extractor {
    /// An extractor with these limits.
    pub fn new(limits: Limits) -> Self {
        Extractor { limits, chrome: HashSet::new() }
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// An extractor that also treats these lines as chrome in scraped text
    /// (see [`scraped::shared_chrome`]).
    pub fn with_site_chrome(&self, chrome: HashSet<String>) -> Self {
        Extractor { limits: self.limits.clone(), chrome }
    }

    /// Extracts the article from one raw document.
    pub fn extract(&self, raw: RawDocument) -> Result<Document, ExtractError> {
        let RawDocument { source, format, url, body, hints, notes } = raw;
        let mut doc = Document::from_text(source, String::new());
        doc.meta.format = format.as_str().to_string();
        doc.meta.notes = notes;
        doc.url = url;
        // A page's "text" of a menu word or two holds no article; text given as
        // text ("Talks failed." on standard input) is the user's own and kept.
        let min_words = if matches!(body, Body::Html(_)) { 5 } else { 1 };
        match body {
            Body::Html(html) => html::extract_html(&html, &mut doc, &self.limits)?,
            Body::Text(text) => {
                let article = scraped::clean_scraped(&text, &self.chrome);
                doc.title = article.title.unwrap_or_default();
                doc.authors = article.authors;
                if let Some(date) = article.published {
                    doc.published = Some(date);
                    doc.meta.published_from = Some("text".into());
                }
                doc.meta.credits = article.credits;
                doc.text = article.text;
            }
        }
        // The container's word beats a guess from the page, not the page's own metadata.
        if let Some(t) = hints.title {
            if doc.title.is_empty() {
                doc.title = t;
            }
        }
        if doc.authors.is_empty() {
            doc.authors = hints.authors;
        }
        if let Some(d) = hints.published {
            if doc.published.is_none() || matches!(doc.meta.published_from.as_deref(), Some("text" | "url")) {
                doc.published = Some(d);
                doc.meta.published_from = Some(format.as_str().to_string());
            }
        }
        if doc.site.is_none() {
            doc.site = hints.site.or_else(|| doc.url.as_deref().and_then(metadata::host_of));
        }
        if doc.published.is_none() {
            if let Some(d) = dates::find_date_in_text(doc.text.get(..doc.text.len().min(600)).unwrap_or(&doc.text)).filter(|_| doc.text.is_char_boundary(doc.text.len().min(600))) {
                doc.published = Some(d);
                doc.meta.published_from = Some("text".into());
            }
        }
        if doc.text.split_whitespace().count() < min_words {
            return Err(ExtractError::NoText { source_name: doc.source });
        }
        if let Some(lang) = language::detect_language(&doc.text) {
            doc.language = lang.to_string();
        }
        doc.assign_id();
        Ok(doc)
    }
}

#[cfg(test)]
mod tests;

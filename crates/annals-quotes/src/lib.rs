//! Quotes and reported speech, with who said them, the cue and the channel.
//!
//! [`QuoteStage`] fills `doc.quotes` with three kinds of [`Quote`](annals_core::Quote):
//! - `direct`: a sentence or more between quote marks (`“We will win,” Smith said.`);
//! - `partial`: a few quoted words inside a reported sentence (`called the plan a “grave error”`);
//! - `indirect`: reported speech with a cue (`Smith said that …`, `according to Smith`,
//!   `…, the ministry said.`, `Beijing defended the drills, saying …`).
//!
//! Each carries its content span (character offsets, marks excluded), the cue
//! words, the speaker (words, span and canonical name: a pronoun is resolved to
//! the latest compatible person) and the channel where the text names one
//! (statement, Telegram, TV interview, press conference, news agency ...).
//!
//! The stage reads `doc.sentences`, `doc.tokens` (UPOS and dependencies) and
//! `doc.entities` when the language core has filled them, and otherwise works
//! alone: its own tokenizer, an abbreviation-aware sentence splitter and
//! capitalised-name spans (module `context`). The method is rule-based: news
//! attribution is carried by a closed set of cue words and a few word orders,
//! and the rules are measured on PolNeAR ([`eval`]).
//!
//! ```
//! use annals_core::{Document, Stage};
//! use annals_quotes::QuoteStage;
//!
//! let mut doc = Document::from_text("a.txt", "“We will not back down,” Mayor Jane Ortiz said in a statement.");
//! QuoteStage::default().run(&mut doc).unwrap();
//! let q = &doc.quotes[0];
//! assert_eq!(q.text, "We will not back down");
//! assert_eq!(q.speaker.as_ref().unwrap().name.as_deref(), Some("Jane Ortiz"));
//! assert_eq!(q.channel.as_deref(), Some("statement"));
//! ```
#![deny(missing_docs)]

mod attribute;
mod context;
pub mod eval;
mod lexicon;
mod marks;
mod text;

use annals_core::{Document, Quote, Stage, StageError};

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum QuotesError {
    /// A file of the evaluation data could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or folder.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The evaluation data is not where it was expected.
    #[error("no PolNeAR data in {0}: set ANNALS_SHARED to the shared data folder")]
    MissingData(String),
    /// A line of a BRAT annotation file could not be parsed.
    #[error("{path}:{line}: malformed annotation: {reason}")]
    Annotation {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        reason: String,
    },
}

/// The pipeline stage that fills `doc.quotes`.
#[derive(Debug, Clone, Default)]
pub struct QuoteStage {}

impl QuoteStage {
    /// A stage with the default rules.
    pub fn new() -> Self {
        QuoteStage {}
    }
}

/// Finds the quotes of `doc` (without storing them).
pub fn find_quotes(doc: &Document) -> Vec<Quote> {
    if doc.text.trim().is_empty() {
        return Vec::new();
    }
    let ctx = context::Context::new(doc);
    attribute::find_quotes(&ctx)
}

impl Stage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn provides(&self) -> &'static [&'static str] {
        &["quotes"]
    }

    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.quotes = find_quotes(doc);
        Ok(())
    }
}

#[cfg(test)]
mod tests;

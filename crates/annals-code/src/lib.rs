//! Event coding, the "code" stage of annals: who did what to whom, when and where.
//!
//! Each event is typed in PLOVER (16 types) with its CAMEO code, has source and
//! target actors (name, country, sector), a trigger span, a date and a place,
//! a factuality (actual, future, hypothetical, negated, generic — never folded
//! into the type) and, when the text reports it, who claims it.
//!
//! - [`dict`] reads the PETRARCH dictionary formats (verb patterns, actors, agents);
//! - [`lexicon`] holds the compiled CAMEO verb dictionary, CAMEO codes and the
//!   CAMEO→PLOVER crosswalk, embedded in the binary;
//! - [`sent`] gives the coder its view of a sentence (tokens with UD heads);
//! - [`actors`] finds actors in noun phrases, from the entity layer or from dictionaries;
//! - [`coder`] finds triggers (verbs by pattern, news nouns), matches the most
//!   specific pattern and reads source and target off the dependency tree;
//! - `filter` drops events a careful analyst would not code on general news;
//! - [`factuality`] decides whether the event happened, and who claims it;
//! - [`stage`] is the pipeline stage, [`EventStage`];
//! - [`ptb`] converts Penn Treebank parses to dependencies (for the PETRARCH records);
//! - [`eval`] scores the coder: PETRARCH unit-test records, a factuality test set, general news.
//!
//! ```
//! use annals_code::EventStage;
//! use annals_core::{Document, Span, Stage};
//! let mut doc = Document::from_text("a.txt", "France condemned the attack.");
//! doc.sentences.push(Span::new(0, 28));
//! EventStage::new().run(&mut doc).unwrap();
//! ```
#![deny(missing_docs)]

pub mod actors;
pub mod choices;
pub mod coder;
pub mod dict;
pub mod eval;
pub mod factuality;
pub mod features;
mod filter;
pub mod lexicon;
pub mod nouns;
pub mod ptb;
pub mod sent;
pub mod stage;
#[cfg(test)]
mod testkit;
pub mod verifier;

pub use coder::{Coder, CoderConfig, RawEvent};
pub use lexicon::{Lexicon, LexiconError};
pub use stage::EventStage;

/// Why the event coder could not do something.
#[derive(Debug, thiserror::Error)]
pub enum CodeError {
    /// A dictionary or gold file is missing or unreadable.
    #[error("{path}: {reason}")]
    File {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// The lexicon could not be built or read.
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
}

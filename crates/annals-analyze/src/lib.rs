//! Language analysis for annals: sentences, tokens, UPOS tags, lemmas,
//! dependency parses, named entities and actors, all trained in this
//! repository from open data and embedded in the binary.
//!
//! # Overview
//!
//! - [`tokenize`]: rule-based tokenizer and sentence splitter for news English.
//! - [`tagger`]: averaged-perceptron UPOS tagger and rule/exception lemmatizer.
//! - [`parser`]: greedy arc-hybrid dependency parser with an arc labeler.
//! - [`ner`]: BIO entity tagger (PER/ORG/LOC) with gazetteer features.
//! - [`actors`] and [`resolve`]: canonical names, countries and sectors from
//!   titles in the text, the Phoenix dictionaries (dated roles) and place lists.
//! - [`stage`]: the pipeline stages [`stage::SyntaxStage`] and [`stage::EntityStage`].
//! - [`models`]: the embedded model files, decoded once ([`models::Models::shared`]).
//! - [`train`] and [`eval`]: rebuilding the models (`annals-train`) and scoring them
//!   on held-out data ([`eval::evaluate`]).
//!
//! Every step is linear in the input: greedy decoding, a bounded feature set per
//! word, and sentences over [`parser::MAX_PARSE_LEN`] words parsed in chunks.
//!
//! ```
//! use annals_core::{Document, Stage};
//! use annals_analyze::stage::{EntityStage, SyntaxStage};
//! let mut doc = Document::from_text("a.txt", "Sen. Bob Corker spoke in Paris on Monday. He left.");
//! SyntaxStage.run(&mut doc).unwrap();
//! EntityStage.run(&mut doc).unwrap();
//! assert_eq!(doc.sentences.len(), 2);
//! assert!(doc.entities.iter().any(|e| e.text == "Paris" && e.country.as_deref() == Some("FRA")));
//! ```
#![deny(missing_docs)]

pub mod actors;
pub mod binio;
pub mod boundary;
pub mod clusters;
pub mod conllu;
pub mod data;
pub mod eval;
pub mod knowledge;
pub mod models;
pub mod ner;
pub mod parser;
pub mod perceptron;
pub mod phoenix;
pub mod resolve;
pub mod stage;
pub mod tagger;
pub mod tokenize;
pub mod train;

/// Errors of the analysis layer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{0}: {1}")]
    Io(String, #[source] std::io::Error),
    /// Training or evaluation data is malformed or missing.
    #[error("data: {0}")]
    Data(String),
    /// A model file is malformed.
    #[error("model: {0}")]
    Model(String),
}

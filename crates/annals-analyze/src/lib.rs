//! Language analysis for annals (WIP).
#![deny(missing_docs)]

pub mod actors;
pub mod binio;
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

//! The data model shared by every annals stage.
//!
//! A [`Document`] is created by ingest (raw bytes → article), filled in by
//! extract (clean text and metadata), and then enriched layer by layer by the
//! analysis stages: sentences and tokens, entities, time expressions, places,
//! quotes and events. Like spaCy's `Doc`, the document owns the text; every
//! layer refers back into it with character offsets, so each fact can be traced
//! to the exact words it came from.
//!
//! The JSON form of a document is a public contract (see `docs/contract.md`):
//! field names never change, new fields may be added.
//!
//! ```
//! use annals_core::Document;
//! let mut doc = Document::from_text("sample.txt", "Talks began in Doha. They ended.");
//! doc.sentences.push(annals_core::Span::new(0, 20));
//! assert_eq!(doc.span_text(doc.sentences[0]), "Talks began in Doha.");
//! ```
#![deny(missing_docs)]

mod document;
mod id;
mod layers;
mod plover;
mod text;

pub use document::{Document, DocumentMeta, Stage, StageError};
pub use id::{content_id, stable_id};
pub use layers::*;
pub use plover::{PloverType, UnknownPloverType};
pub use text::{CharIndex, Span};

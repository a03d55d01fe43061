//! The annals events database: storage, deduplication, queries and exports.
//!
//! A [`Store`] keeps analysed [`Document`](annals_core::Document)s in one of
//! two back ends with the same schema: an embedded SQLite file (the default,
//! created on first use, WAL journal, FTS5 full-text search) or a PostgreSQL
//! database (`postgres://…`, tsvector full-text search). Both are migrated
//! on open ([`SCHEMA_VERSION`]); a database made by a newer annals is refused.
//!
//! Writing is [`Store::put_document`]: one transaction per document, so a
//! killed process never leaves half a document, and idempotent, since the
//! document id comes from its canonical URL or text. While writing, the store
//!
//! * links near-duplicate articles (the same wire story on many sites) into
//!   one **story**, with MinHash signatures over word shingles and an LSH
//!   bucket index ([`minhash`]);
//! * clusters the events of all articles into real-world **events**: same
//!   PLOVER type and CAMEO root, same actors (name, or country + sector),
//!   compatible dates (precision-aware, a day or two apart) and places. Each
//!   coded event stays as a **mention** of its cluster with its source, as in
//!   GDELT's Mentions table, and every event carries its report counts.
//!
//! Reading: [`Store::events`] with validated filters ([`EventQuery`]) and
//! [`Store::count_events`], [`Store::show`], [`Store::stats`], page by page
//! [`Store::documents`] (full-text search) and [`Store::actors`] (event counts), and [`Store::export`] to JSON Lines,
//! CSV, the GDELT 2.0 event table, PLOVER JSON and Parquet.
//!
//! ```
//! use annals_core::Document;
//! use annals_store::{EventQuery, PutOutcome, Store};
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = Store::open(dir.path().join("annals.db").to_str().unwrap()).unwrap();
//! let doc = Document::from_text("a.txt", "Ministers met in Doha on Monday.");
//! assert_eq!(store.put_document(&doc).unwrap().outcome, PutOutcome::Inserted);
//! assert_eq!(store.put_document(&doc).unwrap().outcome, PutOutcome::Unchanged);
//! assert_eq!(store.stats().unwrap().documents, 1);
//! assert!(store.events(&EventQuery::default()).unwrap().is_empty());
//! ```
#![deny(missing_docs)]

mod browse;
pub mod codes;
mod dates;
mod db;
mod error;
mod export;
pub mod minhash;
#[cfg(feature = "parquet")]
mod parquet_export;
mod query;
mod schema;
mod store;
mod work;

pub use browse::{ActorCount, ActorQuery, DocumentQuery, DocumentSummary, Page};
pub use db::Backend;
pub use error::{Result, StoreError};
pub use export::{ColumnType, ExportFormat, ExportOptions, GDELT_COLUMNS, MENTION_COLUMNS};
pub use query::{
    parse_min_confidence, ActorView, DocumentDetail, EventDetail, EventQuery, EventSummary, Mention, PlaceView, Shown, Stats,
    ValidQuery, DEFAULT_LIMIT, MAX_LIMIT,
};
pub use schema::SCHEMA_VERSION;
pub use store::{PutOutcome, Store, StoreOptions, Stored};
pub use work::{WorkFailure, WorkStatus, WorkUpdate, WorkerProgress};

pub(crate) use store::now;

/// The Arrow schema of the Parquet export.
#[cfg(feature = "parquet")]
pub fn parquet_schema() -> std::sync::Arc<arrow_schema::Schema> {
    parquet_export::schema()
}

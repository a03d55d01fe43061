//! Schema and migrations, one list for both back ends.
//!
//! The version of a database is the highest row of `annals_schema`. Opening
//! a database applies the migrations it lacks, each in its own transaction;
//! a database with a higher version than [`SCHEMA_VERSION`] is refused rather
//! than misread.

use crate::db::{params, Backend, Db};
use crate::error::{Result, StoreError};

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 3;

/// Tables shared by both back ends. `{BLOB}` is the binary column type.
const V1_COMMON: &str = r#"
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    url TEXT,
    site TEXT,
    site_key TEXT NOT NULL,
    title TEXT NOT NULL,
    authors TEXT NOT NULL,
    published TEXT,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    meta TEXT NOT NULL,
    layers TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    signature {BLOB} NOT NULL,
    shingles BIGINT NOT NULL,
    story_id TEXT NOT NULL,
    n_sentences BIGINT NOT NULL,
    n_entities BIGINT NOT NULL,
    n_times BIGINT NOT NULL,
    n_places BIGINT NOT NULL,
    n_quotes BIGINT NOT NULL,
    n_events BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE UNIQUE INDEX documents_seq ON documents (seq);
CREATE INDEX documents_source ON documents (source);
CREATE INDEX documents_story ON documents (story_id);
CREATE INDEX documents_published ON documents (published);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    first_published TEXT,
    num_documents BIGINT NOT NULL,
    num_sites BIGINT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE story_buckets (
    bucket BIGINT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (bucket, doc_id)
);
CREATE INDEX story_buckets_doc ON story_buckets (doc_id);

CREATE TABLE sentences (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx BIGINT NOT NULL,
    start_char BIGINT NOT NULL,
    end_char BIGINT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE entities (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx BIGINT NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    start_char BIGINT NOT NULL,
    end_char BIGINT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX entities_name ON entities (name_key);

CREATE TABLE times (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx BIGINT NOT NULL,
    text TEXT NOT NULL,
    value TEXT NOT NULL,
    granularity TEXT,
    anchor_inferred BIGINT NOT NULL,
    modifier TEXT,
    start_char BIGINT NOT NULL,
    end_char BIGINT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE places (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx BIGINT NOT NULL,
    text TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    geonames_id BIGINT,
    start_char BIGINT NOT NULL,
    end_char BIGINT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE quotes (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx BIGINT NOT NULL,
    text TEXT NOT NULL,
    speaker_text TEXT,
    speaker_name TEXT,
    speaker_start BIGINT,
    speaker_end BIGINT,
    cue TEXT,
    kind TEXT,
    channel TEXT,
    start_char BIGINT NOT NULL,
    end_char BIGINT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE event_clusters (
    id BIGINT PRIMARY KEY,
    rep_event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    cameo TEXT NOT NULL,
    cameo_root TEXT NOT NULL,
    source_name TEXT,
    source_key TEXT,
    source_country TEXT,
    source_sector TEXT,
    target_name TEXT,
    target_key TEXT,
    target_country TEXT,
    target_sector TEXT,
    date TEXT,
    date_precision TEXT NOT NULL,
    date_start TEXT,
    date_end TEXT,
    place_name TEXT,
    place_key TEXT,
    place_country TEXT,
    place_lat DOUBLE PRECISION,
    place_lon DOUBLE PRECISION,
    place_geonames BIGINT,
    factuality TEXT NOT NULL,
    is_root BIGINT NOT NULL,
    num_mentions BIGINT NOT NULL,
    num_articles BIGINT NOT NULL,
    num_sources BIGINT NOT NULL,
    first_doc_id TEXT NOT NULL,
    first_url TEXT,
    first_seen TEXT NOT NULL
);
CREATE INDEX event_clusters_lookup ON event_clusters (type, cameo_root, date_start);
CREATE INDEX event_clusters_date ON event_clusters (date_start);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx BIGINT NOT NULL,
    cluster_id BIGINT NOT NULL,
    type TEXT NOT NULL,
    cameo TEXT NOT NULL,
    cameo_root TEXT NOT NULL,
    source_text TEXT,
    source_name TEXT,
    source_key TEXT,
    source_country TEXT,
    source_sector TEXT,
    target_text TEXT,
    target_name TEXT,
    target_key TEXT,
    target_country TEXT,
    target_sector TEXT,
    trigger_text TEXT NOT NULL,
    trigger_start BIGINT NOT NULL,
    trigger_end BIGINT NOT NULL,
    date TEXT,
    date_precision TEXT NOT NULL,
    date_start TEXT,
    date_end TEXT,
    place_name TEXT,
    place_key TEXT,
    place_country TEXT,
    place_lat DOUBLE PRECISION,
    place_lon DOUBLE PRECISION,
    place_geonames BIGINT,
    factuality TEXT NOT NULL,
    claimed_by TEXT,
    sentence_idx BIGINT NOT NULL,
    evidence TEXT NOT NULL
);
CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX events_cluster ON events (cluster_id);
CREATE INDEX events_source_key ON events (source_key);
CREATE INDEX events_target_key ON events (target_key);

-- GDELT's Mentions table: one row per report of an event, with its source.
CREATE VIEW mentions AS
SELECT e.cluster_id AS event_id, e.id AS mention_id, e.doc_id, d.url, d.site, d.site_key, d.source,
       d.published, d.ingested_at, e.sentence_idx, e.evidence, e.factuality, e.claimed_by,
       e.trigger_start, e.trigger_end
FROM events e JOIN documents d ON d.id = e.doc_id;

CREATE TABLE errors (
    source TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
"#;

/// SQLite full-text search: contentless FTS5 tables keyed by the rowid of
/// `documents` and `events`, so the text is stored once.
const V1_SQLITE: &str = r#"
CREATE VIRTUAL TABLE doc_fts USING fts5 (title, text, content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE event_fts USING fts5 (evidence, content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2');
"#;

/// PostgreSQL full-text search: generated tsvector columns with GIN indexes.
/// The `simple` configuration (no stemming) matches SQLite's tokenizer; the
/// text is cut at 200,000 characters to stay under tsvector's 1 MB limit.
const V1_POSTGRES: &str = r#"
ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS
    (to_tsvector('simple', title || ' ' || left(text, 200000))) STORED;
CREATE INDEX documents_tsv ON documents USING GIN (tsv);
ALTER TABLE events ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', evidence)) STORED;
CREATE INDEX events_tsv ON events USING GIN (tsv);
"#;

/// Version 2: the progress of queued work (`annals worker`): one row per work
/// item (a shard file or a single document), its last state and worker.
const V2_WORK: &str = r#"
CREATE TABLE work (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    worker TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    documents BIGINT NOT NULL DEFAULT 0,
    events BIGINT NOT NULL DEFAULT 0,
    error TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX work_worker ON work (worker, status);
"#;

/// Version 3: the confidence of each event mention (`events.confidence`, the
/// coder's calibrated probability that the event is right) and of each event
/// (`event_clusters.confidence`, the highest of its reports), and in the
/// `mentions` view. Rows stored before hold 1.0, what a coder that does not
/// score gives (their documents' JSON has no `confidence`, which reads as 1.0).
const V3_CONFIDENCE: &str = r#"
ALTER TABLE events ADD COLUMN confidence DOUBLE PRECISION NOT NULL DEFAULT 1.0;
ALTER TABLE event_clusters ADD COLUMN confidence DOUBLE PRECISION NOT NULL DEFAULT 1.0;
DROP VIEW mentions;
CREATE VIEW mentions AS
SELECT e.cluster_id AS event_id, e.id AS mention_id, e.doc_id, d.url, d.site, d.site_key, d.source,
       d.published, d.ingested_at, e.sentence_idx, e.evidence, e.factuality, e.claimed_by,
       e.trigger_start, e.trigger_end, e.confidence
FROM events e JOIN documents d ON d.id = e.doc_id;
"#;

fn migration(version: i64, backend: Backend) -> String {
    match (version, backend) {
        (3, _) => V3_CONFIDENCE.to_string(),
        (2, _) => V2_WORK.to_string(),
        (1, Backend::Sqlite) => format!("{}\n{}", V1_COMMON.replace("{BLOB}", "BLOB"), V1_SQLITE),
        (1, Backend::Postgres) => format!("{}\n{}", V1_COMMON.replace("{BLOB}", "BYTEA"), V1_POSTGRES),
        _ => unreachable!("no migration {version}"),
    }
}

/// The version of the database (0 when empty).
pub(crate) fn current_version(db: &mut Db) -> Result<i64> {
    let exists = match db.backend() {
        Backend::Sqlite => db.count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'annals_schema'", &[])?,
        Backend::Postgres => db.count("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'annals_schema'", &[])?,
    };
    if exists == 0 {
        return Ok(0);
    }
    db.count("SELECT COALESCE(MAX(version), 0) FROM annals_schema", &[])
}

/// Brings the database to [`SCHEMA_VERSION`], or refuses a newer one.
pub(crate) fn migrate(db: &mut Db) -> Result<()> {
    migrate_to(db, SCHEMA_VERSION)
}

/// Brings the database to `target` (at most [`SCHEMA_VERSION`]; lower only to
/// build old databases for upgrade tests), or refuses a newer one.
pub(crate) fn migrate_to(db: &mut Db, target: i64) -> Result<()> {
    let found = current_version(db)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { location: db.location.clone(), found, supported: SCHEMA_VERSION });
    }
    if found >= target {
        return Ok(());
    }
    if db.read_only {
        if found == 0 {
            return Err(StoreError::Open {
                location: db.location.clone(),
                reason: "it holds no annals data; run `annals ingest` first".into(),
            });
        }
        let reason = format!("its schema (version {found}) needs upgrading to {SCHEMA_VERSION}; open it once for writing");
        return Err(StoreError::ReadOnly { location: db.location.clone(), reason });
    }
    let backend = db.backend();
    for version in found + 1..=target.min(SCHEMA_VERSION) {
        db.write_tx(|db| {
            db.batch("CREATE TABLE IF NOT EXISTS annals_schema (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL, tool TEXT NOT NULL)")?;
            // Another process may have migrated while we waited for the lock.
            if current_version(db)? >= version {
                return Ok(());
            }
            db.batch(&migration(version, backend))?;
            db.exec(
                "INSERT INTO annals_schema (version, applied_at, tool) VALUES ($1, $2, $3)",
                &params![version, crate::now(), concat!("annals ", env!("CARGO_PKG_VERSION"))],
            )?;
            tracing::info!(db = %db.location, version, "applied schema migration");
            Ok(())
        })?;
    }
    Ok(())
}

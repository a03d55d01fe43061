//! [`Store`]: opening a database and writing documents.

use std::path::PathBuf;
use std::time::Duration;

use annals_core::{Actor, Document, Event};
use serde::Serialize;

use crate::codes::cameo_root;
use crate::dates::DateSpan;
use crate::db::{params, redact_url, Backend, Db, PgTarget, Value};
use crate::error::{Result, StoreError};
use crate::minhash::Signature;
use crate::schema;

/// How to open a store.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Open for reading only: never creates or changes the database.
    pub read_only: bool,
    /// How long a SQLite writer waits for another one's lock before [`StoreError::Locked`].
    pub busy_timeout: Duration,
    /// How long to keep trying to reconnect to a PostgreSQL server that went away.
    pub reconnect_wait: Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions { read_only: false, busy_timeout: Duration::from_secs(10), reconnect_wait: Duration::from_secs(30) }
    }
}

impl StoreOptions {
    /// Options for query commands: read-only.
    pub fn read_only() -> Self {
        StoreOptions { read_only: true, ..StoreOptions::default() }
    }
}

/// What [`Store::put_document`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PutOutcome {
    /// The document was new.
    Inserted,
    /// The same document (same id, same content) was already stored: nothing changed.
    Unchanged,
    /// A document with this id but other content was stored; it was replaced.
    Replaced,
}

/// The result of storing one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stored {
    /// What happened.
    pub outcome: PutOutcome,
    /// The document id.
    pub doc_id: String,
    /// The story (near-duplicate group) the document belongs to.
    pub story_id: String,
    /// The stored document it was found to be a near duplicate of, with the similarity.
    pub duplicate_of: Option<(String, f64)>,
    /// Events written.
    pub events: usize,
    /// Of these, how many started a new event cluster (the others joined one).
    pub new_clusters: usize,
}

/// An events database: SQLite file or PostgreSQL schema.
///
/// See the crate documentation for the schema and the guarantees.
pub struct Store {
    pub(crate) db: Db,
    options: StoreOptions,
}

/// Where a store lives.
enum Target {
    Sqlite(PathBuf),
    Postgres(Box<PgTarget>, String),
}

fn parse_target(target: &str) -> Result<Target> {
    let t = target.trim();
    if t.starts_with("postgres://") || t.starts_with("postgresql://") {
        let location = redact_url(t);
        // Our own `schema=NAME` parameter selects a schema; the driver would reject it.
        let (base, query) = t.split_once('?').map_or((t, None), |(b, q)| (b, Some(q)));
        let mut schema = None;
        let mut kept = Vec::new();
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("schema", v)) => {
                    if v.is_empty() || v.len() > 63 || !v.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
                        return Err(StoreError::Open {
                            location,
                            reason: format!("schema `{v}` must be 1-63 characters of a-z, 0-9 and _"),
                        });
                    }
                    schema = Some(v.to_string());
                }
                _ => kept.push(pair),
            }
        }
        let url = if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) };
        let mut config: postgres::Config =
            url.parse().map_err(|e: postgres::Error| StoreError::Open { location: location.clone(), reason: e.to_string() })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("annals");
        }
        return Ok(Target::Postgres(Box::new(PgTarget { config, schema, read_only: false }), location));
    }
    if t.contains("://") && !t.starts_with("sqlite://") && !t.starts_with("file://") {
        return Err(StoreError::BadTarget(redact_url(t)));
    }
    let path = t.strip_prefix("sqlite://").or_else(|| t.strip_prefix("file://")).unwrap_or(t);
    if path.is_empty() {
        return Err(StoreError::BadTarget(target.to_string()));
    }
    Ok(Target::Sqlite(PathBuf::from(path)))
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Lower-cased, whitespace-collapsed key for names.
pub(crate) fn name_key(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The site a document counts as for "number of sources": its site name, else its URL's host.
pub(crate) fn site_key(doc: &Document) -> String {
    if let Some(site) = doc.site.as_deref().filter(|s| !s.trim().is_empty()) {
        return name_key(site);
    }
    if let Some(url) = doc.url.as_deref() {
        if let Some((_, rest)) = url.split_once("://") {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("").to_lowercase();
            let host = host.rsplit_once('@').map_or(host.as_str(), |(_, h)| h).to_string();
            if !host.is_empty() {
                return host.strip_prefix("www.").unwrap_or(&host).to_string();
            }
        }
    }
    doc.source.clone()
}

fn text_of_int(v: &Value) -> String {
    v.int().map(|i| i.to_string()).unwrap_or_default()
}

fn cluster_id_for(event_id: &str) -> i64 {
    // 52 bits: a positive integer that survives JSON doubles and GDELT readers.
    let hex = annals_core::stable_id(&["cluster", event_id]);
    i64::from_str_radix(&hex[..13], 16).unwrap_or(0)
}

/// An actor as stored: key for matching plus its codes.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ActorKey {
    pub key: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
}

impl ActorKey {
    fn of(actor: Option<&Actor>) -> Option<ActorKey> {
        let a = actor?;
        let label = a.name.as_deref().filter(|n| !n.trim().is_empty()).unwrap_or(&a.text);
        let key = Some(name_key(label)).filter(|k| !k.is_empty());
        let country = a.country.clone().filter(|c| !c.is_empty());
        let sector = a.sector.clone().filter(|c| !c.is_empty());
        if key.is_none() && country.is_none() && sector.is_none() {
            return None;
        }
        Some(ActorKey { key, country, sector })
    }

    fn from_values(key: &Value, country: &Value, sector: &Value) -> Option<ActorKey> {
        let a = ActorKey { key: key.text(), country: country.text(), sector: sector.text() };
        (a != ActorKey::default()).then_some(a)
    }

    /// Same actor: same name, or the same country and sector code (CAMEO
    /// `RUSGOV` for both "Vladimir Putin" and "the Kremlin").
    fn compatible(a: Option<&ActorKey>, b: Option<&ActorKey>) -> bool {
        match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                (a.key.is_some() && a.key == b.key)
                    || (a.country.is_some() && a.country == b.country && a.sector == b.sector)
            }
            _ => false,
        }
    }
}

/// An event place as stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PlaceKey {
    pub key: Option<String>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

fn km_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

impl PlaceKey {
    /// Compatible places: either unknown, the same name, within 100 km, or in
    /// the same country when at least one is not geocoded.
    fn compatible(a: &PlaceKey, b: &PlaceKey) -> bool {
        if a.key.is_none() || b.key.is_none() || a.key == b.key {
            return true;
        }
        if let (Some(la), Some(lo), Some(lb), Some(mb)) = (a.lat, a.lon, b.lat, b.lon) {
            return km_between((la, lo), (lb, mb)) <= 100.0;
        }
        a.country.is_some() && a.country == b.country
    }
}

/// Everything clustering compares, for one event.
struct EventKeys {
    kind: String,
    root: String,
    source: Option<ActorKey>,
    target: Option<ActorKey>,
    date: DateSpan,
    place: PlaceKey,
}

const CLUSTER_COLS: &str = "id, num_mentions, source_key, source_country, source_sector, target_key, target_country, \
    target_sector, date_precision, date_start, date_end, place_key, place_country, place_lat, place_lon";

impl Store {
    /// Opens (creating on first use) the store at `target`: a file path or
    /// `sqlite://path` for SQLite, a `postgres://` URL for PostgreSQL. A
    /// `schema=NAME` URL parameter keeps annals' tables in their own schema.
    pub fn open(target: &str) -> Result<Store> {
        Store::open_with(target, &StoreOptions::default())
    }

    /// Opens with explicit options.
    pub fn open_with(target: &str, options: &StoreOptions) -> Result<Store> {
        let mut db = match parse_target(target)? {
            Target::Sqlite(path) => Db::open_sqlite(path, options.read_only, options.busy_timeout)?,
            Target::Postgres(pg, location) => Db::open_postgres(*pg, location, options.read_only)?,
        };
        schema::migrate(&mut db)?;
        Ok(Store { db, options: options.clone() })
    }

    /// Creates the database at `target`, or brings it, to schema `version` and
    /// no further: for tests that open a database written by an older annals
    /// and check that it upgrades.
    #[doc(hidden)]
    pub fn create_at_version(target: &str, version: i64) -> Result<()> {
        let mut db = match parse_target(target)? {
            Target::Sqlite(path) => Db::open_sqlite(path, false, StoreOptions::default().busy_timeout)?,
            Target::Postgres(pg, location) => Db::open_postgres(*pg, location, false)?,
        };
        schema::migrate_to(&mut db, version)
    }

    /// Which back end this store uses.
    pub fn backend(&self) -> Backend {
        self.db.backend()
    }

    /// The database path or URL (password removed).
    pub fn location(&self) -> &str {
        &self.db.location
    }

    /// The schema version of the database.
    pub fn schema_version(&mut self) -> Result<i64> {
        self.retrying(schema::current_version)
    }

    /// Caps the database size (SQLite only; PostgreSQL sizes are the server's
    /// business). A write that would grow past it fails with
    /// [`StoreError::DiskFull`] and leaves nothing behind.
    pub fn set_size_limit(&mut self, bytes: u64) -> Result<()> {
        let page = self.db.count("PRAGMA page_size", &[]).unwrap_or(4096).max(512) as u64;
        self.db.set_max_pages(bytes.div_ceil(page).max(1))
    }

    /// Runs `f`, and once more after reconnecting when a PostgreSQL connection
    /// was lost. Safe because every write is one transaction that the server
    /// rolled back when the connection dropped.
    pub(crate) fn retrying<T>(&mut self, mut f: impl FnMut(&mut Db) -> Result<T>) -> Result<T> {
        let wait = self.options.reconnect_wait;
        self.db.reconnect_if_closed(wait)?;
        match f(&mut self.db) {
            Err(StoreError::Connection { .. }) if self.db.backend() == Backend::Postgres => {
                self.db.reconnect(wait, true)?;
                f(&mut self.db)
            }
            other => other,
        }
    }

    /// The connection, reconnected first if the server had closed it. For
    /// streaming reads (exports), which must not be replayed half-way.
    pub(crate) fn connected(&mut self) -> Result<&mut Db> {
        self.db.reconnect_if_closed(self.options.reconnect_wait)?;
        Ok(&mut self.db)
    }

    /// Whether a document with this id is stored (cheap: one index lookup),
    /// so a resumed batch can skip it before analysing it.
    pub fn has_document(&mut self, id: &str) -> Result<bool> {
        self.retrying(|db| Ok(db.count("SELECT COUNT(*) FROM documents WHERE id = $1", &params![id])? > 0))
    }

    /// Whether a document read from this source (`path`, `path#record`, `path:line`) is stored.
    pub fn has_source(&mut self, source: &str) -> Result<bool> {
        self.retrying(|db| Ok(db.count("SELECT COUNT(*) FROM documents WHERE source = $1", &params![source])? > 0))
    }

    /// Records that the document from `source` could not be processed (shown by `annals stats`).
    /// Storing a document from the same source later clears it.
    pub fn record_error(&mut self, source: &str, reason: &str) -> Result<()> {
        self.retrying(|db| {
            db.write_tx(|db| {
                db.exec(
                    "INSERT INTO errors (source, reason, at) VALUES ($1, $2, $3) \
                     ON CONFLICT (source) DO UPDATE SET reason = excluded.reason, at = excluded.at",
                    &params![source, reason, now()],
                )
            })
        })?;
        Ok(())
    }

    /// Stores one analysed document in one transaction: either all of it
    /// (text, every layer, story link, event clusters) is visible, or none.
    ///
    /// Idempotent: the same document again changes nothing
    /// ([`PutOutcome::Unchanged`]); a document with the same id but other
    /// content replaces the old one ([`PutOutcome::Replaced`]).
    pub fn put_document(&mut self, doc: &Document) -> Result<Stored> {
        if doc.id.is_empty() {
            return Err(StoreError::Corrupt { location: self.db.location.clone(), reason: format!("document from {} has no id", doc.source) });
        }
        // Hashing and signing happen outside the transaction (CPU only).
        let content_hash = annals_core::stable_id(&["doc", &doc.to_json()]);
        let signature = Signature::of_text(&format!("{}\n{}", doc.title, doc.text));
        // The contract form without the text (its own column) and tokens (not stored).
        let mut layers = serde_json::to_value(doc).map_err(|e| StoreError::Corrupt { location: self.db.location.clone(), reason: e.to_string() })?;
        if let Some(o) = layers.as_object_mut() {
            o.insert("text".into(), serde_json::Value::String(String::new()));
            o.remove("tokens");
        }
        let layers = layers.to_string();
        self.retrying(|db| db.write_tx(|db| write_document(db, doc, &content_hash, &signature, &layers)))
    }

    /// Checks that every stored document is complete and every count agrees
    /// with the rows it counts (plus SQLite's own integrity check). Returns
    /// the problems found; empty means consistent.
    pub fn integrity_check(&mut self) -> Result<Vec<String>> {
        self.retrying(|db| {
            let mut problems = Vec::new();
            for (layer, column) in [
                ("sentences", "n_sentences"),
                ("entities", "n_entities"),
                ("times", "n_times"),
                ("places", "n_places"),
                ("quotes", "n_quotes"),
                ("events", "n_events"),
            ] {
                let sql = format!(
                    "SELECT d.id FROM documents d WHERE d.{column} <> (SELECT COUNT(*) FROM {layer} x WHERE x.doc_id = d.id) LIMIT 20"
                );
                for r in db.query(&sql, &[])? {
                    problems.push(format!("document {} has a partial {layer} layer", r[0].str()));
                }
            }
            for r in db.query(
                "SELECT c.id FROM event_clusters c WHERE c.num_mentions <> (SELECT COUNT(*) FROM events e WHERE e.cluster_id = c.id) LIMIT 20",
                &[],
            )? {
                problems.push(format!("event {} has a wrong mention count", text_of_int(&r[0])));
            }
            for r in db.query("SELECT e.id FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_clusters c WHERE c.id = e.cluster_id) LIMIT 20", &[])? {
                problems.push(format!("mention {} points to no event", r[0].str()));
            }
            for r in db.query(
                "SELECT s.id FROM stories s WHERE s.num_documents <> (SELECT COUNT(*) FROM documents d WHERE d.story_id = s.id) LIMIT 20",
                &[],
            )? {
                problems.push(format!("story {} has a wrong document count", r[0].str()));
            }
            for r in db.query("SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = d.story_id) LIMIT 20", &[])? {
                problems.push(format!("document {} belongs to no story", r[0].str()));
            }
            if db.backend() == Backend::Sqlite {
                let docs = db.count("SELECT COUNT(*) FROM documents", &[])?;
                let indexed = db.count("SELECT COUNT(*) FROM doc_fts", &[])?;
                if docs != indexed {
                    problems.push(format!("full-text index holds {indexed} documents, the table {docs}"));
                }
                let events = db.count("SELECT COUNT(*) FROM events", &[])?;
                let indexed = db.count("SELECT COUNT(*) FROM event_fts", &[])?;
                if events != indexed {
                    problems.push(format!("full-text index holds {indexed} event sentences, the table {events}"));
                }
                for r in db.query("PRAGMA integrity_check", &[])? {
                    if r[0].str() != "ok" {
                        problems.push(format!("sqlite: {}", r[0].str()));
                    }
                }
            }
            Ok(problems)
        })
    }

    /// Removes a document and its layers; its stories and event clusters are updated.
    pub fn delete_document(&mut self, id: &str) -> Result<bool> {
        self.retrying(|db| db.write_tx(|db| delete_document(db, id)))
    }
}

fn write_document(db: &mut Db, doc: &Document, content_hash: &str, signature: &Signature, layers: &str) -> Result<Stored> {
    let existing = db.query_one("SELECT content_hash, story_id FROM documents WHERE id = $1", &params![&doc.id])?;
    let mut outcome = PutOutcome::Inserted;
    if let Some(row) = existing {
        if row[0].str() == content_hash {
            let events = db.count("SELECT COUNT(*) FROM events WHERE doc_id = $1", &params![&doc.id])? as usize;
            return Ok(Stored {
                outcome: PutOutcome::Unchanged,
                doc_id: doc.id.clone(),
                story_id: row[1].str().to_string(),
                duplicate_of: None,
                events,
                new_clusters: 0,
            });
        }
        delete_document(db, &doc.id)?;
        outcome = PutOutcome::Replaced;
    }

    // Story: the story of the most similar stored document. Candidates share
    // at least one LSH bucket; the 50 sharing the most are compared (more
    // shared bands, higher similarity), which bounds the work on boilerplate-heavy sites.
    let buckets = signature.buckets();
    let mut duplicate_of: Option<(String, f64, String)> = None;
    if !buckets.is_empty() {
        let placeholders: Vec<String> = (0..buckets.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT d.id, d.signature, d.shingles, d.story_id FROM documents d JOIN \
             (SELECT b.doc_id, COUNT(*) AS shared FROM story_buckets b WHERE b.bucket IN ({}) AND b.doc_id <> $1 \
              GROUP BY b.doc_id ORDER BY shared DESC, b.doc_id LIMIT 50) c ON c.doc_id = d.id",
            placeholders.join(", ")
        );
        let mut p = params![&doc.id].to_vec();
        p.extend(buckets.iter().map(|b| Value::Int(*b)));
        for row in db.query(&sql, &p)? {
            let other = Signature::from_bytes(row[1].bytes(), row[2].int().unwrap_or(0) as u64);
            if let Some(sim) = signature.same_story(&other) {
                let better = match &duplicate_of {
                    None => true,
                    Some((id, best, _)) => sim > *best || (sim == *best && row[0].str() < id.as_str()),
                };
                if better {
                    duplicate_of = Some((row[0].str().to_string(), sim, row[3].str().to_string()));
                }
            }
        }
    }
    let story_id = duplicate_of.as_ref().map_or_else(|| doc.id.clone(), |(_, _, s)| s.clone());
    let ingested_at = crate::now();
    let site = site_key(doc);
    let meta = serde_json::to_string(&doc.meta).unwrap_or_else(|_| "{}".into());
    let authors = serde_json::to_string(&doc.authors).unwrap_or_else(|_| "[]".into());
    db.exec(
        "INSERT INTO documents (id, source, url, site, site_key, title, authors, published, language, text, meta, layers, \
         content_hash, signature, shingles, story_id, n_sentences, n_entities, n_times, n_places, n_quotes, n_events, ingested_at, seq) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, \
         (SELECT COALESCE(MAX(seq), 0) + 1 FROM documents))",
        &params![
            &doc.id,
            &doc.source,
            &doc.url,
            &doc.site,
            site.as_str(),
            &doc.title,
            authors,
            doc.published.map(|d| d.to_string()),
            &doc.language,
            &doc.text,
            meta,
            layers,
            content_hash,
            signature.to_bytes(),
            signature.shingles as i64,
            story_id.as_str(),
            doc.sentences.len(),
            doc.entities.len(),
            doc.times.len(),
            doc.places.len(),
            doc.quotes.len(),
            doc.events.len(),
            ingested_at.as_str(),
        ],
    )?;
    if db.backend() == Backend::Sqlite {
        db.exec(
            "INSERT INTO doc_fts (rowid, title, text) VALUES ((SELECT rowid FROM documents WHERE id = $1), $2, $3)",
            &params![&doc.id, &doc.title, &doc.text],
        )?;
    }
    for b in &buckets {
        db.exec("INSERT INTO story_buckets (bucket, doc_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", &params![*b, &doc.id])?;
    }
    write_layers(db, doc)?;
    let mut new_clusters = 0;
    for (i, ev) in doc.events.iter().enumerate() {
        if write_event(db, doc, i, ev, &ingested_at)? {
            new_clusters += 1;
        }
    }
    refresh_story(db, &story_id)?;
    db.exec("DELETE FROM errors WHERE source = $1", &params![&doc.source])?;
    Ok(Stored {
        outcome,
        doc_id: doc.id.clone(),
        story_id,
        duplicate_of: duplicate_of.map(|(id, sim, _)| (id, sim)),
        events: doc.events.len(),
        new_clusters,
    })
}

fn write_layers(db: &mut Db, doc: &Document) -> Result<()> {
    for (i, s) in doc.sentences.iter().enumerate() {
        db.exec(
            "INSERT INTO sentences (doc_id, idx, start_char, end_char) VALUES ($1, $2, $3, $4)",
            &params![&doc.id, i, s.start, s.end],
        )?;
    }
    for (i, e) in doc.entities.iter().enumerate() {
        db.exec(
            "INSERT INTO entities (doc_id, idx, text, type, name, name_key, country, sector, start_char, end_char) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            &params![&doc.id, i, &e.text, e.kind.as_str(), &e.name, name_key(&e.name), &e.country, &e.sector, e.start, e.end],
        )?;
    }
    for (i, t) in doc.times.iter().enumerate() {
        let granularity = t.granularity.map(|g| serde_json::to_value(g).ok().and_then(|v| v.as_str().map(String::from)));
        db.exec(
            "INSERT INTO times (doc_id, idx, text, value, granularity, anchor_inferred, modifier, start_char, end_char) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &params![&doc.id, i, &t.text, &t.value, granularity.flatten(), t.anchor_inferred, &t.modifier, t.start, t.end],
        )?;
    }
    for (i, p) in doc.places.iter().enumerate() {
        db.exec(
            "INSERT INTO places (doc_id, idx, text, name, country, lat, lon, geonames_id, start_char, end_char) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            &params![&doc.id, i, &p.text, &p.name, &p.country, p.lat, p.lon, p.geonames_id.map(|g| g as i64), p.start, p.end],
        )?;
    }
    for (i, q) in doc.quotes.iter().enumerate() {
        let sp = q.speaker.as_ref();
        db.exec(
            "INSERT INTO quotes (doc_id, idx, text, speaker_text, speaker_name, speaker_start, speaker_end, cue, kind, channel, \
             start_char, end_char) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            &params![
                &doc.id,
                i,
                &q.text,
                sp.map(|s| s.text.clone()),
                sp.and_then(|s| s.name.clone()),
                sp.and_then(|s| s.start),
                sp.and_then(|s| s.end),
                &q.cue,
                &q.kind,
                &q.channel,
                q.start,
                q.end
            ],
        )?;
    }
    Ok(())
}

/// Writes one event and links it to a cluster; true when it started a new cluster.
fn write_event(db: &mut Db, doc: &Document, idx: usize, ev: &Event, ingested_at: &str) -> Result<bool> {
    let event_id = format!("{}.{}", doc.id, idx);
    let keys = EventKeys {
        kind: ev.kind.as_str().to_string(),
        root: cameo_root(&ev.cameo),
        source: ActorKey::of(ev.source.as_ref()),
        target: ActorKey::of(ev.target.as_ref()),
        date: DateSpan::of_event(ev.date.as_deref(), doc.published),
        place: ev
            .place
            .as_ref()
            .map(|p| PlaceKey { key: Some(name_key(&p.name)).filter(|k| !k.is_empty()), country: p.country.clone(), lat: p.lat, lon: p.lon })
            .unwrap_or_default(),
    };
    // GeoNames id of the event place, from the document's geocoded places.
    let geonames = ev.place.as_ref().and_then(|ep| {
        let k = name_key(&ep.name);
        doc.places.iter().find(|p| name_key(&p.name) == k).and_then(|p| p.geonames_id).map(|g| g as i64)
    });
    let (cluster, is_new) = match find_cluster(db, &keys)? {
        Some(id) => (id, false),
        None => (cluster_id_for(&event_id), true),
    };
    let actor = |a: Option<&Actor>| {
        (
            a.map(|a| a.text.clone()),
            a.and_then(|a| a.name.clone()),
            ActorKey::of(a).and_then(|k| k.key),
            a.and_then(|a| a.country.clone()),
            a.and_then(|a| a.sector.clone()),
        )
    };
    let (st, sn, sk, sc, ss) = actor(ev.source.as_ref());
    let (tt, tn, tk, tc, ts) = actor(ev.target.as_ref());
    let place = ev.place.as_ref();
    db.exec(
        "INSERT INTO events (id, doc_id, idx, cluster_id, type, cameo, cameo_root, source_text, source_name, source_key, \
         source_country, source_sector, target_text, target_name, target_key, target_country, target_sector, trigger_text, \
         trigger_start, trigger_end, date, date_precision, date_start, date_end, place_name, place_key, place_country, \
         place_lat, place_lon, place_geonames, factuality, claimed_by, sentence_idx, evidence, confidence) VALUES \
         ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, \
          $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35)",
        &params![
            event_id.as_str(),
            &doc.id,
            idx,
            cluster,
            keys.kind.as_str(),
            ev.cameo.trim(),
            keys.root.as_str(),
            st,
            sn,
            sk,
            sc,
            ss,
            tt,
            tn,
            tk,
            tc,
            ts,
            &ev.trigger.text,
            ev.trigger.start,
            ev.trigger.end,
            &ev.date,
            keys.date.precision,
            keys.date.start.map(|d| d.to_string()),
            keys.date.end.map(|d| d.to_string()),
            place.map(|p| p.name.clone()),
            keys.place.key.clone(),
            place.and_then(|p| p.country.clone()),
            place.and_then(|p| p.lat),
            place.and_then(|p| p.lon),
            geonames,
            ev.factuality.as_str(),
            ev.claimed_by.as_ref().map(|c| c.name.clone()),
            ev.sentence,
            &ev.evidence,
            annals_core::clamp_confidence(ev.confidence),
        ],
    )?;
    if db.backend() == Backend::Sqlite {
        db.exec(
            "INSERT INTO event_fts (rowid, evidence) VALUES ((SELECT rowid FROM events WHERE id = $1), $2)",
            &params![event_id.as_str(), &ev.evidence],
        )?;
    }
    if is_new {
        db.exec(
            "INSERT INTO event_clusters (id, rep_event_id, type, cameo, cameo_root, date_precision, factuality, is_root, \
             num_mentions, num_articles, num_sources, first_doc_id, first_seen) \
             VALUES ($1, $2, '', '', '', '', '', 0, 0, 0, 0, $3, $4)",
            &params![cluster, event_id.as_str(), &doc.id, ingested_at],
        )?;
        copy_representative(db, cluster, &event_id)?;
    }
    refresh_cluster(db, cluster)?;
    Ok(is_new)
}

/// The cluster an event belongs to: same PLOVER type and CAMEO root,
/// compatible actors, dates and places. Among several, the most reported.
fn find_cluster(db: &mut Db, keys: &EventKeys) -> Result<Option<i64>> {
    let rows = match (keys.date.start, keys.date.end) {
        (Some(start), Some(end)) => db.query(
            &format!(
                "SELECT {CLUSTER_COLS} FROM event_clusters WHERE type = $1 AND cameo_root = $2 \
                 AND date_start <= $3 AND date_end >= $4 ORDER BY num_mentions DESC, id LIMIT 500"
            ),
            &params![
                keys.kind.as_str(),
                keys.root.as_str(),
                (end + chrono::Duration::days(2)).to_string(),
                (start - chrono::Duration::days(2)).to_string()
            ],
        )?,
        _ => db.query(
            &format!(
                "SELECT {CLUSTER_COLS} FROM event_clusters WHERE type = $1 AND cameo_root = $2 \
                 AND date_start IS NULL ORDER BY num_mentions DESC, id LIMIT 500"
            ),
            &params![keys.kind.as_str(), keys.root.as_str()],
        )?,
    };
    for r in rows {
        let source = ActorKey::from_values(&r[2], &r[3], &r[4]);
        let target = ActorKey::from_values(&r[5], &r[6], &r[7]);
        let precision = match r[8].str() {
            "day" => "day",
            "published" => "published",
            "unknown" => "unknown",
            _ => "coarse",
        };
        let parse = |v: &Value| v.text().and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
        let date = DateSpan { precision, start: parse(&r[9]), end: parse(&r[10]) };
        let place = PlaceKey { key: r[11].text(), country: r[12].text(), lat: r[13].real(), lon: r[14].real() };
        let same_actors = ActorKey::compatible(keys.source.as_ref(), source.as_ref())
            && ActorKey::compatible(keys.target.as_ref(), target.as_ref());
        // CONSULT is symmetric (PLOVER codes all participants as actors when
        // no side hosts), so "A met B" and "B met A" are one meeting.
        let swapped = keys.kind == "CONSULT"
            && ActorKey::compatible(keys.source.as_ref(), target.as_ref())
            && ActorKey::compatible(keys.target.as_ref(), source.as_ref());
        if (same_actors || swapped)
            && keys.date.compatible(&date)
            && PlaceKey::compatible(&keys.place, &place)
        {
            return Ok(r[0].int());
        }
    }
    Ok(None)
}

/// Copies the describing fields of an event row into its cluster.
fn copy_representative(db: &mut Db, cluster: i64, event_id: &str) -> Result<()> {
    db.exec(
        "UPDATE event_clusters SET rep_event_id = e.id, type = e.type, cameo = e.cameo, cameo_root = e.cameo_root, \
         source_name = COALESCE(e.source_name, e.source_text), source_key = e.source_key, source_country = e.source_country, \
         source_sector = e.source_sector, target_name = COALESCE(e.target_name, e.target_text), target_key = e.target_key, \
         target_country = e.target_country, target_sector = e.target_sector, date = e.date, date_precision = e.date_precision, \
         date_start = e.date_start, date_end = e.date_end, place_name = e.place_name, place_key = e.place_key, \
         place_country = e.place_country, place_lat = e.place_lat, place_lon = e.place_lon, place_geonames = e.place_geonames \
         FROM (SELECT * FROM events WHERE id = $2) AS e WHERE event_clusters.id = $1",
        &params![cluster, event_id],
    )?;
    Ok(())
}

/// Recomputes a cluster's report counts and majority factuality from its
/// mentions (aggregates in the database: a much-reported event costs no
/// transfer of its rows); deletes it when none is left, and picks a new
/// representative when the old one was removed.
fn refresh_cluster(db: &mut Db, cluster: i64) -> Result<()> {
    let counts = db
        .query_one(
            "SELECT COUNT(*), COUNT(DISTINCT e.doc_id), COUNT(DISTINCT d.site_key), MIN(e.sentence_idx), MAX(e.confidence) FROM events e \
             JOIN documents d ON d.id = e.doc_id WHERE e.cluster_id = $1",
            &params![cluster],
        )?
        .unwrap_or_default();
    let mentions = counts.first().and_then(Value::int).unwrap_or(0);
    if mentions == 0 {
        db.exec("DELETE FROM event_clusters WHERE id = $1", &params![cluster])?;
        return Ok(());
    }
    let first = db
        .query_one(
            "SELECT e.id, e.doc_id, d.url, d.ingested_at FROM events e JOIN documents d ON d.id = e.doc_id \
             WHERE e.cluster_id = $1 ORDER BY d.seq, e.idx LIMIT 1",
            &params![cluster],
        )?
        .unwrap_or_default();
    let rep_alive = db.count(
        "SELECT COUNT(*) FROM event_clusters c JOIN events e ON e.id = c.rep_event_id WHERE c.id = $1 AND e.cluster_id = $1",
        &params![cluster],
    )? > 0;
    if !rep_alive {
        copy_representative(db, cluster, first[0].str())?;
    }
    // Majority factuality; ties go to the order of this list.
    let order = ["actual", "future", "hypothetical", "negated", "generic"];
    let tally = db.query("SELECT factuality, COUNT(*) FROM events WHERE cluster_id = $1 GROUP BY factuality", &params![cluster])?;
    let count_of = |f: &str| tally.iter().find(|r| r[0].str() == f).and_then(|r| r[1].int()).unwrap_or(0);
    let factuality = order
        .iter()
        .enumerate()
        .max_by_key(|(i, f)| (count_of(f), std::cmp::Reverse(*i)))
        .map_or("actual", |(_, f)| *f);
    db.exec(
        "UPDATE event_clusters SET num_mentions = $2, num_articles = $3, num_sources = $4, factuality = $5, is_root = $6, \
         first_doc_id = $7, first_url = $8, first_seen = $9, confidence = $10 WHERE id = $1",
        &params![
            cluster,
            mentions,
            counts[1].clone(),
            counts[2].clone(),
            factuality,
            counts[3].int() == Some(0),
            first[1].clone(),
            first[2].clone(),
            first[3].clone(),
            // an event is as credible as its most credible report
            counts[4].real().unwrap_or(annals_core::UNSCORED_CONFIDENCE)
        ],
    )?;
    Ok(())
}

/// Recomputes a story's counts; deletes it when no document is left.
fn refresh_story(db: &mut Db, story: &str) -> Result<()> {
    let docs = db.query(
        "SELECT id, title, published, site_key, ingested_at FROM documents WHERE story_id = $1 ORDER BY seq",
        &params![story],
    )?;
    if docs.is_empty() {
        db.exec("DELETE FROM stories WHERE id = $1", &params![story])?;
        return Ok(());
    }
    let mut sites: Vec<&str> = docs.iter().map(|d| d[3].str()).collect();
    sites.sort_unstable();
    sites.dedup();
    let first_published = docs.iter().filter_map(|d| d[2].text()).min();
    db.exec(
        "INSERT INTO stories (id, title, first_published, num_documents, num_sites, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, first_published = excluded.first_published, \
         num_documents = excluded.num_documents, num_sites = excluded.num_sites",
        &params![story, docs[0][1].clone(), first_published, docs.len(), sites.len(), docs[0][4].clone()],
    )?;
    Ok(())
}

fn delete_document(db: &mut Db, id: &str) -> Result<bool> {
    let Some(row) = db.query_one("SELECT story_id FROM documents WHERE id = $1", &params![id])? else {
        return Ok(false);
    };
    let story = row[0].str().to_string();
    let clusters: Vec<i64> = db
        .query("SELECT DISTINCT cluster_id FROM events WHERE doc_id = $1", &params![id])?
        .iter()
        .filter_map(|r| r[0].int())
        .collect();
    if db.backend() == Backend::Sqlite {
        db.exec("DELETE FROM event_fts WHERE rowid IN (SELECT rowid FROM events WHERE doc_id = $1)", &params![id])?;
        db.exec("DELETE FROM doc_fts WHERE rowid IN (SELECT rowid FROM documents WHERE id = $1)", &params![id])?;
    }
    for table in ["events", "sentences", "entities", "times", "places", "quotes", "story_buckets"] {
        db.exec(&format!("DELETE FROM {table} WHERE doc_id = $1"), &params![id])?;
    }
    db.exec("DELETE FROM documents WHERE id = $1", &params![id])?;
    for c in clusters {
        refresh_cluster(db, c)?;
    }
    refresh_story(db, &story)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert!(matches!(parse_target("annals.db").unwrap(), Target::Sqlite(p) if p == std::path::Path::new("annals.db")));
        assert!(matches!(parse_target("sqlite:///tmp/x.db").unwrap(), Target::Sqlite(p) if p == std::path::Path::new("/tmp/x.db")));
        match parse_target("postgres://u:pw@127.0.0.1:5432/test?schema=run_1").unwrap() {
            Target::Postgres(pg, loc) => {
                assert_eq!(pg.schema.as_deref(), Some("run_1"));
                assert_eq!(loc, "postgres://u:***@127.0.0.1:5432/test?schema=run_1");
            }
            _ => panic!(),
        }
        assert!(matches!(parse_target("postgres://h/db?schema=x;drop"), Err(StoreError::Open { .. })));
        assert!(matches!(parse_target("mysql://h/db"), Err(StoreError::BadTarget(_))));
    }

    #[test]
    fn actor_matching() {
        let k = |name: &str, c: &str, s: &str| ActorKey {
            key: Some(name.to_string()).filter(|x| !x.is_empty()),
            country: Some(c.to_string()).filter(|x| !x.is_empty()),
            sector: Some(s.to_string()).filter(|x| !x.is_empty()),
        };
        assert!(ActorKey::compatible(Some(&k("vladimir putin", "RUS", "GOV")), Some(&k("kremlin", "RUS", "GOV"))));
        assert!(!ActorKey::compatible(Some(&k("kremlin", "RUS", "GOV")), Some(&k("russian army", "RUS", "MIL"))));
        assert!(ActorKey::compatible(Some(&k("nato", "", "")), Some(&k("nato", "", "IGO"))));
        assert!(!ActorKey::compatible(Some(&k("nato", "", "")), None));
        assert!(ActorKey::compatible(None, None));
    }

    #[test]
    fn place_matching() {
        let p = |n: &str, c: &str, ll: Option<(f64, f64)>| PlaceKey {
            key: Some(n.into()),
            country: Some(c.into()),
            lat: ll.map(|x| x.0),
            lon: ll.map(|x| x.1),
        };
        assert!(PlaceKey::compatible(&p("kyiv", "UKR", Some((50.45, 30.52))), &p("kiev", "UKR", Some((50.44, 30.5)))));
        assert!(!PlaceKey::compatible(&p("kyiv", "UKR", Some((50.45, 30.52))), &p("lviv", "UKR", Some((49.84, 24.03)))));
        assert!(PlaceKey::compatible(&p("kyiv", "UKR", None), &p("ukraine", "UKR", None)));
        assert!(!PlaceKey::compatible(&p("paris", "FRA", None), &p("kyiv", "UKR", None)));
        assert!(PlaceKey::compatible(&PlaceKey::default(), &p("kyiv", "UKR", None)));
    }

    #[test]
    fn cluster_ids_are_positive_and_fit_doubles() {
        let id = cluster_id_for("abc.0");
        assert!(id > 0 && id < (1 << 53));
        assert_eq!(id, cluster_id_for("abc.0"));
    }

    #[test]
    fn sites() {
        let mut d = Document::from_text("x", "t");
        d.url = Some("https://www.Reuters.com/world/a".into());
        assert_eq!(site_key(&d), "reuters.com");
        d.site = Some("  AP  News ".into());
        assert_eq!(site_key(&d), "ap news");
    }
}

//! Browsing a store page by page: documents (with full-text search) and
//! actors with their event counts, each with the total across pages.

use serde::Serialize;

use crate::db::{Backend, Row, Value};
use crate::error::Result;
use crate::query::{fts5_query, invalid, like_pattern, non_empty, text_words};
use crate::store::{name_key, Store};
use crate::{DEFAULT_LIMIT, MAX_LIMIT};

/// A page of results with the number of matches on all pages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    /// This page.
    pub items: Vec<T>,
    /// Matches on all pages.
    pub total: i64,
}

fn check_limit(limit: Option<usize>) -> Result<usize> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(invalid("--limit", &limit.to_string(), format!("expected 1 to {MAX_LIMIT}")));
    }
    Ok(limit)
}

/// Which documents to list.
#[derive(Debug, Clone, Default)]
pub struct DocumentQuery {
    /// Words that must all appear in the title or text (full-text search).
    pub text: Option<String>,
    /// Page size (default [`DEFAULT_LIMIT`]).
    pub limit: Option<usize>,
    /// Rows to skip.
    pub offset: usize,
}

/// A stored document as a list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentSummary {
    /// Document id.
    pub id: String,
    /// Where it was read from (path, `path#record`).
    pub source: String,
    /// Canonical URL.
    pub url: Option<String>,
    /// Site.
    pub site: Option<String>,
    /// Headline.
    pub title: String,
    /// Publication date.
    pub published: Option<String>,
    /// Language code.
    pub language: String,
    /// Story (group of near-duplicate articles).
    pub story_id: String,
    /// Coded events in it.
    pub num_events: i64,
    /// When it was stored.
    pub ingested_at: String,
}

const DOC_COLS: &str = "d.id, d.source, d.url, d.site, d.title, d.published, d.language, d.story_id, d.n_events, d.ingested_at";

fn document_summary(r: &Row) -> DocumentSummary {
    DocumentSummary {
        id: r[0].str().to_string(),
        source: r[1].str().to_string(),
        url: r[2].text(),
        site: r[3].text(),
        title: r[4].str().to_string(),
        published: r[5].text(),
        language: r[6].str().to_string(),
        story_id: r[7].str().to_string(),
        num_events: r[8].int().unwrap_or(0),
        ingested_at: r[9].str().to_string(),
    }
}

/// Which actors to list.
#[derive(Debug, Clone, Default)]
pub struct ActorQuery {
    /// Part of the name (any case), or a 3-letter country or sector code.
    pub name: Option<String>,
    /// Page size (default [`DEFAULT_LIMIT`]).
    pub limit: Option<usize>,
    /// Rows to skip.
    pub offset: usize,
}

/// An actor (source or target of coded events) with its counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActorCount {
    /// Name as reported (canonical name where the coder gave one).
    pub name: String,
    /// ISO-3 country.
    pub country: Option<String>,
    /// Sector code.
    pub sector: Option<String>,
    /// Distinct real-world events it takes part in.
    pub events: i64,
    /// Reports (mentions) naming it.
    pub mentions: i64,
}

/// Every actor occurrence, source and target, keyed by its name key.
const ACTOR_ROWS: &str = "SELECT COALESCE(source_name, source_text) AS name, source_key AS k, source_country AS country, \
    source_sector AS sector, cluster_id FROM events WHERE source_key IS NOT NULL \
    UNION ALL SELECT COALESCE(target_name, target_text), target_key, target_country, target_sector, cluster_id \
    FROM events WHERE target_key IS NOT NULL";

impl Store {
    /// Stored documents, newest publication first, optionally matching words of
    /// their title or text; with the number of matches.
    pub fn documents(&mut self, query: &DocumentQuery) -> Result<Page<DocumentSummary>> {
        let limit = check_limit(query.limit)?;
        let text = match non_empty("--text", &query.text)? {
            None => None,
            Some(t) if text_words(t).is_empty() => return Err(invalid("--text", t, "has no words to search for")),
            Some(t) => Some(t.to_string()),
        };
        let offset = query.offset;
        self.retrying(|db| {
            let mut params: Vec<Value> = Vec::new();
            let filter = match (&text, db.backend()) {
                (None, _) => String::new(),
                (Some(t), Backend::Sqlite) => {
                    params.push(fts5_query(&text_words(t)).into());
                    "WHERE d.rowid IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH $1)".to_string()
                }
                (Some(t), Backend::Postgres) => {
                    params.push(t.into());
                    "WHERE d.tsv @@ plainto_tsquery('simple', $1)".to_string()
                }
            };
            let total = db.count(&format!("SELECT COUNT(*) FROM documents d {filter}"), &params)?;
            let n = params.len();
            params.push(limit.into());
            params.push(offset.into());
            let sql = format!(
                "SELECT {DOC_COLS} FROM documents d {filter} \
                 ORDER BY (d.published IS NULL), d.published DESC, d.seq LIMIT ${} OFFSET ${}",
                n + 1,
                n + 2
            );
            let items = db.query(&sql, &params)?.iter().map(document_summary).collect();
            Ok(Page { items, total })
        })
    }

    /// Actors of the coded events, most events first; with the number of matches.
    pub fn actors(&mut self, query: &ActorQuery) -> Result<Page<ActorCount>> {
        let limit = check_limit(query.limit)?;
        let name = non_empty("--actor", &query.name)?.map(str::to_string);
        let offset = query.offset;
        self.retrying(|db| {
            let mut params: Vec<Value> = Vec::new();
            let filter = match &name {
                None => String::new(),
                Some(code) if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) => {
                    params.push(code.into());
                    "WHERE a.country = $1 OR a.sector = $1".to_string()
                }
                Some(n) => {
                    params.push(like_pattern(&name_key(n)).into());
                    "WHERE a.k LIKE $1 ESCAPE '\\'".to_string()
                }
            };
            let grouped = format!(
                "SELECT MIN(a.name) AS name, MIN(a.country) AS country, MIN(a.sector) AS sector, \
                 COUNT(DISTINCT a.cluster_id) AS events, COUNT(*) AS mentions, a.k AS k \
                 FROM ({ACTOR_ROWS}) a {filter} GROUP BY a.k"
            );
            let total = db.count(&format!("SELECT COUNT(*) FROM ({grouped}) g"), &params)?;
            let n = params.len();
            params.push(limit.into());
            params.push(offset.into());
            let sql = format!("SELECT name, country, sector, events, mentions FROM ({grouped}) g ORDER BY events DESC, mentions DESC, k LIMIT ${} OFFSET ${}", n + 1, n + 2);
            let items = db
                .query(&sql, &params)?
                .iter()
                .map(|r| ActorCount {
                    name: r[0].str().to_string(),
                    country: r[1].text(),
                    sector: r[2].text(),
                    events: r[3].int().unwrap_or(0),
                    mentions: r[4].int().unwrap_or(0),
                })
                .collect();
            Ok(Page { items, total })
        })
    }
}

#[cfg(test)]
mod tests {
    use annals_core::{Actor, Document, Event, Factuality, Trigger};

    use super::*;

    fn doc(name: &str, text: &str, actors: (&str, &str)) -> Document {
        let mut d = Document::from_text(name, text);
        d.title = format!("Title of {name}");
        d.events.push(Event {
            kind: annals_core::PloverType::Consult,
            cameo: "040".into(),
            source: Some(Actor { text: actors.0.into(), name: Some(actors.0.into()), country: Some("FRA".into()), sector: Some("GOV".into()) }),
            target: Some(Actor { text: actors.1.into(), name: Some(actors.1.into()), country: Some("DEU".into()), sector: None }),
            trigger: Trigger { text: "met".into(), start: 10, end: 13 },
            date: None,
            place: None,
            factuality: Factuality::Actual,
            claimed_by: None,
            sentence: 0,
            evidence: text.into(),
            confidence: 1.0,
        });
        d
    }

    #[test]
    fn documents_and_actors_page_with_totals() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("a.db").to_str().unwrap()).unwrap();
        store.put_document(&doc("a.txt", "Macron's envoy met Scholz in Berlin about grain.", ("Emmanuel Macron", "Olaf Scholz"))).unwrap();
        store.put_document(&doc("b.txt", "The French minister met Scholz again over tariffs.", ("Emmanuel Macron", "Olaf Scholz"))).unwrap();
        store.put_document(&doc("c.txt", "Officials met the German chancellor, Olaf Scholz, on fishing.", ("Jean Dupont", "Olaf Scholz"))).unwrap();

        let all = store.documents(&DocumentQuery::default()).unwrap();
        assert_eq!((all.total, all.items.len()), (3, 3));
        let page = store.documents(&DocumentQuery { limit: Some(2), offset: 2, ..Default::default() }).unwrap();
        assert_eq!((page.total, page.items.len()), (3, 1));
        let hits = store.documents(&DocumentQuery { text: Some("tariffs".into()), ..Default::default() }).unwrap();
        assert_eq!(hits.total, 1);
        assert_eq!(hits.items[0].source, "b.txt");
        let none = store.documents(&DocumentQuery { text: Some("' OR 1=1 --".into()), ..Default::default() }).unwrap();
        assert_eq!(none.total, 0);
        assert!(store.documents(&DocumentQuery { text: Some("--".into()), ..Default::default() }).is_err());
        assert!(store.documents(&DocumentQuery { limit: Some(0), ..Default::default() }).is_err());

        let actors = store.actors(&ActorQuery::default()).unwrap();
        assert_eq!(actors.items[0].name, "Olaf Scholz");
        assert_eq!(actors.items[0].mentions, 3);
        assert!(actors.items.iter().any(|a| a.name == "Jean Dupont" && a.mentions == 1));
        let fra = store.actors(&ActorQuery { name: Some("FRA".into()), ..Default::default() }).unwrap();
        assert_eq!(fra.total, 2);
        let by_name = store.actors(&ActorQuery { name: Some("dupont".into()), ..Default::default() }).unwrap();
        assert_eq!((by_name.total, by_name.items[0].name.as_str()), (1, "Jean Dupont"));
        let injected = store.actors(&ActorQuery { name: Some("x' OR '1'='1".into()), ..Default::default() }).unwrap();
        assert_eq!(injected.total, 0);

        let total = store.count_events(&crate::EventQuery::default()).unwrap();
        assert_eq!(total as usize, store.events(&crate::EventQuery::default()).unwrap().len());
    }
}

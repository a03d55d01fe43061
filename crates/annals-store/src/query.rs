//! Reading a store: event queries with validated filters, `show`, `stats`,
//! and documents rebuilt from their rows.

use std::fmt;

use annals_core::Document;
use chrono::NaiveDate;
use serde::Serialize;

use crate::codes::{is_iso3, PLOVER_TYPES};
use crate::dates::parse_filter_date;
use crate::db::{params, Backend, Db, Row, Value};
use crate::error::{Result, StoreError};
use crate::store::{name_key, Store};

/// Largest page `annals events` returns.
pub const MAX_LIMIT: usize = 100_000;
/// Page size when none is given.
pub const DEFAULT_LIMIT: usize = 100;

/// Filters of `annals events`, as the user typed them; [`validate`](Self::validate) checks them.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// Events on or after this date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`).
    pub from: Option<String>,
    /// Events on or before this date.
    pub to: Option<String>,
    /// Actor (source or target): a name (substring, any case) or a code:
    /// 3 capitals for a country or a sector (`RUS`, `GOV`), 6 for both (`RUSGOV`).
    pub actor: Option<String>,
    /// ISO 3166-1 alpha-3 country of an actor or of the place.
    pub country: Option<String>,
    /// PLOVER event type.
    pub kind: Option<String>,
    /// Factuality of at least one report (`actual`, `negated`, ...).
    pub factuality: Option<String>,
    /// Place name (substring, any case).
    pub place: Option<String>,
    /// Words that must all appear in a report's evidence sentence or its article.
    pub text: Option<String>,
    /// Least confidence, a number from 0 to 1: events with at least one report
    /// this confident (an event's confidence is its best report's). `None`
    /// filters nothing; the CLI and the API pass
    /// [`annals_core::DEFAULT_MIN_CONFIDENCE`] when the user gives none.
    pub min_confidence: Option<String>,
    /// Page size (default [`DEFAULT_LIMIT`]).
    pub limit: Option<usize>,
    /// Rows to skip.
    pub offset: usize,
}

/// How `--actor` is matched.
#[derive(Debug, Clone, PartialEq)]
enum ActorFilter {
    /// Country or sector code.
    Code3(String),
    /// Country + sector.
    Code6(String, String),
    /// Substring of the lower-cased name.
    Name(String),
}

/// An [`EventQuery`] whose values were checked.
#[derive(Debug, Clone)]
pub struct ValidQuery {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    actor: Option<ActorFilter>,
    country: Option<String>,
    kind: Option<String>,
    factuality: Option<String>,
    place: Option<String>,
    text: Option<String>,
    min_confidence: Option<f64>,
    limit: usize,
    offset: usize,
}

/// A confidence threshold as typed: a number from 0 to 1 (`0.5`, `1`, `.75`).
/// The error names `option` and the value.
pub fn parse_min_confidence(option: &'static str, value: &str) -> Result<f64> {
    let v = value.trim();
    match v.parse::<f64>() {
        Ok(x) if x.is_finite() && (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(invalid(option, value, "expected a number from 0 to 1, such as 0.5")),
    }
}

pub(crate) fn invalid(option: &'static str, value: &str, reason: impl Into<String>) -> StoreError {
    StoreError::InvalidFilter { option, value: value.to_string(), reason: reason.into() }
}

pub(crate) fn non_empty<'a>(option: &'static str, v: &'a Option<String>) -> Result<Option<&'a str>> {
    match v.as_deref().map(str::trim) {
        None => Ok(None),
        Some("") => Err(invalid(option, "", "must not be empty")),
        Some(s) if s.chars().count() > 200 => Err(invalid(option, s, "is longer than 200 characters")),
        // a NUL ends the pattern for SQLite's LIKE, so "\0zzzz" matched everything
        Some(s) if s.chars().any(char::is_control) => Err(invalid(option, &s.escape_debug().to_string(), "must not contain control characters")),
        Some(s) => Ok(Some(s)),
    }
}

/// `LIKE` pattern for a substring, with `\` escaping `%`, `_` and `\`.
pub(crate) fn like_pattern(s: &str) -> String {
    let mut out = String::from("%");
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Words of a full-text query, as an FTS5 query of quoted terms (all required).
pub(crate) fn fts5_query(words: &[String]) -> String {
    words.iter().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect::<Vec<_>>().join(" ")
}

pub(crate) fn text_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

impl EventQuery {
    /// Checks every filter; the error names the option and the bad value.
    pub fn validate(&self) -> Result<ValidQuery> {
        let date = |option: &'static str, v: &Option<String>, end: bool| -> Result<Option<NaiveDate>> {
            match non_empty(option, v)? {
                None => Ok(None),
                Some(s) => parse_filter_date(s, end)
                    .map(Some)
                    .ok_or_else(|| invalid(option, s, "expected a date as YYYY-MM-DD, YYYY-MM or YYYY")),
            }
        };
        let from = date("--from", &self.from, false)?;
        let to = date("--to", &self.to, true)?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(invalid("--to", self.to.as_deref().unwrap_or(""), format!("is before --from {f}")));
            }
        }
        let actor = match non_empty("--actor", &self.actor)? {
            None => None,
            Some(a) if a.len() == 3 && a.chars().all(|c| c.is_ascii_uppercase()) => Some(ActorFilter::Code3(a.to_string())),
            Some(a) if a.len() == 6 && a.chars().all(|c| c.is_ascii_uppercase()) => {
                Some(ActorFilter::Code6(a[..3].to_string(), a[3..].to_string()))
            }
            Some(a) => Some(ActorFilter::Name(name_key(a))),
        };
        let country = match non_empty("--country", &self.country)? {
            None => None,
            Some(c) => {
                let up = c.to_ascii_uppercase();
                if !is_iso3(&up) {
                    return Err(invalid("--country", c, "expected an ISO 3166-1 alpha-3 country code such as UKR or FRA"));
                }
                Some(up)
            }
        };
        let kind = match non_empty("--type", &self.kind)? {
            None => None,
            Some(k) => {
                let up = k.to_ascii_uppercase();
                if !PLOVER_TYPES.contains(&up.as_str()) {
                    return Err(invalid("--type", k, format!("expected a PLOVER event type: {}", PLOVER_TYPES.join(", "))));
                }
                Some(up)
            }
        };
        let factuality = match non_empty("--factuality", &self.factuality)? {
            None => None,
            Some(f) => {
                let low = f.to_ascii_lowercase();
                let known = ["actual", "future", "hypothetical", "negated", "generic"];
                if !known.contains(&low.as_str()) {
                    return Err(invalid("--factuality", f, format!("expected one of {}", known.join(", "))));
                }
                Some(low)
            }
        };
        let place = non_empty("--place", &self.place)?.map(name_key);
        let text = match non_empty("--text", &self.text)? {
            None => None,
            Some(t) if text_words(t).is_empty() => return Err(invalid("--text", t, "has no words to search for")),
            Some(t) => Some(t.to_string()),
        };
        let min_confidence = match self.min_confidence.as_deref() {
            None => None,
            Some(c) => Some(parse_min_confidence("--min-confidence", c)?),
        };
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(invalid("--limit", &limit.to_string(), format!("expected 1 to {MAX_LIMIT}")));
        }
        Ok(ValidQuery { from, to, actor, country, kind, factuality, place, text, min_confidence, limit, offset: self.offset })
    }
}

/// An actor as shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActorView {
    /// Canonical name (or the words of the text).
    pub name: Option<String>,
    /// ISO-3 country.
    pub country: Option<String>,
    /// Sector code.
    pub sector: Option<String>,
}

impl ActorView {
    fn from(name: &Value, country: &Value, sector: &Value) -> Option<ActorView> {
        let a = ActorView { name: name.text(), country: country.text(), sector: sector.text() };
        (a != ActorView::default()).then_some(a)
    }

    /// CAMEO-style actor code: country followed by sector (`RUSGOV`).
    pub fn code(&self) -> String {
        format!("{}{}", self.country.as_deref().unwrap_or(""), self.sector.as_deref().unwrap_or(""))
    }
}

impl fmt::Display for ActorView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name.as_deref().unwrap_or("?"))?;
        let code = self.code();
        if !code.is_empty() {
            write!(f, " [{code}]")?;
        }
        Ok(())
    }
}

/// A place as shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceView {
    /// Name.
    pub name: String,
    /// ISO-3 country.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// GeoNames id, when the document's geocoder gave one.
    pub geonames_id: Option<i64>,
}

/// One real-world event (a cluster of reports), as `annals events` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventSummary {
    /// Event id (GDELT's GLOBALEVENTID).
    pub id: i64,
    /// Date as reported (`2024-03-05`, `2024-03`), when the text gave one.
    pub date: Option<String>,
    /// First possible day.
    pub date_start: Option<String>,
    /// Last possible day.
    pub date_end: Option<String>,
    /// Precision of the date (`day`, `month`, `published`, ...).
    pub date_precision: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    /// CAMEO code.
    pub cameo: String,
    /// Who acted.
    pub source: Option<ActorView>,
    /// Who was acted upon.
    pub target: Option<ActorView>,
    /// Where.
    pub place: Option<PlaceView>,
    /// Majority factuality of the reports.
    pub factuality: String,
    /// Confidence that the event is right, in [0, 1]: the highest of its reports'.
    pub confidence: f64,
    /// Reports (event mentions).
    pub num_mentions: i64,
    /// Distinct articles reporting it.
    pub num_articles: i64,
    /// Distinct sites reporting it.
    pub num_sources: i64,
    /// URL of the first report.
    pub first_url: Option<String>,
    /// When the first report was stored.
    pub first_seen: String,
    /// Evidence sentence of the representative report.
    pub evidence: String,
}

const SUMMARY_COLS: &str = "c.id, c.date, c.date_start, c.date_end, c.date_precision, c.type, c.cameo, \
    c.source_name, c.source_country, c.source_sector, c.target_name, c.target_country, c.target_sector, \
    c.place_name, c.place_country, c.place_lat, c.place_lon, c.place_geonames, c.factuality, c.num_mentions, \
    c.num_articles, c.num_sources, c.first_url, c.first_seen, (SELECT evidence FROM events WHERE id = c.rep_event_id), \
    c.confidence";

fn summary(r: &Row) -> EventSummary {
    EventSummary {
        id: r[0].int().unwrap_or(0),
        date: r[1].text(),
        date_start: r[2].text(),
        date_end: r[3].text(),
        date_precision: r[4].str().to_string(),
        kind: r[5].str().to_string(),
        cameo: r[6].str().to_string(),
        source: ActorView::from(&r[7], &r[8], &r[9]),
        target: ActorView::from(&r[10], &r[11], &r[12]),
        place: r[13].text().map(|name| PlaceView {
            name,
            country: r[14].text(),
            lat: r[15].real(),
            lon: r[16].real(),
            geonames_id: r[17].int(),
        }),
        factuality: r[18].str().to_string(),
        confidence: r[25].real().unwrap_or(annals_core::UNSCORED_CONFIDENCE),
        num_mentions: r[19].int().unwrap_or(0),
        num_articles: r[20].int().unwrap_or(0),
        num_sources: r[21].int().unwrap_or(0),
        first_url: r[22].text(),
        first_seen: r[23].str().to_string(),
        evidence: r[24].str().to_string(),
    }
}

/// One report of an event, with its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mention {
    /// Mention id: `<document id>.<event index>`.
    pub id: String,
    /// The reporting document.
    pub doc_id: String,
    /// Its URL.
    pub url: Option<String>,
    /// Its site.
    pub site: Option<String>,
    /// Its headline.
    pub title: String,
    /// Its publication date.
    pub published: Option<String>,
    /// Index of the evidence sentence in the document.
    pub sentence: i64,
    /// Character span of the evidence sentence in the document text, when sentences were stored.
    pub sentence_span: Option<(i64, i64)>,
    /// The evidence sentence.
    pub evidence: String,
    /// Trigger words and their character span.
    pub trigger: (String, i64, i64),
    /// Factuality in this report.
    pub factuality: String,
    /// Confidence that this report's event is right, in [0, 1].
    pub confidence: f64,
    /// Who claims it, in this report.
    pub claimed_by: Option<String>,
    /// Date as this report gives it.
    pub date: Option<String>,
    /// Actors as this report names them.
    pub source: Option<ActorView>,
    /// Target as this report names it.
    pub target: Option<ActorView>,
}

/// An event with every report of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventDetail {
    /// The event.
    pub event: EventSummary,
    /// Its reports, first stored first.
    pub mentions: Vec<Mention>,
}

/// A stored document with its story.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentDetail {
    /// The document as the pipeline produced it (tokens are not stored).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub document: Document,
    /// Its story (group of near-duplicate articles).
    pub story_id: String,
    /// Other documents of the story.
    pub story_documents: Vec<String>,
    /// The event each of its events was clustered into, in event order.
    pub event_ids: Vec<i64>,
    /// When it was stored.
    pub ingested_at: String,
}

/// What `annals show <id>` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Shown {
    /// An event (by event id or mention id).
    Event(Box<EventDetail>),
    /// A document.
    Document(Box<DocumentDetail>),
}

/// Counts for `annals stats`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stats {
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// The database (password removed).
    pub location: String,
    /// Schema version.
    pub schema_version: i64,
    /// Stored documents.
    pub documents: i64,
    /// Stories (groups of near-duplicate documents).
    pub stories: i64,
    /// Stories with more than one document.
    pub stories_with_duplicates: i64,
    /// Sentences.
    pub sentences: i64,
    /// Entity mentions.
    pub entities: i64,
    /// Time expressions.
    pub times: i64,
    /// Places.
    pub places: i64,
    /// Quotes.
    pub quotes: i64,
    /// Events: distinct real-world events (clusters).
    pub events: i64,
    /// Event mentions: coded events in documents, each linked to one event.
    pub mentions: i64,
    /// Events reported by more than one article.
    pub events_multi_article: i64,
    /// Documents that failed (source and reason in the `errors` table).
    pub errors: i64,
    /// Queued work items (`annals worker`) finished.
    pub work_done: i64,
    /// Queued work items given up after their last try: in the dead-letter
    /// stream, and in `errors` with the reason.
    pub dead_letters: i64,
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "database     {} ({}, schema v{})", self.location, self.backend, self.schema_version)?;
        writeln!(f, "documents    {}", self.documents)?;
        writeln!(f, "stories      {} ({} with near duplicates)", self.stories, self.stories_with_duplicates)?;
        writeln!(f, "sentences    {}", self.sentences)?;
        writeln!(f, "entities     {}", self.entities)?;
        writeln!(f, "times        {}", self.times)?;
        writeln!(f, "places       {}", self.places)?;
        writeln!(f, "quotes       {}", self.quotes)?;
        writeln!(f, "events       {} ({} reported by several articles)", self.events, self.events_multi_article)?;
        writeln!(f, "mentions     {}", self.mentions)?;
        write!(f, "errors       {}", self.errors)?;
        if self.work_done + self.dead_letters > 0 {
            write!(f, "\nwork items   {} done, {} dead-lettered", self.work_done, self.dead_letters)?;
        }
        Ok(())
    }
}

impl fmt::Display for EventSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = self.date.clone().or_else(|| self.date_start.clone()).unwrap_or_else(|| "?".into());
        write!(f, "{} {} {} ({})", self.id, date, self.kind, self.cameo)?;
        if let Some(s) = &self.source {
            write!(f, " {s}")?;
        }
        if let Some(t) = &self.target {
            write!(f, " → {t}")?;
        }
        if let Some(p) = &self.place {
            write!(f, " @ {}", p.name)?;
        }
        write!(
            f,
            " [{}; confidence {:.2}; {} mentions, {} sources]",
            self.factuality, self.confidence, self.num_mentions, self.num_sources
        )
    }
}

impl fmt::Display for EventDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.event)?;
        for m in &self.mentions {
            writeln!(
                f,
                "  {} {} {} ({}, confidence {:.2}, sentence {})",
                m.id,
                m.site.as_deref().unwrap_or("-"),
                m.url.as_deref().unwrap_or(&m.doc_id),
                m.factuality,
                m.confidence,
                m.sentence
            )?;
            writeln!(f, "    \"{}\"", m.evidence)?;
        }
        Ok(())
    }
}

impl Store {
    /// Events (clusters of reports) matching the query, by date then id.
    pub fn events(&mut self, query: &EventQuery) -> Result<Vec<EventSummary>> {
        let q = query.validate()?;
        self.retrying(|db| {
            let (sql, params) = events_sql(db.backend(), &q);
            Ok(db.query(&sql, &params)?.iter().map(summary).collect())
        })
    }

    /// How many events match the query's filters (its limit and offset aside).
    pub fn count_events(&mut self, query: &EventQuery) -> Result<i64> {
        let q = query.validate()?;
        self.retrying(|db| {
            let (sql, params) = events_count_sql(db.backend(), &q);
            db.count(&sql, &params)
        })
    }

    /// Shows an event (by event id or mention id) or a document (by id).
    pub fn show(&mut self, id: &str) -> Result<Shown> {
        let id = id.trim();
        if id.is_empty() || id.len() > 100 {
            return Err(StoreError::NotFound(id.to_string()));
        }
        self.retrying(|db| show(db, id))
    }

    /// A stored document, rebuilt from its rows.
    pub fn document(&mut self, id: &str) -> Result<Option<Document>> {
        self.retrying(|db| load_document(db, id).map(|d| d.map(|(doc, _, _)| doc)))
    }

    /// Row counts.
    pub fn stats(&mut self) -> Result<Stats> {
        let backend = match self.backend() {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        };
        let location = self.location().to_string();
        self.retrying(|db| {
            let mut c = |sql: &str| db.count(sql, &[]);
            Ok(Stats {
                backend: backend.into(),
                location: location.clone(),
                schema_version: c("SELECT COALESCE(MAX(version), 0) FROM annals_schema")?,
                documents: c("SELECT COUNT(*) FROM documents")?,
                stories: c("SELECT COUNT(*) FROM stories")?,
                stories_with_duplicates: c("SELECT COUNT(*) FROM stories WHERE num_documents > 1")?,
                sentences: c("SELECT COUNT(*) FROM sentences")?,
                entities: c("SELECT COUNT(*) FROM entities")?,
                times: c("SELECT COUNT(*) FROM times")?,
                places: c("SELECT COUNT(*) FROM places")?,
                quotes: c("SELECT COUNT(*) FROM quotes")?,
                events: c("SELECT COUNT(*) FROM event_clusters")?,
                mentions: c("SELECT COUNT(*) FROM events")?,
                events_multi_article: c("SELECT COUNT(*) FROM event_clusters WHERE num_articles > 1")?,
                errors: c("SELECT COUNT(*) FROM errors")?,
                work_done: c("SELECT COUNT(*) FROM work WHERE status = 'done'")?,
                dead_letters: c("SELECT COUNT(*) FROM work WHERE status = 'dead'")?,
            })
        })
    }

    /// Documents that failed, with their reasons (`source`, `reason`, `at`).
    pub fn errors(&mut self, limit: usize) -> Result<Vec<(String, String, String)>> {
        self.retrying(|db| {
            Ok(db
                .query("SELECT source, reason, at FROM errors ORDER BY at DESC, source LIMIT $1", &params![limit])?
                .into_iter()
                .map(|r| (r[0].str().to_string(), r[1].str().to_string(), r[2].str().to_string()))
                .collect())
        })
    }
}

fn events_sql(backend: Backend, q: &ValidQuery) -> (String, Vec<Value>) {
    let (filter, mut params) = events_filter(backend, q);
    let next = |params: &mut Vec<Value>, v: Value| {
        params.push(v);
        format!("${}", params.len())
    };
    let limit = next(&mut params, q.limit.into());
    let offset = next(&mut params, q.offset.into());
    (
        format!(
            "SELECT {SUMMARY_COLS} FROM event_clusters c {filter} \
             ORDER BY (c.date_start IS NULL), c.date_start, c.id LIMIT {limit} OFFSET {offset}"
        ),
        params,
    )
}

/// How many events match (all pages).
pub(crate) fn events_count_sql(backend: Backend, q: &ValidQuery) -> (String, Vec<Value>) {
    let (filter, params) = events_filter(backend, q);
    (format!("SELECT COUNT(*) FROM event_clusters c {filter}"), params)
}

/// The `WHERE` clause of an event query (empty when there is no filter), with its bound values.
fn events_filter(backend: Backend, q: &ValidQuery) -> (String, Vec<Value>) {
    let mut params: Vec<Value> = Vec::new();
    let next = |params: &mut Vec<Value>, v: Value| {
        params.push(v);
        format!("${}", params.len())
    };
    let mut cluster_conds = Vec::new();
    let mut mention_conds = Vec::new();
    if let Some(k) = &q.kind {
        cluster_conds.push(format!("c.type = {}", next(&mut params, k.into())));
    }
    if let Some(from) = q.from {
        cluster_conds.push(format!("c.date_end >= {}", next(&mut params, from.to_string().into())));
    }
    if let Some(to) = q.to {
        cluster_conds.push(format!("c.date_start <= {}", next(&mut params, to.to_string().into())));
    }
    // An event is as confident as its best report; 0 lets everything through.
    if let Some(min) = q.min_confidence.filter(|m| *m > 0.0) {
        cluster_conds.push(format!("c.confidence >= {}", next(&mut params, min.into())));
    }
    match &q.actor {
        Some(ActorFilter::Code3(code)) => {
            let p = next(&mut params, code.into());
            mention_conds.push(format!(
                "(e.source_country = {p} OR e.target_country = {p} OR e.source_sector = {p} OR e.target_sector = {p})"
            ));
        }
        Some(ActorFilter::Code6(country, sector)) => {
            let c = next(&mut params, country.into());
            let s = next(&mut params, sector.into());
            mention_conds.push(format!(
                "((e.source_country = {c} AND e.source_sector = {s}) OR (e.target_country = {c} AND e.target_sector = {s}))"
            ));
        }
        Some(ActorFilter::Name(name)) => {
            let p = next(&mut params, like_pattern(name).into());
            mention_conds.push(format!("(e.source_key LIKE {p} ESCAPE '\\' OR e.target_key LIKE {p} ESCAPE '\\')"));
        }
        None => {}
    }
    if let Some(c) = &q.country {
        let p = next(&mut params, c.into());
        mention_conds.push(format!("(e.source_country = {p} OR e.target_country = {p} OR e.place_country = {p})"));
    }
    if let Some(f) = &q.factuality {
        mention_conds.push(format!("e.factuality = {}", next(&mut params, f.into())));
    }
    if let Some(place) = &q.place {
        mention_conds.push(format!("e.place_key LIKE {} ESCAPE '\\'", next(&mut params, like_pattern(place).into())));
    }
    if let Some(text) = &q.text {
        match backend {
            Backend::Sqlite => {
                let p = next(&mut params, fts5_query(&text_words(text)).into());
                mention_conds.push(format!(
                    "(e.rowid IN (SELECT rowid FROM event_fts WHERE event_fts MATCH {p}) OR e.doc_id IN \
                     (SELECT d.id FROM documents d WHERE d.rowid IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH {p})))"
                ));
            }
            Backend::Postgres => {
                let p = next(&mut params, text.into());
                mention_conds.push(format!(
                    "(e.tsv @@ plainto_tsquery('simple', {p}) OR e.doc_id IN \
                     (SELECT d.id FROM documents d WHERE d.tsv @@ plainto_tsquery('simple', {p})))"
                ));
            }
        }
    }
    if !mention_conds.is_empty() {
        cluster_conds.push(format!("c.id IN (SELECT e.cluster_id FROM events e WHERE {})", mention_conds.join(" AND ")));
    }
    let filter = if cluster_conds.is_empty() { String::new() } else { format!("WHERE {}", cluster_conds.join(" AND ")) };
    (filter, params)
}

fn show(db: &mut Db, id: &str) -> Result<Shown> {
    if let Some((doc, story, ingested_at)) = load_document(db, id)? {
        let story_documents = db
            .query("SELECT id FROM documents WHERE story_id = $1 AND id <> $2 ORDER BY seq", &params![story.as_str(), id])?
            .iter()
            .map(|r| r[0].str().to_string())
            .collect();
        let event_ids = db
            .query("SELECT cluster_id FROM events WHERE doc_id = $1 ORDER BY idx", &params![id])?
            .iter()
            .filter_map(|r| r[0].int())
            .collect();
        return Ok(Shown::Document(Box::new(DocumentDetail { document: doc, story_id: story, story_documents, event_ids, ingested_at })));
    }
    let cluster = match id.parse::<i64>() {
        Ok(n) => Some(n),
        Err(_) => db.query_one("SELECT cluster_id FROM events WHERE id = $1", &params![id])?.and_then(|r| r[0].int()),
    };
    let Some(cluster) = cluster else { return Err(StoreError::NotFound(id.to_string())) };
    let Some(row) = db.query_one(&format!("SELECT {SUMMARY_COLS} FROM event_clusters c WHERE c.id = $1"), &params![cluster])? else {
        return Err(StoreError::NotFound(id.to_string()));
    };
    let event = summary(&row);
    let mentions = db
        .query(
            "SELECT e.id, e.doc_id, d.url, d.site, d.title, d.published, e.sentence_idx, s.start_char, s.end_char, e.evidence, \
             e.trigger_text, e.trigger_start, e.trigger_end, e.factuality, e.claimed_by, e.date, \
             COALESCE(e.source_name, e.source_text), e.source_country, e.source_sector, \
             COALESCE(e.target_name, e.target_text), e.target_country, e.target_sector, e.confidence \
             FROM events e JOIN documents d ON d.id = e.doc_id \
             LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence_idx \
             WHERE e.cluster_id = $1 ORDER BY d.seq, e.idx",
            &params![cluster],
        )?
        .iter()
        .map(|r| Mention {
            id: r[0].str().to_string(),
            doc_id: r[1].str().to_string(),
            url: r[2].text(),
            site: r[3].text(),
            title: r[4].str().to_string(),
            published: r[5].text(),
            sentence: r[6].int().unwrap_or(0),
            sentence_span: r[7].int().zip(r[8].int()),
            evidence: r[9].str().to_string(),
            trigger: (r[10].str().to_string(), r[11].int().unwrap_or(0), r[12].int().unwrap_or(0)),
            factuality: r[13].str().to_string(),
            confidence: r[22].real().unwrap_or(annals_core::UNSCORED_CONFIDENCE),
            claimed_by: r[14].text(),
            date: r[15].text(),
            source: ActorView::from(&r[16], &r[17], &r[18]),
            target: ActorView::from(&r[19], &r[20], &r[21]),
        })
        .collect();
    Ok(Shown::Event(Box::new(EventDetail { event, mentions })))
}

fn corrupt(db: &Db, what: &str, e: impl fmt::Display) -> StoreError {
    StoreError::Corrupt { location: db.location.clone(), reason: format!("{what}: {e}") }
}

/// A stored document: (document, story id, ingested at).
///
/// The document comes back from its `layers` JSON (the contract form with the
/// text cut out, which lives in its own column), so fields that later
/// versions of the contract add survive the store unchanged; the per-layer
/// tables serve the queries.
pub(crate) fn load_document(db: &mut Db, id: &str) -> Result<Option<(Document, String, String)>> {
    let Some(r) = db.query_one("SELECT layers, text, story_id, ingested_at FROM documents WHERE id = $1", &params![id])? else {
        return Ok(None);
    };
    let mut doc: Document = serde_json::from_str(r[0].str()).map_err(|e| corrupt(db, &format!("document {id}"), e))?;
    // the char index is built lazily, so replacing the text before any use is safe
    doc.text = r[1].str().to_string();
    Ok(Some((doc, r[2].str().to_string(), r[3].str().to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_validated() {
        let bad = |q: EventQuery| q.validate().unwrap_err().to_string();
        let e = bad(EventQuery { from: Some("2024-13-01".into()), ..Default::default() });
        assert!(e.contains("--from") && e.contains("2024-13-01") && e.contains("YYYY-MM-DD"), "{e}");
        let e = bad(EventQuery { from: Some("2024-05-01".into()), to: Some("2024-04".into()), ..Default::default() });
        assert!(e.contains("before --from"), "{e}");
        assert!(bad(EventQuery { country: Some("Ukraine".into()), ..Default::default() }).contains("alpha-3"));
        assert!(bad(EventQuery { kind: Some("BOMB".into()), ..Default::default() }).contains("ASSAULT"));
        assert!(bad(EventQuery { factuality: Some("maybe".into()), ..Default::default() }).contains("hypothetical"));
        assert!(bad(EventQuery { text: Some(" -- ".into()), ..Default::default() }).contains("no words"));
        assert!(bad(EventQuery { actor: Some("".into()), ..Default::default() }).contains("empty"));
        assert!(bad(EventQuery { limit: Some(0), ..Default::default() }).contains("--limit"));
        let ok = EventQuery {
            from: Some("2024-03".into()),
            to: Some("2024".into()),
            actor: Some("RUSGOV".into()),
            country: Some("ukr".into()),
            kind: Some("assault".into()),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(ok.to, NaiveDate::from_ymd_opt(2024, 12, 31));
        assert_eq!(ok.actor, Some(ActorFilter::Code6("RUS".into(), "GOV".into())));
        assert_eq!(ok.country.as_deref(), Some("UKR"));
        assert_eq!(ok.kind.as_deref(), Some("ASSAULT"));
    }

    #[test]
    fn filters_with_control_characters_are_refused() {
        // issue 18, row 11: `actor=%00zzzz` matched every event
        let bad = |q: EventQuery| q.validate().unwrap_err().to_string();
        for v in ["\0zzzz", "Putin\u{1}", "a\nb"] {
            let e = bad(EventQuery { actor: Some(v.into()), ..Default::default() });
            assert!(e.contains("--actor") && e.contains("control characters"), "{e}");
            assert!(bad(EventQuery { place: Some(v.into()), ..Default::default() }).contains("control characters"));
            assert!(bad(EventQuery { text: Some(v.into()), ..Default::default() }).contains("control characters"));
        }
        assert!(EventQuery { actor: Some("Łukasz Müller".into()), ..Default::default() }.validate().is_ok());
    }

    #[test]
    fn user_text_is_bound_not_spliced() {
        let q = EventQuery {
            actor: Some("x' OR 1=1 --".into()),
            place: Some("50%_off\\".into()),
            text: Some("\"drop\" table; NEAR(".into()),
            ..Default::default()
        }
        .validate()
        .unwrap();
        for backend in [Backend::Sqlite, Backend::Postgres] {
            let (sql, params) = events_sql(backend, &q);
            assert!(!sql.contains("OR 1=1") && !sql.contains("drop") && !sql.contains("50"), "{sql}");
            assert!(params.contains(&Value::Text("%x' or 1=1 --%".into())));
            assert!(params.contains(&Value::Text("%50\\%\\_off\\\\%".into())));
        }
        assert_eq!(fts5_query(&text_words("\"drop\" table; NEAR(")), "\"drop\" \"table\" \"near\"");
    }
}

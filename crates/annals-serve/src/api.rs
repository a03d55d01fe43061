//! The JSON API and its OpenAPI document.

use std::collections::HashMap;
use std::sync::Arc;

use annals_core::Document;
use annals_store::{
    ActorCount, ActorQuery, DocumentDetail, DocumentQuery, DocumentSummary, EventDetail, EventQuery, EventSummary, Mention,
    Shown, Stats, Store,
};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::error::{ApiError, ErrorBody};
use crate::AppState;

/// Largest page the API returns (the page asks for this many events at most).
pub const API_MAX_LIMIT: usize = 1000;
/// Page size when none is given.
pub const API_DEFAULT_LIMIT: usize = 100;

type Shared = State<Arc<AppState>>;
type ApiResult<T> = Result<Json<T>, ApiError>;

/// Runs a store call off the async threads.
async fn with_store<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    // A panic in a request fails that request only: the connection stays usable.
    state.store.run(f).await.unwrap_or_else(|| Err(ApiError::internal("a store request panicked")))
}

/// Query strings with unknown or malformed parameters get a 400 naming them.
fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    match q {
        Ok(Query(v)) => Ok(v),
        Err(e) => {
            let text = e.body_text();
            let detail = text.strip_prefix("Failed to deserialize query string: ").unwrap_or(&text).to_string();
            let parameter = detail
                .split('`')
                .nth(1)
                .filter(|_| detail.starts_with("unknown field"))
                .map(str::to_string)
                .or_else(|| detail.split(':').next().filter(|p| !p.contains(' ')).map(str::to_string));
            Err(ApiError { status: StatusCode::BAD_REQUEST, message: format!("invalid query string: {detail}"), parameter })
        }
    }
}

fn page(limit: &Option<String>, offset: &Option<String>) -> Result<(usize, usize), ApiError> {
    let limit = match limit.as_deref().map(str::trim) {
        None | Some("") => API_DEFAULT_LIMIT,
        Some(s) => match s.parse::<usize>() {
            Ok(n) if (1..=API_MAX_LIMIT).contains(&n) => n,
            _ => return Err(ApiError::bad_param("limit", s, format!("expected a whole number from 1 to {API_MAX_LIMIT}"))),
        },
    };
    let offset = match offset.as_deref().map(str::trim) {
        None | Some("") => 0,
        Some(s) => match s.parse::<usize>() {
            Ok(n) if n <= 100_000_000 => n,
            _ => return Err(ApiError::bad_param("offset", s, "expected a whole number, 0 or more")),
        },
    };
    Ok((limit, offset))
}

/// Paging of a list: where this page is, how many match in all, where the next page starts.
#[derive(Debug, Serialize, ToSchema)]
pub struct Paging {
    /// Page size asked for.
    pub limit: usize,
    /// Rows skipped.
    pub offset: usize,
    /// Matches on all pages.
    pub total: i64,
    /// Offset of the next page, when there is one.
    pub next_offset: Option<usize>,
}

impl Paging {
    fn new(limit: usize, offset: usize, total: i64) -> Paging {
        let next = offset + limit;
        Paging { limit, offset, total, next_offset: ((next as i64) < total).then_some(next) }
    }
}

/// Filters of `GET /api/events` (those of `annals events`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// Events on or after this date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`).
    from: Option<String>,
    /// Events on or before this date.
    to: Option<String>,
    /// Actor name (any part, any case) or code: `RUS` (country or sector), `RUSGOV` (both).
    actor: Option<String>,
    /// ISO 3166-1 alpha-3 country of an actor or of the place.
    country: Option<String>,
    /// PLOVER event type (`ASSAULT`, `CONSULT`, ...).
    #[serde(rename = "type")]
    kind: Option<String>,
    /// `actual`, `future`, `hypothetical`, `negated` or `generic` (of at least one report).
    factuality: Option<String>,
    /// Place name (any part, any case).
    place: Option<String>,
    /// Words that must all appear in a report's evidence sentence or article.
    text: Option<String>,
    /// Least confidence, a number from 0 to 1: events with at least one report this likely to be right.
    /// Default: `default_min_confidence` of `GET /api/stats`.
    #[param(value_type = Option<f64>, minimum = 0.0, maximum = 1.0)]
    min_confidence: Option<String>,
    /// Page size, 1 to 1000 (default 100).
    limit: Option<String>,
    /// Events to skip (default 0).
    offset: Option<String>,
}

/// A page of events.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventsPage {
    /// The events, by date then id.
    pub events: Vec<EventSummary>,
    /// Where this page is.
    #[serde(flatten)]
    pub paging: Paging,
}

const EVENT_NAMES: &[(&str, &str)] = &[("--type", "type"), ("--limit", "limit"), ("--min-confidence", "min_confidence")];

/// Events (clusters of reports), filtered and paged.
#[utoipa::path(get, path = "/api/events", params(EventParams), tag = "events",
    responses((status = 200, body = EventsPage), (status = 400, description = "a bad parameter (named)", body = ErrorBody)))]
pub async fn events(state: Shared, q: Result<Query<EventParams>, QueryRejection>) -> ApiResult<EventsPage> {
    let p = query(q)?;
    let (limit, offset) = page(&p.limit, &p.offset)?;
    let eq = EventQuery {
        from: p.from,
        to: p.to,
        actor: p.actor,
        country: p.country,
        kind: p.kind,
        factuality: p.factuality,
        place: p.place,
        text: p.text,
        // absent or empty: the shared default threshold
        min_confidence: Some(
            p.min_confidence.filter(|c| !c.trim().is_empty()).unwrap_or_else(|| annals_core::DEFAULT_MIN_CONFIDENCE.to_string()),
        ),
        limit: Some(limit),
        offset,
    };
    eq.validate().map_err(|e| ApiError::from_store(e, EVENT_NAMES))?;
    let (events, total) = with_store(&state.0, move |s| {
        let total = s.count_events(&eq).map_err(|e| ApiError::from_store(e, EVENT_NAMES))?;
        let events = s.events(&eq).map_err(|e| ApiError::from_store(e, EVENT_NAMES))?;
        Ok((events, total))
    })
    .await?;
    Ok(Json(EventsPage { events, paging: Paging::new(limit, offset, total) }))
}

/// Where something named in an evidence sentence is: character offsets into the sentence.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Highlight {
    /// `trigger`, `source`, `target`, `time` or `place`.
    pub kind: String,
    /// First character (counted in Unicode scalar values, as everywhere in annals).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The words.
    pub text: String,
}

/// One report of an event with the spans to highlight in its evidence sentence.
#[derive(Debug, Serialize, ToSchema)]
pub struct MentionView {
    /// The report.
    #[serde(flatten)]
    pub mention: Mention,
    /// Trigger, actors, times and places in `evidence`, by start.
    pub highlights: Vec<Highlight>,
}

/// An event with every report of it.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventView {
    /// The event.
    pub event: EventSummary,
    /// Its reports, first stored first.
    pub mentions: Vec<MentionView>,
}

/// Finds `text` in `sentence` (as chars): at `expected` when it is there, else its first occurrence.
fn locate(sentence: &[char], text: &str, expected: Option<usize>) -> Option<(usize, usize)> {
    let needle: Vec<char> = text.chars().collect();
    if needle.is_empty() || needle.len() > sentence.len() {
        return None;
    }
    if let Some(at) = expected {
        if sentence.get(at..at + needle.len()) == Some(&needle[..]) {
            return Some((at, at + needle.len()));
        }
    }
    sentence.windows(needle.len()).position(|w| w == &needle[..]).map(|at| (at, at + needle.len()))
}

/// The spans to highlight in one report's evidence sentence. Offsets of the
/// document's layers are made relative to the sentence and checked against its
/// text; a span that does not match there is looked up by its words instead.
fn highlights(m: &Mention, doc: Option<&Document>) -> Vec<Highlight> {
    let sentence: Vec<char> = m.evidence.chars().collect();
    let base = m.sentence_span.map(|(s, _)| s.max(0) as usize);
    let end = m.sentence_span.map(|(_, e)| e.max(0) as usize);
    let rel = |start: usize| base.and_then(|b| start.checked_sub(b));
    let inside = |start: usize, stop: usize| matches!((base, end), (Some(b), Some(e)) if start >= b && stop <= e);
    let mut out = Vec::new();
    let mut push = |kind: &str, text: &str, expected: Option<usize>| {
        if let Some((start, end)) = locate(&sentence, text, expected) {
            let h = Highlight { kind: kind.into(), start, end, text: sentence[start..end].iter().collect() };
            if !out.iter().any(|o: &Highlight| o.start < h.end && h.start < o.end) {
                out.push(h);
            }
        }
    };
    let (trigger, t_start, _) = &m.trigger;
    push("trigger", trigger, rel((*t_start).max(0) as usize));
    let event = doc.and_then(|d| m.id.rsplit_once('.').and_then(|(_, i)| i.parse::<usize>().ok()).and_then(|i| d.events.get(i)));
    if let Some(ev) = event {
        for (kind, actor) in [("source", &ev.source), ("target", &ev.target)] {
            if let Some(a) = actor {
                push(kind, &a.text, None);
            }
        }
    }
    if let Some(d) = doc {
        for t in d.times.iter().filter(|t| inside(t.start, t.end)) {
            push("time", &t.text, rel(t.start));
        }
        for p in d.places.iter().filter(|p| inside(p.start, p.end)) {
            push("place", &p.text, rel(p.start));
        }
    }
    out.sort_by_key(|h| h.start);
    out
}

/// Event ids are whole numbers.
fn event_id(id: &str) -> Result<i64, ApiError> {
    id.trim().parse::<i64>().map_err(|_| ApiError::bad_param("id", id, "expected an event id (a whole number)"))
}

/// One event with its reports, their evidence sentences and what to highlight in them.
#[utoipa::path(get, path = "/api/events/{id}", tag = "events",
    params(("id" = i64, Path, description = "Event id")),
    responses((status = 200, body = EventView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn event(state: Shared, Path(id): Path<String>) -> ApiResult<EventView> {
    let id = event_id(&id)?;
    let view = with_store(&state.0, move |s| {
        let detail: EventDetail = match s.show(&id.to_string()).map_err(|e| ApiError::from_store(e, &[]))? {
            Shown::Event(e) => *e,
            Shown::Document(_) => return Err(ApiError::not_found(format!("no event with id {id}"))),
        };
        let mut docs: HashMap<String, Option<Document>> = HashMap::new();
        let mut mentions = Vec::with_capacity(detail.mentions.len());
        for m in detail.mentions {
            if !docs.contains_key(&m.doc_id) {
                let d = s.document(&m.doc_id).map_err(|e| ApiError::from_store(e, &[]))?;
                docs.insert(m.doc_id.clone(), d);
            }
            let highlights = highlights(&m, docs.get(&m.doc_id).and_then(Option::as_ref));
            mentions.push(MentionView { mention: m, highlights });
        }
        Ok(EventView { event: detail.event, mentions })
    })
    .await?;
    Ok(Json(view))
}

/// Parameters of `GET /api/documents`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DocumentParams {
    /// Words that must all appear in the title or text (full-text search).
    q: Option<String>,
    /// Page size, 1 to 1000 (default 100).
    limit: Option<String>,
    /// Documents to skip (default 0).
    offset: Option<String>,
}

/// A page of documents.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentsPage {
    /// The documents, newest publication first.
    pub documents: Vec<DocumentSummary>,
    /// Where this page is.
    #[serde(flatten)]
    pub paging: Paging,
}

/// Stored documents, optionally matching a full-text search.
#[utoipa::path(get, path = "/api/documents", params(DocumentParams), tag = "documents",
    responses((status = 200, body = DocumentsPage), (status = 400, body = ErrorBody)))]
pub async fn documents(state: Shared, q: Result<Query<DocumentParams>, QueryRejection>) -> ApiResult<DocumentsPage> {
    let p = query(q)?;
    let (limit, offset) = page(&p.limit, &p.offset)?;
    let dq = DocumentQuery { text: p.q, limit: Some(limit), offset };
    let result = with_store(&state.0, move |s| s.documents(&dq).map_err(|e| ApiError::from_store(e, &[("--text", "q")]))).await?;
    Ok(Json(DocumentsPage { paging: Paging::new(limit, offset, result.total), documents: result.items }))
}

/// One stored document: text, metadata, every layer, its story and its events.
#[utoipa::path(get, path = "/api/documents/{id}", tag = "documents",
    params(("id" = String, Path, description = "Document id")),
    responses((status = 200, body = DocumentDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn document(state: Shared, Path(id): Path<String>) -> ApiResult<DocumentDetail> {
    if id.is_empty() || id.len() > 100 || !id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':')) {
        return Err(ApiError::bad_param("id", &id, "expected a document id (letters, digits, `-`, `_`, `:`)"));
    }
    let detail = with_store(&state.0, move |s| match s.show(&id).map_err(|e| ApiError::from_store(e, &[]))? {
        Shown::Document(d) => Ok(*d),
        Shown::Event(_) => Err(ApiError::not_found(format!("no document with id `{id}`"))),
    })
    .await?;
    Ok(Json(detail))
}

/// Parameters of `GET /api/actors`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ActorParams {
    /// Part of the name (any case), or a 3-letter country or sector code (`FRA`, `GOV`).
    q: Option<String>,
    /// Page size, 1 to 1000 (default 100).
    limit: Option<String>,
    /// Actors to skip (default 0).
    offset: Option<String>,
}

/// A page of actors.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActorsPage {
    /// The actors, most events first.
    pub actors: Vec<ActorCount>,
    /// Where this page is.
    #[serde(flatten)]
    pub paging: Paging,
}

/// Actors (sources and targets of coded events) with their event counts.
#[utoipa::path(get, path = "/api/actors", params(ActorParams), tag = "actors",
    responses((status = 200, body = ActorsPage), (status = 400, body = ErrorBody)))]
pub async fn actors(state: Shared, q: Result<Query<ActorParams>, QueryRejection>) -> ApiResult<ActorsPage> {
    let p = query(q)?;
    let (limit, offset) = page(&p.limit, &p.offset)?;
    let aq = ActorQuery { name: p.q, limit: Some(limit), offset };
    let result = with_store(&state.0, move |s| s.actors(&aq).map_err(|e| ApiError::from_store(e, &[("--actor", "q")]))).await?;
    Ok(Json(ActorsPage { paging: Paging::new(limit, offset, result.total), actors: result.items }))
}

/// What the database holds, and the settings the page starts from.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatsView {
    /// Row counts.
    #[serde(flatten)]
    pub stats: Stats,
    /// The confidence threshold `GET /api/events` applies when `min_confidence`
    /// is not given, and the page's filter starts at (`annals_core::DEFAULT_MIN_CONFIDENCE`).
    pub default_min_confidence: f64,
}

/// What the database holds, and the default confidence threshold.
#[utoipa::path(get, path = "/api/stats", tag = "stats", responses((status = 200, body = StatsView)))]
pub async fn stats(state: Shared) -> ApiResult<StatsView> {
    let mut stats = with_store(&state.0, |s| s.stats().map_err(|e| ApiError::from_store(e, &[]))).await?;
    // The file's directory is the server's business, not the client's.
    if stats.backend == "sqlite" {
        stats.location = std::path::Path::new(&stats.location).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    }
    Ok(Json(StatsView { stats, default_min_confidence: annals_core::DEFAULT_MIN_CONFIDENCE }))
}

/// Unknown paths under the API.
pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("no such endpoint: {}", uri.path().chars().take(100).collect::<String>()))
}

#[derive(OpenApi)]
#[openapi(
    info(title = "annals", description = "Events coded from news articles, each with its sources and evidence sentences."),
    paths(events, event, documents, document, actors, stats, crate::ingest::ingest),
    components(schemas(ErrorBody, Paging, EventsPage, EventView, MentionView, Highlight, DocumentsPage, ActorsPage, StatsView,
        crate::ingest::IngestReply)),
    tags((name = "events"), (name = "documents"), (name = "actors"), (name = "stats"), (name = "ingest"))
)]
struct ApiDoc;

/// The OpenAPI 3.1 document of the API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The OpenAPI document.
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_prefers_the_expected_offset() {
        let s: Vec<char> = "Troops crossed; troops stayed.".chars().collect();
        assert_eq!(locate(&s, "roops", Some(17)), Some((17, 22)));
        assert_eq!(locate(&s, "roops", Some(3)), Some((1, 6)));
        assert_eq!(locate(&s, "", None), None);
        assert_eq!(locate(&s, "tanks", None), None);
    }

    #[test]
    fn paging_parameters_are_checked() {
        assert_eq!(page(&None, &None).unwrap(), (API_DEFAULT_LIMIT, 0));
        assert_eq!(page(&Some("5".into()), &Some("10".into())).unwrap(), (5, 10));
        for bad in ["0", "1001", "-1", "ten"] {
            let e = page(&Some(bad.into()), &None).unwrap_err();
            assert_eq!(e.parameter.as_deref(), Some("limit"), "{bad}");
        }
        assert_eq!(page(&None, &Some("x".into())).unwrap_err().parameter.as_deref(), Some("offset"));
        let p = Paging::new(10, 0, 25);
        assert_eq!(p.next_offset, Some(10));
        assert_eq!(Paging::new(10, 20, 25).next_offset, None);
    }
}

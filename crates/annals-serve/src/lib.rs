//! `annals serve`: an HTTP API over an annals events database, its OpenAPI
//! document, and a web page for analysts, all from one binary.
//!
//! * **API** ([`router`]): `GET /api/events` (the filters of `annals events`,
//!   paging, total count), `GET /api/events/{id}` (every report with its
//!   evidence sentence and the character spans of trigger, actors, times and
//!   places in it), `GET /api/documents` (full-text search), `GET
//!   /api/documents/{id}`, `GET /api/actors` (with event counts), `GET
//!   /api/stats`, and `GET /openapi.json` ([`openapi`]). Every query goes
//!   through the store's own validated query types ([`annals_store`]); this
//!   crate writes no SQL. Errors are JSON `{"error": "...", "parameter": ...}`
//!   with 400 (naming the bad parameter), 401, 403, 404, 413, 415 or 500 (no
//!   internals: those go to the log).
//! * **Page** (`GET /`): HTML, CSS and JavaScript compiled into the binary,
//!   with Leaflet, vis-timeline, topojson-client and the world-atlas country
//!   borders vendored under `assets/vendor/`, so it needs no build step and
//!   no network. The page builds every element from data with `textContent`,
//!   and a strict Content-Security-Policy forbids inline scripts.
//! * **Read-only by default.** With [`Config::allow_ingest`] and a token,
//!   `POST /api/ingest` takes a page body (HTML or text, up to
//!   [`Config::max_body_bytes`]), runs the pipeline on it and stores it.
//!   Lists of URLs are refused: the server fetches nothing.
#![deny(missing_docs)]

mod api;
mod assets;
mod error;
mod ingest;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use annals_extract::Extractor;
use annals_pipeline::{default_stages, Pipeline};
use annals_store::{Store, StoreOptions};
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

pub use api::openapi;
pub use error::ServeError;

/// Default request body limit of `POST /api/ingest`: 2 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// How the server is set up.
#[derive(Debug, Clone)]
pub struct Config {
    /// SQLite path or `postgres://` URL.
    pub db: String,
    /// Enables `POST /api/ingest` (needs [`token`](Self::token)).
    pub allow_ingest: bool,
    /// Bearer token that `POST /api/ingest` requires.
    pub token: Option<String>,
    /// Largest accepted request body, in bytes (larger ones get 413).
    pub max_body_bytes: usize,
}

impl Config {
    /// A read-only server on `db`.
    pub fn read_only(db: impl Into<String>) -> Config {
        Config { db: db.into(), allow_ingest: false, token: None, max_body_bytes: DEFAULT_MAX_BODY_BYTES }
    }
}

/// What the handlers share.
pub(crate) struct AppState {
    /// Read connection (read-only unless ingest is allowed).
    pub store: Mutex<Store>,
    /// Ingest: the pipeline and the token, when enabled.
    pub ingest: Option<IngestState>,
}

pub(crate) struct IngestState {
    pub pipeline: Pipeline,
    pub token: String,
    pub writer: Mutex<Store>,
}

/// Builds the application: API, OpenAPI document and page.
pub fn router(config: &Config) -> Result<Router, ServeError> {
    let ingest = if config.allow_ingest {
        let token = config.token.clone().filter(|t| !t.trim().is_empty()).ok_or(ServeError::MissingToken)?;
        if token.len() < 16 {
            return Err(ServeError::WeakToken);
        }
        // The writer opens first: it creates and migrates a new database.
        let writer = Store::open(&config.db)?;
        let pipeline = Pipeline::new(Extractor::default(), default_stages());
        pipeline.check().map_err(|e| ServeError::Pipeline(e.to_string()))?;
        Some(IngestState { pipeline, token, writer: Mutex::new(writer) })
    } else {
        None
    };
    let store = Store::open_with(&config.db, &StoreOptions::read_only())?;
    let state = Arc::new(AppState { store: Mutex::new(store), ingest });
    let api = Router::new()
        .route("/api/events", get(api::events))
        .route("/api/events/{id}", get(api::event))
        .route("/api/documents", get(api::documents))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/actors", get(api::actors))
        .route("/api/stats", get(api::stats))
        .route("/api/ingest", post(ingest::ingest))
        .route("/openapi.json", get(api::openapi_json))
        .fallback(api::not_found)
        .with_state(state);
    Ok(api
        .merge(assets::routes())
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(axum::middleware::map_response(assets::security_headers)))
}

/// Serves until Ctrl-C (or SIGTERM), then finishes the requests in flight.
pub async fn serve(config: &Config, addr: SocketAddr) -> Result<(), ServeError> {
    let app = router(config)?;
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| ServeError::Bind(addr.to_string(), e))?;
    let local = listener.local_addr().map_err(|e| ServeError::Bind(addr.to_string(), e))?;
    tracing::info!(%local, db = %config.db, ingest = config.allow_ingest, "serving");
    eprintln!("annals: serving {} on http://{local}/ (Ctrl-C stops)", config.db);
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await.map_err(ServeError::Serve)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

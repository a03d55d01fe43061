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
mod pool;

use std::net::SocketAddr;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use annals_extract::Extractor;
use annals_pipeline::{default_stages, Pipeline};
use annals_store::StoreOptions;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::response::IntoResponse;
use axum::Router;

pub use api::openapi;
pub use error::ServeError;

/// Default request body limit of `POST /api/ingest`: 2 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// What one connection may take: bounds against clients that send slowly
/// (slowloris), or not at all.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Time a client has to send a request's headers (from the connection's
    /// start, or from the end of its previous request).
    pub header_read_timeout: Duration,
    /// Time one request may take, its body and the answer included (408 after it).
    pub request_timeout: Duration,
    /// Connections served at once; more wait to be accepted.
    pub max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits { header_read_timeout: Duration::from_secs(10), request_timeout: Duration::from_secs(60), max_connections: 256 }
    }
}

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
    /// Timeouts and the connection cap.
    pub connections: ConnectionLimits,
}

impl Config {
    /// A read-only server on `db`.
    pub fn read_only(db: impl Into<String>) -> Config {
        Config { db: db.into(), allow_ingest: false, token: None, max_body_bytes: DEFAULT_MAX_BODY_BYTES, connections: ConnectionLimits::default() }
    }
}

/// Read connections of the server.
const READERS: usize = 4;

/// What the handlers share.
pub(crate) struct AppState {
    /// Read connections.
    pub store: pool::StorePool,
    /// Ingest: the pipeline and the token, when enabled.
    pub ingest: Option<IngestState>,
}

pub(crate) struct IngestState {
    pub pipeline: Pipeline,
    pub token: String,
    /// The one write connection.
    pub writer: pool::StorePool,
}

/// Builds the application: API, OpenAPI document and page.
pub fn router(config: &Config) -> Result<Router, ServeError> {
    let ingest = if config.allow_ingest {
        let token = config.token.clone().filter(|t| !t.trim().is_empty()).ok_or(ServeError::MissingToken)?;
        if token.len() < 16 {
            return Err(ServeError::WeakToken);
        }
        // The writer opens first: it creates and migrates a new database.
        let writer = pool::StorePool::open(&config.db, &StoreOptions::default(), 1)?;
        let pipeline = Pipeline::new(Extractor::default(), default_stages());
        pipeline.check().map_err(|e| ServeError::Pipeline(e.to_string()))?;
        Some(IngestState { pipeline, token, writer })
    } else {
        None
    };
    let store = pool::StorePool::open(&config.db, &StoreOptions::read_only(), READERS)?;
    let state = Arc::new(AppState { store, ingest });
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
    serve_on(listener, app, config.connections, shutdown_signal()).await;
    Ok(())
}

/// Serves `app` on `listener` until `shutdown` completes, then lets the
/// requests in flight finish. Each connection is held to `limits`: a client
/// that does not send its headers in time is disconnected, a request that
/// takes too long gets 408, and at most `max_connections` are served at once.
pub async fn serve_on(listener: tokio::net::TcpListener, app: Router, limits: ConnectionLimits, shutdown: impl Future<Output = ()>) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let permits = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut connections = tokio::task::JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = Arc::clone(&permits).acquire_owned() => p.expect("the semaphore is never closed"),
            _ = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // out of file descriptors, or a connection reset before it was accepted
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let app = app.clone();
        let mut stopped = stopped.clone();
        connections.spawn(async move {
            let _permit = permit;
            let service = hyper::service::service_fn(move |req: axum::http::Request<hyper::body::Incoming>| {
                let app = app.clone();
                async move {
                    let answer = tokio::time::timeout(limits.request_timeout, tower::ServiceExt::oneshot(app, req)).await;
                    Ok::<_, std::convert::Infallible>(match answer {
                        Ok(Ok(response)) => response,
                        Ok(Err(never)) => match never {},
                        Err(_) => error::ApiError::new(axum::http::StatusCode::REQUEST_TIMEOUT, "the request took too long").into_response(),
                    })
                }
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_read_timeout)
                .serve_connection(TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stopped.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
        while connections.try_join_next().is_some() {}
    }
    let _ = stop.send(true);
    while connections.join_next().await.is_some() {}
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

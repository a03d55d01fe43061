//! The page and its files, compiled into the binary.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// (path under `/assets/`, content type, bytes).
const FILES: &[(&str, &str, &[u8])] = &[
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../assets/app.js")),
    ("app.css", "text/css; charset=utf-8", include_bytes!("../assets/app.css")),
    ("vendor/leaflet.js", "text/javascript; charset=utf-8", include_bytes!("../assets/vendor/leaflet.js")),
    ("vendor/leaflet.css", "text/css; charset=utf-8", include_bytes!("../assets/vendor/leaflet.css")),
    (
        "vendor/vis-timeline-graph2d.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/vis-timeline-graph2d.min.js"),
    ),
    ("vendor/vis-timeline-graph2d.min.css", "text/css; charset=utf-8", include_bytes!("../assets/vendor/vis-timeline-graph2d.min.css")),
    ("vendor/topojson-client.min.js", "text/javascript; charset=utf-8", include_bytes!("../assets/vendor/topojson-client.min.js")),
    ("vendor/countries-110m.json", "application/json", include_bytes!("../assets/vendor/countries-110m.json")),
];

const INDEX: &str = include_str!("../assets/index.html");

/// The page's routes: `/` and `/assets/...`.
pub(crate) fn routes() -> Router {
    Router::new().route("/", get(index)).route("/assets/{*path}", get(asset))
}

async fn index() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], INDEX).into_response()
}

async fn asset(Path(path): Path<String>) -> Response {
    match FILES.iter().find(|(p, _, _)| *p == path) {
        Some((_, content_type, bytes)) => {
            ([(header::CONTENT_TYPE, *content_type), (header::CACHE_CONTROL, "public, max-age=3600")], *bytes).into_response()
        }
        None => crate::error::ApiError::not_found("no such file").into_response(),
    }
}

/// Headers on every answer: the page may run only its own scripts, load only
/// from this server, and never be framed; no answer is sniffed as another type.
pub(crate) async fn security_headers(mut resp: Response) -> Response {
    // axum's own 405 has an empty body: give it the JSON error shape of the API.
    if resp.status() == StatusCode::METHOD_NOT_ALLOWED && resp.headers().get(header::CONTENT_TYPE).is_none() {
        resp = crate::error::ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method not allowed on this path").into_response();
    }
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
             connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    resp
}

//! `POST /api/ingest`: one page body in, analysed and stored.

use std::sync::Arc;

use annals_pipeline::Outcome;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, ErrorBody};
use crate::AppState;

/// What became of an ingested page.
#[derive(Debug, Serialize, ToSchema)]
pub struct IngestReply {
    /// The document id.
    pub id: String,
    /// Its title as extracted.
    pub title: String,
    /// `inserted`, `replaced`, `unchanged` or `near_duplicate`.
    pub outcome: String,
    /// Events coded in it.
    pub events: usize,
    /// Stages that failed on it (the others ran).
    pub stage_errors: Vec<String>,
}

/// Compares in time independent of where the strings differ.
fn same_token(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    let mut diff = a.len() ^ b.len();
    for i in 0..a.len().max(b.len()) {
        diff |= (a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0)) as usize;
    }
    diff == 0
}

/// Analyses one page (HTML or plain text) and stores it. Needs `--allow-ingest` and `Authorization: Bearer <token>`.
/// A list of URLs is refused: the server fetches nothing; POST each page's body instead.
#[utoipa::path(post, path = "/api/ingest", tag = "ingest",
    request_body(content = String, content_type = "text/html", description = "The page (HTML or plain text), at most the body limit (2 MiB by default)"),
    params(("url" = Option<String>, Query, description = "The page's URL, when the page does not say it")),
    security(("bearer" = [])),
    responses((status = 200, body = IngestReply), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn ingest(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<IngestReply>, ApiError> {
    let Some(ingest) = &state.ingest else {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "this server is read-only; start it with --allow-ingest and a token to accept pages"));
    };
    let given = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|t| same_token(t.trim(), &ingest.token)) {
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, "missing or wrong token: send `Authorization: Bearer <token>`"));
    }
    let body = body.map_err(|e| {
        let status = e.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(status, "the page is larger than this server's request size limit")
        } else {
            ApiError::new(status, format!("cannot read the request body: {}", e.body_text()))
        }
    })?;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    if content_type.starts_with("application/json") || content_type.starts_with("text/uri-list") {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "a list of URLs cannot be ingested: this server fetches nothing from the network; POST each page's HTML or text body (text/html or text/plain)",
        ));
    }
    if !(content_type.is_empty() || content_type.starts_with("text/html") || content_type.starts_with("text/plain") || content_type.starts_with("application/xhtml")) {
        return Err(ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "send the page as text/html or text/plain"));
    }
    if body.is_empty() {
        return Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "the request body is empty: send the page"));
    }
    let url = uri.query().and_then(|q| {
        q.split('&').filter_map(|kv| kv.split_once('=')).find(|(k, _)| *k == "url").map(|(_, v)| percent_decode(v))
    });
    if let Some(u) = &url {
        if !(u.starts_with("http://") || u.starts_with("https://")) || u.len() > 2000 {
            return Err(ApiError::bad_param("url", u, "expected an http:// or https:// address"));
        }
    }
    let state2 = state.clone();
    let analyzed = tokio::task::spawn_blocking(move || -> Result<_, ApiError> {
        let ingest = state2.ingest.as_ref().expect("checked above");
        let limits = ingest.pipeline.extractor().limits().clone();
        let source = url.clone().unwrap_or_else(|| "http-post".to_string());
        let mut raws = annals_pipeline::read_stream(&source, std::io::Cursor::new(body), &limits);
        let raw = match raws.next() {
            Some(Ok(raw)) => raw,
            Some(Err(e)) => return Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, format!("cannot read the page: {}", e.reason))),
            None => return Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "no document in the request body")),
        };
        let opts = annals_pipeline::Options { published: None, url };
        match ingest.pipeline.run_one(raw, &opts, true) {
            Outcome::Done(doc, errors) => Ok((doc, errors)),
            Outcome::Failed { reason, .. } => Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, format!("no article in the page: {reason}"))),
        }
    })
    .await
    .map_err(ApiError::internal)?;
    let (doc, errors) = analyzed?;
    let reply = ingest
        .writer
        .run(move |writer| -> Result<IngestReply, ApiError> {
            let stored = writer.put_document(&doc).map_err(|e| ApiError::from_store(e, &[]))?;
            Ok(IngestReply {
                id: doc.id.clone(),
                title: doc.title.clone(),
                outcome: format!("{:?}", stored.outcome).to_lowercase(),
                events: doc.events.len(),
                stage_errors: errors.iter().map(|e| e.to_string()).collect(),
            })
        })
        .await
        .unwrap_or_else(|| Err(ApiError::internal("storing the page panicked")))?;
    Ok(Json(reply))
}

/// `%XX` and `+` decoding of one query value (invalid escapes stay as they are).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_exactly() {
        assert!(same_token("abcdefghijklmnop", "abcdefghijklmnop"));
        assert!(!same_token("abcdefghijklmnoq", "abcdefghijklmnop"));
        assert!(!same_token("abcdefghijklmno", "abcdefghijklmnop"));
        assert!(!same_token("", "abcdefghijklmnop"));
    }

    #[test]
    fn query_values_are_decoded() {
        assert_eq!(percent_decode("https%3A%2F%2Fex.org%2Fa+b"), "https://ex.org/a b");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}

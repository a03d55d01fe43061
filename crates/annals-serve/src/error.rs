//! Errors: starting the server ([`ServeError`]) and answering a request ([`ApiError`]).

use annals_store::StoreError;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The database could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// `--allow-ingest` without a token.
    #[error("--allow-ingest needs a token: give --token or set ANNALS_TOKEN")]
    MissingToken,
    /// A token too short to resist guessing.
    #[error("the ingest token must be at least 16 characters long")]
    WeakToken,
    /// The analysis stages are not in a usable order.
    #[error("pipeline: {0}")]
    Pipeline(String),
    /// The address could not be bound.
    #[error("cannot listen on {0}: {1}")]
    Bind(String, #[source] std::io::Error),
    /// The server failed while running.
    #[error("server: {0}")]
    Serve(#[source] std::io::Error),
}

/// An error answer: `{"error": "...", "parameter": "..."}` with a status code.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub parameter: Option<String>,
}

/// The JSON body of every error.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct ErrorBody {
    /// What went wrong, for a person.
    pub error: String,
    /// The query parameter at fault, for a 400.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError { status, message: message.into(), parameter: None }
    }

    /// 400 naming the parameter and the bad value.
    pub fn bad_param(parameter: &str, value: &str, reason: impl std::fmt::Display) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: format!("invalid parameter `{parameter}` ({}): {reason}", shorten(value)),
            parameter: Some(parameter.to_string()),
        }
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, what)
    }

    /// A store error, with `--option` names mapped to this endpoint's parameter names.
    pub fn from_store(e: StoreError, names: &[(&str, &str)]) -> Self {
        match e {
            StoreError::InvalidFilter { option, value, reason } => {
                let name = names.iter().find(|(o, _)| *o == option).map(|(_, n)| *n).unwrap_or(option.trim_start_matches('-'));
                ApiError::bad_param(name, &value, reason)
            }
            StoreError::NotFound(id) => ApiError::not_found(format!("nothing with id `{}`", shorten(&id))),
            StoreError::Locked { .. } => {
                tracing::warn!(error = %e, "database busy");
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the database is busy; retry shortly")
            }
            other => ApiError::internal(other),
        }
    }

    /// 500: the cause goes to the log, not to the client.
    pub fn internal(e: impl std::fmt::Display) -> Self {
        tracing::error!(error = %e, "request failed");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error; the server log has the details")
    }
}

/// A value quoted in a message, cut to 80 characters.
fn shorten(value: &str) -> String {
    let mut s: String = value.chars().take(80).collect();
    if value.chars().count() > 80 {
        s.push('…');
    }
    format!("`{s}`")
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody { error: self.message, parameter: self.parameter };
        let mut resp = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        resp
    }
}

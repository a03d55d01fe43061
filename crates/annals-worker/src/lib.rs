//! Scale-out: many workers on many machines ingest together through NATS
//! JetStream and write to one PostgreSQL store, losing nothing.
//!
//! * [`enqueue`] publishes work items to a JetStream work-queue stream: files
//!   as **shards** (the message names the path; large archives never pass
//!   through the broker) or small single documents with their bytes.
//! * [`run_worker`] pulls from one durable consumer shared by every worker,
//!   runs the pipeline on blocking threads, stores each document in its own
//!   transaction and acknowledges the item only after the last commit. While an
//!   item runs, progress acknowledgements keep it from being redelivered; a
//!   worker that dies stops sending them, so the item is redelivered after the
//!   ack wait, and since document ids come from content and stored documents
//!   are skipped, the redelivery duplicates nothing. An item that fails
//!   `max_deliver` times goes to the dead-letter stream with its reason.
//! * [`status()`] reports queued, in-flight, done, failed and dead items and the
//!   progress of each worker (recorded in the store's `work` table).
//!
//! See `docs/scale-out.md` for deployment and failure semantics, and
//! [`queue`] for the stream layout.
#![deny(missing_docs)]

mod enqueue;
pub mod queue;
mod status;
mod worker;

pub use enqueue::{enqueue, EnqueueReport, EnqueueRequest};
pub use queue::{redact_url, ItemKind, Queue};
pub use status::{status, DeadLetter, QueueStatus};
pub use worker::{run_worker, WorkerConfig, WorkerReport};

static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static JSON_LOG: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Silences the progress lines on standard error (workers print one per item start and end).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, std::sync::atomic::Ordering::Relaxed);
}

/// Progress lines as JSON objects (`time`, `source`, `message`), one per line, for log collectors.
pub fn set_json_log(json: bool) {
    JSON_LOG.store(json, std::sync::atomic::Ordering::Relaxed);
}

/// The name progress lines start with (`worker ID` in a worker).
static LABEL: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Writes one progress line on standard error, with the time (workers run for hours).
pub(crate) fn log_line(message: &str) {
    use std::sync::atomic::Ordering::Relaxed;
    if QUIET.load(Relaxed) {
        return;
    }
    let label = LABEL.get().map(String::as_str).unwrap_or("annals");
    let now = chrono::Utc::now();
    if JSON_LOG.load(Relaxed) {
        let line = serde_json::json!({
            "time": now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "source": label,
            "message": message,
        });
        eprintln!("{line}");
    } else {
        eprintln!("{} {label}: {message}", now.format("%H:%M:%S"));
    }
}

/// A progress line (see [`log_line`]).
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::log_line(&format!($($arg)*))
    };
}
pub(crate) use say;

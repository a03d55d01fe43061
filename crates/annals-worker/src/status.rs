//! `annals status`: the queue as the server sees it, and per-worker progress from the store.

use std::fmt;

use annals_store::{Store, StoreOptions, WorkFailure, WorkerProgress};
use serde::Serialize;

use crate::queue::{Queue, CONSUMER};

/// A dead letter: an item given up, with its reason.
#[derive(Debug, Clone, Serialize)]
pub struct DeadLetter {
    /// The shard path or document source.
    pub source: String,
    /// Tries it had.
    pub attempts: String,
    /// Why it was given up.
    pub reason: String,
}

/// The state of a queue.
#[derive(Debug, Clone, Default, Serialize)]
pub struct QueueStatus {
    /// The NATS server (password removed).
    pub nats: String,
    /// The work stream.
    pub stream: String,
    /// Items not yet handed to a worker.
    pub queued: u64,
    /// Items a worker holds and has not acknowledged.
    pub in_flight: u64,
    /// Of the items in flight, those handed out more than once (a worker died, ran past its ack wait, or failed a try).
    pub redelivered: u64,
    /// Items finished (from the store; absent without `--db`).
    pub done: Option<i64>,
    /// Items whose last try failed and that wait for another (from the store).
    pub failed: Option<i64>,
    /// Items in the dead-letter stream.
    pub dead: u64,
    /// The last dead letters.
    pub dead_letters: Vec<DeadLetter>,
    /// Progress per worker (from the store).
    pub workers: Vec<WorkerProgress>,
    /// Items that failed or were given up, with reasons (from the store).
    pub failures: Vec<WorkFailure>,
    /// The store (password removed).
    pub db: Option<String>,
    /// Why the store could not be read (e.g. no worker has created it yet).
    pub db_error: Option<String>,
}

/// Reads the queue's state from NATS and, when `db` is given, the progress recorded in the store.
pub fn status(nats: &str, queue: &Queue, db: Option<&str>) -> anyhow::Result<QueueStatus> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let mut out = runtime.block_on(async {
        let client = crate::queue::connect(nats, "annals status", false).await?;
        let js = async_nats::jetstream::new(client);
        let mut out = QueueStatus { nats: crate::queue::redact_url(nats), stream: queue.stream().to_string(), ..Default::default() };
        let work = js.get_stream(queue.stream()).await.map_err(|e| anyhow::anyhow!("no queue `{}` on {}: {e}; run `annals enqueue` first", queue.stream(), out.nats))?;
        match work.get_consumer::<async_nats::jetstream::consumer::pull::Config>(CONSUMER).await {
            Ok(consumer) => {
                let info = consumer.get_info().await.map_err(|e| anyhow::anyhow!("{e}"))?;
                out.queued = info.num_pending;
                out.in_flight = info.num_ack_pending as u64;
                out.redelivered = info.num_redelivered as u64;
            }
            // no worker has started yet: everything in the stream waits
            Err(_) => out.queued = work.get_info().await.map_err(|e| anyhow::anyhow!("{e}"))?.state.messages,
        }
        if let Ok(dead) = js.get_stream(queue.dead_stream()).await {
            let state = dead.get_info().await.map_err(|e| anyhow::anyhow!("{e}"))?.state;
            out.dead = state.messages;
            // the last few, newest first
            let mut seq = state.last_sequence;
            while seq >= state.first_sequence.max(1) && out.dead_letters.len() < 10 {
                if let Ok(m) = dead.get_raw_message(seq).await {
                    let header = |name: &str| m.headers.get(name).map(|v| v.as_str().to_string()).unwrap_or_default();
                    out.dead_letters.push(DeadLetter {
                        source: header(crate::queue::SOURCE_HEADER),
                        attempts: header(crate::queue::ATTEMPTS_HEADER),
                        reason: header(crate::queue::REASON_HEADER),
                    });
                }
                seq -= 1;
            }
        }
        anyhow::Ok(out)
    })?;
    if let Some(db) = db {
        let read = |out: &mut QueueStatus| -> annals_store::Result<()> {
            let mut store = Store::open_with(db, &StoreOptions::read_only())?;
            out.db = Some(store.location().to_string());
            out.workers = store.work_progress()?;
            out.done = Some(out.workers.iter().map(|w| w.done).sum());
            out.failed = Some(out.workers.iter().map(|w| w.failed).sum());
            out.failures = store.work_failures(20)?;
            Ok(())
        };
        // the queue's state is worth showing even when the store is not there yet
        if let Err(e) = read(&mut out) {
            out.db_error = Some(e.to_string());
        }
    }
    Ok(out)
}

impl fmt::Display for QueueStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "queue        {} on {}", self.stream, self.nats)?;
        writeln!(f, "queued       {}", self.queued)?;
        writeln!(f, "in flight    {} ({} of them on a second or later try)", self.in_flight, self.redelivered)?;
        let known = |v: Option<i64>, what: &str| v.map_or_else(|| "? (give --db)".to_string(), |n| format!("{n}{what}"));
        writeln!(f, "done         {}", known(self.done, ""))?;
        writeln!(f, "failed       {}", known(self.failed, " (to be tried again)"))?;
        write!(f, "dead letters {}", self.dead)?;
        for d in &self.dead_letters {
            write!(f, "\n  {} after {} tries: {}", d.source, d.attempts, d.reason)?;
        }
        if let Some(db) = &self.db {
            write!(f, "\nstore        {db}")?;
        }
        if let Some(e) = &self.db_error {
            write!(f, "\nstore        not readable: {e}")?;
        }
        if !self.workers.is_empty() {
            write!(f, "\n{:<28} {:>7} {:>6} {:>6} {:>5} {:>9}  last seen", "worker", "running", "done", "failed", "dead", "documents")?;
            for w in &self.workers {
                write!(f, "\n{:<28} {:>7} {:>6} {:>6} {:>5} {:>9}  {}", w.worker, w.running, w.done, w.failed, w.dead, w.documents, w.last_seen)?;
            }
        }
        Ok(())
    }
}

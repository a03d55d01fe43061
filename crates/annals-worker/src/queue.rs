//! The JetStream layout: one work stream, one dead-letter stream, one durable
//! pull consumer shared by every worker.
//!
//! For a queue named `ANNALS` (the default; `--queue` picks another, so that
//! several batches or tests share a server):
//!
//! | what | name | subjects | retention |
//! |---|---|---|---|
//! | work | stream `ANNALS` | `ANNALS.work.shard`, `ANNALS.work.document` | work queue: a message is deleted once acknowledged |
//! | dead letters | stream `ANNALS_DEAD` | `ANNALS.dead` | limits (kept until purged) |
//! | workers | durable pull consumer `workers` on `ANNALS` | all | explicit acks |
//!
//! Only streams and consumers are used: the Key-Value API needs a newer
//! server than Debian's nats-server 2.9, and progress lives in PostgreSQL.

use std::time::Duration;

use anyhow::{bail, Context};
use async_nats::jetstream::{self, consumer, stream};

/// Header naming what a message is: `shard` (payload: a file path) or
/// `document` (payload: the document's bytes).
pub const KIND_HEADER: &str = "Annals-Kind";
/// Header with the document's or shard's name, as errors report it.
pub const SOURCE_HEADER: &str = "Annals-Source";
/// Dead letters: why the item was given up.
pub const REASON_HEADER: &str = "Annals-Reason";
/// Dead letters: how many tries it had.
pub const ATTEMPTS_HEADER: &str = "Annals-Attempts";
/// Dead letters: the worker that gave it up.
pub const WORKER_HEADER: &str = "Annals-Worker";

/// The durable consumer all workers pull from.
pub const CONSUMER: &str = "workers";

/// Names of one queue's streams and subjects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queue {
    name: String,
}

/// What a work message carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A file (WARC, HTML, feed, JSONL…) that every worker can read at the same path.
    Shard,
    /// One document's bytes in the message.
    Document,
}

impl ItemKind {
    /// The name in headers, subjects and the `work` table.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Shard => "shard",
            ItemKind::Document => "document",
        }
    }

    /// Parses a header value.
    pub fn parse(s: &str) -> Option<ItemKind> {
        match s {
            "shard" => Some(ItemKind::Shard),
            "document" => Some(ItemKind::Document),
            _ => None,
        }
    }
}

impl Queue {
    /// A queue name: letters, digits, `-` and `_` (it becomes a stream name and a subject token).
    pub fn new(name: &str) -> anyhow::Result<Queue> {
        if name.is_empty() || name.len() > 64 || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            bail!("invalid queue name `{name}`: use up to 64 letters, digits, `-` or `_`");
        }
        Ok(Queue { name: name.to_string() })
    }

    /// The work stream.
    pub fn stream(&self) -> &str {
        &self.name
    }

    /// The subject of a work item.
    pub fn work_subject(&self, kind: ItemKind) -> String {
        format!("{}.work.{}", self.name, kind.as_str())
    }

    /// The dead-letter stream.
    pub fn dead_stream(&self) -> String {
        format!("{}_DEAD", self.name)
    }

    /// The dead-letter subject.
    pub fn dead_subject(&self) -> String {
        format!("{}.dead", self.name)
    }

    /// Creates the work and dead-letter streams when missing; returns the work stream.
    pub async fn ensure_streams(&self, js: &jetstream::Context) -> anyhow::Result<stream::Stream> {
        let work = js
            .get_or_create_stream(stream::Config {
                name: self.name.clone(),
                subjects: vec![format!("{}.work.>", self.name)],
                retention: stream::RetentionPolicy::WorkQueue,
                storage: stream::StorageType::File,
                // a re-sent enqueue (same file, same size and time) within this window is dropped
                duplicate_window: Duration::from_secs(120),
                description: Some("annals work items: shards (file paths) and single documents".into()),
                ..Default::default()
            })
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))
            .with_context(|| format!("cannot create or open the stream {}", self.name))?;
        js.get_or_create_stream(stream::Config {
            name: self.dead_stream(),
            subjects: vec![self.dead_subject()],
            retention: stream::RetentionPolicy::Limits,
            storage: stream::StorageType::File,
            description: Some("annals work items given up after their last try, with the reason".into()),
            ..Default::default()
        })
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| format!("cannot create or open the stream {}", self.dead_stream()))?;
        Ok(work)
    }

    /// The shared durable pull consumer, created when missing. Its ack wait is
    /// set (or updated) by each worker as it starts.
    /// Redelivery is unlimited on the server: the workers count tries
    /// themselves, so that an item whose tries all died with their worker still
    /// reaches the dead-letter stream with a reason.
    pub async fn ensure_consumer(&self, work: &stream::Stream, ack_wait: Duration) -> anyhow::Result<consumer::PullConsumer> {
        work.create_consumer(consumer::pull::Config {
            durable_name: Some(CONSUMER.into()),
            ack_policy: consumer::AckPolicy::Explicit,
            ack_wait,
            max_deliver: -1,
            description: Some("annals workers".into()),
            ..Default::default()
        })
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| format!("cannot create or open the consumer {CONSUMER} on {}", self.name))
    }
}

/// Connects to NATS (a URL or a comma-separated list of a cluster's URLs).
/// Reconnects for ever after a lost connection. A long-running client
/// (`retry`: a worker) also retries the first connection, since the server may
/// be starting, and reports connections and disconnections on stderr.
pub async fn connect(url: &str, name: &str, retry: bool) -> anyhow::Result<async_nats::Client> {
    let shown = redact_url(url);
    let log_name = shown.clone();
    let mut options = async_nats::ConnectOptions::new()
        .name(name)
        .connection_timeout(Duration::from_secs(5))
        .request_timeout(Some(Duration::from_secs(10)))
        .event_callback(move |event| {
            let shown = log_name.clone();
            async move {
                if !retry {
                    return;
                }
                match event {
                    async_nats::Event::Disconnected => crate::say!("disconnected from NATS at {shown}; reconnecting"),
                    async_nats::Event::Connected => crate::say!("connected to NATS at {shown}"),
                    other => crate::say!("NATS at {shown}: {other}"),
                }
            }
        });
    if retry {
        options = options.retry_on_initial_connect();
    }
    let connecting = options.connect(url);
    let client = if retry {
        connecting.await
    } else {
        tokio::time::timeout(Duration::from_secs(10), connecting)
            .await
            .map_err(|_| anyhow::anyhow!("NATS at {shown} is not reachable (no answer in 10 s)"))?
    };
    client.map_err(|e| anyhow::anyhow!("NATS at {shown} is not reachable: {e}"))
}

/// A NATS URL (or comma-separated list) without passwords or tokens, for messages.
pub fn redact_url(url: &str) -> String {
    url.split(',').map(|one| redact_one(one.trim())).collect::<Vec<_>>().join(",")
}

fn redact_one(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (Some(s), r),
        None => (None, url),
    };
    let (authority, tail) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let Some((userinfo, host)) = authority.rsplit_once('@') else { return url.to_string() };
    // `user:password@` keeps the user; a lone `token@` is a secret itself
    let masked = match userinfo.split_once(':') {
        Some((user, _)) => format!("{user}:***"),
        None => "***".to_string(),
    };
    match scheme {
        Some(s) => format!("{s}://{masked}@{host}{tail}"),
        None => format!("{masked}@{host}{tail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_passwords_and_tokens() {
        assert_eq!(redact_url("nats://bob:secret@n1:4222"), "nats://bob:***@n1:4222");
        assert_eq!(redact_url("nats://s3cr3tt0ken@n1:4222"), "nats://***@n1:4222");
        assert_eq!(redact_url("nats://127.0.0.1:4222"), "nats://127.0.0.1:4222");
        assert_eq!(redact_url("nats://a:x@n1:4222, nats://a:x@n2:4222"), "nats://a:***@n1:4222,nats://a:***@n2:4222");
        assert_eq!(redact_url("u:p@host:4222"), "u:***@host:4222");
    }

    #[test]
    fn queue_names_are_checked() {
        let q = Queue::new("ANNALS").unwrap();
        assert_eq!((q.stream(), q.dead_stream().as_str(), q.dead_subject().as_str()), ("ANNALS", "ANNALS_DEAD", "ANNALS.dead"));
        assert_eq!(q.work_subject(ItemKind::Shard), "ANNALS.work.shard");
        assert!(Queue::new("a.b").is_err());
        assert!(Queue::new("").is_err());
        assert!(Queue::new("x y").is_err());
    }
}

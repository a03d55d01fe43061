//! `annals enqueue`: publishes work items to the work stream.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use async_nats::HeaderMap;
use serde::Serialize;

use crate::queue::{ItemKind, Queue, KIND_HEADER, SOURCE_HEADER};

/// What to publish.
#[derive(Debug, Clone)]
pub struct EnqueueRequest {
    /// Files and directories (walked recursively: each file is one item).
    pub paths: Vec<PathBuf>,
    /// Send each file's bytes in the message (single documents: pages, feed
    /// items) instead of its path. Workers then need no shared filesystem.
    pub inline: bool,
    /// Largest document sent inline, in bytes (the server's `max_payload` is 1 MiB by default).
    pub max_inline_bytes: usize,
}

/// What `annals enqueue` published.
#[derive(Debug, Default, Serialize)]
pub struct EnqueueReport {
    /// The NATS server (password removed).
    pub nats: String,
    /// The work stream.
    pub stream: String,
    /// Shards (file paths) published.
    pub shards: usize,
    /// Single documents published with their bytes.
    pub documents: usize,
    /// Items the stream had already received in its duplicate window (not queued twice).
    pub duplicates: usize,
}

/// One item to publish.
struct Item {
    kind: ItemKind,
    source: String,
    payload: Vec<u8>,
    /// Content-derived: the same file (path, size, modification time) or the same bytes.
    msg_id: String,
}

/// The files under `paths`, in a stable order; a listed path that does not exist is an error.
fn files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if !p.exists() {
            bail!("{}: no such file or directory", p.display());
        }
        if p.is_dir() {
            out.extend(annals_ingest::list_files(p));
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn item(path: &Path, req: &EnqueueRequest) -> anyhow::Result<Item> {
    // Workers on other machines open the same path: make it absolute.
    let path = std::fs::canonicalize(path).with_context(|| format!("{}: cannot resolve the path", path.display()))?;
    let source = path.to_str().with_context(|| format!("{}: the path is not UTF-8", path.display()))?.to_string();
    if req.inline {
        let bytes = std::fs::read(&path).with_context(|| format!("{source}: cannot read"))?;
        if bytes.len() > req.max_inline_bytes {
            bail!(
                "{source}: {} is too large to send as a message (limit {}); enqueue it as a shard (without --inline)",
                annals_ingest::human_bytes(bytes.len()),
                annals_ingest::human_bytes(req.max_inline_bytes)
            );
        }
        let msg_id = annals_core::stable_id(&["document", &source, &format!("{:x}", fnv(&bytes))]);
        return Ok(Item { kind: ItemKind::Document, source, payload: bytes, msg_id });
    }
    let meta = std::fs::metadata(&path).with_context(|| format!("{source}: cannot read"))?;
    let modified = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    let msg_id = annals_core::stable_id(&["shard", &source, &meta.len().to_string(), &modified.to_string()]);
    Ok(Item { kind: ItemKind::Shard, payload: source.clone().into_bytes(), source, msg_id })
}

/// FNV-1a: a cheap content fingerprint for the duplicate-detection id.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// Publishes every file of `req` to `queue` on the NATS server at `nats`,
/// waiting for the stream to acknowledge each one.
pub fn enqueue(nats: &str, queue: &Queue, req: &EnqueueRequest) -> anyhow::Result<EnqueueReport> {
    // Everything is checked before anything is published.
    let items = files(&req.paths)?.iter().map(|p| item(p, req)).collect::<anyhow::Result<Vec<_>>>()?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let client = crate::queue::connect(nats, "annals enqueue", false).await?;
        let js = async_nats::jetstream::new(client.clone());
        queue.ensure_streams(&js).await?;
        let mut report = EnqueueReport { nats: crate::queue::redact_url(nats), stream: queue.stream().to_string(), ..Default::default() };
        // Publish in windows: many acknowledgements in flight, not one round trip per item.
        for chunk in items.chunks(256) {
            let mut acks = Vec::with_capacity(chunk.len());
            for it in chunk {
                let mut headers = HeaderMap::new();
                headers.insert(KIND_HEADER, it.kind.as_str());
                headers.insert(SOURCE_HEADER, it.source.as_str());
                headers.insert("Nats-Msg-Id", it.msg_id.as_str());
                let ack = js
                    .publish_with_headers(queue.work_subject(it.kind), headers, it.payload.clone().into())
                    .await
                    .map_err(|e| anyhow::anyhow!("{}: cannot publish: {e}", it.source))?;
                acks.push((it, ack));
            }
            for (it, ack) in acks {
                let ack = ack.await.map_err(|e| anyhow::anyhow!("{}: the stream did not confirm it: {e}", it.source))?;
                if ack.duplicate {
                    report.duplicates += 1;
                } else {
                    match it.kind {
                        ItemKind::Shard => report.shards += 1,
                        ItemKind::Document => report.documents += 1,
                    }
                }
            }
        }
        client.flush().await.ok();
        Ok(report)
    })
}

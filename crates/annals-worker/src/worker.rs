//! `annals worker`: pulls work items, runs the pipeline, writes to the store,
//! and acknowledges each item only after its documents are committed.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use annals_pipeline::{run_paths, Options, Outcome, Pipeline};
use annals_store::{PutOutcome, Store, WorkStatus, WorkUpdate};
use anyhow::Context;
use async_nats::jetstream::{self, AckKind};
use async_nats::HeaderMap;
use futures_util::StreamExt;
use serde::Serialize;
use tokio::task::JoinSet;

use crate::queue::{ItemKind, Queue, ATTEMPTS_HEADER, KIND_HEADER, REASON_HEADER, SOURCE_HEADER, WORKER_HEADER};

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// NATS URL (or a comma-separated list of a cluster's URLs).
    pub nats: String,
    /// The store (`postgres://…`; a SQLite file works for one worker).
    pub db: String,
    /// The queue's streams.
    pub queue: Queue,
    /// This worker's name in `annals status` and in the `work` table.
    pub worker_id: String,
    /// Items processed at once (each on its own thread).
    pub concurrency: usize,
    /// How long the server waits for an acknowledgement before redelivering;
    /// a running item is kept alive with progress acknowledgements.
    pub ack_wait: Duration,
    /// Tries before an item goes to the dead-letter stream.
    pub max_deliver: i64,
    /// Stop when the queue holds nothing, neither waiting nor in flight anywhere.
    pub exit_when_empty: bool,
    /// Stop after this long without a message.
    pub idle_exit: Option<Duration>,
    /// Publication date to assume where a document gives none.
    pub published: Option<chrono::NaiveDate>,
    /// Analyse documents already stored again (else skipped before analysis).
    pub force: bool,
}

/// What a worker did (printed when it stops).
#[derive(Debug, Default, Clone, Serialize)]
pub struct WorkerReport {
    /// The worker id.
    pub worker: String,
    /// Items finished and acknowledged.
    pub items_done: usize,
    /// Tries that failed (the item was handed back for another try).
    pub items_retried: usize,
    /// Items sent to the dead-letter stream.
    pub items_dead: usize,
    /// Documents stored for the first time.
    pub inserted: usize,
    /// Documents stored before with other content, replaced.
    pub replaced: usize,
    /// Documents already stored (skipped, or identical after analysis).
    pub unchanged: usize,
    /// Event mentions written.
    pub events: usize,
    /// Documents of finished items that could not be read or analysed (in the store's `errors`).
    pub failed_documents: usize,
}

/// What one try of an item did.
#[derive(Debug, Default)]
struct ItemResult {
    inserted: usize,
    replaced: usize,
    unchanged: usize,
    events: usize,
    failed: usize,
}

/// A work message decoded.
struct Item {
    kind: ItemKind,
    source: String,
    payload: Vec<u8>,
}

fn decode(msg: &jetstream::Message) -> Result<Item, String> {
    let headers = msg.headers.as_ref();
    let header = |name: &str| headers.and_then(|h| h.get(name)).map(|v| v.as_str().to_string());
    let kind = header(KIND_HEADER).ok_or_else(|| format!("message on {} has no {KIND_HEADER} header", msg.subject))?;
    let kind = ItemKind::parse(&kind).ok_or_else(|| format!("unknown {KIND_HEADER} `{kind}`"))?;
    let payload = msg.payload.to_vec();
    let source = match (header(SOURCE_HEADER), kind) {
        (Some(s), _) => s,
        (None, ItemKind::Shard) => String::from_utf8(payload.clone()).map_err(|_| "shard path is not UTF-8".to_string())?,
        (None, ItemKind::Document) => format!("message {}", msg.info().map(|i| i.stream_sequence).unwrap_or(0)),
    };
    Ok(Item { kind, source, payload })
}

/// Shared by the item tasks of one worker.
struct Shared {
    cfg: WorkerConfig,
    pipeline: Arc<Pipeline>,
    js: jetstream::Context,
    /// Store connections, one per running item, reused.
    stores: Mutex<Vec<Store>>,
    report: Mutex<WorkerReport>,
}

impl Shared {
    fn store(&self) -> anyhow::Result<Store> {
        if let Some(s) = self.stores.lock().expect("store pool").pop() {
            return Ok(s);
        }
        Ok(Store::open(&self.cfg.db)?)
    }

    fn give_back(&self, store: Store) {
        self.stores.lock().expect("store pool").push(store);
    }

    /// Records an item's state; a store that cannot record it is logged, not fatal
    /// (the acknowledgement logic does not depend on it).
    fn record(&self, store: &mut Store, item: &Item, attempt: i64, status: WorkStatus, result: Option<&ItemResult>, error: Option<&str>) {
        let update = WorkUpdate {
            key: &item.source,
            kind: item.kind.as_str(),
            worker: &self.cfg.worker_id,
            attempt,
            status,
            documents: result.map_or(0, |r| (r.inserted + r.replaced + r.unchanged) as i64),
            events: result.map_or(0, |r| r.events as i64),
            error,
        };
        if let Err(e) = store.record_work(&update) {
            crate::say!("{}: cannot record its state: {e}", item.source);
        }
    }
}

/// Runs the pipeline over one item and stores its documents (blocking).
fn process(ctx: &Shared, store: &mut Store, item: &Item) -> Result<ItemResult, String> {
    let opts = Options { published: ctx.cfg.published, url: None };
    let pipeline = &*ctx.pipeline;
    let mut result = ItemResult::default();
    let mut first_failure = None;
    let mut each = |outcome: Outcome| -> Result<(), String> {
        match outcome {
            Outcome::Failed { source, reason } => {
                result.failed += 1;
                store.record_error(&source, &reason).map_err(|e| e.to_string())?;
                first_failure.get_or_insert(format!("{source}: {reason}"));
            }
            Outcome::Done(mut doc, _) => {
                if !ctx.cfg.force && store.has_document(&doc.id).map_err(|e| e.to_string())? {
                    // stored by an earlier try (or an earlier batch): nothing to redo
                    result.unchanged += 1;
                    return Ok(());
                }
                let stage_errors = pipeline.analyze(&mut doc);
                let stored = store.put_document(&doc).map_err(|e| format!("storing {}: {e}", doc.source))?;
                match stored.outcome {
                    PutOutcome::Inserted => result.inserted += 1,
                    PutOutcome::Replaced => result.replaced += 1,
                    PutOutcome::Unchanged => result.unchanged += 1,
                }
                if stored.outcome != PutOutcome::Unchanged {
                    result.events += stored.events;
                }
                if !stage_errors.is_empty() {
                    result.failed += 1;
                    let reason = stage_errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
                    store.record_error(&doc.source, &reason).map_err(|e| e.to_string())?;
                }
            }
        }
        Ok(())
    };
    // Documents are read, analysed and stored one at a time: memory stays flat on large shards.
    match item.kind {
        ItemKind::Shard => {
            let path = PathBuf::from(&item.source);
            if !path.is_file() {
                return Err(format!("{}: no such file on this worker (shards are read from a filesystem every worker shares)", item.source));
            }
            let paths = vec![path];
            for outcome in run_paths(pipeline, &paths, &opts, false) {
                each(outcome)?;
            }
        }
        ItemKind::Document => {
            let payload = std::io::Cursor::new(item.payload.clone());
            for outcome in annals_pipeline::run_stream(pipeline, &item.source, payload, &opts, false) {
                each(outcome)?;
            }
        }
    }
    let documents = result.inserted + result.replaced + result.unchanged;
    if documents == 0 {
        // Nothing readable in it at all: a corrupt or wrong file. Tried again, then a dead letter.
        return Err(match first_failure {
            Some(f) if result.failed > 1 => format!("no document could be read ({} errors; first: {f})", result.failed),
            Some(f) => format!("no document could be read: {f}"),
            None => format!("{}: holds no document", item.source),
        });
    }
    Ok(result)
}

/// Keeps an item alive while it runs: a progress acknowledgement every third of the ack wait.
fn keep_alive(msg: Arc<jetstream::Message>, ack_wait: Duration) -> tokio::task::JoinHandle<()> {
    let every = (ack_wait / 3).max(Duration::from_millis(200));
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(every).await;
            if let Err(e) = msg.ack_with(AckKind::Progress).await {
                let _ = e; // the connection is down: the next one, or the redelivery, covers it
            }
        }
    })
}

/// Acknowledges, retrying while the connection comes back: the work is
/// committed, and a lost ack only means a harmless redelivery.
async fn ack(msg: &jetstream::Message, kind: AckKind, source: &str) {
    for attempt in 0..20 {
        match msg.ack_with(kind).await {
            Ok(()) => return,
            Err(e) if attempt == 19 => crate::say!("{source}: acknowledgement not sent ({e}); it will be redelivered and found stored"),
            Err(_) => tokio::time::sleep(Duration::from_millis(500)).await,
        }
    }
}

async fn dead_letter(ctx: &Shared, msg: &jetstream::Message, item: &Item, attempts: i64, reason: &str) -> anyhow::Result<()> {
    let mut headers = HeaderMap::new();
    headers.insert(KIND_HEADER, item.kind.as_str());
    headers.insert(SOURCE_HEADER, item.source.as_str());
    // headers are one line each
    headers.insert(REASON_HEADER, reason.replace(['\r', '\n'], " ").as_str());
    headers.insert(ATTEMPTS_HEADER, attempts.to_string().as_str());
    headers.insert(WORKER_HEADER, ctx.cfg.worker_id.as_str());
    let subject = ctx.cfg.queue.dead_subject();
    let ack = ctx.js.publish_with_headers(subject, headers, msg.payload.clone()).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    ack.await.map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(())
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.expect("worker thread panicked")
}

/// Handles one delivery of one item.
async fn handle(ctx: Arc<Shared>, msg: jetstream::Message) {
    let msg = Arc::new(msg);
    let attempt = msg.info().map(|i| i.delivered).unwrap_or(1);
    let item = match decode(&msg) {
        Ok(item) => Arc::new(item),
        Err(reason) => {
            // Not ours or damaged: no try can succeed.
            let item = Item { kind: ItemKind::Document, source: format!("{} message", msg.subject), payload: Vec::new() };
            crate::say!("{}: dead letter: {reason}", item.source);
            if dead_letter(&ctx, &msg, &item, attempt, &reason).await.is_ok() {
                ack(&msg, AckKind::Ack, &item.source).await; // the dead letter holds it now
            }
            ctx.report.lock().expect("report").items_dead += 1;
            return;
        }
    };
    let max = ctx.cfg.max_deliver;

    if attempt > max {
        // Earlier tries ended without an answer: their worker was killed, or
        // ran past its ack wait. Give up with what the store knows.
        let (c, i) = (Arc::clone(&ctx), Arc::clone(&item));
        let last = blocking(move || -> Option<String> {
            let mut store = c.store().ok()?;
            let known = store.work_item(&i.source).ok().flatten().and_then(|(_, _, e)| e);
            c.give_back(store);
            known
        })
        .await;
        let tries = if attempt == 2 { "1 try".to_string() } else { format!("{} tries", attempt - 1) };
        let reason = format!(
            "{tries} did not finish (the worker holding it stopped, or ran past its ack wait){}",
            last.map(|l| format!("; last error: {l}")).unwrap_or_default()
        );
        give_up(&ctx, &msg, &item, attempt - 1, &reason).await;
        return;
    }

    crate::say!("{}: started (try {attempt})", item.source);
    let alive = keep_alive(Arc::clone(&msg), ctx.cfg.ack_wait);
    let (c, i) = (Arc::clone(&ctx), Arc::clone(&item));
    let outcome = blocking(move || -> Result<ItemResult, String> {
        let mut store = c.store().map_err(|e| format!("{e:#}"))?;
        c.record(&mut store, &i, attempt, WorkStatus::Running, None, None);
        // a panic (a bug) fails this try like any error: the item is never left in flight
        let result = annals_pipeline::catch_panic(|| process(&c, &mut store, &i)).and_then(|r| r);
        match &result {
            Ok(r) => c.record(&mut store, &i, attempt, WorkStatus::Done, Some(r), None),
            Err(e) if attempt < c.cfg.max_deliver => c.record(&mut store, &i, attempt, WorkStatus::Failed, None, Some(e.as_str())),
            Err(_) => {} // recorded as dead below
        }
        c.give_back(store);
        result
    })
    .await;
    alive.abort();

    match outcome {
        Ok(result) => {
            // every document of the item is committed: now it may leave the queue
            ack(&msg, AckKind::Ack, &item.source).await;
            crate::say!("{}: done (try {attempt}): {} new, {} already stored, {} events", item.source, result.inserted + result.replaced, result.unchanged, result.events);
            let mut report = ctx.report.lock().expect("report");
            report.items_done += 1;
            report.inserted += result.inserted;
            report.replaced += result.replaced;
            report.unchanged += result.unchanged;
            report.events += result.events;
            report.failed_documents += result.failed;
        }
        Err(reason) if attempt >= max => give_up(&ctx, &msg, &item, attempt, &reason).await,
        Err(reason) => {
            crate::say!("{}: try {attempt} failed, to be tried again: {reason}", item.source);
            ctx.report.lock().expect("report").items_retried += 1;
            // back off a little more each time
            let delay = Duration::from_millis(500 * (1 << attempt.clamp(0, 6)) as u64);
            ack(&msg, AckKind::Nak(Some(delay)), &item.source).await;
        }
    }
}

/// Sends an item to the dead-letter stream with its reason, records it in the
/// store (`work` and `errors`, both shown by `annals stats`), and ends its redelivery.
async fn give_up(ctx: &Arc<Shared>, msg: &jetstream::Message, item: &Arc<Item>, attempts: i64, reason: &str) {
    crate::say!("{}: dead letter after {attempts} tries: {reason}", item.source);
    if let Err(e) = dead_letter(ctx, msg, item, attempts, reason).await {
        // Not published: leave it unacknowledged; the next delivery tries again.
        crate::say!("{}: cannot publish the dead letter ({e}); it will come back", item.source);
        return;
    }
    let (c, i, r) = (Arc::clone(ctx), Arc::clone(item), reason.to_string());
    blocking(move || {
        if let Ok(mut store) = c.store() {
            c.record(&mut store, &i, attempts, WorkStatus::Dead, None, Some(r.as_str()));
            if let Err(e) = store.record_error(&i.source, &format!("dead letter after {attempts} tries: {r}")) {
                crate::say!("{}: cannot record the error: {e}", i.source);
            }
            c.give_back(store);
        }
    })
    .await;
    ack(msg, AckKind::Ack, &item.source).await; // the dead letter holds it now
    ctx.report.lock().expect("report").items_dead += 1;
}

/// Runs a worker until the queue is empty (`exit_when_empty`), it has been
/// idle for `idle_exit`, or it receives SIGINT/SIGTERM (then it finishes the
/// items it holds and stops).
pub fn run_worker(cfg: WorkerConfig, pipeline: Arc<Pipeline>) -> anyhow::Result<WorkerReport> {
    // The pipeline runs on blocking threads; the async side only moves messages.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(cfg.concurrency.max(1) + 4)
        .enable_all()
        .build()?;
    runtime.block_on(run(cfg, pipeline))
}

async fn run(cfg: WorkerConfig, pipeline: Arc<Pipeline>) -> anyhow::Result<WorkerReport> {
    let _ = crate::LABEL.set(format!("worker {}", cfg.worker_id));
    // Open (and migrate) the store before taking work: a bad --db fails here.
    // (A store is opened and dropped on blocking threads only: the PostgreSQL
    // client runs a runtime of its own and must not be dropped inside this one.)
    let db = cfg.db.clone();
    blocking(move || Store::open(&db).map(drop)).await.context("opening the store")?;
    let client = crate::queue::connect(&cfg.nats, &format!("annals worker {}", cfg.worker_id), true).await?;
    let js = jetstream::new(client.clone());
    let work = retry_nats(|| cfg.queue.ensure_streams(&js)).await?;
    let consumer = retry_nats(|| cfg.queue.ensure_consumer(&work, cfg.ack_wait)).await?;
    let ctx = Arc::new(Shared {
        cfg: cfg.clone(),
        pipeline,
        js,
        stores: Mutex::new(Vec::new()),
        report: Mutex::new(WorkerReport { worker: cfg.worker_id.clone(), ..Default::default() }),
    });
    let stop = Arc::new(AtomicBool::new(false));
    watch_signals(Arc::clone(&stop));

    let concurrency = cfg.concurrency.max(1);
    let mut tasks = JoinSet::new();
    let mut last_message = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        while tasks.try_join_next().is_some() {}
        if tasks.len() >= concurrency {
            tasks.join_next().await;
            continue;
        }
        let fetched = consumer.fetch().max_messages(1).expires(Duration::from_secs(1)).messages().await;
        let next = match fetched {
            Ok(mut batch) => batch.next().await,
            Err(e) => {
                let _ = e; // reconnecting: the client retries
                tokio::time::sleep(Duration::from_millis(500)).await;
                continue;
            }
        };
        match next {
            Some(Ok(msg)) => {
                last_message = Instant::now();
                tasks.spawn(handle(Arc::clone(&ctx), msg));
            }
            Some(Err(e)) => {
                let _ = e; // reconnecting: the client retries
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            None => {
                if !tasks.is_empty() {
                    continue;
                }
                if cfg.idle_exit.is_some_and(|idle| last_message.elapsed() >= idle) {
                    crate::say!("idle: stopping");
                    break;
                }
                if cfg.exit_when_empty {
                    match consumer.get_info().await {
                        // nothing waiting, and nothing held by another worker (it could die and hand it back)
                        Ok(info) if info.num_pending == 0 && info.num_ack_pending == 0 => {
                            crate::say!("queue empty: stopping");
                            break;
                        }
                        Ok(_) => {}
                        Err(_) => {} // reconnecting
                    }
                }
            }
        }
    }
    while tasks.join_next().await.is_some() {}
    client.flush().await.ok();
    let stores = std::mem::take(&mut *ctx.stores.lock().expect("store pool"));
    blocking(move || drop(stores)).await;
    let report = ctx.report.lock().expect("report").clone();
    Ok(report)
}

/// Retries a JetStream setup call while the server is unreachable or starting (up to a minute).
async fn retry_nats<T, F, Fut>(mut f: F) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<T>>,
{
    let started = Instant::now();
    loop {
        match f().await {
            Ok(v) => return Ok(v),
            Err(e) if started.elapsed() > Duration::from_secs(60) => return Err(e),
            Err(e) => {
                crate::say!("{e:#}; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

fn watch_signals(stop: Arc<AtomicBool>) {
    tokio::spawn(async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let Ok(mut term) = signal(SignalKind::terminate()) else { return };
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
        crate::say!("stopping: finishing the items in hand");
        stop.store(true, Ordering::SeqCst);
    });
}

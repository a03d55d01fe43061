//! `annals enqueue`, `worker` and `status`: scale-out through NATS JetStream.

use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use annals_extract::Extractor;
use annals_pipeline::{default_stages, Pipeline};
use annals_worker::{EnqueueRequest, Queue, WorkerConfig};
use anyhow::{bail, Context};

use crate::cli::{EnqueueArgs, ReportFormat, StatusArgs, WorkerArgs};
use crate::Status;

/// Paths from a list file: one path or file:// URL a line; blank lines and `#` comments skipped.
fn read_list(list: &PathBuf) -> anyhow::Result<Vec<PathBuf>> {
    let reader: Box<dyn BufRead> = if list.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(io::BufReader::new(std::fs::File::open(list).with_context(|| format!("{}: cannot open the list", list.display()))?))
    };
    let mut out = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}: cannot read", list.display(), n + 1))?;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(path) = line.strip_prefix("file://") {
            out.push(PathBuf::from(path));
        } else if line.contains("://") {
            bail!(
                "{}:{}: `{}`: annals fetches nothing over the network; download it first and enqueue the file",
                list.display(),
                n + 1,
                annals_worker::redact_url(line)
            );
        } else {
            out.push(PathBuf::from(line));
        }
    }
    Ok(out)
}

pub fn enqueue(args: EnqueueArgs) -> anyhow::Result<Status> {
    let queue = Queue::new(&args.nats.queue)?;
    let mut paths = args.paths.clone();
    if let Some(list) = &args.list {
        paths.extend(read_list(list)?);
    }
    let req = EnqueueRequest { paths, inline: args.inline, max_inline_bytes: args.max_inline_bytes };
    let report = annals_worker::enqueue(&args.nats.nats, &queue, &req)?;
    if args.json {
        let mut out = io::stdout().lock();
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        eprintln!(
            "annals: queued {} shards and {} documents on {} ({}); {} were queued already",
            report.shards, report.documents, report.stream, report.nats, report.duplicates
        );
    }
    Ok(Status::Ok)
}

/// host name and process id: unique among the workers of a cluster.
fn default_worker_id() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "worker".into());
    format!("{host}-{}", std::process::id())
}

pub fn worker(args: WorkerArgs) -> anyhow::Result<Status> {
    let queue = Queue::new(&args.nats.queue)?;
    let pipeline = Pipeline::new(Extractor::new(args.input.limits()), default_stages());
    pipeline.check()?;
    annals_worker::set_quiet(args.input.quiet);
    annals_worker::set_json_log(args.log_format == ReportFormat::Json);
    let cfg = WorkerConfig {
        nats: args.nats.nats.clone(),
        db: args.db.clone(),
        queue,
        worker_id: args.id.clone().unwrap_or_else(default_worker_id),
        concurrency: args.concurrency.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())).max(1),
        ack_wait: Duration::from_secs(args.ack_wait),
        max_deliver: args.max_deliver,
        exit_when_empty: args.exit_when_empty,
        idle_exit: args.idle_exit.map(Duration::from_secs),
        published: args.published,
        force: args.force,
    };
    let report = annals_worker::run_worker(cfg, Arc::new(pipeline))?;
    if args.json {
        let mut out = io::stdout().lock();
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else if !args.input.quiet && args.log_format == ReportFormat::Json {
        let line = serde_json::json!({
            "time": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "source": format!("worker {}", report.worker),
            "message": "stopped",
            "report": report,
        });
        eprintln!("{line}");
    } else if !args.input.quiet {
        eprintln!(
            "annals: worker {}: {} items done, {} tries failed, {} dead letters; {} documents new, {} already stored; {} events",
            report.worker,
            report.items_done,
            report.items_retried,
            report.items_dead,
            report.inserted + report.replaced,
            report.unchanged,
            report.events
        );
    }
    Ok(if report.items_dead > 0 || report.failed_documents > 0 { Status::SomeFailed } else { Status::Ok })
}

pub fn status(args: StatusArgs) -> anyhow::Result<Status> {
    let queue = Queue::new(&args.nats.queue)?;
    let status = annals_worker::status(&args.nats.nats, &queue, args.db.as_deref())?;
    let mut out = io::stdout().lock();
    match args.format {
        ReportFormat::Json => serde_json::to_writer(&mut out, &status)?,
        ReportFormat::Text => write!(out, "{status}")?,
    }
    writeln!(out)?;
    Ok(Status::Ok)
}

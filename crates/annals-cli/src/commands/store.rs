//! `annals ingest`, `events`, `show`, `stats` and `export`: the events database.

use std::io::{self, BufWriter, Write};
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Mutex};

use annals_core::{Document, StageError};
use annals_extract::Extractor;
use annals_pipeline::{default_stages, run_paths, Options, Outcome, Pipeline};
use annals_store::{EventQuery, EventSummary, ExportFormat, ExportOptions, PutOutcome, Shown, Store, StoreOptions};
use anyhow::Context;
use serde::Serialize;

use crate::cli::{EventsArgs, ExportArgs, ExportFormatArg, IngestArgs, ReportFormat, ShowArgs, StatsArgs, TableFormat};
use crate::output;
use crate::Status;

/// What `annals ingest` did (printed with `--json`).
#[derive(Debug, Default, Serialize)]
struct IngestSummary {
    database: String,
    /// Documents read and extracted.
    documents: usize,
    /// Stored for the first time.
    inserted: usize,
    /// Stored before with other content, now replaced.
    replaced: usize,
    /// Analysed again but identical to what was stored.
    unchanged: usize,
    /// Already stored: not analysed again (resume).
    skipped: usize,
    /// Near duplicates of a stored article (same story).
    near_duplicates: usize,
    /// Event mentions written.
    events: usize,
    /// Of these, how many were new real-world events (the others joined one).
    new_events: usize,
    /// Documents that could not be read, extracted or analysed.
    failed: usize,
}

enum Item {
    Analyze(Box<Document>),
    Analyzed(Box<Document>, Vec<StageError>),
    Skipped,
    Failed { source: String, reason: String },
}

pub fn ingest(args: IngestArgs) -> anyhow::Result<Status> {
    super::check_paths(&args.paths)?;
    let pipeline = Pipeline::new(Extractor::new(args.input.limits()), default_stages());
    pipeline.check()?;
    let mut store = Store::open(&args.db.db)?;
    // A second, read-only connection lets the reading thread skip stored documents before analysis.
    let mut reader = if args.force { None } else { Some(Store::open_with(&args.db.db, &StoreOptions::read_only())?) };
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())).max(1);
    let opts = Options { published: args.published, url: None };
    let bar = output::progress(args.input.quiet);
    let mut summary = IngestSummary { database: store.location().to_string(), ..IngestSummary::default() };
    let (paths, pipeline) = (&args.paths, &pipeline);

    std::thread::scope(|scope| -> anyhow::Result<()> {
        // bounded queues: reading never runs far ahead of analysis, memory stays flat
        let (work_tx, work_rx) = sync_channel::<Item>(threads * 2);
        let (done_tx, done_rx) = sync_channel::<Item>(threads * 2);
        let to_writer = done_tx.clone();
        let opts = &opts;
        scope.spawn(move || {
            for outcome in run_paths(pipeline, paths, opts, false) {
                let item = match outcome {
                    Outcome::Failed { source, reason } => Item::Failed { source, reason },
                    Outcome::Done(doc, _) => {
                        let stored = reader.as_mut().is_some_and(|r| r.has_document(&doc.id).unwrap_or(false));
                        if stored {
                            Item::Skipped
                        } else {
                            Item::Analyze(doc)
                        }
                    }
                };
                let sent = match item {
                    Item::Analyze(_) => work_tx.send(item),
                    _ => to_writer.send(item),
                };
                if sent.is_err() {
                    break; // the writer stopped
                }
            }
        });
        let work_rx = Arc::new(Mutex::new(work_rx));
        for _ in 0..threads {
            let (rx, tx) = (Arc::clone(&work_rx), done_tx.clone());
            scope.spawn(move || loop {
                let next = rx.lock().map_err(|_| ()).and_then(|r| r.recv().map_err(|_| ()));
                let Ok(Item::Analyze(mut doc)) = next else { break };
                let errors = pipeline.analyze(&mut doc);
                if tx.send(Item::Analyzed(doc, errors)).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        // One writer: each document is one transaction.
        for item in done_rx {
            summary.documents += 1;
            match item {
                Item::Skipped => summary.skipped += 1,
                Item::Failed { source, reason } => {
                    summary.failed += 1;
                    output::report_failure(&bar, &source, &reason);
                    store.record_error(&source, &reason)?;
                }
                Item::Analyzed(doc, stage_errors) => {
                    let stored = store.put_document(&doc).with_context(|| format!("storing {}", doc.source))?;
                    match stored.outcome {
                        PutOutcome::Inserted => summary.inserted += 1,
                        PutOutcome::Replaced => summary.replaced += 1,
                        PutOutcome::Unchanged => summary.unchanged += 1,
                    }
                    if stored.outcome != PutOutcome::Unchanged {
                        summary.events += stored.events;
                        summary.new_events += stored.new_clusters;
                        summary.near_duplicates += usize::from(stored.duplicate_of.is_some());
                    }
                    if !stage_errors.is_empty() {
                        summary.failed += 1;
                        let reason = stage_errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
                        output::report_failure(&bar, &doc.source, &reason);
                        store.record_error(&doc.source, &reason)?;
                    }
                }
                Item::Analyze(_) => unreachable!("analysis requests go to the workers"),
            }
            bar.inc(1);
            bar.set_message(format!("{} events, {} errors", summary.events, summary.failed));
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    if args.json {
        let mut out = io::stdout().lock();
        serde_json::to_writer(&mut out, &summary)?;
        writeln!(out)?;
    } else if !args.input.quiet {
        eprintln!(
            "annals: {} documents: {} new, {} replaced, {} unchanged, {} already stored, {} near duplicates; {} events ({} new); {} failed → {}",
            summary.documents,
            summary.inserted,
            summary.replaced,
            summary.unchanged,
            summary.skipped,
            summary.near_duplicates,
            summary.events,
            summary.new_events,
            summary.failed,
            summary.database
        );
    }
    Ok(if summary.failed > 0 { Status::SomeFailed } else { Status::Ok })
}

fn open_read_only(db: &str) -> anyhow::Result<Store> {
    Ok(Store::open_with(db, &StoreOptions::read_only())?)
}

fn cell(s: &str, width: usize) -> String {
    let s = s.replace(['\t', '\n'], " ");
    if s.chars().count() <= width {
        s
    } else {
        let cut: String = s.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn actor_cell(a: &Option<annals_store::ActorView>) -> String {
    a.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn write_table(out: &mut impl Write, events: &[EventSummary]) -> io::Result<()> {
    writeln!(out, "{:<16} {:<10} {:<9} {:<5} {:<28} {:<28} {:<16} {:<12} {:>4} {:>4} {:>4}", "ID", "DATE", "TYPE", "CAMEO", "SOURCE", "TARGET", "PLACE", "FACTUALITY", "CONF", "MENT", "SRCS")?;
    for e in events {
        let date = e.date.clone().or_else(|| e.date_start.clone()).unwrap_or_else(|| "?".into());
        writeln!(
            out,
            "{:<16} {:<10} {:<9} {:<5} {:<28} {:<28} {:<16} {:<12} {:>4.2} {:>4} {:>4}",
            e.id,
            cell(&date, 10),
            e.kind,
            e.cameo,
            cell(&actor_cell(&e.source), 28),
            cell(&actor_cell(&e.target), 28),
            cell(e.place.as_ref().map_or("", |p| p.name.as_str()), 16),
            e.factuality,
            e.confidence,
            e.num_mentions,
            e.num_sources
        )?;
    }
    Ok(())
}

fn write_csv(out: impl Write, events: &[EventSummary]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "id", "date", "date_start", "date_end", "date_precision", "type", "cameo", "source", "source_country", "source_sector",
        "target", "target_country", "target_sector", "place", "place_country", "lat", "lon", "factuality", "num_mentions",
        "num_articles", "num_sources", "first_url", "evidence", "confidence",
    ])?;
    for e in events {
        let s = e.source.clone().unwrap_or_default();
        let t = e.target.clone().unwrap_or_default();
        let p = e.place.clone().unwrap_or_default();
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        let f = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
        w.write_record([
            e.id.to_string(), o(&e.date), o(&e.date_start), o(&e.date_end), e.date_precision.clone(), e.kind.clone(),
            e.cameo.clone(), o(&s.name), o(&s.country), o(&s.sector), o(&t.name), o(&t.country), o(&t.sector), p.name.clone(),
            o(&p.country), f(p.lat), f(p.lon), e.factuality.clone(), e.num_mentions.to_string(), e.num_articles.to_string(),
            e.num_sources.to_string(), o(&e.first_url), e.evidence.clone(), e.confidence.to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

pub fn events(args: EventsArgs) -> anyhow::Result<Status> {
    let query = EventQuery {
        from: args.from,
        to: args.to,
        actor: args.actor,
        country: args.country,
        kind: args.kind,
        factuality: args.factuality,
        place: args.place,
        text: args.text,
        min_confidence: Some(args.min_confidence),
        limit: Some(args.limit),
        offset: args.offset,
    };
    // bad options are refused before the database is touched
    query.validate()?;
    let mut store = open_read_only(&args.db.db)?;
    let events = store.events(&query)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        TableFormat::Table => write_table(&mut out, &events)?,
        TableFormat::Json => {
            for e in &events {
                serde_json::to_writer(&mut out, e)?;
                writeln!(out)?;
            }
        }
        TableFormat::Csv => write_csv(&mut out, &events)?,
    }
    out.flush()?;
    Ok(Status::Ok)
}

pub fn show(args: ShowArgs) -> anyhow::Result<Status> {
    let mut store = open_read_only(&args.db.db)?;
    let shown = store.show(&args.id)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match (args.format, &shown) {
        (ReportFormat::Json, _) => {
            serde_json::to_writer_pretty(&mut out, &shown)?;
            writeln!(out)?;
        }
        (ReportFormat::Text, Shown::Event(e)) => write!(out, "{e}")?,
        (ReportFormat::Text, Shown::Document(d)) => {
            output::write_text(&mut out, &d.document)?;
            writeln!(out, "stored:    {}", d.ingested_at)?;
            writeln!(out, "story:     {} ({} other documents)", d.story_id, d.story_documents.len())?;
            for other in &d.story_documents {
                writeln!(out, "           {other}")?;
            }
            for (ev, cluster) in d.document.events.iter().zip(&d.event_ids) {
                writeln!(out, "event:     {cluster} {} {} confidence {:.2} \"{}\"", ev.kind, ev.cameo, ev.confidence, ev.evidence)?;
            }
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}

pub fn stats(args: StatsArgs) -> anyhow::Result<Status> {
    let mut store = open_read_only(&args.db.db)?;
    let stats = store.stats()?;
    let problems = if args.check { Some(store.integrity_check()?) } else { None };
    let errors = store.errors(10)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ReportFormat::Json => {
            let mut v = serde_json::to_value(&stats)?;
            if let Some(p) = &problems {
                v["problems"] = serde_json::json!(p);
            }
            serde_json::to_writer(&mut out, &v)?;
            writeln!(out)?;
        }
        ReportFormat::Text => {
            writeln!(out, "{stats}")?;
            for (source, reason, at) in &errors {
                writeln!(out, "  error {at} {source}: {reason}")?;
            }
            if let Some(p) = &problems {
                if p.is_empty() {
                    writeln!(out, "check        ok")?;
                }
                for problem in p {
                    writeln!(out, "check        {problem}")?;
                }
            }
        }
    }
    out.flush()?;
    let inconsistent = problems.is_some_and(|p| !p.is_empty());
    Ok(if inconsistent { Status::SomeFailed } else { Status::Ok })
}

pub fn export(args: ExportArgs) -> anyhow::Result<Status> {
    let format = match args.format {
        ExportFormatArg::Jsonl => ExportFormat::Jsonl,
        ExportFormatArg::Csv => ExportFormat::Csv,
        ExportFormatArg::Gdelt => ExportFormat::Gdelt,
        ExportFormatArg::Plover => ExportFormat::Plover,
        ExportFormatArg::Parquet => ExportFormat::Parquet,
    };
    // a bad threshold is refused before the database is touched
    let options = ExportOptions { min_confidence: Some(annals_store::parse_min_confidence("--min-confidence", &args.min_confidence)?) };
    let mut store = open_read_only(&args.db.db)?;
    match &args.out {
        None => {
            if format == ExportFormat::Parquet && io::IsTerminal::is_terminal(&io::stdout()) {
                anyhow::bail!("Parquet is binary: give --out FILE or redirect standard output");
            }
            let mut out = BufWriter::new(io::stdout());
            store.export_with(format, &mut out, &options)?;
            out.flush()?;
        }
        Some(path) => {
            // written aside and renamed: a failed export never leaves half a file under the name
            let partial = path.with_file_name(format!(
                ".{}.partial",
                path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "export".into())
            ));
            let file = std::fs::File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
            let mut out = BufWriter::new(file);
            let result = store.export_with(format, &mut out, &options).map_err(anyhow::Error::from).and_then(|n| {
                out.flush()?;
                out.get_ref().sync_all()?;
                Ok(n)
            });
            drop(out);
            match result {
                Ok(n) => {
                    std::fs::rename(&partial, path).with_context(|| format!("cannot write {}", path.display()))?;
                    eprintln!("annals: {n} records → {}", path.display());
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&partial);
                    return Err(e);
                }
            }
        }
    }
    Ok(Status::Ok)
}

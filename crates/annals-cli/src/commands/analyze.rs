//! `annals analyze`: the whole pipeline, printed, nothing stored.

use std::io::{self, BufWriter, Read, Write};

use annals_extract::Extractor;
use annals_pipeline::{default_stages, run_paths, Options, Outcome, Pipeline};

use crate::cli::{AnalyzeArgs, JsonFormat};
use crate::output;
use crate::Status;

pub fn run(args: AnalyzeArgs) -> anyhow::Result<Status> {
    super::check_paths(&args.paths)?;
    let pipeline = Pipeline::new(Extractor::new(args.input.limits()), default_stages());
    pipeline.check()?;
    let opts = Options { published: args.published, url: args.url.clone() };
    let bar = output::progress(args.input.quiet);
    let mut failed = 0usize;
    let mut docs = Vec::new();
    let mut handle = |outcome: Outcome, docs: &mut Vec<annals_core::Document>| {
        match outcome {
            Outcome::Failed { source, reason } => {
                failed += 1;
                output::report_failure(&bar, &source, &reason);
            }
            Outcome::Done(doc, stage_errors) => {
                for e in &stage_errors {
                    output::report_failure(&bar, &doc.source, &e.to_string());
                }
                docs.push(*doc);
            }
        }
        bar.inc(1);
    };
    let (stdin, files): (Vec<_>, Vec<_>) = args.paths.iter().cloned().partition(|p| p.as_os_str() == "-");
    if !stdin.is_empty() {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes)?;
        for item in annals_ingest::read_bytes("-", bytes, pipeline.extractor().limits()) {
            let outcome = match item {
                Err(e) => Outcome::Failed { source: e.source, reason: e.reason },
                Ok(raw) => match pipeline.process(raw, &opts) {
                    Ok((doc, errors)) => Outcome::Done(Box::new(doc), errors),
                    Err(e) => Outcome::Failed { source: e.source_name().to_string(), reason: e.to_string() },
                },
            };
            handle(outcome, &mut docs);
        }
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for outcome in run_paths(&pipeline, &files, &opts, true) {
        handle(outcome, &mut docs);
        // stream when the output is JSON Lines; memory stays flat
        if args.format == JsonFormat::Jsonl {
            for doc in docs.drain(..) {
                output::write_jsonl(&mut out, &doc)?;
            }
        }
    }
    bar.finish_and_clear();
    match (args.format, docs.len()) {
        (JsonFormat::Json, 1) => output::write_pretty(&mut out, &docs[0])?,
        _ => {
            for doc in &docs {
                output::write_jsonl(&mut out, doc)?;
            }
        }
    }
    out.flush()?;
    Ok(if failed > 0 { Status::SomeFailed } else { Status::Ok })
}

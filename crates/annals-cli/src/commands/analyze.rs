//! `annals analyze`: the whole pipeline, printed, nothing stored.

use std::io::{self, BufWriter, Read};

use annals_extract::Extractor;
use annals_pipeline::{default_stages, run_paths, Options, Outcome, Pipeline};

use crate::cli::{AnalyzeArgs, JsonFormat};
use crate::output::{self, DocStyle, DocWriter};
use crate::Status;

pub fn run(args: AnalyzeArgs) -> anyhow::Result<Status> {
    super::check_paths(&args.paths)?;
    let pipeline = Pipeline::new(Extractor::new(args.input.limits()), default_stages());
    pipeline.check()?;
    let opts = Options { published: args.published, url: args.url.clone() };
    let style = match args.format {
        JsonFormat::Json => DocStyle::Json,
        JsonFormat::Jsonl => DocStyle::Jsonl,
    };
    let bar = output::progress(args.input.quiet);
    let mut writer = DocWriter::new(BufWriter::new(io::stdout().lock()), style);
    let mut failed = 0usize;
    let mut handle = |outcome: Outcome, writer: &mut DocWriter<_>| -> io::Result<()> {
        match outcome {
            Outcome::Failed { source, reason } => {
                failed += 1;
                output::report_failure(&bar, &source, &reason);
            }
            Outcome::Done(doc, stage_errors) => {
                for e in &stage_errors {
                    output::report_failure(&bar, &doc.source, &e.to_string());
                }
                writer.write(*doc)?;
            }
        }
        bar.inc(1);
        bar.set_message(format!("{failed} failed"));
        Ok(())
    };
    let (stdin, files): (Vec<_>, Vec<_>) = args.paths.iter().cloned().partition(|p| p.as_os_str() == "-");
    if !stdin.is_empty() {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes)?;
        for item in annals_ingest::read_bytes("-", bytes, pipeline.extractor().limits()) {
            let outcome = match item {
                Err(e) => Outcome::Failed { source: e.source, reason: e.reason },
                Ok(raw) => pipeline.run_one(raw, &opts, true),
            };
            handle(outcome, &mut writer)?;
        }
    }
    for outcome in run_paths(&pipeline, &files, &opts, true) {
        handle(outcome, &mut writer)?;
    }
    writer.finish()?;
    bar.finish_and_clear();
    Ok(if failed > 0 { Status::SomeFailed } else { Status::Ok })
}

//! `annals extract`: clean articles only.

use std::io::{self, BufWriter, Write};

use annals_extract::Extractor;
use annals_pipeline::{run_paths, Options, Outcome, Pipeline};

use crate::cli::{DocFormat, ExtractArgs};
use crate::output;
use crate::Status;

pub fn run(args: ExtractArgs) -> anyhow::Result<Status> {
    super::check_paths(&args.paths)?;
    let pipeline = Pipeline::new(Extractor::new(args.input.limits()), Vec::new());
    let opts = Options::default();
    let bar = output::progress(args.input.quiet);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    // With --format json, a lone document is pretty-printed; it is held back until a second one shows up.
    let mut first: Option<annals_core::Document> = None;
    let mut count = 0usize;
    for outcome in run_paths(&pipeline, &args.paths, &opts, false) {
        match outcome {
            Outcome::Failed { source, reason } => {
                failed += 1;
                output::report_failure(&bar, &source, &reason);
            }
            Outcome::Done(doc, _) => {
                count += 1;
                match args.format {
                    DocFormat::Text => output::write_text(&mut out, &doc)?,
                    DocFormat::Jsonl => output::write_jsonl(&mut out, &doc)?,
                    DocFormat::Json => {
                        if count == 1 {
                            first = Some(*doc);
                        } else {
                            if let Some(f) = first.take() {
                                output::write_jsonl(&mut out, &f)?;
                            }
                            output::write_jsonl(&mut out, &doc)?;
                        }
                    }
                }
            }
        }
        bar.inc(1);
        bar.set_message(format!("{failed} failed"));
    }
    if let Some(f) = first {
        output::write_pretty(&mut out, &f)?;
    }
    out.flush()?;
    bar.finish_and_clear();
    Ok(if failed > 0 { Status::SomeFailed } else { Status::Ok })
}

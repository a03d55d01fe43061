//! `annals extract`: clean articles only.

use std::io::{self, BufWriter};

use annals_extract::Extractor;
use annals_pipeline::{Options, Outcome, Pipeline};

use crate::cli::{DocFormat, ExtractArgs};
use crate::output::{self, DocStyle, DocWriter};
use crate::Status;

pub fn run(args: ExtractArgs) -> anyhow::Result<Status> {
    super::check_paths(&args.paths)?;
    let pipeline = Pipeline::new(Extractor::new(args.input.limits()), Vec::new());
    let style = match args.format {
        DocFormat::Json => DocStyle::Json,
        DocFormat::Jsonl => DocStyle::Jsonl,
        DocFormat::Text => DocStyle::Text,
    };
    let bar = output::progress(args.input.quiet);
    let mut writer = DocWriter::new(BufWriter::new(io::stdout().lock()), style);
    let mut failed = 0usize;
    super::for_each_outcome(&pipeline, &args.paths, &Options::default(), false, |outcome| {
        match outcome {
            Outcome::Failed { source, reason } => {
                failed += 1;
                output::report_failure(&bar, &source, &reason);
            }
            Outcome::Done(doc, _) => writer.write(*doc)?,
        }
        bar.inc(1);
        bar.set_message(format!("{failed} failed"));
        Ok(())
    })?;
    writer.finish()?;
    bar.finish_and_clear();
    Ok(if failed > 0 { Status::SomeFailed } else { Status::Ok })
}

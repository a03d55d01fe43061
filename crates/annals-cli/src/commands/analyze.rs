//! `annals analyze`: the whole pipeline, printed, nothing stored.

use std::io::{self, BufWriter};

use annals_extract::Extractor;
use annals_pipeline::{default_stages, Options, Outcome, Pipeline};

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
    super::for_each_outcome(&pipeline, &args.paths, &opts, true, |outcome| {
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
    })?;
    writer.finish()?;
    bar.finish_and_clear();
    Ok(if failed > 0 { Status::SomeFailed } else { Status::Ok })
}

//! `annals eval <stage>`: each stage scored against its public gold set.

use anyhow::Context;

use crate::cli::{EvalCommand, ReportFormat};
use crate::Status;

fn shared_data() -> anyhow::Result<std::path::PathBuf> {
    annals_eval::shared_data_dir().context("the shared data folder was not found beside the checkout (../shared/data); set ANNALS_SHARED to the folder that holds data/")
}

/// Prints a report as text or JSON.
fn print<R: serde::Serialize + std::fmt::Display>(report: &R, format: ReportFormat) -> anyhow::Result<()> {
    match format {
        ReportFormat::Text => print!("{report}"),
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(report)?),
    }
    Ok(())
}

pub fn run(cmd: EvalCommand) -> anyhow::Result<Status> {
    match cmd {
        EvalCommand::Extraction { dir, show, format } => {
            let dir = match dir {
                Some(d) => d,
                None => shared_data()?.join("extraction/scrapinghub"),
            };
            let report = annals_eval::extraction::evaluate(&dir, &annals_extract::Extractor::default(), show)?;
            print(&report, format)?;
        }
        EvalCommand::Language { format } => {
            let data = shared_data()?;
            let report = annals_analyze::eval::evaluate(&annals_analyze::data::Corpora::new(&data))?;
            print(&report, format)?;
            println!();
        }
    }
    Ok(Status::Ok)
}

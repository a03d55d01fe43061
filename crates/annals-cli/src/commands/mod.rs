//! One module per subcommand.

mod analyze;
mod eval;
mod extract;
#[cfg(feature = "scale")]
mod scale;
mod serve;
mod store;
mod train;

use crate::cli::{Cli, Command};
use crate::Status;

pub fn run(cli: Cli) -> anyhow::Result<Status> {
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Analyze(args) => analyze::run(args),
        Command::Eval(cmd) => eval::run(cmd),
        Command::Ingest(args) => store::ingest(args),
        Command::Events(args) => store::events(args),
        Command::Show(args) => store::show(args),
        Command::Stats(args) => store::stats(args),
        Command::Export(args) => store::export(args),
        Command::Serve(args) => serve::run(args),
        Command::TrainVerifier(args) => train::verifier(args),
        #[cfg(feature = "scale")]
        Command::Enqueue(args) => scale::enqueue(args),
        #[cfg(feature = "scale")]
        Command::Worker(args) => scale::worker(args),
        #[cfg(feature = "scale")]
        Command::Status(args) => scale::status(args),
    }
}

/// Refuses paths that do not exist before any work starts (a usage error, exit 2).
fn check_paths(paths: &[std::path::PathBuf]) -> anyhow::Result<()> {
    for p in paths {
        if p.as_os_str() != "-" && !p.exists() {
            anyhow::bail!("{}: no such file or directory", p.display());
        }
    }
    Ok(())
}

/// Runs `pipeline` over the inputs, standard input first where a path is `-`,
/// and hands each outcome to `handle` in order.
fn for_each_outcome(
    pipeline: &annals_pipeline::Pipeline,
    paths: &[std::path::PathBuf],
    opts: &annals_pipeline::Options,
    analyze: bool,
    mut handle: impl FnMut(annals_pipeline::Outcome) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let (stdin, files): (Vec<_>, Vec<_>) = paths.iter().cloned().partition(|p| p.as_os_str() == "-");
    if !stdin.is_empty() {
        // streamed: the limits apply while reading, not after
        for outcome in annals_pipeline::run_stream(pipeline, "-", std::io::stdin(), opts, analyze) {
            handle(outcome)?;
        }
    }
    for outcome in annals_pipeline::run_paths(pipeline, &files, opts, analyze) {
        handle(outcome)?;
    }
    Ok(())
}

//! The `annals` command.
//!
//! Exit status: 0 when everything went through, 1 when some documents failed
//! (each is reported on standard error and the batch goes on), 2 for usage or
//! configuration errors. A closed pipe (`annals … | head`) ends quietly.

mod cli;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

/// What a command achieved, mapped to the exit status.
pub enum Status {
    /// Everything went through.
    Ok,
    /// Some documents failed; the others are in the output.
    SomeFailed,
}

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(Status::Ok) => ExitCode::SUCCESS,
        Ok(Status::SomeFailed) => ExitCode::from(1),
        Err(e) => {
            if output::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("annals: {e:#}");
            ExitCode::from(2)
        }
    }
}

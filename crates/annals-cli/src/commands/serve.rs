//! `annals serve`: the HTTP API and web page over a store.

use annals_serve::Config;

use crate::cli::ServeArgs;
use crate::Status;

pub fn run(args: ServeArgs) -> anyhow::Result<Status> {
    let config = Config { db: args.db.db, allow_ingest: args.allow_ingest, token: args.token, max_body_bytes: args.max_body };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(annals_serve::serve(&config, args.addr))?;
    Ok(Status::Ok)
}

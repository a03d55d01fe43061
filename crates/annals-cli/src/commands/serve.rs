//! `annals serve`: the HTTP API and web page over a store.

use annals_serve::{Config, ConnectionLimits};

use crate::cli::ServeArgs;
use crate::Status;

pub fn run(args: ServeArgs) -> anyhow::Result<Status> {
    let connections = ConnectionLimits {
        header_read_timeout: std::time::Duration::from_secs(args.header_timeout),
        request_timeout: std::time::Duration::from_secs(args.request_timeout),
        max_connections: args.max_connections,
    };
    let config = Config { db: args.db.db, allow_ingest: args.allow_ingest, token: args.token, max_body_bytes: args.max_body, connections };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(annals_serve::serve(&config, args.addr))?;
    Ok(Status::Ok)
}

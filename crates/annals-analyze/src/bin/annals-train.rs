//! Rebuilds the models in `models/` from the shared corpora.
//!
//! `cargo run --release -p annals-analyze --bin annals-train -- --shared ../shared --out models/ [--only pos,parser,sentences,ner,actors] [--dev]`

use std::path::PathBuf;

fn main() {
    let mut shared = annals_analyze::data::shared_root();
    let mut out = PathBuf::from("models");
    let mut only: Option<Vec<String>> = None;
    let mut dev = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--shared" => shared = PathBuf::from(args.next().expect("--shared PATH")),
            "--out" => out = PathBuf::from(args.next().expect("--out PATH")),
            "--only" => only = Some(args.next().expect("--only LIST").split(',').map(String::from).collect()),
            "--dev" => dev = true,
            "-h" | "--help" => {
                println!("annals-train [--shared PATH] [--out DIR] [--only pos,parser,sentences,ner,actors] [--dev]");
                println!("  --dev  also print development-set scores (never the test sets)");
                return;
            }
            other => {
                eprintln!("annals-train: unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let opts = annals_analyze::train::TrainOptions { shared, out, only, report_dev: dev };
    if let Err(e) = annals_analyze::train::train(&opts, &mut |line| eprintln!("{line}")) {
        eprintln!("annals-train: {e}");
        std::process::exit(1);
    }
}

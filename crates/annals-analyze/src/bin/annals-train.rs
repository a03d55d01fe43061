//! Rebuilds the models in `models/` from the shared corpora.
//!
//! `cargo run --release -p annals-analyze --bin annals-train -- --shared ../shared --out models/ [--only pos,parser,sentences,ner,actors] [--dev] [--export-ner DIR] [--ner-silver FILE | --no-ner-silver]`

use std::path::PathBuf;

fn main() {
    let mut shared = annals_analyze::data::shared_root();
    let mut out = PathBuf::from("models");
    let mut only: Option<Vec<String>> = None;
    let mut dev = false;
    let mut export_ner: Option<PathBuf> = None;
    let mut ner_silver: Option<PathBuf> = Some(PathBuf::from(annals_analyze::train::COMMITTED_SILVER));
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--shared" => shared = PathBuf::from(args.next().expect("--shared PATH")),
            "--out" => out = PathBuf::from(args.next().expect("--out PATH")),
            "--only" => only = Some(args.next().expect("--only LIST").split(',').map(String::from).collect()),
            "--dev" => dev = true,
            "--ner-silver" => ner_silver = Some(PathBuf::from(args.next().expect("--ner-silver FILE"))),
            "--no-ner-silver" => ner_silver = None,
            "--export-ner" => export_ner = Some(PathBuf::from(args.next().expect("--export-ner DIR"))),
            "-h" | "--help" => {
                println!("annals-train [--shared PATH] [--out DIR] [--only pos,parser,sentences,ner,actors] [--dev] [--export-ner DIR] [--ner-silver FILE | --no-ner-silver]");
                println!("  --dev  also print development-set scores (never the test sets)");
                println!("  --ner-silver FILE  silver entity labels of EWT train (models/tools/ner_teacher.py) for the entity model of text written");
                println!("                     without capitals (default: models/ewt-train-silver-ner.tsv.gz); --no-ner-silver trains it on gold only");
                println!("  --export-ner DIR  write the entity training and development sentences as text for the teacher (models/tools/ner_teacher.py)");
                return;
            }
            other => {
                eprintln!("annals-train: unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let opts = annals_analyze::train::TrainOptions { shared, out, only, report_dev: dev, export_ner, ner_silver };
    if let Err(e) = annals_analyze::train::train(&opts, &mut |line| eprintln!("{line}")) {
        eprintln!("annals-train: {e}");
        std::process::exit(1);
    }
}

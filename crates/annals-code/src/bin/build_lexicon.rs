//! Rebuilds `data/lexicon.json.gz` from the shared data folder.
//!
//! `cargo run -p annals-code --bin annals-code-build-lexicon -- ../shared/data`

fn main() {
    let data = std::env::args().nth(1).unwrap_or_else(|| "../shared/data".to_string());
    let lex = match annals_code::Lexicon::build(std::path::Path::new(&data)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot build the lexicon: {e}");
            std::process::exit(1);
        }
    };
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lexicon.json.gz");
    let bytes = lex.to_gz();
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("cannot write {}: {e}", out.display());
        std::process::exit(1);
    }
    let patterns: usize = lex.verbs.entries.iter().map(|e| e.patterns.len()).sum();
    println!(
        "{}: {} bytes; {} verb blocks, {} patterns, {} synsets, {} agents, {} CAMEO codes, {} PLOVER mappings, {} capitals",
        out.display(),
        bytes.len(),
        lex.verbs.entries.len(),
        patterns,
        lex.verbs.synsets.len(),
        lex.agents.len(),
        lex.cameo.len(),
        lex.plover.len(),
        lex.capitals.len()
    );
}

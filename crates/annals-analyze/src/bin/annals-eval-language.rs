//! Prints the language layer's evaluation on held-out data (`--json` for JSON, `--dev` for the development figures).

fn main() {
    let json = std::env::args().any(|a| a == "--json");
    let shared = std::env::args().skip_while(|a| a != "--shared").nth(1).map(std::path::PathBuf::from).unwrap_or_else(annals_analyze::data::shared_root);
    let corpora = annals_analyze::data::Corpora::new(&shared);
    if std::env::args().any(|a| a == "--dev") {
        match annals_analyze::eval::evaluate_dev(&corpora) {
            Ok(r) => println!("{r}"),
            Err(e) => {
                eprintln!("annals-eval-language: {e}");
                std::process::exit(1);
            }
        }
        return;
    }
    match annals_analyze::eval::evaluate(&corpora) {
        Ok(r) if json => println!("{}", serde_json::to_string_pretty(&r).expect("report serializes")),
        Ok(r) => println!("{r}"),
        Err(e) => {
            eprintln!("annals-eval-language: {e}");
            std::process::exit(1);
        }
    }
}

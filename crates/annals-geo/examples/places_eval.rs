//! Prints the place evaluation and the mentions the fallback missed (development aid).
fn main() {
    let path = std::env::args().nth(1).map(std::path::PathBuf::from).unwrap_or_else(|| annals_geo::repo_dir().join("eval/places.tsv"));
    let report = annals_geo::eval::evaluate_file(&path).expect("evaluation runs");
    println!("{report}");
    println!("fallback missed: {:?}", report.fallback_missed);
}

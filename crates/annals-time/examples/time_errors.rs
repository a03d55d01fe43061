//! Prints the evaluation figures and wrong values on a TimeML folder (development aid).
fn main() {
    let dir = std::env::args().nth(1).map(std::path::PathBuf::from).unwrap_or_else(|| annals_time::shared_dir().join("data/time/timebank"));
    let with_dct = std::env::args().nth(2).as_deref() != Some("--no-date");
    let report = annals_time::eval::evaluate_timeml(&dir, with_dct).expect("evaluation runs");
    println!("{report}");
    for (text, gold, got) in &report.value_errors {
        println!("  {text:<30} gold {gold:<14} got {got}");
    }
    for (text, gold) in &report.missed {
        println!("  MISSED {text:<30} gold {gold}");
    }
}

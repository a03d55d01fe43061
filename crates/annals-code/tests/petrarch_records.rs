//! Scores the coder on the PETRARCH2 unit-test records (skips without the shared data).

use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let p = match std::env::var("ANNALS_SHARED") {
        Ok(d) => PathBuf::from(d),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    let p = p.join("data/events/petrarch2");
    p.is_dir().then_some(p)
}

#[test]
fn petrarch_unit_test_records() {
    let Some(dir) = shared() else {
        println!("SKIP: shared data not found (set ANNALS_SHARED to the folder holding data/)");
        return;
    };
    let show = std::env::var("SHOW").is_ok();
    let report = annals_code::eval::petrarch::evaluate(&dir, None, show).unwrap();
    println!("{report}");
    assert_eq!(report.total.records, 284);
    // 385 <EventCoding> elements: 359 codings (one more is commented out), 19 "noevents", 6 errors, 1 commented
    assert_eq!(report.total.expected, 359);
    let recall = report.total.found as f64 / report.total.expected as f64;
    let precision = report.total.correct as f64 / report.total.produced.max(1) as f64;
    // regression floors below the measured figures (docs/events.md); since 2026-11-28 (session 4) the
    // records' own `<Config option="require_dyad">` is applied, which codes one-actor events in 13
    // records, some of which the gold leaves out (precision 0.893 then)
    assert!(recall >= 0.86, "recall {recall:.3}");
    assert!(precision >= 0.88, "precision {precision:.3}");
}

//! Evaluations of the coder: PETRARCH unit-test records, the factuality test set, general news.

pub mod factuality;
pub mod news;
pub mod petrarch;

/// `a / b` as a score, 0 when there is nothing to divide by.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

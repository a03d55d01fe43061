//! Evaluations of the coder: PETRARCH unit-test records and the factuality test set.

pub mod factuality;
pub mod petrarch;

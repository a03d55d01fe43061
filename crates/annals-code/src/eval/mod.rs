//! Evaluations of the coder: PETRARCH unit-test records, the factuality test set, general news.

pub mod factuality;
pub mod news;
pub mod petrarch;

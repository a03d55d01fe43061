//! Evaluation: each stage scored against a public gold set.
//!
//! The gold sets live in the shared data folder beside the checkout
//! (`../shared/data`, or `$ANNALS_SHARED/data`), never in the repository;
//! [`shared_data_dir`] finds it.
#![deny(missing_docs)]

pub mod extraction;
pub mod news_corpus;

use std::path::PathBuf;

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The gold set is not where it should be.
    #[error("gold set not found at {0} (set ANNALS_SHARED to the folder that holds data/)")]
    Missing(PathBuf),
    /// A gold file could not be read or parsed.
    #[error("{path}: {reason}")]
    Gold {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

/// The shared data folder: `$ANNALS_SHARED/data`, else `../shared/data` from
/// the current directory or from the repository root this crate was built in.
pub fn shared_data_dir() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("ANNALS_SHARED") {
        let p = PathBuf::from(dir).join("data");
        return p.is_dir().then_some(p);
    }
    let from_cwd = PathBuf::from("../shared/data");
    if from_cwd.is_dir() {
        return Some(from_cwd);
    }
    let from_repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    from_repo.is_dir().then_some(from_repo)
}

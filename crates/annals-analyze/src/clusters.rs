//! Word clusters from the static word-piece embeddings of all-MiniLM-L6-v2
//! (`models/minilm-clusters.tsv.gz`, built by `models/tools/minilm_clusters.py`).
//!
//! Words rare in the entity tagger's training data get no identity features;
//! their cluster ("kerala" sits with "tamil", "mumbai", "karnataka") tells the
//! tagger what kind of word they are. A word is looked up whole (lower case,
//! as the uncased WordPiece vocabulary is); otherwise its longest leading
//! word piece stands for it, marked as a piece.

use rustc_hash::FxHashMap;

use crate::binio::{Reader, Writer};
use crate::Error;

/// Word piece → (coarse cluster, fine cluster).
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    table: FxHashMap<String, (u16, u16)>,
}

/// A cluster as the feature string the tagger was trained on (`95`, `p7` when only a
/// leading piece matched, `-` for none), held inline: a lookup per word allocates nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ClusterName {
    bytes: [u8; 6],
    len: u8,
}

impl ClusterName {
    const NONE: ClusterName = ClusterName { bytes: [b'-', 0, 0, 0, 0, 0], len: 1 };

    fn new(id: u16, piece: bool) -> Self {
        let mut out = ClusterName { bytes: [0; 6], len: 0 };
        if piece {
            out.push(b'p');
        }
        let (mut digits, mut k, mut v) = ([0u8; 5], 0, id);
        loop {
            digits[k] = b'0' + (v % 10) as u8;
            k += 1;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        digits[..k].iter().rev().for_each(|&d| out.push(d));
        out
    }

    fn push(&mut self, b: u8) {
        self.bytes[usize::from(self.len)] = b;
        self.len += 1;
    }

    /// The feature string.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).expect("ASCII digits")
    }
}

impl std::fmt::Debug for ClusterName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A word's clusters as feature strings (`-` when it has none).
#[derive(Debug, Clone, Copy)]
pub struct WordClusters {
    /// Coarse cluster (`p` prefix when only a leading piece matched).
    pub coarse: ClusterName,
    /// Fine cluster (same marking).
    pub fine: ClusterName,
}

/// Longest word piece the vocabulary holds (in characters); longer prefixes are not tried.
const MAX_PIECE: usize = 24;

impl Clusters {
    /// Parses the tab-separated table (piece, coarse id, fine id per line).
    pub fn from_tsv(text: &str) -> Result<Self, Error> {
        let mut table = FxHashMap::default();
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
        let none = WordClusters { coarse: ClusterName::NONE, fine: ClusterName::NONE };
        if self.table.is_empty() || !lower.chars().next().is_some_and(char::is_alphanumeric) {
            return none;
        }
        if let Some(&(c, f)) = self.table.get(lower) {
            return WordClusters { coarse: ClusterName::new(c, false), fine: ClusterName::new(f, false) };
        }
        // WordPiece splits at punctuation first; then the longest known leading piece
        let word = lower.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        let mut ends = [0usize; MAX_PIECE];
        let mut n = 0;
        for (i, c) in word.char_indices().take(MAX_PIECE) {
            ends[n] = i + c.len_utf8();
            n += 1;
        }
        for &e in ends[..n].iter().rev() {
            if let Some(&(c, f)) = self.table.get(&word[..e]) {
                return WordClusters { coarse: ClusterName::new(c, true), fine: ClusterName::new(f, true) };
            }
        }
        none
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
        let mut table = FxHashMap::with_capacity_and_hasher(n, Default::default());
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
    fn cluster_names_read_as_the_formatted_ids() {
        for id in [0u16, 7, 10, 95, 100, 9999, 65535] {
            assert_eq!(ClusterName::new(id, false).as_str(), id.to_string());
            assert_eq!(ClusterName::new(id, true).as_str(), format!("p{id}"));
        }
        assert_eq!(ClusterName::NONE.as_str(), "-");
    }

    #[test]
    fn whole_words_then_leading_piece() {
        let c = Clusters::from_tsv("kerala\t3\t95\nver\t1\t7\nverizon\t2\t39\n").expect("parses");
        assert_eq!(c.lookup("kerala").fine.as_str(), "95");
        assert_eq!(c.lookup("verizon").coarse.as_str(), "2");
        assert_eq!(c.lookup("veracity").fine.as_str(), "p7");
        assert_eq!(c.lookup("ver-di").fine.as_str(), "p7");
        assert_eq!(c.lookup("xyz").fine.as_str(), "-");
        assert_eq!(c.lookup(",").coarse.as_str(), "-");
        let mut w = Writer::default();
        c.write(&mut w);
        let bytes = w.into_bytes();
        let back = Clusters::read(&mut Reader::new(&bytes)).expect("reads");
        assert_eq!(back.len(), 3);
        assert_eq!(back.lookup("veracity").fine.as_str(), "p7");
    }
}

//! Near-duplicate detection: MinHash over word shingles with an LSH band index.
//!
//! A document's text becomes the set of its word 4-grams (lower-cased
//! alphanumeric words). [`NUM_HASHES`] MinHash values estimate the Jaccard
//! similarity of two such sets (Broder 1997); the signature is cut into
//! [`BANDS`] bands of [`ROWS`] values and each band hashed to a bucket, so
//! two documents become candidates when any band agrees (LSH). With 24 bands
//! of 3 rows a pair with Jaccard 0.5 is a candidate with probability 0.96,
//! one with 0.2 with probability 0.18: the index finds near duplicates
//! without comparing every pair. Candidates are then verified on the
//! estimated Jaccard and containment (a shortened reprint is contained in the
//! original even when their Jaccard is low).
//!
//! The hashes are written here rather than taken from a crate because they
//! are stored in databases and must never change between versions or
//! platforms (std's hasher makes no such promise).

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 4;
/// MinHash values per signature.
pub const NUM_HASHES: usize = 72;
/// Values per LSH band.
pub const ROWS: usize = 3;
/// LSH bands.
pub const BANDS: usize = NUM_HASHES / ROWS;
/// Estimated Jaccard at or above which two documents are one story.
pub const JACCARD_THRESHOLD: f64 = 0.5;
/// Estimated containment at or above which the shorter document is a cut of the longer.
pub const CONTAINMENT_THRESHOLD: f64 = 0.8;
/// Shingles the shorter document needs before containment alone can link it.
pub const CONTAINMENT_MIN_SHINGLES: u64 = 20;

/// A MinHash signature and the size of the shingle set it summarises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// One minimum per hash function; empty for a text without words.
    pub mins: Vec<u32>,
    /// Number of distinct shingles.
    pub shingles: u64,
}

/// 64-bit FNV-1a.
fn fnv1a(bytes: &[u8], mut h: u64) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The splitmix64 finalizer: a fast bijective mix, used as a family of hash functions.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn seed(i: usize) -> u64 {
    mix(0x9e37_79b9_7f4a_7c15_u64.wrapping_mul(i as u64 + 1))
}

/// Lower-cased alphanumeric words of `text`.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The hashed shingle set of `text` (sorted, distinct).
fn shingles(text: &str) -> Vec<u64> {
    let words = words(text);
    if words.is_empty() {
        return Vec::new();
    }
    let k = SHINGLE_WORDS.min(words.len());
    let mut hashes: Vec<u64> = words
        .windows(k)
        .map(|w| {
            let mut h = FNV_OFFSET;
            for word in w {
                h = fnv1a(word.as_bytes(), h);
                h = fnv1a(&[0x1f], h);
            }
            h
        })
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

impl Signature {
    /// The signature of a text, in time linear in its length.
    pub fn of_text(text: &str) -> Signature {
        let set = shingles(text);
        if set.is_empty() {
            return Signature { mins: Vec::new(), shingles: 0 };
        }
        let mut mins = vec![u32::MAX; NUM_HASHES];
        for &x in &set {
            for (i, m) in mins.iter_mut().enumerate() {
                let h = (mix(x ^ seed(i)) >> 32) as u32;
                if h < *m {
                    *m = h;
                }
            }
        }
        Signature { mins, shingles: set.len() as u64 }
    }

    /// Little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.mins.iter().flat_map(|m| m.to_le_bytes()).collect()
    }

    /// Reads [`to_bytes`](Self::to_bytes) back.
    pub fn from_bytes(bytes: &[u8], shingles: u64) -> Signature {
        let mins = bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        Signature { mins, shingles }
    }

    /// The LSH bucket keys, one per band (none for an empty text).
    pub fn buckets(&self) -> Vec<i64> {
        if self.mins.len() != NUM_HASHES {
            return Vec::new();
        }
        (0..BANDS)
            .map(|band| {
                let mut h = fnv1a(&(band as u32).to_le_bytes(), FNV_OFFSET);
                for m in &self.mins[band * ROWS..(band + 1) * ROWS] {
                    h = fnv1a(&m.to_le_bytes(), h);
                }
                h as i64
            })
            .collect()
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        if self.mins.len() != other.mins.len() || self.mins.is_empty() {
            return 0.0;
        }
        let same = self.mins.iter().zip(&other.mins).filter(|(a, b)| a == b).count();
        same as f64 / self.mins.len() as f64
    }

    /// Estimated share of the smaller set found in the larger one.
    pub fn containment(&self, other: &Signature) -> f64 {
        let j = self.jaccard(other);
        let smaller = self.shingles.min(other.shingles);
        if smaller == 0 {
            return 0.0;
        }
        // |A∩B| = J / (1 + J) · (|A| + |B|)
        let inter = j / (1.0 + j) * (self.shingles + other.shingles) as f64;
        (inter / smaller as f64).min(1.0)
    }

    /// Whether two documents are the same story, with the similarity that decided it.
    pub fn same_story(&self, other: &Signature) -> Option<f64> {
        let j = self.jaccard(other);
        if j >= JACCARD_THRESHOLD {
            return Some(j);
        }
        if self.shingles.min(other.shingles) >= CONTAINMENT_MIN_SHINGLES {
            let c = self.containment(other);
            if c >= CONTAINMENT_THRESHOLD {
                return Some(c);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Foreign ministers of Turkey and Greece met in Ankara on Tuesday to discuss maritime \
        boundaries in the eastern Mediterranean, officials said. The two sides agreed to resume exploratory \
        talks next month and to set up a hotline between their defence ministries. Greek Foreign Minister \
        Nikos Dendias said the meeting was constructive but that differences remained over drilling rights \
        near Crete. Turkish Foreign Minister Mevlut Cavusoglu said Ankara wanted dialogue without preconditions.";

    #[test]
    fn small_edits_stay_similar_and_unrelated_texts_do_not() {
        let a = Signature::of_text(WIRE);
        let edited = WIRE.replace("on Tuesday", "on Tuesday, Sept. 14,").replace("officials said", "the ministries said");
        let b = Signature::of_text(&format!("ANKARA (Reuters) - {edited} Reporting by staff."));
        assert!(a.same_story(&b).is_some(), "jaccard {}", a.jaccard(&b));
        let other = Signature::of_text(
            "Heavy rain flooded parts of Jakarta on Monday, forcing thousands of residents from their homes \
             and closing schools, the disaster agency said. Officials warned more rain was expected this week.",
        );
        assert!(a.same_story(&other).is_none());
        assert!(a.jaccard(&other) < 0.1);
    }

    #[test]
    fn a_shortened_reprint_is_contained() {
        let a = Signature::of_text(WIRE);
        let cut: String = WIRE.split(". ").take(2).collect::<Vec<_>>().join(". ");
        let b = Signature::of_text(&cut);
        assert!(a.jaccard(&b) < 0.75, "jaccard {}", a.jaccard(&b));
        assert!(a.same_story(&b).is_some(), "containment {}", a.containment(&b));
    }

    #[test]
    fn near_duplicates_share_a_bucket() {
        let a = Signature::of_text(WIRE);
        let b = Signature::of_text(&WIRE.replace("constructive", "positive"));
        let shared = a.buckets().iter().filter(|k| b.buckets().contains(k)).count();
        assert!(shared > 0);
        assert_eq!(a.buckets().len(), BANDS);
    }

    #[test]
    fn empty_and_tiny_texts() {
        let e = Signature::of_text("  ... ");
        assert!(e.mins.is_empty() && e.buckets().is_empty());
        assert!(e.same_story(&e).is_none());
        let t = Signature::of_text("Hi there");
        assert_eq!(t.shingles, 1);
        assert_eq!(Signature::from_bytes(&t.to_bytes(), 1), t);
    }

    #[test]
    fn hashes_are_stable() {
        // Stored in databases: a change here breaks existing stores.
        let s = Signature::of_text("the quick brown fox jumps over the lazy dog");
        assert_eq!(s.shingles, 6);
        assert_eq!((s.mins[0], s.mins[71], s.buckets()[23]), (494279156, 326399432, -7933273890778876978));
        assert_eq!(s.buckets()[0], Signature::of_text("The quick, brown fox jumps over the lazy dog!").buckets()[0]);
    }
}

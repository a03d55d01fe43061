//! Averaged multi-class perceptron over hashed string features.
//!
//! Written here rather than taken from a crate: the tagger, parser and entity
//! tagger need allocation-free feature hashing, lazy weight averaging and a
//! compact quantized file format, which no maintained Rust crate combines.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::binio::{Reader, Writer};
use crate::Error;

/// A hasher for keys that are already well-mixed 64-bit feature hashes.
#[derive(Default, Clone, Copy)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Map keyed by pre-hashed features.
pub type FeatMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Final avalanche (splitmix64), so that the map's low bits are uniform.
#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Absorbs `bytes` 8 at a time, each chunk read little-endian (a short last one zero-padded).
#[inline]
fn absorb(h: u64, bytes: &[u8]) -> u64 {
    let mut h = h;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h = (h.rotate_left(5) ^ u64::from_le_bytes(chunk.try_into().expect("8 bytes"))).wrapping_mul(SEED);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = (h.rotate_left(5) ^ short_le(rest)).wrapping_mul(SEED);
    }
    (h.rotate_left(5) ^ bytes.len() as u64).wrapping_mul(SEED)
}

/// 1 to 7 bytes read little-endian, zero-padded, without a loop over the bytes: two
/// overlapping reads put the same byte at the same place twice, which the `|` leaves alone.
#[inline]
fn short_le(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 4 {
        let lo = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let hi = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
        lo | hi << (8 * (n - 4))
    } else {
        u64::from(b[0]) | u64::from(b[n / 2]) << (8 * (n / 2)) | u64::from(b[n - 1]) << (8 * (n - 1))
    }
}

/// [`absorb`] of the concatenation of `parts`, without building it.
#[inline]
fn absorb_concat(mut h: u64, parts: &[&str]) -> u64 {
    let (mut v, mut k, mut len) = (0u64, 0usize, 0usize);
    for p in parts {
        len += p.len();
        for &b in p.as_bytes() {
            v |= u64::from(b) << (8 * k);
            k += 1;
            if k == 8 {
                h = (h.rotate_left(5) ^ v).wrapping_mul(SEED);
                (v, k) = (0, 0);
            }
        }
    }
    if k > 0 {
        h = (h.rotate_left(5) ^ v).wrapping_mul(SEED);
    }
    (h.rotate_left(5) ^ len as u64).wrapping_mul(SEED)
}

/// Hash of a feature template id and one string value.
#[inline]
pub fn f1(tpl: u32, a: &str) -> u64 {
    mix(absorb(u64::from(tpl).wrapping_mul(SEED), a.as_bytes()))
}

/// A running hash `h` extended by one string value (for sequences of words).
#[inline]
pub fn chain(h: u64, a: &str) -> u64 {
    mix(absorb(h.wrapping_mul(SEED) ^ 0x9999, a.as_bytes()))
}

/// Hash of a feature template id and two string values.
#[inline]
pub fn f2(tpl: u32, a: &str, b: &str) -> u64 {
    mix(absorb(absorb(u64::from(tpl).wrapping_mul(SEED), a.as_bytes()), b.as_bytes()))
}

/// Hash of a feature template id and three string values.
#[inline]
pub fn f3(tpl: u32, a: &str, b: &str, c: &str) -> u64 {
    let h = absorb(absorb(u64::from(tpl).wrapping_mul(SEED), a.as_bytes()), b.as_bytes());
    mix(absorb(h, c.as_bytes()))
}

/// Hash of a feature template id and values each given as pieces to concatenate:
/// `f_parts(tpl, &[&[a, "/", b], &[c]])` equals `f2(tpl, &format!("{a}/{b}"), c)`
/// without building the string, so models trained on joined strings stay valid.
#[inline]
pub fn f_parts(tpl: u32, values: &[&[&str]]) -> u64 {
    mix(values.iter().fold(u64::from(tpl).wrapping_mul(SEED), |h, parts| absorb_concat(h, parts)))
}

/// Classes whose weights live in the feature's slot itself: the parser's transitions,
/// the entity tagger and the sentence model score with one memory read per feature.
const INLINE_MAX: usize = 8;

/// The second word of an empty slot: no row is `u32::MAX`, and its bits as a weight are a
/// NaN, which no trained weight is.
const EMPTY: u32 = u32::MAX;

/// A trained, averaged perceptron ready to score.
///
/// Features are kept by the low 32 bits of their hash (collisions among a million
/// features are negligible, and the files shrink by a third) in an open-addressing
/// table: a slot holds the key, then either the class weights' bits (up to
/// [`INLINE_MAX`] classes) or the row of `weights` that holds them. A probe usually
/// reads one cache line, where a general map reads its control bytes, its buckets and
/// then the weights.
#[derive(Debug, Clone, Default)]
pub struct Perceptron {
    n_classes: usize,
    /// `stride` words per slot; the number of slots is a power of two (or zero)
    slots: Vec<u32>,
    /// features held
    len: usize,
    /// weights in the slots (`n_classes <= INLINE_MAX`), else rows of `weights`
    inline: bool,
    weights: Vec<f32>,
}

/// The first slot to try for a stored key: its low bits, uniform already (the key is
/// part of a mixed hash).
#[inline]
fn home(key: u32, n_slots: usize) -> usize {
    key as usize & (n_slots - 1)
}

impl Perceptron {
    fn empty(n_classes: usize) -> Self {
        Perceptron { n_classes, inline: n_classes <= INLINE_MAX, ..Perceptron::default() }
    }

    #[inline]
    fn stride(&self) -> usize {
        if self.inline {
            1 + self.n_classes
        } else {
            2
        }
    }

    /// Start of the slot holding `key`.
    #[inline]
    fn find(&self, key: u32) -> Option<usize> {
        let stride = self.stride();
        let n_slots = self.slots.len() / stride;
        if n_slots == 0 {
            return None;
        }
        let mut i = home(key, n_slots);
        loop {
            let at = i * stride;
            if self.slots[at + 1] == EMPTY {
                return None;
            }
            if self.slots[at] == key {
                return Some(at);
            }
            i = (i + 1) & (n_slots - 1);
        }
    }

    /// Room for `n` features at a load of at most one half.
    fn reserve(&mut self, n: usize) {
        let stride = self.stride();
        if n * 2 <= self.slots.len() / stride {
            return;
        }
        let n_slots = (n * 2).next_power_of_two().max(16);
        let mut slots = vec![0u32; n_slots * stride];
        slots.chunks_exact_mut(stride).for_each(|s| s[1] = EMPTY);
        let old = std::mem::replace(&mut self.slots, slots);
        for slot in old.chunks_exact(stride).filter(|s| s[1] != EMPTY) {
            let mut i = home(slot[0], n_slots);
            while self.slots[i * stride + 1] != EMPTY {
                i = (i + 1) & (n_slots - 1);
            }
            self.slots[i * stride..(i + 1) * stride].copy_from_slice(slot);
        }
    }

    /// Adds `w` to the weights of feature `key32` (a new feature takes `w`).
    fn add_row(&mut self, key32: u32, w: &[f32]) {
        let n = self.n_classes;
        if let Some(at) = self.find(key32) {
            if self.inline {
                for (a, b) in self.slots[at + 1..at + 1 + n].iter_mut().zip(w) {
                    *a = (f32::from_bits(*a) + *b).to_bits();
                }
            } else {
                let row = self.slots[at + 1] as usize;
                for (a, b) in self.weights[row * n..(row + 1) * n].iter_mut().zip(w) {
                    *a += *b;
                }
            }
            return;
        }
        self.reserve(self.len + 1);
        let stride = self.stride();
        let n_slots = self.slots.len() / stride;
        let mut i = home(key32, n_slots);
        while self.slots[i * stride + 1] != EMPTY {
            i = (i + 1) & (n_slots - 1);
        }
        let at = i * stride;
        self.slots[at] = key32;
        if self.inline {
            self.slots[at + 1..at + 1 + n].iter_mut().zip(w).for_each(|(a, b)| *a = b.to_bits());
        } else {
            self.slots[at + 1] = (self.weights.len() / n) as u32;
            self.weights.extend_from_slice(w);
        }
        self.len += 1;
    }

    /// Every feature with its weights, in slot order.
    fn rows(&self) -> Vec<(u32, Vec<f32>)> {
        let n = self.n_classes;
        self.slots
            .chunks_exact(self.stride())
            .filter(|s| s[1] != EMPTY)
            .map(|s| {
                let w = if self.inline {
                    s[1..].iter().map(|x| f32::from_bits(*x)).collect()
                } else {
                    let row = s[1] as usize;
                    self.weights[row * n..(row + 1) * n].to_vec()
                };
                (s[0], w)
            })
            .collect()
    }
}

impl Perceptron {
    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features with a weight.
    pub fn n_features(&self) -> usize {
        self.len
    }

    /// Adds each feature's class weights to `scores` (length `n_classes`).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        let n = self.n_classes;
        for f in feats {
            if let Some(at) = self.find(*f as u32) {
                if self.inline {
                    for (s, w) in scores.iter_mut().zip(&self.slots[at + 1..at + 1 + n]) {
                        *s += f32::from_bits(*w);
                    }
                } else {
                    let row = self.slots[at + 1] as usize;
                    for (s, w) in scores.iter_mut().zip(&self.weights[row * n..(row + 1) * n]) {
                        *s += *w;
                    }
                }
            }
        }
    }

    /// A copy without the features whose largest weight magnitude is below `threshold`.
    pub fn pruned(&self, threshold: f32) -> Perceptron {
        let mut out = Perceptron::empty(self.n_classes);
        for (key, w) in self.rows() {
            if w.iter().any(|x| x.abs() >= threshold) {
                out.add_row(key, &w);
            }
        }
        out
    }

    /// Writes the model, weights quantized to 16 bits, zeros dropped.
    pub fn write(&self, w: &mut Writer) {
        let mut entries = self.rows();
        let max = entries.iter().flat_map(|(_, ws)| ws).fold(0f32, |m, x| m.max(x.abs())).max(1e-9);
        let scale = max / 32767.0;
        w.u32(self.n_classes as u32);
        w.f32(scale);
        entries.sort_unstable_by_key(|e| e.0);
        w.u32(entries.len() as u32);
        for (key, ws) in entries {
            w.u32(key);
            let nz: Vec<(usize, i16)> = ws
                .iter()
                .enumerate()
                .map(|(c, x)| (c, (x / scale).round() as i16))
                .filter(|(_, q)| *q != 0)
                .collect();
            w.u8(nz.len().min(255) as u8);
            for (c, q) in nz.into_iter().take(255) {
                w.u8(c.min(255) as u8);
                w.i16(q);
            }
        }
    }

    /// Reads a model written by [`write`](Self::write).
    pub fn read(r: &mut Reader) -> Result<Self, Error> {
        let n_classes = r.u32()? as usize;
        let scale = r.f32()?;
        let n_rows = r.u32()? as usize;
        if n_classes == 0 || n_classes > 255 {
            return Err(Error::Model("bad class count".into()));
        }
        let mut p = Perceptron::empty(n_classes);
        p.reserve(n_rows);
        if !p.inline {
            p.weights.reserve(n_rows * n_classes);
        }
        let mut w = vec![0f32; n_classes];
        for _ in 0..n_rows {
            let key = r.u32()?;
            w.iter_mut().for_each(|x| *x = 0.0);
            for _ in 0..r.u8()? {
                let c = r.u8()? as usize;
                let q = r.i16()?;
                if c >= n_classes {
                    return Err(Error::Model("class index out of range".into()));
                }
                w[c] = f32::from(q) * scale;
            }
            p.add_row(key, &w);
        }
        Ok(p)
    }
}

/// Trains a [`Perceptron`] with lazily averaged weights.
#[derive(Debug, Clone)]
pub struct Trainer {
    n_classes: usize,
    rows: FeatMap<u32>,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    instances: u32,
}

impl Trainer {
    /// A trainer for `n_classes` classes.
    pub fn new(n_classes: usize) -> Self {
        Trainer {
            n_classes,
            rows: FeatMap::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            instances: 0,
        }
    }

    /// Current (not averaged) scores.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        let n = self.n_classes;
        for f in feats {
            if let Some(&row) = self.rows.get(f) {
                let w = &self.weights[row as usize * n..(row as usize + 1) * n];
                for (s, w) in scores.iter_mut().zip(w) {
                    *s += *w;
                }
            }
        }
    }

    /// Counts one training instance (call once per prediction, updated or not).
    pub fn tick(&mut self) {
        self.instances += 1;
    }

    fn row(&mut self, f: u64) -> usize {
        let next = self.rows.len() as u32;
        let row = *self.rows.entry(f).or_insert(next) as usize;
        if row == next as usize {
            let n = self.n_classes;
            self.weights.extend(std::iter::repeat_n(0.0, n));
            self.totals.extend(std::iter::repeat_n(0.0, n));
            self.stamps.extend(std::iter::repeat_n(0, n));
        }
        row
    }

    fn bump(&mut self, idx: usize, delta: f32) {
        let elapsed = self.instances - self.stamps[idx];
        self.totals[idx] += f64::from(elapsed) * f64::from(self.weights[idx]);
        self.stamps[idx] = self.instances;
        self.weights[idx] += delta;
    }

    /// Moves weight from `guess` to `truth` for every feature.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let row = self.row(f) * self.n_classes;
            self.bump(row + truth, 1.0);
            self.bump(row + guess, -1.0);
        }
    }

    /// Adds `delta` to `class` for every feature (structured updates).
    pub fn add(&mut self, feats: &[u64], class: usize, delta: f32) {
        for &f in feats {
            let row = self.row(f) * self.n_classes;
            self.bump(row + class, delta);
        }
    }

    /// The averaged model; weights whose magnitude is below `prune` are dropped.
    pub fn finish(mut self, prune: f32) -> Perceptron {
        let n = self.n_classes;
        let t = f64::from(self.instances.max(1));
        for idx in 0..self.weights.len() {
            let elapsed = self.instances - self.stamps[idx];
            self.totals[idx] += f64::from(elapsed) * f64::from(self.weights[idx]);
        }
        let mut out = Perceptron::empty(n);
        let mut entries: Vec<(u64, u32)> = self.rows.iter().map(|(k, v)| (*k, *v)).collect();
        entries.sort_unstable();
        for (key, row) in entries {
            let avg: Vec<f32> = (0..n)
                .map(|c| (self.totals[row as usize * n + c] / t) as f32)
                .map(|x| if x.abs() < prune { 0.0 } else { x })
                .collect();
            if avg.iter().any(|x| *x != 0.0) {
                out.add_row(key as u32, &avg);
            }
        }
        out
    }
}

/// Index of the highest score among the allowed classes.
#[inline]
pub fn argmax(scores: &[f32], allowed: impl Fn(usize) -> bool) -> usize {
    let mut best = usize::MAX;
    let mut best_score = f32::NEG_INFINITY;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && (best == usize::MAX || s > best_score) {
            best = i;
            best_score = s;
        }
    }
    if best == usize::MAX {
        0
    } else {
        best
    }
}

/// A tiny deterministic random generator for shuffling training data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// Seeded generator.
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    /// Next value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }
    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_and_round_trips() {
        let mut t = Trainer::new(2);
        let data = [(vec![f1(0, "a"), f1(1, "x")], 0), (vec![f1(0, "b"), f1(1, "x")], 1)];
        let mut scores = [0f32; 2];
        for _ in 0..5 {
            for (feats, gold) in &data {
                t.score(feats, &mut scores);
                let guess = argmax(&scores, |_| true);
                t.update(feats, *gold, guess);
                t.tick();
            }
        }
        let p = t.finish(0.0);
        for (feats, gold) in &data {
            p.score(feats, &mut scores);
            assert_eq!(argmax(&scores, |_| true), *gold);
        }
        let mut w = Writer::default();
        p.write(&mut w);
        let bytes = w.into_bytes();
        let q = Perceptron::read(&mut Reader::new(&bytes)).unwrap();
        for (feats, gold) in &data {
            q.score(feats, &mut scores);
            assert_eq!(argmax(&scores, |_| true), *gold);
        }
        assert_ne!(f2(1, "ab", "c"), f2(1, "a", "bc"));
    }

    #[test]
    fn every_feature_found_with_its_weights_and_no_other() {
        // weights in the slots (3 classes) and in rows (12 classes)
        for n in [3, 12] {
            let mut p = Perceptron::empty(n);
            assert_eq!(p.inline, n <= INLINE_MAX);
            let mut rng = Rng::new(5);
            let keys: Vec<u32> = [0, 1, u32::MAX, u32::MAX - 1].into_iter().chain((0..5000).map(|_| rng.next_u64() as u32)).collect();
            let mut expected: std::collections::HashMap<u32, Vec<f32>> = std::collections::HashMap::new();
            for (k, &key) in keys.iter().enumerate() {
                let w: Vec<f32> = (0..n).map(|c| (k * n + c) as f32 - 7.5).collect();
                p.add_row(key, &w);
                let e = expected.entry(key).or_insert_with(|| vec![0.0; n]);
                e.iter_mut().zip(&w).for_each(|(a, b)| *a += *b);
            }
            assert_eq!(p.n_features(), expected.len());
            let mut scores = vec![0f32; n];
            for (key, w) in &expected {
                p.score(&[u64::from(*key) | 0xabc0_0000_0000], &mut scores);
                assert_eq!(&scores, w);
            }
            for key in (0..5000).map(|_| rng.next_u64() as u32).filter(|k| !expected.contains_key(k)) {
                p.score(&[u64::from(key)], &mut scores);
                assert!(scores.iter().all(|s| *s == 0.0), "{key}");
            }
            let mut rows = p.rows();
            rows.sort_by_key(|r| r.0);
            let mut want: Vec<(u32, Vec<f32>)> = expected.into_iter().collect();
            want.sort_by_key(|r| r.0);
            assert_eq!(rows, want);
        }
        Perceptron::default().score(&[3], &mut []);
    }

    #[test]
    fn chunks_read_as_little_endian_bytes() {
        // the byte-by-byte reading the model files were trained with
        let reference = |h: u64, bytes: &[u8]| {
            let mut h = h;
            for chunk in bytes.chunks(8) {
                let v = chunk.iter().enumerate().fold(0u64, |v, (i, &b)| v | u64::from(b) << (8 * i));
                h = (h.rotate_left(5) ^ v).wrapping_mul(SEED);
            }
            (h.rotate_left(5) ^ bytes.len() as u64).wrapping_mul(SEED)
        };
        let text = "Ab\u{e9}cdefghijklmnopqrstuvwxyz0123456789\u{ff}\u{80}".as_bytes();
        for start in 0..text.len() {
            for end in start..=text.len() {
                assert_eq!(absorb(7, &text[start..end]), reference(7, &text[start..end]), "{start}..{end}");
            }
        }
    }

    #[test]
    fn concatenated_values_hash_as_the_joined_string() {
        let pieces = ["", "a", "/", "annual", "NOUN", "réunion", "sixteen-bytes-ok", "p5-6"];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let parts = [a, b, c];
                    assert_eq!(f_parts(65, &[&parts, &["x"], &["VERB"]]), f3(65, &parts.concat(), "x", "VERB"), "{parts:?}");
                    assert_eq!(f_parts(7, &[&[c], &[a], &parts[..2]]), f3(7, c, a, &parts[..2].concat()), "{parts:?}");
                    assert_eq!(f_parts(3, &[&[a, b]]), f1(3, &[a, b].concat()), "{parts:?}");
                }
            }
        }
    }
}

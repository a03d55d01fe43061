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

#[inline]
fn absorb(h: u64, bytes: &[u8]) -> u64 {
    let mut h = h;
    for chunk in bytes.chunks(8) {
        let mut v = 0u64;
        for (i, &b) in chunk.iter().enumerate() {
            v |= u64::from(b) << (8 * i);
        }
        h = (h.rotate_left(5) ^ v).wrapping_mul(SEED);
    }
    (h.rotate_left(5) ^ bytes.len() as u64).wrapping_mul(SEED)
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

/// The stored form of a feature hash: its low 32 bits (collisions among a
/// million features are negligible, and the files shrink by a third), re-mixed
/// so the map's control bits stay uniform.
#[inline]
fn stored_key(f: u64) -> u64 {
    mix(f & 0xffff_ffff)
}

/// A trained, averaged perceptron ready to score.
#[derive(Debug, Clone, Default)]
pub struct Perceptron {
    n_classes: usize,
    /// stored key → row
    rows: FeatMap<u32>,
    /// row → low 32 bits of the feature hash (what the file keeps)
    keys: Vec<u32>,
    weights: Vec<f32>,
}

impl Perceptron {
    fn add_row(&mut self, key32: u32, w: &[f32]) {
        let n = self.n_classes;
        match self.rows.get(&stored_key(u64::from(key32))) {
            Some(&row) => {
                for (a, b) in self.weights[row as usize * n..(row as usize + 1) * n].iter_mut().zip(w) {
                    *a += *b;
                }
            }
            None => {
                self.rows.insert(stored_key(u64::from(key32)), self.keys.len() as u32);
                self.keys.push(key32);
                self.weights.extend_from_slice(w);
            }
        }
    }
}

impl Perceptron {
    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features with a weight.
    pub fn n_features(&self) -> usize {
        self.rows.len()
    }

    /// Adds each feature's class weights to `scores` (length `n_classes`).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        let n = self.n_classes;
        for f in feats {
            if let Some(&row) = self.rows.get(&stored_key(*f)) {
                let w = &self.weights[row as usize * n..(row as usize + 1) * n];
                for (s, w) in scores.iter_mut().zip(w) {
                    *s += *w;
                }
            }
        }
    }

    /// A copy without the features whose largest weight magnitude is below `threshold`.
    pub fn pruned(&self, threshold: f32) -> Perceptron {
        let n = self.n_classes;
        let mut out = Perceptron { n_classes: n, ..Perceptron::default() };
        for (row, &key) in self.keys.iter().enumerate() {
            let w = &self.weights[row * n..(row + 1) * n];
            if w.iter().any(|x| x.abs() >= threshold) {
                out.add_row(key, w);
            }
        }
        out
    }

    /// Writes the model, weights quantized to 16 bits, zeros dropped.
    pub fn write(&self, w: &mut Writer) {
        let max = self.weights.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-9);
        let scale = max / 32767.0;
        w.u32(self.n_classes as u32);
        w.f32(scale);
        let mut entries: Vec<(u32, usize)> = self.keys.iter().enumerate().map(|(row, k)| (*k, row)).collect();
        entries.sort_unstable();
        w.u32(entries.len() as u32);
        let n = self.n_classes;
        for (key, row) in entries {
            w.u32(key);
            let ws = &self.weights[row * n..(row + 1) * n];
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
        let mut p = Perceptron { n_classes, ..Perceptron::default() };
        p.rows.reserve(n_rows);
        p.keys.reserve(n_rows);
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
        let mut out = Perceptron { n_classes: n, ..Perceptron::default() };
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
}

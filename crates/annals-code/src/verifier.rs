//! The events verifier: the second stage of the coder.
//!
//! The dictionaries and the parse propose candidate events, tuned for recall;
//! the verifier scores each candidate with a logistic regression over parse
//! and lexical features ([`crate::stage`] builds them) and the score, mapped
//! through a Platt scaling fitted on the dev part of the judged news corpus,
//! becomes the event's `confidence`: the probability that its sentence, type,
//! source and target are right. Trained by `annals train-verifier` on the
//! corpus's train part (`eval/news-events/`, docs/event-annotation.md); the
//! model is `models/verifier.tsv`, a few thousand weights as text.
//!
//! Why our own: the model is a few dozen lines of arithmetic over sparse
//! string features, and a crate (linfa, smartcore) would bring dense
//! matrices and a build cost for nothing we need.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::CodeError;

/// The committed model (gzip of the text written by [`Verifier::write`]).
const MODEL_GZ: &[u8] = include_bytes!("../../../models/verifier.tsv.gz");
const MAGIC: &str = "annals-events-verifier";
const VERSION: u32 = 1;

/// A trained verifier.
#[derive(Debug, Clone, PartialEq)]
pub struct Verifier {
    weights: HashMap<String, f64>,
    bias: f64,
    /// Platt scaling of the raw score: p = σ(a·s + b).
    platt: (f64, f64),
    /// The default confidence threshold, chosen on dev.
    pub threshold: f64,
    /// The trigger lexicon: key (lemma, or lemma and next word) → PLOVER types
    /// with how often the judged train articles use the key as that type.
    triggers: HashMap<String, Vec<(String, u32)>>,
    /// How often each key occurs in the train articles at all.
    key_totals: HashMap<String, u32>,
}

/// What the trigger lexicon says of a key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeyStats<'a> {
    /// Types with their counts, most frequent first.
    pub types: &'a [(String, u32)],
    /// Share of the key's occurrences that are triggers of some type.
    pub rate: f64,
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

impl Verifier {
    /// The committed model, read once.
    pub fn embedded() -> &'static Verifier {
        static MODEL: OnceLock<Verifier> = OnceLock::new();
        MODEL.get_or_init(|| {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(MODEL_GZ), &mut text)
                .expect("models/verifier.tsv.gz is checked by a unit test");
            Verifier::parse(&text).expect("models/verifier.tsv.gz is checked by a unit test")
        })
    }

    /// The raw linear score of a candidate's features.
    pub fn raw(&self, features: &[String]) -> f64 {
        self.bias
            + features
                .iter()
                .filter_map(|f| self.weights.get(f))
                .sum::<f64>()
    }

    /// The calibrated confidence of a candidate.
    pub fn confidence(&self, features: &[String]) -> f64 {
        sigmoid(self.platt.0 * self.raw(features) + self.platt.1)
    }

    /// Trains a logistic regression (AdaGrad, L2) on labelled candidates.
    /// Deterministic: examples are visited in a fixed shuffled order.
    pub fn train(examples: &[(Vec<String>, bool)], epochs: usize, l2: f64) -> Verifier {
        let mut w: HashMap<String, f64> = HashMap::new();
        let mut g2: HashMap<String, f64> = HashMap::new();
        let (mut bias, mut bias_g2) = (0.0f64, 0.0f64);
        let rate = 0.5;
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..epochs {
            // Fisher–Yates with a xorshift generator: the same order on every machine
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            for &i in &order {
                let (feats, label) = &examples[i];
                let s = bias + feats.iter().filter_map(|f| w.get(f)).sum::<f64>();
                let grad = sigmoid(s) - if *label { 1.0 } else { 0.0 };
                bias_g2 += grad * grad;
                bias -= rate * grad / (bias_g2.sqrt() + 1e-8);
                for f in feats {
                    let wf = w.entry(f.clone()).or_insert(0.0);
                    let g = grad + l2 * *wf;
                    let acc = g2.entry(f.clone()).or_insert(0.0);
                    *acc += g * g;
                    *wf -= rate * g / (acc.sqrt() + 1e-8);
                }
            }
        }
        // weights this small change no decision: keep the model compact
        w.retain(|_, v| v.abs() >= 0.01);
        Verifier {
            weights: w,
            bias,
            platt: (1.0, 0.0),
            threshold: 0.5,
            triggers: HashMap::new(),
            key_totals: HashMap::new(),
        }
    }

    /// Fits the Platt scaling on held-apart candidates (dev), by gradient descent on log loss.
    pub fn calibrate(&mut self, examples: &[(Vec<String>, bool)]) {
        let scored: Vec<(f64, f64)> = examples
            .iter()
            .map(|(f, l)| (self.raw(f), if *l { 1.0 } else { 0.0 }))
            .collect();
        if scored.is_empty() {
            return;
        }
        let (mut a, mut b) = (1.0f64, 0.0f64);
        let n = scored.len() as f64;
        for _ in 0..2000 {
            let (mut ga, mut gb) = (0.0, 0.0);
            for &(s, y) in &scored {
                let d = sigmoid(a * s + b) - y;
                ga += d * s;
                gb += d;
            }
            a -= 0.5 * ga / n;
            b -= 0.5 * gb / n;
        }
        self.platt = (a, b);
    }

    /// The model as gzip-compressed text, as committed in `models/`.
    pub fn write_gz(&self) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut enc, self.write().as_bytes()).expect("writing to memory");
        enc.finish().expect("writing to memory")
    }

    /// The model as text: a header, then one weight per line, sorted.
    pub fn write(&self) -> String {
        let mut out = format!("# annals events verifier: logistic regression over candidate features (crates/annals-code/src/verifier.rs)\n{MAGIC}\t{VERSION}\n");
        out.push_str(&format!(
            "bias\t{:.6}\nplatt\t{:.6}\t{:.6}\nthreshold\t{:.3}\n",
            self.bias, self.platt.0, self.platt.1, self.threshold
        ));
        let mut w: Vec<(&String, &f64)> = self.weights.iter().collect();
        w.sort_by(|a, b| a.0.cmp(b.0));
        for (f, v) in w {
            out.push_str(&format!("w\t{f}\t{v:.4}\n"));
        }
        let mut keys: Vec<&String> = self.triggers.keys().collect();
        keys.sort();
        for k in keys {
            for (kind, n) in &self.triggers[k] {
                out.push_str(&format!("t\t{k}\t{kind}\t{n}\n"));
            }
            out.push_str(&format!(
                "n\t{k}\t{}\n",
                self.key_totals.get(k).copied().unwrap_or(0)
            ));
        }
        out
    }

    /// Reads a model written by [`Verifier::write`]; checks its magic line and version.
    pub fn parse(text: &str) -> Result<Verifier, CodeError> {
        let bad = |why: String| CodeError::File {
            path: "models/verifier.tsv".into(),
            reason: why,
        };
        let mut lines = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        let head = lines.next().unwrap_or_default();
        if head.split('\t').next() != Some(MAGIC) {
            return Err(bad("not an events verifier model (no magic line)".into()));
        }
        if head.split('\t').nth(1).and_then(|v| v.parse::<u32>().ok()) != Some(VERSION) {
            return Err(bad(format!(
                "model format version {:?}, this build reads {VERSION}",
                head.split('\t').nth(1)
            )));
        }
        let mut v = Verifier {
            weights: HashMap::new(),
            bias: 0.0,
            platt: (1.0, 0.0),
            threshold: 0.5,
            triggers: HashMap::new(),
            key_totals: HashMap::new(),
        };
        for (n, l) in lines.enumerate() {
            let f: Vec<&str> = l.split('\t').collect();
            let num = |i: usize| {
                f.get(i)
                    .and_then(|x| x.parse::<f64>().ok())
                    .ok_or_else(|| bad(format!("line {}: bad number", n + 2)))
            };
            match f[0] {
                "bias" => v.bias = num(1)?,
                "platt" => v.platt = (num(1)?, num(2)?),
                "threshold" => v.threshold = num(1)?,
                "w" => {
                    let name = f
                        .get(1)
                        .ok_or_else(|| bad(format!("line {}: no feature", n + 2)))?;
                    v.weights.insert(name.to_string(), num(2)?);
                }
                "t" => {
                    let (Some(key), Some(kind)) = (f.get(1), f.get(2)) else {
                        return Err(bad(format!(
                            "line {}: trigger entry without key and type",
                            n + 2
                        )));
                    };
                    v.triggers
                        .entry(key.to_string())
                        .or_default()
                        .push((kind.to_string(), num(3)? as u32));
                }
                "n" => {
                    let key = f
                        .get(1)
                        .ok_or_else(|| bad(format!("line {}: no key", n + 2)))?;
                    v.key_totals.insert(key.to_string(), num(2)? as u32);
                }
                other => return Err(bad(format!("line {}: unknown entry {other}", n + 2))),
            }
        }
        Ok(v)
    }

    /// What the trigger lexicon knows of a key.
    pub fn key(&self, key: &str) -> Option<KeyStats<'_>> {
        let types = self.triggers.get(key)?;
        let used: u32 = types.iter().map(|t| t.1).sum();
        let total = self
            .key_totals
            .get(key)
            .copied()
            .unwrap_or(used)
            .max(used)
            .max(1);
        Some(KeyStats {
            types,
            rate: f64::from(used) / f64::from(total),
        })
    }

    /// Sets the trigger lexicon: counts of (key, type) among reference
    /// triggers, and of each key among all words; keys used fewer than
    /// `min_count` times are left out.
    pub fn set_triggers(
        &mut self,
        counts: &HashMap<(String, String), u32>,
        totals: &HashMap<String, u32>,
        min_count: u32,
    ) {
        let mut per_key: HashMap<String, Vec<(String, u32)>> = HashMap::new();
        for ((k, t), n) in counts {
            per_key.entry(k.clone()).or_default().push((t.clone(), *n));
        }
        per_key.retain(|_, v| v.iter().map(|x| x.1).sum::<u32>() >= min_count);
        for v in per_key.values_mut() {
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        self.key_totals = per_key
            .keys()
            .map(|k| (k.clone(), totals.get(k).copied().unwrap_or(0)))
            .collect();
        self.triggers = per_key;
    }

    /// Takes the trigger lexicon of another model (training keeps it apart from the weights).
    pub fn copy_triggers(&mut self, other: &Verifier) {
        self.triggers = other.triggers.clone();
        self.key_totals = other.key_totals.clone();
    }

    /// Number of weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether the model has no weights (an untrained verifier scores every candidate alike).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(f: &[&str], y: bool) -> (Vec<String>, bool) {
        (f.iter().map(|s| s.to_string()).collect(), y)
    }

    #[test]
    fn learns_a_separable_feature_and_writes_back_the_same_model() {
        let mut data = Vec::new();
        for _ in 0..50 {
            data.push(ex(&["lemma=criticize", "type=ACCUSE"], true));
            data.push(ex(&["lemma=attack", "figurative", "type=ASSAULT"], false));
        }
        let mut v = Verifier::train(&data, 10, 1e-4);
        v.calibrate(&data);
        let good = v.confidence(&["lemma=criticize".into(), "type=ACCUSE".into()]);
        let bad = v.confidence(&[
            "lemma=attack".into(),
            "figurative".into(),
            "type=ASSAULT".into(),
        ]);
        assert!(good > 0.9 && bad < 0.1, "{good} {bad}");
        let back = Verifier::parse(&v.write()).unwrap();
        assert_eq!(back.write(), v.write());
    }

    #[test]
    fn the_committed_model_reads_and_a_foreign_file_is_refused() {
        let v = Verifier::embedded();
        assert!((0.0..=1.0).contains(&v.threshold));
        // the default views filter at the verifier's threshold: retraining must update the constant
        assert_eq!(
            v.threshold,
            annals_core::DEFAULT_MIN_CONFIDENCE,
            "set annals_core::DEFAULT_MIN_CONFIDENCE to the retrained model's threshold"
        );
        assert!(
            v.len() > 1000 && v.key("criticize").is_some(),
            "the committed model is a trained one"
        );
        assert!(Verifier::parse("w\tx\t1\n").is_err());
        assert!(Verifier::parse("annals-events-verifier\t99\n").is_err());
    }
}

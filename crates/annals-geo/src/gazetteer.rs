//! The built-in gazetteer: GeoNames countries and cities (population ≥ 15,000),
//! ISO 3166-2 first-level subdivisions, and the curated names of `data/curated.tsv`.

use std::collections::HashMap;
use std::io::Read;

use once_cell::sync::Lazy;

/// What sort of place an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A country or territory with an ISO 3166-1 code.
    Country,
    /// A first-level subdivision (US state, Canadian province, ...).
    Admin1,
    /// A populated place.
    City,
    /// A continent.
    Continent,
}

/// One place.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Kind of place.
    pub kind: Kind,
    /// GeoNames id, where the data gives one (subdivisions have none here).
    pub geonames_id: Option<u64>,
    /// ISO 3166-2 code of a subdivision (`US-AL`).
    pub iso_code: Option<String>,
    /// Canonical name.
    pub name: String,
    /// ISO 3166-1 alpha-3 of its country.
    pub iso3: Option<String>,
    /// ISO alpha-2 of a country; GeoNames admin1 code of a city; ISO suffix of a subdivision.
    pub admin1: String,
    /// Latitude (for countries and US states: population-weighted centre of their cities).
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Population (for US states: the sum of their cities).
    pub population: u64,
    /// A national capital.
    pub capital: bool,
}

impl Entry {
    /// The key used in evaluation files: the GeoNames id, or `ISO:<code>` for a subdivision.
    pub fn key(&self) -> String {
        match (self.geonames_id, &self.iso_code) {
            (Some(id), _) => id.to_string(),
            (None, Some(code)) => format!("ISO:{code}"),
            _ => self.name.clone(),
        }
    }
}

/// How a name reached an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// The entry's own name, or a curated alias.
    Primary,
    /// A GeoNames alternate name.
    Alternate,
}

/// The gazetteer with its name index.
pub struct Gazetteer {
    /// Every place.
    pub entries: Vec<Entry>,
    index: HashMap<String, Vec<(u32, NameKind)>>,
    /// Demonym → country entry ("French" → France).
    pub demonyms: HashMap<String, usize>,
    /// Subdivision abbreviations read after "City," ("Ala." → Alabama).
    pub abbreviations: HashMap<String, usize>,
    /// Keywords that place a story in a country ("Élysée" → France).
    pub keywords: Vec<(String, usize)>,
    country_by_iso3: HashMap<String, usize>,
    /// Names of cities per country, to demote a subdivision that shares its name with a city.
    city_names: HashMap<(String, String), u64>,
}

static GAZETTEER_TSV_GZ: &[u8] = include_bytes!("../../../models/gazetteer.tsv.gz");
static CURATED_TSV: &str = include_str!("../data/curated.tsv");

static GLOBAL: Lazy<Gazetteer> = Lazy::new(|| Gazetteer::load(GAZETTEER_TSV_GZ, CURATED_TSV).expect("the built-in gazetteer loads"));

/// Folds a name for lookup: lower case, accents removed, periods dropped, hyphens as spaces, "saint" as "st".
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let folded = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => 'a',
            'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'İ' | 'ı' => 'i',
            'ñ' | 'ń' | 'Ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            'š' | 'ś' | 'ş' | 'Š' | 'Ś' | 'Ş' => 's',
            'ž' | 'ź' | 'ż' | 'Ž' | 'Ź' | 'Ż' => 'z',
            'ł' | 'Ł' => 'l',
            'ğ' | 'Ğ' => 'g',
            'ř' | 'Ř' => 'r',
            'ß' => 's',
            '’' | '‘' | '`' => '\'',
            '-' | '–' | '_' => ' ',
            '.' => continue,
            c => c,
        };
        out.extend(folded.to_lowercase());
    }
    let mut words: Vec<&str> = out.split_whitespace().collect();
    if words.first() == Some(&"the") && words.len() > 1 {
        words.remove(0);
    }
    words.iter().map(|w| if *w == "saint" { "st" } else { w }).collect::<Vec<_>>().join(" ")
}

fn parse_f64(s: &str) -> Option<f64> {
    if s.is_empty() {
        None
    } else {
        s.parse().ok()
    }
}

impl Gazetteer {
    /// The gazetteer built into the crate.
    pub fn global() -> &'static Gazetteer {
        &GLOBAL
    }

    /// Loads a gzipped gazetteer TSV and the curated names.
    pub fn load(tsv_gz: &[u8], curated: &str) -> Result<Gazetteer, crate::GeoError> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(tsv_gz).read_to_string(&mut text).map_err(crate::GeoError::Gazetteer)?;
        let mut g = Gazetteer {
            entries: Vec::new(),
            index: HashMap::new(),
            demonyms: HashMap::new(),
            abbreviations: HashMap::new(),
            keywords: Vec::new(),
            country_by_iso3: HashMap::new(),
            city_names: HashMap::new(),
        };
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 10 {
                continue;
            }
            let kind = match f[0] {
                "C" => Kind::Country,
                "A" => Kind::Admin1,
                _ => Kind::City,
            };
            let iso_code = f[1].strip_prefix("ISO:").map(str::to_string);
            let entry = Entry {
                kind,
                geonames_id: f[1].parse().ok(),
                iso_code: iso_code.clone(),
                name: f[2].to_string(),
                iso3: (!f[3].is_empty()).then(|| f[3].to_string()),
                admin1: f[4].to_string(),
                lat: parse_f64(f[5]),
                lon: parse_f64(f[6]),
                population: f[7].parse().unwrap_or(0),
                capital: f[8] == "1",
            };
            let i = g.entries.len();
            match kind {
                Kind::Country => {
                    by_key.insert(format!("C:{}", entry.admin1), i);
                    if let Some(iso3) = &entry.iso3 {
                        g.country_by_iso3.insert(iso3.clone(), i);
                    }
                }
                Kind::Admin1 => {
                    by_key.insert(f[1].to_string(), i);
                }
                _ => {
                    by_key.insert(format!("G:{}", f[1]), i);
                    let key = (entry.iso3.clone().unwrap_or_default(), normalize(&entry.name));
                    let pop = g.city_names.entry(key).or_insert(0);
                    *pop = (*pop).max(entry.population);
                }
            }
            g.add_name(&entry.name, i, NameKind::Primary);
            for alt in f[9].split('|').filter(|a| !a.is_empty()) {
                g.add_name(alt, i, if kind == Kind::Country { NameKind::Primary } else { NameKind::Alternate });
            }
            g.entries.push(entry);
        }
        for line in curated_lines(curated) {
            let (kind, name, target) = line;
            if kind == "continent" {
                let id: u64 = target.trim_start_matches("G:").parse().unwrap_or(0);
                let i = g.entries.len();
                g.entries.push(Entry {
                    kind: Kind::Continent,
                    geonames_id: Some(id),
                    iso_code: None,
                    name: name.to_string(),
                    iso3: None,
                    admin1: String::new(),
                    lat: None,
                    lon: None,
                    population: 0,
                    capital: false,
                });
                g.add_name(name, i, NameKind::Primary);
                continue;
            }
            let Some(&i) = by_key.get(target) else { continue };
            match kind {
                "alias" => g.add_name(name, i, NameKind::Primary),
                "demonym" => {
                    g.demonyms.insert(name.to_string(), i);
                }
                "abbrev" => {
                    g.abbreviations.insert(normalize(name), i);
                }
                "keyword" => g.keywords.push((name.to_string(), i)),
                _ => {}
            }
        }
        Ok(g)
    }

    fn add_name(&mut self, name: &str, i: usize, kind: NameKind) {
        let key = normalize(name);
        if key.is_empty() {
            return;
        }
        let list = self.index.entry(key).or_default();
        match list.iter_mut().find(|(j, _)| *j as usize == i) {
            Some(existing) => {
                if kind == NameKind::Primary {
                    existing.1 = NameKind::Primary;
                }
            }
            None => list.push((i as u32, kind)),
        }
    }

    /// Entries named `name` (already normalized).
    pub fn lookup(&self, normalized: &str) -> &[(u32, NameKind)] {
        self.index.get(normalized).map_or(&[], |v| v.as_slice())
    }

    /// The country entry of an alpha-3 code.
    pub fn country(&self, iso3: &str) -> Option<&Entry> {
        self.country_by_iso3.get(iso3).map(|&i| &self.entries[i])
    }

    /// Population of the largest city of that name in that country (0 if none).
    pub fn city_named(&self, iso3: &str, normalized: &str) -> u64 {
        self.city_names.get(&(iso3.to_string(), normalized.to_string())).copied().unwrap_or(0)
    }
}

fn curated_lines(curated: &str) -> impl Iterator<Item = (&str, &str, &str)> {
    curated.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).filter_map(|l| {
        let mut f = l.split('\t');
        Some((f.next()?, f.next()?, f.next()?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_finds() {
        let g = Gazetteer::global();
        assert!(g.entries.len() > 30_000);
        let kyiv = g.lookup(&normalize("Kiev"));
        assert!(kyiv.iter().any(|(i, _)| g.entries[*i as usize].geonames_id == Some(703448)));
        assert_eq!(normalize("The Hague"), "hague");
        assert_eq!(normalize("Saint-Étienne"), "st etienne");
        assert!(g.abbreviations.contains_key(&normalize("Ala.")));
        assert!(g.demonyms.contains_key("French"));
    }

    #[test]
    fn every_curated_target_exists() {
        let g = Gazetteer::global();
        for (kind, name, _) in curated_lines(CURATED_TSV) {
            let found = match kind {
                "alias" | "continent" => !g.lookup(&normalize(name)).is_empty(),
                "demonym" => g.demonyms.contains_key(name),
                "abbrev" => g.abbreviations.contains_key(&normalize(name)),
                "keyword" => g.keywords.iter().any(|(k, _)| k == name),
                _ => true,
            };
            assert!(found, "curated {kind} {name} has no target in the gazetteer");
        }
    }
}

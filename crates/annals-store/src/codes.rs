//! Code tables the exports need: CAMEO quad classes, PLOVER scores, the
//! CAMEO→PLOVER mode/context table, and ISO-3 → FIPS 10-4 country codes.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The 16 PLOVER event types.
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

/// PLOVER conflict–cooperation score of an event type (PLOVER manual, table
/// "PLOVER conflict--cooperation scores", the type rows). The manual prints
/// ACCUSE as 3 while all its modes are negative; we read it as −3.
pub fn plover_score(kind: &str) -> Option<f64> {
    Some(match kind {
        "AGREE" => 2.5,
        "CONSULT" => 2.5,
        "SUPPORT" => 5.0,
        "CONCEDE" => 4.5,
        "COOPERATE" => 9.5,
        "AID" => 10.0,
        "RETREAT" => 6.5,
        "REQUEST" => 0.0,
        "ACCUSE" => -3.0,
        "REJECT" => -2.0,
        "THREATEN" => -3.5,
        "PROTEST" => -5.0,
        "SANCTION" => -6.0,
        "MOBILIZE" => -5.5,
        "COERCE" => -7.0,
        "ASSAULT" => -9.0,
        _ => return None,
    })
}

/// The two-digit CAMEO root of a code ("0311" → "03"), empty when the code is not numeric.
pub fn cameo_root(cameo: &str) -> String {
    let digits: String = cameo.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() >= 2 {
        digits[..2].to_string()
    } else {
        String::new()
    }
}

/// GDELT/CAMEO QuadClass: 1 verbal cooperation (01–05), 2 material
/// cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20).
pub fn quad_class(cameo: &str) -> Option<u8> {
    let root: u8 = cameo_root(cameo).parse().ok()?;
    Some(match root {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        14..=20 => 4,
        _ => return None,
    })
}

/// PLOVER mode and context of a CAMEO code.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PloverDetail {
    /// Modes (may be empty).
    pub mode: Vec<String>,
    /// Contexts (may be empty).
    pub context: Vec<String>,
}

// CAMEO→PLOVER table of the PLOVER project (draft 0.8, 2021), CC BY-SA 4.0.
const CAMEO2PLOVER: &str = include_str!("../data/CAMEO2PLOVER-2021.txt");

fn cameo_table() -> &'static HashMap<String, PloverDetail> {
    static TABLE: OnceLock<HashMap<String, PloverDetail>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for line in CAMEO2PLOVER.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((code, rest)) = line.split_once(':') else { continue };
            let code = code.trim();
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let fields: Vec<&str> = rest.splitn(3, ',').map(str::trim).collect();
            let list = |s: Option<&&str>| -> Vec<String> {
                s.map(|s| s.split(';').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect())
                    .unwrap_or_default()
            };
            table.entry(code.to_string()).or_insert(PloverDetail { mode: list(fields.get(1)), context: list(fields.get(2)) });
        }
        table
    })
}

/// Mode and context for a CAMEO code, from its most specific entry in the table.
pub fn plover_detail(cameo: &str) -> PloverDetail {
    let table = cameo_table();
    let mut code = cameo.trim();
    while code.len() >= 2 {
        if let Some(d) = table.get(code) {
            return d.clone();
        }
        code = &code[..code.len() - 1];
    }
    PloverDetail::default()
}

// GeoNames country table, CC BY 4.0 (attribution: GeoNames).
const ISO3_FIPS: &str = include_str!("../data/iso3_fips.tsv");

fn fips_table() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static TABLE: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        ISO3_FIPS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?, (f.next()?, f.next()?.trim())))
            })
            .collect()
    })
}

/// FIPS 10-4 code of an ISO 3166-1 alpha-3 country (GDELT's geo country codes).
pub fn fips_of_iso3(iso3: &str) -> Option<&'static str> {
    fips_table().get(iso3).map(|(f, _)| *f).filter(|f| !f.is_empty())
}

/// English name of an ISO 3166-1 alpha-3 country.
pub fn country_name(iso3: &str) -> Option<&'static str> {
    fips_table().get(iso3).map(|(_, n)| *n)
}

/// Whether `code` is a known ISO 3166-1 alpha-3 country.
pub fn is_iso3(code: &str) -> bool {
    fips_table().contains_key(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(cameo_root("0311"), "03");
        assert_eq!(quad_class("0311"), Some(1));
        assert_eq!(quad_class("190"), Some(4));
        assert_eq!(quad_class("x"), None);
        assert_eq!(fips_of_iso3("DEU"), Some("GM"));
        assert_eq!(fips_of_iso3("UKR"), Some("UP"));
        assert_eq!(country_name("FRA"), Some("France"));
        assert!(is_iso3("USA") && !is_iso3("XYZ"));
        assert_eq!(plover_detail("0871").mode, vec!["ceasefire"]);
        assert_eq!(plover_detail("0871").context, vec!["military"]);
        assert_eq!(plover_detail("196").context, vec!["legal", "military"]);
        // unknown 4-digit code falls back to its 3-digit parent
        assert_eq!(plover_detail("1549"), plover_detail("154"));
        assert!(PLOVER_TYPES.iter().all(|t| plover_score(t).is_some()));
        assert!(PLOVER_TYPES.iter().copied().eq(annals_core::PloverType::names()), "the store's list is the core enum's");
    }
}

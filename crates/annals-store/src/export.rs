//! Exports: documents as JSON Lines, event mentions as CSV or Parquet,
//! events as GDELT 2.0 event rows or PLOVER JSON records.
//!
//! Every export reads the store in pages (keyset pagination on the id), so
//! memory stays flat however large the store is.

use std::io::Write;
use std::str::FromStr;

use chrono::NaiveDate;
use serde_json::json;

use crate::codes::{cameo_root, country_name, fips_of_iso3, plover_detail, plover_score, quad_class};
use crate::dates::{fraction_date, sqldate};
use crate::db::{params, Db, Row, Value};
use crate::error::{Result, StoreError};
use crate::query::load_document;
use crate::store::Store;

const PAGE: usize = 500;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One document per line, in the JSON contract of `annals analyze`.
    Jsonl,
    /// One row per event mention, with a header.
    Csv,
    /// GDELT 2.0 event table: one row per event, 61 tab-separated columns, no header.
    Gdelt,
    /// PLOVER JSON records, one event per line.
    Plover,
    /// The CSV columns as a Parquet file (needs the `parquet` feature).
    Parquet,
}

impl FromStr for ExportFormat {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "jsonl" | "json" => ExportFormat::Jsonl,
            "csv" => ExportFormat::Csv,
            "gdelt" => ExportFormat::Gdelt,
            "plover" => ExportFormat::Plover,
            "parquet" => ExportFormat::Parquet,
            _ => {
                return Err(StoreError::InvalidFilter {
                    option: "--format",
                    value: s.to_string(),
                    reason: "expected jsonl, csv, gdelt, plover or parquet".into(),
                })
            }
        })
    }
}

/// What to export beyond the format.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ExportOptions {
    /// Only events at least this confident, in [0, 1] (`--min-confidence`):
    /// mention rows (CSV, Parquet) by their own confidence, events (GDELT,
    /// PLOVER) by their best report's, and the events inside each document
    /// (JSON Lines: documents stay, less confident events are left out of
    /// them). `None` exports everything.
    pub min_confidence: Option<f64>,
}

impl ExportOptions {
    /// The threshold as bound in SQL: 0 keeps every row (stored confidences are in [0, 1]).
    fn min(&self) -> f64 {
        self.min_confidence.map_or(0.0, annals_core::clamp_confidence)
    }
}

impl ExportFormat {
    /// The usual file extension.
    pub fn extension(&self) -> &'static str {
        match self {
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Csv => "csv",
            ExportFormat::Gdelt => "export.CSV",
            ExportFormat::Plover => "plover.jsonl",
            ExportFormat::Parquet => "parquet",
        }
    }
}

/// GDELT 2.0 event table columns, in the order GDELT ships them.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
];

/// Column types of the mention table (CSV and Parquet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text.
    Text,
    /// 64-bit integer.
    Int,
    /// 64-bit float.
    Real,
}

/// Columns of the mention table (CSV, Parquet): one row per event mention,
/// with the event's report counts.
pub const MENTION_COLUMNS: [(&str, ColumnType); 40] = [
    ("event_id", ColumnType::Int),
    ("mention_id", ColumnType::Text),
    ("doc_id", ColumnType::Text),
    ("date", ColumnType::Text),
    ("date_precision", ColumnType::Text),
    ("date_start", ColumnType::Text),
    ("date_end", ColumnType::Text),
    ("type", ColumnType::Text),
    ("cameo", ColumnType::Text),
    ("cameo_root", ColumnType::Text),
    ("source_text", ColumnType::Text),
    ("source_name", ColumnType::Text),
    ("source_country", ColumnType::Text),
    ("source_sector", ColumnType::Text),
    ("target_text", ColumnType::Text),
    ("target_name", ColumnType::Text),
    ("target_country", ColumnType::Text),
    ("target_sector", ColumnType::Text),
    ("trigger", ColumnType::Text),
    ("trigger_start", ColumnType::Int),
    ("trigger_end", ColumnType::Int),
    ("factuality", ColumnType::Text),
    ("claimed_by", ColumnType::Text),
    ("place_name", ColumnType::Text),
    ("place_country", ColumnType::Text),
    ("place_lat", ColumnType::Real),
    ("place_lon", ColumnType::Real),
    ("place_geonames_id", ColumnType::Int),
    ("sentence", ColumnType::Int),
    ("evidence", ColumnType::Text),
    ("url", ColumnType::Text),
    ("site", ColumnType::Text),
    ("title", ColumnType::Text),
    ("published", ColumnType::Text),
    ("ingested_at", ColumnType::Text),
    ("num_mentions", ColumnType::Int),
    ("num_articles", ColumnType::Int),
    ("num_sources", ColumnType::Int),
    ("quad_class", ColumnType::Int),
    ("confidence", ColumnType::Real),
];

const MENTION_SQL: &str = "SELECT e.cluster_id, e.id, e.doc_id, e.date, e.date_precision, e.date_start, e.date_end, e.type, \
    e.cameo, e.cameo_root, e.source_text, e.source_name, e.source_country, e.source_sector, e.target_text, e.target_name, \
    e.target_country, e.target_sector, e.trigger_text, e.trigger_start, e.trigger_end, e.factuality, e.claimed_by, \
    e.place_name, e.place_country, e.place_lat, e.place_lon, e.place_geonames, e.sentence_idx, e.evidence, d.url, d.site, \
    d.title, d.published, d.ingested_at, c.num_mentions, c.num_articles, c.num_sources, e.confidence \
    FROM events e JOIN documents d ON d.id = e.doc_id JOIN event_clusters c ON c.id = e.cluster_id \
    WHERE e.id > $1 AND e.confidence >= $3 ORDER BY e.id LIMIT $2";

/// Pages through the mention table, calling `f` with each row in the order of
/// [`MENTION_COLUMNS`] (quad class computed here, before the confidence).
fn for_each_mention(db: &mut Db, min_confidence: f64, mut f: impl FnMut(&Row) -> Result<()>) -> Result<usize> {
    let mut last = String::new();
    let mut n = 0;
    loop {
        let rows = db.query(MENTION_SQL, &params![last.as_str(), PAGE, min_confidence])?;
        for mut r in rows.iter().cloned() {
            let q = quad_class(r[8].str()).map(i64::from);
            r.insert(r.len() - 1, q.into());
            f(&r)?;
            n += 1;
        }
        match rows.last() {
            Some(r) if rows.len() == PAGE => last = r[1].str().to_string(),
            _ => return Ok(n),
        }
    }
}

const CLUSTER_SQL: &str = "SELECT c.id, c.type, c.cameo, c.source_name, c.source_country, c.source_sector, c.target_name, \
    c.target_country, c.target_sector, c.date, c.date_precision, c.date_start, c.date_end, c.place_name, c.place_country, \
    c.place_lat, c.place_lon, c.place_geonames, c.factuality, c.is_root, c.num_mentions, c.num_articles, c.num_sources, \
    c.first_url, c.first_seen, c.rep_event_id, c.confidence FROM event_clusters c \
    WHERE c.id > $1 AND c.confidence >= $3 ORDER BY c.id LIMIT $2";

fn for_each_cluster(db: &mut Db, min_confidence: f64, mut f: impl FnMut(&mut Db, &Row) -> Result<()>) -> Result<usize> {
    let mut last = -1i64;
    let mut n = 0;
    loop {
        let rows = db.query(CLUSTER_SQL, &params![last, PAGE, min_confidence])?;
        for r in &rows {
            f(db, r)?;
            n += 1;
        }
        match rows.last() {
            Some(r) if rows.len() == PAGE => last = r[0].int().unwrap_or(i64::MAX),
            _ => return Ok(n),
        }
    }
}

/// Keeps an I/O error an I/O error (a closed pipe must stay recognisable).
fn json_err(e: serde_json::Error) -> StoreError {
    if e.is_io() {
        StoreError::Io(e.into())
    } else {
        StoreError::Export(e.to_string())
    }
}

fn csv_err(e: csv::Error) -> StoreError {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => StoreError::Io(io),
        other => StoreError::Export(format!("csv: {other:?}")),
    }
}

/// A field for the GDELT table: no tabs or line breaks inside.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Int(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        Value::Text(s) => s.clone(),
        Value::Bytes(_) => String::new(),
    }
}

/// The 61 GDELT fields of one event (cluster row from [`CLUSTER_SQL`]).
pub(crate) fn gdelt_fields(r: &Row) -> Vec<String> {
    let date = r[11].text().and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let cameo = r[2].str().to_string();
    let root = cameo_root(&cameo);
    let base = if cameo.len() >= 3 { cameo[..3].to_string() } else if root.is_empty() { String::new() } else { format!("{root}0") };
    let actor = |name: &Value, country: &Value, sector: &Value| -> Vec<String> {
        let (name, country, sector) = (name.text(), country.text(), sector.text());
        if name.is_none() && country.is_none() && sector.is_none() {
            return vec![String::new(); 10];
        }
        let code = format!("{}{}", country.as_deref().unwrap_or(""), sector.as_deref().unwrap_or(""));
        vec![
            code,
            clean(&name.unwrap_or_default().to_uppercase()),
            country.unwrap_or_default(),
            String::new(), // KnownGroupCode
            String::new(), // EthnicCode
            String::new(), // Religion1Code
            String::new(), // Religion2Code
            sector.unwrap_or_default(),
            String::new(), // Type2Code
            String::new(), // Type3Code
        ]
    };
    let no_geo = || vec!["0".to_string(), String::new(), String::new(), String::new(), String::new(), String::new(), String::new(), String::new()];
    let action_geo = {
        let name = r[13].text();
        let country = r[14].text();
        let (lat, lon) = (r[15].real(), r[16].real());
        let fips = country.as_deref().and_then(fips_of_iso3).unwrap_or("").to_string();
        let country_full = country.as_deref().and_then(country_name).unwrap_or("").to_string();
        match name {
            None => no_geo(),
            Some(name) => {
                let is_country = country_full.eq_ignore_ascii_case(&name) || (lat.is_none() && country.is_some() && name.len() <= 3);
                // GDELT geo types: 1 country, 3 US city, 4 world city.
                let geo_type = if is_country {
                    "1"
                } else if country.as_deref() == Some("USA") {
                    "3"
                } else {
                    "4"
                };
                let full = if is_country || country_full.is_empty() { name.clone() } else { format!("{name}, {country_full}") };
                vec![
                    geo_type.to_string(),
                    clean(&full),
                    fips.clone(),
                    if is_country { fips.clone() } else { String::new() },
                    String::new(),
                    lat.map(|v| format!("{v:.4}")).unwrap_or_default(),
                    lon.map(|v| format!("{v:.4}")).unwrap_or_default(),
                    r[17].int().map(|g| g.to_string()).unwrap_or_else(|| if is_country { fips } else { String::new() }),
                ]
            }
        }
    };
    let dateadded = {
        let s = r[24].str();
        s.chars().filter(char::is_ascii_digit).take(14).collect::<String>()
    };
    let mut f = vec![
        r[0].int().unwrap_or(0).to_string(),
        date.map(sqldate).unwrap_or_default(),
        date.map(|d| d.format("%Y%m").to_string()).unwrap_or_default(),
        date.map(|d| d.format("%Y").to_string()).unwrap_or_default(),
        date.map(fraction_date).unwrap_or_default(),
    ];
    f.extend(actor(&r[3], &r[4], &r[5]));
    f.extend(actor(&r[6], &r[7], &r[8]));
    f.push(if r[19].int() == Some(1) { "1" } else { "0" }.to_string());
    f.push(cameo.clone());
    f.push(base);
    f.push(root);
    f.push(quad_class(&cameo).map(|q| q.to_string()).unwrap_or_default());
    // GoldsteinScale: the PLOVER score of the event type (PLOVER's successor to Goldstein scores).
    f.push(plover_score(r[1].str()).map(|s| format!("{s:.1}")).unwrap_or_default());
    f.push(text_of(&r[20]));
    f.push(text_of(&r[22]));
    f.push(text_of(&r[21]));
    f.push(String::new()); // AvgTone: annals measures no tone
    f.extend(no_geo()); // Actor1Geo: actors are not geolocated
    f.extend(no_geo()); // Actor2Geo
    f.extend(action_geo);
    f.push(dateadded);
    f.push(clean(r[23].str()));
    debug_assert_eq!(f.len(), GDELT_COLUMNS.len());
    f
}

fn plover_record(db: &mut Db, r: &Row) -> Result<serde_json::Value> {
    let entity = |text: &Value, country: &Value, sector: &Value| -> serde_json::Value {
        let mut o = serde_json::Map::new();
        if let Some(c) = country.text() {
            o.insert("code".into(), json!(c));
        }
        if let Some(s) = sector.text() {
            o.insert("sector".into(), json!(s));
        }
        if let Some(t) = text.text() {
            o.insert("entity_text".into(), json!(t));
            o.insert("identifier_text".into(), json!(t));
        }
        serde_json::Value::Object(o)
    };
    let id = r[0].int().unwrap_or(0);
    let mentions = db.query(
        "SELECT e.id, d.url, d.site, d.title, d.language, e.sentence_idx, e.evidence, e.trigger_text, e.trigger_start, \
         e.trigger_end, e.factuality, e.claimed_by, s.start_char, s.end_char, e.confidence FROM events e JOIN documents d ON d.id = e.doc_id \
         LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence_idx \
         WHERE e.cluster_id = $1 ORDER BY d.seq, e.idx",
        &params![id],
    )?;
    let rep = mentions.iter().find(|m| m[0] == r[25]).or(mentions.first());
    let detail = plover_detail(r[2].str());
    let mut rec = serde_json::Map::new();
    rec.insert("id".into(), json!(format!("annals-{id}")));
    rec.insert("date".into(), json!(r[11].text()));
    if r[12] != r[11] {
        rec.insert("enddate".into(), json!(r[12].text()));
    }
    rec.insert("date_precision".into(), json!(r[10].text()));
    let actor = entity(&r[3], &r[4], &r[5]);
    rec.insert("actor".into(), if actor.as_object().is_some_and(|o| o.is_empty()) { json!([]) } else { json!([actor]) });
    let recipient = entity(&r[6], &r[7], &r[8]);
    if !recipient.as_object().is_some_and(|o| o.is_empty()) {
        rec.insert("recipient".into(), json!([recipient]));
    }
    rec.insert("event".into(), json!([r[1].str()]));
    rec.insert("mode".into(), json!(detail.mode));
    rec.insert("context".into(), json!(detail.context));
    if let Some(place) = r[13].text() {
        let mut loc = serde_json::Map::new();
        loc.insert("extracted_place".into(), json!(place));
        loc.insert("resolved_place".into(), json!(place));
        if let Some(g) = r[17].int() {
            loc.insert("geonameid".into(), json!(g));
        }
        if let (Some(lat), Some(lon)) = (r[15].real(), r[16].real()) {
            loc.insert("lat".into(), json!(lat));
            loc.insert("lon".into(), json!(lon));
        }
        if let Some(c) = r[14].text() {
            loc.insert("country".into(), json!(country_name(&c)));
            loc.insert("country_code".into(), json!(c));
        }
        rec.insert("event_loc".into(), serde_json::Value::Object(loc));
    }
    rec.insert("event_text".into(), json!(mentions.iter().map(|m| m[7].str()).collect::<Vec<_>>()));
    rec.insert("quad_code".into(), json!(quad_class(r[2].str())));
    rec.insert("event_scale".into(), json!(plover_score(r[1].str())));
    rec.insert("cameo".into(), json!(r[2].str()));
    rec.insert("factuality".into(), json!(r[18].str()));
    rec.insert("confidence".into(), json!(r[26].real()));
    if let Some(m) = rep {
        rec.insert("text".into(), json!(m[6].str()));
        rec.insert(
            "text_info".into(),
            json!({"sequence": m[5].int(), "start": m[12].int(), "end": m[13].int()}),
        );
        rec.insert(
            "cite_info".into(),
            json!({
                "url": m[1].text(), "title": m[3].text(), "language": m[4].text(), "publication": m[2].text(),
                "coder": concat!("annals ", env!("CARGO_PKG_VERSION")), "codebook": "PLOVER (CAMEO2PLOVER 2021 mapping)",
            }),
        );
        if let Some(c) = m[11].text() {
            rec.insert("claimed_by".into(), json!(c));
        }
    }
    rec.insert("coder".into(), json!(concat!("annals ", env!("CARGO_PKG_VERSION"))));
    rec.insert("coded_date".into(), json!(r[24].str().get(..10)));
    rec.insert("num_mentions".into(), json!(r[20].int()));
    rec.insert("num_articles".into(), json!(r[21].int()));
    rec.insert("num_sources".into(), json!(r[22].int()));
    rec.insert(
        "mentions".into(),
        json!(mentions
            .iter()
            .map(|m| json!({
                "id": m[0].str(), "url": m[1].text(), "publication": m[2].text(), "sequence": m[5].int(),
                "text": m[6].str(), "factuality": m[10].str(), "confidence": m[14].real(), "claimed_by": m[11].text(),
                "trigger": {"text": m[7].str(), "start": m[8].int(), "end": m[9].int()},
            }))
            .collect::<Vec<_>>()),
    );
    Ok(serde_json::Value::Object(rec))
}

impl Store {
    /// Writes the whole store in `format` to `out`; returns the number of records.
    pub fn export<W: Write + Send>(&mut self, format: ExportFormat, out: W) -> Result<usize> {
        self.export_with(format, out, &ExportOptions::default())
    }

    /// Writes the store in `format` to `out` with `options` (a confidence
    /// threshold); returns the number of records.
    pub fn export_with<W: Write + Send>(&mut self, format: ExportFormat, out: W, options: &ExportOptions) -> Result<usize> {
        let min = options.min();
        match format {
            ExportFormat::Jsonl => self.export_jsonl(out, min),
            ExportFormat::Csv => self.export_csv(out, min),
            ExportFormat::Gdelt => self.export_gdelt(out, min),
            ExportFormat::Plover => self.export_plover(out, min),
            ExportFormat::Parquet => self.export_parquet(out, min),
        }
    }

    fn export_jsonl<W: Write>(&mut self, mut out: W, min_confidence: f64) -> Result<usize> {
        let db = self.connected()?;
        {
            let mut last = String::new();
            let mut n = 0;
            loop {
                let ids = db.query("SELECT id FROM documents WHERE id > $1 ORDER BY id LIMIT $2", &params![last.as_str(), PAGE])?;
                for r in &ids {
                    if let Some((mut doc, _, _)) = load_document(db, r[0].str())? {
                        if min_confidence > 0.0 {
                            doc.events.retain(|e| annals_core::clamp_confidence(e.confidence) >= min_confidence);
                        }
                        serde_json::to_writer(&mut out, &doc).map_err(json_err)?;
                        out.write_all(b"\n")?;
                        n += 1;
                    }
                }
                match ids.last() {
                    Some(r) if ids.len() == PAGE => last = r[0].str().to_string(),
                    _ => break,
                }
            }
            out.flush()?;
            Ok(n)
        }
    }

    fn export_csv<W: Write>(&mut self, out: W, min_confidence: f64) -> Result<usize> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(MENTION_COLUMNS.iter().map(|(n, _)| *n)).map_err(csv_err)?;
        let n = for_each_mention(self.connected()?, min_confidence, |r| w.write_record(r.iter().map(text_of)).map_err(csv_err))?;
        w.flush()?;
        Ok(n)
    }

    /// GDELT's 61 columns only: no confidence column (GDELT has none);
    /// `--min-confidence` still selects the events.
    fn export_gdelt<W: Write>(&mut self, mut out: W, min_confidence: f64) -> Result<usize> {
        let n = for_each_cluster(self.connected()?, min_confidence, |_, r| {
            out.write_all(gdelt_fields(r).join("\t").as_bytes())?;
            out.write_all(b"\n")?;
            Ok(())
        })?;
        out.flush()?;
        Ok(n)
    }

    fn export_plover<W: Write>(&mut self, mut out: W, min_confidence: f64) -> Result<usize> {
        let n = for_each_cluster(self.connected()?, min_confidence, |db, r| {
            let rec = plover_record(db, r)?;
            serde_json::to_writer(&mut out, &rec).map_err(json_err)?;
            out.write_all(b"\n")?;
            Ok(())
        })?;
        out.flush()?;
        Ok(n)
    }

    #[cfg(feature = "parquet")]
    fn export_parquet<W: Write + Send>(&mut self, out: W, min_confidence: f64) -> Result<usize> {
        crate::parquet_export::write(self, out, min_confidence)
    }

    #[cfg(not(feature = "parquet"))]
    fn export_parquet<W: Write + Send>(&mut self, _out: W, _min_confidence: f64) -> Result<usize> {
        Err(StoreError::Export("this annals was built without the `parquet` feature; rebuild with it, or export csv".into()))
    }

    /// Pages through the mention table (used by the Parquet writer).
    #[cfg_attr(not(feature = "parquet"), allow(dead_code))]
    pub(crate) fn mention_pages(&mut self, min_confidence: f64, mut f: impl FnMut(Vec<Row>) -> Result<()>) -> Result<usize> {
        let db = self.connected()?;
        {
            let mut page = Vec::with_capacity(PAGE);
            let n = for_each_mention(db, min_confidence, |r| {
                page.push(r.clone());
                if page.len() == PAGE {
                    f(std::mem::take(&mut page))?;
                }
                Ok(())
            })?;
            if !page.is_empty() {
                f(std::mem::take(&mut page))?;
            }
            Ok(n)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gdelt_row_has_61_fields() {
        let row: Row = vec![
            Value::Int(42),
            "ASSAULT".into(),
            "190".into(),
            "Russian forces".into(),
            "RUS".into(),
            "MIL".into(),
            Value::Null,
            "UKR".into(),
            Value::Null,
            "2024-03-05".into(),
            "day".into(),
            "2024-03-05".into(),
            "2024-03-05".into(),
            "Kharkiv".into(),
            "UKR".into(),
            Value::Real(49.98),
            Value::Real(36.25),
            Value::Int(706483),
            "actual".into(),
            Value::Int(1),
            Value::Int(3),
            Value::Int(2),
            Value::Int(2),
            "https://example.org/a\tb".into(),
            "2024-03-06T10:11:12Z".into(),
            "x.0".into(),
        ];
        let f = gdelt_fields(&row);
        assert_eq!(f.len(), 61);
        let col = |name: &str| f[GDELT_COLUMNS.iter().position(|c| *c == name).unwrap()].as_str();
        assert_eq!(col("SQLDATE"), "20240305");
        assert_eq!(col("MonthYear"), "202403");
        assert_eq!(col("Actor1Code"), "RUSMIL");
        assert_eq!(col("Actor1Name"), "RUSSIAN FORCES");
        assert_eq!(col("Actor2Code"), "UKR");
        assert_eq!(col("EventCode"), "190");
        assert_eq!(col("EventRootCode"), "19");
        assert_eq!(col("QuadClass"), "4");
        assert_eq!(col("GoldsteinScale"), "-9.0");
        assert_eq!(col("NumMentions"), "3");
        assert_eq!(col("NumSources"), "2");
        assert_eq!(col("ActionGeo_Type"), "4");
        assert_eq!(col("ActionGeo_FullName"), "Kharkiv, Ukraine");
        assert_eq!(col("ActionGeo_CountryCode"), "UP");
        assert_eq!(col("ActionGeo_FeatureID"), "706483");
        assert_eq!(col("DATEADDED"), "20240306101112");
        assert_eq!(col("SOURCEURL"), "https://example.org/a b");
        assert!(!f.iter().any(|x| x.contains('\t')));
    }

    #[test]
    fn formats_parse() {
        assert_eq!("GDELT".parse::<ExportFormat>().unwrap(), ExportFormat::Gdelt);
        assert!("xml".parse::<ExportFormat>().unwrap_err().to_string().contains("parquet"));
    }
}

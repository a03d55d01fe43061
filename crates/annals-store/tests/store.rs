//! One suite, run against SQLite and PostgreSQL.

mod common;

use std::io::BufRead;

use annals_core::Document;
use annals_store::{
    EventQuery, ExportFormat, ExportOptions, PutOutcome, Shown, Store, StoreError, StoreOptions, GDELT_COLUMNS,
    MENTION_COLUMNS, SCHEMA_VERSION,
};
use common::*;

fn reuters() -> Document {
    wire_story("Reuters", "https://www.reuters.com/article/turkey-greece-talks-idUSKBN2BT0XY", false)
}

fn ekathimerini() -> Document {
    wire_story("ekathimerini.com", "https://www.ekathimerini.com/news/1157634/turkey-greece-talks/", true)
}

fn all_docs() -> Vec<Document> {
    vec![reuters(), ekathimerini(), own_report(), flood_story()]
}

fn put_all(store: &mut Store) {
    for d in all_docs() {
        store.put_document(&d).unwrap();
    }
}

fn q() -> EventQuery {
    EventQuery::default()
}

// ---------------------------------------------------------------- the suite

fn idempotence(store: &mut Store) {
    let doc = reuters();
    let first = store.put_document(&doc).unwrap();
    assert_eq!(first.outcome, PutOutcome::Inserted);
    assert_eq!((first.events, first.new_clusters), (3, 3));
    let before = store.stats().unwrap();
    let again = store.put_document(&doc).unwrap();
    assert_eq!(again.outcome, PutOutcome::Unchanged);
    assert_eq!(store.stats().unwrap(), before, "the same document twice adds nothing");

    // Same id, new analysis: replaced, not duplicated.
    let mut changed = doc.clone();
    changed.events.pop();
    changed.title.push_str(" (updated)");
    assert_eq!(store.put_document(&changed).unwrap().outcome, PutOutcome::Replaced);
    let after = store.stats().unwrap();
    assert_eq!((after.documents, after.mentions, after.events, after.stories), (1, 2, 2, 1));
    assert_eq!(store.document(&doc.id).unwrap().unwrap(), changed);
    assert!(store.integrity_check().unwrap().is_empty());
    assert!(store.has_document(&doc.id).unwrap());
    assert!(store.has_source(&doc.source).unwrap());
    assert!(!store.has_document("0000000000000000").unwrap());
}

fn round_trip(store: &mut Store) {
    put_all(store);
    for d in all_docs() {
        let back = store.document(&d.id).unwrap().expect("stored");
        assert_eq!(back, d, "document {} comes back as it went in", d.source);
    }
    assert!(store.integrity_check().unwrap().is_empty());
}

fn dedup(store: &mut Store) {
    let a = store.put_document(&reuters()).unwrap();
    let b = store.put_document(&ekathimerini()).unwrap();
    // the wire story on two sites: one story, every event joins the first site's
    assert_eq!(b.story_id, a.story_id);
    assert_eq!(b.duplicate_of.as_ref().map(|(id, _)| id.as_str()), Some(a.doc_id.as_str()));
    assert_eq!(b.new_clusters, 0);
    let c = store.put_document(&own_report()).unwrap();
    assert_ne!(c.story_id, a.story_id, "an independent report is another story");
    assert_eq!(c.new_clusters, 0, "but its event is the same meeting");
    let f = store.put_document(&flood_story()).unwrap();
    assert_ne!(f.story_id, a.story_id);
    assert_eq!(f.new_clusters, 1);

    let s = store.stats().unwrap();
    assert_eq!((s.documents, s.stories, s.stories_with_duplicates), (4, 3, 1));
    assert_eq!((s.mentions, s.events, s.events_multi_article), (8, 4, 3));
    let events = store.events(&q()).unwrap();
    let by_type = |t: &str| events.iter().find(|e| e.kind == t).unwrap().clone();
    let meeting = by_type("CONSULT");
    assert_eq!((meeting.num_mentions, meeting.num_articles, meeting.num_sources), (3, 3, 3));
    assert_eq!(meeting.date.as_deref(), Some("2021-04-06"));
    let detain = by_type("COERCE");
    assert_eq!((detain.num_mentions, detain.num_sources), (2, 2));
    assert_eq!(by_type("AID").num_mentions, 1);
    assert!(store.integrity_check().unwrap().is_empty());

    // Every mention keeps its source.
    let Shown::Event(detail) = store.show(&meeting.id.to_string()).unwrap() else { panic!("an event") };
    let sites: Vec<_> = detail.mentions.iter().map(|m| m.site.clone().unwrap()).collect();
    assert_eq!(sites, ["Reuters", "ekathimerini.com", "BBC"]);
    assert!(detail.mentions.iter().all(|m| m.evidence.contains("met") || m.evidence.contains("held talks")));
}

fn queries(store: &mut Store) {
    put_all(store);
    let ids = |store: &mut Store, query: EventQuery| -> Vec<String> {
        store.events(&query).unwrap().into_iter().map(|e| e.kind).collect()
    };
    assert_eq!(ids(store, q()).len(), 4);
    assert_eq!(ids(store, EventQuery { kind: Some("consult".into()), ..q() }), ["CONSULT"]);
    assert_eq!(ids(store, EventQuery { country: Some("IDN".into()), ..q() }), ["AID"]);
    assert_eq!(ids(store, EventQuery { actor: Some("turkish POLICE".into()), ..q() }), ["COERCE"]);
    assert_eq!(ids(store, EventQuery { actor: Some("TURCOP".into()), ..q() }), ["COERCE"]);
    let mut greek = ids(store, EventQuery { actor: Some("GRC".into()), ..q() });
    greek.sort();
    assert_eq!(greek, ["AGREE", "CONSULT"]);
    assert_eq!(ids(store, EventQuery { factuality: Some("future".into()), ..q() }), ["AGREE"]);
    assert_eq!(ids(store, EventQuery { place: Some("istanbul".into()), ..q() }), ["COERCE"]);
    // --text searches evidence sentences and the articles they come from
    assert_eq!(ids(store, EventQuery { text: Some("Shelters capital".into()), ..q() }), ["AID"]);
    assert_eq!(ids(store, EventQuery { text: Some("detained protesters".into()), ..q() }).len(), 3);
    assert_eq!(ids(store, EventQuery { text: Some("continental shelf".into()), ..q() }), ["CONSULT"]);
    assert_eq!(ids(store, EventQuery { text: Some("DRILLING rights".into()), ..q() }).len(), 3);
    assert_eq!(ids(store, EventQuery { text: Some("nowhere-to-be-found".into()), ..q() }).len(), 0);
    assert_eq!(ids(store, EventQuery { from: Some("2021-04-06".into()), to: Some("2021-04-06".into()), ..q() }), ["CONSULT"]);
    assert_eq!(ids(store, EventQuery { from: Some("2021-05".into()), ..q() }), ["AGREE"]);
    assert_eq!(ids(store, EventQuery { to: Some("2021-03".into()), ..q() }), ["AID"]);
    // quotes and SQL syntax in values are plain data
    assert!(ids(store, EventQuery { actor: Some("x' OR '1'='1".into()), ..q() }).is_empty());
    assert!(ids(store, EventQuery { text: Some("\"police\" OR NEAR(".into()), ..q() }).len() <= 1);
    // paging: pages are disjoint and cover everything, in date order
    let all = store.events(&q()).unwrap();
    let dates: Vec<_> = all.iter().map(|e| e.date_start.clone()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let p1 = store.events(&EventQuery { limit: Some(3), ..q() }).unwrap();
    let p2 = store.events(&EventQuery { limit: Some(3), offset: 3, ..q() }).unwrap();
    assert_eq!((p1.len(), p2.len()), (3, 1));
    let mut paged: Vec<i64> = p1.iter().chain(&p2).map(|e| e.id).collect();
    paged.sort();
    let mut every: Vec<i64> = all.iter().map(|e| e.id).collect();
    every.sort();
    assert_eq!(paged, every);
}

fn bad_filters(store: &mut Store) {
    put_all(store);
    let err = store.events(&EventQuery { from: Some("2021-02-30".into()), ..q() }).unwrap_err();
    assert!(matches!(err, StoreError::InvalidFilter { option: "--from", .. }));
    assert!(err.to_string().contains("`2021-02-30`"), "{err}");
    assert!(store.events(&EventQuery { country: Some("XXX".into()), ..q() }).is_err());
    assert!(store.events(&EventQuery { kind: Some("MEET".into()), ..q() }).is_err());
    assert!(store.events(&EventQuery { limit: Some(1_000_000), ..q() }).is_err());
    assert!(matches!(store.show("no-such-id").unwrap_err(), StoreError::NotFound(_)));
    assert!(matches!(store.show("").unwrap_err(), StoreError::NotFound(_)));
}

fn show(store: &mut Store) {
    put_all(store);
    let doc = reuters();
    let Shown::Document(d) = store.show(&doc.id).unwrap() else { panic!("a document") };
    assert_eq!(d.document, doc);
    assert_eq!(d.story_documents, [ekathimerini().id]);
    assert_eq!(d.event_ids.len(), 3);
    // a mention id shows its event, with the evidence sentence and its span
    let Shown::Event(e) = store.show(&format!("{}.2", doc.id)).unwrap() else { panic!("an event") };
    assert_eq!(e.event.kind, "COERCE");
    assert_eq!(e.event.id, d.event_ids[2]);
    let m = &e.mentions[0];
    assert!(m.evidence.starts_with("Separately, Turkish police detained"));
    let (start, end) = m.sentence_span.unwrap();
    assert_eq!(doc.span_text(annals_core::Span::new(start as usize, end as usize)), m.evidence);
    assert_eq!(m.claimed_by.as_deref(), Some("Istanbul governor's office"));
    assert_eq!(e.mentions.len(), 2);
    let text = e.to_string();
    assert!(text.contains("COERCE") && text.contains("reuters.com"), "{text}");
}

fn exports(store: &mut Store) {
    put_all(store);
    let stats = store.stats().unwrap();

    let mut jsonl = Vec::new();
    assert_eq!(store.export(ExportFormat::Jsonl, &mut jsonl).unwrap(), 4);
    let mut docs: Vec<Document> = jsonl.lines().map(|l| serde_json::from_str(&l.unwrap()).unwrap()).collect();
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    let mut expected = all_docs();
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(docs, expected);

    let mut csv_out = Vec::new();
    assert_eq!(store.export(ExportFormat::Csv, &mut csv_out).unwrap() as i64, stats.mentions);
    let mut reader = csv::Reader::from_reader(csv_out.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, MENTION_COLUMNS.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len() as i64, stats.mentions);
    let evidence = header.iter().position(|h| h == "evidence").unwrap();
    assert!(rows.iter().any(|r| r[evidence].contains("“We want") || r[evidence].contains("Çavuşoğlu") || r[evidence].contains("detained")));

    let mut gdelt = Vec::new();
    assert_eq!(store.export(ExportFormat::Gdelt, &mut gdelt).unwrap() as i64, stats.events);
    let text = String::from_utf8(gdelt).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len() as i64, stats.events);
    for line in &lines {
        assert_eq!(line.split('\t').count(), 61, "{line}");
    }
    let col = |line: &str, name: &str| line.split('\t').nth(GDELT_COLUMNS.iter().position(|c| *c == name).unwrap()).unwrap().to_string();
    let meeting = lines.iter().find(|l| col(l, "EventCode") == "040").unwrap();
    assert_eq!(col(meeting, "NumMentions"), "3");
    assert_eq!(col(meeting, "NumSources"), "3");
    assert_eq!(col(meeting, "SQLDATE"), "20210406");
    assert_eq!(col(meeting, "ActionGeo_CountryCode"), "TU");
    assert_eq!(col(meeting, "ActionGeo_FeatureID"), "323786");
    assert!(col(meeting, "SOURCEURL").contains("reuters.com"));

    let mut plover = Vec::new();
    assert_eq!(store.export(ExportFormat::Plover, &mut plover).unwrap() as i64, stats.events);
    let records: Vec<serde_json::Value> = plover.lines().map(|l| serde_json::from_str(&l.unwrap()).unwrap()).collect();
    for r in &records {
        for key in ["id", "date", "actor", "event", "mode", "context", "quad_code", "event_scale", "text", "cite_info"] {
            assert!(r.get(key).is_some(), "PLOVER record lacks {key}: {r}");
        }
    }
    let detain = records.iter().find(|r| r["event"][0] == "COERCE").unwrap();
    assert_eq!(detain["actor"][0]["code"], "TUR");
    assert_eq!(detain["actor"][0]["sector"], "COP");
    assert_eq!(detain["mode"][0], "arrest");
    assert_eq!(detain["event_loc"]["resolved_place"], "Istanbul");
    assert_eq!(detain["num_sources"], 2);
    assert_eq!(detain["mentions"].as_array().unwrap().len(), 2);

    #[cfg(feature = "parquet")]
    {
        use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.parquet");
        let n = store.export(ExportFormat::Parquet, std::fs::File::create(&path).unwrap()).unwrap();
        assert_eq!(n as i64, stats.mentions);
        let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap()).unwrap().build().unwrap();
        let mut rows = 0;
        for batch in reader {
            let batch = batch.unwrap();
            assert_eq!(batch.num_columns(), MENTION_COLUMNS.len());
            assert_eq!(batch.schema(), annals_store::parquet_schema());
            rows += batch.num_rows();
            let types = batch.column_by_name("type").unwrap();
            let types = types.as_any().downcast_ref::<arrow_array::StringArray>().unwrap();
            assert!(types.iter().all(|t| t.is_some_and(|t| t.chars().all(|c| c.is_ascii_uppercase()))));
        }
        assert_eq!(rows as i64, stats.mentions);
    }
}

/// Kinds of the events at least `min` confident, sorted.
fn kinds_at(store: &mut Store, min: &str, query: EventQuery) -> Vec<String> {
    let query = EventQuery { min_confidence: Some(min.into()), ..query };
    let mut kinds: Vec<String> = store.events(&query).unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(store.count_events(&query).unwrap(), kinds.len() as i64, "count agrees with the list at {min}");
    kinds.sort();
    kinds
}

/// Confidences: each mention keeps its own, an event has its best report's,
/// `min_confidence` filters on that, and a replaced report recounts it.
fn confidence(store: &mut Store) {
    put_all(store);
    let events = store.events(&q()).unwrap();
    let by_type = |t: &str| events.iter().find(|e| e.kind == t).unwrap().clone();
    // fixtures: meeting 0.9 (Reuters), 0.55 (ekathimerini), 0.8 (BBC); agreement 0.6 twice;
    // detention 0.35 and 0.3; aid unscored (1.0)
    assert_eq!(by_type("CONSULT").confidence, 0.9);
    assert_eq!(by_type("AGREE").confidence, 0.6);
    assert_eq!(by_type("COERCE").confidence, 0.35);
    assert_eq!(by_type("AID").confidence, 1.0);
    let meeting = by_type("CONSULT");
    let Shown::Event(detail) = store.show(&meeting.id.to_string()).unwrap() else { panic!("an event") };
    assert_eq!(detail.mentions.iter().map(|m| m.confidence).collect::<Vec<_>>(), [0.9, 0.55, 0.8]);
    let text = detail.to_string();
    assert!(text.contains("confidence 0.90;") && text.contains("confidence 0.55,"), "{text}");
    let back = store.document(&reuters().id).unwrap().unwrap();
    assert_eq!(back.events.iter().map(|e| e.confidence).collect::<Vec<_>>(), [0.9, 0.6, 0.35]);

    // the filter: inclusive, on the event's best report
    assert_eq!(kinds_at(store, "0", q()), ["AGREE", "AID", "COERCE", "CONSULT"]);
    assert_eq!(kinds_at(store, "0.35", q()), ["AGREE", "AID", "COERCE", "CONSULT"]);
    assert_eq!(kinds_at(store, "0.5", q()), ["AGREE", "AID", "CONSULT"]);
    assert_eq!(kinds_at(store, " 0.6 ", q()), ["AGREE", "AID", "CONSULT"]);
    assert_eq!(kinds_at(store, ".61", q()), ["AID", "CONSULT"]);
    assert_eq!(kinds_at(store, "0.95", q()), ["AID"]);
    assert_eq!(kinds_at(store, "1", q()), ["AID"]);
    // with the other filters
    assert_eq!(kinds_at(store, "0.7", EventQuery { actor: Some("GRC".into()), ..q() }), ["CONSULT"]);
    assert!(kinds_at(store, "0.4", EventQuery { place: Some("istanbul".into()), ..q() }).is_empty());
    let paged = store.events(&EventQuery { min_confidence: Some("0.5".into()), limit: Some(2), offset: 2, ..q() }).unwrap();
    assert_eq!(paged.len(), 1);

    // bad thresholds are named, with the value and what is expected
    for bad in ["abc", "-0.1", "1.01", "NaN", "inf", "", "0,5"] {
        let err = store.events(&EventQuery { min_confidence: Some(bad.into()), ..q() }).unwrap_err();
        assert!(matches!(err, StoreError::InvalidFilter { option: "--min-confidence", .. }), "{bad}: {err}");
        let msg = err.to_string();
        assert!(msg.contains(&format!("`{bad}`")) && msg.contains("a number from 0 to 1"), "{msg}");
    }

    // a report replaced by a less confident analysis: the event falls to its best remaining report
    let mut doubtful = reuters();
    doubtful.events[0].confidence = 0.2;
    assert_eq!(store.put_document(&doubtful).unwrap().outcome, PutOutcome::Replaced);
    let meeting = store.events(&EventQuery { kind: Some("CONSULT".into()), ..q() }).unwrap().remove(0);
    assert_eq!(meeting.confidence, 0.8);
    assert_eq!(kinds_at(store, "0.85", q()), ["AID"]);

    // out-of-range confidences are stored clamped; NaN counts as 0
    let mut odd = numbered_story(1);
    odd.events[0].confidence = f64::NAN;
    let mut high = numbered_story(2);
    high.events[0].confidence = 7.0;
    store.put_document(&odd).unwrap();
    store.put_document(&high).unwrap();
    // (the two reports are one meeting: same codes, dates a day apart)
    let Shown::Event(e) = store.show(&format!("{}.0", odd.id)).unwrap() else { panic!("an event") };
    let of = |id: &str| e.mentions.iter().find(|m| m.id == format!("{id}.0")).unwrap().confidence;
    assert_eq!((of(&odd.id), of(&high.id), e.event.confidence), (0.0, 1.0, 1.0));
    assert_eq!(store.document(&odd.id).unwrap().unwrap().events[0].confidence, 0.0);
    assert!(store.integrity_check().unwrap().is_empty());
}

/// Exports carry each mention's (CSV, Parquet) or event's (PLOVER, and in
/// the documents of JSON Lines) confidence and honour `min_confidence`;
/// GDELT keeps GDELT's columns.
fn confidence_exports(store: &mut Store) {
    put_all(store);
    let at = |min: f64| ExportOptions { min_confidence: Some(min) };

    // CSV: the last column, one row per mention at least that confident
    let mut out = Vec::new();
    assert_eq!(store.export_with(ExportFormat::Csv, &mut out, &at(0.5)).unwrap(), 6);
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.last().map(String::as_str), Some("confidence"));
    assert_eq!(header[header.len() - 2], "quad_class", "columns before it keep their places");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let conf = header.len() - 1;
    let mut confs: Vec<f64> = rows.iter().map(|r| r[conf].parse().unwrap()).collect();
    confs.sort_by(f64::total_cmp);
    assert_eq!(confs, [0.55, 0.6, 0.6, 0.8, 0.9, 1.0]);
    let mut all = Vec::new();
    assert_eq!(store.export(ExportFormat::Csv, &mut all).unwrap(), 8, "no threshold: every mention");

    // GDELT: 61 columns whatever the threshold; the threshold selects events
    let mut gdelt = Vec::new();
    assert_eq!(store.export_with(ExportFormat::Gdelt, &mut gdelt, &at(0.5)).unwrap(), 3);
    let text = String::from_utf8(gdelt).unwrap();
    assert!(text.lines().all(|l| l.split('\t').count() == 61));
    assert!(!GDELT_COLUMNS.iter().any(|c| c.to_lowercase().contains("confidence")));

    // PLOVER: the event's and each report's confidence
    let mut plover = Vec::new();
    assert_eq!(store.export_with(ExportFormat::Plover, &mut plover, &at(0.95)).unwrap(), 1);
    let rec: serde_json::Value = serde_json::from_slice(plover.lines().next().unwrap().unwrap().as_bytes()).unwrap();
    assert_eq!((rec["event"][0].as_str(), rec["confidence"].as_f64()), (Some("AID"), Some(1.0)));
    let mut plover = Vec::new();
    store.export_with(ExportFormat::Plover, &mut plover, &at(0.0)).unwrap();
    let meeting: serde_json::Value = plover
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(&l.unwrap()).unwrap())
        .find(|r| r["event"][0] == "CONSULT")
        .unwrap();
    assert_eq!(meeting["confidence"], 0.9);
    let reports: Vec<f64> = meeting["mentions"].as_array().unwrap().iter().map(|m| m["confidence"].as_f64().unwrap()).collect();
    assert_eq!(reports, [0.9, 0.55, 0.8]);

    // JSON Lines: every document, with only its events at least that confident
    let mut jsonl = Vec::new();
    assert_eq!(store.export_with(ExportFormat::Jsonl, &mut jsonl, &at(0.58)).unwrap(), 4);
    let docs: Vec<Document> = jsonl.lines().map(|l| serde_json::from_str(&l.unwrap()).unwrap()).collect();
    let reuters_back = docs.iter().find(|d| d.id == reuters().id).unwrap();
    assert_eq!(reuters_back.events.iter().map(|e| (e.kind.as_str(), e.confidence)).collect::<Vec<_>>(), [("CONSULT", 0.9), ("AGREE", 0.6)]);
    let edited = docs.iter().find(|d| d.id == ekathimerini().id).unwrap();
    assert_eq!(edited.events.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["AGREE"]);

    #[cfg(feature = "parquet")]
    {
        use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.parquet");
        let n = store.export_with(ExportFormat::Parquet, std::fs::File::create(&path).unwrap(), &at(0.5)).unwrap();
        assert_eq!(n, 6);
        let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap()).unwrap().build().unwrap();
        let mut confs = Vec::new();
        for batch in reader {
            let batch = batch.unwrap();
            let col = batch.column_by_name("confidence").expect("a confidence column");
            assert_eq!(col.data_type(), &arrow_schema::DataType::Float64);
            let col = col.as_any().downcast_ref::<arrow_array::Float64Array>().unwrap();
            confs.extend(col.iter().map(Option::unwrap));
        }
        confs.sort_by(f64::total_cmp);
        assert_eq!(confs, [0.55, 0.6, 0.6, 0.8, 0.9, 1.0]);
    }
}

/// The schema change of event confidences (version 3), undone: what an annals
/// of schema version 2 left behind, data included (documents' JSON without
/// `confidence`).
const DOWNGRADE_TO_V2: &str = "
DROP VIEW mentions;
ALTER TABLE events DROP COLUMN confidence;
ALTER TABLE event_clusters DROP COLUMN confidence;
CREATE VIEW mentions AS
SELECT e.cluster_id AS event_id, e.id AS mention_id, e.doc_id, d.url, d.site, d.site_key, d.source,
       d.published, d.ingested_at, e.sentence_idx, e.evidence, e.factuality, e.claimed_by,
       e.trigger_start, e.trigger_end
FROM events e JOIN documents d ON d.id = e.doc_id;
DELETE FROM annals_schema WHERE version = 3;
";

/// A document's stored JSON as schema version 2 wrote it: no `confidence`.
fn without_confidence(layers: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(layers).unwrap();
    for e in v["events"].as_array_mut().unwrap() {
        assert!(e.as_object_mut().unwrap().remove("confidence").is_some());
    }
    v.to_string()
}

/// A version-2 database with data upgrades on the first open for writing:
/// its events and mentions read 1.0 (unscored), the filter and new documents work.
fn upgrades_from_v2(target: &str) {
    assert_eq!(SCHEMA_VERSION, 3);
    let err = Store::open_with(target, &StoreOptions::read_only()).err().expect("a version-2 database is refused read-only");
    assert!(err.to_string().contains("version 2") && err.to_string().contains("open it once for writing"), "{err}");
    let mut store = Store::open(target).unwrap();
    assert_eq!(store.schema_version().unwrap(), 3);
    let events = store.events(&q()).unwrap();
    assert_eq!(events.len(), 4);
    assert!(events.iter().all(|e| e.confidence == 1.0), "{events:?}");
    let Shown::Event(detail) = store.show(&format!("{}.0", reuters().id)).unwrap() else { panic!("an event") };
    assert_eq!(detail.mentions.iter().map(|m| m.confidence).collect::<Vec<_>>(), [1.0, 1.0, 1.0]);
    assert!(store.document(&reuters().id).unwrap().unwrap().events.iter().all(|e| e.confidence == 1.0));
    assert_eq!(kinds_at(&mut store, "0.99", q()).len(), 4);
    // new documents store their confidences beside the old ones
    let mut new = numbered_story(3);
    new.events[0].confidence = 0.25;
    store.put_document(&new).unwrap();
    assert_eq!(kinds_at(&mut store, "0.5", q()).len(), 4);
    assert_eq!(kinds_at(&mut store, "0.2", q()).len(), 5);
    let mut csv_out = Vec::new();
    assert_eq!(store.export(ExportFormat::Csv, &mut csv_out).unwrap(), 9);
    assert!(store.integrity_check().unwrap().is_empty());
    // and opening it again changes nothing
    drop(store);
    assert_eq!(reopen(target).schema_version().unwrap(), 3);
}

fn errors_table(store: &mut Store) {
    store.record_error("feeds/broken.xml#item-3", "extract: no article text").unwrap();
    store.record_error("feeds/broken.xml#item-3", "extract: still no article text").unwrap();
    assert_eq!(store.stats().unwrap().errors, 1);
    assert_eq!(store.errors(10).unwrap()[0].1, "extract: still no article text");
    // storing a document from that source later clears the error
    let mut d = flood_story();
    d.source = "feeds/broken.xml#item-3".into();
    store.put_document(&d).unwrap();
    assert_eq!(store.stats().unwrap().errors, 0);
}

fn resume(store: &mut Store, target: &str) {
    let batch: Vec<Document> = (0..30).map(numbered_story).collect();
    for d in &batch[..12] {
        store.put_document(d).unwrap();
    }
    // a new process picks the batch up again: stored documents are skipped by id
    let mut again = reopen(target);
    let mut inserted = 0;
    for d in &batch {
        if again.has_document(&d.id).unwrap() {
            continue;
        }
        assert_eq!(again.put_document(d).unwrap().outcome, PutOutcome::Inserted);
        inserted += 1;
    }
    assert_eq!(inserted, 18);
    let s = again.stats().unwrap();
    assert_eq!((s.documents, s.mentions), (30, 30));
    assert!(again.integrity_check().unwrap().is_empty());
}

fn newer_schema(store: &mut Store, target: &str, bump: impl FnOnce()) {
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    bump();
    let err = Store::open(target).err().expect("refused");
    assert!(matches!(err, StoreError::NewerSchema { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("upgrade annals"), "{err}");
}

// ---------------------------------------------------------------- SQLite

mod sqlite {
    use super::*;

    macro_rules! sqlite_test {
        ($name:ident) => {
            #[test]
            fn $name() {
                let (_dir, _, mut s) = common::sqlite();
                super::$name(&mut s);
            }
        };
    }
    sqlite_test!(idempotence);
    sqlite_test!(round_trip);
    sqlite_test!(dedup);
    sqlite_test!(queries);
    sqlite_test!(bad_filters);
    sqlite_test!(show);
    sqlite_test!(exports);
    sqlite_test!(errors_table);
    sqlite_test!(confidence);
    sqlite_test!(confidence_exports);

    fn columns(c: &rusqlite::Connection, table: &str) -> Vec<String> {
        let mut st = c.prepare(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY name")).unwrap();
        st.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect()
    }

    #[test]
    fn upgrades_from_v2() {
        let (dir, path, mut s) = common::sqlite();
        put_all(&mut s);
        drop(s);
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(DOWNGRADE_TO_V2).unwrap();
        let rows: Vec<(String, String)> = {
            let mut st = c.prepare("SELECT id, layers FROM documents").unwrap();
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
        };
        for (id, layers) in rows {
            c.execute("UPDATE documents SET layers = ?1 WHERE id = ?2", [without_confidence(&layers), id]).unwrap();
        }
        // the downgraded database has the tables and view of a real version-2 one
        let v2 = dir.path().join("v2.db");
        Store::create_at_version(v2.to_str().unwrap(), 2).unwrap();
        let fresh = rusqlite::Connection::open(&v2).unwrap();
        for table in ["events", "event_clusters", "mentions", "documents", "work"] {
            assert_eq!(columns(&c, table), columns(&fresh, table), "{table}");
        }
        let version = |c: &rusqlite::Connection| c.query_row("SELECT MAX(version) FROM annals_schema", [], |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!((version(&c), version(&fresh)), (2, 2));
        drop((c, fresh));
        super::upgrades_from_v2(&path);
    }

    #[test]
    fn resume() {
        let (_d, path, mut s) = sqlite();
        super::resume(&mut s, &path);
    }
    #[test]
    fn newer_schema() {
        let (_d, path, mut s) = sqlite();
        let p = path.clone();
        super::newer_schema(&mut s, &path, move || {
            let c = rusqlite::Connection::open(&p).unwrap();
            c.execute("INSERT INTO annals_schema (version, applied_at, tool) VALUES (99, 'later', 'annals 9')", []).unwrap();
        });
    }
}

// ---------------------------------------------------------------- PostgreSQL

mod postgres {
    use super::*;

    macro_rules! pg_test {
        ($name:ident) => {
            #[test]
            fn $name() {
                let Some((_guard, mut s)) = common::postgres() else { return };
                super::$name(&mut s);
            }
        };
    }
    pg_test!(idempotence);
    pg_test!(round_trip);
    pg_test!(dedup);
    pg_test!(queries);
    pg_test!(bad_filters);
    pg_test!(show);
    pg_test!(exports);
    pg_test!(errors_table);
    pg_test!(confidence);
    pg_test!(confidence_exports);

    #[test]
    fn upgrades_from_v2() {
        let Some((guard, mut s)) = common::postgres() else { return };
        put_all(&mut s);
        drop(s);
        let (base, schema) = guard.url.split_once("?schema=").unwrap();
        let mut c = ::postgres::Client::connect(base, ::postgres::NoTls).unwrap();
        c.batch_execute(&format!("SET search_path TO {schema}; {DOWNGRADE_TO_V2}")).unwrap();
        for row in c.query("SELECT id, layers FROM documents", &[]).unwrap() {
            let (id, layers): (String, String) = (row.get(0), row.get(1));
            c.execute("UPDATE documents SET layers = $1 WHERE id = $2", &[&without_confidence(&layers), &id]).unwrap();
        }
        let columns = |c: &mut ::postgres::Client, schema: &str, table: &str| -> Vec<String> {
            c.query(
                "SELECT column_name::text FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY 1",
                &[&schema, &table],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect()
        };
        // the downgraded schema has the tables and view of a real version-2 one
        let v2 = format!("{}_v2", guard.url);
        Store::create_at_version(&v2, 2).unwrap();
        let v2_schema = format!("{schema}_v2");
        for table in ["events", "event_clusters", "mentions", "documents", "work"] {
            let (got, want) = (columns(&mut c, schema, table), columns(&mut c, &v2_schema, table));
            assert!(!want.is_empty(), "{table}");
            assert_eq!(got, want, "{table}");
        }
        c.batch_execute(&format!("DROP SCHEMA IF EXISTS {v2_schema} CASCADE")).unwrap();
        super::upgrades_from_v2(&guard.url);
    }

    #[test]
    fn resume() {
        let Some((guard, mut s)) = common::postgres() else { return };
        super::resume(&mut s, &guard.url);
    }

    /// Workers started together on an empty database all create its schema and
    /// migrate it at once: every one must open it (no "duplicate key" from
    /// CREATE SCHEMA, no migration applied twice).
    #[test]
    fn concurrent_first_opens() {
        let Some((guard, _s)) = common::postgres() else { return };
        let url = format!("{}_race", guard.url);
        let (base, schema) = url.split_once("?schema=").unwrap();
        let barrier = std::sync::Barrier::new(8);
        let results: Vec<_> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    scope.spawn(|| {
                        barrier.wait();
                        Store::open(&url).and_then(|mut s| s.schema_version())
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut c = ::postgres::Client::connect(base, ::postgres::NoTls).unwrap();
        let applied: i64 = c.query_one(&format!("SELECT COUNT(*) FROM {schema}.annals_schema"), &[]).unwrap().get(0);
        c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).unwrap();
        for r in results {
            assert_eq!(r.unwrap(), SCHEMA_VERSION);
        }
        assert_eq!(applied, SCHEMA_VERSION, "each migration applied once");
    }

    #[test]
    fn newer_schema() {
        let Some((guard, mut s)) = common::postgres() else { return };
        let url = guard.url.clone();
        super::newer_schema(&mut s, &guard.url, move || {
            let mut again = reopen(&url);
            // through the public API there is no way to write the version: use SQL
            drop(again.stats().unwrap());
            let (base, schema) = url.split_once("?schema=").unwrap();
            let mut c = ::postgres::Client::connect(base, ::postgres::NoTls).unwrap();
            c.batch_execute(&format!(
                "INSERT INTO {schema}.annals_schema (version, applied_at, tool) VALUES (99, 'later', 'annals 9')"
            ))
            .unwrap();
        });
    }
}

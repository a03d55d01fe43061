//! Hand-built analysed documents and the two back ends for the shared suite.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

use annals_core::{
    Actor, Claimant, Document, Entity, EntityType, Event, EventPlace, Factuality, Granularity, Place, Quote, Span, Speaker,
    TimeExpr, Trigger,
};
use annals_store::{Store, StoreOptions};
use chrono::NaiveDate;

/// Character span of the first occurrence of `needle` at or after character `from`.
pub fn find(doc: &Document, needle: &str, from: usize) -> Span {
    let idx = doc.char_index();
    let byte_from = idx.byte_of_char(from);
    let b = doc.text[byte_from..].find(needle).unwrap_or_else(|| panic!("`{needle}` not in text")) + byte_from;
    idx.span_of_bytes(b, b + needle.len())
}

/// Sentences split after ". " (the fixtures have no abbreviations).
pub fn split_sentences(doc: &mut Document) {
    let idx = doc.char_index().clone();
    let mut spans = Vec::new();
    let mut start = 0;
    let bytes = doc.text.as_bytes();
    for (i, _) in doc.text.match_indices(". ") {
        spans.push(idx.span_of_bytes(start, i + 1));
        start = i + 2;
    }
    if start < bytes.len() {
        spans.push(idx.span_of_bytes(start, bytes.len()));
    }
    doc.sentences = spans;
}

pub fn actor(text: &str, name: &str, country: Option<&str>, sector: Option<&str>) -> Actor {
    Actor { text: text.into(), name: Some(name.into()), country: country.map(Into::into), sector: sector.map(Into::into) }
}

pub fn entity(doc: &Document, text: &str, kind: EntityType, name: &str, country: Option<&str>, sector: Option<&str>) -> Entity {
    let s = find(doc, text, 0);
    Entity {
        text: text.into(),
        kind,
        name: name.into(),
        country: country.map(Into::into),
        sector: sector.map(Into::into),
        start: s.start,
        end: s.end,
    }
}

/// An event whose trigger is `trigger` inside sentence `sentence`.
#[allow(clippy::too_many_arguments)]
pub fn event(
    doc: &Document,
    kind: &str,
    cameo: &str,
    source: Option<Actor>,
    target: Option<Actor>,
    trigger: &str,
    sentence: usize,
    date: Option<&str>,
    place: Option<EventPlace>,
    factuality: Factuality,
) -> Event {
    let sent = doc.sentences[sentence];
    let t = find(doc, trigger, sent.start);
    Event {
        kind: kind.parse().unwrap(),
        cameo: cameo.into(),
        source,
        target,
        trigger: Trigger { text: trigger.into(), start: t.start, end: t.end },
        date: date.map(Into::into),
        place,
        factuality,
        claimed_by: None,
        sentence,
        evidence: doc.span_text(sent).to_string(),
        confidence: 1.0,
    }
}

pub fn ankara() -> EventPlace {
    EventPlace { name: "Ankara".into(), country: Some("TUR".into()), lat: Some(39.9199), lon: Some(32.8543) }
}

pub fn istanbul() -> EventPlace {
    EventPlace { name: "Istanbul".into(), country: Some("TUR".into()), lat: Some(41.0138), lon: Some(28.9497) }
}

const WIRE: &str = "Turkish and Greek foreign ministers met in Ankara on Tuesday to discuss maritime boundaries in the \
eastern Mediterranean, officials said. The two sides agreed to resume exploratory talks next month and to set up a \
hotline between their defence ministries. Greek Foreign Minister Nikos Dendias said the meeting was constructive but \
that differences remained over drilling rights near Crete. “We want dialogue without preconditions,” Turkish Foreign \
Minister Mevlüt Çavuşoğlu told reporters. Separately, Turkish police detained 12 protesters in Istanbul on Monday, \
the governor's office said";

/// The same wire story as published by one site; `edited` applies the small
/// edits a second site makes (dateline, a word, an added closing sentence).
pub fn wire_story(site: &str, url: &str, edited: bool) -> Document {
    let text = if edited {
        format!(
            "ANKARA — {}. The meeting was the first between the two ministers this year",
            WIRE.replace("officials said", "diplomats said").replace("constructive", "positive")
        )
    } else {
        format!("ANKARA (Reuters) - {WIRE}.")
    };
    let mut doc = Document::from_text(format!("{site}.html"), text);
    doc.url = Some(url.into());
    doc.assign_id();
    doc.site = Some(site.into());
    doc.title = "Turkey, Greece agree to resume talks on maritime dispute".into();
    doc.authors = vec!["Tuvan Gumrukcu".into()];
    doc.published = NaiveDate::from_ymd_opt(2021, 4, 6);
    doc.language = "en".into();
    doc.meta.format = "html".into();
    split_sentences(&mut doc);
    doc.entities = vec![
        entity(&doc, "Ankara", EntityType::Location, "Ankara", Some("TUR"), None),
        entity(&doc, "Nikos Dendias", EntityType::Person, "Nikos Dendias", Some("GRC"), Some("GOV")),
        entity(&doc, "Mevlüt Çavuşoğlu", EntityType::Person, "Mevlüt Çavuşoğlu", Some("TUR"), Some("GOV")),
        entity(&doc, "Istanbul", EntityType::Location, "Istanbul", Some("TUR"), None),
    ];
    let tuesday = find(&doc, "on Tuesday", 0);
    let monday = find(&doc, "on Monday", 0);
    doc.times = vec![
        TimeExpr { text: "on Tuesday".into(), value: "2021-04-06".into(), granularity: Some(Granularity::Day), anchor_inferred: false, modifier: None, start: tuesday.start, end: tuesday.end },
        TimeExpr { text: "on Monday".into(), value: "2021-04-05".into(), granularity: Some(Granularity::Day), anchor_inferred: false, modifier: Some("approx".into()), start: monday.start, end: monday.end },
    ];
    let a = find(&doc, "Ankara", 20);
    let i = find(&doc, "Istanbul", 0);
    doc.places = vec![
        Place { text: "Ankara".into(), name: "Ankara".into(), country: Some("TUR".into()), lat: Some(39.9199), lon: Some(32.8543), geonames_id: Some(323786), start: a.start, end: a.end },
        Place { text: "Istanbul".into(), name: "Istanbul".into(), country: Some("TUR".into()), lat: Some(41.0138), lon: Some(28.9497), geonames_id: Some(745044), start: i.start, end: i.end },
    ];
    let q = find(&doc, "We want dialogue without preconditions,", 0);
    let sp = find(&doc, "Mevlüt Çavuşoğlu", 0);
    doc.quotes = vec![Quote {
        text: "We want dialogue without preconditions,".into(),
        speaker: Some(Speaker { text: "Mevlüt Çavuşoğlu".into(), name: Some("Mevlüt Çavuşoğlu".into()), start: Some(sp.start), end: Some(sp.end) }),
        cue: Some("told".into()),
        kind: Some("direct".into()),
        channel: None,
        start: q.start,
        end: q.end,
    }];
    let turkey = actor("Turkish", "Turkey", Some("TUR"), Some("GOV"));
    let greece = actor("Greek foreign ministers", "Greece", Some("GRC"), Some("GOV"));
    let mut detain = event(
        &doc,
        "COERCE",
        "173",
        Some(actor("Turkish police", "Turkish police", Some("TUR"), Some("COP"))),
        Some(Actor { text: "12 protesters".into(), name: None, country: None, sector: Some("OPP".into()) }),
        "detained",
        4,
        Some("2021-04-05"),
        Some(istanbul()),
        Factuality::Actual,
    );
    detain.claimed_by = Some(Claimant { name: "Istanbul governor's office".into() });
    detain.confidence = if edited { 0.3 } else { 0.35 };
    let mut meeting = event(&doc, "CONSULT", "040", Some(turkey.clone()), Some(greece.clone()), "met", 0,
        // the second site's coder found no explicit date: the publication date stands in
        if edited { None } else { Some("2021-04-06") }, Some(ankara()), Factuality::Actual);
    meeting.confidence = if edited { 0.55 } else { 0.9 };
    let mut agree = event(&doc, "AGREE", "036", Some(turkey), Some(greece), "agreed", 1, Some("2021-05"), None, Factuality::Future);
    agree.confidence = 0.6;
    doc.events = vec![meeting, agree, detain];
    doc
}

/// An independent report of the same meeting (other words: another story),
/// naming the actors the other way round.
pub fn own_report() -> Document {
    let text = "Greece's top diplomat Nikos Dendias held talks with his Turkish counterpart Mevlüt Çavuşoğlu in the \
Turkish capital on April 6, their first meeting since a naval standoff last summer. Analysts in Athens said expectations \
for a breakthrough on the continental shelf were low.";
    let mut doc = Document::from_text("bbc.html", text);
    doc.url = Some("https://www.bbc.co.uk/news/world-europe-56651122".into());
    doc.assign_id();
    doc.site = Some("BBC".into());
    doc.title = "Greek and Turkish foreign ministers hold tense talks".into();
    doc.published = NaiveDate::from_ymd_opt(2021, 4, 7);
    doc.language = "en".into();
    split_sentences(&mut doc);
    doc.entities = vec![
        entity(&doc, "Nikos Dendias", EntityType::Person, "Nikos Dendias", Some("GRC"), Some("GOV")),
        entity(&doc, "Mevlüt Çavuşoğlu", EntityType::Person, "Mevlüt Çavuşoğlu", Some("TUR"), Some("GOV")),
        entity(&doc, "Athens", EntityType::Location, "Athens", Some("GRC"), None),
    ];
    doc.events = vec![event(
        &doc,
        "CONSULT",
        "040",
        Some(actor("Greece's top diplomat Nikos Dendias", "Greece", Some("GRC"), Some("GOV"))),
        Some(actor("his Turkish counterpart", "Turkey", Some("TUR"), Some("GOV"))),
        "held talks",
        0,
        Some("2021-04-06"),
        Some(EventPlace { name: "Ankara".into(), country: Some("TUR".into()), lat: None, lon: None }),
        Factuality::Actual,
    )];
    doc.events[0].confidence = 0.8;
    doc
}

/// An unrelated article.
pub fn flood_story() -> Document {
    let text = "Heavy rain flooded large parts of Jakarta on Monday, forcing thousands of residents from their homes \
and closing schools, the disaster agency said. The Indonesian government sent food and clean water to shelters in the \
east of the capital.";
    let mut doc = Document::from_text("jakarta.html", text);
    doc.url = Some("https://www.thejakartapost.com/news/2021/02/22/floods.html".into());
    doc.assign_id();
    doc.site = Some("The Jakarta Post".into());
    doc.title = "Floods force thousands from homes in Jakarta".into();
    doc.published = NaiveDate::from_ymd_opt(2021, 2, 22);
    doc.language = "en".into();
    split_sentences(&mut doc);
    doc.entities = vec![entity(&doc, "Jakarta", EntityType::Location, "Jakarta", Some("IDN"), None)];
    doc.events = vec![event(
        &doc,
        "AID",
        "073",
        Some(actor("The Indonesian government", "Indonesia", Some("IDN"), Some("GOV"))),
        Some(Actor { text: "shelters".into(), name: None, country: Some("IDN".into()), sector: Some("CVL".into()) }),
        "sent",
        1,
        None,
        Some(EventPlace { name: "Jakarta".into(), country: Some("IDN".into()), lat: Some(-6.2146), lon: Some(106.8451) }),
        Factuality::Actual,
    )];
    doc
}

/// A distinct synthetic article (for batches): its own words, one event.
pub fn numbered_story(i: usize) -> Document {
    const WORDS: [&str; 24] = [
        "harbour", "council", "budget", "river", "bridge", "school", "clinic", "railway", "farmers", "market", "storm",
        "election", "court", "museum", "airport", "factory", "strike", "festival", "mayor", "police", "hospital",
        "energy", "water", "housing",
    ];
    let w = |k: usize| WORDS[(i * 7 + k * 13 + i / 24) % WORDS.len()];
    let text = format!(
        "Report {i}: the {} and the {} met on day {i} to settle the {} dispute. Officials from the {} said talks on the \
{} would continue, while the {} asked for more time. Number {i} closes the series {}.",
        w(1), w(2), w(3), w(4), w(5), w(6), i * 31 + 7
    );
    let mut doc = Document::from_text(format!("batch/{i}.txt"), text);
    doc.url = Some(format!("https://example.org/news/{i}"));
    doc.assign_id();
    doc.site = Some(format!("site{}", i % 5));
    doc.title = format!("Story number {i}");
    doc.published = NaiveDate::from_ymd_opt(2022, 1, 1).map(|d| d + chrono::Duration::days((i % 300) as i64));
    doc.language = "en".into();
    split_sentences(&mut doc);
    doc.events = vec![event(
        &doc,
        "CONSULT",
        "040",
        Some(actor(w(1), &format!("{} {i}", w(1)), Some("FRA"), Some("GOV"))),
        Some(actor(w(2), &format!("{} {i}", w(2)), Some("DEU"), None)),
        "met",
        0,
        None,
        None,
        Factuality::Actual,
    )];
    doc
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh SQLite store in a temporary folder.
pub fn sqlite() -> (tempfile::TempDir, String, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annals.db").to_str().unwrap().to_string();
    let store = Store::open(&path).unwrap();
    (dir, path, store)
}

/// The PostgreSQL test server URL.
pub fn postgres_url() -> String {
    std::env::var("ANNALS_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A schema of its own for one test, dropped when the guard goes.
pub struct PgSchema {
    pub url: String,
    base: String,
    schema: String,
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.base, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

/// A fresh PostgreSQL store in its own schema, or None (with a message) when
/// no server answers. With `ANNALS_REQUIRE_POSTGRES=1` (CI) that is a failure.
pub fn postgres() -> Option<(PgSchema, Store)> {
    let base = postgres_url();
    let mut candidates = vec![base.clone()];
    if std::env::var("ANNALS_TEST_POSTGRES").is_err() {
        candidates.push("postgres://root@127.0.0.1:5432/test".into());
    }
    let mut last_error = String::new();
    for base in candidates {
        match postgres::Client::connect(&base, postgres::NoTls) {
            Ok(_) => {
                let schema = format!(
                    "annals_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::SeqCst),
                    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos()
                );
                let sep = if base.contains('?') { '&' } else { '?' };
                let url = format!("{base}{sep}schema={schema}");
                let guard = PgSchema { url: url.clone(), base, schema };
                let store = Store::open(&url).unwrap();
                return Some((guard, store));
            }
            Err(e) => last_error = format!("{e}"),
        }
    }
    let msg = format!("PostgreSQL not reachable at {} ({last_error})", postgres_url());
    if std::env::var("ANNALS_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
        panic!("{msg}, and ANNALS_REQUIRE_POSTGRES=1");
    }
    eprintln!("skipped: {msg}");
    None
}

/// Opens the store at `target` again.
pub fn reopen(target: &str) -> Store {
    Store::open_with(target, &StoreOptions::default()).unwrap()
}

//! API, security and browser tests of `annals serve`, against a SQLite store
//! built from the bundled samples (through the real pipeline) plus three
//! made-up articles: an invasion, a threatened invasion, and a hostile page
//! (`<script>` in its text, HTML in its title, a `javascript:` URL).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use annals_core::{Actor, Document, Event, EventPlace, Factuality, Place, Span, TimeExpr, Trigger};
use annals_pipeline::{run_paths, Options, Outcome, Pipeline};
use annals_serve::{router, Config};
use annals_store::{EventQuery, Store};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// A made-up article with one coded event whose offsets point into its text.
#[allow(clippy::too_many_arguments)]
fn article(url: &str, title: &str, text: &str, trigger: &str, factuality: Factuality, source: &str, target: &str, place: (&str, f64, f64)) -> Document {
    let mut doc = Document::from_text(url, text);
    doc.url = Some(url.to_string());
    doc.site = Some("example.org".into());
    doc.title = title.to_string();
    doc.published = chrono::NaiveDate::from_ymd_opt(2024, 3, 6);
    doc.language = "en".into();
    doc.assign_id();
    let chars: Vec<char> = text.chars().collect();
    let find = |w: &str| -> usize {
        let n: Vec<char> = w.chars().collect();
        chars.windows(n.len()).position(|x| x == &n[..]).unwrap_or_else(|| panic!("{w} not in text"))
    };
    doc.sentences = vec![Span::new(0, chars.len())];
    let t = find(trigger);
    let when = "on 5 March 2024";
    if text.contains(when) {
        let at = find("5 March 2024");
        doc.times.push(TimeExpr { text: "5 March 2024".into(), value: "2024-03-05".into(), granularity: None, anchor_inferred: false, modifier: None, start: at, end: at + 12 });
    }
    let p = find(place.0);
    doc.places.push(Place { text: place.0.into(), name: place.0.into(), country: Some("UKR".into()), lat: Some(place.1), lon: Some(place.2), geonames_id: None, start: p, end: p + place.0.chars().count() });
    doc.events.push(Event {
        kind: annals_core::PloverType::Assault,
        cameo: "192".into(),
        source: Some(Actor { text: source.into(), name: Some(source.into()), country: Some("RUS".into()), sector: Some("MIL".into()) }),
        target: Some(Actor { text: target.into(), name: Some(target.into()), country: Some("UKR".into()), sector: None }),
        trigger: Trigger { text: trigger.into(), start: t, end: t + trigger.chars().count() },
        date: Some("2024-03-05".into()),
        place: Some(EventPlace { name: place.0.into(), country: Some("UKR".into()), lat: Some(place.1), lon: Some(place.2) }),
        factuality,
        claimed_by: None,
        sentence: 0,
        evidence: text.to_string(),
        confidence: 1.0,
    });
    doc
}

const INVASION_CONFIDENCE: f64 = 0.95;
const THREAT_CONFIDENCE: f64 = 0.9;
const HOSTILE_TITLE: &str = "<img src=x onerror=alert(1)> Raid <b>report</b>";
const HOSTILE_TEXT: &str = "Russian forces shelled Kharkiv on 5 March 2024, a report said <script>alert('x')</script>.";

struct Fixture {
    _dir: Option<tempfile::TempDir>,
    db: String,
    sample_events: usize,
}

/// The back ends every API test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

tokio::task_local! {
    /// The back end of the running test (SQLite outside a scope).
    static BACKEND: Backend;
}

fn backend() -> Backend {
    BACKEND.try_with(|b| *b).unwrap_or(Backend::Sqlite)
}

/// The documents of the store: samples through the pipeline, then the made-up articles.
fn documents() -> &'static (Vec<Document>, usize) {
    static DOCS: OnceLock<(Vec<Document>, usize)> = OnceLock::new();
    DOCS.get_or_init(|| {
        let pipeline = Pipeline::default();
        let paths = vec![repo_root().join("samples/corpus")];
        let opts = Options::default();
        let mut docs = Vec::new();
        for outcome in run_paths(&pipeline, &paths, &opts, true) {
            if let Outcome::Done(doc, _) = outcome {
                docs.push(*doc);
            }
        }
        assert_eq!(docs.len(), 24, "the bundled samples hold 24 articles");
        let samples = docs.len();
        let invasion = article(
            "https://example.org/news/invasion",
            "Troops cross the border",
            "Russian troops invaded Ukraine near Chernihiv on 5 March 2024, officials said.",
            "invaded",
            Factuality::Actual,
            "Russian troops",
            "Ukraine",
            ("Chernihiv", 51.5, 31.3),
        );
        let threat = article(
            "https://example.org/news/threat",
            "Kremlin warns of invasion",
            "Moscow threatened to invade Ukraine through Odesa if talks failed, an envoy said.",
            "threatened to invade",
            Factuality::Future,
            "Moscow",
            "Ukraine",
            ("Odesa", 46.48, 30.73),
        );
        let mut hostile = article("javascript:alert(1)", HOSTILE_TITLE, HOSTILE_TEXT, "shelled", Factuality::Actual, "Russian forces", "Kharkiv", ("Kharkiv", 49.99, 36.23));
        hostile.url = Some("javascript:alert(1)".into());
        // confidences for the `min_confidence` tests (the samples' events carry the verifier's)
        let (mut invasion, mut threat) = (invasion, threat);
        invasion.events[0].confidence = INVASION_CONFIDENCE;
        threat.events[0].confidence = THREAT_CONFIDENCE;
        docs.extend([invasion, threat, hostile]);
        (docs, samples)
    })
}

/// Fills the store at `db`; the number of events of the samples.
fn fill(db: &str) -> usize {
    let (docs, samples) = documents();
    let mut store = Store::open(db).unwrap();
    for d in &docs[..*samples] {
        store.put_document(d).unwrap();
    }
    let sample_events = store.count_events(&EventQuery::default()).unwrap() as usize;
    for d in &docs[*samples..] {
        store.put_document(d).unwrap();
    }
    sample_events
}

/// The PostgreSQL server of the tests: `ANNALS_TEST_POSTGRES`, else the local one.
fn postgres_base() -> String {
    std::env::var("ANNALS_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A fresh schema on the test server for this process (those of finished runs
/// are dropped first), or None with a "skipped:" line when no server answers.
fn postgres_schema(name: &str) -> Option<String> {
    let base = postgres_base();
    let mut admin = match postgres::Client::connect(&base, postgres::NoTls) {
        Ok(c) => c,
        Err(e) if std::env::var("ANNALS_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") => panic!("PostgreSQL not reachable at {base}: {e}, and ANNALS_REQUIRE_POSTGRES=1"),
        Err(e) => {
            eprintln!("skipped: PostgreSQL not reachable at {base} ({e})");
            return None;
        }
    };
    for row in admin.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'annals_serve_%'", &[]).unwrap() {
        let schema: String = row.get(0);
        let pid = schema.split('_').nth(2).and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|p| !Path::new(&format!("/proc/{p}")).exists()) {
            let _ = admin.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
    let schema = format!("annals_serve_{}_{name}", std::process::id());
    admin.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).unwrap();
    let sep = if base.contains('?') { '&' } else { '?' };
    Some(format!("{base}{sep}schema={schema}"))
}

/// The store of a back end, built once per test run on a thread of its own
/// (the synchronous PostgreSQL client may not run inside the tests' runtime);
/// None when PostgreSQL is absent.
fn fixture_for(backend: Backend) -> Option<&'static Fixture> {
    static SQLITE: OnceLock<Fixture> = OnceLock::new();
    static POSTGRES: OnceLock<Option<Fixture>> = OnceLock::new();
    let build = |f: fn() -> Option<Fixture>| std::thread::spawn(f).join().unwrap();
    match backend {
        Backend::Sqlite => Some(SQLITE.get_or_init(|| {
            build(|| {
                let dir = tempfile::tempdir().unwrap();
                let db = dir.path().join("samples.db").to_string_lossy().into_owned();
                let sample_events = fill(&db);
                Some(Fixture { _dir: Some(dir), db, sample_events })
            })
            .unwrap()
        })),
        Backend::Postgres => POSTGRES
            .get_or_init(|| {
                build(|| {
                    let db = postgres_schema("samples")?;
                    let sample_events = fill(&db);
                    Some(Fixture { _dir: None, db, sample_events })
                })
            })
            .as_ref(),
    }
}

fn fixture() -> &'static Fixture {
    fixture_for(backend()).expect("the back end is present")
}

fn app() -> axum::Router {
    router(&Config::read_only(fixture().db.clone())).unwrap()
}

/// Runs each API test (an `async fn` of this file) on SQLite and on PostgreSQL
/// (skipped, with a line saying so, when no server answers).
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::BACKEND.scope(super::Backend::Sqlite, super::$name()).await
            }
            #[tokio::test]
            async fn postgres() {
                if super::fixture_for(super::Backend::Postgres).is_some() {
                    super::BACKEND.scope(super::Backend::Postgres, super::$name()).await
                }
            }
        }
    )*};
}

on_both_backends!(
    events_list_filters_and_pages,
    bad_parameters_are_400_with_the_parameter_named,
    filters_with_control_characters_are_400,
    not_found_is_404_json,
    one_event_has_its_reports_evidence_and_highlights,
    documents_search_page_and_show,
    actors_have_event_counts,
    stats_and_openapi,
    events_filter_on_min_confidence,
    hostile_text_comes_back_as_json_text,
    filters_cannot_inject_sql,
    read_only_server_refuses_ingest,
);

async fn call(app: axum::Router, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let resp = app.oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, headers, body)
}

async fn get(path: &str) -> (StatusCode, Value) {
    let (status, headers, body) = call(app(), Request::get(path).body(Body::empty()).unwrap()).await;
    assert_eq!(headers.get(header::CONTENT_TYPE).unwrap(), "application/json", "{path}");
    assert_eq!(headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    (status, serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{path}: {e}")))
}

async fn bad(path: &str, parameter: &str) -> String {
    let (status, v) = get(path).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {v}");
    assert_eq!(v["parameter"], parameter, "{path}: {v}");
    let msg = v["error"].as_str().unwrap().to_string();
    assert!(msg.contains(parameter), "{path}: {msg}");
    msg
}

fn ids(v: &Value) -> Vec<i64> {
    v["events"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect()
}

async fn event_id_with(text: &str) -> i64 {
    let (_, v) = get(&format!("/api/events?text={text}")).await;
    assert_eq!(v["total"], 1, "{text}: {v}");
    v["events"][0]["id"].as_i64().unwrap()
}

async fn events_list_filters_and_pages() {
    let f = fixture();
    // every event (the default view hides those under the verifier's threshold)
    let (status, all) = get("/api/events?limit=1000&min_confidence=0").await;
    assert_eq!(status, StatusCode::OK);
    let total = all["total"].as_i64().unwrap() as usize;
    assert_eq!(total, f.sample_events + 3, "samples' events plus the three made-up ones");
    assert!(f.sample_events > 0, "the pipeline codes events in the samples");
    assert_eq!(all["events"].as_array().unwrap().len(), total);
    assert_eq!(all["next_offset"], Value::Null);

    // paging: two pages of 2 are the first four of the full list, in order
    let (_, p1) = get("/api/events?limit=2&min_confidence=0").await;
    let (_, p2) = get("/api/events?limit=2&offset=2&min_confidence=0").await;
    assert_eq!((p1["limit"].as_i64(), p1["offset"].as_i64(), p1["next_offset"].as_i64()), (Some(2), Some(0), Some(2)));
    assert_eq!(p1["total"].as_i64().unwrap() as usize, total);
    let first4: Vec<i64> = ids(&all).into_iter().take(4).collect();
    assert_eq!([ids(&p1), ids(&p2)].concat(), first4);
    let (_, past) = get(&format!("/api/events?offset={}&min_confidence=0", total + 5)).await;
    assert_eq!(past["events"].as_array().unwrap().len(), 0);
    assert_eq!(past["total"].as_i64().unwrap() as usize, total);

    // filters (those of `annals events`)
    let (_, fut) = get("/api/events?factuality=future").await;
    assert!(fut["events"].as_array().unwrap().iter().any(|e| e["evidence"].as_str().unwrap().contains("threatened to invade")));
    let (_, assault) = get("/api/events?type=assault&country=ukr&from=2024-03&to=2024-03-31").await;
    let texts: Vec<&str> = assault["events"].as_array().unwrap().iter().map(|e| e["evidence"].as_str().unwrap()).collect();
    assert!(texts.iter().any(|t| t.contains("invaded Ukraine")) && texts.iter().any(|t| t.contains("shelled Kharkiv")), "{texts:?}");
    let (_, by_actor) = get("/api/events?actor=RUSMIL&place=chernihiv").await;
    assert_eq!(by_actor["total"], 1);
    let (_, words) = get("/api/events?text=Odesa%20envoy").await;
    assert_eq!(words["total"], 1);
    assert_eq!(words["events"][0]["factuality"], "future");
}

async fn events_filter_on_min_confidence() {
    let texts = |v: &Value| -> Vec<String> { v["events"].as_array().unwrap().iter().map(|e| e["evidence"].as_str().unwrap().to_string()).collect() };
    let (s, all) = get("/api/events?limit=1000&min_confidence=0").await;
    assert_eq!(s, StatusCode::OK);
    let confidences: Vec<f64> = all["events"].as_array().unwrap().iter().map(|e| e["confidence"].as_f64().unwrap_or_else(|| panic!("no confidence: {e}"))).collect();
    assert!(confidences.iter().all(|c| (0.0..=1.0).contains(c)), "{confidences:?}");
    // each threshold keeps exactly the events at least that confident (inclusive)
    for t in [0.0, annals_core::DEFAULT_MIN_CONFIDENCE, 0.3, THREAT_CONFIDENCE, 0.92, 0.96, 1.0] {
        let (_, v) = get(&format!("/api/events?limit=1000&min_confidence={t}")).await;
        let want = confidences.iter().filter(|&&c| c >= t).count() as i64;
        assert_eq!(v["total"].as_i64(), Some(want), "min_confidence={t}: {v}");
    }
    let (_, v) = get("/api/events?limit=1000&min_confidence=0.92").await;
    let t = texts(&v);
    assert!(!t.iter().any(|t| t.contains("threatened to invade")) && t.iter().any(|t| t.contains("invaded Ukraine")), "{t:?}");
    let (_, v) = get("/api/events?limit=1000&min_confidence=0.96").await;
    let t = texts(&v);
    assert!(!t.iter().any(|t| t.contains("invaded Ukraine")) && t.iter().any(|t| t.contains("shelled Kharkiv")), "{t:?}");
    // combined with the other filters
    let (_, v) = get("/api/events?type=ASSAULT&text=Odesa&min_confidence=0.9").await;
    assert_eq!(v["total"], 1);
    assert_eq!(v["events"][0]["confidence"], THREAT_CONFIDENCE);
    // absent or empty: the server's default, the one /api/stats announces
    let (_, stats) = get("/api/stats").await;
    assert_eq!(stats["default_min_confidence"].as_f64(), Some(annals_core::DEFAULT_MIN_CONFIDENCE));
    let (_, at_default) = get(&format!("/api/events?limit=1000&min_confidence={}", annals_core::DEFAULT_MIN_CONFIDENCE)).await;
    for path in ["/api/events?limit=1000", "/api/events?limit=1000&min_confidence="] {
        let (_, v) = get(path).await;
        assert_eq!(ids(&v), ids(&at_default), "{path}");
    }
    // one event: its confidence and each report's
    let id = event_id_with("Chernihiv").await;
    let (_, v) = get(&format!("/api/events/{id}")).await;
    assert_eq!(v["event"]["confidence"], INVASION_CONFIDENCE);
    assert_eq!(v["mentions"][0]["confidence"], INVASION_CONFIDENCE);
    // bad values are 400s that name the parameter
    for value in ["1.5", "-0.1", "abc", "NaN", "inf", "0,5"] {
        let m = bad(&format!("/api/events?min_confidence={value}"), "min_confidence").await;
        assert!(m.contains(&format!("`{value}`")) && m.contains("a number from 0 to 1"), "{m}");
    }
}

async fn bad_parameters_are_400_with_the_parameter_named() {
    let m = bad("/api/events?from=2024-13-45", "from").await;
    assert!(m.contains("2024-13-45") && m.contains("YYYY-MM-DD"), "{m}");
    assert!(bad("/api/events?from=2024-05&to=2024-04", "to").await.contains("before"));
    assert!(bad("/api/events?country=Ukraine", "country").await.contains("alpha-3"));
    assert!(bad("/api/events?type=BOMB", "type").await.contains("ASSAULT"));
    assert!(bad("/api/events?factuality=maybe", "factuality").await.contains("hypothetical"));
    bad("/api/events?text=%20--%20", "text").await;
    bad("/api/events?actor=", "actor").await;
    bad("/api/events?limit=0", "limit").await;
    bad("/api/events?limit=5000", "limit").await;
    bad("/api/events?limit=ten", "limit").await;
    bad("/api/events?offset=-3", "offset").await;
    assert!(bad("/api/events?colour=red", "colour").await.contains("unknown field"));
    bad("/api/events/abc", "id").await;
    bad("/api/documents?q=%22%22", "q").await;
    bad("/api/documents?limit=-1", "limit").await;
    bad("/api/documents/..%2F..%2Fetc%2Fpasswd", "id").await;
    bad("/api/actors?limit=x", "limit").await;
    bad("/api/actors?q=", "q").await;
}

async fn filters_with_control_characters_are_400() {
    // issue 18, row 11: a NUL ended SQLite's LIKE pattern, and `actor=%00zzzz` matched every event
    for (path, parameter) in [("/api/events?actor=%00zzzz", "actor"), ("/api/events?place=Kyiv%01", "place"), ("/api/events?text=%00", "text"), ("/api/documents?q=a%00b", "q"), ("/api/actors?q=%00", "q")] {
        assert!(bad(path, parameter).await.contains("control characters"), "{path}");
    }
}

async fn not_found_is_404_json() {
    let (s, v) = get("/api/events/999999999").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(v["error"].as_str().unwrap().contains("999999999"));
    let (s, _) = get("/api/documents/doesnotexist").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, v) = get("/api/nothing/here").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(v["error"].as_str().unwrap().contains("no such endpoint"));
    let (s, _, body) = call(app(), Request::delete("/api/events").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
    assert!(serde_json::from_slice::<Value>(&body).unwrap()["error"].is_string());
}

async fn one_event_has_its_reports_evidence_and_highlights() {
    let id = event_id_with("Chernihiv").await;
    let (s, v) = get(&format!("/api/events/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["event"]["id"], id);
    assert_eq!(v["event"]["factuality"], "actual");
    let m = &v["mentions"][0];
    assert_eq!(m["url"], "https://example.org/news/invasion");
    assert_eq!(m["title"], "Troops cross the border");
    let evidence = m["evidence"].as_str().unwrap();
    let chars: Vec<char> = evidence.chars().collect();
    let marks: Vec<(String, String)> = m["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let (s, e) = (h["start"].as_u64().unwrap() as usize, h["end"].as_u64().unwrap() as usize);
            assert_eq!(chars[s..e].iter().collect::<String>(), h["text"].as_str().unwrap());
            (h["kind"].as_str().unwrap().to_string(), h["text"].as_str().unwrap().to_string())
        })
        .collect();
    for want in [("source", "Russian troops"), ("trigger", "invaded"), ("target", "Ukraine"), ("place", "Chernihiv"), ("time", "5 March 2024")] {
        assert!(marks.contains(&(want.0.to_string(), want.1.to_string())), "{want:?} in {marks:?}");
    }

    // an event of the samples, coded by the pipeline: each report's trigger is found in its sentence
    let (_, all) = get("/api/events?limit=1000").await;
    let sample = all["events"].as_array().unwrap().iter().find(|e| !e["first_url"].as_str().unwrap_or("").contains("example.org")).unwrap();
    let (_, v) = get(&format!("/api/events/{}", sample["id"])).await;
    for m in v["mentions"].as_array().unwrap() {
        let trigger = m["trigger"][0].as_str().unwrap();
        assert!(m["highlights"].as_array().unwrap().iter().any(|h| h["kind"] == "trigger" && h["text"] == trigger), "{m}");
    }
}

async fn documents_search_page_and_show() {
    let (s, all) = get("/api/documents").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(all["total"], 27);
    let (_, p) = get("/api/documents?limit=10&offset=20").await;
    assert_eq!(p["documents"].as_array().unwrap().len(), 7);
    assert_eq!(p["next_offset"], Value::Null);
    let (_, p) = get("/api/documents?limit=10").await;
    assert_eq!(p["next_offset"], 10);
    let (_, hits) = get("/api/documents?q=Odesa").await;
    assert_eq!(hits["total"], 1);
    let doc = &hits["documents"][0];
    assert_eq!(doc["title"], "Kremlin warns of invasion");
    let (s, d) = get(&format!("/api/documents/{}", doc["id"].as_str().unwrap())).await;
    assert_eq!(s, StatusCode::OK);
    assert!(d["document"]["text"].as_str().unwrap().starts_with("Moscow threatened"));
    assert_eq!(d["event_ids"].as_array().unwrap().len(), 1);
}

async fn actors_have_event_counts() {
    let (s, v) = get("/api/actors?limit=500").await;
    assert_eq!(s, StatusCode::OK);
    let ukraine = v["actors"].as_array().unwrap().iter().find(|a| a["name"] == "Ukraine").unwrap();
    assert_eq!(ukraine["events"], 2, "invaded and threatened: two events");
    assert_eq!(ukraine["country"], "UKR");
    let (_, rus) = get("/api/actors?q=RUS").await;
    assert_eq!(rus["total"], 3);
    let (_, p) = get("/api/actors?q=RUS&limit=1&offset=1").await;
    assert_eq!((p["actors"].as_array().unwrap().len(), p["next_offset"].as_i64()), (1, Some(2)));
}

async fn stats_and_openapi() {
    let (s, v) = get("/api/stats").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["documents"], 27);
    if backend() == Backend::Sqlite {
        assert_eq!(v["location"], "samples.db", "no server paths in answers");
    } else {
        assert!(v["location"].as_str().unwrap().starts_with("postgres://"), "{}", v["location"]);
    }
    let (s, doc) = get("/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in ["/api/events", "/api/events/{id}", "/api/documents", "/api/documents/{id}", "/api/actors", "/api/stats", "/api/ingest"] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
    let params: Vec<&str> = doc["paths"]["/api/events"]["get"]["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    for p in ["from", "to", "actor", "country", "type", "factuality", "place", "text", "min_confidence", "limit", "offset"] {
        assert!(params.contains(&p), "{p} in {params:?}");
    }
    assert!(doc["components"]["schemas"]["EventSummary"].is_object());
    let min = doc["paths"]["/api/events"]["get"]["parameters"].as_array().unwrap().iter().find(|p| p["name"] == "min_confidence").unwrap();
    assert_eq!((min["schema"]["minimum"].as_f64(), min["schema"]["maximum"].as_f64()), (Some(0.0), Some(1.0)), "{min}");
    assert!(min["description"].as_str().unwrap().contains("0 to 1"), "{min}");
    assert!(doc["components"]["schemas"]["EventSummary"]["properties"]["confidence"].is_object());
    let text = doc.to_string();
    assert!(text.contains("Confidence that this report's event is right"), "mentions' confidence documented");
    let stats_view = doc["components"]["schemas"]["StatsView"].to_string();
    assert!(stats_view.contains("\"default_min_confidence\""), "{stats_view}");
    assert_eq!(v["default_min_confidence"].as_f64(), Some(annals_core::DEFAULT_MIN_CONFIDENCE));
}

async fn hostile_text_comes_back_as_json_text() {
    // (not "script": PostgreSQL's text search parser skips `<script>` as a tag, SQLite's does not)
    let (_, hits) = get("/api/documents?q=Kharkiv%20report").await;
    assert_eq!(hits["total"], 1);
    assert_eq!(hits["documents"][0]["title"], HOSTILE_TITLE, "HTML in titles is data, returned as is");
    let id = event_id_with("Kharkiv").await;
    let (status, headers, body) = call(app(), Request::get(format!("/api/events/{id}")).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get(header::CONTENT_TYPE).unwrap(), "application/json");
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["mentions"][0]["evidence"], HOSTILE_TEXT);
    assert_eq!(v["mentions"][0]["title"], HOSTILE_TITLE);
    // the page gets a policy that runs no inline script
    let (_, headers, page) = call(app(), Request::get("/").body(Body::empty()).unwrap()).await;
    let csp = headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-eval") && !csp.split(';').any(|d| d.contains("script-src") && d.contains("unsafe-inline")));
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("<script src=\"/assets/app.js\"></script>"));
    let js = String::from_utf8(call(app(), Request::get("/assets/app.js").body(Body::empty()).unwrap()).await.2).unwrap();
    assert!(!js.contains(".innerHTML") && !js.contains("insertAdjacentHTML") && !js.contains("document.write"), "the page builds data with textContent only");
}

async fn filters_cannot_inject_sql() {
    let (_, all) = get("/api/events?limit=1000").await;
    for attack in ["x%27%20OR%20%271%27%3D%271", "%25", "_", "%27%3B%20DROP%20TABLE%20events%3B%20--", "Ukraine%22%20OR%20%221"] {
        for param in ["actor", "place", "text"] {
            let (s, v) = get(&format!("/api/events?{param}={attack}")).await;
            assert!(s == StatusCode::OK || s == StatusCode::BAD_REQUEST, "{param}={attack}: {s}");
            if s == StatusCode::OK {
                assert_eq!(v["total"], 0, "{param}={attack} matched: {v}");
            }
        }
        let (s, v) = get(&format!("/api/documents?q={attack}")).await;
        assert!(s == StatusCode::BAD_REQUEST || v["total"] == 0, "q={attack}: {v}");
        let (s, v) = get(&format!("/api/actors?q={attack}")).await;
        assert!(s == StatusCode::BAD_REQUEST || v["total"] == 0, "actors q={attack}: {v}");
    }
    let (_, again) = get("/api/events?limit=1000").await;
    assert_eq!(all["total"], again["total"], "nothing was dropped");
}

async fn read_only_server_refuses_ingest() {
    let req = Request::post("/api/ingest").header(header::CONTENT_TYPE, "text/html").body(Body::from("<html></html>")).unwrap();
    let (s, _, body) = call(app(), req).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(String::from_utf8(body).unwrap().contains("--allow-ingest"));
}

#[tokio::test]
async fn ingest_needs_token_and_limits_size() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("in.db").to_string_lossy().into_owned();
    assert!(router(&Config { allow_ingest: true, token: None, ..Config::read_only(db.clone()) }).is_err(), "no token, no ingest");
    assert!(router(&Config { allow_ingest: true, token: Some("short".into()), ..Config::read_only(db.clone()) }).is_err());
    let token = "s3cret-token-0123456789";
    let app = router(&Config { allow_ingest: true, token: Some(token.into()), max_body_bytes: 64 * 1024, ..Config::read_only(db) }).unwrap();
    let page = std::fs::read(repo_root().join("samples/corpus/html/flag.html")).unwrap();
    let post = |auth: Option<&str>, ctype: &str, body: Vec<u8>| {
        let mut r = Request::post("/api/ingest?url=https%3A%2F%2Fexample.org%2Fflag").header(header::CONTENT_TYPE, ctype);
        if let Some(a) = auth {
            r = r.header(header::AUTHORIZATION, a);
        }
        r.body(Body::from(body)).unwrap()
    };
    let (s, h, _) = call(app.clone(), post(None, "text/html", page.clone())).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(h.get(header::WWW_AUTHENTICATE).unwrap(), "Bearer");
    let (s, _, _) = call(app.clone(), post(Some("Bearer wrong-token-0123456789"), "text/html", page.clone())).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let auth = format!("Bearer {token}");
    let (s, _, body) = call(app.clone(), post(Some(&auth), "application/json", b"[\"https://example.org/a\"]".to_vec())).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(String::from_utf8(body).unwrap().contains("fetches nothing"));
    let (s, _, body) = call(app.clone(), post(Some(&auth), "text/html", vec![b'a'; 65 * 1024])).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(serde_json::from_slice::<Value>(&body).unwrap()["error"].as_str().unwrap().contains("size limit"));
    let (s, _, body) = call(app.clone(), post(Some(&auth), "text/html", page.clone())).await;
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["outcome"], "inserted");
    let (s, _, body) = call(app.clone(), Request::get("/api/documents").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(serde_json::from_slice::<Value>(&body).unwrap()["total"], 1);
    let (_, _, body) = call(app.clone(), post(Some(&auth), "text/html", page)).await;
    assert_eq!(serde_json::from_slice::<Value>(&body).unwrap()["outcome"], "unchanged");
}

/// Headless Chromium, if installed (`.ci/run` installs it and sets ANNALS_REQUIRE_CHROMIUM=1).
#[tokio::test]
async fn serve_with_ingest_on_postgres() {
    // issue 18, row 10: the synchronous PostgreSQL client panicked inside the server's runtime
    // ("Cannot start a runtime from within a runtime") as the server started
    let Some(db) = std::thread::spawn(|| postgres_schema("ingest")).join().unwrap() else { return };
    let token = "s3cret-token-0123456789";
    let app = router(&Config { allow_ingest: true, token: Some(token.into()), ..Config::read_only(db) }).unwrap();
    let page = std::fs::read(repo_root().join("samples/corpus/html/flag.html")).unwrap();
    let req = Request::post("/api/ingest?url=https%3A%2F%2Fexample.org%2Fflag")
        .header(header::CONTENT_TYPE, "text/html")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(page))
        .unwrap();
    let (s, _, body) = call(app.clone(), req).await;
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["outcome"], "inserted");
    // requests in parallel share the connections
    let gets: Vec<_> = (0..16).map(|_| tokio::spawn(call(app.clone(), Request::get("/api/documents").body(Body::empty()).unwrap()))).collect();
    for g in gets {
        let (s, _, body) = g.await.unwrap();
        assert_eq!(s, StatusCode::OK);
        assert_eq!(serde_json::from_slice::<Value>(&body).unwrap()["total"], 1);
    }
}

#[tokio::test]
async fn a_client_that_does_not_finish_its_headers_is_disconnected() {
    // issue 18, row 12: half-sent requests (slowloris) kept their connections open for ever
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = annals_serve::ConnectionLimits { header_read_timeout: std::time::Duration::from_millis(300), ..Default::default() };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(annals_serve::serve_on(listener, app(), limits, async move {
        let _ = stopped.await;
    }));
    // a whole request is answered
    let mut whole = tokio::net::TcpStream::connect(addr).await.unwrap();
    whole.write_all(b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").await.unwrap();
    let mut answer = String::new();
    whole.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // half a request: the server hangs up once the header timeout has passed
    let mut half = tokio::net::TcpStream::connect(addr).await.unwrap();
    half.write_all(b"GET /api/stats HTTP/1.1\r\nHost: loc").await.unwrap();
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(std::time::Duration::from_secs(20), half.read_to_end(&mut rest)).await;
    assert!(closed.is_ok(), "the half-sent request's connection is still open after 20 s");
    stop.send(()).unwrap();
    server.await.unwrap();
}

fn chromium() -> Option<PathBuf> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].iter().map(PathBuf::from).find(|p| p.exists());
    if found.is_none() {
        assert!(std::env::var("ANNALS_REQUIRE_CHROMIUM").is_err(), "ANNALS_REQUIRE_CHROMIUM is set but chromium is not installed");
        eprintln!("skipping the browser test: no /usr/bin/chromium (apt-get install chromium)");
    }
    found
}

fn chromium_cmd(bin: &Path, profile: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(bin);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--virtual-time-budget=15000",
        "--window-size=1280,1500",
    ]);
    c.arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// Runs chromium with a time limit, returning its standard output.
fn run_bounded(mut cmd: std::process::Command, secs: u64) -> String {
    use std::io::Read;
    let mut child = cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::null()).spawn().unwrap();
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed().as_secs() > secs {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish in {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    reader.join().unwrap()
}

fn summary_of(dom: &str) -> Value {
    let start = dom.find("<pre id=\"annals-summary\" hidden=\"\">").map(|i| i + "<pre id=\"annals-summary\" hidden=\"\">".len()).expect("summary in the DOM");
    let end = start + dom[start..].find("</pre>").unwrap();
    let text = dom[start..end].replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn page_in_headless_chromium() {
    let Some(bin) = chromium() else { return };
    let f = fixture();
    // the server on a free loopback port, in its own runtime
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let app = router(&Config::read_only(f.db.clone())).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.spawn(async move {
        let listener = tokio::net::TcpListener::from_std(listener).unwrap();
        axum::serve(listener, app).await.unwrap();
    });
    let invasion = rt.block_on(async { event_id_with("Chernihiv").await });
    let threat = rt.block_on(async { event_id_with("Odesa").await });
    let hostile = rt.block_on(async { event_id_with("Kharkiv").await });
    let (_, all) = rt.block_on(async { get("/api/events?limit=1000").await });
    let total = all["total"].as_u64().unwrap();
    let dated = all["events"].as_array().unwrap().iter().filter(|e| e["date_start"].is_string()).count() as u64;
    let placed = all["events"].as_array().unwrap().iter().filter(|e| e["place"]["lat"].is_number()).count() as u64;

    let profile = tempfile::tempdir().unwrap();
    let out_dir = repo_root().join("target/annals-serve");
    std::fs::create_dir_all(&out_dir).unwrap();

    // 1. the page with the invasion's evidence open
    let mut cmd = chromium_cmd(&bin, profile.path());
    cmd.arg("--dump-dom").arg(format!("http://{addr}/#event={invasion}"));
    let dom = run_bounded(cmd, 120);
    std::fs::write(out_dir.join("page.html"), &dom).unwrap();
    let s = summary_of(&dom);
    assert_eq!(s["error"], Value::Null, "{s}");
    assert_eq!(s["events"].as_u64(), Some(total), "table has every event: {s}");
    assert_eq!(s["table_rows"].as_u64(), Some(total));
    assert_eq!(s["timeline_items"].as_u64(), Some(dated), "one timeline item per dated event: {s}");
    assert!(s["timeline_labels"].as_array().unwrap().iter().any(|l| l == "ASSAULT: Russian troops → Ukraine"), "{s}");
    assert_eq!(s["map_markers"].as_u64(), Some(placed), "one marker per placed event: {s}");
    assert_eq!(s["map_marker_paths"].as_u64(), Some(placed), "markers drawn: {s}");
    assert!(s["map_hollow_markers"].as_u64().unwrap() >= 1, "the threatened invasion is a hollow marker: {s}");
    assert!(s["countries"].as_u64().unwrap() > 150, "country borders drawn: {s}");
    assert_eq!(s["selected"].as_i64(), Some(invasion));
    let ev = &s["evidence"][0];
    assert!(ev["text"].as_str().unwrap().contains("invaded Ukraine"));
    let marks: Vec<(String, String)> = ev["marks"].as_array().unwrap().iter().map(|m| (m[0].as_str().unwrap().into(), m[1].as_str().unwrap().into())).collect();
    assert!(marks.contains(&("trigger".into(), "invaded".into())) && marks.contains(&("source".into(), "Russian troops".into())) && marks.contains(&("time".into(), "5 March 2024".into())), "{marks:?}");
    assert_eq!(s["links"][0], "https://example.org/news/invasion");
    assert!(s["event_ids"].as_array().unwrap().contains(&Value::from(threat)));
    // the confidence filter starts at the server's default; every row and the evidence show a confidence
    assert_eq!(s["min_confidence"].as_str().and_then(|v| v.parse::<f64>().ok()), Some(annals_core::DEFAULT_MIN_CONFIDENCE), "{s}");
    let confidences = s["table_confidences"].as_array().unwrap();
    assert_eq!(confidences.len() as u64, total, "{s}");
    assert!(confidences.contains(&Value::from(format!("{INVASION_CONFIDENCE:.2}"))) && confidences.contains(&Value::from("1.00")), "{s}");
    assert_eq!(s["evidence_confidence"], format!(" confidence {INVASION_CONFIDENCE:.2}"), "{s}");

    // 2. the hostile article: its script is shown as text, never run; its javascript: URL is no link
    let mut cmd = chromium_cmd(&bin, profile.path());
    cmd.arg("--dump-dom").arg(format!("http://{addr}/#event={hostile}"));
    let dom = run_bounded(cmd, 120);
    let s = summary_of(&dom);
    assert_eq!(s["selected"].as_i64(), Some(hostile), "{s}");
    assert_eq!(s["evidence"][0]["text"], HOSTILE_TEXT);
    assert_eq!(s["links"].as_array().unwrap().len(), 0, "no link for a javascript: URL: {s}");
    assert!(dom.contains("&lt;script&gt;alert('x')&lt;/script&gt;"), "the script tag is text in the page");
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt; Raid &lt;b&gt;report&lt;/b&gt;"), "the title is text");
    assert!(!dom.contains("<script>alert("), "no script element from data");

    // 3. a screenshot of the threatened invasion, kept under target/annals-serve/
    let shot = out_dir.join("page.png");
    let _ = std::fs::remove_file(&shot);
    let mut cmd = chromium_cmd(&bin, profile.path());
    cmd.arg(format!("--screenshot={}", shot.display())).arg(format!("http://{addr}/#event={threat}"));
    run_bounded(cmd, 120);
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000, "a real screenshot ({} bytes)", png.len());
    rt.shutdown_background();
}

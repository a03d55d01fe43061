//! End to end: whole made-up articles (tests/fixtures/*.json) coded by the
//! events stage and checked against what a careful reader codes.
//!
//! The fixtures carry the layers the earlier stages provide (sentences,
//! entities, times, places, and a hand-made UD parse as the language core
//! gives it); `no_parse` runs the same articles through the word-position fallback.

use annals_core::{Document, Entity, EntityType, Event, Place, Span, Stage, TimeExpr};
use serde_json::Value;

fn find_all(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(needle) {
        let b = from + i;
        let ok_before = text[..b].chars().last().is_none_or(|c| !c.is_alphanumeric());
        let ok_after = text[b + needle.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if ok_before && ok_after {
            let s = text[..b].chars().count();
            out.push((s, s + needle.chars().count()));
        }
        from = b + needle.len();
    }
    out
}

fn load(name: &str) -> (Document, Value) {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let text = v["text"].as_str().unwrap().to_string();
    let mut doc = Document::from_text(name, text.clone());
    doc.published = chrono_date(v["published"].as_str().unwrap());
    // one sentence per paragraph in these fixtures
    let mut start = 0;
    for para in text.split("\n\n") {
        let n = para.chars().count();
        doc.sentences.push(Span::new(start, start + n));
        start += n + 2;
    }
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut ents: Vec<&Value> = v["entities"].as_array().unwrap().iter().collect();
    ents.sort_by_key(|e| std::cmp::Reverse(e[0].as_str().unwrap().len()));
    for e in ents {
        for (s, t) in find_all(&text, e[0].as_str().unwrap()) {
            if taken.iter().any(|&(a, b)| s < b && a < t) {
                continue;
            }
            taken.push((s, t));
            let kind = match e[2].as_str().unwrap() {
                "PERSON" => EntityType::Person,
                "ORG" => EntityType::Org,
                "LOCATION" => EntityType::Location,
                _ => EntityType::Misc,
            };
            doc.entities.push(Entity {
                text: e[0].as_str().unwrap().into(),
                kind,
                name: e[1].as_str().unwrap().into(),
                country: e[3].as_str().map(String::from),
                sector: e[4].as_str().map(String::from),
                start: s,
                end: t,
            });
        }
    }
    doc.entities.sort_by_key(|e| e.start);
    // hand-made UD parse, as the language core provides it: "form lemma UPOS head deprel" (head 1-based, 0 = root)
    for (si, lines) in v["parse"].as_array().unwrap().iter().enumerate() {
        let span = doc.sentences[si];
        let sent_text: String = text.chars().skip(span.start).take(span.len()).collect();
        let base = doc.tokens.len();
        let mut pos = 0;
        for line in lines.as_array().unwrap() {
            let f: Vec<&str> = line.as_str().unwrap().split(' ').collect();
            let byte = sent_text[pos..].find(f[0]).unwrap() + pos;
            let start = span.start + sent_text[..byte].chars().count();
            pos = byte + f[0].len();
            let head: usize = f[3].parse().unwrap();
            doc.tokens.push(annals_core::Token {
                start,
                end: start + f[0].chars().count(),
                upos: f[2].into(),
                lemma: f[1].into(),
                head: (head > 0).then(|| base + head - 1),
                deprel: f[4].into(),
                sentence: si,
            });
        }
    }
    for t in v["times"].as_array().unwrap() {
        for (s, e) in find_all(&text, t[0].as_str().unwrap()) {
            doc.times.push(TimeExpr { text: t[0].as_str().unwrap().into(), value: t[1].as_str().unwrap().into(), granularity: None, anchor_inferred: false, modifier: None, start: s, end: e });
        }
    }
    for p in v["places"].as_array().unwrap() {
        for (s, e) in find_all(&text, p[0].as_str().unwrap()) {
            doc.places.push(Place { text: p[0].as_str().unwrap().into(), name: p[1].as_str().unwrap().into(), country: p[2].as_str().map(String::from), lat: None, lon: None, geonames_id: None, start: s, end: e });
        }
    }
    (doc, v)
}

fn chrono_date(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// `"A|B"` accepts either; `"-"` is no actor. An actor matches by canonical name, or by its words.
fn actor_matches(want: &Value, got: &Option<annals_core::Actor>) -> bool {
    want.as_str().unwrap_or("-").split('|').any(|w| match (w, got) {
        ("-", None) => true,
        ("-", Some(_)) | (_, None) => false,
        (w, Some(a)) => {
            let w = w.to_lowercase();
            a.name.as_deref().is_some_and(|n| n.to_lowercase() == w) || a.text.to_lowercase().contains(&w)
        }
    })
}

fn matches(want: &Value, e: &Event) -> bool {
    let types: Vec<&str> = want["type"].as_str().unwrap().split('|').collect();
    types.contains(&e.kind.as_str())
        && actor_matches(&want["source"], &e.source)
        && actor_matches(&want["target"], &e.target)
        && want["factuality"].as_str().unwrap() == e.factuality.as_str()
        && want["trigger"].as_str().unwrap().split('|').any(|t| e.trigger.text.eq_ignore_ascii_case(t))
}

fn show(e: &Event) -> String {
    let a = |x: &Option<annals_core::Actor>| x.as_ref().map(|a| a.name.clone().unwrap_or_else(|| a.text.clone())).unwrap_or_else(|| "-".into());
    format!(
        "{} {} {} -> {} [{}] {} date={:?} place={:?} claimed_by={:?}",
        e.kind,
        e.cameo,
        a(&e.source),
        a(&e.target),
        e.trigger.text,
        e.factuality.as_str(),
        e.date,
        e.place.as_ref().map(|p| p.name.clone()),
        e.claimed_by.as_ref().map(|c| c.name.clone())
    )
}

/// Codes one article; returns (expected found, expected, produced correct, produced).
fn check(name: &str) -> (usize, usize, usize, usize) {
    let (mut doc, v) = load(name);
    annals_code::EventStage::new().run(&mut doc).unwrap();
    let expected = v["events"].as_array().unwrap();
    println!("== {name}");
    let mut correct = 0;
    for e in &doc.events {
        let ok = expected.iter().any(|w| matches(w, e));
        correct += usize::from(ok);
        println!("  {} {}", if ok { "ok   " } else { "EXTRA" }, show(e));
        // the hard rule: what the text does not report as happened is never actual
        let not_actual: Vec<&str> = v["not_actual"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
        if not_actual.iter().any(|w| w.eq_ignore_ascii_case(&e.trigger.text)) {
            assert_ne!(e.factuality, annals_core::Factuality::Actual, "{name}: non-actual event coded actual: {}", show(e));
        }
        assert!(e.sentence < doc.sentences.len());
        assert_eq!(e.evidence, doc.span_text(doc.sentences[e.sentence]));
        assert_eq!(doc.text.chars().skip(e.trigger.start).take(e.trigger.end - e.trigger.start).collect::<String>(), e.trigger.text);
    }
    let mut found = 0;
    for w in expected {
        let ok = doc.events.iter().any(|e| matches(w, e));
        found += usize::from(ok);
        if !ok {
            println!("  MISS  {w}");
        }
    }
    (found, expected.len(), correct, doc.events.len())
}

#[test]
fn three_articles_against_a_careful_reader() {
    let mut tot = (0, 0, 0, 0);
    for name in ["diplomacy.json", "missiles.json", "protest.json"] {
        let r = check(name);
        tot = (tot.0 + r.0, tot.1 + r.1, tot.2 + r.2, tot.3 + r.3);
    }
    println!("articles: expected events found {}/{}, coded events correct {}/{}", tot.0, tot.1, tot.2, tot.3);
    // floors under the measured figures of docs/events.md
    assert!(tot.0 * 100 >= tot.1 * 80, "recall too low");
    assert!(tot.2 * 100 >= tot.3 * 70, "precision too low");
}

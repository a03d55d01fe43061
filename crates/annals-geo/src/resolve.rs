//! Finding place mentions and choosing their GeoNames entry.

use std::collections::HashMap;

use once_cell::sync::Lazy;
use regex::Regex;

use crate::gazetteer::{normalize, Entry, Gazetteer, Kind, NameKind};

/// Where a mention came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A LOCATION entity of the language core (or a gold mention in evaluation).
    Entity,
    /// The dateline at the start of the text ("BEIRUT --").
    Dateline,
    /// A capitalized word sequence found in the gazetteer (no entities available).
    Capitalized,
}

/// A span of text that may name a place (byte offsets).
#[derive(Debug, Clone)]
pub struct Mention {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Where it came from.
    pub source: Source,
}

/// A mention with its chosen entry.
#[derive(Debug, Clone)]
pub struct Resolution {
    /// The mention.
    pub mention: Mention,
    /// Index into the gazetteer's entries, `None` when no entry fits.
    pub entry: Option<usize>,
}

static DATELINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\s*(?P<place>[A-Z][A-Z'.]+(?:[ -][A-Z][A-Z'.]+){0,3})(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?))?\s*(?:\([A-Za-z .&-]{1,30}\)\s*)?(?:--|—|–|-|:)\s")
        .expect("dateline regex")
});

static CAPITALIZED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\b[A-Z][\p{L}'’.]*(?:[ -](?:(?:of|de|del|da|do|dos|la|le|al|el|and|upon|on)[ -])?[A-Z][\p{L}'’.]*)*").expect("capitalized regex")
});

/// Function words that open a sentence in capitals ("In Paris").
const LEADING: &[&str] = &[
    "The", "In", "At", "From", "On", "For", "And", "But", "By", "To", "Of", "As", "When", "After", "Before", "While",
    "With", "Across", "Inside", "Outside", "Near", "Since", "Like", "Unlike", "Both", "Even", "If", "Then", "Meanwhile",
];

/// Capitalized words that are place names in GeoNames but rarely places in news.
const STOP: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mobile", "reading",
    "split", "nice", "bath", "deal", "police", "union", "liberty", "independence", "enterprise", "concord", "commerce",
    "university", "president", "victoria", "university park", "opportunity", "orange", "temple", "marion", "florence",
    "eugene", "lincoln", "jackson", "madison", "franklin", "clinton", "hamilton", "washington post", "sale", "best",
    "hope", "mission", "pride", "justice", "kings", "york", "man", "of", "am", "un", "eu", "ma", "ok",
];

/// Words after which a country name is part of an organisation's name.
const ORG_WORDS: &[&str] = &["Airlines", "Airways", "Air", "Post", "Times", "Bank", "University", "Tech", "Street", "Inc", "Ltd", "Corp", "Group", "Telecom", "Railways", "Television", "Radio", "Today", "Herald", "Journal", "Press", "Party"];

fn country_at_edge(text: &str, start: usize, s: &str, g: &Gazetteer) -> Option<Mention> {
    let words: Vec<&str> = s.split(' ').collect();
    if words.len() < 2 {
        return None;
    }
    let is_country = |phrase: &str| g.lookup(&normalize(phrase)).iter().any(|&(i, k)| k == NameKind::Primary && g.entries[i as usize].kind == Kind::Country);
    for n in (1..words.len()).rev() {
        let head = words[..n].join(" ");
        if is_country(&head) && !ORG_WORDS.contains(&words[n]) {
            return Some(Mention { start, end: start + head.len(), source: Source::Capitalized });
        }
        let tail = words[words.len() - n..].join(" ");
        if is_country(&tail) {
            let at = start + s.len() - tail.len();
            let _ = text;
            return Some(Mention { start: at, end: start + s.len(), source: Source::Capitalized });
        }
    }
    None
}

/// Finds the dateline place ("BEIRUT --", "TAIPEI (Reuters) -", "BIRMINGHAM, Ala. (AP) —").
pub fn dateline(text: &str) -> Option<(Mention, Option<Mention>)> {
    let c = DATELINE.captures(text.get(..text.len().min(200))?)?;
    let p = c.name("place")?;
    let region = c.name("region").map(|r| Mention { start: r.start(), end: r.end(), source: Source::Dateline });
    Some((Mention { start: p.start(), end: p.end(), source: Source::Dateline }, region))
}

/// Capitalized sequences that name gazetteer places, for texts without entities.
pub fn capitalized_mentions(text: &str, g: &Gazetteer) -> Vec<Mention> {
    let mut out = Vec::new();
    for m in CAPITALIZED.find_iter(text) {
        // "Georgia. Officials": a sentence end splits the sequence ("U.S. Navy" stays whole)
        let mut at = m.start();
        for sentence_part in m.as_str().split_inclusive(". ") {
            let keep = if sentence_part.ends_with(". ") && !sentence_part[..sentence_part.len() - 2].contains('.') {
                sentence_part.trim_end_matches(". ")
            } else {
                sentence_part.trim_end_matches(' ')
            };
            out.extend(and_parts(text, at, keep, g));
            at += sentence_part.len();
        }
    }
    out
}

static CONNECTOR: Lazy<Regex> = Lazy::new(|| Regex::new(r" (?:of|de|del|da|do|dos|la|le|al|el|and|upon|on) ").expect("connector regex"));

/// "Atlanta and Savannah", "Birmingham on Monday": the whole sequence, else its parts around the connecting words.
fn and_parts(text: &str, start: usize, s: &str, g: &Gazetteer) -> Vec<Mention> {
    let whole = capitalized_piece(text, start, s, g);
    if whole.is_some() || !CONNECTOR.is_match(s) {
        return whole.into_iter().collect();
    }
    let mut out = Vec::new();
    let mut at = 0;
    let seps: Vec<(usize, usize)> = CONNECTOR.find_iter(s).map(|m| (m.start(), m.end())).chain(std::iter::once((s.len(), s.len()))).collect();
    for (sep_start, sep_end) in seps {
        let part = &s[at..sep_start];
        if !part.is_empty() {
            out.extend(capitalized_piece(text, start + at, part, g));
        }
        at = sep_end;
    }
    out
}

/// One capitalized sequence, if it names a place in a way worth trusting.
fn capitalized_piece(text: &str, start: usize, s: &str, g: &Gazetteer) -> Option<Mention> {
    {
        let mut start = start;
        let mut s = s;
        // a sequence that is all capitals is a heading or an acronym, not a name
        if s.len() > 3 && !s.contains('.') && !s.chars().any(|c| c.is_lowercase()) {
            return None;
        }
        let first = s.split([' ', '-']).next().unwrap_or("");
        if LEADING.contains(&first) && s.len() > first.len() && g.lookup(&normalize(s)).is_empty() {
            start += first.len() + 1;
            s = &s[first.len() + 1..];
        }
        // keep the last period of "U.S." and "D.C.", drop a sentence period or a possessive
        let s = if s.ends_with('.') && s[..s.len() - 1].contains('.') && s.len() <= 16 { s } else { s.trim_end_matches('.') };
        let s = s.trim_end_matches("'s").trim_end_matches("’s").trim_end_matches(['\'', '’']);
        let norm = normalize(s);
        if STOP.contains(&norm.as_str()) || g.demonyms.contains_key(s) {
            return None;
        }
        let found = g.lookup(&norm);
        if found.is_empty() {
            // "Myanmar Muslims", "Fan Expo Canada": a country name at either end of a longer name
            return country_at_edge(text, start, s, g);
        }
        let sentence_initial = text[..start].trim_end().ends_with(['.', '!', '?', '"', '\n']) || text[..start].trim().is_empty();
        let strong = found.iter().any(|&(i, k)| {
            let e = &g.entries[i as usize];
            k == NameKind::Primary && (matches!(e.kind, Kind::Country | Kind::Continent | Kind::Admin1) && e.iso3.as_deref().is_none_or(|c| c == "USA" || e.kind != Kind::Admin1) || e.population >= if sentence_initial { 1_000_000 } else { 50_000 })
        });
        let followed_by_pattern = text[start + s.len()..].starts_with(", ");
        if strong || followed_by_pattern && found.iter().any(|&(i, _)| g.entries[i as usize].kind == Kind::City) && !sentence_initial {
            return Some(Mention { start, end: start + s.len(), source: Source::Capitalized });
        }
        None
    }
}

/// The forms of a mention to look up: as written, then without "the" or a possessive.
fn lookup_forms(surface: &str) -> Vec<String> {
    let mut forms = vec![normalize(surface)];
    let stripped = surface.trim_end_matches("'s").trim_end_matches("’s").trim_end_matches(['\'', '’']);
    forms.push(normalize(stripped));
    forms.dedup();
    forms
}

struct Evidence {
    /// normalized name of the mention that gave it (empty for text cues)
    from: String,
    iso3: String,
    /// US state postal code, when the evidence is a US city or state
    admin1: Option<String>,
    weight: f32,
}

/// Resolves every mention with the article as context.
pub fn resolve(text: &str, mentions: Vec<Mention>, g: &Gazetteer) -> Vec<Resolution> {
    // bound the work on pathological inputs: the context pass is quadratic in mentions
    let mentions: Vec<Mention> = mentions.into_iter().take(1500).collect();
    let candidates: Vec<Vec<(usize, NameKind)>> = mentions
        .iter()
        .map(|m| {
            let surface = &text[m.start..m.end];
            lookup_forms(surface).iter().map(|f| g.lookup(f)).find(|c| !c.is_empty()).map_or(Vec::new(), |c| c.iter().map(|&(i, k)| (i as usize, k)).collect())
        })
        .collect();
    let norms: Vec<String> = mentions.iter().map(|m| normalize(&text[m.start..m.end])).collect();
    let patterns: Vec<Option<usize>> = mentions.iter().map(|m| container_after(text, m.end, g)).collect();

    // Text cues: demonyms and keywords.
    let mut evidence: Vec<Evidence> = Vec::new();
    for (word, &i) in &g.demonyms {
        let n = count_word(text, word).min(4);
        if n > 0 {
            push_entry_evidence(&mut evidence, String::new(), &g.entries[i], 0.5 * n as f32);
        }
    }
    for (word, i) in &g.keywords {
        if count_word(text, word) > 0 {
            push_entry_evidence(&mut evidence, String::new(), &g.entries[*i], 1.5);
        }
    }
    // Pass 1: prior and pattern alone; confident choices become context.
    for (k, cands) in candidates.iter().enumerate() {
        let mut scored: Vec<(f32, usize)> = cands.iter().map(|&(i, nk)| (prior(g, i, nk, &norms[k]) + pattern_score(g, i, patterns[k]), i)).collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let confident = match scored.as_slice() {
            [only] => Some(only.1),
            [a, b, ..] if a.0 - b.0 >= 1.5 => Some(a.0 as usize).map(|_| a.1),
            _ => None,
        };
        if let Some(i) = confident {
            let weight = if mentions[k].source == Source::Dateline { 2.0 } else { 1.0 };
            push_entry_evidence(&mut evidence, norms[k].clone(), &g.entries[i], weight);
        }
        if let Some(container) = patterns[k] {
            push_entry_evidence(&mut evidence, norms[k].clone(), &g.entries[container], 1.0);
        }
    }
    // Pass 2: add the article's countries and states, leaving out what the mention itself contributed;
    // pass 3 does it again with every choice of pass 2 as context.
    let text_cues = evidence.iter().filter(|e| e.from.is_empty()).count();
    let mut choices = choose(g, &candidates, &norms, &patterns, &evidence);
    let mut second: Vec<Evidence> = evidence.drain(..text_cues).collect();
    for (k, c) in choices.iter().enumerate() {
        if let Some(i) = c {
            let weight = if mentions[k].source == Source::Dateline { 2.0 } else { 1.0 };
            push_entry_evidence(&mut second, norms[k].clone(), &g.entries[*i], weight);
        }
        if let Some(container) = patterns[k] {
            push_entry_evidence(&mut second, norms[k].clone(), &g.entries[container], 1.0);
        }
    }
    choices = choose(g, &candidates, &norms, &patterns, &second);
    mentions.into_iter().zip(choices).map(|(mention, entry)| Resolution { mention, entry }).collect()
}

fn choose(g: &Gazetteer, candidates: &[Vec<(usize, NameKind)>], norms: &[String], patterns: &[Option<usize>], evidence: &[Evidence]) -> Vec<Option<usize>> {
    let mut out = Vec::with_capacity(candidates.len());
    for k in 0..candidates.len() {
        let mut country: HashMap<&str, f32> = HashMap::new();
        let mut state: HashMap<&str, f32> = HashMap::new();
        for e in evidence.iter().filter(|e| e.from != norms[k] || e.from.is_empty()) {
            *country.entry(e.iso3.as_str()).or_default() += e.weight;
            if let Some(a) = &e.admin1 {
                *state.entry(a.as_str()).or_default() += e.weight;
            }
        }
        let best = candidates[k]
            .iter()
            .map(|&(i, nk)| {
                let e = &g.entries[i];
                let mut score = prior(g, i, nk, &norms[k]) + pattern_score(g, i, patterns[k]);
                if let Some(iso3) = e.iso3.as_deref() {
                    let c = country.get(iso3).copied().unwrap_or(0.0).min(4.0);
                    score += if e.kind == Kind::Country { 0.5 * c } else { c };
                    // a city of the same state nearby is the strongest sign ("Georgia" beside Atlanta)
                    if iso3 == "USA" && e.kind != Kind::Country {
                        score += 2.5 * state.get(e.admin1.as_str()).copied().unwrap_or(0.0).min(3.0);
                    }
                }
                (score, i)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        out.push(best.map(|(_, i)| i));
    }
    out
}

/// Base score of an entry: kind, population, capital, how the name matched.
fn prior(g: &Gazetteer, i: usize, nk: NameKind, norm: &str) -> f32 {
    let e = &g.entries[i];
    let base = match e.kind {
        Kind::Country => 10.0,
        Kind::Continent => 9.5,
        Kind::Admin1 => {
            let us = e.iso3.as_deref() == Some("USA");
            let mut s = if us { 7.0 } else { 5.0 };
            // "New York", "Kabul": the city is meant more often than the state or province
            if g.city_named(e.iso3.as_deref().unwrap_or(""), norm) > 0 {
                s -= 1.0;
            }
            s
        }
        Kind::City => (e.population.max(1000) as f32).log10() + if e.capital { 1.5 } else { 0.0 },
    };
    base - if nk == NameKind::Alternate { 1.5 } else { 0.0 }
}

/// "City, State" and "City, Country": the entry must lie inside the container named after the comma.
fn pattern_score(g: &Gazetteer, i: usize, container: Option<usize>) -> f32 {
    let Some(c) = container else { return 0.0 };
    let e = &g.entries[i];
    let inside = match g.entries[c].kind {
        Kind::Country => e.kind != Kind::Country && e.iso3 == g.entries[c].iso3,
        Kind::Admin1 => e.kind == Kind::City && e.iso3 == g.entries[c].iso3 && e.admin1 == g.entries[c].admin1,
        _ => false,
    };
    if inside {
        20.0
    } else {
        -3.0
    }
}

/// The country or state named right after `, ` at `end` ("Birmingham, Ala.").
fn container_after(text: &str, end: usize, g: &Gazetteer) -> Option<usize> {
    let rest = text.get(end..)?.strip_prefix(',')?.trim_start();
    let words: Vec<&str> = rest.split_whitespace().take(3).collect();
    for n in (1..=words.len()).rev() {
        let phrase = words[..n].join(" ");
        let phrase = phrase.trim_end_matches([',', ';', ')', '"', ':']);
        if !phrase.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let keep_dot = phrase.trim_end_matches('.');
        if let Some(&i) = g.abbreviations.get(&normalize(phrase)).or_else(|| g.abbreviations.get(&normalize(keep_dot))) {
            return Some(i);
        }
        let norm = normalize(keep_dot);
        if let Some(&(i, _)) = g.lookup(&norm).iter().find(|(i, k)| *k == NameKind::Primary && matches!(g.entries[*i as usize].kind, Kind::Country | Kind::Admin1)) {
            let e = &g.entries[i as usize];
            // subdivisions count only for the US, where "City, State" is the rule
            if e.kind == Kind::Country || e.iso3.as_deref() == Some("USA") {
                return Some(i as usize);
            }
        }
    }
    None
}

fn push_entry_evidence(evidence: &mut Vec<Evidence>, from: String, e: &Entry, weight: f32) {
    let Some(iso3) = e.iso3.clone() else { return };
    let admin1 = (iso3 == "USA" && e.kind != Kind::Country).then(|| e.admin1.clone());
    evidence.push(Evidence { from, iso3, admin1, weight });
}

/// Whole-word, case-sensitive occurrences of `word` (linear scan).
fn count_word(text: &str, word: &str) -> usize {
    let mut n = 0;
    let mut from = 0;
    while let Some(p) = text[from..].find(word) {
        let at = from + p;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        if !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric()) {
            n += 1;
        }
        from = at + word.len();
    }
    n
}

//! Who the words stand for: actor names and generic agents found in a noun phrase.
//!
//! Two sources share one interface ([`ActorSource`]):
//! - [`DocActors`] reads the document's entity layer (name, country, sector),
//!   resolves capitals ("Beijing" → the Chinese government), seats of power
//!   ("the Kremlin", "the Élysée", "the White House") and group references
//!   ("both sides", "the two leaders") to the actors they stand for, and adds
//!   generic agents ("police", "troops", "officials") from the Phoenix agent dictionary;
//! - [`DictActors`] reads PETRARCH actor and agent dictionaries (the unit tests'
//!   fictional actors), with their date restrictions.

use std::collections::HashMap;
use std::sync::LazyLock;

use annals_core::{Actor, Document, Entity, EntityType, Span};

use crate::dict::{ActorEntry, AgentEntry};
use crate::sent::Sentence;

/// A named actor found in a phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseHit {
    /// Actor code (`ARN`, `FRA`, `---` when the country is unknown).
    pub code: String,
    /// The actor as the contract shows it.
    pub actor: Actor,
    /// First token (sentence-local).
    pub first: usize,
    /// Last token.
    pub last: usize,
    /// Stands for several actors at once ("both sides"): pair them up.
    pub group: bool,
}

/// A generic agent found in a phrase ("government", "police").
#[derive(Debug, Clone, PartialEq)]
pub struct AgentHit {
    /// Agent code (`GOV`, `COP`, `GOVFRM`).
    pub code: String,
    /// Goes before the actor code (`NGO~`).
    pub prefix: bool,
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
}

/// Finds actors and agents in the tokens of a sentence.
pub trait ActorSource {
    /// Named actors and agents among `toks` (sentence-local indices, in order).
    fn scan(&self, sent: &Sentence, toks: &[usize]) -> (Vec<BaseHit>, Vec<AgentHit>);
}

/// An actor as coded: code plus the contract's actor.
#[derive(Debug, Clone, PartialEq)]
pub struct Coded {
    /// Combined code (`ARNGOV`, `---COP`).
    pub code: String,
    /// The actor.
    pub actor: Actor,
    /// Head token of the phrase it came from.
    pub tok: usize,
}

/// Combines a base code with agent codes the PETRARCH way: `~GOV` appends, `NGO~` prepends.
pub fn compose(base: &str, agents: &[AgentHit]) -> String {
    let mut code = base.to_string();
    for a in agents {
        if code.ends_with(a.code.as_str()) && code.len() > 3 {
            continue;
        }
        if a.prefix {
            code = format!("{}{}", a.code, code);
        } else {
            code.push_str(&a.code);
        }
    }
    code
}

/// Stem match of a dictionary word (`ERIADOR` ~ `ERIADORI`); a trailing `_` asks for an exact match.
fn word_matches(dict_word: &str, token: &str) -> bool {
    match dict_word.strip_suffix('_') {
        Some(exact) => exact == token,
        // stems shorter than four letters match only whole words ("KU" is not "Kuwait")
        None => token == dict_word || (dict_word.chars().count() >= 4 && token.starts_with(dict_word)),
    }
}

/// Longest dictionary name at `toks[p..]`, by consecutive sentence tokens.
fn match_name(sent: &Sentence, toks: &[usize], p: usize, name: &[String], stem: bool) -> Option<usize> {
    if p + name.len() > toks.len() {
        return None;
    }
    for (k, w) in name.iter().enumerate() {
        let ti = toks[p + k];
        if k > 0 && ti != toks[p + k - 1] + 1 {
            return None;
        }
        let up = &sent.toks[ti].upper;
        let ok = if stem { word_matches(w, up) } else { w.trim_end_matches('_') == up };
        if !ok {
            return None;
        }
    }
    Some(name.len())
}

/// An index of agent names by first word.
#[derive(Debug, Clone, Default)]
pub struct AgentIndex {
    by_first: HashMap<String, Vec<(Vec<String>, usize)>>,
    agents: Vec<AgentEntry>,
}

impl AgentIndex {
    /// Indexes agents by their first word.
    pub fn new(agents: &[AgentEntry]) -> AgentIndex {
        let mut by_first: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
        for (i, a) in agents.iter().enumerate() {
            for n in &a.names {
                let n: Vec<String> = n.iter().map(|w| w.trim_end_matches('_').to_string()).collect();
                if let Some(f) = n.first() {
                    by_first.entry(f.clone()).or_default().push((n.clone(), i));
                }
            }
        }
        for v in by_first.values_mut() {
            v.sort_by(|a, b| b.0.len().cmp(&a.0.len()));
        }
        AgentIndex { by_first, agents: agents.to_vec() }
    }

    /// Agents among `toks`, longest first, not overlapping `taken`.
    pub fn scan(&self, sent: &Sentence, toks: &[usize], taken: &[bool]) -> Vec<AgentHit> {
        let mut out = Vec::new();
        let mut p = 0;
        while p < toks.len() {
            let mut best: Option<(usize, usize)> = None;
            if !taken[p] {
                if let Some(cands) = self.by_first.get(&sent.toks[toks[p]].upper) {
                    for (name, ai) in cands {
                        if let Some(len) = match_name(sent, toks, p, name, false) {
                            if best.is_none_or(|(l, _)| len > l) && (p..p + len).all(|q| !taken[q]) {
                                best = Some((len, *ai));
                            }
                        }
                    }
                }
            }
            match best {
                Some((len, ai)) => {
                    let a = &self.agents[ai];
                    // CAMEO codes former office holders as elites: "former security officials",
                    // "former Gondor prosecutors" (ELI)
                    let t0 = toks[p];
                    let former = |q: usize| sent.toks[q].upper == "FORMER";
                    let is_former = (t0 >= 1 && former(t0 - 1)) || (t0 >= 2 && former(t0 - 2) && sent.toks[t0 - 1].form.starts_with(char::is_uppercase));
                    let code = if is_former && !a.prefix { "ELI".to_string() } else { a.code.clone() };
                    out.push(AgentHit { code, prefix: a.prefix, first: toks[p], last: toks[p + len - 1] });
                    p += len;
                }
                None => p += 1,
            }
        }
        out
    }
}

/// Actors from PETRARCH dictionaries, valid on one date.
#[derive(Debug, Clone, Default)]
pub struct DictActors {
    entries: Vec<ActorEntry>,
    by_prefix: HashMap<String, Vec<(Vec<String>, usize)>>,
    agents: AgentIndex,
    /// The sentence's date (`YYYYMMDD`), for date-restricted codes.
    pub date: u32,
}

fn key3(w: &str) -> String {
    w.trim_end_matches('_').chars().take(3).collect()
}

impl DictActors {
    /// Indexes actor and agent dictionaries.
    pub fn new(actors: Vec<ActorEntry>, agents: &[AgentEntry]) -> DictActors {
        let mut by_prefix: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            for n in &a.names {
                if let Some(f) = n.first() {
                    by_prefix.entry(key3(f)).or_default().push((n.clone(), i));
                }
                // "BARAD-DUR" as a tokenizer splits it: BARAD - DUR
                if n.iter().any(|w| w.len() > 1 && w.trim_matches('-').contains('-')) {
                    let split: Vec<String> = n
                        .iter()
                        .flat_map(|w| {
                            let mut parts = Vec::new();
                            for (k, p) in w.split('-').enumerate() {
                                if k > 0 {
                                    parts.push("-_".to_string());
                                }
                                if !p.is_empty() {
                                    parts.push(p.to_string());
                                }
                            }
                            parts
                        })
                        .collect();
                    if let Some(f) = split.first() {
                        by_prefix.entry(key3(f)).or_default().push((split.clone(), i));
                    }
                }
            }
        }
        DictActors { entries: actors, by_prefix, agents: AgentIndex::new(agents), date: 0 }
    }

    /// Codes of an entry valid on the date: dated codes first, else the undated ones.
    fn codes_on(&self, e: &ActorEntry) -> Vec<String> {
        let dated: Vec<&crate::dict::DatedCode> =
            e.codes.iter().filter(|c| c.from.is_some() || c.to.is_some()).filter(|c| c.from.is_none_or(|f| self.date >= f) && c.to.is_none_or(|t| self.date <= t)).collect();
        if let Some(c) = dated.first() {
            return vec![c.code.clone()];
        }
        e.codes.iter().filter(|c| c.from.is_none() && c.to.is_none()).map(|c| c.code.clone()).collect()
    }
}

impl ActorSource for DictActors {
    fn scan(&self, sent: &Sentence, toks: &[usize]) -> (Vec<BaseHit>, Vec<AgentHit>) {
        let mut bases = Vec::new();
        let mut taken = vec![false; toks.len()];
        let mut p = 0;
        while p < toks.len() {
            let up = &sent.toks[toks[p]].upper;
            let mut best: Option<(usize, usize)> = None;
            if let Some(cands) = self.by_prefix.get(&key3(up)) {
                for (name, ei) in cands {
                    if let Some(len) = match_name(sent, toks, p, name, true) {
                        if best.is_none_or(|(l, _)| len > l) {
                            best = Some((len, *ei));
                        }
                    }
                }
            }
            match best {
                Some((len, ei)) => {
                    for code in self.codes_on(&self.entries[ei]) {
                        let actor = Actor { text: String::new(), name: Some(code.clone()), country: None, sector: None };
                        bases.push(span_hit(sent, toks, p, len, code, actor));
                    }
                    taken[p..p + len].fill(true);
                    p += len;
                }
                None => p += 1,
            }
        }
        let agents = self.agents.scan(sent, toks, &taken);
        (bases, agents)
    }
}

/// An actor found on `len` tokens from `toks[p]`, with their words as its text.
fn span_hit(sent: &Sentence, toks: &[usize], p: usize, len: usize, code: String, mut actor: Actor) -> BaseHit {
    actor.text = (p..p + len).map(|q| sent.toks[toks[q]].form.as_str()).collect::<Vec<_>>().join(" ");
    BaseHit { code, actor, first: toks[p], last: toks[p + len - 1], group: false }
}

/// Seats of power and the governments they stand for: (words, country, sector, name).
const SEATS: &[(&str, &str, &str, &str)] = &[
    ("KREMLIN", "RUS", "GOV", "Russia"),
    ("ÉLYSÉE", "FRA", "GOV", "France"),
    ("ELYSEE", "FRA", "GOV", "France"),
    ("ELYSÉE", "FRA", "GOV", "France"),
    ("WHITE HOUSE", "USA", "GOV", "United States"),
    ("PENTAGON", "USA", "MIL", "United States"),
    ("STATE DEPARTMENT", "USA", "GOV", "United States"),
    ("DOWNING STREET", "GBR", "GOV", "United Kingdom"),
    ("WHITEHALL", "GBR", "GOV", "United Kingdom"),
    ("QUAI D'ORSAY", "FRA", "GOV", "France"),
    ("ZHONGNANHAI", "CHN", "GOV", "China"),
    ("BLUE HOUSE", "KOR", "GOV", "South Korea"),
    ("CHANCELLERY", "DEU", "GOV", "Germany"),
    ("KANTEI", "JPN", "GOV", "Japan"),
];

/// International organisations commonly written by acronym: (word, name, code).
const IGOS: &[(&str, &str, &str)] = &[
    ("EU", "European Union", "EUR"),
    ("NATO", "NATO", "NAT"),
    ("UN", "United Nations", "UNO"),
    ("ASEAN", "ASEAN", "SEA"),
    ("AU", "African Union", "AFR"),
    ("OPEC", "OPEC", "OPC"),
    ("IMF", "International Monetary Fund", "IMF"),
    ("WHO", "World Health Organization", "WHO"),
];

/// International organisations by full name: (words, name, code).
/// The words of each name of [`IGO_NAMES`] and [`SEATS`], split once.
static IGO_WORDS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| IGO_NAMES.iter().map(|n| split_name(n.0)).collect());
static SEAT_WORDS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| SEATS.iter().map(|s| split_name(s.0)).collect());

fn split_name(name: &str) -> Vec<String> {
    name.split(' ').map(String::from).collect()
}

const IGO_NAMES: &[(&str, &str, &str)] = &[
    ("EUROPEAN UNION", "European Union", "EUR"),
    ("UNITED NATIONS", "United Nations", "UNO"),
    ("AFRICAN UNION", "African Union", "AFR"),
    ("INTERNATIONAL MONETARY FUND", "International Monetary Fund", "IMF"),
    ("WORLD HEALTH ORGANIZATION", "World Health Organization", "WHO"),
    ("EUROPEAN COMMISSION", "European Union", "EUR"),
];

/// Plural nouns for the two parties of a story: "both sides", "the two ministers".
const GROUP_NOUNS: &[&str] = &[
    "SIDES", "LEADERS", "COUNTRIES", "GOVERNMENTS", "PARTIES", "MINISTERS", "PRESIDENTS", "NATIONS", "DELEGATIONS", "MEN", "WOMEN",
    "CAPITALS", "NEIGHBOURS", "NEIGHBORS", "ALLIES", "ARMIES", "PRIME MINISTERS", "FOREIGN MINISTERS", "DEFENCE MINISTERS",
    "DEFENSE MINISTERS", "HEADS OF STATE", "CHIEFS", "DIPLOMATS", "NEGOTIATORS",
];

/// Phrases that refer to the parties of the ongoing story: "both"/"two" and a
/// group noun, and "the leaders".
fn group_refs() -> &'static [Vec<String>] {
    static REFS: std::sync::OnceLock<Vec<Vec<String>>> = std::sync::OnceLock::new();
    REFS.get_or_init(|| {
        let mut out = vec![vec!["THE".to_string(), "LEADERS".to_string()]];
        for first in ["BOTH", "TWO"] {
            for n in GROUP_NOUNS {
                out.push(std::iter::once(first).chain(n.split(' ')).map(String::from).collect());
            }
        }
        // longest first: "two prime ministers" before "two men"
        out.sort_by_key(|b| std::cmp::Reverse(b.len()));
        out
    })
}

/// Actors from the document's entity layer (plus capitals, seats of power, agents).
#[derive(Debug, Clone)]
pub struct DocActors<'a> {
    doc: &'a Document,
    lex: &'a crate::lexicon::Lexicon,
    agents: &'a AgentIndex,
    /// Actors mentioned so far, most recent last (for "both sides").
    pub recent: Vec<Actor>,
}

fn actor_of_entity(e: &Entity) -> Actor {
    Actor { text: e.text.clone(), name: Some(e.name.clone()), country: e.country.clone(), sector: e.sector.clone() }
}

impl<'a> DocActors<'a> {
    /// Actor lookup over one document.
    pub fn new(doc: &'a Document, lex: &'a crate::lexicon::Lexicon, agents: &'a AgentIndex) -> DocActors<'a> {
        DocActors { doc, lex, agents, recent: Vec::new() }
    }

    /// Country name of an ISO code, from the lexicon (title case as GeoNames writes it).
    fn country_name(&self, iso3: &str) -> Option<String> {
        self.lex.countries.iter().find(|(_, c)| c.as_str() == iso3).map(|(n, _)| title_case(n))
    }

    /// The entity-based actor of an entity, capitals read as their government.
    fn entity_actor(&self, e: &Entity) -> (String, Actor) {
        let mut a = actor_of_entity(e);
        // "the Pentagon", "the Kremlin" found as organisations: who sits there
        if let Some((_, iso, sector, name)) = SEATS.iter().find(|(w, ..)| *w == e.text.to_uppercase().trim_start_matches("THE ")) {
            let actor = Actor { text: e.text.clone(), name: Some(name.to_string()), country: Some(iso.to_string()), sector: Some(sector.to_string()) };
            return (format!("{iso}{sector}"), actor);
        }
        // "Macron" after "Emmanuel Macron" (whatever type the entity layer gave the short form)
        if !e.text.contains(' ') {
            let full = self.doc.entities.iter().find(|x| {
                x.kind == EntityType::Person && x.start < e.start && x.name.len() > e.text.len() && x.name.ends_with(&format!(" {}", e.text))
            });
            if let Some(x) = full {
                if x.start != e.start {
                    let (code, mut actor) = self.entity_actor(x);
                    actor.text = e.text.clone();
                    return (code, actor);
                }
            }
        }
        // "EU", "NATO": an organisation the entity layer gives without a country
        if e.kind == EntityType::Org && a.country.is_none() && a.sector.is_none() {
            if let Some((_, name, code)) = IGOS.iter().find(|(w, _, _)| *w == e.text.to_uppercase()) {
                a.name = Some(name.to_string());
                a.sector = Some("IGO".into());
                return (code.to_string(), a);
            }
        }
        // "Turkish officials": a nationality stands for its country
        if e.kind == EntityType::Misc {
            if let Some(name) = a.country.as_deref().and_then(|c| self.country_name(c)) {
                a.name = Some(name);
            }
        }
        // the entity layer sometimes types a country or a capital as a person or an
        // organisation ("Turkey has blocked", "Beijing warned"); names that are also
        // common given names stay people
        let person_name = e.kind == EntityType::Person && matches!(e.text.to_uppercase().as_str(), "JORDAN" | "CHAD" | "GEORGIA" | "ISRAEL" | "VICTORIA" | "LIMA");
        if !person_name {
            let upper = [e.name.to_uppercase(), e.text.to_uppercase()];
            if let Some(iso) = upper.iter().find_map(|w| self.lex.capitals.get(w)) {
                if e.country.as_deref().is_none_or(|c| c == iso) {
                    a.country = Some(iso.clone());
                    a.sector = Some("GOV".into());
                    a.name = self.country_name(iso).or(a.name);
                }
            } else if e.kind != EntityType::Location {
                if let Some(iso) = upper.iter().find_map(|w| self.lex.countries.get(w)) {
                    a.country = Some(iso.clone());
                    a.sector = None;
                    a.name = self.country_name(iso).or(a.name);
                }
            }
        }
        let code = format!("{}{}", a.country.clone().unwrap_or_else(|| "---".into()), a.sector.clone().unwrap_or_default());
        (code, a)
    }

    /// Remembers the actors of a sentence (for "both sides" later on).
    pub fn remember(&mut self, actors: &[Actor]) {
        for a in actors {
            if a.name.is_none() {
                continue;
            }
            self.recent.retain(|r| r.name != a.name);
            self.recent.push(a.clone());
        }
        if self.recent.len() > 8 {
            self.recent.drain(..self.recent.len() - 8);
        }
    }

    /// The two most recent distinct actors (country-level actors first).
    fn last_two(&self) -> Vec<Actor> {
        let mut out: Vec<Actor> = Vec::new();
        for a in self.recent.iter().rev() {
            if out.iter().all(|o| o.name != a.name && (o.country.is_none() || o.country != a.country)) {
                out.push(a.clone());
            }
            if out.len() == 2 {
                break;
            }
        }
        out.reverse();
        out
    }
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl ActorSource for DocActors<'_> {
    fn scan(&self, sent: &Sentence, toks: &[usize]) -> (Vec<BaseHit>, Vec<AgentHit>) {
        let mut bases: Vec<BaseHit> = Vec::new();
        let mut taken = vec![false; toks.len()];
        // international organisations by their full names, before the entities: the entity
        // layer may give "the European Union" as "Union" (and a country)
        let mut p = 0;
        while p < toks.len() {
            // (the actor is built only on a match: this runs at every word of every sentence)
            let igo = IGO_NAMES.iter().zip(IGO_WORDS.iter()).find_map(|((_, name, code), w)| {
                match_name(sent, toks, p, w, false).map(|len| {
                    let actor = Actor { text: String::new(), name: Some(name.to_string()), country: None, sector: Some("IGO".into()) };
                    (len, code.to_string(), actor)
                })
            });
            // and countries of several words ("the United States" found as "States")
            let hit = igo.or_else(|| {
                self.lex.multiword_countries(&sent.toks[toks[p]].upper).iter().find_map(|(w, iso)| {
                    match_name(sent, toks, p, w, false).map(|len| {
                        let actor = Actor { text: String::new(), name: self.country_name(iso), country: Some(iso.clone()), sector: None };
                        (len, iso.clone(), actor)
                    })
                })
            });
            match hit {
                Some((len, code, actor)) => {
                    bases.push(span_hit(sent, toks, p, len, code, actor));
                    taken[p..p + len].fill(true);
                    p += len;
                }
                None => p += 1,
            }
        }
        // entities overlapping the tokens
        for e in &self.doc.entities {
            let pos: Vec<usize> = (0..toks.len()).filter(|&p| {
                let t = &sent.toks[toks[p]];
                t.start < e.end && e.start < t.end
            }).collect();
            let (Some(&a), Some(&b)) = (pos.first(), pos.last()) else { continue };
            if bases.iter().any(|x| x.first == toks[a]) || (a..=b).any(|q| taken[q]) {
                continue;
            }
            let (code, actor) = self.entity_actor(e);
            // "EU-Turkey Association Council": a body of two parties
            let parts: Vec<&str> = e.text.split(['-', '–']).collect();
            if parts.len() == 2 && e.kind == EntityType::Org {
                let first_words: Vec<String> = parts.iter().map(|p| p.split_whitespace().next().unwrap_or("").to_uppercase()).collect();
                let mut pair = Vec::new();
                for w in &first_words {
                    if let Some(x) = self.resolve_word(w) {
                        pair.push(x);
                    }
                }
                if pair.len() == 2 {
                    for (code, actor) in pair {
                        bases.push(BaseHit { code, actor, first: toks[a], last: toks[b], group: true });
                    }
                    for t in taken.iter_mut().take(b + 1).skip(a) {
                        *t = true;
                    }
                    continue;
                }
            }
            bases.push(BaseHit { code, actor, first: toks[a], last: toks[b], group: false });
            for t in taken.iter_mut().take(b + 1).skip(a) {
                *t = true;
            }
        }
        // seats of power, group references, and (without entities) country names, capitals and IGOs
        let mut p = 0;
        while p < toks.len() {
            if taken[p] {
                p += 1;
                continue;
            }
            let mut matched = 0;
            for ((_, iso, sector, name), w) in SEATS.iter().zip(SEAT_WORDS.iter()) {
                if let Some(len) = match_name(sent, toks, p, w, false) {
                    let text: Vec<&str> = (p..p + len).map(|q| sent.toks[toks[q]].form.as_str()).collect();
                    bases.push(BaseHit {
                        code: format!("{iso}{sector}"),
                        actor: Actor { text: text.join(" "), name: Some(name.to_string()), country: Some(iso.to_string()), sector: Some(sector.to_string()) },
                        first: toks[p],
                        last: toks[p + len - 1],
                        group: false,
                    });
                    matched = len;
                    break;
                }
            }
            if matched == 0 {
                for w in group_refs() {
                    if let Some(len) = match_name(sent, toks, p, w, false) {
                        let two = self.last_two();
                        if two.len() == 2 {
                            let text: Vec<&str> = (p..p + len).map(|q| sent.toks[toks[q]].form.as_str()).collect();
                            for mut a in two {
                                a.text = text.join(" ");
                                let code = format!("{}{}", a.country.clone().unwrap_or_else(|| "---".into()), a.sector.clone().unwrap_or_default());
                                bases.push(BaseHit { code, actor: a, first: toks[p], last: toks[p + len - 1], group: true });
                            }
                            matched = len;
                        }
                        break;
                    }
                }
            }
            if matched == 0 {
                if let Some((len, code, actor)) = self.title_holder(sent, toks, p) {
                    bases.push(BaseHit { code, actor, first: toks[p], last: toks[p + len - 1], group: false });
                    matched = len;
                }
            }
            if matched == 0 {
                let t = &sent.toks[toks[p]];
                if let Some((code, mut actor)) = self.pronoun_antecedent(t) {
                    actor.text = t.form.clone();
                    bases.push(BaseHit { code, actor, first: toks[p], last: toks[p], group: false });
                    matched = 1;
                }
            }
            // country names, capitals and IGO acronyms the entity layer missed ("talks with Turkey")
            if matched == 0 {
                let t = &sent.toks[toks[p]];
                if t.form.chars().next().is_some_and(|c| c.is_uppercase()) && matches!(t.upos.as_str(), "" | "PROPN") {
                    if let Some((code, actor)) = self.resolve_word(&t.upper) {
                        let mut actor = actor;
                        actor.text = t.form.clone();
                        bases.push(BaseHit { code, actor, first: toks[p], last: toks[p], group: false });
                        matched = 1;
                    }
                }
            }
            if matched > 0 {
                for t in taken.iter_mut().skip(p).take(matched) {
                    *t = true;
                }
                p += matched;
            } else {
                p += 1;
            }
        }
        bases.sort_by_key(|b| b.first);
        let agents = self.agents.scan(sent, toks, &taken);
        (bases, agents)
    }
}

/// Words that end the title of an office ("President", "Prime Minister", "Home Secretary").
const TITLE_HEADS: &[&str] = &["PRESIDENT", "MINISTER", "SECRETARY", "CHANCELLOR", "PREMIER", "KING", "QUEEN", "POPE", "GOVERNOR", "MAYOR", "AMBASSADOR", "COMMISSIONER", "CHAIRMAN", "CHAIRWOMAN", "SENATOR"];

/// Words before a title that make it another office ("Vice President", "Shadow Home Secretary").
const OTHER_OFFICE: &[&str] = &["VICE", "DEPUTY", "FORMER", "SHADOW", "ASSISTANT", "ACTING", "INTERIM", "EX", "LATE", "FIRST", "JUNIOR"];

/// Pronouns back through which a pronoun without an entity within reach finds its antecedent.
const PRONOUN_HOPS: usize = 2;

/// Which antecedents a pronoun takes: a man, a woman, an organisation or country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PronounKind {
    Male,
    Female,
    Thing,
}

fn pronoun_kind(upper: &str) -> Option<PronounKind> {
    match upper {
        "HE" | "HIM" | "HIS" => Some(PronounKind::Male),
        "SHE" | "HER" => Some(PronounKind::Female),
        "IT" | "ITS" => Some(PronounKind::Thing),
        _ => None,
    }
}

/// Sentences back (the pronoun's own included) in which a pronoun finds its antecedent.
const PRONOUN_REACH: usize = 2;

impl DocActors<'_> {
    /// The actor a personal pronoun stands for: "he", "she", "his", "her" → the
    /// last person named before it; "it", "its" → the last organisation or
    /// country (a capital as its government), in the same or the previous
    /// sentence. "They" is left alone: too often a group the text never names.
    fn pronoun_antecedent(&self, t: &crate::sent::Tok) -> Option<(String, Actor)> {
        if !(t.upos.is_empty() || t.upos == "PRON" || t.upos == "DET") {
            return None;
        }
        let kind = pronoun_kind(&t.upper)?;
        self.antecedent_before(t.start, kind, PRONOUN_HOPS)
    }

    /// The antecedent of a pronoun of `kind` at character `at`: the entity of
    /// [`Self::pronoun_antecedent`], else, with no such entity within reach, what
    /// the first pronoun of the same kind within reach stands for ("Daniel was
    /// picked up … he was taken to the Century City Towers. He was deposited in an
    /// office where a lawyer interrogated him": Daniel), at most `hops` pronouns back.
    fn antecedent_before(&self, at: usize, kind: PronounKind, hops: usize) -> Option<(String, Actor)> {
        let person = kind != PronounKind::Thing;
        let here = self.doc.sentences.iter().position(|s| s.start <= at && at < s.end.max(s.start + 1))?;
        let from = self.doc.sentences[here.saturating_sub(PRONOUN_REACH - 1)].start;
        let compatible: Vec<&Entity> = self
            .doc
            .entities
            .iter()
            .filter(|e| e.end <= at && e.start >= from)
            .filter(|e| match e.kind {
                EntityType::Person => person,
                EntityType::Org => !person,
                EntityType::Location => !person && self.entity_actor(e).1.country.is_some() && self.is_country_or_capital(e),
                _ => false,
            })
            .collect();
        // a subject is the likelier antecedent: "Yoon met Prime Minister Kishida. He urged Japan ..." is Yoon
        let subject = |e: &&Entity| self.doc.tokens.iter().any(|k| k.start >= e.start && k.end <= e.end && k.deprel.starts_with("nsubj"));
        if let Some(e) = compatible.iter().rev().find(|e| subject(e)).or(compatible.last()) {
            return Some(self.entity_actor(e));
        }
        if hops == 0 {
            return None;
        }
        let toks = &self.doc.tokens;
        let first = toks.partition_point(|k| k.start < from);
        let earlier = toks[first..].iter().take_while(|k| k.end <= at).find(|k| k.upos == "PRON" && pronoun_kind(&self.doc.span_text(Span::new(k.start, k.end)).to_uppercase()) == Some(kind))?;
        self.antecedent_before(earlier.start, kind, hops - 1)
    }

    /// "The President" after "U.S. President Donald Trump": a title alone, after
    /// "the" and capitalised, not followed by a name, stands for the last person
    /// named earlier in the document with that very title (not "Vice President
    /// Pence", not "Shadow Home Secretary Yvette Cooper" for "the Home Secretary").
    /// Returns the title's length in tokens and the person.
    fn title_holder(&self, sent: &Sentence, toks: &[usize], p: usize) -> Option<(usize, String, Actor)> {
        let first = toks[p];
        if first == 0 || sent.toks[first - 1].upper != "THE" {
            return None;
        }
        // capitalised words up to a title head, all of them in `toks`: "Prime Minister"
        let mut len = 0;
        while p + len < toks.len() && len < 4 {
            let t = &sent.toks[toks[p + len]];
            if toks[p + len] != first + len || !t.form.starts_with(char::is_uppercase) {
                return None;
            }
            len += 1;
            if TITLE_HEADS.contains(&t.upper.as_str()) {
                break;
            }
        }
        let last = first + len - 1;
        if len == 0 || !TITLE_HEADS.contains(&sent.toks[last].upper.as_str()) || OTHER_OFFICE.contains(&sent.toks[first].upper.as_str()) {
            return None;
        }
        // "the President Donald Trump" is the name's own title (the entity takes it)
        if sent.toks.get(last + 1).is_some_and(|t| t.upos == "PROPN") {
            return None;
        }
        let title: Vec<&str> = sent.toks[first..=last].iter().map(|t| t.upper.as_str()).collect();
        let start = sent.toks[first].start;
        // the 60 characters before `at` (never past the title), sliced through the document's
        // character index: a copy of the text per title would make many titles quadratic
        let words_before = |at: usize| -> Vec<String> {
            let window = Span::new(at.saturating_sub(60).min(start), at.min(start));
            self.doc.span_text(window).split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_uppercase()).collect()
        };
        // the holder's own words: the title just before the name, or at its start
        let holds = |e: &Entity| {
            let mut words = words_before(e.start);
            let n_before = words.len();
            words.extend(e.text.split_whitespace().map(|w| w.to_uppercase()));
            let is_title_at = |from: usize| {
                words.get(from..from + title.len()).is_some_and(|w| w.iter().map(String::as_str).eq(title.iter().copied()))
                    && (from == 0 || !OTHER_OFFICE.contains(&words[from - 1].as_str()))
            };
            (n_before >= title.len() && is_title_at(n_before - title.len())) || is_title_at(n_before)
        };
        let e = self.doc.entities.iter().rev().find(|e| e.kind == EntityType::Person && e.end <= start && holds(e))?;
        let (code, mut actor) = self.entity_actor(e);
        actor.text = sent.toks[first..=last].iter().map(|t| t.form.as_str()).collect::<Vec<_>>().join(" ");
        Some((len, code, actor))
    }

    fn is_country_or_capital(&self, e: &Entity) -> bool {
        [e.name.to_uppercase(), e.text.to_uppercase()].iter().any(|w| self.lex.countries.contains_key(w) || self.lex.capitals.contains_key(w))
    }

    /// A single upper-case word as a country, capital, IGO acronym or an entity name of the document.
    fn resolve_word(&self, w: &str) -> Option<(String, Actor)> {
        if let Some((_, name, code)) = IGOS.iter().find(|(a, _, _)| *a == w) {
            return Some((code.to_string(), Actor { text: w.to_string(), name: Some(name.to_string()), country: None, sector: Some("IGO".into()) }));
        }
        if let Some(iso) = self.lex.countries.get(w) {
            return Some((iso.clone(), Actor { text: title_case(w), name: self.country_name(iso), country: Some(iso.clone()), sector: None }));
        }
        if let Some(iso) = self.lex.capitals.get(w) {
            return Some((format!("{iso}GOV"), Actor { text: title_case(w), name: self.country_name(iso), country: Some(iso.clone()), sector: Some("GOV".into()) }));
        }
        let e = self.doc.entities.iter().find(|e| e.text.to_uppercase() == w || e.name.to_uppercase() == w)?;
        Some(self.entity_actor(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::{parse_actors, parse_agents};
    use crate::testkit::sentence;

    #[test]
    fn hyphenated_names_match_as_the_tokenizer_splits_them() {
        let actors = DictActors::new(parse_actors("MORDOR [MOR]\n+BARAD-DUR\n"), &[]);
        let s = sentence("freed/free/VERB/0/root from/from/ADP/5/case Barad/Barad/PROPN/5/compound -/-/PUNCT/3/punct dur/dur/NOUN/1/obl");
        let all: Vec<usize> = (0..s.toks.len()).collect();
        let (bases, _) = actors.scan(&s, &all);
        assert_eq!(bases.iter().map(|b| (b.code.as_str(), b.first, b.last)).collect::<Vec<_>>(), vec![("MOR", 2, 4)]);
    }

    #[test]
    fn a_title_alone_is_its_holder_named_before() {
        use crate::testkit::document;
        use crate::EventStage;
        // the language core's parses; "Vice President" is another office
        let source_of = |parses: &[&str], entities: &[crate::testkit::TestEntity]| {
            let doc = document(parses, entities);
            let events = EventStage::new().code_document(&doc);
            events.iter().find(|e| e.trigger.text == "allow" || e.trigger.text == "allowed").and_then(|e| e.source.as_ref()).and_then(|a| a.name.clone())
        };
        let trump = source_of(
            &[
                "U.S./U.S./PROPN/2/compound President/President/PROPN/3/nmod:desc Donald/Donald/PROPN/5/nsubj Trump/Trump/PROPN/3/flat banned/ban/VERB/0/root travel/travel/NOUN/5/obj ././PUNCT/5/punct",
                "The/the/DET/2/det President/President/PROPN/5/nsubj later/late/ADV/5/advmod personally/personally/ADV/5/advmod took/take/VERB/0/root action/action/NOUN/5/obj to/to/PART/8/mark allow/allow/VERB/5/advcl the/the/DET/10/det team/team/NOUN/8/iobj into/into/ADP/13/case the/the/DET/13/det country/country/NOUN/8/obl ././PUNCT/5/punct",
            ],
            &[("U.S.", EntityType::Misc, "U.S.", Some("USA"), None), ("Donald Trump", EntityType::Person, "Donald Trump", Some("USA"), Some("GOV"))],
        );
        assert_eq!(trump.as_deref(), Some("Donald Trump"));
        let pence = source_of(
            &[
                "Vice/vice/NOUN/2/compound President/president/NOUN/5/nsubj Mike/Mike/PROPN/5/nsubj Pence/Pence/PROPN/3/flat praised/praise/VERB/0/root the/the/DET/7/det team/team/NOUN/5/obj ././PUNCT/5/punct",
                "The/the/DET/2/det President/President/PROPN/4/nsubj later/late/ADV/4/advmod allowed/allow/VERB/0/root the/the/DET/6/det team/team/NOUN/4/obj into/into/ADP/9/case the/the/DET/9/det country/country/NOUN/4/obl ././PUNCT/4/punct",
            ],
            &[("Mike Pence", EntityType::Person, "Mike Pence", None, Some("GOV"))],
        );
        assert_ne!(pence.as_deref(), Some("Mike Pence"));
    }

    #[test]
    fn a_pronoun_finds_its_antecedent_through_earlier_pronouns() {
        use crate::testkit::document;
        use crate::EventStage;
        // the language core's parse: "him" has no person within reach, the "he" before it has
        let doc = document(
            &[
                "Daniel/Daniel/PROPN/4/nsubj:pass Montalvo/Montalvo/PROPN/1/flat was/be/AUX/4/aux:pass picked/pick/VERB/0/root up/up/ADP/4/compound:prt by/by/ADP/8/case an/a/DET/8/det investigator/investigator/NOUN/4/obl:agent in/in/ADP/12/case a/a/DET/12/det black/black/ADJ/12/amod car/car/NOUN/8/nmod ././PUNCT/4/punct",
                "Instead/instead/ADV/4/mark of/of/SCONJ/1/fixed being/be/AUX/4/aux:pass taken/take/VERB/11/advcl to/to/ADP/7/case a/a/DET/7/det hotel/hotel/NOUN/4/obl ,/,/PUNCT/4/punct he/he/PRON/11/nsubj:pass was/be/AUX/11/aux:pass taken/take/VERB/0/root to/to/ADP/16/case the/the/DET/16/det Century/Century/PROPN/15/compound City/City/PROPN/16/compound Towers/Towers/PROPN/11/obl ././PUNCT/11/punct",
                "He/he/PRON/3/nsubj:pass was/be/AUX/3/aux:pass deposited/deposit/VERB/0/root in/in/ADP/6/case an/a/DET/6/det office/office/NOUN/3/obl on/on/ADP/10/case the/the/DET/10/det 33rd/33rd/ADJ/10/amod floor/floor/NOUN/6/nmod where/where/ADV/16/advmod a/a/DET/15/det pricy/pricy/NOUN/14/compound church/church/NOUN/15/compound lawyer/lawyer/NOUN/16/nsubj interrogated/interrogate/VERB/3/advcl him/he/PRON/16/obj for/for/ADP/20/case two/two/NUM/20/nummod hours/hour/NOUN/16/obl ././PUNCT/3/punct",
            ],
            &[("Daniel Montalvo", EntityType::Person, "Daniel Montalvo", None, None), ("Century City Towers", EntityType::Location, "Century City Towers", None, None)],
        );
        let events = EventStage::new().code_document(&doc);
        let target = events.iter().find(|e| e.trigger.text == "interrogated").and_then(|e| e.target.as_ref()).and_then(|a| a.name.clone());
        assert_eq!(target.as_deref(), Some("Daniel Montalvo"), "{events:?}");
        // "she" does not stand for a man named before
        let doc = document(
            &[
                "Daniel/Daniel/PROPN/4/nsubj:pass Montalvo/Montalvo/PROPN/1/flat was/be/AUX/4/aux:pass picked/pick/VERB/0/root up/up/ADP/4/compound:prt ././PUNCT/4/punct",
                "He/he/PRON/3/nsubj:pass was/be/AUX/3/aux:pass taken/take/VERB/0/root to/to/ADP/5/case Towers/Towers/PROPN/3/obl ././PUNCT/3/punct",
                "A/a/DET/2/det lawyer/lawyer/NOUN/3/nsubj interrogated/interrogate/VERB/0/root her/she/PRON/3/obj ././PUNCT/3/punct",
            ],
            &[("Daniel Montalvo", EntityType::Person, "Daniel Montalvo", None, None)],
        );
        let events = EventStage::new().code_document(&doc);
        assert!(events.iter().all(|e| e.target.as_ref().is_none_or(|a| a.name.as_deref() != Some("Daniel Montalvo")) || e.trigger.text != "interrogated"), "{events:?}");
    }

    #[test]
    fn former_office_holders_are_elites() {
        let actors = DictActors::new(parse_actors("ARNOR [ARN]\nGONDOR [GON]\n"), &parse_agents("SECURITY_OFFICIALS [~GOV]\nPROSECUTORS [~JUD]\n"));
        let s = sentence(
            "Arnor/Arnor/PROPN/4/compound former/former/ADJ/4/amod security/security/NOUN/4/compound officials/official/NOUN/5/nsubj met/meet/VERB/0/root \
             former/former/ADJ/8/amod Gondor/Gondor/PROPN/8/compound prosecutors/prosecutor/NOUN/5/obj Gondor/Gondor/PROPN/10/compound prosecutors/prosecutor/NOUN/5/obj",
        );
        let all: Vec<usize> = (0..s.toks.len()).collect();
        let (_, agents) = actors.scan(&s, &all);
        let codes: Vec<&str> = agents.iter().map(|a| a.code.as_str()).collect();
        // the last "Gondor prosecutors" is not former: still JUD
        assert_eq!(codes, vec!["ELI", "ELI", "JUD"]);
    }
}

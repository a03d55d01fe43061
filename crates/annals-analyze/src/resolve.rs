//! Within-document name resolution and actor attributes.
//!
//! "Macron" after "President Emmanuel Macron" gets the canonical name
//! "Emmanuel Macron"; "Kadhafi", "Gaddafi" and "Qaddafi" fold to one key and
//! reach the same dictionary actor. Countries and sectors come from titles in
//! the text first, then from the dated dictionary roles, then from place and
//! demonym lists.

use annals_core::{Document, Entity, EntityType};

use crate::actors::fold;
use crate::models::Models;
use crate::actors::{org_sector as org_sector_of, title_sector as title_sector_of};
use crate::stage::{apposition, pre_context};

/// Country named by any word or word pair of `words` (demonyms, places, dictionary actors).
fn country_in(m: &Models, words: &[String]) -> Option<String> {
    let d = &m.actors;
    for len in [3, 2, 1] {
        for win in words.windows(len) {
            // names are capitalized: "of" is not the Turkish town Of
            if !win[0].chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let key = fold(&win.join(" "));
            if key.is_empty() {
                continue;
            }
            if let Some(c) = d.demonyms.get(&key).or_else(|| d.places.get(&key)) {
                return Some(c.clone());
            }
            if len >= 1 && key.len() > 3 {
                if let Some(&i) = d.names.get(&key) {
                    if let Some((Some(c), _)) = d.role_on(&d.actors[i as usize], None) {
                        return Some(c);
                    }
                }
            }
        }
    }
    None
}

/// Fills `name`, `country` and `sector` of `entities` (parallel to `spans`: token ranges).
pub fn resolve(m: &Models, doc: &Document, spans: &[(usize, usize, EntityType)], entities: &mut [Entity]) {
    let d = &m.actors;
    let keys: Vec<String> = entities.iter().map(|e| fold(e.text.trim_end_matches("'s").trim_end_matches("’s"))).collect();
    // 1. dictionary actors and the document's own full names
    let mut actor_of: Vec<Option<usize>> = keys.iter().map(|k| d.names.get(k).map(|&i| i as usize)).collect();
    let mut canon: Vec<String> = entities
        .iter()
        .zip(&actor_of)
        .map(|(e, a)| match (e.kind, a) {
            (EntityType::Person, Some(i)) => d.actors[*i].name.clone(),
            _ => e.text.trim_end_matches("'s").trim_end_matches("’s").to_string(),
        })
        .collect();
    // 2. a shorter person mention takes the name of the longest mention containing all its words
    // (compared over distinct keys, so long documents stay cheap)
    let mut person_keys: Vec<(usize, &str)> = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        if e.kind == EntityType::Person && !person_keys.iter().any(|(_, k)| *k == keys[i]) {
            person_keys.push((i, keys[i].as_str()));
        }
    }
    let mut longer: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for &(_, key) in &person_keys {
        let words: Vec<&str> = key.split(' ').collect();
        let best = person_keys
            .iter()
            .filter(|(_, other)| {
                let o: Vec<&str> = other.split(' ').collect();
                o.len() > words.len() && words.iter().all(|w| o.contains(w))
            })
            .max_by_key(|(_, other)| other.len());
        if let Some(&(j, _)) = best {
            longer.insert(key, j);
        }
    }
    for i in 0..entities.len() {
        if entities[i].kind != EntityType::Person {
            continue;
        }
        if let Some(&j) = longer.get(keys[i].as_str()) {
            canon[i] = canon[j].clone();
            if actor_of[i].is_none() {
                actor_of[i] = actor_of[j];
            }
        }
    }
    // 3. spelling variants with one folded key share the first mention's name
    let mut first_of: std::collections::HashMap<(String, EntityType), usize> = std::collections::HashMap::new();
    for i in 0..entities.len() {
        let j = *first_of.entry((keys[i].clone(), entities[i].kind)).or_insert(i);
        canon[i] = canon[j].clone();
    }
    // 4. country and sector
    let date = doc.published;
    let mut attrs: Vec<(Option<String>, Option<String>)> = Vec::with_capacity(entities.len());
    for (i, e) in entities.iter().enumerate() {
        let (a, b, kind) = spans[i];
        let dict = actor_of[i].and_then(|k| d.role_on(&d.actors[k], date)).unwrap_or((None, None));
        let (country, sector) = match kind {
            EntityType::Person => {
                let pre = pre_context(doc, a);
                let appo = apposition(doc, b);
                let sector = title_sector_of(&pre).or_else(|| title_sector_of(&appo)).map(String::from);
                let country = country_in(m, &pre).or_else(|| country_in(m, &appo));
                // the text's own titles win over the dictionary
                (country.or(dict.0), sector.or(dict.1))
            }
            EntityType::Org => {
                // the name's own words ("Turkish Foreign Ministry") win over the dictionary
                let words: Vec<String> = e.text.split_whitespace().map(String::from).collect();
                let sector = org_sector_of(&keys[i]).map(String::from).or(dict.1);
                // an international body belongs to no one country: "Union" in "European Union"
                // is not the town in New Jersey
                let own_country = if sector.as_deref() == Some("IGO") { None } else { country_in(m, &words) };
                (dict.0.or(own_country), sector)
            }
            EntityType::Location => (d.place_country(&keys[i]).map(String::from).or(dict.0), None),
            EntityType::Misc => (d.demonyms.get(&keys[i]).cloned(), None),
        };
        let _ = e;
        attrs.push((country, sector));
    }
    // mentions of one actor share what any of them revealed
    let mut known: std::collections::HashMap<(String, EntityType), (Option<String>, Option<String>)> = std::collections::HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        let k = known.entry((canon[i].clone(), e.kind)).or_default();
        if k.0.is_none() {
            k.0 = attrs[i].0.clone();
        }
        if k.1.is_none() {
            k.1 = attrs[i].1.clone();
        }
    }
    for (i, e) in entities.iter().enumerate() {
        if let Some(k) = known.get(&(canon[i].clone(), e.kind)) {
            if attrs[i].0.is_none() {
                attrs[i].0 = k.0.clone();
            }
            if attrs[i].1.is_none() {
                attrs[i].1 = k.1.clone();
            }
        }
    }
    for (i, e) in entities.iter_mut().enumerate() {
        e.name = canon[i].clone();
        e.country = attrs[i].0.clone();
        e.sector = attrs[i].1.clone();
    }
}

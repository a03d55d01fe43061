//! Training-time assembly of the gazetteer, the actor dictionary and the
//! entity training data from the shared corpora.

use std::collections::HashSet;

use serde_json::Value;

use crate::actors::ActorDict;
use crate::conllu::{gum_mentions, parse_iob2, read_conllu, read_text, Sentence};
use crate::data::Corpora;
use crate::ner::{tag_index, Gazetteer};
use crate::tagger::PosTagger;
use crate::Error;

/// GUM genres whose texts are under CC BY / CC BY-SA (no non-commercial clause): the only ones trained on.
pub const GUM_GENRES: &[&str] = &["academic", "bio", "court", "interview", "news", "voyage"];

/// GUM news documents held out for scoring (its dev and test news documents).
pub const GUM_NEWS_HELD_OUT: &[&str] = &["GUM_news_homeopathic", "GUM_news_iodine", "GUM_news_nasa", "GUM_news_sensitive"];

/// The gazetteer and actor dictionary.
#[derive(Debug)]
pub struct Knowledge {
    /// Names for the entity tagger's features.
    pub gazetteer: Gazetteer,
    /// Actor dictionary.
    pub actors: ActorDict,
}

fn json(path: &std::path::Path) -> Result<Value, Error> {
    serde_json::from_str(&read_text(path)?).map_err(|e| Error::Data(format!("{}: {e}", path.display())))
}

fn tokens_lower(name: &str) -> String {
    let (toks, _) = crate::tokenize::segment(name);
    toks.iter().map(|t| name[t.start..t.end].to_lowercase()).collect::<Vec<_>>().join(" ")
}

const ORG_HINTS: &[&str] = &[
    "ministry", "party", "council", "army", "front", "union", "committee", "government", "bank", "agency", "forces",
    "organization", "organisation", "movement", "association", "court", "police", "office", "department", "group",
];

impl Knowledge {
    /// Reads GeoNames, ISO 3166 and the Phoenix dictionaries.
    pub fn load(c: &Corpora, common: &HashSet<String>) -> Result<Knowledge, Error> {
        let mut gaz: Vec<(String, u8)> = Vec::new();
        let mut places: Vec<(String, String)> = Vec::new();
        let mut iso3 = Vec::new();
        let mut a2_to_a3 = std::collections::HashMap::new();
        let iso1 = json(&c.iso().join("iso_3166-1.json"))?;
        for e in iso1["3166-1"].as_array().into_iter().flatten() {
            let (Some(a2), Some(a3)) = (e["alpha_2"].as_str(), e["alpha_3"].as_str()) else { continue };
            iso3.push(a3.to_string());
            a2_to_a3.insert(a2.to_string(), a3.to_string());
            for key in ["name", "common_name", "official_name"] {
                if let Some(n) = e[key].as_str() {
                    places.push((n.to_string(), a3.to_string()));
                    gaz.push((tokens_lower(n), 2));
                }
            }
        }
        let mut country_names: HashSet<String> = places.iter().map(|(n, _)| crate::actors::fold(n)).collect();
        let countries = json(&c.geonames().join("countries.json.gz"))?;
        for (_, e) in countries.as_object().into_iter().flatten() {
            if let (Some(n), Some(a3)) = (e["name"].as_str(), e["iso3"].as_str()) {
                places.push((n.to_string(), a3.to_string()));
                gaz.push((tokens_lower(n), 2));
                country_names.insert(crate::actors::fold(n));
            }
            if let Some(capital) = e["capital"].as_str().filter(|c| !c.is_empty()) {
                country_names.insert(crate::actors::fold(capital));
            }
        }
        let cities = json(&c.geonames().join("cities15000.json.gz"))?;
        let mut city_list: Vec<(i64, String, String)> = cities
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(_, e)| {
                let a3 = a2_to_a3.get(e["countrycode"].as_str()?)?.clone();
                Some((e["population"].as_i64().unwrap_or(0), e["name"].as_str()?.to_string(), a3))
            })
            .collect();
        city_list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, name, a3) in city_list {
            places.push((name.clone(), a3));
            gaz.push((tokens_lower(&name), 2));
        }
        let iso2 = json(&c.iso().join("iso_3166-2.json"))?;
        for e in iso2["3166-2"].as_array().into_iter().flatten() {
            let (Some(code), Some(n)) = (e["code"].as_str(), e["name"].as_str()) else { continue };
            if let Some(a3) = a2_to_a3.get(code.split('-').next().unwrap_or("")) {
                places.push((n.to_string(), a3.clone()));
                gaz.push((tokens_lower(n), 2));
            }
        }
        let dir = c.petrarch();
        let mut entries = Vec::new();
        for file in ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"] {
            let parsed = crate::phoenix::parse_actors(&read_text(&dir.join(file))?);
            for e in &parsed {
                let dated = e.roles.iter().any(|r| r.from.is_some() || r.to.is_some());
                let country_only = e.roles.len() == 1 && e.roles[0].code.len() == 3;
                // the head name decides the type; synonyms ("ERDOGAN") inherit it
                let head = tokens_lower(&e.names[0]);
                let head_words = head.split(' ').count();
                let orgish = ORG_HINTS.iter().any(|h| head.split(' ').any(|w| w == *h));
                let ty = if country_only {
                    2
                } else if dated && !orgish && (2..=4).contains(&head_words) {
                    0
                } else {
                    1
                };
                for n in &e.names {
                    let lower = tokens_lower(n);
                    if ty == 0 && lower.contains(' ') {
                        if let Some(first) = lower.split(' ').next().filter(|f| f.chars().count() > 2) {
                            gaz.push((first.to_string(), 3));
                        }
                    }
                    gaz.push((lower, ty));
                }
            }
            entries.extend(parsed);
        }
        let agents = crate::phoenix::parse_agents(&read_text(&dir.join("Phoenix.agents.txt"))?);
        // keep names only: drop single common words and all-common phrases
        gaz.retain(|(name, _)| {
            !name.is_empty() && !name.split(' ').all(|w| common.contains(w) || w.chars().all(|c| !c.is_alphanumeric()))
        });
        gaz.sort();
        gaz.dedup();
        let mut actors = ActorDict::build(&entries, &agents, places, iso3);
        actors.countries = country_names;
        Ok(Knowledge { gazetteer: Gazetteer::new(gaz), actors })
    }
}

/// Training sentences for the entity tagger: (forms, predicted tags, gold BIO indices).
pub type NerSentence = (Vec<String>, Vec<String>, Vec<usize>);

/// Entity training data.
#[derive(Debug, Default)]
pub struct NerData {
    /// GUM sentences (allowed genres, held-out news documents excluded).
    pub gum: Vec<NerSentence>,
    /// Document name of each GUM sentence.
    pub gum_doc: Vec<String>,
    /// UNER English-EWT dev sentences.
    pub uner_dev: Vec<NerSentence>,
    /// Document number of each UNER dev sentence.
    pub uner_doc: Vec<usize>,
}

/// Titles left out of person names, as Universal NER does ("President Bush" → "Bush").
pub const PERSON_TITLES: &[&str] = &[
    "president", "mr.", "mrs.", "ms.", "dr.", "sen.", "gov.", "rep.", "senator", "governor", "king", "queen", "prince",
    "princess", "pope", "general", "gen.", "minister", "prime", "secretary", "chancellor", "professor", "prof.", "judge",
    "justice", "sir", "lord", "lady", "saint", "st.", "emperor", "empress", "captain", "capt.", "colonel", "col.",
    "sergeant", "lieutenant", "chairman", "ceo", "director", "mayor", "mr", "mrs", "ms", "dr", "uncle", "aunt",
    "brother", "sister", "father", "mother", "rev.", "reverend", "bishop", "cardinal", "archbishop", "vice", "deputy",
];

/// Role words that also stand before names in news ("Ambassador Hamdullah Mohib").
const ROLE_TITLES: &[&str] = &[
    "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "commissioner", "undersecretary", "premier",
    "speaker", "commander", "chief", "leader", "adviser", "advisor", "counsel", "attorney", "officer",
];

/// True for a title or role word that stands before a person's name.
pub fn is_title_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    PERSON_TITLES.contains(&lower.as_str()) || ROLE_TITLES.contains(&lower.as_str())
}

/// Where a person's name starts in `words[a..b]`: after the last title word that has
/// a word after it ("Indonesian Defence Minister Prabowo Subianto" → "Prabowo Subianto").
pub fn name_start<S: AsRef<str>>(words: &[S], a: usize, b: usize) -> usize {
    (a..b.saturating_sub(1)).rev().find(|&k| is_title_word(words[k].as_ref())).map_or(a, |t| t + 1)
}

const CONNECTORS: &[&str] = &["of", "the", "and", "&", "de", "du", "la", "for", "-", "'s", "on", "del", "von", "van", "da", "al"];

/// BIO tags (PER/ORG/LOC) of a GUM sentence: named mentions only (head is a proper noun), titles removed.
pub fn gum_bio(sent: &Sentence) -> Vec<String> {
    gum_bio_with(sent, false)
}

/// [`gum_bio`] with the spans evaluation reads: words GUM tags NNP under another UPOS
/// belong to the name ("United" is VERB in GUM's "United States", "New" ADJ in "New
/// York"), and a person's name starts after its last title ("U.S. President Donald
/// Trump" → "Donald Trump"). The entity tagger is trained on [`gum_bio`]'s spans.
pub fn gum_bio_names(sent: &Sentence) -> Vec<String> {
    gum_bio_with(sent, true)
}

fn gum_bio_with(sent: &Sentence, names: bool) -> Vec<String> {
    let n = sent.words.len();
    let mut tags = vec!["O".to_string(); n];
    let mut taken = vec![false; n];
    let mut mentions = gum_mentions(sent);
    mentions.sort_by_key(|m| std::cmp::Reverse(m.end - m.start));
    let propn = |i: usize| sent.words[i].upos == "PROPN" || (names && sent.words[i].xpos.starts_with("NNP"));
    for m in mentions {
        let ty = match m.etype.as_str() {
            "person" => "PER",
            "organization" => "ORG",
            "place" => "LOC",
            _ => continue,
        };
        // head: the word whose head lies outside the mention
        let Some(head) = (m.start..m.end).find(|&i| sent.words[i].head.is_none_or(|h| h < m.start || h >= m.end)) else { continue };
        if !propn(head) {
            continue;
        }
        let conn = |i: usize| CONNECTORS.contains(&sent.words[i].form.to_lowercase().as_str());
        let (mut l, mut r) = (head, head + 1);
        loop {
            if l > m.start && propn(l - 1) {
                l -= 1;
            } else if l >= m.start + 2 && conn(l - 1) && propn(l - 2) {
                l -= 2;
            } else if l >= m.start + 3 && conn(l - 1) && conn(l - 2) && propn(l - 3) {
                l -= 3;
            } else {
                break;
            }
        }
        loop {
            if r < m.end && propn(r) {
                r += 1;
            } else if r + 1 < m.end && conn(r) && propn(r + 1) {
                r += 2;
            } else if r + 2 < m.end && conn(r) && conn(r + 1) && propn(r + 2) {
                r += 3;
            } else {
                break;
            }
        }
        if ty == "PER" && names {
            let forms: Vec<&str> = sent.words.iter().map(|w| w.form.as_str()).collect();
            l = name_start(&forms, l, r);
        } else if ty == "PER" {
            while l < r && PERSON_TITLES.contains(&sent.words[l].form.to_lowercase().as_str()) {
                l += 1;
            }
        }
        if l >= r || (l..r).any(|i| taken[i]) {
            continue;
        }
        for i in l..r {
            taken[i] = true;
            tags[i] = format!("{}-{ty}", if i == l { "B" } else { "I" });
        }
    }
    tags
}

fn tag_forms(tagger: &PosTagger, forms: &[String]) -> Vec<String> {
    let words: Vec<&str> = forms.iter().map(String::as_str).collect();
    tagger.tag(&words).into_iter().map(String::from).collect()
}

/// GUM documents to train on: allowed genres, held-out news left out.
pub fn gum_training_files(c: &Corpora) -> Result<Vec<std::path::PathBuf>, Error> {
    let dir = c.gum_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| Error::Io(dir.display().to_string(), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let genre = name.split('_').nth(1).unwrap_or("");
            name.starts_with("GUM_") && GUM_GENRES.contains(&genre) && !GUM_NEWS_HELD_OUT.contains(&name)
        })
        .collect();
    files.sort();
    Ok(files)
}

/// One GUM document as entity sentences (training spans), words tagged with `tagger`.
pub fn gum_ner_sentences(path: &std::path::Path, tagger: &PosTagger) -> Result<Vec<NerSentence>, Error> {
    Ok(read_conllu(path)?
        .iter()
        .map(|s| {
            let forms: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
            let gold = gum_bio(s).iter().map(|t| tag_index(t)).collect();
            let tags = tag_forms(tagger, &forms);
            (forms, tags, gold)
        })
        .collect())
}

/// GUM's development news documents: never trained on, scored by `annals-train --dev`.
pub const GUM_NEWS_DEV: &[&str] = &["GUM_news_homeopathic", "GUM_news_iodine"];

/// Builds the entity training data, tagging words with `tagger`.
pub fn ner_training_data(c: &Corpora, tagger: &PosTagger) -> Result<NerData, Error> {
    let mut data = NerData::default();
    for path in gum_training_files(c)? {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        for s in gum_ner_sentences(&path, tagger)? {
            data.gum.push(s);
            data.gum_doc.push(name.clone());
        }
    }
    let mut doc = 0usize;
    for s in parse_iob2(&read_text(&c.uner("dev"))?) {
        if s.newdoc.is_some() {
            doc += 1;
        }
        let forms: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
        let gold = s.ner.iter().map(|t| tag_index(t)).collect();
        let tags = tag_forms(tagger, &forms);
        data.uner_dev.push((forms, tags, gold));
        data.uner_doc.push(doc);
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::parse_conllu;

    #[test]
    fn gum_names_only() {
        let text = "1\tPresident\tPresident\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(1-person-new-x-cf1-2-coref\n\
2\tObama\tObama\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=1)\n\
3\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_\n\
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\tEntity=(2-place-new-x-cf1-2-coref\n\
5\tcity\tcity\tNOUN\tNN\t_\t3\tobj\t_\tEntity=2)\n\
6\tof\tof\tADP\tIN\t_\t7\tcase\t_\t_\n\
7\tBank\tBank\tPROPN\tNNP\t_\t5\tnmod\t_\tEntity=(3-organization-new-x-cf1-2-coref\n\
8\tof\tof\tADP\tIN\t_\t9\tcase\t_\t_\n\
9\tEngland\tEngland\tPROPN\tNNP\t_\t7\tnmod\t_\tEntity=(4-place-new-x-cf1-1-coref)3)\n\n";
        let s = &parse_conllu(text)[0];
        assert_eq!(gum_bio(s), vec!["O", "B-PER", "O", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG"]);
    }
}

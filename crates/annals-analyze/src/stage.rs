//! The pipeline stages: [`SyntaxStage`] (sentences, tokens, UPOS, lemmas,
//! dependencies) and [`EntityStage`] (named entities with canonical names,
//! countries and sectors).

use std::sync::Arc;

use annals_core::{Document, Entity, EntityType, Span, Stage, StageError, Token};

use crate::actors::fold;
use crate::models::Models;
use crate::ner::{spans, NerWord};

/// True when the document's language is one the models cover (English or unknown).
pub fn language_covered(lang: &str) -> bool {
    let l = lang.trim().to_ascii_lowercase();
    l.is_empty() || l == "und" || l == "en" || l.starts_with("en-") || l.starts_with("en_")
}

fn guard(doc: &mut Document, stage: &str) -> bool {
    if language_covered(&doc.language) {
        return true;
    }
    let note = format!("{stage}: language `{}` is not covered by the English models; layer left empty", doc.language);
    if !doc.meta.notes.contains(&note) {
        doc.meta.notes.push(note);
    }
    false
}

fn models(stage: &'static str) -> Result<Arc<Models>, StageError> {
    Models::shared().map_err(|e| StageError { stage, reason: e.to_string() })
}

/// Sentences, tokens, part of speech, lemmas and the dependency parse.
#[derive(Debug, Default, Clone, Copy)]
pub struct SyntaxStage;

impl Stage for SyntaxStage {
    fn name(&self) -> &'static str {
        "syntax"
    }
    fn provides(&self) -> &'static [&'static str] {
        &["sentences", "tokens", "pos", "lemmas", "parse"]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.sentences.clear();
        doc.tokens.clear();
        if !guard(doc, "syntax") {
            return Ok(());
        }
        let m = models("syntax")?;
        analyze_syntax(&m, doc);
        Ok(())
    }
}

/// The most tokens one sentence may hold. A longer "sentence" (a page without
/// punctuation, a table run together: 100,000 tokens were seen) is cut into
/// pieces of this many tokens, with a note, so that tagging, parsing and every
/// later stage's work per sentence stay bounded.
pub const MAX_SENTENCE_TOKENS: usize = 250;

/// Cuts sentences (token ranges) longer than `max` into pieces of `max`;
/// the number of sentences cut.
fn cut_long_sentences(sents: &mut Vec<std::ops::Range<usize>>, max: usize) -> usize {
    let long = sents.iter().filter(|r| r.len() > max).count();
    if long > 0 {
        *sents = sents.iter().flat_map(|r| r.clone().step_by(max).map(move |s| s..(s + max).min(r.end))).collect();
    }
    long
}

/// Fills sentences and tokens (with tags, lemmas and heads) of `doc`.
pub fn analyze_syntax(m: &Models, doc: &mut Document) {
    let (raw, mut sents) = m.boundaries.segment(&doc.text, &m.tagger);
    let long = cut_long_sentences(&mut sents, MAX_SENTENCE_TOKENS);
    if long > 0 {
        doc.meta.notes.push(format!("syntax: {long} sentence(s) of more than {MAX_SENTENCE_TOKENS} tokens cut into pieces of {MAX_SENTENCE_TOKENS}"));
    }
    let idx = doc.char_index().clone();
    let mut tokens = Vec::with_capacity(raw.len());
    let mut sentences = Vec::with_capacity(sents.len());
    for (si, range) in sents.iter().enumerate() {
        let words: Vec<&str> = raw[range.clone()].iter().map(|t| &doc.text[t.start..t.end]).collect();
        let (tags, arcs) = m.tag_and_parse(&words);
        let base = tokens.len();
        for (k, t) in raw[range.clone()].iter().enumerate() {
            let span = idx.span_of_bytes(t.start, t.end);
            tokens.push(Token {
                start: span.start,
                end: span.end,
                upos: tags[k].to_string(),
                lemma: m.lemmatizer.lemma(words[k], tags[k]),
                head: arcs[k].head.map(|h| base + h),
                deprel: arcs[k].deprel.clone(),
                sentence: si,
            });
        }
        let first = &raw[range.start];
        let last = &raw[range.end - 1];
        sentences.push(idx.span_of_bytes(first.start, last.end));
    }
    doc.tokens = tokens;
    doc.sentences = sentences;
}

/// Named entities (PERSON, ORG, LOCATION, MISC) with canonical names and actors.
#[derive(Debug, Default, Clone, Copy)]
pub struct EntityStage;

impl Stage for EntityStage {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn requires(&self) -> &'static [&'static str] {
        &["tokens", "pos"]
    }
    fn provides(&self) -> &'static [&'static str] {
        &["entities", "actors"]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.entities.clear();
        if !guard(doc, "entities") {
            return Ok(());
        }
        let m = models("entities")?;
        analyze_entities(&m, doc);
        Ok(())
    }
}

fn token_text<'a>(doc: &'a Document, t: &Token) -> &'a str {
    doc.span_text(Span::new(t.start, t.end))
}

/// Fills `doc.entities` from its tokens.
pub fn analyze_entities(m: &Models, doc: &mut Document) {
    let mut found: Vec<(usize, usize, EntityType)> = Vec::new();
    // starts of person names that followed a title ("Minister Wang"): strong evidence of a person
    let mut titled = std::collections::HashSet::new();
    let mut s = 0;
    while s < doc.tokens.len() {
        let sent = doc.tokens[s].sentence;
        let mut e = s;
        while e < doc.tokens.len() && doc.tokens[e].sentence == sent {
            e += 1;
        }
        let words: Vec<NerWord> = doc.tokens[s..e].iter().map(|t| NerWord { form: token_text(doc, t), upos: &t.upos }).collect();
        let tags = m.ner.tag(&words);
        let capitalized = |k: usize| token_text(doc, &doc.tokens[k]).chars().next().is_some_and(char::is_uppercase);
        // a sentence written with capitals past its first word (not an all-lower-case post)
        let cased = (s + 1..e).any(capitalized);
        let mut here: Vec<(usize, usize, EntityType)> = Vec::new();
        for (a, b, ty) in spans(&tags) {
            let kind = match ty {
                "PER" => EntityType::Person,
                "ORG" => EntityType::Org,
                _ => EntityType::Location,
            };
            let (mut a, mut b) = (s + a, s + b);
            // titles and what comes before them are not part of a person's name ("Sen. Bob Corker",
            // "Indonesian Defence Minister Prabowo Subianto")
            if kind == EntityType::Person {
                let forms: Vec<&str> = (a..b).map(|k| token_text(doc, &doc.tokens[k])).collect();
                let start = a + crate::knowledge::name_start(&forms, 0, b - a);
                if start > a {
                    titled.insert(start);
                    a = start;
                }
            }
            // in a cased sentence a name has a capital: what is left of "Union urged" after its
            // role word is not a person called "urged"
            if cased && !(a..b).any(capitalized) {
                continue;
            }
            // a name does not end in a lower-case word after capitalized ones ("Union were")
            while b - a > 1 && !capitalized(b - 1) && (a..b - 1).any(capitalized) {
                b -= 1;
            }
            // a title alone is not a name ("President" tagged ORG before an unknown name)
            if (a..b).all(|k| crate::knowledge::PERSON_TITLES.contains(&token_text(doc, &doc.tokens[k]).to_lowercase().as_str())) {
                continue;
            }
            here.push((a, b, kind));
        }
        prefer_gazetteer_names(m, doc, s, e, &mut here);
        found.extend(here);
        // demonyms and country adjectives outside names are MISC ("Chinese warships")
        for k in s..e {
            let t = &doc.tokens[k];
            let w = token_text(doc, t);
            if (t.upos == "ADJ" || t.upos == "PROPN") && w.chars().next().is_some_and(char::is_uppercase)
                && m.actors.demonyms.contains_key(&fold(w)) && !found.iter().any(|f| f.0 <= k && k < f.1)
            {
                found.push((k, k + 1, EntityType::Misc));
            }
        }
        s = e;
    }
    places_are_not_people(m, doc, &titled, &mut found);
    propagate_names(doc, &mut found);
    found.sort_by_key(|f| f.0);
    let mut entities: Vec<Entity> = found
        .iter()
        .map(|&(a, b, kind)| {
            let span = Span::new(doc.tokens[a].start, doc.tokens[b - 1].end);
            let text = doc.span_text(span).to_string();
            Entity { name: text.clone(), text, kind, country: None, sector: None, start: span.start, end: span.end }
        })
        .collect();
    crate::resolve::resolve(m, doc, &found, &mut entities);
    doc.entities = entities;
}

/// Multi-word names of the gazetteers win over a split of them: "States" inside
/// "the United States" becomes "United States", "Union" becomes "European Union",
/// and a person that took in the end of a place ("States Hamdullah Mohib") gives it
/// back. A capitalized multi-word person of the actor dictionaries that the tagger
/// missed is added. Sentence tokens `s..e`; `here` holds the sentence's spans.
fn prefer_gazetteer_names(m: &Models, doc: &Document, s: usize, e: usize, here: &mut Vec<(usize, usize, EntityType)>) {
    const CONNECTORS: &[&str] = &["of", "the", "and", "for", "de", "al", "-", "&"];
    let lower: Vec<String> = doc.tokens[s..e].iter().map(|t| token_text(doc, t).to_lowercase()).collect();
    let mut gaz = m.ner.gazetteer.tag(&lower);
    // the tagger's gazetteer leaves out some multi-word places ("United States"): the actors' places fill in.
    // Each word is folded once: the fold of a phrase is its words' non-empty folds joined by spaces.
    let folded: Vec<String> = lower.iter().map(|w| fold(w)).collect();
    let mut phrase = String::new();
    let mut i = 0;
    while i < gaz.len() {
        let found = (2..=4usize).rev().find(|&n| {
            if i + n > gaz.len() || !gaz[i..i + n].iter().all(|g| g.is_empty()) {
                return false;
            }
            phrase.clear();
            for w in folded[i..i + n].iter().filter(|w| !w.is_empty()) {
                if !phrase.is_empty() {
                    phrase.push(' ');
                }
                phrase.push_str(w);
            }
            m.actors.places.contains_key(&phrase)
        });
        match found {
            Some(n) => {
                gaz[i] = "B-LOC";
                gaz[i + 1..i + n].iter_mut().for_each(|g| *g = "I-LOC");
                i += n;
            }
            None => i += 1,
        }
    }
    let mut i = 0;
    while i < gaz.len() {
        let Some(types) = gaz[i].strip_prefix("B-") else {
            i += 1;
            continue;
        };
        let types = types.to_string();
        let mut j = i + 1;
        while j < gaz.len() && gaz[j].starts_with("I-") {
            j += 1;
        }
        // "the" before a name is not part of it ("the European Union")
        let start = if lower[i] == "the" { i + 1 } else { i };
        let (mut ma, mb) = (s + start, s + j);
        i = j;
        if !types.contains("LOC") && !types.contains("ORG") {
            // a person entry of the actor dictionaries may carry a title ("President Bush")
            ma += crate::knowledge::name_start(&lower[ma - s..mb - s], 0, mb - ma);
        }
        let capitalized = |k: usize| token_text(doc, &doc.tokens[k]).chars().next().is_some_and(char::is_uppercase);
        let all_caps_sentence = (s..e).all(|k| !token_text(doc, &doc.tokens[k]).chars().any(char::is_lowercase));
        if mb - ma < 2 || all_caps_sentence || !capitalized(ma) || !capitalized(mb - 1)
            || !(ma..mb).all(|k| capitalized(k) || CONNECTORS.contains(&lower[k - s].as_str()))
        {
            continue;
        }
        let has = |t: &str| types.split('+').any(|x| x == t);
        let overlapping: Vec<usize> = (0..here.len()).filter(|&x| here[x].0 < mb && ma < here[x].1).collect();
        if overlapping.iter().any(|&x| here[x].0 <= ma && mb <= here[x].1) {
            continue; // the tagger's name is as long or longer
        }
        let kind = if has("LOC") || has("ORG") {
            let inner = overlapping.iter().map(|&x| here[x].2).find(|k| (*k == EntityType::Location && has("LOC")) || (*k == EntityType::Org && has("ORG")));
            match inner {
                Some(k) => k,
                None if overlapping.is_empty() => continue, // no evidence from the tagger
                None if has("LOC") => EntityType::Location,
                None => EntityType::Org,
            }
        } else if has("PER") {
            EntityType::Person
        } else {
            continue;
        };
        // spans inside the name go; spans crossing its edge keep their part outside it
        let mut kept = Vec::with_capacity(here.len());
        for (x, &(a, b, k)) in here.iter().enumerate() {
            if !overlapping.contains(&x) {
                kept.push((a, b, k));
            } else {
                // the part outside the name, without lower-case words at its edges ("and the")
                let (mut a, mut b) = if a < ma { (a, ma) } else { (mb, b) };
                while a < b && !capitalized(a) {
                    a += 1;
                }
                while a < b && !capitalized(b - 1) {
                    b -= 1;
                }
                if a < b {
                    kept.push((a, b, k));
                }
            }
        }
        kept.push((ma, mb, kind));
        kept.sort_by_key(|f| f.0);
        *here = kept;
    }
}

/// A one-word "person" that is a country or a capital ("Beijing", "Turkey") is a location, unless the document gives evidence of a person: a title
/// before it, a given-name or person entry of the gazetteers, or a longer person
/// name ending in the same word ("Michael Jordan" ... "Jordan").
fn places_are_not_people(m: &Models, doc: &Document, titled: &std::collections::HashSet<usize>, found: &mut [(usize, usize, EntityType)]) {
    let surnames: std::collections::HashSet<&str> = found
        .iter()
        .filter(|f| f.2 == EntityType::Person && f.1 - f.0 > 1)
        .map(|f| token_text(doc, &doc.tokens[f.1 - 1]))
        .collect();
    let mut changes = Vec::new();
    for (x, &(a, b, kind)) in found.iter().enumerate() {
        if kind != EntityType::Person || b - a != 1 || titled.contains(&a) {
            continue;
        }
        let word = token_text(doc, &doc.tokens[a]);
        let bits = m.ner.gazetteer.lookup(&[word.to_lowercase().as_str()]);
        let person_entry = bits & (1 << 0 | 1 << 3) != 0;
        if !person_entry && m.actors.countries.contains(&fold(word)) && !surnames.contains(word) {
            changes.push(x);
        }
    }
    for x in changes {
        found[x].2 = EntityType::Location;
    }
}

/// Document consistency: a name found once is a name wherever it recurs, and a
/// person's surname alone ("Macron" after "Emmanuel Macron") is that person.
fn propagate_names(doc: &Document, found: &mut Vec<(usize, usize, EntityType)>) {
    const MAX: usize = 6;
    let mut names: std::collections::HashMap<String, EntityType> = std::collections::HashMap::new();
    for &(a, b, kind) in found.iter() {
        if kind == EntityType::Misc || b - a > MAX {
            continue;
        }
        let words: Vec<&str> = (a..b).map(|k| token_text(doc, &doc.tokens[k])).collect();
        names.entry(words.join(" ")).or_insert(kind);
        if kind == EntityType::Person && words.len() > 1 {
            names.entry(words[words.len() - 1].to_string()).or_insert(kind);
        }
    }
    // only capitalized names, and never common sentence openers
    names.retain(|k, _| k.chars().next().is_some_and(char::is_uppercase) && k.chars().count() > 2);
    if names.is_empty() {
        return;
    }
    let mut covered = vec![false; doc.tokens.len()];
    for &(a, b, _) in found.iter() {
        covered[a..b].iter_mut().for_each(|c| *c = true);
    }
    let mut k = 0;
    while k < doc.tokens.len() {
        let mut hit = None;
        let mut text = String::new();
        for len in 1..=MAX.min(doc.tokens.len() - k) {
            let t = &doc.tokens[k + len - 1];
            if covered[k + len - 1] || t.sentence != doc.tokens[k].sentence {
                break;
            }
            if len > 1 {
                text.push(' ');
            }
            text.push_str(token_text(doc, t));
            if let Some(&kind) = names.get(&text) {
                hit = Some((len, kind));
            }
        }
        // a repeat is a whole name: "Kwok" is not propagated into "Kwok Ka-ki", nor "Campbell" into
        // "Campbell Soup" (GUM news dev, whole stage: F1 0.661 -> 0.667)
        let proper_neighbour = |j: usize| {
            let t = &doc.tokens[j];
            t.sentence == doc.tokens[k].sentence && t.upos == "PROPN" && token_text(doc, t).chars().next().is_some_and(char::is_uppercase)
        };
        let whole = |len: usize| !((k > 0 && proper_neighbour(k - 1)) || (k + len < doc.tokens.len() && proper_neighbour(k + len)));
        match hit {
            Some((len, kind)) if (doc.tokens[k].upos == "PROPN" || len > 1) && whole(len) => {
                found.push((k, k + len, kind));
                k += len;
            }
            _ => k += 1,
        }
    }
}

/// Title words in the tokens before a mention (same sentence, up to 6 words, stopping at a verb or punctuation).
pub(crate) fn pre_context(doc: &Document, start: usize) -> Vec<String> {
    let mut out = Vec::new();
    if start == 0 {
        return out;
    }
    let sent = doc.tokens[start].sentence;
    let mut k = start;
    while k > 0 && out.len() < 6 {
        k -= 1;
        let t = &doc.tokens[k];
        if t.sentence != sent || matches!(t.upos.as_str(), "VERB" | "AUX" | "PUNCT" | "CCONJ" | "SCONJ" | "ADP" | "PRON") && token_text(doc, t) != "'s" {
            break;
        }
        out.push(token_text(doc, t).to_string());
    }
    out.reverse();
    out
}

/// Words of an apposition after a mention (", the Turkish foreign minister,"), up to 10 words.
pub(crate) fn apposition(doc: &Document, end: usize) -> Vec<String> {
    let mut out = Vec::new();
    if end >= doc.tokens.len() || token_text(doc, &doc.tokens[end]) != "," {
        return out;
    }
    let sent = doc.tokens[end].sentence;
    for t in doc.tokens[end + 1..].iter().take(10) {
        let w = token_text(doc, t);
        if t.sentence != sent || w == "," || w == "." || matches!(t.upos.as_str(), "VERB" | "AUX") {
            break;
        }
        out.push(w.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEWS: &str = "ANKARA (Reuters) - Turkish President Tayyip Erdoğan met French President Emmanuel Macron in Paris on June 14-15. \
Erdogan said the talks with the European Union were useful. Macron did not comment. \
Sen. Bob Corker, chair of the Senate Foreign Relations Committee, criticized the deal. \
Chinese warships were seen near Taiwan, Kremlin spokesman Dmitry Peskov told reporters.";

    fn analyzed(text: &str) -> Document {
        let mut doc = Document::from_text("t.txt", text);
        doc.published = chrono::NaiveDate::from_ymd_opt(2019, 6, 20);
        SyntaxStage.run(&mut doc).unwrap();
        EntityStage.run(&mut doc).unwrap();
        doc
    }

    #[test]
    fn a_sentence_of_thousands_of_tokens_is_cut_into_pieces() {
        // issue 18, row 9: one 100,000-token "sentence" held every stage for minutes
        let text = "officials met in Geneva and talks went on ".repeat(300);
        let doc = analyzed(&text);
        assert_eq!(doc.tokens.len(), 2400);
        let mut sizes = vec![0; doc.sentences.len()];
        doc.tokens.iter().for_each(|t| sizes[t.sentence] += 1);
        assert!(sizes.iter().all(|&n| n <= MAX_SENTENCE_TOKENS), "{sizes:?}");
        assert!(doc.meta.notes.iter().any(|n| n.contains("cut into pieces of 250")), "{:?}", doc.meta.notes);
        let mut ranges = vec![0..3, 3..1000, 1000..1001];
        assert_eq!(cut_long_sentences(&mut ranges, 400), 1);
        assert_eq!(ranges, vec![0..3, 3..403, 403..803, 803..1000, 1000..1001]);
    }

    #[test]
    fn fills_sentences_tokens_and_entities() {
        let doc = analyzed(NEWS);
        for e in &doc.entities {
            eprintln!("{:?} {} | {} | {:?} {:?}", e.kind, e.text, e.name, e.country, e.sector);
        }
        assert_eq!(doc.sentences.len(), 6, "{:?}", doc.sentences.iter().map(|s| doc.span_text(*s)).collect::<Vec<_>>());
        assert!(doc.tokens.iter().all(|t| !t.upos.is_empty() && !t.deprel.is_empty()));
        assert_eq!(doc.tokens.iter().filter(|t| t.head.is_none()).count(), doc.sentences.len());
        let find = |s: &str| doc.entities.iter().find(|e| e.text == s).unwrap_or_else(|| panic!("no entity {s}"));
        let macron = find("Emmanuel Macron");
        assert_eq!(macron.kind, EntityType::Person);
        assert_eq!(macron.country.as_deref(), Some("FRA"));
        assert_eq!(macron.sector.as_deref(), Some("GOV"));
        assert_eq!(find("Macron").name, "Emmanuel Macron");
        // a Phoenix synonym reaches the dictionary's head name; the title gives country and sector
        let erdogan = find("Erdogan");
        assert_eq!(erdogan.name, "Recep Tayyip Erdogan");
        assert_eq!(erdogan.country.as_deref(), Some("TUR"));
        assert_eq!(find("Paris").country.as_deref(), Some("FRA"));
        assert_eq!(find("Chinese").kind, EntityType::Misc);
        assert_eq!(find("Chinese").country.as_deref(), Some("CHN"));
        let kremlin = find("Kremlin");
        assert_eq!((kremlin.country.as_deref(), kremlin.sector.as_deref()), (Some("RUS"), Some("GOV")));
        let corker = find("Bob Corker");
        assert_eq!((corker.country.as_deref(), corker.sector.as_deref()), (Some("USA"), Some("LEG")));
        assert_eq!(find("Senate Foreign Relations Committee").sector.as_deref(), Some("LEG"));
        assert!(doc.entities.iter().all(|e| doc.span_text(annals_core::Span::new(e.start, e.end)) == e.text));
    }

    #[test]
    fn propagates_whole_names_only() {
        // "Alvin Wong" makes "Wong" a known surname: it is propagated where it stands alone, not
        // into another name ("Wong Yeung-tat", a different person the tagger missed)
        let words = [("Alvin", "PROPN"), ("Wong", "PROPN"), ("won", "VERB"), (".", "PUNCT"), ("Wong", "PROPN"), ("thanked", "VERB"),
            ("Wong", "PROPN"), ("Yeung-tat", "PROPN"), (".", "PUNCT")];
        let mut text = String::new();
        let mut tokens = Vec::new();
        for (k, (w, upos)) in words.iter().enumerate() {
            if k > 0 {
                text.push(' ');
            }
            let start = text.chars().count();
            text.push_str(w);
            tokens.push(annals_core::Token { start, end: start + w.chars().count(), upos: upos.to_string(), sentence: usize::from(k > 3), ..Default::default() });
        }
        let mut doc = Document::from_text("t.txt", text);
        doc.tokens = tokens;
        let mut found = vec![(0, 2, EntityType::Person)];
        propagate_names(&doc, &mut found);
        assert_eq!(found, vec![(0, 2, EntityType::Person), (4, 5, EntityType::Person)]);
    }

    /// Errors the quotes and events stages reported, on real news sentences
    /// (the last one from samples/corpus/html/afghan.html).
    #[test]
    fn reported_entity_and_syntax_errors() {
        let doc = analyzed(
            "Beijing has denied the claims. Turkey says the talks with the European Union and the United States will go on. \
Indonesian Defence Minister Prabowo Subianto said officials have postponed the visit. \
According to Afghan Ambassador to the United States Hamdullah Mohib, the team shows progress.",
        );
        for e in &doc.entities {
            eprintln!("{:?} {} | {} | {:?}", e.kind, e.text, e.name, e.country);
        }
        let kinds = |s: &str| doc.entities.iter().filter(|e| e.text == s).map(|e| e.kind).collect::<Vec<_>>();
        assert!(kinds("Beijing").iter().all(|k| *k == EntityType::Location) && !kinds("Beijing").is_empty());
        assert!(!kinds("European Union").is_empty(), "European Union");
        assert_eq!(kinds("United States").len(), 2);
        assert!(doc.entities.iter().all(|e| e.text != "States" && e.text != "Union"));
        // the stray word is gone (the type stays the tagger's)
        assert_eq!(kinds("Hamdullah Mohib").len(), 1);
        let token = |w: &str| doc.tokens.iter().find(|t| doc.span_text(Span::new(t.start, t.end)) == w).unwrap_or_else(|| panic!("{w}"));
        assert_eq!(token("denied").lemma, "deny");
        assert_eq!(token("officials").deprel, "nsubj");
    }

    #[test]
    fn a_lower_case_word_is_no_name_in_a_cased_sentence() {
        let doc = analyzed("The European Union urged Serbia to engage. Officials in Brussels said the bloc would wait.");
        assert!(doc.entities.iter().all(|e| e.text.chars().any(char::is_uppercase)), "{:?}", doc.entities.iter().map(|e| &e.text).collect::<Vec<_>>());
        let eu = doc.entities.iter().find(|e| e.text == "European Union").expect("European Union");
        assert_eq!((eu.country.as_deref(), eu.sector.as_deref()), (None, Some("IGO")));
    }

    #[test]
    fn countries_typed_person_become_places() {
        // "Turkey" and "Beijing" as the tagger typed them in reports to the events stage; "Jordan" is a person here
        let doc = analyzed("Turkey says Beijing will decide. Michael Jordan met Jordan later.");
        let m = Models::shared().unwrap();
        let at = |w: &str, nth: usize| doc.tokens.iter().enumerate().filter(|(_, t)| doc.span_text(Span::new(t.start, t.end)) == w).nth(nth).unwrap().0;
        let mut found = vec![(at("Turkey", 0), at("Turkey", 0) + 1, EntityType::Person), (at("Beijing", 0), at("Beijing", 0) + 1, EntityType::Person),
            (at("Michael", 0), at("Michael", 0) + 2, EntityType::Person), (at("Jordan", 1), at("Jordan", 1) + 1, EntityType::Person)];
        places_are_not_people(&m, &doc, &Default::default(), &mut found);
        let kinds: Vec<EntityType> = found.iter().map(|f| f.2).collect();
        assert_eq!(kinds, [EntityType::Location, EntityType::Location, EntityType::Person, EntityType::Person]);
    }

    #[test]
    fn other_languages_are_left_empty() {
        let mut doc = Document::from_text("t.txt", "Der Präsident sprach in Berlin.");
        doc.language = "de".into();
        SyntaxStage.run(&mut doc).unwrap();
        EntityStage.run(&mut doc).unwrap();
        assert!(doc.tokens.is_empty() && doc.entities.is_empty() && doc.sentences.is_empty());
        assert!(doc.meta.notes.iter().any(|n| n.contains("`de`")));
    }

    #[test]
    fn bad_input_is_bounded() {
        let mut text = "word ".repeat(100_000);
        text.push_str("BREAKING: ALL CAPS HEADLINE 😀😀 \u{0}\u{1b}[31m 日本語 العربية ");
        let doc = analyzed(&text);
        assert!(doc.tokens.len() > 100_000);
        assert!(doc.tokens.iter().all(|t| t.head.is_none_or(|h| h < doc.tokens.len())));
        // time grows linearly: ten times the text takes nowhere near a hundred times as long
        let time = |n: usize| {
            let t = "Word, word and Word ".repeat(n);
            let start = std::time::Instant::now();
            analyzed(&t);
            start.elapsed().as_secs_f64()
        };
        let (small, large) = (time(500), time(5_000));
        assert!(large < small * 40.0 + 1.0, "500 → {small:.2}s, 5000 → {large:.2}s");
    }
}

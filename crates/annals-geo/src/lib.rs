//! Places in news text, resolved to GeoNames entries.
//!
//! [`GeoStage`] fills `doc.places`: each place mention with its canonical
//! name, ISO 3166-1 alpha-3 country, coordinates and GeoNames id. A LOCATION
//! entity that names a resolved place takes that place's country (the language
//! core's is the first dictionary entry of the name, chosen without context).
//!
//! - **Gazetteer** ([`gazetteer`]): GeoNames countries and the 34,000 cities of
//!   15,000 people or more, ISO 3166-2 first-level subdivisions, and curated
//!   aliases, demonyms, US state abbreviations and country keywords
//!   (`data/curated.tsv`), compiled into the binary from
//!   `models/gazetteer.tsv.gz` (rebuilt by the `build_gazetteer` example).
//! - **Mentions**: the LOCATION entities of the language core when it has run;
//!   otherwise capitalized word sequences found in the gazetteer. A dateline
//!   ("BEIRUT --", "TAIPEI (Reuters) -") is always read.
//! - **Choice** ([`resolve`]): a prior from the kind of place, its population
//!   and capital status; "City, State" and "City, Country" patterns; and the
//!   article's context: countries and US states of the other places,
//!   demonyms ("French") and keywords ("Élysée") of the text. Paris in a story
//!   about the Élysée is Paris, France; "Georgia" beside Atlanta is the state,
//!   beside Tbilisi the country; "Birmingham, Ala." is in Alabama.
//!
//! ```
//! use annals_core::{Document, Stage};
//! let mut doc = Document::from_text("a.txt", "BIRMINGHAM, Ala. (AP) -- Officials in Birmingham said on Monday.");
//! annals_geo::GeoStage::default().run(&mut doc).unwrap();
//! assert_eq!(doc.places[0].country.as_deref(), Some("USA"));
//! assert_eq!(doc.places[0].geonames_id, Some(4049979));
//! ```
#![deny(missing_docs)]

pub mod eval;
pub mod gazetteer;
pub mod resolve;

use annals_core::{Document, EntityType, Place, Stage, StageError};

pub use gazetteer::{Entry, Gazetteer, Kind};
use resolve::{Mention, Source};

/// Errors of the geo crate.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    /// The built-in gazetteer could not be decompressed.
    #[error("cannot read the gazetteer: {0}")]
    Gazetteer(std::io::Error),
    /// An evaluation file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// An evaluation file is malformed.
    #[error("{path}:{line}: {reason}")]
    Format {
        /// The file.
        path: String,
        /// Line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// The pipeline stage that fills `doc.places`.
#[derive(Debug, Clone, Default)]
pub struct GeoStage;

impl Stage for GeoStage {
    fn name(&self) -> &'static str {
        "places"
    }

    fn provides(&self) -> &'static [&'static str] {
        &["places"]
    }

    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let g = Gazetteer::global();
        let mentions = find_mentions(doc, g);
        doc.places = places_of(doc, resolve::resolve(&doc.text, mentions, g), g);
        // The language core gives a place name the country of its first dictionary entry,
        // without context ("Florida" a town in Cuba, "Virginia" one in South Africa); the
        // place resolved here weighs the article, so its country wins for that entity.
        for e in doc.entities.iter_mut().filter(|e| e.kind == EntityType::Location) {
            if let Some(country) = doc.places.iter().find(|p| p.start == e.start && p.end == e.end).and_then(|p| p.country.clone()) {
                e.country = Some(country);
            }
        }
        Ok(())
    }
}

/// The mentions to resolve: the dateline, then LOCATION entities, or capitalized
/// gazetteer names when the document has no entities.
pub fn find_mentions(doc: &Document, g: &Gazetteer) -> Vec<Mention> {
    let text = doc.text.as_str();
    let index = doc.char_index();
    let mut mentions: Vec<Mention> = Vec::new();
    if let Some((place, _region)) = resolve::dateline(text) {
        mentions.push(place);
    }
    let overlaps = |ms: &[Mention], s: usize, e: usize| ms.iter().any(|m| m.start < e && s < m.end);
    if doc.entities.is_empty() {
        for m in resolve::capitalized_mentions(text, g) {
            if !overlaps(&mentions, m.start, m.end) {
                mentions.push(m);
            }
        }
    } else {
        for e in doc.entities.iter().filter(|e| e.kind == EntityType::Location) {
            let bytes = index.bytes_of_span(annals_core::Span::new(e.start, e.end.max(e.start)));
            if !overlaps(&mentions, bytes.start, bytes.end) {
                mentions.push(Mention { start: bytes.start, end: bytes.end, source: Source::Entity });
            }
        }
    }
    mentions.sort_by_key(|m| m.start);
    mentions
}

fn places_of(doc: &Document, resolutions: Vec<resolve::Resolution>, g: &Gazetteer) -> Vec<Place> {
    let index = doc.char_index();
    resolutions
        .into_iter()
        .filter_map(|r| {
            let e = &g.entries[r.entry?];
            let span = index.span_of_bytes(r.mention.start, r.mention.end);
            Some(Place {
                text: doc.text[r.mention.start..r.mention.end].to_string(),
                name: e.name.clone(),
                country: e.iso3.clone(),
                lat: e.lat,
                lon: e.lon,
                geonames_id: e.geonames_id,
                start: span.start,
                end: span.end,
            })
        })
        .collect()
}

/// Where the shared data folder is: `ANNALS_SHARED`, else `<repo root>/../shared`.
pub fn shared_dir() -> std::path::PathBuf {
    match std::env::var_os("ANNALS_SHARED") {
        Some(p) => p.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    }
}

/// The repository root (for `eval/places.tsv`).
pub fn repo_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[cfg(test)]
mod tests {
    use super::*;
    use annals_core::Entity;

    fn places(text: &str) -> Vec<Place> {
        let mut doc = Document::from_text("t", text);
        GeoStage.run(&mut doc).unwrap();
        doc.places
    }

    fn place_of<'a>(ps: &'a [Place], text: &str) -> &'a Place {
        ps.iter().find(|p| p.text == text).unwrap_or_else(|| panic!("{text} not found in {ps:?}"))
    }

    #[test]
    fn paris_with_elysee_is_france() {
        let ps = places("The Élysée said the president would host the summit in Paris next week.");
        assert_eq!(place_of(&ps, "Paris").country.as_deref(), Some("FRA"));
        let ps = places("Paris, Texas, a town of 25,000, voted on Tuesday.");
        assert_eq!(place_of(&ps, "Paris").geonames_id, Some(4717560));
    }

    #[test]
    fn georgia_by_its_neighbours() {
        let ps = places("Protesters gathered in Tbilisi as Georgia's parliament met.");
        assert_eq!(place_of(&ps, "Georgia").geonames_id, Some(614540));
        let ps = places("Voters in Atlanta and Savannah decided the race in Georgia.");
        assert_eq!(place_of(&ps, "Georgia").country.as_deref(), Some("USA"));
        assert_eq!(place_of(&ps, "Georgia").geonames_id, None, "the US state has no GeoNames id in the built-in data");
    }

    #[test]
    fn datelines_and_state_abbreviations() {
        let ps = places("BIRMINGHAM, Ala. (AP) -- A tornado struck.");
        assert_eq!(ps[0].geonames_id, Some(4049979));
        let ps = places("TAIPEI (Reuters) - Taiwan's president said on Friday.");
        assert_eq!(ps[0].geonames_id, Some(1668341));
        let ps = places("The factory in Birmingham, England, closed.");
        assert_eq!(place_of(&ps, "Birmingham").geonames_id, Some(2655603));
    }

    #[test]
    fn alternate_names() {
        let ps = places("Talks in Kiev and The Hague continued, and Ivory Coast sent a delegation.");
        assert_eq!(place_of(&ps, "Kiev").geonames_id, Some(703448));
        assert_eq!(place_of(&ps, "The Hague").geonames_id, Some(2747373));
        assert_eq!(place_of(&ps, "Ivory Coast").country.as_deref(), Some("CIV"));
    }

    #[test]
    fn entities_when_present() {
        let mut doc = Document::from_text("t", "Jordan scored as fans in Amman cheered.");
        doc.entities.push(Entity { text: "Amman".into(), kind: EntityType::Location, name: "Amman".into(), country: None, sector: None, start: 25, end: 30 });
        doc.entities.push(Entity { text: "Jordan".into(), kind: EntityType::Person, name: "Jordan".into(), country: None, sector: None, start: 0, end: 6 });
        GeoStage.run(&mut doc).unwrap();
        assert_eq!(doc.places.len(), 1, "a PERSON named Jordan is no place");
        assert_eq!(doc.places[0].geonames_id, Some(250441));
    }

    #[test]
    fn a_location_entity_takes_the_country_of_its_resolved_place() {
        // the language core's dictionary country of "Florida" is a town in Cuba
        let mut doc = Document::from_text("t", "The governor of Florida met officials in Tallahassee.");
        doc.entities.push(Entity { text: "Florida".into(), kind: EntityType::Location, name: "Florida".into(), country: Some("CUB".into()), sector: None, start: 16, end: 23 });
        doc.entities.push(Entity { text: "Tallahassee".into(), kind: EntityType::Location, name: "Tallahassee".into(), country: Some("USA".into()), sector: None, start: 40, end: 51 });
        GeoStage.run(&mut doc).unwrap();
        assert_eq!(doc.entities[0].country.as_deref(), Some("USA"));
        assert_eq!(doc.entities[1].country.as_deref(), Some("USA"));
    }

    #[test]
    fn capitalized_sequences_split_at_sentence_ends_and_connectors() {
        let ps = places("A tornado struck Birmingham on Monday, after storms hit Atlanta, Georgia. Officials met.");
        assert_eq!(place_of(&ps, "Birmingham").country.as_deref(), Some("USA"), "Alabama by its Georgia neighbours");
        assert_eq!(place_of(&ps, "Georgia").country.as_deref(), Some("USA"));
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in ["", ",", "A, B, C, D", "ÉÉÉ -- x", "Paris, ", "New York, N.", "\u{0}Z", &"Paris, France. ".repeat(3000)] {
            let _ = places(text);
        }
    }
}

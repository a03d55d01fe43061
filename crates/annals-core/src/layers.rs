//! The annotation layers of a [`Document`](crate::Document).
//!
//! Field names are part of the JSON contract (`docs/contract.md`). Every span
//! is a pair of character offsets into the document text.

use serde::{Deserialize, Serialize};

use crate::plover::PloverType;

/// One token with its morphology and syntax.
///
/// Tokens are not part of the minimum contract but are serialized when present,
/// so downstream tools can reuse the parse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Token {
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    /// Universal POS tag (`NOUN`, `VERB`, `PROPN`, ...); empty until tagged.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub upos: String,
    /// Lemma; empty until lemmatized.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lemma: String,
    /// Index (into the document's tokens) of the syntactic head; `None` for a root or when unparsed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<usize>,
    /// Universal Dependencies relation to the head (`nsubj`, `obj`, ...); empty when unparsed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deprel: String,
    /// Index of the sentence this token belongs to.
    pub sentence: usize,
}

/// Entity types of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation: government body, company, armed group, party, ...
    Org,
    /// A place: country, city, region, geographic feature, facility.
    Location,
    /// Anything else named: nationalities and demonyms, events, laws, products.
    Misc,
}

impl EntityType {
    /// The contract's spelling (`PERSON`, `ORG`, `LOCATION`, `MISC`).
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Location => "LOCATION",
            EntityType::Misc => "MISC",
        }
    }
}

/// A named entity mention, with the actor it stands for where known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The words as they appear in the text.
    pub text: String,
    /// PERSON, ORG, LOCATION or MISC.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Canonical name: the same for every mention of one actor in the document ("Emmanuel Macron").
    pub name: String,
    /// ISO 3166-1 alpha-3 country the actor belongs to, where known.
    pub country: Option<String>,
    /// Actor sector (GOV, MIL, LEG, JUD, OPP, BUS, MED, NGO, IGO, ...), where known.
    pub sector: Option<String>,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// Granularity of a normalized time value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// `2022-01-02`
    Day,
    /// `2022-W05`
    Week,
    /// `2022-01`
    Month,
    /// `2022-Q1`, `2022-SU`
    Season,
    /// `2022`
    Year,
    /// `199X`, `20XX`
    Decade,
    /// `start/end`
    Range,
}

/// A time expression normalized to an ISO 8601 value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeExpr {
    /// The words as they appear in the text ("on November 28").
    pub text: String,
    /// ISO 8601 value: `2022`, `2022-01`, `2022-01-02`, or `start/end` for a range.
    pub value: String,
    /// How precise the value is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub granularity: Option<Granularity>,
    /// True when the anchor date was inferred from the text, not the publication date.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anchor_inferred: bool,
    /// Where within the value the expression points: `early`, `mid` or `late`
    /// ("late 2019" has value `2019` and modifier `late`), or `approx`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// A place mention resolved to a GeoNames entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The words as they appear in the text.
    pub text: String,
    /// Canonical place name ("Paris").
    pub name: String,
    /// ISO 3166-1 alpha-3 country.
    pub country: Option<String>,
    /// Latitude in degrees.
    pub lat: Option<f64>,
    /// Longitude in degrees.
    pub lon: Option<f64>,
    /// GeoNames id.
    pub geonames_id: Option<u64>,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// Who a quote or event is attributed to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Speaker {
    /// The words naming the speaker in the text ("she", "the Élysée").
    pub text: String,
    /// Canonical name of who it stands for.
    pub name: Option<String>,
    /// Character span of `text`, when it is in the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    /// End of the span of `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
}

/// A direct, partial or indirect quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted (or reported) content.
    pub text: String,
    /// Who said it.
    pub speaker: Option<Speaker>,
    /// The cue word ("said", "according to").
    pub cue: Option<String>,
    /// `direct`, `partial` or `indirect`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The channel where the text gives it ("statement", "Telegram", "interview").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// First character of the content.
    pub start: usize,
    /// One past the last character of the content.
    pub end: usize,
}

/// An actor taking part in an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Actor {
    /// The words in the text.
    pub text: String,
    /// Canonical name.
    pub name: Option<String>,
    /// ISO 3166-1 alpha-3 country.
    pub country: Option<String>,
    /// Sector code (GOV, MIL, ...).
    pub sector: Option<String>,
}

/// The words that express an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Trigger {
    /// The trigger words ("spoke", "talks").
    pub text: String,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// Where an event took place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EventPlace {
    /// Canonical place name.
    pub name: String,
    /// ISO 3166-1 alpha-3 country.
    pub country: Option<String>,
    /// Latitude, when the place is geocoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude, when the place is geocoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// Did the event happen?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Factuality {
    /// It happened or is happening.
    Actual,
    /// Scheduled, planned or intended.
    Future,
    /// Conditional or only possible.
    Hypothetical,
    /// Denied or said not to have happened.
    Negated,
    /// A general statement, no particular occurrence.
    Generic,
}

impl Factuality {
    /// The contract's spelling.
    pub fn as_str(&self) -> &'static str {
        match self {
            Factuality::Actual => "actual",
            Factuality::Future => "future",
            Factuality::Hypothetical => "hypothetical",
            Factuality::Negated => "negated",
            Factuality::Generic => "generic",
        }
    }
}

/// Someone who claims an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Claimant {
    /// Canonical name.
    pub name: String,
}

/// An event: who did what to whom, when and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// PLOVER event type, written as its upper-case name (`CONSULT`, `THREATEN`, ...).
    #[serde(rename = "type")]
    pub kind: PloverType,
    /// CAMEO code ("040", "0311").
    pub cameo: String,
    /// Who acts.
    pub source: Option<Actor>,
    /// Who is acted upon.
    pub target: Option<Actor>,
    /// The words that express the event.
    pub trigger: Trigger,
    /// ISO 8601 date of the event.
    pub date: Option<String>,
    /// Where it happened.
    pub place: Option<EventPlace>,
    /// Whether it happened.
    pub factuality: Factuality,
    /// Who claims it, when it is reported.
    pub claimed_by: Option<Claimant>,
    /// Index of the sentence in `sentences`.
    pub sentence: usize,
    /// The sentence's text.
    pub evidence: String,
    /// Calibrated probability that the event is right (sentence, type, source
    /// and target), as judged on the dev part of `eval/news-events`; in [0, 1].
    /// [`UNSCORED_CONFIDENCE`] (1.0) from coders that do not score, and for
    /// JSON written before the field existed.
    #[serde(default = "unscored_confidence", deserialize_with = "confidence_from_json")]
    pub confidence: f64,
}

/// The confidence of an event from a coder that does not score its events
/// (and of events read from JSON without a `confidence`).
pub const UNSCORED_CONFIDENCE: f64 = 1.0;

/// The confidence threshold that listings use when none is given: `annals
/// events` and `annals export` (`--min-confidence`), the API's
/// `min_confidence` and the page's filter (which reads it from `/api/stats`).
/// Events below it are hidden by default. It is the events verifier's
/// threshold, chosen on the dev part of `eval/news-events` for precision by
/// `annals train-verifier` (a test in annals-code keeps the two equal);
/// 0.0 shows every event.
pub const DEFAULT_MIN_CONFIDENCE: f64 = 0.10;

fn unscored_confidence() -> f64 {
    UNSCORED_CONFIDENCE
}

/// A `confidence` as read from JSON: clamped into [0, 1]; `null` (what JSON
/// makes of NaN) reads as 0.
fn confidence_from_json<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.map_or(0.0, clamp_confidence))
}

/// A confidence as stored and compared: clamped into [0, 1]; NaN counts as 0
/// (a coder that produced no number is not trusted).
pub fn clamp_confidence(c: f64) -> f64 {
    if c.is_nan() {
        0.0
    } else {
        c.clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> Event {
        Event {
            kind: PloverType::Consult,
            cameo: "040".into(),
            source: None,
            target: None,
            trigger: Trigger { text: "met".into(), start: 4, end: 7 },
            date: None,
            place: None,
            factuality: Factuality::Actual,
            claimed_by: None,
            sentence: 0,
            evidence: "They met.".into(),
            confidence: 0.25,
        }
    }

    #[test]
    fn confidence_is_the_last_field_of_an_event() {
        let json = serde_json::to_string(&event()).unwrap();
        assert!(json.starts_with(r#"{"type":"CONSULT","cameo":"040","#), "{json}");
        assert!(json.ends_with(r#""sentence":0,"evidence":"They met.","confidence":0.25}"#), "{json}");
        assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event());
    }

    #[test]
    fn confidence_defaults_to_unscored_in_older_json() {
        let mut v = serde_json::to_value(event()).unwrap();
        v.as_object_mut().unwrap().remove("confidence");
        let e: Event = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(e.confidence, UNSCORED_CONFIDENCE);
        assert_eq!(UNSCORED_CONFIDENCE, 1.0);
        // NaN is written as null and read back as 0; values outside [0, 1] are clamped
        v["confidence"] = serde_json::Value::Null;
        assert_eq!(serde_json::from_value::<Event>(v.clone()).unwrap().confidence, 0.0);
        v["confidence"] = serde_json::json!(3.5);
        assert_eq!(serde_json::from_value::<Event>(v.clone()).unwrap().confidence, 1.0);
        v["confidence"] = serde_json::json!("high");
        assert!(serde_json::from_value::<Event>(v).is_err());
    }

    #[test]
    fn confidences_are_clamped() {
        assert_eq!(clamp_confidence(f64::NAN), 0.0);
        assert_eq!(clamp_confidence(-0.5), 0.0);
        assert_eq!(clamp_confidence(1.5), 1.0);
        assert_eq!(clamp_confidence(0.75), 0.75);
        assert!((0.0..=1.0).contains(&DEFAULT_MIN_CONFIDENCE));
    }
}

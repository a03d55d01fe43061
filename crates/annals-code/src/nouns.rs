//! News nominalizations that name events ("talks", "the visit", "strikes").
//!
//! The CAMEO dictionary codes verbs; news reports as many events with nouns.
//! This hand-written lexicon gives each such noun its CAMEO code (the code of
//! the verb it nominalizes) and the prepositions that introduce its target.

/// An event noun.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NounTrigger {
    /// Lemma.
    pub lemma: &'static str,
    /// CAMEO code.
    pub code: &'static str,
    /// Prepositions whose object is the target ("strikes on", "talks with").
    pub target_preps: &'static [&'static str],
    /// "a meeting of the EU-Turkey Council": the `of` phrase names the parties.
    pub of_is_joint: bool,
}

const WITH: &[&str] = &["with", "to"];
const ON: &[&str] = &["on", "against", "in", "near", "at", "into", "of"];

/// The lexicon. Codes follow the CAMEO codebook (cameo.csv).
pub const NOUNS: &[NounTrigger] = &[
    NounTrigger { lemma: "talk", code: "040", target_preps: WITH, of_is_joint: false },
    NounTrigger { lemma: "talks", code: "040", target_preps: WITH, of_is_joint: false },
    NounTrigger { lemma: "meeting", code: "040", target_preps: WITH, of_is_joint: true },
    NounTrigger { lemma: "summit", code: "040", target_preps: WITH, of_is_joint: true },
    NounTrigger { lemma: "consultation", code: "040", target_preps: WITH, of_is_joint: false },
    NounTrigger { lemma: "phone call", code: "041", target_preps: WITH, of_is_joint: false },
    NounTrigger { lemma: "call", code: "041", target_preps: WITH, of_is_joint: false },
    NounTrigger { lemma: "visit", code: "042", target_preps: &["to", "with"], of_is_joint: false },
    NounTrigger { lemma: "trip", code: "042", target_preps: &["to"], of_is_joint: false },
    NounTrigger { lemma: "mediation", code: "045", target_preps: &["between", "with"], of_is_joint: false },
    NounTrigger { lemma: "negotiation", code: "046", target_preps: WITH, of_is_joint: false },
    NounTrigger { lemma: "ceasefire", code: "0871", target_preps: WITH, of_is_joint: false },
    NounTrigger { lemma: "truce", code: "0871", target_preps: WITH, of_is_joint: false },
    NounTrigger { lemma: "aid", code: "070", target_preps: &["to", "for"], of_is_joint: false },
    NounTrigger { lemma: "assistance", code: "070", target_preps: &["to", "for"], of_is_joint: false },
    NounTrigger { lemma: "investigation", code: "090", target_preps: &["into", "of"], of_is_joint: false },
    NounTrigger { lemma: "probe", code: "090", target_preps: &["into"], of_is_joint: false },
    NounTrigger { lemma: "demand", code: "100", target_preps: &["on", "to", "from"], of_is_joint: false },
    NounTrigger { lemma: "appeal", code: "020", target_preps: &["to"], of_is_joint: false },
    NounTrigger { lemma: "criticism", code: "111", target_preps: &["of"], of_is_joint: false },
    NounTrigger { lemma: "condemnation", code: "111", target_preps: &["of"], of_is_joint: false },
    NounTrigger { lemma: "accusation", code: "112", target_preps: &["against"], of_is_joint: false },
    NounTrigger { lemma: "threat", code: "130", target_preps: &["to", "against"], of_is_joint: false },
    NounTrigger { lemma: "ultimatum", code: "1313", target_preps: &["to"], of_is_joint: false },
    NounTrigger { lemma: "protest", code: "141", target_preps: &["against"], of_is_joint: false },
    NounTrigger { lemma: "demonstration", code: "141", target_preps: &["against"], of_is_joint: false },
    NounTrigger { lemma: "rally", code: "141", target_preps: &["against"], of_is_joint: false },
    NounTrigger { lemma: "buildup", code: "154", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "build-up", code: "154", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "mobilization", code: "154", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "deployment", code: "154", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "sanction", code: "163", target_preps: &["on", "against"], of_is_joint: false },
    NounTrigger { lemma: "sanctions", code: "163", target_preps: &["on", "against"], of_is_joint: false },
    NounTrigger { lemma: "embargo", code: "163", target_preps: &["on", "against"], of_is_joint: false },
    NounTrigger { lemma: "arrest", code: "173", target_preps: &["of"], of_is_joint: false },
    NounTrigger { lemma: "detention", code: "173", target_preps: &["of"], of_is_joint: false },
    NounTrigger { lemma: "expulsion", code: "174", target_preps: &["of"], of_is_joint: false },
    NounTrigger { lemma: "blockade", code: "191", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "invasion", code: "190", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "offensive", code: "190", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "attack", code: "190", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "assault", code: "190", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "raid", code: "190", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "incursion", code: "190", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "shelling", code: "194", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "strike", code: "195", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "airstrike", code: "195", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "air strike", code: "195", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "bombing", code: "195", target_preps: ON, of_is_joint: false },
    NounTrigger { lemma: "bombardment", code: "195", target_preps: ON, of_is_joint: false },
];

/// Verbs whose object noun is the event and whose subject its source
/// ("held talks", "launched strikes", "paid a visit", "imposed sanctions").
pub const LIGHT_VERBS: &[&str] = &[
    "hold", "have", "conduct", "launch", "carry", "stage", "make", "pay", "begin", "start", "resume", "continue", "open", "mount",
    "lead", "order", "impose", "host", "step", "intensify", "escalate", "issue", "deliver", "send", "provide", "level", "lodge",
    "file",
];

/// The noun trigger for a lemma (or its upper-case form).
pub fn lookup(lemma: &str, upper: &str) -> Option<&'static NounTrigger> {
    let l = lemma.to_lowercase();
    let l = if l.is_empty() { upper.to_lowercase() } else { l };
    NOUNS.iter().find(|n| n.lemma == l).or_else(|| {
        // plural forms when the lemma was not reduced
        let sing = l.strip_suffix('s').unwrap_or(&l);
        NOUNS.iter().find(|n| n.lemma == sing)
    })
}

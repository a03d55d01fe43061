//! The sixteen PLOVER event types.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

/// A PLOVER event type (PLOVER manual, "Event types"), serialized as its
/// upper-case name (`CONSULT`, `ASSAULT`, ...), as in the JSON contract.
/// Read from JSON in any case (`"consult"` too), like [`FromStr`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum PloverType {
    /// Agree to, or sign, an agreement; promise.
    Agree,
    /// Meet, visit, talk, negotiate, mediate.
    Consult,
    /// Praise, endorse, apologize, express sympathy.
    Support,
    /// Cooperate: diplomatic, economic, military, judicial, intelligence.
    Cooperate,
    /// Give aid: economic, military, humanitarian; asylum.
    Aid,
    /// Yield: ease sanctions, release, return, allow, comply.
    Concede,
    /// Withdraw, demobilize, de-escalate.
    Retreat,
    /// Ask for something: aid, cooperation, a change of policy.
    Request,
    /// Criticize, denounce, accuse, sue.
    Accuse,
    /// Refuse, veto, deny, defy.
    Reject,
    /// Threaten force, sanctions or other harm.
    Threaten,
    /// Demonstrate, strike, boycott, riot.
    Protest,
    /// Impose sanctions, embargoes, break off relations.
    Sanction,
    /// Mobilize or increase forces, alert, arm.
    Mobilize,
    /// Coerce: seize, arrest, expel, restrict, censor, cyber attack.
    Coerce,
    /// Use force: fight, attack, bomb, kill, invade.
    Assault,
}

/// Not one of the sixteen PLOVER types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPloverType(pub String);

impl fmt::Display for UnknownPloverType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a PLOVER event type (expected one of {})", self.0, PloverType::names().collect::<Vec<_>>().join(", "))
    }
}

impl std::error::Error for UnknownPloverType {}

impl PloverType {
    /// Every type, in the PLOVER manual's order (cooperation to conflict).
    pub const ALL: [PloverType; 16] = [
        PloverType::Agree,
        PloverType::Consult,
        PloverType::Support,
        PloverType::Cooperate,
        PloverType::Aid,
        PloverType::Concede,
        PloverType::Retreat,
        PloverType::Request,
        PloverType::Accuse,
        PloverType::Reject,
        PloverType::Threaten,
        PloverType::Protest,
        PloverType::Sanction,
        PloverType::Mobilize,
        PloverType::Coerce,
        PloverType::Assault,
    ];

    /// The contract's spelling (`CONSULT`).
    pub fn as_str(&self) -> &'static str {
        match self {
            PloverType::Agree => "AGREE",
            PloverType::Consult => "CONSULT",
            PloverType::Support => "SUPPORT",
            PloverType::Cooperate => "COOPERATE",
            PloverType::Aid => "AID",
            PloverType::Concede => "CONCEDE",
            PloverType::Retreat => "RETREAT",
            PloverType::Request => "REQUEST",
            PloverType::Accuse => "ACCUSE",
            PloverType::Reject => "REJECT",
            PloverType::Threaten => "THREATEN",
            PloverType::Protest => "PROTEST",
            PloverType::Sanction => "SANCTION",
            PloverType::Mobilize => "MOBILIZE",
            PloverType::Coerce => "COERCE",
            PloverType::Assault => "ASSAULT",
        }
    }

    /// The names of every type, in the order of [`ALL`](Self::ALL).
    pub fn names() -> impl Iterator<Item = &'static str> {
        PloverType::ALL.iter().map(PloverType::as_str)
    }
}

impl fmt::Display for PloverType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PloverType {
    type Err = UnknownPloverType;

    /// The name in any case, surrounding spaces ignored (`consult`, ` ASSAULT`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        PloverType::ALL.iter().copied().find(|p| p.as_str().eq_ignore_ascii_case(t)).ok_or_else(|| UnknownPloverType(s.to_string()))
    }
}

impl<'de> Deserialize<'de> for PloverType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl PartialEq<str> for PloverType {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for PloverType {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl AsRef<str> for PloverType {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_types_round_trip_through_text_and_json() {
        assert_eq!(PloverType::ALL.len(), 16);
        let names: Vec<&str> = PloverType::names().collect();
        assert_eq!(
            names,
            [
                "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
                "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"
            ]
        );
        for t in PloverType::ALL {
            assert_eq!(t.as_str().parse::<PloverType>(), Ok(t));
            assert_eq!(t.to_string(), t.as_str());
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{}\"", t.as_str()));
            assert_eq!(serde_json::from_str::<PloverType>(&format!("\"{t}\"")).unwrap(), t);
        }
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 16, "names are distinct");
    }

    #[test]
    fn parsing_ignores_case_and_names_what_is_wrong() {
        assert_eq!(" consult ".parse::<PloverType>(), Ok(PloverType::Consult));
        assert_eq!("Assault".parse::<PloverType>(), Ok(PloverType::Assault));
        let err = "BOMB".parse::<PloverType>().unwrap_err();
        assert!(err.to_string().contains("`BOMB`") && err.to_string().contains("ASSAULT"), "{err}");
        assert!("".parse::<PloverType>().is_err());
        // JSON is read as leniently as text, written in the contract's spelling
        assert_eq!(serde_json::from_str::<PloverType>("\"consult\"").unwrap(), PloverType::Consult);
        assert!(serde_json::from_str::<PloverType>("\"MEET\"").unwrap_err().to_string().contains("`MEET`"));
        assert!(PloverType::Consult == "CONSULT" && PloverType::Consult != "consult");
    }
}

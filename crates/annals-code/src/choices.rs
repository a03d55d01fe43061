//! The readings the verifier chooses among, for each trigger.
//!
//! The dictionaries propose a type and two actors for a trigger; on judged
//! news they are most often wrong in exactly those three (a figurative
//! "attacked" coded ASSAULT, a sanction coded COERCE by the crosswalk, the
//! source missed or the roles reversed). So each trigger gets a small set of
//! readings: its types (the dictionary's and those the trigger lexicon learned
//! from the judged train articles) crossed with its sources (the dictionary's,
//! the parse's subject or agent, none) and targets (the dictionary's, the
//! parse's object, none). The verifier scores every reading and the best one
//! per trigger is the event. Words the dictionaries do not know but the judged
//! articles use as triggers ("endorsed", "blasted", "backlash") are proposed
//! the same way.

use annals_core::{Actor, Document, EntityType};

use crate::actors::{ActorSource, Coded};
use crate::sent::Sentence;

/// The CAMEO code given to a reading whose type the dictionary did not propose:
/// the general code of that PLOVER type (CAMEO→PLOVER crosswalk, 2021).
pub fn default_cameo(kind: &str) -> &'static str {
    match kind {
        "AGREE" => "030",
        "CONSULT" => "040",
        "SUPPORT" => "051",
        "COOPERATE" => "060",
        "AID" => "070",
        "CONCEDE" => "080",
        "RETREAT" => "084",
        "REQUEST" => "100",
        "ACCUSE" => "111",
        "REJECT" => "120",
        "THREATEN" => "130",
        "PROTEST" => "140",
        "MOBILIZE" => "150",
        "SANCTION" => "160",
        "COERCE" => "170",
        _ => "190",
    }
}

/// The trigger lexicon's keys for token `t`: the lemma followed by the next
/// word ("call for", "put on"), then the lemma alone.
pub fn trigger_keys(sent: &Sentence, t: usize) -> [Option<String>; 2] {
    let lemma = sent.toks[t].lemma.to_lowercase();
    let bigram = sent
        .toks
        .get(t + 1)
        .filter(|n| n.form.chars().all(char::is_alphabetic))
        .map(|n| format!("{lemma} {}", n.form.to_lowercase()));
    [bigram, Some(lemma)]
}

/// Where the parse puts an event's source and target: token indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ParseRoles {
    /// The agent: subject, "by" phrase of a passive, possessor of an event noun.
    pub source: Option<usize>,
    /// The patient: object, "on/against/with/to" phrase, "of" phrase of an event noun.
    pub target: Option<usize>,
    /// The source came from a governing verb ("vowed to attack": who vowed).
    pub raised: bool,
}

const TARGET_CASES: &[&str] = &[
    "on", "against", "with", "to", "at", "of", "over", "for", "into", "toward", "towards", "from",
];

fn case_of(sent: &Sentence, n: usize) -> Option<&str> {
    sent.children[n]
        .iter()
        .map(|&c| &sent.toks[c])
        .find(|c| c.rel() == "case")
        .map(|c| c.lemma.as_str())
}

/// Source and target of the trigger `t` as the dependency parse reads them.
pub fn parse_roles(sent: &Sentence, t: usize, nominal: bool) -> ParseRoles {
    let mut r = ParseRoles::default();
    if !sent.parsed {
        return r;
    }
    let kids = &sent.children[t];
    if nominal {
        for &c in kids {
            let ct = &sent.toks[c];
            match ct.deprel.as_str() {
                "nmod:poss" if r.source.is_none() => r.source = Some(c),
                "amod"
                    if r.source.is_none()
                        && ct.form.chars().next().is_some_and(char::is_uppercase) =>
                {
                    r.source = Some(c)
                }
                "compound" if r.source.is_none() && ct.upos == "PROPN" => r.source = Some(c),
                _ if ct.rel() == "nmod" => match case_of(sent, c) {
                    Some("by") | Some("from") if r.source.is_none() => r.source = Some(c),
                    Some(x) if TARGET_CASES.contains(&x) && r.target.is_none() => {
                        r.target = Some(c)
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        // "launched an attack", "held talks": the governing verb's subject
        if r.source.is_none() {
            if let Some(h) = sent.toks[t]
                .head
                .filter(|_| matches!(sent.toks[t].rel(), "obj" | "nsubj"))
            {
                if sent.toks[t].rel() == "obj" {
                    r.source = sent.deps(h, "nsubj").next();
                    r.raised = r.source.is_some();
                }
            }
        }
        return r;
    }
    let passive = sent.deps_full(t, "nsubj:pass").next().is_some()
        || sent.deps_full(t, "aux:pass").next().is_some();
    if passive {
        r.target = sent.deps_full(t, "nsubj:pass").next();
        r.source = kids
            .iter()
            .copied()
            .find(|&c| sent.toks[c].rel() == "obl" && case_of(sent, c) == Some("by"));
    } else {
        r.source = sent.deps_full(t, "nsubj").next();
        r.target = sent
            .deps(t, "obj")
            .next()
            .or_else(|| sent.deps(t, "iobj").next());
    }
    if r.target.is_none() {
        r.target = kids.iter().copied().find(|&c| {
            sent.toks[c].rel() == "obl"
                && case_of(sent, c).is_some_and(|x| TARGET_CASES.contains(&x))
        });
    }
    // an infinitive or a conjunct takes the subject of its governor ("vowed to punish", "met and praised")
    if r.source.is_none() && !passive {
        let mut cur = t;
        for _ in 0..3 {
            let tok = &sent.toks[cur];
            let Some(h) = tok.head else { break };
            // "took to the steps to assail Sanders": a purpose clause too
            let purpose = tok.rel() == "advcl"
                && sent.children[cur]
                    .iter()
                    .any(|&c| sent.toks[c].rel() == "mark" && sent.toks[c].lemma == "to");
            if !matches!(tok.rel(), "xcomp" | "conj") && !purpose {
                break;
            }
            if let Some(s) = sent.deps_full(h, "nsubj").next() {
                r.source = Some(s);
                r.raised = true;
                break;
            }
            cur = h;
        }
    }
    r
}

/// The actor a token stands for: the dictionaries' reading of its phrase,
/// else the phrase's own words ("industry groups", "Twenty-seven states").
pub fn actor_at(
    doc: &Document,
    sent: &Sentence,
    actors: &dyn ActorSource,
    tok: usize,
) -> Option<Coded> {
    let t = &sent.toks[tok];
    // "Ryan, who used the same words": a relative pronoun stands for the noun its clause modifies
    if matches!(t.lemma.as_str(), "who" | "which" | "that") && sent.parsed {
        if let Some(noun) = t
            .head
            .filter(|&h| sent.toks[h].rel() == "acl")
            .and_then(|h| sent.toks[h].head)
        {
            if noun != tok {
                return actor_at(doc, sent, actors, noun);
            }
        }
    }
    // a pronoun the dictionaries' resolver leaves unnamed stays unresolved: it
    // knows which antecedents are compatible ("her" is not the man named before)
    if let Some(c) = crate::coder::np_actors_for(sent, actors, tok)
        .into_iter()
        .next()
    {
        return Some(c);
    }
    if !(t.is_nominal() || t.upos == "ADJ" || t.upos == "NUM") || t.upos == "PRON" {
        return None;
    }
    let mut lo = tok;
    let mut hi = tok;
    for &c in &sent.children[tok] {
        if matches!(sent.toks[c].rel(), "compound" | "flat" | "amod" | "nummod")
            && c.abs_diff(tok) <= 3
        {
            lo = lo.min(c);
            hi = hi.max(c);
        }
    }
    let text = sent.toks[lo..=hi]
        .iter()
        .map(|t| t.form.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Some(Coded {
        code: String::new(),
        actor: Actor {
            text,
            name: None,
            country: None,
            sector: None,
        },
        tok,
    })
}

/// The people and organisations of the sentence nearest the trigger on each
/// side, as further readings of the source and the target (places are where
/// things happen, not who acts).
pub fn entities_around(doc: &Document, sent: &Sentence, t: usize) -> [Option<Coded>; 2] {
    let at = sent.toks[t].start;
    let inside = |e: &&annals_core::Entity| {
        e.start >= sent.span.start
            && e.end <= sent.span.end
            && matches!(e.kind, EntityType::Person | EntityType::Org)
    };
    let coded = |e: &annals_core::Entity| {
        let tok = sent
            .toks
            .iter()
            .position(|k| k.start <= e.start && e.start < k.end)
            .unwrap_or(t);
        Coded {
            code: String::new(),
            actor: Actor {
                text: e.text.clone(),
                name: Some(e.name.clone()),
                country: e.country.clone(),
                sector: e.sector.clone(),
            },
            tok,
        }
    };
    let before = doc
        .entities
        .iter()
        .filter(inside)
        .filter(|e| e.end <= at)
        .max_by_key(|e| e.end)
        .map(coded);
    let after = doc
        .entities
        .iter()
        .filter(inside)
        .filter(|e| e.start >= sent.toks[t].end)
        .min_by_key(|e| e.start)
        .map(coded);
    [before, after]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::sentence as parsed;

    #[test]
    fn passive_agent_is_the_source_and_the_subject_the_target() {
        let s = parsed("Smith/Smith/PROPN/4/nsubj:pass was/be/AUX/4/aux:pass sharply/sharply/ADV/4/advmod criticized/criticize/VERB/0/root by/by/ADP/6/case Lee/Lee/PROPN/4/obl");
        let r = parse_roles(&s, 3, false);
        assert_eq!((r.source, r.target), (Some(5), Some(0)));
    }

    #[test]
    fn an_infinitive_takes_the_subject_of_its_governor() {
        let s = parsed("Obama/Obama/PROPN/2/nsubj vowed/vow/VERB/0/root to/to/PART/4/mark punish/punish/VERB/2/xcomp Pyongyang/Pyongyang/PROPN/4/obj");
        let r = parse_roles(&s, 3, false);
        assert_eq!((r.source, r.target, r.raised), (Some(0), Some(4), true));
    }

    #[test]
    fn an_event_noun_takes_its_possessor_and_its_on_phrase() {
        let s = parsed("Russia/Russia/PROPN/3/nmod:poss 's/'s/PART/1/case attack/attack/NOUN/0/root on/on/ADP/5/case Ukraine/Ukraine/PROPN/3/nmod");
        let r = parse_roles(&s, 2, true);
        assert_eq!((r.source, r.target), (Some(0), Some(4)));
        assert_eq!(default_cameo("ACCUSE"), "111");
    }
}

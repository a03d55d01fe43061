//! Did the event happen? Factuality from the clauses that govern the trigger,
//! and who claims it.
//!
//! The trigger's own auxiliaries and modifiers are read first ("did not
//! attack", "will visit", "could strike", "a possible offensive"), then the
//! verbs and nouns that embed it, bottom up: "threatened to strike" makes the
//! strike hypothetical (the threat itself is an actual THREATEN event), "plans
//! to visit" makes the visit future, "denied attacking" negates the attack. A
//! conditional clause ("if China blockades the island") anywhere on the way
//! up, or attached to the trigger's clause, makes the event hypothetical.
//! Reporting verbs ("said", "claimed") stop the climb and name the claimant.
//! Without a parse, the same cues are read from the words before the trigger.

use annals_core::Factuality;

use crate::sent::Sentence;

/// Verbs and nouns that present what they embed as only possible.
const HYPOTHETICAL_GOVERNORS: &[&str] = &[
    "threaten", "threat", "warn", "warning", "fear", "risk", "consider", "weigh", "mull", "contemplate", "demand", "urge", "call",
    "ask", "request", "press", "push", "appeal", "want", "wish", "hope", "try", "attempt", "seek", "suspect", "assess", "assessment",
    "estimate", "predict", "possibility", "prospect", "danger", "likely", "possible", "able", "ready", "prepared", "willing",
    "could", "may", "might", "would", "can", "should", "must", "need", "encourage", "invite", "advise", "recommend", "propose",
    "suggest", "envisage", "envision", "rumor", "rumour", "speculation", "scenario", "ultimatum", "condition", "capable", "plot",
    "bid", "effort", "drive", "quest", "ambition", "aspiration",
];

/// Verbs and nouns that present what they embed as scheduled, planned or intended.
const FUTURE_GOVERNORS: &[&str] = &[
    "plan", "intend", "prepare", "schedule", "set", "expect", "agree", "decide", "pledge", "promise", "vow", "aim", "offer", "due",
    "go", "arrange", "resolve", "commit", "announce", "intention", "plans", "preparation", "expected", "scheduled", "about",
    "upcoming", "poised", "slate", "slated",
];

/// Verbs that deny or cancel what they embed.
const NEGATING_GOVERNORS: &[&str] = &[
    "deny", "refuse", "reject", "fail", "decline", "dismiss", "avoid", "cancel", "halt", "abandon", "scrap", "rule", "denial",
    "refusal", "stop", "prevent", "forgo", "call off", "deny",
];

/// Verbs that report: their complement is a claim of their subject.
pub const REPORTING_VERBS: &[&str] = &[
    "say", "tell", "claim", "report", "announce", "state", "allege", "confirm", "insist", "add", "note", "declare", "write",
    "accuse", "charge", "assert", "maintain", "contend", "argue", "reveal", "disclose", "acknowledge", "admit", "indicate",
];

/// Adjectives on an event noun.
const HYPOTHETICAL_ADJ: &[&str] = &["possible", "potential", "likely", "imminent", "feared", "threatened", "hypothetical", "looming", "prospective", "eventual", "any"];
const FUTURE_ADJ: &[&str] = &["planned", "upcoming", "proposed", "scheduled", "next", "future", "expected", "forthcoming", "coming", "intended", "anticipated"];
const GENERIC_ADV: &[&str] = &["usually", "often", "regularly", "routinely", "typically", "generally", "frequently", "rarely", "seldom", "traditionally", "habitually", "normally", "always"];
const NEGATORS: &[&str] = &["not", "n't", "never", "no"];

/// The outcome for one trigger.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Factuality.
    pub factuality: Factuality,
    /// Token of the reporting verb whose subject claims the event, if any.
    pub reported_by: Option<usize>,
    /// The cue word that decided, for explanations.
    pub cue: Option<String>,
}

fn is_conditional_mark(l: &str) -> bool {
    matches!(l, "if" | "unless" | "lest" | "whether" | "should")
}

/// What the own dependents of a clause head say.
fn own_cues(s: &Sentence, x: &usize, reported_above: bool, nominal: bool) -> Option<(Factuality, String)> {
    let x = *x;
    let kids = &s.children[x];
    let lemma = |i: usize| s.toks[i].lemma.as_str();
    // negation first: "will not attack" is negated, not future
    for &c in kids {
        let r = s.toks[c].rel();
        if (matches!(r, "advmod" | "neg" | "aux" | "part") || (nominal && r == "det")) && NEGATORS.contains(&lemma(c)) {
            return Some((Factuality::Negated, s.toks[c].form.clone()));
        }
    }
    // "No troops were deployed": a subject with "no" negates its verb
    for &c in kids {
        if s.toks[c].rel() == "nsubj" && s.deps(c, "det").any(|d| lemma(d) == "no") && !nominal {
            return Some((Factuality::Negated, "no".into()));
        }
    }
    for &c in kids {
        let r = s.toks[c].rel();
        if r == "mark" && is_conditional_mark(lemma(c)) && s.toks[x].rel() == "advcl" {
            return Some((Factuality::Hypothetical, s.toks[c].form.clone()));
        }
        if r == "advcl" && s.deps(c, "mark").any(|m| matches!(lemma(m), "if" | "unless")) {
            return Some((Factuality::Hypothetical, "if".into()));
        }
    }
    for &c in kids {
        let r = s.toks[c].rel();
        let l = lemma(c);
        if r == "aux" {
            match l {
                "will" | "shall" | "'ll" | "wo" => return Some((Factuality::Future, s.toks[c].form.clone())),
                "would" if reported_above => return Some((Factuality::Future, s.toks[c].form.clone())),
                "would" | "could" | "may" | "might" | "can" | "should" | "must" | "ca" => {
                    return Some((Factuality::Hypothetical, s.toks[c].form.clone()))
                }
                "about" => return Some((Factuality::Future, "about to".into())),
                _ => {}
            }
        }
        if nominal && r == "amod" {
            if HYPOTHETICAL_ADJ.contains(&l) {
                return Some((Factuality::Hypothetical, s.toks[c].form.clone()));
            }
            if FUTURE_ADJ.contains(&l) {
                return Some((Factuality::Future, s.toks[c].form.clone()));
            }
        }
        if r == "advmod" && GENERIC_ADV.contains(&l) {
            return Some((Factuality::Generic, s.toks[c].form.clone()));
        }
    }
    // "meet in Brussels every February": a habit, wherever the parser hung the time
    if !nominal {
        let every = s.subtree_where(x, &|c| matches!(s.toks[c].rel(), "ccomp" | "xcomp" | "advcl" | "parataxis" | "conj" | "acl")).into_iter().any(|i| {
            lemma(i) == "every" && s.toks[i].head.is_some_and(|h| TIME_UNITS.contains(&s.toks[h].lemma.to_lowercase().as_str()))
        });
        if every {
            return Some((Factuality::Generic, "every".into()));
        }
    }
    None
}

/// The lemma of a word, and the lemmas its form could have: a governor is
/// recognised even when the lemmatizer slips ("denies" → "denie").
fn lemmas_of(t: &crate::sent::Tok) -> Vec<String> {
    let mut out = vec![t.lemma.clone()];
    for l in lexical_lemmas(&t.form.to_lowercase()) {
        if !out.contains(&l) {
            out.push(l);
        }
    }
    out
}

fn any_in(lemmas: &[String], list: &[&str]) -> bool {
    lemmas.iter().any(|l| list.contains(&l.as_str()))
}

/// Assesses the factuality of the event triggered at token `trig`.
pub fn assess(s: &Sentence, trig: usize, nominal: bool) -> Assessment {
    if !s.parsed {
        return assess_lexical(s, trig, nominal);
    }
    let path_to_root: Vec<usize> = std::iter::once(trig).chain(s.ancestors(trig)).collect();
    // a reporting verb above the trigger, reached through clause embedding
    let mut reported_by = None;
    let mut result: Option<(Factuality, String)> = None;
    let mut conditional = false;
    let mut x = trig;
    let mut x_nominal = nominal;
    let mut skip_negation = false;
    let mut from_nominal_subject = false;
    for step in 0..path_to_root.len() {
        // "a blockade would cripple its economy": an event noun under "would" is only supposed, reported or not
        let reported_above = !from_nominal_subject && path_to_root[step + 1..].iter().any(|&a| any_in(&lemmas_of(&s.toks[a]), REPORTING_VERBS));
        if let Some(cue) = own_cues(s, &x, reported_above, x_nominal).filter(|c| !(skip_negation && c.0 == Factuality::Negated)) {
            if cue.0 == Factuality::Hypothetical && cue.1.eq_ignore_ascii_case("if") {
                conditional = true;
            }
            if result.is_none() {
                result = Some(cue);
            }
        }
        let Some(p) = s.toks[x].head else { break };
        let rel = s.toks[x].rel();
        // "Iran could retaliate, a senior official warned": a conjunct with its own subject is
        // its own clause and does not take the first one's modality
        if rel == "conj" && !x_nominal && s.deps(x, "nsubj").next().is_some() {
            break;
        }
        // "cancelled after the attack": a time or cause adjunct is not what its verb governs
        if x_nominal && matches!(rel, "obl" | "nmod") && s.deps(x, "case").any(|c| ADJUNCT_CASES.contains(&s.toks[c].lemma.as_str())) {
            break;
        }
        let embeds = matches!(rel, "xcomp" | "ccomp" | "csubj" | "acl" | "conj")
            || (x_nominal && matches!(rel, "obj" | "nsubj" | "obl" | "nmod" | "appos"))
            || (rel == "advcl" && s.deps(x, "mark").any(|m| matches!(s.toks[m].lemma.as_str(), "if" | "unless" | "to")));
        if !embeds {
            break;
        }
        let pls = lemmas_of(&s.toks[p]);
        let pl = s.toks[p].lemma.as_str();
        if any_in(&pls, REPORTING_VERBS) && rel != "conj" && p != trig {
            reported_by = Some(p);
            // "Ukraine did not confirm the strike": a claim not made leaves the event only possible
            if result.is_none() && s.children[p].iter().any(|&c| matches!(s.toks[c].rel(), "advmod" | "neg" | "aux" | "part") && NEGATORS.contains(&s.toks[c].lemma.as_str())) {
                result = Some((Factuality::Hypothetical, s.toks[p].form.clone()));
            }
            break;
        }
        if result.is_none() && rel != "conj" {
            // "has no intention of withdrawing", "is not planning to invade": a negated plan or wish
            let negated_governor = s.children[p].iter().any(|&c| matches!(s.toks[c].rel(), "det" | "advmod" | "neg" | "aux") && NEGATORS.contains(&s.toks[c].lemma.as_str()));
            // the governing word decides
            if any_in(&pls, NEGATING_GOVERNORS) {
                result = Some((Factuality::Negated, s.toks[p].form.clone()));
            } else if any_in(&pls, HYPOTHETICAL_GOVERNORS) {
                result = Some((if negated_governor { Factuality::Negated } else { Factuality::Hypothetical }, s.toks[p].form.clone()));
            } else if any_in(&pls, FUTURE_GOVERNORS) {
                result = Some((if negated_governor { Factuality::Negated } else { Factuality::Future }, s.toks[p].form.clone()));
            }
        }
        // ... but "talks would take place / resume" says when the talks are, not whether
        from_nominal_subject = x_nominal && rel == "nsubj" && !any_in(&pls, OCCURRENCE_VERBS);
        // "did not attend the summit": the summit still took place; only verbs that make the
        // event ("hold talks", "launch strikes") pass their negation down to it
        skip_negation = x_nominal && rel == "obj" && !crate::nouns::LIGHT_VERBS.contains(&pl);
        x = p;
        x_nominal = s.toks[p].is_nominal();
    }
    // "North Korea fired missiles, South Korea's military said": a reporting clause hung
    // under the event's clause as parataxis claims it too
    if reported_by.is_none() {
        reported_by = path_to_root
            .iter()
            .flat_map(|&a| s.children[a].iter().copied())
            .find(|&c| c != trig && s.toks[c].rel() == "parataxis" && any_in(&lemmas_of(&s.toks[c]), REPORTING_VERBS) && s.children[c].iter().any(|&k| k < c && s.toks[k].is_nominal()));
    }
    let (mut factuality, cue) = match result {
        Some((f, c)) => (f, Some(c)),
        None => (Factuality::Actual, None),
    };
    if conditional && factuality == Factuality::Future {
        factuality = Factuality::Hypothetical;
    }
    Assessment { factuality, reported_by, cue }
}

/// Verbs that say an event noun takes place ("the talks would resume").
const OCCURRENCE_VERBS: &[&str] = &["take", "begin", "start", "resume", "open", "continue", "happen", "occur", "hold", "go", "end", "conclude", "proceed", "last", "run", "be"];

/// Prepositions of time and cause: an event noun they attach is an adjunct, not governed.
const ADJUNCT_CASES: &[&str] = &["after", "before", "following", "amid", "during", "since", "despite", "because", "until"];

/// Words naming a time unit, for "every February", "every year".
const TIME_UNITS: &[&str] = &[
    "day", "week", "month", "year", "spring", "summer", "autumn", "fall", "winter", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "morning", "evening", "night", "time", "season", "session",
];

/// Candidate lemmas of an inflected word (no lemmatizer without the language core).
fn lexical_lemmas(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    for (suf, rep) in [("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e")] {
        if let Some(st) = w.strip_suffix(suf) {
            if st.len() >= 2 {
                out.push(format!("{st}{rep}"));
                // stopped → stop
                if (suf == "ed" || suf == "ing") && rep.is_empty() && st.len() >= 3 && st.as_bytes()[st.len() - 1] == st.as_bytes()[st.len() - 2] {
                    out.push(st[..st.len() - 1].to_string());
                }
            }
        }
    }
    out
}

/// Lexical fallback: cues among the words before the trigger in its clause.
fn assess_lexical(s: &Sentence, trig: usize, nominal: bool) -> Assessment {
    let lower = |i: usize| s.toks[i].form.to_lowercase();
    // clause start: the last strong break before the trigger
    let clause_start = (0..trig).rev().find(|&i| matches!(s.toks[i].form.as_str(), ";" | ":")).map(|i| i + 1).unwrap_or(0);
    let mut reported_by = None;
    for i in 0..s.toks.len() {
        if i != trig && REPORTING_VERBS.iter().any(|r| crate::dict::inflections(&r.to_uppercase()).contains(&s.toks[i].upper) || (*r == "say" && s.toks[i].upper == "SAID") || (*r == "tell" && s.toks[i].upper == "TOLD")) {
            reported_by = Some(i);
            break;
        }
    }
    let mk = |f: Factuality, c: String| Assessment { factuality: f, reported_by, cue: Some(c) };
    if (0..s.toks.len()).any(|i| matches!(lower(i).as_str(), "if" | "unless")) {
        return mk(Factuality::Hypothetical, "if".into());
    }
    for i in (clause_start..trig).rev().take(4) {
        if NEGATORS.contains(&lower(i).as_str()) {
            return mk(Factuality::Negated, s.toks[i].form.clone());
        }
    }
    if nominal {
        // after an event noun: "talks are set for", "a blockade would cripple", "the summit was cancelled"
        let clause_end = (trig + 1..s.toks.len()).find(|&i| matches!(s.toks[i].form.as_str(), "," | ";" | ":")).unwrap_or(s.toks.len());
        for i in (trig + 1..clause_end).take(5) {
            let w = lower(i);
            match w.as_str() {
                "would" | "could" | "may" | "might" => return mk(Factuality::Hypothetical, w),
                "will" | "shall" => return mk(Factuality::Future, w),
                _ => {}
            }
            for g in lexical_lemmas(&w) {
                if NEGATING_GOVERNORS.contains(&g.as_str()) {
                    return mk(Factuality::Negated, w.clone());
                }
                if FUTURE_GOVERNORS.contains(&g.as_str()) && g != "go" && g != "about" {
                    return mk(Factuality::Future, w.clone());
                }
            }
        }
    }
    // "every February": a habit
    if (clause_start..s.toks.len()).any(|i| lower(i) == "every" && s.toks.get(i + 1).is_some_and(|n| TIME_UNITS.contains(&n.form.to_lowercase().as_str()))) {
        return mk(Factuality::Generic, "every".into());
    }
    for i in (clause_start..trig).rev().take(8) {
        let w = lower(i);
        match w.as_str() {
            "will" | "shall" | "'ll" => return mk(Factuality::Future, w),
            "would" if reported_by.is_some_and(|r| r < trig) => return mk(Factuality::Future, w),
            "would" | "could" | "may" | "might" | "can" | "should" | "must" => return mk(Factuality::Hypothetical, w),
            _ => {}
        }
        if nominal && HYPOTHETICAL_ADJ.contains(&w.as_str()) {
            return mk(Factuality::Hypothetical, w);
        }
        if nominal && FUTURE_ADJ.contains(&w.as_str()) {
            return mk(Factuality::Future, w);
        }
        for g in lexical_lemmas(&w) {
            if NEGATING_GOVERNORS.contains(&g.as_str()) {
                return mk(Factuality::Negated, w.clone());
            }
            if HYPOTHETICAL_GOVERNORS.contains(&g.as_str()) {
                return mk(Factuality::Hypothetical, w.clone());
            }
            if FUTURE_GOVERNORS.contains(&g.as_str()) && g.as_str() != "go" {
                return mk(Factuality::Future, w.clone());
            }
        }
        if GENERIC_ADV.contains(&w.as_str()) {
            return mk(Factuality::Generic, w);
        }
    }
    Assessment { factuality: Factuality::Actual, reported_by, cue: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::sentence;

    /// Factuality of the word `w` in a parsed sentence (parses as the language core gave them).
    fn fact(parse: &str, w: &str) -> Factuality {
        let s = sentence(parse);
        let i = s.toks.iter().position(|t| t.form == w).expect("trigger");
        assess(&s, i, s.toks[i].is_nominal()).factuality
    }

    #[test]
    fn a_governor_is_known_through_a_lemmatizer_slip() {
        let p = "Moscow/Moscow/PROPN/2/nsubj denies/denie/VERB/0/root targeting/target/VERB/2/xcomp civilians/civilian/NOUN/3/obj ././PUNCT/2/punct";
        assert_eq!(fact(p, "targeting"), Factuality::Negated);
    }

    #[test]
    fn a_reporting_clause_run_on_as_a_conjunct_keeps_its_own_factuality() {
        let p = "Iran/Iran/PROPN/3/nsubj could/could/AUX/3/aux retaliate/retaliate/VERB/0/root against/against/ADP/6/case US/US/PROPN/6/compound bases/basis/NOUN/3/obl \
                 ,/,/PUNCT/10/punct a/a/DET/10/det senior/senior/ADJ/10/amod official/official/NOUN/11/nsubj warned/warn/VERB/3/conj ././PUNCT/3/punct";
        assert_eq!(fact(p, "warned"), Factuality::Actual);
        assert_eq!(fact(p, "retaliate"), Factuality::Hypothetical);
        // a conjunct sharing the subject shares the modality
        let p = "China/China/PROPN/3/nsubj could/could/AUX/3/aux blockade/blockade/VERB/0/root Taiwan/Taiwan/PROPN/3/obj and/and/CCONJ/6/cc strike/strike/VERB/3/conj ports/port/NOUN/6/obj";
        assert_eq!(fact(p, "strike"), Factuality::Hypothetical);
    }

    #[test]
    fn every_february_is_a_habit_wherever_it_hangs() {
        let p = "NATO/NATO/PROPN/3/compound defence/defence/NOUN/3/compound ministers/minister/NOUN/4/nsubj meet/meet/VERB/0/root in/in/ADP/6/case Brussels/Brussels/PROPN/4/obl \
                 every/every/DET/8/det February/February/PROPN/6/appos ././PUNCT/4/punct";
        assert_eq!(fact(p, "meet"), Factuality::Generic);
    }

    #[test]
    fn no_subject_negates() {
        let p = "No/no/DET/2/det troops/troops/NOUN/4/nsubj:pass were/be/AUX/4/aux:pass deployed/deploy/VERB/0/root to/to/ADP/7/case the/the/DET/7/det border/border/NOUN/4/obl \
                 ,/,/PUNCT/11/punct the/the/DET/10/det ministry/ministry/PROPN/11/nsubj said/say/VERB/4/parataxis ././PUNCT/11/punct";
        assert_eq!(fact(p, "deployed"), Factuality::Negated);
    }

    #[test]
    fn an_event_noun_under_would_is_supposed_unless_the_verb_says_when() {
        let p = "Analysts/analyst/NOUN/2/nsubj say/say/VERB/0/root a/a/DET/4/det blockade/blockade/NOUN/9/nsubj of/of/ADP/7/case the/the/DET/7/det island/island/NOUN/4/nmod \
                 would/would/AUX/9/aux cripple/cripple/VERB/2/ccomp its/its/PRON/11/nmod:poss economy/economy/NOUN/9/obj ././PUNCT/2/punct";
        assert_eq!(fact(p, "blockade"), Factuality::Hypothetical);
        let p = "Officials/official/NOUN/2/nsubj said/say/VERB/0/root the/the/DET/4/det talks/talk/NOUN/6/nsubj would/would/AUX/6/aux resume/resume/VERB/2/ccomp \
                 next/next/ADJ/8/amod week/week/NOUN/6/obl:tmod ././PUNCT/2/punct";
        assert_eq!(fact(p, "talks"), Factuality::Future);
    }

    #[test]
    fn a_negated_plan_negates_what_it_plans() {
        let p = "Moscow/Moscow/PROPN/2/nsubj has/have/VERB/0/root no/no/DET/4/det intention/intention/NOUN/2/obj of/of/SCONJ/6/mark withdrawing/withdraw/VERB/4/acl \
                 its/its/PRON/8/nmod:poss troops/troops/NOUN/6/obj";
        assert_eq!(fact(p, "withdrawing"), Factuality::Negated);
        let p = "Russia/Russia/PROPN/4/nsubj is/be/AUX/4/aux not/not/PART/4/advmod planning/plan/VERB/0/root to/to/PART/6/mark invade/invade/VERB/4/xcomp Ukraine/Ukraine/PROPN/6/obj";
        assert_eq!(fact(p, "invade"), Factuality::Negated);
        let p = "Russia/Russia/PROPN/3/nsubj is/be/AUX/3/aux planning/plan/VERB/0/root to/to/PART/5/mark invade/invade/VERB/3/xcomp Ukraine/Ukraine/PROPN/5/obj";
        assert_eq!(fact(p, "invade"), Factuality::Future);
    }

    #[test]
    fn a_reporting_clause_hung_as_parataxis_claims_the_event() {
        // "North Korea fired missiles on Thursday, South Korea's military said." as parsed (no nsubj on "said")
        let p = "North/North/PROPN/2/compound Korea/Korea/PROPN/3/nsubj fired/fire/VERB/0/root missiles/missile/NOUN/3/obj on/on/ADP/6/case Thursday/Thursday/PROPN/3/obl \
                 ,/,/PUNCT/6/punct South/South/PROPN/9/compound Korea/Korea/PROPN/12/nmod:poss 's/'s/PART/9/case military/military/ADJ/12/amod said/say/VERB/3/parataxis ././PUNCT/12/punct";
        let s = sentence(p);
        let a = assess(&s, 2, false);
        assert_eq!(a.factuality, Factuality::Actual);
        assert_eq!(a.reported_by, Some(11));
    }

    #[test]
    fn an_unconfirmed_report_and_a_bid_are_only_possible() {
        let p = "Ukraine/Ukraine/PROPN/4/nsubj did/do/AUX/4/aux not/not/PART/4/advmod confirm/confirm/VERB/0/root the/the/DET/6/det strike/strike/NOUN/4/obj \
                 on/on/ADP/9/case the/the/DET/9/det bridge/bridge/NOUN/6/nmod";
        assert_eq!(fact(p, "strike"), Factuality::Hypothetical);
        let p = "Turkey/Turkey/PROPN/3/nsubj has/have/AUX/3/aux blocked/block/VERB/0/root Sweden/Sweden/PROPN/6/nmod:poss 's/'s/PART/4/case bid/bid/NOUN/3/obj \
                 to/to/PART/8/mark join/join/VERB/6/acl NATO/NATO/PROPN/8/obj";
        assert_eq!(fact(p, "join"), Factuality::Hypothetical);
        assert_eq!(fact(p, "blocked"), Factuality::Actual);
    }

    #[test]
    fn a_time_adjunct_is_not_governed() {
        let p = "The/the/DET/2/det summit/summit/NOUN/4/nsubj:pass was/be/AUX/4/aux:pass cancelled/cancel/VERB/0/root after/after/ADP/7/case the/the/DET/7/det attack/attack/NOUN/4/obl ././PUNCT/4/punct";
        assert_eq!(fact(p, "attack"), Factuality::Actual);
        assert_eq!(fact(p, "summit"), Factuality::Negated);
    }
}

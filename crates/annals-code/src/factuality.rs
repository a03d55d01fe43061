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
    None
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
    for step in 0..path_to_root.len() {
        let reported_above = path_to_root[step + 1..].iter().any(|&a| REPORTING_VERBS.contains(&s.toks[a].lemma.as_str()));
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
        let embeds = matches!(rel, "xcomp" | "ccomp" | "csubj" | "acl" | "conj")
            || (x_nominal && matches!(rel, "obj" | "nsubj" | "obl" | "nmod" | "appos"))
            || (rel == "advcl" && s.deps(x, "mark").any(|m| matches!(s.toks[m].lemma.as_str(), "if" | "unless" | "to")));
        if !embeds {
            break;
        }
        let pl = s.toks[p].lemma.as_str();
        if REPORTING_VERBS.contains(&pl) && rel != "conj" && p != trig {
            reported_by = Some(p);
            break;
        }
        if result.is_none() && rel != "conj" {
            // the governing word decides
            if NEGATING_GOVERNORS.contains(&pl) {
                result = Some((Factuality::Negated, s.toks[p].form.clone()));
            } else if HYPOTHETICAL_GOVERNORS.contains(&pl) {
                result = Some((Factuality::Hypothetical, s.toks[p].form.clone()));
            } else if FUTURE_GOVERNORS.contains(&pl) {
                result = Some((Factuality::Future, s.toks[p].form.clone()));
            }
        }
        // "did not attend the summit": the summit still took place; only verbs that make the
        // event ("hold talks", "launch strikes") pass their negation down to it
        skip_negation = x_nominal && rel == "obj" && !crate::nouns::LIGHT_VERBS.contains(&pl);
        x = p;
        x_nominal = s.toks[p].is_nominal();
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

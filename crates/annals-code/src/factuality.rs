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
const HYPOTHETICAL_ADJ: &[&str] = &["possible", "potential", "likely", "imminent", "feared", "threatened", "hypothetical", "looming", "prospective", "eventual", "any", "proposed"];
const FUTURE_ADJ: &[&str] = &["planned", "upcoming", "scheduled", "next", "future", "expected", "forthcoming", "coming", "intended", "anticipated"];
const GENERIC_ADV: &[&str] = &[
    "usually", "often", "regularly", "routinely", "typically", "generally", "frequently", "rarely", "seldom", "traditionally", "habitually",
    "normally", "always", "sometimes", "occasionally", "daily", "weekly", "monthly", "annually", "yearly", "nightly",
];
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

fn is_conditional_mark(s: &Sentence, m: usize) -> bool {
    match s.toks[m].lemma.as_str() {
        "if" | "unless" | "lest" | "whether" | "should" => true,
        // "in case fighting resumes"
        "in" => s.deps(m, "fixed").any(|f| s.toks[f].lemma == "case"),
        _ => false,
    }
}

/// A conditional clause on `x` ("... if the rocket fire continued"), wherever the
/// parser hung it (adverbial clause or, by mistake, a clause on a noun). Not "in
/// case" or "lest": "troops will stay in case fighting resumes" stay all the same.
fn has_if_clause(s: &Sentence, x: usize) -> bool {
    s.children[x].iter().any(|&c| matches!(s.toks[c].rel(), "advcl" | "acl") && s.deps(c, "mark").any(|m| matches!(s.toks[m].lemma.as_str(), "if" | "unless")))
}

/// A verb that embeds what it threatens, plans or reports: a condition on it
/// ("threatened sanctions if Minsk ...", "said it would strike if ...") belongs
/// to what it embeds, not to the threat or the statement.
fn embeds_its_condition(s: &Sentence, x: usize) -> bool {
    let ls = lemmas_of(&s.toks[x]);
    (any_in(&ls, REPORTING_VERBS) || any_in(&ls, HYPOTHETICAL_GOVERNORS) || any_in(&ls, FUTURE_GOVERNORS))
        && s.children[x].iter().any(|&c| matches!(s.toks[c].rel(), "xcomp" | "ccomp" | "obj"))
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
        if r == "mark" && is_conditional_mark(s, c) && s.toks[x].rel() == "advcl" {
            return Some((Factuality::Hypothetical, s.toks[c].form.clone()));
        }
    }
    if has_if_clause(s, x) && !embeds_its_condition(s, x) {
        return Some((Factuality::Hypothetical, "if".into()));
    }
    // "a conference is to be held": "be to" plans
    if let Some(to) = s.deps(x, "mark").find(|&m| lemma(m) == "to") {
        if let Some(be) = s.deps(x, "aux").find(|&a| a < to && lemma(a) == "be") {
            return Some((Factuality::Future, format!("{} to", s.toks[be].form)));
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
            // the form too: "proposed" is lemmatized "propose"
            let f = s.toks[c].form.to_lowercase();
            if HYPOTHETICAL_ADJ.contains(&l) || HYPOTHETICAL_ADJ.contains(&f.as_str()) {
                return Some((Factuality::Hypothetical, s.toks[c].form.clone()));
            }
            if FUTURE_ADJ.contains(&l) || FUTURE_ADJ.contains(&f.as_str()) {
                return Some((Factuality::Future, s.toks[c].form.clone()));
            }
        }
        if r == "advmod" && GENERIC_ADV.contains(&l) {
            return Some((Factuality::Generic, s.toks[c].form.clone()));
        }
    }
    // "meet in Brussels every February": a habit, wherever the parser hung the time
    if !nominal {
        let clause = s.subtree_where(x, &|c| matches!(s.toks[c].rel(), "ccomp" | "xcomp" | "advcl" | "parataxis" | "conj" | "acl"));
        let unit = |i: usize| s.toks.get(i).is_some_and(|u| TIME_UNITS.contains(&u.lemma.to_lowercase().as_str()));
        let every = clause.iter().any(|&i| lemma(i) == "every" && s.toks[i].head.is_some_and(unit));
        if every {
            return Some((Factuality::Generic, "every".into()));
        }
        // "vote several times a year", "patrol twice a day": a rate
        let rate = clause.iter().copied().find(|&i| {
            matches!(s.toks[i].lemma.to_lowercase().as_str(), "time" | "once" | "twice")
                && s.toks.get(i + 1).is_some_and(|a| matches!(a.lemma.to_lowercase().as_str(), "a" | "per" | "each"))
                && unit(i + 2)
        });
        if let Some(i) = rate {
            return Some((Factuality::Generic, s.toks[i].form.clone()));
        }
    }
    // "goes to the polls next month", "drills starting next Monday": a time still to come,
    // on the verb or on a clause that describes the event noun
    let times: Vec<usize> = if nominal {
        s.deps(x, "acl").flat_map(|a| s.children[a].iter().copied()).collect()
    } else {
        s.children[x].iter().copied().filter(|&c| matches!(s.toks[c].rel(), "obl" | "obj" | "nmod" | "advmod")).collect()
    };
    if let Some(t) = times.into_iter().find(|&t| is_time_to_come(s, t)) {
        return Some((Factuality::Future, s.toks[t].form.clone()));
    }
    None
}

/// "tomorrow", "next week", "the coming month"; not "the next day", which tells a past story.
fn is_time_to_come(s: &Sentence, t: usize) -> bool {
    let l = s.toks[t].lemma.to_lowercase();
    l == "tomorrow" || (is_upcoming_unit(&l) && s.children[t].iter().any(|&m| matches!(s.toks[m].lemma.to_lowercase().as_str(), "next" | "coming")))
}

/// Time units after which "next" means a time to come: those of [`TIME_UNITS`] and
/// "weekend", less the parts of a day and vague ones ("the next day", "the next
/// morning" tell a past story).
fn is_upcoming_unit(l: &str) -> bool {
    l == "weekend" || (TIME_UNITS.contains(&l) && !matches!(l, "day" | "morning" | "evening" | "night" | "time" | "season"))
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
    // "no arrests at the rally": above the setting of the trigger, negation is the setting's business
    let mut in_setting = false;
    let mut from_nominal_subject = false;
    let mut subject_of_occurrence = false;
    // "Pyongyang regularly fires missiles": a frequency adverb right before the trigger, however it was attached
    if trig > 0 && GENERIC_ADV.contains(&s.toks[trig - 1].form.to_lowercase().as_str()) {
        result = Some((Factuality::Generic, s.toks[trig - 1].form.clone()));
    }
    for step in 0..path_to_root.len() {
        // "a blockade would cripple its economy": an event noun under "would" is only supposed, reported or not
        let reported_above = !from_nominal_subject && path_to_root[step + 1..].iter().any(|&a| any_in(&lemmas_of(&s.toks[a]), REPORTING_VERBS));
        if let Some(cue) = own_cues(s, &x, reported_above, x_nominal).filter(|c| !((skip_negation || in_setting) && c.0 == Factuality::Negated)) {
            if cue.0 == Factuality::Hypothetical && cue.1.eq_ignore_ascii_case("if") {
                conditional = true;
            }
            // "the planned meeting did not take place": the plan fell through
            let fell_through = subject_of_occurrence && cue.0 == Factuality::Negated && matches!(result, Some((Factuality::Future, _)));
            if result.is_none() || fell_through {
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
        if x_nominal && matches!(rel, "obl" | "nmod") && s.deps(x, "case").any(|c| SETTING_CASES.contains(&s.toks[c].lemma.as_str())) {
            in_setting = true;
        }
        let embeds = matches!(rel, "xcomp" | "ccomp" | "csubj" | "acl" | "conj")
            || (x_nominal && matches!(rel, "obj" | "nsubj" | "obl" | "nmod" | "appos"))
            || (rel == "advcl" && s.deps(x, "mark").any(|m| matches!(s.toks[m].lemma.as_str(), "if" | "unless" | "to")));
        if !embeds {
            break;
        }
        let mut pls = lemmas_of(&s.toks[p]);
        let pl = s.toks[p].lemma.as_str();
        // "a strike remained a possibility": the predicate of a linking verb governs its subject
        if x_nominal && rel == "nsubj" && LINKING_VERBS.contains(&pl) {
            pls.extend(s.children[p].iter().filter(|&&c| matches!(s.toks[c].rel(), "obj" | "xcomp")).flat_map(|&c| lemmas_of(&s.toks[c])));
        }
        if rel != "conj" && has_if_clause(s, p) && embeds_its_condition(s, p) {
            conditional = true;
        }
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
            let negated_governor = negated_governor && !in_setting;
            if any_in(&pls, NEGATING_GOVERNORS) {
                if !in_setting {
                    result = Some((Factuality::Negated, s.toks[p].form.clone()));
                }
            } else if any_in(&pls, HYPOTHETICAL_GOVERNORS) {
                result = Some((if negated_governor { Factuality::Negated } else { Factuality::Hypothetical }, s.toks[p].form.clone()));
            } else if any_in(&pls, FUTURE_GOVERNORS) {
                result = Some((if negated_governor { Factuality::Negated } else { Factuality::Future }, s.toks[p].form.clone()));
            }
        } else if rel != "conj" && !in_setting && any_in(&pls, NEGATING_GOVERNORS) && matches!(result, Some((Factuality::Future | Factuality::Hypothetical, _))) {
            // "denied any plans to invade", "refused to say it would attack": a denied plan is no plan
            result = Some((Factuality::Negated, s.toks[p].form.clone()));
        }
        // ... but "talks would take place / resume" says when the talks are, not whether
        from_nominal_subject = x_nominal && rel == "nsubj" && !any_in(&pls, OCCURRENCE_VERBS);
        subject_of_occurrence = x_nominal && rel == "nsubj" && any_in(&pls, OCCURRENCE_VERBS);
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
    if conditional && matches!(factuality, Factuality::Future | Factuality::Actual) {
        factuality = Factuality::Hypothetical;
    }
    Assessment { factuality, reported_by, cue }
}

/// Verbs that say an event noun takes place ("the talks would resume").
const OCCURRENCE_VERBS: &[&str] = &["take", "begin", "start", "resume", "open", "continue", "happen", "occur", "hold", "go", "end", "conclude", "proceed", "last", "run", "be"];

/// Prepositions of time and cause: an event noun they attach is an adjunct, not governed.
const ADJUNCT_CASES: &[&str] = &["after", "before", "following", "amid", "during", "since", "despite", "because", "until"];

/// Prepositions of place: "no arrests at the rally", "did not take part in the talks" leave the
/// rally and the talks actual, but "goes to the polls in a snap election next month" still dates it.
const SETTING_CASES: &[&str] = &["at", "in"];

/// Verbs that link a subject to a predicate noun or adjective.
const LINKING_VERBS: &[&str] = &["be", "remain", "become", "seem", "appear", "stay", "look"];

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

    #[test]
    fn in_case_is_a_condition_and_be_to_a_plan() {
        let p = "Troops/troops/NOUN/3/nsubj will/will/AUX/3/aux stay/stay/VERB/0/root in/in/ADP/6/case the/the/DET/6/det town/town/NOUN/3/obl in/in/ADP/9/mark case/case/NOUN/7/fixed \
                 fighting/fight/VERB/3/advcl resumes/resume/NOUN/9/obj ././PUNCT/3/punct";
        assert_eq!(fact(p, "fighting"), Factuality::Hypothetical);
        assert_eq!(fact(p, "stay"), Factuality::Future);
        let p = "A/a/DET/3/det donor/donor/NOUN/3/compound conference/conference/NOUN/9/nsubj:pass for/for/ADP/5/case Sudan/Sudan/PROPN/3/nmod is/be/AUX/9/aux to/to/PART/9/mark \
                 be/be/AUX/9/aux:pass held/hold/VERB/0/root in/in/ADP/11/case Paris/Paris/PROPN/9/obl ././PUNCT/9/punct";
        assert_eq!(fact(p, "conference"), Factuality::Future);
        // "wants the summit to be held": the "be" after "to" is no plan of its own
        let p = "Ankara/Ankara/PROPN/2/nsubj wants/want/VERB/0/root the/the/DET/4/det summit/summit/NOUN/2/obj to/to/PART/7/mark be/be/AUX/7/aux:pass held/hold/VERB/2/xcomp";
        assert_eq!(fact(p, "wants"), Factuality::Actual);
    }

    #[test]
    fn a_condition_on_a_threat_or_a_statement_belongs_to_what_it_embeds() {
        let p = "Brussels/brussel/NOUN/2/nsubj threatened/threaten/VERB/0/root new/new/ADJ/4/amod sanctions/sanction/NOUN/2/obj if/if/SCONJ/7/mark Minsk/Minsk/PROPN/7/nsubj \
                 keeps/keep/VERB/2/advcl detaining/detain/VERB/7/xcomp opposition/opposition/NOUN/10/compound figures/figure/NOUN/8/obj ././PUNCT/2/punct";
        assert_eq!(fact(p, "threatened"), Factuality::Actual);
        assert_eq!(fact(p, "sanctions"), Factuality::Hypothetical);
        // the condition hung on "said" rather than on "close", as the parser may do
        let p = "Tehran/Tehran/PROPN/2/nsubj said/say/VERB/0/root it/it/PRON/5/nsubj would/would/AUX/5/aux close/close/VERB/2/ccomp the/the/DET/7/det strait/strait/PROPN/5/obj \
                 if/if/SCONJ/10/mark Washington/Washington/PROPN/10/nsubj imposed/impose/VERB/2/advcl new/new/ADJ/12/amod sanctions/sanction/NOUN/10/obj ././PUNCT/2/punct";
        assert_eq!(fact(p, "close"), Factuality::Hypothetical);
        assert_eq!(fact(p, "said"), Factuality::Actual);
        // ... and hung on the event noun
        let p = "Israel/Israel/PROPN/2/nsubj said/say/VERB/0/root it/it/PRON/5/nsubj would/would/AUX/5/aux launch/launch/VERB/2/ccomp strikes/strike/NOUN/5/obj \
                 if/if/SCONJ/10/mark rocket/rocket/NOUN/9/compound fire/fire/NOUN/10/nsubj continued/continue/VERB/6/acl ././PUNCT/2/punct";
        assert_eq!(fact(p, "strikes"), Factuality::Hypothetical);
    }

    #[test]
    fn the_place_of_a_negated_event_still_took_place() {
        let p = "There/there/PRON/2/expl were/be/VERB/0/root no/no/DET/4/det arrests/arrest/NOUN/2/nsubj at/at/ADP/8/case Saturday/Saturday/PROPN/8/nmod:poss 's/'s/PART/6/case \
                 rally/rally/NOUN/4/nmod ././PUNCT/2/punct";
        assert_eq!(fact(p, "arrests"), Factuality::Negated);
        assert_eq!(fact(p, "rally"), Factuality::Actual);
        let p = "The/the/DET/2/det minister/minister/NOUN/5/nsubj did/do/AUX/5/aux not/not/PART/5/advmod take/take/VERB/0/root part/part/NOUN/5/obj in/in/ADP/9/case \
                 the/the/DET/9/det talks/talk/NOUN/5/obl ././PUNCT/5/punct";
        assert_eq!(fact(p, "talks"), Factuality::Actual);
    }

    #[test]
    fn a_frequency_adverb_before_the_trigger_makes_a_habit_however_attached() {
        let p = "Pyongyang/pyongyang/VERB/4/compound regularly/regularly/ADV/4/amod fires/fire/NOUN/4/compound missiles/missile/NOUN/0/root into/into/ADP/7/case \
                 the/the/DET/7/det sea/sea/NOUN/4/nmod";
        assert_eq!(fact(p, "fires"), Factuality::Generic);
        let p = "Coast/Coast/PROPN/3/compound guard/guard/PROPN/3/compound vessels/vessel/NOUN/0/root patrol/patrol/VERB/3/acl the/the/DET/6/det strait/strait/PROPN/4/obj \
                 daily/daily/ADV/4/advmod ././PUNCT/3/punct";
        assert_eq!(fact(p, "patrol"), Factuality::Generic);
    }

    #[test]
    fn a_denied_or_failed_plan_is_negated_and_a_proposal_only_possible() {
        let p = "Russia/Russia/PROPN/2/nsubj has/have/VERB/0/root repeatedly/repeatedly/ADV/4/advmod denied/deny/VERB/2/xcomp any/any/DET/6/det plans/plan/NOUN/4/obj \
                 to/to/PART/8/mark invade/invade/VERB/6/acl ././PUNCT/2/punct";
        assert_eq!(fact(p, "invade"), Factuality::Negated);
        let p = "The/the/DET/3/det planned/plan/VERB/3/amod meeting/meeting/NOUN/10/nsubj:outer between/between/ADP/7/case the/the/DET/7/det two/two/NUM/7/nummod \
                 leaders/leader/NOUN/3/nmod did/do/AUX/10/aux not/not/PART/10/advmod take/take/VERB/0/root place/place/NOUN/10/obj ././PUNCT/10/punct";
        assert_eq!(fact(p, "meeting"), Factuality::Negated);
        let p = "Lawmakers/lawmaker/NOUN/3/nsubj are/be/AUX/3/aux debating/debate/VERB/0/root a/a/DET/6/det proposed/propose/VERB/6/amod ban/ban/NOUN/3/obj";
        assert_eq!(fact(p, "ban"), Factuality::Hypothetical);
        let p = "Officials/official/NOUN/2/nsubj said/say/VERB/0/root a/a/DET/4/det strike/strike/NOUN/5/nsubj remained/remain/VERB/2/ccomp a/a/DET/7/det \
                 possibility/possibility/NOUN/5/obj ././PUNCT/2/punct";
        assert_eq!(fact(p, "strike"), Factuality::Hypothetical);
    }

    #[test]
    fn a_rate_is_a_habit_and_next_month_is_to_come() {
        let p = "Swiss/Swiss/ADJ/3/amod citizens/citizen/NOUN/3/compound vote/vote/NOUN/5/nsubj on/on/ADP/5/aux referendums/referendum/VERB/0/root several/several/ADJ/7/amod \
                 times/time/NOUN/5/obl:unmarked a/a/DET/9/det year/year/NOUN/5/obl:unmarked ././PUNCT/5/punct";
        assert_eq!(fact(p, "vote"), Factuality::Generic);
        let p = "The/the/DET/2/det country/country/NOUN/3/nsubj goes/go/VERB/0/root to/to/ADP/6/case the/the/DET/6/det polls/poll/NOUN/3/obl in/in/ADP/10/case a/a/DET/10/det \
                 snap/snap/NOUN/10/compound election/election/NOUN/6/nmod next/next/ADJ/12/amod month/month/NOUN/3/obl:unmarked ././PUNCT/3/punct";
        assert_eq!(fact(p, "election"), Factuality::Future);
        // "the next day" tells a past story
        let p = "Troops/troops/NOUN/2/nsubj stormed/storm/VERB/0/root the/the/DET/4/det building/building/NOUN/2/obj the/the/DET/7/det next/next/ADJ/7/amod day/day/NOUN/2/obl:tmod";
        assert_eq!(fact(p, "stormed"), Factuality::Actual);
    }
}

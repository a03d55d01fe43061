//! The event coder: triggers, verb patterns, source and target actors.
//!
//! For each verb whose form is in the verb dictionary (and, in document mode,
//! each news nominalization of [`crate::nouns`]), the coder matches the
//! verb's patterns against the words around it, takes the most specific match
//! (else the verb's default code), and reads the actors off the dependency
//! tree: the subject is the source (the `by` phrase of a passive), the first
//! actor in the verb phrase is the target, coordinated actors give one event
//! each, and an `[x:y]` code adds the reverse event.

use std::collections::HashMap;

use crate::actors::{compose, ActorSource, AgentHit, BaseHit, Coded};
use crate::dict::{CodePair, Elem, PatElem, Pattern, VerbDictionary};
use crate::lexicon::VerbIndex;
use crate::sent::Sentence;

/// Options of the coder.
#[derive(Debug, Clone)]
pub struct CoderConfig {
    /// Code news nominalizations ("talks", "the visit", "strikes").
    pub noun_triggers: bool,
    /// A joint event ("A and B met") gives both A→B and B→A (PETRARCH's
    /// convention); otherwise one event A→B.
    pub joint_both_directions: bool,
    /// Only events with both a source and a target.
    pub require_dyad: bool,
    /// Coordinated subjects without a target act on each other whatever the
    /// verb (PETRARCH's convention); otherwise only for joint codes (consult, agree, cooperate).
    pub pair_compound_subjects: bool,
}

impl Default for CoderConfig {
    fn default() -> Self {
        CoderConfig { noun_triggers: true, joint_both_directions: false, require_dyad: false, pair_compound_subjects: false }
    }
}

/// An event as coded, before dates, places and factuality are attached.
#[derive(Debug, Clone, PartialEq)]
pub struct RawEvent {
    /// CAMEO code.
    pub code: String,
    /// Source actor.
    pub source: Option<Coded>,
    /// Target actor.
    pub target: Option<Coded>,
    /// Trigger tokens (first, last), sentence-local.
    pub trigger: (usize, usize),
    /// The trigger is a noun.
    pub nominal: bool,
}

/// The coder: a verb dictionary and its form index.
#[derive(Debug, Clone)]
pub struct Coder<'a> {
    /// The verb dictionary.
    pub verbs: &'a VerbDictionary,
    index: VerbIndex,
    /// Options.
    pub config: CoderConfig,
    /// Phrases that void a sentence (PETRARCH discards).
    pub discards: Vec<Vec<String>>,
    /// Every synset with its embedded synsets expanded, once: patterns consult
    /// them at each word of each sentence.
    synsets: HashMap<String, Vec<Vec<String>>>,
}

/// Relations that do not belong to a verb's own phrase.
fn outside_vp(rel: &str) -> bool {
    matches!(rel, "nsubj" | "csubj" | "conj" | "cc" | "advcl" | "parataxis" | "punct" | "discourse" | "vocative" | "reparandum" | "list" | "dep")
}

/// Relations that keep a token inside a noun phrase (for actor lookup).
fn inside_np(rel: &str, deprel: &str) -> bool {
    matches!(rel, "compound" | "flat" | "amod" | "det" | "nummod" | "case" | "fixed" | "nmod" | "appos" | "goeswith" | "advmod" | "obl" | "name")
        || deprel == "nmod:poss"
}

fn stem_match(word: &str, exact: bool, tok: &str) -> bool {
    if tok == word {
        return true;
    }
    if exact || word.len() < 3 {
        return false;
    }
    match tok.strip_prefix(word) {
        Some(rest) => matches!(rest, "S" | "ES" | "ED" | "D" | "ING" | "'S" | "ER" | "ERS" | "AL" | "ION" | "IONS" | "N"),
        None => false,
    }
}

impl<'a> Coder<'a> {
    /// A coder over a verb dictionary.
    pub fn new(verbs: &'a VerbDictionary, config: CoderConfig) -> Coder<'a> {
        let synsets = verbs.synsets.keys().map(|name| (name.clone(), verbs.synset_members(name))).collect();
        Coder { verbs, index: VerbIndex::new(verbs), config, discards: Vec::new(), synsets }
    }

    /// The verb index (form → entries), shared with the PTB converter.
    pub fn index(&self) -> &VerbIndex {
        &self.index
    }

    fn discarded(&self, sent: &Sentence) -> bool {
        self.discards.iter().any(|d| {
            (0..sent.toks.len()).any(|p| d.iter().enumerate().all(|(k, w)| sent.toks.get(p + k).is_some_and(|t| t.upper == w.trim_end_matches('_'))))
        })
    }

    /// Codes one sentence.
    pub fn code_sentence(&self, sent: &Sentence, actors: &dyn ActorSource) -> Vec<RawEvent> {
        let mut out = Vec::new();
        if sent.toks.is_empty() || sent.toks.len() > 400 || self.discarded(sent) {
            return out;
        }
        let all: Vec<usize> = (0..sent.toks.len()).collect();
        let (bases, agents) = actors.scan(sent, &all);
        let mut actor_tok = vec![false; sent.toks.len()];
        for b in &bases {
            for t in actor_tok.iter_mut().take(b.last + 1).skip(b.first) {
                *t = true;
            }
        }
        for a in &agents {
            for t in actor_tok.iter_mut().take(a.last + 1).skip(a.first) {
                *t = true;
            }
        }
        let ctx = Ctx { sent, actors, actor_tok: &actor_tok };
        for v in 0..sent.toks.len() {
            let t = &sent.toks[v];
            if t.rel() == "aux" || t.rel() == "cop" {
                continue;
            }
            // no tags: a word after a determiner or preposition is a noun ("by phone", "the talks")
            if !sent.parsed && v > 0 && matches!(sent.toks[v - 1].lemma.as_str(), "the" | "a" | "an" | "by" | "his" | "her" | "its" | "their" | "our" | "of" | "new" | "accession") {
                continue;
            }
            let Some(cands) = self.index.forms.get(&t.upper).or_else(|| self.index.forms.get(&t.lemma.to_uppercase())) else { continue };
            // pick the verb word whose particles are present (BREAK DOWN over BREAK)
            // the word whose dependents are the verb's (its subject, its phrase): the verb
            // itself, unless the parser gave its role to another word (see `verb_anchor`)
            let own_anchor = verb_anchor(sent, v);
            let mut best: Option<(usize, usize, usize, usize)> = None; // (particles matched, entry, verb, anchor)
            for &(ei, vi) in cands {
                let vw = &self.verbs.entries[ei].verbs[vi];
                let after_ok = vw.after.iter().enumerate().all(|(k, w)| (1..=3).any(|d| sent.toks.get(v + k + d).is_some_and(|x| x.upper == *w)));
                let before_ok = vw.before.iter().rev().enumerate().all(|(k, w)| v > k && sent.toks[v - k - 1].upper == *w);
                if !(after_ok && before_ok) {
                    continue;
                }
                // "will not wire tap the links": the first word of a multi-word verb carries the
                // auxiliary and the object when the tagger took the words for nouns
                let Some(anchor) = own_anchor.or_else(|| (!vw.before.is_empty() && v >= vw.before.len()).then(|| v - vw.before.len()).filter(|&a| is_verbal(sent, a))) else {
                    continue;
                };
                let n = vw.after.len() + vw.before.len();
                // on a tie, the block named after the verb itself ("DEPLOY" over "SEND")
                let own = self.verbs.entries[ei].name == vw.base;
                if best.is_none_or(|(bn, be, _, _)| n > bn || (n == bn && own && self.verbs.entries[be].name != vw.base)) {
                    best = Some((n, ei, vi, anchor));
                }
            }
            let Some((_, ei, vi, anchor)) = best else { continue };
            let entry = &self.verbs.entries[ei];
            let vw = &entry.verbs[vi];
            let mut code = vw.code.clone().unwrap_or_else(|| entry.code.clone());
            let mut pat_source = None;
            let mut pat_target = None;
            let mut compound = false;
            // the anchor's phrase after the trigger (with the anchor when it follows: "will abandon | improved relations")
            let vp: Vec<usize> = ctx.vp_subtree(anchor).into_iter().filter(|&i| i > v).collect();
            // a clause with a subject of its own deeper in the phrase (not the verb's own
            // complement) says what someone else does: its words are not the verb's ("asks the
            // government to assure the administrations apply the sentence of the Supreme Court" is
            // no prison sentence, ASK's "* SENTENCE"; "allowed that Mordor isn't a pleasant place" is)
            let own_clause = |i: usize| {
                !sent.parsed
                    || !sent.ancestors(i).iter().take_while(|&&a| a != anchor).any(|&a| {
                        matches!(sent.toks[a].rel(), "ccomp" | "advcl" | "acl")
                            && sent.toks[a].head != Some(anchor)
                            && sent.children[a].iter().any(|&k| sent.toks[k].rel() == "nsubj")
                    })
            };
            let pattern_vp: Vec<usize> = vp.iter().copied().filter(|&i| own_clause(i)).collect();
            let mut best_w: Option<usize> = None;
            for p in entry.patterns.iter().filter(|p| p.code.is_cameo()) {
                if let Some(m) = ctx.match_pattern(self, p, v, &pattern_vp) {
                    let w = p.weight();
                    if best_w.is_none_or(|bw| w > bw) {
                        best_w = Some(w);
                        code = p.code.clone();
                        pat_source = m.source;
                        pat_target = m.target;
                        compound = m.compound;
                    }
                }
            }
            if code.is_empty() {
                continue;
            }
            let (sources, targets) = ctx.arguments(anchor, &vp, pat_source, pat_target, &code);
            self.emit(&mut out, &code, sources, targets, (anchor.min(v), v), false, compound);
        }
        if self.config.noun_triggers {
            self.code_nouns(&ctx, &mut out);
        }
        out
    }

    /// Turns actor lists into events: one per source–target pair, joint events, reverse codes.
    #[allow(clippy::too_many_arguments)]
    fn emit(&self, out: &mut Vec<RawEvent>, code: &CodePair, sources: Vec<Coded>, targets: Vec<Coded>, trigger: (usize, usize), nominal: bool, compound: bool) {
        let mut pairs: Vec<(Option<Coded>, Option<Coded>)> = Vec::new();
        let paired_subjects = targets.is_empty() && sources.len() >= 2 && (compound || is_joint_code(code) || self.config.pair_compound_subjects);
        if paired_subjects {
            // "Scholz and Sunak discussed energy": the subjects act together
            for i in 0..sources.len() {
                for j in 0..sources.len() {
                    if i == j || (!self.config.joint_both_directions && j < i) {
                        continue;
                    }
                    pairs.push((Some(sources[i].clone()), Some(sources[j].clone())));
                }
            }
        } else if sources.is_empty() && targets.is_empty() {
            pairs.push((None, None));
        } else if targets.is_empty() {
            pairs.extend(sources.into_iter().map(|s| (Some(s), None)));
        } else if sources.is_empty() {
            pairs.extend(targets.into_iter().map(|t| (None, Some(t))));
        } else {
            for s in &sources {
                for t in &targets {
                    if s.code == t.code && s.actor.name == t.actor.name {
                        continue;
                    }
                    pairs.push((Some(s.clone()), Some(t.clone())));
                }
            }
        }
        let joint = paired_subjects;
        for (s, t) in pairs {
            if self.config.require_dyad && (s.is_none() || t.is_none()) {
                continue;
            }
            if !self.config.require_dyad && s.is_none() && t.is_none() {
                continue;
            }
            if let Some(f) = &code.forward {
                out.push(RawEvent { code: f.clone(), source: s.clone(), target: t.clone(), trigger, nominal });
            }
            if let Some(r) = &code.reverse {
                // the reverse of a symmetric code (`[041:041]`) is the same event seen from the
                // other side: one event between the two, unless PETRARCH's convention is asked for
                if code.forward.as_ref() == Some(r) && (joint || !self.config.joint_both_directions) {
                    continue;
                }
                if t.is_some() || self.config.require_dyad {
                    out.push(RawEvent { code: r.clone(), source: t.clone(), target: s.clone(), trigger, nominal });
                }
            }
        }
    }
}

/// A verb as the parse has it: tagged VERB (or untagged), or a verb the tagger
/// missed ([`tagged_verb_as_noun`], [`to_infinitive_as_noun`]).
fn is_verbal(sent: &Sentence, v: usize) -> bool {
    !sent.parsed || matches!(sent.toks[v].upos.as_str(), "VERB" | "") || tagged_verb_as_noun(sent, v) || to_infinitive_as_noun(sent, v)
}

/// Modal auxiliaries: a bare word right after one is a verb.
const MODALS: &[&str] = &["will", "would", "shall", "should", "can", "could", "may", "might", "must"];

/// The word that carries a trigger's arguments: itself when it is a verb; for
/// a base form after a modal that the tagger took for an adverb or adjective
/// and the parser hung on the next verb ("Arnor will abandon | improved
/// relations", with "will" and "abandon" both on "improved"), that verb.
fn verb_anchor(sent: &Sentence, v: usize) -> Option<usize> {
    if is_verbal(sent, v) {
        return Some(v);
    }
    let t = &sent.toks[v];
    let h = t.head?;
    let after_modal = v > 0 && sent.toks[v - 1].head == Some(h) && sent.toks[v - 1].rel() == "aux" && MODALS.contains(&sent.toks[v - 1].lemma.as_str());
    let bare = t.form.to_lowercase() == t.lemma;
    (matches!(t.upos.as_str(), "ADV" | "ADJ" | "NOUN") && matches!(t.rel(), "advmod" | "amod" | "compound") && after_modal && bare && h > v && sent.toks[h].upos == "VERB").then_some(h)
}

/// Verbs taking an infinitive whose "to" a tagger may read as a preposition
/// and its verb as a noun ("has begun to question whether").
const TO_INFINITIVE: &[&str] = &["begin", "start", "continue", "try", "attempt", "seek", "decide", "vow", "threaten", "refuse", "fail", "plan", "intend", "promise", "pledge", "want", "hope", "prepare"];

/// "has begun to question": a bare noun after "to" under a verb of [`TO_INFINITIVE`] is its infinitive.
fn to_infinitive_as_noun(sent: &Sentence, v: usize) -> bool {
    let t = &sent.toks[v];
    t.upos == "NOUN"
        && t.form.to_lowercase() == t.lemma
        && v > 0
        && sent.toks[v - 1].lemma == "to"
        && sent.toks[v - 1].head == Some(v)
        && t.head.is_some_and(|h| sent.toks[h].upos == "VERB" && TO_INFINITIVE.contains(&sent.toks[h].lemma.as_str()))
}

/// A word the tagger took for a noun or adjective but the parse treats as a
/// verb: it has an auxiliary or a subject and no copula ("Soldiers will not
/// wire tap the links", "Ethiopia act on a resolution").
fn tagged_verb_as_noun(sent: &Sentence, v: usize) -> bool {
    let t = &sent.toks[v];
    if !matches!(t.upos.as_str(), "NOUN" | "ADJ" | "PROPN" | "INTJ" | "ADV") || sent.deps(v, "cop").next().is_some() {
        return false;
    }
    let aux = sent.deps(v, "aux").any(|a| !matches!(sent.toks[a].lemma.as_str(), "to"));
    aux || (sent.deps(v, "nsubj").next().is_some() && matches!(t.rel(), "root" | "ccomp" | "conj" | ""))
}

/// CAMEO 15x, exhibit force posture (PLOVER MOBILIZE).
fn code_is_force_posture(code: &CodePair) -> bool {
    code.forward.as_deref().is_some_and(|c| c.starts_with("15"))
}

/// Verbs whose object is the subject of their infinitive ("urged Serbia to engage").
const OBJECT_CONTROL: &[&str] = &[
    "urge", "ask", "call", "tell", "force", "persuade", "invite", "allow", "encourage", "order", "press", "pressure", "push", "request",
    "require", "warn", "advise", "compel", "permit", "help", "want", "expect", "authorize", "authorise", "instruct", "appeal",
];

/// Codes of events that two parties do together (consult, agree, cooperate).
fn is_joint_code(code: &CodePair) -> bool {
    code.forward.as_deref().is_some_and(|c| c.starts_with("04") || c.starts_with("03") || c.starts_with("06") || c == "057" || c.starts_with("050"))
}

/// Verb particles: in a pattern they must touch the verb.
const PARTICLES: &[&str] = &["OFF", "UP", "DOWN", "OUT", "AWAY", "BACK", "OVER"];

struct PatMatch {
    source: Option<usize>,
    target: Option<usize>,
    compound: bool,
}

struct Ctx<'s> {
    sent: &'s Sentence,
    actors: &'s dyn ActorSource,
    actor_tok: &'s [bool],
}

impl Ctx<'_> {
    /// The verb's own phrase (objects, complements, adjuncts) with the verb, in order.
    fn vp_subtree(&self, v: usize) -> Vec<usize> {
        let s = self.sent;
        if !s.parsed {
            // no parse: the rest of the clause up to a strong break
            return (v..s.toks.len()).take_while(|&i| i == v || !matches!(s.toks[i].form.as_str(), ";" | ":")).collect();
        }
        // an infinitive of purpose belongs to the phrase ("signed an accord to supply Gondor")
        let purpose = |c: usize| s.toks[c].rel() == "advcl" && s.deps(c, "mark").any(|m| s.toks[m].lemma == "to");
        // "according to local media" attributes the event; it is not part of the phrase
        let attribution = |c: usize| s.children[c].iter().any(|&k| s.toks[k].lemma == "accord" || s.toks[k].form.eq_ignore_ascii_case("according"));
        // "pay taxes despite the resistance of the Church": who resists is not acted upon
        let concession = |c: usize| s.toks[c].rel() == "obl" && s.deps(c, "case").any(|k| s.toks[k].lemma.eq_ignore_ascii_case("despite"));
        // "rescheduled his annual mushroom | hunting trip in the White Downs": a gerund the parser
        // split off the object it continues (no comma, no subject, no conjunction) is still the object
        let in_object = |i: usize| s.toks[i].upos != "PUNCT" && (s.deps(v, "obj").any(|o| o == i) || s.ancestors(i).iter().take_while(|&&a| a != v).any(|&a| s.toks[a].rel() == "obj" && s.toks[a].head == Some(v)));
        let split_gerund = |c: usize| {
            s.toks[c].rel() == "advcl" && s.toks[c].upper.ends_with("ING") && c > v + 1 && in_object(c - 1) && !s.children[c].iter().any(|&k| matches!(s.toks[k].rel(), "mark" | "nsubj"))
        };
        let mut sub = s.subtree_where(v, &|c| (outside_vp(s.toks[c].rel()) && s.toks[c].head == Some(v) && !purpose(c) && !split_gerund(c)) || (s.toks[c].head == Some(v) && (attribution(c) || concession(c))));
        if let Some(h) = self.stray_object(v, &sub) {
            sub.extend(s.subtree_where(h, &|c| outside_vp(s.toks[c].rel()) && s.toks[c].head == Some(h)));
        }
        // "Police arrested and questioned the student": the object after coordinated verbs
        // hangs on the last; a verb without an object of its own shares it
        if !s.children[v].iter().any(|&c| matches!(s.toks[c].rel(), "obj" | "iobj" | "ccomp" | "xcomp")) {
            let shared = s.deps(v, "conj").filter(|&c| c > v && s.toks[c].upos == "VERB" && !s.children[c].iter().any(|&k| s.toks[k].rel().starts_with("nsubj"))).find_map(|c| s.deps(c, "obj").next());
            if let Some(o) = shared {
                sub.extend(s.subtree(o));
            }
        }
        sub.sort_unstable();
        sub.dedup();
        sub
    }

    /// A noun phrase right after a verb without an object that the parser hung
    /// elsewhere: "broken down a treaty with Libya" with "treaty" the subject
    /// of a later verb, "restore complete, full diplomatic ties" with "ties" on
    /// "about". Only a phrase with no preposition of its own, as object,
    /// oblique, modifier or subject of a later word, and never past a clause:
    /// a verb with a complement clause or an object keeps its own phrase.
    fn stray_object(&self, v: usize, sub: &[usize]) -> Option<usize> {
        let s = self.sent;
        if s.toks[v].upos != "VERB" || s.children[v].iter().any(|&c| matches!(s.toks[c].rel(), "obj" | "ccomp" | "iobj")) {
            return None;
        }
        let end = sub.iter().copied().max().unwrap_or(v);
        let mut k = end + 1;
        // a comma inside the phrase ("complete, full diplomatic ties") is passed, a clause break is not
        while k < s.toks.len() && s.toks[k].upos == "PUNCT" {
            let h = s.toks[k].head?;
            if h <= k || s.toks[h].upos == "VERB" {
                return None;
            }
            k += 1;
        }
        if k >= s.toks.len() || !matches!(s.toks[k].upos.as_str(), "DET" | "ADJ" | "NOUN" | "PROPN" | "NUM") {
            return None;
        }
        let h = self.np_head(k);
        let head_ok = |h: usize| match s.toks[h].deprel.as_str() {
            "obj" | "obl" | "nmod" => true,
            // "restore complete, full diplomatic ties" with "ties" a parataxis of "about": a bare
            // noun phrase (no subject, no copula of its own) is no clause
            "parataxis" => !s.children[h].iter().any(|&c| matches!(s.toks[c].rel(), "nsubj" | "cop" | "aux")),
            // the subject of a later verb ("a treaty ... trashed")
            "nsubj" => s.toks[h].head.is_some_and(|g| g > h),
            _ => false,
        };
        let ok = h >= k && matches!(s.toks[h].upos.as_str(), "NOUN" | "PROPN") && !sub.contains(&h) && s.deps(h, "case").next().is_none() && head_ok(h);
        ok.then_some(h)
    }

    fn elem_matches_at(&self, coder: &Coder, e: &Elem, i: usize, forward: bool) -> Option<usize> {
        let s = self.sent;
        let up = &s.toks[i].upper;
        match e {
            Elem::Word { word, exact } => stem_match(word, *exact, up).then_some(1),
            Elem::Synset(name) => {
                for m in coder.synsets.get(name.as_str()).map(Vec::as_slice).unwrap_or_default() {
                    let n = m.len();
                    let ok = if forward {
                        (0..n).all(|k| s.toks.get(i + k).is_some_and(|t| stem_match(m[k].trim_end_matches('_'), m[k].ends_with('_'), &t.upper)))
                    } else {
                        i + 1 >= n && (0..n).all(|k| stem_match(m[n - 1 - k].trim_end_matches('_'), m[n - 1 - k].ends_with('_'), &s.toks[i - k].upper))
                    };
                    if ok {
                        return Some(n);
                    }
                }
                None
            }
            Elem::Source | Elem::Target | Elem::Compound => self.actor_tok[i].then_some(1),
            Elem::Skip => Some(1),
        }
    }

    /// Matches one side of a pattern; `cands` are the candidate token positions, nearest first.
    fn match_side(&self, coder: &Coder, elems: &[PatElem], cands: &[usize], forward: bool, v: usize, m: &mut PatMatch) -> bool {
        let mut ci = 0; // next candidate
        let mut prev: Option<usize> = None; // position of the last matched token edge
        for pe in elems {
            if matches!(pe.elem, Elem::Skip) {
                // `^` passes over the next phrase ("IFTAR IN ^ +": in Osgiliath, with Gondor)
                let Some(&i) = cands.get(ci) else { return false };
                // the phrase up to its head word, without what follows the head ("their Ent populations | about X")
                let head = if self.sent.parsed { self.np_head(i) } else { i };
                let edge = if forward { head.max(i) } else { head.min(i) };
                while ci < cands.len() && (if forward { cands[ci] <= edge } else { cands[ci] >= edge }) {
                    ci += 1;
                }
                prev = Some(edge);
                continue;
            }
            let mut found = None;
            while ci < cands.len() {
                let i = cands[ci];
                let touching = match prev {
                    None => {
                        if forward {
                            i == v + 1
                        } else {
                            i + 1 == v
                        }
                    }
                    Some(p) => {
                        if forward {
                            i == p + 1
                        } else {
                            i + 1 == p
                        }
                    }
                };
                if pe.adjacent && !touching {
                    // an adjacent element must touch: tolerate only determiners in between
                    break;
                }
                // a particle ("fire OFF", "set UP") belongs to the verb: next to it or its compound:prt
                let particle = matches!(&pe.elem, Elem::Word { word, .. } if PARTICLES.contains(&word.as_str()));
                if particle && forward && prev.is_none() && i != v + 1 && self.sent.toks[i].rel() != "compound" {
                    ci += 1;
                    continue;
                }
                if let Some(n) = self.elem_matches_at(coder, &pe.elem, i, forward) {
                    found = Some((i, n));
                    break;
                }
                ci += 1;
            }
            let Some((i, n)) = found else { return false };
            match pe.elem {
                Elem::Source => m.source = Some(i),
                Elem::Target => m.target = Some(i),
                Elem::Compound => m.compound = true,
                _ => {}
            }
            let edge = if forward { i + n - 1 } else { i + 1 - n };
            prev = Some(edge);
            // skip the candidates the match consumed
            while ci < cands.len() && (if forward { cands[ci] <= edge } else { cands[ci] >= edge }) {
                ci += 1;
            }
        }
        true
    }

    fn match_pattern(&self, coder: &Coder, p: &Pattern, v: usize, vp: &[usize]) -> Option<PatMatch> {
        let mut m = PatMatch { source: None, target: None, compound: false };
        if !p.post.is_empty() && !self.match_side(coder, &p.post, vp, true, v, &mut m) {
            return None;
        }
        if !p.pre.is_empty() {
            let before: Vec<usize> = (0..v).rev().collect();
            if !self.match_side(coder, &p.pre, &before, false, v, &mut m) {
                return None;
            }
        }
        Some(m)
    }

    /// Head of the noun phrase holding token `i`.
    fn np_head(&self, i: usize) -> usize {
        let s = self.sent;
        let mut cur = i;
        for _ in 0..s.toks.len() {
            let t = &s.toks[cur];
            match t.head {
                // "Turkish President | Recep Tayyip Erdogan": a title the parser hangs as nmod:desc
                Some(h) if matches!(t.rel(), "compound" | "flat" | "amod" | "det" | "nummod" | "fixed" | "name") || matches!(t.deprel.as_str(), "nmod:poss" | "nmod:desc") => cur = h,
                // "the government of Gondor", "ambassadors of A, B and C": the phrase is the head's
                Some(h) if t.rel() == "nmod" && s.toks[h].is_nominal() && s.deps(cur, "case").any(|c| s.toks[c].lemma == "of") => cur = h,
                _ => break,
            }
        }
        cur
    }

    /// The actors a noun phrase names: its own actor (with agents), and those of its conjuncts.
    fn np_actors(&self, head: usize, depth: usize) -> Vec<Coded> {
        let s = self.sent;
        if depth > 8 {
            return Vec::new();
        }
        let toks: Vec<usize> = if s.parsed {
            let conj_of_head = |c: usize| s.toks[c].head == Some(head) && matches!(s.toks[c].rel(), "conj" | "cc" | "punct");
            // a hyphen inside a word ("Barad-dur" split by the tokenizer) stays in the phrase
            let inner_hyphen = |c: usize| {
                matches!(s.toks[c].form.as_str(), "-" | "–") && c > 0 && c + 1 < s.toks.len() && s.toks[c - 1].end == s.toks[c].start && s.toks[c].end == s.toks[c + 1].start
            };
            s.subtree_where(head, &|c| {
                let r = s.toks[c].rel();
                if inner_hyphen(c) {
                    return false;
                }
                conj_of_head(c) || (!inside_np(r, &s.toks[c].deprel) && !matches!(r, "conj" | "cc") ) || matches!(r, "acl" | "punct")
            })
        } else {
            // no parse: the capitalized run or the single word
            let mut a = head;
            while a > 0 && s.toks[a - 1].form.chars().next().is_some_and(|c| c.is_uppercase()) {
                a -= 1;
            }
            (a..=head).collect()
        };
        let (mut bases, agents) = self.actors.scan(s, &toks);
        let mut joined_names: Vec<usize> = Vec::new();
        // the actor the head word names comes first: "French President Emmanuel Macron" is Macron
        // an adjective heading the phrase is a parser slip ("met Japanese | Prime Minister Fumio
        // Kishida" with the name as its apposition): the nationality goes after the named actor
        if s.parsed && s.toks[head].upos == "ADJ" && bases.len() > 1 {
            bases.sort_by_key(|b| b.first <= head && head <= b.last);
        } else if let Some(k) = bases.iter().position(|b| b.first <= head && head <= b.last) {
            let keep = bases[k].first;
            if s.parsed {
                let kept_last = bases[k].last;
                // "the United States and South | Korea" parsed as one compound: a name joined to the
                // head's by "and"/"or" inside the phrase is coordinated all the same
                let joined = |b: &BaseHit| {
                    let (a, z) = if b.last < keep { (b.last + 1, keep) } else { (kept_last + 1, b.first) };
                    // only the conjunction (and determiners) between the two names
                    let and = |j: usize| s.toks[j].upos == "CCONJ" && matches!(s.toks[j].lemma.as_str(), "and" | "or");
                    a < z && (a..z).all(|j| s.ancestors(j).contains(&head) && (and(j) || s.toks[j].upos == "DET")) && (a..z).any(and)
                };
                joined_names = bases.iter().filter(|b| b.first != keep && joined(b)).map(|b| b.first).collect();
                let mut reordered: Vec<BaseHit> = bases.iter().filter(|b| b.first == keep).cloned().collect();
                reordered.extend(bases.iter().filter(|b| b.first != keep && (s.toks[b.last].rel() == "conj" || joined_names.contains(&b.first))).cloned());
                bases = reordered;
            } else {
                bases.retain(|b| b.first == keep);
            }
        }
        let mut out = Vec::new();
        // several bases: keep the first, and those coordinated with it ("ambassadors of A, B and C")
        let kept: Vec<&BaseHit> = match bases.first() {
            None => Vec::new(),
            Some(b0) => {
                let mut k = vec![b0];
                // the word of a name that hangs outside it
                let name_head = |b: &BaseHit| (b.first..=b.last).find(|&i| s.toks[i].head.is_none_or(|h| h < b.first || h > b.last)).unwrap_or(b.last);
                for b in &bases[1..] {
                    let anc = s.ancestors(b.last);
                    let coordinated = s.toks[b.last].rel() == "conj" && anc.iter().any(|&a| a >= b0.first && a <= b0.last);
                    // "Evil Gondor, the awful Osgiliath, and good Bree" with both names appositions of
                    // "Evil": two named appositions of one word are a list, not one actor described twice
                    let (h0, hb) = (name_head(b0), name_head(b));
                    let appos_list = s.parsed && s.toks[h0].rel() == "appos" && s.toks[hb].rel() == "appos" && s.toks[h0].head == s.toks[hb].head;
                    if coordinated || appos_list || b.group || b.first == b0.first || joined_names.contains(&b.first) {
                        k.push(b);
                    }
                }
                k
            }
        };
        let own_agents: Vec<AgentHit> = agents.clone();
        if kept.is_empty() {
            if !own_agents.is_empty() {
                let code = compose("---", &own_agents);
                let text = own_agents.iter().map(|a| s.toks[a.first..=a.last].iter().map(|t| t.form.as_str()).collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join(" ");
                out.push(Coded {
                    code: code.clone(),
                    actor: annals_core::Actor { text, name: None, country: None, sector: own_agents.iter().find(|a| !a.prefix).map(|a| a.code.chars().take(3).collect()) },
                    tok: head,
                });
            }
        } else {
            for b in kept {
                let mut actor = b.actor.clone();
                if actor.sector.is_none() {
                    actor.sector = own_agents.iter().find(|a| !a.prefix).map(|a| a.code.chars().take(3).collect());
                }
                out.push(Coded { code: compose(&b.code, &own_agents), actor, tok: head });
            }
        }
        if s.parsed {
            for c in s.deps(head, "conj").collect::<Vec<_>>() {
                if !s.toks[c].is_nominal() && !s.toks[c].upos.is_empty() && s.toks[c].upos != "ADJ" {
                    continue;
                }
                let mut more = self.np_actors(c, depth + 1);
                // "lawmakers and officials in A": a conjunct with agents only borrows the first's actors
                if more.len() == 1 && more[0].code.starts_with("---") && more[0].actor.name.is_none() && !out.is_empty() && out.iter().all(|o| !o.code.starts_with("---")) {
                    let agent_part = more[0].code.trim_start_matches("---").to_string();
                    let sector = more[0].actor.sector.clone();
                    more = out
                        .iter()
                        .filter(|o| o.tok == head)
                        .map(|o| {
                            let base_len = o.code.len().min(3);
                            let mut a = o.actor.clone();
                            a.sector = sector.clone();
                            Coded { code: format!("{}{}", &o.code[..base_len], agent_part), actor: a, tok: c }
                        })
                        .collect();
                }
                out.extend(more);
            }
        }
        out.dedup_by(|a, b| a.code == b.code && a.actor.name == b.actor.name);
        out
    }

    /// The `by` agent of a passive verb.
    fn agent_of(&self, v: usize) -> Option<usize> {
        let s = self.sent;
        s.deps_full(v, "obl:agent").next().or_else(|| s.deps(v, "obl").find(|&o| s.deps(o, "case").any(|c| s.toks[c].lemma == "by")))
    }

    /// Whether a verb with a passive subject is passive: an `aux:pass`, a form of
    /// "be"/"get" among its auxiliaries, a `by` agent, or, with no auxiliary at
    /// all (a headline's "Five killed in attack"), no direct object.
    fn looks_passive(&self, v: usize) -> bool {
        let s = self.sent;
        let mut auxes = s.deps(v, "aux").peekable();
        if auxes.peek().is_none() {
            // "Police used tear gas" labelled passive: a passive has no direct object
            return s.deps(v, "obj").next().is_none() || self.agent_of(v).is_some();
        }
        s.deps_full(v, "aux:pass").next().is_some()
            || s.deps(v, "aux").any(|a| matches!(s.toks[a].lemma.as_str(), "be" | "get"))
            || self.agent_of(v).is_some()
    }

    /// "five years after Calenardhon crowds burned down its embassy" parsed with "after
    /// Calenardhon crowds" as a prepositional phrase and the verb without a subject (or with
    /// the time noun "years" as one): the noun right before the verb, introduced by a
    /// subordinator, is the verb's subject.
    fn subject_read_as_prepositional(&self, v: usize) -> Option<usize> {
        let s = self.sent;
        if v == 0 || s.toks[v].upos != "VERB" {
            return None;
        }
        let time_noun = |i: usize| matches!(s.toks[i].lemma.as_str(), "year" | "month" | "week" | "day" | "hour" | "decade" | "minute");
        if s.children[v].iter().any(|&c| s.toks[c].rel() == "nsubj" && !time_noun(c)) {
            return None;
        }
        let p = v - 1;
        let subordinator = |c: usize| matches!(s.toks[c].lemma.as_str(), "after" | "before" | "since" | "until" | "till");
        (matches!(s.toks[p].upos.as_str(), "NOUN" | "PROPN") && self.np_head(p) == p && s.deps(p, "case").any(subordinator)).then_some(p)
    }

    /// The subject of a verb, climbing through control and coordination.
    fn subject_of(&self, v: usize) -> Option<(usize, bool)> {
        let s = self.sent;
        if let Some(x) = self.subject_read_as_prepositional(v) {
            return Some((x, s.deps_full(v, "aux:pass").next().is_some()));
        }
        let mut cur = v;
        // climbed from an infinitive to its governing verb (a conjunct shares the passive, an infinitive does not)
        let mut raised = false;
        for _ in 0..6 {
            if let Some(x) = s.deps_full(cur, "nsubj:pass").next() {
                // the parser sometimes marks the subject of an active perfect as passive
                // ("Gondor and Osgiliath have postponed their meeting"), see `looks_passive`;
                // and in "Gollum was seen to break into" the passive is the raising verb's,
                // the infinitive is active
                if self.looks_passive(cur) && !raised {
                    return Some((x, true));
                }
                return Some((x, false));
            }
            if let Some(x) = s.deps(cur, "nsubj").next() {
                // "Eriador was opposed by Osgiliath" parsed with "was" as a copula: a participle
                // after a form of "be" with a `by` agent is a passive all the same
                let be = s.children[cur].iter().any(|&c| matches!(s.toks[c].rel(), "cop" | "aux") && s.toks[c].lemma == "be");
                if be && s.toks[cur].upos == "VERB" && s.toks[x].deprel == "nsubj" && self.agent_of(cur).is_some() {
                    return Some((x, true));
                }
                // relative pronoun: the noun the clause modifies
                if matches!(s.toks[x].lemma.as_str(), "who" | "which" | "that") && s.toks[cur].deprel == "acl:relcl" {
                    return s.toks[cur].head.map(|h| (h, false));
                }
                // "Ethiopia indicated it would act": a pronoun subject of a complement is the governing subject
                if s.toks[x].upos == "PRON" && matches!(s.toks[x].lemma.as_str(), "it" | "he" | "she" | "they" | "we") && matches!(s.toks[cur].rel(), "ccomp" | "xcomp" | "advcl") {
                    if let Some(h) = s.toks[cur].head {
                        if let Some(hs) = s.deps(h, "nsubj").next() {
                            return Some((hs, false));
                        }
                    }
                }
                return Some((x, false));
            }
            let t = &s.toks[cur];
            match (t.rel(), t.head) {
                ("xcomp", Some(h)) => {
                    // object control: "urged Serbia to engage" ("asking schools to pay" may come as `iobj`)
                    if let Some(o) = s.deps(h, "obj").next().or_else(|| s.deps(h, "iobj").next()) {
                        return Some((o, false));
                    }
                    cur = h;
                    raised = true;
                }
                ("conj", Some(h)) => cur = h,
                // "has begun to question": an infinitive read as a noun after "to"
                ("obl", Some(h)) if to_infinitive_as_noun(s, cur) => {
                    cur = h;
                    raised = true;
                }
                // "signed an accord to supply Gondor": an infinitive of purpose shares the subject
                ("advcl", Some(h)) if s.deps(cur, "mark").any(|m| s.toks[m].lemma == "to") && s.deps_full(cur, "aux:pass").next().is_none() => {
                    // "urged the EU to resume talks" parsed as an adverbial clause: object control all the same
                    if OBJECT_CONTROL.contains(&s.toks[h].lemma.as_str()) {
                        if let Some(o) = s.deps(h, "obj").next() {
                            return Some((o, false));
                        }
                    }
                    cur = h;
                    raised = true;
                }
                // "a system backed by the British Red Cross": a participle with a `by` agent is passive
                ("acl", Some(h)) => return Some((h, self.agent_of(cur).is_some())),
                _ => return None,
            }
        }
        None
    }

    /// Adds the actors of the phrase headed by `h` to `list`, each once.
    fn add_new(&self, list: &mut Vec<Coded>, h: usize) {
        for c in self.np_actors(h, 0) {
            if !list.iter().any(|x| x.code == c.code && x.actor.name == c.actor.name) {
                list.push(c);
            }
        }
    }

    /// Source and target actors of a verb trigger.
    fn arguments(&self, v: usize, vp: &[usize], pat_source: Option<usize>, pat_target: Option<usize>, code: &CodePair) -> (Vec<Coded>, Vec<Coded>) {
        let s = self.sent;
        let mut sources = Vec::new();
        let mut targets = Vec::new();
        if !s.parsed {
            // no parse: nearest actor before the verb, first after it
            if let Some(i) = (0..v).rev().find(|&i| self.actor_tok[i]) {
                sources = self.np_actors(i, 0);
            }
            if let Some(i) = vp.iter().copied().find(|&i| self.actor_tok[i]) {
                targets = self.np_actors(i, 0);
            }
            return (sources, targets);
        }
        let mut passive_target = None;
        if let Some(p) = pat_source {
            sources = self.np_actors(self.np_head(p), 0);
        } else if let Some((subj, passive)) = self.subject_of(v) {
            if passive {
                passive_target = Some(subj);
                if let Some(a) = self.agent_of(v) {
                    sources = self.np_actors(a, 0);
                }
            } else {
                sources = self.np_actors(subj, 0);
                // "Evil Mordor, the awful Fornost, and good Gondor welcomed": a parser may hang
                // the coordinated subjects on the verb as several subjects
                // (a subject after "and"), or split one noun phrase in two side by side
                // ("Dagolath's first Deputy | Prime Minister Telemar left"), whose head is the last
                let mut prev_end = s.subtree(subj).last().copied().unwrap_or(subj);
                for other in s.deps_full(v, "nsubj").filter(|&o| o > subj && o < v).collect::<Vec<_>>() {
                    let sub = s.subtree(other);
                    let (first, last) = (sub[0], *sub.last().unwrap_or(&other));
                    let found = self.np_actors(other, 0);
                    if first == prev_end + 1 {
                        if !found.is_empty() {
                            sources = found;
                        }
                    } else if first > 0 && matches!(s.toks[first - 1].lemma.as_str(), "and" | "or") {
                        for c in found {
                            if !sources.iter().any(|x| x.code == c.code && x.actor.name == c.actor.name) {
                                sources.push(c);
                            }
                        }
                    }
                    prev_end = last;
                }
                // "the awful Gondor, and good Dagolath welcomed": a noun before the verb hung on it as
                // a conjunct is a coordinated subject
                for c in s.deps(v, "conj").filter(|&c| c < v && matches!(s.toks[c].upos.as_str(), "NOUN" | "PROPN")).collect::<Vec<_>>() {
                    self.add_new(&mut sources, c);
                }
                // "Osgiliath, Rohan, Mordor and Dagolath welcomed" with the first name read as a
                // discourse word: only before a subject that is itself a list, a comma between
                let subj_first = s.subtree(subj).first().copied().unwrap_or(subj);
                let list = s.deps(subj, "conj").next().is_some();
                for d in s.children[v].iter().copied().filter(|&d| matches!(s.toks[d].rel(), "discourse" | "vocative" | "dep") && d < subj_first).collect::<Vec<_>>() {
                    let end = s.subtree(d).into_iter().filter(|&i| s.toks[i].upos != "PUNCT").max().unwrap_or(d);
                    if list && end + 2 == subj_first && s.toks[end + 1].form == "," {
                        self.add_new(&mut sources, d);
                    }
                }
            }
        }
        if let Some(p) = pat_target {
            targets = self.np_actors(self.np_head(p), 0);
        } else if let Some(pt) = passive_target {
            if code_is_force_posture(code) {
                // "Russian troops were deployed": the force deployed is the actor's own
                if sources.is_empty() {
                    sources = self.np_actors(pt, 0).into_iter().filter(|c| c.actor.name.is_some()).collect();
                }
            } else {
                targets = self.np_actors(pt, 0);
            }
        } else {
            let src_toks: Vec<usize> = sources.iter().map(|c| c.tok).collect();
            // ranked fallbacks: a named actor in a place phrase, then agents alone ("officials")
            let mut locative: Vec<Coded> = Vec::new();
            let mut unnamed: Vec<Coded> = Vec::new();
            let in_relcl = |i: usize| s.ancestors(i).iter().take_while(|&&a| a != v).any(|&a| s.toks[a].deprel == "acl:relcl");
            for &i in vp {
                if !self.actor_tok[i] || in_relcl(i) {
                    continue;
                }
                let h = self.np_head(i);
                // the verb's own passive agent is its source, not a target ("memos sent by Bree" is a target)
                if src_toks.contains(&h) || (s.toks[h].deprel == "obl:agent" && s.toks[h].head == Some(v)) {
                    continue;
                }
                let found = self.np_actors(h, 0);
                // "fired missiles off its coast": the subject again is not a target
                if found.is_empty() || found.iter().all(|f| sources.iter().any(|x| x.code == f.code && x.actor.name == f.actor.name)) {
                    continue;
                }
                if found.iter().all(|c| c.code.starts_with("---")) {
                    if unnamed.is_empty() {
                        unnamed = found;
                    }
                    continue;
                }
                // "celebrated in Osgiliath with Gondor": a place phrase is the target only when nothing else is
                let place = matches!(s.toks[h].rel(), "obl" | "nmod") && s.deps(h, "case").any(|c| matches!(s.toks[c].lemma.as_str(), "in" | "at" | "inside" | "across" | "throughout"));
                if place {
                    if locative.is_empty() {
                        locative = found;
                    }
                    continue;
                }
                targets = found;
                break;
            }
            // "deployed troops": what a force-posture verb moves is the source's own, not a target
            if code_is_force_posture(code) {
                unnamed.clear();
            }
            if targets.is_empty() && sources.len() < 2 {
                targets = if locative.is_empty() { unnamed } else { locative };
            }
        }
        (sources, targets)
    }
}

impl Coder<'_> {
    /// Events of news nominalizations ("talks between Modi and Xi", "the strikes on the port").
    fn code_nouns(&self, ctx: &Ctx, out: &mut Vec<RawEvent>) {
        let s = ctx.sent;
        for n in 0..s.toks.len() {
            let t = &s.toks[n];
            if s.parsed && t.upos != "NOUN" {
                continue;
            }
            let Some(nt) = crate::nouns::lookup(&t.lemma, &t.upper) else { continue };
            if !s.parsed && n > 0 && matches!(s.toks[n - 1].lemma.as_str(), "to" | "will" | "would" | "could") {
                continue;
            }
            if !s.parsed && out.iter().any(|e| !e.nominal && e.trigger.0 <= n && n - e.trigger.0 <= 3) {
                continue;
            }
            // a verb event over the same words already codes it ("launched an attack", "imposed
            // sanctions"); "did not attend a summit of Balkan leaders" is two events
            if out.iter().any(|e| {
                !e.nominal
                    && s.toks[n].head == Some(e.trigger.0)
                    && matches!(s.toks[n].rel(), "obj")
                    && (crate::nouns::LIGHT_VERBS.contains(&s.toks[e.trigger.0].lemma.as_str()) || e.code == nt.code)
            }) {
                continue;
            }
            let mut sources = Vec::new();
            let mut targets = Vec::new();
            let mut joint = Vec::new();
            if s.parsed {
                for c in s.children[n].clone() {
                    let ct = &s.toks[c];
                    let case: Option<String> = s.deps(c, "case").next().map(|x| s.toks[x].lemma.clone());
                    match (ct.rel(), ct.deprel.as_str(), case.as_deref()) {
                        (_, "nmod:poss", _) => sources.extend(ctx.np_actors(c, 0)),
                        ("amod" | "compound", _, _) => {
                            if ctx.actor_tok[c] {
                                sources.extend(ctx.np_actors(c, 0));
                            }
                        }
                        ("nmod", _, Some("by")) => sources.extend(ctx.np_actors(c, 0)),
                        ("nmod", _, Some("between" | "among")) => joint.extend(ctx.np_actors(c, 0)),
                        ("nmod", _, Some("of")) if nt.of_is_joint => joint.extend(ctx.np_actors(c, 0)),
                        ("nmod", _, Some(p)) if nt.target_preps.contains(&p) => {
                            if targets.is_empty() {
                                targets.extend(ctx.np_actors(c, 0));
                            }
                        }
                        _ => {}
                    }
                }
                // "held talks with X", "launched strikes on X": the light verb's subject acts
                if sources.is_empty() && joint.is_empty() {
                    if let Some(h) = t.head {
                        let hl = s.toks[h].lemma.as_str();
                        if matches!(t.rel(), "obj") && crate::nouns::LIGHT_VERBS.contains(&hl) {
                            if let Some((subj, false)) = ctx.subject_of(h) {
                                sources = ctx.np_actors(subj, 0);
                            }
                            if targets.is_empty() {
                                for c in s.children[h].clone() {
                                    let case: Option<String> = s.deps(c, "case").next().map(|x| s.toks[x].lemma.clone());
                                    if s.toks[c].rel() == "obl" && case.as_deref().is_some_and(|p| nt.target_preps.contains(&p)) {
                                        targets = ctx.np_actors(c, 0);
                                        if !targets.is_empty() {
                                            break;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            } else {
                // no parse: "X's talks with Y" by position
                if let Some(i) = (n.saturating_sub(3)..n).rev().find(|&i| ctx.actor_tok[i]) {
                    sources = ctx.np_actors(i, 0);
                }
                if let Some(i) = (n + 1..(n + 5).min(s.toks.len())).find(|&i| ctx.actor_tok[i]) {
                    targets = ctx.np_actors(i, 0);
                }
            }
            if !joint.is_empty() {
                if joint.len() >= 2 {
                    sources = joint;
                    targets.clear();
                } else if sources.is_empty() {
                    sources = joint;
                } else {
                    targets = joint;
                }
            }
            if sources.is_empty() && targets.is_empty() {
                continue;
            }
            // "calls for iodised salt", "a call for calm": an appeal (020), not a telephone call
            let appeal = nt.code == "041" && t.lemma == "call" && s.toks.get(n + 1).is_some_and(|x| x.lemma.eq_ignore_ascii_case("for"));
            let code = CodePair { forward: Some(if appeal { "020" } else { nt.code }.to_string()), reverse: None };
            let before = out.len();
            self.emit(out, &code, sources, targets, (n, n), true, false);
            for e in &mut out[before..] {
                e.nominal = true;
            }
        }
    }
}

/// The actors of the noun phrase holding token `i` (for claimants and callers outside the coder).
pub fn np_actors_for(sent: &Sentence, actors: &dyn ActorSource, i: usize) -> Vec<Coded> {
    let all: Vec<usize> = (0..sent.toks.len()).collect();
    let (bases, agents) = actors.scan(sent, &all);
    let mut actor_tok = vec![false; sent.toks.len()];
    for (a, b) in bases.iter().map(|b| (b.first, b.last)).chain(agents.iter().map(|a| (a.first, a.last))) {
        for t in actor_tok.iter_mut().take(b + 1).skip(a) {
            *t = true;
        }
    }
    let ctx = Ctx { sent, actors, actor_tok: &actor_tok };
    let h = ctx.np_head(i);
    ctx.np_actors(h, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::DictActors;
    use crate::dict::{parse_actors, parse_agents};
    use crate::testkit::sentence;

    const VERBS: &str = "--- POSTPONE [191] ---\nPOSTPONE\n\n--- BOYCOTT [191] ---\nBOYCOTT\n\n--- WELCOME [041] ---\nWELCOME\n\n\
        --- SIGN [081] ---\nSIGN\n\n--- OPPOSE [112] ---\nOPPOSE\n\n--- CRITICIZE [121] ---\nCRITICIZE\n\n--- BURN [222] ---\nBURN\n\n\
        --- RESTORE [064] ---\nRESTORE\n- * FXLL DIPLOMATIC [+++]\n- * DIPLOMATIC [064]\n\n\
        --- CELEBRATE [181] ---\nCELEBRATE\n- * IFTAR IN ^ + [045]\n\n\
        --- RESCHEDULE [082] ---\nRESCHEDULE\n\n--- CONFISCATE [1711] ---\nCONFISCATE\nWIRE_+TAP {WIRE_+TAPPED WIRE_+TAPPING }\n- WILL NOT * [081]\n\n\
        --- QUESTION [---] ---\nQUESTION\n- BEGUN * [212]\n\n--- BREAK [1717] ---\nBREAK { BROKE BROKEN }\n+BREAK_DOWN {+BREAKS_DOWN +BROKE_DOWN +BROKEN_DOWN }\n- * TREATY [161]\n\n\
        --- ABANDON [345] ---\nABANDON\n- * IMPROVED ECONOMIC RELATIONS [904]\n";
    const ACTORS: &str = "ARNOR [ARN]\nGONDOR [GON]\nOSGILIATH [OSG]\nMORDOR [MOR]\nFORNOST [FOR]\nERIADOR [ERI]\n";
    const AGENTS: &str = "MINISTER [~GOV]\nSOLDIER [~MIL]\nOFFICIAL [~GOV]\n";

    /// (source, target, code) of every event coded in a parsed sentence.
    fn code(parse: &str) -> Vec<(String, String, String)> {
        let verbs = VerbDictionary::parse(VERBS);
        let actors = DictActors::new(parse_actors(ACTORS), &parse_agents(AGENTS));
        let cfg = CoderConfig { noun_triggers: false, ..CoderConfig::default() };
        let coder = Coder::new(&verbs, cfg);
        let name = |c: &Option<Coded>| c.as_ref().map(|c| c.code.clone()).unwrap_or_else(|| "-".into());
        coder.code_sentence(&sentence(parse), &actors).into_iter().map(|e| (name(&e.source), name(&e.target), e.code)).collect()
    }

    fn ev(s: &str, t: &str, c: &str) -> (String, String, String) {
        (s.into(), t.into(), c.into())
    }

    #[test]
    fn active_perfect_with_a_passive_subject_label_is_active() {
        // the parser labelled "Arnor" nsubj:pass although "has postponed" is active
        let p = "Arnor/Arnor/PROPN/3/nsubj:pass has/have/AUX/3/aux postponed/postpone/VERB/0/root talks/talk/NOUN/3/obj with/with/ADP/6/case Gondor/Gondor/PROPN/4/nmod ././PUNCT/3/punct";
        assert_eq!(code(p), vec![ev("ARN", "GON", "191")]);
        // a true passive keeps its agent as the source
        let p = "Arnor/Arnor/PROPN/3/nsubj:pass was/be/AUX/3/aux:pass criticized/criticize/VERB/0/root by/by/ADP/5/case Gondor/Gondor/PROPN/3/obl:agent ././PUNCT/3/punct";
        assert_eq!(code(p), vec![ev("GON", "ARN", "121")]);
    }

    #[test]
    fn a_conjunct_shares_the_passive_an_infinitive_does_not() {
        let p = "Arnor/Arnor/PROPN/3/nsubj:pass was/be/AUX/3/aux:pass criticized/criticize/VERB/0/root and/and/CCONJ/5/cc opposed/oppose/VERB/3/conj by/by/ADP/7/case Gondor/Gondor/PROPN/5/obl:agent";
        assert!(code(p).contains(&ev("GON", "ARN", "112")), "{:?}", code(p));
        // "Arnor was seen to boycott Gondor": Arnor boycotts
        let p = "Arnor/Arnor/PROPN/3/nsubj:pass was/be/AUX/3/aux:pass seen/see/VERB/0/root to/to/PART/5/mark boycott/boycott/VERB/3/xcomp Gondor/Gondor/PROPN/5/obj";
        assert_eq!(code(p), vec![ev("ARN", "GON", "191")]);
        // "memos sent by Gondor": an agent inside the phrase is a target
        let p = "Arnor/Arnor/PROPN/2/nsubj criticized/criticize/VERB/0/root memos/memo/NOUN/2/obj sent/send/VERB/3/acl by/by/ADP/6/case Gondor/Gondor/PROPN/4/obl:agent";
        assert_eq!(code(p), vec![ev("ARN", "GON", "121")]);
    }

    #[test]
    fn coordinated_verbs_share_the_last_ones_object() {
        // "Arnor criticized and boycotted Gondor"
        let p = "Arnor/Arnor/PROPN/2/nsubj criticized/criticize/VERB/0/root and/and/CCONJ/4/cc boycotted/boycott/VERB/2/conj Gondor/Gondor/PROPN/4/obj";
        let got = code(p);
        assert!(got.contains(&ev("ARN", "GON", "121")) && got.contains(&ev("ARN", "GON", "191")), "{got:?}");
        // a conjunct with its own subject is a clause of its own: "Arnor criticized and Mordor boycotted Gondor"
        let p = "Arnor/Arnor/PROPN/2/nsubj criticized/criticize/VERB/0/root and/and/CCONJ/5/cc Mordor/Mordor/PROPN/5/nsubj boycotted/boycott/VERB/2/conj Gondor/Gondor/PROPN/5/obj";
        assert!(!code(p).contains(&ev("ARN", "GON", "121")), "{:?}", code(p));
    }

    #[test]
    fn participle_with_an_agent_is_passive() {
        // "Arnor opposed a plan criticized by Gondor": Gondor criticized (the plan), Arnor opposed
        let p = "Arnor/Arnor/PROPN/2/nsubj opposed/oppose/VERB/0/root a/a/DET/4/det plan/plan/NOUN/2/obj criticized/criticize/VERB/4/acl by/by/ADP/7/case Gondor/Gondor/PROPN/5/obl:agent";
        let got = code(p);
        assert!(got.contains(&ev("GON", "-", "121")), "{got:?}");
    }

    #[test]
    fn object_control_through_an_indirect_object() {
        // "Arnor asked Gondor to boycott Mordor" with Gondor labelled iobj
        let p = "Arnor/Arnor/PROPN/2/nsubj asked/ask/VERB/0/root Gondor/Gondor/PROPN/2/iobj to/to/PART/5/mark boycott/boycott/VERB/2/xcomp Mordor/Mordor/PROPN/5/obj";
        assert_eq!(code(p), vec![ev("GON", "MOR", "191")]);
    }

    #[test]
    fn who_resists_in_a_despite_phrase_is_no_target() {
        let p = "Arnor/Arnor/PROPN/2/nsubj boycotted/boycott/VERB/0/root the/the/DET/4/det summit/summit/NOUN/2/obj despite/despite/ADP/7/case the/the/DET/7/det objections/objection/NOUN/2/obl of/of/ADP/9/case Mordor/Mordor/PROPN/7/nmod";
        assert_eq!(code(p), vec![ev("ARN", "-", "191")]);
    }

    #[test]
    fn passive_read_as_copula_with_an_agent_is_passive() {
        let p = "Eriador/Eriador/PROPN/3/nsubj was/be/AUX/3/cop opposed/oppose/VERB/0/root by/by/ADP/5/case Osgiliath/Osgiliath/PROPN/3/obl:agent ././PUNCT/3/punct";
        assert_eq!(code(p), vec![ev("OSG", "ERI", "112")]);
    }

    #[test]
    fn verb_tagged_as_noun_with_an_auxiliary_is_a_trigger() {
        let p = "Arnor/Arnor/PROPN/3/nsubj will/will/AUX/3/aux boycott/boycott/NOUN/0/root Gondor/Gondor/PROPN/3/obj ././PUNCT/3/punct";
        assert_eq!(code(p), vec![ev("ARN", "GON", "191")]);
        // a real noun with a copula is not
        let p = "It/it/PRON/4/nsubj is/be/AUX/4/cop a/a/DET/4/det boycott/boycott/NOUN/0/root of/of/ADP/6/case Gondor/Gondor/PROPN/4/nmod";
        assert!(code(p).is_empty());
    }

    #[test]
    fn coordinated_subjects_hung_on_the_verb() {
        // "Mordor, the awful Fornost, and good Gondor welcomed Osgiliath" as the parser gave it
        let p = "Mordor/Mordor/PROPN/10/nsubj ,/,/PUNCT/5/punct the/the/DET/5/det awful/awful/ADJ/5/amod Fornost/Fornost/PROPN/1/conj ,/,/PUNCT/10/punct \
                 and/and/CCONJ/10/cc good/good/ADJ/9/amod Gondor/Gondor/PROPN/10/nsubj welcomed/welcome/VERB/0/root Osgiliath/Osgiliath/PROPN/10/obj";
        let got = code(p);
        for s in ["MOR", "FOR", "GON"] {
            assert!(got.contains(&ev(s, "OSG", "041")), "{s}: {got:?}");
        }
        // a second subject after a comma only (a reporting clause run on) is not added
        let p = "Arnor/Arnor/PROPN/6/nsubj welcome/welcome/INTJ/6/discourse ,/,/PUNCT/5/punct the/the/DET/5/det Gondor/Gondor/PROPN/6/nsubj opposed/oppose/VERB/0/root Osgiliath/Osgiliath/PROPN/6/obj";
        assert_eq!(code(p), vec![ev("ARN", "OSG", "112")]);
    }

    #[test]
    fn noun_phrase_split_into_two_subjects_takes_its_head() {
        // "Gondor's Deputy | Prime Minister Arnor": two subjects side by side are one phrase
        let p = "Gondor/Gondor/PROPN/3/nmod:poss 's/'s/PART/1/case deputy/deputy/NOUN/6/nsubj minister/minister/NOUN/5/compound Arnor/Arnor/PROPN/6/nsubj \
                 opposed/oppose/VERB/0/root Osgiliath/Osgiliath/PROPN/6/obj";
        assert_eq!(code(p), vec![ev("ARNGOV", "OSG", "112")]);
    }

    #[test]
    fn infinitive_of_purpose_shares_subject_and_phrase() {
        let p = "Arnor/Arnor/PROPN/2/nsubj signed/sign/VERB/0/root an/a/DET/4/det accord/accord/NOUN/2/obj to/to/PART/6/mark supply/supply/VERB/2/advcl \
                 Gondor/Gondor/PROPN/6/obj with/with/ADP/9/case wheat/wheat/NOUN/6/obl";
        assert_eq!(code(p), vec![ev("ARN", "GON", "081")]);
    }

    #[test]
    fn placeholder_codes_do_not_code_and_skip_passes_a_phrase() {
        let p = "Arnor/Arnor/PROPN/2/nsubj restored/restore/VERB/0/root fxll/fxll/ADJ/5/amod diplomatic/diplomatic/ADJ/5/amod ties/tie/NOUN/2/obj with/with/ADP/7/case Gondor/Gondor/PROPN/5/nmod";
        assert_eq!(code(p), vec![ev("ARN", "GON", "064")]);
        let p = "Arnor/Arnor/PROPN/2/nsubj celebrated/celebrate/VERB/0/root Iftar/Iftar/PROPN/2/obj in/in/ADP/5/case Osgiliath/Osgiliath/PROPN/3/nmod \
                 with/with/ADP/8/case the/the/DET/8/det leaders/leader/NOUN/2/obl of/of/ADP/10/case Gondor/Gondor/PROPN/8/nmod";
        assert_eq!(code(p), vec![ev("ARN", "GON", "045")]);
    }

    // the parses below are the language core's, as it gave them for the PETRARCH2 records

    #[test]
    fn multi_word_verb_tagged_as_nouns_takes_its_first_word_arguments() {
        // "wire" (NOUN, root) carries "will not" and the object; "tap" is a compound of "links"
        let p = "Soldiers/soldier/NOUN/6/nsubj from/from/ADP/3/case Gondor/Gondor/PROPN/1/nmod will/will/AUX/6/aux not/not/PART/6/advmod wire/wire/NOUN/0/root \
                 tap/tap/NOUN/10/compound the/the/DET/10/det communication/communication/NOUN/10/compound links/link/NOUN/6/obj leading/lead/VERB/10/acl \
                 into/into/ADP/13/case Mordor/Mordor/PROPN/11/obl ././PUNCT/6/punct";
        assert_eq!(code(p), vec![ev("GONMIL", "MOR", "081")]);
    }

    #[test]
    fn verb_tagged_as_interjection_with_a_subject_is_a_trigger() {
        let p = "Arnor/Arnor/PROPN/4/nsubj and/and/CCONJ/3/cc Gondor/Gondor/PROPN/1/conj welcome/welcome/INTJ/0/root a/a/DET/6/det resumption/resumption/NOUN/4/obj \
                 of/of/ADP/8/case ties/tie/NOUN/6/nmod with/with/ADP/10/case Osgiliath/Osgiliath/PROPN/8/nmod ././PUNCT/4/punct";
        assert_eq!(code(p), vec![ev("ARN", "OSG", "041"), ev("GON", "OSG", "041")]);
        // an interjection without a subject is not
        assert!(code("Welcome/welcome/INTJ/0/root ,/,/PUNCT/3/punct Gondor/Gondor/PROPN/1/vocative").is_empty());
    }

    #[test]
    fn verb_after_a_modal_tagged_as_adverb_takes_the_next_verb_arguments() {
        // "will" and "abandon" (ADV) both hang on "improved", the parse's root
        let p = "Arnor/arnor/NOUN/4/nsubj will/will/AUX/4/aux abandon/abandon/ADV/4/advmod improved/improve/VERB/0/root economic/economic/ADJ/6/amod \
                 relations/relation/NOUN/4/obj with/with/ADP/8/case Gondor/Gondor/PROPN/6/nmod ././PUNCT/4/punct";
        assert_eq!(code(p), vec![ev("ARN", "GON", "904")]);
        // an adverb that is not after a modal stays an adverb
        let p = "Arnor/Arnor/PROPN/3/nsubj often/often/ADV/3/advmod criticized/criticize/VERB/0/root Gondor/Gondor/PROPN/3/obj";
        assert_eq!(code(p), vec![ev("ARN", "GON", "121")]);
    }

    #[test]
    fn infinitive_read_as_preposition_and_noun() {
        let p = "Arnor/Arnor/PROPN/4/nsubj Gondor/Gondor/PROPN/1/flat has/have/AUX/4/aux begun/begin/VERB/0/root to/to/ADP/6/case question/question/NOUN/4/obl \
                 whether/whether/SCONJ/9/mark he/he/PRON/9/nsubj has/have/VERB/6/acl much/much/ADJ/9/obj of/of/ADP/13/case a/a/DET/13/det future/future/NOUN/10/obl \
                 with/with/ADP/15/case Mordor/Mordor/PROPN/9/obl ././PUNCT/4/punct";
        assert_eq!(code(p), vec![ev("ARN", "MOR", "212")]);
        // "returned to question time": not after a verb that takes an infinitive
        let p = "Arnor/Arnor/PROPN/2/nsubj returned/return/VERB/0/root to/to/ADP/4/case question/question/NOUN/2/obl time/time/NOUN/4/compound";
        assert!(code(p).is_empty());
    }

    #[test]
    fn object_hung_elsewhere_joins_the_verb_phrase() {
        // "treaty" parsed as the subject of "trashed"
        let p = "Arnor/Arnor/PROPN/2/nsubj broken/break/VERB/21/ccomp down/down/ADP/2/compound:prt a/a/DET/5/det treaty/treaty/NOUN/14/nsubj with/with/ADP/11/case \
                 Gondor/Gondor/PROPN/11/nmod:poss 's/'s/PART/7/case almost/almost/ADV/10/advmod five/five/NUM/11/nummod years/year/NOUN/5/nmod after/after/ADP/13/case \
                 crowds/crowd/NOUN/11/nmod trashed/trash/VERB/2/conj its/its/PRON/16/nmod:poss embassy/embassy/NOUN/14/obj ,/,/PUNCT/20/punct a/a/DET/20/det \
                 senior/senior/ADJ/20/amod official/official/NOUN/21/nsubj said/say/VERB/0/root on/on/ADP/23/case Saturday/Saturday/PROPN/21/obl ././PUNCT/21/punct";
        assert_eq!(code(p), vec![ev("ARN", "GON", "161")]);
        // "ties" hung on "about", past a comma inside the phrase
        let p = "Arnor/Arnor/PROPN/3/nsubj is/be/AUX/3/cop about/about/ADJ/0/root to/to/PART/5/mark restore/restore/VERB/3/xcomp complete/complete/ADJ/5/xcomp \
                 ,/,/PUNCT/10/punct full/full/ADJ/10/amod diplomatic/diplomatic/ADJ/10/amod ties/tie/NOUN/3/obl with/with/ADP/12/case Gondor/Gondor/PROPN/10/nmod";
        assert_eq!(code(p), vec![ev("ARN", "GON", "064")]);
        // a clause break is not passed: "Arnor criticized, Gondor said"
        let p = "Arnor/Arnor/PROPN/2/nsubj criticized/criticize/VERB/5/ccomp ,/,/PUNCT/5/punct Gondor/Gondor/PROPN/5/nsubj said/say/VERB/0/root";
        assert_eq!(code(p), vec![ev("ARN", "-", "121")]);
    }

    #[test]
    fn gerund_split_off_its_object_stays_in_the_phrase() {
        let p = "Arnor/Arnor/PROPN/4/nsubj Gondor/Gondor/PROPN/1/flat has/have/AUX/4/aux rescheduled/reschedule/VERB/0/root his/his/PRON/7/nmod:poss \
                 annual/annual/ADJ/7/amod mushroom/mushroom/NOUN/4/obj hunting/hunt/VERB/4/advcl trip/trip/NOUN/8/obj in/in/ADP/13/case the/the/DET/13/det \
                 White/white/ADJ/13/amod Osgiliath/Osgiliath/PROPN/9/nmod ././PUNCT/4/punct";
        assert_eq!(code(p), vec![ev("ARN", "OSG", "082")]);
        // after a comma it is a clause of its own: "Arnor rescheduled the talks, citing Gondor"
        let p = "Arnor/Arnor/PROPN/2/nsubj rescheduled/reschedule/VERB/0/root the/the/DET/4/det talks/talk/NOUN/2/obj ,/,/PUNCT/6/punct citing/cite/VERB/2/advcl Gondor/Gondor/PROPN/6/obj";
        assert_eq!(code(p), vec![ev("ARN", "-", "082")]);
    }

    #[test]
    fn names_joined_by_and_inside_one_compound_are_coordinated() {
        // "the United States and South | Korea": the parser made "States", "and" and "South" compounds of "Korea"
        let p = "Arnor/Arnor/PROPN/2/nsubj criticized/criticize/VERB/0/root the/the/DET/4/det Gondor/Gondor/PROPN/6/compound and/and/CCONJ/6/cc Osgiliath/Osgiliath/PROPN/2/obj";
        assert_eq!(code(p), vec![ev("ARN", "OSG", "121"), ev("ARN", "GON", "121")]);
        // without "and" the head's name alone
        let p = "Arnor/Arnor/PROPN/2/nsubj criticized/criticize/VERB/0/root Gondor/Gondor/PROPN/4/compound Osgiliath/Osgiliath/PROPN/2/obj";
        assert_eq!(code(p), vec![ev("ARN", "OSG", "121")]);
    }

    #[test]
    fn pattern_words_in_someone_elses_clause_are_not_the_verbs() {
        // ASK's "* SENTENCE" (a prison sentence) on the language core's parses: "sentence" in a
        // clause with a subject of its own, under the verb's phrase, is what others do
        let verbs = VerbDictionary::parse("--- ASK [020] ---\nASK\n- * SENTENCE [173]\n");
        let actors = DictActors::new(parse_actors("M5S [ITAPTY]\n"), &parse_agents("GOVERNMENT [~GOV]\nPROSECUTOR [~JUD]\n"));
        let coder = Coder::new(&verbs, CoderConfig { noun_triggers: false, ..CoderConfig::default() });
        let codes = |parse: &str| coder.code_sentence(&sentence(parse), &actors).into_iter().map(|e| e.code).collect::<Vec<_>>();
        let apply = codes(
            "In/in/ADP/4/case the/the/DET/4/det second/second/ADJ/4/amod case/case/NOUN/9/obl ,/,/PUNCT/4/punct the/the/DET/8/det M5S/M5S/PROPN/8/compound party/party/NOUN/9/nsubj asks/ask/NOUN/0/root \
             to/to/ADP/13/case the/the/DET/13/det regional/regional/ADJ/13/amod government/government/NOUN/9/nmod to/to/PART/15/mark assure/assure/VERB/9/acl the/the/DET/18/det local/local/ADJ/18/amod \
             administrations/administration/NOUN/23/nsubj of/of/ADP/21/case the/the/DET/21/det region/region/NOUN/18/nmod regularly/regularly/ADV/23/advmod apply/apply/VERB/15/ccomp the/the/DET/25/det \
             sentence/sentence/NOUN/23/obj of/of/ADP/29/case the/the/DET/29/det Supreme/Supreme/ADJ/29/amod Court/Court/PROPN/25/nmod ././PUNCT/9/punct",
        );
        assert_eq!(apply, vec!["020".to_string()], "{apply:?}");
        // the verb's own phrase, and an infinitive without a subject of its own, still match
        let own = codes("The/the/DET/3/det M5S/m5/NOUN/3/compound party/party/NOUN/4/nsubj asks/ask/NOUN/0/root for/for/ADP/8/case a/a/DET/8/det harsh/harsh/ADJ/8/amod sentence/sentence/NOUN/4/obl ././PUNCT/4/punct");
        assert_eq!(own, vec!["173".to_string()], "{own:?}");
        let infinitive = codes(
            "The/the/DET/2/det prosecutors/prosecutor/NOUN/3/nsubj asked/ask/VERB/0/root the/the/DET/5/det court/court/NOUN/3/obj to/to/PART/7/mark impose/impose/VERB/3/xcomp a/a/DET/10/det \
             harsh/harsh/ADJ/10/amod sentence/sentence/NOUN/7/obj ././PUNCT/3/punct",
        );
        assert_eq!(infinitive, vec!["173".to_string()], "{infinitive:?}");
    }

    #[test]
    fn subject_list_slips_keep_every_name() {
        // "Evil Gondor, the awful Osgiliath, and good Fornost welcomed Arnor": both names appositions of "Evil"
        let p = "Evil/evil/NOUN/11/nsubj Gondor/gondor/PROPN/1/appos ,/,/PUNCT/6/punct the/the/DET/6/det awful/awful/ADJ/6/amod Osgiliath/osgiliath/PROPN/1/appos \
                 ,/,/PUNCT/11/punct and/and/CCONJ/11/cc good/good/ADJ/10/amod Fornost/fornost/NOUN/11/nsubj welcomed/welcome/VERB/0/root Arnor/arnor/PROPN/11/obj";
        let got = code(p);
        for s in ["GON", "OSG", "FOR"] {
            assert!(got.contains(&ev(s, "ARN", "041")), "{s}: {got:?}");
        }
        // the last name hung on the verb as a conjunct
        let p = "Evil/evil/NOUN/11/nsubj Arnor/arnor/PROPN/1/appos ,/,/PUNCT/6/punct the/the/DET/6/det awful/awful/ADJ/6/amod Gondor/gondor/PROPN/2/conj \
                 ,/,/PUNCT/10/punct and/and/CCONJ/10/cc good/good/ADJ/10/amod Fornost/fornost/NOUN/11/conj welcomed/welcome/VERB/0/root Osgiliath/osgiliath/PROPN/11/obj";
        let got = code(p);
        for s in ["ARN", "GON", "FOR"] {
            assert!(got.contains(&ev(s, "OSG", "041")), "{s}: {got:?}");
        }
        // the first name of a list read as a discourse word
        let p = "Osgiliath/osgiliath/INTJ/8/discourse ,/,/PUNCT/1/punct Gondor/gondor/PROPN/8/nsubj ,/,/PUNCT/5/punct Mordor/mordor/PROPN/3/conj and/and/CCONJ/7/cc \
                 Fornost/fornost/PROPN/5/conj welcomed/welcome/VERB/0/root Arnor/arnor/PROPN/8/obj";
        let got = code(p);
        for s in ["OSG", "GON", "MOR", "FOR"] {
            assert!(got.contains(&ev(s, "ARN", "041")), "{s}: {got:?}");
        }
        // one apposition describes its head; a discourse word before a single subject is no actor
        let p = "Gondor/gondor/PROPN/5/nsubj ,/,/PUNCT/4/punct the/the/DET/4/det Arnor/arnor/PROPN/1/appos welcomed/welcome/VERB/0/root Osgiliath/osgiliath/PROPN/5/obj";
        assert_eq!(code(p), vec![ev("GON", "OSG", "041")]);
        let p = "Mordor/mordor/INTJ/4/discourse ,/,/PUNCT/1/punct Gondor/gondor/PROPN/4/nsubj welcomed/welcome/VERB/0/root Osgiliath/osgiliath/PROPN/4/obj";
        assert_eq!(code(p), vec![ev("GON", "OSG", "041")]);
    }

    #[test]
    fn object_read_as_parataxis_joins_the_verb_phrase() {
        // "Gondor is about to restore complete, full diplomatic ties with Arnor" with "ties" a parataxis of "about"
        let p = "Gondor/gondor/NOUN/3/nsubj is/be/AUX/3/cop about/about/ADJ/0/root to/to/PART/5/mark restore/restore/VERB/3/xcomp complete/complete/ADJ/5/xcomp \
                 ,/,/PUNCT/10/punct full/full/ADJ/10/amod diplomatic/diplomatic/ADJ/10/amod ties/tie/NOUN/3/parataxis with/with/ADP/12/case Arnor/arnor/PROPN/10/nmod";
        assert_eq!(code(p), vec![ev("GON", "ARN", "064")]);
        // a clause of its own ("ties are strong") is not
        let p = "Gondor/gondor/PROPN/2/nsubj restored/restore/VERB/0/root ,/,/PUNCT/5/punct ties/tie/NOUN/2/parataxis are/be/AUX/6/cop strong/strong/ADJ/2/parataxis with/with/ADP/8/case Arnor/arnor/PROPN/6/obl";
        assert!(!code(p).contains(&ev("GON", "ARN", "064")), "{:?}", code(p));
    }

    #[test]
    fn subject_after_a_subordinator_read_as_a_prepositional_object() {
        // "Arnor is about to restore ties with Gondor, almost five years after Mordor crowds burned down its
        // embassy": "crowds" as a modifier of "years", "years" the subject of "burned"
        let p = "Arnor/arnor/PROPN/3/nsubj is/be/AUX/3/cop about/about/ADJ/0/root to/to/PART/5/mark restore/restore/VERB/3/xcomp diplomatic/diplomatic/ADJ/7/amod \
                 ties/tie/NOUN/5/obj with/with/ADP/9/case Gondor/gondor/PROPN/7/nmod ,/,/PUNCT/17/punct almost/almost/ADV/12/advmod five/five/NUM/13/nummod \
                 years/year/NOUN/17/nsubj after/after/ADP/16/case Mordor/mordor/PROPN/16/compound crowds/crowd/NOUN/13/nmod burned/burn/VERB/3/parataxis \
                 down/down/ADP/17/compound:prt its/its/PRON/20/nmod:poss embassy/embassy/NOUN/17/obj";
        let got = code(p);
        assert!(got.contains(&ev("MOR", "-", "222")), "{got:?}");
        assert!(got.contains(&ev("ARN", "GON", "064")), "{got:?}");
        // the same with "burned" a conjunct of "restore": not Arnor's act
        let p = "Arnor/arnor/PROPN/3/nsubj is/be/AUX/3/cop about/about/ADJ/0/root to/to/PART/5/mark restore/restore/VERB/3/xcomp ties/tie/NOUN/5/obj \
                 after/after/ADP/9/case Mordor/mordor/PROPN/9/compound crowds/crowd/NOUN/5/obl burned/burn/VERB/5/conj its/its/PRON/12/nmod:poss embassy/embassy/NOUN/10/obj";
        let got = code(p);
        assert!(got.contains(&ev("MOR", "-", "222")) && !got.iter().any(|e| e.0 == "ARN" && e.2 == "222"), "{got:?}");
        // a verb with a subject of its own keeps it: "after the talks Arnor burned the flag"
        let p = "after/after/ADP/3/case the/the/DET/3/det talks/talk/NOUN/5/obl Arnor/arnor/PROPN/5/nsubj burned/burn/VERB/0/root the/the/DET/7/det flag/flag/NOUN/5/obj";
        assert_eq!(code(p), vec![ev("ARN", "-", "222")]);
    }
}

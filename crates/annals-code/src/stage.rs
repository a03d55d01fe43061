//! The `events` stage: codes a document's sentences into contract events.

use annals_core::{Actor, Claimant, Document, Event, EventPlace, Factuality, PloverType, Span, Stage, StageError, Trigger, UNSCORED_CONFIDENCE};

use crate::actors::{AgentIndex, Coded, DocActors};
use crate::coder::{Coder, CoderConfig, RawEvent};
use crate::factuality::{assess, Assessment};
use crate::lexicon::Lexicon;
use crate::sent::Sentence;
use crate::verifier::Verifier;

/// Candidates scoring under this are not emitted at all (unless the model's
/// own threshold is lower); the default view filters at the model's threshold
/// ([`crate::DEFAULT_MIN_CONFIDENCE`]), and users may go lower down to this.
pub const EMIT_FLOOR: f64 = 0.1;

/// Where a reading comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The dictionaries' own event (CAMEO pattern or event noun).
    Dictionary,
    /// Another reading of a dictionary trigger (type or actors changed).
    Reading,
    /// A word of the trigger lexicon the dictionaries do not code.
    Lexicon,
}

/// How much more confident another reading of a dictionary trigger must be
/// to replace the dictionaries' own. On dev, 0 to 0.05 score alike (20–21
/// right at the default threshold), larger margins lose events; the margin
/// keeps the dictionaries' reading where the verifier hardly prefers another.
pub const SWITCH_MARGIN: f64 = 0.05;

/// One reading of a trigger and what the verifier reads of it.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The event as this reading codes it.
    pub event: Event,
    /// Its verifier features.
    pub features: Vec<String>,
    /// Whether the news filter would drop it.
    pub screened: bool,
    /// Where the reading comes from.
    pub origin: Origin,
    /// The trigger: sentence index and first token; the readings of one
    /// trigger compete, and at most one becomes an event.
    pub trigger: (usize, usize),
    /// The dictionary's coding, for its readings.
    raw: Option<RawEvent>,
}

/// The events of a document's candidates, each with its confidence. A
/// trigger the dictionaries code keeps their events (those the news filter
/// keeps), the best of them replaced by the verifier's best reading when that
/// is [`SWITCH_MARGIN`] more confident and reaches `floor`: no dictionary
/// event disappears from the record (the default views filter on
/// confidence). A word only the trigger lexicon knows becomes an event when
/// its best reading reaches `floor`. Of several events with the same
/// sentence, type, source and target, the most confident is kept.
pub fn select(cands: Vec<Candidate>, verifier: &Verifier, floor: f64) -> Vec<Event> {
    let scores: Vec<f64> = cands
        .iter()
        .map(|c| verifier.confidence(&c.features))
        .collect();
    // per trigger: its best reading, and the dictionaries' events the news filter keeps
    let mut order: Vec<(usize, usize)> = Vec::new();
    let mut best: std::collections::HashMap<(usize, usize), (usize, Vec<usize>)> =
        std::collections::HashMap::new();
    for (i, c) in cands.iter().enumerate() {
        let slot = best.entry(c.trigger).or_insert_with(|| {
            order.push(c.trigger);
            (i, Vec::new())
        });
        if scores[i] > scores[slot.0] {
            slot.0 = i;
        }
        if c.origin == Origin::Dictionary && !c.screened {
            slot.1.push(i);
        }
    }
    let mut picked: Vec<usize> = Vec::new();
    for key in &order {
        let (top, dict) = &best[key];
        let best_dict = dict
            .iter()
            .copied()
            .max_by(|&a, &b| scores[a].total_cmp(&scores[b]));
        match best_dict {
            // the verifier overrules the dictionaries' reading only by a clear margin;
            // their other events of the trigger ("both sides condemned") stay
            Some(d) if scores[*top] >= scores[d] + SWITCH_MARGIN && scores[*top] >= floor => {
                picked.extend(dict.iter().copied().filter(|&x| x != d));
                picked.push(*top);
            }
            Some(_) => picked.extend(dict.iter().copied()),
            None if scores[*top] >= floor && !cands[*top].screened => picked.push(*top),
            None => {}
        }
    }
    let mut events: Vec<Event> = Vec::new();
    let mut cands: Vec<Option<Candidate>> = cands.into_iter().map(Some).collect();
    for i in picked {
        let Some(c) = cands[i].take() else { continue };
        let mut ev = c.event;
        ev.confidence = scores[i];
        if let Some(o) = events.iter_mut().find(|o| {
            o.sentence == ev.sentence
                && o.kind == ev.kind
                && o.source == ev.source
                && o.target == ev.target
        }) {
            if o.confidence < ev.confidence {
                *o = ev;
            }
            continue;
        }
        events.push(ev);
    }
    events.sort_by_key(|e| (e.sentence, e.trigger.start));
    events
}

fn bucket(x: f64) -> &'static str {
    match x {
        x if x < 0.05 => "0",
        x if x < 0.15 => "0.1",
        x if x < 0.35 => "0.25",
        x if x < 0.65 => "0.5",
        x if x < 0.9 => "0.75",
        _ => "1",
    }
}

/// The event-coding stage, over the embedded CAMEO lexicon.
pub struct EventStage {
    lex: &'static Lexicon,
    coder: Coder<'static>,
    agents: AgentIndex,
}

impl Default for EventStage {
    fn default() -> Self {
        EventStage::new()
    }
}

impl EventStage {
    /// The stage with the embedded lexicon and document-mode options.
    pub fn new() -> EventStage {
        let lex = Lexicon::embedded();
        EventStage { lex, coder: Coder::new(&lex.verbs, CoderConfig::default()), agents: AgentIndex::new(&lex.agents) }
    }

    /// Codes the events of a document (without storing them): for each
    /// trigger the reading the verifier scores highest, with its confidence;
    /// readings under [`EMIT_FLOOR`] are not emitted.
    pub fn code_document(&self, doc: &Document) -> Vec<Event> {
        let verifier = Verifier::embedded();
        select(
            self.candidates_with(doc, verifier),
            verifier,
            EMIT_FLOOR.min(verifier.threshold),
        )
    }

    /// Every reading of every trigger with its verifier features, under the
    /// committed verifier (its trigger lexicon decides which words are triggers).
    pub fn candidates(&self, doc: &Document) -> Vec<Candidate> {
        self.candidates_with(doc, Verifier::embedded())
    }

    /// The coder's first stage, tuned for recall: the dictionaries' events
    /// (including what the news filter would drop, feature `screened`) and
    /// the words `verifier`'s trigger lexicon knows, each trigger with its
    /// readings (types × sources × targets, see [`crate::choices`]).
    pub fn candidates_with(&self, doc: &Document, verifier: &Verifier) -> Vec<Candidate> {
        let sentences = Sentence::from_document(doc);
        let mut actors = DocActors::new(doc, self.lex, &self.agents);
        let mut out: Vec<Candidate> = Vec::new();
        let mut earlier: Vec<(String, Factuality)> = Vec::new();
        let sports = crate::filter::sports_report(&sentences);
        for sent in &sentences {
            let mut raw = self.coder.code_sentence(sent, &actors);
            // event nouns first, so that "condemned the attack by Russia" finds the attack's actor
            raw.sort_by_key(|r| !r.nominal);
            let mut seen: Vec<Actor> = Vec::new();
            let first_here = out.len();
            for r in raw {
                let Some(kind) = self
                    .lex
                    .plover_type(&r.code)
                    .and_then(|k| k.parse::<PloverType>().ok())
                else {
                    continue;
                };
                let mut a = assess(sent, r.trigger.0, r.nominal);
                // "the blockade" after "plan to block": a definite event noun refers back to that event
                if r.nominal && a.factuality == Factuality::Actual && sent.parsed {
                    let t = &sent.toks[r.trigger.0];
                    let definite = sent
                        .deps(r.trigger.0, "det")
                        .any(|d| matches!(sent.toks[d].lemma.as_str(), "the" | "this" | "that"));
                    if definite {
                        if let Some((_, f)) = earlier.iter().rev().find(|(l, _)| {
                            l.len() >= 4
                                && (t.lemma.starts_with(l.as_str())
                                    || l.starts_with(t.lemma.as_str()))
                        }) {
                            a.factuality = *f;
                        }
                    }
                }
                earlier.push((sent.toks[r.trigger.0].lemma.clone(), a.factuality));
                let mut ev = self.build(doc, sent, &r, kind, &a, &actors);
                if !r.nominal && sent.parsed {
                    // "condemned the attack by Russia on Ukraine": the object is an event coded in
                    // this sentence; who did it is the target, not that event's own target
                    let obj_event_source = sent.deps(r.trigger.0, "obj").next().and_then(|o| {
                        out[first_here..]
                            .iter()
                            .filter(|c| !c.screened && c.origin == Origin::Dictionary)
                            .map(|c| &c.event)
                            .filter(|e| e.trigger.start == sent.toks[o].start)
                            .find_map(|e| e.source.clone())
                            .filter(|s| ev.source.as_ref().is_none_or(|x| x.name != s.name))
                    });
                    if obj_event_source.is_some() {
                        ev.target = obj_event_source;
                    } else if ev.target.is_none() {
                        let before: Vec<Event> = out
                            .iter()
                            .filter(|c| {
                                !c.screened
                                    && c.origin == Origin::Dictionary
                                    && c.event.sentence + 2 >= sent.index
                            })
                            .map(|c| c.event.clone())
                            .collect();
                        ev.target =
                            self.event_object_actor(sent, r.trigger.0, ev.source.as_ref(), &before);
                    }
                }
                let screened = !crate::filter::screen(doc, sent, self.lex, sports, &r, &mut ev);
                // "used tear gas to disperse the crowd": the same code between the same actors
                // twice in one sentence is one event told twice
                let told = out[first_here..].iter().any(|o| {
                    !o.screened
                        && o.event.cameo == ev.cameo
                        && o.event.source == ev.source
                        && o.event.target == ev.target
                        && o.event.factuality == ev.factuality
                });
                if told {
                    continue;
                }
                if !screened {
                    for x in [&ev.source, &ev.target].into_iter().flatten() {
                        seen.push(x.clone());
                    }
                }
                let mut features = crate::features::candidate_features(
                    doc,
                    sent,
                    r.trigger.0,
                    r.nominal,
                    r.trigger.1 > r.trigger.0,
                    &ev,
                    &a,
                    screened,
                );
                features.push("origin=dictionary".into());
                out.push(Candidate {
                    event: ev,
                    features,
                    screened,
                    origin: Origin::Dictionary,
                    trigger: (sent.index, r.trigger.0),
                    raw: Some(r),
                });
            }
            self.add_readings(doc, sent, &actors, verifier, first_here, &mut out);
            // people and organisations of the sentence feed "both sides" in later sentences (places do not)
            for e in doc
                .entities
                .iter()
                .filter(|e| sent.span.contains(Span::new(e.start, e.end)))
            {
                if matches!(
                    e.kind,
                    annals_core::EntityType::Person | annals_core::EntityType::Org
                ) {
                    seen.push(Actor {
                        text: e.text.clone(),
                        name: Some(e.name.clone()),
                        country: e.country.clone(),
                        sector: e.sector.clone(),
                    });
                }
            }
            actors.remember(&seen);
        }
        crate::features::add_sentence_features(&mut out);
        out
    }

    /// The other readings of the sentence's triggers: for each dictionary
    /// trigger and each word the trigger lexicon knows, its types crossed with
    /// the sources and targets the dictionary and the parse give (and none).
    fn add_readings(
        &self,
        doc: &Document,
        sent: &Sentence,
        actors: &DocActors,
        verifier: &Verifier,
        first_here: usize,
        out: &mut Vec<Candidate>,
    ) {
        if sent.toks.len() > 150 {
            return;
        }
        // triggers of the sentence: dictionary ones first, then lexicon words
        let mut triggers: Vec<(usize, usize, bool)> = Vec::new();
        for c in &out[first_here..] {
            if let Some(r) = &c.raw {
                if !triggers.iter().any(|t| t.0 == r.trigger.0) {
                    triggers.push((r.trigger.0, r.trigger.1, r.nominal));
                }
            }
        }
        for t in 0..sent.toks.len() {
            if triggers.iter().any(|x| x.0 == t)
                || !matches!(sent.toks[t].upos.as_str(), "VERB" | "NOUN" | "ADJ" | "")
            {
                continue;
            }
            let [bigram, lemma] = crate::choices::trigger_keys(sent, t);
            let multi = bigram.as_deref().and_then(|k| verifier.key(k)).is_some();
            if multi || lemma.as_deref().and_then(|k| verifier.key(k)).is_some() {
                triggers.push((
                    t,
                    if multi { t + 1 } else { t },
                    sent.toks[t].upos == "NOUN",
                ));
            }
        }
        for (t0, t1, nominal) in triggers {
            let dict: Vec<Candidate> = out[first_here..]
                .iter()
                .filter(|c| c.origin == Origin::Dictionary && c.trigger.1 == t0)
                .cloned()
                .collect();
            let mut added: Vec<Candidate> = Vec::new();
            let keys = crate::choices::trigger_keys(sent, t0);
            let stats = keys
                .iter()
                .flatten()
                .find_map(|k| verifier.key(k).map(|s| (k.clone(), s)));
            let mut kinds: Vec<PloverType> = dict.iter().map(|c| c.event.kind).collect();
            // force between states stays force: the judged articles are mostly US politics, where
            // "attacked" is criticism; the verifier may not carry that over to "Russia attacked Ukraine".
            // A state-level actor: a country code, no sector or government/military, and a one-word
            // name ("Russia", "Pentagon") or no sector at all (countries, capitals)
            let state = |a: &Option<Actor>| a.as_ref().is_some_and(|a| a.country.is_some() && matches!(a.sector.as_deref(), None | Some("GOV") | Some("MIL")) && a.name.as_deref().is_none_or(|n| !n.contains(' ') || a.sector.is_none()));
            let material = dict.iter().any(|c| matches!(c.event.kind, PloverType::Assault | PloverType::Coerce | PloverType::Sanction | PloverType::Mobilize) && (state(&c.event.source) || state(&c.event.target)));
            if let Some((_, st)) = stats.as_ref().filter(|_| !material) {
                let used: u32 = st.types.iter().map(|x| x.1).sum();
                for (k, n) in st.types.iter().take(3) {
                    let Ok(k) = k.parse::<PloverType>() else {
                        continue;
                    };
                    if f64::from(*n) >= 0.15 * f64::from(used) && !kinds.contains(&k) {
                        kinds.push(k);
                    }
                }
            }
            let roles = crate::choices::parse_roles(sent, t0, nominal);
            let a = assess(sent, t0, nominal);
            // what the news filter drops, its other readings do not bring back
            let screened = !dict.is_empty() && dict.iter().all(|c| c.screened);
            let at = |i: usize| crate::choices::actor_at(doc, sent, actors, i);
            let same = |a: &Option<crate::actors::Coded>, b: &Actor| {
                a.as_ref().is_some_and(|c| c.actor == *b)
            };
            let add = |list: &mut Vec<(Option<crate::actors::Coded>, &'static str)>,
                       c: Option<crate::actors::Coded>,
                       from: &'static str| {
                if let Some(c) = c {
                    if !list.iter().any(|x| same(&x.0, &c.actor)) {
                        list.push((Some(c), from));
                    }
                }
            };
            // a dictionary trigger keeps the dictionaries' actors (seats, IGOs, dated roles) where they
            // found one; the parse, the reporter, the speaker and nearby entities fill an empty role
            let dict_source = dict.iter().any(|c| c.event.source.is_some());
            let dict_target = dict.iter().any(|c| c.event.target.is_some());
            let mut sources: Vec<(Option<crate::actors::Coded>, &'static str)> =
                vec![(None, "none")];
            let mut targets: Vec<(Option<crate::actors::Coded>, &'static str)> =
                vec![(None, "none")];
            if !dict_source {
                add(
                    &mut sources,
                    roles.source.and_then(at),
                    if roles.raised {
                        "parse-raised"
                    } else {
                        "parse"
                    },
                );
                // who says it: the subject of the reporting verb ("Christie said Clinton's remarks were a disgrace")
                if sent.parsed {
                    if let Some(rv) = a.reported_by {
                        add(
                            &mut sources,
                            sent.deps(rv, "nsubj").next().and_then(at),
                            "reporter",
                        );
                    }
                }
                // inside a quote: its speaker
                let tstart = sent.toks[t0].start;
                if let Some(sp) = doc
                    .quotes
                    .iter()
                    .find(|q| q.start <= tstart && tstart < q.end)
                    .and_then(|q| q.speaker.as_ref())
                {
                    let actor = Actor {
                        text: sp.text.clone(),
                        name: sp.name.clone(),
                        country: None,
                        sector: None,
                    };
                    if !actor.text.is_empty() {
                        add(
                            &mut sources,
                            Some(crate::actors::Coded {
                                code: String::new(),
                                actor,
                                tok: usize::MAX,
                            }),
                            "speaker",
                        );
                    }
                }
            }
            let [before, after] = crate::choices::entities_around(doc, sent, t0);
            if !dict_source {
                add(&mut sources, before, "entity-before");
            }
            if !dict_target {
                add(&mut targets, roles.target.and_then(at), "parse");
                // "condemned North Korea's nuclear test": the possessor of an event-noun object
                if let Some(o) = roles.target.filter(|_| sent.parsed) {
                    add(
                        &mut targets,
                        sent.deps_full(o, "nmod:poss").next().and_then(at),
                        "possessor",
                    );
                }
                add(&mut targets, after, "entity-after");
            }
            for c in &dict {
                if let (Some(r), Some(a)) = (&c.raw, &c.event.source) {
                    if !sources.iter().any(|s| same(&s.0, a)) {
                        let tok = r.source.as_ref().map_or(t0, |x| x.tok);
                        sources.push((
                            Some(crate::actors::Coded {
                                code: String::new(),
                                actor: a.clone(),
                                tok,
                            }),
                            "dictionary",
                        ));
                    }
                }
                if let (Some(r), Some(a)) = (&c.raw, &c.event.target) {
                    if !targets.iter().any(|s| same(&s.0, a)) {
                        let tok = r.target.as_ref().map_or(t0, |x| x.tok);
                        targets.push((
                            Some(crate::actors::Coded {
                                code: String::new(),
                                actor: a.clone(),
                                tok,
                            }),
                            "dictionary",
                        ));
                    }
                }
            }
            let lemma_key = stats.as_ref().map(|(k, _)| k.as_str()).unwrap_or("");
            for kind in &kinds {
                for (src, src_from) in &sources {
                    for (tgt, tgt_from) in &targets {
                        if let (Some(x), Some(y)) = (src, tgt) {
                            if x.actor == y.actor || x.tok == y.tok {
                                continue;
                            }
                        }
                        // the dictionary's own reading is already there
                        if dict.iter().any(|c| {
                            c.event.kind == *kind
                                && c.event.source.as_ref() == src.as_ref().map(|x| &x.actor)
                                && c.event.target.as_ref() == tgt.as_ref().map(|x| &x.actor)
                        }) {
                            continue;
                        }
                        let code = dict
                            .iter()
                            .map(|c| c.event.cameo.as_str())
                            .find(|code| self.lex.plover_type(code) == Some(kind.as_str()))
                            .unwrap_or(crate::choices::default_cameo(kind.as_str()))
                            .to_string();
                        let r = RawEvent {
                            code,
                            source: src.clone(),
                            target: tgt.clone(),
                            trigger: (t0, t1),
                            nominal,
                        };
                        let ev = self.build(doc, sent, &r, *kind, &a, actors);
                        let mut features = crate::features::candidate_features(
                            doc,
                            sent,
                            t0,
                            nominal,
                            t1 > t0,
                            &ev,
                            &a,
                            screened,
                        );
                        features.push(format!(
                            "origin={}",
                            if dict.is_empty() {
                                "lexicon"
                            } else {
                                "reading"
                            }
                        ));
                        features.push(format!("src-from={src_from}"));
                        features.push(format!("tgt-from={tgt_from}"));
                        features.push(format!("src-from×type={src_from}×{kind}"));
                        features.push(format!("tgt-from×type={tgt_from}×{kind}"));
                        features.push(format!("from×type={src_from}×{tgt_from}×{kind}"));
                        features.push(format!(
                            "src-from×deprel={src_from}×{}",
                            sent.toks[t0].deprel
                        ));
                        features.push(format!(
                            "lemma×src-from={}×{src_from}",
                            sent.toks[t0].lemma.to_lowercase()
                        ));
                        if dict.iter().any(|c| c.event.kind == *kind) {
                            features.push("dictionary-type".into());
                        }
                        for c in &dict {
                            features.push(format!("dictionary-type={}→{kind}", c.event.kind));
                        }
                        if let Some((_, st)) = &stats {
                            let used: u32 = st.types.iter().map(|x| x.1).sum();
                            let n = st
                                .types
                                .iter()
                                .find(|x| x.0 == kind.as_str())
                                .map_or(0, |x| x.1);
                            features.push(format!(
                                "lex-share={}",
                                bucket(f64::from(n) / f64::from(used.max(1)))
                            ));
                            features.push(format!("lex-rate={}", bucket(st.rate)));
                            features.push(format!("lex-key×type={lemma_key}×{kind}"));
                        } else {
                            features.push("lex-unknown".into());
                        }
                        added.push(Candidate {
                            event: ev,
                            features,
                            screened,
                            origin: if dict.is_empty() {
                                Origin::Lexicon
                            } else {
                                Origin::Reading
                            },
                            trigger: (sent.index, t0),
                            raw: None,
                        });
                    }
                }
            }
            out.extend(added);
        }
    }

    /// "Seoul condemned the launches": when a verb's object names an event rather
    /// than an actor, the target is who did that event — the source of the latest
    /// earlier event of the same stem ("launches" ← "launch"), in this sentence or
    /// the two before, whose source is not the verb's own.
    fn event_object_actor(&self, sent: &Sentence, v: usize, source: Option<&Actor>, earlier: &[Event]) -> Option<Actor> {
        if !sent.parsed {
            return None;
        }
        let o = sent.deps(v, "obj").next()?;
        let t = &sent.toks[o];
        if t.upos != "NOUN" {
            return None;
        }
        let stem = |w: &str| w.to_lowercase().chars().take(5).collect::<String>();
        let want = stem(&t.lemma);
        if want.chars().count() < 4 {
            return None;
        }
        earlier
            .iter()
            .rev()
            .take_while(|e| e.sentence + 2 >= sent.index)
            .filter(|e| stem(&e.trigger.text) == want || stem(&e.trigger.text) == stem(&t.form))
            .filter_map(|e| e.source.clone())
            .find(|s| source.is_none_or(|x| x.name != s.name))
    }

    fn build(&self, doc: &Document, sent: &Sentence, r: &RawEvent, kind: PloverType, a: &Assessment, actors: &DocActors) -> Event {
        let (t0, t1) = r.trigger;
        let trigger = Trigger {
            text: sent.toks[t0..=t1].iter().map(|t| t.form.as_str()).collect::<Vec<_>>().join(" "),
            start: sent.toks[t0].start,
            end: sent.toks[t1].end,
        };
        let (date, date_in_sentence) = self.date_of(doc, sent, t0);
        let mut factuality = a.factuality;
        // present or bare-noun events dated after publication are scheduled
        if factuality == Factuality::Actual && date_in_sentence {
            if let (Some(d), Some(p)) = (date.as_deref(), doc.published) {
                let first = comparable_date(d.split('/').next().unwrap_or(d));
                let first = first.as_str();
                let past_form = sent.toks[t0].form.to_lowercase().ends_with("ed") || sent.toks[t0].form.to_lowercase() != sent.toks[t0].lemma && !r.nominal && !sent.toks[t0].form.to_lowercase().ends_with('s');
                if first > p.format("%Y-%m-%d").to_string().as_str() && !past_form && !first.starts_with(&p.format("%Y-%m-%d").to_string()) {
                    factuality = Factuality::Future;
                }
            }
        }
        Event {
            kind,
            cameo: r.code.clone(),
            source: r.source.as_ref().map(|c| c.actor.clone()),
            target: r.target.as_ref().map(|c| c.actor.clone()),
            trigger,
            date,
            place: self.place_of(doc, sent, r),
            factuality,
            claimed_by: self.claimant(doc, sent, t0, a, actors),
            sentence: sent.index,
            evidence: doc.span_text(sent.span).to_string(),
            // the verifier scores it (`select`)
            confidence: UNSCORED_CONFIDENCE,
        }
    }

    /// The time expression of the trigger's clause, else of the sentence, else the publication date.
    fn date_of(&self, doc: &Document, sent: &Sentence, trig: usize) -> (Option<String>, bool) {
        let in_sentence: Vec<&annals_core::TimeExpr> = doc.times.iter().filter(|t| sent.span.contains(Span::new(t.start, t.end))).collect();
        if !in_sentence.is_empty() {
            // prefer a time inside the trigger's own subtree
            let sub: Vec<usize> = if sent.parsed {
                let clause = sent.toks[trig].head.filter(|_| sent.toks[trig].is_nominal()).unwrap_or(trig);
                sent.subtree(clause)
            } else {
                Vec::new()
            };
            let attached = in_sentence.iter().find(|t| sub.iter().any(|&i| sent.toks[i].start >= t.start && sent.toks[i].end <= t.end));
            let t = attached.or(in_sentence.first()).expect("non-empty");
            return (Some(t.value.clone()), true);
        }
        (doc.published.map(|d| d.format("%Y-%m-%d").to_string()), false)
    }

    /// The place of the trigger's clause ("talks in Doha"), not one that names an actor.
    fn place_of(&self, doc: &Document, sent: &Sentence, r: &RawEvent) -> Option<EventPlace> {
        // an actor from outside the sentence (a quote's speaker) has no token here
        let actor_span = |c: &Option<Coded>| c.as_ref().and_then(|c| sent.toks.get(c.tok)).map(|t| (t.start, t.end));
        let taken: Vec<(usize, usize)> = [actor_span(&r.source), actor_span(&r.target)].into_iter().flatten().collect();
        let places: Vec<&annals_core::Place> = doc
            .places
            .iter()
            .filter(|p| sent.span.contains(Span::new(p.start, p.end)))
            .filter(|p| !taken.iter().any(|&(a, b)| p.start < b && a < p.end))
            .collect();
        if places.is_empty() {
            return None;
        }
        let locative = |p: &annals_core::Place| -> bool {
            if !sent.parsed {
                return true;
            }
            // the place's token is introduced by a locative preposition
            sent.toks.iter().enumerate().any(|(i, t)| {
                t.start >= p.start && t.end <= p.end && sent.deps(i, "case").any(|c| matches!(sent.toks[c].lemma.as_str(), "in" | "at" | "near" | "outside" | "inside" | "on" | "off" | "into" | "across" | "over" | "to"))
            })
        };
        let sub = if sent.parsed { sent.subtree(sent.toks[r.trigger.0].head.filter(|_| r.nominal).unwrap_or(r.trigger.0)) } else { Vec::new() };
        let in_clause = |p: &annals_core::Place| sub.iter().any(|&i| sent.toks[i].start >= p.start && sent.toks[i].end <= p.end);
        let best = places.iter().find(|p| in_clause(p) && locative(p)).or_else(|| places.iter().find(|p| locative(p)))?;
        Some(EventPlace { name: best.name.clone(), country: best.country.clone(), lat: best.lat, lon: best.lon })
    }

    /// Who claims the event: the subject of the reporting verb above it, a quote's speaker, or "according to X".
    fn claimant(&self, doc: &Document, sent: &Sentence, trig: usize, a: &Assessment, actors: &DocActors) -> Option<Claimant> {
        let name_of = |coded: &[Coded], fallback: String| -> Option<Claimant> {
            match coded.first() {
                Some(c) => Some(Claimant { name: c.actor.name.clone().unwrap_or_else(|| c.actor.text.clone()) }),
                None => (!fallback.is_empty()).then_some(Claimant { name: fallback }),
            }
        };
        if let Some(r) = a.reported_by {
            if sent.parsed {
                // the subject, else a noun before the verb the parser hung otherwise ("South Korea's military said")
                let subject = sent.deps(r, "nsubj").next().or_else(|| sent.children[r].iter().copied().find(|&k| k < r && sent.toks[k].is_nominal()));
                if let Some(subj) = subject {
                    let ctx = crate::coder::np_actors_for(sent, actors, subj);
                    let text = sent.subtree(subj).iter().map(|&i| sent.toks[i].form.as_str()).collect::<Vec<_>>().join(" ");
                    return name_of(&ctx, text);
                }
            } else {
                // "..., Seoul said" / "Seoul said ..." / "said Seoul"
                let near: Vec<usize> = (r.saturating_sub(4)..r).rev().chain(r + 1..(r + 4).min(sent.toks.len())).collect();
                for i in near {
                    let ctx = crate::coder::np_actors_for(sent, actors, i);
                    if !ctx.is_empty() {
                        return name_of(&ctx, String::new());
                    }
                }
            }
        }
        // inside a quote with a speaker
        let t = &sent.toks[trig];
        if let Some(q) = doc.quotes.iter().find(|q| q.start <= t.start && t.end <= q.end) {
            if let Some(sp) = &q.speaker {
                let n = sp.name.clone().unwrap_or_else(|| sp.text.clone());
                if !n.is_empty() {
                    return Some(Claimant { name: n });
                }
            }
        }
        // "according to X"
        for i in 0..sent.toks.len() {
            if sent.toks[i].form.eq_ignore_ascii_case("according") && sent.toks.get(i + 1).is_some_and(|x| x.lemma == "to") {
                let target = (i + 2..sent.toks.len()).find(|&j| sent.toks[j].is_nominal() || sent.toks[j].upos.is_empty());
                if let Some(j) = target {
                    let ctx = crate::coder::np_actors_for(sent, actors, j);
                    let text = sent.toks[j].form.clone();
                    return name_of(&ctx, text);
                }
            }
        }
        None
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }

    /// Nothing is strictly required: sentences, tokens, entities, times, places and
    /// quotes are used when earlier stages filled them (see docs/events.md).
    fn requires(&self) -> &'static [&'static str] {
        &[]
    }

    fn provides(&self) -> &'static [&'static str] {
        &["events"]
    }

    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        if doc.sentences.is_empty() && !doc.text.trim().is_empty() {
            // events point at sentences: without the language core, split them here
            doc.sentences = split_sentences(&doc.text);
            doc.meta.notes.push("events: no sentences layer; sentences split by the events stage".into());
        }
        if doc.tokens.is_empty() && !doc.text.trim().is_empty() {
            doc.meta.notes.push("events: no token layer; events coded from word positions (no parse)".into());
        }
        doc.events = self.code_document(doc);
        Ok(())
    }
}

/// A time value as a comparable `YYYY-MM-DD` prefix: an ISO week (`2024-W19`)
/// becomes a day of that week (January 4th plus whole weeks), which sorts it
/// among days ("last week" is not after the publication day); other values
/// are kept.
fn comparable_date(v: &str) -> String {
    let Some((y, w)) = v.split_once("-W") else { return v.to_string() };
    let (Ok(year), Ok(week)) = (y.parse::<i32>(), w.get(..2).unwrap_or(w).parse::<u32>()) else { return v.to_string() };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    // January 4th is always in week 1; its week's Thursday is within three days of it
    let mut day = 4 + (week.max(1) - 1) * 7;
    for (m, &n) in days.iter().enumerate() {
        if day <= n {
            return format!("{year:04}-{:02}-{day:02}", m + 1);
        }
        day -= n;
    }
    format!("{year:04}-12-31")
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gov", "sen", "rep", "st", "gen", "col", "lt", "sgt", "capt", "maj", "adm", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "inc", "corp", "ltd", "co", "jr", "sr", "u.s", "u.k",
    "u.n", "e.g", "i.e", "pres", "rev", "mt", "ft",
];

/// Sentence spans of a text: breaks at paragraph ends and after `.`, `!`, `?`
/// followed by a space and a capital or a quote, except after abbreviations
/// and initials. Used only when the language core has not run.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let push = |out: &mut Vec<Span>, a: usize, b: usize| {
        let mut a = a;
        let mut b = b;
        while a < b && chars[a].is_whitespace() {
            a += 1;
        }
        while b > a && chars[b - 1].is_whitespace() {
            b -= 1;
        }
        if a < b {
            out.push(Span::new(a, b));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' && chars.get(i + 1) == Some(&'\n') {
            push(&mut out, start, i);
            start = i + 2;
            i += 2;
            continue;
        }
        if matches!(c, '.' | '!' | '?') {
            // closing quotes and brackets stay with the sentence
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j], '"' | '\'' | '”' | '’' | ')') {
                j += 1;
            }
            let next_starts = chars.get(j).is_some_and(|w| w.is_whitespace())
                && chars[j..].iter().find(|x| !x.is_whitespace()).is_some_and(|x| x.is_uppercase() || matches!(x, '"' | '“' | '‘' | '\'' | '(' ) || x.is_ascii_digit());
            let word: String = chars[start..i].iter().rev().take_while(|x| !x.is_whitespace()).collect::<Vec<_>>().into_iter().rev().collect();
            let w = word.trim_start_matches(['(', '"', '“']).to_lowercase();
            let abbreviation = c == '.' && (ABBREVIATIONS.contains(&w.as_str()) || (w.chars().count() == 1 && w.chars().all(|x| x.is_alphabetic())));
            if (next_starts || j >= chars.len()) && !abbreviation {
                push(&mut out, start, j);
                start = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push(&mut out, start, chars.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use annals_core::Stage;

    #[test]
    fn weeks_compare_as_days() {
        assert_eq!(comparable_date("2024-W19"), "2024-05-09");
        assert_eq!(comparable_date("2024-W01"), "2024-01-04");
        assert_eq!(comparable_date("2024-05"), "2024-05");
        assert!(comparable_date("2024-W19").as_str() < "2024-05-14" && comparable_date("2024-W25").as_str() > "2024-05-14");
    }

    #[test]
    fn splits_news_sentences() {
        let s = split_sentences("Mr. Smith met Gov. Jones in St. Louis. They talked.\n\nU.S. officials left! \"Fine,\" he said.");
        assert_eq!(s.len(), 4, "{s:?}");
    }

    #[test]
    fn stage_runs_on_bare_text_and_garbage() {
        let mut doc = Document::from_text("a", "Russia attacked Ukraine on Monday. France condemned the attack.");
        EventStage::new().run(&mut doc).unwrap();
        assert_eq!(doc.sentences.len(), 2);
        for e in &doc.events {
            assert!(e.sentence < doc.sentences.len());
        }
        for junk in ["", "....", "\u{0}\u{1} ((( ]]]", &"attack ".repeat(5000), "if if if not not will could"] {
            let mut d = Document::from_text("j", junk.to_string());
            EventStage::new().run(&mut d).unwrap();
        }
    }

    use crate::testkit::document;
    use annals_core::EntityType::{self, Location, Person};

    fn summary(e: &Event) -> String {
        let name = |a: &Option<Actor>| a.as_ref().map(|a| a.name.clone().unwrap_or_else(|| a.text.clone())).unwrap_or_else(|| "-".into());
        format!("{} {} {} -> {} {}", e.kind, e.trigger.text, name(&e.source), name(&e.target), e.factuality.as_str())
    }

    #[test]
    fn pronouns_stand_for_the_last_compatible_actor() {
        let doc = document(
            &[
                "Emmanuel/Emmanuel/PROPN/3/nsubj Macron/Macron/PROPN/1/flat arrived/arrive/VERB/0/root in/in/ADP/5/case Ankara/Ankara/PROPN/3/obl ././PUNCT/3/punct",
                "He/he/PRON/2/nsubj met/meet/VERB/0/root Recep/Recep/PROPN/2/obj Erdogan/Erdogan/PROPN/3/flat on/on/ADP/6/case Monday/Monday/PROPN/2/obl ././PUNCT/2/punct",
                "Russia/Russia/PROPN/3/nsubj has/have/AUX/3/aux massed/mass/VERB/0/root troops/troop/NOUN/3/obj ././PUNCT/3/punct",
                "It/it/PRON/2/nsubj attacked/attack/VERB/0/root Ukraine/Ukraine/PROPN/2/obj ././PUNCT/2/punct",
            ],
            &[
                ("Emmanuel Macron", Person, "Emmanuel Macron", Some("FRA"), Some("GOV")),
                ("Ankara", Location, "Ankara", Some("TUR"), None),
                ("Recep Erdogan", Person, "Recep Tayyip Erdogan", Some("TUR"), Some("GOV")),
                ("Russia", Location, "Russia", Some("RUS"), None),
                ("Ukraine", Location, "Ukraine", Some("UKR"), None),
            ],
        );
        let got: Vec<String> = EventStage::new().code_document(&doc).iter().map(summary).collect();
        assert!(got.iter().any(|e| e.starts_with("CONSULT met Emmanuel Macron -> Recep Tayyip Erdogan")), "{got:?}");
        assert!(got.iter().any(|e| e.starts_with("ASSAULT attacked Russia -> Ukraine")), "{got:?}");
    }

    #[test]
    fn taking_place_is_no_seizure() {
        // TAKE sits in CAMEO's APPREHEND block (171); "took place" and "took action" are not arrests
        let doc = document(
            &["The/the/DET/2/det summit/summit/NOUN/3/nsubj took/take/VERB/0/root place/place/NOUN/3/obj in/in/ADP/6/case Doha/Doha/PROPN/3/obl ././PUNCT/3/punct",
              "Police/police/NOUN/2/nsubj took/take/VERB/0/root the/the/DET/4/det suspect/suspect/NOUN/2/obj into/into/ADP/6/case custody/custody/NOUN/2/obl ././PUNCT/2/punct"],
            &[("Doha", Location, "Doha", Some("QAT"), None)],
        );
        let events = EventStage::new().code_document(&doc);
        let got: Vec<String> = events.iter().map(summary).collect();
        assert!(events.iter().all(|e| e.sentence == 1), "{got:?}");
        assert!(got.iter().any(|e| e.starts_with("COERCE took")), "{got:?}");
    }

    #[test]
    fn pronoun_without_a_compatible_antecedent_is_no_actor() {
        // "it" has no organisation or country before it; "she" no person
        let doc = document(
            &["The/the/DET/2/det plan/plan/NOUN/3/nsubj failed/fail/VERB/0/root ././PUNCT/3/punct",
              "It/it/PRON/2/nsubj attacked/attack/VERB/0/root Ukraine/Ukraine/PROPN/2/obj ././PUNCT/2/punct"],
            &[("Ukraine", Location, "Ukraine", Some("UKR"), None)],
        );
        let got: Vec<String> = EventStage::new().code_document(&doc).iter().map(summary).collect();
        assert!(got.iter().all(|e| !e.contains("Ukraine -> Ukraine")), "{got:?}");
        assert!(got.iter().any(|e| e.starts_with("ASSAULT attacked - -> Ukraine")), "{got:?}");
    }

    #[test]
    fn a_pronoun_for_the_subject_is_not_its_target() {
        // "off its east coast": North Korea fired, at no one named
        let doc = document(
            &["North/North/PROPN/2/compound Korea/Korea/PROPN/3/nsubj fired/fire/VERB/0/root two/two/NUM/5/nummod missiles/missile/NOUN/3/obj \
               off/off/ADP/9/case its/its/PRON/9/nmod:poss east/east/ADJ/9/amod coast/coast/NOUN/3/obl ././PUNCT/3/punct"],
            &[("North Korea", Location, "North Korea", Some("PRK"), None)],
        );
        let got: Vec<String> = EventStage::new().code_document(&doc).iter().map(summary).collect();
        assert!(got.iter().any(|e| e.contains("fired North Korea -> -")), "{got:?}");
    }

    #[test]
    fn parses_as_the_language_core_gives_them() {
        // titles as nmod:desc, "urged X to resume" as an adverbial clause, a country the
        // entity layer missed, "EU" without a country, a nationality adjective
        let doc = document(
            &[
                "French/French/ADJ/2/amod President/President/PROPN/3/nmod:desc Emmanuel/Emmanuel/PROPN/5/nsubj Macron/Macron/PROPN/3/flat spoke/speak/VERB/0/root \
                 by/by/ADP/7/case phone/phone/NOUN/5/obl with/with/ADP/13/case Turkish/Turkish/ADJ/10/amod President/President/PROPN/11/nmod:desc \
                 Recep/Recep/PROPN/13/compound Tayyip/Tayyip/PROPN/13/compound Erdogan/Erdogan/PROPN/5/obl ././PUNCT/5/punct",
                "Erdogan/Erdogan/PROPN/3/nsubj has/have/AUX/3/aux urged/urge/VERB/0/root the/the/DET/5/det EU/EU/PROPN/3/obj to/to/PART/7/mark resume/resume/VERB/3/advcl \
                 accession/accession/NOUN/9/compound talks/talk/NOUN/7/obj with/with/ADP/11/case Turkey/Turkey/PROPN/9/nmod ././PUNCT/3/punct",
                "Talks/talk/NOUN/8/nsubj between/between/ADP/3/case Turkish/Turkish/PROPN/1/nmod and/and/CCONJ/5/cc EU/EU/PROPN/3/conj officials/official/NOUN/8/nsubj \
                 are/be/AUX/8/cop set/set/ADJ/0/root for/for/ADP/10/case May/May/PROPN/8/obl ././PUNCT/8/punct",
            ],
            &[
                ("French", EntityType::Misc, "French", Some("FRA"), None),
                ("Emmanuel Macron", Person, "Emmanuel Macron", Some("FRA"), Some("GOV")),
                ("Turkish", EntityType::Misc, "Turkish", Some("TUR"), None),
                ("Tayyip Erdogan", Person, "Recep Tayyip Erdogan", Some("TUR"), Some("GOV")),
                ("Erdogan", Person, "Recep Tayyip Erdogan", Some("TUR"), Some("GOV")),
                ("EU", EntityType::Org, "EU", None, None),
                ("Turkish", EntityType::Misc, "Turkish", Some("TUR"), None),
                ("EU", EntityType::Org, "EU", None, None),
            ],
        );
        let got: Vec<String> = EventStage::new().code_document(&doc).iter().map(summary).collect();
        for want in [
            "CONSULT spoke Emmanuel Macron -> Recep Tayyip Erdogan actual",
            "REQUEST urged Recep Tayyip Erdogan -> European Union actual",
            "CONSULT resume European Union -> Turkey",
            "CONSULT Talks Turkey -> European Union",
        ] {
            assert!(got.iter().any(|e| e.starts_with(want)), "{want}: {got:?}");
        }
    }

    #[test]
    fn an_event_as_object_points_at_who_did_it() {
        let doc = document(
            &[
                "North/North/PROPN/2/compound Korea/Korea/PROPN/3/nsubj launched/launch/VERB/0/root missiles/missile/NOUN/3/obj ././PUNCT/3/punct",
                "Seoul/Seoul/PROPN/2/nsubj condemned/condemn/VERB/0/root the/the/DET/4/det launches/launch/NOUN/2/obj ././PUNCT/2/punct",
                "France/France/PROPN/2/nsubj condemned/condemn/VERB/0/root the/the/DET/4/det decision/decision/NOUN/2/obj ././PUNCT/2/punct",
            ],
            &[
                ("North Korea", Location, "North Korea", Some("PRK"), None),
                ("Seoul", Location, "Seoul", Some("KOR"), None),
                ("France", Location, "France", Some("FRA"), None),
            ],
        );
        let got: Vec<String> = EventStage::new().code_document(&doc).iter().map(summary).collect();
        assert!(got.iter().any(|e| e.starts_with("ACCUSE condemned South Korea -> North Korea")), "{got:?}");
        // "the decision" names no earlier event: no target is made up
        assert!(got.iter().any(|e| e.starts_with("ACCUSE condemned France -> -")), "{got:?}");
    }

    #[test]
    fn deploying_forces_is_a_force_posture_without_a_target() {
        let doc = document(
            &["Russia/Russia/PROPN/2/nsubj deployed/deploy/VERB/0/root troops/troop/NOUN/2/obj to/to/ADP/6/case the/the/DET/6/det border/border/NOUN/2/obl ././PUNCT/2/punct"],
            &[("Russia", Location, "Russia", Some("RUS"), None)],
        );
        let got: Vec<String> = EventStage::new().code_document(&doc).iter().map(summary).collect();
        assert_eq!(got, vec!["MOBILIZE deployed Russia -> - actual"]);
        // passive: the troops are Russia's, not a target; unnamed ones are no one's target either
        let doc = document(
            &[
                "Russian/Russian/ADJ/2/amod troops/troops/NOUN/4/nsubj:pass were/be/AUX/4/aux:pass deployed/deploy/VERB/0/root ././PUNCT/4/punct",
                "A/a/DET/2/det warship/warship/NOUN/4/nsubj:pass was/be/AUX/4/aux:pass deployed/deploy/VERB/0/root ././PUNCT/4/punct",
            ],
            &[("Russian", EntityType::Misc, "Russian", Some("RUS"), None)],
        );
        let got: Vec<String> = EventStage::new().code_document(&doc).iter().map(summary).collect();
        assert!(got.iter().any(|e| e == "MOBILIZE deployed Russia -> - actual"), "{got:?}");
        assert!(got.iter().all(|e| !e.contains("-> warship")), "{got:?}");
    }

    #[test]
    fn both_sides_and_the_leaders_are_the_last_two_actors() {
        let doc = document(
            &[
                "Emmanuel/Emmanuel/PROPN/3/nsubj Macron/Macron/PROPN/1/flat spoke/speak/VERB/0/root with/with/ADP/6/case Recep/Recep/PROPN/6/compound Erdogan/Erdogan/PROPN/3/obl ././PUNCT/3/punct",
                "Both/both/DET/2/det sides/side/NOUN/3/nsubj condemned/condemn/VERB/0/root the/the/DET/5/det attack/attack/NOUN/3/obj ././PUNCT/3/punct",
                "The/the/DET/2/det leaders/leader/NOUN/3/nsubj met/meet/VERB/0/root in/in/ADP/5/case Paris/Paris/PROPN/3/obl ././PUNCT/3/punct",
            ],
            &[
                ("Emmanuel Macron", Person, "Emmanuel Macron", Some("FRA"), Some("GOV")),
                ("Recep Erdogan", Person, "Recep Tayyip Erdogan", Some("TUR"), Some("GOV")),
                ("Paris", Location, "Paris", Some("FRA"), None),
            ],
        );
        let got: Vec<String> = EventStage::new().code_document(&doc).iter().map(summary).collect();
        assert!(got.iter().any(|e| e.starts_with("ACCUSE condemned Emmanuel Macron -> -")), "{got:?}");
        assert!(got.iter().any(|e| e.starts_with("ACCUSE condemned Recep Tayyip Erdogan -> -")), "{got:?}");
        // "the leaders met": one joint event between the two, not a meeting with Paris
        assert!(got.iter().any(|e| e.starts_with("CONSULT met Emmanuel Macron -> Recep Tayyip Erdogan")), "{got:?}");
        assert!(got.iter().all(|e| !e.contains("-> France")), "{got:?}");
    }

    #[test]
    fn police_using_tear_gas_is_one_event_of_repression() {
        // as parsed: "Police" labelled nsubj:pass on an active verb with an object
        let doc = document(
            &["Police/police/NOUN/2/nsubj:pass used/use/VERB/0/root tear/tear/VERB/4/compound gas/gas/NOUN/2/obj to/to/PART/6/mark disperse/disperse/VERB/2/advcl \
               the/the/DET/8/det crowd/crowd/NOUN/6/obj ,/,/PUNCT/13/punct according/accord/VERB/13/case to/to/ADP/10/fixed local/local/ADJ/13/amod media/media/NOUN/2/obl ././PUNCT/2/punct"],
            &[],
        );
        let events = EventStage::new().code_document(&doc);
        let got: Vec<String> = events.iter().map(summary).collect();
        assert_eq!(got, vec!["ASSAULT used Police -> - actual"], "{got:?}");
        assert_eq!(events[0].cameo, "175");
    }

    #[test]
    fn the_two_ministers_are_the_last_two_actors() {
        let doc = document(
            &[
                "Emmanuel/Emmanuel/PROPN/3/nsubj Macron/Macron/PROPN/1/flat spoke/speak/VERB/0/root with/with/ADP/6/case Recep/Recep/PROPN/6/compound Erdogan/Erdogan/PROPN/3/obl ././PUNCT/3/punct",
                "The/the/DET/3/det two/two/NUM/3/nummod ministers/minister/NOUN/4/nsubj met/meet/VERB/0/root again/again/ADV/4/advmod ././PUNCT/4/punct",
            ],
            &[
                ("Emmanuel Macron", Person, "Emmanuel Macron", Some("FRA"), Some("GOV")),
                ("Recep Erdogan", Person, "Recep Tayyip Erdogan", Some("TUR"), Some("GOV")),
            ],
        );
        let got: Vec<String> = EventStage::new().code_document(&doc).iter().map(summary).collect();
        assert!(got.iter().any(|e| e.starts_with("CONSULT met Emmanuel Macron -> Recep Tayyip Erdogan")), "{got:?}");
    }

    #[test]
    fn countries_and_capitals_typed_as_people_are_still_countries() {
        let doc = document(
            &[
                "Turkey/Turkey/PROPN/3/nsubj has/have/AUX/3/aux blocked/block/VERB/0/root Sweden/Sweden/PROPN/3/obj ././PUNCT/3/punct",
                "Beijing/Beijing/PROPN/2/nsubj condemned/condemn/VERB/0/root Jordan/Jordan/PROPN/2/obj ././PUNCT/2/punct",
            ],
            &[
                ("Turkey", Person, "Turkey", None, None),
                ("Sweden", EntityType::Org, "Sweden", None, None),
                ("Beijing", Person, "Beijing", None, None),
                ("Jordan", Person, "Jordan", None, None),
            ],
        );
        let got: Vec<String> = EventStage::new().code_document(&doc).iter().map(summary).collect();
        assert!(got.iter().any(|e| e.starts_with("COERCE blocked Turkey -> Sweden")), "{got:?}");
        // Beijing is China's government; a person called Jordan stays a person
        assert!(got.iter().any(|e| e.starts_with("ACCUSE condemned China -> Jordan")), "{got:?}");
        let events = EventStage::new().code_document(&doc);
        let c = events.iter().find(|e| e.trigger.text == "condemned").unwrap();
        assert_eq!(c.source.as_ref().unwrap().sector.as_deref(), Some("GOV"));
        assert_eq!(c.target.as_ref().unwrap().country, None);
    }

    #[test]
    fn an_event_noun_as_object_of_another_event_is_coded_too() {
        let doc = document(
            &["France/France/PROPN/2/nsubj condemned/condemn/VERB/0/root the/the/DET/4/det attack/attack/NOUN/2/obj by/by/ADP/6/case Russia/Russia/PROPN/4/nmod \
               on/on/ADP/8/case Ukraine/Ukraine/PROPN/4/nmod ././PUNCT/2/punct"],
            &[("France", Location, "France", Some("FRA"), None), ("Russia", Location, "Russia", Some("RUS"), None), ("Ukraine", Location, "Ukraine", Some("UKR"), None)],
        );
        let got: Vec<String> = EventStage::new().code_document(&doc).iter().map(summary).collect();
        assert!(got.iter().any(|e| e == "ACCUSE condemned France -> Russia actual"), "{got:?}");
        assert!(got.iter().any(|e| e == "ASSAULT attack Russia -> Ukraine actual"), "{got:?}");
    }

    #[test]
    fn full_igo_names_seats_and_short_names_override_the_entity_layer() {
        // as the entity layer gave them: "Union" (USA), "Pentagon" (ORG), "Macron" (LOCATION)
        let doc = document(
            &[
                "Emmanuel/Emmanuel/PROPN/3/nsubj Macron/Macron/PROPN/1/flat urged/urge/VERB/0/root the/the/DET/6/det European/European/ADJ/6/amod Union/Union/PROPN/3/obj ././PUNCT/3/punct",
                "The/the/DET/2/det Pentagon/Pentagon/PROPN/3/nsubj criticized/criticize/VERB/0/root Macron/Macron/PROPN/3/obj ././PUNCT/3/punct",
                "Macron/Macron/PROPN/2/nsubj criticized/criticize/VERB/0/root the/the/DET/5/det United/United/ADJ/5/amod States/States/PROPN/2/obj ././PUNCT/2/punct",
            ],
            &[
                ("Emmanuel Macron", Person, "Emmanuel Macron", Some("FRA"), Some("GOV")),
                ("Union", EntityType::Org, "Union", Some("USA"), None),
                ("Pentagon", EntityType::Org, "Pentagon", None, None),
                ("Macron", Location, "Macron", None, None),
                ("Macron", Location, "Macron", None, None),
                ("States", Location, "States", None, None),
            ],
        );
        let got: Vec<String> = EventStage::new().code_document(&doc).iter().map(summary).collect();
        assert!(got.iter().any(|e| e.starts_with("REQUEST urged Emmanuel Macron -> European Union")), "{got:?}");
        assert!(got.iter().any(|e| e.starts_with("ACCUSE criticized United States -> Emmanuel Macron")), "{got:?}");
        assert!(got.iter().any(|e| e.starts_with("ACCUSE criticized Emmanuel Macron -> United States")), "{got:?}");
    }
}

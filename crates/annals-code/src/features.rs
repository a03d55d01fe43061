//! What the verifier reads of a candidate event: lexical and parse features,
//! as strings (a feature is present or not). They encode the error classes
//! seen on judged news (docs/events.md): figurative senses (lemma × type),
//! nested content (the governing verb and the clause relation), actors that
//! are missing, pronouns or sectors, headlines, quotes, and what the news
//! filter says.

use annals_core::{Actor, Document, Event};

use crate::factuality::Assessment;
use crate::sent::Sentence;

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "his", "their", "its",
    "who", "which", "that",
];

fn actor_kind(a: Option<&Actor>) -> String {
    let Some(a) = a else { return "none".into() };
    let text = a.text.to_lowercase();
    if PRONOUNS.contains(&text.as_str()) {
        return "pronoun".into();
    }
    match (&a.country, &a.sector, &a.name) {
        (_, Some(sec), _) => format!("sector:{sec}"),
        (Some(_), None, _) => "country".into(),
        (None, None, Some(_)) => "named".into(),
        (None, None, None) => "words".into(),
    }
}

/// The features of one candidate.
#[allow(clippy::too_many_arguments)]
pub fn candidate_features(
    doc: &Document,
    sent: &Sentence,
    t: usize,
    nominal: bool,
    multiword: bool,
    ev: &Event,
    a: &Assessment,
    screened: bool,
) -> Vec<String> {
    let tok = &sent.toks[t];
    let lemma = tok.lemma.to_lowercase();
    let kind = ev.kind.as_str();
    let root2 = ev.cameo.get(..2).unwrap_or("");
    let (src, tgt) = (
        actor_kind(ev.source.as_ref()),
        actor_kind(ev.target.as_ref()),
    );
    let mut f = vec![
        format!("type={kind}"),
        format!("cameo={}", ev.cameo),
        format!("root={root2}"),
        format!("lemma={lemma}"),
        format!("lemma×type={lemma}×{kind}"),
        format!("upos={}", tok.upos),
        format!("fact={}", ev.factuality.as_str()),
        format!("src={src}"),
        format!("tgt={tgt}"),
        format!("src×tgt={src}×{tgt}"),
        format!("type×src={kind}×{src}"),
        format!("type×tgt={kind}×{tgt}"),
        format!("multiword={multiword}"),
    ];
    if nominal {
        f.push("nominal".into());
        f.push(format!("nominal×type={kind}"));
    }
    if screened {
        f.push("screened".into());
    }
    if a.reported_by.is_some() {
        f.push("reported".into());
    }
    if let Some(c) = &a.cue {
        f.push(format!("cue={}", c.to_lowercase()));
    }
    if ev.source.is_some() && ev.source == ev.target {
        f.push("self-directed".into());
    }
    if sent.parsed {
        f.push(format!("deprel={}", tok.deprel));
        f.push(format!("deprel×type={}×{kind}", tok.deprel));
        if let Some(h) = tok.head {
            let head = &sent.toks[h];
            f.push(format!("head={}", head.lemma.to_lowercase()));
            f.push(format!(
                "head×deprel={}×{}",
                head.lemma.to_lowercase(),
                tok.deprel
            ));
            if let Some(hh) = head.head {
                f.push(format!("grandhead={}", sent.toks[hh].lemma.to_lowercase()));
            }
        }
        let has = |rel: &str| sent.deps(t, rel).next().is_some();
        f.push(format!(
            "subj={} obj={}",
            has("nsubj") || has("nsubj:pass"),
            has("obj")
        ));
        if sent.deps_full(t, "nsubj:pass").next().is_some()
            || sent.deps_full(t, "aux:pass").next().is_some()
        {
            f.push("passive".into());
        }
        if sent.deps(t, "neg").next().is_some()
            || sent.children[t]
                .iter()
                .any(|&c| matches!(sent.toks[c].lemma.as_str(), "not" | "never" | "no"))
        {
            f.push("negated".into());
        }
        for &c in &sent.children[t] {
            let ct = &sent.toks[c];
            if ct.deprel == "aux" {
                f.push(format!("aux={}", ct.lemma.to_lowercase()));
            }
            if ct.deprel == "mark" {
                f.push(format!("mark={}", ct.lemma.to_lowercase()));
            }
        }
    }
    // a headline or a short line without a verb of its own
    if sent.index == 0 {
        f.push("first-sentence".into());
    }
    let text = doc.span_text(sent.span);
    if !text
        .trim_end()
        .ends_with(['.', '!', '?', '"', '”', '\'', '’'])
    {
        f.push("no-final-stop".into());
    }
    if doc
        .quotes
        .iter()
        .any(|q| q.start <= tok.start && tok.end <= q.end)
    {
        f.push("in-quote".into());
    }
    let n = sent.toks.len();
    f.push(format!(
        "len={}",
        match n {
            0..=8 => "short",
            9..=25 => "mid",
            26..=45 => "long",
            _ => "very-long",
        }
    ));
    if ev.date.is_some() {
        f.push("dated".into());
    }
    if ev.place.is_some() {
        f.push("placed".into());
    }
    f
}

/// Features that depend on the other candidates of the sentence: how many
/// there are, and whether another of the same type or the same trigger
/// competes (mirror copies, one trigger read two ways).
pub fn add_sentence_features(cands: &mut [crate::stage::Candidate]) {
    let keys: Vec<(usize, usize, annals_core::PloverType)> = cands
        .iter()
        .map(|c| (c.event.sentence, c.event.trigger.start, c.event.kind))
        .collect();
    for (i, c) in cands.iter_mut().enumerate() {
        let (s, start, kind) = &keys[i];
        let here = keys.iter().filter(|k| k.0 == *s).count();
        let same_trigger = keys
            .iter()
            .enumerate()
            .filter(|(j, k)| *j != i && k.0 == *s && k.1 == *start)
            .count();
        let same_type = keys
            .iter()
            .enumerate()
            .filter(|(j, k)| *j != i && k.0 == *s && k.2 == *kind)
            .count();
        c.features.push(format!("in-sentence={}", here.min(4)));
        if same_trigger > 0 {
            c.features.push("shared-trigger".into());
            // the later readings of one trigger are the copies
            if keys[..i].iter().any(|k| k.0 == *s && k.1 == *start) {
                c.features.push("shared-trigger-later".into());
            }
        }
        if same_type > 0 {
            c.features.push("same-type-in-sentence".into());
        }
    }
}

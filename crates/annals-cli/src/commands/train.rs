//! `annals train-verifier`: the events verifier from the judged news corpus.
//!
//! Reads the judged articles of the train and dev parts (held-out articles
//! are never read here):
//! 1. the trigger lexicon: the words the train references use as triggers,
//!    with their types, and how often each word occurs at all;
//! 2. every reading of every candidate trigger (`EventStage::candidates_with`),
//!    positive when it matches a reference (sentence, type, source, target);
//! 3. a logistic regression on the train readings, its Platt scaling fitted
//!    on the dev readings the verifier would choose, and the default threshold
//!    chosen on dev (the lowest reaching `--precision`, else the best F0.5).

use std::collections::HashMap;

use anyhow::Context;

use crate::cli::TrainVerifierArgs;
use crate::Status;
use annals_code::eval::news::{evaluate, matches_any, parse_gold, GoldEvent, ScoredDoc};
use annals_code::stage::select;
use annals_code::verifier::Verifier;
use annals_eval::news_corpus;

struct Analysed {
    id: String,
    collection: String,
    split: String,
    text: String,
    doc: annals_core::Document,
}

pub fn verifier(args: TrainVerifierArgs) -> anyhow::Result<Status> {
    let data = annals_eval::shared_data_dir().context("the judged news corpus reads its articles from ../shared/data, which was not found (set ANNALS_SHARED)")?;
    let gold = parse_gold(news_corpus::GOLD_TSV)?;
    let judged: std::collections::HashSet<String> = news_corpus::judged().into_iter().collect();
    let mut texts = news_corpus::CorpusTexts::new(&data, &annals_geo::repo_dir().join("samples/expected.jsonl"));
    let stages = super::eval::preparing_stages();
    let mut docs = Vec::new();
    for a in news_corpus::articles() {
        if a.split == "heldout" || !judged.contains(&a.id) {
            continue;
        }
        let (text, published) = texts.text(&a.id)?;
        let mut doc = super::eval::corpus_document(&a.id, &text, published.as_deref());
        super::eval::run_stages(&stages, &mut doc);
        docs.push(Analysed { id: a.id, collection: a.collection, split: a.split, text, doc });
    }
    let refs_of = |id: &str| -> Vec<&GoldEvent> { gold.iter().filter(|g| g.doc == id).collect() };

    // 1. the trigger lexicon, from train references only
    let (mut counts, mut totals) = (HashMap::new(), HashMap::<String, u32>::new());
    for d in docs.iter().filter(|d| d.split == "train") {
        let sentences = annals_code::sent::Sentence::from_document(&d.doc);
        for g in refs_of(&d.id) {
            // the reference trigger's first token in annals' tokens
            let Some((s, t)) = sentences.iter().find_map(|s| s.toks.iter().position(|t| t.start <= g.trigger.0 && g.trigger.0 < t.end).map(|t| (s, t))) else { continue };
            let [bigram, lemma] = annals_code::choices::trigger_keys(s, t);
            let multiword = s.toks.get(t + 1).is_some_and(|n| n.start < g.trigger.1);
            let key = if multiword { bigram.or(lemma) } else { lemma };
            if let Some(k) = key {
                *counts.entry((k, g.kind.clone())).or_insert(0u32) += 1;
            }
        }
        for s in &sentences {
            for t in 0..s.toks.len() {
                for k in annals_code::choices::trigger_keys(s, t).into_iter().flatten() {
                    *totals.entry(k).or_insert(0) += 1;
                }
            }
        }
    }
    let mut model = Verifier::train(&[], 0, args.l2);
    model.set_triggers(&counts, &totals, 2);

    // 2. readings, labelled
    let coder = annals_code::EventStage::new();
    let mut train: Vec<(Vec<String>, bool)> = Vec::new();
    let mut dev_cands = Vec::new();
    let mut dump = match &args.dump {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)),
        None => None,
    };
    for d in &docs {
        let refs = refs_of(&d.id);
        let cands = coder.candidates_with(&d.doc, &model);
        if let Some(w) = dump.as_mut() {
            for c in &cands {
                let right = matches_any(&d.text, &refs, &c.event);
                serde_json::to_writer(&mut *w, &serde_json::json!({"doc": d.id, "split": d.split, "right": right, "event": c.event, "features": c.features}))?;
                std::io::Write::write_all(w, b"\n")?;
            }
        }
        if d.split == "train" {
            train.extend(cands.iter().map(|c| (c.features.clone(), matches_any(&d.text, &refs, &c.event))));
        } else {
            dev_cands.push((d, cands));
        }
    }
    eprintln!("readings: train {} ({} right); dev articles {}", train.len(), train.iter().filter(|e| e.1).count(), dev_cands.len());

    // 3. weights on train; calibration and threshold on dev
    let lexicon = model.clone();
    let mut model = Verifier::train(&train, args.epochs, args.l2);
    model.copy_triggers(&lexicon);
    // calibrate on the dev readings the verifier chooses (the best per trigger)
    let mut chosen_dev: Vec<(Vec<String>, bool)> = Vec::new();
    for (d, cands) in &dev_cands {
        let refs = refs_of(&d.id);
        let mut best: HashMap<(usize, usize), (f64, usize)> = HashMap::new();
        for (i, c) in cands.iter().enumerate() {
            let s = model.raw(&c.features);
            let e = best.entry(c.trigger).or_insert((s, i));
            if s > e.0 {
                *e = (s, i);
            }
        }
        for (_, i) in best.into_values() {
            chosen_dev.push((cands[i].features.clone(), matches_any(&d.text, &refs, &cands[i].event)));
        }
    }
    model.calibrate(&chosen_dev);
    eprintln!("threshold  emitted  right  precision  recall  F1   (dev, one-to-one as annals eval news-events counts)");
    // F0.5: precision weighs twice as much as recall
    let mut best_f = (0.0, 0.5);
    let mut chosen = None;
    for t in (1..19).map(|i| i as f64 / 20.0) {
        let events: Vec<Vec<annals_core::Event>> = dev_cands.iter().map(|(_, c)| select(c.clone(), &model, t)).collect();
        let scored: Vec<ScoredDoc> = dev_cands.iter().zip(&events).map(|((d, _), e)| ScoredDoc { id: &d.id, collection: &d.collection, split: &d.split, text: &d.text, events: e }).collect();
        let r = evaluate(&gold, &scored, t, false);
        let a = &r.splits["dev"].all;
        eprintln!("{t:>9.2}  {:>7}  {:>5}  {:>9.3}  {:>6.3}  {:.3}", a.emitted, a.right, a.precision(), a.recall(), a.f1());
        let (p, r) = (a.precision(), a.recall());
        let f05 = if p + r > 0.0 { 1.25 * p * r / (0.25 * p + r) } else { 0.0 };
        if f05 > best_f.0 {
            best_f = (f05, t);
        }
        if chosen.is_none() && a.precision() >= args.precision && a.right > 0 {
            chosen = Some(t);
        }
    }
    model.threshold = chosen.unwrap_or(best_f.1);
    eprintln!(
        "threshold {:.2} ({}); {} weights, {} trigger keys",
        model.threshold,
        if chosen.is_some() { "lowest reaching the precision asked" } else { "best F0.5: the precision asked is out of reach on dev" },
        model.len(),
        counts.len()
    );
    std::fs::write(&args.out, model.write_gz()).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!("wrote {}; rebuild annals to embed it", args.out.display());
    Ok(Status::Ok)
}

//! Development harness for the entity tagger: trains the development model (`annals-train --dev`'s
//! protocol: GUM minus withheld news documents plus the even UNER dev documents) and scores it on the
//! odd UNER dev documents and on GUM news dev. With one seed it lists every wrong entity of the UNER
//! part (`GOLD missed LOC [kerala] <sentence>`, `PRED spurious ORG ...`) and counts them by kind.
//! Never reads a test set.
//!
//! `cargo run --release -p annals-analyze --example ner_errors`
//!
//! Environment:
//! - `SEEDS=3,4,5` training orders (several: only the figures and their mean are printed);
//! - `EXTRA_GENRES=GUM_textbook,GENTLE` GUM documents whose names start so are added to training;
//! - `CASE_COPIES=lower` (or `upper`) adds a re-cased copy of training sentences, re-tagged for part
//!   of speech; `CASE_EVERY=5` only of every fifth one;
//! - `NO_UNCASED=1` trains the cased model alone (sentences without capitals go to it too);
//!   `NO_SILVER=1` trains the uncased model without the silver EWT train sentences.
//! - `STAGE=1` also scores the whole entity stage (titles, gazetteer names, propagation through the
//!   document) with the development model, on the odd UNER dev documents and the GUM news dev documents.
use annals_analyze::knowledge::NerSentence;
use annals_analyze::ner::{spans, NerTagger, NerWord};
use std::collections::BTreeMap;

fn main() {
    let c = annals_analyze::data::Corpora::new(&annals_analyze::data::shared_root());
    let (tagger, _) = annals_analyze::models::embedded_taggers().expect("embedded POS models");
    let ewt = annals_analyze::conllu::read_conllu(&c.ewt("train")).expect("EWT train in ../shared");
    let knowledge = annals_analyze::knowledge::Knowledge::load(&c, &annals_analyze::train::common_words(&ewt)).expect("gazetteer sources");
    let data = annals_analyze::knowledge::ner_training_data(&c, &tagger).expect("entity data");
    let clusters = annals_analyze::clusters::load_committed().expect("word clusters");
    let split = annals_analyze::train::ner_dev_split(&c, &data, &tagger).expect("development split");

    let mut train: Vec<NerSentence> = split.train.clone();
    if let Ok(prefixes) = std::env::var("EXTRA_GENRES") {
        let mut paths: Vec<_> = std::fs::read_dir(c.gum_dir()).expect("GUM").filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
            if prefixes.split(',').any(|p| name.starts_with(p)) {
                train.extend(annals_analyze::knowledge::gum_ner_sentences(&path, &tagger).expect("GUM document"));
            }
        }
    }
    if let Ok(case) = std::env::var("CASE_COPIES") {
        let every: usize = std::env::var("CASE_EVERY").ok().and_then(|s| s.parse().ok()).unwrap_or(1).max(1);
        let copies: Vec<NerSentence> = train
            .iter()
            .step_by(every)
            .map(|(forms, _, gold)| {
                let forms: Vec<String> = forms.iter().map(|f| if case == "upper" { f.to_uppercase() } else { f.to_lowercase() }).collect();
                let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
                let upos = tagger.tag(&refs).into_iter().map(String::from).collect();
                (forms, upos, gold.clone())
            })
            .collect();
        train.extend(copies);
    }
    eprintln!("training sentences: {}", train.len());

    let train_words: Vec<(Vec<NerWord>, Vec<usize>)> =
        train.iter().map(|(f, u, g)| (f.iter().zip(u).map(|(f, u)| NerWord { form: f, upos: u }).collect(), g.clone())).collect();
    // the committed recipe: the silver EWT train labels feed the model for text without capitals
    let silver_path = (std::env::var("NO_SILVER").is_err()).then(|| std::path::PathBuf::from(annals_analyze::train::COMMITTED_SILVER));
    let silver = annals_analyze::train::load_silver(silver_path.as_deref(), &ewt, &tagger).expect("silver labels");
    let cased_only = std::env::var("NO_UNCASED").is_ok();
    let uncased = if cased_only { Vec::new() } else { annals_analyze::train::uncased_material(&train, &silver, &tagger) };
    let seeds: Vec<u64> = std::env::var("SEEDS").unwrap_or_else(|_| "3".into()).split(',').filter_map(|s| s.trim().parse().ok()).collect();
    let list = seeds.len() == 1;
    let (mut sum_uner, mut sum_news, mut sum_stage) = (0.0, 0.0, 0.0);
    // the whole entity stage (`STAGE=1`) reads documents: forms, BIO strings, starts a document
    let documents = |set: &[NerSentence], starts: &[bool]| -> Vec<(Vec<String>, Vec<String>, bool)> {
        set.iter().zip(starts).map(|((forms, _, gold), &start)| (forms.clone(), gold.iter().map(|&t| annals_analyze::ner::TAGS[t].to_string()).collect(), start)).collect()
    };
    let stage_docs = documents(&split.uner_odd, &split.uner_odd_starts);
    let news_docs = documents(&split.news_dev, &split.news_dev_starts);
    let mut sum_news_stage = 0.0;
    let stage = std::env::var("STAGE").is_ok();
    for &seed in &seeds {
        let model = if cased_only {
            NerTagger::train(&train_words, knowledge.gazetteer.clone(), clusters.clone(), annals_analyze::train::NER_ITERATIONS, seed)
        } else {
            annals_analyze::train::train_ner(&train, &uncased, &knowledge.gazetteer, &clusters, seed)
        };
        if stage {
            let mut models = annals_analyze::models::Models::shared().expect("models").as_ref().clone();
            models.ner = model.clone();
            let score = annals_analyze::eval::score_ner_documents(&models, &stage_docs);
            println!("seed {seed} UNER dev odd, whole stage: {score}");
            sum_stage += score.f1;
            let score = annals_analyze::eval::score_ner_documents(&models, &news_docs);
            println!("seed {seed} GUM news dev, whole stage: {score}");
            sum_news_stage += score.f1;
        }
        for (name, set) in [("UNER dev odd", &split.uner_odd), ("GUM news dev", &split.news_dev)] {
            let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
            let (mut right, mut predicted, mut gold_n, mut routed) = (0, 0, 0, 0);
            for (forms, upos, gold) in set.iter() {
                let nw: Vec<NerWord> = forms.iter().zip(upos).map(|(f, u)| NerWord { form: f, upos: u }).collect();
                let tags = model.tag(&nw);
                routed += usize::from(annals_analyze::ner::written_without_capitals(&nw));
                let (gs, ps) = (spans(gold), spans(&tags));
                predicted += ps.len();
                gold_n += gs.len();
                let text = |a: usize, b: usize| forms[a..b].join(" ");
                let show = list && name.starts_with("UNER");
                for g in &gs {
                    if ps.contains(g) {
                        right += 1;
                        continue;
                    }
                    let kind = if let Some(p) = ps.iter().find(|p| (p.0, p.1) == (g.0, g.1)) {
                        format!("type {}->{}", g.2, p.2)
                    } else if let Some(p) = ps.iter().find(|p| p.0 < g.1 && g.0 < p.1) {
                        format!("span {} ({} type)", g.2, if p.2 == g.2 { "same" } else { "other" })
                    } else {
                        format!("missed {}", g.2)
                    };
                    if show {
                        println!("GOLD {kind}\t[{}]\t{}", text(g.0, g.1), forms.join(" "));
                    }
                    *kinds.entry(kind).or_default() += 1;
                }
                for p in ps.iter().filter(|p| !gs.iter().any(|g| p.0 < g.1 && g.0 < p.1)) {
                    let kind = format!("spurious {}", p.2);
                    if show {
                        println!("PRED {kind}\t[{}]\t{}", text(p.0, p.1), forms.join(" "));
                    }
                    *kinds.entry(kind).or_default() += 1;
                }
            }
            let (p, r) = (right as f64 / predicted.max(1) as f64, right as f64 / gold_n.max(1) as f64);
            let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
            println!("seed {seed} {name}: P {p:.3} R {r:.3} F1 {f:.4} ({gold_n} gold, {predicted} predicted, {right} right; {routed} of {} sentences without capitals)", set.len());
            if list && name.starts_with("UNER") {
                for (k, n) in kinds {
                    println!("  {n:4}  {k}");
                }
            }
            if name.starts_with("UNER") {
                sum_uner += f;
            } else {
                sum_news += f;
            }
        }
    }
    let n = seeds.len() as f64;
    println!("mean F1 over {} seeds: UNER dev odd {:.4}, GUM news dev {:.4}{}", seeds.len(), sum_uner / n, sum_news / n, if stage { format!(", whole stage: UNER dev odd {:.4}, GUM news dev {:.4}", sum_stage / n, sum_news_stage / n) } else { String::new() });
}

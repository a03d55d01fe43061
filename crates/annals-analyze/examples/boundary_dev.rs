//! Development harness for the sentence boundary model: trains it on EWT train (threshold by
//! cross-validation, as `annals-train` does) and prints EWT dev F1 per genre and the F1 on the GUM news
//! documents of the training part (news text the model never sees), with `--errors` every wrong
//! boundary in context; `--embedded` scores the committed model instead. Environment: `THRS=8,0`
//! (thresholds to score), `ITERS`, `FOLDS`, `SEED`.
//!
//! `cargo run --release -p annals-analyze --example boundary_dev -- --errors`
use annals_analyze::boundary::BoundaryModel;
use annals_analyze::conllu::read_conllu;
use annals_analyze::eval::raw_documents;
use std::collections::{BTreeMap, HashSet};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let corpora = annals_analyze::data::Corpora::locate().expect("shared data");
    let train = read_conllu(&corpora.ewt("train")).unwrap();
    let dev = read_conllu(&corpora.ewt("dev")).unwrap();
    let (tagger, _) = annals_analyze::models::embedded_taggers().unwrap();
    let iters: usize = std::env::var("ITERS").ok().and_then(|s| s.parse().ok()).unwrap_or(annals_analyze::train::BOUNDARY_ITERATIONS);
    let t0 = std::time::Instant::now();
    let dev_docs = raw_documents(&dev);
    let train_docs = raw_documents(&train);
    let m = if args.iter().any(|a| a == "--embedded") {
        annals_analyze::models::Models::shared().unwrap().boundaries.clone()
    } else {
        {
        let folds = std::env::var("FOLDS").ok().and_then(|s| s.parse().ok()).unwrap_or(annals_analyze::train::BOUNDARY_FOLDS);
        let m = BoundaryModel::train(&train_docs, &tagger, iters, folds, std::env::var("SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(9), &mut |s| eprintln!("{s}"));
        m.report(&dev_docs, &tagger, &mut |s| eprintln!("dev: {s}"));
        m
    }
    };
    eprintln!("trained in {:.1}s, threshold {}", t0.elapsed().as_secs_f64(), m.threshold);
    // news check: GUM news documents of the training part (the boundary model never trains on GUM)
    let mut news = Vec::new();
    for p in annals_analyze::knowledge::gum_training_files(&corpora).unwrap() {
        if p.to_string_lossy().contains("_news_") {
            news.extend(raw_documents(&read_conllu(&p).unwrap()));
        }
    }
    let ids: Vec<String> = dev.iter().enumerate().filter(|(i, s)| s.newdoc.is_some() || *i == 0).map(|(_, s)| s.newdoc.clone().unwrap_or_default()).collect();
    assert_eq!(ids.len(), dev_docs.len());
    let show = args.iter().any(|a| a == "--errors");
    let thresholds: Vec<f32> = std::env::var("THRS").ok().map(|s| s.split(',').map(|x| x.parse().unwrap()).collect()).unwrap_or_else(|| vec![m.threshold]);
    for thr in thresholds {
        let mut mm = m.clone();
        mm.threshold = thr;
        let mut by: BTreeMap<String, [usize; 3]> = BTreeMap::new();
        for (k, (text, ends)) in dev_docs.iter().enumerate() {
            let genre = ids[k].split('-').next().unwrap().to_string();
            let (toks, ranges) = mm.segment(text, &tagger);
            let pred: HashSet<usize> = ranges.iter().map(|r| toks[r.end - 1].end).collect();
            let gold: HashSet<usize> = ends.iter().copied().collect();
            let e = by.entry(genre.clone()).or_default();
            e[0] += gold.len();
            e[1] += pred.len();
            e[2] += gold.intersection(&pred).count();
            if show {
                let mut errs: Vec<(usize, &str)> = pred.difference(&gold).map(|&p| (p, "FALSE")).chain(gold.difference(&pred).map(|&g| (g, "MISS "))).collect();
                errs.sort();
                for (p, kind) in errs {
                    let a = text.floor_char_boundary(p.saturating_sub(60));
                    let b = text.floor_char_boundary((p + 50).min(text.len()));
                    println!("{kind} {genre:10} {} ‖ {}", text[a..p].replace('\n', "¶"), text[p..b].replace('\n', "¶"));
                }
            }
        }
        let mut nw = [0usize; 3];
        for (text, ends) in &news {
            let (toks, ranges) = mm.segment(text, &tagger);
            let pred: HashSet<usize> = ranges.iter().map(|r| toks[r.end - 1].end).collect();
            let gold: HashSet<usize> = ends.iter().copied().collect();
            nw[0] += gold.len();
            nw[1] += pred.len();
            nw[2] += gold.intersection(&pred).count();
            if show {
                for p in pred.difference(&gold) {
                    let a = text.floor_char_boundary(p.saturating_sub(60));
                    let b = text.floor_char_boundary((p + 50).min(text.len()));
                    println!("NEWSFALSE {} ‖ {}", text[a..*p].replace('\n', "¶"), text[*p..b].replace('\n', "¶"));
                }
            }
        }
        let mut tot = [0usize; 3];
        let f = |x: [usize; 3]| 2.0 * x[2] as f64 / (x[0] + x[1]) as f64;
        let mut line = String::new();
        for (g, x) in &by {
            for j in 0..3 {
                tot[j] += x[j];
            }
            line += &format!(" {g} {:.4} ({}/{}/{})", f(*x), x[0], x[1], x[2]);
        }
        let news_f = 2.0 * nw[2] as f64 / (nw[0] + nw[1]) as f64;
        println!("thr {thr:.2}: F1 {:.4} P {:.4} R {:.4} | GUM news F1 {news_f:.4} ({}/{}/{}) |{line}", f(tot), tot[2] as f64 / tot[1] as f64, tot[2] as f64 / tot[0] as f64, nw[0], nw[1], nw[2]);
    }
}

//! Prints the PolNeAR figures for a split: `cargo run -p annals-quotes --example polnear -- train [--core]`.
//! `--core` runs the language core (sentences, tokens, parse, entities) first, as `annals eval quotes` does.
//! `--errors direct|indirect [N]` lists missed gold attributions and wrong speakers of that class,
//! with the scorer's own matching (`eval::gold_outcomes`); `--exclude PREFIX` leaves out articles.

use annals_core::{Document, Quote, Stage};
use annals_quotes::eval::{evaluate_docs, gold_outcomes, load_split, polnear_dir, shared_dir};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args.first().map_or("dev", String::as_str);
    let mut docs = load_split(&polnear_dir(&shared_dir()), split)?;
    if let Some(pos) = args.iter().position(|a| a == "--exclude") {
        if let Some(prefix) = args.get(pos + 1) {
            docs.retain(|d| !d.name.starts_with(prefix.as_str()));
        }
    }
    let core = args.iter().any(|a| a == "--core");
    let stages: Vec<Box<dyn Stage>> =
        if core { vec![Box::new(annals_analyze::stage::SyntaxStage), Box::new(annals_analyze::stage::EntityStage)] } else { Vec::new() };
    let find = |doc: &Document| -> Vec<Quote> {
        let mut doc = doc.clone();
        for s in &stages {
            let _ = s.run(&mut doc);
        }
        annals_quotes::find_quotes(&doc)
    };
    if let Some(pos) = args.iter().position(|a| a == "--cues") {
        // recall (overlap) and speaker accuracy per gold cue word, for one class
        let class = args.get(pos + 1).map_or("indirect", String::as_str);
        let mut by_cue: std::collections::BTreeMap<String, [usize; 4]> = Default::default();
        for d in &docs {
            let quotes = find(&Document::from_text(&d.name, d.text.clone()));
            for o in gold_outcomes(d, &quotes) {
                let g = &d.attributions[o.gold];
                if g.direct != (class == "direct") {
                    continue;
                }
                let e = by_cue.entry(g.cue_text.to_lowercase()).or_default();
                e[0] += 1;
                e[1] += usize::from(o.shared > 0);
                e[2] += usize::from(o.speaker.is_some());
                e[3] += usize::from(o.speaker == Some(true));
            }
        }
        let mut rows: Vec<_> = by_cue.into_iter().collect();
        rows.sort_by_key(|(_, n)| std::cmp::Reverse(n[0]));
        for (cue, [n, found, scored, right]) in rows.into_iter().take(60) {
            println!("{n:>6} {found:>6} {:>5.2}  speaker {right}/{scored}  {cue}", found as f64 / n as f64);
        }
        return Ok(());
    }
    let Some(pos) = args.iter().position(|a| a == "--errors") else {
        println!("{}", evaluate_docs(&docs, split, &find));
        return Ok(());
    };
    let class = args.get(pos + 1).map_or("direct", String::as_str);
    let limit: usize = args.get(pos + 2).and_then(|s| s.parse().ok()).unwrap_or(40);
    let mut shown = 0;
    for d in &docs {
        let quotes = find(&Document::from_text(&d.name, d.text.clone()));
        let chars: Vec<char> = d.text.chars().collect();
        let sl = |a: usize, b: usize| chars[a.min(b).min(chars.len())..b.min(chars.len())].iter().collect::<String>().replace('\n', "¶");
        for o in gold_outcomes(d, &quotes) {
            let g = &d.attributions[o.gold];
            if g.direct != (class == "direct") || o.speaker == Some(true) || (o.shared > 0 && o.speaker.is_none()) {
                continue;
            }
            let (a, b) = (g.content[0].0, g.content[g.content.len() - 1].1);
            shown += 1;
            println!("--- {} {}", d.name, if o.shared == 0 { "MISSED" } else { "WRONG SPEAKER" });
            println!("  gold src={:?} cue={:?} ctx: {}", g.source_text, g.cue_text, sl(a.saturating_sub(200), b + 80));
            for &qi in &o.predicted {
                let q = &quotes[qi];
                println!(
                    "  pred {:?} kind={:?} cue={:?} speaker={:?}",
                    sl(q.start, q.end).chars().take(60).collect::<String>(),
                    q.kind,
                    q.cue,
                    q.speaker.as_ref().map(|s| (&s.text, &s.name))
                );
            }
            if shown >= limit {
                return Ok(());
            }
        }
    }
    Ok(())
}

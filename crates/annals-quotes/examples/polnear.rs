//! Prints the PolNeAR figures for a split: `cargo run --release -p annals-quotes --example polnear -- train`.
//! With `--errors direct|indirect` it also lists missed and wrong gold attributions of that class.

use annals_quotes::eval::{evaluate_docs, load_split, polnear_dir, shared_dir};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args.first().map_or("dev", String::as_str);
    let mut docs = load_split(&polnear_dir(&shared_dir()), split)?;
    // `--exclude PREFIX`: leave out articles whose name starts with PREFIX (to see how much one article weighs)
    if let Some(pos) = args.iter().position(|a| a == "--exclude") {
        if let Some(prefix) = args.get(pos + 1) {
            docs.retain(|d| !d.name.starts_with(prefix.as_str()));
        }
    }
    let report = evaluate_docs(&docs, split, &annals_quotes::find_quotes);
    println!("{report}");
    if args.iter().any(|a| a == "--inexact") {
        let mut shown = 0;
        for d in &docs {
            let doc = annals_core::Document::from_text(&d.name, d.text.clone());
            let quotes = annals_quotes::find_quotes(&doc);
            let chars: Vec<char> = d.text.chars().collect();
            let sl = |a: usize, b: usize| chars[a.min(chars.len())..b.min(chars.len())].iter().collect::<String>().replace('\n', "¶");
            for g in d.attributions.iter().filter(|g| g.direct) {
                let (a, b) = (g.content[0].0, g.content.last().unwrap().1);
                let over: Vec<_> = quotes.iter().filter(|q| q.start < b && a < q.end).collect();
                if over.is_empty() {
                    continue;
                }
                let (pa, pb) = (over.iter().map(|q| q.start).min().unwrap(), over.iter().map(|q| q.end).max().unwrap());
                if pa.abs_diff(a) > 2 || pb.abs_diff(b) > 2 {
                    shown += 1;
                    println!("--- {}", d.name);
                    println!("  gold {:?}", g.content.iter().map(|&(x, y)| sl(x, y)).collect::<Vec<_>>());
                    println!("  pred {:?}", over.iter().map(|q| (sl(q.start, q.end), q.cue.clone(), q.speaker.as_ref().map(|s| s.text.clone()))).collect::<Vec<_>>());
                }
                if shown > 40 {
                    return Ok(());
                }
            }
        }
    }
    if let Some(pos) = args.iter().position(|a| a == "--errors") {
        let class = args.get(pos + 1).map_or("direct", String::as_str);
        let limit: usize = args.get(pos + 2).and_then(|s| s.parse().ok()).unwrap_or(40);
        let mut shown = 0;
        for d in &docs {
            let doc = annals_core::Document::from_text(&d.name, d.text.clone());
            let quotes = annals_quotes::find_quotes(&doc);
            let chars: Vec<char> = d.text.chars().collect();
            let sl = |a: usize, b: usize| chars[a.min(chars.len())..b.min(chars.len())].iter().collect::<String>().replace('\n', "¶");
            for g in d.attributions.iter().filter(|g| g.direct == (class == "direct")) {
                let (a, b) = (g.content[0].0, g.content.last().unwrap().1);
                let over: Vec<_> = quotes.iter().filter(|q| q.start < b && a < q.end).collect();
                let src = g.source.first().copied();
                let ok = over.iter().any(|q| {
                    q.speaker.as_ref().is_some_and(|s| {
                        src.is_some_and(|(c, e)| s.start.unwrap_or(0) < e && c < s.end.unwrap_or(0))
                            || s.name.as_ref().is_some_and(|n| g.source_text.contains(n.split(' ').next_back().unwrap_or("")))
                    })
                });
                if over.is_empty() || (!ok && src.is_some()) {
                    shown += 1;
                    println!("--- {} {}", d.name, if over.is_empty() { "MISSED" } else { "WRONG SPEAKER" });
                    println!("  gold src={:?} ctx: {}", g.source_text, sl(a.saturating_sub(150), b + 100));
                    for q in over {
                        println!("  pred {:?} kind={:?} cue={:?} speaker={:?}", sl(q.start, q.end).chars().take(60).collect::<String>(), q.kind, q.cue, q.speaker.as_ref().map(|s| (&s.text, &s.name)));
                    }
                    if shown >= limit {
                        return Ok(());
                    }
                }
            }
        }
    }
    Ok(())
}

//! Prints the quotes found in the text on standard input, one JSON object a line.
//! `--core` runs the language core (sentences, tokens, parse, entities) first; `--tokens` also prints its tokens.
use std::io::Read;

use annals_core::Stage;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).expect("stdin");
    let mut doc = annals_core::Document::from_text("stdin", text);
    if args.iter().any(|a| a == "--core") {
        for s in [&annals_analyze::stage::SyntaxStage as &dyn Stage, &annals_analyze::stage::EntityStage] {
            s.run(&mut doc).expect("language core");
        }
        if args.iter().any(|a| a == "--tokens") {
            for s in &doc.sentences {
                println!("sentence {}..{}", s.start, s.end);
            }
            let chars: Vec<char> = doc.text.chars().collect();
            for (i, t) in doc.tokens.iter().enumerate() {
                let word: String = chars[t.start..t.end].iter().collect();
                println!("{i}\t{word}\t{}\t{:?}\t{}", t.upos, t.head, t.deprel);
            }
            for e in &doc.entities {
                println!("entity {:?} {:?} {:?}", e.text, e.kind, e.name);
            }
        }
    }
    for q in annals_quotes::find_quotes(&doc) {
        println!("{}", serde_json::to_string(&q).expect("json"));
    }
}

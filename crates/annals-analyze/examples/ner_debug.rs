//! Prints each token of a text with its UPOS, entity tag and gazetteer match:
//! `cargo run --release -p annals-analyze --example ner_debug -- "Text here."`
fn main() {
    let m = annals_analyze::models::Models::shared().unwrap();
    let text = std::env::args().nth(1).unwrap();
    let (toks, sents) = annals_analyze::tokenize::segment(&text);
    for r in sents {
        let words: Vec<&str> = toks[r].iter().map(|t| &text[t.start..t.end]).collect();
        let tags = m.tagger.tag(&words);
        let nw: Vec<_> = words.iter().zip(&tags).map(|(f, t)| annals_analyze::ner::NerWord { form: f, upos: t }).collect();
        let ner = m.ner.tag(&nw);
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let gaz = m.ner.gazetteer.tag(&lower);
        for i in 0..words.len() {
            println!("{}\t{}\t{}\t{}", words[i], tags[i], annals_analyze::ner::TAGS[ner[i]], gaz[i]);
        }
        println!();
    }
}

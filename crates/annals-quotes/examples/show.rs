//! Prints the quotes found in the text on standard input, one JSON object a line.
use std::io::Read;

fn main() {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).expect("stdin");
    let doc = annals_core::Document::from_text("stdin", text);
    for q in annals_quotes::find_quotes(&doc) {
        println!("{}", serde_json::to_string(&q).expect("json"));
    }
}

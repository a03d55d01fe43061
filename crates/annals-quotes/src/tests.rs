//! Behaviour tests on made-up news paragraphs.

use annals_core::{Document, Quote};

use crate::find_quotes;

fn quotes(text: &str) -> Vec<Quote> {
    find_quotes(&Document::from_text("t.txt", text))
}

#[test]
fn smoke() {
    let q = quotes("“We will not back down,” Mayor Jane Ortiz said in a statement.");
    assert_eq!(q.len(), 1, "{q:#?}");
}

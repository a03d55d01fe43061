//! Scores the factuality module on eval/factuality.tsv (lexical fallback: no parser in this crate).

#[test]
fn factuality_test_set_word_split() {
    let show = std::env::var("SHOW").is_ok();
    let r = annals_code::eval::factuality::evaluate(annals_code::eval::factuality::FACTUALITY_TSV, None, "word split, no parse (lexical fallback)", show).unwrap();
    println!("{r}");
    assert_eq!(r.dev.missing_trigger + r.test.missing_trigger, 0);
}

use super::*;
use annals_ingest::read_bytes;

fn extract(name: &str, bytes: &[u8]) -> Result<Document, ExtractError> {
    let raw = read_bytes(name, bytes.to_vec(), &Limits::default()).next().unwrap().unwrap();
    Extractor::default().extract(raw)
}

#[test]
fn html_article_with_metadata() {
    let page = r#"<!doctype html><html lang="en"><head><title>Ceasefire talks resume in Doha - Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2022-06-13T09:00:00Z">
<meta name="author" content="Jane Roe"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Ceasefire talks resume in Doha</h1>
<p>DOHA (Example Wire) - Negotiators from both sides met in Doha on Monday to resume talks on a ceasefire, officials said.</p>
<p>The talks, mediated by Qatar and Egypt, are set to continue on June 14-15, according to a diplomat briefed on the schedule.</p>
<p>"We expect a difficult round," the diplomat said, speaking on condition of anonymity.</p></article>
<footer>© 2022 Example Wire. All rights reserved.</footer></body></html>"#;
    let doc = extract("page.html", page.as_bytes()).unwrap();
    assert_eq!(doc.title, "Ceasefire talks resume in Doha");
    assert_eq!(doc.site.as_deref(), Some("Example Wire"));
    assert_eq!(doc.authors, vec!["Jane Roe"]);
    assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2022, 6, 13));
    assert_eq!(doc.language, "en");
    assert!(doc.text.starts_with("DOHA (Example Wire) - Negotiators"), "{}", doc.text);
    assert!(!doc.text.contains("All rights reserved"));
    assert!(!doc.text.contains("Sport"));
    assert_eq!(doc.meta.format, "html");
}

#[test]
fn deeply_nested_page_is_refused_with_the_limit() {
    let page = format!("<html><body>{}<p>deep</p>{}</body></html>", "<div>".repeat(10_000), "</div>".repeat(10_000));
    let err = extract("deep.html", page.as_bytes()).unwrap_err();
    assert!(matches!(err, ExtractError::TooDeep { .. }));
    assert!(err.to_string().starts_with("deep.html: HTML nests"), "{err}");
    assert!(err.to_string().contains("--max-html-depth"));
}

#[test]
fn windows_1251_page_decodes() {
    let page = "<html><head><meta charset=\"windows-1251\"><title>Переговоры в Москве</title></head><body><article><p>Министры иностранных дел встретились в Москве во вторник, чтобы обсудить прекращение огня и обмен пленными, сообщили официальные лица.</p><p>Следующий раунд переговоров запланирован на следующую неделю, заявил представитель министерства.</p></article></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
    let doc = extract("ru.html", &bytes).unwrap();
    assert!(doc.text.contains("Министры иностранных дел"), "{}", doc.text);
    assert_eq!(doc.language, "ru");
    assert_eq!(doc.title, "Переговоры в Москве");
}

#[test]
fn scraped_text_becomes_a_clean_document() {
    let raw = "Skip to main content\nMenu\nMinisters agree on grain corridor\nBy Ana Ruiz\nJuly 3, 2023\nANKARA (Reuters) - Turkish and Russian ministers agreed on Monday to extend the grain corridor for another sixty days, officials said.\nThe deal allows ships to leave Ukrainian ports.\nReporting by Ana Ruiz; Editing by Tom Hogue\nShare\nTwitter";
    let doc = extract("scraped.txt", raw.as_bytes()).unwrap();
    assert_eq!(doc.title, "Ministers agree on grain corridor");
    assert_eq!(doc.authors, vec!["Ana Ruiz"]);
    assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2023, 7, 3));
    assert!(doc.text.starts_with("ANKARA (Reuters) - Turkish and Russian"));
    assert!(!doc.text.contains("Editing by"));
    assert_eq!(doc.meta.credits.len(), 1);
}

#[test]
fn feed_hints_fill_what_the_page_lacks() {
    let rss = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>
<item><title>Talks in Doha</title><link>https://wire.example/doha</link><pubDate>Tue, 14 Jun 2022 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Negotiators met in Doha on Tuesday to resume ceasefire talks that had stalled for weeks, officials said on condition of anonymity.</p>]]></content:encoded></item></channel></rss>"#;
    let doc = extract("feed.xml", rss.as_bytes()).unwrap();
    assert_eq!(doc.title, "Talks in Doha");
    assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2022, 6, 14));
    assert_eq!(doc.url.as_deref(), Some("https://wire.example/doha"));
    assert_eq!(doc.site.as_deref(), Some("Wire"));
    assert_eq!(doc.id, annals_core::content_id(Some("https://wire.example/doha"), ""));
}

#[test]
fn page_without_text_is_an_error_naming_it() {
    let err = extract("blank.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>").unwrap_err();
    assert_eq!(err.to_string(), "blank.html: no article text found");
}

#[test]
fn a_short_plain_text_is_kept_whole() {
    // a page needs a few words to hold an article; text handed in as text does not
    let doc = extract("-", b"Seoul condemned the launches.\n").unwrap();
    assert_eq!(doc.text, "Seoul condemned the launches.");
}

#[test]
fn a_hundred_thousand_nested_divs_are_refused_before_parsing() {
    // issue 18, row 6: 72 s in the tree builder before the depth check
    let page = format!("<html><body>{}x</body></html>", "<div>".repeat(100_000));
    let err = extract("deep.html", page.as_bytes()).unwrap_err();
    assert!(matches!(err, ExtractError::TooDeep { limit: 400, .. }), "{err}");
}

#[test]
fn a_tag_with_two_hundred_thousand_attributes_is_refused_before_parsing() {
    // issue 18, row 7: minutes in the tokenizer's attribute handling
    let attrs: String = (0..200_000).map(|i| format!(" a{i}=\"v\"")).collect();
    let page = format!("<html><body><p{attrs}>Ministers met in Geneva on Tuesday, diplomats said.</p></body></html>");
    let err = extract("attrs.html", page.as_bytes()).unwrap_err();
    assert_eq!(err.to_string(), "attrs.html: an HTML element has 200000 attributes, over the limit of 1000 (raise --max-html-attributes)");
}

#[test]
fn pages_with_unclosed_paragraphs_are_not_too_deep() {
    let paragraphs = "<p>Ministers met in Geneva on Tuesday to discuss the ceasefire, diplomats said.".repeat(600);
    let page = format!("<html><body><article>{paragraphs}</article></body></html>");
    assert!(extract("unclosed.html", page.as_bytes()).is_ok());
}

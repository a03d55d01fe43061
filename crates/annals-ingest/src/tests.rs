use std::io::Write;

use super::*;

fn collect(source: &str, bytes: &[u8]) -> Vec<Result<RawDocument, IngestError>> {
    read_bytes(source, bytes.to_vec(), &Limits::default()).collect()
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Sample Wire</title><link>https://wire.example/</link>
<item><title>Talks resume in Doha</title><link>https://wire.example/doha</link>
<pubDate>Tue, 14 Jun 2022 09:00:00 GMT</pubDate><dc:creator>Jane Roe</dc:creator>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Negotiators met in Doha on Tuesday.</p><p>More talks are planned.</p>]]></content:encoded></item>
<item><title>Second item</title><link>https://wire.example/two</link><description>Only a description here.</description></item>
</channel></rss>"#;

#[test]
fn rss_items_become_documents() {
    let docs = collect("feed.xml", RSS.as_bytes());
    assert_eq!(docs.len(), 2);
    let first = docs[0].as_ref().unwrap();
    assert_eq!(first.format, Format::Rss);
    assert_eq!(first.url.as_deref(), Some("https://wire.example/doha"));
    assert_eq!(first.source, "feed.xml#https://wire.example/doha");
    assert_eq!(first.hints.title.as_deref(), Some("Talks resume in Doha"));
    assert_eq!(first.hints.published, chrono::NaiveDate::from_ymd_opt(2022, 6, 14));
    assert_eq!(first.hints.authors, vec!["Jane Roe".to_string()]);
    assert_eq!(first.hints.site.as_deref(), Some("Sample Wire"));
    assert!(matches!(&first.body, Body::Html(h) if h.contains("Negotiators met in Doha")));
    assert!(matches!(&docs[1].as_ref().unwrap().body, Body::Text(t) if t == "Only a description here."));
}

#[test]
fn atom_entries_become_documents() {
    let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>Entry one</title><link href="https://atom.example/1"/><id>urn:1</id><updated>2021-03-02T10:00:00Z</updated>
<published>2021-03-01T10:00:00Z</published><author><name>A. Writer</name></author>
<content type="html">&lt;p&gt;Atom body text.&lt;/p&gt;</content></entry></feed>"#;
    let docs = collect("atom.xml", atom.as_bytes());
    let d = docs[0].as_ref().unwrap();
    assert_eq!(d.format, Format::Atom);
    assert_eq!(d.hints.published, chrono::NaiveDate::from_ymd_opt(2021, 3, 1));
    assert!(matches!(&d.body, Body::Html(h) if h.contains("Atom body text")));
}

#[test]
fn broken_feed_is_one_clear_error() {
    let broken = &RSS[..RSS.len() / 2];
    let docs = collect("broken.xml", broken.as_bytes());
    assert_eq!(docs.len(), 1);
    let e = docs[0].as_ref().unwrap_err();
    assert_eq!(e.source, "broken.xml");
    assert!(e.reason.starts_with("broken feed"), "{}", e.reason);
}

#[test]
fn jsonl_bad_line_does_not_stop_the_rest() {
    let data = "{\"url\":\"https://a.example/1\",\"text\":\"First story.\",\"published\":\"2020-01-06\"}\n{not json}\n{\"url\":\"https://a.example/3\",\"html\":\"<p>Third</p>\"}\n{\"url\":\"https://a.example/4\"}\n";
    let docs = collect("lines.jsonl", data.as_bytes());
    assert_eq!(docs.len(), 4);
    assert_eq!(docs[0].as_ref().unwrap().hints.published, chrono::NaiveDate::from_ymd_opt(2020, 1, 6));
    let e = docs[1].as_ref().unwrap_err();
    assert_eq!(e.source, "lines.jsonl:2");
    assert!(e.reason.starts_with("invalid JSON"));
    assert!(matches!(docs[2].as_ref().unwrap().body, Body::Html(_)));
    assert!(docs[3].as_ref().unwrap_err().reason.contains("neither"));
}

#[test]
fn empty_and_binary_files_are_errors() {
    assert_eq!(collect("empty.txt", b"")[0].as_ref().unwrap_err().reason, "empty document");
    let junk: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    assert!(collect("junk.bin", &junk)[0].as_ref().unwrap_err().reason.starts_with("binary data"));
}

#[test]
fn truncated_gzip_is_an_error() {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&b"<html><body><p>hello world</p></body></html>".repeat(50)).unwrap();
    let gz = enc.finish().unwrap();
    let docs = collect("page.html.gz", &gz[..gz.len() / 2]);
    assert!(docs[0].as_ref().unwrap_err().reason.contains("truncated gzip"), "{:?}", docs[0]);
    // the whole stream decodes to an HTML page
    assert!(matches!(collect("page.html.gz", &gz)[0].as_ref().unwrap().body, Body::Html(_)));
}

#[test]
fn oversized_page_names_the_limit() {
    let limits = Limits { max_document_bytes: 1000, ..Limits::default() };
    let page = format!("<html><body>{}</body></html>", "<p>x</p>".repeat(500));
    let docs: Vec<_> = read_bytes("big.html", page.into_bytes(), &limits).collect();
    let e = docs[0].as_ref().unwrap_err();
    assert!(e.reason.contains("exceeds the limit") && e.reason.contains("--max-document-bytes"), "{}", e.reason);
}

#[test]
fn invalid_utf8_text_is_decoded_with_a_note() {
    let docs = collect("latin1.txt", b"Ren\xe9 Dupont a parl\xe9 \xe0 la presse mardi.");
    let d = docs[0].as_ref().unwrap();
    assert!(matches!(&d.body, Body::Text(t) if t.contains("René")));
    assert!(d.notes[0].contains("detected"));
}

#[test]
fn warc_with_a_corrupt_record_in_the_middle() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.warc.gz");
    let mut data = Vec::new();
    for i in 0..5 {
        let body = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Article {i}</p></body></html>");
        let mut member = Vec::new();
        warc::write_record(&mut member, "response", &format!("https://news.example/{i}"), &format!("urn:uuid:rec-{i}"), "2024-05-01T00:00:00Z", "application/http; msgtype=response", body.as_bytes(), true).unwrap();
        if i == 2 {
            let n = member.len();
            for b in &mut member[12..n - 12] {
                *b = !*b;
            }
        }
        data.extend(member);
    }
    // a request record and a redirect are not articles
    warc::write_record(&mut data, "request", "https://news.example/0", "urn:uuid:req", "2024-05-01T00:00:00Z", "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n", true).unwrap();
    warc::write_record(&mut data, "response", "https://news.example/r", "urn:uuid:redir", "2024-05-01T00:00:00Z", "application/http; msgtype=response", b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n", true).unwrap();
    std::fs::write(&path, &data).unwrap();
    let docs: Vec<_> = read_path(&path, &Limits::default()).collect();
    let ok: Vec<_> = docs.iter().filter_map(|d| d.as_ref().ok()).collect();
    let errs: Vec<_> = docs.iter().filter_map(|d| d.as_ref().err()).collect();
    assert_eq!(ok.len(), 4, "{docs:?}");
    assert_eq!(ok[0].source, format!("{}#urn:uuid:rec-0", path.display()));
    assert_eq!(ok[3].url.as_deref(), Some("https://news.example/4"));
    assert_eq!(errs.len(), 1);
    assert!(errs[0].source.starts_with(&path.display().to_string()));
}

#[test]
fn directories_are_walked_in_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("b.txt"), "Second text.").unwrap();
    std::fs::write(dir.path().join("sub/a.html"), "<html><body><p>Page</p></body></html>").unwrap();
    std::fs::write(dir.path().join(".hidden"), "skip me").unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let docs: Vec<_> = read_path(dir.path(), &Limits::default()).collect();
    assert_eq!(docs.len(), 3);
    assert!(docs[0].as_ref().unwrap().source.ends_with("b.txt"));
    assert!(docs[1].as_ref().unwrap_err().source.ends_with("empty.txt"));
    assert!(docs[2].as_ref().unwrap().source.ends_with("a.html"));
}

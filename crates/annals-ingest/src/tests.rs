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

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

#[test]
fn gzip_nested_thousands_deep_is_one_error() {
    // issue 18, row 2: each layer used to be unwrapped by recursion, holding its buffer
    let mut data = b"<html><body><p>deep</p></body></html>".to_vec();
    for _ in 0..5000 {
        data = gzip(&data);
    }
    let docs = collect("deep.gz", &data);
    assert_eq!(docs.len(), 1);
    let e = docs[0].as_ref().unwrap_err();
    assert!(e.reason.contains("gzip nested more than 4 deep") && e.reason.contains("--max-gzip-depth"), "{}", e.reason);
    // within the limit, the layers are unwrapped
    let mut four = b"<html><body><p>four</p></body></html>".to_vec();
    for _ in 0..4 {
        four = gzip(&four);
    }
    assert!(matches!(&collect("four.gz", &four)[0].as_ref().unwrap().body, Body::Html(h) if h.contains("four")));
}

#[test]
fn a_jsonl_file_far_over_the_document_limit_loses_no_line() {
    // issue 18, row 3: the file used to be cut at 4 × the limit, its tail lost unreported
    let limits = Limits { max_document_bytes: 1000, ..Limits::default() };
    let mut data = String::new();
    for i in 0..700 {
        data.push_str(&format!("{{\"url\":\"https://a.example/{i}\",\"text\":\"Story number {i} of a long file.\"}}\n"));
    }
    data.push_str(&format!("{{\"url\":\"https://a.example/big\",\"text\":\"{}\"}}\n", "x".repeat(5000)));
    data.push_str("{\"url\":\"https://a.example/last\",\"text\":\"The last story.\"}");
    assert!(data.len() > 40 * limits.max_document_bytes);
    let docs: Vec<_> = read_bytes("many.jsonl", data.into_bytes(), &limits).collect();
    assert_eq!(docs.len(), 702);
    assert_eq!(docs.iter().filter(|d| d.is_ok()).count(), 701);
    let e = docs[700].as_ref().unwrap_err();
    assert_eq!(e.source, "many.jsonl:701");
    assert!(e.reason.contains("exceeds the limit") && e.reason.contains("--max-document-bytes"), "{}", e.reason);
    assert_eq!(docs[701].as_ref().unwrap().url.as_deref(), Some("https://a.example/last"));
}

#[test]
fn a_feed_over_the_document_limit_keeps_its_items_and_a_feed_over_its_own_limit_says_so() {
    // issue 18, row 3: the limit applies per item; the file limit is reported, never a silent cut
    let limits = Limits { max_document_bytes: 1000, ..Limits::default() };
    let items: String = (0..200).map(|i| format!("<item><title>Item {i}</title><link>https://wire.example/{i}</link><description>Story {i}.</description></item>\n")).collect();
    let rss = format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>\n{items}</channel></rss>");
    assert!(rss.len() > 4 * limits.max_document_bytes);
    let docs: Vec<_> = read_bytes("wire.xml", rss.clone().into_bytes(), &limits).collect();
    assert_eq!(docs.iter().filter(|d| d.is_ok()).count(), 200);
    let small = Limits { max_feed_bytes: 5000, ..limits };
    let docs: Vec<_> = read_bytes("wire.xml", rss.into_bytes(), &small).collect();
    assert_eq!(docs.len(), 1);
    let e = docs[0].as_ref().unwrap_err();
    assert_eq!(e.source, "wire.xml");
    assert!(e.reason.contains("exceeds the limit of 4.9 KiB") && e.reason.contains("--max-feed-bytes"), "{}", e.reason);
}

#[test]
fn a_warc_record_with_a_huge_content_length_costs_that_record_only() {
    // issue 18, row 4: the lying length used to drain (and lose) the next record
    let page = |i: usize| format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Article {i}</p></body></html>");
    let mut data = Vec::new();
    warc::write_record(&mut data, "response", "https://news.example/0", "urn:uuid:a", "2024-05-01T00:00:00Z", "application/http; msgtype=response", page(0).as_bytes(), false).unwrap();
    let mut liar = Vec::new();
    warc::write_record(&mut liar, "response", "https://news.example/1", "urn:uuid:b", "2024-05-01T00:00:00Z", "application/http; msgtype=response", page(1).as_bytes(), false).unwrap();
    let liar = String::from_utf8(liar).unwrap();
    let len = page(1).len();
    data.extend(liar.replace(&format!("Content-Length: {len}\r\n"), "Content-Length: 99999999999\r\n").into_bytes());
    warc::write_record(&mut data, "response", "https://news.example/2", "urn:uuid:c", "2024-05-01T00:00:00Z", "application/http; msgtype=response", page(2).as_bytes(), false).unwrap();
    let docs = collect("liar.warc", &data);
    let urls: Vec<_> = docs.iter().filter_map(|d| d.as_ref().ok()).map(|d| d.url.clone().unwrap()).collect();
    assert_eq!(urls, vec!["https://news.example/0", "https://news.example/2"]);
    let errors: Vec<_> = docs.iter().filter_map(|d| d.as_ref().err()).collect();
    assert_eq!(errors.len(), 1, "{docs:?}");
    assert!(errors[0].reason.contains("larger than the limit"), "{}", errors[0].reason);
}

#[test]
fn the_largest_document_limit_does_not_overflow() {
    // issue 18, row 14: usize::MAX wrapped, and every .gz input became "empty document"
    let limits = Limits { max_document_bytes: usize::MAX, max_feed_bytes: usize::MAX, ..Limits::default() };
    let gz = gzip(b"<html><body><p>hello world</p></body></html>");
    let docs: Vec<_> = read_bytes("page.html.gz", gz, &limits).collect();
    assert!(matches!(&docs[0].as_ref().unwrap().body, Body::Html(h) if h.contains("hello")), "{docs:?}");
    let docs: Vec<_> = read_bytes("feed.xml", RSS.as_bytes().to_vec(), &limits).collect();
    assert_eq!(docs.len(), 2);
    let mut warc = Vec::new();
    warc::write_record(&mut warc, "resource", "https://a.example/", "urn:uuid:r", "2024-05-01T00:00:00Z", "text/html", b"<html><body><p>x</p></body></html>", true).unwrap();
    assert!(read_bytes("a.warc.gz", warc, &limits).next().unwrap().is_ok());
}

#[test]
fn a_stream_is_read_no_further_than_its_limit() {
    // issue 18, row 5: standard input used to be read whole before the limit was checked
    struct Endless(u64);
    impl std::io::Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            buf.fill(b'a');
            self.0 += buf.len() as u64;
            assert!(self.0 < 1 << 30, "read a gigabyte of a stream limited to 1000 bytes");
            Ok(buf.len())
        }
    }
    let limits = Limits { max_document_bytes: 1000, ..Limits::default() };
    let docs: Vec<_> = read_stream("-", Endless(0), &limits).collect();
    assert!(docs[0].as_ref().unwrap_err().reason.contains("exceeds the limit of 1000 bytes"), "{docs:?}");
}

#[test]
fn an_rss_feed_behind_a_large_dtd_is_read_as_a_feed() {
    // issue 18, row 15
    let entities: String = (0..3000).map(|i| format!("<!ENTITY e{i} \"entity number {i}, padded to make the DTD long\">\n")).collect();
    let rss = RSS.replacen("?>", &format!("?>\n<!DOCTYPE rss [\n{entities}]>"), 1);
    assert!(rss.len() > 100_000);
    let docs = collect("dtd.xml", rss.as_bytes());
    assert_eq!(docs.len(), 2, "{:?}", docs[0]);
    assert_eq!(docs[0].as_ref().unwrap().format, Format::Rss);
}

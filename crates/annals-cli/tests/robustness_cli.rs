//! Issue 18: hostile and clumsy input, through the binary. Each test names the
//! row of the issue it guards; the inputs are made here, never committed.

use std::io::Write;

use super::{annals, jsonl};

const GOOD: &str = "<html><body><article><p>Ministers met in Geneva on Tuesday to discuss the ceasefire, diplomats said.</p></article></body></html>";

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn extract(args: &[&str], dir: &std::path::Path) -> (Option<i32>, Vec<serde_json::Value>, String) {
    let out = annals().args(["extract", "--format", "jsonl", "--quiet"]).args(args).arg(dir).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code(), jsonl(&out.stdout), stderr)
}

#[test]
fn a_long_s_in_a_date_no_longer_kills_the_batch() {
    // row 1: "Maſs 5, 2020" panicked in the date finder, outside any guard: exit 101, nothing stored
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let page = "<html><head><meta name=\"date\" content=\"Maſs 5, 2020\"><title>Maſs 5, 2020</title></head><body><article>\
        <p class=\"byline\">Published Maſs 5, 2020 and \u{212A}ov 5, 2020</p><p>Ministers met in Geneva on Maſs 5, 2020 to discuss the ceasefire, diplomats said.</p></article></body></html>";
    std::fs::write(d.join("a_long_s.html"), page).unwrap();
    std::fs::write(d.join("b_long_s.txt"), "Geneva, Maſs 5, 2020\n\nMinisters met in Geneva to discuss the ceasefire, diplomats said on Maſs 5, 2020.").unwrap();
    for i in 0..3 {
        std::fs::write(d.join(format!("c_good{i}.html")), GOOD).unwrap();
    }
    let (code, docs, stderr) = extract(&[], d);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(docs.len(), 5);
    let db = d.join("store.db");
    let out = annals().args(["ingest", "--json", "--quiet", "--db"]).arg(&db).arg(d.join("a_long_s.html")).arg(d.join("c_good0.html")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn gzip_nested_thousands_deep_is_one_error_line() {
    // row 2: the recursion on every gzip layer overflowed the stack and aborted the process
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut data = GOOD.as_bytes().to_vec();
    for _ in 0..5000 {
        data = gzip(&data);
    }
    std::fs::write(d.join("a_deep.gz"), data).unwrap();
    std::fs::write(d.join("b_good.html"), GOOD).unwrap();
    let (code, docs, stderr) = extract(&[], d);
    assert_eq!(code, Some(1));
    assert_eq!(docs.len(), 1);
    assert!(stderr.lines().any(|l| l.contains("a_deep.gz") && l.contains("--max-gzip-depth")), "{stderr}");
}

#[test]
fn a_jsonl_file_many_times_the_document_limit_loses_nothing() {
    // row 3: the file was cut at 4 × --max-document-bytes; the lines after it were lost unreported
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let lines: String = (0..1500).map(|i| format!("{{\"url\":\"https://a.example/{i}\",\"text\":\"Ministers met in city number {i} on Tuesday, diplomats said.\"}}\n")).collect();
    assert!(lines.len() > 8 * 10_000);
    std::fs::write(d.join("many.jsonl"), lines).unwrap();
    let (code, docs, stderr) = extract(&["--max-document-bytes", "10000"], d);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(docs.len(), 1500);
    assert_eq!(docs[1499]["url"], "https://a.example/1499");
}

#[test]
fn a_warc_record_with_a_lying_length_costs_that_record_only() {
    // row 4: Content-Length 99999999999 drained the next, valid record
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let record = |i: usize, len: Option<&str>| {
        let body = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><article><p>Ministers met in Geneva for round {i} of talks on the ceasefire, diplomats said.</p></article></body></html>");
        let n = body.len().to_string();
        format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/{i}\r\nWARC-Record-ID: <urn:uuid:r{i}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n", len.unwrap_or(&n))
    };
    let warc = [record(0, None), record(1, Some("99999999999")), record(2, None)].concat();
    std::fs::write(d.join("liar.warc"), warc).unwrap();
    let (code, docs, stderr) = extract(&[], d);
    assert_eq!(code, Some(1));
    let urls: Vec<_> = docs.iter().map(|d| d["url"].as_str().unwrap().to_string()).collect();
    assert_eq!(urls, ["https://news.example/0", "https://news.example/2"]);
    assert!(stderr.contains("larger than the limit"), "{stderr}");
}

#[test]
fn a_few_nul_bytes_do_not_reject_a_page() {
    // row 13: one NUL anywhere in the first 8 KiB made the whole page "binary data"
    let dir = tempfile::tempdir().unwrap();
    let paragraphs = "<p>The talks, mediated by Qatar and Egypt, are set to continue next week, according to a diplomat.</p>".repeat(10);
    let page = GOOD.replace("</article>", &format!("{paragraphs}</article>")).replace("Geneva", "Gen\0eva").replace("<body>", "<body>\0\0");
    std::fs::write(dir.path().join("nul.html"), page).unwrap();
    let (code, docs, stderr) = extract(&[], dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(docs[0]["text"].as_str().unwrap().contains("Ministers met"));
}

#[test]
fn the_largest_document_limit_reads_gzip_files() {
    // row 14: 18446744073709551615 overflowed, and every .gz input was an "empty document"
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html.gz"), gzip(GOOD.as_bytes())).unwrap();
    let (code, docs, stderr) = extract(&["--max-document-bytes", "18446744073709551615"], dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(docs.len(), 1);
}

#[test]
fn an_rss_feed_behind_a_large_dtd_is_a_feed() {
    // row 15: a 100 KB DTD pushed the root element past detection; the raw XML became the article
    let dir = tempfile::tempdir().unwrap();
    let entities: String = (0..2500).map(|i| format!("<!ENTITY e{i} \"entity number {i}, to make the DTD long\">\n")).collect();
    let rss = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n{entities}]>\n<rss version=\"2.0\"><channel><title>Wire</title>\
         <item><title>Talks</title><link>https://wire.example/1</link><description>Ministers met in Geneva on Tuesday to discuss the ceasefire, diplomats said.</description></item>\
         </channel></rss>"
    );
    assert!(rss.len() > 100_000);
    std::fs::write(dir.path().join("feed.xml"), rss).unwrap();
    let (code, docs, stderr) = extract(&[], dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["meta"]["format"], "rss");
    assert!(!docs[0]["text"].as_str().unwrap().contains("ENTITY"));
}

#[test]
fn standard_input_is_read_no_further_than_the_limit() {
    // row 5: all of standard input was read before the limit was checked
    // (from a file, not a pipe: the binary stops reading, and a pipe's writer would fail)
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "word ".repeat(2_000_000)).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["extract", "-", "--max-document-bytes", "1000"])
        .stdin(std::fs::File::open(&big).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("-: document exceeds the limit of 1000 bytes (raise --max-document-bytes)"), "{stderr}");
}

//! Format detection from content.

use std::io::Read;

/// Input formats annals reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// An HTML page.
    Html,
    /// A WARC archive (plain or gzip per record).
    Warc,
    /// An RSS 2.0 (or RSS 1.0 / RDF) feed.
    Rss,
    /// An Atom feed.
    Atom,
    /// JSON Lines, one document per line.
    Jsonl,
    /// Plain text.
    Text,
}

impl Format {
    /// Lower-case name (`html`, `warc`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Warc => "warc",
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::Jsonl => "jsonl",
            Format::Text => "text",
        }
    }
}

pub(crate) enum Container {
    Warc { gzipped: bool },
    Gzip,
    Plain,
}

/// Looks at the first bytes: a WARC (maybe gzipped per record), another gzip stream, or neither.
pub(crate) fn sniff_container(head: &[u8]) -> Container {
    if head.starts_with(b"WARC/") {
        return Container::Warc { gzipped: false };
    }
    if head.starts_with(&[0x1f, 0x8b]) {
        let mut start = [0u8; 5];
        let mut decoder = flate2::read::GzDecoder::new(head);
        if decoder.read_exact(&mut start).is_ok() && &start == b"WARC/" {
            return Container::Warc { gzipped: true };
        }
        return Container::Gzip;
    }
    Container::Plain
}

/// Detects the format of an uncompressed, non-WARC document.
/// Errs with a reason for input that is no document at all (empty, binary).
pub fn detect(bytes: &[u8]) -> Result<Format, String> {
    if bytes.starts_with(b"WARC/") {
        return Ok(Format::Warc);
    }
    let head = &bytes[..bytes.len().min(8192)];
    let trimmed = trim_start(strip_bom(head));
    if trimmed.is_empty() {
        return Err("empty document".into());
    }
    if looks_binary(head) {
        return Err("binary data, not HTML, WARC, RSS/Atom, JSON Lines or text".into());
    }
    let lower: Vec<u8> = trimmed[..trimmed.len().min(2048)].iter().map(|b| b.to_ascii_lowercase()).collect();
    let starts = |p: &[u8]| lower.starts_with(p);
    let contains = |p: &[u8]| crate::decode::find(&lower, p).is_some();
    if starts(b"<?xml") || starts(b"<rss") || starts(b"<feed") || starts(b"<rdf:rdf") {
        if contains(b"<rss") || contains(b"<rdf:rdf") {
            return Ok(Format::Rss);
        }
        if contains(b"<feed") {
            return Ok(Format::Atom);
        }
        if starts(b"<?xml") && (contains(b"<html") || contains(b"<!doctype html")) {
            return Ok(Format::Html);
        }
    }
    if starts(b"{") {
        let first_line = trimmed.split(|b| *b == b'\n').next().unwrap_or(trimmed);
        if serde_json::from_slice::<serde_json::Value>(first_line).map(|v| v.is_object()).unwrap_or(false) {
            return Ok(Format::Jsonl);
        }
        // a truncated first line still reads as JSON Lines if it carries the keys
        if contains(b"\"html\"") || contains(b"\"text\"") || contains(b"\"url\"") {
            return Ok(Format::Jsonl);
        }
    }
    if starts(b"<!doctype html") || starts(b"<html") || starts(b"<head") || starts(b"<body") || starts(b"<!--") || starts(b"<meta") {
        return Ok(Format::Html);
    }
    if starts(b"<") && (contains(b"</p>") || contains(b"</div>") || contains(b"<br") || contains(b"</a>")) {
        return Ok(Format::Html);
    }
    Ok(Format::Text)
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(b)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// NUL bytes, or many control characters, mean binary data. UTF-16 (with a BOM) is text.
fn looks_binary(head: &[u8]) -> bool {
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    if head.contains(&0) {
        return true;
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b)).count();
    controls * 20 > head.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content() {
        assert_eq!(detect(b"<!DOCTYPE html><html>").unwrap(), Format::Html);
        assert_eq!(detect(b"\xef\xbb\xbf  <html lang=en>").unwrap(), Format::Html);
        assert_eq!(detect(b"<?xml version=\"1.0\"?><rss version=\"2.0\">").unwrap(), Format::Rss);
        assert_eq!(detect(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">").unwrap(), Format::Atom);
        assert_eq!(detect(b"{\"url\":\"u\",\"text\":\"t\"}\n{\"url\":\"v\",\"text\":\"w\"}").unwrap(), Format::Jsonl);
        assert_eq!(detect(b"BEIRUT (Reuters) - Talks resumed.").unwrap(), Format::Text);
        assert_eq!(detect(b"<div><p>fragment</p></div>").unwrap(), Format::Html);
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(detect(b"  \n ").unwrap_err(), "empty document");
        assert!(detect(b"\x7fELF\x02\x01\x01\x00\x00\x00").unwrap_err().starts_with("binary data"));
    }
}

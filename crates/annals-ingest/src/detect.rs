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
    // The root element of a feed may follow a prolog of any size (a DTD with its internal subset).
    let prolog_window = &bytes[..bytes.len().min(crate::MAX_PROLOG_BYTES as usize + 8192)];
    if let Some(root) = skip_prolog(trim_start(strip_bom(prolog_window))) {
        let root: Vec<u8> = root[..root.len().min(16)].iter().map(|b| b.to_ascii_lowercase()).collect();
        if root.starts_with(b"<rss") || root.starts_with(b"<rdf:rdf") {
            return Ok(Format::Rss);
        }
        if root.starts_with(b"<feed") {
            return Ok(Format::Atom);
        }
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

/// What follows an XML prolog (declaration, processing instructions, comments,
/// a DOCTYPE with its internal subset): `None` when the prolog does not end in `b`.
fn skip_prolog(mut b: &[u8]) -> Option<&[u8]> {
    loop {
        b = trim_start(b);
        if b.starts_with(b"<?") {
            b = &b[crate::decode::find(b, b"?>")? + 2..];
        } else if b.starts_with(b"<!--") {
            b = &b[crate::decode::find(&b[4..], b"-->")? + 7..];
        } else if b.len() >= 9 && b[..9].eq_ignore_ascii_case(b"<!doctype") {
            b = &b[doctype_end(b)?..];
        } else {
            return Some(b);
        }
    }
}

/// The length of a `<!DOCTYPE …>` declaration: its internal subset `[…]` and
/// quoted strings may hold `>`.
fn doctype_end(b: &[u8]) -> Option<usize> {
    let mut quote = None;
    let mut subset = false;
    for (i, &c) in b.iter().enumerate() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'[') => subset = true,
            (None, b']') => subset = false,
            (None, b'>') if !subset => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// True when `head` starts an XML prolog that does not end within it: the
/// reader then reads on (up to a bound) before detecting the format.
pub(crate) fn prolog_unfinished(head: &[u8]) -> bool {
    let t = trim_start(strip_bom(head));
    (t.starts_with(b"<?") || t.starts_with(b"<!")) && skip_prolog(t).is_none()
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(b)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// More than a trace of NUL bytes (1 in 100), or many control characters (1 in
/// 20), mean binary data: a few stray NULs in a page do not. UTF-16 (with a BOM) is text.
fn looks_binary(head: &[u8]) -> bool {
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    let nuls = head.iter().filter(|&&b| b == 0).count();
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b)).count();
    nuls * 100 > head.len().max(1) || controls * 20 > head.len().max(1)
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
    fn a_few_nul_bytes_do_not_make_a_page_binary() {
        // issue 18, row 13
        let mut page = b"<!DOCTYPE html><html><body>".to_vec();
        for i in 0..40 {
            page.extend_from_slice(format!("<p>Paragraph {i} of an ordinary news page.</p>").as_bytes());
            if i % 10 == 0 {
                page.push(0);
            }
        }
        assert_eq!(detect(&page).unwrap(), Format::Html);
    }

    #[test]
    fn a_feed_after_a_large_dtd_is_a_feed() {
        // issue 18, row 15
        let entities: String = (0..2000).map(|i| format!("<!ENTITY e{i} \"value > {i}\">\n")).collect();
        let rss = format!("<?xml version=\"1.0\"?>\n<!-- a comment -->\n<!DOCTYPE rss [\n{entities}]>\n<rss version=\"2.0\"><channel></channel></rss>");
        assert!(rss.len() > 50_000);
        assert_eq!(detect(rss.as_bytes()).unwrap(), Format::Rss);
        assert!(prolog_unfinished(&rss.as_bytes()[..8192]));
        assert!(!prolog_unfinished(rss.as_bytes()));
        let atom = format!("<!DOCTYPE feed [{entities}]><feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>");
        assert_eq!(detect(atom.as_bytes()).unwrap(), Format::Atom);
        assert_eq!(detect(b"<!DOCTYPE html><html><body><p>rss</p></body></html>").unwrap(), Format::Html);
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(detect(b"  \n ").unwrap_err(), "empty document");
        assert!(detect(b"\x7fELF\x02\x01\x01\x00\x00\x00").unwrap_err().starts_with("binary data"));
    }
}

//! JSON Lines: `{"url":…,"html":…}` or `{"url":…,"text":…}` per line, with
//! optional `title`, `published` (or `date`), `authors` and `site`.

use std::io::{BufRead, BufReader, Read};

use serde::Deserialize;

use crate::{Body, Documents, Format, Hints, IngestError, Limits, RawDocument};

#[derive(Deserialize)]
struct Line {
    url: Option<String>,
    html: Option<String>,
    text: Option<String>,
    title: Option<String>,
    #[serde(alias = "date")]
    published: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    site: Option<String>,
}

/// Reads one line of at most `max` bytes (without its `\n`) into `line`.
/// A longer line is read to its end without being kept: `Ok(Some(false))`.
/// `Ok(None)` at the end of the input.
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>, max: usize) -> std::io::Result<Option<bool>> {
    line.clear();
    let mut fits = true;
    let mut any = false;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(any.then_some(fits));
        }
        any = true;
        let (chunk, done) = match buf.iter().position(|b| *b == b'\n') {
            Some(i) => (&buf[..i], i + 1),
            None => (buf, buf.len()),
        };
        if fits && line.len() + chunk.len() <= max {
            line.extend_from_slice(chunk);
        } else {
            fits = false;
            line.clear();
        }
        let ends = done > chunk.len();
        input.consume(done);
        if ends {
            return Ok(Some(fits));
        }
    }
}

/// One document per line, read as a stream: each line is held to the
/// document limit on its own, and the file may be of any size.
pub(crate) fn read_jsonl(source: &str, input: impl Read + Send + 'static, limits: &Limits) -> Documents {
    let source = source.to_string();
    let max = limits.max_document_bytes;
    let mut input = BufReader::with_capacity(1 << 16, input);
    let mut n = 0;
    let mut line = Vec::new();
    let mut failed = false;
    Box::new(std::iter::from_fn(move || loop {
        if failed {
            return None;
        }
        n += 1;
        let at = format!("{source}:{n}");
        let fits = match read_line(&mut input, &mut line, max) {
            Ok(None) => return None,
            Ok(Some(fits)) => fits,
            Err(e) => {
                failed = true;
                return Some(Err(IngestError::new(at, format!("cannot read: {e}"))));
            }
        };
        if !fits {
            return Some(Err(IngestError::new(at, format!("line exceeds the limit of {} (raise --max-document-bytes)", crate::human_bytes(max)))));
        }
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        return Some(parse_line(at, &line));
    }))
}

fn parse_line(at: String, line: &[u8]) -> Result<RawDocument, IngestError> {
    let text = std::str::from_utf8(line).map_err(|e| IngestError::new(&at, format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    let parsed: Line = serde_json::from_str(text).map_err(|e| IngestError::new(&at, format!("invalid JSON: {e}")))?;
    let body = match (parsed.html, parsed.text) {
        (Some(h), _) if !h.trim().is_empty() => Body::Html(h),
        (_, Some(t)) if !t.trim().is_empty() => Body::Text(t),
        _ => return Err(IngestError::new(at, "line has neither a non-empty \"html\" nor \"text\" field")),
    };
    let published = parsed.published.as_deref().and_then(parse_date);
    let source = match &parsed.url {
        Some(u) => format!("{at}#{u}"),
        None => at,
    };
    Ok(RawDocument {
        source,
        format: Format::Jsonl,
        url: parsed.url,
        body,
        hints: Hints { title: parsed.title, published, authors: parsed.authors, site: parsed.site },
        notes: Vec::new(),
    })
}

/// Accepts `2024-03-01`, `2024-03-01T10:00:00Z` and RFC 3339 timestamps.
fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

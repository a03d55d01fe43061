//! JSON Lines: `{"url":…,"html":…}` or `{"url":…,"text":…}` per line, with
//! optional `title`, `published` (or `date`), `authors` and `site`.

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

pub(crate) fn read_jsonl(source: &str, bytes: Vec<u8>, limits: &Limits) -> Documents {
    let source = source.to_string();
    let max = limits.max_document_bytes;
    let lines: Vec<(usize, Vec<u8>)> = bytes
        .split(|b| *b == b'\n')
        .enumerate()
        .filter(|(_, l)| !l.iter().all(|b| b.is_ascii_whitespace()))
        .map(|(i, l)| (i + 1, l.to_vec()))
        .collect();
    drop(bytes);
    Box::new(lines.into_iter().map(move |(n, line)| {
        let at = format!("{source}:{n}");
        if line.len() > max {
            return Err(IngestError::new(at, format!("line exceeds the limit of {}", crate::human_bytes(max))));
        }
        let text = std::str::from_utf8(&line).map_err(|e| IngestError::new(&at, format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
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
    }))
}

/// Accepts `2024-03-01`, `2024-03-01T10:00:00Z` and RFC 3339 timestamps.
fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

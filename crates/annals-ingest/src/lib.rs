//! Raw input → [`RawDocument`]s.
//!
//! A path is a file or a directory (walked recursively, in sorted order).
//! The format of each file is detected from its content, not its name:
//! WARC (plain or gzip per record, the Common Crawl layout), RSS 2.0 and Atom
//! feeds (one document per item), JSON Lines (`{"url":…,"html":…}` or
//! `{"url":…,"text":…}`), HTML, gzip-compressed versions of these, and plain
//! text. Every item is a `Result`: a damaged record or line is an
//! [`IngestError`] naming the document and the reason, and reading goes on.
//!
//! ```
//! use annals_ingest::{read_bytes, Limits, Body};
//! let docs: Vec<_> = read_bytes("page.html", b"<html><body><p>Hi</p></body></html>".to_vec(), &Limits::default()).collect();
//! assert!(matches!(docs[0].as_ref().unwrap().body, Body::Html(_)));
//! ```
#![deny(missing_docs)]

pub mod decode;
mod detect;
mod feed;
mod jsonl;
pub mod warc;

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use detect::{detect, Format};

/// Size and depth limits. Each is a command-line option with this default.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest single document (an HTML page, a WARC record block, a text file), in bytes.
    pub max_document_bytes: usize,
    /// Deepest HTML element nesting accepted by extraction.
    pub max_html_depth: usize,
    /// Most attributes on one HTML element accepted by extraction.
    pub max_html_attributes: usize,
    /// Most gzip layers around one input (a `.gz` file is one).
    pub max_gzip_depth: usize,
    /// Largest RSS or Atom feed file, in bytes (each item is also held to
    /// `max_document_bytes`). JSON Lines files have no file limit: they are
    /// read line by line.
    pub max_feed_bytes: usize,
    /// Longest text analyzed, in characters: a longer text is cut (at a word
    /// boundary) before the analysis stages, with a note, so analysis time and
    /// memory stay bounded.
    pub max_analyzed_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_document_bytes: 16 * 1024 * 1024,
            max_html_depth: 400,
            max_html_attributes: 1000,
            max_gzip_depth: 4,
            max_feed_bytes: 64 * 1024 * 1024,
            max_analyzed_chars: 100_000,
        }
    }
}

/// The body of a raw document, already decoded to text.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// An HTML page.
    Html(String),
    /// Plain text (possibly scraped from a page, with its chrome still in it).
    Text(String),
}

/// What the container (feed item, JSONL line, WARC header) says about the document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hints {
    /// Title given by a feed item or JSON line.
    pub title: Option<String>,
    /// Publication date given by a feed item or JSON line.
    pub published: Option<NaiveDate>,
    /// Authors given by a feed item or JSON line.
    pub authors: Vec<String>,
    /// Site name (a feed's title).
    pub site: Option<String>,
}

/// One document as read, before extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDocument {
    /// Where it came from: `path`, `path#<warc-record-id>`, `path:line`, or `path#<item link>`.
    pub source: String,
    /// Format of the container it came from.
    pub format: Format,
    /// The document's URL, when the container gives one.
    pub url: Option<String>,
    /// The content.
    pub body: Body,
    /// Metadata from the container.
    pub hints: Hints,
    /// Remarks made while reading (a guessed charset, ...).
    pub notes: Vec<String>,
}

/// A document that could not be read; the batch goes on without it.
#[derive(Debug, Clone, PartialEq)]
pub struct IngestError {
    /// The document: a path, `path#offset`, `path:line`.
    pub source: String,
    /// Why it failed.
    pub reason: String,
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.reason)
    }
}

impl std::error::Error for IngestError {}

impl IngestError {
    pub(crate) fn new(source: impl Into<String>, reason: impl Into<String>) -> Self {
        IngestError { source: source.into(), reason: reason.into() }
    }
}

/// A stream of raw documents or errors.
pub type Documents = Box<dyn Iterator<Item = Result<RawDocument, IngestError>> + Send>;

/// Reads every document under `path` (a file or a directory, walked recursively).
pub fn read_path(path: &Path, limits: &Limits) -> Documents {
    let limits = limits.clone();
    Box::new(walk(path).flat_map(move |file| -> Documents {
        match file {
            Ok(file) => read_file(&file, &limits),
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    }))
}

/// The files under `path` (itself when it is a file), in sorted order, hidden
/// files left out; a directory entry that cannot be read is an error.
pub fn walk(path: &Path) -> Box<dyn Iterator<Item = Result<PathBuf, IngestError>> + Send> {
    if !path.is_dir() {
        return Box::new(std::iter::once(Ok(path.to_path_buf())));
    }
    let walk = walkdir::WalkDir::new(path).sort_by_file_name().follow_links(true);
    Box::new(walk.into_iter().filter_map(|entry| match entry {
        Ok(e) if e.file_type().is_file() && !is_hidden(e.path()) => Some(Ok(e.into_path())),
        Ok(_) => None,
        Err(e) => {
            let source = e.path().map_or_else(|| "(directory)".to_string(), |p| p.display().to_string());
            Some(Err(IngestError::new(source, format!("cannot read: {e}"))))
        }
    }))
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
}

/// Lists the files `read_path` would read, for progress reporting.
pub fn list_files(path: &Path) -> Vec<PathBuf> {
    if path.is_dir() {
        walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && !is_hidden(e.path()))
            .map(|e| e.into_path())
            .collect()
    } else {
        vec![path.to_path_buf()]
    }
}

/// Reads one file. WARC files are streamed record by record, JSON Lines line
/// by line; other formats are read whole, up to their size limit.
pub fn read_file(path: &Path, limits: &Limits) -> Documents {
    let source = path.display().to_string();
    match File::open(path) {
        Ok(file) => read_stream(&source, file, limits),
        Err(e) => one_error(&source, format!("cannot open: {e}")),
    }
}

fn one_error(source: &str, reason: String) -> Documents {
    Box::new(std::iter::once(Err(IngestError::new(source, reason))))
}

/// Reads documents from bytes already in memory (a file, standard input, an HTTP body).
pub fn read_bytes(source: &str, bytes: Vec<u8>, limits: &Limits) -> Documents {
    read_stream(source, std::io::Cursor::new(bytes), limits)
}

/// How far detection looks for the end of an XML prolog (declaration,
/// comments, a DOCTYPE with its internal subset) before deciding.
const MAX_PROLOG_BYTES: u64 = 1 << 20;

/// Reads documents from a stream (a file, standard input), never holding more
/// than the limits allow: gzip layers are unwrapped as streams (at most
/// `max_gzip_depth` of them), WARC records and JSON lines are read one at a
/// time, and other documents are read up to one byte past their limit.
pub fn read_stream(source: &str, input: impl Read + Send + 'static, limits: &Limits) -> Documents {
    let source = source.to_string();
    let mut input: Box<dyn Read + Send> = Box::new(input);
    let mut layers = 0;
    let head = loop {
        let mut head = Vec::with_capacity(8192);
        if let Err(e) = (&mut input).take(8192).read_to_end(&mut head) {
            return one_error(&source, read_failure(e, layers));
        }
        match detect::sniff_container(&head) {
            detect::Container::Warc { gzipped } => {
                let rest = std::io::Cursor::new(head).chain(input);
                return Box::new(warc_documents(source, rest, gzipped, limits));
            }
            detect::Container::Gzip => {
                layers += 1;
                if layers > limits.max_gzip_depth {
                    return one_error(&source, format!("gzip nested more than {} deep (raise --max-gzip-depth)", limits.max_gzip_depth));
                }
                input = Box::new(flate2::read::MultiGzDecoder::new(std::io::Cursor::new(head).chain(input)));
            }
            detect::Container::Plain => {
                // an XML prolog (a DTD may be large) is read whole before deciding, up to a bound
                if detect::prolog_unfinished(&head) {
                    if let Err(e) = (&mut input).take(MAX_PROLOG_BYTES).read_to_end(&mut head) {
                        return one_error(&source, read_failure(e, layers));
                    }
                }
                break head;
            }
        }
    };
    let format = match detect(&head) {
        Ok(f) => f,
        Err(reason) => return one_error(&source, reason),
    };
    let input = std::io::Cursor::new(head).chain(input);
    if format == Format::Jsonl {
        return jsonl::read_jsonl(&source, input, limits);
    }
    let (limit, what) = match format {
        Format::Rss | Format::Atom => (limits.max_feed_bytes, "--max-feed-bytes"),
        _ => (limits.max_document_bytes, "--max-document-bytes"),
    };
    let mut bytes = Vec::new();
    if let Err(e) = input.take((limit as u64).saturating_add(1)).read_to_end(&mut bytes) {
        return one_error(&source, read_failure(e, layers));
    }
    if bytes.len() > limit {
        let kind = match format {
            Format::Rss | Format::Atom => "feed file",
            _ if layers > 0 => "decompressed size",
            _ => "document",
        };
        return one_error(&source, format!("{kind} exceeds the limit of {} (raise {what})", human_bytes(limit)));
    }
    match format {
        Format::Rss | Format::Atom => feed::read_feed(&source, &bytes, limits),
        Format::Html | Format::Text => {
            let decoded = decode::decode(&bytes, None, format == Format::Html);
            let mut notes = Vec::new();
            if decoded.guessed {
                notes.push(format!("no charset declared and not valid UTF-8; decoded as {} (detected)", decoded.encoding));
            }
            if decoded.had_errors {
                notes.push(format!("some bytes were not valid {} and were replaced", decoded.encoding));
            }
            let body = if format == Format::Html { Body::Html(decoded.text) } else { Body::Text(decoded.text) };
            Box::new(std::iter::once(Ok(RawDocument { source, format, url: None, body, hints: Hints::default(), notes })))
        }
        Format::Warc | Format::Jsonl => unreachable!("WARC is recognised by its container, JSON Lines is streamed above"),
    }
}

/// The reason for a failed read: inside a gzip layer, the stream's damage.
fn read_failure(e: std::io::Error, gzip_layers: usize) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof if gzip_layers > 0 => "truncated gzip stream".into(),
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData if gzip_layers > 0 => format!("corrupt gzip stream: {e}"),
        _ => format!("cannot read: {e}"),
    }
}

/// Turns WARC records into documents: `response` records with an HTML payload
/// and status 2xx, and `resource` records with an HTML content type.
fn warc_documents(path: String, input: impl Read + Send + 'static, gzipped: bool, limits: &Limits) -> impl Iterator<Item = Result<RawDocument, IngestError>> + Send {
    let limits = limits.clone();
    warc::WarcReader::new(input, gzipped, limits.max_document_bytes).filter_map(move |rec| {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => return Some(Err(IngestError::new(format!("{path}@{}", e.offset), e.reason))),
        };
        let id = rec.header("WARC-Record-ID").unwrap_or("").trim_matches(['<', '>']).to_string();
        let source = if id.is_empty() { format!("{path}@{}", rec.offset) } else { format!("{path}#{id}") };
        let url = rec.header("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string());
        let (payload, charset) = match rec.header("WARC-Type").unwrap_or("") {
            "response" => {
                let http = warc::parse_http_response(&rec.block)?;
                if !(200..300).contains(&http.status) {
                    return None;
                }
                let ctype = http.header("Content-Type").unwrap_or("text/html");
                if !is_html_type(ctype) {
                    return None;
                }
                let charset = decode::charset_of_content_type(ctype);
                let mut body = http.body.to_vec();
                if http.header("Transfer-Encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
                    if let Some(plain) = warc::dechunk(&body) {
                        body = plain;
                    }
                }
                if http.header("Content-Encoding").is_some_and(|v| v.contains("gzip")) && body.starts_with(&[0x1f, 0x8b]) {
                    let mut plain = Vec::new();
                    if flate2::read::MultiGzDecoder::new(&body[..]).take(limits.max_document_bytes as u64).read_to_end(&mut plain).is_ok() {
                        body = plain;
                    }
                }
                (body, charset)
            }
            "resource" => {
                let ctype = rec.header("Content-Type").unwrap_or("");
                if !is_html_type(ctype) {
                    return None;
                }
                let charset = decode::charset_of_content_type(ctype);
                (rec.block, charset)
            }
            _ => return None,
        };
        if payload.iter().all(|b| b.is_ascii_whitespace()) {
            return Some(Err(IngestError::new(source, "empty HTML payload")));
        }
        let decoded = decode::decode(&payload, charset.as_deref(), true);
        let mut notes = Vec::new();
        if decoded.guessed {
            notes.push(format!("no charset declared; decoded as {} (detected)", decoded.encoding));
        }
        Some(Ok(RawDocument { source, format: Format::Warc, url, body: Body::Html(decoded.text), hints: Hints::default(), notes }))
    })
}

fn is_html_type(ctype: &str) -> bool {
    let t = ctype.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    t.is_empty() || t == "text/html" || t == "application/xhtml+xml"
}

/// `12.3 MB`-style size for messages.
pub fn human_bytes(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64)
    } else if n >= 1 << 10 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests;

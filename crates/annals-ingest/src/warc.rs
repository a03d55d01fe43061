//! A streaming WARC reader (and a small writer for samples and tests).
//!
//! Written here rather than taken from the `warc` crate because a news
//! archive must survive damage: Common Crawl files hold one gzip member per
//! record, and a corrupt member in the middle must cost that record alone.
//! The reader decodes member by member, reports a broken member with its byte
//! offset, scans forward to the next gzip header (or the next `WARC/1.`
//! line in an uncompressed file) and carries on. Record bodies larger than
//! the limit are skipped without being held in memory, so memory stays flat
//! however large the archive.

use std::io::{self, BufRead, BufReader, Read, Write};

use flate2::bufread::GzDecoder;

/// One WARC record: its headers and its block.
#[derive(Debug, Clone)]
pub struct WarcRecord {
    /// Header fields in file order (names as written).
    pub headers: Vec<(String, String)>,
    /// The record block (for a `response`, the HTTP message).
    pub block: Vec<u8>,
    /// Byte offset of the record (or its gzip member) in the file.
    pub offset: u64,
}

impl WarcRecord {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A damaged or oversized record; reading goes on after it.
#[derive(Debug, Clone, PartialEq)]
pub struct WarcError {
    /// Byte offset in the file where the damage starts.
    pub offset: u64,
    /// What is wrong.
    pub reason: String,
}

/// Counts the bytes consumed from the underlying reader, for offsets and resync.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt)
    }
}

impl<R: BufRead> Counting<R> {
    /// Skips forward to the next occurrence of `magic` (after the current byte
    /// when `skip_first`); false at end of input. A magic split across two
    /// buffer fills is missed, which costs at most one more record.
    fn seek_magic(&mut self, magic: &[u8], skip_first: bool) -> io::Result<bool> {
        if skip_first {
            if self.fill_buf()?.is_empty() {
                return Ok(false);
            }
            self.consume(1);
        }
        loop {
            let buf = self.fill_buf()?;
            if buf.is_empty() {
                return Ok(false);
            }
            match crate::decode::find(buf, magic) {
                Some(i) => {
                    self.consume(i);
                    return Ok(true);
                }
                None => {
                    let n = buf.len();
                    self.consume(n);
                }
            }
        }
    }
}

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b, 0x08];
const WARC_MAGIC: &[u8] = b"WARC/1.";

/// Iterates over the records of a WARC file, compressed per record or not.
pub struct WarcReader<R: Read> {
    input: Counting<BufReader<R>>,
    gzipped: bool,
    max_record_bytes: usize,
    /// Records decoded from the current gzip member that are not yet returned.
    pending: std::collections::VecDeque<Result<WarcRecord, WarcError>>,
    done: bool,
}

impl<R: Read> WarcReader<R> {
    /// Reads `input`; `gzipped` when it starts with a gzip header.
    /// Records whose block exceeds `max_record_bytes` are reported and skipped.
    pub fn new(input: R, gzipped: bool, max_record_bytes: usize) -> Self {
        WarcReader {
            input: Counting { inner: BufReader::with_capacity(1 << 16, input), pos: 0 },
            gzipped,
            max_record_bytes,
            pending: Default::default(),
            done: false,
        }
    }

    fn next_gzip_member(&mut self) -> Option<()> {
        let offset = self.input.pos;
        match self.input.fill_buf() {
            Ok([]) => return None,
            Ok(_) => {}
            Err(e) => {
                self.pending.push_back(Err(WarcError { offset, reason: format!("read failed: {e}") }));
                self.done = true;
                return Some(());
            }
        }
        if !self.input.fill_buf().map(|b| b.starts_with(&GZIP_MAGIC[..2])).unwrap_or(false) {
            self.pending.push_back(Err(WarcError { offset, reason: "garbage between gzip members".into() }));
            if !self.input.seek_magic(GZIP_MAGIC, false).unwrap_or(false) {
                self.done = true;
            }
            return Some(());
        }
        // Decode one member, bounded: a member larger than the limit is drained, not kept.
        let limit = (self.max_record_bytes as u64).saturating_add(64 * 1024);
        let mut member = Vec::new();
        let result = {
            let mut decoder = GzDecoder::new(&mut self.input);
            let r = (&mut decoder).take(limit.saturating_add(1)).read_to_end(&mut member);
            match r {
                Ok(_) if member.len() as u64 > limit => {
                    // drain the rest of the oversized member without keeping it
                    io::copy(&mut decoder, &mut io::sink()).map(|_| true)
                }
                Ok(_) => Ok(false),
                Err(e) => Err(e),
            }
        };
        match result {
            Ok(true) => {
                self.pending.push_back(Err(WarcError {
                    offset,
                    reason: format!("record larger than the limit of {} bytes; skipped", self.max_record_bytes),
                }));
            }
            Ok(false) => parse_records(&member, offset, self.max_record_bytes, &mut self.pending),
            Err(e) => {
                let reason = if e.kind() == io::ErrorKind::UnexpectedEof {
                    "truncated gzip member".to_string()
                } else {
                    format!("corrupt gzip member: {e}")
                };
                self.pending.push_back(Err(WarcError { offset, reason }));
                // resync on the next member header after the broken one's start
                if self.input.pos == offset {
                    self.input.consume(1);
                }
                match self.input.seek_magic(GZIP_MAGIC, false) {
                    Ok(true) => {}
                    _ => self.done = true,
                }
            }
        }
        Some(())
    }

    fn next_plain_record(&mut self) -> Option<Result<WarcRecord, WarcError>> {
        let offset = self.input.pos;
        match self.input.fill_buf() {
            Ok([]) => return None,
            Ok(buf) if !buf.starts_with(b"WARC/") => {
                let err = WarcError { offset, reason: "expected a WARC record header".into() };
                if !self.input.seek_magic(WARC_MAGIC, true).unwrap_or(false) {
                    self.done = true;
                }
                return Some(Err(err));
            }
            Ok(_) => {}
            Err(e) => {
                self.done = true;
                return Some(Err(WarcError { offset, reason: format!("read failed: {e}") }));
            }
        }
        let headers = match read_headers(&mut self.input) {
            Ok(h) => h,
            Err(reason) => {
                self.done = true;
                return Some(Err(WarcError { offset, reason }));
            }
        };
        let Some(len) = content_length(&headers) else {
            let err = WarcError { offset, reason: "record has no valid Content-Length".into() };
            if !self.input.seek_magic(WARC_MAGIC, true).unwrap_or(false) {
                self.done = true;
            }
            return Some(Err(err));
        };
        if len > self.max_record_bytes as u64 {
            // Not drained by its Content-Length, which may be a lie (99999999999)
            // that would swallow every record after it: skipped up to the next
            // record header instead.
            if !self.input.seek_magic(WARC_MAGIC, false).unwrap_or(false) {
                self.done = true;
            }
            return Some(Err(WarcError {
                offset,
                reason: format!("record of {len} bytes is larger than the limit of {} bytes; skipped", self.max_record_bytes),
            }));
        }
        let mut block = Vec::with_capacity(len as usize);
        if let Err(e) = (&mut self.input).take(len).read_to_end(&mut block) {
            self.done = true;
            return Some(Err(WarcError { offset, reason: format!("read failed: {e}") }));
        }
        if (block.len() as u64) < len {
            self.done = true;
            return Some(Err(WarcError {
                offset,
                reason: format!("truncated record: Content-Length {len} but only {} bytes", block.len()),
            }));
        }
        skip_record_end(&mut self.input);
        Some(Ok(WarcRecord { headers, block, offset }))
    }
}

impl<R: Read> Iterator for WarcReader<R> {
    type Item = Result<WarcRecord, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            if self.gzipped {
                self.next_gzip_member()?;
            } else {
                return self.next_plain_record();
            }
        }
    }
}

/// Parses the records inside one decompressed gzip member.
fn parse_records(
    mut data: &[u8],
    member_offset: u64,
    max: usize,
    out: &mut std::collections::VecDeque<Result<WarcRecord, WarcError>>,
) {
    while !data.iter().all(|b| b.is_ascii_whitespace()) {
        let mut cursor = io::Cursor::new(data);
        let headers = match read_headers(&mut cursor) {
            Ok(h) => h,
            Err(reason) => {
                out.push_back(Err(WarcError { offset: member_offset, reason }));
                return;
            }
        };
        let Some(len) = content_length(&headers) else {
            out.push_back(Err(WarcError { offset: member_offset, reason: "record has no valid Content-Length".into() }));
            return;
        };
        let start = cursor.position() as usize;
        let end = start.saturating_add(len as usize);
        if len as usize > max {
            out.push_back(Err(WarcError { offset: member_offset, reason: format!("record larger than the limit of {max} bytes; skipped") }));
        } else if end > data.len() {
            out.push_back(Err(WarcError {
                offset: member_offset,
                reason: format!("truncated record: Content-Length {len} but only {} bytes", data.len() - start),
            }));
            return;
        } else {
            out.push_back(Ok(WarcRecord { headers, block: data[start..end].to_vec(), offset: member_offset }));
        }
        data = data.get(end..).unwrap_or(&[]);
        while let Some(rest) = data.strip_prefix(b"\r\n").or_else(|| data.strip_prefix(b"\n")) {
            data = rest;
        }
    }
}

fn read_headers(input: &mut impl BufRead) -> Result<Vec<(String, String)>, String> {
    let mut first = Vec::new();
    input.take(256).read_until(b'\n', &mut first).map_err(|e| format!("read failed: {e}"))?;
    if !first.starts_with(b"WARC/") {
        return Err("expected a WARC/1.x version line".into());
    }
    let mut headers = Vec::new();
    let mut line = Vec::new();
    for _ in 0..1000 {
        line.clear();
        let n = input.take(64 * 1024).read_until(b'\n', &mut line).map_err(|e| format!("read failed: {e}"))?;
        if n == 0 {
            return Err("truncated record header".into());
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            return Ok(headers);
        }
        if let Some((k, v)) = text.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    Err("record header has more than 1000 lines".into())
}

fn content_length(headers: &[(String, String)]) -> Option<u64> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("Content-Length")).and_then(|(_, v)| v.parse().ok())
}

fn skip_record_end(input: &mut impl BufRead) {
    for _ in 0..4 {
        match input.fill_buf() {
            Ok(buf) if buf.first() == Some(&b'\r') || buf.first() == Some(&b'\n') => input.consume(1),
            _ => break,
        }
    }
}

/// Writes one WARC/1.0 record, gzip-compressed as its own member when `gzip`
/// (the Common Crawl layout).
pub fn write_record(out: &mut impl Write, record_type: &str, uri: &str, record_id: &str, date: &str, content_type: &str, block: &[u8], gzip: bool) -> io::Result<()> {
    let mut rec = Vec::with_capacity(block.len() + 512);
    write!(
        rec,
        "WARC/1.0\r\nWARC-Type: {record_type}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\nWARC-Record-ID: <{record_id}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )?;
    rec.extend_from_slice(block);
    rec.extend_from_slice(b"\r\n\r\n");
    if gzip {
        let mut enc = flate2::write::GzEncoder::new(out, flate2::Compression::default());
        enc.write_all(&rec)?;
        enc.finish()?;
        Ok(())
    } else {
        out.write_all(&rec)
    }
}

/// An HTTP response block of a `response` record, split into its parts.
#[derive(Debug)]
pub struct HttpResponse<'a> {
    /// Status code (200, 301, ...).
    pub status: u16,
    /// Header fields.
    pub headers: Vec<(String, String)>,
    /// The payload.
    pub body: &'a [u8],
}

impl HttpResponse<'_> {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Splits an HTTP/1.x response message.
pub fn parse_http_response(block: &[u8]) -> Option<HttpResponse<'_>> {
    let end = crate::decode::find(block, b"\r\n\r\n").map(|i| (i, i + 4)).or_else(|| crate::decode::find(block, b"\n\n").map(|i| (i, i + 2)))?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    let headers = lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect();
    Some(HttpResponse { status, headers, body: &block[end.1..] })
}

/// Decodes an HTTP `Transfer-Encoding: chunked` body; `None` when it is not validly chunked.
pub fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let line_end = crate::decode::find(rest, b"\r\n")?;
        let size_text = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size..)?;
        rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(i: usize, gzip: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let body = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>page {i}</p>");
        write_record(&mut out, "response", &format!("https://example.com/{i}"), &format!("urn:uuid:{i}"), "2024-01-01T00:00:00Z", "application/http; msgtype=response", body.as_bytes(), gzip).unwrap();
        out
    }

    #[test]
    fn reads_gzip_members() {
        let data: Vec<u8> = (0..3).flat_map(|i| record(i, true)).collect();
        let recs: Vec<_> = WarcReader::new(&data[..], true, 1 << 20).collect();
        assert_eq!(recs.len(), 3);
        let r = recs[2].as_ref().unwrap();
        assert_eq!(r.header("WARC-Target-URI"), Some("https://example.com/2"));
        let http = parse_http_response(&r.block).unwrap();
        assert_eq!(http.status, 200);
        assert_eq!(http.body, b"<p>page 2</p>");
    }

    #[test]
    fn corrupt_member_in_the_middle_costs_one_record() {
        let mut data = record(0, true);
        let mut bad = record(1, true);
        let mid = bad.len() / 2;
        for b in &mut bad[12..mid] {
            *b ^= 0x5a;
        }
        data.extend(bad);
        data.extend(record(2, true));
        let recs: Vec<_> = WarcReader::new(&data[..], true, 1 << 20).collect();
        let ok: Vec<_> = recs.iter().filter_map(|r| r.as_ref().ok()).map(|r| r.header("WARC-Record-ID").unwrap().to_string()).collect();
        assert_eq!(ok, vec!["<urn:uuid:0>", "<urn:uuid:2>"]);
        assert!(recs.iter().any(|r| r.is_err()));
    }

    #[test]
    fn truncated_file_reports_error() {
        let mut data = record(0, true);
        let second = record(1, true);
        data.extend_from_slice(&second[..second.len() - 10]);
        let recs: Vec<_> = WarcReader::new(&data[..], true, 1 << 20).collect();
        assert!(recs[0].is_ok());
        assert!(recs.last().unwrap().as_ref().unwrap_err().reason.contains("truncated"));
    }

    #[test]
    fn plain_warc_with_garbage_resyncs() {
        let mut data = record(0, false);
        data.extend_from_slice(b"garbage garbage\r\n");
        data.extend(record(1, false));
        let recs: Vec<_> = WarcReader::new(&data[..], false, 1 << 20).collect();
        assert_eq!(recs.iter().filter(|r| r.is_ok()).count(), 2);
        assert_eq!(recs.iter().filter(|r| r.is_err()).count(), 1);
    }

    #[test]
    fn oversized_record_is_skipped() {
        let mut data = record(0, true);
        let big = vec![b'x'; 5000];
        write_record(&mut data, "resource", "https://e.com/big", "urn:uuid:big", "2024-01-01T00:00:00Z", "text/html", &big, true).unwrap();
        data.extend(record(2, true));
        let recs: Vec<_> = WarcReader::new(&data[..], true, 1000).collect();
        assert_eq!(recs.iter().filter(|r| r.is_ok()).count(), 2);
        assert!(recs[1].as_ref().unwrap_err().reason.contains("limit"));
    }

    #[test]
    fn dechunks() {
        assert_eq!(dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").unwrap(), b"Wikipedia");
        assert!(dechunk(b"<html>").is_none());
    }
}

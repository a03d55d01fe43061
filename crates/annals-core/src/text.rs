//! Character offsets.
//!
//! The JSON contract counts offsets in Unicode scalar values (Python's
//! `str` indices, JavaScript's code points), while Rust strings index bytes.
//! Every layer stores character offsets; [`CharIndex`] converts in both
//! directions in O(log n) so stages can work on byte slices internally.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of character offsets into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    /// First character of the span.
    pub start: usize,
    /// One past the last character of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (character offsets).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Number of characters covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no character.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one character.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Maps byte offsets to character offsets and back for one string.
///
/// For pure ASCII text both are the same and no table is kept.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every character that is not ASCII-aligned; empty for ASCII.
    char_starts: Vec<usize>,
    byte_len: usize,
}

impl CharIndex {
    /// Builds the index for `text`.
    pub fn new(text: &str) -> Self {
        let char_starts = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices().map(|(b, _)| b).collect()
        };
        CharIndex { char_starts, byte_len: text.len() }
    }

    fn is_ascii(&self) -> bool {
        self.char_starts.is_empty()
    }

    /// Number of characters in the text.
    pub fn char_len(&self) -> usize {
        if self.is_ascii() {
            self.byte_len
        } else {
            self.char_starts.len()
        }
    }

    /// Character offset of byte offset `byte`. A byte inside a character maps
    /// to that character; the end of the text maps to [`char_len`](Self::char_len).
    pub fn char_of_byte(&self, byte: usize) -> usize {
        if self.is_ascii() {
            return byte.min(self.byte_len);
        }
        match self.char_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(usize::from(byte < self.byte_len)).min(self.char_starts.len()),
        }
    }

    /// Byte offset where character `ch` starts (the text length past the end).
    pub fn byte_of_char(&self, ch: usize) -> usize {
        if self.is_ascii() {
            return ch.min(self.byte_len);
        }
        self.char_starts.get(ch).copied().unwrap_or(self.byte_len)
    }

    /// Converts a byte range to a character [`Span`].
    pub fn span_of_bytes(&self, start: usize, end: usize) -> Span {
        Span::new(self.char_of_byte(start), self.char_of_byte(end).max(self.char_of_byte(start)))
    }

    /// Converts a character span to a byte range usable to slice the text.
    pub fn bytes_of_span(&self, span: Span) -> std::ops::Range<usize> {
        self.byte_of_char(span.start)..self.byte_of_char(span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let idx = CharIndex::new("hello world");
        assert_eq!(idx.char_of_byte(6), 6);
        assert_eq!(idx.byte_of_char(11), 11);
        assert_eq!(idx.char_len(), 11);
    }

    #[test]
    fn multibyte_round_trip() {
        let text = "Erdoğan met “Macron” in Paris";
        let idx = CharIndex::new(text);
        let b = text.find("Macron").unwrap();
        let c = idx.char_of_byte(b);
        assert_eq!(text.chars().skip(c).take(6).collect::<String>(), "Macron");
        assert_eq!(idx.byte_of_char(c), b);
        let span = idx.span_of_bytes(b, b + 6);
        assert_eq!(&text[idx.bytes_of_span(span)], "Macron");
        assert_eq!(idx.char_of_byte(text.len()), text.chars().count());
        // a byte inside "ğ" maps to that character
        let g = text.find('ğ').unwrap();
        assert_eq!(idx.char_of_byte(g + 1), idx.char_of_byte(g));
    }
}

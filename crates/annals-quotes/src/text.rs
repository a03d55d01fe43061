//! A light character-level view of the text: words, punctuation and sentences.
//!
//! Quote finding needs little more than words with their offsets, where
//! paragraphs break, and where sentences end outside quote marks. The
//! language core (`annals-analyze`) fills `doc.tokens` and `doc.sentences`
//! with a real tokenizer and parser; this module is the self-sufficient
//! fallback and the common representation both are mapped onto, so the
//! attribution rules see one shape of input whichever is present.

use crate::lexicon;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters and digits (with inner apostrophes, hyphens and abbreviation dots).
    Word,
    /// Any other single character that is not a space.
    Punct,
}

/// One token; offsets are character offsets into the text.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub lower: String,
    pub kind: TokKind,
    /// A line break lies between the previous token and this one.
    pub para_break: bool,
    /// Universal POS tag from `doc.tokens` when the language core ran.
    pub upos: Option<String>,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    /// Starts with an upper-case letter (or a digit-free capitalised form such as "McCain", "al-Assad").
    pub fn is_capitalized(&self) -> bool {
        if !self.is_word() {
            return false;
        }
        let mut chars = self.text.chars();
        match chars.next() {
            Some(c) if c.is_uppercase() => true,
            // "al-Assad", "de Gaulle" keep their particle in lower case
            Some(_) => {
                let t = self.lower.as_str();
                (t.starts_with("al-") || t.starts_with("el-")) && self.text.chars().nth(3).is_some_and(char::is_uppercase)
            }
            None => false,
        }
    }

    pub fn is(&self, s: &str) -> bool {
        self.lower == s
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct && self.text.starts_with(c)
    }
}

/// Splits `chars` into tokens. `apostrophes` marks quote-like characters that
/// the mark scanner decided are apostrophes; they stay inside words.
pub(crate) fn tokenize(chars: &[char], apostrophes: &[bool]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut i = 0;
    let mut saw_break = false;
    let n = chars.len();
    while i < n {
        let c = chars[i];
        if c.is_whitespace() {
            if c == '\n' || c == '\u{2029}' {
                saw_break = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        let is_apos = |j: usize| apostrophes.get(j).copied().unwrap_or(false);
        if c.is_alphanumeric() || (is_apos(i) && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())) {
            i += 1;
            while i < n {
                let d = chars[i];
                let joiner = (d == '-' || d == '\u{2011}' || d == '&') && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
                // an apostrophe inside (don't) or closing a possessive (Reuters')
                if d.is_alphanumeric() || joiner || is_apos(i) {
                    i += 1;
                } else if d == '.' && dotted_letters_continue(chars, segment_start(chars, start, i), i) {
                    // "U.S.", "a.m.": single letters joined by dots
                    i += 2;
                } else {
                    break;
                }
            }
            // keep the dot of an abbreviation or initial ("Mr.", "U.S.", "J.")
            if i < n && chars[i] == '.' {
                // after a hyphen the last part decides: party-state tags "R-Ky.", "D-N.Y."
                let seg = segment_start(chars, start, i);
                let word: String = chars[seg..i].iter().collect::<String>().to_lowercase();
                let initial = i - seg == 1 && chars[seg].is_uppercase();
                if initial || word.contains('.') || lexicon::is_abbreviation(&word) {
                    i += 1;
                }
            }
            let text: String = chars[start..i].iter().collect();
            let lower = normalize_apostrophes(&text.to_lowercase());
            toks.push(Tok { start, end: i, text, lower, kind: TokKind::Word, para_break: saw_break, upos: None });
        } else {
            i += 1;
            // "..." and "--" as one token
            while i < n && chars[i] == c && (c == '.' || c == '-') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            toks.push(Tok { start, end: i, lower: text.clone(), text, kind: TokKind::Punct, para_break: saw_break, upos: None });
        }
        saw_break = false;
    }
    toks
}

/// True when `chars[start..dot]` is single letters joined by dots ("U", "U.S")
/// and a letter and a dot follow `dot`.
/// Start of the last hyphen-joined part of the word `[start, end)`.
fn segment_start(chars: &[char], start: usize, end: usize) -> usize {
    chars[start..end].iter().rposition(|&c| c == '-' || c == '\u{2011}').map_or(start, |p| start + p + 1)
}

fn dotted_letters_continue(chars: &[char], start: usize, dot: usize) -> bool {
    let next_letter = chars.get(dot + 1).is_some_and(|c| c.is_alphabetic());
    let next_dot = chars.get(dot + 2) == Some(&'.');
    next_letter
        && next_dot
        && chars[start..dot].iter().enumerate().all(|(k, c)| if k % 2 == 0 { c.is_alphabetic() } else { *c == '.' })
}

/// Folds typographic apostrophes onto `'` so lexicon look-ups see one form.
fn normalize_apostrophes(s: &str) -> String {
    if s.contains('\u{2019}') {
        s.replace('\u{2019}', "'")
    } else {
        s.to_string()
    }
}

/// True for characters that end a sentence.
pub(crate) fn is_terminal(t: &Tok) -> bool {
    t.kind == TokKind::Punct && matches!(t.text.chars().next(), Some('.' | '?' | '!' | '…'))
}

/// Sentence spans (token index ranges) found by punctuation and line breaks.
///
/// Written here rather than taken from `unicode-segmentation` or `srx`, which
/// break after "Sen.", "Gov.", "Mr." (NLP-NOTES): the tokenizer has already
/// glued abbreviation dots to their words, so a bare "." ends a sentence.
/// `is_mark(i)` tells whether token `i` is a quote mark; closing marks after
/// the full stop stay in the sentence.
pub(crate) fn split_sentences(toks: &[Tok], is_close_mark: &dyn Fn(usize) -> bool, is_open_mark: &dyn Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < toks.len() {
        if i > start && toks[i].para_break {
            out.push((start, i));
            start = i;
        }
        let t = &toks[i];
        let abbrev_end = t.is_word() && t.text.ends_with('.') && t.text.len() > 2 && lexicon::ends_sentence_when_capital_follows(&t.lower);
        if is_terminal(t) || abbrev_end {
            let mut j = i + 1;
            while j < toks.len() && !toks[j].para_break && (is_close_mark(j) || toks[j].is_punct(')')) {
                j += 1;
            }
            let next_starts = match toks.get(j) {
                None => true,
                Some(n) if n.para_break => true,
                Some(n) => {
                    n.is_capitalized()
                        || n.text.starts_with(|c: char| c.is_ascii_digit())
                        || is_open_mark(j)
                        || n.is_punct('(')
                        || n.is_punct('[')
                }
            };
            let next_is_lower_cue = abbrev_end && toks.get(j).is_some_and(|n| !lexicon::is_sentence_starter(&n.lower) && !is_open_mark(j));
            if next_starts && !next_is_lower_cue {
                out.push((start, j));
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < toks.len() {
        out.push((start, toks.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        let chars: Vec<char> = s.chars().collect();
        let apos: Vec<bool> = chars.iter().map(|&c| c == '\'' || c == '’').collect();
        tokenize(&chars, &apos)
    }

    #[test]
    fn party_state_tags_keep_their_dots() {
        let t = toks("Sen. Aaron Pruett, R-Ky., and Sen. Ruth Calloway (D-N.Y.) said.");
        let words: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert!(words.contains(&"R-Ky.") && words.contains(&"D-N.Y."), "{words:?}");
        assert_eq!(words.iter().filter(|w| **w == ".").count(), 1, "{words:?}");
    }

    #[test]
    fn abbreviations_stay_words() {
        let t = toks("Sen. Warren met U.S. officials at 9 a.m. and didn’t stay.");
        let words: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(words, ["Sen.", "Warren", "met", "U.S.", "officials", "at", "9", "a.m.", "and", "didn’t", "stay", "."]);
        assert_eq!(t[9].lower, "didn't");
    }

    #[test]
    fn sentences_split_after_full_stops_not_titles() {
        let t = toks("Mr. Smith arrived in Washington. He met Sen. Warren.\nNew paragraph here");
        let s = split_sentences(&t, &|_| false, &|_| false);
        let first: Vec<&str> = t[s[0].0..s[0].1].iter().map(|t| t.text.as_str()).collect();
        assert_eq!(first.join(" "), "Mr. Smith arrived in Washington .");
        assert_eq!(s.len(), 3);
    }
}

//! Rule-based tokenizer and sentence splitter for news English.
//!
//! Our own rules rather than `unicode-segmentation` or `srx`: both break
//! after "Sen.", "Gov.", "St." and "Mr." (see NLP-NOTES), and neither splits
//! clitics the way Universal Dependencies does ("don't" → "do" + "n't"),
//! which the tagger and parser were trained on.
//!
//! Everything here is a single left-to-right pass over the text, so time is
//! linear in its length whatever it contains.

use std::ops::Range;

/// A token: byte offsets into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawToken {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Newlines in the whitespace before the token.
    pub newlines_before: u16,
    /// True when whitespace precedes the token.
    pub space_before: bool,
}

/// Words whose trailing period belongs to them (lower case, period included).
const ABBREVIATIONS: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "prof.", "sen.", "sens.", "rep.", "reps.", "gov.", "govs.", "gen.", "lt.", "col.",
    "maj.", "capt.", "cmdr.", "adm.", "sgt.", "cpl.", "pvt.", "rev.", "hon.", "pres.", "amb.", "supt.", "insp.",
    "det.", "fr.", "sr.", "jr.", "st.", "ste.", "mt.", "ft.", "ave.", "blvd.", "rd.", "hwy.", "jan.", "feb.",
    "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "mon.", "tue.", "tues.",
    "wed.", "thu.", "thur.", "thurs.", "fri.", "sat.", "sun.", "inc.", "corp.", "co.", "ltd.", "plc.", "llc.",
    "bros.", "dept.", "univ.", "assn.", "est.", "etc.", "vs.", "v.", "viz.", "approx.", "no.", "nos.", "vol.",
    "pp.", "p.", "fig.", "ch.", "art.", "sec.", "para.", "cf.", "al.", "ed.", "eds.", "op.", "pct.", "min.",
    "max.", "ala.", "ariz.", "ark.", "calif.", "colo.", "conn.", "del.", "fla.", "ga.", "ill.", "ind.", "kan.",
    "kans.", "ky.", "la.", "md.", "mass.", "mich.", "minn.", "miss.", "mo.", "mont.", "neb.", "nev.", "okla.",
    "ore.", "pa.", "penn.", "tenn.", "tex.", "va.", "vt.", "wash.", "wis.", "wyo.", "ont.", "que.", "messrs.",
    "mme.", "mlle.", "gens.", "attys.", "atty.", "sup.", "dist.", "div.", "intl.", "natl.", "govt.", "cong.",
    "drs.", "ext.", "ps.",
];

/// Abbreviations that never end a sentence: titles before names.
const TITLES: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "prof.", "sen.", "sens.", "rep.", "reps.", "gov.", "govs.", "gen.", "lt.", "col.",
    "maj.", "capt.", "cmdr.", "adm.", "sgt.", "cpl.", "pvt.", "rev.", "hon.", "pres.", "amb.", "supt.", "insp.",
    "det.", "fr.", "st.", "mt.", "ft.", "messrs.", "mme.", "mlle.", "gens.", "atty.", "attys.", "vs.", "v.", "cf.",
    "drs.", "p.s.", "ps.",
];

/// Capitalized words that usually start a sentence after an abbreviation ("in the U.S. The ...").
const STARTERS: &[&str] = &[
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "Or", "So", "Yet", "In", "On",
    "At", "This", "That", "These", "Those", "There", "Here", "His", "Her", "Its", "Their", "Our", "My", "Your",
    "If", "When", "While", "After", "Before", "Since", "As", "Although", "However", "Meanwhile", "Still", "Then",
    "Now", "Also", "Some", "Many", "Most", "Other", "Others", "Such", "What", "Who", "Why", "How", "Where", "Each",
    "Both", "No", "Not", "Police", "Officials", "Last", "Next", "Earlier", "Later", "For", "With", "From", "By",
    "According", "Under", "Despite", "Even", "One", "Two", "Three", "All", "Any", "Asked", "Speaking",
];

/// Prefixes that stay joined to the rest of a hyphenated word, as UD English keeps them.
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "re", "pre", "co", "non", "anti", "counter", "multi", "post", "pro", "self", "ex", "mid", "sub", "un",
    "semi", "inter", "vice", "de", "bi", "tri", "neo", "pan", "quasi", "ultra", "mini", "micro", "macro", "x",
    "cyber", "socio", "geo", "euro", "afro", "intra", "trans", "over", "under", "out", "non", "all",
];

fn is_abbreviation(word: &str) -> bool {
    // Initials ("F.") and dotted acronyms ("U.S.", "e.g.", "a.m.", "Ph.D.")
    let chars: Vec<char> = word.chars().take(16).collect();
    if chars.len() == 2 && chars[0].is_alphabetic() && chars[1] == '.' {
        return true;
    }
    if word.len() <= 12 && word.ends_with('.') && word.matches('.').count() >= 2 {
        let segs: Vec<&str> = word[..word.len() - 1].split('.').collect();
        if segs.iter().all(|s| !s.is_empty() && s.len() <= 3 && s.chars().all(char::is_alphabetic)) {
            return true;
        }
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}')
}

fn is_open_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '{' | '<' | '«' | '‹' | '¿' | '¡' | '„' | '`')
}

fn is_close_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '}' | '>' | '»' | '›' | ',' | ';' | ':' | '!' | '?' | '%')
}

pub(crate) fn looks_like_url(s: &str) -> bool {
    let l = s.as_bytes();
    let lower_starts = |p: &str| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if lower_starts("http://") || lower_starts("https://") || lower_starts("www.") || lower_starts("ftp://") {
        return true;
    }
    // e-mail address: x@y.z
    if let Some(at) = s.find('@') {
        return at > 0 && s[at..].contains('.') && l.iter().all(|b| !b.is_ascii_whitespace());
    }
    false
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<RawToken> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut newlines = 0u16;
    let mut space = false;
    let mut chunk_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_separator(c) {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, newlines, space, &mut out);
                newlines = 0;
            }
            space = true;
            if c == '\n' || c == '\u{2029}' {
                newlines = newlines.saturating_add(1);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), newlines, space, &mut out);
    }
    out
}

fn push(out: &mut Vec<RawToken>, start: usize, end: usize, first: &mut Option<(u16, bool)>) {
    if start >= end {
        return;
    }
    let (newlines_before, space_before) = first.take().unwrap_or((0, false));
    out.push(RawToken { start, end, newlines_before, space_before });
}

/// True for a text emoticon (`:)`, `;-)`, `:P`, `:D`, `:(`), one token as in UD EWT.
pub(crate) fn is_emoticon(s: &str) -> bool {
    let rest = match s.as_bytes() {
        [b':' | b';' | b'=', rest @ ..] => rest,
        _ => return false,
    };
    let mouth = match rest {
        [b'-' | b'\'' | b'o', m] | [m] => m,
        _ => return false,
    };
    matches!(mouth, b')' | b'(' | b'D' | b'P' | b'p' | b'/' | b'|' | b'O' | b']' | b'[')
}

/// Splits one whitespace-free chunk `text[start..end]`.
fn split_chunk(text: &str, start: usize, end: usize, newlines: u16, space: bool, out: &mut Vec<RawToken>) {
    let mut first = Some((newlines, space));
    let chunk = &text[start..end];
    if is_emoticon(chunk) {
        push(out, start, end, &mut first);
        return;
    }
    let mut s = start;
    let mut e = end;
    // Leading punctuation, one token each.
    loop {
        let Some(c) = text[s..e].chars().next() else { break };
        let rest = &text[s + c.len_utf8()..e];
        if c == '\'' || c == '’' {
            // "'90s", "'em" keep their apostrophe
            if rest.starts_with(|d: char| d.is_ascii_digit()) || rest.eq_ignore_ascii_case("em") {
                break;
            }
        }
        if is_open_punct(c) || matches!(c, '$' | '€' | '£' | '¥' | '#' | '*' | '•' | '·' | '~') && !rest.is_empty() {
            if text[s..e].starts_with("``") {
                push(out, s, s + 2, &mut first);
                s += 2;
                continue;
            }
            push(out, s, s + c.len_utf8(), &mut first);
            s += c.len_utf8();
        } else {
            break;
        }
    }
    if s >= e {
        return;
    }
    if looks_like_url(&text[s..e]) {
        // keep the address whole, but not the sentence punctuation after it
        let mut tail = Vec::new();
        while e > s {
            let c = text[s..e].chars().next_back().unwrap_or(' ');
            if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '"' | '\'' | '”' | '’' | '>') {
                e -= c.len_utf8();
                tail.push((e, e + c.len_utf8()));
            } else {
                break;
            }
        }
        push(out, s, e, &mut first);
        for (a, b) in tail.into_iter().rev() {
            push(out, a, b, &mut first);
        }
        return;
    }
    // Trailing punctuation, collected in reverse.
    let mut tail: Vec<(usize, usize)> = Vec::new();
    while e > s {
        let word = &text[s..e];
        let c = word.chars().next_back().unwrap_or(' ');
        if word.ends_with("...") {
            let mut k = e - 3;
            while k > s && text.as_bytes()[k - 1] == b'.' {
                k -= 1;
            }
            tail.push((k, e));
            e = k;
            continue;
        }
        if c == '.' {
            if word.len() == 1 || is_abbreviation(word) {
                break;
            }
            tail.push((e - 1, e));
            e -= 1;
            continue;
        }
        if c == '…' || is_close_punct(c) {
            if c == '\'' && word.len() > 1 {
                // "parents'" → "parents" + "'"; but "rock 'n'" is rare enough to ignore
            }
            if c == '%' && word.len() == 1 {
                break;
            }
            tail.push((e - c.len_utf8(), e));
            e -= c.len_utf8();
            continue;
        }
        break;
    }
    if e > s {
        split_core(text, s, e, &mut first, out);
    }
    for (a, b) in tail.into_iter().rev() {
        push(out, a, b, &mut first);
    }
    let _ = chunk;
}

/// Clitic suffixes split off as UD English does.
const CLITICS: &[&str] = &["n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"];

/// Splits the core of a chunk (no leading/trailing punctuation) at internal separators.
fn split_core(text: &str, s: usize, e: usize, first: &mut Option<(u16, bool)>, out: &mut Vec<RawToken>) {
    let word = &text[s..e];
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let chars: Vec<(usize, char)> = word.char_indices().map(|(i, c)| (s + i, c)).collect();
    let mut seg_start = s;
    let n = chars.len();
    for k in 0..n {
        let (pos, c) = chars[k];
        let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
        let next = chars.get(k + 1).map(|x| x.1);
        let both = |f: fn(char) -> bool| prev.is_some_and(f) && next.is_some_and(f);
        let split_here = match c {
            '"' | '“' | '”' | '(' | ')' | '[' | ']' | '{' | '}' | ';' | '!' | '?' | '…' | '«' | '»' => true,
            ',' => !both(|x| x.is_ascii_digit()),
            '—' | '–' => !both(|x| x.is_ascii_digit()),
            '/' => both(char::is_alphabetic) && !(k == 1 || k + 2 == n),
            '-' => {
                if k + 1 < n && next == Some('-') || prev == Some('-') {
                    true
                } else if both(char::is_alphabetic) {
                    let left = &text[seg_start..pos];
                    let left_lower = left.to_lowercase();
                    !HYPHEN_PREFIXES.contains(&left_lower.as_str()) && left.chars().count() > 1
                } else {
                    false
                }
            }
            _ => !(c.is_alphanumeric()
                || matches!(c, '.' | '\'' | '’' | '&' | '@' | '_' | ':' | '+' | '=' | '%' | '$' | '#' | ','))
                && !is_mark(c),
        };
        if split_here {
            if pos > seg_start {
                pieces.push((seg_start, pos));
            }
            let mut end = pos + c.len_utf8();
            if c == '-' && next == Some('-') {
                // "--" as one token
                end += 1;
            }
            if !(c == '-' && prev == Some('-')) {
                pieces.push((pos, end));
            }
            seg_start = end.max(seg_start);
        }
    }
    if e > seg_start {
        pieces.push((seg_start, e));
    }
    for (a, b) in pieces {
        split_clitics(text, a, b, first, out);
    }
}

fn is_mark(c: char) -> bool {
    // combining marks keep to their letters
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn split_clitics(text: &str, a: usize, b: usize, first: &mut Option<(u16, bool)>, out: &mut Vec<RawToken>) {
    let w = &text[a..b];
    let lower = w.to_ascii_lowercase();
    for cl in CLITICS {
        if lower.len() > cl.len() && lower.ends_with(cl) {
            let cut = b - cl.len();
            if text.is_char_boundary(cut) {
                push(out, a, cut, first);
                push(out, cut, b, first);
                return;
            }
        }
    }
    for (whole, cut) in [("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)] {
        if lower == whole {
            push(out, a, a + cut, first);
            push(out, a + cut, b, first);
            return;
        }
    }
    push(out, a, b, first);
}

/// True for a title abbreviation ("Sen.", "Gov.", "Mr."), which never ends a sentence.
pub(crate) fn is_title(tok: &str) -> bool {
    tok.len() <= 6 && TITLES.contains(&tok.to_lowercase().as_str())
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

/// True for sentence-final punctuation (`.`, `!?`, `…`).
pub(crate) fn is_terminal(tok: &str) -> bool {
    !tok.is_empty() && tok.chars().all(|c| matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁉'))
}

fn is_closer(tok: &str) -> bool {
    matches!(tok, "\"" | "'" | "”" | "’" | ")" | "]" | "}" | "»" | "''")
}

/// True when `tok` may start a sentence.
fn can_start(tok: &str) -> bool {
    let c = first_char(tok);
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '(' | '[' | '\'' | '`' | '«' | '¿' | '¡' | '-' | '—' | '•' | '*')
        || !c.is_alphabetic() && !c.is_ascii_punctuation() && !c.is_whitespace()
}

/// Groups tokens into sentences: a list of token index ranges.
pub fn split_sentences(text: &str, toks: &[RawToken]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let tok = |i: usize| &text[toks[i].start..toks[i].end];
    let mut i = 0;
    let mut paragraph_start = true;
    while i < toks.len() {
        // Line breaks: a blank line always ends a sentence; a single one unless the text runs on in lower case.
        if i > start && toks[i].newlines_before > 0 {
            let c = first_char(tok(i));
            if toks[i].newlines_before >= 2 || !(c.is_lowercase()) || is_terminal(tok(i - 1)) {
                out.push(start..i);
                start = i;
                paragraph_start = true;
            }
        }
        if paragraph_start && i == start {
            paragraph_start = false;
            if let Some(end) = dateline_end(text, toks, i) {
                out.push(start..end);
                start = end;
                i = end;
                continue;
            }
        }
        let t = tok(i);
        let mut boundary_after: Option<usize> = None;
        if is_terminal(t) {
            // closing quotes and brackets stay with the sentence they close
            let mut j = i + 1;
            // and so do emoticons ("Great! :) you get ...")
            while j < toks.len()
                && (is_closer(tok(j)) && (!toks[j].space_before || matches!(tok(j), "”" | "’" | ")" | "»")) || is_emoticon(tok(j)))
                && toks[j].newlines_before == 0
            {
                j += 1;
            }
            // a bare terminal followed directly by a lower-case word still ends the sentence in web
            // text ("go to famoso. seriously."); after a closing quote it does not ("Why?" he asked)
            let lower_start = (j == i + 1 || is_emoticon(tok(j - 1))) && j < toks.len() && first_char(tok(j)).is_lowercase() && t != "…" && t != "...";
            if j >= toks.len() || can_start(tok(j)) || toks[j].newlines_before > 0 || lower_start {
                boundary_after = Some(j);
            }
        } else if t.ends_with('.') && t.len() > 1 {
            // abbreviation keeping its period: a sentence ends only before a typical sentence opener
            let lower = t.to_lowercase();
            let title = TITLES.contains(&lower.as_str());
            let j = i + 1;
            if !title && (j >= toks.len() || STARTERS.contains(&tok(j)) || toks[j].newlines_before > 0) {
                boundary_after = Some(j);
            }
        }
        if let Some(j) = boundary_after {
            if j < toks.len() {
                out.push(start..j);
                start = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if start < toks.len() {
        out.push(start..toks.len());
    }
    out
}

/// Recognizes a dateline at the start of a paragraph ("WASHINGTON (Reuters) -",
/// "PARIS, June 3 —") and returns the token index after its dash.
fn dateline_end(text: &str, toks: &[RawToken], i: usize) -> Option<usize> {
    let tok = |k: usize| &text[toks[k].start..toks[k].end];
    let first = tok(i);
    let letters: Vec<char> = first.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || !letters.iter().all(|c| c.is_uppercase()) {
        return None;
    }
    let mut k = i + 1;
    let mut depth = 0;
    while k < toks.len() && k < i + 14 {
        if toks[k].newlines_before > 0 {
            return None;
        }
        let t = tok(k);
        match t {
            "-" | "—" | "–" | "--" => return (depth == 0 && k + 1 < toks.len()).then_some(k + 1),
            "(" => depth += 1,
            ")" => depth -= 1,
            "," | "." => {}
            _ => {
                let c = first_char(t);
                let ok = c.is_uppercase() || c.is_ascii_digit() || depth > 0;
                if !ok {
                    return None;
                }
            }
        }
        k += 1;
    }
    None
}

/// Tokens and sentences (token ranges) of `text`.
pub fn segment(text: &str) -> (Vec<RawToken>, Vec<Range<usize>>) {
    let toks = tokenize(text);
    let sents = split_sentences(text, &toks);
    (toks, sents)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| &text[t.start..t.end]).collect()
    }

    fn sentences(text: &str) -> Vec<String> {
        let (toks, sents) = segment(text);
        sents.into_iter().map(|r| text[toks[r.start].start..toks[r.end - 1].end].to_string()).collect()
    }

    #[test]
    fn splits_clitics_and_punctuation() {
        assert_eq!(words("I don't think it's \"over,\" he said."), vec![
            "I", "do", "n't", "think", "it", "'s", "\"", "over", ",", "\"", "he", "said", "."
        ]);
        assert_eq!(words("U.S. troops (and U.K. ones) cannot."), vec![
            "U.S.", "troops", "(", "and", "U.K.", "ones", ")", "can", "not", "."
        ]);
        assert_eq!(words("the EU-Turkey Association Council on June 14-15"), vec![
            "the", "EU", "-", "Turkey", "Association", "Council", "on", "June", "14-15"
        ]);
        assert_eq!(words("costs $3,500,000 or 5.5% via e-mail to a@b.com."), vec![
            "costs", "$", "3,500,000", "or", "5.5", "%", "via", "e-mail", "to", "a@b.com", "."
        ]);
        assert_eq!(words("“Yes,” she said… and/or"), vec!["“", "Yes", ",", "”", "she", "said", "…", "and", "/", "or"]);
    }

    #[test]
    fn news_sentences() {
        let text = "Sen. John McCain met Gov. Jerry Brown on Feb. 3 in St. Louis. They talked about the U.S. \
The meeting ran late. Mr. Smith said, \"We will win. They will lose.\" Then he left.";
        assert_eq!(sentences(text), vec![
            "Sen. John McCain met Gov. Jerry Brown on Feb. 3 in St. Louis.",
            "They talked about the U.S.",
            "The meeting ran late.",
            "Mr. Smith said, \"We will win.",
            "They will lose.\"",
            "Then he left."
        ]);
        assert_eq!(sentences("\"Why?\" he asked. John F. Kennedy was there."), vec![
            "\"Why?\" he asked.",
            "John F. Kennedy was there."
        ]);
    }

    #[test]
    fn web_abbreviations_and_emoticons() {
        // EWT keeps "P.S." and "Drs." inside the sentence and an emoticon with the sentence it closes
        assert_eq!(sentences("Thanks again. P.S. Love the new site. Drs. Ali and Lee work wonders."), vec![
            "Thanks again.",
            "P.S. Love the new site.",
            "Drs. Ali and Lee work wonders."
        ]);
        assert_eq!(words("great! :P you :-) x:)"), vec!["great", "!", ":P", "you", ":-)", "x", ":", ")"]);
        assert_eq!(sentences("The view is great! :P you get a good view of the city."), vec![
            "The view is great! :P",
            "you get a good view of the city."
        ]);
    }

    #[test]
    fn datelines_and_lines() {
        assert_eq!(sentences("WASHINGTON (Reuters) - U.S. groups criticized Bush.\n\nHeadline Here\nBody text."), vec![
            "WASHINGTON (Reuters) -",
            "U.S. groups criticized Bush.",
            "Headline Here",
            "Body text."
        ]);
    }

    #[test]
    fn bad_input_is_bounded() {
        let long = "word ".repeat(100_000);
        let (toks, sents) = segment(&long);
        assert_eq!(toks.len(), 100_000);
        assert_eq!(sents.len(), 1);
        let weird = "\u{0}\u{7}ABC😀😀 日本語テキスト\u{200B}x—y -- ... ''' \"\"\" ((( )))";
        let (toks, _) = segment(weird);
        assert!(toks.iter().all(|t| t.start < t.end && weird.is_char_boundary(t.start) && weird.is_char_boundary(t.end)));
        let blob = "a.".repeat(50_000);
        assert!(!tokenize(&blob).is_empty());
    }
}

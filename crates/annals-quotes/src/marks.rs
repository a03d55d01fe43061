//! Quote marks: which characters open and close quotations, which are apostrophes.
//!
//! One left-to-right pass with a small stack, so the cost is linear in the
//! text. Each candidate mark is classified from its neighbours (a space
//! before and a letter after opens, a letter before and a space after
//! closes), then paired with the nearest open mark of the same family:
//! double (“ ” „ " « ») or single (‘ ’ ' ‹ ›). Marks between letters
//! (don't, O'Brien), before decades ('90s) and after a plural with no
//! single quote open (Reuters' report) are apostrophes.
//!
//! Paragraphs: when a paragraph ends inside a double quote and the next one
//! opens with a double mark, the quote continues (the news convention for a
//! quote over several paragraphs). Otherwise the quote is unbalanced and ends
//! with its paragraph; unclosed single quotes are taken for apostrophes.

/// Mark family: pairs only form within one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Double,
    Single,
}

/// One quotation found between marks.
#[derive(Debug, Clone)]
pub(crate) struct QuoteSpan {
    /// Character index of the opening mark.
    pub open: usize,
    /// Character index of the closing mark; `None` when the paragraph ended first.
    pub close: Option<usize>,
    /// Content span (characters), marks and surrounding spaces excluded.
    pub start: usize,
    pub end: usize,
    pub family: Family,
    /// Index of the enclosing quotation in the list, for a quote inside a quote.
    pub parent: Option<usize>,
    /// Opening marks that re-open the quote at later paragraph starts.
    pub reopen: Vec<usize>,
}

impl QuoteSpan {
    /// Offset just past the closing mark (or the content end when unclosed).
    pub fn after(&self) -> usize {
        self.close.map_or(self.end, |c| c + 1)
    }
}

/// What a character does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Text,
    Open,
    Close,
    Reopen,
    Apostrophe,
}

/// The result of the scan.
pub(crate) struct Marks {
    pub quotes: Vec<QuoteSpan>,
    pub role: Vec<Role>,
}

impl Marks {
    pub fn is_apostrophe(&self, i: usize) -> bool {
        self.role.get(i) == Some(&Role::Apostrophe)
    }
}

fn family_of(c: char) -> Option<Family> {
    match c {
        '“' | '”' | '„' | '‟' | '"' | '«' | '»' => Some(Family::Double),
        '‘' | '’' | '\'' | '‚' | '‹' | '›' => Some(Family::Single),
        _ => None,
    }
}

/// True for characters a quote mark can be glued to on its outer side.
fn is_outer_side(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || "([{—–-/".contains(c),
    }
}

fn is_closing_side(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || ".,;:!?)]}…—–-/".contains(c),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Guess {
    Open,
    Close,
    /// Straight quote between two letters or two spaces: decided by what is open.
    Either,
    Apostrophe,
}

fn guess(chars: &[char], i: usize, double_open: bool, single_open: bool) -> Guess {
    let c = chars[i];
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(i + 1).copied();
    let after_next = chars.get(i + 2).copied();
    let prev_is_mark = prev.is_some_and(|p| family_of(p).is_some());
    let next_is_mark = next.is_some_and(|p| family_of(p).is_some());
    let left_open = is_outer_side(prev) || prev_is_mark;
    let right_open = is_closing_side(next) || next_is_mark;
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    match c {
        '„' | '‟' => Guess::Open,
        '“' => {
            if !left_open && right_open && double_open {
                Guess::Close // German „…“ or a typo
            } else {
                Guess::Open
            }
        }
        '”' => {
            if left_open && !right_open && !double_open {
                Guess::Open // Swedish ”…” or a typo
            } else {
                Guess::Close
            }
        }
        '«' => {
            if !left_open && right_open && double_open {
                Guess::Close // »…« style
            } else {
                Guess::Open
            }
        }
        '»' => {
            if left_open && !right_open && !double_open {
                Guess::Open
            } else {
                Guess::Close
            }
        }
        '"' => match (left_open, right_open) {
            (true, false) => Guess::Open,
            (false, true) => Guess::Close,
            _ => Guess::Either,
        },
        '‹' => Guess::Open,
        '›' => Guess::Close,
        '‚' => Guess::Open,
        // ‘ ’ ' ‚
        _ => {
            if letter(prev) && letter(next) {
                return Guess::Apostrophe; // don't, O'Brien
            }
            // '90s, 'em, 'n', rock 'n' roll
            if next.is_some_and(|n| n.is_ascii_digit()) && after_next.is_some_and(|n| n.is_ascii_digit()) {
                return Guess::Apostrophe;
            }
            if left_open && letter(next) {
                let word: String = chars[i + 1..].iter().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
                if matches!(word.as_str(), "em" | "n" | "tis" | "twas" | "til" | "cause") {
                    return Guess::Apostrophe;
                }
                return Guess::Open;
            }
            if !left_open && right_open {
                // closes an open single quote, else a possessive (Reuters' report)
                return if single_open { Guess::Close } else { Guess::Apostrophe };
            }
            if prev.is_some_and(|p| family_of(p) == Some(Family::Double)) && letter(next) {
                return Guess::Open; // “‘Tis ... or “'We
            }
            if single_open && !letter(next) {
                return Guess::Close;
            }
            Guess::Apostrophe
        }
    }
}

/// The deepest nesting followed; deeper marks are left as text.
const MAX_DEPTH: usize = 4;

/// Finds quotations and apostrophes in `chars`.
///
/// Two apostrophes in a row (`''`, the New York Times style) count as one
/// double mark: they are folded to `"` for the scan and mapped back.
pub(crate) fn scan(chars: &[char]) -> Marks {
    if !chars.windows(2).any(|w| w == ['\'', '\'']) {
        return scan_folded(chars);
    }
    let mut folded = Vec::with_capacity(chars.len());
    let mut origin = Vec::with_capacity(chars.len() + 1);
    let mut i = 0;
    while i < chars.len() {
        origin.push(i);
        if chars[i] == '\'' && chars.get(i + 1) == Some(&'\'') {
            folded.push('"');
            i += 2;
        } else {
            folded.push(chars[i]);
            i += 1;
        }
    }
    origin.push(chars.len());
    let m = scan_folded(&folded);
    let at = |k: usize| origin[k.min(origin.len() - 1)];
    let mut role = vec![Role::Text; chars.len()];
    for (k, r) in m.role.iter().enumerate() {
        role[at(k)] = *r;
        if folded[k] == '"' && chars[at(k)] == '\'' {
            role[at(k) + 1] = *r;
        }
    }
    let quotes = m
        .quotes
        .into_iter()
        .map(|q| QuoteSpan {
            open: at(q.open),
            close: q.close.map(at),
            start: at(q.start),
            end: at(q.end),
            reopen: q.reopen.into_iter().map(at).collect(),
            ..q
        })
        .collect();
    Marks { quotes, role }
}

fn scan_folded(chars: &[char]) -> Marks {
    let n = chars.len();
    let mut role = vec![Role::Text; n];
    let mut quotes: Vec<QuoteSpan> = Vec::new();
    let mut alive: Vec<bool> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if c == '\n' || c == '\u{2029}' {
            // drop unclosed single quotes: their marks were apostrophes
            while let Some(&top) = stack.last() {
                if quotes[top].family != Family::Single {
                    break;
                }
                stack.pop();
                alive[top] = false;
                role[quotes[top].open] = Role::Apostrophe;
            }
            if !stack.is_empty() {
                let mut j = i;
                while j < n && chars[j].is_whitespace() {
                    j += 1;
                }
                let reopens = j < n
                    && family_of(chars[j]) == Some(Family::Double)
                    && guess(chars, j, false, false) == Guess::Open
                    && stack.len() == 1;
                if reopens {
                    let q = stack[0];
                    quotes[q].reopen.push(j);
                    role[j] = Role::Reopen;
                    i = j + 1;
                    continue;
                }
                let para_end = trim_end(chars, quotes[stack[0]].start, i);
                for &q in &stack {
                    quotes[q].end = para_end.max(quotes[q].start);
                }
                stack.clear();
            }
            i += 1;
            continue;
        }
        let Some(family) = family_of(c) else {
            i += 1;
            continue;
        };
        let double_open = stack.iter().any(|&q| quotes[q].family == Family::Double);
        let single_open = stack.iter().any(|&q| quotes[q].family == Family::Single);
        let g = match guess(chars, i, double_open, single_open) {
            Guess::Either => {
                let open_here = stack.iter().any(|&q| quotes[q].family == family);
                if open_here {
                    Guess::Close
                } else {
                    Guess::Open
                }
            }
            g => g,
        };
        match g {
            Guess::Apostrophe => role[i] = Role::Apostrophe,
            Guess::Open if stack.len() < MAX_DEPTH => {
                role[i] = Role::Open;
                let start = trim_start(chars, i + 1, n);
                quotes.push(QuoteSpan {
                    open: i,
                    close: None,
                    start,
                    end: start,
                    family,
                    parent: stack.last().copied(),
                    reopen: Vec::new(),
                });
                alive.push(true);
                stack.push(quotes.len() - 1);
            }
            Guess::Close => {
                if let Some(pos) = stack.iter().rposition(|&q| quotes[q].family == family) {
                    // quotes opened inside and never closed were not quotes
                    for &inner in &stack[pos + 1..] {
                        alive[inner] = false;
                        if quotes[inner].family == Family::Single {
                            role[quotes[inner].open] = Role::Apostrophe;
                        } else {
                            role[quotes[inner].open] = Role::Text;
                        }
                    }
                    let q = stack[pos];
                    stack.truncate(pos);
                    role[i] = Role::Close;
                    quotes[q].close = Some(i);
                    quotes[q].end = trim_end(chars, quotes[q].start, i).max(quotes[q].start);
                } else if family == Family::Single {
                    role[i] = Role::Apostrophe;
                }
            }
            _ => {}
        }
        i += 1;
    }
    // the text ended inside quotes: they end with it
    if !stack.is_empty() {
        let end = trim_end(chars, quotes[stack[0]].start, n);
        for &q in &stack {
            if quotes[q].family == Family::Single {
                alive[q] = false;
                role[quotes[q].open] = Role::Apostrophe;
            } else {
                quotes[q].end = end.max(quotes[q].start);
            }
        }
    }
    // keep the living quotes, renumbering parents
    let mut new_index = vec![usize::MAX; quotes.len()];
    let mut kept = Vec::new();
    for (k, q) in quotes.into_iter().enumerate() {
        if alive[k] && q.end > q.start {
            new_index[k] = kept.len();
            kept.push(q);
        } else if alive[k] {
            role[q.open] = Role::Text;
            if let Some(c) = q.close {
                role[c] = Role::Text;
            }
        }
    }
    for q in &mut kept {
        q.parent = q.parent.and_then(|p| new_index.get(p).copied()).filter(|&p| p != usize::MAX);
    }
    Marks { quotes: kept, role }
}

fn trim_start(chars: &[char], mut i: usize, end: usize) -> usize {
    while i < end && chars[i].is_whitespace() {
        i += 1;
    }
    i
}

fn trim_end(chars: &[char], start: usize, mut end: usize) -> usize {
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        scan(&chars).quotes.iter().map(|q| chars[q.start..q.end].iter().collect()).collect()
    }

    #[test]
    fn curly_straight_and_guillemets_in_one_text() {
        let q = quoted("“We will win,” he said. Then \"never\" came. « Jamais » dit-il. „Nie“ sagte er.");
        assert_eq!(q, ["We will win,", "never", "Jamais", "Nie"]);
    }

    #[test]
    fn apostrophes_are_not_marks() {
        let q = quoted("O'Brien didn't cite Reuters' report from the '90s, nor the ’80s; ‘old guard’ stays.");
        assert_eq!(q, ["old guard"]);
    }

    #[test]
    fn quote_inside_quote() {
        let chars: Vec<char> = "“He told me, ‘We will never sign,’ and left,” Jones said.".chars().collect();
        let m = scan(&chars);
        assert_eq!(m.quotes.len(), 2);
        assert_eq!(m.quotes[1].parent, Some(0));
        let inner: String = chars[m.quotes[1].start..m.quotes[1].end].iter().collect();
        assert_eq!(inner, "We will never sign,");
    }

    #[test]
    fn quote_over_paragraphs() {
        let text = "“The first part.\n\n“The second part,” she said.\n\n“A lone quote with no end.\n\nNext paragraph.";
        let chars: Vec<char> = text.chars().collect();
        let m = scan(&chars);
        let got: Vec<String> = m.quotes.iter().map(|q| chars[q.start..q.end].iter().collect()).collect();
        assert_eq!(got[0], "The first part.\n\n“The second part,");
        assert_eq!(m.quotes[0].reopen.len(), 1);
        assert_eq!(got[1], "A lone quote with no end.");
        assert!(m.quotes[1].close.is_none());
    }

    #[test]
    fn doubled_apostrophes_quote() {
        let q = quoted("She found him ''very quiet,'' and it's true.");
        assert_eq!(q, ["very quiet,"]);
    }

    #[test]
    fn unbalanced_marks_stay_local() {
        let q = quoted("He said “yes and left.\nShe said \"no\" twice.");
        assert_eq!(q, ["yes and left.", "no"]);
    }
}

//! A linear pass over a page before the HTML parsers see it.
//!
//! html5ever's tree builder is quadratic on deep nesting (100,000 nested
//! `<div>`: 72 s) and its tokenizer on many attributes (one tag with 200,000:
//! minutes), so the limits on both are checked here first, by a scanner that
//! only counts: tags, end tags, comments and raw text (`<script>`, `<style>`).
//! Its depth follows the parser's where it matters: void elements do not
//! nest, an end tag closes up to its open element, and a `<p>`, `<li>`, `<td>`
//! or `<option>` closes its unfinished sibling, so ordinary pages with
//! unclosed paragraphs are not over-counted.

/// What the scan found: the deepest nesting and the most attributes on one tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Shape {
    pub depth: usize,
    pub attributes: usize,
}

const VOID: &[&[u8]] = &[b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param", b"source", b"track", b"wbr"];
const RAW_TEXT: &[&[u8]] = &[b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes", b"plaintext"];
/// Elements whose start closes an open `<p>` (the common ones).
const CLOSES_P: &[&[u8]] = &[
    b"address", b"article", b"aside", b"blockquote", b"div", b"dl", b"fieldset", b"figure", b"footer", b"form", b"h1", b"h2", b"h3", b"h4", b"h5", b"h6", b"header",
    b"main", b"nav", b"ol", b"p", b"pre", b"section", b"table", b"ul",
];
/// How far down the stack an end tag looks for its element.
const END_TAG_REACH: usize = 64;

/// Scans `html` once: O(n) time, memory for the open elements' names only.
pub(crate) fn scan(html: &str) -> Shape {
    let b = html.as_bytes();
    let mut shape = Shape::default();
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &b[i..]) {
        i += lt + 1;
        match b.get(i) {
            Some(b'!') if b[i..].starts_with(b"!--") => i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3),
            Some(b'!' | b'?') => i = find(b, i, b">").map_or(b.len(), |e| e + 1),
            Some(b'/') => {
                let (name, end) = tag_name(b, i + 1);
                i = find(b, end, b">").map_or(b.len(), |e| e + 1);
                let reach = open.len().saturating_sub(END_TAG_REACH);
                if let Some(at) = open[reach..].iter().rposition(|n| *n == name) {
                    open.truncate(reach + at);
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, end) = tag_name(b, i);
                let (attributes, end, self_closing) = attributes(b, end);
                shape.attributes = shape.attributes.max(attributes);
                i = end;
                if RAW_TEXT.contains(&name.as_slice()) {
                    let mut close = b"</".to_vec();
                    close.extend_from_slice(&name);
                    i = find_ignore_case(b, i, &close).unwrap_or(b.len());
                    continue;
                }
                if VOID.contains(&name.as_slice()) || self_closing {
                    continue;
                }
                let top = open.last().map(Vec::as_slice);
                let siblings: &[&[u8]] = match name.as_slice() {
                    b"li" => &[b"li"],
                    b"dt" | b"dd" => &[b"dt", b"dd"],
                    b"td" | b"th" => &[b"td", b"th"],
                    b"tr" => &[b"tr", b"td", b"th"],
                    b"option" => &[b"option"],
                    n if CLOSES_P.contains(&n) => &[b"p"],
                    _ => &[],
                };
                if top.is_some_and(|t| siblings.contains(&t)) {
                    open.pop();
                }
                open.push(name);
                shape.depth = shape.depth.max(open.len());
            }
            _ => {}
        }
    }
    shape
}

/// The lower-cased tag name at `i` and where it ends.
fn tag_name(b: &[u8], i: usize) -> (Vec<u8>, usize) {
    let end = b[i.min(b.len())..].iter().position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>').map_or(b.len(), |n| i + n);
    (b[i.min(end)..end].iter().take(32).map(u8::to_ascii_lowercase).collect(), end)
}

/// Counts the attributes of a tag from `i` (after its name) to its `>`:
/// (count, the position after the tag, whether it ends in `/>`).
fn attributes(b: &[u8], mut i: usize) -> (usize, usize, bool) {
    let mut count = 0;
    let mut slash = false;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            slash = b[i] == b'/';
            i += 1;
        }
        match b.get(i) {
            None => return (count, b.len(), false),
            Some(b'>') => return (count, i + 1, slash),
            _ => {}
        }
        slash = false;
        count += 1;
        // the name (a first '=' belongs to it)
        i += 1;
        while i < b.len() && !(b[i].is_ascii_whitespace() || matches!(b[i], b'/' | b'>' | b'=')) {
            i += 1;
        }
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => i = memchr(q, &b[i + 1..]).map_or(b.len(), |n| i + n + 2),
            _ => {
                while i < b.len() && !(b[i].is_ascii_whitespace() || b[i] == b'>') {
                    i += 1;
                }
            }
        }
    }
}

fn memchr(c: u8, b: &[u8]) -> Option<usize> {
    b.iter().position(|x| *x == c)
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|n| from + n)
}

fn find_ignore_case(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|n| from + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_depth_like_the_parser_on_ordinary_pages() {
        assert_eq!(scan("<html><body><div><p>a<b>b</b></p></div></body></html>").depth, 5);
        // unclosed paragraphs and list items close their siblings; void elements do not nest
        assert_eq!(scan("<body><p>one<p>two<p>three<ul><li>a<li>b<li>c</ul><br><img src=x></body>").depth, 3);
        // script and comments are not markup
        assert_eq!(scan("<body><script>if (a<b) { x = '<div><div><div>' }</script><!-- <div><div> --></body>").depth, 1);
        assert_eq!(scan("<div><div></span></div></div>").depth, 2);
    }

    #[test]
    fn counts_attributes() {
        assert_eq!(scan(r#"<a href="x>y" title='t' hidden data-x=1 =odd>"#).attributes, 5);
        assert_eq!(scan(r#"<br/><img src="a" />"#).attributes, 1);
    }

    #[test]
    fn pathological_pages_are_measured_in_one_pass() {
        // issue 18, rows 6 and 7
        let deep = format!("<html><body>{}x</body></html>", "<div>".repeat(100_000));
        assert_eq!(scan(&deep).depth, 100_002);
        let attrs: String = (0..200_000).map(|i| format!(" a{i}=\"v\"")).collect();
        assert_eq!(scan(&format!("<html><body><p{attrs}>x</p></body></html>")).attributes, 200_000);
        assert_eq!(scan("<").depth, 0);
        assert_eq!(scan("<a href=\"unterminated").attributes, 1);
    }
}

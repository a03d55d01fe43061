//! Bytes → text, honouring the declared charset.
//!
//! Order of evidence, as browsers do it: a byte-order mark, the transport's
//! charset (HTTP `Content-Type` in a WARC record), `<meta charset>` /
//! `http-equiv` in the first bytes of an HTML page, then valid UTF-8, then a
//! statistical guess (chardetng, trained on the web) for legacy pages.

use encoding_rs::Encoding;

/// The decoded text and what was used to decode it.
#[derive(Debug)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding's WHATWG name (`UTF-8`, `windows-1251`, `Shift_JIS`).
    pub encoding: &'static str,
    /// Set when the encoding was guessed rather than declared or valid UTF-8.
    pub guessed: bool,
    /// Set when some bytes could not be decoded and became U+FFFD.
    pub had_errors: bool,
}

/// Decodes `bytes`. `declared` is a charset label from the transport, if any;
/// `html` enables the `<meta>` prescan.
pub fn decode(bytes: &[u8], declared: Option<&str>, html: bool) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return run(enc, &bytes[bom_len..], false);
    }
    let declared = declared
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| if html { meta_charset(bytes) } else { None });
    if let Some(enc) = declared {
        // A page that declares a legacy charset but is valid UTF-8 (a common
        // CMS bug) is read as UTF-8 when it has non-ASCII bytes.
        let enc = if enc != encoding_rs::UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
            encoding_rs::UTF_8
        } else {
            // UTF-16 labels in <meta> mean UTF-8 (WHATWG), the page being ASCII-compatible.
            enc.output_encoding()
        };
        return run(enc, bytes, false);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded { text: text.to_string(), encoding: "UTF-8", guessed: false, had_errors: false };
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let enc = detector.guess(None, true);
    run(enc, bytes, true)
}

fn run(enc: &'static Encoding, bytes: &[u8], guessed: bool) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding: enc.name(), guessed, had_errors }
}

/// The charset an HTML page declares in its first 4 KiB:
/// `<meta charset="...">` or `<meta http-equiv="Content-Type" content="...; charset=...">`.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(cs) = find(tag, b"charset") {
            let rest = &tag[cs + 7..];
            let rest = rest.iter().skip_while(|b| b.is_ascii_whitespace()).copied().collect::<Vec<_>>();
            if rest.first() == Some(&b'=') {
                let value: Vec<u8> = rest[1..]
                    .iter()
                    .skip_while(|b| b.is_ascii_whitespace() || **b == b'"' || **b == b'\'')
                    .take_while(|b| !(b.is_ascii_whitespace() || matches!(**b, b'"' | b'\'' | b';' | b'/' | b'>')))
                    .copied()
                    .collect();
                if let Some(enc) = Encoding::for_label(&value) {
                    return Some(enc);
                }
            }
        }
        from = end;
    }
    None
}

/// Charset parameter of a `Content-Type` header value.
pub fn charset_of_content_type(value: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_windows_1251() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("<html><head><meta charset=\"windows-1251\"></head><body>Москва</body></html>");
        let d = decode(&bytes, None, true);
        assert!(d.text.contains("Москва"), "{}", d.text);
        assert_eq!(d.encoding, "windows-1251");
    }

    #[test]
    fn http_equiv_shift_jis() {
        let page = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>東京都</p>";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(page);
        assert!(decode(&bytes, None, true).text.contains("東京都"));
    }

    #[test]
    fn transport_charset_wins_over_guessing() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("<p>Café déjà vu</p>");
        let d = decode(&bytes, Some("ISO-8859-1"), true);
        assert!(d.text.contains("Café déjà"));
        assert!(!d.guessed);
    }

    #[test]
    fn undeclared_legacy_text_is_guessed() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Les négociations ont repris à Genève après l'été.");
        let d = decode(&bytes, None, false);
        assert!(d.guessed);
        assert!(d.text.contains("négociations"), "{}", d.text);
    }

    #[test]
    fn content_type_charset() {
        assert_eq!(charset_of_content_type("text/html; charset=\"UTF-8\"").as_deref(), Some("UTF-8"));
        assert_eq!(charset_of_content_type("text/html"), None);
    }
}

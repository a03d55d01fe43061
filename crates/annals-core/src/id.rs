//! Stable identifiers.
//!
//! A document id is derived from what identifies the article (its canonical
//! URL when known, else its text), so ingesting the same input twice yields
//! the same id and stores stay idempotent.

use sha2::{Digest, Sha256};

/// First 16 hex digits of the SHA-256 of the parts, joined with a 0x1f separator.
pub fn stable_id(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hasher.update([0x1f]);
        }
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The id of a document: its normalized URL when it has one, else its text.
pub fn content_id(url: Option<&str>, text: &str) -> String {
    match url.map(normalize_url).filter(|u| !u.is_empty()) {
        Some(url) => stable_id(&["url", &url]),
        None => stable_id(&["text", text.trim()]),
    }
}

/// Lower-cases scheme and host, drops the fragment, a trailing slash and common tracking parameters.
fn normalize_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let mut out = match base.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
            let host = host.to_ascii_lowercase();
            let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
            // http and https name the same article
            let scheme = match scheme.to_ascii_lowercase().as_str() {
                "http" | "https" => "http".to_string(),
                other => other.to_string(),
            };
            format!("{scheme}://{host}/{path}")
        }
        None => base.to_string(),
    };
    while out.ends_with('/') {
        out.pop();
    }
    if let Some(q) = query {
        let kept: Vec<&str> = q
            .split('&')
            .filter(|p| {
                let key = p.split('=').next().unwrap_or("");
                !(key.starts_with("utm_") || matches!(key, "fbclid" | "gclid" | "ref" | "cmpid" | "ocid"))
            })
            .collect();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_variants_share_an_id() {
        let a = content_id(Some("https://www.Example.com/news/a/?utm_source=x#top"), "");
        let b = content_id(Some("http://example.com/news/a"), "other text");
        assert_eq!(a, b);
        assert_ne!(a, content_id(Some("https://example.com/news/b"), ""));
    }

    #[test]
    fn text_id_ignores_surrounding_space() {
        assert_eq!(content_id(None, " body\n"), content_id(None, "body"));
        assert_eq!(content_id(None, "x").len(), 16);
    }
}

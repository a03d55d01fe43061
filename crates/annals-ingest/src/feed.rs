//! RSS 2.0 and Atom feeds: one document per item (via `feed-rs`).

use crate::{Body, Documents, Format, Hints, IngestError, Limits, RawDocument};

pub(crate) fn read_feed(source: &str, bytes: &[u8], limits: &Limits) -> Documents {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => return Box::new(std::iter::once(Err(IngestError::new(source, format!("broken feed: {e}"))))),
    };
    let format = if matches!(feed.feed_type, feed_rs::model::FeedType::Atom) { Format::Atom } else { Format::Rss };
    let site = feed.title.as_ref().map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty());
    let max = limits.max_document_bytes;
    let source = source.to_string();
    let items: Vec<_> = feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let link = entry.links.first().map(|l| l.href.trim().to_string()).filter(|l| !l.is_empty());
            let item_source = match &link {
                Some(l) => format!("{source}#{l}"),
                None => format!("{source}#item{}", i + 1),
            };
            // Full content (content:encoded, atom:content) beats the summary.
            let body = entry
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .filter(|b| !b.trim().is_empty())
                .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
                .unwrap_or_default();
            if body.trim().is_empty() {
                return Err(IngestError::new(item_source, "feed item has no content or description"));
            }
            if body.len() > max {
                return Err(IngestError::new(item_source, format!("item content exceeds the limit of {}", crate::human_bytes(max))));
            }
            let published = entry.published.or(entry.updated).map(|d| d.date_naive());
            let hints = Hints {
                title: entry.title.map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty()),
                published,
                authors: entry.authors.into_iter().map(|a| a.name.trim().to_string()).filter(|a| !a.is_empty()).collect(),
                site: site.clone(),
            };
            // Feed bodies are HTML fragments as often as not; the extractor copes with both.
            let looks_html = body.contains('<') && body.contains('>');
            let body = if looks_html { Body::Html(body) } else { Body::Text(body) };
            Ok(RawDocument { source: item_source, format, url: link, body, hints, notes: Vec::new() })
        })
        .collect();
    Box::new(items.into_iter())
}

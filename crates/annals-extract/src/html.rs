//! HTML pages: main text by trafilatura, metadata by [`crate::metadata`].

use annals_core::Document;
use annals_ingest::Limits;
use scraper::Html;

use crate::metadata::extract_metadata;
use crate::ExtractError;

/// Deepest element nesting of a parsed page, computed without recursion.
fn max_depth(doc: &Html) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(doc.tree.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        for child in node.children() {
            if child.value().is_element() {
                stack.push((child, depth + 1));
            }
        }
    }
    deepest
}

pub(crate) fn extract_html(html: &str, doc: &mut Document, limits: &Limits) -> Result<(), ExtractError> {
    // Checked before parsing: the parsers are quadratic on both (issue 18).
    let shape = crate::prescan::scan(html);
    if shape.depth > limits.max_html_depth {
        return Err(ExtractError::TooDeep { source_name: doc.source.clone(), depth: shape.depth, limit: limits.max_html_depth });
    }
    if shape.attributes > limits.max_html_attributes {
        return Err(ExtractError::TooManyAttributes { source_name: doc.source.clone(), count: shape.attributes, limit: limits.max_html_attributes });
    }
    let parsed = Html::parse_document(html);
    let depth = max_depth(&parsed);
    if depth > limits.max_html_depth {
        return Err(ExtractError::TooDeep { source_name: doc.source.clone(), depth, limit: limits.max_html_depth });
    }
    let md = extract_metadata(&parsed, doc.url.as_deref());
    drop(parsed);

    let mut opts = trafilatura::Options::default().with_fallback(true).with_focus(trafilatura::ExtractionFocus::FavorPrecision);
    if let Some(url) = doc.url.as_deref().or(md.canonical_url.as_deref()).and_then(|u| url::Url::parse(u).ok()) {
        opts = opts.with_url(url);
    }
    let extracted = trafilatura::extract(html, &opts).ok();
    let main_text = extracted.as_ref().map(|r| paragraphs_of_html(&r.content_html)).unwrap_or_default();
    let main_text = drop_chrome_paragraphs(&drop_leading_title(main_text, md.title.as_deref()));
    doc.text = choose_text(main_text, md.article_body.as_deref().map(normalize_text));

    doc.title = md.title.clone().or_else(|| extracted.as_ref().map(|r| r.metadata.title.clone()).filter(|t| !t.is_empty())).unwrap_or_default();
    doc.authors = md.authors;
    if doc.authors.is_empty() {
        if let Some(r) = &extracted {
            doc.authors = crate::metadata::split_authors(&r.metadata.author);
        }
    }
    if let Some((date, from)) = md.published {
        doc.published = Some(date);
        doc.meta.published_from = Some(from.to_string());
    }
    doc.site = md.site;
    doc.meta.description = md.description;
    if doc.url.is_none() {
        doc.url = md.canonical_url.clone();
    } else if md.canonical_url != doc.url {
        doc.meta.canonical_url = md.canonical_url;
    }
    if let Some(lang) = md.html_lang {
        // used only when detection on the text is unsure
        doc.language = lang;
    }
    Ok(())
}

/// Text of an HTML fragment with one paragraph per block element, paragraphs
/// separated by a blank line (trafilatura's own `content_text` runs them together).
pub(crate) fn paragraphs_of_html(fragment: &str) -> String {
    use scraper::Node;
    let parsed = Html::parse_fragment(fragment);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    // (node, entering) pairs: an explicit stack instead of recursion
    let mut stack = vec![(parsed.tree.root(), true)];
    while let Some((node, entering)) = stack.pop() {
        let block = match node.value() {
            Node::Element(e) => matches!(
                e.name(),
                "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "blockquote" | "pre" | "tr" | "table" | "ul" | "ol" | "dl" | "dt" | "dd" | "section" | "article" | "figure" | "figcaption" | "header" | "footer" | "br" | "hr"
            ),
            _ => false,
        };
        if entering {
            match node.value() {
                Node::Text(t) => current.push_str(t),
                // table cells and line-level inline breaks keep their words apart
                Node::Element(e) if matches!(e.name(), "td" | "th" | "img" | "input" | "button") => current.push(' '),
                _ => {}
            }
            if block {
                flush(&mut current, &mut paragraphs);
                stack.push((node, false));
            }
            for child in node.children().rev() {
                stack.push((child, true));
            }
        } else {
            flush(&mut current, &mut paragraphs);
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    let p = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !p.is_empty() {
        paragraphs.push(p);
    }
    current.clear();
}

/// Drops paragraphs that are chrome by their form (share rows, "Advert",
/// cookie notices) and repeats of an earlier paragraph.
fn drop_chrome_paragraphs(text: &str) -> String {
    let mut seen = std::collections::HashSet::new();
    text.split("\n\n")
        .enumerate()
        // a date standing alone above the story is the page's date line, not text
        .filter(|(i, p)| !(*i < 2 && p.split_whitespace().count() <= 6 && crate::dates::find_date_in_text(p).is_some()))
        .map(|(_, p)| p)
        .filter(|p| !crate::scraped::is_chrome_line(p))
        .filter(|p| seen.insert(p.to_lowercase()))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Removes the headline when the text repeats it as its first paragraph.
fn drop_leading_title(text: String, title: Option<&str>) -> String {
    let Some(title) = title.filter(|t| !t.is_empty()) else { return text };
    match text.split_once("\n\n") {
        Some((first, rest)) if first.trim().eq_ignore_ascii_case(title.trim()) => rest.to_string(),
        _ => text,
    }
}

/// trafilatura's text, unless the page's JSON-LD `articleBody` is clearly the
/// fuller article: publishers fill it from their CMS, free of page chrome.
fn choose_text(main: String, ld_body: Option<String>) -> String {
    let Some(body) = ld_body.filter(|b| b.split_whitespace().count() >= 40 && !b.contains('<')) else {
        return main;
    };
    let main_words = main.split_whitespace().count();
    let body_words = body.split_whitespace().count();
    if main_words < 40 || body_words as f64 > main_words as f64 * 1.15 {
        body
    } else {
        main
    }
}

/// One paragraph per line pair: trims lines, collapses runs of spaces, drops empty lines.
pub(crate) fn normalize_text(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

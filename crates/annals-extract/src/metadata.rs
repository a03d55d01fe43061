//! Article metadata from HTML: title, authors, publication date, site,
//! canonical URL, and the JSON-LD article body when the page ships one.
//!
//! Our own rather than trafilatura's because news needs a strict order for the
//! publication date (JSON-LD `datePublished`, `article:published_time`, other
//! meta tags, `<time>` in the article, the URL, the text) and must never take
//! the modified date when a published date exists.

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::sync::LazyLock;

use crate::dates::{date_in_url, parse_date};

/// Metadata found in one page.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct HtmlMetadata {
    /// Headline.
    pub title: Option<String>,
    /// Bylines.
    pub authors: Vec<String>,
    /// Publication date and the evidence it came from.
    pub published: Option<(NaiveDate, &'static str)>,
    /// Publisher name.
    pub site: Option<String>,
    /// `<link rel=canonical>` or `og:url`.
    pub canonical_url: Option<String>,
    /// Page summary.
    pub description: Option<String>,
    /// `<html lang>`.
    pub html_lang: Option<String>,
    /// JSON-LD `articleBody`, when present.
    pub article_body: Option<String>,
}

macro_rules! sel {
    ($name:ident, $css:expr) => {
        static $name: LazyLock<Selector> = LazyLock::new(|| Selector::parse($css).expect("valid selector"));
    };
}

sel!(META, "meta");
sel!(LD_JSON, r#"script[type="application/ld+json"]"#);
sel!(TITLE, "title");
sel!(H1, "h1");
sel!(CANONICAL, r#"link[rel="canonical"]"#);
sel!(TIME, "article time[datetime], time[pubdate], time[itemprop=datePublished], .article time[datetime], main time[datetime], time[datetime]");
sel!(HTML, "html");
sel!(BYLINE, r#"[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"], .byline__name, .author-name, .byline, .author"#);

fn meta_map(doc: &Html) -> Vec<(String, String)> {
    doc.select(&META)
        .filter_map(|m| {
            let e = m.value();
            let key = e.attr("property").or_else(|| e.attr("name")).or_else(|| e.attr("itemprop")).or_else(|| e.attr("http-equiv"))?;
            let content = e.attr("content")?.trim();
            (!content.is_empty()).then(|| (key.trim().to_ascii_lowercase(), content.to_string()))
        })
        .collect()
}

fn meta<'a>(map: &'a [(String, String)], keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| map.iter().find(|(mk, _)| mk == k).map(|(_, v)| v.as_str()))
}

/// Every JSON object in the page's JSON-LD blocks, `@graph` flattened.
fn json_ld_objects(doc: &Html) -> Vec<Value> {
    let mut out = Vec::new();
    for script in doc.select(&LD_JSON) {
        let raw: String = script.text().collect();
        // Pages often put raw newlines and tabs inside JSON strings.
        let cleaned: String = raw.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        if let Ok(v) = serde_json::from_str::<Value>(cleaned.trim().trim_end_matches(';')) {
            flatten(v, &mut out, 0);
        }
    }
    out
}

fn flatten(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.into_iter().for_each(|i| flatten(i, out, depth + 1)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

fn has_type(obj: &Value, types: &[&str]) -> bool {
    match obj.get("@type") {
        Some(Value::String(t)) => types.contains(&t.as_str()),
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(|t| types.contains(&t))),
        _ => false,
    }
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle", "Article", "BlogPosting", "ReportageNews", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "ReviewNewsArticle", "LiveBlogPosting", "Report", "ScholarlyArticle", "TechArticle",
    "SocialMediaPosting", "WebPage",
];

fn names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(names).collect(),
        Value::Object(o) => o.get("name").map(names).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn text_of(e: ElementRef) -> String {
    e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Extracts metadata from a parsed page; `url` is the page's address when known.
pub fn extract_metadata(doc: &Html, url: Option<&str>) -> HtmlMetadata {
    let metas = meta_map(doc);
    let ld = json_ld_objects(doc);
    let article = ld.iter().find(|o| has_type(o, &ARTICLE_TYPES[..ARTICLE_TYPES.len() - 1])).or_else(|| ld.iter().find(|o| has_type(o, ARTICLE_TYPES)));
    let ld_str = |key: &str| article.and_then(|a| a.get(key)).and_then(|v| v.as_str()).map(str::trim).filter(|s| !s.is_empty());

    let mut md = HtmlMetadata::default();

    // site first: the title cleaner strips it from the <title>
    md.site = meta(&metas, &["og:site_name", "application-name", "twitter:site"])
        .map(|s| s.trim_start_matches('@').to_string())
        .or_else(|| article.and_then(|a| a.get("publisher")).map(names).and_then(|n| n.into_iter().next()));

    let page_title = doc.select(&TITLE).next().map(text_of).filter(|t| !t.is_empty());
    md.title = ld_str("headline")
        .map(str::to_string)
        .or_else(|| meta(&metas, &["og:title", "twitter:title"]).map(str::to_string))
        .or_else(|| doc.select(&H1).next().map(text_of).filter(|t| t.split_whitespace().count() >= 2))
        .or(page_title)
        .map(|t| clean_title(&t, md.site.as_deref()));

    md.authors = article.and_then(|a| a.get("author")).map(names).unwrap_or_default();
    if md.authors.is_empty() {
        if let Some(a) = meta(&metas, &["author", "article:author", "byl", "sailthru.author", "parsely-author", "dc.creator"]) {
            if !a.starts_with("http") {
                md.authors = split_authors(a);
            }
        }
    }
    if md.authors.is_empty() {
        if let Some(by) = doc.select(&BYLINE).map(text_of).find(|t| !t.is_empty() && t.len() < 120) {
            md.authors = split_authors(&by);
        }
    }
    md.authors = md.authors.iter().flat_map(|a| split_authors(a)).collect();
    md.authors.dedup();

    md.published = ld_str("datePublished")
        .and_then(parse_date)
        .map(|d| (d, "json-ld"))
        .or_else(|| meta(&metas, &["article:published_time"]).and_then(parse_date).map(|d| (d, "article:published_time")))
        .or_else(|| {
            meta(
                &metas,
                &[
                    "og:published_time", "published_time", "datepublished", "date", "pubdate", "publishdate", "publish-date",
                    "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime",
                    "article.published", "originalpublicationdate", "dc.date.created",
                ],
            )
            .and_then(parse_date)
            .map(|d| (d, "meta"))
        })
        .or_else(|| doc.select(&TIME).find_map(|t| t.value().attr("datetime").and_then(parse_date)).map(|d| (d, "time-element")))
        .or_else(|| url.and_then(date_in_url).map(|d| (d, "url")));

    md.canonical_url = doc
        .select(&CANONICAL)
        .find_map(|l| l.value().attr("href"))
        .or_else(|| meta(&metas, &["og:url"]))
        .map(str::trim)
        .filter(|u| u.starts_with("http"))
        .map(str::to_string);
    md.description = meta(&metas, &["description", "og:description"]).map(str::to_string);
    md.html_lang = doc.select(&HTML).next().and_then(|h| h.value().attr("lang")).map(|l| l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase());
    md.article_body = ld_str("articleBody").map(str::to_string);
    md
}

/// Removes a " | Site" / " - Site" / " — Site" suffix or prefix from a page title.
pub fn clean_title(title: &str, site: Option<&str>) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    for sep in [" | ", " - ", " – ", " — ", " :: ", " « ", " » "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail_is_site = site.is_some_and(|s| tail.eq_ignore_ascii_case(s) || tail.to_lowercase().contains(&s.to_lowercase()))
                || (tail.split_whitespace().count() <= 3 && head.split_whitespace().count() >= 4);
            if tail_is_site && !head.is_empty() {
                return head.trim().to_string();
            }
            if let Some((first, rest)) = title.split_once(sep) {
                if site.is_some_and(|s| first.eq_ignore_ascii_case(s)) {
                    return rest.trim().to_string();
                }
            }
        }
    }
    title
}

/// Splits "By Jane Roe and John Doe, Reuters" into names.
pub fn split_authors(s: &str) -> Vec<String> {
    let s = s.trim();
    let s = s.strip_prefix("By ").or_else(|| s.strip_prefix("by ")).or_else(|| s.strip_prefix("BY ")).unwrap_or(s);
    s.split([',', ';', '|', '&'])
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().trim_start_matches("By ").trim())
        .filter(|p| {
            let words = p.split_whitespace().count();
            (1..=5).contains(&words) && !p.contains('@') && !p.starts_with("http") && p.chars().next().is_some_and(char::is_uppercase)
        })
        .filter(|p| !matches!(p.to_ascii_lowercase().as_str(), "reuters" | "ap" | "afp" | "associated press" | "staff" | "staff writer"))
        .map(title_case_if_shouting)
        .collect()
}

/// "JOSEF FEDERMAN" → "Josef Federman"; mixed-case names are left alone.
fn title_case_if_shouting(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect()).unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The host of a URL without `www.`, as a last-resort site name.
pub fn host_of(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_string();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html lang="en-GB"><head><title>Leaders meet in Doha | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:modified_time" content="2020-02-01T10:00:00Z">
<meta property="article:published_time" content="2020-01-06T08:00:00Z">
<meta name="author" content="Jane Roe and John Doe">
<link rel="canonical" href="https://daily.example/world/leaders-meet">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
{"@type":"NewsArticle","headline":"Leaders meet in Doha","datePublished":"2020-01-05","dateModified":"2020-02-01",
"author":[{"@type":"Person","name":"Jane Roe"}],"publisher":{"@type":"Organization","name":"The Daily Example"},
"articleBody":"DOHA -- Leaders met on Sunday."}]}</script></head>
<body><h1>Leaders meet in Doha</h1><time datetime="2019-12-30">old</time></body></html>"#;

    #[test]
    fn json_ld_wins_and_modified_is_never_used() {
        let md = extract_metadata(&Html::parse_document(PAGE), Some("https://www.daily.example/2019/12/01/x"));
        assert_eq!(md.published, Some((NaiveDate::from_ymd_opt(2020, 1, 5).unwrap(), "json-ld")));
        assert_eq!(md.title.as_deref(), Some("Leaders meet in Doha"));
        assert_eq!(md.authors, vec!["Jane Roe"]);
        assert_eq!(md.site.as_deref(), Some("The Daily Example"));
        assert_eq!(md.canonical_url.as_deref(), Some("https://daily.example/world/leaders-meet"));
        assert_eq!(md.html_lang.as_deref(), Some("en"));
        assert_eq!(md.article_body.as_deref(), Some("DOHA -- Leaders met on Sunday."));
    }

    #[test]
    fn falls_back_in_order() {
        let page = r#"<html><head><title>Ministers resign over budget row - Example News</title>
<meta property="article:modified_time" content="2021-05-09"><meta name="author" content="By Sam Poe"></head>
<body><article><time datetime="2021-05-07T12:00">May 7</time><p>Text</p></article></body></html>"#;
        let md = extract_metadata(&Html::parse_document(page), Some("https://example.com/2021/05/01/x"));
        assert_eq!(md.published, Some((NaiveDate::from_ymd_opt(2021, 5, 7).unwrap(), "time-element")));
        assert_eq!(md.title.as_deref(), Some("Ministers resign over budget row"));
        assert_eq!(md.authors, vec!["Sam Poe"]);
        assert_eq!(md.site, None);
        let bare = extract_metadata(&Html::parse_document("<p>x</p>"), Some("https://example.com/2021/05/01/x"));
        assert_eq!(bare.published, Some((NaiveDate::from_ymd_opt(2021, 5, 1).unwrap(), "url")));
    }
}

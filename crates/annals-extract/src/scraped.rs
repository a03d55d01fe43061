//! Plain text scraped from a page with its site chrome still in it.
//!
//! A copy of a news page as text keeps skip links, menus, banners, image
//! captions (often twice: alt text and caption), share prompts, related-story
//! lists and the publisher's footer. No crate handles this (boilerplate
//! removers need the DOM), so this module works line by line:
//!
//! 1. drop lines that are chrome by their form (a skip link, "Advertisement",
//!    a lone "Facebook", a copyright line, an image credit) and lines repeated
//!    verbatim (captions), or known to repeat across pages of the same site;
//! 2. find the article body: the run of prose lines (sentences with
//!    punctuation), allowing short sub-headings inside it, and cut the footer
//!    that follows it (credits, "Read more", related links);
//! 3. above the body, take the headline, the byline and the date line.
//!
//! A dateline ("BEIRUT --", "TAIPEI (Reuters) -") stays as the start of the
//! text; a credit line ("Reporting by …; Editing by …") goes to metadata.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::dates::find_date_in_text;

/// The article found in a scraped page.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ScrapedArticle {
    /// Headline.
    pub title: Option<String>,
    /// Bylines.
    pub authors: Vec<String>,
    /// Date from a date line above the body.
    pub published: Option<NaiveDate>,
    /// Clean text: paragraphs separated by a blank line.
    pub text: String,
    /// Credit lines moved out of the text.
    pub credits: Vec<String>,
}

static CHROME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
        skip\ to\b.* | jump\ to\b.* | skip\ navigation | accessibility(\ help|\ links|\ statement)? | screen\ reader.* |
        (main\ )?menu | close(\ menu)? | open\ navigation | toggle\ navigation | navigation | search | search\ (the\ site|news).* | home(page)? | back\ to\ top |
        sign\ in | log\ ?in | log\ out | register | my\ account | subscribe(\ now|\ today)?.* | sign\ up\b.* | newsletters? | get\ the\ .*newsletter.* |
        advertisement\b.* | advert | sponsored(\ content)? | ad | ads\ by\ .* | promoted | continue\ reading.* | read\ more\b.* | read\ full\ (story|article).* | show\ more |
        share(\ this)?(\ (article|story|page|on\ .*))?:? | share\ via.* | copy\ link | link\ copied.* | print(\ this\ (article|page))? | e-?mail(\ this)?(\ (article|page))? | save(\ article)? | comments?(\ \(\d+\))? | \d+\ comments? |
        facebook | twitter | x | whatsapp | linkedin | reddit | telegram | pinterest | messenger | flipboard | tumblr | instagram | youtube | tiktok | bluesky | threads | mastodon |
        follow\ us.* | like\ us\ on.* | download\ (our|the)\ app.* | listen\ to\ (this\ )?(article|story).* | listen | \d+\ min(ute)?s?\ (read|listen) | watch:?.* |
        image | photo | video | gallery | play\ video | image\ \d+\ of\ \d+ | \d+\ of\ \d+ | enlarge(\ this\ image)? | expand | toggle\ caption | hide\ caption | caption |
        (image|photo|picture|video)\ (source|caption|credit|:).* | (photo|image|picture)s?\ by\ .* | \[?(image|photo|picture|video)\]? | getty\ images | reuters/.* | ap\ photo.* | afp(\ via\ getty\ images)? | .*\((photo|image|picture)\ by\ .*\) |
        (most\ )?(read|popular|viewed|shared)(\ now)? | trending(\ now)? | related(\ (stories|articles|news|topics|coverage|content))?:? | more\ (from|on|in|stories)\b.* | recommended(\ for\ you)?:? | you\ (may|might)\ (also\ )?like:? | (see|read)\ also:? | also\ read:? | top\ stories | latest(\ news)?|  editor.?s\ picks? | in\ other\ news |
        (©|\(c\)|copyright)\b.* | all\ rights\ reserved.* | terms\ (of|&)\ (use|service).* | privacy(\ policy|\ notice)?.* | cookie(s|\ policy|\ settings|\ preferences)?.* | (manage\ )?consent.* | accept(\ all)?(\ cookies)? | contact(\ us)? | about(\ us)? | careers | help(\ centre|\ center)? | site\ ?map | rss | feedback | corrections |
        our\ standards.* | the\ thomson\ reuters\ trust\ principles.* | (tags?|topics?|filed\ under):.* | updated:?\ .{0,40} | \d+\ (seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\ ago | (last\ )?(updated|modified)\b.{0,40} | published:?\ .{0,40}
    )$",
    )
    .expect("valid regex")
});

/// Photo credits and caption markers anywhere in a line.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\((?:AP|AFP|Reuters|EPA|Xinhua)\s+Photo\b|\bREUTERS/|\(Photo:|\bPhoto:\s|\bPhotograph:\s|\(Image:|\bvia Getty Images\b|/AFP\b|\bCredit:\s").unwrap()
});
static CAPTION_MARKER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(?:image|photo|picture|video)\s+caption[,:]?$|^caption:?$").unwrap());

static BYLINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?i:by)\s+(\p{Lu}[\p{L}.'\-]+(?:\s+\p{Lu}[\p{L}.'\-]+){0,3}(?:(?:,|\s+and|\s*&)\s+\p{Lu}[\p{L}.'\-]+(?:\s+\p{Lu}[\p{L}.'\-]+){0,3})*)(?:[,|·•\-–—]\s*.*)?$").unwrap());
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\(?\b((?:additional\s+)?reporting\s+by|editing\s+by|writing\s+by|compiled\s+by|edited\s+by|produced\s+by|graphics?\s+by)\s+[^()]{2,300}\)?\s*$").unwrap()
});
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][A-Z.'\-]+(?:[ ,]+[A-Z][A-Za-z.'\-]+){0,4})(?:,\s+[A-Z][a-z]+\.?(?:\s+\d{1,2})?)?\s*(?:\((?:Reuters|AP|AFP|Xinhua|dpa|UPI|Bloomberg|[A-Z][A-Za-z ]{1,20})\))?\s*(?:--|—|–|-|:)\s").unwrap()
});

/// Collapses whitespace; returns the line's comparison key (lower-case, letters and digits only).
fn key(line: &str) -> String {
    line.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A line that reads as running prose: several words ending like a sentence.
fn is_prose(line: &str) -> bool {
    let words = word_count(line);
    let ends = line.trim_end_matches(['"', '”', '’', '\'', ')', '»']).ends_with(['.', '!', '?', ':', ';']) || line.ends_with("...") || line.ends_with('…');
    (words >= 5 && ends && starts_like_a_sentence(line)) || words >= 25 || (DATELINE.is_match(line) && words >= 6)
}

fn starts_like_a_sentence(line: &str) -> bool {
    line.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '‘' | '\'' | '«' | '('))
}

fn is_date_line(line: &str) -> bool {
    word_count(line) <= 12 && find_date_in_text(line).is_some()
}

/// Lines that repeat across several pages of one site: navigation, footers, banners.
///
/// A line counts when it appears in at least two pages and in at least a third
/// of them. Lines long enough to be prose are kept unless every page has them,
/// so two copies of the same wire story do not erase each other.
pub fn shared_chrome(pages: &[&str]) -> HashSet<String> {
    if pages.len() < 2 {
        return HashSet::new();
    }
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for page in pages {
        let mut seen = HashSet::new();
        for line in page.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let k = key(line);
            if !k.is_empty() && seen.insert(k.clone()) {
                let e = counts.entry(k).or_insert((0, word_count(line)));
                e.0 += 1;
            }
        }
    }
    let n = pages.len();
    counts
        .into_iter()
        .filter(|(_, (c, words))| *c >= 2 && *c * 3 >= n && (*words < 12 || (n >= 3 && *c == n)))
        .map(|(k, _)| k)
        .collect()
}

/// Finds the article in scraped text. `chrome` holds line keys known to
/// repeat across the site's pages (see [`shared_chrome`]).
pub fn clean_scraped(raw: &str, chrome: &HashSet<String>) -> ScrapedArticle {
    let lines: Vec<&str> = raw.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        return ScrapedArticle::default();
    }
    // Repeated lines: captions shown twice, headlines repeated in breadcrumbs.
    let mut occurrences: HashMap<String, usize> = HashMap::new();
    for l in &lines {
        *occurrences.entry(key(l)).or_default() += 1;
    }
    let mut article = ScrapedArticle::default();
    #[derive(Clone, Copy, PartialEq, Debug)]
    enum Kind {
        Chrome,
        Repeated,
        Prose,
        Short,
    }
    let kinds: Vec<Kind> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let k = key(l);
            let after_caption_marker = i > 0 && CAPTION_MARKER.is_match(lines[i - 1]);
            if k.is_empty() || CHROME_LINE.is_match(l) || chrome.contains(&k) || CAPTION.is_match(l) || after_caption_marker {
                Kind::Chrome
            } else if occurrences[&k] > 1 && !is_prose(l) {
                Kind::Repeated
            } else if occurrences[&k] > 1 && word_count(l) < 30 {
                // a caption sentence shown twice
                Kind::Repeated
            } else if is_prose(l) {
                Kind::Prose
            } else {
                Kind::Short
            }
        })
        .collect();

    // The body: the longest stretch of prose, bridging sub-headings and up to two
    // short lines between prose lines, measured in prose words.
    let mut best: Option<(usize, usize, usize)> = None; // (start, end inclusive, words)
    let mut i = 0;
    while i < lines.len() {
        if kinds[i] != Kind::Prose {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut words = word_count(lines[i]);
        let mut j = i + 1;
        let mut gap = 0;
        while j < lines.len() {
            match kinds[j] {
                Kind::Prose => {
                    words += word_count(lines[j]);
                    end = j;
                    gap = 0;
                }
                Kind::Short if gap < 2 && word_count(lines[j]) <= 12 => gap += 1,
                Kind::Repeated | Kind::Chrome if gap < 2 => gap += 1,
                _ => break,
            }
            j += 1;
        }
        if best.is_none_or(|(_, _, w)| words > w) {
            best = Some((start, end, words));
        }
        i = j.max(i + 1);
    }
    let Some((start, end, _)) = best else {
        // No prose at all: keep what is not chrome.
        article.text = lines.iter().zip(&kinds).filter(|(_, k)| matches!(k, Kind::Short)).map(|(l, _)| *l).collect::<Vec<_>>().join("\n\n");
        return article;
    };

    // Header: scan upwards from the body for date, byline and headline.
    let mut title_at = None;
    for h in (0..start).rev().take(12) {
        let line = lines[h];
        if article.published.is_none() && is_date_line(line) {
            article.published = find_date_in_text(line);
            continue;
        }
        if article.authors.is_empty() {
            if let Some(c) = BYLINE.captures(line) {
                article.authors = crate::metadata::split_authors(&c[1]);
                // a headline candidate between the byline and the body was a role or caption line
                title_at = None;
                continue;
            }
        }
        if title_at.is_none() && matches!(kinds[h], Kind::Short | Kind::Repeated) {
            let words = word_count(line);
            if (3..=30).contains(&words) && !line.ends_with(['.', ':', ',']) && line.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '\'' || c == '"' || c == '‘' || c == '“') {
                title_at = Some(h);
            }
        }
    }
    article.title = title_at.map(|h| lines[h].to_string());

    // Body lines, with credits moved out and in-body chrome dropped.
    let mut paragraphs: Vec<String> = Vec::new();
    for idx in start..=end {
        let line = lines[idx];
        match kinds[idx] {
            Kind::Chrome | Kind::Repeated => continue,
            Kind::Short if BYLINE.is_match(line) || is_date_line(line) => continue,
            _ => {}
        }
        if let Some(m) = CREDIT.find(line) {
            let credit = line[m.start()..].trim().trim_matches(['(', ')']).trim().to_string();
            article.credits.push(credit);
            let rest = line[..m.start()].trim();
            if !rest.is_empty() {
                paragraphs.push(rest.to_string());
            }
            continue;
        }
        paragraphs.push(line.to_string());
    }
    // Credit lines just after the body belong to metadata too.
    for line in lines.iter().skip(end + 1).take(4) {
        if let Some(m) = CREDIT.find(line) {
            if m.start() == 0 || line[..m.start()].trim().is_empty() {
                article.credits.push(line.trim().trim_matches(['(', ')']).trim().to_string());
            }
        }
    }
    article.text = paragraphs.join("\n\n");
    article
}

#[cfg(test)]
mod tests;

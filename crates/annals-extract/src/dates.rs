//! Loose date parsing for metadata: ISO 8601 and the common English forms.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    // `get`, not slicing: a case-insensitive match may hold non-ASCII letters ('ſ', 'K')
    let prefix = w.get(..3)?;
    let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    let i = MONTHS.iter().position(|m| *m == prefix)?;
    // "sept" and full names are fine; reject words that merely start like a month ("mayor", "market")
    (w.len() == 3 || full[i].starts_with(&w) || w == "sept").then_some(i as u32 + 1)
}

static ISO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})").unwrap());
static COMPACT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)(\d\d)(\d\d)(?:\D|$)").unwrap());
static MDY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b([A-Z][a-z]{2,8}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b").unwrap());
static DMY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?([A-Z][a-z]{2,8}\.?),?\s+((?:19|20)\d\d)\b").unwrap());
static URL_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$|\.)|/((?:19|20)\d\d)(\d\d)(\d\d)/").unwrap());

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).filter(plausible)
}

fn plausible(d: &NaiveDate) -> bool {
    (1990..=2100).contains(&chrono::Datelike::year(d))
}

/// A date in a metadata value: `2020-01-06T10:00:00Z`, `2020/01/06`, `20200106`,
/// `January 6, 2020`, `6 Jan 2020`.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if let Some(c) = ISO.captures(value) {
        return ymd(&c[1], &c[2], &c[3]);
    }
    if let Some(c) = COMPACT.captures(value) {
        return ymd(&c[1], &c[2], &c[3]);
    }
    find_date_in_text(value)
}

/// The first written-out date in running text ("January 6, 2020", "6 January 2020", "2020-01-06").
pub fn find_date_in_text(text: &str) -> Option<NaiveDate> {
    let mdy = MDY.captures_iter(text).find_map(|c| {
        let m = month_number(&c[1])?;
        Some((c.get(0)?.start(), NaiveDate::from_ymd_opt(c[3].parse().ok()?, m, c[2].parse().ok()?).filter(plausible)?))
    });
    let dmy = DMY.captures_iter(text).find_map(|c| {
        let m = month_number(&c[2])?;
        Some((c.get(0)?.start(), NaiveDate::from_ymd_opt(c[3].parse().ok()?, m, c[1].parse().ok()?).filter(plausible)?))
    });
    let iso = ISO.captures_iter(text).find_map(|c| Some((c.get(0)?.start(), ymd(&c[1], &c[2], &c[3])?)));
    [mdy, dmy, iso].into_iter().flatten().min_by_key(|(pos, _)| *pos).map(|(_, d)| d)
}

/// A date in a URL path (`/2020/01/06/`, `/2020-01-06-`, `/20200106/`).
pub fn date_in_url(url: &str) -> Option<NaiveDate> {
    let c = URL_DATE.captures(url)?;
    if c.get(1).is_some() {
        ymd(&c[1], &c[2], &c[3])
    } else {
        ymd(&c[4], &c[5], &c[6])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn metadata_values() {
        assert_eq!(parse_date("2020-01-06T10:00:00+01:00"), d(2020, 1, 6));
        assert_eq!(parse_date("2020/1/6"), d(2020, 1, 6));
        assert_eq!(parse_date("20200106"), d(2020, 1, 6));
        assert_eq!(parse_date("Jan. 6, 2020 5:00 PM ET"), d(2020, 1, 6));
        assert_eq!(parse_date("Monday 6th January 2020"), d(2020, 1, 6));
        assert_eq!(parse_date("Sept 30, 2021"), d(2021, 9, 30));
        assert_eq!(parse_date("not a date"), None);
        assert_eq!(parse_date("2020-13-45"), None);
    }

    #[test]
    fn text_and_url_dates() {
        assert_eq!(find_date_in_text("The Mayor 12, 2020 meeting"), None);
        assert_eq!(find_date_in_text("Published 3 March 2019, updated March 5, 2019"), d(2019, 3, 3));
        assert_eq!(date_in_url("https://news.example/2021/07/15/story-slug"), d(2021, 7, 15));
        assert_eq!(date_in_url("https://news.example/world/20210715/story"), d(2021, 7, 15));
        assert_eq!(date_in_url("https://news.example/world/story-12345"), None);
    }

    #[test]
    fn letters_that_fold_to_ascii_do_not_panic() {
        // issue 18, row 1: (?i) lets 'ſ' (U+017F) and 'K' (U+212A) match [a-z], and `&w[..3]` cut inside them
        assert_eq!(find_date_in_text("Maſs 5, 2020"), None);
        assert_eq!(find_date_in_text("5 Maſs 2020"), None);
        assert_eq!(find_date_in_text("\u{212A}ov 5, 2020 and Maſ 5, 2020"), None);
        assert_eq!(parse_date("Aug 5, 2020 \u{212A}elvin"), d(2020, 8, 5));
    }
}

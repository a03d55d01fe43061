//! Event dates as day intervals with a precision, for clustering and filters.

use chrono::{Datelike, Duration, NaiveDate};

/// An event date as the interval of days it may denote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateSpan {
    /// `day`, `week`, `month`, `season`, `year`, `decade`, `range`,
    /// `published` (no event date; the publication date stands in) or `unknown`.
    pub precision: &'static str,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).map(|d| d - Duration::days(1))
}

/// Parses one ISO 8601 value (`2022-01-02`, `2022-W05`, `2022-01`, `2022-Q1`,
/// `2022-SU`, `2022`, `199X`) to its first and last day and precision.
fn parse_value(v: &str) -> Option<(&'static str, NaiveDate, NaiveDate)> {
    let v = v.trim();
    let v = v.split('T').next().unwrap_or(v);
    if v.len() == 4 && v.ends_with('X') {
        let d: i32 = v[..3].parse().ok()?;
        return Some(("decade", NaiveDate::from_ymd_opt(d * 10, 1, 1)?, NaiveDate::from_ymd_opt(d * 10 + 9, 12, 31)?));
    }
    let year: i32 = v.get(..4)?.parse().ok()?;
    let rest = &v[4..];
    if rest.is_empty() {
        return Some(("year", NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?));
    }
    let rest = rest.strip_prefix('-')?;
    if let Some(w) = rest.strip_prefix('W').filter(|w| w.starts_with(|c: char| c.is_ascii_digit())) {
        let week: u32 = w.get(..2)?.parse().ok()?;
        let start = NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)?;
        return Some(("week", start, start + Duration::days(6)));
    }
    if let Some(q) = rest.strip_prefix('Q') {
        let q: u32 = q.parse().ok()?;
        if !(1..=4).contains(&q) {
            return None;
        }
        return Some(("season", NaiveDate::from_ymd_opt(year, q * 3 - 2, 1)?, last_of_month(year, q * 3)?));
    }
    let season = match rest {
        "SP" => Some((3, 5)),
        "SU" => Some((6, 8)),
        "FA" | "AU" => Some((9, 11)),
        "WI" => Some((12, 14)),
        _ => None,
    };
    if let Some((from, to)) = season {
        let end = if to > 12 { last_of_month(year + 1, to - 12)? } else { last_of_month(year, to)? };
        return Some(("season", NaiveDate::from_ymd_opt(year, from, 1)?, end));
    }
    match rest.len() {
        2 => {
            let m: u32 = rest.parse().ok()?;
            Some(("month", NaiveDate::from_ymd_opt(year, m, 1)?, last_of_month(year, m)?))
        }
        5 => {
            let d = NaiveDate::parse_from_str(&v[..10], "%Y-%m-%d").ok()?;
            Some(("day", d, d))
        }
        _ => None,
    }
}

impl DateSpan {
    /// The span of an event's date, falling back to the publication date.
    pub fn of_event(date: Option<&str>, published: Option<NaiveDate>) -> DateSpan {
        if let Some(date) = date {
            let parsed = match date.split_once('/') {
                Some((a, b)) => parse_value(a).zip(parse_value(b)).map(|(a, b)| ("range", a.1, b.2.max(a.1))),
                None => parse_value(date),
            };
            if let Some((precision, start, end)) = parsed {
                return DateSpan { precision, start: Some(start), end: Some(end) };
            }
        }
        match published {
            Some(d) => DateSpan { precision: "published", start: Some(d), end: Some(d) },
            None => DateSpan { precision: "unknown", start: None, end: None },
        }
    }

    /// Whether two reports may be of the same event: their intervals overlap,
    /// or lie at most one day apart for exact days, two when either date is
    /// only a publication date (reports trail events).
    pub fn compatible(&self, other: &DateSpan) -> bool {
        let (Some(a0), Some(a1), Some(b0), Some(b1)) = (self.start, self.end, other.start, other.end) else {
            return self.start.is_none() && other.start.is_none();
        };
        let gap = (a0.max(b0) - a1.min(b1)).num_days().max(0);
        let allowed = if self.precision == "published" || other.precision == "published" {
            2
        } else if self.precision == "day" && other.precision == "day" {
            1
        } else {
            0
        };
        gap <= allowed
    }
}

/// Parses a filter date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; `end` picks the
/// last day of a month or year rather than the first.
pub(crate) fn parse_filter_date(value: &str, end: bool) -> Option<NaiveDate> {
    let v = value.trim();
    if v.len() == 10 {
        return NaiveDate::parse_from_str(v, "%Y-%m-%d").ok();
    }
    if !(v.len() == 4 || v.len() == 7) || !v.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return None;
    }
    let (_, start, stop) = parse_value(v)?;
    Some(if end { stop } else { start })
}

/// `YYYYMMDD` as GDELT's SQLDATE.
pub(crate) fn sqldate(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// GDELT's FractionDate: year plus the share of the year elapsed.
pub(crate) fn fraction_date(d: NaiveDate) -> String {
    let days = if NaiveDate::from_ymd_opt(d.year(), 2, 29).is_some() { 366.0 } else { 365.0 };
    format!("{:.4}", f64::from(d.year()) + f64::from(d.ordinal0()) / days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn precisions() {
        let s = DateSpan::of_event(Some("2024-03-05"), None);
        assert_eq!((s.precision, s.start, s.end), ("day", Some(d("2024-03-05")), Some(d("2024-03-05"))));
        let m = DateSpan::of_event(Some("2024-02"), None);
        assert_eq!((m.precision, m.end), ("month", Some(d("2024-02-29"))));
        assert_eq!(DateSpan::of_event(Some("2024-W10"), None).start, Some(d("2024-03-04")));
        assert_eq!(DateSpan::of_event(Some("2023-WI"), None).end, Some(d("2024-02-29")));
        assert_eq!(DateSpan::of_event(Some("199X"), None).precision, "decade");
        let r = DateSpan::of_event(Some("2024-03-01/2024-03-04"), None);
        assert_eq!((r.precision, r.end), ("range", Some(d("2024-03-04"))));
        let p = DateSpan::of_event(Some("PRESENT_REF"), Some(d("2024-01-01")));
        assert_eq!(p.precision, "published");
        assert_eq!(DateSpan::of_event(None, None).precision, "unknown");
        assert_eq!(DateSpan::of_event(Some("2024-13-45"), None).precision, "unknown");
    }

    #[test]
    fn compatibility_is_precision_aware() {
        let day = |s| DateSpan::of_event(Some(s), None);
        assert!(day("2024-03-05").compatible(&day("2024-03-06")));
        assert!(!day("2024-03-05").compatible(&day("2024-03-07")));
        let published = DateSpan::of_event(None, Some(d("2024-03-07")));
        assert!(day("2024-03-05").compatible(&published));
        assert!(day("2024-03-05").compatible(&day("2024-03")));
        assert!(!day("2024-04-05").compatible(&day("2024-03")));
        let unknown = DateSpan::of_event(None, None);
        assert!(unknown.compatible(&unknown) && !unknown.compatible(&published));
    }

    #[test]
    fn filter_dates() {
        assert_eq!(parse_filter_date("2024-02", true), Some(d("2024-02-29")));
        assert_eq!(parse_filter_date("2024", false), Some(d("2024-01-01")));
        assert_eq!(parse_filter_date("2024-02-30", false), None);
        assert_eq!(parse_filter_date("yesterday", false), None);
        assert_eq!(parse_filter_date("2024-W01", false), None);
        assert_eq!(sqldate(d("2024-03-05")), "20240305");
        assert_eq!(fraction_date(d("2024-01-01")), "2024.0000");
    }
}

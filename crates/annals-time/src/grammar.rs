//! Finding time expressions: a set of regular-expression rules, each turning
//! its match into an unresolved [`Expr`].
//!
//! Written by hand rather than taken from `duckling` because news needs what
//! duckling drops: early/mid/late, decades, quarters, past-leaning resolution,
//! and spans that follow TimeML (no leading preposition). The `regex` crate
//! matches in linear time, so every rule is linear in the text length.

use once_cell::sync::Lazy;
use regex::{Captures, Regex};

/// Where within a period the expression points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modifier {
    /// "early 2019", "the beginning of the year"
    Early,
    /// "mid-2019", "the middle of the month"
    Mid,
    /// "late 2019", "the end of the year"
    Late,
    /// "the coming weeks": a range of rough extent
    Approx,
}

impl Modifier {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Modifier::Early => "early",
            Modifier::Mid => "mid",
            Modifier::Late => "late",
            Modifier::Approx => "approx",
        }
    }
}

/// A calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Which occurrence of a named period: "last April", "this week", "next year".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rel {
    /// No word: direction comes from tense.
    Bare,
    Last,
    This,
    Next,
}

/// Part of a day, TimeML style (`TMO`, `TAF`, `TEV`, `TNI`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl DayPart {
    pub(crate) fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "TMO",
            DayPart::Afternoon => "TAF",
            DayPart::Evening => "TEV",
            DayPart::Night => "TNI",
        }
    }
}

/// An expression as found, before it is placed on the calendar.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A day: "March 3", "March 3, 2019", "2019-03-03"; `year` is `None` when not given.
    Date { year: Option<i32>, month: u32, day: u32 },
    /// Days of one month, or across two: "June 14-15", "June 30 to July 2".
    DayRange { year: Option<i32>, month: u32, day: u32, month2: u32, day2: u32 },
    /// A month: "January 2019", "in March", "last April".
    Month { year: Option<i32>, month: u32, rel: Rel, modifier: Option<Modifier> },
    /// A year: "2019", "late 2019".
    Year { year: i32, modifier: Option<Modifier> },
    /// Years from..to: "2019-2020", "between 1990 and 1995".
    YearRange { from: i32, to: i32 },
    /// From a year until the anchor: "since 2014".
    Since { year: i32 },
    /// A decade (`decade` = year / 10): "the 1990s".
    Decade { decade: i32, modifier: Option<Modifier> },
    /// A century, counted as `19` for the 1900s: "the 20th century".
    Century { hundreds: i32 },
    /// A quarter: "the third quarter", "Q3 2019", "last quarter".
    Quarter { q: Option<u32>, year: Option<i32>, rel: Rel },
    /// A half year: "the first half of 2019".
    Half { h: u32, year: Option<i32>, rel: Rel },
    /// A season: "last summer", "winter 2019".
    Season { season: u32, year: Option<i32>, rel: Rel, modifier: Option<Modifier> },
    /// "today", "yesterday", "tomorrow": days from the anchor.
    DayWord { offset: i64, part: Option<DayPart> },
    /// "Tuesday", "last Friday", "Sunday night"; `weekday` 0 = Monday.
    Weekday { weekday: u32, rel: Rel, part: Option<DayPart> },
    /// "this week", "last month", "next year", "early next year", "the weekend".
    UnitRel { unit: Unit, offset: i64, modifier: Option<Modifier>, weekend: bool },
    /// Counted from the anchor (publication): "two days ago", "three weeks from now".
    Ago { n: i64, unit: Unit },
    /// Counted from the last date mentioned: "two days later", "the following day", "a year earlier".
    Shift { n: i64, unit: Unit },
    /// A rough stretch before or after the anchor: "the coming weeks", "recent months".
    Around { unit: Unit, forward: bool },
    /// A length of time: "five years", "the past two months"; `n` is `None` for "several".
    Duration { n: Option<i64>, unit: Unit },
    /// A clock time: "3 p.m.", "10:30 am".
    Clock { hour: u32, minute: u32 },
}

/// One expression found in a text: byte offsets and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The unresolved expression.
    pub expr: Expr,
}

const MONTHS: &str = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
const WEEKDAYS: &str = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thu|Fri|Sat|Sun";
const NUMBER_WORDS: &str = r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?:one|two|three|four|five|six|seven|eight|nine)|several|a\s+few|few|a\s+couple\s+of|couple\s+of|many|some";
const UNITS: &str = r"minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)";
const YEAR: &str = r"(?:1[6-9]|20)\d\d";
const PARTS: &str = r"morning|afternoon|evening|night";
const MODS: &str = r"early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+turn\s+of|end|start";

type Build = fn(&str, &Captures) -> Option<Expr>;

struct Rule {
    regex: Regex,
    build: Build,
}

fn rule(pattern: &str, build: Build) -> Rule {
    // Word boundaries are ASCII ones: the regex crate's fast DFAs give up on a
    // Unicode `\b` as soon as the text holds a non-ASCII byte (a curly quote or
    // a dash in nearly every news article) and fall back to engines several
    // times slower; the words these rules look for are all ASCII.
    let pattern = pattern.replace(r"\b", r"(?-u:\b)");
    Rule { regex: Regex::new(&format!("(?i){pattern}")).expect("time rule compiles"), build }
}

static RULES: Lazy<Vec<Rule>> = Lazy::new(|| {
    let mon = |name: &str| format!(r"(?P<{name}>(?:{MONTHS})\b\.?)");
    let day = |name: &str| format!(r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?\b");
    let wd = format!(r"(?:(?:{WEEKDAYS})\b\.?,?\s+(?:the\s+)?)?");
    vec![
        // 2019-03-03, 2019/03/03
        rule(r"\b(?P<y>\d{4})[-/](?P<m>\d{2})[-/](?P<d>\d{2})\b", build_iso),
        // 3/6/2019 (US order)
        rule(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})\b", build_numeric),
        // (Tuesday,) March 3(-5)(, 2019)
        rule(
            &format!(
                r"{wd}{m}\s*{d}(?:\s*(?:-|–|to|through|until|and)\s*(?:{m2}\s*)?{d2})?(?:,?\s+(?P<y>{YEAR})\b)?",
                m = mon("m"),
                d = day("d"),
                m2 = mon("m2"),
                d2 = day("d2")
            ),
            build_mdy,
        ),
        // (Tuesday,) (the) 3(-5) (of) March(, 2019)
        rule(
            &format!(
                r"\b{wd}{d}(?:\s*(?:-|–)\s*{d2})?\s+(?:of\s+)?{m}(?:,?\s+(?P<y>{YEAR})\b)?",
                d = day("d"),
                d2 = day("d2"),
                m = mon("m")
            ),
            build_dmy,
        ),
        // (early) March (of) 2019
        rule(&format!(r"(?:\b(?P<mod>{MODS})[\s-]+)?{m},?\s+(?:of\s+)?(?P<y>{YEAR})\b", m = mon("m")), build_month_year),
        // (early) (last) March
        rule(
            &format!(r"(?:\b(?P<mod>{MODS})[\s-]+)?(?:\b(?P<rel>last|this|next|past|coming)\s+)?{m}", m = mon("m")),
            build_month,
        ),
        // 2019-2020, between 1990 and 1995
        rule(&format!(r"\b(?:between\s+)?(?P<y>{YEAR})\s*(?:-|–|to|and|through)\s*(?P<y2>\d{{4}}|\d{{2}})\b"), build_year_range),
        // since 2014
        rule(&format!(r"\bsince\s+(?:(?:early|mid|late)[\s-]+)?(?P<y>{YEAR})\b"), build_since),
        // (late) (fiscal) 2019
        rule(&format!(r"(?:\b(?P<mod>{MODS})[\s-]+)?(?:\bfiscal\s+(?:year\s+)?)?\b(?P<y>{YEAR})\b"), build_year),
        // (the) (late) 1990s, the '90s, the nineties
        rule(
            r"(?:\bthe\s+)?(?:\b(?P<mod>early|mid|late)[\s-]+)?(?:\b(?P<dec>1[6-9]\d|20\d)0'?s\b|'(?P<short>\d)0s\b|\b(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
            build_decade,
        ),
        // the 20th century, the twenty-first century
        rule(
            r"\b(?:the\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|nineteenth|twentieth|twenty[\s-]first)[\s-]+century\b",
            build_century,
        ),
        // the third quarter (of 2019), Q3 2019, third-quarter, the fiscal 2019 first quarter, last quarter
        rule(
            &format!(
                r"(?:\bthe\s+)?(?:\b(?P<rel>last|this|next|current|previous|latest|most\s+recent|past|same|year-earlier|year-ago)\s+)?(?:\bfiscal\s+)?(?:\b(?P<y1>{YEAR})\s+)?(?:\bfiscal\s+)?(?:\b(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+quarter\b|\b(?P<q>Q[1-4])\b|\b(?P<bare>quarter)\b)(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:(?P<y2>{YEAR})\b|(?P<yrel>this|last|next)\s+year\b))?"
            ),
            build_quarter,
        ),
        // the first half of 2019
        rule(
            &format!(
                r"(?:\bthe\s+)?\b(?P<ord>first|second|1st|2nd)[\s-]+half\s+of\s+(?:(?P<y>{YEAR})\b|(?P<yrel>this|last|next|the)\s+year\b)"
            ),
            build_half,
        ),
        // (early) (last) summer (of 2019)
        rule(
            &format!(
                r"(?:\b(?P<mod>early|mid|late)[\s-]+)?(?:\b(?P<rel>last|this|next|past|coming|the)\s+)?\b(?P<s>spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?(?P<y>{YEAR})\b)?"
            ),
            build_season,
        ),
        // today, yesterday morning, tonight, the day before yesterday
        rule(
            &format!(
                r"\b(?:(?P<w>today|tonight|yesterday|tomorrow)(?:\s+(?P<part>{PARTS}))?|(?:the\s+)?day\s+(?P<ba>before\s+yesterday|after\s+tomorrow))\b"
            ),
            build_day_word,
        ),
        // this morning, last night
        rule(&format!(r"\b(?P<rel>this|last)\s+(?P<part>{PARTS})\b"), build_part_of_day),
        // (last) Tuesday (night)
        rule(
            &format!(r"(?:\b(?P<rel>last|this|next|coming|past)\s+)?\b(?P<wd>{WEEKDAYS})(?P<plural>s)?\b(?:\s+(?P<part>{PARTS})\b)?"),
            build_weekday,
        ),
        // (early) this/last/next week|month|year|decade, (the) weekend
        rule(
            r"(?:\b(?P<mod>early|earlier|late|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of)[\s-]+)?(?:\bthe\s+)?\b(?P<rel>this|last|next|current|coming|past)\s+(?P<unit>week|month|year|decade|century|weekend)\b",
            build_unit_rel,
        ),
        // the end of the year, year-end, the weekend
        rule(
            r"\b(?:the\s+(?P<pos>end|beginning|start|middle|turn)\s+of\s+the\s+(?P<unit>year|month|week|decade|century)|(?P<ye>year)[\s-]end|the\s+(?P<we>weekend))\b",
            build_end_of,
        ),
        // two days ago, three weeks from now, two days later, a year earlier
        rule(
            &format!(r"\b(?P<n>{NUMBER_WORDS})[\s-]+(?P<unit>{UNITS})\s+(?P<dir>ago|earlier|later|from\s+now|hence|before|after|previously)\b"),
            build_ago,
        ),
        // year-earlier, year-ago (as in "the year-earlier quarter")
        rule(r"\b(?P<unit>year|month|quarter)[\s-](?P<dir>earlier|ago)\b", build_adjectival_ago),
        // the following day, the next week, the previous year, the same day, the day before
        rule(
            r"\bthe\s+(?:(?P<rel>following|next|previous|preceding|prior|same)\s+(?P<unit>day|week|month|year|morning|afternoon|evening|night)|(?P<unit2>day|week|month|year)\s+(?P<rel2>before|after|earlier))\b|\b(?P<one>a|one)\s+(?P<unit3>day|week|month|year)\s+(?P<rel3>before|after|earlier|later)\b",
            build_following,
        ),
        // the coming weeks, recent months, the next few days, the past several years
        rule(
            r"\b(?:the\s+)?(?P<rel>coming|upcoming|next\s+few|next\s+several|past\s+few|past\s+several|last\s+few|last\s+several|recent)\s+(?P<unit>days|weeks|months|years|decades)\b",
            build_around,
        ),
        // five years, the past two months, two-year, the first nine months
        rule(
            &format!(
                r"(?:\bthe\s+(?:(?:first|last|past|next|previous|final|latest)\s+)?)?\b(?P<n>{NUMBER_WORDS})[\s-]+(?P<unit>{UNITS})\b(?:[\s-]+(?:long|old)\b)?"
            ),
            build_duration,
        ),
        // the past year, the last decade, the past week (a span of one unit up to now)
        rule(r"\b(?:over\s+)?the\s+(?:past|last)\s+(?P<unit>week|month|year|decade|century)\b", build_past_unit),
        // nineteen ninety-six, the year two thousand, two thousand and one (spoken news)
        rule(
            r"\b(?:the\s+year\s+)?(?:(?P<c>nineteen|eighteen)[\s-]+(?P<rest>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|(?P<tt>two\s+thousand)(?:(?:\s+and)?\s+(?P<rest2>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))?)\b",
            build_spoken_year,
        ),
        // that day, that year: the time last mentioned
        rule(r"\b(?:that|the\s+same)\s+(?P<unit>day|week|month|quarter|year)\b", build_that),
        // every week, each year, annually
        rule(
            r"\b(?:(?:every|each|per)\s+(?P<unit>day|week|month|quarter|year)|(?P<adv>daily|weekly|monthly|quarterly|annually|yearly|hourly))\b",
            build_set,
        ),
        // 3 p.m., 10:30 am, noon
        rule(r"\b(?P<h>\d{1,2})(?::(?P<min>\d{2}))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)|\b(?P<noon>noon|midnight)\b", build_clock),
    ]
});

/// Finds every time expression in `text`, longest first, without overlaps.
pub fn find(text: &str) -> Vec<Candidate> {
    let mut all: Vec<(usize, Candidate)> = Vec::new();
    for (priority, rule) in RULES.iter().enumerate() {
        for caps in rule.regex.captures_iter(text) {
            let m = caps.get(0).expect("group 0 always matches");
            if m.as_str().trim().is_empty() {
                continue;
            }
            if let Some(expr) = (rule.build)(text, &caps) {
                let (start, end) = trim_span(text, m.start(), m.end());
                if start < end {
                    all.push((priority, Candidate { start, end, expr }));
                }
            }
        }
    }
    // Longest match wins; among equals, the earlier rule.
    all.sort_by(|(pa, a), (pb, b)| (b.end - b.start).cmp(&(a.end - a.start)).then(pa.cmp(pb)).then(a.start.cmp(&b.start)));
    let mut taken: Vec<Candidate> = Vec::new();
    for (_, cand) in all {
        if taken.iter().all(|t| cand.end <= t.start || t.end <= cand.start) {
            taken.push(cand);
        }
    }
    taken.sort_by_key(|c| c.start);
    taken
}

/// Drops surrounding spaces and a trailing comma from a match.
fn trim_span(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    start += lead;
    let s = &text[start..end];
    let mut trimmed = s.trim_end().trim_end_matches(',').trim_end();
    // a sentence period after a full month name is not part of it ("in March.")
    if let Some(head) = trimmed.strip_suffix('.') {
        let last = head.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("").to_ascii_lowercase();
        let abbreviation = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "m"].contains(&last.as_str());
        if !abbreviation {
            trimmed = head;
        }
    }
    end = start + trimmed.len();
    (start, end)
}

// ---- helpers ------------------------------------------------------------

fn is_capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

fn month_number(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.').to_ascii_lowercase();
    let n = match s.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn weekday_number(s: &str) -> Option<u32> {
    let s = s.to_ascii_lowercase();
    let n = match s.get(..3)? {
        "mon" => 0,
        "tue" => 1,
        "wed" => 2,
        "thu" => 3,
        "fri" => 4,
        "sat" => 5,
        "sun" => 6,
        _ => return None,
    };
    Some(n)
}

/// A month name must be capitalized ("may" and "march" are also words), and
/// an abbreviation must not be a plain word ("Mar", "Jan" as a name).
fn month_ok(text: &str, caps: &Captures, name: &str) -> Option<u32> {
    let m = caps.name(name)?;
    let word = m.as_str();
    if !is_capitalized(word) || is_all_caps_word(text, m.start(), m.end()) && word.len() <= 3 {
        return None;
    }
    month_number(word)
}

fn is_all_caps_word(text: &str, start: usize, end: usize) -> bool {
    text[start..end].chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
}

fn modifier(s: Option<&str>) -> Option<Modifier> {
    let s = s?.to_ascii_lowercase();
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match s.as_str() {
        "early" | "earlier" | "the beginning of" | "the start of" | "start" | "the turn of" => Modifier::Early,
        "mid" | "the middle of" => Modifier::Mid,
        "late" | "later" | "the end of" | "end" => Modifier::Late,
        _ => return None,
    })
}

fn relation(s: Option<&str>) -> Rel {
    match s.map(|s| s.to_ascii_lowercase()).as_deref() {
        Some("last" | "past" | "previous") => Rel::Last,
        Some("this" | "current") => Rel::This,
        Some("next" | "coming") => Rel::Next,
        _ => Rel::Bare,
    }
}

/// Parses a count word: digits, "two", "twenty-four", "a"; `Some(None)` for "several".
pub(crate) fn number(s: &str) -> Option<Option<i64>> {
    let s = s.to_ascii_lowercase();
    let s: String = s.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    if let Ok(n) = s.parse::<i64>() {
        return (n < 100_000).then_some(Some(n));
    }
    let unit = |w: &str| -> Option<i64> {
        Some(match w {
            "a" | "an" | "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "thirteen" => 13,
            "fourteen" => 14,
            "fifteen" => 15,
            "sixteen" => 16,
            "seventeen" => 17,
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            "hundred" => 100,
            _ => return None,
        })
    };
    match s.as_str() {
        "several" | "a few" | "few" | "many" | "some" => return Some(None),
        "a couple of" | "couple of" => return Some(Some(2)),
        _ => {}
    }
    let mut total = 0;
    for w in s.split(' ') {
        total += unit(w)?;
    }
    Some(Some(total))
}

fn unit(s: &str) -> Option<Unit> {
    let s = s.to_ascii_lowercase();
    Some(match s.trim_end_matches('s') {
        "minute" => Unit::Minute,
        "hour" => Unit::Hour,
        "day" | "morning" | "afternoon" | "evening" | "night" => Unit::Day,
        "week" | "weekend" | "fortnight" => Unit::Week,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" | "centurie" => Unit::Century,
        _ => return None,
    })
}

fn year_of(caps: &Captures, name: &str) -> Option<i32> {
    caps.name(name)?.as_str().parse().ok()
}

/// The word just before byte `at`, lower-cased.
fn word_before(text: &str, at: usize) -> String {
    let head = text[..at].trim_end();
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric() && c != '\'')
        .map_or(0, |(i, c)| i + c.len_utf8());
    head[start..].to_ascii_lowercase()
}

/// The word just after byte `at`, as written.
fn word_after(text: &str, at: usize) -> &str {
    let tail = text[at..].trim_start();
    let end = tail.find(|c: char| !c.is_alphanumeric()).unwrap_or(tail.len());
    &tail[..end]
}

// ---- builders -----------------------------------------------------------

fn valid_day(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

fn build_iso(_: &str, c: &Captures) -> Option<Expr> {
    let year = year_of(c, "y")?;
    let month: u32 = c["m"].parse().ok()?;
    let day: u32 = c["d"].parse().ok()?;
    (valid_day(month, day) && (1600..2200).contains(&year)).then_some(Expr::Date { year: Some(year), month, day })
}

fn build_numeric(_: &str, c: &Captures) -> Option<Expr> {
    let mut year: i32 = c["y"].parse().ok()?;
    if year < 100 {
        year += if year < 50 { 2000 } else { 1900 };
    }
    let month: u32 = c["m"].parse().ok()?;
    let day: u32 = c["d"].parse().ok()?;
    valid_day(month, day).then_some(Expr::Date { year: Some(year), month, day })
}

/// The month, day and optional year of a day-of-month match ("May 3", "3 May 2020").
fn month_day_year(text: &str, c: &Captures) -> Option<(u32, u32, Option<i32>)> {
    let month = month_ok(text, c, "m")?;
    let day: u32 = c["d"].parse().ok()?;
    valid_day(month, day).then(|| (month, day, year_of(c, "y")))
}

fn build_mdy(text: &str, c: &Captures) -> Option<Expr> {
    let (month, day, year) = month_day_year(text, c)?;
    if let Some(d2) = c.name("d2") {
        let day2: u32 = d2.as_str().parse().ok()?;
        let month2 = if c.name("m2").is_some() { month_ok(text, c, "m2")? } else { month };
        if valid_day(month2, day2) && (month2, day2) > (month, day) {
            return Some(Expr::DayRange { year, month, day, month2, day2 });
        }
        return None;
    }
    Some(Expr::Date { year, month, day })
}

fn build_dmy(text: &str, c: &Captures) -> Option<Expr> {
    let (month, day, year) = month_day_year(text, c)?;
    if let Some(d2) = c.name("d2") {
        let day2: u32 = d2.as_str().parse().ok()?;
        if valid_day(month, day2) && day2 > day {
            return Some(Expr::DayRange { year, month, day, month2: month, day2 });
        }
        return None;
    }
    // "3 May" needs the number to stand alone: not "$3 March" or "1,3 June"
    let start = c.get(0)?.start();
    if text[..start].ends_with(['$', ',', '.']) {
        return None;
    }
    Some(Expr::Date { year, month, day })
}

fn build_month_year(text: &str, c: &Captures) -> Option<Expr> {
    let month = month_ok(text, c, "m")?;
    Some(Expr::Month { year: year_of(c, "y"), month, rel: Rel::Bare, modifier: modifier(c.name("mod").map(|m| m.as_str())) })
}

/// Words after which a bare month name is a date ("in March", "by May").
const MONTH_CONTEXT: &[&str] = &[
    "in", "by", "until", "till", "since", "from", "to", "through", "during", "before", "after", "of", "and", "or",
    "between", "around", "late", "early", "mid", "last", "this", "next", "on", "end", "start", "each", "for", "as",
    "at", "over", "within", "until", "last", "every",
];

fn build_month(text: &str, c: &Captures) -> Option<Expr> {
    let month = month_ok(text, c, "m")?;
    let word = c.name("m")?.as_str();
    let bare = word.trim_end_matches('.');
    if bare.len() <= 4 && !bare.eq_ignore_ascii_case("june") && !bare.eq_ignore_ascii_case("july") && !bare.eq_ignore_ascii_case("may") {
        // abbreviations stand only before a day number
        return None;
    }
    let rel = relation(c.name("rel").map(|m| m.as_str()));
    let modifier = modifier(c.name("mod").map(|m| m.as_str()));
    if rel == Rel::Bare && modifier.is_none() {
        let before = word_before(text, c.get(0)?.start());
        if !MONTH_CONTEXT.contains(&before.as_str()) {
            return None;
        }
        // "May" after "in" can still be a name or the verb ("in May Day"); keep it only before a non-capital word or punctuation
        let after = word_after(text, c.get(0)?.end());
        if (month == 5 || month == 3) && is_capitalized(after) {
            return None;
        }
    }
    Some(Expr::Month { year: None, month, rel, modifier })
}

fn build_year_range(_: &str, c: &Captures) -> Option<Expr> {
    let from = year_of(c, "y")?;
    let raw = &c["y2"];
    let to: i32 = if raw.len() == 2 { from / 100 * 100 + raw.parse::<i32>().ok()? } else { raw.parse().ok()? };
    // "in 1990 and 1991" names two years; only "between 1990 and 1991" is a range
    let whole = c.get(0)?.as_str().to_ascii_lowercase();
    if whole.contains(" and") && !whole.starts_with("between") {
        return None;
    }
    (to > from && to - from < 100).then_some(Expr::YearRange { from, to })
}

fn build_since(_: &str, c: &Captures) -> Option<Expr> {
    Some(Expr::Since { year: year_of(c, "y")? })
}

/// Plural nouns after a number say it is a count, not a year ("2000 troops").
fn looks_like_count(text: &str, end: usize) -> bool {
    let next = word_after(text, end);
    let lower = next.to_ascii_lowercase();
    let rest = &text[end..];
    if rest.starts_with('%') || rest.starts_with(" percent") || rest.starts_with(",0") || rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    lower.len() > 3
        && lower.ends_with('s')
        && !is_capitalized(next)
        && !matches!(lower.as_str(), "was" | "has" | "is" | "as" | "its" | "this" | "thus" | "minus" | "plus" | "versus" | "whereas" | "always" | "elections" | "games" | "olympics")
}

fn build_year(text: &str, c: &Captures) -> Option<Expr> {
    let year = year_of(c, "y")?;
    let m = c.name("y")?;
    let before = &text[..m.start()];
    let mid = before.to_ascii_lowercase().ends_with("mid-");
    if !mid && before.ends_with(['$', '#', '£', '€', '-', '/', '.', ':']) || before.ends_with("No. ") || before.ends_with(", ") && before[..before.len() - 2].ends_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    if looks_like_count(text, m.end()) || text[m.end()..].starts_with(['-', '/']) && text[m.end() + 1..].starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    Some(Expr::Year { year, modifier: modifier(c.name("mod").map(|m| m.as_str())) })
}

fn build_decade(text: &str, c: &Captures) -> Option<Expr> {
    let modifier = modifier(c.name("mod").map(|m| m.as_str()));
    if let Some(d) = c.name("dec") {
        let decade: i32 = d.as_str().parse().ok()?;
        // "1900s" and "2000s" are as often centuries as decades; TimeML reads them as decades too
        let _ = text;
        return Some(Expr::Decade { decade, modifier });
    }
    let digit = if let Some(s) = c.name("short") {
        s.as_str().parse::<i32>().ok()?
    } else {
        match c.name("word")?.as_str().to_ascii_lowercase().as_str() {
            "twenties" => 2,
            "thirties" => 3,
            "forties" => 4,
            "fifties" => 5,
            "sixties" => 6,
            "seventies" => 7,
            "eighties" => 8,
            "nineties" => 9,
            _ => return None,
        }
    };
    // "the nineties" needs "the" or a modifier: "in her forties" is an age
    let whole = c.get(0)?.as_str().to_ascii_lowercase();
    if c.name("word").is_some() && !whole.starts_with("the ") {
        return None;
    }
    if c.name("word").is_some() && word_before(text, c.get(0)?.start()) == "her" {
        return None;
    }
    Some(Expr::Decade { decade: 190 + digit, modifier })
}

fn build_century(_: &str, c: &Captures) -> Option<Expr> {
    let ord = c["ord"].to_ascii_lowercase();
    let n: i32 = match ord.as_str() {
        "nineteenth" => 19,
        "twentieth" => 20,
        o if o.starts_with("twenty") => 21,
        o => o.trim_end_matches(|ch: char| ch.is_alphabetic()).parse().ok()?,
    };
    (1..=22).contains(&n).then_some(Expr::Century { hundreds: n - 1 })
}

fn build_quarter(text: &str, c: &Captures) -> Option<Expr> {
    let q = match c.name("ord").map(|m| m.as_str().to_ascii_lowercase()) {
        Some(o) => Some(match o.as_str() {
            "first" | "1st" => 1,
            "second" | "2nd" => 2,
            "third" | "3rd" => 3,
            "fourth" | "4th" | "final" => 4,
            _ => return None,
        }),
        None => c.name("q").and_then(|m| m.as_str()[1..].parse().ok()),
    };
    let rel_word = c.name("rel").map(|m| m.as_str().to_ascii_lowercase());
    let whole = c.get(0)?;
    if c.name("q").is_some() && !is_capitalized(c.name("q")?.as_str()) {
        return None;
    }
    if q.is_none() {
        // bare "quarter" is a date only as "the quarter", "last quarter", ...: not "a quarter of"
        if !whole.as_str().to_ascii_lowercase().starts_with("the") && rel_word.is_none() {
            return None;
        }
        let after = word_after(text, whole.end()).to_ascii_lowercase();
        if after == "of" && c.name("y2").is_none() && c.name("yrel").is_none() || text[whole.end()..].starts_with('-') {
            return None;
        }
    }
    let mut year = year_of(c, "y1").or_else(|| year_of(c, "y2"));
    let mut rel = match rel_word.as_deref() {
        Some("last" | "previous" | "past") => Rel::Last,
        Some("next") => Rel::Next,
        Some("this" | "current") => Rel::This,
        Some("latest" | "most recent") => Rel::Last,
        _ => Rel::Bare,
    };
    if let Some(y) = c.name("yrel") {
        // "the first quarter of next year": the year is relative, the quarter fixed
        rel = match y.as_str().to_ascii_lowercase().as_str() {
            "last" => Rel::Last,
            "next" => Rel::Next,
            _ => Rel::This,
        };
        if q.is_none() {
            return None;
        }
        year = None;
        return Some(Expr::Quarter { q, year, rel: year_rel_marker(rel) });
    }
    if matches!(rel_word.as_deref(), Some("year-earlier" | "year-ago")) {
        return Some(Expr::Shift { n: -1, unit: Unit::Year });
    }
    if matches!(rel_word.as_deref(), Some("same")) {
        return Some(Expr::Shift { n: 0, unit: Unit::Quarter });
    }
    Some(Expr::Quarter { q, year, rel })
}

/// Quarters of "this/last/next year" are marked with a shifted relation so the
/// resolver knows the year is relative: `This` → fixed quarter of the anchor year.
fn year_rel_marker(rel: Rel) -> Rel {
    match rel {
        Rel::Last => Rel::Last,
        Rel::Next => Rel::Next,
        _ => Rel::This,
    }
}

fn build_half(_: &str, c: &Captures) -> Option<Expr> {
    let h = match c["ord"].to_ascii_lowercase().as_str() {
        "first" | "1st" => 1,
        _ => 2,
    };
    let rel = match c.name("yrel").map(|m| m.as_str().to_ascii_lowercase()).as_deref() {
        Some("last") => Rel::Last,
        Some("next") => Rel::Next,
        Some(_) => Rel::This,
        None => Rel::Bare,
    };
    Some(Expr::Half { h, year: year_of(c, "y"), rel })
}

fn build_season(text: &str, c: &Captures) -> Option<Expr> {
    let season = match c["s"].to_ascii_lowercase().as_str() {
        "spring" => 1,
        "summer" => 2,
        "autumn" | "fall" => 3,
        _ => 4,
    };
    let year = year_of(c, "y");
    let rel_word = c.name("rel").map(|m| m.as_str().to_ascii_lowercase());
    let modifier = modifier(c.name("mod").map(|m| m.as_str()));
    let end = c.get(0)?.end();
    let after = word_after(text, end).to_ascii_lowercase();
    if year.is_none() {
        match rel_word.as_deref() {
            None if modifier.is_none() => {
                let before = word_before(text, c.get(0)?.start());
                if season == 3 || !matches!(before.as_str(), "in" | "during" | "over" | "by" | "until" | "since" | "through" | "this") {
                    return None;
                }
            }
            Some("the") => {
                // "the fall of Kabul", "the summer camp": only "the summer" followed by punctuation or a preposition
                if after == "of" || season == 3 || text[end..].trim_start().starts_with(|ch: char| ch.is_alphanumeric()) && !matches!(after.as_str(), "and" | "when" | "before" | "after") {
                    return None;
                }
            }
            _ => {}
        }
    }
    let rel = match rel_word.as_deref() {
        Some("the") | None => Rel::Bare,
        Some(w) => relation(Some(w)),
    };
    Some(Expr::Season { season, year, rel, modifier })
}

fn part(s: Option<&str>) -> Option<DayPart> {
    Some(match s?.to_ascii_lowercase().as_str() {
        "morning" => DayPart::Morning,
        "afternoon" => DayPart::Afternoon,
        "evening" => DayPart::Evening,
        _ => DayPart::Night,
    })
}

fn build_day_word(_: &str, c: &Captures) -> Option<Expr> {
    if let Some(ba) = c.name("ba") {
        let offset = if ba.as_str().to_ascii_lowercase().starts_with("before") { -2 } else { 2 };
        return Some(Expr::DayWord { offset, part: None });
    }
    let w = c["w"].to_ascii_lowercase();
    let (offset, default_part) = match w.as_str() {
        "today" => (0, None),
        "tonight" => (0, Some(DayPart::Night)),
        "yesterday" => (-1, None),
        _ => (1, None),
    };
    Some(Expr::DayWord { offset, part: part(c.name("part").map(|m| m.as_str())).or(default_part) })
}

fn build_part_of_day(_: &str, c: &Captures) -> Option<Expr> {
    let p = part(c.name("part").map(|m| m.as_str()))?;
    let offset = if c["rel"].eq_ignore_ascii_case("last") { if p == DayPart::Night || p == DayPart::Evening { -1 } else { return None } } else { 0 };
    Some(Expr::DayWord { offset, part: Some(p) })
}

fn build_weekday(text: &str, c: &Captures) -> Option<Expr> {
    let m = c.name("wd")?;
    if !is_capitalized(m.as_str()) || c.name("plural").is_some() {
        return None;
    }
    // Abbreviations ("Sun", "Wed") stand alone too rarely and clash with names; they count only before a date
    if m.as_str().len() < 6 {
        return None;
    }
    let weekday = weekday_number(m.as_str())?;
    let _ = text;
    Some(Expr::Weekday { weekday, rel: relation(c.name("rel").map(|m| m.as_str())), part: part(c.name("part").map(|m| m.as_str())) })
}

fn build_unit_rel(_: &str, c: &Captures) -> Option<Expr> {
    let unit_word = c["unit"].to_ascii_lowercase();
    let rel_word = c["rel"].to_ascii_lowercase();
    let unit = unit(&unit_word)?;
    let whole = c.get(0)?.as_str().to_ascii_lowercase();
    if rel_word == "past" || rel_word == "coming" && whole.contains("the ") {
        // "the past year" is a stretch of time, handled as a duration
        if rel_word == "past" {
            return None;
        }
    }
    let offset = match rel_word.as_str() {
        "last" => -1,
        "next" | "coming" => 1,
        _ => 0,
    };
    if rel_word == "last" && whole.contains("the last") {
        return None;
    }
    let modifier = match c.name("mod").map(|m| m.as_str().to_ascii_lowercase()) {
        // "earlier this month" and "later this year" point into the period without narrowing it
        Some(m) if m == "earlier" || m == "later" || m.starts_with("the rest") => None,
        m => modifier(m.as_deref()),
    };
    Some(Expr::UnitRel { unit, offset, modifier, weekend: unit_word == "weekend" })
}

fn build_end_of(_: &str, c: &Captures) -> Option<Expr> {
    if c.name("we").is_some() {
        return Some(Expr::UnitRel { unit: Unit::Week, offset: 0, modifier: None, weekend: true });
    }
    if c.name("ye").is_some() {
        return Some(Expr::UnitRel { unit: Unit::Year, offset: 0, modifier: Some(Modifier::Late), weekend: false });
    }
    let unit = unit(&c["unit"])?;
    let modifier = modifier(Some(&format!("the {} of", c["pos"].to_ascii_lowercase())));
    Some(Expr::UnitRel { unit, offset: 0, modifier, weekend: false })
}

fn build_ago(text: &str, c: &Captures) -> Option<Expr> {
    let n = number(&c["n"])?;
    let unit = unit(&c["unit"])?;
    let dir = c["dir"].to_ascii_lowercase();
    let dir: String = dir.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(n) = n else {
        // "several years ago" has no calendar value; keep it as a duration
        return Some(Expr::Duration { n: None, unit });
    };
    // "90 days after the vote": counted from an event, so only the length is known
    if matches!(dir.as_str(), "before" | "after") && text[c.get(0)?.end()..].starts_with(|ch: char| ch == ' ' || ch.is_alphanumeric()) {
        return None;
    }
    Some(match dir.as_str() {
        "ago" => Expr::Ago { n: -n, unit },
        "from now" | "hence" => Expr::Ago { n, unit },
        "earlier" | "before" | "previously" => Expr::Shift { n: -n, unit },
        _ => Expr::Shift { n, unit },
    })
}

fn build_adjectival_ago(_: &str, c: &Captures) -> Option<Expr> {
    let unit = unit(&c["unit"])?;
    Some(if c["dir"].eq_ignore_ascii_case("ago") { Expr::Ago { n: -1, unit } } else { Expr::Shift { n: -1, unit } })
}

fn build_following(_: &str, c: &Captures) -> Option<Expr> {
    let (rel, unit_word) = if let Some(r) = c.name("rel") {
        (r.as_str().to_ascii_lowercase(), c["unit"].to_ascii_lowercase())
    } else if let Some(r) = c.name("rel2") {
        (r.as_str().to_ascii_lowercase(), c["unit2"].to_ascii_lowercase())
    } else {
        (c["rel3"].to_ascii_lowercase(), c["unit3"].to_ascii_lowercase())
    };
    let unit = unit(&unit_word)?;
    let n = match rel.as_str() {
        "following" | "next" | "after" | "later" => 1,
        "same" => 0,
        _ => -1,
    };
    Some(Expr::Shift { n, unit })
}

fn build_around(_: &str, c: &Captures) -> Option<Expr> {
    let unit = unit(&c["unit"])?;
    let rel = c["rel"].to_ascii_lowercase();
    let forward = rel.starts_with("coming") || rel.starts_with("upcoming") || rel.starts_with("next");
    Some(Expr::Around { unit, forward })
}

fn build_duration(text: &str, c: &Captures) -> Option<Expr> {
    let n = number(&c["n"])?;
    let unit_word = c["unit"].to_ascii_lowercase();
    let unit = unit(&unit_word)?;
    // "some days", "many years" say too little to be worth a value
    if matches!(c["n"].to_ascii_lowercase().as_str(), "some" | "many") {
        return None;
    }
    // "a years" is not English: a count of one takes the singular
    if n == Some(1) && unit_word.ends_with('s') && unit_word != "centuries" && !c["n"].chars().all(|ch| ch.is_ascii_digit()) {
        return None;
    }
    let _ = text;
    Some(Expr::Duration { n, unit })
}

fn build_spoken_year(text: &str, c: &Captures) -> Option<Expr> {
    let whole = c.get(0)?.as_str().to_ascii_lowercase();
    let year = if let Some(century) = c.name("c") {
        let hundreds = if century.as_str().eq_ignore_ascii_case("nineteen") { 1900 } else { 1800 };
        hundreds + number(&c["rest"])??
    } else {
        let rest = c.name("rest2").map_or(Some(Some(0)), |r| number(r.as_str()))??;
        // "two thousand" alone is a count unless it is "the year two thousand"
        if c.name("rest2").is_none() && !whole.starts_with("the year") {
            return None;
        }
        2000 + rest
    };
    // "nineteen twenty" could start "nineteen twenty-year-olds": refuse when a count noun follows
    if looks_like_count(text, c.get(0)?.end()) {
        return None;
    }
    Some(Expr::Year { year: year as i32, modifier: None })
}

fn build_that(_: &str, c: &Captures) -> Option<Expr> {
    Some(Expr::Shift { n: 0, unit: unit(&c["unit"])? })
}

fn build_set(_: &str, c: &Captures) -> Option<Expr> {
    let u = match c.name("adv").map(|m| m.as_str().to_ascii_lowercase()) {
        Some(a) => match a.as_str() {
            "daily" => Unit::Day,
            "weekly" => Unit::Week,
            "monthly" => Unit::Month,
            "quarterly" => Unit::Quarter,
            "hourly" => Unit::Hour,
            _ => Unit::Year,
        },
        None => unit(&c["unit"])?,
    };
    // TimeML writes a set ("every year") with the period of its recurrence
    Some(Expr::Duration { n: Some(1), unit: u })
}

fn build_past_unit(_: &str, c: &Captures) -> Option<Expr> {
    Some(Expr::Duration { n: Some(1), unit: unit(&c["unit"])? })
}

fn build_clock(_: &str, c: &Captures) -> Option<Expr> {
    if let Some(n) = c.name("noon") {
        let hour = if n.as_str().eq_ignore_ascii_case("noon") { 12 } else { 24 };
        return Some(Expr::Clock { hour, minute: 0 });
    }
    let mut hour: u32 = c["h"].parse().ok()?;
    let minute: u32 = c.name("min").map_or(Some(0), |m| m.as_str().parse().ok())?;
    if !(1..=12).contains(&hour) || minute > 59 {
        return None;
    }
    let pm = c["ap"].to_ascii_lowercase().starts_with('p');
    if pm && hour < 12 {
        hour += 12;
    } else if !pm && hour == 12 {
        hour = 0;
    }
    Some(Expr::Clock { hour, minute })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exprs(text: &str) -> Vec<(String, Expr)> {
        find(text).into_iter().map(|c| (text[c.start..c.end].to_string(), c.expr)).collect()
    }

    #[test]
    fn dates_and_ranges() {
        let found = exprs("The summit on November 28 follows talks on June 14-15, 2019 and a vote on 3 March.");
        assert_eq!(found[0], ("November 28".into(), Expr::Date { year: None, month: 11, day: 28 }));
        assert_eq!(found[1], ("June 14-15, 2019".into(), Expr::DayRange { year: Some(2019), month: 6, day: 14, month2: 6, day2: 15 }));
        assert_eq!(found[2], ("3 March".into(), Expr::Date { year: None, month: 3, day: 3 }));
    }

    #[test]
    fn month_words_need_context() {
        assert!(exprs("You may march on.").is_empty());
        assert!(exprs("May said the plan would work.").is_empty());
        assert_eq!(exprs("It rained in May.")[0].0, "May");
    }

    #[test]
    fn years_not_counts() {
        assert!(exprs("Police deployed 2000 officers.").is_empty());
        assert_eq!(exprs("In 2019 he left.")[0].1, Expr::Year { year: 2019, modifier: None });
        assert_eq!(exprs("elections due in late 2020")[0], ("late 2020".into(), Expr::Year { year: 2020, modifier: Some(Modifier::Late) }));
    }

    #[test]
    fn relative_and_durations() {
        let found = exprs("Two days later, the talks resumed after five years of war; the 1990s were calm.");
        assert_eq!(found[0].1, Expr::Shift { n: 2, unit: Unit::Day });
        assert_eq!(found[1], ("five years".into(), Expr::Duration { n: Some(5), unit: Unit::Year }));
        assert_eq!(found[2], ("the 1990s".into(), Expr::Decade { decade: 199, modifier: None }));
    }

    #[test]
    fn quarters() {
        let found = exprs("Profit in the third quarter rose; third-quarter sales and Q4 2019 fell, as in the quarter.");
        assert_eq!(found[0].1, Expr::Quarter { q: Some(3), year: None, rel: Rel::Bare });
        assert_eq!(found[1].0, "third-quarter");
        assert_eq!(found[2].1, Expr::Quarter { q: Some(4), year: Some(2019), rel: Rel::Bare });
        assert_eq!(found[3].0, "the quarter");
    }

    #[test]
    fn word_before_handles_multibyte_punctuation() {
        let text = "the year’s best began";
        assert_eq!(word_before(text, text.find(" began").unwrap()), "best");
        let text = "at the end of “Wild Rose” — began";
        assert_eq!(word_before(text, text.find(" began").unwrap()), "");
        assert_eq!(word_before("“Erdoğan began", "“Erdoğan".len()), "erdoğan");
    }
}

//! Placing expressions on the calendar: anchor, direction and reference time.

use annals_core::Granularity;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::grammar::{DayPart, Expr, Modifier, Rel, Unit};
use crate::tense::Direction;

/// How precisely the anchor is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// The day is known (a publication date, or a full date inferred from the text).
    Day,
    /// Only the year is known: day-relative expressions resolve to that year.
    Year,
}

/// The date that relative expressions count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// The anchor day (mid-year when only the year is known).
    pub date: NaiveDate,
    /// How precise `date` is.
    pub precision: Precision,
    /// True when the anchor was inferred from the text.
    pub inferred: bool,
}

/// A point or period on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cal {
    Day(NaiveDate),
    DayPart(NaiveDate, DayPart),
    Clock(NaiveDate, u32, u32),
    Week(NaiveDate),
    Weekend(NaiveDate),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Season(i32, u32),
    Year(i32),
    Decade(i32),
    Century(i32),
}

impl Cal {
    fn value(&self) -> String {
        match *self {
            Cal::Day(d) => d.format("%Y-%m-%d").to_string(),
            Cal::DayPart(d, p) => format!("{}{}", d.format("%Y-%m-%d"), p.code()),
            Cal::Clock(d, h, m) => format!("{}T{h:02}:{m:02}", d.format("%Y-%m-%d")),
            Cal::Week(d) => {
                let w = d.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Cal::Weekend(d) => {
                let w = d.iso_week();
                format!("{}-W{:02}-WE", w.year(), w.week())
            }
            Cal::Month(y, m) => format!("{y:04}-{m:02}"),
            Cal::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Cal::Half(y, h) => format!("{y:04}-H{h}"),
            Cal::Season(y, s) => format!("{y:04}-{}", ["SP", "SU", "FA", "WI"][(s as usize - 1).min(3)]),
            Cal::Year(y) => format!("{y:04}"),
            Cal::Decade(d) => format!("{d:03}X"),
            Cal::Century(c) => format!("{c:02}XX"),
        }
    }

    fn granularity(&self) -> Granularity {
        match self {
            Cal::Day(_) | Cal::DayPart(..) | Cal::Clock(..) => Granularity::Day,
            Cal::Week(_) | Cal::Weekend(_) => Granularity::Week,
            Cal::Month(..) => Granularity::Month,
            Cal::Quarter(..) | Cal::Half(..) | Cal::Season(..) => Granularity::Season,
            Cal::Year(_) => Granularity::Year,
            Cal::Decade(_) | Cal::Century(_) => Granularity::Decade,
        }
    }

    /// A day inside the period (its first), to count from.
    fn first_day(&self) -> NaiveDate {
        let ymd = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN);
        match *self {
            Cal::Day(d) | Cal::DayPart(d, _) | Cal::Clock(d, ..) | Cal::Week(d) | Cal::Weekend(d) => d,
            Cal::Month(y, m) => ymd(y, m),
            Cal::Quarter(y, q) => ymd(y, (q - 1) * 3 + 1),
            Cal::Half(y, h) => ymd(y, (h - 1) * 6 + 1),
            Cal::Season(y, s) => ymd(y, [3, 6, 9, 12][(s as usize - 1).min(3)]),
            Cal::Year(y) => ymd(y, 1),
            Cal::Decade(d) => ymd(d * 10, 1),
            Cal::Century(c) => ymd(c * 100, 1),
        }
    }
}

/// The outcome of resolving one expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// ISO 8601 / TimeML value.
    pub value: String,
    /// Granularity; `None` for durations.
    pub granularity: Option<Granularity>,
    /// early/mid/late/approx.
    pub modifier: Option<Modifier>,
    /// The point, to anchor later "two days later" on; `None` for durations and ranges.
    pub point: Option<Cal>,
    /// True when the value depends on the anchor (relative expressions).
    pub relative: bool,
}

fn point(cal: Cal, modifier: Option<Modifier>, relative: bool) -> Resolved {
    Resolved { value: cal.value(), granularity: Some(cal.granularity()), modifier, point: Some(cal), relative }
}

fn range(a: String, b: String, modifier: Option<Modifier>, relative: bool) -> Resolved {
    Resolved { value: format!("{a}/{b}"), granularity: Some(Granularity::Range), modifier, point: None, relative }
}

fn add_months(y: i32, m: u32, n: i64) -> (i32, u32) {
    let total = y as i64 * 12 + (m as i64 - 1) + n;
    (total.div_euclid(12) as i32, (total.rem_euclid(12) + 1) as u32)
}

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(n)).unwrap_or(d)
}

fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

/// Season number (1 spring .. 4 winter) and the year it is labelled with (winter: the year of its December).
fn season_of(d: NaiveDate) -> (i32, u32) {
    match d.month() {
        3..=5 => (d.year(), 1),
        6..=8 => (d.year(), 2),
        9..=11 => (d.year(), 3),
        12 => (d.year(), 4),
        _ => (d.year() - 1, 4),
    }
}

fn season_bounds(y: i32, s: u32) -> (NaiveDate, NaiveDate) {
    let start = Cal::Season(y, s).first_day();
    let (ny, nm) = add_months(start.year(), start.month(), 3);
    let end = add_days(NaiveDate::from_ymd_opt(ny, nm, 1).unwrap_or(start), -1);
    (start, end)
}

fn weekday_from(n: u32) -> Weekday {
    match n {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// Shifts a calendar value by `n` units, keeping the precision the unit implies.
fn shift(from: Cal, n: i64, unit: Unit) -> Cal {
    let d = from.first_day();
    match unit {
        // at day precision, "five hours earlier" is still that day
        Unit::Minute => Cal::Day(add_days(d, n / (24 * 60))),
        Unit::Hour => Cal::Day(add_days(d, n / 24)),
        Unit::Day => Cal::Day(add_days(d, n)),
        Unit::Week => Cal::Week(add_days(d, 7 * n)),
        Unit::Month => {
            let (y, m) = add_months(d.year(), d.month(), n);
            Cal::Month(y, m)
        }
        Unit::Quarter => {
            let (y, m) = add_months(d.year(), d.month(), 3 * n);
            Cal::Quarter(y, (m - 1) / 3 + 1)
        }
        Unit::Year => match from {
            // "a year earlier" after "the third quarter" is that quarter a year before
            Cal::Quarter(y, q) => Cal::Quarter(y + n as i32, q),
            Cal::Half(y, h) => Cal::Half(y + n as i32, h),
            Cal::Season(y, s) => Cal::Season(y + n as i32, s),
            Cal::Month(y, m) => Cal::Month(y + n as i32, m),
            _ => Cal::Year(d.year() + n as i32),
        },
        Unit::Decade => Cal::Decade(d.year() / 10 + n as i32),
        Unit::Century => Cal::Century(d.year() / 100 + n as i32),
    }
}

/// The value of a calendar unit containing `d`.
fn unit_containing(d: NaiveDate, unit: Unit) -> Cal {
    match unit {
        Unit::Minute | Unit::Hour | Unit::Day => Cal::Day(d),
        Unit::Week => Cal::Week(d),
        Unit::Month => Cal::Month(d.year(), d.month()),
        Unit::Quarter => Cal::Quarter(d.year(), quarter_of(d)),
        Unit::Year => Cal::Year(d.year()),
        Unit::Decade => Cal::Decade(d.year() / 10),
        Unit::Century => Cal::Century(d.year() / 100),
    }
}

fn duration_value(n: Option<i64>, unit: Unit) -> String {
    let n = |k: i64| n.map_or("X".to_string(), |v| (v * k).to_string());
    match unit {
        Unit::Minute => format!("PT{}M", n(1)),
        Unit::Hour => format!("PT{}H", n(1)),
        Unit::Day => format!("P{}D", n(1)),
        Unit::Week => format!("P{}W", n(1)),
        Unit::Month => format!("P{}M", n(1)),
        Unit::Quarter => format!("P{}Q", n(1)),
        Unit::Year => format!("P{}Y", n(1)),
        Unit::Decade => format!("P{}Y", n(10)),
        Unit::Century => format!("P{}Y", n(100)),
    }
}

/// Chooses among yearly occurrences of a date: latest before, earliest after, or nearest.
fn pick_year<F: Fn(i32) -> Option<NaiveDate>>(anchor: NaiveDate, dir: Direction, at: F) -> Option<i32> {
    let y = anchor.year();
    let options: Vec<(i32, NaiveDate)> = [y - 1, y, y + 1].iter().filter_map(|&yy| at(yy).map(|d| (yy, d))).collect();
    let nearest = options.iter().min_by_key(|(_, d)| (*d - anchor).num_days().abs()).copied();
    let chosen = match dir {
        Direction::Past => options.iter().filter(|(_, d)| *d <= anchor).max_by_key(|(_, d)| *d).copied(),
        Direction::Future => options.iter().filter(|(_, d)| *d >= anchor).min_by_key(|(_, d)| *d).copied(),
        Direction::Unknown => nearest,
    };
    // News speaks of dates without a year near its own date: a tense cue that
    // would send the date more than half a year away, when the other reading is
    // within about three months, is overruled.
    match (chosen, nearest) {
        (Some((_, d)), Some((ny, nd))) if (d - anchor).num_days().abs() > 183 && (nd - anchor).num_days().abs() < 100 => Some(ny),
        (Some((y, _)), _) => Some(y),
        (None, n) => n.map(|(y, _)| y),
    }
}

/// Resolves one expression. `reference` is the last point mentioned before it.
///
/// Returns `None` when the expression cannot be placed (relative, with no anchor).
pub fn resolve(expr: &Expr, anchor: Option<Anchor>, dir: Direction, reference: Option<Cal>) -> Option<Resolved> {
    // Absolute expressions first: they need no anchor.
    match *expr {
        Expr::Date { year: Some(y), month, day } => {
            return NaiveDate::from_ymd_opt(y, month, day).map(|d| point(Cal::Day(d), None, false));
        }
        Expr::DayRange { year: Some(y), month, day, month2, day2 } => {
            let a = NaiveDate::from_ymd_opt(y, month, day)?;
            let b = NaiveDate::from_ymd_opt(y, month2, day2)?;
            return Some(range(Cal::Day(a).value(), Cal::Day(b).value(), None, false));
        }
        Expr::Month { year: Some(y), month, modifier, .. } => return Some(point(Cal::Month(y, month), modifier, false)),
        Expr::Year { year, modifier } => return Some(point(Cal::Year(year), modifier, false)),
        Expr::YearRange { from, to } => return Some(range(format!("{from:04}"), format!("{to:04}"), None, false)),
        Expr::Decade { decade, modifier } => return Some(point(Cal::Decade(decade), modifier, false)),
        Expr::Century { hundreds } => return Some(point(Cal::Century(hundreds), None, false)),
        Expr::Quarter { q: Some(q), year: Some(y), .. } => return Some(point(Cal::Quarter(y, q), None, false)),
        Expr::Half { h, year: Some(y), .. } => return Some(point(Cal::Half(y, h), None, false)),
        Expr::Season { season, year: Some(y), modifier, .. } => return Some(point(Cal::Season(y, season), modifier, false)),
        Expr::Duration { n, unit } => {
            return Some(Resolved { value: duration_value(n, unit), granularity: None, modifier: None, point: None, relative: false })
        }
        _ => {}
    }
    let Some(anchor) = anchor else {
        return unanchored(expr);
    };
    let a = anchor.date;
    let ay = a.year();
    let coarse = anchor.precision == Precision::Year;
    // With only a year known, anything finer than a month collapses to that year.
    let day_level = |cal: Cal| -> Resolved {
        if coarse {
            point(Cal::Year(cal.first_day().year()), None, true)
        } else {
            point(cal, None, true)
        }
    };
    let resolved = match *expr {
        Expr::Date { year: None, month, day } => {
            let y = if coarse { ay } else { pick_year(a, dir, |y| NaiveDate::from_ymd_opt(y, month, day))? };
            point(Cal::Day(NaiveDate::from_ymd_opt(y, month, day)?), None, true)
        }
        Expr::DayRange { year: None, month, day, month2, day2 } => {
            let y = if coarse { ay } else { pick_year(a, dir, |y| NaiveDate::from_ymd_opt(y, month, day))? };
            let first = NaiveDate::from_ymd_opt(y, month, day)?;
            let second = NaiveDate::from_ymd_opt(y, month2, day2)?;
            range(Cal::Day(first).value(), Cal::Day(second).value(), None, true)
        }
        Expr::Month { year: None, month, rel, modifier } => {
            let y = match rel {
                Rel::This => ay,
                Rel::Last => {
                    if month < a.month() {
                        ay
                    } else {
                        ay - 1
                    }
                }
                Rel::Next => {
                    if month > a.month() {
                        ay
                    } else {
                        ay + 1
                    }
                }
                Rel::Bare if coarse || month == a.month() => ay,
                Rel::Bare => {
                    let dir = if dir == Direction::Unknown { Direction::Unknown } else { dir };
                    // compare months by their first days, but count the anchor's own month as both
                    pick_year(a.with_day(1).unwrap_or(a), dir, |y| NaiveDate::from_ymd_opt(y, month, 1))?
                }
            };
            point(Cal::Month(y, month), modifier, true)
        }
        Expr::Since { year } => {
            let end = if coarse { format!("{ay:04}") } else { Cal::Day(a).value() };
            range(format!("{year:04}"), end, None, true)
        }
        Expr::Quarter { q: Some(q), year: None, rel } => {
            let y = match rel {
                Rel::This => ay,
                Rel::Last => ay - 1,
                Rel::Next => ay + 1,
                Rel::Bare => {
                    // the latest such quarter to have begun: results are reported after a quarter ends
                    let y = if Cal::Quarter(ay, q).first_day() > a { ay - 1 } else { ay };
                    let end = add_days(shift(Cal::Quarter(y, q), 1, Unit::Quarter).first_day(), -1);
                    if dir == Direction::Future && (a - end).num_days() > 92 {
                        y + 1
                    } else {
                        y
                    }
                }
            };
            point(Cal::Quarter(y, q), None, true)
        }
        Expr::Quarter { q: None, year: Some(y), .. } => {
            // "the 1988 quarter": the quarter under discussion, in that year
            let q = match reference {
                Some(Cal::Quarter(_, q)) => q,
                _ => quarter_of(shift(Cal::Quarter(ay, quarter_of(a)), -1, Unit::Quarter).first_day()),
            };
            point(Cal::Quarter(y, q), None, true)
        }
        Expr::Quarter { q: None, rel, .. } => {
            let current = Cal::Quarter(ay, quarter_of(a));
            let cal = match rel {
                Rel::This => current,
                Rel::Next => shift(current, 1, Unit::Quarter),
                Rel::Last => shift(current, -1, Unit::Quarter),
                // "the quarter" in a report is the last one completed, unless it is still ahead
                Rel::Bare if dir == Direction::Future => current,
                Rel::Bare => shift(current, -1, Unit::Quarter),
            };
            point(cal, None, true)
        }
        Expr::Half { h, year: None, rel } => {
            let y = match rel {
                Rel::This => ay,
                Rel::Last => ay - 1,
                Rel::Next => ay + 1,
                Rel::Bare if h == 2 && a.month() <= 6 && dir != Direction::Future => ay - 1,
                Rel::Bare => ay,
            };
            point(Cal::Half(y, h), None, true)
        }
        Expr::Season { season, year: None, rel, modifier } => {
            let (cy, cs) = season_of(a);
            let this_year = if season == 4 && a.month() <= 2 { ay - 1 } else { ay };
            let y = match rel {
                Rel::This => {
                    if season == cs {
                        cy
                    } else {
                        this_year
                    }
                }
                Rel::Last => {
                    // the most recent one that has ended
                    let mut y = this_year;
                    while season_bounds(y, season).1 >= a {
                        y -= 1;
                    }
                    y
                }
                Rel::Next => {
                    let mut y = this_year;
                    while season_bounds(y, season).0 <= a {
                        y += 1;
                    }
                    y
                }
                Rel::Bare => match dir {
                    Direction::Past => {
                        let mut y = this_year + 1;
                        while season_bounds(y, season).0 > a {
                            y -= 1;
                        }
                        y
                    }
                    Direction::Future => {
                        let mut y = this_year - 1;
                        while season_bounds(y, season).1 < a {
                            y += 1;
                        }
                        y
                    }
                    Direction::Unknown => this_year,
                },
            };
            point(Cal::Season(y, season), modifier, true)
        }
        Expr::DayWord { offset, part } => {
            let d = add_days(a, offset);
            match part {
                Some(p) if !coarse => point(Cal::DayPart(d, p), None, true),
                _ => day_level(Cal::Day(d)),
            }
        }
        Expr::Weekday { weekday, rel, part } => {
            let target = weekday_from(weekday).num_days_from_monday() as i64;
            let today = a.weekday().num_days_from_monday() as i64;
            let back = (today - target).rem_euclid(7); // days back to the most recent one (0 = today)
            let fwd = (target - today).rem_euclid(7); // days ahead to the next one (0 = today)
            let offset = match rel {
                Rel::Last => -(if back == 0 { 7 } else { back }),
                Rel::Next => {
                    if fwd == 0 {
                        7
                    } else {
                        fwd
                    }
                }
                Rel::This => target - today,
                Rel::Bare => match dir {
                    Direction::Past => -back,
                    Direction::Future => fwd,
                    Direction::Unknown => {
                        if fwd < back {
                            fwd
                        } else {
                            -back
                        }
                    }
                },
            };
            let d = add_days(a, offset);
            match part {
                Some(p) if !coarse => point(Cal::DayPart(d, p), None, true),
                _ => day_level(Cal::Day(d)),
            }
        }
        Expr::UnitRel { unit, offset, modifier, weekend } => {
            if weekend {
                let mut d = add_days(a, 7 * offset);
                // "the weekend" said on a weekday in the past tense is the one just gone
                if offset == 0 && dir == Direction::Past && a.weekday().num_days_from_monday() < 5 {
                    d = add_days(d, -7);
                }
                if coarse {
                    day_level(Cal::Day(d))
                } else {
                    point(Cal::Weekend(d), None, true)
                }
            } else {
                let cal = shift(unit_containing(a, unit), offset, unit);
                let mut r = if matches!(unit, Unit::Day | Unit::Week) { day_level(cal) } else { point(cal, None, true) };
                r.modifier = modifier;
                r
            }
        }
        // "sales rose from a year ago" compares the period under discussion with the same period a year before
        Expr::Ago { n, unit: Unit::Year } if matches!(reference, Some(Cal::Quarter(..) | Cal::Half(..) | Cal::Month(..) | Cal::Season(..))) => {
            point(shift(reference.unwrap_or(Cal::Year(ay)), n, Unit::Year), None, true)
        }
        Expr::Ago { n, unit } => {
            let cal = shift(unit_containing(a, unit), n, unit);
            if matches!(unit, Unit::Day | Unit::Week | Unit::Hour | Unit::Minute) {
                day_level(cal)
            } else {
                point(cal, None, true)
            }
        }
        Expr::Shift { n, unit } => {
            let from = match reference {
                // day shifts need a day to count from
                Some(r) if !matches!(unit, Unit::Day | Unit::Week) || r.granularity() == Granularity::Day => r,
                _ => unit_containing(a, unit),
            };
            let cal = if n == 0 { unit_containing(from.first_day(), unit) } else { shift(from, n, unit) };
            if matches!(unit, Unit::Day | Unit::Week) {
                day_level(cal)
            } else {
                point(cal, None, true)
            }
        }
        Expr::Around { unit, forward } => {
            let (days, cal_unit) = match unit {
                Unit::Day => (10, Unit::Day),
                Unit::Week => (42, Unit::Day),
                Unit::Month => (182, Unit::Month),
                Unit::Year => (3 * 365, Unit::Year),
                _ => (20 * 365, Unit::Year),
            };
            let cal_unit = if coarse { Unit::Year } else { cal_unit };
            let near = unit_containing(a, cal_unit).value();
            let far = unit_containing(add_days(a, if forward { days } else { -days }), cal_unit).value();
            if forward {
                range(near, far, Some(Modifier::Approx), true)
            } else {
                range(far, near, Some(Modifier::Approx), true)
            }
        }
        Expr::Clock { hour, minute } => {
            // the day of the clock is set by the caller from a date of the same sentence, if any
            if coarse {
                day_level(Cal::Day(a))
            } else {
                point(Cal::Clock(a, hour, minute), None, true)
            }
        }
        _ => return None,
    };
    Some(resolved)
}

/// Without any anchor, underspecified dates keep their unknown parts as `X` (TimeML style).
fn unanchored(expr: &Expr) -> Option<Resolved> {
    let value = match *expr {
        Expr::Date { month, day, .. } => format!("XXXX-{month:02}-{day:02}"),
        Expr::Month { month, rel: Rel::Bare, .. } => format!("XXXX-{month:02}"),
        Expr::Quarter { q: Some(q), rel: Rel::Bare, .. } => format!("XXXX-Q{q}"),
        Expr::Weekday { weekday, rel: Rel::Bare, .. } => format!("XXXX-WXX-{}", weekday + 1),
        _ => return None,
    };
    let granularity = match expr {
        Expr::Month { .. } => Granularity::Month,
        Expr::Quarter { .. } => Granularity::Season,
        _ => Granularity::Day,
    };
    Some(Resolved { value, granularity: Some(granularity), modifier: None, point: None, relative: true })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(y: i32, m: u32, d: u32) -> Option<Anchor> {
        Some(Anchor { date: NaiveDate::from_ymd_opt(y, m, d).unwrap(), precision: Precision::Day, inferred: false })
    }

    fn value(expr: Expr, dir: Direction) -> String {
        resolve(&expr, anchor(2020, 1, 6), dir, None).unwrap().value
    }

    #[test]
    fn direction_picks_the_year() {
        let nov28 = Expr::Date { year: None, month: 11, day: 28 };
        assert_eq!(value(nov28.clone(), Direction::Past), "2019-11-28");
        assert_eq!(value(nov28, Direction::Unknown), "2019-11-28");
        assert_eq!(value(Expr::Date { year: None, month: 2, day: 4 }, Direction::Future), "2020-02-04");
    }

    #[test]
    fn weekdays_and_weeks() {
        // 2020-01-06 is a Monday
        let tue = Expr::Weekday { weekday: 1, rel: Rel::Bare, part: None };
        assert_eq!(value(tue.clone(), Direction::Past), "2019-12-31");
        assert_eq!(value(tue, Direction::Future), "2020-01-07");
        assert_eq!(value(Expr::UnitRel { unit: Unit::Week, offset: 1, modifier: None, weekend: false }, Direction::Unknown), "2020-W03");
        assert_eq!(value(Expr::Ago { n: -2, unit: Unit::Day }, Direction::Unknown), "2020-01-04");
    }

    #[test]
    fn seasons_quarters_decades() {
        let last_summer = Expr::Season { season: 2, year: None, rel: Rel::Last, modifier: None };
        assert_eq!(value(last_summer, Direction::Unknown), "2019-SU");
        assert_eq!(value(Expr::Quarter { q: Some(3), year: None, rel: Rel::Bare }, Direction::Past), "2019-Q3");
        assert_eq!(value(Expr::Quarter { q: Some(1), year: None, rel: Rel::Bare }, Direction::Future), "2020-Q1");
        assert_eq!(value(Expr::Decade { decade: 199, modifier: None }, Direction::Unknown), "199X");
    }

    #[test]
    fn shift_from_reference() {
        let reference = Some(Cal::Day(NaiveDate::from_ymd_opt(2019, 11, 28).unwrap()));
        let hours = resolve(&Expr::Shift { n: -5, unit: Unit::Hour }, anchor(2020, 1, 6), Direction::Unknown, reference).unwrap();
        assert_eq!(hours.value, "2019-11-28", "hours move the clock, not the calendar day");
        let r = resolve(&Expr::Shift { n: 2, unit: Unit::Day }, anchor(2020, 1, 6), Direction::Unknown, reference).unwrap();
        assert_eq!(r.value, "2019-11-30");
        let q = Some(Cal::Quarter(1989, 3));
        let r = resolve(&Expr::Shift { n: -1, unit: Unit::Year }, anchor(1989, 10, 20), Direction::Unknown, q).unwrap();
        assert_eq!(r.value, "1988-Q3");
    }

    #[test]
    fn no_anchor_keeps_unknowns() {
        let r = resolve(&Expr::Date { year: None, month: 3, day: 3 }, None, Direction::Unknown, None).unwrap();
        assert_eq!(r.value, "XXXX-03-03");
        assert!(resolve(&Expr::DayWord { offset: -1, part: None }, None, Direction::Unknown, None).is_none());
    }
}

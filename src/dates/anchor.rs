//! Calendar arithmetic and TIMEX3 value formatting: points in time at
//! their granularity (day, week, month, quarter, year, ...), shifting them,
//! finding the weekday or month nearest the publication date in a tense's
//! direction, and moveable holidays.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

/// Which way a bare weekday or month points from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The latest one on or before the anchor.
    Past,
    /// The earliest one on or after the anchor.
    Future,
    /// The nearest one either way.
    Nearest,
}

/// A point in time at some granularity; the last one mentioned anchors
/// expressions like "a year earlier" or "the following day".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    /// A calendar day.
    Day(NaiveDate),
    /// A month of a year.
    Month(i32, u32),
    /// A quarter (1-4) of a year.
    Quarter(i32, u32),
    /// A whole year.
    Year(i32),
}

impl Point {
    /// The TIMEX3 value.
    pub fn value(self) -> String {
        let mut out = String::with_capacity(10);
        self.push_value(&mut out);
        out
    }

    /// Appends the TIMEX3 value to `out`.
    pub fn push_value(self, out: &mut String) {
        match self {
            Point::Day(d) => push_day(out, d),
            Point::Month(y, m) => {
                push_year(out, y);
                out.push('-');
                push_padded(out, m, 2);
            }
            Point::Quarter(y, q) => {
                push_year(out, y);
                out.push_str("-Q");
                push_padded(out, q, 1);
            }
            Point::Year(y) => push_year(out, y),
        }
    }

    /// The year the point falls in.
    pub fn year(self) -> i32 {
        match self {
            Point::Day(d) => d.year(),
            Point::Month(y, _) | Point::Quarter(y, _) | Point::Year(y) => y,
        }
    }

    /// The same point `n` years later (earlier when negative).
    pub fn shift_years(self, n: i32) -> Point {
        match self {
            Point::Day(d) => Point::Day(shift_months(d, 12 * n)),
            Point::Month(y, m) => Point::Month(y + n, m),
            Point::Quarter(y, q) => Point::Quarter(y + n, q),
            Point::Year(y) => Point::Year(y + n),
        }
    }
}

/// Appends `n` in decimal with leading zeros to at least `width` digits,
/// as `format!("{n:0width$}")` would, without the formatting machinery.
pub fn push_padded(out: &mut String, n: u32, width: usize) {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n);
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(digits);
}

/// A four-digit year (BC years are not news).
pub fn year(y: i32) -> String {
    let mut out = String::with_capacity(4);
    push_year(&mut out, y);
    out
}

/// Appends [`year`]'s value to `out`.
pub fn push_year(out: &mut String, y: i32) {
    push_padded(out, y.max(0).unsigned_abs(), 4);
}

/// `YYYY-MM-DD`.
pub fn day(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_day(&mut out, d);
    out
}

/// Appends [`day`]'s value to `out`.
pub fn push_day(out: &mut String, d: NaiveDate) {
    push_year(out, d.year());
    out.push('-');
    push_padded(out, d.month(), 2);
    out.push('-');
    push_padded(out, d.day(), 2);
}

/// ISO week `YYYY-Www`.
pub fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    let mut out = String::with_capacity(8);
    push_year(&mut out, w.year());
    out.push_str("-W");
    push_padded(&mut out, w.week(), 2);
    out
}

/// Shifts by whole months, clamping the day to the month's length.
pub fn shift_months(d: NaiveDate, n: i32) -> NaiveDate {
    let r = if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    };
    r.unwrap_or(d)
}

/// Shifts by days.
pub fn shift_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(n)).unwrap_or(d)
}

/// The quarter (1-4) a month falls in.
pub fn quarter_of(month: u32) -> u32 {
    (month - 1) / 3 + 1
}

/// The quarter `n` quarters after (y, q).
pub fn shift_quarter(y: i32, q: u32, n: i32) -> (i32, u32) {
    let idx = y * 4 + (q as i32 - 1) + n;
    (idx.div_euclid(4), idx.rem_euclid(4) as u32 + 1)
}

fn weekday_of(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// The weekday `wd` (ISO, Monday 1) nearest `anchor` in direction `dir`;
/// the anchor itself counts when it is that weekday.
pub fn weekday_near(anchor: NaiveDate, wd: u32, dir: Direction) -> NaiveDate {
    let have = anchor.weekday().number_from_monday() as i64;
    let back = (have - wd as i64).rem_euclid(7);
    let fwd = (wd as i64 - have).rem_euclid(7);
    match dir {
        Direction::Past => shift_days(anchor, -back),
        Direction::Future => shift_days(anchor, fwd),
        Direction::Nearest if fwd < back => shift_days(anchor, fwd),
        Direction::Nearest => shift_days(anchor, -back),
    }
}

/// The weekday `wd` in the ISO week of `d`.
pub fn weekday_in_week(d: NaiveDate, wd: u32) -> NaiveDate {
    let have = d.weekday().number_from_monday() as i64;
    shift_days(d, wd as i64 - have)
}

/// The year of month `m` (and day `d`, when known) nearest `anchor` in
/// direction `dir`.
pub fn year_for(anchor: NaiveDate, m: u32, d: Option<u32>, dir: Direction) -> i32 {
    let y = anchor.year();
    let key = |yy: i32| (yy, m, d.unwrap_or(1));
    let a = (
        y,
        anchor.month(),
        if d.is_some() { anchor.day() } else { 1 },
    );
    match dir {
        Direction::Past if key(y) > a => y - 1,
        Direction::Future if key(y) < a => y + 1,
        Direction::Past | Direction::Future => y,
        Direction::Nearest => {
            let day = d.unwrap_or(15);
            let distance = |yy: i32| {
                NaiveDate::from_ymd_opt(yy, m, day.min(28))
                    .map_or(i64::MAX, |x| (x - anchor).num_days().abs())
            };
            [y, y - 1, y + 1]
                .into_iter()
                .min_by_key(|&yy| distance(yy))
                .unwrap_or(y)
        }
    }
}

/// The `n`th weekday `wd` of month `m` (n = -1 for the last).
pub fn nth_weekday(y: i32, m: u32, wd: u32, n: i32) -> Option<NaiveDate> {
    if n > 0 {
        NaiveDate::from_weekday_of_month_opt(y, m, weekday_of(wd), n as u8)
    } else {
        let next = if m == 12 {
            NaiveDate::from_ymd_opt(y + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(y, m + 1, 1)?
        };
        Some(weekday_near(shift_days(next, -1), wd, Direction::Past))
    }
}

/// Easter Sunday (Gregorian, anonymous computus).
pub fn easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn weekdays_around_an_anchor() {
        let sat = d(2023, 9, 23);
        assert_eq!(weekday_near(sat, 6, Direction::Past), sat);
        assert_eq!(weekday_near(sat, 4, Direction::Past), d(2023, 9, 21));
        assert_eq!(weekday_near(sat, 4, Direction::Future), d(2023, 9, 28));
        assert_eq!(weekday_near(sat, 1, Direction::Nearest), d(2023, 9, 25));
        assert_eq!(weekday_in_week(sat, 1), d(2023, 9, 18));
    }

    #[test]
    fn values_and_shifts() {
        assert_eq!(week(d(1998, 1, 8)), "1998-W02");
        assert_eq!(week(d(2021, 1, 1)), "2020-W53");
        assert_eq!(shift_quarter(1989, 1, -1), (1988, 4));
        assert_eq!(shift_quarter(1989, 3, -4), (1988, 3));
        assert_eq!(shift_months(d(2023, 3, 31), -1), d(2023, 2, 28));
        assert_eq!(Point::Quarter(1989, 3).shift_years(-1).value(), "1988-Q3");
        assert_eq!(year_for(d(1989, 11, 2), 9, Some(30), Direction::Past), 1989);
        assert_eq!(year_for(d(1989, 2, 2), 11, None, Direction::Past), 1988);
        assert_eq!(year_for(d(1989, 11, 2), 1, None, Direction::Future), 1990);
        assert_eq!(year_for(d(1989, 11, 2), 1, None, Direction::Nearest), 1990);
    }

    #[test]
    fn values_written_as_format_wrote_them() {
        for n in (0..2000).chain([9_999, 10_000, 99_999, 262_143, u32::MAX]) {
            for width in 0..6 {
                let mut out = String::from("x");
                push_padded(&mut out, n, width);
                assert_eq!(out, format!("x{n:0width$}"));
            }
        }
        for y in [
            -262_000, -5, 0, 7, 99, 999, 1_000, 1989, 2024, 9_999, 10_000, 262_000,
        ] {
            assert_eq!(year(y), format!("{:04}", y.max(0)));
            for (m, dd) in [(1, 1), (2, 29), (6, 15), (12, 31)] {
                let Some(date) = NaiveDate::from_ymd_opt(y, m, dd) else {
                    continue;
                };
                let y4 = format!("{:04}", y.max(0));
                assert_eq!(day(date), format!("{y4}-{m:02}-{dd:02}"));
                let w = date.iso_week();
                let wy = format!("{:04}", w.year().max(0));
                assert_eq!(week(date), format!("{wy}-W{:02}", w.week()));
                assert_eq!(Point::Day(date).value(), day(date));
                assert_eq!(Point::Month(y, m).value(), format!("{y4}-{m:02}"));
                assert_eq!(Point::Quarter(y, m).value(), format!("{y4}-Q{m}"));
                assert_eq!(Point::Year(y).value(), y4);
            }
        }
    }

    #[test]
    fn holidays() {
        assert_eq!(easter(2024), Some(d(2024, 3, 31)));
        assert_eq!(easter(1998), Some(d(1998, 4, 12)));
        assert_eq!(nth_weekday(1989, 11, 4, 4), Some(d(1989, 11, 23)));
        assert_eq!(nth_weekday(2023, 5, 1, -1), Some(d(2023, 5, 29)));
    }
}

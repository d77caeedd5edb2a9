//! Reading numbers, units, days and years out of an expression's words,
//! and formatting TIMEX3 values: durations (`P3D`, `PT5H30M`, `PXY`),
//! points at a unit's granularity (`1998-W02`, `1989-Q3`) and partial
//! dates (`XXXX-09-23`).

use chrono::{Datelike, NaiveDate};

use super::{
    anchor::{self, Point},
    context::Word,
    lexicon::{self, Unit},
};

pub(super) fn day_of(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

pub(super) fn year_of(w: &str) -> Option<i32> {
    if let Some(two) = w.strip_prefix('\'') {
        let n: i32 = two.parse().ok()?;
        return (two.len() == 2).then_some(if n < 30 { 2000 + n } else { 1900 + n });
    }
    if w.len() == 4 {
        let n: i32 = w.parse().ok()?;
        return (1000..=2199).contains(&n).then_some(n);
    }
    None
}

/// The year named in a word list, if any.
pub(super) fn explicit_year(ws: &[Word]) -> Option<i32> {
    ws.iter().find_map(|w| year_of(w))
}

pub(super) fn no_year(m: u32, d: Option<u32>) -> String {
    let mut out = String::with_capacity(10);
    out.push_str("XXXX-");
    anchor::push_padded(&mut out, m, 2);
    if let Some(d) = d {
        out.push('-');
        anchor::push_padded(&mut out, d, 2);
    }
    out
}

pub(super) fn point_md(y: i32, m: u32, d: Option<u32>) -> (String, Option<Point>) {
    let p = match d {
        Some(d) => match NaiveDate::from_ymd_opt(y, m, d) {
            Some(date) => Point::Day(date),
            None => return (format!("{}-{m:02}-{d:02}", anchor::year(y)), None),
        },
        None => Point::Month(y, m),
    };
    (p.value(), Some(p))
}

pub(super) fn number_value(ws: &[Word]) -> Option<f64> {
    // "2 1/2" and "2.5"
    let mut total: Option<f64> = None;
    let mut i = 0;
    while i < ws.len() {
        let w = ws[i].as_str();
        if (w == "a" || w == "an")
            && ws
                .get(i + 1)
                .is_some_and(|n| lexicon::number(n).is_some() || n == "half")
        {
            i += 1;
            continue;
        }
        if w == "1/2" {
            total = Some(total.unwrap_or(0.0) + 0.5);
        } else if let Ok(x) = parse_count(w) {
            total = Some(total.unwrap_or(0.0) + x);
        } else if w == "half" && total.is_some() {
            total = total.map(|t| t + 0.5);
        } else if let Some(n) = lexicon::number(w) {
            let n = n as f64;
            total = Some(match total {
                Some(t) if n == 100.0 || n == 1000.0 => t * n,
                Some(t) if w == "dozen" => t * n,
                Some(t) => t + n,
                None => n,
            });
        }
        i += 1;
    }
    total
}

/// A number written in digits, thousands separated by commas or not.
fn parse_count(w: &str) -> Result<f64, std::num::ParseFloatError> {
    if w.contains(',') {
        w.replace(',', "").parse()
    } else {
        w.parse()
    }
}

/// Appends a count: whole numbers without a decimal point.
fn push_num(out: &mut String, x: f64) {
    if x.fract() == 0.0 {
        out.push_str(itoa::Buffer::new().format(x as u64));
    } else {
        out.push_str(&x.to_string());
    }
}

/// `P3D`, `PT5H`, `P2Q`, `PXY`; a half goes to the next smaller unit
/// (`P2Y6M`, `PT5H30M`).
pub(super) fn duration_value(n: Option<f64>, unit: Unit) -> String {
    if let Some(x) = n {
        if x.fract() == 0.5 {
            let whole = x.trunc() as u64;
            let half = match unit {
                Unit::Year => Some(("", "Y", "6M")),
                Unit::Month => Some(("", "M", "15D")),
                Unit::Day => Some(("", "D", "T12H")),
                Unit::Hour => Some(("T", "H", "30M")),
                Unit::Minute => Some(("T", "M", "30S")),
                _ => None,
            };
            if let Some((t, letter, rest)) = half {
                return if whole == 0 {
                    format!("P{t}{rest}")
                } else {
                    format!("P{t}{whole}{letter}{rest}")
                };
            }
        }
    }
    let (letter, mult) = unit.duration_letter();
    let t = if unit.is_time() { "T" } else { "" };
    let mut out = String::with_capacity(8);
    match (n, unit) {
        (None, Unit::Decade) => out.push_str("PXDE"),
        (None, Unit::Century) => out.push_str("PXCE"),
        (None, _) => {
            out.push('P');
            out.push_str(t);
            out.push('X');
            out.push_str(letter);
        }
        (Some(n), Unit::Weekend) => {
            out.push('P');
            push_num(&mut out, n * 2.0);
            out.push('D');
        }
        (Some(n), _) => {
            out.push('P');
            out.push_str(t);
            push_num(&mut out, n * mult as f64);
            out.push_str(letter);
        }
    }
    out
}

pub(super) fn vague(ws: &[Word]) -> bool {
    ws.iter().any(|w| lexicon::vague_quantity(w))
        || ws
            .windows(2)
            .any(|p| p[1] == "to" && p[0] != "up" || p[1] == "or" && p[0] != "so")
}

pub(super) fn find_unit(ws: &[Word]) -> Option<(usize, Unit)> {
    ws.iter()
        .enumerate()
        .rev()
        .find_map(|(i, w)| Unit::parse(w).map(|u| (i, u)))
}

/// The value of a relative day at day granularity, or `XXXX-XX-XX`.
pub(super) fn day_value(d: Option<NaiveDate>, pod: Option<&str>) -> (String, Option<Point>) {
    let mut v = String::with_capacity(16);
    match d {
        Some(d) => anchor::push_day(&mut v, d),
        None => v.push_str("XXXX-XX-XX"),
    }
    if let Some(p) = pod {
        v.push('T');
        v.push_str(p);
    }
    (v, d.map(Point::Day))
}

/// A relative unit `n` steps from the reference date, at that unit's
/// granularity.
pub(super) fn unit_value(r: Option<NaiveDate>, unit: Unit, n: i32) -> (String, Option<Point>) {
    let Some(r) = r else {
        let v = match unit {
            Unit::Day => "XXXX-XX-XX",
            Unit::Week => "XXXX-WXX",
            Unit::Weekend => "XXXX-WXX-WE",
            Unit::Month => "XXXX-XX",
            Unit::Quarter => "XXXX-QX",
            Unit::Half => "XXXX-HX",
            Unit::Decade => "XXX",
            Unit::Century => "XX",
            _ => "XXXX",
        };
        return (v.to_string(), None);
    };
    match unit {
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => {
            let d = anchor::shift_days(r, n as i64);
            (anchor::day(d), Some(Point::Day(d)))
        }
        Unit::Week => (anchor::week(anchor::shift_days(r, 7 * n as i64)), None),
        Unit::Weekend => {
            let mut v = anchor::week(anchor::shift_days(r, 7 * n as i64));
            v.push_str("-WE");
            (v, None)
        }
        Unit::Month => {
            let d = anchor::shift_months(r, n);
            let p = Point::Month(d.year(), d.month());
            (p.value(), Some(p))
        }
        Unit::Quarter => {
            let (y, q) = anchor::shift_quarter(r.year(), anchor::quarter_of(r.month()), n);
            let p = Point::Quarter(y, q);
            (p.value(), Some(p))
        }
        Unit::Half => {
            let h = if r.month() <= 6 { 1 } else { 2 } - 1 + n;
            let y = r.year() + h.div_euclid(2);
            (
                format!("{}-H{}", anchor::year(y), h.rem_euclid(2) + 1),
                None,
            )
        }
        Unit::Year => {
            let p = Point::Year(r.year() + n);
            (p.value(), Some(p))
        }
        Unit::Decade => (format!("{}", r.year().div_euclid(10) + n), None),
        Unit::Century => (format!("{:02}", r.year().div_euclid(100) + n), None),
    }
}

pub(super) fn pod_of(ws: &[Word]) -> Option<&'static str> {
    ws.iter().find_map(|w| lexicon::part_of_day(w))
}

pub(super) fn century_word(w: &str) -> Option<i32> {
    let ord = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    ord.iter().position(|o| *o == w).map(|i| i as i32 + 1)
}

pub(super) fn spoken_year(ws: &[Word]) -> Option<i32> {
    let ws: Vec<&str> = ws
        .iter()
        .map(Word::as_str)
        .filter(|w| !matches!(*w, "the" | "year" | "and" | "hundred"))
        .collect();
    let first = *ws.first()?;
    if first == "two" {
        // two thousand [and] N
        let rest: u32 = ws[2..].iter().filter_map(|w| lexicon::number(w)).sum();
        return Some(2000 + rest as i32);
    }
    let head = lexicon::number(first)? as i32;
    let rest: Vec<&str> = ws[1..].iter().copied().filter(|w| *w != "o").collect();
    let tail: u32 = rest.iter().filter_map(|w| lexicon::number(w)).sum();
    Some(head * 100 + tail as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNITS: [Unit; 12] = [
        Unit::Second,
        Unit::Minute,
        Unit::Hour,
        Unit::Day,
        Unit::Weekend,
        Unit::Week,
        Unit::Month,
        Unit::Quarter,
        Unit::Half,
        Unit::Year,
        Unit::Decade,
        Unit::Century,
    ];

    /// A count as `format!` wrote it before the values were pushed.
    fn num_by_format(x: f64) -> String {
        if x.fract() == 0.0 {
            format!("{}", x as u64)
        } else {
            format!("{x}")
        }
    }

    #[test]
    fn durations_read_as_format_wrote_them() {
        let counts: [f64; 10] = [0.0, 1.0, 2.0, 0.25, 1.5, 3.75, 12.0, 999.0, 1e21, -2.0];
        for unit in UNITS {
            let (letter, mult) = unit.duration_letter();
            let t = if unit.is_time() { "T" } else { "" };
            let bare = match unit {
                Unit::Decade => "PXDE".to_string(),
                Unit::Century => "PXCE".to_string(),
                _ => format!("P{t}X{letter}"),
            };
            assert_eq!(duration_value(None, unit), bare);
            for n in counts {
                if n.fract() == 0.5 {
                    continue;
                }
                let want = match unit {
                    Unit::Weekend => format!("P{}D", num_by_format(n * 2.0)),
                    _ => format!("P{t}{}{letter}", num_by_format(n * mult as f64)),
                };
                assert_eq!(duration_value(Some(n), unit), want, "{n} {unit:?}");
            }
        }
    }

    #[test]
    fn partial_dates_and_days() {
        assert_eq!(no_year(9, Some(3)), "XXXX-09-03");
        assert_eq!(no_year(12, None), "XXXX-12");
        let d = NaiveDate::from_ymd_opt(2024, 2, 9);
        assert_eq!(day_value(d, Some("AF")).0, "2024-02-09TAF");
        assert_eq!(day_value(d, None).0, "2024-02-09");
        assert_eq!(day_value(None, Some("NI")).0, "XXXX-XX-XXTNI");
        let (v, _) = unit_value(d, Unit::Weekend, -1);
        assert_eq!(v, "2024-W05-WE");
    }
}

//! Interpretation: decides whether a recognised candidate really is a
//! temporal expression in its context (negative rules: "May" the name,
//! "fall" the verb, numbers that only look like years, ages, ...) and
//! computes its TIMEX3 type and value, anchored on the publication date
//! (DCT) or, for "a year earlier" and "the following day", on the last
//! point in time mentioned before it.

use std::{cell::Cell, sync::LazyLock};

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use super::{
    anchor::{self, Direction, Point},
    context::{
        ascii_lowercase, is_capitalised, month_context, next_word, of_phrase, prev_word,
        rate_before, sentence_start, tense, tense_marker, trim_leading, words, year_context_ok,
        Word,
    },
    grammar::DECADE_WORDS,
    lexicon::{self, Unit},
    patterns::{Candidate, Kind},
    value::{
        century_word, day_of, day_value, duration_value, explicit_year, find_unit, no_year,
        number_value, pod_of, point_md, spoken_year, unit_value, vague, year_of,
    },
};
/// What the interpreter needs besides the candidate itself.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The whole field.
    pub text: &'a str,
    /// The publication date.
    pub dct: Option<NaiveDate>,
    /// The last point in time mentioned before this candidate.
    last: Option<Point>,
    /// Where the last point in time was mentioned (byte offset of its end).
    last_end: usize,
    /// Set when an interpretation reads `last` or `last_end`.
    leaned: Option<&'a Cell<bool>>,
}

impl<'a> Ctx<'a> {
    /// The context of a field with no point in time mentioned yet.
    pub fn new(text: &'a str, dct: Option<NaiveDate>) -> Self {
        Ctx {
            text,
            dct,
            last: None,
            last_end: 0,
            leaned: None,
        }
    }

    /// The same context after `last` was mentioned, ending at `last_end`.
    pub fn after(self, last: Option<Point>, last_end: usize) -> Self {
        Ctx {
            last,
            last_end,
            ..self
        }
    }

    /// The same context, setting `leaned` whenever an interpretation reads
    /// the last point mentioned: one that does not would come out the same
    /// after any other.
    pub fn watched_by(self, leaned: &'a Cell<bool>) -> Self {
        Ctx {
            leaned: Some(leaned),
            ..self
        }
    }

    /// The last point in time mentioned before the candidate.
    fn last(&self) -> Option<Point> {
        if let Some(leaned) = self.leaned {
            leaned.set(true);
        }
        self.last
    }

    /// The last point mentioned, when it is a quarter mentioned close
    /// enough before `at` to be the period under discussion.
    fn recent_quarter(&self, at: usize) -> Option<Point> {
        match self.last() {
            Some(p @ Point::Quarter(..)) if at.saturating_sub(self.last_end) <= QUARTER_REACH => {
                Some(p)
            }
            _ => None,
        }
    }
}

/// How far (in bytes) a quarter mentioned earlier still anchors "a year
/// ago" or "the year-earlier period".
const QUARTER_REACH: usize = 400;

/// An accepted temporal expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte offset (may be later than the candidate's when a preposition
    /// was trimmed).
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    pub timex_type: &'static str,
    /// The TIMEX3 value.
    pub value: String,
    /// The point in time it names, for anchoring later expressions.
    pub point: Option<Point>,
}

const DATE: &str = "DATE";
const TIME: &str = "TIME";
const DURATION: &str = "DURATION";
const SET: &str = "SET";

fn found(c: &Candidate, ty: &'static str, value: String, point: Option<Point>) -> Option<Found> {
    Some(Found {
        start: c.start,
        end: c.end,
        timex_type: ty,
        value,
        point,
    })
}

/// A found expression with its own span.
fn found_at(
    start: usize,
    end: usize,
    ty: &'static str,
    value: String,
    point: Option<Point>,
) -> Option<Found> {
    Some(Found {
        start,
        end,
        timex_type: ty,
        value,
        point,
    })
}

/// A month/day with no year, placed by tense around the DCT.
fn month_day(ctx: &Ctx, c: &Candidate, m: u32, d: Option<u32>) -> (String, Option<Point>) {
    let Some(dct) = ctx.dct else {
        return (no_year(m, d), None);
    };
    let y = year_by_tense(ctx, c, dct, m, d);
    point_md(y, m, d)
}

/// The year of a month (and day) given without one: the occurrence
/// nearest the DCT, unless the sentence's tense points the other way and
/// that occurrence is more than a month off on the wrong side.
fn year_by_tense(ctx: &Ctx, c: &Candidate, dct: NaiveDate, m: u32, d: Option<u32>) -> i32 {
    let y = anchor::year_for(dct, m, d, Direction::Nearest);
    let months_off = (y - dct.year()) * 12 + m as i32 - dct.month() as i32;
    // Within a month of the DCT the tense changes nothing: not read.
    if months_off.abs() <= 1 {
        return y;
    }
    match tense_marker(ctx.text, c.start, c.end) {
        Some(Direction::Past) if months_off > 1 => y - 1,
        Some(Direction::Future) if months_off < -1 => y + 1,
        _ => y,
    }
}

/// The weekday `wd` nearest `a` in the direction of the sentence's tense.
/// When `a` is that weekday either direction gives `a`: the tense is not read.
fn weekday_by_tense(ctx: &Ctx, c: &Candidate, a: NaiveDate, wd: u32) -> NaiveDate {
    if a.weekday().number_from_monday() == wd {
        return a;
    }
    anchor::weekday_near(a, wd, tense(ctx.text, c.start, c.end))
}

fn last_day(ctx: &Ctx) -> Option<NaiveDate> {
    match ctx.last() {
        Some(Point::Day(d)) => Some(d),
        _ => ctx.dct,
    }
}

/// Interprets a candidate in its context, or rejects it.
pub fn interpret(c: &Candidate, ctx: &Ctx) -> Option<Found> {
    let text = ctx.text;
    let span = &text[c.start..c.end];
    let mut room = [0; 64];
    let lower = ascii_lowercase(span, &mut room);
    let ws = words(&lower);
    match c.kind {
        Kind::Iso => {
            let d = NaiveDate::parse_from_str(span, "%Y-%m-%d").ok()?;
            found(c, DATE, anchor::day(d), Some(Point::Day(d)))
        }
        Kind::Slash => {
            if text[..c.start].ends_with(['/', '.', '-'])
                || text[c.end..].starts_with(['/', '-'])
                || text[c.end..].starts_with(|ch: char| ch.is_ascii_digit())
            {
                return None;
            }
            let parts: Vec<&str> = span.split('/').collect();
            let m: u32 = parts[0].parse().ok()?;
            let d: u32 = parts[1].parse().ok()?;
            let mut y: i32 = parts[2].parse().ok()?;
            if parts[2].len() == 2 {
                y += if y < 30 { 2000 } else { 1900 };
            }
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            found(c, DATE, anchor::day(date), Some(Point::Day(date)))
        }
        Kind::MonthDay | Kind::DayMonth => {
            if text[c.end..].starts_with(',')
                && text[c.end + 1..].starts_with(|ch: char| ch.is_ascii_digit())
            {
                return None;
            }
            if text[c.end..].starts_with(['%', ':', '.'])
                && text[c.end + 1..].starts_with(|ch: char| ch.is_ascii_digit())
            {
                return None;
            }
            let m = ws.iter().find_map(|w| lexicon::month(w))?;
            let d = ws
                .iter()
                .filter(|w| year_of(w).is_none())
                .find_map(|w| day_of(w))?;
            let (value, point) = match explicit_year(&ws) {
                Some(y) => point_md(y, m, Some(d)),
                None => month_day(ctx, c, m, Some(d)),
            };
            found(c, DATE, value, point)
        }
        Kind::MonthYear => {
            let m = ws.iter().find_map(|w| lexicon::month(w))?;
            let y = match explicit_year(&ws) {
                Some(y) => y,
                None => {
                    let dct = ctx.dct?;
                    let shift = if ws.iter().any(|w| w == "last") {
                        -1
                    } else if ws.iter().any(|w| w == "next") {
                        1
                    } else {
                        0
                    };
                    dct.year() + shift
                }
            };
            let (value, point) = point_md(y, m, None);
            found(c, DATE, value, point)
        }
        Kind::Month => {
            let m = lexicon::month(ws.last()?)?;
            let modified = ws.len() > 1;
            let prev = prev_word(text, c.start);
            let next = next_word(text, c.end);
            if !modified {
                let sentence_initial = sentence_start(text, c.start);
                if is_capitalised(prev) && !sentence_initial && !month_context(prev) {
                    return None;
                }
                if m == 5 && !month_context(prev) {
                    return None;
                }
                if matches!(m, 1 | 4 | 5 | 6 | 7 | 8)
                    && is_capitalised(next)
                    && !text[c.end..].starts_with([',', '.', ';'])
                {
                    return None;
                }
                if text[c.end..].starts_with("'s") && m == 5 {
                    return None;
                }
                // "the annual March for Life", "the March of the Mothers".
                let lp = prev.to_ascii_lowercase();
                let nl = next.to_ascii_lowercase();
                if matches!(lp.as_str(), "the" | "annual" | "a")
                    && (is_capitalised(next) || nl == "of" || nl == "for")
                    || of_phrase(text, c.end)
                {
                    return None;
                }
            }
            let Some(dct) = ctx.dct else {
                return found(c, DATE, no_year(m, None), None);
            };
            let y = if ws.iter().any(|w| w == "last" || w == "past") {
                if m >= dct.month() {
                    dct.year() - 1
                } else {
                    dct.year()
                }
            } else if ws.iter().any(|w| w == "next" || w == "coming") {
                if m <= dct.month() {
                    dct.year() + 1
                } else {
                    dct.year()
                }
            } else if ws.iter().any(|w| w == "this") {
                dct.year()
            } else {
                year_by_tense(ctx, c, dct, m, None)
            };
            let (value, point) = point_md(y, m, None);
            found(c, DATE, value, point)
        }
        Kind::Year => {
            let digits_start = c.start
                + span
                    .char_indices()
                    .rev()
                    .find(|(_, ch)| !ch.is_ascii_digit())
                    .map_or(0, |(i, ch)| i + ch.len_utf8());
            let y = year_of(&text[digits_start..c.end])?;
            if !year_context_ok(text, c.start, c.end, digits_start) {
                return None;
            }
            let prefixed = digits_start > c.start;
            if !prefixed {
                // A bare number far from the DCT is more likely a quantity.
                if let Some(dct) = ctx.dct {
                    if y > dct.year() + 30 {
                        return None;
                    }
                }
                if y < 1700 && !month_context(prev_word(text, c.start)) {
                    return None;
                }
            }
            found(c, DATE, anchor::year(y), Some(Point::Year(y)))
        }
        Kind::SpokenYear => {
            let n = spoken_year(&ws)?;
            found(c, DATE, anchor::year(n), Some(Point::Year(n)))
        }
        Kind::Decade => {
            let w = ws
                .iter()
                .find(|w| w.ends_with('s') && w.chars().any(|c| c.is_ascii_digit()));
            let decade = match w {
                Some(w) if w.starts_with('\'') => {
                    let d: i32 = w[1..2].parse().ok()?;
                    let century = match ctx.dct {
                        Some(dct) if dct.year() >= 2000 && 2000 + d * 10 <= dct.year() => 200,
                        _ => 190,
                    };
                    century + d
                }
                Some(w) => w[..w.len() - 2].parse::<i32>().ok()?,
                None => {
                    let word = ws
                        .iter()
                        .find_map(|w| DECADE_WORDS.iter().position(|x| w == x))?;
                    192 + word as i32
                }
            };
            found(
                c,
                DATE,
                itoa::Buffer::new().format(decade).to_string(),
                None,
            )
        }
        Kind::Century => {
            let this = ws.iter().any(|w| w == "this");
            let n = if this
                || ws
                    .iter()
                    .any(|w| w == "last" || w == "next" || w == "previous")
            {
                let base = ctx.dct?.year().div_euclid(100);
                if this {
                    base
                } else if ws.iter().any(|w| w == "next") {
                    base + 1
                } else {
                    base - 1
                }
            } else {
                let ord = ws.iter().find_map(|w| {
                    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
                    digits.parse::<i32>().ok().or_else(|| century_word(w))
                })?;
                ord - 1
            };
            found(c, DATE, format!("{n:02}"), None)
        }
        Kind::Season => season(c, ctx, &ws),
        Kind::Quarter => quarter(c, ctx, &ws),
        Kind::DayWord => {
            // "in today's world", "for tomorrow's leaders": generic.
            if (text[c.end..].starts_with("'s") || text[c.end..].starts_with("\u{2019}s"))
                && matches!(
                    prev_word(text, c.start).to_ascii_lowercase().as_str(),
                    "of" | "for" | "in"
                )
                && ws.len() == 1
            {
                return None;
            }
            let pod = pod_of(&ws);
            let offset = if ws.iter().any(|w| w == "yesterday") {
                -1
            } else if ws.iter().any(|w| w == "tomorrow") {
                1
            } else if ws.first().is_some_and(|w| w == "last") {
                -1
            } else {
                0
            };
            let offset = offset
                + if ws.iter().any(|w| w == "before") {
                    -1
                } else if ws.iter().any(|w| w == "after") {
                    1
                } else {
                    0
                };
            if ws.first().is_some_and(|w| w == "the") {
                // "the night" is a time of day only with a time of day around.
                let next = next_word(text, c.end).to_ascii_lowercase();
                if next == "of" || next == "before" || next == "after" {
                    return None;
                }
            }
            let base = if ws.first().is_some_and(|w| w == "the") {
                last_day(ctx)
            } else {
                ctx.dct
            };
            let d = base.map(|b| anchor::shift_days(b, offset));
            if ws.iter().any(|w| w == "midday") {
                let (v, p) = day_value(d, None);
                return found(c, TIME, format!("{v}T12:00"), p);
            }
            let (v, p) = day_value(d, pod);
            let ty = if pod.is_some() { TIME } else { DATE };
            found(c, ty, v, p)
        }
        Kind::Weekday => weekday(c, ctx, &ws),
        Kind::Time => time(c, ctx, span, &ws),
        Kind::RelUnit => rel_unit(c, ctx, &ws),
        Kind::TheUnit => the_unit(c, ctx, &ws),
        Kind::Ago => ago(c, ctx, &ws).map(|mut f| {
            f.start = trim_leading(text, f.start, f.end, &["just", "only"]);
            f
        }),
        Kind::Duration => duration(c, ctx, &ws),
        Kind::LongAdj => {
            let (_, unit) = find_unit(&ws)?;
            let plural = ws.first().is_some_and(|w| w.ends_with('s'));
            let n = if plural { None } else { Some(1.0) };
            found(c, DURATION, duration_value(n, unit), None)
        }
        Kind::BarePlural => {
            let word_end = c.start + span.find(char::is_whitespace)?;
            let start =
                word_end + text[word_end..c.end].len() - text[word_end..c.end].trim_start().len();
            if next_word(text, c.end).eq_ignore_ascii_case("of") || text[c.end..].starts_with('-') {
                return None;
            }
            let value = find_unit(&ws).map_or("PXX".to_string(), |(_, u)| duration_value(None, u));
            // "the days before the shooting": only the unit is the expression.
            let end = if ws[0] == "the" {
                start + text[start..].find(char::is_whitespace)?
            } else {
                c.end
            };
            found_at(start, end, DURATION, value, None)
        }
        Kind::RecentPlural => {
            let (_, unit) = find_unit(&ws)?;
            if next_word(text, c.end).eq_ignore_ascii_case("of") {
                return None;
            }
            let first = ws.iter().find(|w| *w != "the")?;
            let past = matches!(first.as_str(), "recent" | "past" | "last");
            if first == "future" {
                return found(c, DATE, "FUTURE_REF".into(), None);
            }
            if first == "recent" && matches!(unit, Unit::Year | Unit::Decade) && ws[0] != "the" {
                return found(c, DATE, "PAST_REF".into(), None);
            }
            let _ = past;
            found(c, DURATION, duration_value(None, unit), None)
        }
        Kind::Set => set(c, ctx, &ws),
        Kind::Ref => reference(c, ctx, &ws),
        Kind::Holiday => holiday(c, ctx, &ws),
        Kind::YearAgoAdj => {
            let v = match ctx.last() {
                Some(Point::Quarter(..)) if ctx.recent_quarter(c.start).is_some() => ctx
                    .recent_quarter(c.start)
                    .map_or_else(String::new, |p| p.shift_years(-1).value()),
                Some(p) if ctx.dct.is_none_or(|d| p.year() >= d.year() - 1) => {
                    Point::Year(p.year() - 1).value()
                }
                _ => ctx
                    .dct
                    .map_or("XXXX".into(), |d| anchor::year(d.year() - 1)),
            };
            found(c, DATE, v, None)
        }
    }
}

fn season(c: &Candidate, ctx: &Ctx, ws: &[Word]) -> Option<Found> {
    let text = ctx.text;
    let (idx, code) = ws
        .iter()
        .enumerate()
        .find_map(|(i, w)| lexicon::season(w).map(|s| (i, s)))?;
    let year = explicit_year(&ws[idx..]);
    let modifiers = &ws[..idx];
    let has_rel = modifiers.iter().any(|w| {
        matches!(
            w.as_str(),
            "this" | "last" | "next" | "past" | "coming" | "early" | "late"
        )
    });
    let next = next_word(text, c.end).to_ascii_lowercase();
    if year.is_none() {
        if matches!(
            next.as_str(),
            "in" | "of"
                | "to"
                | "from"
                | "by"
                | "at"
                | "off"
                | "out"
                | "back"
                | "into"
                | "on"
                | "for"
                | "and"
                | "was"
                | "is"
                | "has"
                | "had"
                | "would"
                | "will"
                | "could"
        ) && !has_rel
        {
            return None;
        }
        if code == "FA" || code == "SP" {
            let prev = prev_word(text, c.start).to_ascii_lowercase();
            let ok_prev = matches!(
                prev.as_str(),
                "in" | "during"
                    | "since"
                    | "until"
                    | "till"
                    | "by"
                    | "through"
                    | "over"
                    | "before"
                    | "after"
                    | "for"
                    | "this"
                    | "from"
                    | "next"
                    | "last"
                    | "early"
                    | "late"
                    | "that"
                    | "each"
                    | "every"
            );
            if !has_rel && !ok_prev {
                return None;
            }
            if text[c.end..].starts_with('-') {
                return None;
            }
        }
    }
    let order = |s: &str| match s {
        "WI" => 0,
        "SP" => 1,
        "SU" => 2,
        _ => 3,
    };
    let y = match (year, ctx.dct) {
        (Some(y), _) => y,
        (None, None) => return found(c, DATE, format!("XXXX-{code}"), None),
        (None, Some(dct)) => {
            let cur = match dct.month() {
                12 | 1 | 2 => 0,
                3..=5 => 1,
                6..=8 => 2,
                _ => 3,
            };
            let s = order(code);
            let y = dct.year();
            if modifiers.iter().any(|w| w == "last" || w == "past") {
                if s < cur {
                    y
                } else {
                    y - 1
                }
            } else if modifiers.iter().any(|w| w == "next" || w == "coming") {
                if s > cur {
                    y
                } else {
                    y + 1
                }
            } else if modifiers.iter().any(|w| w == "this") {
                y
            } else {
                match tense(text, c.start, c.end) {
                    Direction::Past if s > cur => y - 1,
                    Direction::Future if s < cur => y + 1,
                    _ => y,
                }
            }
        }
    };
    let mut value = anchor::year(y);
    value.push('-');
    value.push_str(code);
    found(c, DATE, value, Some(Point::Year(y)))
}

fn quarter(c: &Candidate, ctx: &Ctx, ws: &[Word]) -> Option<Found> {
    let text = ctx.text;
    let after = &text[c.end..];
    let next = next_word(text, c.end).to_ascii_lowercase();
    if after.starts_with('-') {
        // "the quarter-point", "quarter-to-quarter"
        return None;
    }
    if next == "of" && of_phrase(text, c.end) {
        return None;
    }
    let half = ws.iter().any(|w| w == "half");
    if matches!(
        next.as_str(),
        "mile"
            | "percent"
            | "point"
            | "century"
            | "million"
            | "billion"
            | "inch"
            | "hour"
            | "finals"
            | "final"
            | "cent"
    ) {
        return None;
    }
    if half
        && !ws
            .iter()
            .any(|w| lexicon::ordinal(w).is_some() || w == "last" || w == "latter")
    {
        return None;
    }
    let ord = ws.iter().find_map(|w| match w.as_str() {
        "final" | "last"
            if half || ws.first().is_some_and(|f| f == "the") || explicit_year(ws).is_some() =>
        {
            Some(if half { 2 } else { 4 })
        }
        "last" => None,
        "latter" => Some(2),
        w => lexicon::ordinal(w).filter(|&n| n <= if half { 2 } else { 4 }),
    });
    let year = explicit_year(ws).or_else(|| {
        let dct = ctx.dct?;
        if ws.iter().any(|w| w == "this") && ws.iter().any(|w| w == "year's" || w == "year") {
            Some(dct.year())
        } else if ws.iter().any(|w| w == "last") && ws.iter().any(|w| w == "year's" || w == "year")
        {
            Some(dct.year() - 1)
        } else if ws.iter().any(|w| w == "next") && ws.iter().any(|w| w == "year's" || w == "year")
        {
            Some(dct.year() + 1)
        } else {
            None
        }
    });
    let year_back = ws.iter().any(|w| {
        matches!(
            w.as_str(),
            "ago" | "earlier" | "comparable" | "corresponding"
        )
    }) || ws
        .windows(2)
        .any(|p| p[0] == "year" && (p[1] == "ago" || p[1] == "earlier"));
    // The quarter being reported: the last one mentioned, else the last
    // completed one before the DCT.
    let reported = match (ctx.last(), ctx.dct) {
        (Some(Point::Quarter(y, q)), _) => Some((y, q)),
        (_, Some(dct)) => Some(anchor::shift_quarter(
            dct.year(),
            anchor::quarter_of(dct.month()),
            -1,
        )),
        _ => None,
    };
    let value = if half {
        let h = ord?;
        let y = match (year, ctx.dct) {
            (Some(y), _) => y,
            (None, Some(dct)) => {
                if h == 2 && dct.month() <= 6 {
                    dct.year() - 1
                } else {
                    dct.year()
                }
            }
            (None, None) => return found(c, DATE, format!("XXXX-H{h}"), None),
        };
        let y = if year_back { y - 1 } else { y };
        return found(
            c,
            DATE,
            format!("{}-H{h}", anchor::year(y)),
            Some(Point::Year(y)),
        );
    } else if let Some(q) = ord {
        let y = match (year, ctx.dct) {
            (Some(y), _) => y,
            (None, Some(dct)) => {
                let started = (q - 1) * 3 < dct.month();
                match ctx.last() {
                    Some(Point::Quarter(ly, _)) if !year_back => ly,
                    _ if started => dct.year(),
                    _ => dct.year() - 1,
                }
            }
            (None, None) => return found(c, DATE, format!("XXXX-Q{q}"), None),
        };
        let y = if year_back && year.is_none() {
            y - 1
        } else {
            y
        };
        Point::Quarter(y, q)
    } else if ws.iter().any(|w| w == "current") {
        let dct = ctx.dct?;
        Point::Quarter(dct.year(), anchor::quarter_of(dct.month()))
    } else if ws.iter().any(|w| w == "previous") {
        let (y, q) = reported?;
        let (y, q) = anchor::shift_quarter(y, q, -1);
        Point::Quarter(y, q)
    } else {
        let (y, q) = reported?;
        let y = match year {
            Some(y) => y,
            None if year_back => y - 1,
            None => y,
        };
        Point::Quarter(y, q)
    };
    let keep = if year_back { None } else { Some(value) };
    // The adjective "third-quarter" goes without its determiner.
    let span = &text[c.start..c.end];
    let start = if span.contains("-quarter") || span.contains("-half") {
        trim_leading(text, c.start, c.end, &["the", "a", "an"])
    } else {
        c.start
    };
    found_at(start, c.end, DATE, value.value(), keep)
}

fn weekday(c: &Candidate, ctx: &Ctx, ws: &[Word]) -> Option<Found> {
    let text = ctx.text;
    let (idx, wd) = ws
        .iter()
        .enumerate()
        .find_map(|(i, w)| lexicon::weekday(w).map(|d| (i, d)))?;
    let word = &ws[idx];
    let pod = pod_of(&ws[idx..]);
    let suffix = pod.map(|p| format!("T{p}")).unwrap_or_default();
    // "Mondays", "Tuesday nights": every such day.
    let plural = word.ends_with('s')
        || ws[idx + 1..]
            .iter()
            .any(|w| w.ends_with('s') && lexicon::part_of_day(w).is_some());
    if plural {
        return found(c, SET, format!("XXXX-WXX-{wd}{suffix}"), None);
    }
    let prev = prev_word(text, c.start);
    // "Black Friday", "Super Tuesday", "Ash Wednesday" are names.
    if idx == 0 && is_capitalised(prev) && !sentence_start(text, c.start) && !month_context(prev) {
        let p = prev.to_ascii_lowercase();
        if matches!(
            p.as_str(),
            "black"
                | "super"
                | "ash"
                | "good"
                | "holy"
                | "bloody"
                | "cyber"
                | "maundy"
                | "palm"
                | "easter"
                | "fat"
        ) {
            return None;
        }
    }
    let modifiers = &ws[..idx];
    let has = |x: &str| modifiers.iter().any(|w| w == x);
    let anchor_day = if has("previous") || has("following") || (has("the") && has("next")) {
        last_day(ctx)
    } else {
        ctx.dct
    };
    let Some(a) = anchor_day else {
        return found(
            c,
            if pod.is_some() { TIME } else { DATE },
            format!("XXXX-WXX-{wd}{suffix}"),
            None,
        );
    };
    let d = if has("last") || has("previous") || (has("this") && has("past")) {
        anchor::weekday_near(anchor::shift_days(a, -1), wd, Direction::Past)
    } else if has("next") || has("following") || has("coming") {
        anchor::weekday_near(anchor::shift_days(a, 1), wd, Direction::Future)
    } else if has("this") {
        anchor::weekday_near(a, wd, Direction::Nearest)
    } else {
        weekday_by_tense(ctx, c, a, wd)
    };
    let ty = if pod.is_some() { TIME } else { DATE };
    let mut value = anchor::day(d);
    value.push_str(&suffix);
    found(c, ty, value, Some(Point::Day(d)))
}

static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d{1,2})(?::(\d\d))?\s*(a\.?m\.?|p\.?m\.?|o'clock|in\s+the\s+(?:morning|afternoon|evening))?")
        .expect("clock pattern")
});

fn time(c: &Candidate, ctx: &Ctx, span: &str, ws: &[Word]) -> Option<Found> {
    let text = ctx.text;
    let lower = span.to_ascii_lowercase();
    // "High Noon": a capitalised noon or midnight inside a sentence.
    if (span.starts_with("Noon") || span.starts_with("Midnight")) && !sentence_start(text, c.start)
    {
        return None;
    }
    let (h, m) = if lower.contains("noon") && !lower.contains(char::is_numeric) {
        (12, 0)
    } else if lower.contains("midnight") && !lower.contains(char::is_numeric) {
        (24, 0)
    } else {
        let cap = CLOCK.captures(span)?;
        let mut h: u32 = cap[1].parse().ok()?;
        let m: u32 = cap.get(2).map_or(Some(0), |x| x.as_str().parse().ok())?;
        let marker = cap
            .get(3)
            .map(|x| x.as_str().to_ascii_lowercase())
            .unwrap_or_default();
        if marker.is_empty() {
            // A bare "14:30" needs a time zone or a time preposition.
            let prev = prev_word(text, c.start).to_ascii_lowercase();
            let tz = ws.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "est"
                        | "edt"
                        | "gmt"
                        | "utc"
                        | "pst"
                        | "pdt"
                        | "cst"
                        | "cdt"
                        | "bst"
                        | "cet"
                        | "mst"
                        | "mdt"
                        | "local"
                )
            });
            if !tz
                && !matches!(
                    prev.as_str(),
                    "at" | "by"
                        | "until"
                        | "before"
                        | "after"
                        | "around"
                        | "about"
                        | "since"
                        | "from"
                        | "till"
                )
            {
                return None;
            }
        }
        if h > 24 || m > 59 {
            return None;
        }
        if marker.starts_with('p') || marker.contains("afternoon") || marker.contains("evening") {
            if h < 12 {
                h += 12;
            }
        } else if marker.starts_with('a') && h == 12 {
            h = 0;
        }
        (h, m)
    };
    // The day it falls on: a following day word, weekday or date, else the DCT.
    let day = if let Some(mo) = ws.iter().find_map(|w| lexicon::month(w)).filter(|_| {
        ws.iter()
            .any(|w| lexicon::month(w).is_some() && w.len() >= 3)
    }) {
        let d = ws.iter().rev().find_map(|w| day_of(w))?;
        let y = ctx.dct.map(|dct| year_by_tense(ctx, c, dct, mo, Some(d)));
        y.and_then(|y| NaiveDate::from_ymd_opt(y, mo, d))
    } else if let Some(wd) = ws.iter().find_map(|w| lexicon::weekday(w)) {
        ctx.dct.map(|a| weekday_by_tense(ctx, c, a, wd))
    } else if ws.iter().any(|w| w == "yesterday") {
        ctx.dct.map(|d| anchor::shift_days(d, -1))
    } else if ws.iter().any(|w| w == "tomorrow") {
        ctx.dct.map(|d| anchor::shift_days(d, 1))
    } else {
        last_day(ctx)
    };
    let mut value = String::with_capacity(16);
    match day {
        Some(d) => anchor::push_day(&mut value, d),
        None => value.push_str("XXXX-XX-XX"),
    }
    value.push('T');
    anchor::push_padded(&mut value, h, 2);
    value.push(':');
    anchor::push_padded(&mut value, m, 2);
    found(c, TIME, value, day.map(Point::Day))
}

fn rel_unit(c: &Candidate, ctx: &Ctx, ws: &[Word]) -> Option<Found> {
    let pod = pod_of(ws);
    let (_, unit) = find_unit(ws).or(pod.map(|_| (0, Unit::Day)))?;
    let has = |x: &str| ws.iter().any(|w| w == x);
    let the = ws.iter().any(|w| w == "the");
    if of_phrase(ctx.text, c.end) && !matches!(unit, Unit::Year) {
        return None;
    }
    // "This Week" the programme.
    let last_word = ctx.text[c.start..c.end]
        .split_whitespace()
        .last()
        .unwrap_or("");
    if is_capitalised(last_word) && ctx.text[c.start..c.end].chars().any(char::is_lowercase) {
        return None;
    }
    if let Some(p) = pod {
        let back = has("last") || has("previous") || has("prior") || has("preceding");
        let fwd = has("next") || has("following");
        let base = if has("this") { ctx.dct } else { last_day(ctx) };
        let d = base.map(|b| {
            anchor::shift_days(
                b,
                if back {
                    -1
                } else if fwd {
                    1
                } else {
                    0
                },
            )
        });
        let (v, pt) = day_value(d, Some(p));
        return found(c, TIME, v, pt);
    }
    if ctx.text[c.end..].starts_with('-') {
        return None;
    }
    // "past decade" without an article is a stretch of time.
    if has("past") && !the && !has("this") {
        return found(c, DURATION, duration_value(Some(1.0), unit), None);
    }
    let n = if has("last") || has("past") || has("previous") || has("prior") || has("preceding") {
        -1
    } else if has("next") || has("coming") || has("following") {
        1
    } else {
        0
    };
    let relative_to_last = has("previous")
        || has("following")
        || has("prior")
        || has("preceding")
        || has("same")
        || has("that")
        || (the && has("next") && unit == Unit::Day);
    if relative_to_last {
        if let (Some(p), Unit::Year) = (ctx.last(), unit) {
            let y = p.year() + n;
            return found(c, DATE, anchor::year(y), Some(Point::Year(y)));
        }
        if let (Some(Point::Quarter(y, q)), Unit::Quarter) = (ctx.last(), unit) {
            let (y, q) = anchor::shift_quarter(y, q, n);
            return found(
                c,
                DATE,
                Point::Quarter(y, q).value(),
                Some(Point::Quarter(y, q)),
            );
        }
        if let (Some(Point::Month(y, m)), Unit::Month) = (ctx.last(), unit) {
            let d = NaiveDate::from_ymd_opt(y, m, 1).map(|d| anchor::shift_months(d, n))?;
            let p = Point::Month(d.year(), d.month());
            return found(c, DATE, p.value(), Some(p));
        }
    }
    let r = if relative_to_last {
        last_day(ctx)
    } else {
        ctx.dct
    };
    // "the weekend" and "last weekend": the weekend before the reference
    // unless the reference is itself late in the week.
    if unit == Unit::Weekend {
        let Some(r) = r else {
            return found(c, DATE, "XXXX-WXX-WE".into(), None);
        };
        let base = if n == 0 && r.weekday().number_from_monday() <= 3 {
            -1
        } else {
            n
        };
        let (v, _) = unit_value(Some(r), Unit::Weekend, base);
        return found(c, DATE, v, None);
    }
    let (v, p) = unit_value(r, unit, n);
    found(c, DATE, v, p)
}

fn the_unit(c: &Candidate, ctx: &Ctx, ws: &[Word]) -> Option<Found> {
    let text = ctx.text;
    let (_, unit) = find_unit(ws).or_else(|| {
        ws.iter()
            .any(|w| w.starts_with("year"))
            .then_some((0, Unit::Year))
    })?;
    let edge =
        ws.iter().any(|w| {
            matches!(
                w.as_str(),
                "end"
                    | "beginning"
                    | "start"
                    | "middle"
                    | "close"
                    | "turn"
                    | "half"
                    | "part"
                    | "rest"
                    | "remainder"
                    | "balance"
                    | "early"
                    | "late"
                    | "mid"
                    | "year's"
                    | "full"
                    | "fiscal"
                    | "calendar"
            )
        }) || ws.len() >= 2 && ws.iter().any(|w| w == "year") && ws.iter().any(|w| w == "end");
    let prev = prev_word(text, c.start).to_ascii_lowercase();
    let next = next_word(text, c.end).to_ascii_lowercase();
    let weekend = unit == Unit::Weekend;
    let possessive = text[c.end..].starts_with("'s");
    let of_year = prev == "of" && unit == Unit::Year;
    if !edge && !weekend && !possessive {
        if unit == Unit::Day || unit == Unit::Decade {
            return None;
        }
        if !of_year
            && !matches!(
                prev.as_str(),
                "in" | "for"
                    | "during"
                    | "over"
                    | "throughout"
                    | "since"
                    | "within"
                    | "through"
                    | "all"
                    | "earlier"
                    | "later"
                    | "until"
                    | "by"
            )
        {
            return None;
        }
        if matches!(
            next.as_str(),
            "before" | "after" | "when" | "in" | "that" | "which"
        ) || of_phrase(text, c.end)
            || next.chars().all(|c| c.is_ascii_digit()) && !next.is_empty()
            || text[c.end..].starts_with(['-', '\''])
        {
            return None;
        }
        // "the year ended Sept. 30" is a fiscal year: a duration.
        if matches!(next.as_str(), "ended" | "ending" | "through" | "to") {
            return found(c, DURATION, duration_value(Some(1.0), unit), None);
        }
    }
    if of_phrase(text, c.end) && !edge {
        return None;
    }
    let has = |x: &str| ws.iter().any(|w| w == x);
    let n = if has("last") {
        -1
    } else if has("next") {
        1
    } else {
        0
    };
    if weekend {
        if next == "of" {
            return None;
        }
        let Some(r) = ctx.dct else {
            return found(c, DATE, "XXXX-WXX-WE".into(), None);
        };
        let base = if n == 0 && r.weekday().number_from_monday() <= 3 {
            -1
        } else {
            n
        };
        let (v, _) = unit_value(Some(r), Unit::Weekend, base);
        return found(c, DATE, v, None);
    }
    if let (Some(Point::Year(y)), Unit::Year, 0) = (ctx.last(), unit, n) {
        if !has("this") && ctx.dct.is_none_or(|d| y != d.year()) && has("the") {
            return found(c, DATE, anchor::year(y), Some(Point::Year(y)));
        }
    }
    let (v, p) = unit_value(ctx.dct, unit, n);
    found(c, DATE, v, p)
}

fn ago(c: &Candidate, ctx: &Ctx, ws: &[Word]) -> Option<Found> {
    let (ui, unit) = find_unit(ws)?;
    let dir_word = ws.last()?.as_str();
    let sign = match dir_word {
        "ago" | "earlier" | "before" => -1,
        _ => 1,
    };
    let relative_to_last = matches!(dir_word, "earlier" | "later" | "before" | "after");
    let num_words = &ws[..ui];
    let n = number_value(num_words);
    let vague = vague(num_words) || n.is_none();
    if vague {
        let v = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
        return found(c, DATE, v.into(), None);
    }
    let n = n? as i32;
    let anchor_point = match ctx.last() {
        Some(Point::Quarter(..)) if matches!(unit, Unit::Year) => ctx.recent_quarter(c.start),
        Some(p) if relative_to_last && matches!(unit, Unit::Year) => Some(p),
        _ => None,
    };
    if let Some(p) = anchor_point {
        let q = p.shift_years(sign * n);
        return found(c, DATE, q.value(), None);
    }
    let r = if relative_to_last {
        last_day(ctx)
    } else {
        ctx.dct
    };
    let (unit, n) = match unit {
        Unit::Decade => (Unit::Year, n * 10),
        Unit::Century => (Unit::Year, n * 100),
        Unit::Half => (Unit::Month, n * 6),
        u => (u, n),
    };
    if unit.is_time() {
        let (v, p) = day_value(r, None);
        return found(c, DATE, v, p);
    }
    let (v, p) = unit_value(r, unit, sign * n);
    found(c, DATE, v, p)
}

fn duration(c: &Candidate, ctx: &Ctx, ws: &[Word]) -> Option<Found> {
    let text = ctx.text;
    let (ui, unit) = find_unit(ws).or_else(|| {
        ws.iter()
            .position(|w| w == "second" || w == "seconds")
            .map(|i| (i, Unit::Second))
    })?;
    if ws.last().is_some_and(|w| w == "old") || next_word(text, c.end).eq_ignore_ascii_case("old") {
        return None;
    }
    let next = next_word(text, c.end).to_ascii_lowercase();
    let num_words: Vec<Word> = ws[..ui]
        .iter()
        .filter(|w| {
            !matches!(
                w.as_str(),
                "the"
                    | "past"
                    | "last"
                    | "next"
                    | "first"
                    | "final"
                    | "coming"
                    | "previous"
                    | "following"
                    | "latest"
                    | "initial"
                    | "same"
                    | "remaining"
                    | "full"
                    | "entire"
                    | "whole"
                    | "each"
                    | "of"
            )
        })
        .cloned()
        .collect();
    let bare_article = num_words.len() == 1 && matches!(num_words[0].as_str(), "a" | "an");
    if unit == Unit::Second && (bare_article || num_words.is_empty()) {
        return None;
    }
    if unit == Unit::Quarter && bare_article {
        return None;
    }
    // "a years-long conflict": the article belongs to the noun.
    if bare_article && ws[ui].ends_with('s') {
        return None;
    }
    if unit == Unit::Half {
        return None;
    }
    if next == "of" && bare_article && matches!(unit, Unit::Century | Unit::Decade) {
        return None;
    }
    // "three-quarters of its food", "more than a quarter of the market".
    if unit == Unit::Quarter && next == "of" {
        return None;
    }
    // "60 Minutes" the programme: a capitalised unit inside a sentence.
    let unit_word = &text[c.start..c.end]
        .rsplit(|ch: char| ch.is_whitespace() || ch == '-')
        .next()
        .unwrap_or("");
    let all_caps = !text[c.start..c.end].chars().any(char::is_lowercase);
    if is_capitalised(unit_word) && !all_caps {
        return None;
    }
    let n = number_value(&num_words);
    let vague = vague(&num_words) || n.is_none();
    let n = if vague { None } else { n };
    // Money and counts before the unit ("$5 a year") are rates, not here.
    if bare_article && rate_before(text, c.start) {
        return None;
    }
    if n.is_some_and(|n| n > 999.0) {
        return None;
    }
    // TimeML keeps "at least", "more than", "nearly" inside the span but not
    // "about", "only", "just"; an adjectival "the two-week" loses "the".
    let mut start = trim_leading(
        text,
        c.start,
        c.end,
        &[
            "about",
            "almost",
            "only",
            "just",
            "some",
            "roughly",
            "approximately",
            "around",
            "each",
            "of",
        ],
    );
    if text[start..c.end].to_ascii_lowercase().starts_with("over ")
        && !ws.iter().any(|w| w == "a" || w == "an")
    {
        start = trim_leading(text, start, c.end, &["over"]);
    }
    if ws.windows(2).any(|p| p[0] == "each" && p[1] == "of") {
        start = c.start;
    }
    let hyphenated = text[start..c.end]
        .split_whitespace()
        .last()
        .is_some_and(|w| w.contains('-'));
    if hyphenated {
        start = trim_leading(text, start, c.end, &["the", "a", "an"]);
    }
    found_at(start, c.end, DURATION, duration_value(n, unit), None)
}

fn set(c: &Candidate, ctx: &Ctx, ws: &[Word]) -> Option<Found> {
    let text = ctx.text;
    let first = ws.first()?.as_str();
    if matches!(
        first,
        "daily"
            | "weekly"
            | "monthly"
            | "annually"
            | "yearly"
            | "hourly"
            | "nightly"
            | "biweekly"
            | "semiannually"
    ) {
        let prev = prev_word(text, c.start);
        let span = &text[c.start..c.end];
        if (is_capitalised(span) && !sentence_start(text, c.start))
            || (is_capitalised(prev) && !sentence_start(text, c.start))
            || matches!(prev.to_ascii_lowercase().as_str(), "average" | "a" | "the")
            || (first == "annually" && rate_before(text, c.start))
        {
            return None;
        }
        let v = match first {
            "daily" => "P1D",
            "nightly" => "P1D",
            "weekly" => "P1W",
            "biweekly" => "P2W",
            "monthly" => "P1M",
            "hourly" => "PT1H",
            "semiannually" => "P6M",
            _ => "P1Y",
        };
        return found(c, SET, v.into(), None);
    }
    if matches!(first, "twice" | "once") {
        let (_, unit) = find_unit(ws)?;
        return found(c, SET, duration_value(Some(1.0), unit), None);
    }
    let rest = &ws[1..];
    if let Some(wd) = rest.iter().find_map(|w| lexicon::weekday(w)) {
        let pod = pod_of(rest).map(|p| format!("T{p}")).unwrap_or_default();
        return found(c, SET, format!("XXXX-WXX-{wd}{pod}"), None);
    }
    if let Some(m) = rest.iter().find_map(|w| lexicon::month(w)) {
        return found(c, SET, format!("XXXX-{m:02}"), None);
    }
    if let Some(s) = rest.iter().find_map(|w| lexicon::season(w)) {
        return found(c, SET, format!("XXXX-{s}"), None);
    }
    if let Some(p) = pod_of(rest) {
        return found(c, SET, format!("XXXX-XX-XXT{p}"), None);
    }
    let (ui, unit) = find_unit(rest).or_else(|| {
        rest.iter()
            .position(|w| w.starts_with("second"))
            .map(|i| (i, Unit::Second))
    })?;
    let mut n = number_value(&rest[..ui]).unwrap_or(1.0);
    if rest.iter().any(|w| w == "other") {
        n *= 2.0;
    }
    found(c, SET, duration_value(Some(n), unit), None)
}

fn reference(c: &Candidate, ctx: &Ctx, ws: &[Word]) -> Option<Found> {
    let text = ctx.text;
    let next = next_word(text, c.end).to_ascii_lowercase();
    let prev = prev_word(text, c.start).to_ascii_lowercase();
    let after = &text[c.end..];
    if after.starts_with('-') {
        return None;
    }
    let key = ws
        .iter()
        .rev()
        .find(|w| {
            !matches!(
                w.as_str(),
                "the"
                    | "near"
                    | "distant"
                    | "foreseeable"
                    | "immediate"
                    | "more"
                    | "most"
                    | "very"
                    | "only"
                    | "right"
                    | "just"
                    | "until"
                    | "even"
                    | "by"
                    | "from"
            )
        })
        .map(Word::as_str)?;
    let value = match key {
        "now" => {
            if prev == "from" {
                return None;
            }
            "PRESENT_REF"
        }
        "current" => {
            // The adjective, but not the electrical or the accounting term.
            if matches!(
                next.as_str(),
                "account"
                    | "accounts"
                    | "liabilities"
                    | "assets"
                    | "affairs"
                    | "events"
                    | "ratio"
                    | "flow"
                    | "flows"
                    | "yield"
                    | "yields"
                    | "dollars"
                    | "prices"
                    | "issue"
            ) || next.is_empty()
                || prev == "the" && next == "one"
            {
                return None;
            }
            "PRESENT_REF"
        }
        "currently" | "nowadays" | "presently" | "days" | "present" | "day" => "PRESENT_REF",
        "possible" | "date" => "FUTURE_REF",
        "recently" | "lately" | "formerly" | "previously" => "PAST_REF",
        "past" => {
            if next == "of"
                || (!next.is_empty()
                    && next
                        .chars()
                        .next()
                        .is_some_and(|ch| ch.is_ascii_lowercase())
                    && !matches!(
                        next.as_str(),
                        "and"
                            | "or"
                            | "but"
                            | "as"
                            | "when"
                            | "because"
                            | "to"
                            | "in"
                            | "at"
                            | "for"
                            | "with"
                            | "has"
                            | "have"
                            | "had"
                            | "was"
                            | "were"
                            | "is"
                            | "are"
                            | "they"
                            | "we"
                            | "he"
                            | "she"
                            | "it"
                            | "this"
                            | "that"
                            | "there"
                            | "the"
                            | "a"
                            | "an"
                            | "not"
                            | "than"
                            | "been"
                            | "would"
                            | "will"
                            | "on"
                            | "by"
                    ))
            {
                return None;
            }
            "PAST_REF"
        }
        "soon" => {
            if prev == "as" || after.starts_with('-') {
                return None;
            }
            "FUTURE_REF"
        }
        "future" | "term" => {
            if next == "of" || next == "for" && key == "future" {
                return None;
            }
            if key == "term" && ws.iter().any(|w| w == "long") {
                return None;
            }
            "FUTURE_REF"
        }
        _ => return None,
    };
    found(c, DATE, value.into(), None)
}

/// Finds a moveable holiday's date in a given year.
type HolidayRule = fn(i32) -> Option<NaiveDate>;

fn holiday(c: &Candidate, ctx: &Ctx, ws: &[Word]) -> Option<Found> {
    let rel = ws
        .iter()
        .take_while(|w| matches!(w.as_str(), "last" | "this" | "next" | "past" | "coming"))
        .count();
    let dir = match ws.first().map(Word::as_str) {
        _ if rel == 0 => tense_marker(ctx.text, c.start, c.end).unwrap_or(Direction::Nearest),
        Some("last") | Some("past") => Direction::Past,
        Some("next") | Some("coming") => Direction::Future,
        _ if rel == 2 && ws[1] == "past" => Direction::Past,
        _ if rel == 2 => Direction::Future,
        _ => Direction::Nearest,
    };
    let ws = &ws[rel..];
    let joined = ws.iter().map(Word::as_str).collect::<Vec<_>>().join(" ");
    let fixed = |m: u32, d: u32| Some((m, d));
    let rule: HolidayRule;
    let (md, computed): (Option<(u32, u32)>, Option<HolidayRule>) = if joined
        .starts_with("christmas eve")
    {
        (fixed(12, 24), None)
    } else if joined.starts_with("christmas") {
        (fixed(12, 25), None)
    } else if joined.starts_with("new year's eve") {
        (fixed(12, 31), None)
    } else if joined.starts_with("new year's") {
        (fixed(1, 1), None)
    } else if joined.starts_with("independence") {
        (fixed(7, 4), None)
    } else if joined.starts_with("veterans") {
        (fixed(11, 11), None)
    } else if joined.starts_with("halloween") {
        (fixed(10, 31), None)
    } else if joined.starts_with("valentine") {
        (fixed(2, 14), None)
    } else if joined.starts_with("boxing") {
        (fixed(12, 26), None)
    } else {
        rule = match joined.split(' ').next()? {
            "thanksgiving" => |y| anchor::nth_weekday(y, 11, 4, 4),
            "easter" if joined.contains("monday") => {
                |y| anchor::easter(y).map(|d| anchor::shift_days(d, 1))
            }
            "easter" => anchor::easter,
            "good" => |y| anchor::easter(y).map(|d| anchor::shift_days(d, -2)),
            "memorial" => |y| anchor::nth_weekday(y, 5, 1, -1),
            "labor" => |y| anchor::nth_weekday(y, 9, 1, 1),
            "election" => |y| anchor::nth_weekday(y, 11, 1, 1).map(|d| anchor::shift_days(d, 1)),
            "mother's" => |y| anchor::nth_weekday(y, 5, 7, 2),
            "father's" => |y| anchor::nth_weekday(y, 6, 7, 3),
            "martin" => |y| anchor::nth_weekday(y, 1, 1, 3),
            "presidents" | "presidents'" => |y| anchor::nth_weekday(y, 2, 1, 3),
            "columbus" => |y| anchor::nth_weekday(y, 10, 1, 2),
            _ => return None,
        };
        (None, Some(rule))
    };
    let year = explicit_year(ws).or_else(|| {
        let dct = ctx.dct?;
        let (m, d) = match (md, computed) {
            (Some(md), _) => md,
            (None, Some(f)) => f(dct.year()).map(|x| (x.month(), x.day()))?,
            _ => return None,
        };
        Some(anchor::year_for(dct, m, Some(d), dir))
    });
    let date = match (year, md, computed) {
        (Some(y), Some((m, d)), _) => NaiveDate::from_ymd_opt(y, m, d),
        (Some(y), None, Some(f)) => f(y),
        (None, Some((m, d)), _) => return found(c, DATE, format!("XXXX-{m:02}-{d:02}"), None),
        _ => return found(c, DATE, "XXXX-XX-XX".into(), None),
    }?;
    if joined.ends_with("week") {
        return found(c, DATE, anchor::week(date), None);
    }
    found(c, DATE, anchor::day(date), Some(Point::Day(date)))
}

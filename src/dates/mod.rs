//! Temporal expressions and their TIMEX3 values, anchored on the article's
//! publication date.
//!
//! Three steps, one module each: [`patterns`] recognises candidate spans
//! (one compiled regex per kind of expression), [`interpret`] accepts or
//! rejects each candidate in context and computes its type and value, and
//! [`anchor`] does the calendar arithmetic. Between equal or overlapping
//! accepted candidates the longest wins. Values are computed in text order
//! so that "a year earlier" or "the following day" can lean on the last
//! point in time mentioned.

pub mod anchor;
mod context;
pub mod interpret;
pub mod lexicon;
pub mod patterns;
mod value;

use std::cell::Cell;

use chrono::NaiveDate;

use crate::span::{Label, Method, Span};

use self::{
    interpret::{interpret, Ctx, Found},
    patterns::Candidate,
};

/// Finds temporal expressions in `text`; `dct` is the publication date.
///
/// Each span has `label: Label::Date`, `method: Method::Date`, the TIMEX3
/// `value` and `timex_type` (`DATE`, `TIME`, `DURATION`, `SET`), in byte
/// offsets into `text`. Spans never overlap and come in text order.
pub fn find_dates(text: &str, dct: Option<NaiveDate>) -> Vec<Span> {
    let mut cands = patterns::candidates(text);
    if cands.is_empty() {
        return Vec::new();
    }
    // Validate each candidate on its own (no anchoring yet), so that a
    // rejected long candidate leaves room for a shorter valid one; note
    // whether it leaned on the last point mentioned.
    let leaned = Cell::new(false);
    let probe = Ctx::new(text, dct).watched_by(&leaned);
    let mut accepted: Vec<(Candidate, Found, bool)> = cands
        .drain(..)
        .filter_map(|c| {
            leaned.set(false);
            let f = interpret(&c, &probe)?;
            Some((c, f, leaned.get()))
        })
        .collect();
    // Longest first, then rule priority, then leftmost.
    accepted.sort_by(|a, b| {
        (b.1.end - b.1.start)
            .cmp(&(a.1.end - a.1.start))
            .then(a.0.rule.cmp(&b.0.rule))
            .then(a.1.start.cmp(&b.1.start))
    });
    let mut kept: Vec<(Candidate, Found, bool)> = Vec::with_capacity(accepted.len());
    let mut taken = crate::resolve::Taken::default();
    for a in accepted {
        if taken.take(a.1.start, a.1.end) {
            kept.push(a);
        }
    }
    kept.sort_by_key(|(_, f, _)| f.start);

    // In text order, anchored on the last point mentioned; a candidate
    // whose probe did not lean on it keeps the probe's reading.
    let mut last = None;
    let mut last_end = 0;
    let mut out = Vec::with_capacity(kept.len());
    for (c, probed, leaned) in kept {
        let reading = if leaned {
            interpret(&c, &Ctx::new(text, dct).after(last, last_end))
        } else {
            Some(probed)
        };
        let Some(Found {
            start,
            end,
            timex_type,
            value,
            point,
        }) = reading
        else {
            continue;
        };
        if point.is_some() {
            last = point;
            last_end = end;
        }
        let mut span = Span::entity(start, end, Label::Date, "", "", Method::Date);
        span.value = value;
        span.timex_type = timex_type.to_string();
        out.push(span);
    }
    out
}

#[cfg(test)]
mod tests;

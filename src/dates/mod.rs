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
    // rejected long candidate leaves room for a shorter valid one.
    let probe = Ctx {
        text,
        dct,
        last: None,
        last_end: 0,
    };
    let mut accepted: Vec<(Candidate, usize, usize)> = cands
        .drain(..)
        .filter_map(|c| interpret(&c, &probe).map(|f| (c, f.start, f.end)))
        .collect();
    // Longest first, then rule priority, then leftmost.
    accepted.sort_by(|a, b| {
        (b.2 - b.1)
            .cmp(&(a.2 - a.1))
            .then(a.0.rule.cmp(&b.0.rule))
            .then(a.1.cmp(&b.1))
    });
    let mut kept: Vec<(Candidate, usize, usize)> = Vec::with_capacity(accepted.len());
    let mut taken = crate::resolve::Taken::default();
    for (c, s, e) in accepted {
        if taken.take(s, e) {
            kept.push((c, s, e));
        }
    }
    kept.sort_by_key(|&(_, s, _)| s);

    let mut last = None;
    let mut last_end = 0;
    let mut out = Vec::with_capacity(kept.len());
    for (c, _, _) in kept {
        let ctx = Ctx {
            text,
            dct,
            last,
            last_end,
        };
        let Some(Found {
            start,
            end,
            timex_type,
            value,
            point,
        }) = interpret(&c, &ctx)
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

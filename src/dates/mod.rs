//! Temporal expressions and their TIMEX3 values, anchored on the article's
//! publication date.
//!
//! Three steps, one module each: [`patterns`] recognises candidate spans
//! (one compiled regex per kind of expression), [`interpret()`] accepts or
//! rejects each candidate in context and computes its type and value, and
//! [`anchor`] does the calendar arithmetic. Between equal or overlapping
//! accepted candidates the longest wins. Values are computed in text order
//! so that "a year earlier" or "the following day" can lean on the last
//! point in time mentioned.

pub mod anchor;
mod check;
mod context;
mod grammar;
pub mod interpret;
mod keyword;
pub mod lexicon;
pub mod patterns;
mod value;

use std::{cell::Cell, cmp::Reverse, collections::BinaryHeap};

use chrono::NaiveDate;

use crate::{
    resolve::Taken,
    span::{Label, Method, Span},
};

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
    let cands = patterns::candidates(text);
    if cands.is_empty() {
        return Vec::new();
    }
    let kept = choose(text, dct, &cands);

    // In text order, anchored on the last point mentioned; a candidate
    // whose probe did not lean on it, or that follows no point (as the
    // probe did not), keeps the probe's reading.
    let mut last = None;
    let mut last_end = 0;
    let mut out = Vec::with_capacity(kept.len());
    for (c, probed, leaned) in kept {
        let reading = if leaned && last.is_some() {
            interpret(c, &Ctx::new(text, dct).after(last, last_end))
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

/// The candidates that stand, in text order, each with its reading and
/// whether that reading leaned on the last point mentioned.
///
/// Each candidate is validated on its own (no anchoring yet), so that a
/// rejected long candidate leaves room for a shorter valid one; then the
/// longest reading wins, then rule priority, then the leftmost. A reading
/// never reaches outside its candidate, so the candidate's length bounds
/// its reading's: candidates are read lazily in order of that bound, and
/// one whose every byte is already claimed is never read at all (whatever
/// it read, it would lose).
fn choose<'a>(
    text: &str,
    dct: Option<NaiveDate>,
    cands: &'a [Candidate],
) -> Vec<(&'a Candidate, Found, bool)> {
    let leaned = Cell::new(false);
    let probe = Ctx::new(text, dct).watched_by(&leaned);
    // Smallest first: (longest, rule, leftmost), then whether read yet;
    // a read candidate's entry also holds where its reading is kept.
    let key = |len: usize, rule: usize, start: usize| (Reverse(len), rule, start);
    let mut queue: BinaryHeap<Reverse<Entry>> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| Reverse((key(c.end - c.start, c.rule, c.start), false, i, 0)))
        .collect();
    let mut readings: Vec<Option<(Found, bool)>> = Vec::new();
    let mut claimed = Taken::default();
    let mut kept = Vec::new();
    while let Some(Reverse((_, read, i, slot))) = queue.pop() {
        let c = &cands[i];
        if read {
            let (found, leaned) = readings[slot]
                .take()
                .expect("a read candidate has its reading");
            if claimed.take(found.start, found.end) {
                kept.push((c, found, leaned));
            }
            continue;
        }
        if claimed.covers(c.start, c.end) {
            continue;
        }
        leaned.set(false);
        let Some(found) = interpret(c, &probe) else {
            continue;
        };
        let k = key(found.end - found.start, c.rule, found.start);
        // A reading that comes before everything left is chosen now, as
        // it would be when queued and taken out again at once.
        let next = (k, true, i);
        if queue
            .peek()
            .is_none_or(|Reverse((top, top_read, j, _))| (*top, *top_read, *j) > next)
        {
            if claimed.take(found.start, found.end) {
                kept.push((c, found, leaned.get()));
            }
            continue;
        }
        readings.push(Some((found, leaned.get())));
        queue.push(Reverse((k, true, i, readings.len() - 1)));
    }
    kept.sort_by_key(|(_, f, _)| f.start);
    kept
}

/// A candidate in the queue of [`choose`]: its order ([`Key`], then
/// unread before read, then the candidate's index), and for a read one
/// where its reading is kept. No two entries share their first three.
type Entry = (Key, bool, usize, usize);

/// The order in which readings are chosen.
type Key = (Reverse<usize>, usize, usize);

#[cfg(test)]
mod tests;

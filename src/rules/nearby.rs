//! The spans of a field by their starts: the few spans near a name are
//! found by a binary search rather than by reading every span of the field
//! (a long article has hundreds, and asks about thousands of names).

use std::cell::RefCell;

use crate::{reuse, span::Span};

thread_local! {
    /// This thread's spare index, kept from one field to the next (so that
    /// each field's is neither allocated nor faulted in afresh).
    static SPARE: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// Fields with more spans than this have them indexed (fewer are read
/// through as fast as they are searched).
pub const INDEX_FROM: usize = 8;

/// The order of a list of spans by start, made for that list (which must
/// not change while it is used).
#[derive(Debug, Default)]
pub struct Nearby {
    /// Each span's start, shifted up 32 bits, above its index in the list,
    /// in order (empty when the list is not indexed: all of it is read).
    by_start: Vec<u64>,
    /// The longest span, in bytes.
    longest: usize,
}

/// The low 32 bits of an entry of [`Nearby::by_start`]: a span's index.
const INDEX_BITS: u64 = 0xffff_ffff;

impl Nearby {
    /// The order of `spans` by start, when there are more than
    /// [`INDEX_FROM`] of them (and their offsets and count fit in 32 bits).
    pub fn new(spans: &[Span]) -> Self {
        let fits = |s: &Span| u32::try_from(s.end).is_ok() && s.start <= s.end;
        if spans.len() <= INDEX_FROM
            || u32::try_from(spans.len()).is_err()
            || !spans.iter().all(fits)
        {
            return Nearby::default();
        }
        let mut by_start = reuse::take(&SPARE);
        by_start.clear();
        by_start.extend(
            spans
                .iter()
                .enumerate()
                .map(|(k, s)| (s.start as u64) << 32 | k as u64),
        );
        // Mostly in order already: the dictionary's matches are.
        by_start.sort_unstable();
        let longest = spans.iter().map(|s| s.end - s.start).max().unwrap_or(0);
        Nearby { by_start, longest }
    }

    /// Whether [`Nearby::touching`] reads only the spans near a name.
    pub fn is_indexed(&self) -> bool {
        !self.by_start.is_empty()
    }

    /// The spans of `spans` (the list this was made for) that may touch
    /// `start..end`: every span overlapping it, within it or holding it is
    /// among them (with others), each once. In the list's order when it is
    /// not indexed; by start, then index, when it is. A list of another
    /// length than the one indexed is read whole.
    pub fn touching<'s>(&'s self, spans: &'s [Span], start: usize, end: usize) -> Touching<'s> {
        if !self.is_indexed() || self.by_start.len() != spans.len() {
            return Touching {
                spans,
                keys: [].iter(),
                past: 0,
                rest: spans.iter(),
            };
        }
        // A span starting `longest` bytes or more before `start` ends by
        // `start`; one starting after `end` is past it (the walk from the
        // first one that may touch stops there).
        let from = (start.saturating_sub(self.longest) as u64) << 32;
        let lo = self.by_start.partition_point(|&k| k < from);
        Touching {
            spans,
            keys: self.by_start[lo..].iter(),
            past: (end as u64 + 1) << 32,
            rest: [].iter(),
        }
    }
}

impl Drop for Nearby {
    /// Gives the index's room back to the thread, for the next field.
    fn drop(&mut self) {
        if self.by_start.capacity() > 0 {
            reuse::give(&SPARE, std::mem::take(&mut self.by_start), Vec::capacity);
        }
    }
}

/// The spans [`Nearby::touching`] gives.
#[derive(Debug, Clone)]
pub struct Touching<'s> {
    /// The list indexed.
    spans: &'s [Span],
    /// The entries of the index from the first that may touch the name.
    keys: std::slice::Iter<'s, u64>,
    /// The first entry past the name (spans starting after its end).
    past: u64,
    /// The whole list, when it is not indexed.
    rest: std::slice::Iter<'s, Span>,
}

impl<'s> Iterator for Touching<'s> {
    type Item = &'s Span;

    #[inline]
    fn next(&mut self) -> Option<&'s Span> {
        if let Some(s) = self.rest.next() {
            return Some(s);
        }
        let &k = self.keys.next()?;
        if k >= self.past {
            self.keys = [].iter();
            return None;
        }
        Some(&self.spans[(k & INDEX_BITS) as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::{Label, Method};

    /// Unordered, nested and overlapping spans.
    fn spans(n: usize) -> Vec<Span> {
        (0..n)
            .map(|k| {
                let start = (k * 37) % 200;
                let len = 1 + (k * 11) % 23;
                Span::entity(start, start + len, Label::Org, "x", "", Method::Rule)
            })
            .collect()
    }

    #[test]
    fn every_span_a_name_touches_is_found_once() {
        for n in [3, INDEX_FROM + 1, 40] {
            let spans = spans(n);
            let nearby = Nearby::new(&spans);
            assert_eq!(nearby.is_indexed(), n > INDEX_FROM);
            for start in 0..230 {
                for end in start + 1..start + 30 {
                    let touches = |s: &Span| s.start <= end && start <= s.end;
                    let want: Vec<*const Span> = spans
                        .iter()
                        .filter(|s| touches(s))
                        .map(|s| s as *const Span)
                        .collect();
                    let mut got: Vec<*const Span> = nearby
                        .touching(&spans, start, end)
                        .filter(|s| touches(s))
                        .map(|s| s as *const Span)
                        .collect();
                    got.sort_by_key(|&p| spans.iter().position(|s| std::ptr::eq(s, p)));
                    assert_eq!(got, want, "{n} spans, name at {start}..{end}");
                }
            }
        }
    }
}

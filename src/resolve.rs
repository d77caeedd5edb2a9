//! Overlap resolution: the final mentions of a field never overlap. The
//! longer span wins; between equal lengths, the one that came first in the
//! input order (entities before dates) wins.

use std::collections::BTreeMap;

use crate::span::Span;

/// A set of non-overlapping byte ranges that a new range may join only if
/// it overlaps none of them, checked in O(log n).
#[derive(Debug, Clone, Default)]
pub struct Taken {
    /// start -> end of each range taken.
    ranges: BTreeMap<usize, usize>,
}

impl Taken {
    /// Takes `[start, end)` unless it is empty or overlaps a range already taken.
    pub fn take(&mut self, start: usize, end: usize) -> bool {
        if end <= start {
            return false;
        }
        // Taken ranges never overlap, so among those starting before `end`
        // the last one also ends last: it alone can reach past `start`.
        if let Some((_, &prev_end)) = self.ranges.range(..end).next_back() {
            if prev_end > start {
                return false;
            }
        }
        self.ranges.insert(start, end);
        true
    }
}

/// Keeps a non-overlapping subset of `spans`, sorted by start.
pub fn resolve_overlaps(spans: Vec<Span>) -> Vec<Span> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by(|&a, &b| spans[b].len().cmp(&spans[a].len()).then(a.cmp(&b)));
    let mut kept: Vec<usize> = Vec::with_capacity(spans.len());
    let mut taken = Taken::default();
    for i in order {
        if taken.take(spans[i].start, spans[i].end) {
            kept.push(i);
        }
    }
    kept.sort_by_key(|&i| (spans[i].start, spans[i].end));
    let mut slots: Vec<Option<Span>> = spans.into_iter().map(Some).collect();
    kept.into_iter().filter_map(|i| slots[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::{Label, Method};

    fn s(start: usize, end: usize, label: Label) -> Span {
        Span::entity(start, end, label, "", "", Method::Dictionary)
    }

    #[test]
    fn taken_checks_both_neighbours() {
        let mut t = Taken::default();
        assert!(t.take(0, 2));
        assert!(t.take(5, 6));
        assert!(!t.take(1, 7));
        assert!(!t.take(5, 6));
        assert!(!t.take(4, 4));
        assert!(t.take(3, 4));
        assert!(t.take(2, 3));
        assert!(!t.take(0, 10));
    }

    #[test]
    fn longer_wins_then_first() {
        let out = resolve_overlaps(vec![
            s(0, 5, Label::Place),
            s(0, 10, Label::Org),
            s(12, 15, Label::Person),
            s(12, 15, Label::Date),
        ]);
        let got: Vec<_> = out.iter().map(|s| (s.start, s.end, s.label)).collect();
        assert_eq!(got, vec![(0, 10, Label::Org), (12, 15, Label::Person)]);
    }
}

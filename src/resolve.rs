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

    /// Whether every byte of `[start, end)` lies in a range already taken.
    pub fn covers(&self, start: usize, end: usize) -> bool {
        let mut at = start;
        while at < end {
            match self.ranges.range(..=at).next_back() {
                Some((_, &range_end)) if range_end > at => at = range_end,
                _ => return false,
            }
        }
        true
    }
}

/// Keeps a non-overlapping subset of `spans`, sorted by start.
///
/// Spans that overlap no other span are kept as they are; only the runs
/// of mutually overlapping spans (clusters in start order) go through the
/// longest-first choice. Clusters never overlap one another, so choosing
/// within each is the same as choosing over the whole field.
pub fn resolve_overlaps(mut spans: Vec<Span>) -> Vec<Span> {
    let mut order: Vec<u32> = (0..spans.len() as u32)
        .filter(|&i| spans[i as usize].end > spans[i as usize].start)
        .collect();
    order.sort_unstable_by_key(|&i| (spans[i as usize].start, spans[i as usize].end, i));
    let mut keep = vec![false; spans.len()];
    let mut first = 0;
    while first < order.len() {
        let last = cluster_end(&spans, &order, first);
        if last == first + 1 {
            keep[order[first] as usize] = true;
        } else {
            choose_in_cluster(&spans, &order[first..last], &mut keep);
        }
        first = last;
    }
    let mut kept = keep.iter();
    spans.retain(|_| kept.next().copied().unwrap_or(false));
    if !spans
        .windows(2)
        .all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end))
    {
        spans.sort_by_key(|s| (s.start, s.end));
    }
    spans
}

/// One past the last position of the cluster starting at `order[first]`:
/// each further span starts before the furthest end so far.
fn cluster_end(spans: &[Span], order: &[u32], first: usize) -> usize {
    let mut reach = spans[order[first] as usize].end;
    let mut last = first + 1;
    while let Some(&i) = order.get(last) {
        let s = &spans[i as usize];
        if s.start >= reach {
            break;
        }
        reach = reach.max(s.end);
        last += 1;
    }
    last
}

/// Marks in `keep` the spans of one cluster that win: longest first,
/// between equal lengths the first in the input, each kept unless it
/// overlaps one kept before.
fn choose_in_cluster(spans: &[Span], cluster: &[u32], keep: &mut [bool]) {
    let mut by_length = cluster.to_vec();
    by_length.sort_unstable_by_key(|&i| (std::cmp::Reverse(spans[i as usize].len()), i));
    let mut taken = Taken::default();
    for i in by_length {
        let s = &spans[i as usize];
        if taken.take(s.start, s.end) {
            keep[i as usize] = true;
        }
    }
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
    fn covers_needs_every_byte_taken() {
        let mut t = Taken::default();
        assert!(t.take(0, 2));
        assert!(t.take(2, 4));
        assert!(t.take(6, 8));
        assert!(t.covers(0, 4));
        assert!(t.covers(1, 3));
        assert!(t.covers(6, 7));
        assert!(!t.covers(3, 5));
        assert!(!t.covers(4, 6));
        assert!(!t.covers(0, 8));
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

    /// The plain longest-first choice over the whole field, which the
    /// clustered one must equal.
    fn reference(spans: Vec<Span>) -> Vec<Span> {
        let mut order: Vec<usize> = (0..spans.len()).collect();
        order.sort_by(|&a, &b| spans[b].len().cmp(&spans[a].len()).then(a.cmp(&b)));
        let mut kept: Vec<usize> = Vec::new();
        let mut taken = Taken::default();
        for i in order {
            if taken.take(spans[i].start, spans[i].end) {
                kept.push(i);
            }
        }
        kept.sort_by_key(|&i| (spans[i].start, spans[i].end));
        kept.into_iter().map(|i| spans[i].clone()).collect()
    }

    #[test]
    fn clusters_choose_as_the_whole_field_does() {
        let labels = [Label::Person, Label::Org, Label::Place, Label::Date];
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..3000 {
            let count = next(14);
            let spans: Vec<Span> = (0..count)
                .map(|_| {
                    let start = next(40);
                    let end = start + next(9);
                    s(start, end, labels[next(4)])
                })
                .collect();
            let got = resolve_overlaps(spans.clone());
            assert_eq!(got, reference(spans.clone()), "{spans:?}");
        }
    }
}

//! Overlap resolution: the final mentions of a field never overlap. The
//! longer span wins; between equal lengths, the one that came first in the
//! input order (entities before dates) wins.

use crate::span::Span;

/// Keeps a non-overlapping subset of `spans`, sorted by start.
pub fn resolve_overlaps(spans: Vec<Span>) -> Vec<Span> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by(|&a, &b| spans[b].len().cmp(&spans[a].len()).then(a.cmp(&b)));
    let mut kept: Vec<usize> = Vec::with_capacity(spans.len());
    for i in order {
        if spans[i].is_empty() || kept.iter().any(|&k| spans[k].overlaps(&spans[i])) {
            continue;
        }
        kept.push(i);
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

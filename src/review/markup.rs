//! Marked-up text: wraps byte ranges of one field in elements and inserts
//! zero-width markers, producing well-formed HTML whatever the overlaps.
//!
//! Ranges that nest properly (a quote containing mentions) become nested
//! elements. Ranges that cross (a speaker span that starts inside a quote and
//! ends after it) are split into fragments: at a boundary every element above
//! the one that ends is closed and reopened, so tags always balance. All
//! fragments of one range carry the same attributes; only the first carries
//! its `id`. The text between boundaries is HTML-escaped, and no text is
//! added: the field's `textContent` in a browser is exactly the field.

use super::escape::push_escaped;

/// One range to wrap in an element, in byte offsets into the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrap {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Nesting preference among ranges that start together: lower is outer.
    pub layer: u8,
    /// Attributes, already escaped, with a leading space (`class="m PLACE"` ...).
    pub attrs: String,
    /// The `id` of the first fragment, when the range is a link target.
    pub id: Option<String>,
}

/// A zero-width element (no text content) inserted at a byte offset, after
/// the elements that end there and before those that start there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The byte offset.
    pub at: usize,
    /// The element, already escaped (`<span class="who" data-who="..."></span>`).
    pub html: String,
}

/// What [`render`] did, for the page's QA notes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderStats {
    /// Ranges or markers dropped because their offsets were outside the text or not on a character boundary.
    pub dropped: usize,
    /// Extra fragments created by crossing ranges.
    pub splits: usize,
}

fn valid(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// Appends `text` to `out`, escaped, with `wraps` as `<span>` elements and
/// `markers` inserted. Empty ranges are skipped; invalid ones are dropped and
/// counted.
pub fn render(text: &str, wraps: &[Wrap], markers: &[Marker], out: &mut String) -> RenderStats {
    let mut stats = RenderStats::default();
    let mut order: Vec<usize> = Vec::with_capacity(wraps.len());
    for (i, w) in wraps.iter().enumerate() {
        if !valid(text, w.start, w.end) {
            stats.dropped += 1;
        } else if w.start < w.end {
            order.push(i);
        }
    }
    // Opening order: by start, then outer layers first, then longer first.
    order.sort_by_key(|&i| {
        (
            wraps[i].start,
            wraps[i].layer,
            std::cmp::Reverse(wraps[i].end),
            i,
        )
    });
    let mut marks: Vec<&Marker> = Vec::with_capacity(markers.len());
    for m in markers {
        if valid(text, m.at, m.at) {
            marks.push(m);
        } else {
            stats.dropped += 1;
        }
    }
    marks.sort_by_key(|m| m.at);

    let mut bounds: Vec<usize> = Vec::with_capacity(order.len() * 2 + marks.len() + 1);
    for &i in &order {
        bounds.push(wraps[i].start);
        bounds.push(wraps[i].end);
    }
    bounds.extend(marks.iter().map(|m| m.at));
    bounds.push(text.len());
    bounds.sort_unstable();
    bounds.dedup();

    let mut opened = vec![false; wraps.len()];
    let mut stack: Vec<usize> = Vec::new();
    let (mut next_open, mut next_mark, mut pos) = (0, 0, 0);
    for p in bounds {
        push_escaped(out, &text[pos..p]);
        pos = p;
        // Close everything from the lowest range that ends here up, and
        // reopen the ones above it that go on.
        if let Some(lowest) = stack.iter().position(|&i| wraps[i].end <= p) {
            let mut reopen = Vec::new();
            while stack.len() > lowest {
                let i = stack.pop().expect("stack is longer than lowest");
                out.push_str("</span>");
                if wraps[i].end > p {
                    reopen.push(i);
                }
            }
            for &i in reopen.iter().rev() {
                stats.splits += 1;
                open(out, &wraps[i], false);
                stack.push(i);
            }
        }
        while next_mark < marks.len() && marks[next_mark].at == p {
            out.push_str(&marks[next_mark].html);
            next_mark += 1;
        }
        while next_open < order.len() && wraps[order[next_open]].start == p {
            let i = order[next_open];
            open(out, &wraps[i], !opened[i]);
            opened[i] = true;
            stack.push(i);
            next_open += 1;
        }
    }
    debug_assert!(stack.is_empty(), "every range ends by the end of the text");
    for _ in stack {
        out.push_str("</span>");
    }
    stats
}

fn open(out: &mut String, w: &Wrap, first: bool) {
    out.push_str("<span");
    if let (true, Some(id)) = (first, &w.id) {
        out.push_str(" id=\"");
        push_escaped(out, id);
        out.push('"');
    }
    out.push_str(&w.attrs);
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(start: usize, end: usize, layer: u8, name: &str) -> Wrap {
        Wrap {
            start,
            end,
            layer,
            attrs: format!(" class=\"{name}\""),
            id: None,
        }
    }

    fn run(text: &str, wraps: &[Wrap]) -> String {
        let mut out = String::new();
        render(text, wraps, &[], &mut out);
        out
    }

    /// Strips tags, then unescapes: what a browser's textContent would be.
    fn text_content(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    /// Tags balance: every close matches an open, none left over.
    fn balanced(html: &str) -> bool {
        let mut depth = 0i32;
        for (i, _) in html.match_indices('<') {
            if html[i..].starts_with("</") {
                depth -= 1;
            } else {
                depth += 1;
            }
            if depth < 0 {
                return false;
            }
        }
        depth == 0
    }

    macro_rules! t {
        ($name:ident, $text:expr, [$(($s:expr, $e:expr, $l:expr, $n:expr)),*], $want:expr) => {
            #[test]
            fn $name() {
                let wraps = vec![$(w($s, $e, $l, $n)),*];
                let html = run($text, &wraps);
                assert_eq!(html, $want);
                assert!(balanced(&html), "{html}");
                assert_eq!(text_content(&html), $text);
            }
        };
    }

    t!(no_ranges, "a < b", [], "a &lt; b");
    t!(
        one,
        "in Baku today",
        [(3, 7, 2, "m")],
        "in <span class=\"m\">Baku</span> today"
    );
    t!(
        quote_contains_mention,
        "\"Baku is calm\" he said",
        [(1, 13, 0, "q"), (1, 5, 2, "m")],
        "&quot;<span class=\"q\"><span class=\"m\">Baku</span> is calm</span>&quot; he said"
    );
    t!(
        same_start_outer_layer_first,
        "Baku",
        [(0, 4, 2, "m"), (0, 4, 0, "q")],
        "<span class=\"q\"><span class=\"m\">Baku</span></span>"
    );
    t!(
        crossing_is_split,
        "abcdef",
        [(0, 4, 0, "q"), (2, 6, 1, "s")],
        "<span class=\"q\">ab<span class=\"s\">cd</span></span><span class=\"s\">ef</span>"
    );
    t!(
        adjacent,
        "ab",
        [(0, 1, 2, "m"), (1, 2, 2, "m")],
        "<span class=\"m\">a</span><span class=\"m\">b</span>"
    );
    t!(
        escaped_inside,
        "<script>alert(1)</script>",
        [(8, 16, 2, "m")],
        "&lt;script&gt;<span class=\"m\">alert(1)</span>&lt;/script&gt;"
    );
    t!(empty_range_skipped, "ab", [(1, 1, 2, "m")], "ab");
    t!(
        multibyte,
        "Bakı və Şuşa",
        [(0, 5, 2, "m"), (10, 16, 2, "m")],
        "<span class=\"m\">Bakı</span> və <span class=\"m\">Şuşa</span>"
    );

    #[test]
    fn invalid_offsets_are_dropped_not_panicking() {
        let text = "Bakı";
        let wraps = [
            w(0, 5, 2, "m"),
            w(4, 5, 2, "m"),
            w(2, 9, 2, "m"),
            w(3, 2, 2, "m"),
        ];
        let mut out = String::new();
        let stats = render(text, &wraps, &[], &mut out);
        assert_eq!(stats.dropped, 3);
        assert_eq!(out, "<span class=\"m\">Bakı</span>");
    }

    #[test]
    fn first_fragment_only_has_the_id_and_markers_sit_between_closes_and_opens() {
        let mut a = w(0, 4, 0, "q");
        a.id = Some("q0".into());
        let mut b = w(2, 6, 1, "s");
        b.id = Some("s0".into());
        let markers = [Marker {
            at: 4,
            html: "<i></i>".into(),
        }];
        let mut out = String::new();
        let stats = render("abcdef", &[a, b], &markers, &mut out);
        assert_eq!(
            out,
            "<span id=\"q0\" class=\"q\">ab<span id=\"s0\" class=\"s\">cd</span></span><span class=\"s\"><i></i>ef</span>"
        );
        assert_eq!(stats.splits, 1);
    }

    /// Every random set of ranges gives balanced tags and the exact text.
    #[test]
    fn random_overlaps_always_balance() {
        let text =
            "Azerbaijani army spokesperson Anar Eyvazov told reporters in Şuşa: “We are ready.”";
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..2000 {
            let k = next(6);
            let wraps: Vec<Wrap> = (0..k)
                .map(|_| {
                    let (a, b) = (cuts[next(cuts.len())], cuts[next(cuts.len())]);
                    w(a.min(b), a.max(b), next(3) as u8, "x")
                })
                .collect();
            let markers: Vec<Marker> = (0..next(3))
                .map(|_| Marker {
                    at: cuts[next(cuts.len())],
                    html: "<b></b>".into(),
                })
                .collect();
            let mut html = String::new();
            render(text, &wraps, &markers, &mut html);
            assert!(balanced(&html), "{wraps:?} -> {html}");
            assert_eq!(text_content(&html), text);
        }
    }
}

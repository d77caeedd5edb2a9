//! Organisations by shape and context: a capitalised sequence ending in an
//! organisation word or legal form ("... Company", "... Ministry", "Bank of
//! ...", "... Inc"), outlets named as sources ("according to X", "reporting
//! X", "X reported"), and a place joined with other capitalised words
//! ("Dynamo Moscow", "Washington Post"), which names the club or company
//! rather than the place.

use super::{
    chunks::Chunk,
    lexicons::{Sketches, WordSet},
    tokens::Kind,
    Ctx,
};
use crate::span::Label;

/// Lowercase words allowed inside an outlet's name after "according to"
/// ("Azerbaijan in Focus", "Voice of America").
const OUTLET_CONNECTORS: &[&str] = &["in", "of", "on", "the", "for", "and", "&"];

/// Head words that make a capitalised sequence a place ("Grace Road").
const GEO_HEADS: &[&str] = &[
    "street",
    "road",
    "avenue",
    "river",
    "lake",
    "mountains",
    "mountain",
    "island",
    "islands",
    "bay",
    "valley",
    "sea",
    "ocean",
    "gulf",
    "strait",
    "peninsula",
    "desert",
    "airport",
    "square",
    "province",
    "region",
    "county",
    "district",
    "coast",
    "canal",
    "heights",
    "hills",
    "plain",
    "plateau",
    "prefecture",
];

/// Head words of event names ("U.S. Open", "Fed Cup", "Atlanta Games"):
/// the name is an event, not an organisation, and no place inside it is
/// mentioned as a place.
const EVENT_HEADS: &[&str] = &[
    "open",
    "cup",
    "championship",
    "championships",
    "games",
    "olympics",
    "grand prix",
    "prix",
    "trophy",
    "classic",
    "festival",
    "tournament",
    "series",
    "marathon",
    "rally",
    "expo",
    "summit",
    "conference",
    "war",
];

/// The geographic head words, as a set.
static GEO_SET: WordSet = WordSet::new(GEO_HEADS);

/// The event head words, as a set: a chunk's last word is most times told
/// from all of them by its sketch alone.
static EVENT_SET: WordSet = WordSet::new(EVENT_HEADS);

/// Whether token `k`'s folding is a geographic head word ("road", "river").
fn is_geo_head(t: &super::tokens::Tokens<'_>, k: usize) -> bool {
    GEO_SET.contains_token_with(t.toks[k].sketch, || t.f(k))
}

/// Whether the chunk names an event ("Greater Milwaukee Open", "World Cup").
pub fn is_event(ctx: &Ctx<'_>, c: Chunk) -> bool {
    let t = ctx.t;
    c.last > c.first && EVENT_SET.contains_token_with(t.toks[c.last].sketch, || t.f(c.last))
}

/// Whether the chunk's last word is an organisation word or legal form.
pub fn has_org_suffix(ctx: &Ctx<'_>, c: Chunk) -> bool {
    let words = (c.first..=c.last)
        .filter(|&k| ctx.t.toks[k].kind == Kind::Word)
        .count();
    words >= 2 && ctx.is_org_word(c.last)
}

/// Whether the chunk's last word is a geographic head ("Road", "River").
pub fn has_geo_head(ctx: &Ctx<'_>, c: Chunk) -> bool {
    c.last > c.first && is_geo_head(ctx.t, c.last)
}

/// Whether the chunk is named as a source: "according to X", "reporting X",
/// "X reported".
pub fn named_as_source(ctx: &Ctx<'_>, c: Chunk) -> bool {
    /// The words that may stand right before a source.
    static BEFORE: Sketches = Sketches::of_words(&["to", "reporting", "citing"]);
    /// The words that may stand right after one.
    static AFTER: Sketches = Sketches::of_words(&["reported", "reports"]);
    let t = ctx.t;
    // A token's sketch is its folding's: most tokens beside a chunk are
    // told from these words by it, without their foldings.
    let may_be = |set: &Sketches, k: usize| set.has_bit(usize::from(t.toks[k].sketch));
    if c.first >= 1 && may_be(&BEFORE, c.first - 1) {
        let before = |k: usize| (c.first >= k).then(|| t.f(c.first - k));
        let b1 = before(1);
        if b1 == Some("to") && before(2) == Some("according") {
            return true;
        }
        if matches!(b1, Some("reporting" | "citing")) {
            return true;
        }
    }
    let next = c.last + 1;
    next < t.len()
        && may_be(&AFTER, next)
        && t.same_line(c.last, next)
        && matches!(t.f(next), "reported" | "reports")
}

/// Whether a lowercase organisation word stands right before the chunk
/// ("news agency Tanjug", "carrier El Al" is not one: only words of the
/// organisation lexicon count).
pub fn descriptor_before(ctx: &Ctx<'_>, c: Chunk) -> bool {
    let t = ctx.t;
    c.first > 0
        && t.is_lower(c.first - 1)
        && t.same_line(c.first - 1, c.first)
        && t.chars(c.first - 1) > 3
        && ctx.is_org_word(c.first - 1)
}

/// Extends a source's chunk across lowercase connectors followed by
/// capitalised words on the same line ("Azerbaijan in Focus").
pub fn extend_outlet(ctx: &Ctx<'_>, c: Chunk) -> Chunk {
    let t = ctx.t;
    let n = t.len();
    let mut last = c.last;
    loop {
        let mut k = last + 1;
        while k < n && t.same_line(last, k) && OUTLET_CONNECTORS.contains(&t.s(k)) {
            k += 1;
        }
        if k == last + 1 || k >= n || !t.same_line(last, k) || !t.is_cap(k) {
            break;
        }
        let mut end = k;
        while end + 1 < n && t.same_line(end, end + 1) && t.is_cap(end + 1) {
            end += 1;
        }
        last = end;
    }
    Chunk {
        first: c.first,
        last,
    }
}

/// Whether a chunk joins a dictionary place with other capitalised words
/// that are not themselves names of places or groups ("Dynamo Moscow",
/// "Manchester United", "Washington Post").
pub fn place_with_words(ctx: &Ctx<'_>, c: Chunk) -> bool {
    let t = ctx.t;
    let (a, b) = (t.toks[c.first].start(), t.toks[c.last].end());
    let inside: Vec<&crate::span::Span> = ctx
        .spans
        .iter()
        .filter(|s| s.start >= a && s.end <= b)
        .collect();
    if !inside.iter().any(|s| s.label == Label::Place) {
        return false;
    }
    if inside.iter().any(|s| s.label != Label::Place) {
        return false;
    }
    let uncovered = (c.first..=c.last).filter(|&k| {
        t.toks[k].kind == Kind::Word
            && !inside
                .iter()
                .any(|s| s.start < t.toks[k].end() && t.toks[k].start() < s.end)
    });
    let mut any = false;
    for k in uncovered {
        if is_geo_head(t, k) {
            return false;
        }
        any = true;
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tokens::tokenize;

    /// The sketch gates of [`named_as_source`] let every source through:
    /// each chunk of a text is named as one exactly when the words beside
    /// it, compared as foldings, say so (in any case, and not for other
    /// words of the same sketches).
    #[test]
    fn sources_are_told_as_by_their_words() {
        let text = "according to Acme , ACCORDING TO Bolt , citing Crux , Reporting Dune \
                    , Eton reported , Fyre REPORTS ; to Gulf , cooking Hale , Iris repeated , \
                    reporter Jade , Kilo rapports .";
        let t = tokenize(text);
        let lex = crate::rules::Lexicons::default();
        let ctx = Ctx {
            t: &t,
            lex: &lex,
            gazetteer: None,
            spans: Vec::new(),
            spans_by_start: true,
        };
        let mut named = Vec::new();
        for k in 0..t.len() {
            if !t.is_cap(k) {
                continue;
            }
            let before = |n: usize| (k >= n).then(|| t.f(k - n));
            let want = (before(1) == Some("to") && before(2) == Some("according"))
                || matches!(before(1), Some("reporting" | "citing"))
                || (k + 1 < t.len() && matches!(t.f(k + 1), "reported" | "reports"));
            let c = Chunk { first: k, last: k };
            assert_eq!(named_as_source(&ctx, c), want, "{}", t.s(k));
            if want {
                named.push(t.s(k));
            }
        }
        assert_eq!(named, ["Acme", "Bolt", "Crux", "Dune", "Eton", "Fyre"]);
    }

    /// The sets answer as their lists do, for every word of a text: each
    /// listed word in lowercase, capitalised and in capitals, and words
    /// near them (plurals, prefixes, other words of the same sketch).
    #[test]
    fn head_sets_answer_as_their_lists() {
        let mut text = String::new();
        for w in GEO_HEADS.iter().chain(EVENT_HEADS) {
            let cap = format!("{}{}", w[..1].to_uppercase(), &w[1..]);
            text.push_str(&format!("{w} {cap} {} {w}s {} ", w.to_uppercase(), &w[1..]));
        }
        text.push_str("Roads Rood Cap Cut Opera Oven Wars Wear Bey");
        let t = tokenize(&text);
        let (mut geo, mut event) = (0, 0);
        for k in 0..t.len() {
            let want_geo = GEO_HEADS.contains(&t.f(k));
            let want_event = EVENT_HEADS.contains(&t.f(k));
            assert_eq!(is_geo_head(&t, k), want_geo, "{}", t.s(k));
            assert_eq!(
                EVENT_SET.contains_token(t.f(k), t.toks[k].sketch),
                want_event,
                "{}",
                t.s(k)
            );
            geo += usize::from(want_geo);
            event += usize::from(want_event);
        }
        assert!(geo >= 3 * GEO_HEADS.len() && event >= 3 * (EVENT_HEADS.len() - 1));
    }
}

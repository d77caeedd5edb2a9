//! People by context: a role or title before the name ("army spokesperson
//! Anar Eyvazov", "President X", "Mr. Y"), a known first name or an initial
//! starting it, apposition ("X, a spokesman for Y", "X, 45,") and a
//! nationality in brackets after it ("Mary Onyali ( Nigeria )"), and the
//! members of a list beside a person. A speech verb alone is no evidence
//! ("Yukos said", "Time Warner said"): a lone surname before "said" is a
//! person when it links to a full name (see `linking`).

use super::{
    chunks::is_function_word, chunks::is_title_abbreviation, chunks::Chunk, lexicons::Sketches, Ctx,
};
use crate::span::Label;

/// Speech verbs whose subject is as often an outlet or a company as a
/// person ("Tanjug reported"): no evidence of a person.
const SOURCE_VERBS: &[&str] = &[
    "according",
    "reported",
    "reports",
    "report",
    "quoted",
    "quotes",
    "quote",
    "estimated",
    "estimates",
    "expects",
    "expected",
    "posted",
    "posts",
    "announced",
    "announces",
];

/// Determiners that open an apposition (", a spokesman for ...").
const APPOSITION_OPENERS: &[&str] = &["a", "an", "the", "its", "his", "her", "their"];

/// Whether the words of tokens `a..b`, folded and joined by single spaces,
/// form a role or title ("spokesperson", "prime minister").
fn is_role_phrase(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let t = ctx.t;
    let mut words = (a..b).filter(|&k| t.toks[k].kind == super::tokens::Kind::Word);
    let (Some(first), second) = (words.next(), words.next()) else {
        return ctx.lex.is_role("");
    };
    // A token's sketch is its folding's: most words are told by it,
    // before their folding is read.
    let sketch = t.toks[first].sketch;
    let Some(second) = second else {
        // One word: its folding is the phrase.
        return ctx.lex.may_be_role(sketch) && ctx.lex.is_role_token(t.f(first), sketch);
    };
    let head = t.f(first);
    if !head.is_empty() && !ctx.lex.starts_role_token(head, sketch) {
        return false;
    }
    let mut s = String::new();
    for k in [first, second].into_iter().chain(words) {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(t.f(k));
    }
    ctx.lex.is_role(&s)
}

/// How many leading tokens of the chunk form titles or roles ("President",
/// "Prime Minister", "Mr."), counting each title's dot.
pub fn title_prefix(ctx: &Ctx<'_>, c: Chunk) -> usize {
    let mut at = c.first;
    'outer: while at < c.last {
        if is_title_abbreviation(ctx.t, at) {
            at += 2;
            continue;
        }
        for k in (1..=ctx.lex.role_max_words()).rev() {
            if at + k > c.last {
                continue;
            }
            if is_role_phrase(ctx, at, at + k) {
                at += k;
                continue 'outer;
            }
        }
        break;
    }
    at - c.first
}

/// Whether lowercase words right before token `i` form a role
/// ("army spokesperson", "coach", "prime minister").
pub fn role_before(ctx: &Ctx<'_>, i: usize) -> bool {
    for k in 1..=ctx.lex.role_max_words() {
        if k > i {
            break;
        }
        // The words after `a` were read at the shorter lengths.
        let a = i - k;
        if !(ctx.t.is_lower(a) || ctx.t.is_punct(a, "-")) || !ctx.t.same_line(a, i) {
            break;
        }
        if is_role_phrase(ctx, a, i) {
            return true;
        }
    }
    false
}

/// Whether the word after the chunk is a speech verb ("Eyvazov said"), or
/// a speech verb precedes a chunk that ends its clause ("..., said Smith.").
pub fn speech_subject(ctx: &Ctx<'_>, c: Chunk) -> bool {
    let t = ctx.t;
    let n = t.len();
    let next = c.last + 1;
    if next < n
        && t.is_lower(next)
        && t.same_line(c.last, next)
        && ctx.lex.may_be_speech_verb(t.toks[next].sketch)
    {
        let w = t.f(next);
        if ctx.lex.is_speech_verb_token(w, t.toks[next].sketch) && !SOURCE_VERBS.contains(&w) {
            return true;
        }
    }
    /// The verbs that may close a clause before its subject.
    static CLOSING: Sketches =
        Sketches::of_words(&["said", "says", "added", "asked", "told", "wrote"]);
    // A token's sketch is its folding's: most words are told by it.
    if c.first > 0
        && t.is_lower(c.first - 1)
        && CLOSING.has_bit(usize::from(t.toks[c.first - 1].sketch))
    {
        let w = t.f(c.first - 1);
        let closes = next >= n
            || t.toks[next].kind == super::tokens::Kind::Punct
            || !t.same_line(c.last, next);
        if closes && matches!(w, "said" | "says" | "added" | "asked" | "told" | "wrote") {
            return true;
        }
    }
    false
}

/// What an apposition after the chunk says it is: a person for a role
/// (", a spokesman for", ", the company's chief executive") or an age
/// (", 45 ,"), an organisation for an organisation word (", the first
/// foreign company to ...").
pub fn apposition(ctx: &Ctx<'_>, c: Chunk) -> Option<Label> {
    let t = ctx.t;
    let n = t.len();
    let mut i = c.last + 1;
    if !t.is_punct(i, ",") {
        return None;
    }
    i += 1;
    if i < n && t.toks[i].kind == super::tokens::Kind::Number {
        let age = t.s(i).parse::<u32>().ok();
        return (age.is_some_and(|a| (14..=110).contains(&a)) && t.is_punct(i + 1, ","))
            .then_some(Label::Person);
    }
    let det = i < n && APPOSITION_OPENERS.contains(&t.f(i));
    let from = if det { i + 1 } else { i };
    for k in from..(from + 5).min(n) {
        if t.is_punct(k, "'") || t.is_punct(k, "-") {
            continue;
        }
        if !t.is_lower(k) {
            break;
        }
        let w = t.f(k);
        if ctx.lex.is_role(w) {
            return Some(Label::Person);
        }
        if det && w.len() > 3 && ctx.lex.is_org_suffix(w) {
            return Some(Label::Org);
        }
    }
    None
}

/// Whether any word of tokens `a..=b` is an organisation word.
pub fn has_org_word(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    // One pass: an organisation word, or an ampersand, anywhere.
    (a..=b).any(|k| match ctx.t.toks[k].kind {
        super::tokens::Kind::Word => ctx.t.chars(k) > 3 && ctx.is_org_word(k),
        super::tokens::Kind::Punct => ctx.t.is_punct(k, "&"),
        super::tokens::Kind::Number => false,
    })
}

/// Whether the chunk is followed by a country in brackets ("( Nigeria )").
fn nationality_after(ctx: &Ctx<'_>, c: Chunk) -> bool {
    let t = ctx.t;
    let open = c.last + 1;
    if !t.is_punct(open, "(") || open + 1 >= t.len() {
        return false;
    }
    let start = t.toks[open + 1].start();
    ctx.spans.iter().any(|s| {
        s.start == start
            && s.label == Label::Place
            && super::ambiguity::is_country(s)
            && t.ending_at(s.end).is_some_and(|e| t.is_punct(e + 1, ")"))
    })
}

/// Where a role stands inside the chunk after its first word ("Cofinec CEO
/// Stephen Frater"): `(role start, first token after the role)`.
/// `titled` is the chunk's [`title_prefix`].
pub fn inner_role(ctx: &Ctx<'_>, c: Chunk, titled: usize) -> Option<(usize, usize)> {
    let start = c.first + titled;
    for k in start + 1..c.last {
        for m in (1..=ctx.lex.role_max_words()).rev() {
            if k + m > c.last {
                continue;
            }
            let words =
                |a: usize| (a..k + m).all(|j| ctx.t.toks[j].kind == super::tokens::Kind::Word);
            if !(words(k) && is_role_phrase(ctx, k, k + m)) {
                continue;
            }
            // The whole role: "Foreign Minister", not "Minister" after "Foreign".
            let mut role = k;
            while role > start && words(role - 1) && is_role_phrase(ctx, role - 1, k + m) {
                role -= 1;
            }
            return (role > start).then_some((role, k + m));
        }
    }
    None
}

/// The person inside a chunk, as a token range `(first, last)`, when the
/// context says it is one.
pub fn person(ctx: &Ctx<'_>, c: Chunk) -> Option<(usize, usize)> {
    person_titled(ctx, c, title_prefix(ctx, c))
}

/// [`person`], given the chunk's [`title_prefix`] `titled`.
pub fn person_titled(ctx: &Ctx<'_>, c: Chunk, titled: usize) -> Option<(usize, usize)> {
    let first = c.first + titled;
    if first > c.last {
        return None;
    }
    let body = Chunk {
        first,
        last: c.last,
    };
    // The evidence first, then what overrules it (an organisation word, a
    // lone acronym): all of it is read-only, and most chunks have none.
    let named = titled > 0 || role_before(ctx, c.first) || person_evidence(ctx, body);
    // A lone acronym ("RDR said") names a body, not a person.
    let overruled = || {
        has_org_word(ctx, first, c.last)
            || (first == c.last && super::acronyms::is_acronym(ctx, first))
    };
    (named && !overruled()).then_some((first, c.last))
}

/// Whether the chunk's own words or what follows them say it is a person
/// (the chunk after its titles, with no role before it): a first name or
/// an initial opening two words or more, an apposition, or a nationality
/// in brackets after it.
fn person_evidence(ctx: &Ctx<'_>, body: Chunk) -> bool {
    let t = ctx.t;
    let first = body.first;
    let words = (first..=body.last)
        .filter(|&k| t.toks[k].kind == super::tokens::Kind::Word)
        .count();
    if words >= 2
        && (t.is_initial(first)
            || (ctx.lex.is_first_name_folded(t.f(first))
                && !is_function_word(&t.lower(first))
                && !(t.is_upper(first) && t.chars(first) > 1)))
    {
        return true;
    }
    // A speech verb alone says nothing ("Time Warner said"): people come
    // from roles, first names, initials, appositions and links.
    (words <= 3 && apposition(ctx, body) == Some(Label::Person))
        || (words >= 2 && nationality_after(ctx, body))
}

/// Names in a list beside a person are people too ("Mike Hulbert , Tiger
/// Woods , Steve Jurgenson", "Given , Breen , Staunton"): chunks that no
/// span touches, separated by a comma or "and" from a person, become
/// people, spreading along the list.
pub fn list_members(ctx: &Ctx<'_>, found: &[Chunk], spans: &mut Vec<crate::span::Span>) {
    let t = ctx.t;
    let is_sep = |k: usize| t.is_punct(k, ",") || (k < t.len() && t.s(k) == "and");
    // A list member stands between separators: after "," or "and", and
    // before one of them, a full stop, a semicolon or the end of its line.
    let ends_member = |last: usize| {
        last + 1 >= t.len()
            || !t.same_line(last, last + 1)
            || is_sep(last + 1)
            || t.is_punct(last + 1, ".")
            || t.is_punct(last + 1, ";")
    };
    let starts_member =
        |first: usize| first == 0 || !t.same_line(first - 1, first) || is_sep(first - 1);
    // Only chunks standing between separators can join a list (their
    // tokens say so, whatever the spans): the others are never looked at.
    let mut open: Vec<Chunk> = found
        .iter()
        .copied()
        .filter(|c| starts_member(c.first) && ends_member(c.last))
        .filter(|c| {
            let (a, b) = (t.toks[c.first].start(), t.toks[c.last].end());
            !spans.iter().any(|s| s.start < b && a < s.end)
        })
        .collect();
    loop {
        let person_ending = |spans: &[crate::span::Span], end: usize| {
            spans
                .iter()
                .any(|s| s.end == end && s.label == Label::Person)
        };
        let person_starting = |spans: &[crate::span::Span], start: usize| {
            spans
                .iter()
                .any(|s| s.start == start && s.label == Label::Person)
        };
        let mut grown = false;
        open.retain(|c| {
            let left = c.first >= 2
                && is_sep(c.first - 1)
                && t.same_line(c.first - 2, c.first)
                && person_ending(spans, t.toks[c.first - 2].end());
            let right = c.last + 2 < t.len()
                && is_sep(c.last + 1)
                && t.same_line(c.last, c.last + 2)
                && person_starting(spans, t.toks[c.last + 2].start());
            if !(left || right) {
                return true;
            }
            let (a, b) = (t.toks[c.first].start(), t.toks[c.last].end());
            spans.push(crate::span::Span::entity(
                a,
                b,
                Label::Person,
                super::surface_name(t.text, a, b),
                "",
                crate::span::Method::Rule,
            ));
            grown = true;
            false
        });
        if !grown {
            break;
        }
    }
}

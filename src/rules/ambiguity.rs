//! Ambiguity decided by context: dictionary matches on lines written in
//! capitals (headlines, datelines, tables), hazard words at the start of a
//! sentence, and city names that denote sports teams in sports reports and
//! results lines ("Leicestershire beat Somerset", "Pohang 3 Ulsan 2").

use super::{
    lexicons::{Sketches, WordSet},
    tokens::Kind,
    Ctx,
};
use crate::span::{Label, Method, Span};
use rustc_hash::FxHashSet;
use std::cell::OnceCell;

/// The nations of the United Kingdom, which field national teams and read
/// as countries in news, though ISO lists them as subdivisions.
const HOME_NATIONS: &[&str] = &[
    "iso3166-2:GB-ENG",
    "iso3166-2:GB-SCT",
    "iso3166-2:GB-WLS",
    "iso3166-2:GB-NIR",
];

/// Whether a place span is a country (or a territory with an ISO 3166-1 code).
pub fn is_country(s: &Span) -> bool {
    s.label == Label::Place && is_country_id(&s.entity_id)
}

/// Whether an entity id names a country (ISO 3166-1, or a home nation).
pub fn is_country_id(id: &str) -> bool {
    id.starts_with("iso3166:") || HOME_NATIONS.contains(&id)
}

/// Words before a team's name in a sports report ("beat Somerset",
/// "v Northampton", "joined Newcastle").
const TEAM_BEFORE: &[&str] = &[
    "beat", "beating", "against", "v", "vs", "over", "joined", "joining", "with", "for", "from",
    "to", "by", "former",
];

/// Words after a team's name in a sports report ("Kent made", "Essex reached").
const TEAM_AFTER: &[&str] = &[
    "beat",
    "beats",
    "drew",
    "draw",
    "lost",
    "lose",
    "won",
    "win",
    "wins",
    "lead",
    "leads",
    "led",
    "play",
    "plays",
    "played",
    "need",
    "needs",
    "take",
    "took",
    "made",
    "make",
    "got",
    "have",
    "had",
    "has",
    "were",
    "are",
    "is",
    "was",
    "will",
    "kept",
    "face",
    "faces",
    "meet",
    "meets",
    "host",
    "hosts",
    "scored",
    "reached",
    "closed",
    "moved",
    "stepped",
    "captain",
    "coach",
    "manager",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "player",
    "players",
    "side",
    "team",
    "fans",
    "skipper",
];

/// Words that mark a sports report; a report names several of them, or
/// one of them and several scores.
const SPORTS_WORDS: &[&str] = &[
    "match",
    "matches",
    "beat",
    "beats",
    "innings",
    "wickets",
    "goal",
    "goals",
    "halftime",
    "half-time",
    "championship",
    "league",
    "cup",
    "coach",
    "striker",
    "midfielder",
    "goalkeeper",
    "tournament",
    "seeded",
    "scored",
    "soccer",
    "cricket",
    "tennis",
    "golf",
    "baseball",
    "basketball",
    "rugby",
    "hockey",
    "athletics",
    "olympic",
    "club",
    "drew",
    "standings",
    "semifinal",
    "quarter-final",
    "homer",
    "inning",
    "par",
];

/// Locative words before a place that keep it a place ("at Headingley").
const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "across",
    "around",
    "throughout",
    "inside",
    "of",
    "visit",
    "visited",
    "capital",
];

/// The sports words, as a set.
static SPORTS: WordSet = WordSet::new(SPORTS_WORDS);

/// The sketches of the sports words: the words a field's scan watches for
/// ([`super::tokens::tokenize_watching`]), so that [`is_sports`] finds the
/// lowercase ones among [`super::tokens::Tokens::watched`].
pub fn sports_sketches() -> &'static Sketches {
    SPORTS.sketches()
}

/// Whether the field reads as a sports report (or a results table). Its
/// tokens were scanned watching for [`sports_sketches`].
pub fn is_sports(ctx: &Ctx<'_>) -> bool {
    let t = ctx.t;
    let sketches = SPORTS.sketches();
    // The counts only grow: the first time they suffice settles it.
    let settled =
        |words: usize, scores: usize| words >= 2 || (words >= 1 && scores >= 2) || scores >= 4;
    // The sports words are ASCII: no other word equals one ignoring ASCII
    // case, and an ASCII word is capitalised or in lowercase.
    let sports_word = |i: usize| t.toks[i].shape().ascii() && SPORTS.contains(t.f(i));
    let (mut words, mut scores) = (0, 0);
    // The counts only grow, so the order they are counted in does not
    // matter: the numbers, the capitalised words, then the lowercase words
    // the scan listed by their sketches.
    for &i in t.numbers() {
        if is_score_like(t.s(i)) {
            scores += 1;
            if settled(words, scores) {
                return true;
            }
        }
    }
    let capitalised = t.name_starts().iter().copied().filter(|&i| {
        let tok = &t.toks[i];
        tok.shape().first_upper() && sketches.has_bit(usize::from(tok.sketch))
    });
    let mut count = |i: usize| {
        if sports_word(i) {
            words += 1;
        }
        settled(words, scores)
    };
    for i in capitalised {
        if count(i) {
            return true;
        }
    }
    t.watched().iter().any(|&i| count(i))
}

/// Whether a number reads as a score ("6-3", "4-38").
fn is_score_like(s: &str) -> bool {
    // By bytes: the marks are ASCII, bytes of no other character.
    let s = s.as_bytes();
    s.iter().position(|&b| b == b'-').is_some_and(|dash| {
        let (a, b) = (&s[..dash], &s[dash + 1..]);
        a.len() <= 3 && b.len() <= 3 && !b.iter().any(|c| matches!(c, b'-' | b'/' | b'.'))
    })
}

/// Whether token `i` is a date written as digits ("1996-08-30").
fn is_date_number(ctx: &Ctx<'_>, i: usize) -> bool {
    let s = ctx.t.s(i);
    ctx.t.toks[i].kind == Kind::Number && s.len() >= 8 && s.matches('-').count() == 2
}

/// Whether tokens `a..=b` stand where a dateline names its city: first on
/// their line, followed by a date or by a comma.
pub fn is_dateline(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let t = ctx.t;
    let first_on_line = a == 0 || !t.same_line(a - 1, a);
    let next = b + 1;
    first_on_line
        && next < t.len()
        && t.same_line(b, next)
        && (is_date_number(ctx, next) || t.is_punct(next, ","))
}

/// Whether a place at tokens `a..=b` reads as a place in a sports report:
/// after a locative word, in a dateline, as a venue ("Hove :"), or followed
/// by its country ("WIGAN , England").
fn place_context(ctx: &Ctx<'_>, spans: &[Span], a: usize, b: usize) -> bool {
    let t = ctx.t;
    if a > 0 && t.same_line(a - 1, a) && LOCATIVES.contains(&t.f(a - 1)) {
        return true;
    }
    if is_dateline(ctx, a, b) {
        return true;
    }
    let first_on_line = a == 0 || !t.same_line(a - 1, a);
    if first_on_line && t.is_punct(b + 1, ":") {
        return true;
    }
    if t.is_punct(b + 1, "(") && a > 0 && t.is_punct(a - 1, ",") {
        return true;
    }
    t.is_punct(b + 1, ",")
        && b + 2 < t.len()
        && spans
            .iter()
            .any(|s| s.start == t.toks[b + 2].start() && is_country(s))
}

/// Whether a place at tokens `a..=b` reads as a team: followed by a score,
/// or next to a word of play ("beat Somerset", "Kent made"), and not
/// preceded by "the" ("the Berlin meeting").
pub fn team_context(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let t = ctx.t;
    let prev = (a > 0 && t.same_line(a - 1, a)).then(|| t.f(a - 1));
    if followed_by_score(ctx, b) {
        // Not a bowler's name in a scorecard ("b Hollioake 23").
        return !(a > 0 && t.same_line(a - 1, a) && t.is_lower(a - 1));
    }
    if prev == Some("the") {
        return false;
    }
    let next = (b + 1 < t.len() && t.same_line(b, b + 1)).then(|| t.f(b + 1));
    prev.is_some_and(|p| TEAM_BEFORE.contains(&p))
        || next.is_some_and(|n| TEAM_AFTER.contains(&n) || n.ends_with("ed"))
        || t.is_punct(b + 1, "'")
}

/// Turns cities and regions that name teams into organisations, in a sports
/// report: every place that is not a country and does not stand in a place
/// context.
pub fn sports_teams(ctx: &Ctx<'_>, spans: &mut [Span]) {
    let t = ctx.t;
    let teams: Vec<usize> = (0..spans.len())
        .filter(|&i| {
            let s = &spans[i];
            if s.label != Label::Place || is_country(s) || s.method != Method::Dictionary {
                return false;
            }
            let (Some(a), Some(b)) = (t.starting_at(s.start), t.ending_at(s.end)) else {
                return false;
            };
            !place_context(ctx, spans, a, b) && team_context(ctx, a, b)
        })
        .collect();
    for i in teams {
        let s = &mut spans[i];
        s.label = Label::Org;
        s.canonical = super::surface_name(t.text, s.start, s.end);
        s.entity_id.clear();
        s.method = Method::Rule;
    }
}

/// Whether token `i` starts a results entry: a name followed by a score
/// ("Sussex 363", "Pohang 3 Ulsan 2").
pub fn followed_by_score(ctx: &Ctx<'_>, last: usize) -> bool {
    let t = ctx.t;
    let next = last + 1;
    next < t.len()
        && t.same_line(last, next)
        && t.toks[next].kind == Kind::Number
        && !is_date_number(ctx, next)
        && t.s(next).matches('-').count() <= 1
        && t.s(next).chars().all(|c| c.is_ascii_digit() || c == '-')
}

/// Whether the chunk at tokens `first..=last` is an entry of a results
/// line or table in a sports report: followed by a score and not after a
/// lowercase word ("Huddersfield 1 Crystal Palace 1", "Leyton Orient 4 1 1
/// 2", but not "b Muralitharan 22").
pub fn results_entry(ctx: &Ctx<'_>, first: usize, last: usize) -> bool {
    let t = ctx.t;
    followed_by_score(ctx, last)
        && !t.is_initial(first)
        && !(first > 0 && t.same_line(first - 1, first) && t.is_lower(first - 1))
}

/// Drops dictionary matches that context makes unreliable: on a line in
/// capitals, a single word that is neither a country, nor in a dateline,
/// nor named in mixed case elsewhere in the field; at the start of a
/// sentence, a hazard word that is also an ordinary English word.
pub fn filter_dictionary(ctx: &Ctx<'_>, mut spans: Vec<Span>, sports: bool) -> Vec<Span> {
    let t = ctx.t;
    // The canonicals named in mixed case in the field, gathered on first need.
    let mixed_case: OnceCell<FxHashSet<&str>> = OnceCell::new();
    let named_in_mixed_case = |s: &Span| {
        mixed_case
            .get_or_init(|| {
                spans
                    .iter()
                    .filter(|s| {
                        t.starting_at(s.start)
                            .is_some_and(|i| !t.toks[i].caps_line() && !t.toks[i].sent_start())
                    })
                    .map(|s| s.canonical.as_str())
                    .collect()
            })
            .contains(s.canonical.as_str())
    };
    let keep: Vec<bool> = spans
        .iter()
        .map(|s| {
            if s.method != Method::Dictionary {
                return true;
            }
            let Some(a) = t.starting_at(s.start) else {
                return true;
            };
            // Only a span on a line in capitals or at a sentence's start
            // may go: the others need not be found a last token.
            if !t.toks[a].caps_line() && !t.toks[a].sent_start() {
                return true;
            }
            let Some(b) = t.ending_at(s.end) else {
                return true;
            };
            let surface = &t.text[s.start..s.end];
            if t.toks[a].caps_line() {
                return a != b
                    || is_country(s)
                    || s.label == Label::Norp
                    || is_dateline(ctx, a, b)
                    || after_locative(ctx, a)
                    || (sports && followed_by_score(ctx, b))
                    || named_in_mixed_case(s)
                    || (s.label == Label::Org && surface.chars().count() <= 5);
            }
            if t.toks[a].sent_start() && a == b {
                if let Some(h) = ctx.lex.hazard(surface) {
                    return !h.english_word || is_country(s) || named_in_mixed_case(s);
                }
            }
            true
        })
        .collect();
    let mut keep = keep.into_iter();
    spans.retain(|_| keep.next().unwrap_or(true));
    spans
}

/// Whether the word before token `a` on its line is a locative ("AT", "in").
fn after_locative(ctx: &Ctx<'_>, a: usize) -> bool {
    let t = ctx.t;
    a > 0 && t.same_line(a - 1, a) && matches!(t.f(a - 1), "in" | "at" | "near")
}

/// Places on lines written in capitals, looked up in the dictionary
/// without its case policy (a city that is also a person's name, or a
/// country that is also a word, matches only in exact case otherwise):
/// countries anywhere ("SOCCER - TURKEY BEAT ..."), other places where a
/// dateline names its city ("LONDON 1996-08-30", "NEW YORK ,") or after a
/// locative ("CHICAGO AT TORONTO").
pub fn caps_places(ctx: &Ctx<'_>, spans: &mut Vec<Span>) {
    let Some(gaz) = ctx.gazetteer else { return };
    let t = ctx.t;
    if !t.has_caps_line {
        return;
    }
    let n = t.len();
    let mut i = 0;
    // The words on lines in capitals are among the tokens a name may
    // start at: only those are visited, not the whole field.
    for &at in t.name_starts() {
        if at < i {
            continue;
        }
        i = at;
        if !(t.toks[i].caps_line() && t.toks[i].kind == Kind::Word) {
            continue;
        }
        let mut taken = 0;
        for len in (1..=3).rev() {
            let b = i + len - 1;
            if b >= n || !t.same_line(i, b) || !(i..=b).all(|k| t.toks[k].kind == Kind::Word) {
                continue;
            }
            let (start, end) = (t.toks[i].start(), t.toks[b].end());
            if spans.iter().any(|s| s.start < end && start < s.end) {
                continue;
            }
            // The context is read only for a place the dictionary knows
            // (most words looked up are none).
            let place_context = || is_dateline(ctx, i, b) || after_locative(ctx, i);
            let found = gaz
                .lookup(&t.text[start..end])
                .find(|e| e.label == Label::Place && (is_country_id(&e.id) || place_context()));
            if let Some(e) = found {
                spans.push(Span::entity(
                    start,
                    end,
                    Label::Place,
                    e.canonical.clone(),
                    e.id.clone(),
                    Method::Dictionary,
                ));
                taken = len;
                break;
            }
        }
        i += taken.max(1);
    }
}

#[cfg(test)]
mod tests {
    use super::is_score_like;

    /// Scores read by their bytes as by their characters: one dash, at
    /// most three bytes each side, no date or decimal after it.
    #[test]
    fn scores() {
        for (s, want) in [
            ("6-3", true),
            ("4-38", true),
            ("3-", true),
            ("123-456", true),
            ("1996-08-30", false),
            ("1000-2", false),
            ("3-1.5", false),
            ("3-1/2", false),
            ("12", false),
            ("ü-3", true),
            ("1-üü", false),
        ] {
            let chars = s
                .split_once('-')
                .is_some_and(|(a, b)| a.len() <= 3 && b.len() <= 3 && !b.contains(['-', '/', '.']));
            assert_eq!((is_score_like(s), s), (want, s));
            assert_eq!(chars, want, "{s}");
        }
    }
}

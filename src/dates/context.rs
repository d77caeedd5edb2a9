//! The words around an expression: tokens, neighbouring words, sentence
//! starts, the sentence's tense, and the context tests behind the negative
//! rules (numbers that only look like years, rates, "of" phrases).

use std::{borrow::Cow, ops::Deref};

use super::{anchor::Direction, lexicon};

/// A word of an expression, lowercase (see [`words`]): compared with
/// string literals and read as a `str`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Word<'a>(&'a str);

impl<'a> Word<'a> {
    /// The word's text.
    pub(super) fn as_str(&self) -> &'a str {
        self.0
    }
}

impl Deref for Word<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.0
    }
}

impl PartialEq<str> for Word<'_> {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Word<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// `s` with its ASCII letters lowercase, copied only when it has capitals.
pub(super) fn ascii_lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Splits a lowercase phrase (see [`ascii_lowercase`]) into words, borrowed
/// from it: hyphens and commas separate, trailing periods go.
pub(super) fn words(lower: &str) -> Vec<Word<'_>> {
    lower
        .split(|ch: char| ch.is_whitespace() || ch == '-' || ch == ',' || ch == '(' || ch == ')')
        .map(|w| Word(w.trim_end_matches('.')))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The word right before byte `at` (original case, no punctuation).
pub(super) fn prev_word(text: &str, at: usize) -> &str {
    let before = text[..at].trim_end();
    let start = before
        .rfind(|ch: char| !(ch.is_alphanumeric() || ch == '\'' || ch == '.' || ch == '$'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    before[start..].trim_end_matches('.')
}

/// The word right after byte `at` (original case).
pub(super) fn next_word(text: &str, at: usize) -> &str {
    let after = text[at..].trim_start();
    let end = after
        .find(|ch: char| !(ch.is_alphanumeric() || ch == '\''))
        .unwrap_or(after.len());
    &after[..end]
}

pub(super) fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// True when the text before `at` ends a sentence (or there is none).
pub(super) fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty()
        || before.ends_with(['.', '!', '?', ':', '"', '\u{201c}', '\n'])
        || text[before.len()..at].contains('\n')
}

/// Whether a lowercase word marks the future ("will", "expected", "next").
fn is_future_marker(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "'ll"
            | "shall"
            | "going"
            | "scheduled"
            | "expected"
            | "expects"
            | "expect"
            | "planning"
            | "due"
            | "would"
            | "intends"
            | "upcoming"
            | "next"
            | "wo"
            | "hopes"
            | "aims"
            | "should"
            | "could"
            | "might"
            | "must"
            | "soon"
            | "tomorrow"
            | "payable"
            | "effective"
    )
}

/// Whether a lowercase word marks the past: a past form in the list, a
/// word of letters ending in "-ed" (four letters at least) or in "-ought".
fn is_past_marker(w: &str) -> bool {
    let letters = w.bytes().all(|b| b.is_ascii_lowercase());
    (letters && ((w.len() >= 4 && w.ends_with("ed")) || w.ends_with("ought")))
        || matches!(
            w,
            "said"
                | "says"
                | "was"
                | "were"
                | "had"
                | "did"
                | "told"
                | "ago"
                | "last"
                | "yesterday"
                | "came"
                | "went"
                | "gave"
                | "took"
                | "made"
                | "met"
                | "saw"
                | "won"
                | "lost"
                | "left"
                | "sold"
                | "fell"
                | "rose"
                | "held"
                | "began"
                | "spoke"
                | "got"
                | "hit"
                | "struck"
                | "killed"
                | "broke"
                | "ran"
                | "shot"
                | "found"
                | "became"
                | "brought"
                | "led"
                | "sent"
                | "put"
                | "set"
                | "cut"
                | "paid"
                | "kept"
                | "felt"
                | "fled"
        )
}

/// Words ending in -ed that are not past tenses.
pub(super) fn not_past(w: &str) -> bool {
    matches!(
        w,
        "need"
            | "indeed"
            | "speed"
            | "feed"
            | "seed"
            | "hundred"
            | "red"
            | "bed"
            | "based"
            | "proceed"
            | "exceed"
            | "succeed"
            | "bred"
            | "shed"
            | "wed"
            | "breed"
            | "embed"
            | "united"
            | "limited"
            | "related"
            | "concerned"
            | "interested"
            | "supposed"
            | "advanced"
            | "detailed"
            | "armed"
            | "used"
    )
}

/// Which way a bare weekday or month points, when the sentence says: the
/// nearest tense marker decides (a marker before the expression counts
/// double against one after it); `None` when there is no marker.
pub(super) fn tense_marker<'a>(text: &'a str, start: usize, end: usize) -> Option<Direction> {
    if text[end..].starts_with("'s") || text[end..].starts_with("\u{2019}s") {
        return Some(Direction::Past);
    }
    // Sentence ends are ASCII, so the bounds are found on bytes, looking
    // no further than the 120 bytes before and 80 after.
    let bytes = text.as_bytes();
    let is_stop = |b: &u8| matches!(b, b'.' | b'!' | b'?' | b'\n' | b';');
    let lo = start.saturating_sub(120);
    let mut left_bound = bytes[lo..start]
        .iter()
        .rposition(is_stop)
        .map_or(lo, |i| lo + i + 1);
    while !text.is_char_boundary(left_bound) {
        left_bound += 1;
    }
    let hi = (end + 80).min(text.len());
    let mut right_bound = bytes[end..hi]
        .iter()
        .position(is_stop)
        .map_or(hi, |i| end + i);
    while !text.is_char_boundary(right_bound) {
        right_bound -= 1;
    }
    // Words not starting with a capital, lowercased into one buffer.
    let tok = |s: &'a str| {
        s.split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty() && !w.starts_with(char::is_uppercase))
    };
    let before = &text[left_bound..start];
    let ends_with = |suffix: &str| {
        before.len() >= suffix.len()
            && before.as_bytes()[before.len() - suffix.len()..]
                .eq_ignore_ascii_case(suffix.as_bytes())
    };
    if ends_with("as early as ")
        || ends_with("as soon as ")
        || (before.trim_start().len() > "until ".len()
            && (ends_with(" until ") || ends_with(" until on "))
            && !ends_with("up until ")
            && !ends_with("up until on "))
    {
        return Some(Direction::Future);
    }
    let mut lower = String::new();
    let mut classify = |w: &str| {
        lower.clear();
        lower.push_str(w);
        lower.make_ascii_lowercase();
        if is_future_marker(&lower) {
            Some(Direction::Future)
        } else if is_past_marker(&lower) && !not_past(&lower) {
            Some(Direction::Past)
        } else {
            None
        }
    };
    let mut best: Option<(usize, Direction)> = None;
    for (d, w) in tok(before).rev().enumerate() {
        if let Some(t) = classify(w) {
            best = Some((d, t));
            break;
        }
    }
    for (d, w) in tok(&text[end..right_bound]).enumerate() {
        // "..., Castro said": a reporting clause after the expression does
        // not govern it.
        if ["said", "says", "told", "added", "stated", "reported"]
            .iter()
            .any(|r| w.eq_ignore_ascii_case(r))
        {
            continue;
        }
        if let Some(t) = classify(w) {
            if best.is_none_or(|(bd, _)| 2 * d + 1 < bd) {
                best = Some((d, t));
            }
            break;
        }
    }
    best.map(|(_, t)| t)
}

/// Which way a bare weekday or month points: the sentence's tense, past
/// when it does not say.
pub(super) fn tense(text: &str, start: usize, end: usize) -> Direction {
    tense_marker(text, start, end).unwrap_or(Direction::Past)
}

/// True when "of" follows and introduces a noun phrase ("the quarter of a
/// century", "the fall of the Berlin Wall") rather than an amount or a year.
pub(super) fn of_phrase(text: &str, end: usize) -> bool {
    let after = text[end..].trim_start();
    let Some(rest) = after.strip_prefix("of") else {
        return false;
    };
    let w = next_word(text, end + (text[end..].len() - after.len()) + 2).to_ascii_lowercase();
    rest.starts_with(char::is_whitespace)
        && matches!(
            w.as_str(),
            "a" | "an"
                | "the"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "my"
                | "your"
                | "this"
                | "that"
                | "these"
                | "those"
                | "one"
                | "all"
        )
}

/// The span without leading words in `drop` (case-insensitive), e.g. an
/// adjectival "the third-quarter" -> "third-quarter".
pub(super) fn trim_leading(text: &str, start: usize, end: usize, drop: &[&str]) -> usize {
    let mut s = start;
    loop {
        let rest = &text[s..end];
        let w_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let w = &rest[..w_end];
        if w_end < rest.len() && drop.iter().any(|d| d.eq_ignore_ascii_case(w)) {
            s += w_end + (rest[w_end..].len() - rest[w_end..].trim_start().len());
        } else {
            return s;
        }
    }
}

/// Words after which a bare month name is a month (not "Theresa May").
pub(super) fn month_context(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "in" | "since"
            | "until"
            | "till"
            | "by"
            | "of"
            | "from"
            | "to"
            | "through"
            | "during"
            | "before"
            | "after"
            | "early"
            | "late"
            | "mid"
            | "between"
            | "last"
            | "next"
            | "this"
            | "and"
            | "or"
            | "on"
            | "for"
            | "around"
            | "throughout"
            | "each"
            | "every"
            | "that"
            | "in-"
            | "within"
            | "beginning"
            | "starting"
            | "ending"
            | "end"
    )
}

pub(super) const COUNT_NOUNS: &[&str] = &[
    "people",
    "persons",
    "men",
    "women",
    "children",
    "kids",
    "troops",
    "soldiers",
    "residents",
    "workers",
    "employees",
    "jobs",
    "units",
    "shares",
    "copies",
    "votes",
    "cases",
    "deaths",
    "homes",
    "houses",
    "vehicles",
    "cars",
    "tons",
    "tonnes",
    "barrels",
    "acres",
    "miles",
    "kilometers",
    "kilometres",
    "km",
    "feet",
    "meters",
    "metres",
    "points",
    "dollars",
    "euros",
    "yen",
    "pounds",
    "marks",
    "francs",
    "rubles",
    "yuan",
    "rupees",
    "pesos",
    "students",
    "members",
    "delegates",
    "passengers",
    "patients",
    "victims",
    "refugees",
    "prisoners",
    "families",
    "companies",
    "firms",
    "stores",
    "banks",
    "planes",
    "aircraft",
    "ships",
    "tanks",
    "guns",
    "missiles",
    "rounds",
    "words",
    "pages",
    "times",
    "seats",
    "beds",
    "species",
    "square",
    "kg",
    "mw",
    "mph",
    "hp",
    "percent",
    "per",
    "cents",
    "calories",
    "degrees",
    "signatures",
    "hectares",
    "sq",
    "inhabitants",
    "participants",
    "others",
    "more",
];

pub(super) const NUMBER_PREFIXES: &[&str] = &[
    "no",
    "number",
    "flight",
    "route",
    "page",
    "room",
    "channel",
    "model",
    "rule",
    "article",
    "section",
    "chapter",
    "code",
    "version",
    "highway",
    "interstate",
    "resolution",
    "pages",
    "paragraph",
    "item",
    "bill",
    "law",
    "order",
    "decree",
    "about",
    "some",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "over",
    "than",
    "only",
    "just",
    "exactly",
    "least",
    "total",
    "dow",
    "index",
    "at",
];

/// True when a four-digit number reads as a year in its context.
pub(super) fn year_context_ok(text: &str, start: usize, end: usize, digits_start: usize) -> bool {
    let before = &text[..digits_start];
    let after = &text[end..];
    let bare = start == digits_start;
    if before.ends_with(['$', '#', '£', '€', '+', '/', '.', ':'])
        || (bare && before.ends_with('-'))
        || before.ends_with(|c: char| c.is_ascii_digit())
        || before.ends_with(", ")
            && before
                .trim_end_matches(", ")
                .ends_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    if after.starts_with(['%', '/', ':'])
        || after.starts_with(|c: char| c.is_ascii_digit())
        || (after.starts_with([',', '.']) && after[1..].starts_with(|c: char| c.is_ascii_digit()))
        || after.starts_with("-year")
    {
        return false;
    }
    let next = next_word(text, end).to_ascii_lowercase();
    if COUNT_NOUNS.contains(&next.as_str()) {
        return false;
    }
    if start == digits_start {
        let prev = prev_word(text, start).to_ascii_lowercase();
        if NUMBER_PREFIXES.contains(&prev.as_str()) && prev != "at" {
            return false;
        }
    }
    true
}

/// True when an amount comes just before ("$5 a year", "four flights a
/// week", "358,000 a month"): the expression is a rate, not a duration.
pub(super) fn rate_before(text: &str, start: usize) -> bool {
    let mut at = start;
    for _ in 0..3 {
        let w = prev_word(text, at);
        if w.is_empty() {
            return false;
        }
        let lw = w.to_ascii_lowercase();
        if w.starts_with('$')
            || w.ends_with(|ch: char| ch.is_ascii_digit())
            || w.ends_with('%')
            || matches!(
                lw.as_str(),
                "percent"
                    | "million"
                    | "billion"
                    | "thousand"
                    | "hundred"
                    | "times"
                    | "twice"
                    | "once"
                    | "per"
            )
            || lexicon::number(&lw).is_some_and(|n| n > 1)
        {
            return true;
        }
        match text[..at].rfind(w) {
            Some(i) => at = i,
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercase_and_borrowed() {
        let lower = ascii_lowercase("The Late-March, (2023). U.S.");
        assert!(matches!(lower, Cow::Owned(_)));
        let ws = words(&lower);
        let texts: Vec<&str> = ws.iter().map(Word::as_str).collect();
        assert_eq!(texts, ["the", "late", "march", "2023", "u.s"]);
        assert!(ws[1] == "late" && ws[2] != "March");
        assert!(matches!(ascii_lowercase("three days"), Cow::Borrowed(_)));
    }
}

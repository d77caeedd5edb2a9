//! The words around an expression: tokens, neighbouring words, sentence
//! starts, the sentence's tense, and the context tests behind the negative
//! rules (numbers that only look like years, rates, "of" phrases).

use std::{borrow::Cow, ops::Deref};

use tinyvec::TinyVec;

use super::{anchor::Direction, lexicon};

/// A word of an expression, lowercase (see [`words`]): compared with
/// string literals and read as a `str`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Word<'a>(&'a str);

/// The words of an expression: up to [`INLINE_WORDS`] kept in place, more
/// on the heap (an expression is a few words; most need no allocation).
pub(super) type Words<'a> = TinyVec<[Word<'a>; INLINE_WORDS]>;

/// How many words of an expression are kept without an allocation.
pub(super) const INLINE_WORDS: usize = 12;

/// Room for the lowercase copy of an expression without an allocation
/// (see [`ascii_lowercase`]).
pub(super) type LowerRoom = [u8; 64];

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

/// `s` with its ASCII letters lowercase, copied only when it has capitals:
/// into `room` when it fits, else onto the heap.
pub(super) fn ascii_lowercase<'a>(s: &'a str, room: &'a mut LowerRoom) -> Cow<'a, str> {
    if !s.bytes().any(|b| b.is_ascii_uppercase()) {
        return Cow::Borrowed(s);
    }
    match room.get_mut(..s.len()) {
        Some(copy) => {
            copy.copy_from_slice(s.as_bytes());
            copy.make_ascii_lowercase();
            // Lowercasing ASCII letters keeps UTF-8 valid.
            Cow::Borrowed(std::str::from_utf8(copy).expect("lowercase UTF-8 stays UTF-8"))
        }
        None => Cow::Owned(s.to_ascii_lowercase()),
    }
}

/// Splits a lowercase phrase (see [`ascii_lowercase`]) into words, borrowed
/// from it: white space, hyphens, commas and brackets separate, trailing
/// periods go.
pub(super) fn words(lower: &str) -> Words<'_> {
    let mut out = Words::new();
    let mut start = 0;
    let mut at = 0;
    let bytes = lower.as_bytes();
    while at <= bytes.len() {
        let (separates, len) = match bytes.get(at) {
            None => (true, 0),
            Some(&b) if b.is_ascii() => (
                matches!(b, b' ' | b'\t'..=b'\r' | b'-' | b',' | b'(' | b')'),
                1,
            ),
            Some(_) => {
                let ch = lower[at..].chars().next().expect("a character starts here");
                (ch.is_whitespace(), ch.len_utf8())
            }
        };
        if separates {
            let w = lower[start..at].trim_end_matches('.');
            if !w.is_empty() {
                out.push(Word(w));
            }
            start = at + len;
        }
        at += len.max(1);
    }
    out
}

/// The word right before byte `at` (original case, no punctuation): its
/// letters, digits, apostrophes, periods and dollar signs, without the
/// periods at its end.
pub(super) fn prev_word(text: &str, at: usize) -> &str {
    let before = text[..at].trim_end();
    let mut start = before.len();
    while start > 0 {
        let b = before.as_bytes()[start - 1];
        let (part, len) = if b.is_ascii() {
            (
                b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'.' | b'$'),
                1,
            )
        } else {
            word_char_before(before, start)
        };
        if !part {
            break;
        }
        start -= len;
    }
    before[start..].trim_end_matches('.')
}

/// The word right after byte `at` (original case): its letters, digits and
/// apostrophes.
pub(super) fn next_word(text: &str, at: usize) -> &str {
    let after = text[at..].trim_start();
    let mut end = 0;
    while end < after.len() {
        let (part, len) = word_char_at(after, end);
        if !part {
            break;
        }
        end += len;
    }
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
fn is_future_marker(w: &[u8]) -> bool {
    matches!(
        w,
        b"will"
            | b"'ll"
            | b"shall"
            | b"going"
            | b"scheduled"
            | b"expected"
            | b"expects"
            | b"expect"
            | b"planning"
            | b"due"
            | b"would"
            | b"intends"
            | b"upcoming"
            | b"next"
            | b"wo"
            | b"hopes"
            | b"aims"
            | b"should"
            | b"could"
            | b"might"
            | b"must"
            | b"soon"
            | b"tomorrow"
            | b"payable"
            | b"effective"
    )
}

/// Whether a lowercase word marks the past: a past form in the list, a
/// word of letters ending in "-ed" (four letters at least) or in "-ought".
fn is_past_marker(w: &[u8]) -> bool {
    let letters = w.iter().all(u8::is_ascii_lowercase);
    (letters && ((w.len() >= 4 && w.ends_with(b"ed")) || w.ends_with(b"ought")))
        || matches!(
            w,
            b"said"
                | b"says"
                | b"was"
                | b"were"
                | b"had"
                | b"did"
                | b"told"
                | b"ago"
                | b"last"
                | b"yesterday"
                | b"came"
                | b"went"
                | b"gave"
                | b"took"
                | b"made"
                | b"met"
                | b"saw"
                | b"won"
                | b"lost"
                | b"left"
                | b"sold"
                | b"fell"
                | b"rose"
                | b"held"
                | b"began"
                | b"spoke"
                | b"got"
                | b"hit"
                | b"struck"
                | b"killed"
                | b"broke"
                | b"ran"
                | b"shot"
                | b"found"
                | b"became"
                | b"brought"
                | b"led"
                | b"sent"
                | b"put"
                | b"set"
                | b"cut"
                | b"paid"
                | b"kept"
                | b"felt"
                | b"fled"
        )
}

/// Words ending in -ed that are not past tenses.
fn not_past(w: &[u8]) -> bool {
    matches!(
        w,
        b"need"
            | b"indeed"
            | b"speed"
            | b"feed"
            | b"seed"
            | b"hundred"
            | b"red"
            | b"bed"
            | b"based"
            | b"proceed"
            | b"exceed"
            | b"succeed"
            | b"bred"
            | b"shed"
            | b"wed"
            | b"breed"
            | b"embed"
            | b"united"
            | b"limited"
            | b"related"
            | b"concerned"
            | b"interested"
            | b"supposed"
            | b"advanced"
            | b"detailed"
            | b"armed"
            | b"used"
    )
}

/// The bounds of the sentence around `start..end`, looking no further than
/// the 120 bytes before and 80 after. Sentence ends are ASCII, so they are
/// found on bytes.
fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
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
    (left_bound, right_bound)
}

/// A possessive right after the expression ("Monday's vote"): it is past.
fn possessive_after(text: &str, end: usize) -> bool {
    text[end..].starts_with("'s") || text[end..].starts_with("\u{2019}s")
}

/// The words just before the expression point ahead: "as early as", "as
/// soon as", or "until" (not "up until", nor as the sentence's first word).
fn future_phrase_before(before: &str) -> bool {
    let ends_with = |suffix: &str| {
        before.len() >= suffix.len()
            && before.as_bytes()[before.len() - suffix.len()..]
                .eq_ignore_ascii_case(suffix.as_bytes())
    };
    ends_with("as early as ")
        || ends_with("as soon as ")
        || (before.trim_start().len() > "until ".len()
            && (ends_with(" until ") || ends_with(" until on "))
            && !ends_with("up until ")
            && !ends_with("up until on "))
}

/// Which way a bare weekday or month points, when the sentence says: the
/// nearest tense marker decides (a marker before the expression counts
/// double against one after it); `None` when there is no marker.
pub(super) fn tense_marker(text: &str, start: usize, end: usize) -> Option<Direction> {
    if possessive_after(text, end) {
        return Some(Direction::Past);
    }
    let (left_bound, right_bound) = sentence_bounds(text, start, end);
    let before = &text[left_bound..start];
    if future_phrase_before(before) {
        return Some(Direction::Future);
    }
    let mut best: Option<(usize, Direction)> = None;
    for (d, w) in WordsBack::new(before).enumerate() {
        if let Some(t) = tense_of(w) {
            best = Some((d, t));
            break;
        }
    }
    for (d, w) in WordsAhead::new(&text[end..right_bound]).enumerate() {
        // "..., Castro said": a reporting clause after the expression does
        // not govern it.
        if ["said", "says", "told", "added", "stated", "reported"]
            .iter()
            .any(|r| w.eq_ignore_ascii_case(r))
        {
            continue;
        }
        if let Some(t) = tense_of(w) {
            if best.is_none_or(|(bd, _)| 2 * d + 1 < bd) {
                best = Some((d, t));
            }
            break;
        }
    }
    best.map(|(_, t)| t)
}

/// The tense a word marks, if any (see [`is_future_marker`] and
/// [`is_past_marker`]), its ASCII letters read lowercase. Every marker is
/// ASCII, so a word with any other character marks none.
fn tense_of(w: &str) -> Option<Direction> {
    if !w.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 32];
    let long;
    let lower: &[u8] = match buf.get_mut(..w.len()) {
        Some(room) => {
            room.copy_from_slice(w.as_bytes());
            room.make_ascii_lowercase();
            room
        }
        None => {
            long = w.as_bytes().to_ascii_lowercase();
            &long
        }
    };
    if is_future_marker(lower) {
        Some(Direction::Future)
    } else if is_past_marker(lower) && !not_past(lower) {
        Some(Direction::Past)
    } else {
        None
    }
}

/// Whether the character at byte `i` of `s` belongs to a word (a letter,
/// a digit or an apostrophe), and its length in bytes.
fn word_char_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes()[i];
    if b.is_ascii() {
        return (b.is_ascii_alphanumeric() || b == b'\'', 1);
    }
    let ch = s[i..].chars().next().expect("a character starts here");
    (ch.is_alphanumeric(), ch.len_utf8())
}

/// Whether the character ending at byte `i` of `s` belongs to a word, and
/// its length in bytes.
fn word_char_before(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes()[i - 1];
    if b.is_ascii() {
        return (b.is_ascii_alphanumeric() || b == b'\'', 1);
    }
    let ch = s[..i].chars().next_back().expect("a character ends here");
    (ch.is_alphanumeric(), ch.len_utf8())
}

/// Whether a word starts with a capital (such words are not read for
/// tense: names, sentence starts).
fn starts_capitalised(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => w.starts_with(char::is_uppercase),
    }
}

/// The words of a stretch of text (runs of letters, digits and
/// apostrophes) that do not start with a capital, first to last.
struct WordsAhead<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> WordsAhead<'a> {
    fn new(text: &'a str) -> Self {
        WordsAhead { text, at: 0 }
    }
}

impl<'a> Iterator for WordsAhead<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let s = self.text;
        loop {
            while self.at < s.len() {
                let (word, len) = word_char_at(s, self.at);
                if word {
                    break;
                }
                self.at += len;
            }
            if self.at == s.len() {
                return None;
            }
            let start = self.at;
            while self.at < s.len() {
                let (word, len) = word_char_at(s, self.at);
                if !word {
                    break;
                }
                self.at += len;
            }
            let w = &s[start..self.at];
            if !starts_capitalised(w) {
                return Some(w);
            }
        }
    }
}

/// The same words as [`WordsAhead`], last to first.
struct WordsBack<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> WordsBack<'a> {
    fn new(text: &'a str) -> Self {
        WordsBack {
            text,
            at: text.len(),
        }
    }
}

impl<'a> Iterator for WordsBack<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let s = self.text;
        loop {
            while self.at > 0 {
                let (word, len) = word_char_before(s, self.at);
                if word {
                    break;
                }
                self.at -= len;
            }
            if self.at == 0 {
                return None;
            }
            let end = self.at;
            while self.at > 0 {
                let (word, len) = word_char_before(s, self.at);
                if !word {
                    break;
                }
                self.at -= len;
            }
            let w = &s[self.at..end];
            if !starts_capitalised(w) {
                return Some(w);
            }
        }
    }
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

/// Whether a lowercase word counts things (a number before it is an amount,
/// not a year).
fn is_count_noun(w: &[u8]) -> bool {
    matches!(
        w,
        b"people"
            | b"persons"
            | b"men"
            | b"women"
            | b"children"
            | b"kids"
            | b"troops"
            | b"soldiers"
            | b"residents"
            | b"workers"
            | b"employees"
            | b"jobs"
            | b"units"
            | b"shares"
            | b"copies"
            | b"votes"
            | b"cases"
            | b"deaths"
            | b"homes"
            | b"houses"
            | b"vehicles"
            | b"cars"
            | b"tons"
            | b"tonnes"
            | b"barrels"
            | b"acres"
            | b"miles"
            | b"kilometers"
            | b"kilometres"
            | b"km"
            | b"feet"
            | b"meters"
            | b"metres"
            | b"points"
            | b"dollars"
            | b"euros"
            | b"yen"
            | b"pounds"
            | b"marks"
            | b"francs"
            | b"rubles"
            | b"yuan"
            | b"rupees"
            | b"pesos"
            | b"students"
            | b"members"
            | b"delegates"
            | b"passengers"
            | b"patients"
            | b"victims"
            | b"refugees"
            | b"prisoners"
            | b"families"
            | b"companies"
            | b"firms"
            | b"stores"
            | b"banks"
            | b"planes"
            | b"aircraft"
            | b"ships"
            | b"tanks"
            | b"guns"
            | b"missiles"
            | b"rounds"
            | b"words"
            | b"pages"
            | b"times"
            | b"seats"
            | b"beds"
            | b"species"
            | b"square"
            | b"kg"
            | b"mw"
            | b"mph"
            | b"hp"
            | b"percent"
            | b"per"
            | b"cents"
            | b"calories"
            | b"degrees"
            | b"signatures"
            | b"hectares"
            | b"sq"
            | b"inhabitants"
            | b"participants"
            | b"others"
            | b"more"
    )
}

/// Whether a lowercase word introduces a number that is no year ("flight
/// 1549", "about 2000"); "at" is listed but let through.
fn is_number_prefix(w: &[u8]) -> bool {
    matches!(
        w,
        b"no"
            | b"number"
            | b"flight"
            | b"route"
            | b"page"
            | b"room"
            | b"channel"
            | b"model"
            | b"rule"
            | b"article"
            | b"section"
            | b"chapter"
            | b"code"
            | b"version"
            | b"highway"
            | b"interstate"
            | b"resolution"
            | b"pages"
            | b"paragraph"
            | b"item"
            | b"bill"
            | b"law"
            | b"order"
            | b"decree"
            | b"about"
            | b"some"
            | b"nearly"
            | b"almost"
            | b"approximately"
            | b"roughly"
            | b"over"
            | b"than"
            | b"only"
            | b"just"
            | b"exactly"
            | b"least"
            | b"total"
            | b"dow"
            | b"index"
            | b"at"
    )
}

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
    let mut room = [0; 16];
    if short_lowercase(next_word(text, end), &mut room).is_some_and(is_count_noun) {
        return false;
    }
    if start == digits_start {
        let prev = short_lowercase(prev_word(text, start), &mut room);
        if prev.is_some_and(|w| is_number_prefix(w) && w != b"at") {
            return false;
        }
    }
    true
}

/// `w` with its ASCII letters lowercase, copied into `room`; `None` when it
/// is longer than `room` (and than any word the lists here hold).
fn short_lowercase<'b>(w: &str, room: &'b mut [u8; 16]) -> Option<&'b [u8]> {
    let copy = room.get_mut(..w.len())?;
    copy.copy_from_slice(w.as_bytes());
    copy.make_ascii_lowercase();
    Some(copy)
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
        let mut room = [0; 64];
        let lower = ascii_lowercase("The Late-March, (2023). U.S.", &mut room);
        assert_eq!(lower, "the late-march, (2023). u.s.");
        let ws = words(&lower);
        let texts: Vec<&str> = ws.iter().map(Word::as_str).collect();
        assert_eq!(texts, ["the", "late", "march", "2023", "u.s"]);
        assert!(ws[1] == "late" && ws[2] != "March");
        assert!(ws.is_inline());
        let mut room = [0; 64];
        assert!(matches!(
            ascii_lowercase("three days", &mut room),
            Cow::Borrowed(_)
        ));
        let long = "A".repeat(65);
        let mut room = [0; 64];
        let lower = ascii_lowercase(&long, &mut room);
        assert!(matches!(lower, Cow::Owned(_)) && lower == "a".repeat(65));
        let many = "one two three four five six seven eight nine ten eleven twelve 13 14";
        assert_eq!(words(many).len(), 14);
        assert!(!words(many).is_inline());
    }

    #[test]
    fn count_nouns_and_number_prefixes_in_any_case() {
        let mut room = [0; 16];
        for w in ["people", "People", "KM", "percent", "participants", "more"] {
            assert!(
                short_lowercase(w, &mut room).is_some_and(is_count_noun),
                "{w}"
            );
        }
        for w in ["flight", "Approximately", "AT", "dow"] {
            assert!(
                short_lowercase(w, &mut room).is_some_and(is_number_prefix),
                "{w}"
            );
        }
        for w in ["peoples", "year", "", "b\u{e9}d", "élection"] {
            assert!(
                !short_lowercase(w, &mut room).is_some_and(is_count_noun),
                "{w}"
            );
        }
        assert_eq!(short_lowercase("seventeen-letters", &mut room), None);
        let text = "In 2024 people voted; flight 1549 landed at 2015 and 1990 km away.";
        let at = |w: &str| text.find(w).unwrap();
        assert!(!year_context_ok(
            text,
            at("2024"),
            at("2024") + 4,
            at("2024")
        ));
        assert!(!year_context_ok(
            text,
            at("1549"),
            at("1549") + 4,
            at("1549")
        ));
        assert!(year_context_ok(
            text,
            at("2015"),
            at("2015") + 4,
            at("2015")
        ));
        assert!(!year_context_ok(
            text,
            at("1990"),
            at("1990") + 4,
            at("1990")
        ));
    }

    /// The neighbouring words as `str::rfind` and `str::find` cut them
    /// before the byte walks.
    fn prev_word_by_rfind(text: &str, at: usize) -> &str {
        let before = text[..at].trim_end();
        let start = before
            .rfind(|ch: char| !(ch.is_alphanumeric() || ch == '\'' || ch == '.' || ch == '$'))
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        before[start..].trim_end_matches('.')
    }

    fn next_word_by_find(text: &str, at: usize) -> &str {
        let after = text[at..].trim_start();
        let end = after
            .find(|ch: char| !(ch.is_alphanumeric() || ch == '\''))
            .unwrap_or(after.len());
        &after[..end]
    }

    #[test]
    fn neighbours_cut_as_find_did() {
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        for _ in 0..2000 {
            let mut text = tense_text(&mut rng);
            text.push_str(["$5", "U.S.", "...", "e.g.", ""][rng.below(5)]);
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(
                    prev_word(&text, at),
                    prev_word_by_rfind(&text, at),
                    "{text:?} {at}"
                );
                assert_eq!(
                    next_word(&text, at),
                    next_word_by_find(&text, at),
                    "{text:?} {at}"
                );
            }
        }
    }

    /// The words as `str::split` cut them before the byte walk.
    fn words_by_split(lower: &str) -> Vec<&str> {
        lower
            .split(|ch: char| {
                ch.is_whitespace() || ch == '-' || ch == ',' || ch == '(' || ch == ')'
            })
            .map(|w| w.trim_end_matches('.'))
            .filter(|w| !w.is_empty())
            .collect()
    }

    #[test]
    fn words_cut_as_the_split_did() {
        const PIECES: &[&str] = &[
            "the", "march", "5", "2023", "u.s.", ".", "..", " ", "  ", "-", ",", "(", ")", "\t",
            "\n", "\u{b}", "\u{c}", "\r", "\u{a0}", "\u{2009}", "\u{3000}", "\u{85}", "—", "é",
            "mid-", "'s", "’", "日本", "a.m.",
        ];
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..rng.below(16) {
                text.push_str(PIECES[rng.below(PIECES.len())]);
            }
            let got: Vec<&str> = words(&text).iter().map(Word::as_str).collect();
            assert_eq!(got, words_by_split(&text), "{text:?}");
        }
    }

    /// The tense reading as it was written first: `str::split` on a
    /// character test and a lowercase copy of each word.
    fn tense_marker_by_split(text: &str, start: usize, end: usize) -> Option<Direction> {
        if possessive_after(text, end) {
            return Some(Direction::Past);
        }
        let (left_bound, right_bound) = sentence_bounds(text, start, end);
        let tok = |s: &str| {
            s.split(|c: char| !(c.is_alphanumeric() || c == '\''))
                .filter(|w| !w.is_empty() && !w.starts_with(char::is_uppercase))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let before = &text[left_bound..start];
        if future_phrase_before(before) {
            return Some(Direction::Future);
        }
        let classify = |w: &str| {
            let lower = w.to_ascii_lowercase();
            let lower = lower.as_bytes();
            if is_future_marker(lower) {
                Some(Direction::Future)
            } else if is_past_marker(lower) && !not_past(lower) {
                Some(Direction::Past)
            } else {
                None
            }
        };
        let mut best: Option<(usize, Direction)> = None;
        for (d, w) in tok(before).iter().rev().enumerate() {
            if let Some(t) = classify(w) {
                best = Some((d, t));
                break;
            }
        }
        for (d, w) in tok(&text[end..right_bound]).iter().enumerate() {
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

    /// Pieces of text dense in tense markers, capitals, apostrophes,
    /// sentence stops and characters outside ASCII.
    const TENSE_PIECES: &[&str] = &[
        "said",
        "Said",
        "will",
        "Will",
        "expected",
        "EXPECTED",
        "played",
        "need",
        "red",
        "bought",
        "thought",
        "'ll",
        "won't",
        "he's",
        "the",
        "on",
        "Monday",
        "March",
        "2023",
        "5",
        "last",
        "next",
        "until",
        "up until",
        "as early as",
        "as soon as",
        "naïve",
        "Éric",
        "éd",
        "café",
        "ﬁxed",
        "Ünited",
        "told",
        "reported",
        "\u{2019}s",
        "'s",
        "’",
        "—",
        "internationalized",
        "reconceptualizationed",
        "unprecedentedlyhighlyrated",
        " ",
        " ",
        " ",
        " ",
        ", ",
        ". ",
        "; ",
        "\n",
        "! ",
        "?",
        "(",
        ")",
        "-",
        "\u{a0}",
        "日本",
    ];

    fn tense_text(rng: &mut crate::test_rng::XorShift) -> String {
        let mut text = String::new();
        for _ in 0..rng.below(60) {
            text.push_str(TENSE_PIECES[rng.below(TENSE_PIECES.len())]);
            if rng.below(3) > 0 {
                text.push(' ');
            }
        }
        text
    }

    #[test]
    fn tense_reads_as_the_split_did() {
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        let mut marked = 0;
        for _ in 0..3000 {
            let text = tense_text(&mut rng);
            let cuts: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for _ in 0..8 {
                let a = cuts[rng.below(cuts.len())];
                let b = cuts[rng.below(cuts.len())];
                let (start, end) = (a.min(b), a.max(b));
                let want = tense_marker_by_split(&text, start, end);
                marked += usize::from(want.is_some());
                assert_eq!(
                    tense_marker(&text, start, end),
                    want,
                    "{text:?} at {start}..{end}"
                );
            }
        }
        assert!(marked > 5000, "only {marked} readings found a marker");
    }

    #[test]
    #[rustfmt::skip]
    fn tense_words_skip_capitals_and_split_on_other_characters() {
        let ahead: Vec<&str> = WordsAhead::new("He said—they’ll go; Éric's café won't 5pm").collect();
        assert_eq!(ahead, ["said", "they", "ll", "go", "café", "won't", "5pm"]);
        let mut back: Vec<&str> = WordsBack::new("He said—they’ll go; Éric's café won't 5pm").collect();
        back.reverse();
        assert_eq!(back, ahead);
        assert_eq!(tense_of("EXPECTED"), Some(Direction::Future));
        assert_eq!(tense_of("unprecedentedlyhighlyratedandtested"), Some(Direction::Past));
        assert_eq!(tense_of("naïved"), None);
        assert_eq!(tense_of("need"), None);
    }
}

//! Recognition: one regex per kind of temporal expression, compiled once.
//! Each match is a candidate span tagged with its [`Kind`]; the longest
//! candidate wins where they overlap, and [`super::interpret`] decides
//! whether it stands and what it means.
//!
//! Patterns are case-insensitive, except month and weekday names, which
//! must be capitalised (so "may" and "march" the verbs never match), and
//! word boundaries are ASCII (fast on any text).
//!
//! Every match of a rule holds one of the rule's key words ([`Keys`]). One
//! aho-corasick pass finds the key words of all rules, and each rule runs
//! only in narrow windows around its own ([`Reach`]): the same candidates
//! as running every rule over the whole text, for a fraction of the cost.

use std::{cell::RefCell, sync::LazyLock};

use aho_corasick::{
    automaton::{Automaton, StateID as KeyStateId},
    dfa::DFA as KeyDfa,
    Anchored as KeyAnchored, MatchKind as KeyMatchKind, StartKind,
};
use regex_automata::{
    hybrid::{
        dfa,
        regex::{Cache, Regex},
    },
    nfa::thompson::{self, WhichCaptures},
    util::syntax,
    Anchored, Input, Match, MatchKind,
};

use super::lexicon::{HOLIDAY, MONTH, MONTH_FULL, NUMBER, QUANT_MOD, UNIT, WEEKDAY};

/// What a recognition pattern found; the interpreter reads the span by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// "September 23, 2023", "Sept. 23", "Friday, Oct. 23".
    MonthDay,
    /// "23 September 2023", "the 23rd of September".
    DayMonth,
    /// "2023-09-23".
    Iso,
    /// "9/23/23", "09/23/2023".
    Slash,
    /// "September 2023", "late March of 1990", "January this year".
    MonthYear,
    /// "March", "last June", "early December".
    Month,
    /// "1991", "fiscal 1989", "mid-1996", "the end of 1990".
    Year,
    /// "nineteen ninety-six".
    SpokenYear,
    /// "the 1990s", "the '80s", "the nineties".
    Decade,
    /// "the 20th century", "this century".
    Century,
    /// "the fall of 2020", "last summer".
    Season,
    /// "the third quarter", "third-quarter", "the first half of 1989".
    Quarter,
    /// "today", "yesterday morning", "tonight", "this morning".
    DayWord,
    /// "Saturday", "last Friday", "Wednesday night".
    Weekday,
    /// "3 p.m.", "10:35 a.m. EST Thursday", "noon Saturday".
    Time,
    /// "last week", "this year", "earlier this month", "the past year".
    RelUnit,
    /// "the year", "the quarter", "the end of the year", "year-end".
    TheUnit,
    /// "two years ago", "a year earlier", "three days later".
    Ago,
    /// "44 days", "the past three years", "a five-year", "at least 72 hours".
    Duration,
    /// "years-long", "decades-long", "day-long".
    LongAdj,
    /// "for years", "within days" (the preposition is trimmed).
    BarePlural,
    /// "recent years", "coming weeks".
    RecentPlural,
    /// "every year", "each Thursday", "daily".
    Set,
    /// "now", "currently", "recently", "the future".
    Ref,
    /// "Christmas", "Thanksgiving Day".
    Holiday,
    /// "year-earlier", "year-ago".
    YearAgoAdj,
}

/// One recognition pattern.
pub struct Rule {
    /// What it finds.
    pub kind: Kind,
    /// The compiled pattern: a lazy DFA, searched with this thread's
    /// [`Cache`] of it (see [`Rule::search`]).
    pub re: Regex,
    /// The rule's index in [`RULES`], which is its cache's too.
    index: usize,
    /// Words one of which every match contains.
    pub keys: Keys,
    /// How far around a key word a match can lie.
    pub reach: Reach,
}

/// How far a rule's matches lie around their key words, in bytes: every
/// match starts at most `back` bytes before the start of (the first of) its
/// key words, and the shortest match from that start ends at most `ahead`
/// bytes after that word's end. A rule runs only in windows so wide around
/// its key words.
///
/// Measured on the news corpus and TempEval (the ignored test
/// `measure_reach` prints the figures) and widened by 8 to 32 bytes for
/// runs of whitespace and longer modifiers; the windowed search then finds
/// exactly what a whole-text search finds (the ignored corpus test).
#[derive(Debug, Clone, Copy)]
pub struct Reach {
    /// Bytes before the key word's start where a match may start.
    pub back: usize,
    /// Bytes after the key word's end where the shortest match ends.
    pub ahead: usize,
}

const fn reach(back: usize, ahead: usize) -> Reach {
    Reach { back, ahead }
}

/// Words (matched ASCII-case-insensitively) one of which every match of a
/// rule contains, standing where `edge` says: a rule runs only around them.
#[derive(Debug, Clone, Copy)]
pub struct Keys {
    /// The words, lowercase.
    pub words: &'static [&'static str],
    /// What the text must look like where the word starts.
    pub edge: Edge,
    /// What the text must look like around the word besides.
    pub guard: Guard,
}

impl Keys {
    /// Whether a key word found at `start..end` of `text` stands where
    /// every match of the rule has one.
    fn admit(&self, text: &[u8], start: usize, end: usize) -> bool {
        self.edge.admits(text, start, end) && self.guard.admits(text, start, end)
    }

    /// The same keys, admitted only where `guard` holds as well.
    const fn guarded(self, guard: Guard) -> Keys {
        Keys { guard, ..self }
    }
}

/// A further condition on the text around a rule's key word, which every
/// match of the rule meets: read off the rule's pattern, it spares the
/// regex search of the many windows where it fails.
#[derive(Debug, Clone, Copy)]
pub enum Guard {
    /// No further condition.
    None,
    /// The word before, past at least one space or hyphen, is one of these
    /// (lowercase, matched ASCII-case-insensitively).
    WordBefore(&'static [&'static str]),
    /// A day number follows the month word: past its letters, an optional
    /// `.` and any spaces come one or two digits (no third: "May 2023").
    DayAfter,
    /// A day number comes before: past at least one space, an optional
    /// `of` and spaces, and an optional `st`, `nd`, `rd` or `th`, a digit.
    DayBefore,
    /// A year follows the month word: past its letters, an optional `.`,
    /// spaces, commas and an optional `of`, come four digits, an
    /// apostrophe and a digit, or "this", "last" or "next".
    YearAfter,
    /// Like [`Guard::WordBefore`], or else a digit ends right before the
    /// spaces or hyphens: where a number ("44 days") may stand.
    NumberBefore(&'static [&'static str]),
    /// The word before is one of the first words, and the word before
    /// that one of the second (each past at least one space or hyphen).
    WordsBefore(&'static [&'static str], &'static [&'static str]),
    /// The word after, past at least one space, is one of these.
    WordAfter(&'static [&'static str]),
    /// A digit comes before, past any spaces ("3 p.m.", "10am").
    DigitBefore,
    /// A digit right before the key and one right after ("10:35").
    DigitsAround,
    /// The text right after the key starts with this (lowercase).
    Suffix(&'static str),
    /// The text right before the key ends with this (lowercase).
    Prefix(&'static str),
    /// One of these holds.
    AnyOf(&'static [Guard]),
    /// All of these hold.
    AllOf(&'static [Guard]),
    /// The guard paired with the key word found (its lowercase text); a
    /// key word not listed has no further condition.
    ForKey(&'static [(&'static str, Guard)]),
}

/// The bytes `\s` matches in an ASCII pattern.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// Where the run of bytes meeting `is` that ends at `end` starts.
fn run_back(text: &[u8], end: usize, is: impl Fn(u8) -> bool) -> usize {
    let mut at = end;
    while at > 0 && is(text[at - 1]) {
        at -= 1;
    }
    at
}

/// Where the run of bytes meeting `is` that starts at `start` ends.
fn run_ahead(text: &[u8], start: usize, is: impl Fn(u8) -> bool) -> usize {
    let mut at = start;
    while at < text.len() && is(text[at]) {
        at += 1;
    }
    at
}

/// Whether `text[at..]` starts with `word`, ASCII-case-insensitively.
fn starts_with_word(text: &[u8], at: usize, word: &str) -> bool {
    text.get(at..at + word.len())
        .is_some_and(|t| t.eq_ignore_ascii_case(word.as_bytes()))
}

/// The word that ends past at least one space or hyphen before `start`
/// (its ASCII letters, maybe none), with where it starts.
fn word_before(text: &[u8], start: usize) -> Option<(usize, &[u8])> {
    let word_end = run_back(text, start, |b| is_space(b) || b == b'-');
    if word_end == start {
        return None;
    }
    let word_start = run_back(text, word_end, |b| b.is_ascii_alphabetic());
    Some((word_start, &text[word_start..word_end]))
}

/// Whether `word` is one of `words`, ASCII-case-insensitively.
fn is_one_of(word: &[u8], words: &[&str]) -> bool {
    words
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w.as_bytes()))
}

impl Guard {
    /// Whether the text around a key word at `start..end` meets the guard.
    fn admits(self, text: &[u8], start: usize, end: usize) -> bool {
        match self {
            Guard::None => true,
            Guard::WordBefore(words) => {
                word_before(text, start).is_some_and(|(_, word)| is_one_of(word, words))
            }
            Guard::NumberBefore(words) => word_before(text, start).is_some_and(|(at, word)| {
                is_one_of(word, words)
                    || (word.is_empty() && at > 0 && text[at - 1].is_ascii_digit())
            }),
            Guard::WordsBefore(near, far) => word_before(text, start).is_some_and(|(at, word)| {
                is_one_of(word, near)
                    && word_before(text, at).is_some_and(|(_, word)| is_one_of(word, far))
            }),
            Guard::WordAfter(words) => {
                let word_start = run_ahead(text, end, is_space);
                let word_end = run_ahead(text, word_start, |b| b.is_ascii_alphabetic());
                word_start > end && is_one_of(&text[word_start..word_end], words)
            }
            Guard::DigitBefore => {
                let at = run_back(text, start, is_space);
                at > 0 && text[at - 1].is_ascii_digit()
            }
            Guard::DigitsAround => {
                start > 0
                    && text[start - 1].is_ascii_digit()
                    && text.get(end).is_some_and(u8::is_ascii_digit)
            }
            Guard::Suffix(suffix) => starts_with_word(text, end, suffix),
            Guard::Prefix(prefix) => {
                start >= prefix.len() && starts_with_word(text, start - prefix.len(), prefix)
            }
            Guard::AnyOf(guards) => guards.iter().any(|g| g.admits(text, start, end)),
            Guard::AllOf(guards) => guards.iter().all(|g| g.admits(text, start, end)),
            Guard::ForKey(pairs) => {
                let key = &text[start..end];
                pairs
                    .iter()
                    .find(|(word, _)| key.eq_ignore_ascii_case(word.as_bytes()))
                    .is_none_or(|(_, guard)| guard.admits(text, start, end))
            }
            Guard::DayAfter => {
                let mut at = run_ahead(text, end, |b| b.is_ascii_alphabetic());
                at += usize::from(text.get(at) == Some(&b'.'));
                at = run_ahead(text, at, is_space);
                (1..=2).contains(&(run_ahead(text, at, |b| b.is_ascii_digit()) - at))
            }
            Guard::DayBefore => {
                let at = run_back(text, start, is_space);
                if at == start {
                    return false;
                }
                day_ends_at(text, at)
                    || (at >= 2 && text[at - 2..at].eq_ignore_ascii_case(b"of") && {
                        let past_of = run_back(text, at - 2, is_space);
                        past_of < at - 2 && day_ends_at(text, past_of)
                    })
            }
            Guard::YearAfter => {
                let mut at = run_ahead(text, end, |b| b.is_ascii_alphabetic());
                at += usize::from(text.get(at) == Some(&b'.'));
                at = run_ahead(text, at, |b| is_space(b) || b == b',');
                if starts_with_word(text, at, "of") {
                    at = run_ahead(text, at + 2, |b| is_space(b) || b == b',');
                }
                run_ahead(text, at, |b| b.is_ascii_digit()) - at == 4
                    || (text.get(at) == Some(&b'\'')
                        && text.get(at + 1).is_some_and(u8::is_ascii_digit))
                    || ["this", "last", "next"]
                        .iter()
                        .any(|w| starts_with_word(text, at, w))
            }
        }
    }
}

/// Whether a day number ends at `end`: a digit, or one followed by `st`,
/// `nd`, `rd` or `th`.
fn day_ends_at(text: &[u8], end: usize) -> bool {
    let digit_at = |i: usize| i > 0 && text[i - 1].is_ascii_digit();
    digit_at(end)
        || (end >= 2
            && [b"st", b"nd", b"rd", b"th"]
                .iter()
                .any(|s| text[end - 2..end].eq_ignore_ascii_case(*s))
            && digit_at(end - 2))
}

/// Where a key word starts in every match of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Not right after an ASCII letter (it may follow a digit: "3pm").
    AfterNonLetter,
    /// At the start of a word: not after an ASCII letter, digit or `_`.
    WordStart,
    /// A whole word: not after a word character, nor followed by one.
    Word,
    /// With a capital letter ("May", never "may").
    Capital,
    /// The first two digits of a whole word of four digits ("1990").
    FourDigits,
}

impl Edge {
    /// Whether a key word found at `start..end` of `text` stands here.
    fn admits(self, text: &[u8], start: usize, end: usize) -> bool {
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let before = start.checked_sub(1).map(|i| text[i]);
        match self {
            Edge::AfterNonLetter => !before.is_some_and(|b| b.is_ascii_alphabetic()),
            Edge::WordStart => !before.is_some_and(is_word),
            Edge::Word => {
                !before.is_some_and(is_word) && !text.get(end).is_some_and(|&b| is_word(b))
            }
            Edge::Capital => text[start].is_ascii_uppercase(),
            Edge::FourDigits => {
                !before.is_some_and(is_word)
                    && text
                        .get(end..end + 2)
                        .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                    && !text.get(end + 2).is_some_and(|&b| is_word(b))
            }
        }
    }
}

const fn keys(words: &'static [&'static str], edge: Edge) -> Keys {
    Keys {
        words,
        edge,
        guard: Guard::None,
    }
}

const MONTHS: Keys = keys(
    &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ],
    Edge::Capital,
);
const MONTH_NAMES: Keys = keys(
    &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
    Edge::Capital,
);
const UNITS: &[&str] = &[
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "fortnight",
    "month",
    "months",
    "quarter",
    "quarters",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "second",
    "seconds",
];
const PARTS_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night"];

/// What ends right before the unit of a duration: the last word of a
/// number ("44", "twenty-one", "a couple of", "a few", "an"), of "or so",
/// or of a modifier ("three straight days").
const DURATION_BEFORE_UNIT: &[&str] = &[
    "more",
    "full",
    "straight",
    "consecutive",
    "trading",
    "business",
    "working",
    "calendar",
    "long",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "dozen",
    "of",
    "few",
    "several",
    "many",
    "some",
    "a",
    "an",
    "so",
];

/// What ends right before "ago", "earlier" or "hence" in "two years ago"
/// (a unit, or the "so" of "or so"), or before "now" in "from now".
const AGO_BEFORE: Guard =
    Guard::AnyOf(&[Guard::WordBefore(UNITS), Guard::WordBefore(&["so", "from"])]);

/// What ends right before "quarter", "half" or "period" in a quarter: an
/// ordinal ("third", the "rd" of "3rd"), "fiscal", a determiner, the "ago"
/// of "year-ago", the "s" of "last year's" (a year is a digit).
const QUARTER_BEFORE: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "st",
    "nd",
    "rd",
    "th",
    "final",
    "last",
    "latter",
    "fiscal",
    "the",
    "latest",
    "current",
    "previous",
    "ago",
    "earlier",
    "comparable",
    "corresponding",
    "recent",
    "same",
    "this",
    "that",
    "s",
];

/// The "in the" of "7 in the morning" and "later in the week".
const IN_THE: Guard = Guard::WordsBefore(&["the"], &["in"]);

/// The last words of `<EDGE>` ("late", "the end of", "the end of the").
const EDGE_ENDS: &[&str] = &["of", "the", "early", "late", "mid"];

/// Before "future" or "past" in "the near future".
const FUTURE_BEFORE: Guard =
    Guard::WordBefore(&["the", "near", "distant", "foreseeable", "immediate"]);

const EDGE: &str = r"(?:(?:early|late|mid|the\s+(?:very\s+)?(?:end|beginning|start|middle|close|turn|first\s+half|second\s+half|last\s+half|latter\s+part|early\s+part|rest|remainder|balance)\s+of(?:\s+the)?)[-\s]+)";
const REL: &str = r"(?:last|this|next|this\s+past|this\s+coming|past|coming)";
const UNIT_WORD: &str = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty\s+first)";
const YEAR: &str = r"(?:1[6-9]\d\d|20\d\d)";
const TENS: &str = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)";
const ONES: &str = r"(?:one|two|three|four|five|six|seven|eight|nine)";
const TEENS: &str =
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)";

fn build(kind: Kind, keys: Keys, reach: Reach, pattern: &str) -> Rule {
    let p = pattern
        .replace("<MONTH>", MONTH)
        .replace("<MONTHF>", MONTH_FULL)
        .replace("<WEEKDAY>", WEEKDAY)
        .replace("<NUMBER>", NUMBER)
        .replace("<QMOD>", QUANT_MOD)
        .replace("<UNIT>", UNIT)
        .replace("<HOLIDAY>", HOLIDAY)
        .replace("<EDGE>", EDGE)
        .replace("<REL>", REL)
        .replace("<ORDW>", UNIT_WORD)
        .replace("<YEAR>", YEAR)
        .replace("<TENS>", TENS)
        .replace("<ONES>", ONES)
        .replace("<TEENS>", TEENS)
        .replace(r"\b", r"(?-u:\b)")
        .replace(r"\d", "[0-9]");
    let re = compile(&format!("(?i-u){p}"))
        .unwrap_or_else(|e| panic!("date pattern {kind:?} does not compile: {e}"));
    Rule {
        kind,
        re,
        index: 0,
        keys,
        reach,
    }
}

/// What `regex::RegexBuilder` runs for such a pattern, built directly: a
/// lazy DFA of 16 MiB forward (leftmost-first) and one in reverse (for the
/// start), from one parse and without capture groups, and no prefilter
/// (the keyword windows already are one). The caches are this module's,
/// one per rule and thread.
fn compile(pattern: &str) -> Result<Regex, String> {
    let hir = syntax::parse_with(pattern, &syntax::Config::new().utf8(true))
        .map_err(|e| e.to_string())?;
    let nfa = thompson::Config::new()
        .nfa_size_limit(Some(10 << 20))
        .which_captures(WhichCaptures::None);
    let compile_nfa = |config: thompson::Config| {
        thompson::Compiler::new()
            .configure(config)
            .build_from_hir(&hir)
            .map_err(|e| e.to_string())
    };
    let forward_nfa = compile_nfa(nfa.clone())?;
    let reverse_nfa = compile_nfa(nfa.reverse(true))?;
    let lazy = dfa::Config::new()
        .match_kind(MatchKind::LeftmostFirst)
        .cache_capacity(16 << 20);
    let forward = dfa::Builder::new()
        .configure(lazy.clone())
        .build_from_nfa(forward_nfa)
        .map_err(|e| e.to_string())?;
    let reverse = dfa::Builder::new()
        .configure(
            lazy.prefilter(None)
                .specialize_start_states(false)
                .match_kind(MatchKind::All),
        )
        .build_from_nfa(reverse_nfa)
        .map_err(|e| e.to_string())?;
    Ok(Regex::builder().build_from_dfas(forward, reverse))
}

thread_local! {
    /// This thread's lazy DFA caches, one per rule, made on first use.
    static CACHES: RefCell<Vec<Cache>> =
        RefCell::new(RULES.iter().map(|rule| rule.re.create_cache()).collect());
}

impl Rule {
    /// The leftmost-first match of the rule in `input`, with this thread's
    /// cache of its DFA.
    pub fn search(&self, input: &Input<'_>) -> Option<Match> {
        CACHES.with_borrow_mut(|caches| self.search_with(&mut caches[self.index], input))
    }

    fn search_with(&self, cache: &mut Cache, input: &Input<'_>) -> Option<Match> {
        self.re
            .try_search(cache, input)
            .expect("an ASCII pattern without quit bytes never gives up")
    }

    /// Every leftmost-first, non-overlapping match in `text`.
    pub fn find_all(&self, text: &str) -> Vec<Match> {
        CACHES.with_borrow_mut(|caches| self.re.find_iter(&mut caches[self.index], text).collect())
    }
}

/// The rules, in priority order (earlier wins between equal spans).
pub static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    use Kind::*;
    let mut rules = vec![
        build(
            Iso,
            keys(&["-0", "-1"], Edge::AfterNonLetter),
            reach(8, 8),
            r"\b<YEAR>-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b",
        ),
        build(
            Slash,
            keys(&["/"], Edge::AfterNonLetter),
            reach(8, 8),
            r"\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:\d{4}|\d\d)\b",
        ),
        build(
            MonthDay,
            MONTHS.guarded(Guard::DayAfter),
            reach(48, 32),
            r"\b(?:<WEEKDAY>,?\s+)?(?:<EDGE>)?<MONTH>\s*(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b(?:,?\s+(?:<YEAR>\b|'\d\d\b))?",
        ),
        build(
            DayMonth,
            MONTHS.guarded(Guard::DayBefore),
            reach(40, 16),
            r"\b(?:<WEEKDAY>,?\s+)?(?:the\s+)?(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?<MONTH>(?:,?\s+<YEAR>)?\b",
        ),
        build(
            MonthYear,
            MONTHS.guarded(Guard::YearAfter),
            reach(48, 32),
            r"(?:\b<EDGE>)?\b<MONTH>(?:\s+of)?,?\s+(?:<YEAR>\b|'\d\d\b|(?:this|last|next)\s+year\b)",
        ),
        build(
            Month,
            MONTH_NAMES,
            reach(48, 8),
            r"\b(?:(?:<REL>|<EDGE>)\s*)?<MONTHF>\b",
        ),
        build(
            Quarter,
            keys(&["quarter", "half", "period"], Edge::Word)
                .guarded(Guard::NumberBefore(QUARTER_BEFORE)),
            reach(64, 8),
            r"\b(?:(?:the|this\s+year's|last\s+year's|next\s+year's|<YEAR>|fiscal|calendar|year-ago|year-earlier|year\s+earlier|comparable|corresponding|latest|current|recent|previous|past|same|most\s+recent|just-ended|just\s+ended)[-\s]+)*(?:(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latter)[-\s]+(?:fiscal[-\s]+)?(?:quarter|half)|(?:the|latest|current|previous|year-ago|year-earlier|comparable|corresponding|recent|same|this|that)\s+quarter|(?:latest|year-ago|year-earlier|year\s+earlier|comparable|corresponding|same|<YEAR>|last\s+year's)\s+(?:period|quarter))(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:<YEAR>|this\s+year|last\s+year|next\s+year|the\s+year|a\s+year\s+(?:ago|earlier)))?\b",
        ),
        build(
            Season,
            keys(
                &["spring", "summer", "fall", "autumn", "winter"],
                Edge::WordStart,
            ),
            reach(48, 8),
            r"\b(?:(?:the|this|last|next|this\s+past|this\s+coming|early|late)\s+|<EDGE>)*(?:spring|summer|fall|autumn|winter)(?:\s+of\s+<YEAR>|\s+<YEAR>)?\b",
        ),
        build(
            Year,
            keys(&["16", "17", "18", "19", "20"], Edge::FourDigits),
            reach(56, 8),
            r"(?:\b<EDGE>|\b(?:post|pre)-)?(?:\b(?:fiscal|calendar|model|crop|school|tax|financial)(?:\s+year)?\s+|\bFY\s*)?\b<YEAR>\b",
        ),
        build(
            SpokenYear,
            keys(&["nineteen", "thousand"], Edge::WordStart),
            reach(40, 32),
            r"\b(?:the\s+year\s+)?(?:nineteen(?:\s+hundred(?:\s+and)?)?\s+(?:<TENS>(?:[-\s]<ONES>)?|<TEENS>|o[-\s]?<ONES>)|two\s+thousand(?:\s+and)?(?:\s+(?:<ONES>|<TEENS>))?)\b",
        ),
        build(
            Decade,
            keys(
                &[
                    "0s",
                    "twenties",
                    "thirties",
                    "forties",
                    "fifties",
                    "sixties",
                    "seventies",
                    "eighties",
                    "nineties",
                ],
                Edge::AfterNonLetter,
            ),
            reach(48, 8),
            r"\b(?:the\s+)?(?:<EDGE>)?(?:(?:1[5-9]|20)\d0s\b|'\d0s\b|(?-i:the\s+)(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
        ),
        build(
            Century,
            keys(&["centur"], Edge::WordStart),
            reach(48, 8),
            r"\b(?:the\s+)?(?:<EDGE>)?(?:(?:\d{1,2}(?:st|nd|rd|th)|<ORDW>)[-\s]+century|(?:this|last|next|the\s+last|the\s+next|the\s+previous)\s+century)\b",
        ),
        build(
            DayWord,
            keys(
                &["today", "yesterday", "tomorrow", "tonight"],
                Edge::WordStart,
            ),
            reach(32, 8),
            r"\b(?:(?:early|late|earlier|later|mid)[-\s]+)?(?:the\s+day\s+(?:before|after)\s+)?(?:today|yesterday|tomorrow|tonight)(?:\s+(?:morning|afternoon|evening|night))?\b",
        ),
        build(
            DayWord,
            keys(PARTS_OF_DAY, Edge::WordStart).guarded(Guard::WordBefore(&[
                "this",
                "last",
                "yesterday",
                "tomorrow",
                "the",
            ])),
            reach(40, 8),
            r"\b(?:(?:early|late|earlier|later|mid)[-\s]+)?(?:this|last|yesterday|tomorrow|the)\s+(?:morning|afternoon|evening|night)\b",
        ),
        build(
            DayWord,
            keys(&["morning", "afternoon", "evening"], Edge::WordStart)
                .guarded(Guard::WordAfter(&["today", "yesterday", "tomorrow"])),
            reach(32, 24),
            r"\b(?:(?:early|late|mid)[-\s]+)?(?:morning|afternoon|evening)\s+(?:today|yesterday|tomorrow)\b",
        ),
        build(
            DayWord,
            keys(&["overnight", "mid"], Edge::WordStart).guarded(Guard::ForKey(&[(
                "mid",
                Guard::AnyOf(&[
                    Guard::Suffix("day"),
                    Guard::Suffix("afternoon"),
                    Guard::Suffix("-afternoon"),
                    Guard::WordAfter(&["afternoon"]),
                ]),
            )])),
            reach(16, 24),
            r"\b(?:overnight|mid[-\s]?afternoon|midday)\b",
        ),
        build(
            Weekday,
            keys(
                &[
                    "monday",
                    "tuesday",
                    "wednesday",
                    "thursday",
                    "friday",
                    "saturday",
                    "sunday",
                ],
                Edge::Capital,
            ),
            reach(40, 8),
            r"\b(?:(?:last|this|next|this\s+past|this\s+coming|the\s+previous|the\s+following|the\s+next|coming)\s+)?<WEEKDAY>s?(?:\s+(?:morning|afternoon|evening|night)s?)?\b",
        ),
        build(
            Time,
            keys(
                &[
                    ":",
                    "a.m",
                    "p.m",
                    "am",
                    "pm",
                    "o'clock",
                    "morning",
                    "afternoon",
                    "evening",
                    "noon",
                    "midnight",
                ],
                Edge::AfterNonLetter,
            )
            .guarded(Guard::ForKey(&[
                (":", Guard::DigitsAround),
                ("a.m", Guard::DigitBefore),
                ("p.m", Guard::DigitBefore),
                ("am", Guard::DigitBefore),
                ("pm", Guard::DigitBefore),
                ("o'clock", Guard::DigitBefore),
                ("morning", IN_THE),
                ("afternoon", IN_THE),
                ("evening", IN_THE),
            ])),
            reach(48, 16),
            r"\b(?:(?:around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?:[01]?\d(?::[0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b)|[01]?\d(?::[0-5]\d)?\s+o'clock|[01]?\d:[0-5]\d\b|[01]?\d\s+in\s+the\s+(?:morning|afternoon|evening)|noon\b|midnight\b)(?:\s+(?:\(?(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET)\)?|local\s+time)\b)?(?:,?\s+(?:today|yesterday|tomorrow|tonight|<WEEKDAY>|<MONTH>\s*(?:0?[1-9]|[12]\d|3[01])\b))?",
        ),
        build(
            RelUnit,
            keys(
                &[
                    "week",
                    "weekend",
                    "month",
                    "year",
                    "quarter",
                    "decade",
                    "century",
                    "day",
                    "morning",
                    "afternoon",
                    "evening",
                    "night",
                ],
                Edge::Word,
            )
            .guarded(Guard::WordBefore(&[
                "last",
                "past",
                "previous",
                "next",
                "coming",
                "following",
                "current",
                "same",
                "latest",
                "this",
                "that",
                "present",
                "prior",
                "preceding",
                "fiscal",
                "calendar",
            ])),
            reach(48, 16),
            r"\b(?:(?:early|late|mid|earlier|later|sometime)[-\s]+)?(?:the\s+)?(?:last|past|previous|next|coming|following|current|same|latest|this|that|present|prior|preceding|this\s+past|this\s+coming|that\s+same)\s+(?:fiscal\s+|calendar\s+)?(?:week|weekend|month|year|quarter|decade|century|day|morning|afternoon|evening|night)\b(?:\s+or\s+so)?",
        ),
        build(
            RelUnit,
            keys(
                &["week", "month", "year", "decade", "century", "day"],
                Edge::Word,
            )
            .guarded(IN_THE),
            reach(40, 8),
            r"\b(?:earlier|later|early|late)\s+in\s+the\s+(?:week|month|year|decade|century|day)\b",
        ),
        build(
            TheUnit,
            keys(
                &[
                    "week", "weekend", "month", "year", "quarter", "decade", "day",
                ],
                Edge::Word,
            )
            .guarded(Guard::AnyOf(&[
                Guard::WordBefore(&[
                    "the", "full", "fiscal", "calendar", "whole", "entire", "of", "early", "late",
                    "mid",
                ]),
                Guard::WordsBefore(&["this", "last", "next"], EDGE_ENDS),
            ])),
            reach(56, 16),
            r"\b(?:<EDGE>(?:the\s+|this\s+|last\s+|next\s+)?|the\s+)(?:(?:full|fiscal|calendar|whole|entire)\s+)?(?:week|weekend|month|year|quarter|decade|day)\b",
        ),
        build(
            TheUnit,
            keys(&["end"], Edge::Word).guarded(Guard::WordBefore(&["year", "s"])),
            reach(16, 8),
            r"\b(?:year[-\s]end|year's\s+end)\b",
        ),
        build(
            Ago,
            keys(&["ago", "earlier", "now", "hence"], Edge::WordStart).guarded(AGO_BEFORE),
            reach(72, 8),
            r"\b<QMOD>?(?:<NUMBER>|a\s+(?:year|decade|month|week|day)\s+or\s+(?:so|two))[-\s]+(?:more\s+)?(?:<UNIT>|seconds?)(?:\s+or\s+so)?\s+(?:ago|earlier|from\s+now|hence)\b",
        ),
        build(
            Duration,
            keys(UNITS, Edge::Word).guarded(Guard::NumberBefore(DURATION_BEFORE_UNIT)),
            reach(64, 16),
            r"\b(?:the\s+|each\s+of\s+the\s+)?(?:(?:past|last|next|first|final|coming|previous|following|latest|initial|same|remaining|full|entire|whole|better\s+part\s+of\s+the)\s+)?<QMOD>?<NUMBER>(?:(?:\s+or|\s+to|-)\s+<NUMBER>)?(?:\s+or\s+so)?[-\s]+(?:more\s+|full\s+|straight\s+|consecutive\s+|trading\s+|business\s+|working\s+|calendar\s+|long\s+)?(?:<UNIT>|seconds?)(?:\s+or\s+(?:so|more|longer))?(?:-(?:long|old))?\b",
        ),
        build(
            LongAdj,
            keys(&["long", "old"], Edge::WordStart).guarded(Guard::ForKey(&[
                (
                    "long",
                    Guard::WordBefore(&[
                        "years",
                        "decades",
                        "months",
                        "weeks",
                        "days",
                        "hours",
                        "centuries",
                        "day",
                        "year",
                        "month",
                        "week",
                        "hour",
                        "night",
                    ]),
                ),
                (
                    "old",
                    Guard::AllOf(&[
                        Guard::Prefix("-"),
                        Guard::WordBefore(&["years", "decades", "months", "weeks", "centuries"]),
                    ]),
                ),
            ])),
            reach(32, 8),
            r"\b(?:(?:years|decades|months|weeks|days|hours|centuries|day|year|month|week|hour|night)[-\s]long|(?:years|decades|months|weeks|centuries)-old)\b",
        ),
        build(
            BarePlural,
            keys(
                &[
                    "days",
                    "weeks",
                    "months",
                    "years",
                    "decades",
                    "centuries",
                    "hours",
                    "minutes",
                    "while",
                    "time",
                ],
                Edge::Word,
            )
            .guarded(Guard::WordBefore(&[
                "for", "in", "within", "over", "after", "take", "takes", "took", "taking",
                "lasted", "lasts", "a", "long", "short", "little", "some",
            ])),
            reach(40, 16),
            r"\b(?:for|in|within|over|after|take|takes|took|taking|lasted|lasts)\s+(?:days|weeks|months|years|decades|centuries|hours|minutes|a\s+(?:long\s+|short\s+|little\s+)?while|some\s+time|a\s+long\s+time)\b",
        ),
        build(
            RecentPlural,
            keys(
                &["days", "weeks", "months", "years", "decades", "quarters"],
                Edge::Word,
            )
            .guarded(Guard::WordBefore(&[
                "recent",
                "coming",
                "past",
                "future",
                "ensuing",
                "following",
                "next",
                "last",
                "few",
            ])),
            reach(40, 16),
            r"\b(?:(?:the\s+)?(?:recent|coming|past|future|ensuing|following|next|last)\s+)(?:few\s+)?(?:days|weeks|months|years|decades|quarters)(?:\s+(?:and|or)\s+(?:days|weeks|months|years|decades))?\b",
        ),
        build(
            Set,
            keys(&["every", "each", "per"], Edge::Word),
            reach(8, 40),
            r"\b(?:every|each|per)\s+(?:other\s+)?(?:(?:<NUMBER>|couple\s+of|few)\s+)?(?:<UNIT>|seconds?|<WEEKDAY>|<MONTHF>|morning|afternoon|evening|night|spring|summer|fall|autumn|winter)\b",
        ),
        build(
            Set,
            keys(
                &[
                    "daily",
                    "weekly",
                    "monthly",
                    "annually",
                    "yearly",
                    "hourly",
                    "nightly",
                    "biweekly",
                    "semiannually",
                    "twice",
                    "once",
                ],
                Edge::Word,
            ),
            reach(8, 24),
            r"\b(?:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually|twice\s+(?:a|per)\s+(?:day|week|month|year)|once\s+(?:a|per)\s+(?:day|week|month|year))\b",
        ),
        build(
            Ref,
            keys(
                &[
                    "now", "current", "present", "lately", "recent", "days", "future", "past",
                    "term", "possible", "date",
                ],
                Edge::WordStart,
            )
            .guarded(Guard::ForKey(&[
                ("recent", Guard::Suffix("ly")),
                ("days", Guard::WordBefore(&["these"])),
                ("future", FUTURE_BEFORE),
                ("past", FUTURE_BEFORE),
                ("term", Guard::WordBefore(&["near", "short", "long"])),
                ("possible", Guard::WordBefore(&["as"])),
                ("date", Guard::WordBefore(&["later"])),
                (
                    "present",
                    Guard::AnyOf(&[
                        Guard::Suffix("ly"),
                        Guard::WordBefore(&["at"]),
                        Guard::WordAfter(&["day"]),
                    ]),
                ),
            ])),
            reach(40, 16),
            r"\bnow\b|\b(?:currently|nowadays|presently|lately|(?:more\s+|most\s+|very\s+|only\s+)?recently|these\s+days|at\s+present|(?:the\s+)?present\s+day|the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?(?:future|past)|the\s+(?:near|short|long)\s+term|as\s+soon\s+as\s+possible|a\s+later\s+date|current)\b",
        ),
        build(
            Holiday,
            keys(
                &[
                    "christmas",
                    "year's",
                    "thanksgiving",
                    "easter",
                    "friday",
                    "halloween",
                    "day",
                ],
                Edge::Capital,
            )
            .guarded(Guard::ForKey(&[
                ("friday", Guard::WordBefore(&["good"])),
                // The "s" of "New Year's", the empty word after "Jr." or
                // "Presidents'".
                (
                    "day",
                    Guard::WordBefore(&[
                        "christmas",
                        "s",
                        "thanksgiving",
                        "independence",
                        "memorial",
                        "labor",
                        "veterans",
                        "election",
                        "boxing",
                        "king",
                        "presidents",
                        "columbus",
                        "",
                    ]),
                ),
            ])),
            reach(40, 16),
            r"\b(?:(?:last|this|next|this\s+past|this\s+coming)\s+)?<HOLIDAY>(?:\s+<YEAR>)?\b",
        ),
        build(
            Ago,
            keys(&["ago"], Edge::WordStart),
            reach(24, 8),
            r"\b(?:days|weeks|months|years|decades)\s+ago\b",
        ),
        build(
            BarePlural,
            keys(&["days", "weeks", "months", "years"], Edge::WordStart)
                .guarded(Guard::WordBefore(&["the"])),
            reach(24, 32),
            r"\bthe\s+(?:days|weeks|months|years)\s+(?:before|after|that\s+followed|following|leading|since|ahead|to\s+come)\b",
        ),
        build(
            YearAgoAdj,
            keys(&["ago", "earlier"], Edge::Word).guarded(Guard::WordBefore(&["year"])),
            reach(16, 8),
            r"\byear[-\s](?:ago|earlier)\b",
        ),
    ];
    for (index, rule) in rules.iter_mut().enumerate() {
        rule.index = index;
    }
    rules
});

/// A recognised candidate span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Byte offset.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// The rule's kind.
    pub kind: Kind,
    /// The rule's index (priority).
    pub rule: usize,
}

/// The keyword pass: every key of every rule, and for each key the rules
/// that it lets run.
struct Gate {
    matcher: KeyDfa,
    /// For each key, the rules that have it among their key words.
    key_rules: Vec<Vec<usize>>,
}

static GATE: LazyLock<Gate> = LazyLock::new(|| {
    let mut all: Vec<&'static str> = Vec::new();
    for r in RULES.iter() {
        for &word in r.keys.words {
            if !all.contains(&word) {
                all.push(word);
            }
        }
    }
    let key_rules = all
        .iter()
        .map(|key| {
            (0..RULES.len())
                .filter(|&rule| RULES[rule].keys.words.contains(key))
                .collect()
        })
        .collect();
    // A DFA of a few hundred states, walked byte by byte: standard
    // semantics, so that its match states name every key ending there.
    let matcher = KeyDfa::builder()
        .ascii_case_insensitive(true)
        .match_kind(KeyMatchKind::Standard)
        .start_kind(StartKind::Unanchored)
        .prefilter(false)
        .build(&all)
        .expect("date keywords build");
    Gate { matcher, key_rules }
});

/// Sorted, disjoint byte ranges of one text in which a rule may match.
type Windows = Vec<(usize, usize)>;

/// Adds the window around one keyword hit `start..end`. Hits come in
/// order of their end; one that starts before an earlier hit of the same
/// rule also ends no earlier, so its window holds that hit's window: any
/// window the new one touches is at the back.
fn add_window(windows: &mut Windows, reach: Reach, start: usize, end: usize, len: usize) {
    let mut from = start.saturating_sub(reach.back);
    let mut to = (end + reach.ahead).min(len);
    while let Some(&(s, e)) = windows.last() {
        if e < from {
            break;
        }
        from = from.min(s);
        to = to.max(e);
        windows.pop();
    }
    windows.push((from, to));
}

/// For each rule, the windows around the hits of its keywords in `text`
/// (empty when none occurs: the rule cannot match).
///
/// One walk of the keyword DFA over the text; each match state names every
/// key that ends at that byte.
fn windows(text: &str) -> Vec<Windows> {
    let gate = &*GATE;
    let dfa = &gate.matcher;
    let mut per_rule: Vec<Windows> = vec![Vec::new(); RULES.len()];
    let bytes = text.as_bytes();
    let mut state = dfa
        .start_state(KeyAnchored::No)
        .expect("the keyword DFA searches unanchored");
    let mut at = 0;
    while let Some((end, found)) = next_key_end(dfa, bytes, at, state) {
        for index in 0..dfa.match_len(found) {
            let key = dfa.match_pattern(found, index);
            let start = end - dfa.pattern_len(key);
            for &rule in &gate.key_rules[key.as_usize()] {
                let r = &RULES[rule];
                if r.keys.admit(bytes, start, end) {
                    add_window(&mut per_rule[rule], r.reach, start, end, text.len());
                }
            }
        }
        (at, state) = (end, found);
    }
    per_rule
}

/// Walks the keyword DFA from `state` over `bytes[at..]` up to the next
/// byte where a key ends: that end and the match state there.
///
/// A loop of its own, so that the walk keeps its state in registers.
#[inline(never)]
fn next_key_end(
    dfa: &KeyDfa,
    bytes: &[u8],
    at: usize,
    mut state: KeyStateId,
) -> Option<(usize, KeyStateId)> {
    for (offset, &byte) in bytes[at..].iter().enumerate() {
        state = dfa.next_state(KeyAnchored::No, state, byte);
        if dfa.is_special(state) && dfa.is_match(state) {
            return Some((at + offset + 1, state));
        }
    }
    None
}

/// The matches of `rule` in `text` that start inside `windows`, exactly as
/// a leftmost-first, non-overlapping search over the whole text finds them.
///
/// The whole-text search's next match (from the end of the last one)
/// starts where the window holding it finds its first match: that window
/// holds the start and, by the rule's [`Reach`], the shortest match from
/// there (the windows being disjoint, no earlier window finds one), and
/// look-around sees the whole text. Where the window's end cut a longer
/// match short, an anchored search from the start without the cut finds
/// the match the whole-text search prefers there.
fn search_windows(index: usize, text: &str, windows: &[(usize, usize)], out: &mut Vec<Candidate>) {
    let rule = &RULES[index];
    CACHES.with_borrow_mut(|caches| {
        let cache = &mut caches[index];
        let mut from_last = 0;
        for &(start, end) in windows {
            let mut from = start.max(from_last);
            while from < end {
                let window = Input::new(text).range(from..end);
                let Some(first) = rule.search_with(cache, &window) else {
                    break;
                };
                let whole = Input::new(text)
                    .range(first.start()..)
                    .anchored(Anchored::Yes);
                let m = rule.search_with(cache, &whole).unwrap_or(first);
                if !m.is_empty() {
                    out.push(Candidate {
                        start: m.start(),
                        end: m.end(),
                        kind: rule.kind,
                        rule: index,
                    });
                }
                from = m.end().max(from + 1);
                from_last = from;
            }
        }
    });
}

/// Runs every rule around the hits of its keywords in `text` and returns
/// all candidates, rule by rule, each rule's in text order.
pub fn candidates(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (index, windows) in windows(text).iter().enumerate() {
        search_windows(index, text, windows, &mut out);
    }
    out
}

/// The same candidates by running every rule over the whole text, as
/// reference for [`candidates`].
#[cfg(test)]
fn candidates_whole_text(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (index, rule) in RULES.iter().enumerate() {
        for m in rule.find_all(text) {
            if !m.is_empty() {
                out.push(Candidate {
                    start: m.start(),
                    end: m.end(),
                    kind: rule.kind,
                    rule: index,
                });
            }
        }
    }
    out
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_rules_compile() {
        assert!(RULES.len() > 20);
    }

    /// A text dense with dates of every kind.
    const DENSE: &str = "On Saturday, Sept. 23, 2023, the fall of 2020 and the 1990s, 44 days, \
        three days, years-long, the '90s, nineteen ninety-six, the 20th century, \
        last week, the third quarter, a year earlier, two years ago, 3 p.m. EST Thursday, \
        noon Friday, every year, weekly, twice a month, now, recently, the near term, \
        Christmas Eve, year-end, the year ended, for years, in recent months, 9/23/23, \
        2023-09-23, 23 September 2023, January this year, early March, tonight, \
        the next morning, the days before, for a while, the weekend, mid-1996.";

    /// Every match of every rule contains one of its key words, standing
    /// where the rule's edge says, so no match falls outside the windows.
    #[test]
    fn every_match_holds_a_keyword() {
        let text = DENSE;
        let mut seen = 0;
        for rule in RULES.iter() {
            for m in rule.find_all(text) {
                seen += 1;
                assert!(
                    holds_a_key(rule, text, m.start(), m.end()),
                    "{:?} matched {:?} without a keyword",
                    rule.kind,
                    &text[m.range()]
                );
            }
        }
        assert!(seen > 40, "only {seen} matches");
    }

    /// Whether `text[start..end]` holds one of the rule's key words where
    /// its edge admits it.
    fn holds_a_key(rule: &Rule, text: &str, start: usize, end: usize) -> bool {
        let lower = text.to_ascii_lowercase();
        (start..end).any(|at| {
            rule.keys.words.iter().any(|w| {
                lower[at..end].starts_with(w) && rule.keys.admit(text.as_bytes(), at, at + w.len())
            })
        })
    }

    /// No rule matches the empty string anywhere, so a search always
    /// moves forward.
    #[test]
    fn no_rule_matches_empty() {
        for rule in RULES.iter() {
            assert!(
                rule.find_all("").is_empty() && rule.find_all(" , ").is_empty(),
                "{:?}",
                rule.kind
            );
        }
    }

    /// Texts where windows meet, touch the text's ends, and matches run
    /// up to a window's edge.
    fn window_texts() -> Vec<String> {
        let dense = DENSE;
        let filler = "Officials said the plan would go ahead as agreed by all parties. ";
        let mut texts = vec![dense.to_string(), String::new(), "1".to_string()];
        for gap in [
            0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 120, 127, 128, 129, 200, 300,
        ] {
            let pad = "x".repeat(gap);
            texts.push(format!(
                "{pad} the corresponding year-earlier period {pad}1990"
            ));
            texts.push(format!(
                "{}{dense}{}",
                filler.repeat(gap / 8),
                &filler[..gap % 60]
            ));
            // Matches stretched by runs of whitespace as long as the
            // reaches leave room for.
            let space = " ".repeat(1 + gap % 24);
            texts.push(format!("the third{space}quarter of 1989"));
            texts.push(format!("last{space}week, in 1999{pad}3 p.m."));
        }
        let modifiers = format!("{}fiscal fiscal third quarter", "the ".repeat(8));
        texts.push(modifiers);
        texts
    }

    /// The windowed search finds what a search of every rule over the
    /// whole text finds.
    #[test]
    fn windows_find_what_the_whole_text_holds() {
        for text in window_texts() {
            assert_eq!(candidates(&text), candidates_whole_text(&text), "{text:?}");
        }
    }

    /// The same over the news corpus and TempEval, when they are present.
    #[test]
    #[ignore = "reads the corpora; run with --ignored"]
    fn windows_find_what_the_whole_text_holds_on_corpora() {
        let texts = super::measure::corpora();
        for text in &texts {
            assert_eq!(candidates(text), candidates_whole_text(text), "{text:?}");
        }
        eprintln!("{} texts checked", texts.len());
    }

    /// Each guard on a key word found in `text` (the word given with
    /// brackets), with and without what it asks for.
    #[test]
    fn guards() {
        let admits = |guard: Guard, marked: &str| {
            let start = marked.find('[').unwrap();
            let end = marked.find(']').unwrap() - 1;
            let text = marked.replace(['[', ']'], "");
            guard.admits(text.as_bytes(), start, end)
        };
        let before = Guard::WordBefore(&["the", "for"]);
        assert!(admits(before, "in THE [year]"));
        assert!(admits(before, "for - [days]"));
        assert!(!admits(before, "other [year]"));
        assert!(!admits(before, "the[year]"));
        assert!(!admits(before, "[year]"));
        assert!(admits(Guard::DayAfter, "[Sep]t. 23"));
        assert!(admits(Guard::DayAfter, "[May]5"));
        assert!(!admits(Guard::DayAfter, "[May] be"));
        assert!(!admits(Guard::DayAfter, "[Dec]"));
        assert!(!admits(Guard::DayAfter, "[May] 2023"));
        assert!(admits(Guard::DayBefore, "23 [Sep]tember"));
        assert!(admits(Guard::DayBefore, "the 3rd of  [May]"));
        assert!(!admits(Guard::DayBefore, "3[May]"));
        assert!(!admits(Guard::DayBefore, "first of [May]"));
        assert!(admits(Guard::YearAfter, "[Mar]ch of 1990"));
        assert!(admits(Guard::YearAfter, "[Jan]., '90"));
        assert!(admits(Guard::YearAfter, "[Jun]e last year"));
        assert!(!admits(Guard::YearAfter, "[Jun]e was"));
        assert!(!admits(Guard::YearAfter, "[Dec]"));
        assert!(!admits(Guard::YearAfter, "[Mar]ch 15, 2023"));
        assert!(!admits(Guard::YearAfter, "[Jun]e to"));
        let number = Guard::NumberBefore(&["few"]);
        assert!(admits(number, "44 [days]"));
        assert!(admits(number, "a few-[days]"));
        assert!(!admits(number, "44[days]"));
        assert!(!admits(number, "the [days]"));
        let this_year = Guard::WordsBefore(&["this"], &["of"]);
        assert!(admits(this_year, "end of this [year]"));
        assert!(!admits(this_year, "in this [year]"));
        assert!(!admits(this_year, "this [year]"));
        assert!(admits(Guard::WordAfter(&["today"]), "[morning]  Today"));
        assert!(!admits(Guard::WordAfter(&["today"]), "[morning]today"));
        assert!(admits(Guard::DigitBefore, "3 [p.m]."));
        assert!(admits(Guard::DigitBefore, "10[am]"));
        assert!(!admits(Guard::DigitBefore, "I [am]"));
        assert!(admits(Guard::DigitsAround, "10[:]35"));
        assert!(!admits(Guard::DigitsAround, "said[:] 35"));
        assert!(admits(Guard::Suffix("ly"), "[recent]LY"));
        assert!(!admits(Guard::Suffix("ly"), "[recent] years"));
        let either = Guard::AnyOf(&[Guard::Suffix("ly"), Guard::WordBefore(&["at"])]);
        assert!(admits(either, "at [present]"));
        assert!(!admits(either, "to [present]"));
        let both = Guard::AllOf(&[Guard::Prefix("-"), Guard::WordBefore(&["years"])]);
        assert!(admits(both, "years-[old]"));
        assert!(!admits(both, "years [old]"));
        assert!(!admits(both, "[old]"));
        let per_key = Guard::ForKey(&[("am", Guard::DigitBefore)]);
        assert!(!admits(per_key, "I [AM]"));
        assert!(admits(per_key, "at [noon]"));
    }

    #[test]
    fn month_names_must_be_capitalised() {
        let found = candidates("they may march in the fall");
        assert!(
            !found
                .iter()
                .any(|c| matches!(c.kind, Kind::Month | Kind::MonthDay)),
            "{found:?}"
        );
    }
}

/// The figures behind each rule's [`Reach`].
#[cfg(test)]
mod measure {
    use super::*;

    /// The texts of the news corpus and TempEval's training set, when they
    /// are present (in `../shared/data`, beside the repository).
    pub(super) fn corpora() -> Vec<String> {
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data");
        let mut texts = Vec::new();
        if let Ok(news) = std::fs::read_to_string(format!("{data}/news/news.jsonl")) {
            for line in news.lines() {
                push_article_texts(line, &mut texts).expect("json line");
            }
        }
        if let Ok(dir) = std::fs::read_dir(format!("{data}/tempeval3/train")) {
            for entry in dir.flatten() {
                let xml = std::fs::read_to_string(entry.path()).unwrap_or_default();
                texts.extend(crate::eval::timeml::parse(&xml).ok().map(|doc| doc.text));
            }
        }
        texts
    }

    /// The texts of the JSON lines file named by `DATES_YIELD` (title and
    /// text of each article), or else the corpora.
    fn yield_texts() -> Vec<String> {
        let Ok(path) = std::env::var("DATES_YIELD") else {
            return corpora();
        };
        let news = std::fs::read_to_string(path).expect("DATES_YIELD names a readable file");
        let mut texts = Vec::new();
        for line in news.lines() {
            // A sample cut from a corpus may end in half a line.
            let _ = push_article_texts(line, &mut texts);
        }
        texts
    }

    /// Adds the title and text of the JSON article on `line` to `texts`.
    fn push_article_texts(line: &str, texts: &mut Vec<String>) -> serde_json::Result<()> {
        let article: serde_json::Value = serde_json::from_str(line)?;
        for field in ["title", "text"] {
            texts.extend(article[field].as_str().map(str::to_string));
        }
        Ok(())
    }

    /// Prints, per rule, how many windows its keys open and how many of
    /// them hold a match: the rules with the most empty windows are the
    /// ones worth a [`Guard`].
    #[test]
    #[ignore = "reads the corpora; run with --ignored --nocapture"]
    fn window_yield() {
        let texts = yield_texts();
        let n = RULES.len();
        let mut opened = vec![0usize; n];
        let mut matched = vec![0usize; n];
        let mut bytes = vec![0usize; n];
        for text in &texts {
            for (i, windows) in windows(text).iter().enumerate() {
                for &(start, end) in windows {
                    opened[i] += 1;
                    bytes[i] += end - start;
                    let input = Input::new(text.as_str()).range(start..end);
                    matched[i] += usize::from(RULES[i].search(&input).is_some());
                }
            }
        }
        let total: usize = opened.iter().sum();
        let hits: usize = matched.iter().sum();
        eprintln!(
            "all rules: {total} windows, {hits} with a match, {} bytes",
            bytes.iter().sum::<usize>()
        );
        for i in 0..n {
            eprintln!(
                "{i:2} {:?} windows {} matched {} empty {} bytes {}",
                RULES[i].kind,
                opened[i],
                matched[i],
                opened[i] - matched[i],
                bytes[i]
            );
        }
    }

    /// Prints, per rule, how far before its first key word a match starts
    /// and how far after it the shortest match from there ends (and the
    /// same for its last key word), over the corpora, and checks that each
    /// rule's [`Reach`] covers what was measured.
    #[test]
    #[ignore = "reads the corpora; run with --ignored --nocapture"]
    fn measure_reach() {
        let texts = corpora();
        let n = RULES.len();
        let mut back1 = vec![0i64; n];
        let mut fwd1 = vec![0i64; n];
        let mut fwdfull1 = vec![0i64; n];
        let mut backl = vec![0i64; n];
        let mut fwdl = vec![0i64; n];
        let mut count = vec![0usize; n];
        for text in &texts {
            let lower = text.to_ascii_lowercase();
            let bytes = text.as_bytes();
            for (i, rule) in RULES.iter().enumerate() {
                for m in rule.find_all(text) {
                    count[i] += 1;
                    let short = rule
                        .search(
                            &Input::new(text.as_str())
                                .range(m.start()..)
                                .anchored(Anchored::Yes)
                                .earliest(true),
                        )
                        .unwrap()
                        .end() as i64;
                    let mut hits = Vec::new();
                    for at in m.start()..m.end() {
                        for w in rule.keys.words {
                            if lower[at..m.end()].starts_with(w)
                                && rule.keys.admit(bytes, at, at + w.len())
                            {
                                hits.push((at as i64, (at + w.len()) as i64));
                            }
                        }
                    }
                    let s = m.start() as i64;
                    let (ks, ke) = hits[0];
                    back1[i] = back1[i].max(ks - s);
                    fwd1[i] = fwd1[i].max(short - ke);
                    fwdfull1[i] = fwdfull1[i].max(m.end() as i64 - ke);
                    let (ls, le) = *hits.last().unwrap();
                    backl[i] = backl[i].max(ls - s);
                    fwdl[i] = fwdl[i].max(short - le);
                }
            }
        }
        for i in 0..n {
            eprintln!(
                "{i:2} {:?} n={} first: back {} fwd_short {} fwd_full {} | last: back {} fwd_short {}",
                RULES[i].kind, count[i], back1[i], fwd1[i], fwdfull1[i], backl[i], fwdl[i]
            );
        }
        for (i, rule) in RULES.iter().enumerate() {
            assert!(
                back1[i] <= rule.reach.back as i64 && fwd1[i] <= rule.reach.ahead as i64,
                "{i} {:?}: measured back {} ahead {} beyond its reach {:?}",
                rule.kind,
                back1[i],
                fwd1[i],
                rule.reach
            );
        }
    }
}

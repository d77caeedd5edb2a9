//! Recognition: one regex per kind of temporal expression. Each match is a
//! candidate span tagged with its [`Kind`]; the longest candidate wins
//! where they overlap, and [`super::interpret()`] decides whether it stands
//! and what it means.
//!
//! The rules themselves (kinds, key words, reaches, patterns) are data in
//! `grammar.rs`, which the build script reads too: it compiles each pattern
//! into dense DFAs that [`RULES`] reads in place from the binary, so no
//! pattern is compiled at startup and no lazy DFA warms up on each thread.
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

use regex_automata::{
    dfa::{dense, regex::Regex, Automaton as _},
    util::primitives::StateID,
    Anchored, Input, Match,
};

pub use super::grammar::{Edge, Guard, Keys, Kind, Reach};
use super::{
    check::{is_space, run_ahead, run_back, word_before, Around, Check, WordLists, WordSets},
    grammar::{expand, RULE_SPECS},
    keyword::KeywordMatcher,
};

/// A rule's compiled pattern: a dense DFA read in place from the binary.
pub type Dfa = dense::DFA<&'static [u32]>;

/// One recognition pattern.
pub struct Rule {
    /// What it finds.
    pub kind: Kind,
    /// The compiled pattern: a forward DFA (leftmost-first, for the end)
    /// and a reverse one (for the start), built from the rule's pattern by
    /// the build script (see [`RULES`]).
    pub re: Regex<Dfa>,
    /// Words one of which every match contains.
    pub keys: Keys,
    /// How far around a key word a match can lie.
    pub reach: Reach,
    /// The pattern as written, with `<NAME>` placeholders for fragments.
    pub pattern: &'static str,
}

impl Keys {
    /// Whether a key word found at `start..end` of `text` stands where
    /// every match of the rule has one: the reference for the keyword
    /// pass's [`Check`]s.
    #[cfg(test)]
    fn admit(&self, text: &[u8], start: usize, end: usize) -> bool {
        self.edge.admits(text, start, end) && self.guard.admits(text, start, end)
    }
}

/// Whether `text[at..]` starts with `word`, ASCII-case-insensitively.
fn starts_with_word(text: &[u8], at: usize, word: &str) -> bool {
    text.get(at..at + word.len())
        .is_some_and(|t| t.eq_ignore_ascii_case(word.as_bytes()))
}

/// Whether `word` is one of `words`, ASCII-case-insensitively.
fn is_one_of(word: &[u8], words: &[&str]) -> bool {
    words
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w.as_bytes()))
}

impl Guard {
    /// Whether the text around a key word at `start..end` meets the guard.
    pub(super) fn admits(self, text: &[u8], start: usize, end: usize) -> bool {
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

/// Where a rule's windows start around its key words: its [`Reach`]
/// back, and the words (and numbers) that may lead its key words, ready
/// for quick look-up.
struct Lead {
    /// Bytes before the key word's start where a match may start.
    back: usize,
    /// The lists of the words that may lead the key word, as bits of
    /// [`WordSets`]; `None` when any text may.
    lists: Option<u64>,
    /// Whether numbers may lead the key word too.
    numbers: bool,
}

impl Lead {
    /// The lead of a rule of `reach`, its lists given bits in `lists`.
    fn new(reach: &Reach, lists: &mut WordLists) -> Lead {
        Lead {
            back: reach.back,
            lists: reach
                .lead
                .map(|leads| leads.iter().fold(0, |bits, &list| bits | lists.bit(list))),
            numbers: reach.lead_numbers,
        }
    }

    /// Where the window around a key word at `key` of `text` starts: at
    /// the start of the run of words (and numbers, if the rule says so)
    /// that may lead it ([`Reach::lead`]) right before it, with spaces,
    /// hyphens and commas between (on the key word when there is none),
    /// but no more than `back` bytes before it; for a rule without lead
    /// words, `back` bytes before it (within the text). `words` is the
    /// table of the lists.
    fn window_start(&self, words: &WordSets, text: &[u8], key: usize) -> usize {
        let reach_back = key.saturating_sub(self.back);
        let Some(lists) = self.lists else {
            return reach_back;
        };
        let leads = |start: usize, end: usize| words.sets_of_letters(text, start, end) & lists != 0;
        let mut start = key;
        while start > reach_back {
            let word_end = run_back(text, start, |b| is_space(b) || b == b'-' || b == b',');
            let Some(&last) = word_end.checked_sub(1).map(|i| &text[i]) else {
                break;
            };
            start = if last.is_ascii_alphabetic() {
                let word_start = run_back(text, word_end, |b| b.is_ascii_alphabetic());
                if !leads(word_start, word_end) {
                    break;
                }
                word_start
            } else if last.is_ascii_digit() && self.numbers {
                run_back(text, word_end, |b| {
                    b.is_ascii_digit() || matches!(b, b'.' | b',' | b'/')
                })
            } else {
                break;
            };
        }
        start.max(reach_back)
    }
}

/// Every rule's two DFAs, serialized one after the other by the build
/// script (each starting on a multiple of 8 bytes), aligned for reading in
/// place.
static DFA_BYTES: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/date_dfas.bin")),
};

/// Where each rule's DFAs lie in [`DFA_BYTES`], in rule order: the
/// forward DFA's start and end, then the reverse DFA's.
const DFA_SPANS: &[[usize; 4]] = &include!(concat!(env!("OUT_DIR"), "/date_dfas.rs"));

/// Bytes aligned as the DFAs' `u32` transitions need (the wrapper that
/// `regex_automata::dfa::dense::DFA::from_bytes` documents).
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u64; 0],
    bytes: B,
}

/// The DFA serialized at `DFA_BYTES[start..end]`, read in place (checked,
/// not copied).
fn load(start: usize, end: usize) -> Dfa {
    dense::DFA::from_bytes(&DFA_BYTES.bytes[start..end])
        .expect("the build script serializes every DFA for this target")
        .0
}

/// The rules, in priority order (earlier wins between equal spans): the
/// specs of `grammar.rs` with the DFAs that the build script compiled
/// from their patterns, as the `regex` crate would run them (leftmost-first
/// forward, `All` in reverse, no captures, no prefilter: the keyword
/// windows already are one). The forward DFA searches unanchored only,
/// the reverse one anchored only.
pub static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    assert_eq!(
        RULE_SPECS.len(),
        DFA_SPANS.len(),
        "the build script compiles one DFA pair per rule"
    );
    RULE_SPECS
        .iter()
        .zip(DFA_SPANS)
        .map(|(spec, &[fwd_start, fwd_end, rev_start, rev_end])| Rule {
            kind: spec.kind,
            re: Regex::builder()
                .build_from_dfas(load(fwd_start, fwd_end), load(rev_start, rev_end)),
            keys: spec.keys,
            reach: spec.reach,
            pattern: spec.pattern,
        })
        .collect()
});

impl Rule {
    /// The pattern as the regex engine reads it: what the build script
    /// compiled into [`Rule::re`].
    pub fn regex_text(&self) -> String {
        expand(self.pattern)
    }

    /// The leftmost-first match of the rule in `input`, which must not
    /// ask for an anchored search: the forward DFA has only an unanchored
    /// start (see [`RULES`]).
    pub fn search(&self, input: &Input<'_>) -> Option<Match> {
        self.re
            .try_search(input)
            .expect("an ASCII pattern without quit bytes never gives up")
    }

    /// Every leftmost-first, non-overlapping match in `text`.
    pub fn find_all(&self, text: &str) -> Vec<Match> {
        self.re.find_iter(text).collect()
    }

    /// The leftmost-first match in `text[from..]`, as a search of the
    /// whole rest of the text finds it, provided one ends by `limit` (else
    /// none).
    ///
    /// One forward walk and one backward walk over the match alone: the
    /// forward DFA walks from `from` and stops at `limit` unless it has
    /// seen a match by then, and otherwise walks on (past `limit` if need
    /// be) until the match can grow no longer; the reverse DFA, anchored
    /// at that end, finds the leftmost start. The same match as a search
    /// cut at `limit` followed by an anchored search from its start, for
    /// one walk fewer.
    fn match_from(&self, text: &str, from: usize, limit: usize) -> Option<Match> {
        let end = self.end_from(text.as_bytes(), from, limit)?;
        if end == from {
            return Some(Match::must(0, from..end));
        }
        let back = Input::new(text).range(from..end).anchored(Anchored::Yes);
        let start = self
            .re
            .reverse()
            .try_search_rev(&back)
            .expect("an ASCII pattern without quit bytes never gives up")
            .expect("the reverse DFA matches where the forward one did");
        Some(Match::must(0, start.offset()..end))
    }

    /// The end of the leftmost-first match in `text[from..]`, provided
    /// some match ends by `limit`: [`Rule::match_from`]'s forward walk.
    ///
    /// A DFA's match state comes one byte late: entered on the byte at
    /// `at`, it tells a match that ends at `at` (and the end of the text
    /// has a transition of its own).
    fn end_from(&self, text: &[u8], from: usize, limit: usize) -> Option<usize> {
        let dfa = self.re.forward();
        let mut state = dfa
            .start_state_forward(&Input::new(text).range(from..))
            .expect("an ASCII pattern without quit bytes never gives up");
        // Up to the first match, seen on the byte at `limit` at the latest.
        let window = &text[..text.len().min(limit + 1)];
        let mut at = from;
        let mut end = loop {
            (at, state) = walk_to_special(dfa, state, window, at);
            if at == window.len() {
                let at_eoi = limit >= text.len();
                return (at_eoi && dfa.is_match_state(dfa.next_eoi_state(state))).then_some(at);
            }
            if dfa.is_match_state(state) {
                break at;
            }
            if dfa.is_dead_state(state) {
                return None;
            }
            at += 1;
        };
        // Then on, as long as the match can grow.
        loop {
            at += 1;
            (at, state) = walk_to_special(dfa, state, text, at);
            if at == text.len() {
                if dfa.is_match_state(dfa.next_eoi_state(state)) {
                    end = at;
                }
                return Some(end);
            }
            if dfa.is_match_state(state) {
                end = at;
            } else if dfa.is_dead_state(state) {
                return Some(end);
            }
        }
    }
}

/// Walks `dfa` from `state` over `bytes[at..]` up to the first special
/// state (a match, the dead state, or one that a search may skip from):
/// the byte's position and that state, or `bytes.len()` and the state
/// after the last byte.
///
/// A loop of its own, so that the walk keeps its state in registers.
fn walk_to_special(dfa: &Dfa, mut state: StateID, bytes: &[u8], at: usize) -> (usize, StateID) {
    for (offset, &byte) in bytes[at..].iter().enumerate() {
        state = dfa.next_state(state, byte);
        if dfa.is_special_state(state) {
            return (at + offset, state);
        }
    }
    (bytes.len(), state)
}

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
    /// Every rule's key words, each once.
    matcher: KeywordMatcher,
    /// For each key, the rules that have it among their key words.
    key_rules: Vec<Vec<KeyRule>>,
    /// Each rule's lead, by rule.
    leads: Vec<Lead>,
    /// The words of the guards' and leads' lists.
    words: WordSets,
}

/// A rule that a key word lets run: what the rule asks of the key and how
/// far around it the rule's matches lie (copied from the rule, so the
/// keyword pass reads them side by side).
struct KeyRule {
    /// The rule's index in [`RULES`].
    rule: usize,
    /// Where the rule's key words stand.
    edge: Edge,
    /// The rule's guard for this key word.
    check: Check,
    /// The rule's reach.
    reach: Reach,
}

/// Every rule's key words, each once, in the order of the rules.
fn all_keys() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = Vec::new();
    for r in RULES.iter() {
        for &word in r.keys.words {
            if !all.contains(&word) {
                all.push(word);
            }
        }
    }
    all
}

static GATE: LazyLock<Gate> = LazyLock::new(|| {
    let all = all_keys();
    let mut lists = WordLists::default();
    let key_rules = all
        .iter()
        .map(|key| {
            RULES
                .iter()
                .enumerate()
                .filter(|(_, r)| r.keys.words.contains(key))
                .map(|(rule, r)| KeyRule {
                    rule,
                    edge: r.keys.edge,
                    check: Check::new(r.keys.guard, key, &mut lists),
                    reach: r.reach,
                })
                .collect()
        })
        .collect();
    let leads = RULES
        .iter()
        .map(|r| Lead::new(&r.reach, &mut lists))
        .collect();
    Gate {
        matcher: KeywordMatcher::new(&all),
        key_rules,
        leads,
        words: lists.build(),
    }
});

/// Sorted, disjoint byte ranges of one text in which a rule may match.
#[cfg(test)]
type Windows = Vec<(usize, usize)>;

/// An admitted hit of one of a rule's key words: where the window around
/// it starts (see [`Lead::window_start`]), where the key word starts,
/// and where the window ends (the rule's [`Reach`] past the word's end,
/// within the text).
type Hit = (usize, usize, usize);

thread_local! {
    /// Each thread's spare per-rule hit lists, kept from one text to the
    /// next.
    static SPARE_HITS: RefCell<Vec<Vec<Hit>>> = RefCell::default();
}

/// The room of `per_rule`'s hit lists: the capacity of the longest.
fn hits_room(per_rule: &[Vec<Hit>]) -> usize {
    per_rule.iter().map(Vec::capacity).max().unwrap_or(0)
}

/// Fills `per_rule` (one list per rule, cleared first) with the admitted
/// hits of each rule's key words in `text`, sorted (empty when none
/// occurs: the rule cannot match).
///
/// Every key an [`Edge`] admits starts where [`KeywordMatcher`] looks
/// (after a non-letter, or on a capital), so it finds every hit that a
/// rule could admit.
fn hits_into(text: &str, per_rule: &mut Vec<Vec<Hit>>) {
    let gate = &*GATE;
    let bytes = text.as_bytes();
    per_rule.resize_with(RULES.len(), Vec::new);
    per_rule.iter_mut().for_each(Vec::clear);
    gate.matcher.for_each_hit(bytes, |key, start, end| {
        let mut around = Around::new(bytes, start, end, &gate.words);
        for r in &gate.key_rules[key] {
            if r.edge.admits(bytes, start, end) && r.check.admits(&mut around) {
                let from = gate.leads[r.rule].window_start(&gate.words, bytes, start);
                let to = (end + r.reach.ahead).min(bytes.len());
                per_rule[r.rule].push((from, start, to));
            }
        }
    });
    for hits in per_rule.iter_mut() {
        if hits.len() > 1 {
            hits.sort_unstable();
        }
    }
}

/// The windows that a rule's sorted `hits` open, each as its byte range
/// and the hits inside it: a window runs from a hit's start to its end,
/// and windows that overlap or touch are merged.
struct Windowed<'a> {
    /// The hits not yet in a window.
    hits: &'a [Hit],
}

impl<'a> Iterator for Windowed<'a> {
    type Item = (usize, usize, &'a [Hit]);

    fn next(&mut self) -> Option<Self::Item> {
        let &(start, _, mut end) = self.hits.first()?;
        let mut len = 1;
        while let Some(&(from, _, to)) = self.hits.get(len) {
            if from > end {
                break;
            }
            end = end.max(to);
            len += 1;
        }
        let (inside, rest) = self.hits.split_at(len);
        self.hits = rest;
        Some((start, end, inside))
    }
}

/// For each rule, the windows around the admitted hits of its keywords in
/// `text`.
#[cfg(test)]
fn windows(text: &str) -> Vec<Windows> {
    let mut per_rule = Vec::new();
    hits_into(text, &mut per_rule);
    per_rule
        .iter()
        .map(|hits| {
            Windowed { hits }
                .map(|(start, end, _)| (start, end))
                .collect()
        })
        .collect()
}

/// The matches of rule `index` in `text` that start inside the windows of
/// its sorted `hits`, exactly as a leftmost-first, non-overlapping search
/// over the whole text finds them.
///
/// The whole-text search's next match (from the end of the last one)
/// starts where the window holding it finds its first match: that window
/// holds the start and, by the rule's [`Reach`], the shortest match from
/// there (the windows being disjoint, no earlier window finds one), and
/// look-around sees the whole text. So the window's end only tells
/// whether a match is there at all: once the forward walk has seen one by
/// then, it goes on past the window's end as far as the match reaches
/// ([`Rule::match_from`]).
///
/// After a match, the next one holds a hit whose key word starts at or
/// past its end, and starts no earlier than that hit's window: so the
/// search goes on from the first such hit's window (the hits come in
/// order of their windows' starts), and leaves the window when no hit is
/// left in it.
fn search_windows(index: usize, text: &str, hits: &[Hit], out: &mut Vec<Candidate>) {
    let rule = &RULES[index];
    let mut from_last = 0;
    for (start, end, inside) in (Windowed { hits }) {
        let mut from = start.max(from_last);
        let mut next_hit = 0;
        while from < end {
            let Some(m) = rule.match_from(text, from, end) else {
                break;
            };
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
            while inside.get(next_hit).is_some_and(|&(_, key, _)| key < from) {
                next_hit += 1;
            }
            let Some(&(window_start, _, _)) = inside.get(next_hit) else {
                break;
            };
            from = from.max(window_start);
        }
    }
}

/// Runs every rule around the hits of its keywords in `text` and returns
/// all candidates, rule by rule, each rule's in text order.
pub fn candidates(text: &str) -> Vec<Candidate> {
    let mut per_rule = crate::reuse::take(&SPARE_HITS);
    hits_into(text, &mut per_rule);
    let mut out = Vec::new();
    for (index, hits) in per_rule.iter().enumerate() {
        if !hits.is_empty() {
            search_windows(index, text, hits, &mut out);
        }
    }
    crate::reuse::give(&SPARE_HITS, per_rule, |p| hits_room(p));
    out
}

/// The same candidates by running every rule over the whole text, each
/// compiled afresh from its pattern by regex-automata's meta engine: the
/// reference for [`candidates`], and a check on the build-time DFAs.
#[cfg(test)]
fn candidates_whole_text(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (index, rule) in RULES.iter().enumerate() {
        let re = fresh(index);
        for m in re.find_iter(text) {
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

/// Rule `index`'s pattern compiled afresh by regex-automata's meta
/// engine, the reference for the build-time DFAs.
#[cfg(test)]
fn fresh(index: usize) -> &'static regex_automata::meta::Regex {
    use regex_automata::meta;
    static FRESH: LazyLock<Vec<meta::Regex>> = LazyLock::new(|| {
        RULES
            .iter()
            .map(|rule| meta::Regex::new(&rule.regex_text()).expect("compiles"))
            .collect()
    });
    &FRESH[index]
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

    /// The windows around every admitted occurrence of every key word,
    /// found by aho-corasick's overlapping search over every byte: the
    /// reference for [`windows`].
    fn windows_by_automaton(text: &str) -> Vec<Windows> {
        use aho_corasick::{AhoCorasick, MatchKind};
        let all = all_keys();
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&all)
            .expect("keys build");
        let bytes = text.as_bytes();
        let mut per_rule: Vec<Windows> = vec![Vec::new(); RULES.len()];
        for m in matcher.find_overlapping_iter(text) {
            let word = all[m.pattern().as_usize()];
            for (rule, r) in RULES.iter().enumerate() {
                if r.keys.words.contains(&word) && r.keys.admit(bytes, m.start(), m.end()) {
                    let from = window_start_alone(&r.reach, bytes, m.start());
                    let to = (m.end() + r.reach.ahead).min(text.len());
                    per_rule[rule].push((from, to));
                }
            }
        }
        for windows in &mut per_rule {
            windows.sort_unstable();
            let mut merged: Windows = Vec::new();
            for &(from, to) in windows.iter() {
                match merged.last_mut() {
                    Some((_, end)) if *end >= from => *end = (*end).max(to),
                    _ => merged.push((from, to)),
                }
            }
            *windows = merged;
        }
        per_rule
    }

    /// Texts of random bytes drawn from key words, their pieces, capitals,
    /// digits, punctuation and a few bytes beyond ASCII.
    fn random_texts() -> Vec<String> {
        let pieces = [
            "Day",
            "days",
            "MAY",
            "May",
            "mar",
            "Mar",
            "-0",
            "-1",
            "/",
            ":",
            "a.m",
            "p.m",
            "am",
            "o'clock",
            "year's",
            "Year",
            "0s",
            "'90s",
            "19",
            "2023",
            "1990s",
            " ",
            "  ",
            "-",
            ",",
            ".",
            "the",
            "The",
            "last",
            "mid",
            "recent",
            "ly",
            "centur",
            "y",
            "ago",
            "é",
            "x",
            "Q",
            "_",
            "3",
            "44",
            "\n",
            "Good Friday",
            "New",
            "today",
            "Jr.",
            "per",
        ];
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        (0..300)
            .map(|_| {
                let len = rng.below(120);
                (0..len).map(|_| pieces[rng.below(pieces.len())]).collect()
            })
            .collect()
    }

    /// The keyword trie walked from the places a key may start opens the
    /// same windows as an automaton over every byte.
    #[test]
    fn windows_are_those_of_every_key_occurrence() {
        let mut texts = window_texts();
        texts.extend(random_texts());
        for text in &texts {
            assert_eq!(windows(text), windows_by_automaton(text), "{text:?}");
        }
    }

    /// The same over the news corpus and TempEval, when they are present.
    #[test]
    #[ignore = "reads the corpora; run with --ignored"]
    fn windows_are_those_of_every_key_occurrence_on_corpora() {
        for text in &super::measure::corpora() {
            assert_eq!(windows(text), windows_by_automaton(text), "{text:?}");
        }
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

    /// The forward DFAs have an unanchored start only (without the
    /// states that only an anchored search reaches, their tables are less
    /// than half as large), the reverse ones an anchored start only.
    #[test]
    fn dfas_start_only_as_the_search_needs() {
        let text = "in 1990";
        for rule in RULES.iter() {
            let (fwd, rev) = (rule.re.forward(), rule.re.reverse());
            let anchored = Input::new(text).anchored(Anchored::Yes);
            assert!(fwd.start_state_forward(&Input::new(text)).is_ok());
            assert!(fwd.start_state_forward(&anchored).is_err());
            assert!(rev.start_state_reverse(&anchored).is_ok());
            assert!(rev.start_state_reverse(&Input::new(text)).is_err());
        }
    }

    /// Checks that the window of the key word `key` in `marked` (a text
    /// with a `[` where the window should start) starts at the mark.
    fn assert_window_starts_at_mark(reach: &Reach, marked: &str, key: &str) {
        let start = marked.find('[').unwrap();
        let text = marked.replace('[', "");
        let at = text.find(key).unwrap();
        assert_eq!(
            window_start_alone(reach, text.as_bytes(), at),
            start,
            "{marked:?}"
        );
    }

    /// [`Lead::window_start`] for a rule of `reach`, its lists alone in
    /// their table.
    fn window_start_alone(reach: &Reach, text: &[u8], key: usize) -> usize {
        let mut lists = WordLists::default();
        let lead = Lead::new(reach, &mut lists);
        lead.window_start(&lists.build(), text, key)
    }

    /// A window starts on the run of words that may lead its key word
    /// right before it (past spaces, hyphens and commas, in any case), or
    /// on the key word when there is none; it reaches back no further than
    /// `back` bytes, nor past the text's start; a rule without lead words
    /// always reaches back.
    #[test]
    fn a_window_starts_on_the_words_that_lead_its_key() {
        let reach = Reach {
            back: 12,
            ahead: 8,
            lead: Some(&[&["mid"], &["fiscal", "year"]]),
            lead_numbers: false,
        };
        for marked in [
            "in [1990",
            "Swiss francs [1990",
            "([1990",
            "[1990",
            "so [fiscal 1990",
            "so [FISCAL YEAR 1990",
            "in [mid-1990",
            "in [mid -, 1990",
            "amid [1990",
            "mid.[1990",
            "year [fiscal year 1990",
            "fiscal year [fiscal year 1990",
            "fi[scal fiscal 1990",
        ] {
            assert_window_starts_at_mark(&reach, marked, "1990");
        }
        let numbers = Reach {
            back: 24,
            ahead: 8,
            lead: Some(&[&["about", "or"]]),
            lead_numbers: true,
        };
        for marked in [
            "in [about 1,000.5 days",
            "in [3 or 4 days",
            "in [1/2 days",
            "Mr:[1,000 days",
            "a[1 days",
            "[about1 days",
            "about abou[t 1 or 2 or 3 or 4 or 5 days",
        ] {
            assert_window_starts_at_mark(&numbers, marked, "days");
        }
        assert_eq!(window_start_alone(&reach, b"in 3 1990", 5), 5);
        let always = Reach {
            lead: None,
            ..reach
        };
        assert_eq!(window_start_alone(&always, b"in the year 1990", 12), 0);
        assert_eq!(
            window_start_alone(&always, b"in the fiscal year 1990", 19),
            7
        );
    }

    /// Every lead word of every rule that has them, before key words of
    /// the rule, after various gaps: the windows find what the whole text
    /// holds (a lead word missing from a list would lose the match's
    /// start).
    #[test]
    fn lead_words_keep_the_whole_matches() {
        let phrases = [
            "1990",
            "March",
            "March 3",
            "March 3, 1990",
            "March 1990",
            "Friday",
            "fall",
            "year 1990",
            "quarter",
            "today",
            "morning",
            "week",
            "future",
            "recently",
            "term",
            "possible",
            "date",
            "days",
            "present",
            "3 days",
            "1,000 days ago",
            "2.5 years earlier",
            "a year or so ago",
        ];
        for rule in RULES.iter() {
            for word in rule.reach.lead.unwrap_or_default().concat() {
                for gap in [" ", "-", ", ", "  ", ""] {
                    for phrase in phrases {
                        for lead in [word.to_string(), word.to_uppercase(), capitalize(word)] {
                            let text =
                                format!("So {lead}{gap}{phrase} and the end of {lead} {phrase}.");
                            assert_eq!(candidates(&text), candidates_whole_text(&text), "{text:?}");
                        }
                    }
                }
            }
        }
    }

    fn capitalize(word: &str) -> String {
        word[..1].to_uppercase() + &word[1..]
    }

    /// Hits whose windows overlap or touch share one window, which holds
    /// them all.
    #[test]
    fn windows_merge_the_hits_they_hold() {
        let hits = [
            (0, 3, 20),
            (5, 10, 25),
            (26, 31, 40),
            (40, 45, 50),
            (75, 80, 90),
        ];
        let windows: Vec<_> = Windowed { hits: &hits }.collect();
        assert_eq!(
            windows,
            vec![
                (0, 25, &hits[..2]),
                (26, 50, &hits[2..4]),
                (75, 90, &hits[4..]),
            ]
        );
        assert_eq!(Windowed { hits: &[] }.next(), None);
    }

    /// After a match, the search skips to the next key word in the
    /// window: the year after "1990" in a window of years is still found,
    /// and a window whose last key lies inside a match yields no more.
    #[test]
    fn the_search_goes_on_from_the_next_key_word() {
        let year = RULES
            .iter()
            .position(|r| r.kind == Kind::Year)
            .expect("a year rule");
        for text in [
            "In 1990, 1991 and 1992 sales rose, and in fiscal 1993 too.",
            "1990 1991",
            "mid-1996 and mid-1997, late 1998",
        ] {
            let mut per_rule = Vec::new();
            hits_into(text, &mut per_rule);
            let mut found = Vec::new();
            search_windows(year, text, &per_rule[year], &mut found);
            let whole: Vec<_> = candidates_whole_text(text)
                .into_iter()
                .filter(|c| c.rule == year)
                .collect();
            assert_eq!(found, whole, "{text:?}");
            assert!(found.len() >= 2, "{text:?}: {found:?}");
        }
    }

    /// A match that a window's end cuts is followed past the cut, as far
    /// as a search of the whole text reaches; a window where no match
    /// ends by its end has none, even if one runs on past it.
    #[test]
    fn a_match_runs_past_the_window_end() {
        let quarter = RULES
            .iter()
            .position(|r| r.kind == Kind::Quarter)
            .expect("a quarter rule");
        let rule = &RULES[quarter];
        let text = "So far in the third quarter of 1989, sales rose.";
        let whole = rule.search(&Input::new(text)).expect("a match");
        assert_eq!(&text[whole.range()], "the third quarter of 1989");
        let cut = text.find("quarter").unwrap() + "quarter".len();
        assert_eq!(rule.match_from(text, 0, cut), Some(whole));
        assert_eq!(rule.match_from(text, 0, text.len()), Some(whole));
        assert_eq!(rule.match_from(text, 0, cut - 1), None);
        let at_end = "in the third quarter";
        let m = rule.match_from(at_end, 0, at_end.len()).expect("a match");
        assert_eq!(&at_end[m.range()], "the third quarter");
        assert_eq!(rule.match_from(at_end, 0, at_end.len() - 1), None);
        assert_eq!(rule.match_from(at_end, 8, at_end.len()), None);
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
            let [fwd_start, fwd_end, rev_start, rev_end] = DFA_SPANS[i];
            eprintln!(
                "{i:2} {:?} windows {} matched {} empty {} bytes {} dfa bytes {} + {}",
                RULES[i].kind,
                opened[i],
                matched[i],
                opened[i] - matched[i],
                bytes[i],
                fwd_end - fwd_start,
                rev_end - rev_start
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
                    // The rule's forward DFA has no anchored start: the
                    // meta engine finds the shortest match from there.
                    let short = fresh(i)
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

//! The keyword pass's matcher: where the date rules' key words occur in a
//! text, each occurrence reported with the key and its byte range.
//!
//! Every key word stands where its rule's [`Edge`](super::grammar::Edge)
//! says: after a byte that is not an ASCII letter (or at the text's
//! start), or on a capital letter. So only occurrences that start at such
//! a place are reported (the others no rule would admit), and the matcher
//! is built for exactly those:
//!
//! - an Aho-Corasick automaton that starts a key only after a non-letter:
//!   a few hundred states with 16-bit transitions over a few dozen byte
//!   classes, a table that stays in the first-level cache;
//! - its walk is a chain of dependent loads, one per byte, so the text is
//!   cut into [`LANES`] pieces where the automaton is known to be in its
//!   start state (after a byte that no key holds: a space, say), walked
//!   side by side, each lane's load overlapping the others';
//! - the states where a key ends are numbered from [`MATCH`] on, the
//!   others below it, so one test of the lanes' states or-ed together
//!   tells whether any lane has a key to report;
//! - the capitals right after a letter ("McDonald", "FRIDAY"), rare in
//!   prose, are found sixteen bytes at a time (one branch for them) in a
//!   second pass, and the keys that start on them walked down the same
//!   automaton's trie edges.

use crate::swar;

/// The key words of all rules as one automaton, ASCII-case-insensitive.
pub(super) struct KeywordMatcher {
    /// The class of each byte (a capital and its small letter share one).
    class: [u8; 256],
    /// Classes per state.
    stride: usize,
    /// The next state by state and class, at `state + class`: states are
    /// numbered premultiplied by `stride`, those where no key ends from 0
    /// on, those where one does from [`MATCH`] on. Padded to
    /// [`TABLE_LEN`] entries, so that any 16-bit state plus any 8-bit
    /// class falls inside it and a step needs no bounds check.
    next: Box<[u16; TABLE_LEN]>,
    /// For each state (by its number over `stride`), how many bytes from
    /// the start state its trie edges lead to it; 0 for the two empty
    /// states and the numbers no state has.
    depth: Vec<u8>,
    /// For each state from [`MATCH`] on (by its number less `MATCH`, over
    /// `stride`), the range of `ends` that lists the keys ending there.
    outputs: Vec<(u16, u16)>,
    /// Key indexes with their lengths, by state: see `outputs`.
    ends: Vec<(u16, u8)>,
    /// How many states no key ends in.
    #[cfg(test)]
    unmatched: usize,
}

/// The start state: no key in progress, and a key may start at the next
/// byte (premultiplied; always state 0).
const START: u16 = 0;

/// The bit that the numbers of the states where a key ends have, and
/// those of the other states have not.
const MATCH: u16 = 0x8000;

/// The length of [`KeywordMatcher`]'s transition table: past the
/// largest 16-bit state plus the largest 8-bit class.
const TABLE_LEN: usize = (u16::MAX as usize + 1) + (u8::MAX as usize + 1);

/// How many pieces of a text are walked side by side.
const LANES: usize = 4;

/// Texts shorter than this are walked in one piece.
const MIN_LANE_TEXT: usize = 64 * LANES;

/// The class of bytes that no key holds and are not letters: after one,
/// the automaton is in its start state.
const OTHER: u8 = 0;

/// The class of letters that no key holds.
const OTHER_LETTER: u8 = 1;

/// The trie of the keys, the first step of building the automaton.
struct Trie {
    /// Children by class, `None` for none; node 0 is the root.
    children: Vec<Vec<Option<usize>>>,
    /// The key that ends at each node.
    key: Vec<Option<usize>>,
    /// Each node's depth.
    depth: Vec<usize>,
}

impl Trie {
    fn new(keys: &[&str], class: &[u8; 256], stride: usize) -> Trie {
        let mut trie = Trie {
            children: vec![vec![None; stride]],
            key: vec![None],
            depth: vec![0],
        };
        for (index, key) in keys.iter().enumerate() {
            assert!(!key.is_empty(), "an empty key word");
            let mut node = 0;
            for b in key.bytes() {
                let c = class[usize::from(b)];
                node = match trie.children[node][usize::from(c)] {
                    Some(child) => child,
                    None => {
                        let child = trie.key.len();
                        trie.children[node][usize::from(c)] = Some(child);
                        trie.children.push(vec![None; stride]);
                        trie.key.push(None);
                        trie.depth.push(trie.depth[node] + 1);
                        child
                    }
                };
            }
            assert!(trie.key[node].is_none(), "key word {key:?} twice");
            trie.key[node] = Some(index);
        }
        trie
    }
}

impl KeywordMatcher {
    /// The matcher of `keys` (lowercase, distinct, not empty); a key's
    /// index in `keys` is what [`KeywordMatcher::for_each_hit`] reports.
    ///
    /// Aho-Corasick's construction, with one change: a key may start only
    /// after a non-letter, so the failure of a node whose last byte is a
    /// letter ends in a second empty state, "after a letter", from which
    /// no key starts.
    pub(super) fn new(keys: &[&str]) -> KeywordMatcher {
        let class = byte_classes(keys);
        let stride = usize::from(*class.iter().max().expect("256 bytes")) + 1;
        let trie = Trie::new(keys, &class, stride);
        let mut letter_class = vec![false; stride];
        for b in (b'a'..=b'z').chain(b'A'..=b'Z') {
            letter_class[usize::from(class[usize::from(b)])] = true;
        }
        // States: the trie's nodes (the root is the start state), then
        // the empty state after a letter.
        let after_letter = trie.key.len();
        let states = after_letter + 1;
        let empty_after = |c: usize| if letter_class[c] { after_letter } else { 0 };
        let mut next = vec![vec![0usize; stride]; states];
        let mut fail = vec![0usize; states];
        let mut outputs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); states];
        next[after_letter] = (0..stride).map(empty_after).collect();
        // Breadth first, so that a node's failure is done before it.
        let mut queue = std::collections::VecDeque::from([0usize]);
        while let Some(node) = queue.pop_front() {
            for (c, &child) in trie.children[node].iter().enumerate() {
                next[node][c] = match child {
                    Some(child) => {
                        fail[child] = if node == 0 {
                            empty_after(c)
                        } else {
                            next[fail[node]][c]
                        };
                        queue.push_back(child);
                        child
                    }
                    None if node == 0 => empty_after(c),
                    None => next[fail[node]][c],
                };
            }
            if node != 0 {
                let own = trie.key[node].map(|k| (k, trie.depth[node]));
                outputs[node] = own.into_iter().chain(outputs[fail[node]].clone()).collect();
            }
        }
        // Renumber: the start state first, the states where a key ends
        // from `MATCH` on.
        let mut order: Vec<usize> = (0..states).collect();
        order.sort_by_key(|&s| (!outputs[s].is_empty(), s));
        let matches = order.iter().filter(|&&s| !outputs[s].is_empty()).count();
        let mut number = vec![0usize; states];
        for (new, &old) in order.iter().enumerate() {
            number[old] = if outputs[old].is_empty() {
                new * stride
            } else {
                usize::from(MATCH) + (new - (states - matches)) * stride
            };
        }
        let id = |s: usize| {
            let id = u16::try_from(number[s]).expect("a small automaton");
            assert_eq!(id & MATCH != 0, !outputs[s].is_empty(), "a small automaton");
            id
        };
        let mut matcher = KeywordMatcher {
            class,
            stride,
            next: vec![START; TABLE_LEN]
                .into_boxed_slice()
                .try_into()
                .expect("TABLE_LEN entries"),
            depth: vec![0; usize::from(MATCH) / stride + matches + 1],
            outputs: Vec::new(),
            ends: Vec::new(),
            #[cfg(test)]
            unmatched: states - matches,
        };
        for &old in &order {
            let row = number[old];
            for (c, &to) in next[old].iter().enumerate() {
                matcher.next[row + c] = id(to);
            }
            let depth = if old == after_letter {
                0
            } else {
                trie.depth[old]
            };
            matcher.depth[row / stride] = u8::try_from(depth).expect("short keys");
            if !outputs[old].is_empty() {
                let from = u16::try_from(matcher.ends.len()).expect("few outputs");
                matcher.ends.extend(outputs[old].iter().map(|&(key, len)| {
                    (
                        u16::try_from(key).expect("under 65536 key words"),
                        u8::try_from(len).expect("short keys"),
                    )
                }));
                let to = u16::try_from(matcher.ends.len()).expect("few outputs");
                matcher.outputs.push((from, to));
            }
        }
        assert_eq!(id(0), START);
        matcher
    }

    /// Every state's number: those no key ends in, then the others.
    #[cfg(test)]
    fn states(&self) -> impl Iterator<Item = u16> + '_ {
        let number = |row: usize| u16::try_from(row * self.stride).expect("a small automaton");
        let unmatched = (0..self.unmatched).map(number);
        let matched = (0..self.outputs.len()).map(move |row| MATCH + number(row));
        unmatched.chain(matched)
    }

    /// Calls `hit(key, start, end)` for every occurrence of a key in
    /// `text` that starts after a byte that is not an ASCII letter, at
    /// the text's start, or on an ASCII capital; in no set order.
    pub(super) fn for_each_hit(&self, text: &[u8], mut hit: impl FnMut(usize, usize, usize)) {
        self.after_non_letters(text, &mut hit);
        // Sixteen bytes at a time, one branch for them.
        let mut chunks = text.chunks_exact(16);
        let mut letter_before = 0u64;
        for (i, chunk) in chunks.by_ref().enumerate() {
            let (first, second) = chunk.split_at(8);
            let eight = |half: &[u8]| u64::from_le_bytes(half.try_into().expect("eight bytes"));
            let first = capitals_after_letters(eight(first), &mut letter_before);
            let second = capitals_after_letters(eight(second), &mut letter_before);
            if first | second != 0 {
                self.walk_capitals(text, 16 * i, first, &mut hit);
                self.walk_capitals(text, 16 * i + 8, second, &mut hit);
            }
        }
        let at = text.len() - chunks.remainder().len();
        for place in at.max(1)..text.len() {
            if text[place].is_ascii_uppercase() && text[place - 1].is_ascii_alphabetic() {
                self.walk_from(text, place, &mut hit);
            }
        }
    }

    /// The keys that start after a non-letter (or at the text's start):
    /// the automaton walked over the text's lanes side by side.
    fn after_non_letters(&self, text: &[u8], hit: &mut impl FnMut(usize, usize, usize)) {
        let bounds = self.lane_bounds(text);
        let common = (0..LANES)
            .map(|l| bounds[l + 1] - bounds[l])
            .min()
            .unwrap_or(0);
        let lanes: [&[u8]; LANES] = std::array::from_fn(|l| &text[bounds[l]..][..common]);
        let mut state = [START; LANES];
        let mut walked = 0;
        while walked < common {
            walked = self.walk_lanes(&lanes, &mut state, walked);
            for (l, &s) in state.iter().enumerate() {
                if s & MATCH != 0 {
                    self.report(s, bounds[l] + walked, hit);
                }
            }
        }
        for (l, &s) in state.iter().enumerate() {
            self.walk_rest(text, bounds[l] + common, bounds[l + 1], s, hit);
        }
    }

    /// Walks the lanes (all of one length) side by side from `state`,
    /// `from` bytes into them, up to the first byte after which some lane
    /// is in a state where a key ends, or to their end: how many bytes
    /// into the lanes that is, with `state` moved on to there.
    ///
    /// A function of its own, calling none, so that the walk keeps the
    /// lanes and their states in registers.
    #[inline(never)]
    fn walk_lanes(&self, lanes: &[&[u8]; LANES], state: &mut [u16; LANES], from: usize) -> usize {
        let len = lanes[0].len();
        let [l0, l1, l2, l3] = lanes.map(|lane| &lane[..len]);
        let [mut s0, mut s1, mut s2, mut s3] = *state;
        let mut at = from;
        while at < len {
            s0 = self.step(s0, l0[at]);
            s1 = self.step(s1, l1[at]);
            s2 = self.step(s2, l2[at]);
            s3 = self.step(s3, l3[at]);
            at += 1;
            // One branch for the lanes, rarely taken.
            if (s0 | s1 | s2 | s3) & MATCH != 0 {
                break;
            }
        }
        *state = [s0, s1, s2, s3];
        at
    }

    /// Where the text is cut into lanes: `LANES + 1` bounds, each lane
    /// starting right after a byte of class [`OTHER`] (or at the text's
    /// start), so in the start state; lanes may be empty.
    fn lane_bounds(&self, text: &[u8]) -> [usize; LANES + 1] {
        let mut bounds = [text.len(); LANES + 1];
        bounds[0] = 0;
        if text.len() < MIN_LANE_TEXT {
            return bounds;
        }
        for lane in 1..LANES {
            let from = (text.len() / LANES * lane).max(bounds[lane - 1]);
            bounds[lane] = text[from..]
                .iter()
                .position(|&b| self.class[usize::from(b)] == OTHER)
                .map_or(text.len(), |i| from + i + 1);
        }
        bounds
    }

    /// The state after `state` on byte `b`.
    #[inline(always)]
    fn step(&self, state: u16, b: u8) -> u16 {
        self.next[usize::from(state) + usize::from(self.class[usize::from(b)])]
    }

    /// Walks `text[from..to]` one byte at a time from `state`: what is left
    /// of a lane when the shortest is done (all of a short text).
    fn walk_rest(
        &self,
        text: &[u8],
        from: usize,
        to: usize,
        mut state: u16,
        hit: &mut impl FnMut(usize, usize, usize),
    ) {
        for (at, &b) in text.iter().enumerate().take(to).skip(from) {
            state = self.step(state, b);
            if state & MATCH != 0 {
                self.report(state, at + 1, hit);
            }
        }
    }

    /// Reports the keys that end at `end` in match state `state`.
    #[inline(never)]
    fn report(&self, state: u16, end: usize, hit: &mut impl FnMut(usize, usize, usize)) {
        let (from, to) = self.outputs[usize::from(state - MATCH) / self.stride];
        for &(key, len) in &self.ends[usize::from(from)..usize::from(to)] {
            hit(usize::from(key), end - usize::from(len), end);
        }
    }

    /// Reports the keys that start on the capitals marked in `capitals`
    /// (high bits, as [`capitals_after_letters`] gives them) among the
    /// eight bytes at `at`.
    #[cold]
    #[inline(never)]
    fn walk_capitals(
        &self,
        text: &[u8],
        at: usize,
        mut capitals: u64,
        hit: &mut impl FnMut(usize, usize, usize),
    ) {
        while capitals != 0 {
            self.walk_from(text, at + (capitals.trailing_zeros() / 8) as usize, hit);
            capitals &= capitals - 1;
        }
    }

    /// Reports the keys that start at `start`, shortest first: a walk
    /// down the trie edges of the automaton from its start state.
    fn walk_from(&self, text: &[u8], start: usize, hit: &mut impl FnMut(usize, usize, usize)) {
        let mut state = START;
        for (offset, &b) in text[start..].iter().enumerate() {
            state = self.step(state, b);
            let len = offset + 1;
            if usize::from(self.depth[usize::from(state) / self.stride]) != len {
                return;
            }
            if state & MATCH != 0 {
                let (from, to) = self.outputs[usize::from(state - MATCH) / self.stride];
                // The key that is all of the walk so far, if one is.
                if let Some(&(key, _)) = self.ends[usize::from(from)..usize::from(to)]
                    .iter()
                    .find(|&&(_, key_len)| usize::from(key_len) == len)
                {
                    hit(usize::from(key), start, start + len);
                }
            }
        }
    }
}

/// The byte classes of `keys`: [`OTHER`] and [`OTHER_LETTER`] for the
/// bytes that no key holds, then one for each byte a key holds (a capital
/// with its small letter).
fn byte_classes(keys: &[&str]) -> [u8; 256] {
    let mut class = [OTHER; 256];
    for b in (b'a'..=b'z').chain(b'A'..=b'Z') {
        class[usize::from(b)] = OTHER_LETTER;
    }
    let mut classes = OTHER_LETTER + 1;
    for b in keys.iter().flat_map(|k| k.bytes()) {
        assert!(!b.is_ascii_uppercase(), "key words are lowercase: {keys:?}");
        if class[usize::from(b)] <= OTHER_LETTER {
            class[usize::from(b)] = classes;
            classes = classes.checked_add(1).expect("under 256 byte classes");
        }
    }
    for upper in b'A'..=b'Z' {
        class[usize::from(upper)] = class[usize::from(upper.to_ascii_lowercase())];
    }
    class
}

/// The high bit of each byte of the eight in `x` (first byte lowest) that
/// is an ASCII capital right after an ASCII letter; `letter_before` holds
/// (in the high bit of its lowest byte) whether the byte before them is a
/// letter, and is moved on past them.
#[inline(always)]
fn capitals_after_letters(x: u64, letter_before: &mut u64) -> u64 {
    let (letter, _, lower) = swar::classes(x);
    let capitals = ((letter << 8) | *letter_before) & letter & !lower;
    *letter_before = letter >> 56;
    capitals
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every place of eight, after a letter and
    /// after a non-letter.
    #[test]
    fn capitals_after_letters_agree_with_the_bytewise_rule() {
        for b in 0..=255u8 {
            for at in 0..8 {
                for (base, before) in [
                    (b"abcdefgh", 1u64 << 7),
                    (b"a1b2C3-d", 0),
                    (b"AbCdEFG ", 1 << 7),
                ] {
                    let mut text = *base;
                    text[at] = b;
                    let mut carry = before;
                    let got = capitals_after_letters(u64::from_le_bytes(text), &mut carry);
                    for (k, &c) in text.iter().enumerate() {
                        let prev_letter = if k == 0 {
                            before != 0
                        } else {
                            text[k - 1].is_ascii_alphabetic()
                        };
                        let want = prev_letter && c.is_ascii_uppercase();
                        assert_eq!(
                            got >> (8 * k + 7) & 1 == 1,
                            want,
                            "{b:#x} at {at}, byte {k}"
                        );
                    }
                    assert_eq!(carry != 0, text[7].is_ascii_alphabetic());
                }
            }
        }
    }

    /// Every occurrence of every key, one start at a time: the reference.
    fn hits_bytewise(keys: &[&str], text: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut hits = Vec::new();
        for start in 0..text.len() {
            let may_start = start == 0
                || !text[start - 1].is_ascii_alphabetic()
                || text[start].is_ascii_uppercase();
            for (key, k) in keys.iter().enumerate() {
                let end = start + k.len();
                if may_start
                    && end <= text.len()
                    && text[start..end].eq_ignore_ascii_case(k.as_bytes())
                {
                    hits.push((key, start, end));
                }
            }
        }
        hits.sort_by_key(|&(key, start, end)| (start, end, key));
        hits
    }

    fn hits(matcher: &KeywordMatcher, text: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut hits = Vec::new();
        matcher.for_each_hit(text, |key, start, end| hits.push((key, start, end)));
        hits.sort_by_key(|&(key, start, end)| (start, end, key));
        hits
    }

    /// Keys overlapping and inside others, capitals inside a word, keys
    /// after digits; never one inside a word on a small letter ("ay").
    #[test]
    fn hits_are_every_occurrence_at_a_start() {
        let keys = ["day", "days", "ay", "a.m", "mid", "-0", "y's", "s"];
        let matcher = KeywordMatcher::new(&keys);
        let text = b"Days, MIDday; a.m 2023-09 today y's DAY's";
        let want = vec![
            (0, 0, 3),
            (1, 0, 4),
            (4, 6, 9),
            (3, 14, 17),
            (5, 22, 24),
            (6, 32, 35),
            (7, 34, 35),
            (0, 36, 39),
            (2, 37, 39),
            (6, 38, 41),
            (7, 40, 41),
        ];
        assert_eq!(hits(&matcher, text), want);
        assert_eq!(hits_bytewise(&keys, text), want);
    }

    /// After a byte that no key holds and that is not a letter, the
    /// automaton is in its start state, whatever came before: where
    /// lanes may start.
    #[test]
    fn bytes_of_no_key_restart_the_automaton() {
        let matcher = KeywordMatcher::new(&["day", "a.m", "o'clock", "-0"]);
        let mut states = 0;
        for state in matcher.states() {
            states += 1;
            for b in 0..=255u8 {
                if matcher.class[usize::from(b)] == OTHER {
                    assert_eq!(matcher.step(state, b), START);
                }
            }
        }
        // The root, "d", "da", "day", "a", "a.", "a.m", "o", ... "-", "-0"
        // and the state after a letter.
        assert_eq!(states, 1 + 3 + 3 + 7 + 2 + 1);
    }

    /// The states where a key ends, and only those, have the match bit;
    /// every step from a state lands on a state.
    #[test]
    fn match_states_have_the_match_bit() {
        let keys = ["day", "days", "ay", "a.m", "mid"];
        let matcher = KeywordMatcher::new(&keys);
        let states: Vec<u16> = matcher.states().collect();
        assert_eq!(states.iter().filter(|&&s| s & MATCH != 0).count(), 5);
        for &state in &states {
            for b in 0..=255u8 {
                assert!(states.contains(&matcher.step(state, b)), "{state} {b}");
            }
        }
    }

    /// Random texts over key pieces, letters of both cases, digits and
    /// punctuation, short and long enough for lanes: the automaton finds
    /// what a test at each start finds.
    #[test]
    fn hits_agree_with_a_test_at_each_start() {
        let keys = [
            "jan", "january", "mar", "march", "day", "days", "today", "a.m", "am", "-0", "0s", "/",
            ":", "year", "year's", "years", "end", "weekend", "week", "o'clock", "19", "mid",
            "midnight", "night", "s",
        ];
        let matcher = KeywordMatcher::new(&keys);
        let pieces = [
            "Jan", "uary", "MAR", "ch", "day", "To", "A.M", "a.m", "-", "0", "1", "9", "s", "/",
            ":", "Year", "'s", "week", "END", "o'", "clock", "mid", "Night", " ", ",", "x", "Q",
            "é", "_", " ", "  ",
        ];
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        for round in 0..3000 {
            let len = rng.below(if round % 3 == 0 { 400 } else { 40 });
            let text: String = (0..len).map(|_| pieces[rng.below(pieces.len())]).collect();
            assert_eq!(
                hits(&matcher, text.as_bytes()),
                hits_bytewise(&keys, text.as_bytes()),
                "{text:?}"
            );
        }
    }
}

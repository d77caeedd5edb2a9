//! The keyword pass's tests around a key word, made ready for quick
//! reading: the word lists of the rules' guards ([`Guard`]) and leads
//! ([`Reach::lead`](super::grammar::Reach)) become bits of one table from
//! each word to the lists that hold it ([`WordSets`]), so a word is
//! looked up once rather than compared with every word of a list; a
//! rule's guard becomes a [`Check`] for each of its key words (a
//! [`Guard::ForKey`] settled by the key); and the word before a key word,
//! which most guards read, is found once for all the rules of the key
//! ([`Around`]).

use super::grammar::Guard;

/// A word of at most 16 bytes as a number, ASCII-lowercase (its first
/// byte lowest); `None` for a longer one.
pub(super) fn packed(word: &[u8]) -> Option<u128> {
    (word.len() <= 16).then(|| {
        word.iter()
            .rev()
            .fold(0, |key, &b| key << 8 | u128::from(b.to_ascii_lowercase()))
    })
}

/// The bit that sets a letter in lowercase, in each of sixteen bytes.
const LOWERCASE_BITS: u128 = 0x2020_2020_2020_2020_2020_2020_2020_2020;

/// The word `text[start..end]`, all ASCII letters, as [`packed`] packs
/// it: its sixteen bytes read at once when the text has them.
fn packed_letters(text: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    if len > 16 {
        return None;
    }
    let Some(sixteen) = text.get(start..start + 16) else {
        return packed(&text[start..end]);
    };
    let bytes = u128::from_le_bytes(sixteen.try_into().expect("sixteen bytes"));
    let unread = u32::try_from(16 - len).expect("at most 16");
    let keep = u128::MAX.checked_shr(8 * unread).unwrap_or(0);
    Some((bytes | LOWERCASE_BITS) & keep)
}

/// The word lists met so far, each given a bit: what [`WordSets`] is
/// built from.
#[derive(Default)]
pub(super) struct WordLists {
    /// The lists, by bit.
    lists: Vec<&'static [&'static str]>,
}

impl WordLists {
    /// The bit of `list` (the same for a list of the same words).
    pub(super) fn bit(&mut self, list: &'static [&'static str]) -> u64 {
        let index = self
            .lists
            .iter()
            .position(|&l| l == list)
            .unwrap_or_else(|| {
                self.lists.push(list);
                self.lists.len() - 1
            });
        assert!(index < 64, "at most 64 word lists");
        1 << index
    }

    /// The table of the lists' words.
    pub(super) fn build(&self) -> WordSets {
        let mut words: Vec<(u128, u64)> = Vec::new();
        let mut empty = 0;
        for (index, list) in self.lists.iter().enumerate() {
            for word in *list {
                if word.is_empty() {
                    empty |= 1 << index;
                    continue;
                }
                let key = packed(word.as_bytes()).expect("listed words are short");
                match words.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, sets)) => *sets |= 1 << index,
                    None => words.push((key, 1 << index)),
                }
            }
        }
        // At most half full, so that probes are short.
        let bits = (2 * words.len())
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mut table = WordSets {
            keys: vec![0; 1 << bits].into_boxed_slice(),
            sets: vec![0; 1 << bits].into_boxed_slice(),
            shift: 64 - bits,
            empty,
        };
        for (key, sets) in words {
            let mut slot = table.slot(key);
            while table.keys[slot] != 0 {
                slot = (slot + 1) & (table.keys.len() - 1);
            }
            table.keys[slot] = key;
            table.sets[slot] = sets;
        }
        table
    }
}

/// For each word of the lists of [`WordLists`], the lists that hold it
/// (as their bits): an open-addressing hash table of packed words.
pub(super) struct WordSets {
    /// The packed words by slot; 0 for an empty slot (no word but the
    /// empty one packs to 0, and it is kept apart).
    keys: Box<[u128]>,
    /// The lists holding the word in the same slot.
    sets: Box<[u64]>,
    /// How far a hash is shifted down to a slot number.
    shift: u32,
    /// The lists that hold the empty word.
    empty: u64,
}

impl WordSets {
    /// Where the search for `key` starts.
    fn slot(&self, key: u128) -> usize {
        // The bytes past the eighth folded onto the first eight.
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        let hash = folded.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        usize::try_from(hash >> self.shift).expect("a small table")
    }

    /// The bits of the lists that hold `word` (ASCII-case-insensitively):
    /// 0 for none and for a word longer than 16 bytes.
    #[cfg(test)]
    fn sets_of(&self, word: &[u8]) -> u64 {
        if word.is_empty() {
            return self.empty;
        }
        self.sets_of_packed(packed(word))
    }

    /// [`WordSets::sets_of`] the word `text[start..end]`, which is all
    /// ASCII letters (or none).
    pub(super) fn sets_of_letters(&self, text: &[u8], start: usize, end: usize) -> u64 {
        if start == end {
            return self.empty;
        }
        self.sets_of_packed(packed_letters(text, start, end))
    }

    /// The bits of the lists that hold the word packed as `key` (0 for
    /// `None`, a word too long to pack).
    fn sets_of_packed(&self, key: Option<u128>) -> u64 {
        let Some(key) = key else {
            return 0;
        };
        let mut slot = self.slot(key);
        loop {
            match self.keys[slot] {
                k if k == key => return self.sets[slot],
                0 => return 0,
                _ => slot = (slot + 1) & (self.keys.len() - 1),
            }
        }
    }
}

/// The bytes `\s` matches in an ASCII pattern.
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// Where the run of bytes meeting `is` that ends at `end` starts.
pub(super) fn run_back(text: &[u8], end: usize, is: impl Fn(u8) -> bool) -> usize {
    let mut at = end;
    while at > 0 && is(text[at - 1]) {
        at -= 1;
    }
    at
}

/// Where the run of bytes meeting `is` that starts at `start` ends.
pub(super) fn run_ahead(text: &[u8], start: usize, is: impl Fn(u8) -> bool) -> usize {
    let mut at = start;
    while at < text.len() && is(text[at]) {
        at += 1;
    }
    at
}

/// The word that ends past at least one space or hyphen before `start`
/// (its ASCII letters, maybe none), with where it starts.
pub(super) fn word_before(text: &[u8], start: usize) -> Option<(usize, &[u8])> {
    word_range_before(text, start).map(|(from, to)| (from, &text[from..to]))
}

/// Where the word before `start` ([`word_before`]) starts and ends.
pub(super) fn word_range_before(text: &[u8], start: usize) -> Option<(usize, usize)> {
    let word_end = run_back(text, start, |b| is_space(b) || b == b'-');
    if word_end == start {
        return None;
    }
    let word_start = run_back(text, word_end, |b| b.is_ascii_alphabetic());
    Some((word_start, word_end))
}

/// A [`Guard`] for one key word, its word lists as bits of [`WordSets`].
pub(super) enum Check {
    /// No further condition.
    Always,
    /// [`Guard::WordBefore`].
    WordBefore(u64),
    /// [`Guard::NumberBefore`].
    NumberBefore(u64),
    /// [`Guard::WordsBefore`].
    WordsBefore(u64, u64),
    /// [`Guard::WordAfter`].
    WordAfter(u64),
    /// [`Guard::AnyOf`].
    AnyOf(Box<[Check]>),
    /// [`Guard::AllOf`].
    AllOf(Box<[Check]>),
    /// A guard that reads no word list, as it is.
    Plain(Guard),
}

impl Check {
    /// `guard` for the key word `key` (lowercase), its lists given bits
    /// in `lists`.
    pub(super) fn new(guard: Guard, key: &str, lists: &mut WordLists) -> Check {
        let all = |guards: &[Guard], lists: &mut WordLists| -> Box<[Check]> {
            guards.iter().map(|&g| Check::new(g, key, lists)).collect()
        };
        match guard {
            Guard::None => Check::Always,
            Guard::WordBefore(words) => Check::WordBefore(lists.bit(words)),
            Guard::NumberBefore(words) => Check::NumberBefore(lists.bit(words)),
            Guard::WordsBefore(near, far) => Check::WordsBefore(lists.bit(near), lists.bit(far)),
            Guard::WordAfter(words) => Check::WordAfter(lists.bit(words)),
            Guard::AnyOf(guards) => Check::AnyOf(all(guards, lists)),
            Guard::AllOf(guards) => Check::AllOf(all(guards, lists)),
            Guard::ForKey(pairs) => pairs
                .iter()
                .find(|(word, _)| key.eq_ignore_ascii_case(word))
                .map_or(Check::Always, |&(_, guard)| Check::new(guard, key, lists)),
            Guard::DayAfter
            | Guard::DayBefore
            | Guard::YearAfter
            | Guard::DigitBefore
            | Guard::DigitsAround
            | Guard::Suffix(_)
            | Guard::Prefix(_) => Check::Plain(guard),
        }
    }

    /// Whether the text around the key word meets the check: what the
    /// guard it was made from says.
    pub(super) fn admits(&self, around: &mut Around<'_>) -> bool {
        match self {
            Check::Always => true,
            Check::WordBefore(list) => around.before().is_some_and(|b| b.sets & list != 0),
            Check::NumberBefore(list) => around.before().is_some_and(|b| {
                b.sets & list != 0
                    || (b.empty && b.start > 0 && around.text[b.start - 1].is_ascii_digit())
            }),
            Check::WordsBefore(near, far) => around.before().is_some_and(|b| {
                b.sets & near != 0
                    && word_range_before(around.text, b.start).is_some_and(|(from, to)| {
                        around.words.sets_of_letters(around.text, from, to) & far != 0
                    })
            }),
            Check::WordAfter(list) => {
                let text = around.text;
                let word_start = run_ahead(text, around.end, is_space);
                let word_end = run_ahead(text, word_start, |b| b.is_ascii_alphabetic());
                word_start > around.end
                    && around.words.sets_of_letters(text, word_start, word_end) & list != 0
            }
            Check::AnyOf(checks) => checks.iter().any(|c| c.admits(around)),
            Check::AllOf(checks) => checks.iter().all(|c| c.admits(around)),
            Check::Plain(guard) => guard.admits(around.text, around.start, around.end),
        }
    }
}

/// The word before a key word, as the guards read it.
#[derive(Clone, Copy)]
pub(super) struct Before {
    /// Where it starts.
    start: usize,
    /// Whether it has no letters.
    empty: bool,
    /// The lists that hold it.
    sets: u64,
}

/// A key word found in a text, with what its checks read around it,
/// each found once.
pub(super) struct Around<'t> {
    /// The text.
    text: &'t [u8],
    /// Where the key word starts.
    start: usize,
    /// Where it ends.
    end: usize,
    /// The table of the listed words.
    words: &'t WordSets,
    /// The word before, once found ([`word_range_before`]).
    before: Option<Option<Before>>,
}

impl<'t> Around<'t> {
    /// The key word at `start..end` of `text`.
    pub(super) fn new(text: &'t [u8], start: usize, end: usize, words: &'t WordSets) -> Self {
        Around {
            text,
            start,
            end,
            words,
            before: None,
        }
    }

    /// The word before the key word, past at least one space or hyphen.
    fn before(&mut self) -> Option<Before> {
        *self.before.get_or_insert_with(|| {
            word_range_before(self.text, self.start).map(|(start, end)| Before {
                start,
                empty: start == end,
                sets: self.words.sets_of_letters(self.text, start, end),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words pack lowercase, one byte each, the first lowest; none longer
    /// than sixteen letters.
    #[test]
    fn words_pack_lowercase() {
        assert_eq!(packed(b"Mid"), Some(0x64_69_6d));
        assert_eq!(packed(b"MID"), packed(b"mid"));
        assert_ne!(packed(b"mid"), packed(b"mi"));
        assert_eq!(packed(b""), Some(0));
        assert!(packed(b"approximatelyyyy").is_some());
        assert_eq!(packed(b"approximatelyyyyy"), None);
    }

    /// Words of letters read sixteen bytes at once pack as byte by byte,
    /// at any length, anywhere in a text (near its end too).
    #[test]
    fn letters_pack_as_bytes_do() {
        let text = b"The quick BROWN fox jumps over the lazy dOg, approximatelyyyyy";
        for start in 0..text.len() {
            for end in start..=text.len() {
                if text[start..end].iter().all(u8::is_ascii_alphabetic) {
                    assert_eq!(
                        packed_letters(text, start, end),
                        packed(&text[start..end]),
                        "{start}..{end}"
                    );
                }
            }
        }
    }

    /// Each word is in the lists that hold it, in any case, and in no
    /// other; other words, pieces of words and the empty word are in none.
    #[test]
    fn a_word_is_in_the_lists_that_hold_it() {
        const A: &[&str] = &["the", "last", "fiscal", "approximately", "s"];
        const B: &[&str] = &["the", "next", "years"];
        const C: &[&str] = &["the", "last", "fiscal", "approximately", "s"];
        const D: &[&str] = &["s", ""];
        let mut lists = WordLists::default();
        let (a, b, c, d) = (lists.bit(A), lists.bit(B), lists.bit(C), lists.bit(D));
        assert_eq!(a, c, "the same words, the same list");
        assert_ne!(a, b);
        let words = lists.build();
        for (word, sets) in [
            ("the", a | b),
            ("THE", a | b),
            ("Last", a),
            ("approximately", a),
            ("s", a | d),
            ("years", b),
            ("year", 0),
            ("th", 0),
            ("thee", 0),
            ("", d),
            ("approximatelyapproximately", 0),
            ("S", a | d),
        ] {
            assert_eq!(words.sets_of(word.as_bytes()), sets, "{word:?}");
        }
    }

    /// Many lists of many words: every word is found, none else.
    #[test]
    fn a_full_table_finds_every_word() {
        let mut lists = WordLists::default();
        let all: Vec<&'static [&'static str]> = (0..40)
            .map(|n| {
                let list: Vec<&'static str> = (0..30)
                    .map(|k| &*format!("w{}x{}", n * 7 + k, k % 3).leak())
                    .collect();
                &*list.leak()
            })
            .collect();
        let bits: Vec<u64> = all.iter().map(|&l| lists.bit(l)).collect();
        let words = lists.build();
        for (list, bit) in all.iter().zip(&bits) {
            for word in *list {
                assert_ne!(words.sets_of(word.as_bytes()) & bit, 0, "{word}");
            }
        }
        assert_eq!(words.sets_of(b"w1x2"), 0);
        assert_eq!(words.sets_of(b"zzz"), 0);
    }

    /// Each guard and the check made from it agree on every key word of
    /// marked texts, whatever the word before and after.
    #[test]
    fn checks_agree_with_their_guards() {
        let guards = [
            Guard::WordBefore(&["the", "for"]),
            Guard::WordBefore(&["s", ""]),
            Guard::NumberBefore(&["few", "or"]),
            Guard::WordsBefore(&["this"], &["of", "end"]),
            Guard::WordAfter(&["today", "day"]),
            Guard::AnyOf(&[Guard::Suffix("ly"), Guard::WordBefore(&["at"])]),
            Guard::AllOf(&[Guard::Prefix("-"), Guard::WordBefore(&["years"])]),
            Guard::ForKey(&[
                ("am", Guard::DigitBefore),
                ("x", Guard::WordBefore(&["the"])),
            ]),
            Guard::DayAfter,
        ];
        let befores = [
            "",
            " ",
            "the ",
            "THE  ",
            "for-",
            "44 ",
            "44",
            "a few-",
            "end of this ",
            "this ",
            "of this ",
            "years-",
            "years ",
            "at ",
            "x",
            "3 ",
            "Jr. ",
            "year's ",
        ];
        let keys = ["am", "x", "year"];
        let afters = [
            "", " today", "today", "  Day", "ly", "LY ", ". 23", " 5", " dayx",
        ];
        for guard in guards {
            for key in keys {
                let mut lists = WordLists::default();
                let check = Check::new(guard, key, &mut lists);
                let words = lists.build();
                for before in befores {
                    for after in afters {
                        let text = format!("{before}{key}{after}");
                        let (start, end) = (before.len(), before.len() + key.len());
                        let mut around = Around::new(text.as_bytes(), start, end, &words);
                        assert_eq!(
                            check.admits(&mut around),
                            guard.admits(text.as_bytes(), start, end),
                            "{guard:?} {text:?}"
                        );
                    }
                }
            }
        }
    }
}

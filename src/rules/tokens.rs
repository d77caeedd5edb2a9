//! Word scanning over the original text: tokens with byte offsets and their
//! shape (capitalised, all-caps, initial, number), sentence starts, and
//! lines written entirely in capitals (headlines, datelines, tables).
//! Every token is folded and sketched once, here, for the rules' word
//! lookups; the scan also lists the tokens a name can start at and keeps
//! the sketches of the lowercase words in a dense column, so that the
//! rules' passes visit few tokens.
//!
//! A token is 16 bytes (offsets in `u32`, its shape and marks in one byte),
//! and the buffers of a field's tokens are kept by the thread for its next
//! field: most tokens are plain ASCII words, pushed by one short path, and
//! no field allocates (and faults in) fresh memory for its tokens.

use std::{borrow::Cow, cell::RefCell};

use super::lexicons::Sketches;
use crate::{reuse, swar};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// Letters (with internal apostrophes, hyphens, or the dots of "U.S.").
    Word,
    /// Starts with a digit ("1996-08-30", "4-38", "6").
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// One token of a field, in byte offsets into the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    start: u32,
    /// One past the last byte.
    end: u32,
    /// 0-based line number.
    pub line: u32,
    /// The sketch bit of its folding ([`Sketches::bit_of`]), to test it
    /// against word lists without reading its text.
    pub sketch: u16,
    /// What it is.
    pub kind: Kind,
    /// Its [`Shape`]'s bits, with [`SENT_START`] and [`CAPS_LINE`].
    flags: u8,
}

/// The flag of a token that starts a sentence (or a line).
const SENT_START: u8 = 64;
/// The flag of a token on a line written in capitals.
const CAPS_LINE: u8 = 128;

/// The letter case of a token's text, whatever its kind: six bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shape(u8);

impl Shape {
    /// Only ASCII characters.
    const ASCII: u8 = 1;
    /// The first character is uppercase (the bit of [`class::UPPER`]).
    const FIRST_UPPER: u8 = 2;
    /// The first character is lowercase (the bit of [`class::LOWER`]).
    const FIRST_LOWER: u8 = 4;
    /// Every alphabetic character is uppercase (true when there are none).
    const ALL_UPPER: u8 = 8;
    /// It has two alphabetic characters or more.
    const TWO_LETTERS: u8 = 16;
    /// It holds a hyphen or an ASCII apostrophe ("al-Assad", "d'Alema").
    const JOINED: u8 = 32;

    /// The shape with these facts.
    fn new(
        ascii: bool,
        first_upper: bool,
        first_lower: bool,
        all_upper: bool,
        two_letters: bool,
        joined: bool,
    ) -> Shape {
        let bit = |on: bool, b: u8| if on { b } else { 0 };
        Shape(
            bit(ascii, Shape::ASCII)
                | bit(first_upper, Shape::FIRST_UPPER)
                | bit(first_lower, Shape::FIRST_LOWER)
                | bit(all_upper, Shape::ALL_UPPER)
                | bit(two_letters, Shape::TWO_LETTERS)
                | bit(joined, Shape::JOINED),
        )
    }

    /// The shape of a run of ASCII letters and digits (joined to nothing)
    /// whose first byte is of class `first`: [`Shape::new`] of its facts.
    #[inline(always)]
    fn of_plain_run(first: u8, all_upper: bool, two_letters: bool) -> Shape {
        Shape::new(
            true,
            first & class::UPPER != 0,
            first & class::LOWER != 0,
            all_upper,
            two_letters,
            false,
        )
    }

    /// Only ASCII characters.
    #[inline]
    pub fn ascii(self) -> bool {
        self.0 & Shape::ASCII != 0
    }

    /// The first character is uppercase.
    #[inline]
    pub fn first_upper(self) -> bool {
        self.0 & Shape::FIRST_UPPER != 0
    }

    /// The first character is lowercase.
    #[inline]
    pub fn first_lower(self) -> bool {
        self.0 & Shape::FIRST_LOWER != 0
    }

    /// Every alphabetic character is uppercase (true when there are none).
    #[inline]
    pub fn all_upper(self) -> bool {
        self.0 & Shape::ALL_UPPER != 0
    }

    /// It has two alphabetic characters or more.
    #[inline]
    pub fn two_letters(self) -> bool {
        self.0 & Shape::TWO_LETTERS != 0
    }

    /// It holds a hyphen or an ASCII apostrophe ("al-Assad", "d'Alema").
    #[inline]
    pub fn joined(self) -> bool {
        self.0 & Shape::JOINED != 0
    }

    /// Reads the shape of ASCII text `b`.
    #[inline]
    fn of_ascii(b: &[u8], joined: bool) -> Shape {
        // Each question stops at its first answer.
        Shape::new(
            true,
            b.first().is_some_and(u8::is_ascii_uppercase),
            b.first().is_some_and(u8::is_ascii_lowercase),
            !b.iter().any(u8::is_ascii_lowercase),
            b.iter()
                .filter(|c| c.is_ascii_alphabetic())
                .nth(1)
                .is_some(),
            joined,
        )
    }

    /// Reads the shape of `s`; `joined` is known from the scan.
    fn of(s: &str, joined: bool) -> Shape {
        if s.is_ascii() {
            return Shape::of_ascii(s.as_bytes(), joined);
        }
        let first = s.chars().next();
        let mut letters = s.chars().filter(|c| c.is_alphabetic());
        Shape::new(
            false,
            first.is_some_and(char::is_uppercase),
            first.is_some_and(char::is_lowercase),
            letters.clone().all(char::is_uppercase),
            letters.nth(1).is_some(),
            joined,
        )
    }
}

impl Token {
    /// The token's text.
    #[inline]
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start()..self.end()]
    }

    /// First byte.
    #[inline]
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// One past the last byte.
    #[inline]
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// Its shape, read once when it is scanned.
    #[inline]
    pub fn shape(&self) -> Shape {
        Shape(self.flags & !(SENT_START | CAPS_LINE))
    }

    /// The first word of a sentence (or of a line).
    #[inline]
    pub fn sent_start(&self) -> bool {
        self.flags & SENT_START != 0
    }

    /// On a line written in capitals.
    #[inline]
    pub fn caps_line(&self) -> bool {
        self.flags & CAPS_LINE != 0
    }
}

/// The tokens of a field, with the facts the rules ask about them.
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    /// The field's text.
    pub text: &'a str,
    /// Its tokens in order.
    pub toks: Vec<Token>,
    /// The text in ASCII lowercase (the folding of every ASCII token, at
    /// its own offsets), then the foldings of the other tokens (see [`Tokens::f`]).
    pub folded: String,
    /// Some line is written in capitals (some token has [`Token::caps_line`]).
    pub has_caps_line: bool,
    /// The sketches of the foldings of the words in lowercase: a word
    /// whose sketch is clear here is written in lowercase nowhere in the
    /// field (most words asked about, told without a scan: see
    /// [`Tokens::lowercase_elsewhere`]).
    pub lower_words: Sketches,
    /// For each token, the sketch bit of its folding when it is a word in
    /// lowercase, [`NOT_LOWER`] otherwise: a dense column that
    /// [`Tokens::lowercase_elsewhere`] scans.
    pub lower_sketches: Vec<u16>,
    /// The indices, in order, of the words that are capitalised, joined
    /// ("al-Assad") or on a line in capitals: the only tokens a name can
    /// start at (see [`Tokens::name_starts`]).
    starts: Vec<usize>,
    /// The indices, in order, of the numbers (see [`Tokens::numbers`]).
    numbers: Vec<usize>,
    /// For each token not in ASCII, in order: its index and where its
    /// folding starts and ends in [`Tokens::folded`].
    foldings: Vec<(u32, u32, u32)>,
    /// The sketches of the words the scan watches for (see [`tokenize_watching`]).
    watch: &'a Sketches,
    /// The indices, in order, of the words in ASCII lowercase whose sketch
    /// is in [`Tokens::watch`] (see [`Tokens::watched`]).
    watched: Vec<usize>,
}

/// The buffers of a field's tokens, kept by a thread between fields.
#[derive(Debug, Default)]
struct Buffers {
    toks: Vec<Token>,
    folded: String,
    lower_sketches: Vec<u16>,
    starts: Vec<usize>,
    numbers: Vec<usize>,
    foldings: Vec<(u32, u32, u32)>,
    watched: Vec<usize>,
}

thread_local! {
    /// This thread's buffers, between two fields ([`crate::reuse`]).
    static SPARE: RefCell<Buffers> = RefCell::new(Buffers::default());
}

impl Drop for Tokens<'_> {
    /// Hands the buffers on to the thread's next field.
    fn drop(&mut self) {
        let buffers = Buffers {
            toks: std::mem::take(&mut self.toks),
            folded: std::mem::take(&mut self.folded),
            lower_sketches: std::mem::take(&mut self.lower_sketches),
            starts: std::mem::take(&mut self.starts),
            numbers: std::mem::take(&mut self.numbers),
            foldings: std::mem::take(&mut self.foldings),
            watched: std::mem::take(&mut self.watched),
        };
        reuse::give(&SPARE, buffers, |b| b.toks.capacity());
    }
}

/// `at`, an offset into [`Tokens::folded`] (the text and, after it, the
/// foldings of its tokens not in ASCII), in 32 bits.
fn offset32(at: usize) -> u32 {
    u32::try_from(at).expect("a field's foldings end within 4 GiB")
}

impl<'a> Tokens<'a> {
    /// No tokens yet for `text`, in this thread's spare buffers (cleared),
    /// with `folded` holding the text in ASCII lowercase, watching for the
    /// words of `watch`.
    fn empty(text: &'a str, watch: &'a Sketches) -> Tokens<'a> {
        // Offsets are kept in 32 bits (the pipeline turns longer articles
        // into error rows before they get here).
        assert!(
            u32::try_from(text.len()).is_ok(),
            "a field of more than 4 GiB cannot be tokenized"
        );
        let mut b = reuse::take(&SPARE);
        b.toks.clear();
        b.toks.reserve(text.len() / 3 + 4);
        b.lower_sketches.clear();
        b.lower_sketches.reserve(text.len() / 3 + 4);
        b.starts.clear();
        b.starts.reserve(text.len() / 16 + 4);
        b.numbers.clear();
        b.foldings.clear();
        b.watched.clear();
        b.folded.clear();
        b.folded.push_str(text);
        b.folded.make_ascii_lowercase();
        Tokens {
            text,
            toks: b.toks,
            folded: b.folded,
            has_caps_line: false,
            lower_words: Sketches::default(),
            lower_sketches: b.lower_sketches,
            starts: b.starts,
            numbers: b.numbers,
            foldings: b.foldings,
            watch,
            watched: b.watched,
        }
    }
}

/// The entry of [`Tokens::lower_sketches`] for a token that is no word in
/// lowercase (no sketch bit is this high).
pub const NOT_LOWER: u16 = u16::MAX;

/// How many entries of [`Tokens::lower_sketches`] are tested at once.
const SCAN_BLOCK: usize = 32;

/// Abbreviations whose trailing dot does not end a sentence.
const ABBREVIATIONS: [&str; 28] = [
    "mr", "mrs", "ms", "dr", "st", "sen", "gen", "gov", "rep", "lt", "col", "capt", "sgt", "prof",
    "jr", "sr", "corp", "inc", "co", "ltd", "vs", "v", "no", "rev", "maj", "adm", "ft", "mt",
];

/// The [`short_key`]s of [`ABBREVIATIONS`].
static ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0; ABBREVIATIONS.len()];
    let mut k = 0;
    while k < keys.len() {
        keys[k] = short_key(ABBREVIATIONS[k].as_bytes());
        k += 1;
    }
    keys
};

/// A word of at most four bytes as one number: its bytes (first byte
/// lowest) and, above them, its length; two such words are equal when
/// their keys are.
const fn short_key(w: &[u8]) -> u64 {
    let mut key = (w.len() as u64) << 32;
    let mut i = 0;
    while i < w.len() && i < 4 {
        key |= (w[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

/// Whether the lowercase `w` is one of [`ABBREVIATIONS`] (none is longer
/// than four bytes: longer words are told without looking). Its key is
/// compared with all of theirs at once, without a branch (once a string
/// compare each, whose outcomes the branch predictor could not learn).
fn is_abbreviation(w: &[u8]) -> bool {
    if w.len() > 4 {
        return false;
    }
    let key = short_key(w);
    ABBREVIATION_KEYS
        .iter()
        .fold(false, |any, &k| any | (k == key))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character starting at byte `at` of `text`.
fn char_at(text: &str, at: usize) -> char {
    let b = text.as_bytes()[at];
    if b < 0x80 {
        char::from(b)
    } else {
        text[at..].chars().next().expect("a char at a boundary")
    }
}

/// Where the word or number starting with `c` at byte `at` ends, and
/// whether it joins words across a hyphen or an ASCII apostrophe.
fn word_end(text: &str, at: usize, c: char) -> (usize, bool) {
    let bytes = text.as_bytes();
    let number = c.is_ascii_digit();
    let mut end = at + c.len_utf8();
    let mut joined = false;
    loop {
        // ASCII letters and digits (most of the text) join at once.
        while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            end += 1;
        }
        // Any other ASCII character but these ends the word.
        match bytes.get(end) {
            None => break,
            Some(b'\'' | b'-' | b'.' | b',' | b':' | b'/') => {}
            Some(&b) if b >= 0x80 => {}
            Some(_) => break,
        }
        let rest = &text[end..];
        let mut chars = rest.chars();
        let Some(n) = chars.next() else { break };
        if is_word_char(n) {
            end += n.len_utf8();
            continue;
        }
        let after = chars.next();
        let joins = match n {
            '\'' | '\u{2019}' if !number => {
                // "O'Brien" joins; the possessive "'s" does not.
                let possessive =
                    matches!(after, Some('s' | 'S')) && !chars.next().is_some_and(is_word_char);
                after.is_some_and(is_word_char) && !possessive
            }
            '-' | '\u{2010}' | '\u{2011}' => after.is_some_and(is_word_char),
            '.' if number => after.is_some_and(|a| a.is_ascii_digit()),
            ',' | ':' | '/' if number => after.is_some_and(|a| a.is_ascii_digit()),
            '.' => {
                // "U.S." / "J.J.": single letters separated by dots.
                let word = &text[at..end];
                let last_seg = word.rsplit('.').next().unwrap_or(word);
                last_seg.chars().count() == 1
                    && after.is_some_and(char::is_alphabetic)
                    && chars.next() == Some('.')
            }
            _ => false,
        };
        if !joins {
            // Keep the final dot of a dotted abbreviation ("U.S.").
            if n == '.' && !number && text[at..end].contains('.') {
                end += 1;
            }
            break;
        }
        joined |= n == '-' || n == '\'';
        end += n.len_utf8();
    }
    (end, joined)
}

/// A byte's class, for the scan of ASCII words: a letter or digit, and
/// which.
mod class {
    /// An ASCII letter or digit.
    pub const ALNUM: u8 = 1;
    /// An ASCII uppercase letter.
    pub const UPPER: u8 = 2;
    /// An ASCII lowercase letter.
    pub const LOWER: u8 = 4;
    /// An ASCII digit.
    pub const DIGIT: u8 = 8;

    /// The class of every byte.
    pub static OF: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            t[b] = if c.is_ascii_uppercase() {
                ALNUM | UPPER
            } else if c.is_ascii_lowercase() {
                ALNUM | LOWER
            } else if c.is_ascii_digit() {
                ALNUM | DIGIT
            } else {
                0
            };
            b += 1;
        }
        t
    };
}

/// A run of ASCII letters and digits that nothing after it joins to more
/// (most words of English text), read in one pass with its shape and
/// sketch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PlainRun {
    /// One past its last byte.
    end: usize,
    /// A number when it starts with a digit, a word otherwise.
    kind: Kind,
    /// Its shape (never joined).
    shape: Shape,
    /// The sketch bit of its folding ([`Sketches::bit_of`], which ASCII
    /// case does not change).
    sketch: usize,
    /// The byte after it is a space (skipped with it).
    space_after: bool,
}

/// The run of ASCII letters and digits at `at`, whose first byte is of
/// class `first` (not 0: see [`class::OF`]), when nothing after it could
/// join it to more; `None` sends the scan to [`word_end`]. The eight bytes
/// after the first are classified at once (SWAR): a run of up to eight
/// bytes (most words) is read from them alone, its end with one
/// well-predicted branch (rather than a mispredicted one after its last
/// letter), its shape and sketch from the masks and bytes at hand, without
/// a branch on its letters.
#[inline(always)]
fn plain_run(bytes: &[u8], at: usize, first: u8) -> Option<PlainRun> {
    let x = swar::eight_padded(bytes, at + 1);
    let (letter, digit, lower) = swar::classes(x);
    let stop = !(letter | digit) & swar::HIGH;
    if stop == 0 {
        return long_plain_run(bytes, at, first, letter, lower);
    }
    // The bytes of the run after the first: 0 to 7.
    let k = (stop.trailing_zeros() / 8) as usize;
    // The high bits of the bytes before the first that stops the run.
    let before = (stop & stop.wrapping_neg()).wrapping_sub(1);
    let letters = letter & before;
    let number = first & class::DIGIT != 0;
    let after = (x >> (8 * k)) as u8;
    if joins(after, number, k + 1) {
        return None;
    }
    // A word has a letter first: two letters when one follows (`letters`
    // is not 0); a number has a digit first: when two follow (`letters`
    // less its lowest bit is not 0).
    let two_letters = letters & letters.wrapping_sub(u64::from(number)) != 0;
    let all_upper = lower & before | u64::from(first & class::LOWER) == 0;
    let shape = Shape::of_plain_run(first, all_upper, two_letters);
    // The run's bytes from the first on, up to eight.
    let run = x << 8 | u64::from(bytes[at]);
    let last = (run >> (8 * k)) as u8;
    Some(PlainRun {
        end: at + 1 + k,
        kind: if number { Kind::Number } else { Kind::Word },
        shape,
        sketch: Sketches::bit_of(bytes[at], last, k + 1),
        space_after: after == b' ',
    })
}

/// [`plain_run`] for a run of nine bytes or more (one word in twelve),
/// at `at`, whose first byte is of class `first` and whose next eight
/// bytes (all letters or digits) have the masks `letter` and `lower` of
/// [`swar::classes`]: the bytes after them are read eight at a time.
#[inline(never)]
fn long_plain_run(bytes: &[u8], at: usize, first: u8, letter: u64, lower: u64) -> Option<PlainRun> {
    let number = first & class::DIGIT != 0;
    // A word's first letter counts as one letter seen.
    let mut seen = letter != 0 || !number;
    let mut two_letters = letter & letter.wrapping_sub(1) != 0 || (letter != 0 && !number);
    let mut any_lower = lower != 0 || first & class::LOWER != 0;
    // The eight bytes after the first held no end of the text: eight more
    // bytes to read, or fewer (padded).
    let mut from = at + 9;
    loop {
        let x = swar::eight_padded(bytes, from);
        let (letter, digit, lower) = swar::classes(x);
        let stop = !(letter | digit) & swar::HIGH;
        // The high bits of the bytes before the first that stops the run.
        let before = (stop & stop.wrapping_neg()).wrapping_sub(1);
        let letters = letter & before;
        two_letters |= letters & letters.wrapping_sub(1) != 0 || (letters != 0 && seen);
        seen |= letters != 0;
        any_lower |= lower & before != 0;
        if stop != 0 {
            let k = (stop.trailing_zeros() / 8) as usize;
            let end = from + k;
            let after = (x >> (8 * k)) as u8;
            if joins(after, number, end - at) {
                return None;
            }
            return Some(PlainRun {
                end,
                kind: if number { Kind::Number } else { Kind::Word },
                shape: Shape::of_plain_run(first, !any_lower, two_letters),
                sketch: Sketches::bit_of(bytes[at], bytes[end - 1], end - at),
                space_after: after == b' ',
            });
        }
        from += 8;
    }
}

/// Whether byte `after`, after a run of `len` ASCII letters and digits (a
/// number or not), may join it to more: then the scan reads it with
/// [`word_end`]. One lookup and one branch, seldom taken.
#[inline(always)]
fn joins(after: u8, number: bool, len: usize) -> bool {
    let ask = JOINS_ANY | (u8::from(number) * JOINS_NUMBER) | (u8::from(len == 1) * JOINS_ONE);
    JOINS[usize::from(after)] & ask != 0
}

/// [`JOINS`]: the byte may join any run (an apostrophe or a hyphen, as in
/// "O'Brien" and "6-3", and every byte of a character not in ASCII).
const JOINS_ANY: u8 = 1;
/// [`JOINS`]: the byte may join a number (its separators, as in "1,200.5").
const JOINS_NUMBER: u8 = 2;
/// [`JOINS`]: the byte may join a run of one byte (a dot, as in "U.S.").
const JOINS_ONE: u8 = 4;

/// The bytes that may join a run of ASCII letters and digits to what
/// follows it, and which runs (see [`joins`]).
static JOINS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'\'' | b'-' | 0x80..=0xff => JOINS_ANY,
            b',' | b':' | b'/' => JOINS_NUMBER,
            b'.' => JOINS_NUMBER | JOINS_ONE,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// Whether byte `b` is an ASCII punctuation mark or symbol: a token of
/// its own (no letter, digit or whitespace; control characters but the
/// whitespace ones are symbols too, as [`char::is_whitespace`] says).
#[inline]
fn is_ascii_punct(b: u8) -> bool {
    b < 0x80 && !b.is_ascii_alphanumeric() && !matches!(b, b' ' | b'\t'..=b'\r')
}

/// Scans `text` into tokens, watching for no word.
pub fn tokenize(text: &str) -> Tokens<'_> {
    static NONE: Sketches = Sketches::EMPTY;
    tokenize_watching(text, &NONE)
}

/// Scans `text` into tokens, and lists the words in ASCII lowercase whose
/// sketch is in `watch` ([`Tokens::watched`]): the scan has each word's
/// sketch at hand, so a rule that looks for a few lowercase words finds
/// their candidates without another pass over the field.
pub fn tokenize_watching<'a>(text: &'a str, watch: &'a Sketches) -> Tokens<'a> {
    let mut t = Tokens::empty(text, watch);
    let mut marks = Marks::default();
    let bytes = text.as_bytes();
    let mut line = 0u32;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let first = class::OF[usize::from(b)];
        if first != 0 {
            if let Some(run) = plain_run(bytes, at, first) {
                let sent_start = marks.word(run.kind, run.shape);
                t.push_plain(at, run, line, sent_start);
                // The usual space after a word is skipped here, without a
                // branch (rather than by another turn of the loop).
                at = run.end + usize::from(run.space_after);
                continue;
            }
        } else if b == b' ' {
            at += 1;
            continue;
        }
        if is_ascii_punct(b) {
            // One ASCII punctuation mark: no letters, its own folding.
            t.push_ascii_punct(at, line);
            marks.ascii_punct(&t, t.len() - 1, b);
            at += 1;
            continue;
        }
        let c = char_at(text, at);
        if c == '\n' {
            marks.new_line(&mut t);
            line += 1;
            at += 1;
            continue;
        }
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        let ((end, joined), kind) = if !is_word_char(c) {
            ((at + c.len_utf8(), c == '-' || c == '\''), Kind::Punct)
        } else if c.is_ascii_digit() {
            (word_end(text, at, c), Kind::Number)
        } else {
            (word_end(text, at, c), Kind::Word)
        };
        let shape = Shape::of(&text[at..end], joined);
        if kind == Kind::Punct {
            t.push_shaped(at, end, kind, line, shape, false);
            marks.punct(&t, t.len() - 1);
        } else {
            let sent_start = marks.word(kind, shape);
            t.push_shaped(at, end, kind, line, shape, sent_start);
        }
        at = end;
    }
    marks.new_line(&mut t);
    t
}

/// Whether the dot, token `i`, ends the word just before it (no space
/// between) that is an abbreviation or one uppercase letter (an initial).
/// A word in ASCII is told by its folding in place and its shape.
fn after_abbreviation(t: &Tokens<'_>, i: usize) -> bool {
    let Some(k) = i.checked_sub(1) else {
        return false;
    };
    let prev = t.toks[k];
    if prev.kind != Kind::Word || prev.end != t.toks[i].start {
        return false;
    }
    if prev.shape().ascii() {
        let w = &t.folded.as_bytes()[prev.start()..prev.end()];
        return (w.len() == 1 && prev.shape().first_upper()) || is_abbreviation(w);
    }
    is_capital_letter(t, k) || is_abbreviation(t.lower(k).as_bytes())
}

/// Whether token `i` is one uppercase letter (an initial before its dot).
fn is_capital_letter(t: &Tokens<'_>, i: usize) -> bool {
    let w = t.s(i);
    if t.is_ascii(i) {
        return w.len() == 1 && w.as_bytes()[0].is_ascii_uppercase();
    }
    w.chars().count() == 1 && w.chars().all(char::is_uppercase)
}

/// The sentence starts and the lines in capitals, marked token by token as
/// the scan pushes them.
#[derive(Debug)]
struct Marks {
    /// The next word or number starts a sentence.
    start_next: bool,
    /// The first token of the current line.
    line_first: usize,
    /// Words of two letters or more on the current line in capitals...
    upper: usize,
    /// ... and not in capitals.
    lower: usize,
}

impl Default for Marks {
    fn default() -> Self {
        Marks {
            start_next: true,
            line_first: 0,
            upper: 0,
            lower: 0,
        }
    }
}

impl Marks {
    /// Counts a word or number about to be pushed; returns whether it
    /// starts a sentence.
    #[inline]
    fn word(&mut self, kind: Kind, shape: Shape) -> bool {
        let sent_start = self.start_next;
        self.start_next = false;
        if kind == Kind::Word && shape.two_letters() {
            if shape.all_upper() {
                self.upper += 1;
            } else {
                self.lower += 1;
            }
        }
        sent_start
    }

    /// Marks the ASCII punctuation mark `b`, token `i` just pushed: told
    /// by its byte, and by [`Marks::punct`] only for a dot or a hyphen
    /// (most marks, commas and brackets, end nothing).
    #[inline]
    fn ascii_punct(&mut self, t: &Tokens<'_>, i: usize, b: u8) {
        match b {
            b'!' | b'?' | b':' | b';' => self.start_next = true,
            b'.' => self.dot(t, i),
            b'-' => self.dash(t, i),
            _ => {}
        }
    }

    /// Marks the punctuation token `i` just pushed: whether it ends a sentence.
    fn punct(&mut self, t: &Tokens<'_>, i: usize) {
        let tok = t.toks[i];
        // Told by its bytes: one compare per mark, not one per string.
        match tok.text(t.text).as_bytes() {
            b"!" | b"?" | b":" | b";" => self.start_next = true,
            b"." => self.dot(t, i),
            // "-", "\u{2013}" or "\u{2014}".
            b"-" | b"\xe2\x80\x93" | b"\xe2\x80\x94" => self.dash(t, i),
            _ => {}
        }
    }

    /// Marks the dot, token `i` just pushed: it ends a sentence unless it
    /// ends an abbreviation or an initial.
    fn dot(&mut self, t: &Tokens<'_>, i: usize) {
        if !after_abbreviation(t, i) {
            self.start_next = true;
        }
    }

    /// Marks the dash, token `i` just pushed: a dash after a capitals
    /// heading ("CRICKET - ...") starts anew.
    fn dash(&mut self, t: &Tokens<'_>, i: usize) {
        if i > 0 && t.toks[i - 1].line == t.toks[i].line && t.is_upper(i - 1) {
            self.start_next = true;
        }
    }

    /// Ends the current line (at a line break or the end of the text):
    /// marks its tokens when it is written in capitals, and starts anew
    /// (a line's first word starts a sentence).
    fn new_line(&mut self, t: &mut Tokens<'_>) {
        let (upper, lower) = (self.upper, self.lower);
        let caps = upper >= 1 && upper > 3 * lower && (upper >= 2 || lower == 0);
        if caps {
            for tok in &mut t.toks[self.line_first..] {
                tok.flags |= CAPS_LINE;
            }
            t.has_caps_line |= self.line_first < t.toks.len();
            // Every word of the line may start a name now.
            let before = t.starts.partition_point(|&k| k < self.line_first);
            t.starts.truncate(before);
            let words = (self.line_first..t.toks.len()).filter(|&k| t.toks[k].kind == Kind::Word);
            t.starts.extend(words);
        }
        self.line_first = t.toks.len();
        self.start_next = true;
        self.upper = 0;
        self.lower = 0;
    }
}

impl<'a> Tokens<'a> {
    /// Adds the plain ASCII run at byte `start` (see [`plain_run`]): its
    /// folding is its text's, in place, and it is joined to nothing.
    #[inline(always)]
    fn push_plain(&mut self, start: usize, run: PlainRun, line: u32, sent_start: bool) {
        let sketch = run.sketch;
        let index = self.toks.len();
        let lower = run.shape.first_lower();
        if run.kind == Kind::Number {
            self.numbers.push(index);
        } else if lower {
            self.lower_words.insert_bit(sketch);
            // Few words are watched: a branch seldom taken.
            if self.watch.has_bit(sketch) {
                self.watched.push(index);
            }
        } else {
            // A plain word starts with a letter: capitalised.
            self.starts.push(index);
        }
        self.lower_sketches
            .push(if lower { sketch as u16 } else { NOT_LOWER });
        self.toks.push(Token {
            start: start as u32,
            end: run.end as u32,
            line,
            sketch: sketch as u16,
            kind: run.kind,
            flags: run.shape.0 | (u8::from(sent_start) * SENT_START),
        });
    }

    /// Adds the ASCII punctuation mark at byte `at` (see [`is_ascii_punct`]).
    #[inline]
    fn push_ascii_punct(&mut self, at: usize, line: u32) {
        let b = self.text.as_bytes()[at];
        // No lowercase letter: all in capitals, as [`Shape::of_ascii`] says.
        let mut shape = Shape::ASCII | Shape::ALL_UPPER;
        if b == b'-' || b == b'\'' {
            shape |= Shape::JOINED;
        }
        let sketch = Sketches::bit_of(b, b, 1) as u16;
        self.lower_sketches.push(NOT_LOWER);
        self.toks.push(Token {
            start: at as u32,
            end: at as u32 + 1,
            line,
            sketch,
            kind: Kind::Punct,
            flags: shape,
        });
    }

    /// Adds the token at bytes `start..end` of the given shape, with its folding.
    fn push_shaped(
        &mut self,
        start: usize,
        end: usize,
        kind: Kind,
        line: u32,
        shape: Shape,
        sent_start: bool,
    ) {
        // ASCII folds to its lowercase, already in place.
        let sketch = if shape.ascii() {
            let b = self.text.as_bytes();
            Sketches::bit_of(b[start], b[end - 1], end - start)
        } else {
            let from = self.folded.len();
            crate::normalize::fold_onto(&self.text[start..end], &mut self.folded);
            let to = self.folded.len();
            self.foldings
                .push((self.toks.len() as u32, offset32(from), offset32(to)));
            Sketches::bit_of_word(&self.folded.as_bytes()[from..to])
        };
        if kind == Kind::Word && (shape.first_upper() || shape.joined()) {
            self.starts.push(self.toks.len());
        } else if kind == Kind::Number {
            self.numbers.push(self.toks.len());
        }
        let lower = kind == Kind::Word && shape.first_lower();
        if lower {
            self.lower_words.insert_bit(sketch);
        }
        if lower && shape.ascii() && self.watch.has_bit(sketch) {
            self.watched.push(self.toks.len());
        }
        // 12 bits.
        let sketch = sketch as u16;
        self.lower_sketches
            .push(if lower { sketch } else { NOT_LOWER });
        self.toks.push(Token {
            start: start as u32,
            end: end as u32,
            line,
            sketch,
            kind,
            flags: shape.0 | if sent_start { SENT_START } else { 0 },
        });
    }

    /// Number of tokens.
    #[inline]
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The text of token `i`.
    #[inline]
    pub fn s(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    /// The folding of token `i` (lowercase, no diacritics): the same as
    /// [`crate::normalize::fold`] of its text.
    #[inline]
    pub fn f(&self, i: usize) -> &str {
        let t = &self.toks[i];
        if t.shape().ascii() {
            // ASCII folds to its lowercase, in place.
            return &self.folded[t.start()..t.end()];
        }
        self.f_not_ascii(i)
    }

    /// The folding of token `i`, not in ASCII (see [`Tokens::f`]).
    #[inline(never)]
    fn f_not_ascii(&self, i: usize) -> &str {
        let k = self
            .foldings
            .partition_point(|&(token, _, _)| (token as usize) < i);
        let (_, from, to) = self.foldings[k];
        &self.folded[from as usize..to as usize]
    }

    /// The text of token `i` in lowercase, as [`str::to_lowercase`] writes it.
    #[inline]
    pub fn lower(&self, i: usize) -> Cow<'_, str> {
        if self.toks[i].shape().ascii() {
            // ASCII folds to its lowercase.
            Cow::Borrowed(self.f(i))
        } else {
            self.lower_not_ascii(i)
        }
    }

    /// The text of token `i`, not in ASCII, in lowercase (see [`Tokens::lower`]).
    #[inline(never)]
    fn lower_not_ascii(&self, i: usize) -> Cow<'_, str> {
        Cow::Owned(self.s(i).to_lowercase())
    }

    /// The indices, in order, of the tokens a name can start at: every
    /// word that is capitalised, joined ("al-Assad", "d'Alema") or on a
    /// line in capitals (a superset of those); the other tokens (most of
    /// them: lowercase words, numbers, punctuation) start none.
    #[inline]
    pub fn name_starts(&self) -> &[usize] {
        &self.starts
    }

    /// The indices, in order, of the numbers.
    #[inline]
    pub fn numbers(&self) -> &[usize] {
        &self.numbers
    }

    /// Whether some word in lowercase has the folding of token `k`, a
    /// word not in lowercase ("Show" ... "the show"). The sketches of the
    /// lowercase words are tested a block at a time; the words of a block
    /// with the same sketch are compared.
    pub fn lowercase_elsewhere(&self, k: usize) -> bool {
        let q = self.toks[k].sketch;
        if !self.lower_words.has_bit(usize::from(q)) {
            return false;
        }
        let w = self.f(k);
        for (b, block) in self.lower_sketches.chunks(SCAN_BLOCK).enumerate() {
            // Branch-free over the block, so that it is tested in a few
            // vector instructions.
            if !block.iter().fold(false, |any, &s| any | (s == q)) {
                continue;
            }
            let base = b * SCAN_BLOCK;
            let same = |(j, &s): (usize, &u16)| s == q && self.f(base + j) == w;
            if block.iter().enumerate().any(same) {
                return true;
            }
        }
        false
    }

    /// The indices, in order, of the words in ASCII lowercase whose sketch
    /// is in the sketches the field was scanned watching for (see
    /// [`tokenize_watching`]): a superset of the watched words in lowercase.
    #[inline]
    pub fn watched(&self) -> &[usize] {
        &self.watched
    }

    /// Whether token `i` is written in ASCII only.
    #[inline]
    pub fn is_ascii(&self, i: usize) -> bool {
        self.toks[i].shape().ascii()
    }

    /// The number of characters of token `i`.
    #[inline]
    pub fn chars(&self, i: usize) -> usize {
        if self.toks[i].shape().ascii() {
            self.toks[i].end() - self.toks[i].start()
        } else {
            self.s(i).chars().count()
        }
    }

    /// Whether token `i` is a word starting with an uppercase letter.
    #[inline]
    pub fn is_cap(&self, i: usize) -> bool {
        self.toks[i].kind == Kind::Word && self.toks[i].shape().first_upper()
    }

    /// Whether token `i` is a word whose letters are all uppercase.
    #[inline]
    pub fn is_upper(&self, i: usize) -> bool {
        self.toks[i].kind == Kind::Word && self.toks[i].shape().all_upper()
    }

    /// Whether token `i` is a word in lowercase.
    #[inline]
    pub fn is_lower(&self, i: usize) -> bool {
        self.toks[i].kind == Kind::Word && self.toks[i].shape().first_lower()
    }

    /// Whether token `i` is the punctuation `p`.
    #[inline]
    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        // Compared as bytes: no character boundary to check (`p` is one
        // ASCII mark, most times, and the compare a byte's).
        self.toks.get(i).is_some_and(|t| {
            t.kind == Kind::Punct
                && self.text.as_bytes().get(t.start()..t.end()) == Some(p.as_bytes())
        })
    }

    /// Whether tokens `i` and `i + 1` touch (no space between).
    #[inline]
    pub fn touches_next(&self, i: usize) -> bool {
        self.toks
            .get(i + 1)
            .is_some_and(|n| n.start == self.toks[i].end)
    }

    /// Whether token `i` is an initial: one capital letter followed directly by a dot ("P.").
    #[inline]
    pub fn is_initial(&self, i: usize) -> bool {
        let s = self.s(i);
        let mut ch = s.chars();
        let one = ch.next().is_some_and(char::is_uppercase) && ch.next().is_none();
        one && self.is_punct(i + 1, ".") && self.touches_next(i)
    }

    /// Whether token `i` is on the same line as token `j`.
    #[inline]
    pub fn same_line(&self, i: usize, j: usize) -> bool {
        self.toks[i].line == self.toks[j].line
    }

    /// Index of the token starting at byte `at`, if any.
    pub fn starting_at(&self, at: usize) -> Option<usize> {
        self.toks.binary_search_by_key(&at, Token::start).ok()
    }

    /// Index of the token ending at byte `at`, if any.
    pub fn ending_at(&self, at: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.end() < at);
        (i < self.toks.len() && self.toks[i].end() == at).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let t = tokenize(text);
        (0..t.len()).map(|i| t.s(i)).collect()
    }

    macro_rules! toks {
        ($name:ident, $text:expr, [$($w:expr),*]) => {
            #[test]
            fn $name() {
                assert_eq!(words($text), vec![$($w),*]);
            }
        };
    }

    toks!(
        possessive_splits,
        "Baku's mayor",
        ["Baku", "'", "s", "mayor"]
    );
    toks!(apostrophe_name_joins, "Tim O'Gorman", ["Tim", "O'Gorman"]);
    toks!(dotted_abbreviation, "the U.S. and", ["the", "U.S.", "and"]);
    toks!(initial_keeps_dot_apart, "P. Simmons", ["P", ".", "Simmons"]);
    toks!(
        hyphen_joins,
        "Aghdam-Khankendi road",
        ["Aghdam-Khankendi", "road"]
    );
    toks!(
        numbers,
        "won 6-3 on 1996-08-30, 1,200.5",
        ["won", "6-3", "on", "1996-08-30", ",", "1,200.5"]
    );
    toks!(
        unicode_words,
        "Bakı’s “Şuşa”",
        ["Bakı", "’", "s", "“", "Şuşa", "”"]
    );

    #[test]
    fn a_token_is_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Token>(), 16);
    }

    #[test]
    fn class_bits_are_shape_bits() {
        assert_eq!(class::UPPER, Shape::FIRST_UPPER);
        assert_eq!(class::LOWER, Shape::FIRST_LOWER);
    }

    /// Every ASCII character but letters and digits, alone between two
    /// words: the short path for punctuation and the general one agree.
    #[test]
    fn ascii_punctuation_takes_the_general_shape() {
        for b in 0u8..0x80 {
            if !is_ascii_punct(b) {
                continue;
            }
            let c = char::from(b);
            assert!(!c.is_whitespace() && !is_word_char(c), "{b:#x}");
            let text = format!("A {c} b");
            let t = tokenize(&text);
            let tok = t.toks[1];
            assert_eq!((tok.kind, tok.text(&text)), (Kind::Punct, &text[2..3]));
            assert_eq!(tok.shape(), Shape::of(&text[2..3], b == b'-' || b == b'\''));
            assert_eq!(usize::from(tok.sketch), Sketches::bit_of_word(&[b]));
            assert_eq!(t.f(1), &text[2..3]);
        }
    }

    /// A thread's buffers serve field after field: a field tokenized after
    /// a longer one (whose buffers it reuses) is as if tokenized alone.
    #[test]
    fn reused_buffers_keep_nothing_of_the_last_field() {
        // Every list and mark (tokens, foldings, name starts, numbers,
        // sketches, caps lines) is in the Debug form.
        let short = "Şuşa, Bakı: THE END";
        let long = "A much longer field, with Müller and Şuşa 42.\nLONDON 1996\n";
        let alone = format!("{:?}", tokenize(short));
        drop(tokenize(long));
        let after = tokenize(short);
        assert_eq!(alone, format!("{after:?}"));
        assert_eq!(after.f(0), "susa");
        // A field tokenized while another is alive on the same thread.
        let outer = tokenize(long);
        let nested = format!("{:?}", tokenize(short));
        drop(outer);
        assert_eq!(alone, nested);
        assert_eq!(alone, format!("{:?}", tokenize(short)));
    }

    /// [`plain_run`] read byte by byte from the definitions: the run, the
    /// bytes that may join it to more, its shape and its sketch.
    fn plain_run_bytewise(bytes: &[u8], at: usize) -> Option<PlainRun> {
        let run = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let end = at + run;
        let number = bytes[at].is_ascii_digit();
        let after = bytes.get(end).copied();
        let joins = match after {
            Some(b'\'' | b'-' | 0x80..=0xff) => true,
            Some(b',' | b':' | b'/') => number,
            Some(b'.') => number || run == 1,
            _ => false,
        };
        if joins {
            return None;
        }
        let word = &bytes[at..end];
        Some(PlainRun {
            end,
            kind: if number { Kind::Number } else { Kind::Word },
            shape: Shape::of(std::str::from_utf8(word).unwrap(), false),
            sketch: Sketches::bit_of_word(word),
            space_after: after == Some(b' '),
        })
    }

    /// Every byte value at every place of runs of letters (either case)
    /// and digits, read from several starts: runs of one to eight bytes
    /// (read from eight bytes at once), longer ones, and runs at the end
    /// of the text, agree with the bytewise reading.
    #[test]
    fn plain_run_agrees_with_a_bytewise_reading() {
        let bases: [&[u8]; 5] = [
            b"abcdefghijklmnopqrs",
            b"ABCDEFGHIJKLMNOPQRS",
            b"0123456789012345678",
            b"A1b2C3d4E5f6G7h8I9j",
            b"1a2b3c4d5e6f7g8h9i0",
        ];
        let mut read = 0;
        for base in bases {
            for at in 0..base.len() {
                for b in 0..=255u8 {
                    let mut bytes = base.to_vec();
                    bytes[at] = b;
                    for from in [0, 1, 3, 8, 9, 11, base.len() - 1] {
                        let first = class::OF[usize::from(bytes[from])];
                        if first == 0 {
                            continue;
                        }
                        let got = plain_run(&bytes, from, first);
                        read += usize::from(got.is_some());
                        assert_eq!(
                            got,
                            plain_run_bytewise(&bytes, from),
                            "{bytes:?} from {from}"
                        );
                    }
                }
            }
        }
        assert!(read > 100_000, "{read}");
    }

    /// Wherever the short path reads a run, the general scanner ends the
    /// word at the same byte: after every ASCII character, and a few others,
    /// behind words, numbers and single letters.
    #[test]
    fn plain_runs_end_where_the_general_scan_does() {
        let ascii = (0u8..0x80)
            .map(char::from)
            .filter(|c| !c.is_ascii_alphanumeric());
        let others = ['é', '’', '\u{2013}', '\u{a0}'];
        let mut short = 0;
        for c in ascii.chain(others) {
            for prefix in ["ab", "a", "A", "12", "1", "AB9", "abcdefghijk"] {
                for after in ["cd", "1", "", " x", "s "] {
                    let text = format!("{prefix}{c}{after}");
                    let first = text.chars().next().unwrap();
                    let bytes = text.as_bytes();
                    if let Some(run) = plain_run(bytes, 0, class::OF[usize::from(bytes[0])]) {
                        short += 1;
                        assert_eq!(word_end(&text, 0, first), (run.end, false), "{text:?}");
                    }
                }
            }
        }
        assert!(short > 500, "{short}");
    }

    /// The shapes the short path reads are those [`Shape::of`] reads.
    #[test]
    fn plain_runs_take_the_general_shape() {
        let text = "said Anar EYVAZOV of OAO 3M 1996 x Q q 4x4 abcdefghijklmnop \
                    ABCDEFGHIJKLMNOPQ AbCdEfGhIjKlMnOpQr 12345678901234567 z9";
        let t = tokenize(text);
        assert!(t.len() >= 15);
        for k in 0..t.len() {
            let tok = t.toks[k];
            let s = tok.text(text);
            assert_eq!(tok.shape(), Shape::of(s, false), "{s}");
            let kind = if s.as_bytes()[0].is_ascii_digit() {
                Kind::Number
            } else {
                Kind::Word
            };
            assert_eq!(tok.kind, kind, "{s}");
        }
    }

    /// The scan lists exactly the lowercase words in ASCII whose sketch is
    /// watched, in order (joined words too; not the capitalised ones, nor
    /// words not in ASCII), and none when it watches for nothing.
    #[test]
    fn lowercase_words_are_watched_by_their_sketches() {
        let text = "the match , The Match MATCH matches goal 12 goals half-time \
                    Half-time ma\u{301}tch the end "
            .repeat(9);
        let mut set = Sketches::default();
        set.insert("match");
        set.insert("goals");
        set.insert("half-time");
        let t = tokenize_watching(&text, &set);
        let want: Vec<usize> = (0..t.len())
            .filter(|&k| {
                t.is_lower(k) && t.is_ascii(k) && set.has_bit(usize::from(t.toks[k].sketch))
            })
            .collect();
        assert!(want.len() >= 27 && want.len() < t.len() / 2, "{want:?}");
        assert!(want.iter().any(|&k| t.s(k) == "half-time"));
        assert_eq!(t.watched(), want);
        assert!(tokenize(&text).watched().is_empty());
    }

    /// A word not in lowercase is found written in lowercase elsewhere by
    /// its folding: in a later block of the scan too, in ASCII or not, and
    /// not for another word of the same sketch ("Shah" / "sigh").
    #[test]
    fn lowercase_elsewhere_by_folding() {
        let filler = "x ".repeat(40);
        let text = format!("Show Shah Şuşa Smith 12 {filler} the show , a sigh in şuşa");
        let t = tokenize(&text);
        let at = |w: &str| (0..t.len()).find(|&k| t.s(k) == w).expect(w);
        assert_eq!(t.toks[at("Shah")].sketch, t.toks[at("sigh")].sketch);
        assert!(t.lowercase_elsewhere(at("Show")));
        assert!(t.lowercase_elsewhere(at("Şuşa")));
        assert!(!t.lowercase_elsewhere(at("Shah")));
        assert!(!t.lowercase_elsewhere(at("Smith")));
        assert!(!t.lowercase_elsewhere(at("12")));
        assert!(!t.lowercase_elsewhere(at(",")));
    }

    #[test]
    fn abbreviations_fit_their_length_test() {
        assert!(ABBREVIATIONS.iter().all(|a| a.len() <= 4));
    }

    /// The keys tell the abbreviations from every other word of at most
    /// four bytes: their prefixes, their extensions, words of other
    /// bytes (a NUL among them) and random short words.
    #[test]
    fn abbreviation_keys_tell_the_list() {
        let mut words: Vec<String> = Vec::new();
        for a in ABBREVIATIONS {
            words.push(a.to_string());
            for k in 0..a.len() {
                words.push(a[..k].to_string());
            }
            for c in ["s", "\0", ".", "x"] {
                words.push(format!("{a}{c}"));
                words.push(format!("{c}{a}"));
            }
        }
        let mut rng = crate::test_rng::XorShift(0x1234_5678_9abc_def1);
        for _ in 0..20_000 {
            let len = rng.below(5);
            words.push(
                (0..len)
                    .map(|_| char::from(b"acdgjlmnoprstv\0"[rng.below(15)]))
                    .collect(),
            );
        }
        let mut found = 0;
        for w in &words {
            let want = ABBREVIATIONS.contains(&w.as_str());
            found += usize::from(want);
            assert_eq!(is_abbreviation(w.as_bytes()), want, "{w:?}");
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn sentence_starts_and_initials() {
        let t = tokenize("He met P. Simmons. Then Mr. Lee left.\nBut");
        let starts: Vec<&str> = (0..t.len())
            .filter(|&i| t.toks[i].sent_start())
            .map(|i| t.s(i))
            .collect();
        assert_eq!(starts, ["He", "Then", "But"]);
        assert!(t.is_initial(2));
    }

    #[test]
    fn caps_lines() {
        let t =
            tokenize("SOCCER - JAPAN GET LUCKY WIN .\nLONDON 1996-08-30\nThe U.S. and NATO met .");
        let caps: Vec<bool> = t.toks.iter().map(|t| t.caps_line()).collect();
        let n0 = 7;
        assert!(caps[..n0].iter().all(|&c| c));
        assert!(caps[n0] && caps[n0 + 1]);
        assert!(caps[n0 + 2..].iter().all(|&c| !c));
    }

    #[test]
    fn offsets_map_back() {
        let text = "Şuşa, Bakı.";
        let t = tokenize(text);
        assert_eq!(t.toks[0].text(text), "Şuşa");
        assert_eq!(t.ending_at(t.toks[2].end()), Some(2));
        assert_eq!(t.starting_at(t.toks[2].start()), Some(2));
    }
}

//! The attribution tokenizer: words, punctuation, double quote marks and
//! paragraph breaks, each with its byte span in the original text, plus the
//! sentence boundaries the other attribution modules scope their searches to.
//!
//! One linear pass; whitespace is skipped (a line break becomes a
//! [`Kind::Para`] token, since news paragraphs are lines). Words keep their
//! inner apostrophes, hyphens and dots ("Clinton’s", "Mark-Viverito",
//! "U.S"), so a word's last character is always alphanumeric.
//!
//! The same pass looks up what the later stages ask of every word (its
//! capitalisation and cue class, see [`WordFacts`]) and notes the few tokens
//! the sentence splitter and the quote-mark pairing act on
//! ([`Tokenized::stops`]), so neither walks over every token again.

use super::cues::{self, Cue};
use crate::{normalize::ASCII_ALNUM, swar};
use std::cell::OnceCell;

/// The direction a double quote mark shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Opens a quote: `“`, `„`, `«`, two backticks.
    Open,
    /// Closes a quote: `”`, `»`.
    Close,
    /// Either: the straight `"` and the typewriter `''` (two apostrophes).
    Either,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters and digits, with inner apostrophes, hyphens and dots.
    Word,
    /// Any other visible character (single quotes included).
    Punct(char),
    /// A double quote mark.
    Quote(Mark),
    /// One or more line breaks: a paragraph boundary.
    Para,
}

/// One token: its kind and byte span, and what was looked up for it as a
/// word.
///
/// Its offsets are 32-bit (an article is shorter than 4 GiB, which
/// [`tokenize_into`] asserts), so that a token takes 20 bytes rather than
/// 32: fewer cache lines written by the tokenizer and read by every later
/// stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte (see [`Token::start`]).
    from: u32,
    /// Byte offset one past the last byte (see [`Token::end`]).
    to: u32,
    /// What it is.
    pub kind: Kind,
    /// Capitalisation and cue class of a word (the default for non-words),
    /// kept with the token so that reading a word is one push.
    pub facts: WordFacts,
}

impl Token {
    /// A token of `kind` over the bytes `start..end` (below 4 GiB).
    #[inline(always)]
    fn new(start: usize, end: usize, kind: Kind, facts: WordFacts) -> Token {
        Token {
            from: start as u32,
            to: end as u32,
            kind,
            facts,
        }
    }

    /// Byte offset of the first byte.
    #[inline(always)]
    pub fn start(&self) -> usize {
        self.from as usize
    }

    /// Byte offset one past the last byte.
    #[inline(always)]
    pub fn end(&self) -> usize {
        self.to as usize
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '‐' | '‑' | '&')
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// True for hard-wrapped text (wire copy with a line break every 60-80
/// characters), where a single line break is only a space and paragraphs
/// are blank lines or indented lines.
pub fn is_hard_wrapped(text: &str) -> bool {
    // At most this many lines: the test fails as soon as more than a tenth
    // of them are long, which in most news (a paragraph a line) is after
    // the first few lines.
    let most_lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    if most_lines < 4 {
        return false;
    }
    let (mut lines, mut wrapped, mut long) = (0usize, 0usize, 0usize);
    let mut from = 0;
    while from < text.len() && long * 10 <= most_lines {
        // The lines of `str::lines` (its `\r` before `\n` goes with the trim).
        let to = memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |k| from + k);
        let n = text[from..to].trim_end().len();
        from = to + 1;
        if n == 0 {
            continue;
        }
        lines += 1;
        if (30..=90).contains(&n) {
            wrapped += 1;
        } else if n > 90 {
            long += 1;
        }
    }
    lines >= 4 && wrapped * 10 >= lines * 6 && long * 10 <= lines
}

/// A text's tokens, what is looked up once per word, and the tokens where
/// its sentence and quote structure can change.
#[derive(Debug, Clone, Default)]
pub struct Tokenized {
    /// The tokens, in text order, each with its [`WordFacts`].
    pub toks: Vec<Token>,
    /// Indices (in order) of the paragraph breaks, double quote marks and
    /// sentence-ending punctuation (`.`, `?`, `!`, `…`): the only tokens
    /// [`sentences`] and the quote-mark pairing act on.
    pub stops: Vec<usize>,
    /// Indices (in order) of the words reported speech may start at: finite
    /// cue forms, whatever their capitalisation, and "according".
    pub reported_starts: Vec<usize>,
    /// Indices (in order) of the capitalised words: the only tokens a run
    /// of name words can start at (see `names::NameIndex`).
    pub caps: Vec<usize>,
}

/// What is looked up once per word, as it is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordFacts {
    /// True for a capitalised word.
    pub cap: bool,
    /// The cue class of the lowercased word, capitalisation aside (`None`
    /// for other words and for non-words).
    pub cue: Option<Cue>,
}

impl Tokenized {
    /// Empties every list, keeping their memory.
    pub fn clear(&mut self) {
        self.toks.clear();
        self.stops.clear();
        self.reported_starts.clear();
        self.caps.clear();
    }

    /// Appends a token that is not a word, noting it in `stops` when it is
    /// one.
    #[inline(always)]
    fn push(&mut self, start: usize, end: usize, kind: Kind) {
        if is_stop(kind) {
            self.stops.push(self.toks.len());
        }
        self.toks
            .push(Token::new(start, end, kind, WordFacts::default()));
    }

    /// Appends the word `start..end` with its facts; `lower` is the text
    /// ASCII-lowercased.
    #[inline(always)]
    fn push_word(&mut self, start: usize, end: usize, cap: bool, lower: &[u8]) {
        let word = &lower[start..end];
        let cue = cues::cue_in(lower, start, end);
        self.push_word_with(start, end, cap, cue, word == b"according");
    }

    /// Appends the ASCII word `start..end`, shorter than eight bytes, whose
    /// lowercased bytes `head` holds (see [`AsciiWord::Short`]).
    #[inline(always)]
    fn push_short_word(&mut self, start: usize, end: usize, cap: bool, head: u64, lower: &[u8]) {
        // "according" is longer: only a cue starts reported speech here.
        let cue = cues::cue_of_head(head, lower, start, end);
        self.push_word_with(start, end, cap, cue, false);
    }

    /// Appends the ASCII word `start..end`, eight bytes or longer, whose
    /// first eight bytes lowercased `head` holds (see [`AsciiWord::Long`]).
    #[inline(always)]
    fn push_long_word(&mut self, start: usize, end: usize, cap: bool, head: u64, lower: &[u8]) {
        let cue = cues::cue_of_head(head, lower, start, end);
        // The head first: it turns away nearly every word, where the
        // length would go either way.
        let according = head == ACCORDIN && end - start == 9 && lower[start + 8] == b'g';
        self.push_word_with(start, end, cap, cue, according);
    }

    /// Appends the word `start..end` whose cue class is `cue`; `according`
    /// tells whether it is the word "according".
    #[inline(always)]
    fn push_word_with(
        &mut self,
        start: usize,
        end: usize,
        cap: bool,
        cue: Option<Cue>,
        according: bool,
    ) {
        if cue == Some(Cue::Finite) || according {
            self.reported_starts.push(self.toks.len());
        }
        if cap {
            self.caps.push(self.toks.len());
        }
        self.toks
            .push(Token::new(start, end, Kind::Word, WordFacts { cap, cue }));
    }
}

/// The first eight bytes of "according", as [`AsciiWord::Long`] holds them.
const ACCORDIN: u64 = u64::from_le_bytes(*b"accordin");

/// True for the tokens listed in [`Tokenized::stops`].
#[inline(always)]
fn is_stop(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Para | Kind::Quote(_) | Kind::Punct('.' | '?' | '!' | '…')
    )
}

/// Splits `text` into tokens (see [`tokenize_marked`]).
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_marked(text, &text.to_ascii_lowercase()).toks
}

/// Splits `text` into tokens, noting the [`Tokenized::stops`] and the
/// facts of each word. `lower` is `text` ASCII-lowercased.
///
/// Works on bytes with fast paths for ASCII letters, digits and spaces
/// (most of English news); any other character is decoded and classified
/// as a `char`.
pub fn tokenize_marked(text: &str, lower: &str) -> Tokenized {
    let mut out = Tokenized::default();
    tokenize_into(text, lower, &mut out);
    out
}

/// [`tokenize_marked`] into `out`, whose lists are cleared first and whose
/// memory is reused (one article after another on a thread).
pub fn tokenize_into(text: &str, lower: &str, out: &mut Tokenized) {
    // Asked only at a single line break (most texts with paragraphs of
    // blank-line-separated lines never ask): it reads every line.
    let wrapped = OnceCell::new();
    let bytes = text.as_bytes();
    // As long as the text (so its bounds checks are the text's).
    let lower = &lower.as_bytes()[..bytes.len()];
    assert!(
        u32::try_from(text.len()).is_ok(),
        "an article is shorter than 4 GiB"
    );
    out.clear();
    out.toks.reserve(text.len() / 5);
    out.stops.reserve(text.len() / 64);
    out.caps.reserve(text.len() / 32);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b' ' {
            i += 1;
            continue;
        }
        if ASCII_ALNUM[usize::from(b)] {
            let cap = b.is_ascii_uppercase();
            let end = match ascii_word(lower, i) {
                AsciiWord::Short(end, head) => {
                    out.push_short_word(i, end, cap, head, lower);
                    end
                }
                AsciiWord::Long(head) => {
                    let end = word_end(text, i, i + 8);
                    out.push_long_word(i, end, cap, head, lower);
                    end
                }
                AsciiWord::Other(letters_end) => {
                    let end = word_end(text, i, letters_end);
                    out.push_word(i, end, cap, lower);
                    end
                }
            };
            i = after_space(bytes, end);
            continue;
        }
        if PLAIN_PUNCT[usize::from(b)] {
            // Plain ASCII punctuation: never a quote mark.
            out.push(i, i + 1, Kind::Punct(char::from(b)));
            i = after_space(bytes, i + 1);
            continue;
        }
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            char_at(text, i)
        };
        if is_break(c) {
            i = paragraph_break(text, i, c, &wrapped, out);
            continue;
        }
        if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
            i += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            let end = word_end(text, i, i + c.len_utf8());
            // `is_capitalised` of the word: its first character decides.
            let cap = if c.is_ascii() {
                c.is_ascii_uppercase()
            } else {
                c.is_uppercase()
            };
            out.push_word(i, end, cap, lower);
            i = after_space(bytes, end);
            continue;
        }
        let (kind, end) = mark_or_punct(text, i, c);
        out.push(i, end, kind);
        i = end;
    }
}

/// `at`, or one past it when it holds the usual single space after a token
/// (skipped here rather than by another turn of the tokenizer's loop).
#[inline(always)]
fn after_space(bytes: &[u8], at: usize) -> usize {
    at + usize::from(bytes.get(at) == Some(&b' '))
}

/// The character starting at byte `i` (a char boundary inside `text`).
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().expect("a char at a boundary")
}

/// What the eight bytes at the start of an ASCII word tell of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AsciiWord {
    /// Shorter than eight bytes and ending at a byte of [`ENDS_WORD`]: its
    /// end and its bytes lowercased (first byte lowest, the rest zero).
    Short(usize, u64),
    /// Its first eight bytes are all ASCII letters and digits: them
    /// lowercased (the word goes on from eight bytes after its start).
    Long(u64),
    /// Neither: where its ASCII letters and digits may go on from (an end
    /// after its first character, for [`word_end`]).
    Other(usize),
}

/// The ASCII word at `start` (an ASCII letter or digit) read as one
/// eight-byte number (see [`AsciiWord`]) from `lower`, the text
/// ASCII-lowercased.
///
/// The word's end and its lowercased bytes come from the one load, so the
/// cue filter ([`cues::cue_of_head`]) reads no text of its own.
#[inline(always)]
fn ascii_word(lower: &[u8], start: usize) -> AsciiWord {
    let Some(eight) = swar::eight_at(lower, start) else {
        return AsciiWord::Other(start + 1);
    };
    let stop = swar::non_alnum_lowered(eight);
    if stop == 0 {
        return AsciiWord::Long(eight);
    }
    let stop_bits = stop.trailing_zeros();
    let end = start + (stop_bits / 8) as usize;
    // The byte at `end`, taken from the eight rather than the text
    // (lowercasing changes no byte that can end a word).
    let after = (eight >> (stop_bits & !7)) as u8;
    if !ENDS_WORD[usize::from(after)] {
        return AsciiWord::Other(end);
    }
    // The bytes below the first stop: the word's.
    let kept = ((stop & stop.wrapping_neg()) >> 7).wrapping_sub(1);
    AsciiWord::Short(end, eight & kept)
}

/// The end of the word starting at byte `start` whose first character ends
/// at `end`: letters, digits, combining marks and joined joiners.
#[inline(always)]
fn word_end(text: &str, start: usize, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        end = swar::alnum_end(bytes, end);
        let Some(&b) = bytes.get(end) else {
            return end;
        };
        if ENDS_WORD[usize::from(b)] {
            // ASCII, neither alphanumeric nor a joiner: the word ends.
            return end;
        }
        let d = char_at(text, end);
        let inner = d.is_alphanumeric()
            || matches!(d, '\u{300}'..='\u{36f}')
            || is_joiner(d) && joins(text, start, end, d);
        if !inner {
            return end;
        }
        end += d.len_utf8();
    }
}

/// True for the bytes that end a word wherever they follow its letters:
/// ASCII and not a joiner (`'`, `-`, `.`, `&`); [`word_end`] asks only
/// after the letters and digits.
/// One lookup (and one well-predicted branch) rather than a chain of
/// comparisons after every word.
static ENDS_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = !matches!(c, b'\'' | b'-' | b'.' | b'&');
        b += 1;
    }
    table
};

/// True for the ASCII punctuation marks and symbols that are a token of
/// their own: all but the quote marks `"`, `'` and `` ` `` (two of which
/// may make one mark). One lookup where the tokenizer asks after every
/// token that is not a word.
static PLAIN_PUNCT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_punctuation() && !matches!(c, b'"' | b'\'' | b'`');
        b += 1;
    }
    table
};

/// Handles the line break `c` at byte `i` and the whitespace after it:
/// pushes a [`Kind::Para`] token unless it is a line wrap of hard-wrapped
/// text or the previous token is already one. Returns where to go on.
/// `wrapped` holds [`is_hard_wrapped`] of `text` once it has been asked.
fn paragraph_break(
    text: &str,
    i: usize,
    c: char,
    wrapped: &OnceCell<bool>,
    out: &mut Tokenized,
) -> usize {
    let mut end = i + c.len_utf8();
    let mut breaks = 1;
    let mut indented = false;
    while end < text.len() {
        let j = end;
        let d = char_at(text, j);
        if !(d.is_whitespace() || is_break(d)) {
            break;
        }
        if is_break(d) && !(c == '\r' && d == '\n' && j == i + 1) {
            breaks += 1;
        } else if !is_break(d) {
            indented = true;
        }
        end = j + d.len_utf8();
    }
    if breaks == 1 && !indented && *wrapped.get_or_init(|| is_hard_wrapped(text)) {
        // A line wrap inside a paragraph.
        return end;
    }
    if !matches!(
        out.toks.last(),
        Some(Token {
            kind: Kind::Para,
            ..
        })
    ) {
        out.push(i, end, Kind::Para);
    }
    end
}

/// The kind and end of the token for the visible non-word character `c` at
/// byte `i`: a double quote mark (two apostrophes or backticks make one) or
/// punctuation.
fn mark_or_punct(text: &str, i: usize, c: char) -> (Kind, usize) {
    let end = i + c.len_utf8();
    let kind = match c {
        // A straight mark between two letters is a typo for an apostrophe ("Iran"s").
        '"' if text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
            && text[end..].chars().next().is_some_and(char::is_alphabetic) =>
        {
            Kind::Punct('\'')
        }
        '"' | '＂' => Kind::Quote(Mark::Either),
        '“' | '„' | '«' | '‟' => Kind::Quote(Mark::Open),
        '”' | '»' => Kind::Quote(Mark::Close),
        '\'' if text[end..].starts_with('\'') => return (Kind::Quote(Mark::Either), end + 1),
        '`' if text[end..].starts_with('`') => return (Kind::Quote(Mark::Open), end + 1),
        _ => Kind::Punct(c),
    };
    (kind, end)
}

/// True when the joiner `d` at byte `j` sits between a word character and an
/// alphanumeric one (the word character before is already consumed). `''`
/// never joins: it is a quote mark.
/// A dot joins only initials ("U.S"), numbers ("3.5") and lowercase
/// continuations ("twitter.com"), so "said.Trump" stays two words.
fn joins(text: &str, word_start: usize, j: usize, d: char) -> bool {
    let after = &text[j + d.len_utf8()..];
    if d == '\'' && after.starts_with('\'') {
        return false;
    }
    let Some(next) = after.chars().next().filter(|c| c.is_alphanumeric()) else {
        return false;
    };
    if d == '.' {
        let segment = text[word_start..j].rsplit('.').next().unwrap_or("");
        return next.is_lowercase() || next.is_ascii_digit() || segment.chars().count() == 1;
    }
    true
}

/// True when a word is capitalised (its first letter is uppercase).
pub fn is_capitalised(word: &str) -> bool {
    match word.as_bytes().first() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Words after whose final dot a sentence does not end.
const ABBREVIATIONS: &[&str] = &[
    "adm", "apr", "aug", "capt", "cmdr", "co", "col", "corp", "dec", "dept", "dr", "feb", "gen",
    "gov", "hon", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "messrs", "mr",
    "mrs", "ms", "mt", "nov", "oct", "pres", "prof", "rep", "reps", "rev", "sen", "sens", "sep",
    "sept", "sgt", "sr", "st", "supt", "vs",
];

/// Byte lengths of the shortest and longest of [`ABBREVIATIONS`].
const ABBREVIATION_LENGTHS: std::ops::RangeInclusive<usize> = 2..=6;

/// Sentence ids, one per token: tokens of one sentence share an id; a
/// paragraph break always starts a new sentence. A `.`, `?` or `!` ends a
/// sentence when the next token (after any closing quote marks and
/// brackets) starts a paragraph, a capitalised word, a number or a quote;
/// a dot after an abbreviation, an initial or a dotted word ("U.S") does not.
/// `text` is the original text, `lower` its ASCII-lowercased copy.
///
/// Only the [`Tokenized::stops`] can change the id: only they are read,
/// and the ids rise at them (or at the token after them).
pub fn sentences(tokenized: &Tokenized, text: &str, lower: &str) -> Vec<u32> {
    let mut ids = Vec::new();
    sentences_into(tokenized, text, lower, &mut ids);
    ids
}

/// [`sentences`] into `ids`, which is cleared first and whose memory is
/// reused.
///
/// Each id is first written as how much the id rises at that token (a
/// paragraph break rises by one, and the token after it by one more; the
/// token after a sentence's end by one), then one running sum over all the
/// tokens turns the rises into ids: no fill of a varying length per
/// sentence, whose loop ends mispredict.
pub fn sentences_into(tokenized: &Tokenized, text: &str, lower: &str, ids: &mut Vec<u32>) {
    let tokens = &tokenized.toks[..];
    ids.clear();
    ids.resize(tokens.len(), 0);
    let mut i = 0;
    for &stop in &tokenized.stops {
        if stop < i {
            // Taken in by the closing marks after an earlier stop.
            continue;
        }
        let t = tokens[stop];
        i = stop + 1;
        if t.kind == Kind::Para {
            ids[stop] += 1;
            if let Some(next) = ids.get_mut(i) {
                *next += 1;
            }
            continue;
        }
        if let Kind::Punct(c @ ('.' | '?' | '!' | '…')) = t.kind {
            if c == '.' && stop > 0 && is_abbreviation(tokens, stop - 1, text, lower, t.start()) {
                continue;
            }
            let ends;
            (i, ends) = sentence_end(tokens, text, stop);
            if ends {
                if let Some(next) = ids.get_mut(i) {
                    *next += 1;
                }
            }
        }
    }
    let mut id = 0u32;
    for rise in ids.iter_mut() {
        id += *rise;
        *rise = id;
    }
}

/// After the sentence-ending punctuation at token `p`: the token after the
/// closing marks and brackets that stay in its sentence, and whether that
/// token starts a new sentence.
fn sentence_end(tokens: &[Token], text: &str, p: usize) -> (usize, bool) {
    let mut j = p + 1;
    while j < tokens.len()
        && match tokens[j].kind {
            Kind::Quote(Mark::Close) | Kind::Punct(')' | '’' | '\'' | '.' | '?' | '!') => true,
            Kind::Quote(Mark::Either) => tokens[j].start() == tokens[j - 1].end(),
            _ => false,
        }
    {
        j += 1;
    }
    let ends = match tokens.get(j) {
        None => true,
        Some(n) => match n.kind {
            Kind::Para | Kind::Quote(_) => true,
            Kind::Word => text[n.start()..]
                .chars()
                .next()
                .is_some_and(|ch| !ch.is_lowercase()),
            Kind::Punct(p) => matches!(p, '(' | '[' | '‘' | '—' | '-'),
        },
    };
    (j, ends)
}

/// True when the word token `w`, directly followed by a dot at `dot`, is an
/// abbreviation, a capital initial or a dotted word.
fn is_abbreviation(tokens: &[Token], w: usize, text: &str, lower: &str, dot: usize) -> bool {
    let t = tokens[w];
    if t.kind != Kind::Word || t.end() != dot {
        return false;
    }
    let word = &lower.as_bytes()[t.start()..t.end()];
    let initial = t.end() - t.start() == 1 && text.as_bytes()[t.start()].is_ascii_uppercase();
    initial || has_dot(lower.as_bytes(), t.start(), t.end()) || is_abbreviation_word(word)
}

/// `lower[start..end].contains(&b'.')`, for a word of at most eight bytes
/// with the text going on that far by one test of those eight bytes (no
/// loop whose end mispredicts).
fn has_dot(lower: &[u8], start: usize, end: usize) -> bool {
    let len = end - start;
    match swar::eight_at(lower, start) {
        Some(eight) if (1..=8).contains(&len) => {
            // The dots' bytes, exact up to the first, which is all that
            // is asked.
            let dots = swar::zero_bytes(eight ^ (swar::ONES * u64::from(b'.')));
            let kept = u64::MAX >> (64 - 8 * len);
            dots & kept != 0
        }
        _ => lower[start..end].contains(&b'.'),
    }
}

/// True when the lowercased `word` is one of [`ABBREVIATIONS`]: most words
/// are turned away on their first letter and length before the search.
#[inline]
fn is_abbreviation_word(word: &[u8]) -> bool {
    let Some(&first) = word.first() else {
        return false;
    };
    first.is_ascii_lowercase()
        && ABBREVIATION_LENGTHS.contains(&word.len())
        && ABBREVIATION_SHAPES[usize::from(first - b'a')] & (1 << word.len()) != 0
        && ABBREVIATION_KEYS.binary_search(&short_key(word)).is_ok()
}

/// For each first letter, a bit per length of the [`ABBREVIATIONS`] that
/// start with it.
static ABBREVIATION_SHAPES: [u8; 26] = {
    let mut shapes = [0u8; 26];
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        let w = ABBREVIATIONS[i].as_bytes();
        shapes[(w[0] - b'a') as usize] |= 1 << w.len();
        i += 1;
    }
    shapes
};

/// A word of at most eight bytes as one number (its bytes, first byte
/// lowest: the low half of [`cues::pack`]), so that looking it up compares
/// numbers, not strings.
fn short_key(word: &[u8]) -> u64 {
    cues::pack(word) as u64
}

/// The [`short_key`]s of [`ABBREVIATIONS`], sorted.
static ABBREVIATION_KEYS: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
    let mut keys: Vec<u64> = ABBREVIATIONS
        .iter()
        .map(|w| short_key(w.as_bytes()))
        .collect();
    keys.sort_unstable();
    keys
});

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start()..t.end()])
            .collect()
    }

    macro_rules! tok {
        ($name:ident, $text:expr, $want:expr) => {
            #[test]
            fn $name() {
                assert_eq!(words($text), $want);
            }
        };
    }

    tok!(plain, "He said.", ["He", "said", "."]);
    tok!(apostrophes, "Clinton’s don't", ["Clinton’s", "don't"]);
    tok!(
        curly_quotes,
        "“We are,” he",
        ["“", "We", "are", ",", "”", "he"]
    );
    tok!(
        typewriter_quotes,
        "''It's,'' he",
        ["''", "It's", ",", "''", "he"]
    );
    tok!(
        dotted,
        "the U.S. and Mark-Viverito",
        ["the", "U.S", ".", "and", "Mark-Viverito"]
    );
    tok!(paragraphs, "a\n\n b", ["a", "\n\n ", "b"]);
    tok!(missing_space, "he said.Trump", ["he", "said", ".", "Trump"]);
    tok!(
        straight_apostrophe,
        "Iran\"s quota",
        ["Iran", "\"", "s", "quota"]
    );

    #[test]
    fn plain_punctuation_is_ascii_punctuation_but_quote_marks() {
        for b in 0..=255u8 {
            let want = b.is_ascii_punctuation() && !matches!(b, b'"' | b'\'' | b'`');
            assert_eq!(PLAIN_PUNCT[usize::from(b)], want, "{b:#x}");
        }
    }

    /// A short word read as one number ends where [`word_end`] ends it,
    /// and holds its lowercased bytes; a long one holds its first eight;
    /// the rest go on where the letters and digits may.
    #[test]
    fn short_words_read_at_once_match_the_word_reader() {
        let pieces = [
            "a", "Said", "SAYS", "x9", "ab", "Zz", "abcdefg", "abcdefgh", "U.S.", "don't", "’s",
            "-", " ", ",", "\n", "é", "&", "'", ".", "7", "ö", "”",
        ];
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        let (mut short, mut long, mut other) = (0, 0, 0);
        for round in 0..2000 {
            let text = crate::attribution::random_text(&pieces, round % 30, &mut rng);
            let bytes = text.as_bytes();
            let lower = text.to_ascii_lowercase();
            for start in 0..bytes.len() {
                if !ASCII_ALNUM[usize::from(bytes[start])] {
                    continue;
                }
                let want = word_end(&text, start, start + 1);
                match ascii_word(lower.as_bytes(), start) {
                    AsciiWord::Short(end, head) => {
                        short += 1;
                        assert_eq!(end, want, "{text:?} {start}");
                        let lower = text[start..end].to_ascii_lowercase();
                        assert_eq!(head, cues::pack(lower.as_bytes()) as u64, "{text:?}");
                    }
                    AsciiWord::Long(head) => {
                        long += 1;
                        assert!(start + 8 <= want, "{text:?} {start}");
                        assert_eq!(word_end(&text, start, start + 8), want, "{text:?} {start}");
                        let lower = text[start..start + 8].to_ascii_lowercase();
                        assert_eq!(head, cues::pack(lower.as_bytes()) as u64, "{text:?}");
                    }
                    AsciiWord::Other(from) => {
                        other += 1;
                        assert!(start < from && from <= want, "{text:?} {start}");
                        assert_eq!(word_end(&text, start, from), want, "{text:?} {start}");
                    }
                }
            }
        }
        assert!(
            short > 1000 && long > 100 && other > 1000,
            "{short} {long} {other}"
        );
    }

    /// The 32-bit offsets keep a token at 20 bytes (it was 32), and they
    /// give back the offsets they were made of.
    #[test]
    fn tokens_are_small_and_keep_their_offsets() {
        assert_eq!(std::mem::size_of::<Token>(), 20);
        let text = "“We left,” she said.\n\nMr. O’Brien";
        let toks = tokenize(text);
        let words: Vec<&str> = toks.iter().map(|t| &text[t.start()..t.end()]).collect();
        assert_eq!(
            words,
            [
                "“",
                "We",
                "left",
                ",",
                "”",
                "she",
                "said",
                ".",
                "\n\n",
                "Mr",
                ".",
                "O’Brien"
            ]
        );
        let far = Token::new(
            u32::MAX as usize - 3,
            u32::MAX as usize,
            Kind::Para,
            WordFacts::default(),
        );
        assert_eq!(
            (far.start(), far.end()),
            (u32::MAX as usize - 3, u32::MAX as usize)
        );
    }

    #[test]
    fn dots_are_found_as_contains_finds_them() {
        let pieces = ["a", ".", "b", "U", "..", "x.y", "é", "7"];
        let mut rng = crate::test_rng::XorShift(0x1234_5678_9abc_def1);
        let mut dotted = 0;
        for round in 0..3000 {
            let text = crate::attribution::random_text(&pieces, round % 12, &mut rng);
            let bytes = text.as_bytes();
            for start in 0..bytes.len() {
                for end in start + 1..=bytes.len().min(start + 12) {
                    let want = bytes[start..end].contains(&b'.');
                    dotted += usize::from(want);
                    assert_eq!(has_dot(bytes, start, end), want, "{text:?} {start} {end}");
                }
            }
        }
        assert!(dotted > 1000, "{dotted}");
    }

    #[test]
    fn ends_word_is_ascii_but_no_joiner() {
        for b in 0..=255u8 {
            let want = b.is_ascii() && !matches!(b, b'\'' | b'-' | b'.' | b'&');
            assert_eq!(ENDS_WORD[usize::from(b)], want, "{b:#x}");
        }
    }

    /// The hard-wrap test is asked only at a single line break: texts
    /// that never need it and texts that do split as before.
    #[test]
    fn paragraphs_split_alike_whether_or_not_the_wrap_test_is_asked() {
        let wrapped_line = format!("{}\n", "w".repeat(60));
        let cases = [
            "One.\n\nTwo.\n\nThree.".to_string(),
            "One.\nTwo.\nThree.\nFour.".to_string(),
            wrapped_line.repeat(6),
            format!("{}\n\n{}", wrapped_line.repeat(5), wrapped_line.repeat(2)),
        ];
        for text in &cases {
            let paras = tokenize(text)
                .iter()
                .filter(|t| t.kind == Kind::Para)
                .count();
            let lines = text.split('\n').filter(|l| !l.is_empty()).count();
            let blank_separated = text.split("\n\n").count();
            let want = if is_hard_wrapped(text) {
                blank_separated - 1
            } else {
                lines - usize::from(!text.ends_with('\n'))
            };
            assert_eq!(paras, want, "{text:?}");
        }
    }

    #[test]
    fn hard_wrapped_lines_are_one_paragraph() {
        let text = "The statement said: \"Payments have been stopped out of regard\nfor the depositors and the bank,\" the ministry said on Monday.\nThis would allow closer investigation with a view to a deal\nwith the creditors, which have not yet been named in public.\n    A new paragraph starts here with an indent of four spaces.";
        assert!(is_hard_wrapped(text));
        let paras = tokenize(text)
            .iter()
            .filter(|t| t.kind == Kind::Para)
            .count();
        assert_eq!(paras, 1);
        assert!(!is_hard_wrapped("One short line.\nAnother."));
    }

    /// [`is_hard_wrapped`] as it was before it stopped early: every line
    /// read.
    fn hard_wrapped_reading_every_line(text: &str) -> bool {
        let (mut lines, mut wrapped, mut long) = (0usize, 0usize, 0usize);
        for line in text.split('\n') {
            let n = line.trim_end().len();
            if n == 0 {
                continue;
            }
            lines += 1;
            if (30..=90).contains(&n) {
                wrapped += 1;
            } else if n > 90 {
                long += 1;
            }
        }
        lines >= 4 && wrapped * 10 >= lines * 6 && long * 10 <= lines
    }

    #[test]
    fn stopping_early_gives_the_same_answer() {
        let short = "a short line\n";
        let wrap = format!("{}\n", "w".repeat(60));
        let long = format!("{}\n", "l".repeat(120));
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        let mut trues = 0;
        for round in 0..4000 {
            let mut text = String::new();
            for _ in 0..(rng.0 + round) % 30 {
                text.push_str(match rng.next_u64() % 32 {
                    0 => &long,
                    1 | 2 => short,
                    3 => "\n",
                    4 => "   \r\n",
                    _ => &wrap,
                });
            }
            let want = hard_wrapped_reading_every_line(&text);
            trues += usize::from(want);
            assert_eq!(is_hard_wrapped(&text), want, "{text:?}");
        }
        assert!(trues > 100, "{trues}");
    }

    #[test]
    fn abbreviation_keys_tell_the_words_apart() {
        for w in ABBREVIATIONS {
            assert!(ABBREVIATION_KEYS
                .binary_search(&short_key(w.as_bytes()))
                .is_ok());
        }
        for w in ["mr.", "m", "mrx", "xmr", "ab", "colonel", "m\u{0}"] {
            let known = ABBREVIATIONS.contains(&w);
            let found = ABBREVIATION_KEYS
                .binary_search(&short_key(w.as_bytes()))
                .is_ok();
            assert_eq!(found, known, "{w:?}");
        }
    }

    #[test]
    fn abbreviation_words_are_the_listed_ones() {
        for w in ABBREVIATIONS {
            assert!(is_abbreviation_word(w.as_bytes()), "{w}");
        }
        for w in [
            "mr.", "m", "mrx", "xmr", "ab", "colonel", "m\u{0}", "", "said", "Mr", "é",
        ] {
            assert_eq!(
                is_abbreviation_word(w.as_bytes()),
                ABBREVIATIONS.contains(&w),
                "{w:?}"
            );
        }
    }

    #[test]
    fn abbreviations_are_sorted() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(ABBREVIATIONS
            .iter()
            .all(|w| ABBREVIATION_LENGTHS.contains(&w.len())));
    }

    fn sentence_texts(text: &str) -> Vec<String> {
        let lower = text.to_ascii_lowercase();
        let tokenized = tokenize_marked(text, &lower);
        let toks = &tokenized.toks;
        let ids = sentences(&tokenized, text, &lower);
        let mut out: Vec<String> = Vec::new();
        let mut last = u32::MAX;
        for (t, id) in toks.iter().zip(ids) {
            if t.kind == Kind::Para {
                last = u32::MAX;
                continue;
            }
            if id != last {
                out.push(String::new());
                last = id;
            }
            let s = out.last_mut().unwrap();
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&text[t.start()..t.end()]);
        }
        out
    }

    macro_rules! sent {
        ($name:ident, $text:expr, $want:expr) => {
            #[test]
            fn $name() {
                assert_eq!(sentence_texts($text), $want);
            }
        };
    }

    /// [`sentences_into`] as it was before the rises: each run of tokens
    /// filled with its id in turn.
    fn sentences_filled(tokenized: &Tokenized, text: &str, lower: &str) -> Vec<u32> {
        let tokens = &tokenized.toks[..];
        let mut ids = Vec::new();
        let mut id = 0u32;
        let mut i = 0;
        for &stop in &tokenized.stops {
            if stop < i {
                continue;
            }
            ids.resize(stop, id);
            i = stop;
            let t = tokens[i];
            if t.kind == Kind::Para {
                id += 1;
                ids.push(id);
                id += 1;
                i += 1;
                continue;
            }
            ids.push(id);
            i += 1;
            if let Kind::Punct(c @ ('.' | '?' | '!' | '…')) = t.kind {
                if c == '.' && stop > 0 && is_abbreviation(tokens, stop - 1, text, lower, t.start())
                {
                    continue;
                }
                let (j, ends) = sentence_end(tokens, text, stop);
                ids.resize(j, id);
                (i, id) = (j, id + u32::from(ends));
            }
        }
        ids.resize(tokens.len(), id);
        ids
    }

    #[test]
    fn rises_give_the_ids_the_fills_gave() {
        let pieces = [
            "He", "said", ".", " ", " ", "Mr.", "U.S.", "“", "”", "\"", "''", "?", "!", "…", ")",
            "(", "\n", "\n\n", "a", "B", "3", "’", "—", ",", ".", ".",
        ];
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        let mut sentences_seen = 0;
        for round in 0..3000 {
            let text = crate::attribution::random_text(&pieces, round % 40, &mut rng);
            let lower = text.to_ascii_lowercase();
            let tokenized = tokenize_marked(&text, &lower);
            let want = sentences_filled(&tokenized, &text, &lower);
            let got = sentences(&tokenized, &text, &lower);
            assert_eq!(got, want, "{text:?}");
            sentences_seen += got.last().map_or(0, |&id| id as usize);
        }
        assert!(sentences_seen > 3000, "{sentences_seen}");
    }

    sent!(two_sentences, "A b. C d.", ["A b .", "C d ."]);
    sent!(
        abbreviation,
        "Mr. Smith left. He",
        ["Mr . Smith left .", "He"]
    );
    sent!(
        quote_then_lowercase,
        "“Why?” asked Dunn.",
        ["“ Why ? ” asked Dunn ."]
    );
    sent!(quote_then_capital, "“No.” Then", ["“ No . ”", "Then"]);
    sent!(paragraph, "a b\nc d", ["a b", "c d"]);
}

//! Text folding for matching: Unicode case folding, diacritic removal, and
//! quote/dash/space unification, with an offset map from every folded byte
//! back to the original character that produced it (none for all-ASCII
//! text, where each folded byte comes from the same offset).
//!
//! The matcher runs on the folded text; every span it finds is mapped back
//! with [`Normalized::to_original`], so offsets always point into the input
//! exactly as given.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::swar;

/// A folded copy of a text plus the map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The folded text: lowercase, no diacritics, ASCII quotes, dashes and spaces.
    pub folded: String,
    /// For every byte of `folded`, the byte offset of the original character
    /// it came from; empty when `ascii`.
    origin: Vec<u32>,
    /// Byte length of the original text.
    original_len: usize,
    /// The text is all ASCII (most fields of English news): every folded
    /// byte comes from the byte at the same offset, and no map is kept.
    ascii: bool,
}

impl Normalized {
    /// Folds `text`, reusing this value's buffers.
    pub fn fold_into(&mut self, text: &str) {
        self.origin.clear();
        self.original_len = text.len();
        if self.folded.capacity() < text.len() {
            // A new buffer, rather than growing the old one: growing would
            // copy bytes that are about to be overwritten.
            self.folded = String::with_capacity(text.len());
        } else {
            self.folded.clear();
        }
        self.ascii = ascii_run(text.as_bytes()) == text.len();
        if self.ascii {
            self.folded.push_str(text);
            self.folded.make_ascii_lowercase();
            return;
        }
        if self.origin.capacity() < text.len() {
            self.origin = Vec::with_capacity(text.len());
        }
        let origin = &mut self.origin;
        fold_pieces(text, &mut self.folded, |piece, folded_len| match piece {
            // Each byte of an ASCII run maps to itself.
            Piece::AsciiRun(at) => {
                let run = folded_len - origin.len();
                origin.extend(at as u32..(at + run) as u32);
            }
            // Every byte a character folds to maps to the character; one
            // that folds to nothing (a combining mark, a zero-width space)
            // adds no byte, so spans stay whole around it.
            Piece::Char(at) => origin.resize(folded_len, at as u32),
        });
    }

    /// Room in the buffers, in items (the longer of the folded text's
    /// capacity and the offset map's): what [`crate::reuse::give`] weighs.
    pub fn room(&self) -> usize {
        self.folded.capacity().max(self.origin.capacity())
    }

    /// Folds `text` into a new value.
    pub fn new(text: &str) -> Self {
        let mut n = Normalized::default();
        n.fold_into(text);
        n
    }

    /// Maps a folded byte span `[start, end)` back to the original text's byte span.
    ///
    /// `original` must be the text this value was folded from. The result
    /// always lies on character boundaries of `original` and covers every
    /// original character whose folding overlaps the span.
    pub fn to_original(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        debug_assert_eq!(original.len(), self.original_len);
        let Some(o_start) = self.origin(start) else {
            return (self.original_len, self.original_len);
        };
        let end = end.min(self.folded.len());
        if end <= start {
            return (o_start, o_start);
        }
        let last = self.origin(end - 1).expect("a byte of the folding");
        let mut o_end = last + original[last..].chars().next().map_or(0, char::len_utf8);
        // Combining marks fold to nothing, yet belong to the letter before
        // them: keep them inside the span so a grapheme is never cut.
        for c in original[o_end..].chars() {
            if !is_combining_mark(c) {
                break;
            }
            o_end += c.len_utf8();
        }
        (o_start, o_end)
    }

    /// The original byte offset of the character that produced folded byte `at`.
    pub fn origin_of(&self, at: usize) -> usize {
        self.origin(at).unwrap_or(self.original_len)
    }

    /// The original byte offset of the character that produced folded
    /// byte `at`; `None` past the folding's end.
    #[inline]
    fn origin(&self, at: usize) -> Option<usize> {
        if self.ascii {
            (at < self.original_len).then_some(at)
        } else {
            self.origin.get(at).map(|&o| o as usize)
        }
    }
}

/// Folds one non-ASCII character, calling `out` for each resulting character.
fn fold_char(c: char, out: &mut dyn FnMut(char)) {
    match c {
        // Quotes and apostrophes.
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{FF07}' => out('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{FF02}' => out('"'),
        // Dashes and hyphens.
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => out('-'),
        // Space variants.
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => out(' '),
        // Zero-width characters and the BOM fold to nothing.
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
        // Letters that do not decompose but are written without marks in English news.
        'ı' => out('i'),
        'ə' | 'Ə' => out('e'),
        'ø' | 'Ø' => out('o'),
        'đ' | 'Đ' => out('d'),
        'ł' | 'Ł' => out('l'),
        'ß' => {
            out('s');
            out('s')
        }
        'æ' | 'Æ' => {
            out('a');
            out('e')
        }
        'œ' | 'Œ' => {
            out('o');
            out('e')
        }
        _ => {
            decompose_canonical(c, |d| {
                if is_combining_mark(d) {
                    return;
                }
                for l in d.to_lowercase() {
                    if !is_combining_mark(l) {
                        out(l);
                    }
                }
            });
        }
    }
}

/// Folds a short string (a dictionary alias) the same way as article text.
pub fn fold(text: &str) -> String {
    Normalized::new(text).folded
}

/// Appends the folding of `text` to `out`: the same characters as
/// [`fold`], without building an offset map or a new string (for callers
/// that fold many short pieces, such as every token of a field).
pub fn fold_onto(text: &str, out: &mut String) {
    fold_pieces(text, out, |_, _| {});
}

/// Which bytes are ASCII letters or digits, by byte value: one table load
/// per byte is cheaper than range tests in the innermost loops that walk
/// words (the gazetteer's first runs, attribution's tokenizer).
pub static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Where a piece of the folding came from: its original byte offset.
enum Piece {
    /// A run of ASCII bytes, lowercased byte for byte.
    AsciiRun(usize),
    /// One other character, folded to zero or more characters.
    Char(usize),
}

/// Appends the folding of `text` to `out` piece by piece, telling `placed`
/// each piece and the length of `out` after it. Runs of ASCII (most of
/// English news) are copied and lowercased in bulk.
#[inline(always)]
fn fold_pieces(text: &str, out: &mut String, mut placed: impl FnMut(Piece, usize)) {
    let bytes = text.as_bytes();
    let mut buf = [0u8; 4];
    let mut at = 0;
    while at < bytes.len() {
        let run = ascii_run(&bytes[at..]);
        if run > 0 {
            let from = out.len();
            out.push_str(&text[at..at + run]);
            out[from..].make_ascii_lowercase();
            placed(Piece::AsciiRun(at), out.len());
            at += run;
            continue;
        }
        let c = text[at..].chars().next().expect("a char at a boundary");
        fold_char(c, &mut |f| out.push_str(f.encode_utf8(&mut buf)));
        placed(Piece::Char(at), out.len());
        at += c.len_utf8();
    }
}

/// Length of the run of ASCII bytes that opens `bytes`, read 8 bytes at a time.
fn ascii_run(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut run = 0;
    for chunk in &mut chunks {
        let high = u64::from_le_bytes(chunk.try_into().expect("8 bytes")) & swar::HIGH;
        if high != 0 {
            // The lowest set bit is in the first non-ASCII byte.
            return run + high.trailing_zeros() as usize / 8;
        }
        run += 8;
    }
    let rest = chunks.remainder();
    run + rest.iter().position(|&b| b >= 0x80).unwrap_or(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! folds {
        ($name:ident, $input:expr, $want:expr) => {
            #[test]
            fn $name() {
                assert_eq!(fold($input), $want);
            }
        };
    }

    folds!(ascii_lowercases, "BAKU", "baku");
    folds!(dotless_i, "Bakı", "baki");
    folds!(diacritics_drop, "Şuşa Ağdam", "susa agdam");
    folds!(schwa_folds_to_e, "Xankəndi", "xankendi");
    folds!(curly_quotes, "“a” ‘b’", "\"a\" 'b'");
    folds!(dashes, "Aghdam–Khankendi", "aghdam-khankendi");
    folds!(nbsp, "a\u{a0}b", "a b");
    folds!(combining_mark_dropped, "Baku\u{301}", "baku");
    folds!(zero_width_dropped, "Ba\u{200b}ku", "baku");

    #[test]
    fn spans_map_back_to_original_characters() {
        let text = "In Bakı, “Şuşa” is near Ağdam.";
        let n = Normalized::new(text);
        let at = n.folded.find("susa").unwrap();
        let (s, e) = n.to_original(text, at, at + 4);
        assert_eq!(&text[s..e], "Şuşa");
        let at = n.folded.find("baki").unwrap();
        let (s, e) = n.to_original(text, at, at + 4);
        assert_eq!(&text[s..e], "Bakı");
    }

    /// The bulk ASCII path agrees with folding one character at a time.
    #[test]
    fn ascii_runs_agree_with_per_character_folding() {
        let text = "BAKU, Bakı & “Şuşa” — ÆON straße\u{200b}X ok";
        let n = Normalized::new(text);
        let mut folded = String::new();
        let mut origin = Vec::new();
        for (at, c) in text.char_indices() {
            if c.is_ascii() {
                folded.push(c.to_ascii_lowercase());
            } else {
                fold_char(c, &mut |f| folded.push(f));
            }
            origin.resize(folded.len(), at as u32);
        }
        assert_eq!(n.folded, folded);
        assert_eq!(n.origin, origin);
    }

    #[test]
    fn ascii_text_keeps_no_map_and_maps_each_byte_to_itself() {
        let text = "BAKU, the U.S. said";
        let mut n = Normalized::new("Bakı first, to see the buffers cleared");
        n.fold_into(text);
        assert!(n.ascii && n.origin.is_empty());
        assert_eq!(n.folded, "baku, the u.s. said");
        let len = text.len();
        for at in 0..len + 3 {
            assert_eq!(n.origin_of(at), at.min(len), "{at}");
            for end in 0..len + 3 {
                let want = match (at, end.min(len)) {
                    (a, _) if a >= len => (len, len),
                    (a, e) if e <= a => (a, a),
                    (a, e) => (a, e),
                };
                assert_eq!(n.to_original(text, at, end), want, "{at}..{end}");
            }
        }
        // And a text with one other character keeps its map again.
        n.fold_into("Bakı");
        assert!(!n.ascii);
        assert_eq!(n.origin, [0, 1, 2, 3]);
    }

    #[test]
    fn room_is_the_longer_buffer_and_survives_a_shorter_folding() {
        let mut n = Normalized::new("Bakı, Gəncə və Sumqayıt");
        let room = n.room();
        assert!(room >= n.origin.capacity() && room >= n.folded.capacity());
        assert!(room >= "Bakı, Gəncə və Sumqayıt".len());
        n.fold_into("Baku");
        assert_eq!(n.room(), room);
        assert_eq!(n.folded, "baku");
    }

    #[test]
    fn expanding_characters_map_whole() {
        let text = "Straße";
        let n = Normalized::new(text);
        assert_eq!(n.folded, "strasse");
        let (s, e) = n.to_original(text, 4, 7);
        assert_eq!(&text[s..e], "ße");
    }

    #[test]
    fn trailing_combining_marks_stay_with_their_letter() {
        let text = "Baku\u{301} is";
        let n = Normalized::new(text);
        assert_eq!(n.to_original(text, 0, 4), (0, 6));
        // A zero-width space is not part of the word before it.
        let text = "Baku\u{200b} is";
        let n = Normalized::new(text);
        assert_eq!(n.to_original(text, 0, 4), (0, 4));
    }

    #[test]
    fn out_of_range_spans_are_clamped() {
        let text = "Bakı";
        let n = Normalized::new(text);
        assert_eq!(n.to_original(text, 2, 99), (2, 5));
        assert_eq!(n.to_original(text, 99, 100), (5, 5));
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        /// Text rich in the characters the folding treats specially.
        fn text() -> impl Strategy<Value = String> {
            prop_oneof![
                "[a-zA-Z0-9 .,'\"ıİßæŒøə\u{301}\u{308}\u{200b}\u{feff}\u{ad}“”‘’«»–—\u{a0}\u{3000}éÅŞ🙂\r\n]{0,40}",
                any::<String>(),
            ]
        }

        fn boundaries(s: &str) -> Vec<usize> {
            s.char_indices().map(|(i, _)| i).chain([s.len()]).collect()
        }

        proptest! {
            #[test]
            fn folding_is_compositional(t in text(), cut in any::<prop::sample::Index>()) {
                let b = boundaries(&t);
                let i = b[cut.index(b.len())];
                prop_assert_eq!(fold(&t[..i]) + &fold(&t[i..]), fold(&t));
            }

            #[test]
            fn fold_onto_appends_the_folding(t in text(), u in text()) {
                let mut out = fold(&u);
                fold_onto(&t, &mut out);
                prop_assert_eq!(out, fold(&u) + &fold(&t));
            }

            #[test]
            fn origins_are_monotone_char_boundaries(t in text()) {
                let n = Normalized::new(&t);
                let mut last = 0;
                for at in 0..=n.folded.len() {
                    let o = n.origin_of(at);
                    prop_assert!(t.is_char_boundary(o), "byte {} -> {}", at, o);
                    prop_assert!(o >= last);
                    last = o;
                }
            }

            #[test]
            fn any_span_maps_to_char_boundaries(
                t in text(),
                a in 0usize..200,
                b in 0usize..200,
            ) {
                let n = Normalized::new(&t);
                let (s, e) = n.to_original(&t, a.min(b), a.max(b));
                prop_assert!(s <= e && e <= t.len(), "{}..{} of {}", s, e, t.len());
                prop_assert!(t.is_char_boundary(s) && t.is_char_boundary(e));
            }

            #[test]
            fn char_aligned_spans_round_trip(
                t in text(),
                x in any::<prop::sample::Index>(),
                y in any::<prop::sample::Index>(),
            ) {
                let b = boundaries(&t);
                let (i, j) = {
                    let (p, q) = (b[x.index(b.len())], b[y.index(b.len())]);
                    (p.min(q), p.max(q))
                };
                let n = Normalized::new(&t);
                let (fs, fe) = (fold(&t[..i]).len(), fold(&t[..j]).len());
                prop_assume!(fs < fe);
                let (s, e) = n.to_original(&t, fs, fe);
                // The original span folds to exactly the folded span ...
                prop_assert_eq!(fold(&t[s..e]), &n.folded[fs..fe]);
                // ... and differs from the characters asked for only by
                // characters that fold to nothing.
                prop_assert!(i <= s && fold(&t[i..s]).is_empty());
                if e >= j {
                    prop_assert!(t[j..e].chars().all(is_combining_mark));
                } else {
                    prop_assert!(fold(&t[e..j]).is_empty());
                }
            }
        }
    }

    #[test]
    fn ascii_run_stops_at_the_first_non_ascii_byte() {
        for n in 0..20 {
            let ascii = "a".repeat(n);
            assert_eq!(ascii_run(ascii.as_bytes()), n);
            for tail in ["ı", "é x", "\u{2014}"] {
                assert_eq!(ascii_run(format!("{ascii}{tail}").as_bytes()), n);
            }
        }
    }
}

//! Byte-to-character offset conversion, so every span can be reported both
//! in UTF-8 bytes and in Unicode scalar values (what Python slices): in
//! O(1) per lookup in any order ([`CharIndex`]), or by walking from one
//! offset to the next when they come (nearly) in text order
//! ([`CharCursor`], which indexes nothing ahead).

use crate::swar;

/// Checkpoints of the character count every [`STRIDE`] bytes (a lookup counts
/// at most this many bytes; the checkpoints take 1/16 of the text's size).
const STRIDE: usize = 64;

/// Converts byte offsets of one text to character offsets.
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    bytes: &'a [u8],
    /// Number of characters starting before byte `k * STRIDE`, plus the total last.
    checkpoints: Vec<u32>,
    ascii: bool,
}

fn is_char_start(b: u8) -> bool {
    (b as i8) >= -0x40
}

impl<'a> CharIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            checkpoints.reserve(bytes.len() / STRIDE + 1);
            let mut count = 0u32;
            for block in bytes.chunks(STRIDE) {
                checkpoints.push(count);
                count += block.iter().filter(|&&b| is_char_start(b)).count() as u32;
            }
            checkpoints.push(count);
        }
        CharIndex {
            bytes,
            checkpoints,
            ascii,
        }
    }

    /// The character offset of byte offset `at` (which must be a char boundary or the end).
    pub fn char_offset(&self, at: usize) -> usize {
        if self.ascii {
            return at;
        }
        let block = at / STRIDE;
        let counted = self.bytes[block * STRIDE..at]
            .iter()
            .filter(|&&b| is_char_start(b))
            .count();
        self.checkpoints[block] as usize + counted
    }
}

/// Converts byte offsets of one text to character offsets by counting the
/// characters between each offset and the one converted before it: each
/// byte of the text is read about once when the offsets come in text order
/// (an article's spans), and a text of ASCII is never read past its check.
#[derive(Debug, Clone)]
pub struct CharCursor<'a> {
    bytes: &'a [u8],
    ascii: bool,
    /// The last offset converted, in bytes and in characters.
    byte: usize,
    char: usize,
}

/// The number of characters that start in `bytes`: counted 32 bytes at a
/// time, in a loop that compiles to vector instructions, then 8 at a time
/// in a `u64` (SWAR), then one by one: the distance between two offsets of
/// an article's spans is often under 32 bytes, and its bytes were all
/// counted one by one.
fn char_starts(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(32);
    let mut count = 0;
    for chunk in &mut chunks {
        let chunk: &[u8; 32] = chunk.try_into().expect("32 bytes");
        let starts = chunk
            .iter()
            .fold(0u8, |n, &b| n + u8::from(is_char_start(b)));
        count += usize::from(starts);
    }
    let mut words = chunks.remainder().chunks_exact(8);
    for word in &mut words {
        let x = u64::from_le_bytes(word.try_into().expect("8 bytes"));
        count += 8 - continuation_bytes(x);
    }
    count
        + (words.remainder().iter())
            .filter(|&&b| is_char_start(b))
            .count()
}

/// The number of continuation bytes (`10xxxxxx`) among the 8 of `x`: one
/// in each such byte, summed into the top byte by a multiplication (the
/// baseline x86-64 has no `popcnt`).
fn continuation_bytes(x: u64) -> usize {
    let ones = (x & !(x << 1) & swar::HIGH) >> 7;
    (ones.wrapping_mul(swar::ONES) >> 56) as usize
}

impl<'a> CharCursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        CharCursor {
            bytes: text.as_bytes(),
            ascii: text.is_ascii(),
            byte: 0,
            char: 0,
        }
    }

    /// Whether this is a cursor on `text` (the same bytes in memory).
    pub fn is_on(&self, text: &str) -> bool {
        std::ptr::eq(self.bytes, text.as_bytes())
    }

    /// The character offset of byte offset `at` (which must be a char
    /// boundary or the end); the cursor moves there.
    pub fn char_offset(&mut self, at: usize) -> usize {
        if self.ascii {
            return at;
        }
        if at >= self.byte {
            self.char += char_starts(&self.bytes[self.byte..at]);
        } else if at < self.byte - at {
            // Nearer the start than the cursor: counted from the start.
            self.char = char_starts(&self.bytes[..at]);
        } else {
            self.char -= char_starts(&self.bytes[at..self.byte]);
        }
        self.byte = at;
        self.char
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_matches_naive_count_in_any_order() {
        let text = "Bakı “Şuşa” 🙂 x".repeat(40);
        let mut cursor = CharCursor::new(&text);
        let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bounds.push(text.len());
        let jumps = bounds
            .iter()
            .step_by(7)
            .chain(bounds.iter().rev().step_by(5));
        for &i in bounds.iter().chain(jumps) {
            assert_eq!(
                cursor.char_offset(i),
                text[..i].chars().count(),
                "at byte {i}"
            );
        }
        let mut ascii = CharCursor::new("hello");
        assert_eq!((ascii.char_offset(5), ascii.char_offset(2)), (5, 2));
    }

    /// Every slice of a text of 1- to 4-byte characters, at every
    /// alignment.
    #[test]
    fn char_starts_counts_the_characters_of_any_slice() {
        let text = "a\u{e9}\u{2014}\u{1f642}bc\u{131}".repeat(6);
        let bounds: Vec<usize> = (text.char_indices().map(|(i, _)| i))
            .chain([text.len()])
            .collect();
        for &from in &bounds {
            for &to in bounds.iter().filter(|&&to| to >= from) {
                let want = text[from..to].chars().count();
                assert_eq!(
                    char_starts(&text.as_bytes()[from..to]),
                    want,
                    "{from}..{to}"
                );
            }
        }
    }

    #[test]
    fn a_cursor_is_on_its_own_text_only() {
        let (text, copy) = ("Bak\u{131}".to_string(), "Bak\u{131}".to_string());
        let cursor = CharCursor::new(&text);
        assert!(cursor.is_on(&text));
        assert!(!cursor.is_on(&copy));
        assert!(!cursor.is_on(&text[..3]));
    }

    #[test]
    fn matches_naive_count_everywhere() {
        let text = "Bakı “Şuşa” 🙂 x".repeat(40);
        let idx = CharIndex::new(&text);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(idx.char_offset(i), text[..i].chars().count(), "at byte {i}");
        }
    }

    #[test]
    fn ascii_is_identity() {
        let idx = CharIndex::new("hello");
        assert_eq!(idx.char_offset(5), 5);
    }

    #[test]
    fn end_of_text_at_stride_multiple() {
        let text = "é".repeat(STRIDE); // 2 * STRIDE bytes
        let idx = CharIndex::new(&text);
        assert_eq!(idx.char_offset(text.len()), STRIDE);
    }
}

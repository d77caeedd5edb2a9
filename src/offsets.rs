//! Byte-to-character offset conversion in O(1) per lookup, so every span can
//! be reported both in UTF-8 bytes and in Unicode scalar values (what Python
//! slices), even in a 40 MB article with many mentions.

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

#[cfg(test)]
mod tests {
    use super::*;

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

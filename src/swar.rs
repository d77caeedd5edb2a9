//! Byte classes eight at a time (SWAR: SIMD within a register): the eight
//! bytes of a `u64` (first byte lowest) tested at once by range
//! arithmetic, so that a tokenizer finds the end of an ASCII word with one
//! well-predicted branch per eight bytes rather than a mispredicted one
//! after its last letter. Both tokenizers (the rules' and attribution's)
//! and the gazetteer's first-word filter read words with it.

use crate::normalize::ASCII_ALNUM;

/// One in each byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte: the classes below mark a byte there.
pub const HIGH: u64 = ONES * 0x80;

/// The high bit of each byte of `low7` (a `u64` whose bytes' high bits
/// are clear) in `lo..=hi` (ASCII bounds, `lo` at least `'0'`): no carry
/// crosses a byte, since each sum stays below 0x100.
#[inline(always)]
fn in_range(low7: u64, lo: u8, hi: u8) -> u64 {
    let at_least = low7 + ONES * (0x80 - u64::from(lo));
    let above = low7 + ONES * (0x7f - u64::from(hi));
    at_least & !above
}

/// The high bit of each byte of `x` that is an ASCII letter, of each that
/// is an ASCII digit, and of each that is a lowercase letter.
#[inline(always)]
pub fn classes(x: u64) -> (u64, u64, u64) {
    let low7 = x & !HIGH;
    let ascii = !x & HIGH;
    // Setting bit 5 folds capitals onto small letters; a letter is small
    // when its bit 5 (moved up to bit 7) was set.
    let letter = in_range(low7 | (ONES * 0x20), b'a', b'z') & ascii;
    let digit = in_range(low7, b'0', b'9') & ascii;
    (letter, digit, letter & (x << 2))
}

/// The high bit of each byte of `x` that is not an ASCII letter or digit.
#[inline(always)]
pub fn non_alnum(x: u64) -> u64 {
    let (letter, digit, _) = classes(x);
    !(letter | digit) & HIGH
}

/// The high bit of each byte of `x` that is zero, exact up to the first
/// one (a borrow may mark a 0x01 byte past it): enough to tell whether
/// some byte is zero, and which comes first. `zero_bytes(x ^ ONES * b)`
/// marks the bytes equal to `b`.
#[inline(always)]
pub fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGH
}

/// [`non_alnum`] of eight bytes of ASCII-lowercased text: with no
/// capitals left to fold onto small letters, one range fewer.
#[inline(always)]
pub fn non_alnum_lowered(x: u64) -> u64 {
    let low7 = x & !HIGH;
    let alnum = (in_range(low7, b'a', b'z') | in_range(low7, b'0', b'9')) & !x;
    !alnum & HIGH
}

/// The eight bytes at `at` as one `u64`, first byte lowest, when there
/// are eight.
#[inline(always)]
pub fn eight_at(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk = bytes.get(at..at + 8)?;
    Some(u64::from_le_bytes(chunk.try_into().expect("eight bytes")))
}

/// The eight bytes at `at` as one `u64`, first byte lowest; past the end
/// of `bytes` (which `at` is at most), zero bytes, which are no letter or
/// digit.
#[inline(always)]
pub fn eight_padded(bytes: &[u8], at: usize) -> u64 {
    if let Some(x) = eight_at(bytes, at) {
        return x;
    }
    let mut last = [0u8; 8];
    let rest = &bytes[at..];
    last[..rest.len()].copy_from_slice(rest);
    u64::from_le_bytes(last)
}

/// The first byte offset at or after `from` that does not hold an ASCII
/// letter or digit (or the end): eight bytes at a time, so the end of a
/// word costs one well-predicted branch instead of one per letter.
#[inline(always)]
pub fn alnum_end(bytes: &[u8], mut from: usize) -> usize {
    while let Some(x) = eight_at(bytes, from) {
        let stop = non_alnum(x);
        if stop != 0 {
            return from + (stop.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    from + bytes[from..]
        .iter()
        .position(|&b| !ASCII_ALNUM[usize::from(b)])
        .unwrap_or(bytes.len() - from)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eight bytes of each class: letters of both cases, digits, others.
    const MIXED: [u8; 8] = *b"aZ0 m9Q.";

    /// Calls `check` with `base` holding some byte value at place `at`
    /// (and `at`), for every byte value and every place of the first eight.
    fn each_byte_at_each_place<const N: usize>(
        base: [u8; N],
        mut check: impl FnMut([u8; N], usize),
    ) {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = base;
                bytes[at] = b;
                check(bytes, at);
            }
        }
    }

    /// Every byte value, at every place of eight, beside a zero byte or
    /// not: some byte is zero when `zero_bytes` says so, and the first it
    /// marks is the first zero byte.
    #[test]
    fn zero_bytes_finds_the_first_zero_byte() {
        for zero_after in [None, Some(3)] {
            each_byte_at_each_place(MIXED, |mut bytes, at| {
                if let Some(z) = zero_after {
                    bytes[(at + z) % 8] = 0;
                }
                let marks = zero_bytes(u64::from_le_bytes(bytes));
                let first = bytes.iter().position(|&c| c == 0);
                assert_eq!(marks != 0, first.is_some(), "{bytes:?}");
                if let Some(first) = first {
                    assert_eq!(marks.trailing_zeros() as usize / 8, first, "{bytes:?}");
                }
            });
        }
    }

    /// Every byte value, at every place of eight: the lowercased bytes'
    /// class is the class of the bytes as written.
    #[test]
    fn lowered_bytes_are_alphanumeric_where_the_text_is() {
        each_byte_at_each_place(MIXED, |bytes, _| {
            let x = u64::from_le_bytes(bytes);
            let lowered = u64::from_le_bytes(bytes.map(|c| c.to_ascii_lowercase()));
            assert_eq!(non_alnum_lowered(lowered), non_alnum(x), "{bytes:?}");
        });
    }

    #[test]
    fn alnum_end_matches_the_table() {
        each_byte_at_each_place(*b"abcdefghij", |bytes, _| {
            let want = bytes
                .iter()
                .position(|&c| !ASCII_ALNUM[usize::from(c)])
                .unwrap_or(bytes.len());
            assert_eq!(alnum_end(&bytes, 0), want, "{bytes:?}");
        });
        assert_eq!(alnum_end(b"Zz09", 0), 4);
        assert_eq!(alnum_end(b"ab cd", 3), 5);
    }

    /// Every byte value, at every place of eight: the classes agree with
    /// the standard library's.
    #[test]
    fn classes_agree_with_the_byte_tests() {
        each_byte_at_each_place(MIXED, |bytes, _| {
            let x = u64::from_le_bytes(bytes);
            let (letter, digit, lower) = classes(x);
            let non = non_alnum(x);
            for (k, c) in bytes.iter().enumerate() {
                let bit = |m: u64| m >> (8 * k + 7) & 1 == 1;
                assert_eq!(bit(letter), c.is_ascii_alphabetic(), "{c:#x}");
                assert_eq!(bit(digit), c.is_ascii_digit(), "{c:#x}");
                assert_eq!(bit(lower), c.is_ascii_lowercase(), "{c:#x}");
                assert_eq!(bit(non), !c.is_ascii_alphanumeric(), "{c:#x}");
            }
            // Only the high bits are ever set.
            assert_eq!((letter | digit | lower | non) & !HIGH, 0);
        });
    }

    #[test]
    fn eight_bytes_padded_with_zeros() {
        let b = b"abcdefghij";
        assert_eq!(eight_padded(b, 1), u64::from_le_bytes(*b"bcdefghi"));
        assert_eq!(eight_padded(b, 5), u64::from_le_bytes(*b"fghij\0\0\0"));
        assert_eq!(eight_padded(b, 10), 0);
    }

    #[test]
    fn eight_bytes_or_none() {
        assert_eq!(
            eight_at(b"abcdefgh", 0),
            Some(u64::from_le_bytes(*b"abcdefgh"))
        );
        assert_eq!(eight_at(b"abcdefgh", 1), None);
    }
}

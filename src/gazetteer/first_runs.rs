//! A Bloom filter of the aliases' first words, so that the matcher walks
//! its automaton only from words that may begin an alias.
//!
//! A "first run" is the longest run of ASCII letters and digits at the
//! start of a folded string (empty when it starts with anything else). An
//! alias that matches as a whole word at some position has the same first
//! run as the text there: the byte that ends the alias's run ends the
//! text's too, and where the run is the whole alias, the word boundary the
//! alias needs after it ends the text's run. So a position whose first run
//! is not in the filter cannot start an accepted match.

use crate::{normalize::ASCII_ALNUM, swar};

/// Bits in the filter: 128 KiB, under one percent of false positives for
/// the default dictionaries' ~40,000 first words with two probes.
const BITS: usize = 1 << 20;

/// The first runs of a set of aliases, as a blocked Bloom filter: a run's
/// two bits lie in one 64-bit word, so a query reads one cache line (the
/// filter is too big for the first-level cache, and most words of a text
/// are queried).
#[derive(Debug, Clone)]
pub struct FirstRuns {
    bits: Vec<u64>,
}

impl FirstRuns {
    /// The filter of `aliases` (folded).
    pub fn new<'a>(aliases: impl IntoIterator<Item = &'a str>) -> FirstRuns {
        let mut filter = FirstRuns {
            bits: vec![0; BITS / 64],
        };
        for alias in aliases {
            let bytes = alias.as_bytes();
            let (word, mask) = probes(&bytes[..run_len(bytes)]);
            filter.bits[word] |= mask;
        }
        filter
    }

    /// The filter's bits, little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.bits.iter().flat_map(|w| w.to_le_bytes()).collect()
    }

    /// The filter whose bits [`FirstRuns::to_bytes`] gave; `None` if
    /// `bytes` is not of a filter's size.
    pub fn from_bytes(bytes: &[u8]) -> Option<FirstRuns> {
        if bytes.len() != BITS / 8 {
            return None;
        }
        let bits = bytes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect();
        Some(FirstRuns { bits })
    }

    /// Whether some alias may have `run` as its first run (never false for
    /// one that has).
    pub fn may_start(&self, run: &[u8]) -> bool {
        let (word, mask) = probes(run);
        self.bits[word] & mask == mask
    }
}

/// The length of the first run of `bytes`, read eight bytes at a time:
/// most words of news text end within their first eight bytes, so the
/// loop's exit is predictable where a byte-by-byte loop's is not.
/// A position that opens no run (a space, a mark: every other position of
/// a text) is told by its first byte alone.
#[inline]
pub fn run_len(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(&b) if ASCII_ALNUM[usize::from(b)] => {}
        _ => return 0,
    }
    swar::alnum_end(bytes, 0)
}

/// A 64-bit hash of `bytes` that is the same on every target and with
/// every compiler (the shipped dictionaries' filter is built at compile
/// time on the build machine and queried on the target, which may differ
/// in word size): eight bytes at a time and then the length, multiplied
/// in, then mixed with the finalizer of MurmurHash3.
#[inline]
pub fn stable_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0x243f_6a88_85a3_08d3;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        h = (h ^ word)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = (h ^ tail_word(rest)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    // The length last: "ab" and "ab\0" fill the same words.
    h = (h ^ bytes.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The last bytes of a hashed string (under eight) as a little-endian
/// word padded with zeros, shifted in from the last: no call to copy a
/// few bytes.
#[inline]
fn tail_word(rest: &[u8]) -> u64 {
    rest.iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b))
}

/// The word of the filter a run's bits lie in, and the two bits, from one
/// hash.
#[inline]
fn probes(run: &[u8]) -> (usize, u64) {
    let hash = stable_hash(run);
    let word = (hash >> 32) as usize % (BITS / 64);
    (word, 1 << (hash & 63) | 1 << ((hash >> 6) & 63))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_run_stops_at_anything_but_ascii_letters_and_digits() {
        assert_eq!(run_len(b"u.s."), 1);
        assert_eq!(run_len(b"new york"), 3);
        assert_eq!(run_len(b"al-qaeda"), 2);
        assert_eq!(run_len(b"2024"), 4);
        assert_eq!(run_len(b"\xc3\xbcber"), 0);
        assert_eq!(run_len(b"'s"), 0);
        assert_eq!(run_len(b""), 0);
    }

    #[test]
    fn every_alias_first_run_passes_and_most_others_do_not() {
        let aliases = ["new york", "u.s.", "moscow", "al-qaeda", "\u{fc}ber"];
        let filter = FirstRuns::new(aliases);
        for run in ["new", "u", "moscow", "al", ""] {
            assert!(filter.may_start(run.as_bytes()), "{run}");
        }
        let others = [
            "said",
            "the",
            "government",
            "york",
            "mosco",
            "moscows",
            "news",
        ];
        let passed = others
            .iter()
            .filter(|w| filter.may_start(w.as_bytes()))
            .count();
        assert_eq!(
            passed, 0,
            "a five-entry filter of 2^20 bits lets none through"
        );
    }

    /// The first run by its definition, one byte at a time.
    fn run_len_bytewise(bytes: &[u8]) -> usize {
        bytes
            .iter()
            .position(|&b| !ASCII_ALNUM[usize::from(b)])
            .unwrap_or(bytes.len())
    }

    #[test]
    fn run_len_agrees_with_its_definition_for_every_byte_at_every_place() {
        for b in 0..=255u8 {
            for at in 0..20 {
                for len in [at + 1, at + 3, 20] {
                    let mut bytes = vec![b'k'; len];
                    bytes[at] = b;
                    assert_eq!(
                        run_len(&bytes),
                        run_len_bytewise(&bytes),
                        "{b:#x} at {at} of {len}"
                    );
                }
            }
        }
        for s in [
            "",
            "a",
            "abcdefgh",
            "abcdefghi",
            "2024-01-01",
            "x\u{e9}t\u{e9}",
            "ZURICH,",
        ] {
            assert_eq!(run_len(s.as_bytes()), run_len_bytewise(s.as_bytes()), "{s}");
        }
    }

    #[test]
    fn the_hash_is_fixed_and_tells_near_keys_apart() {
        // Fixed values: the filter built on one machine is read on another.
        assert_eq!(stable_hash(b""), 0x226e_0401_4447_0ef3);
        assert_eq!(stable_hash(b"moscow"), 0xc67b_0df9_660b_5a94);
        let mut seen = std::collections::HashSet::new();
        for a in b'a'..=b'z' {
            for b in b'a'..=b'z' {
                assert!(seen.insert(stable_hash(&[a, b])));
                assert!(seen.insert(stable_hash(&[a, b, 0])));
            }
        }
    }

    /// A short tail hashes as its word copied and padded with zeros, as
    /// the filter was first built.
    #[test]
    fn a_short_tail_is_its_zero_padded_word() {
        let text = b"\xff\x80azerbaijan1234567\x00\xfe";
        for start in 0..text.len() {
            for end in start..text.len().min(start + 8) {
                let rest = &text[start..end];
                let mut word = [0u8; 8];
                word[..rest.len()].copy_from_slice(rest);
                assert_eq!(tail_word(rest), u64::from_le_bytes(word), "{rest:?}");
            }
        }
    }

    #[test]
    fn bytes_round_trip_and_a_wrong_size_is_refused() {
        let filter = FirstRuns::new(["new york", "moscow"]);
        let bytes = filter.to_bytes();
        let back = FirstRuns::from_bytes(&bytes).unwrap();
        assert_eq!(back.bits, filter.bits);
        assert!(back.may_start(b"moscow"));
        assert!(FirstRuns::from_bytes(&bytes[1..]).is_none());
    }
}

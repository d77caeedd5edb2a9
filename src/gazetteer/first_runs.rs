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

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

use crate::normalize::ASCII_ALNUM;

/// Bits in the filter: 128 KiB, a few percent of false positives for the
/// default dictionaries' ~40,000 first words with two probes.
const BITS: usize = 1 << 20;

/// The first runs of a set of aliases, as a two-probe Bloom filter.
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
            for bit in probes(&bytes[..run_len(bytes)]) {
                filter.bits[bit / 64] |= 1 << (bit % 64);
            }
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
        probes(run)
            .iter()
            .all(|&bit| self.bits[bit / 64] & (1 << (bit % 64)) != 0)
    }
}

/// The length of the first run of `bytes`.
#[inline]
pub fn run_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| !ASCII_ALNUM[usize::from(b)])
        .unwrap_or(bytes.len())
}

/// The two bits a run sets, from one hash.
fn probes(run: &[u8]) -> [usize; 2] {
    let hash = FxBuildHasher.hash_one(run);
    let mask = (BITS - 1) as u64;
    [(hash & mask) as usize, ((hash >> 32) & mask) as usize]
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

//! Splitting a corpus across machines with no coordinator: `--shard K/N`
//! keeps the articles whose id hashes to shard K of N. The hash is 64-bit
//! FNV-1a over the id's UTF-8 bytes (a published, fixed algorithm: the same
//! on every platform and in every version of newsner), so N machines given
//! the same inputs and `--shard 1/N` ... `--shard N/N` process every article
//! exactly once between them.
//!
//! A record that cannot be read still has an id (`FILE:LINE` unless it named
//! one), and it goes to the shard of that id: every error row, too, appears
//! in exactly one shard.

use std::{fmt, str::FromStr};

use crate::corpus::Item;

/// FNV-1a 64-bit offset basis.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a 64-bit prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// 64-bit FNV-1a of `bytes` (<http://www.isthe.com/chongo/tech/comp/fnv/>).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    })
}

/// Shard `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

impl Shard {
    /// Shard `index` of `count`, 1-based; `None` unless `1 <= index <= count`.
    pub fn new(index: u64, count: u64) -> Option<Shard> {
        (1..=count)
            .contains(&index)
            .then_some(Shard { index, count })
    }

    /// Which shard (1-based) an article id belongs to among `count`.
    pub fn of(id: &str, count: u64) -> u64 {
        fnv1a64(id.as_bytes()) % count + 1
    }

    /// Whether the article with this id belongs to this shard.
    pub fn contains(&self, id: &str) -> bool {
        Shard::of(id, self.count) == self.index
    }

    /// Whether a reader's item (an article or a record that failed) belongs
    /// to this shard, by its id.
    pub fn keeps(&self, item: &Item) -> bool {
        self.contains(match item {
            Ok(article) => &article.id,
            Err(bad) => &bad.id,
        })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    /// Parses `K/N`, with `1 <= K <= N`.
    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("{s:?} is not K/N with 1 <= K <= N (for example 1/4)");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let k: u64 = k.trim().parse().map_err(|_| bad())?;
        let n: u64 = n.trim().parse().map_err(|_| bad())?;
        Shard::new(k, n).ok_or_else(bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Reference values of the published FNV-1a 64 test suite.
    macro_rules! fnv {
        ($name:ident, $input:expr, $want:expr) => {
            #[test]
            fn $name() {
                assert_eq!(fnv1a64($input), $want);
            }
        };
    }
    fnv!(fnv_empty, b"", 0xcbf2_9ce4_8422_2325);
    fnv!(fnv_a, b"a", 0xaf63_dc4c_8601_ec8c);
    fnv!(fnv_foobar, b"foobar", 0x8594_4171_f739_67e8);

    #[test]
    fn parses_k_of_n() {
        assert_eq!("2/4".parse::<Shard>().unwrap(), Shard::new(2, 4).unwrap());
        for bad in ["0/4", "5/4", "1/0", "x/2", "3", "1/2/3", "-1/2"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn every_id_is_in_exactly_one_shard() {
        for n in 1..=7 {
            for id in ["a", "f.jsonl:3", "Bakı", "", "12345"] {
                let owners = (1..=n)
                    .filter(|&k| Shard::new(k, n).unwrap().contains(id))
                    .count();
                assert_eq!(owners, 1, "{id} among {n}");
            }
        }
    }

    #[test]
    fn shards_are_roughly_even() {
        let mut counts = [0usize; 4];
        for i in 0..4000 {
            counts[(Shard::of(&format!("doc-{i}"), 4) - 1) as usize] += 1;
        }
        assert!(
            counts.iter().all(|&c| (800..1200).contains(&c)),
            "{counts:?}"
        );
    }
}

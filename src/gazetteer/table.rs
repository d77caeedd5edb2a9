//! The matcher's tables for one set of entries: an index of the folded
//! aliases, each alias's entries ranked by priority, its word-boundary
//! needs, the first-byte tables and the filter of first words; and their
//! byte form.
//!
//! The shipped dictionaries' tables are built at compile time (`build.rs`
//! includes this file) with the aliases in a double-array trie (yada),
//! which is read in place from bytes, and embedded in the binary: a run
//! reads them, checked, instead of parsing the dictionaries and building an
//! automaton. Tables for other entries are built at run time by the same
//! code, with the aliases in aho-corasick's contiguous NFA, which builds
//! about five times faster than the trie but cannot be written out; both
//! are only ever walked anchored, for the longest alias at a position.

use std::borrow::Cow;

use aho_corasick::{automaton::Automaton, nfa::contiguous, Anchored, MatchKind};
use rustc_hash::FxHashMap;
use yada::{builder::DoubleArrayBuilder, unit::Unit, DoubleArray};

use super::{
    first_runs::{stable_hash, FirstRuns},
    load::{CasePolicy, DictionaryError, Entry},
};
use crate::{normalize::fold_onto, span::Label};

/// A pattern needs a word boundary before it (it starts with a letter or digit).
pub const WORD_START: u8 = 1;
/// A pattern needs a word boundary after it (it ends with a letter or digit).
pub const WORD_END: u8 = 2;

/// Bumped whenever the byte layout, the folding or the matching rules change.
const FORMAT_VERSION: u32 = 3;
const MAGIC: &[u8; 8] = b"NEWSNERG";

/// The labels in the order their numbers are written (compiled forms share it).
pub(super) const LABELS: [Label; 5] = [
    Label::Person,
    Label::Place,
    Label::Org,
    Label::Date,
    Label::Norp,
];
/// The case policies in the order their numbers are written.
pub(super) const CASES: [CasePolicy; 3] = [CasePolicy::Fold, CasePolicy::Cased, CasePolicy::Exact];

/// The folded aliases, each mapped to its pattern, in the form they were
/// built in.
#[derive(Clone)]
enum Index {
    /// A double-array trie: written out and read back in place. Its walk
    /// reads a NUL byte as the end of a key, so no alias may hold one.
    Trie(DoubleArray<Cow<'static, [u8]>>),
    /// A leftmost-longest contiguous NFA, walked anchored (pattern ids are
    /// the patterns).
    Nfa(Box<contiguous::NFA>),
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Index::Trie(t) => f.debug_struct("Trie").field("bytes", &t.0.len()).finish(),
            Index::Nfa(n) => f
                .debug_struct("Nfa")
                .field("patterns", &n.patterns_len())
                .finish(),
        }
    }
}

/// Which index [`Tables`] are built with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexKind {
    /// The double-array trie, for tables to write out ([`Tables::write_to`]).
    Trie,
    /// The contiguous NFA, for tables used where they are built.
    Nfa,
}

/// Everything the matcher needs, derived from a list of entries.
#[derive(Debug, Clone)]
pub struct Tables {
    /// The entries in load order, every id given one canonical.
    pub entries: Vec<Entry>,
    /// Pattern `p`'s entries are `pattern_entries[pattern_start[p]..pattern_start[p + 1]]`,
    /// highest priority first.
    pattern_start: Vec<u32>,
    pattern_entries: Vec<u32>,
    /// [`WORD_START`] | [`WORD_END`] per pattern.
    flags: Vec<u8>,
    /// Which bytes begin some folded alias: the only places a walk starts.
    pub starts: [bool; 256],
    /// Per first folded byte: whether some alias starting with it accepts a
    /// text that starts with a small letter (case `fold`, or an `exact`
    /// alias written that way).
    pub small_start_ok: [bool; 256],
    /// The aliases' first words: a word not in it starts no alias.
    pub first_runs: FirstRuns,
    /// Folded alias -> pattern; `None` when there is no pattern.
    index: Option<Index>,
}

/// A table that cannot be built or read.
fn table_error(message: String) -> DictionaryError {
    DictionaryError {
        file: "gazetteer tables".to_string(),
        line: 0,
        message,
    }
}

impl Tables {
    /// Builds the tables: entries grouped by folded alias (blank ones left
    /// out; patterns numbered in order of first appearance), every id given
    /// the canonical of its highest-priority entry, and the index of the
    /// aliases, which builds on a second thread meanwhile.
    pub fn build(mut entries: Vec<Entry>, kind: IndexKind) -> Result<Tables, DictionaryError> {
        let (folded_aliases, members) = group_by_folded_alias(&entries);
        std::thread::scope(|scope| {
            let index = scope.spawn(|| build_index(&folded_aliases, kind));
            unify_canonicals(&mut entries);
            let mut tables = Tables::ranked(entries, &folded_aliases, members);
            tables.index = index
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            Ok(tables)
        })
    }

    /// The tables of `entries` whose distinct folded aliases are
    /// `folded_aliases`, with `members` their entries in load order; no
    /// index yet.
    fn ranked(entries: Vec<Entry>, folded_aliases: &[String], members: Vec<Vec<u32>>) -> Tables {
        let mut pattern_start = Vec::with_capacity(members.len() + 1);
        let mut pattern_entries = Vec::with_capacity(entries.len());
        let mut flags = Vec::with_capacity(members.len());
        let mut starts = [false; 256];
        let mut small_start_ok = [false; 256];
        for (mut m, alias) in members.into_iter().zip(folded_aliases) {
            // Stable: among equal priorities the first loaded wins.
            m.sort_by_key(|&e| std::cmp::Reverse(entries[e as usize].priority));
            let first = usize::from(alias.as_bytes()[0]);
            starts[first] = true;
            small_start_ok[first] |= m.iter().any(|&e| accepts_small_start(&entries[e as usize]));
            pattern_start.push(pattern_entries.len() as u32);
            pattern_entries.extend(m);
            flags.push(word_flags(alias));
        }
        pattern_start.push(pattern_entries.len() as u32);
        let first_runs = FirstRuns::new(folded_aliases.iter().map(String::as_str));
        Tables {
            entries,
            pattern_start,
            pattern_entries,
            flags,
            starts,
            small_start_ok,
            first_runs,
            index: None,
        }
    }

    /// Number of distinct folded aliases.
    pub fn pattern_count(&self) -> usize {
        self.flags.len()
    }

    /// Entry indices of `pattern`, highest priority first.
    pub fn pattern_entries(&self, pattern: usize) -> &[u32] {
        let (a, b) = (
            self.pattern_start[pattern] as usize,
            self.pattern_start[pattern + 1] as usize,
        );
        &self.pattern_entries[a..b]
    }

    /// Whether a match of `pattern` needs a word boundary before / after it.
    pub fn word_bounds(&self, pattern: usize) -> (bool, bool) {
        let f = self.flags[pattern];
        (f & WORD_START != 0, f & WORD_END != 0)
    }

    /// Whether a walk must stop before a NUL byte of the text (no alias
    /// holds one then): the trie reads NUL as its own end-of-key mark.
    pub fn walks_stop_at_nul(&self) -> bool {
        matches!(self.index, Some(Index::Trie(_)))
    }

    /// The longest folded alias that `key` starts with: `(length, pattern)`.
    /// Where [`Tables::walks_stop_at_nul`], `key` must hold no NUL byte.
    #[inline]
    pub fn longest_prefix(&self, key: &[u8]) -> Option<(usize, usize)> {
        match self.index.as_ref()? {
            Index::Trie(trie) => trie
                .common_prefix_search(key)
                .last()
                .map(|(pattern, len)| (len, pattern as usize)),
            Index::Nfa(nfa) => nfa_longest_prefix(nfa, key),
        }
    }

    /// The pattern whose folded alias is exactly `key`.
    pub fn pattern_of(&self, key: &str) -> Option<usize> {
        if key.is_empty() {
            return None;
        }
        match self.index.as_ref()? {
            Index::Trie(_) if key.as_bytes().contains(&0) => None,
            Index::Trie(trie) => trie.exact_match_search(key).map(|p| p as usize),
            Index::Nfa(nfa) => nfa_longest_prefix(nfa, key.as_bytes())
                .and_then(|(len, p)| (len == key.len()).then_some(p)),
        }
    }

    /// Writes the tables.
    ///
    /// # Panics
    ///
    /// When they were built with [`IndexKind::Nfa`], which cannot be written.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        let trie: &[u8] = match &self.index {
            None => &[],
            Some(Index::Trie(trie)) => &trie.0,
            Some(Index::Nfa(_)) => panic!("tables built with an NFA cannot be written"),
        };
        let mut body = Vec::new();
        let mut arena = String::new();
        let mut records = Vec::with_capacity(self.entries.len() * 32);
        for e in &self.entries {
            let mut put = |s: &str| {
                let at = arena.len() as u32;
                arena.push_str(s);
                [at, s.len() as u32]
            };
            let [id_at, id_len] = put(&e.id);
            let [canonical_at, canonical_len] = put(&e.canonical);
            let [alias_at, alias_len] = put(&e.alias);
            let label = LABELS.iter().position(|&l| l == e.label).unwrap() as u32;
            let case = CASES.iter().position(|&c| c == e.case).unwrap() as u32;
            for v in [
                id_at,
                id_len,
                canonical_at,
                canonical_len,
                alias_at,
                alias_len,
                label | case << 8,
                e.priority as u32,
            ] {
                records.extend_from_slice(&v.to_le_bytes());
            }
        }
        write_section(&mut body, arena.as_bytes());
        write_section(&mut body, &records);
        write_section(&mut body, &u32s_to_bytes(&self.pattern_start));
        write_section(&mut body, &u32s_to_bytes(&self.pattern_entries));
        write_section(&mut body, &self.flags);
        let firsts: Vec<u8> = self
            .starts
            .iter()
            .chain(&self.small_start_ok)
            .map(|&b| u8::from(b))
            .collect();
        write_section(&mut body, &firsts);
        write_section(&mut body, &self.first_runs.to_bytes());
        write_section(&mut body, trie);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&checksum(&body).to_le_bytes());
        out.extend_from_slice(&body);
    }

    /// Reads tables written by [`Tables::write_to`], checking every index
    /// and the checksum; the trie is used in place.
    pub fn read_from(bytes: &'static [u8]) -> Result<Tables, DictionaryError> {
        let bad = |what: &str| table_error(format!("damaged dictionary tables: {what}"));
        if bytes.len() < 20 || &bytes[..8] != MAGIC {
            return Err(bad("not a table file"));
        }
        if bytes[8..12] != FORMAT_VERSION.to_le_bytes() {
            return Err(bad("written by another version"));
        }
        let body = &bytes[20..];
        if bytes[12..20] != checksum(body).to_le_bytes() {
            return Err(bad("checksum mismatch"));
        }
        let mut rest = body;
        let mut section = || read_section(&mut rest).ok_or_else(|| bad("truncated"));
        let arena = std::str::from_utf8(section()?).map_err(|_| bad("text is not UTF-8"))?;
        let records = section()?;
        let pattern_start = bytes_to_u32s(section()?);
        let pattern_entries = bytes_to_u32s(section()?);
        let flags = section()?.to_vec();
        let firsts = section()?;
        let first_runs = FirstRuns::from_bytes(section()?).ok_or_else(|| bad("first words"))?;
        let trie_bytes = section()?;
        let entries = read_entries(arena, records).ok_or_else(|| bad("entry out of range"))?;
        let patterns_ok = pattern_start.len() == flags.len() + 1
            && pattern_start.first() == Some(&0)
            && pattern_start.windows(2).all(|w| w[0] <= w[1])
            && pattern_start.last().map(|&l| l as usize) == Some(pattern_entries.len())
            && pattern_entries
                .iter()
                .all(|&e| (e as usize) < entries.len());
        if !patterns_ok || firsts.len() != 512 {
            return Err(bad("pattern tables out of range"));
        }
        let index = if trie_bytes.is_empty() {
            None
        } else {
            let trie = DoubleArray::new(Cow::Borrowed(trie_bytes))
                .map_err(|e| bad(&format!("trie: {e}")))?;
            if !leaf_values_below(trie_bytes, flags.len()) {
                return Err(bad("trie names a pattern out of range"));
            }
            Some(Index::Trie(trie))
        };
        let mut starts = [false; 256];
        let mut small_start_ok = [false; 256];
        for (i, &b) in firsts.iter().enumerate() {
            let table = if i < 256 {
                &mut starts
            } else {
                &mut small_start_ok
            };
            table[i % 256] = b != 0;
        }
        Ok(Tables {
            entries,
            pattern_start,
            pattern_entries,
            flags,
            starts,
            small_start_ok,
            first_runs,
            index,
        })
    }
}

/// The longest pattern of `nfa` that `key` starts with: `(length, pattern)`.
fn nfa_longest_prefix(nfa: &contiguous::NFA, key: &[u8]) -> Option<(usize, usize)> {
    let mut sid = nfa.start_state(Anchored::Yes).ok()?;
    let mut longest = None;
    for (i, &byte) in key.iter().enumerate() {
        sid = nfa.next_state(Anchored::Yes, sid, byte);
        if nfa.is_special(sid) {
            if nfa.is_dead(sid) {
                break;
            }
            if nfa.is_match(sid) {
                // A state also carries the aliases that end there as a
                // suffix of its path; the one starting at the walk's start
                // is as long as the path.
                let depth = i + 1;
                if let Some(pid) = (0..nfa.match_len(sid))
                    .map(|k| nfa.match_pattern(sid, k))
                    .find(|&pid| nfa.pattern_len(pid) == depth)
                {
                    longest = Some((depth, pid.as_usize()));
                }
            }
        }
    }
    longest
}

/// The index of `folded_aliases` (distinct), each mapped to its position.
fn build_index(
    folded_aliases: &[String],
    kind: IndexKind,
) -> Result<Option<Index>, DictionaryError> {
    if folded_aliases.is_empty() {
        return Ok(None);
    }
    match kind {
        IndexKind::Trie => build_trie(folded_aliases).map(Some),
        IndexKind::Nfa => contiguous::NFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(folded_aliases)
            .map(|nfa| Some(Index::Nfa(Box::new(nfa))))
            .map_err(|e| table_error(format!("cannot build the matcher: {e}"))),
    }
}

/// The entries of the byte form: records of eight little-endian u32
/// (id, canonical and alias as offset and length in `arena`, label and
/// case, priority); `None` if one is out of range.
fn read_entries(arena: &str, records: &[u8]) -> Option<Vec<Entry>> {
    if !records.len().is_multiple_of(32) {
        return None;
    }
    let mut entries = Vec::with_capacity(records.len() / 32);
    for rec in records.chunks_exact(32) {
        let v = |k: usize| u32::from_le_bytes(rec[4 * k..4 * k + 4].try_into().unwrap());
        let text = |k: usize| {
            let at = v(k) as usize;
            arena.get(at..at.checked_add(v(k + 1) as usize)?)
        };
        entries.push(Entry {
            id: text(0)?.to_string(),
            canonical: text(2)?.to_string(),
            alias: text(4)?.to_string(),
            label: *LABELS.get((v(6) & 0xff) as usize)?,
            case: *CASES.get((v(6) >> 8) as usize)?,
            priority: v(7) as i32,
        });
    }
    Some(entries)
}

/// Whether every value the trie's leaves hold is below `patterns`.
fn leaf_values_below(trie: &[u8], patterns: usize) -> bool {
    trie.chunks_exact(4).all(|c| {
        let unit = Unit::from_u32(u32::from_le_bytes(c.try_into().unwrap()));
        !unit.is_leaf() || (unit.value() as usize) < patterns
    })
}

/// The trie of `folded_aliases` (distinct, at least one), each mapped to
/// its position.
fn build_trie(folded_aliases: &[String]) -> Result<Index, DictionaryError> {
    if let Some(alias) = folded_aliases.iter().find(|a| a.contains('\0')) {
        return Err(table_error(format!(
            "the alias {alias:?} holds a NUL character"
        )));
    }
    let mut keyset: Vec<(&[u8], u32)> = folded_aliases
        .iter()
        .enumerate()
        .map(|(i, a)| (a.as_bytes(), i as u32))
        .collect();
    keyset.sort_unstable();
    let bytes = DoubleArrayBuilder::build(&keyset)
        .map_err(|e| table_error(format!("cannot build the matcher: {e}")))?;
    let trie = DoubleArray::new(Cow::Owned(bytes))
        .map_err(|e| table_error(format!("cannot build the matcher: {e}")))?;
    Ok(Index::Trie(trie))
}

/// [`WORD_START`] and [`WORD_END`] as `folded` needs them.
pub(super) fn word_flags(folded: &str) -> u8 {
    let mut flags = 0;
    if is_word_char(folded.chars().next()) {
        flags |= WORD_START;
    }
    if is_word_char(folded.chars().next_back()) {
        flags |= WORD_END;
    }
    flags
}

/// Whether `c` is a letter or digit (where a word boundary is needed).
pub fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// The distinct folded aliases of `entries` (blank ones left out) in order
/// of first appearance, and for each the indices of its entries in load
/// order.
fn group_by_folded_alias(entries: &[Entry]) -> (Vec<String>, Vec<Vec<u32>>) {
    let mut by_alias: FxHashMap<String, usize> =
        FxHashMap::with_capacity_and_hasher(entries.len(), Default::default());
    let mut folded_aliases: Vec<String> = Vec::new();
    let mut members: Vec<Vec<u32>> = Vec::new();
    let mut folded = String::new();
    for (i, entry) in entries.iter().enumerate() {
        folded.clear();
        fold_onto(&entry.alias, &mut folded);
        if folded.trim().is_empty() {
            continue;
        }
        let at = match by_alias.get(folded.as_str()) {
            Some(&at) => at,
            None => {
                members.push(Vec::new());
                folded_aliases.push(folded.clone());
                by_alias.insert(folded.clone(), members.len() - 1);
                members.len() - 1
            }
        };
        members[at].push(i as u32);
    }
    (folded_aliases, members)
}

/// Gives every entry of one id (and label) the canonical of its highest-priority entry.
pub fn unify_canonicals(entries: &mut [Entry]) {
    // Keyed by borrowed ids: one pass to find each id's best entry, then
    // canonicals are copied only where they differ.
    let mut best: FxHashMap<(&str, Label), (i32, usize)> =
        FxHashMap::with_capacity_and_hasher(entries.len(), Default::default());
    let mut source: Vec<usize> = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        if e.id.is_empty() {
            source.push(i);
            continue;
        }
        let slot = best
            .entry((e.id.as_str(), e.label))
            .or_insert((e.priority, i));
        if e.priority > slot.0 {
            *slot = (e.priority, i);
        }
        source.push(usize::MAX);
    }
    for (i, e) in entries.iter().enumerate() {
        if source[i] == usize::MAX {
            source[i] = best[&(e.id.as_str(), e.label)].1;
        }
    }
    drop(best);
    for (i, &from) in source.iter().enumerate() {
        if from != i && entries[from].canonical != entries[i].canonical {
            entries[i].canonical = entries[from].canonical.clone();
        }
    }
}

/// Whether `entry` can match a text starting with a letter that is not a
/// capital.
fn accepts_small_start(entry: &Entry) -> bool {
    match entry.case {
        CasePolicy::Fold => true,
        CasePolicy::Cased => false,
        CasePolicy::Exact => entry
            .alias
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && !c.is_uppercase()),
    }
}

/// A 64-bit checksum of `bytes`, the same on the build machine and the
/// target (catches damage, not tampering).
fn checksum(bytes: &[u8]) -> u64 {
    stable_hash(bytes)
}

fn write_section(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// The next section of `rest`, which moves past it.
fn read_section(rest: &mut &'static [u8]) -> Option<&'static [u8]> {
    let len = u64::from_le_bytes(rest.get(..8)?.try_into().ok()?);
    let len = usize::try_from(len).ok()?;
    let section = rest.get(8..8usize.checked_add(len)?)?;
    *rest = &rest[8 + len..];
    Some(section)
}

/// `v` as little-endian bytes.
pub(super) fn u32s_to_bytes(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// Little-endian `b` as `u32`s (a last partial word is dropped).
pub(super) fn bytes_to_u32s(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::parse_tsv;

    const TSV: &str = "id\tlabel\tcanonical\talias\tcase\tpriority\n\
                       a:1\tPLACE\tAzerbaijan\tAzerbaijan\t\t\n\
                       o:1\tORG\tAzerbaijan State Oil Company\tAzerbaijan State Oil Company\t\t\n\
                       b:1\tPLACE\tBaku\tBakı\t\t\n\
                       g:1\tPLACE\tGeorgia (US state)\tGeorgia\t\t1\n\
                       g:2\tPLACE\tGeorgia\tGeorgia\t\t9\n\
                       g:2\tPLACE\tSakartvelo\tSakartvelo\t\t1\n";

    fn tables_with(kind: IndexKind) -> Tables {
        Tables::build(parse_tsv("t.tsv", TSV).unwrap(), kind).unwrap()
    }

    fn tables() -> Tables {
        tables_with(IndexKind::Trie)
    }

    fn written(t: &Tables) -> &'static [u8] {
        let mut bytes = Vec::new();
        t.write_to(&mut bytes);
        Box::leak(bytes.into_boxed_slice())
    }

    #[test]
    fn patterns_group_entries_by_folded_alias_highest_priority_first() {
        for kind in [IndexKind::Trie, IndexKind::Nfa] {
            patterns_grouped(tables_with(kind));
        }
    }

    fn patterns_grouped(t: Tables) {
        assert_eq!(t.pattern_count(), 5);
        let georgia = t.pattern_of("georgia").unwrap();
        let ids: Vec<&str> = t
            .pattern_entries(georgia)
            .iter()
            .map(|&e| t.entries[e as usize].id.as_str())
            .collect();
        assert_eq!(ids, ["g:2", "g:1"]);
        assert!(t.pattern_of("baki").is_some());
        assert_eq!(t.pattern_of("georgi"), None);
        assert_eq!(t.pattern_of("geo\0rgia"), None);
        assert_eq!(t.word_bounds(georgia), (true, true));
        // One id, one canonical: the highest-priority entry's.
        assert_eq!(t.entries[5].canonical, "Georgia");
    }

    #[test]
    fn longest_prefix_is_the_longest_alias_the_key_starts_with() {
        for kind in [IndexKind::Trie, IndexKind::Nfa] {
            longest_prefixes(tables_with(kind));
        }
    }

    fn longest_prefixes(t: Tables) {
        let key = b"azerbaijan state oil company said";
        let (len, p) = t.longest_prefix(key).unwrap();
        assert_eq!(&key[..len], b"azerbaijan state oil company");
        assert_eq!(t.entries[t.pattern_entries(p)[0] as usize].id, "o:1");
        let (len, _) = t.longest_prefix(b"azerbaijan state oil").unwrap();
        assert_eq!(len, "azerbaijan".len());
        assert_eq!(t.longest_prefix(b"xazerbaijan"), None);
        assert_eq!(t.longest_prefix(b""), None);
    }

    #[test]
    fn tables_round_trip_through_bytes() {
        let t = tables();
        let back = Tables::read_from(written(&t)).unwrap();
        assert_eq!(back.entries, t.entries);
        assert_eq!(back.pattern_start, t.pattern_start);
        assert_eq!(back.pattern_entries, t.pattern_entries);
        assert_eq!(back.flags, t.flags);
        assert_eq!(back.starts, t.starts);
        assert_eq!(back.small_start_ok, t.small_start_ok);
        assert_eq!(back.first_runs.to_bytes(), t.first_runs.to_bytes());
        let key = "bakı".as_bytes();
        assert_eq!(back.longest_prefix(key), t.longest_prefix(key));
        let empty = Tables::build(Vec::new(), IndexKind::Trie).unwrap();
        let back = Tables::read_from(written(&empty)).unwrap();
        assert_eq!(back.pattern_count(), 0);
        assert_eq!(back.longest_prefix(b"baku"), None);
    }

    #[test]
    fn damaged_bytes_are_refused_with_a_reason() {
        let bytes = written(&tables());
        let damaged = |at: usize| {
            let mut b = bytes.to_vec();
            b[at] ^= 0x10;
            Tables::read_from(Box::leak(b.into_boxed_slice()))
                .unwrap_err()
                .message
        };
        assert!(damaged(0).contains("not a table file"));
        assert!(damaged(9).contains("another version"));
        for at in [20, bytes.len() / 3, bytes.len() - 1] {
            assert!(damaged(at).contains("checksum"), "{at}");
        }
        let cut = &bytes[..bytes.len() - 1];
        assert!(Tables::read_from(cut).is_err());
    }

    #[test]
    fn a_trie_naming_a_missing_pattern_is_refused() {
        // Tables whose trie holds more patterns than their pattern tables,
        // with a valid checksum: only the range check can tell.
        let mut t = tables();
        let rows = format!("{TSV}z:1\tPLACE\tZ\tZland\t\t\n");
        let more = Tables::build(parse_tsv("t.tsv", &rows).unwrap(), IndexKind::Trie).unwrap();
        t.index = more.index;
        let err = Tables::read_from(written(&t)).unwrap_err();
        assert!(err.message.contains("out of range"), "{err}");
    }
}

//! The dictionary matcher: every alias folded like the text, the longest
//! alias at each word start (leftmost-longest), whole words only, and each
//! alias's case policy checked against the original text.
//!
//! The shipped dictionaries' matcher tables are built when newsner is
//! compiled and read in place at startup ([`Gazetteer::builtin`], see
//! [`table`]); entries added at run time are built into tables with them
//! ([`Gazetteer::with_default_dictionaries`]); large user dictionaries are
//! compiled and cached apart ([`compiled`]) and matched alongside.

pub mod check;
pub mod compiled;
mod first_runs;
pub mod formats;
mod load;
pub mod table;

use std::{
    fs,
    path::{Path, PathBuf},
    sync::Arc,
};

pub use compiled::{Compiled, EntryRef};
pub use formats::Parsed;
pub use load::{parse_tsv, CasePolicy, DictionaryError, Entry};
use table::{is_word_char, IndexKind, Tables};

use crate::{
    normalize::{fold_onto, Normalized, ASCII_ALNUM},
    span::{Label, Method, Span},
};

/// The dictionaries shipped inside the binary: `(name, contents)`.
pub const DEFAULT_DICTIONARIES: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/default_dictionaries.rs"));

/// Parses every shipped dictionary.
pub fn default_entries() -> Result<Vec<Entry>, DictionaryError> {
    let mut all = Vec::new();
    for (name, contents) in DEFAULT_DICTIONARIES {
        all.extend(parse_tsv(name, contents)?);
    }
    Ok(all)
}

/// A dictionary to load: a path, and for plain `.txt` lists the label of every name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictSource {
    /// A `.tsv` file, a spaCy `.jsonl` pattern file, a `.txt` list, or a directory of `.tsv` files.
    pub path: PathBuf,
    /// The label for a plain list (`PERSON=names.txt`).
    pub label: Option<Label>,
}

impl DictSource {
    /// Parses `PATH` or `LABEL=PATH` (LABEL one of PERSON, PLACE, ORG, NORP).
    pub fn parse(spec: &str) -> DictSource {
        if let Some((label, path)) = spec.split_once('=') {
            if let Some(label) = Label::parse(label).filter(|l| *l != Label::Date) {
                return DictSource {
                    path: path.into(),
                    label: Some(label),
                };
            }
        }
        DictSource {
            path: spec.into(),
            label: None,
        }
    }
}

/// Reads a dictionary source: a TSV file, a spaCy EntityRuler `.jsonl`, a
/// plain `.txt` list with a label, or every `.tsv` file under a directory
/// (sorted by name).
pub fn entries_from_source(source: &DictSource) -> Result<Parsed, DictionaryError> {
    let path = source.path.as_path();
    let fail = |p: &Path, message: String| DictionaryError {
        file: p.display().to_string(),
        line: 0,
        message,
    };
    let mut files = Vec::new();
    if path.is_dir() {
        for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
            let entry = entry.map_err(|e| fail(path, format!("cannot read: {e}")))?;
            if entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "tsv") {
                files.push(entry.into_path());
            }
        }
    } else {
        files.push(path.to_path_buf());
    }
    let mut all = Parsed::default();
    for file in files {
        let name = file.display().to_string();
        let contents =
            fs::read_to_string(&file).map_err(|e| fail(&file, format!("cannot read: {e}")))?;
        let ext = file.extension().and_then(|x| x.to_str()).unwrap_or("");
        let parsed = match (ext, source.label) {
            ("jsonl", _) => formats::parse_spacy_jsonl(&name, &contents)?,
            (_, Some(label)) => formats::parse_plain_list(&name, label, &contents)?,
            ("txt", None) => {
                return Err(fail(
                    &file,
                    "a plain list needs its label: --dict PERSON=FILE (or PLACE=, ORG=, NORP=)"
                        .into(),
                ))
            }
            _ => Parsed {
                entries: parse_tsv(&name, &contents)?,
                skipped_labels: 0,
            },
        };
        all.entries.extend(parsed.entries);
        all.skipped_labels += parsed.skipped_labels;
    }
    Ok(all)
}

/// The shipped dictionaries' matcher tables, built by `build.rs` with
/// [`table::Tables::write_to`] from the same files as [`DEFAULT_DICTIONARIES`].
static BUILTIN_TABLES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default_gazetteer.bin"));

/// An immutable, thread-safe dictionary matcher.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// The entries' folded aliases in an index, their entries, word-boundary
    /// needs and start filters.
    tables: Tables,
    /// Large dictionaries compiled separately (see [`compiled`]), matched
    /// together with the tables above as one leftmost-longest union.
    compiled: Vec<Arc<Compiled>>,
}

impl Gazetteer {
    /// Builds the matcher from entries.
    ///
    /// An id names one entity with one canonical name: when entries of one
    /// id disagree ("Crimea" in a curated list, "Avtonomna Respublika Krym"
    /// in ISO 3166-2), the highest-priority entry's canonical is used for all.
    pub fn new(entries: Vec<Entry>) -> Result<Gazetteer, DictionaryError> {
        Ok(Gazetteer {
            tables: Tables::build(entries, IndexKind::Nfa)?,
            compiled: Vec::new(),
        })
    }

    /// The matcher of the shipped dictionaries, read from the tables
    /// compiled into the binary at build time (checked, not rebuilt): the
    /// same matcher as `Gazetteer::new(default_entries()?)`, without
    /// parsing a dictionary or building a trie.
    pub fn builtin() -> Result<Gazetteer, DictionaryError> {
        let tables = Tables::read_from(BUILTIN_TABLES).map_err(|mut e| {
            e.file = "the built-in dictionaries".into();
            e
        })?;
        Ok(Gazetteer {
            tables,
            compiled: Vec::new(),
        })
    }

    /// The matcher of the shipped dictionaries followed by `more` entries:
    /// the built-in tables when there are none, else all of them built
    /// afresh (an id or alias they share is ranked across both).
    pub fn with_default_dictionaries(more: Vec<Entry>) -> Result<Gazetteer, DictionaryError> {
        if more.is_empty() {
            return Gazetteer::builtin();
        }
        let mut entries = default_entries()?;
        entries.extend(more);
        Gazetteer::new(entries)
    }

    /// Adds compiled dictionaries, matched alongside the entries: at each
    /// position the longest alias of any of them wins, and entries that
    /// share a folded alias across them are ranked by priority (the
    /// entries given to [`Gazetteer::new`] first among equals).
    pub fn with_compiled(mut self, parts: impl IntoIterator<Item = Compiled>) -> Gazetteer {
        self.compiled.extend(parts.into_iter().map(Arc::new));
        self
    }

    /// Number of distinct folded aliases (per dictionary part: an alias in
    /// the entries and in a compiled dictionary counts twice).
    pub fn pattern_count(&self) -> usize {
        self.tables.pattern_count()
            + self
                .compiled
                .iter()
                .map(|c| c.pattern_count())
                .sum::<usize>()
    }

    /// All loaded entries, compiled dictionaries excepted.
    pub fn entries(&self) -> &[Entry] {
        &self.tables.entries
    }

    /// The entries of pattern `p`, highest priority first.
    fn pattern_entries(&self, p: usize) -> impl Iterator<Item = &Entry> + '_ {
        self.tables
            .pattern_entries(p)
            .iter()
            .map(move |&e| &self.tables.entries[e as usize])
    }

    /// The entries whose alias folds like `surface`, highest priority
    /// first, whatever their case policy (for the context rules, where the
    /// text's case says nothing: a line written in capitals).
    pub fn lookup(&self, surface: &str) -> impl Iterator<Item = &Entry> + '_ {
        self.pattern_of(surface)
            .into_iter()
            .flat_map(move |p| self.pattern_entries(p))
    }

    /// The pattern whose folded alias is the folding of `surface`. A short
    /// ASCII surface (most lookups) is lowercased on the stack, which is its
    /// folding; any other is folded into a string, without an offset map.
    fn pattern_of(&self, surface: &str) -> Option<usize> {
        const SHORT: usize = 64;
        if surface.len() <= SHORT && surface.is_ascii() {
            let mut buf = [0u8; SHORT];
            let lower = &mut buf[..surface.len()];
            lower.copy_from_slice(surface.as_bytes());
            lower.make_ascii_lowercase();
            return self.pattern_of_folded(std::str::from_utf8(lower).expect("ASCII is UTF-8"));
        }
        let mut key = String::with_capacity(surface.len());
        fold_onto(surface, &mut key);
        self.pattern_of_folded(&key)
    }

    /// The pattern of folded alias `key`. Most keys looked up (the words of
    /// a line in capitals) start no alias: the Bloom filter of first runs
    /// turns them away before the alias index is touched.
    fn pattern_of_folded(&self, key: &str) -> Option<usize> {
        let bytes = key.as_bytes();
        if !self
            .tables
            .first_runs
            .may_start(&bytes[..first_runs::run_len(bytes)])
        {
            return None;
        }
        self.tables.pattern_of(key)
    }

    /// The compiled dictionaries.
    pub fn compiled(&self) -> impl Iterator<Item = &Compiled> + '_ {
        self.compiled.iter().map(|c| &**c)
    }

    /// Finds dictionary mentions in `text`, given its folding `norm`.
    ///
    /// Leftmost-longest over the folded text; a candidate that is not a
    /// whole word or fails its case policy is dropped and the search
    /// resumes at the next character, so a shorter alias starting later can
    /// still match.
    pub fn find(&self, text: &str, norm: &Normalized) -> Vec<Span> {
        if !self.compiled.is_empty() {
            return self.find_union(text, norm);
        }
        // Equivalent to repeating a leftmost-longest search from `pos` and
        // resuming one character after a dropped candidate: each position is
        // tried in turn for its longest alias. Only positions where a match
        // could pass the word-boundary check are tried: a word's first
        // character, or a character that is not a letter or digit (an alias
        // starting there needs no boundary).
        let folded = norm.folded.as_str();
        let bytes = folded.as_bytes();
        let mut nul = NulCursor::new(bytes);
        // Room for about one span per 64 bytes: the dictionary matches
        // (about one per 128 bytes in news), and the rule and date spans
        // the extractor adds to the same list, so that it is rarely moved
        // (into memory not in the cache) as it grows.
        let mut out = Vec::with_capacity(bytes.len() / 64 + 4);
        let mut pos = 0;
        let mut after_word = false;
        while pos < bytes.len() {
            // The first run is computed once per word: it is both what the
            // Bloom filter checks and the ASCII part of the word to skip.
            let run = first_runs::run_len(&bytes[pos..]);
            let (is_word, skip) = if run > 0 {
                (true, run)
            } else {
                let (is_word, len) = word_char_at(folded, pos);
                let rest = if is_word {
                    first_runs::run_len(&bytes[pos + len..])
                } else {
                    0
                };
                (is_word, len + rest)
            };
            if (!after_word || !is_word) && self.may_start_at(text, norm, pos, run) {
                if let Some((end, pattern)) = self.longest_at(bytes, pos, &mut nul) {
                    if let Some(span) = self.accept(text, norm, pattern, pos, end) {
                        out.push(span);
                        after_word = is_word_char(folded[..end].chars().next_back());
                        pos = end;
                        continue;
                    }
                }
            }
            // The rest of a word is no candidate: its ASCII part is skipped.
            after_word = is_word;
            pos += skip;
            // So are the marks after it that start no alias (most often one
            // space), as the steps above would pass them, one at a time.
            let marks = self.marks_to_pass(&bytes[pos..]);
            if marks > 0 {
                after_word = false;
                pos += marks;
            }
        }
        out
    }

    /// How many bytes at the start of `bytes` are ASCII marks (neither
    /// letters nor digits) that start no alias: no position among them is
    /// a candidate, and the walk leaves them not after a word.
    #[inline]
    fn marks_to_pass(&self, bytes: &[u8]) -> usize {
        let starts = &self.tables.starts;
        bytes
            .iter()
            .take_while(|&&b| {
                b.is_ascii() && !ASCII_ALNUM[usize::from(b)] && !starts[usize::from(b)]
            })
            .count()
    }

    /// Whether an alias may start at folded byte `pos` (whose first run is
    /// `run` bytes long), from its first byte, the case of the original
    /// text there, and its first run.
    #[inline]
    fn may_start_at(&self, text: &str, norm: &Normalized, pos: usize, run: usize) -> bool {
        let bytes = norm.folded.as_bytes();
        let first = usize::from(bytes[pos]);
        let t = &self.tables;
        t.starts[first]
            && (t.small_start_ok[first] || !starts_small(text, norm.origin_of(pos)))
            && t.first_runs.may_start(&bytes[pos..pos + run])
    }

    /// The longest folded alias that starts at `pos`: `(end, pattern)`.
    /// `nul` tells where the next NUL byte is, for walks that stop there.
    #[inline]
    fn longest_at(&self, bytes: &[u8], pos: usize, nul: &mut NulCursor) -> Option<(usize, usize)> {
        let end = if self.tables.walks_stop_at_nul() {
            nul.next_at_or_after(bytes, pos)
        } else {
            bytes.len()
        };
        let (len, pattern) = self.tables.longest_prefix(&bytes[pos..end])?;
        Some((pos + len, pattern))
    }

    fn accept(
        &self,
        text: &str,
        norm: &Normalized,
        pattern: usize,
        start: usize,
        end: usize,
    ) -> Option<Span> {
        let bounds = self.tables.word_bounds(pattern);
        let (o_start, o_end) = whole_word(text, norm, start, end, bounds)?;
        let surface = &text[o_start..o_end];
        let entry = self
            .pattern_entries(pattern)
            .map(Entry::as_ref)
            .find(|e| case_accepts(e.case, e.alias, surface))?;
        Some(dictionary_span(o_start, o_end, entry))
    }
}

/// Where the next NUL byte of a folded text is, for walks that must stop
/// there (no alias holds one); found by one forward pass when the
/// positions asked about only move forward.
struct NulCursor {
    /// The position the last search started from.
    from: usize,
    /// The first NUL at or after `from`, or the text's length.
    next: usize,
}

impl NulCursor {
    fn new(bytes: &[u8]) -> NulCursor {
        NulCursor {
            from: 0,
            next: memchr::memchr(0, bytes).unwrap_or(bytes.len()),
        }
    }

    /// The first NUL at or after `pos`, or the length of `bytes`.
    #[inline]
    fn next_at_or_after(&mut self, bytes: &[u8], pos: usize) -> usize {
        if pos < self.from || self.next < pos {
            self.from = pos;
            self.next = memchr::memchr(0, &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        }
        self.next
    }
}

impl Gazetteer {
    /// The next match of dictionary part `k` (0: the entries' tables, then
    /// the compiled ones) at or after `pos`: `(start, end, pattern)`. For
    /// the tables, the first character position from `pos` on where some
    /// alias starts, and its longest alias there.
    fn part_find(
        &self,
        k: usize,
        folded: &str,
        pos: usize,
        nul: &mut NulCursor,
    ) -> Option<(usize, usize, usize)> {
        if k > 0 {
            return self.compiled[k - 1].find_at(folded, pos);
        }
        let bytes = folded.as_bytes();
        let mut at = pos;
        while at < bytes.len() {
            if self.tables.starts[usize::from(bytes[at])] {
                if let Some((end, pattern)) = self.longest_at(bytes, at, nul) {
                    return Some((at, end, pattern));
                }
            }
            at += folded[at..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// [`Gazetteer::find`] over the entries and the compiled dictionaries:
    /// the leftmost-longest match of the union is the leftmost, then
    /// longest, of each part's own leftmost-longest match. A part's match
    /// found from an earlier position stays valid while it starts at or
    /// after the current one.
    fn find_union(&self, text: &str, norm: &Normalized) -> Vec<Span> {
        let folded = norm.folded.as_str();
        let parts = 1 + self.compiled.len();
        let mut nul = NulCursor::new(folded.as_bytes());
        // Per part: None = not searched yet, Some(None) = no more matches.
        let mut next: Vec<Option<Option<(usize, usize, usize)>>> = vec![None; parts];
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < folded.len() {
            let mut best: Option<(usize, usize)> = None;
            for (k, slot) in next.iter_mut().enumerate() {
                if matches!(slot, Some(Some((s, _, _))) if *s < pos) {
                    *slot = None;
                }
                let m = *slot.get_or_insert_with(|| self.part_find(k, folded, pos, &mut nul));

                if let Some((s, e, _)) = m {
                    if best.is_none_or(|(bs, be)| s < bs || (s == bs && e > be)) {
                        best = Some((s, e));
                    }
                }
            }
            let Some((start, end)) = best else { break };
            let chosen: Vec<(usize, usize)> = next
                .iter()
                .enumerate()
                .filter_map(|(k, m)| match m {
                    Some(Some((s, e, p))) if (*s, *e) == (start, end) => Some((k, *p)),
                    _ => None,
                })
                .collect();
            match self.accept_union(text, norm, &chosen, start, end) {
                Some(span) => {
                    pos = end;
                    out.push(span);
                }
                None => {
                    pos = start + folded[start..].chars().next().map_or(1, char::len_utf8);
                }
            }
        }
        out
    }

    /// Entries of pattern `p` of part `k`, highest priority first.
    fn part_entries(&self, k: usize, p: usize) -> Box<dyn Iterator<Item = EntryRef<'_>> + '_> {
        if k == 0 {
            Box::new(self.pattern_entries(p).map(Entry::as_ref))
        } else {
            Box::new(self.compiled[k - 1].pattern_entries(p))
        }
    }

    fn accept_union(
        &self,
        text: &str,
        norm: &Normalized,
        chosen: &[(usize, usize)],
        start: usize,
        end: usize,
    ) -> Option<Span> {
        let (k, p) = chosen[0];
        // The same folded alias in every chosen part: the same word bounds.
        let bounds = if k == 0 {
            self.tables.word_bounds(p)
        } else {
            self.compiled[k - 1].word_bounds(p)
        };
        let (o_start, o_end) = whole_word(text, norm, start, end, bounds)?;
        let surface = &text[o_start..o_end];
        let mut candidates: Vec<EntryRef<'_>> = chosen
            .iter()
            .flat_map(|&(k, p)| self.part_entries(k, p))
            .collect();
        if chosen.len() > 1 {
            // Stable: among equal priorities the earlier part wins.
            candidates.sort_by_key(|e| std::cmp::Reverse(e.priority));
        }
        let entry = candidates
            .into_iter()
            .find(|e| case_accepts(e.case, e.alias, surface))?;
        Some(dictionary_span(o_start, o_end, entry))
    }
}

/// The original span of folded match `start..end`, unless the match cuts a
/// word where its alias needs a boundary (`(at the start, at the end)`).
fn whole_word(
    text: &str,
    norm: &Normalized,
    start: usize,
    end: usize,
    (word_start, word_end): (bool, bool),
) -> Option<(usize, usize)> {
    let folded = norm.folded.as_str();
    if (word_start && is_word_char(folded[..start].chars().next_back()))
        || (word_end && is_word_char(folded[end..].chars().next()))
    {
        return None;
    }
    Some(norm.to_original(text, start, end))
}

/// The mention of dictionary `entry` at `start..end` of the original text.
fn dictionary_span(start: usize, end: usize, entry: EntryRef<'_>) -> Span {
    Span::entity(
        start,
        end,
        entry.label,
        entry.canonical.to_string(),
        entry.id.to_string(),
        Method::Dictionary,
    )
}

impl Entry {
    /// A borrowed view, the form compiled dictionaries give their entries in.
    pub fn as_ref(&self) -> EntryRef<'_> {
        EntryRef {
            id: &self.id,
            label: self.label,
            canonical: &self.canonical,
            alias: &self.alias,
            case: self.case,
            priority: self.priority,
        }
    }
}

/// Whether the original text at byte `at` starts with a letter that is not
/// a capital: what [`CasePolicy::Cased`] rejects.
fn starts_small(text: &str, at: usize) -> bool {
    if let Some(b) = text.as_bytes().get(at).filter(|b| b.is_ascii()) {
        return b.is_ascii_lowercase();
    }
    text[at..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && !c.is_uppercase())
}

/// Whether the character at byte `pos` is a letter or digit, and its length.
fn word_char_at(s: &str, pos: usize) -> (bool, usize) {
    let b = s.as_bytes()[pos];
    if b.is_ascii() {
        return (b.is_ascii_alphanumeric(), 1);
    }
    let c = s[pos..].chars().next().expect("pos is a char boundary");
    (c.is_alphanumeric(), c.len_utf8())
}

/// Whether `surface` (the original text) satisfies an entry's case policy.
fn case_accepts(case: CasePolicy, alias: &str, surface: &str) -> bool {
    match case {
        CasePolicy::Fold => true,
        CasePolicy::Exact => surface == alias,
        CasePolicy::Cased => surface
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz(rows: &str) -> Gazetteer {
        let tsv = format!("id\tlabel\tcanonical\talias\tcase\tpriority\n{rows}");
        Gazetteer::new(parse_tsv("t.tsv", &tsv).unwrap()).unwrap()
    }

    fn found(g: &Gazetteer, text: &str) -> Vec<(String, &'static str, String)> {
        let n = Normalized::new(text);
        g.find(text, &n)
            .into_iter()
            .map(|s| {
                (
                    text[s.start..s.end].to_string(),
                    s.label.as_str(),
                    s.entity_id,
                )
            })
            .collect()
    }

    macro_rules! t {
        ($name:ident, $rows:expr, $text:expr, [$($surface:expr),*]) => {
            #[test]
            fn $name() {
                let g = gaz($rows);
                let got: Vec<String> = found(&g, $text).into_iter().map(|f| f.0).collect();
                let want: Vec<&str> = vec![$($surface),*];
                assert_eq!(got, want);
            }
        };
    }

    const AZ: &str = "a:1\tPLACE\tAzerbaijan\tAzerbaijan\t\t\n\
                      o:1\tORG\tAzerbaijan State Oil Company\tAzerbaijan State Oil Company\t\t\n\
                      b:1\tPLACE\tBaku\tBaku\t\t\n\
                      u:1\tPLACE\tUnited States\tUS\t\t\n\
                      c:1\tPLACE\tChad\tChad\texact\t\n";

    // The automaton's state for "dollar" (on the way to "Dollard") also
    // carries "lar", which ends there: only an alias that starts where the
    // walk started may match.
    t!(
        suffix_alias_inside_a_longer_prefix_is_not_a_match,
        "d:1\tPLACE\tDollard\tDollard-des-Ormeaux\t\t\nl:1\tPLACE\tLar\tLar\t\t\n",
        "Dollar prices in Lar and Dollard-des-Ormeaux.",
        ["Lar", "Dollard-des-Ormeaux"]
    );
    t!(
        word_inside_a_word_is_skipped_but_next_word_matches,
        AZ,
        "Bakuvian Baku, xChad Chad",
        ["Baku", "Chad"]
    );
    // Marks that start no alias are passed over, and the word after them
    // is a word start; a mark that starts an alias is tried.
    t!(
        marks_are_passed_unless_an_alias_starts_with_one,
        "m:1\tORG\t#MeToo\t#MeToo\t\t\nb:1\tPLACE\tBaku\tBaku\t\t\n",
        "Baku,  (Baku) ##MeToo;Baku",
        ["Baku", "Baku", "#MeToo", "Baku"]
    );
    // Words starting with a small letter are skipped unless some alias
    // with the same first letter accepts them (case fold, or exact).
    t!(
        small_start_needs_an_alias_that_accepts_it,
        "p:1\tPLACE\tParis\tParis\t\t\nq:1\tPLACE\tPau\tpau\tfold\t\nb:1\tPLACE\tBaku\tBaku\t\t\n",
        "paris, pau, baku, Paris, PAU, Baku",
        ["pau", "Paris", "PAU", "Baku"]
    );
    t!(
        longest_wins,
        AZ,
        "the Azerbaijan State Oil Company said",
        ["Azerbaijan State Oil Company"]
    );
    t!(folds_case_and_marks, AZ, "BAKU and Bakü", ["BAKU", "Bakü"]);
    t!(whole_words_only, AZ, "Bakuvian Azerbaijani", []);
    t!(possessive_is_a_boundary, AZ, "Baku's mayor", ["Baku"]);
    t!(hyphen_is_a_boundary, AZ, "the Baku-Tbilisi line", ["Baku"]);
    t!(cased_rejects_lowercase, AZ, "baku", []);
    t!(exact_short_caps, AZ, "the US and us", ["US"]);
    t!(exact_common_word, AZ, "Chad and chad and CHAD", ["Chad"]);
    t!(
        failed_long_match_lets_later_short_match,
        AZ,
        "xAzerbaijan Baku",
        ["Baku"]
    );

    #[test]
    fn priority_picks_among_shared_aliases() {
        let g = gaz(
            "s:1\tPLACE\tGeorgia (US state)\tGeorgia\t\t1\nc:1\tPLACE\tGeorgia\tGeorgia\t\t9\n",
        );
        assert_eq!(found(&g, "in Georgia")[0].2, "c:1");
    }

    #[test]
    fn one_id_gets_one_canonical() {
        let g = gaz(
            "x:1\tPLACE\tAvtonomna Respublika Krym\tKrym\t\t65\nx:1\tPLACE\tCrimea\tCrimea\t\t90\n",
        );
        assert!(g.entries().iter().all(|e| e.canonical == "Crimea"));
    }

    #[test]
    fn lookup_ignores_case_policy() {
        let g = gaz(AZ);
        let ids: Vec<&str> = g.lookup("CHAD").map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["c:1"]);
        assert_eq!(g.lookup("Nowhere").count(), 0);
    }

    #[test]
    fn lookup_folds_marks_and_long_surfaces() {
        let long = "The Azerbaijan State Oil Company of the Republic of Azerbaijan Ltd";
        assert!(long.len() > 64);
        let g = gaz(&format!("{AZ}l:1\tORG\tLong\t{long}\t\t\n"));
        let ids = |s: &str| g.lookup(s).map(|e| e.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids("BAKÜ"), ["b:1"]);
        assert_eq!(ids(&long.to_uppercase()), ["l:1"]);
        assert_eq!(ids("Bakü\u{200b}x"), Vec::<String>::new());
    }

    #[test]
    fn label_is_carried() {
        let g = gaz(AZ);
        assert_eq!(found(&g, "Baku")[0].1, Label::Place.as_str());
    }

    /// One gazetteer of all rows against the same rows split between the
    /// entries' automaton and a compiled part: same spans, ids and labels.
    fn split_agrees(rows: &str, text: &str) {
        let tsv = |r: &str| format!("id\tlabel\tcanonical\talias\tcase\tpriority\n{r}");
        let whole = gaz(rows);
        let lines: Vec<&str> = rows.lines().collect();
        for cut in 0..=lines.len() {
            let (a, b) = lines.split_at(cut);
            let part =
                Compiled::build(parse_tsv("b.tsv", &tsv(&b.join("\n"))).unwrap(), 0).unwrap();
            let split = Gazetteer::new(parse_tsv("a.tsv", &tsv(&a.join("\n"))).unwrap())
                .unwrap()
                .with_compiled([part]);
            assert_eq!(
                found(&split, text),
                found(&whole, text),
                "cut at {cut}: {text}"
            );
        }
    }

    macro_rules! union {
        ($name:ident, $rows:expr, $text:expr) => {
            #[test]
            fn $name() {
                split_agrees($rows, $text);
            }
        };
    }

    const SHARED: &str = "s:1\tPLACE\tGeorgia (US state)\tGeorgia\t\t1\n\
                          c:1\tPLACE\tGeorgia\tGeorgia\t\t9\n\
                          p:1\tPERSON\tGeorgia Smith\tGeorgia Smith\t\t\n\
                          x:1\tPLACE\tChad\tChad\texact\t\n\
                          n:1\tPERSON\tChad Smith\tchad\t\t\n";

    union!(
        union_longest_across_parts,
        AZ,
        "the Azerbaijan State Oil Company in Baku, Azerbaijan"
    );
    union!(
        union_failed_match_resumes,
        AZ,
        "xAzerbaijan Baku BAKU US us Chad chad"
    );
    union!(
        union_priority_across_parts,
        SHARED,
        "in Georgia, Georgia Smith said; Chad and chad"
    );
    union!(union_no_match, AZ, "nothing here at all");

    #[test]
    fn compiled_parts_count_their_patterns() {
        let part = Compiled::build(
            parse_tsv(
                "b.tsv",
                &format!("id\tlabel\tcanonical\talias\n{}", "q:1\tORG\tQ\tQ Corp\n"),
            )
            .unwrap(),
            0,
        )
        .unwrap();
        let g = gaz(AZ).with_compiled([part]);
        assert_eq!(g.pattern_count(), 6);
        assert_eq!(found(&g, "Q Corp in Baku").len(), 2);
    }

    /// The shipped dictionaries built afresh, as a run did before the
    /// tables were compiled in.
    fn fresh_defaults() -> Gazetteer {
        Gazetteer::new(default_entries().unwrap()).unwrap()
    }

    /// A text naming every `step`-th alias of the shipped dictionaries in
    /// several cases and contexts, with words around and inside words.
    fn sample_of_aliases(step: usize) -> String {
        let mut text = String::new();
        for (i, e) in default_entries().unwrap().iter().enumerate().step_by(step) {
            let alias = &e.alias;
            match i % 5 {
                0 => text.push_str(&format!("In {alias}, officials said. ")),
                1 => text.push_str(&format!("{} reported ", alias.to_uppercase())),
                2 => text.push_str(&format!("the {} and ", alias.to_lowercase())),
                3 => text.push_str(&format!("x{alias}y {alias}'s ")),
                _ => text.push_str(&format!("\"{alias}\"-based. ")),
            }
        }
        text
    }

    #[test]
    fn builtin_tables_are_what_a_fresh_build_writes() {
        let mut fresh = Vec::new();
        Tables::build(default_entries().unwrap(), IndexKind::Trie)
            .unwrap()
            .write_to(&mut fresh);
        assert!(fresh == BUILTIN_TABLES, "the embedded tables are stale");
    }

    #[test]
    fn builtin_finds_what_a_fresh_build_finds() {
        let builtin = Gazetteer::builtin().unwrap();
        let fresh = fresh_defaults();
        assert_eq!(builtin.entries(), fresh.entries());
        assert_eq!(builtin.pattern_count(), fresh.pattern_count());
        let text = sample_of_aliases(7);
        let norm = Normalized::new(&text);
        let spans = builtin.find(&text, &norm);
        assert!(spans.len() > 2000, "{} spans", spans.len());
        assert_eq!(spans, fresh.find(&text, &norm));
        for word in ["PARIS", "New York", "nowhere at all", "U.S.", "Bakı", ""] {
            let ids = |g: &Gazetteer| g.lookup(word).map(|e| e.id.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&builtin), ids(&fresh), "{word}");
        }
        assert!(builtin.lookup("PARIS").next().is_some());
    }

    #[test]
    fn more_entries_join_the_shipped_ones() {
        let extra = parse_tsv(
            "x.tsv",
            "id\tlabel\tcanonical\talias\nx:1\tORG\tQuux Corp\tQuux Corp\n",
        )
        .unwrap();
        let g = Gazetteer::with_default_dictionaries(extra).unwrap();
        assert_eq!(g.pattern_count(), fresh_defaults().pattern_count() + 1);
        let got = found(&g, "Quux Corp opened in Paris");
        assert_eq!(got[0].0, "Quux Corp");
        assert_eq!(got[1].0, "Paris");
        assert_eq!(
            Gazetteer::with_default_dictionaries(Vec::new())
                .unwrap()
                .pattern_count(),
            fresh_defaults().pattern_count()
        );
    }

    #[test]
    fn damaged_builtin_tables_are_refused() {
        let leak = |b: Vec<u8>| -> &'static [u8] { Box::leak(b.into_boxed_slice()) };
        let mut flipped = BUILTIN_TABLES.to_vec();
        let mid = flipped.len() / 2;
        flipped[mid] ^= 0x40;
        let err = Tables::read_from(leak(flipped)).unwrap_err();
        assert!(err.message.contains("checksum"), "{err}");
        let cut = &BUILTIN_TABLES[..BUILTIN_TABLES.len() - 9];
        assert!(Tables::read_from(leak(cut.to_vec())).is_err());
        let mut other = BUILTIN_TABLES.to_vec();
        other[8] ^= 1;
        let err = Tables::read_from(leak(other)).unwrap_err();
        assert!(err.message.contains("another version"), "{err}");
    }

    // No alias holds a NUL byte, and a walk stops at one in the text.
    t!(
        nul_bytes_end_a_walk,
        AZ,
        "Baku\0Chad \0\0 Azerbaijan State\0Oil Company",
        ["Baku", "Chad", "Azerbaijan"]
    );
    union!(nul_bytes_in_a_union, AZ, "Baku\0Chad \0 Azerbaijan\0State");

    #[test]
    fn an_alias_with_a_nul_byte_matches_but_cannot_be_compiled_in() {
        let g = gaz("x:1\tORG\tX Y\tx\0y\tfold\t\n");
        assert_eq!(found(&g, "a x\0y b")[0].0, "x\0y");
        let entries = g.entries().to_vec();
        let e = Tables::build(entries, IndexKind::Trie).unwrap_err();
        assert!(e.message.contains("NUL"), "{e}");
    }

    #[test]
    fn no_entries_match_nothing() {
        let g = Gazetteer::new(Vec::new()).unwrap();
        assert_eq!(g.pattern_count(), 0);
        assert!(found(&g, "Baku and Paris").is_empty());
        assert_eq!(g.lookup("Baku").count(), 0);
    }
}

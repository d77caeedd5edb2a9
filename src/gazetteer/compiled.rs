//! Compiled dictionaries: a large user dictionary (a million aliases) built
//! once into a compact form and cached on disk, so that later runs are
//! ready to match in well under a second.
//!
//! The compiled form is a daachorse double-array automaton over the folded
//! aliases (leftmost-longest; daachorse serializes its automaton, which
//! aho-corasick cannot) plus the entries packed into one string arena and
//! flat index arrays: about 100 bytes per alias in memory instead of the
//! ~350 of an `Entry` per alias plus an aho-corasick automaton.
//!
//! [`load_source`] decides: a dictionary file whose cached compiled form
//! exists (keyed by a hash of its bytes, its label, this crate's version and
//! the format version) is loaded from the cache; otherwise it is parsed, and
//! if it holds at least [`COMPILE_MIN_ENTRIES`] entries it is compiled and
//! the cache written. The cache lives in `$NEWSNER_CACHE_DIR`, else
//! `$XDG_CACHE_HOME/newsner`, else `~/.cache/newsner`;
//! `NEWSNER_CACHE_DIR=off` disables it. Cache files are written under a
//! temporary name and renamed, so a crash never leaves a half file.

use std::{
    collections::HashMap,
    env, fs,
    hash::{Hash, Hasher},
    io::{self, BufReader, BufWriter, Read, Write},
    path::{Path, PathBuf},
};

use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder, MatchKind};

use super::{
    entries_from_source,
    table::{bytes_to_u32s, u32s_to_bytes, word_flags, CASES, LABELS, WORD_END, WORD_START},
    CasePolicy, DictSource, DictionaryError, Entry, Parsed,
};
use crate::{normalize::fold, span::Label};

/// Dictionaries with at least this many entries are compiled and cached.
pub const COMPILE_MIN_ENTRIES: usize = 100_000;

/// Bumped whenever the file layout, the folding or the matching rules change.
const FORMAT_VERSION: u32 = 1;
const MAGIC: &[u8; 8] = b"NEWSNERD";

/// One entry, its strings as `(offset, length)` in the arena.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Packed {
    id: (u32, u32),
    canonical: (u32, u32),
    alias: (u32, u32),
    label: u8,
    case: u8,
    priority: i32,
}

/// A borrowed view of one compiled entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryRef<'a> {
    /// Namespaced id.
    pub id: &'a str,
    /// What it names.
    pub label: Label,
    /// Canonical name.
    pub canonical: &'a str,
    /// The alias as written in the dictionary.
    pub alias: &'a str,
    /// Case policy.
    pub case: CasePolicy,
    /// Higher wins among entries sharing an alias.
    pub priority: i32,
}

/// A dictionary compiled for matching: immutable and thread-safe.
#[derive(Clone)]
pub struct Compiled {
    automaton: DoubleArrayAhoCorasick<u32>,
    arena: String,
    entries: Vec<Packed>,
    /// Pattern `p`'s entries are `pattern_entries[pattern_start[p]..pattern_start[p + 1]]`,
    /// highest priority first.
    pattern_start: Vec<u32>,
    pattern_entries: Vec<u32>,
    /// [`WORD_START`] / [`WORD_END`] per pattern.
    flags: Vec<u8>,
    skipped_labels: usize,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("patterns", &self.pattern_count())
            .field("entries", &self.entries.len())
            .field("automaton_bytes", &self.automaton.heap_bytes())
            .finish()
    }
}

/// Why a compiled dictionary could not be built.
fn build_error(e: impl std::fmt::Display) -> DictionaryError {
    DictionaryError {
        file: String::new(),
        line: 0,
        message: format!("cannot compile the dictionary: {e}"),
    }
}

struct Arena {
    text: String,
}

impl Arena {
    fn push(&mut self, s: &str) -> Result<(u32, u32), DictionaryError> {
        let at = u32::try_from(self.text.len())
            .map_err(|_| build_error("more than 4 GB of dictionary text"))?;
        self.text.push_str(s);
        Ok((at, s.len() as u32))
    }
}

impl Compiled {
    /// Compiles entries (folded like article text, deduplicated by folded
    /// alias, ids given one canonical as in [`super::Gazetteer::new`]).
    pub fn build(
        mut entries: Vec<Entry>,
        skipped_labels: usize,
    ) -> Result<Compiled, DictionaryError> {
        super::table::unify_canonicals(&mut entries);
        let mut by_alias: HashMap<String, u32> = HashMap::with_capacity(entries.len());
        let mut folded_aliases: Vec<String> = Vec::new();
        let mut members: Vec<Vec<u32>> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let folded = fold(&entry.alias);
            if folded.trim().is_empty() {
                continue;
            }
            let next = members.len() as u32;
            let at = *by_alias.entry(folded).or_insert(next);
            if at == next {
                members.push(Vec::new());
            }
            members[at as usize].push(i as u32);
        }
        let mut order: Vec<(String, u32)> = by_alias.into_iter().collect();
        order.sort_unstable_by_key(|&(_, v)| v);
        folded_aliases.extend(order.into_iter().map(|(k, _)| k));

        let mut arena = Arena {
            text: String::new(),
        };
        let mut packed = Vec::with_capacity(entries.len());
        let mut last_id: Option<(&str, (u32, u32))> = None;
        for e in &entries {
            let alias = arena.push(&e.alias)?;
            let canonical = if e.canonical == e.alias {
                alias
            } else {
                arena.push(&e.canonical)?
            };
            let id = match last_id {
                Some((prev, at)) if prev == e.id => at,
                _ => arena.push(&e.id)?,
            };
            last_id = Some((&e.id, id));
            packed.push(Packed {
                id,
                canonical,
                alias,
                label: LABELS.iter().position(|&l| l == e.label).unwrap() as u8,
                case: CASES.iter().position(|&c| c == e.case).unwrap() as u8,
                priority: e.priority,
            });
        }
        let mut pattern_start = Vec::with_capacity(members.len() + 1);
        let mut pattern_entries = Vec::with_capacity(entries.len());
        let mut flags = Vec::with_capacity(members.len());
        for (p, mut m) in members.into_iter().enumerate() {
            // Stable: among equal priorities the first loaded wins.
            m.sort_by_key(|&e| std::cmp::Reverse(entries[e as usize].priority));
            pattern_start.push(pattern_entries.len() as u32);
            pattern_entries.extend(m);
            flags.push(word_flags(&folded_aliases[p]));
        }
        pattern_start.push(pattern_entries.len() as u32);
        drop(entries);
        let automaton = DoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&folded_aliases)
            .map_err(build_error)?;
        Ok(Compiled {
            automaton,
            arena: arena.text,
            entries: packed,
            pattern_start,
            pattern_entries,
            flags,
            skipped_labels,
        })
    }

    /// Number of distinct folded aliases.
    pub fn pattern_count(&self) -> usize {
        self.flags.len()
    }

    /// Number of entries (alias rows).
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// Records skipped for their label when the dictionary was parsed.
    pub fn skipped_labels(&self) -> usize {
        self.skipped_labels
    }

    /// The leftmost-longest match in `folded` starting at or after byte
    /// `pos`: `(start, end, pattern)`.
    pub fn find_at(&self, folded: &str, pos: usize) -> Option<(usize, usize, usize)> {
        let m = self
            .automaton
            .leftmost_find_iter(&folded.as_bytes()[pos..])
            .next()?;
        Some((pos + m.start(), pos + m.end(), m.value() as usize))
    }

    /// The pattern whose folded alias is exactly `folded`.
    pub fn pattern_of(&self, folded: &str) -> Option<usize> {
        let m = self.automaton.leftmost_find_iter(folded).next()?;
        (m.start() == 0 && m.end() == folded.len()).then_some(m.value() as usize)
    }

    /// Whether a match of `pattern` needs a word boundary before / after it.
    pub fn word_bounds(&self, pattern: usize) -> (bool, bool) {
        let f = self.flags[pattern];
        (f & WORD_START != 0, f & WORD_END != 0)
    }

    /// The entries of `pattern`, highest priority first.
    pub fn pattern_entries(&self, pattern: usize) -> impl Iterator<Item = EntryRef<'_>> + '_ {
        let (a, b) = (
            self.pattern_start[pattern] as usize,
            self.pattern_start[pattern + 1] as usize,
        );
        self.pattern_entries[a..b]
            .iter()
            .map(move |&e| self.entry(e as usize))
    }

    /// Entry `i`.
    pub fn entry(&self, i: usize) -> EntryRef<'_> {
        let p = &self.entries[i];
        let s = |(at, len): (u32, u32)| &self.arena[at as usize..(at + len) as usize];
        EntryRef {
            id: s(p.id),
            label: LABELS[p.label as usize],
            canonical: s(p.canonical),
            alias: s(p.alias),
            case: CASES[p.case as usize],
            priority: p.priority,
        }
    }

    /// Writes the compiled form.
    pub fn write_to(&self, w: &mut impl Write, key: u64) -> io::Result<()> {
        w.write_all(MAGIC)?;
        w.write_all(&FORMAT_VERSION.to_le_bytes())?;
        w.write_all(&key.to_le_bytes())?;
        w.write_all(&(self.skipped_labels as u64).to_le_bytes())?;
        write_section(w, &self.automaton.serialize())?;
        write_section(w, self.arena.as_bytes())?;
        let mut packed = Vec::with_capacity(self.entries.len() * 32);
        for p in &self.entries {
            for v in [
                p.id.0,
                p.id.1,
                p.canonical.0,
                p.canonical.1,
                p.alias.0,
                p.alias.1,
                u32::from(p.label) | u32::from(p.case) << 8,
                p.priority as u32,
            ] {
                packed.extend_from_slice(&v.to_le_bytes());
            }
        }
        write_section(w, &packed)?;
        write_section(w, &u32s_to_bytes(&self.pattern_start))?;
        write_section(w, &u32s_to_bytes(&self.pattern_entries))?;
        write_section(w, &self.flags)?;
        Ok(())
    }

    /// Reads a compiled form written with `key`; `Ok(None)` when the file
    /// is of another version or key (a stale cache entry).
    pub fn read_from(r: &mut impl Read, key: u64) -> io::Result<Option<Compiled>> {
        let mut head = [0u8; 28];
        r.read_exact(&mut head)?;
        if &head[..8] != MAGIC
            || head[8..12] != FORMAT_VERSION.to_le_bytes()
            || head[12..20] != key.to_le_bytes()
        {
            return Ok(None);
        }
        let skipped_labels = u64::from_le_bytes(head[20..28].try_into().unwrap()) as usize;
        let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_string());
        let automaton = {
            let bytes = read_section(r)?;
            let (a, rest) = DoubleArrayAhoCorasick::<u32>::deserialize(&bytes)
                .map_err(|e| bad(&format!("bad automaton: {e}")))?;
            if !rest.is_empty() {
                return Err(bad("trailing automaton bytes"));
            }
            a
        };
        let arena = String::from_utf8(read_section(r)?).map_err(|_| bad("arena is not UTF-8"))?;
        let raw = read_section(r)?;
        if raw.len() % 32 != 0 {
            return Err(bad("entry table size"));
        }
        let mut entries = Vec::with_capacity(raw.len() / 32);
        for rec in raw.chunks_exact(32) {
            let v = |k: usize| u32::from_le_bytes(rec[4 * k..4 * k + 4].try_into().unwrap());
            let (label, case) = ((v(6) & 0xff) as u8, (v(6) >> 8) as u8);
            let p = Packed {
                id: (v(0), v(1)),
                canonical: (v(2), v(3)),
                alias: (v(4), v(5)),
                label,
                case,
                priority: v(7) as i32,
            };
            let ok = |(at, len): (u32, u32)| {
                arena.get(at as usize..at as usize + len as usize).is_some()
            };
            if !(ok(p.id) && ok(p.canonical) && ok(p.alias))
                || label as usize >= LABELS.len()
                || case as usize >= CASES.len()
            {
                return Err(bad("entry out of range"));
            }
            entries.push(p);
        }
        drop(raw);
        let pattern_start = bytes_to_u32s(&read_section(r)?);
        let pattern_entries = bytes_to_u32s(&read_section(r)?);
        let flags = read_section(r)?;
        let valid = pattern_start.len() == flags.len() + 1
            && pattern_start.windows(2).all(|w| w[0] <= w[1])
            && pattern_start
                .last()
                .is_some_and(|&l| l as usize == pattern_entries.len())
            && pattern_entries
                .iter()
                .all(|&e| (e as usize) < entries.len());
        if !valid {
            return Err(bad("pattern tables out of range"));
        }
        Ok(Some(Compiled {
            automaton,
            arena,
            entries,
            pattern_start,
            pattern_entries,
            flags,
            skipped_labels,
        }))
    }
}

fn write_section(w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    w.write_all(&(bytes.len() as u64).to_le_bytes())?;
    w.write_all(bytes)
}

fn read_section(r: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut len = [0u8; 8];
    r.read_exact(&mut len)?;
    let len = u64::from_le_bytes(len);
    if len > 1 << 36 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "section too large",
        ));
    }
    let mut buf = Vec::new();
    r.take(len).read_to_end(&mut buf)?;
    if buf.len() as u64 != len {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "truncated section",
        ));
    }
    Ok(buf)
}

/// What a dictionary source turned into.
#[derive(Debug)]
pub enum Loaded {
    /// A small dictionary: entries for the main automaton.
    Entries(Parsed),
    /// A large one, compiled (from the cache or just now).
    Compiled(Box<Compiled>),
}

/// The directory for compiled dictionaries, if any.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = env::var_os("NEWSNER_CACHE_DIR") {
        if dir.is_empty() || dir == "off" {
            return None;
        }
        return Some(PathBuf::from(dir));
    }
    let base = env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("newsner"))
}

/// The cache key of a dictionary file read as `source`: its bytes (read in
/// blocks, never whole), its label and kind, and the versions.
fn cache_key(file: &Path, source: &DictSource) -> io::Result<u64> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    FORMAT_VERSION.hash(&mut h);
    env!("CARGO_PKG_VERSION").hash(&mut h);
    source.label.map(Label::as_str).hash(&mut h);
    source
        .path
        .extension()
        .map(|x| x.to_string_lossy().into_owned())
        .hash(&mut h);
    let mut f = fs::File::open(file)?;
    let mut buf = vec![0u8; 1 << 20];
    let mut len = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.write(&buf[..n]);
        len += n as u64;
    }
    len.hash(&mut h);
    Ok(h.finish())
}

/// Loads a dictionary source: from the compiled cache when it holds this
/// file's compiled form; else parsed, and compiled (and cached) when it has
/// at least [`COMPILE_MIN_ENTRIES`] entries.
pub fn load_source(source: &DictSource) -> Result<Loaded, DictionaryError> {
    load_source_with(source, cache_dir().as_deref(), COMPILE_MIN_ENTRIES)
}

/// [`load_source`] with an explicit cache directory and threshold.
pub fn load_source_with(
    source: &DictSource,
    cache: Option<&Path>,
    min_entries: usize,
) -> Result<Loaded, DictionaryError> {
    let path = &source.path;
    let keyed = if path.is_file() {
        Some(cache_key(path, source).map_err(|e| DictionaryError {
            file: path.display().to_string(),
            line: 0,
            message: format!("cannot read: {e}"),
        })?)
    } else {
        None
    };
    let cached = |key: u64| cache.map(|dir| dir.join(format!("{key:016x}.ndict")));
    if let Some(file) = keyed.and_then(cached) {
        if let Ok(f) = fs::File::open(&file) {
            if let Ok(Some(c)) =
                Compiled::read_from(&mut BufReader::with_capacity(1 << 20, f), keyed.unwrap())
            {
                return Ok(Loaded::Compiled(Box::new(c)));
            }
        }
    }
    let parsed = entries_from_source(source)?;
    if parsed.entries.len() < min_entries {
        return Ok(Loaded::Entries(parsed));
    }
    let compiled = Compiled::build(parsed.entries, parsed.skipped_labels).map_err(|mut e| {
        e.file = path.display().to_string();
        e
    })?;
    if let (Some(key), Some(file)) = (keyed, keyed.and_then(cached)) {
        // A cache that cannot be written costs only time on the next run.
        let _ = write_cache(&compiled, key, &file);
    }
    Ok(Loaded::Compiled(Box::new(compiled)))
}

fn write_cache(compiled: &Compiled, key: u64, file: &Path) -> io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.partial",
        file.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut w = BufWriter::with_capacity(1 << 20, fs::File::create(&tmp)?);
        compiled.write_to(&mut w, key)?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        fs::rename(&tmp, file)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
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
                       g:2\tPLACE\tGeorgia\tGeorgia\t\t9\n";

    fn compiled() -> Compiled {
        Compiled::build(parse_tsv("t.tsv", TSV).unwrap(), 3).unwrap()
    }

    #[test]
    fn leftmost_longest_over_folded_text() {
        let c = compiled();
        let folded = fold("the Azerbaijan State Oil Company, Azerbaijan");
        let (s, e, p) = c.find_at(&folded, 0).unwrap();
        assert_eq!(&folded[s..e], "azerbaijan state oil company");
        assert_eq!(c.pattern_entries(p).next().unwrap().id, "o:1");
        let (s, e, _) = c.find_at(&folded, e).unwrap();
        assert_eq!(&folded[s..e], "azerbaijan");
    }

    #[test]
    fn priority_orders_shared_aliases_and_strings_survive() {
        let c = compiled();
        let p = c.pattern_of("georgia").unwrap();
        let ids: Vec<&str> = c.pattern_entries(p).map(|e| e.id).collect();
        assert_eq!(ids, ["g:2", "g:1"]);
        let baku = c
            .pattern_entries(c.pattern_of("baki").unwrap())
            .next()
            .unwrap();
        assert_eq!(
            (baku.alias, baku.canonical, baku.label),
            ("Bakı", "Baku", Label::Place)
        );
        assert_eq!(baku.case, CasePolicy::Cased);
        assert_eq!(c.pattern_of("georgi"), None);
        assert_eq!(c.word_bounds(p), (true, true));
    }

    #[test]
    fn round_trips_through_bytes_and_rejects_other_keys() {
        let c = compiled();
        let mut bytes = Vec::new();
        c.write_to(&mut bytes, 42).unwrap();
        let back = Compiled::read_from(&mut bytes.as_slice(), 42)
            .unwrap()
            .unwrap();
        assert_eq!(back.pattern_count(), c.pattern_count());
        assert_eq!(back.skipped_labels(), 3);
        for i in 0..c.entry_count() {
            assert_eq!(back.entry(i), c.entry(i));
        }
        let folded = fold("Bakı and Georgia");
        assert_eq!(back.find_at(&folded, 0), c.find_at(&folded, 0));
        assert!(Compiled::read_from(&mut bytes.as_slice(), 43)
            .unwrap()
            .is_none());
        assert!(Compiled::read_from(&mut &bytes[..bytes.len() - 3], 42).is_err());
    }

    #[test]
    fn large_files_are_compiled_once_then_loaded_from_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let tsv = dir.path().join("d.tsv");
        fs::write(&tsv, TSV).unwrap();
        let cache = dir.path().join("cache");
        let source = DictSource::parse(tsv.to_str().unwrap());
        // Below the threshold: plain entries, nothing cached.
        let small = load_source_with(&source, Some(&cache), 100).unwrap();
        assert!(matches!(small, Loaded::Entries(p) if p.entries.len() == 5));
        assert!(!cache.exists());
        // At the threshold: compiled and cached; the next load reads the cache.
        assert!(matches!(
            load_source_with(&source, Some(&cache), 5).unwrap(),
            Loaded::Compiled(_)
        ));
        let files: Vec<_> = fs::read_dir(&cache).unwrap().collect();
        assert_eq!(files.len(), 1);
        let warm = load_source_with(&source, Some(&cache), usize::MAX).unwrap();
        assert!(matches!(warm, Loaded::Compiled(c) if c.entry_count() == 5));
        // A changed file misses the cache.
        fs::write(&tsv, format!("{TSV}x:1\tPLACE\tX\tXland\t\t\n")).unwrap();
        let changed = load_source_with(&source, Some(&cache), usize::MAX).unwrap();
        assert!(matches!(changed, Loaded::Entries(p) if p.entries.len() == 6));
    }
}

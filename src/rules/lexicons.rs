//! The word lists the context rules consult: first names, roles and titles,
//! organisation suffixes and head words, speech verbs and hazard words,
//! loaded from the TSV lexicons embedded from `dictionaries/lexicons/`
//! (first column = the word; `#` lines are comments; the first other line
//! is the header). Every word is stored folded (lowercase, no diacritics).

use std::{borrow::Cow, hash::BuildHasher, sync::OnceLock};

use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use crate::normalize::{fold, fold_onto};

/// A fixed list of folded words, looked up as a set (built on first use).
#[derive(Debug)]
pub struct WordSet {
    words: &'static [&'static str],
    /// The sketches of its words, made at compile time: most other words
    /// are told apart by them without the set (not even asking whether it
    /// is built yet).
    sketches: Sketches,
    set: OnceLock<FxHashSet<&'static str>>,
}

/// One bit for each word's sketch (its first and last bytes and its length,
/// in 12 bits): a word whose bit is clear is none of the words sketched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketches([u64; 64]);

impl Default for Sketches {
    fn default() -> Self {
        Sketches::EMPTY
    }
}

impl Sketches {
    /// No word.
    pub const EMPTY: Sketches = Sketches([0; 64]);

    /// The bit of `b`; the same for ASCII in any case (`& 31` drops the
    /// case bit of a letter).
    #[inline]
    pub fn bit_of_word(b: &[u8]) -> usize {
        match (b.first(), b.last()) {
            (Some(&f), Some(&l)) => Sketches::bit_of(f, l, b.len()),
            _ => 0,
        }
    }

    /// The bit of a word of `len` bytes from `first` to `last` (see
    /// [`Sketches::has_bit`]): what a scan that has the word's bytes at
    /// hand keeps, to test it against many sketches without reading it again.
    #[inline]
    pub const fn bit_of(first: u8, last: u8, len: usize) -> usize {
        // `as`: a widening a const fn may do (`usize::from` it may not).
        (first & 31) as usize | ((last & 31) as usize) << 5 | (len & 3) << 10
    }

    /// The sketches of `words`, as [`Sketches::insert`] makes them (an
    /// empty word takes bit 0), at compile time.
    pub const fn of_words(words: &[&str]) -> Sketches {
        let mut bits = [0u64; 64];
        let mut i = 0;
        while i < words.len() {
            let b = words[i].as_bytes();
            let k = if b.is_empty() {
                0
            } else {
                Sketches::bit_of(b[0], b[b.len() - 1], b.len())
            };
            bits[k / 64] |= 1 << (k % 64);
            i += 1;
        }
        Sketches(bits)
    }

    /// Adds `w`.
    #[inline]
    pub fn insert(&mut self, w: &str) {
        self.insert_bit(Sketches::bit_of_word(w.as_bytes()));
    }

    /// Adds the word whose bit is `k` (from [`Sketches::bit_of`]).
    #[inline]
    pub fn insert_bit(&mut self, k: usize) {
        self.0[k / 64] |= 1 << (k % 64);
    }

    /// False when the word whose bit is `k` (from [`Sketches::bit_of`]) is
    /// certainly none of the words added.
    #[inline]
    pub fn has_bit(&self, k: usize) -> bool {
        self.0[k / 64] & (1 << (k % 64)) != 0
    }

    /// False when `w` is certainly not one of the words added.
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        self.may_contain_ascii(w.as_bytes())
    }

    /// False when the ASCII word `b`, in any case, folds to none of the
    /// words added.
    #[inline]
    pub fn may_contain_ascii(&self, b: &[u8]) -> bool {
        self.has_bit(Sketches::bit_of_word(b))
    }
}

impl WordSet {
    /// The set of `words`.
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            words,
            sketches: Sketches::of_words(words),
            set: OnceLock::new(),
        }
    }

    /// Whether `word` is in the list.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.sketches.may_contain(word) && self.set().contains(word)
    }

    /// False when the ASCII word `b`, in any case, folds to no word of the
    /// list (most words, told without folding or hashing them).
    #[inline]
    pub fn may_contain_ascii(&self, b: &[u8]) -> bool {
        self.sketches.may_contain_ascii(b)
    }

    /// Whether the folded `word`, whose sketch bit is `bit` (a token's
    /// [`super::tokens::Token::sketch`]), is in the list.
    #[inline]
    pub fn contains_token(&self, word: &str, bit: u16) -> bool {
        self.sketches.has_bit(usize::from(bit)) && self.set().contains(word)
    }

    /// Like [`WordSet::contains_token`], with the word read by `word` only
    /// when the bit is set (a token's folding is sliced, with its bounds
    /// checked, only for the few words the sketch lets through).
    #[inline]
    pub fn contains_token_with<'w>(&self, bit: u16, word: impl FnOnce() -> &'w str) -> bool {
        self.sketches.has_bit(usize::from(bit)) && self.set().contains(word())
    }

    /// The sketches of the words of the list, to test many words against
    /// it without asking for the set each time.
    #[inline]
    pub fn sketches(&self) -> &Sketches {
        &self.sketches
    }

    /// The set, built on first use.
    #[inline]
    fn set(&self) -> &FxHashSet<&'static str> {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
    }
}

/// The lexicons shipped inside the binary: `(name, contents)`.
pub const DEFAULT_LEXICONS: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/default_lexicons.rs"));

/// Short legal forms that end company names in title case too ("Lomason
/// Co"); other forms of three letters or fewer count only in capitals or
/// (three letters) in title case ("Inc", "Ltd"), never in lowercase.
const TITLE_CASE_SHORT_FORMS: &[&str] = &["co", "co."];

/// Why a hazard word is ambiguous.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Hazard {
    /// It is an ordinary English word ("Bath", "Chad").
    pub english_word: bool,
    /// It is a common person name ("Austin", "Jordan").
    pub person_name: bool,
}

/// A set of many folded words (the first names), looked up without
/// following a pointer: a word of at most [`PackedWords::INLINE`] bytes,
/// most of them, is kept in the table itself, its bytes and its length
/// packed in one number; longer words are kept as strings beside them.
/// A lookup in a large set of strings misses the cache twice (the table,
/// then the string it points to); a packed word, once, and without a call
/// to compare bytes.
#[derive(Debug, Clone, Default)]
struct PackedWords {
    /// The words of at most [`PackedWords::INLINE`] bytes, by [`PackedWords::pack`].
    short: FxHashSet<u128>,
    /// The longer ones.
    long: FxHashSet<String>,
}

impl PackedWords {
    /// The longest word kept packed: its bytes and, in the last byte, its
    /// length fill 16 bytes.
    const INLINE: usize = 15;

    /// `w` as one number when it is short enough: its bytes (first byte
    /// lowest), zeros, and its length in the top byte; two such words are
    /// equal when their numbers are.
    #[inline]
    fn pack(w: &[u8]) -> Option<u128> {
        let len = u8::try_from(w.len())
            .ok()
            .filter(|&n| usize::from(n) <= Self::INLINE)?;
        let mut bytes = [0u8; 16];
        bytes[..w.len()].copy_from_slice(w);
        bytes[15] = len;
        Some(u128::from_le_bytes(bytes))
    }

    /// Room for `more` words without growing.
    fn reserve(&mut self, more: usize) {
        self.short.reserve(more);
    }

    /// Adds the folding of `word`: a word in ASCII (whose folding is its
    /// lowercase) short enough is packed from its bytes, without a string.
    fn insert_folding(&mut self, word: &str) {
        match PackedWords::pack(word.as_bytes()).filter(|_| word.is_ascii()) {
            Some(key) => {
                self.short.insert(ascii_lowercase_packed(key));
            }
            None => self.insert(fold_word(word)),
        }
    }

    /// Adds `w`.
    fn insert(&mut self, w: String) {
        match PackedWords::pack(w.as_bytes()) {
            Some(key) => {
                self.short.insert(key);
            }
            None => {
                self.long.insert(w);
            }
        }
    }

    /// Whether `w` is in the set.
    #[inline]
    fn contains(&self, w: &str) -> bool {
        match PackedWords::pack(w.as_bytes()) {
            Some(key) => self.short.contains(&key),
            None => self.long.contains(w),
        }
    }
}

impl Extend<String> for PackedWords {
    fn extend<I: IntoIterator<Item = String>>(&mut self, words: I) {
        for w in words {
            self.insert(w);
        }
    }
}

/// A packed word in ASCII ([`PackedWords::pack`]) in ASCII lowercase:
/// eight bytes at a time, the capitals' bit 5 set (the length byte,
/// below 16, and the zeros are no letters).
fn ascii_lowercase_packed(key: u128) -> u128 {
    let lower8 = |x: u64| {
        let (letter, _, lower) = crate::swar::classes(x);
        x | ((letter & !lower) >> 2)
    };
    let (lo, hi) = (key as u64, (key >> 64) as u64);
    u128::from(lower8(lo)) | u128::from(lower8(hi)) << 64
}

/// Word lists the rules use (first names, roles, organisation words, ...).
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    first_names: PackedWords,
    /// Roles and titles; multi-word roles are stored whole ("prime minister").
    roles: FxHashSet<String>,
    /// Longest role in words.
    role_max_words: usize,
    /// The first word of every role ("prime" of "prime minister").
    role_first_words: FxHashSet<String>,
    /// Organisation suffixes and head words, folded; value: true for short
    /// legal forms that count only when written in capitals ("AG", "SA").
    org_suffixes: FxHashMap<String, bool>,
    /// Company legal forms (the `cleanco` rows of org_suffixes.tsv), folded.
    legal_forms: FxHashSet<String>,
    speech_verbs: FxHashSet<String>,
    hazards: FxHashMap<String, Hazard>,
    /// The sketches of the small lists, which most words looked up are
    /// told apart by without hashing (see [`Lexicons::sketch_lists`]).
    sketched: ListSketches,
}

/// The sketches of the words of the small lists (roles, organisation
/// words, legal forms, speech verbs); filled once the lists are loaded.
#[derive(Debug, Clone, Default)]
struct ListSketches {
    roles: Sketches,
    role_first_words: Sketches,
    org_suffixes: Sketches,
    /// A second filter of the organisation words, by [`hashed_bit`]: a
    /// word that passes the first (its ends and length, which many
    /// capitalised words share with some organisation word) is hashed
    /// whole before the list is asked.
    org_suffix_hashes: Sketches,
    legal_forms: Sketches,
    speech_verbs: Sketches,
}

/// The bit of `word` in a second filter of a list ([`Sketches`] of
/// [`Sketches::insert_bit`] by this bit): the top 12 bits of its Fx hash.
fn hashed_bit(word: &str) -> usize {
    (FxBuildHasher.hash_one(word.as_bytes()) >> 52) as usize
}

/// The sketches of every word of `words`.
fn sketch_all<W: AsRef<str>>(words: impl IntoIterator<Item = W>) -> Sketches {
    let mut sketches = Sketches::default();
    for w in words {
        sketches.insert(w.as_ref());
    }
    sketches
}

/// The folding of `word`, borrowed when it is already folded (ASCII
/// without capitals, as most words of English news are).
fn folded_key(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(fold(word))
    }
}

/// The folding of `word` without its trailing dots, given `folded`, the
/// folding of the whole `word`.
fn folded_undotted<'w>(word: &str, folded: &'w str) -> Cow<'w, str> {
    let w = word.trim_end_matches('.');
    if word.is_ascii() {
        // ASCII folds byte for byte.
        Cow::Borrowed(&folded[..w.len()])
    } else {
        Cow::Owned(fold(w))
    }
}

/// The first two columns of every data row of a lexicon TSV whose first
/// column is not blank, trimmed (the second empty when absent).
fn rows(contents: &str) -> impl Iterator<Item = (&str, &str)> {
    tsv_lines(contents)
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| {
            let (word, rest) = split_tab(l);
            (word.trim(), rest.map_or("", |r| split_tab(r).0.trim()))
        })
        .filter(|(word, _)| !word.is_empty())
}

/// The lines of `contents` as [`str::lines`] reads them, each without one
/// more trailing carriage return: the line breaks found by one `memchr`
/// search over the whole text (the first names' file has 34,000 short
/// lines).
fn tsv_lines(contents: &str) -> impl Iterator<Item = &str> {
    let mut breaks = memchr::memchr_iter(b'\n', contents.as_bytes());
    let mut from = 0;
    std::iter::from_fn(move || {
        let line = match breaks.next() {
            Some(at) => {
                let line = &contents[from..at];
                from = at + 1;
                // `str::lines` drops the carriage return of a "\r\n".
                line.strip_suffix('\r').unwrap_or(line)
            }
            None if from < contents.len() => {
                let line = &contents[from..];
                from = contents.len();
                line
            }
            None => return None,
        };
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// `line` up to its first tab, and what follows that tab (`None` when it
/// has none): a walk over the few bytes of a lexicon's first column.
fn split_tab(line: &str) -> (&str, Option<&str>) {
    match line.bytes().position(|b| b == b'\t') {
        Some(at) => (&line[..at], Some(&line[at + 1..])),
        None => (line, None),
    }
}

/// The folding of one lexicon word (as [`fold`], without an offset map).
fn fold_word(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    fold_onto(word, &mut folded);
    folded
}

impl Lexicons {
    /// The shipped lexicons.
    pub fn load_default() -> Lexicons {
        Lexicons::from_files(DEFAULT_LEXICONS.iter().copied())
    }

    /// Builds the lexicons from `(file name, contents)` pairs; files are
    /// recognised by their base name (`roles.tsv`, ...), others are ignored.
    pub fn from_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Lexicons {
        let mut lex = Lexicons::default();
        for (name, contents) in files {
            let base = name.rsplit('/').next().unwrap_or(name);
            match base {
                "first_names.tsv" => {
                    lex.first_names.reserve(contents.len() / 16);
                    for (word, _) in rows(contents) {
                        lex.first_names.insert_folding(word);
                    }
                }
                "roles.tsv" => {
                    for (word, _) in rows(contents) {
                        let role = fold_word(word);
                        lex.role_max_words = lex.role_max_words.max(role.split(' ').count());
                        let first = role.split(' ').next().unwrap_or_default();
                        lex.role_first_words.insert(first.to_string());
                        lex.roles.insert(role);
                    }
                }
                "org_suffixes.tsv" | "org_suffixes_curated.tsv" => {
                    for (word, note) in rows(contents) {
                        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
                        let folded = fold_word(word);
                        let caps_only = letters <= 3
                            && !word.contains(' ')
                            && !TITLE_CASE_SHORT_FORMS.contains(&folded.as_str());
                        if note.contains("cleanco") {
                            lex.legal_forms
                                .insert(fold_word(word.trim_end_matches('.')));
                        }
                        let e = lex.org_suffixes.entry(folded).or_insert(caps_only);
                        *e &= caps_only;
                    }
                }
                "speech_verbs.tsv" => {
                    lex.speech_verbs
                        .extend(rows(contents).map(|(word, _)| fold_word(word)));
                }
                "hazards.tsv" => {
                    for (word, reason) in rows(contents) {
                        let h = lex.hazards.entry(fold_word(word)).or_default();
                        h.english_word |= reason.contains("english-word");
                        h.person_name |= reason.contains("person-name");
                    }
                }
                _ => {}
            }
        }
        lex.sketch_lists();
        lex
    }

    /// Sketches the small lists (after they are loaded).
    fn sketch_lists(&mut self) {
        self.sketched = ListSketches {
            roles: sketch_all(&self.roles),
            role_first_words: sketch_all(&self.role_first_words),
            org_suffixes: sketch_all(self.org_suffixes.keys()),
            org_suffix_hashes: {
                let mut hashes = Sketches::default();
                for key in self.org_suffixes.keys() {
                    hashes.insert_bit(hashed_bit(key));
                }
                hashes
            },
            legal_forms: sketch_all(&self.legal_forms),
            speech_verbs: sketch_all(&self.speech_verbs),
        };
    }

    /// Whether `word` (any case) is a known first name.
    pub fn is_first_name(&self, word: &str) -> bool {
        self.first_names.contains(folded_key(word).as_ref())
    }

    /// Whether the folded `word` is a known first name.
    pub fn is_first_name_folded(&self, folded: &str) -> bool {
        self.first_names.contains(folded)
    }

    /// Whether the folded phrase is a role or title ("spokesperson", "prime minister").
    pub fn is_role(&self, folded: &str) -> bool {
        self.sketched.roles.may_contain(folded) && self.roles.contains(folded)
    }

    /// Whether some role starts with the folded word `first` (a phrase
    /// of several words whose first word is no such word is no role).
    pub fn starts_role(&self, first: &str) -> bool {
        self.sketched.role_first_words.may_contain(first) && self.role_first_words.contains(first)
    }

    /// Whether the folded word `word` of a token whose sketch bit
    /// ([`super::tokens::Token::sketch`], its folding's) is `sketch` is a
    /// role: the bit is tested first, without reading the word.
    #[inline]
    pub fn is_role_token(&self, word: &str, sketch: u16) -> bool {
        self.sketched.roles.has_bit(usize::from(sketch)) && self.roles.contains(word)
    }

    /// False when no role has the sketch bit `sketch` (a token's, see
    /// [`Lexicons::is_role_token`]): told before the token's folding is read.
    #[inline]
    pub fn may_be_role(&self, sketch: u16) -> bool {
        self.sketched.roles.has_bit(usize::from(sketch))
    }

    /// Whether some role starts with the folded word `first` of a token
    /// whose sketch bit is `sketch` (see [`Lexicons::is_role_token`]).
    #[inline]
    pub fn starts_role_token(&self, first: &str, sketch: u16) -> bool {
        self.sketched.role_first_words.has_bit(usize::from(sketch))
            && self.role_first_words.contains(first)
    }

    /// The longest role, in words.
    pub fn role_max_words(&self) -> usize {
        self.role_max_words.max(1)
    }

    /// Whether `word` as written ends an organisation name ("Company",
    /// "Ministry", "Inc", "AG"). Short legal forms count only in capitals.
    pub fn is_org_suffix(&self, word: &str) -> bool {
        let w = word.trim_end_matches('.');
        self.org_suffix_as_written(w, &folded_key(w))
    }

    /// Like [`Lexicons::is_org_suffix`], given `folded`, the folding of `word`.
    pub fn is_org_suffix_folded(&self, word: &str, folded: &str) -> bool {
        let w = word.trim_end_matches('.');
        self.org_suffix_as_written(w, &folded_undotted(word, folded))
    }

    /// False when no organisation word has the sketch bit `sketch`
    /// ([`super::tokens::Token::sketch`], its folding's): a token without a
    /// trailing dot whose sketch this is ends no organisation name (a word
    /// without one is its own key; see `Ctx::is_org_word`).
    #[inline]
    pub fn may_be_org_suffix(&self, sketch: u16) -> bool {
        self.sketched.org_suffixes.has_bit(usize::from(sketch))
    }

    /// Whether `w` (no trailing dots, folded `key`) ends an organisation name.
    fn org_suffix_as_written(&self, w: &str, key: &str) -> bool {
        // Most words are told by the two filters, without a lookup.
        if !self.sketched.org_suffixes.may_contain(key)
            || !self.sketched.org_suffix_hashes.has_bit(hashed_bit(key))
        {
            return false;
        }
        match self.org_suffixes.get(key) {
            Some(true) => {
                w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
                    || w.chars().count() > 2 && w.chars().next().is_some_and(char::is_uppercase)
            }
            Some(false) => true,
            None => false,
        }
    }

    /// Whether `word` is a company legal form ("Corp", "Inc", "GmbH") rather
    /// than a head word ("Bank", "Ministry").
    pub fn is_legal_form(&self, word: &str) -> bool {
        self.is_legal_form_key(&folded_key(word.trim_end_matches('.')))
    }

    /// Whether the folded `key` (no trailing dots) is a legal form.
    fn is_legal_form_key(&self, key: &str) -> bool {
        self.sketched.legal_forms.may_contain(key) && self.legal_forms.contains(key)
    }

    /// Like [`Lexicons::is_legal_form`], given `folded`, the folding of `word`.
    pub fn is_legal_form_folded(&self, word: &str, folded: &str) -> bool {
        self.is_legal_form_key(&folded_undotted(word, folded))
    }

    /// Whether the folded word or phrase is a speech or attribution verb.
    pub fn is_speech_verb(&self, folded: &str) -> bool {
        self.sketched.speech_verbs.may_contain(folded) && self.speech_verbs.contains(folded)
    }

    /// False when no speech verb has the sketch bit `sketch` (a token's):
    /// told before the token's folding is read.
    #[inline]
    pub fn may_be_speech_verb(&self, sketch: u16) -> bool {
        self.sketched.speech_verbs.has_bit(usize::from(sketch))
    }

    /// Whether the folded word `word` of a token whose sketch bit is
    /// `sketch` is a speech verb (see [`Lexicons::is_role_token`]).
    #[inline]
    pub fn is_speech_verb_token(&self, word: &str, sketch: u16) -> bool {
        self.sketched.speech_verbs.has_bit(usize::from(sketch)) && self.speech_verbs.contains(word)
    }

    /// The hazard facts of a word, when it is one.
    pub fn hazard(&self, word: &str) -> Option<Hazard> {
        self.hazards.get(folded_key(word).as_ref()).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sketches made at compile time are those made one word at a
    /// time, for the rules' word lists, an empty word, and a word not in
    /// ASCII; a word set answers alike through them.
    #[test]
    fn compile_time_sketches_are_the_inserted_ones() {
        let lists: [&[&str]; 3] = [
            super::super::chunks::FUNCTION_WORDS,
            super::super::chunks::CALENDAR_WORDS,
            &["", "şuşa", "x", "half-time"],
        ];
        for words in lists {
            assert_eq!(Sketches::of_words(words), sketch_all(words));
        }
        static SET: WordSet = WordSet::new(&["match", "goals"]);
        assert!(SET.contains("match") && !SET.contains("matches"));
        assert!(SET.may_contain_ascii(b"GOALS") && !SET.may_contain_ascii(b"said"));
    }

    fn lex() -> Lexicons {
        Lexicons::from_files([
            ("first_names.tsv", "# c\nname\tsource\nAnar\tx\nJosé\tx\n"),
            ("roles.tsv", "role\nspokesperson\nprime minister\n"),
            (
                "org_suffixes.tsv",
                "suffix\tsource\nCompany\tc\nag\tcleanco\nMinistry\tc\n",
            ),
            (
                "speech_verbs.tsv",
                "verb\tlemma\nsaid\tsay\naccording to\taccording to\n",
            ),
            (
                "hazards.tsv",
                "word\treason\nChad\tenglish-word+person-name\n",
            ),
        ])
    }

    #[test]
    fn words_are_folded() {
        let l = lex();
        assert!(l.is_first_name("ANAR") && l.is_first_name("Jose"));
        assert!(l.is_role("prime minister") && !l.is_role("prime"));
        assert_eq!(l.role_max_words(), 2);
        assert!(l.is_speech_verb("according to"));
        let h = l.hazard("chad").unwrap();
        assert!(h.english_word && h.person_name);
    }

    #[test]
    fn short_legal_forms_need_capitals() {
        let l = lex();
        assert!(l.is_org_suffix("Company") && l.is_org_suffix("Ministry"));
        assert!(l.is_org_suffix("AG") && !l.is_org_suffix("ag") && !l.is_org_suffix("Ag"));
        assert!(!l.is_org_suffix("Bakery"));
    }

    /// The sketch gates of a token's role and speech verb tests answer as
    /// the lookups by its folding, for every word of a text (capitals,
    /// diacritics, roles, first words of roles and verbs among them)
    /// against the shipped lists.
    #[test]
    fn role_tokens_agree_with_the_lookups() {
        let l = Lexicons::load_default();
        let text = "Prime Minister PRIME minister spokesman Spokesperson coach \
                    Coach Şef şef Président président army chief , 12 Acme Said \
                    said told SAYS sais sdid";
        let t = super::super::tokens::tokenize(text);
        let (mut roles, mut firsts) = (0, 0);
        for k in 0..t.len() {
            let (f, sketch) = (t.f(k), t.toks[k].sketch);
            assert_eq!(l.is_role_token(f, sketch), l.is_role(f), "{}", t.s(k));
            assert_eq!(
                l.starts_role_token(f, sketch),
                l.starts_role(f),
                "{}",
                t.s(k)
            );
            assert_eq!(
                l.is_speech_verb_token(f, sketch),
                l.is_speech_verb(f),
                "{}",
                t.s(k)
            );
            roles += usize::from(l.is_role(f));
            firsts += usize::from(l.starts_role(f));
        }
        assert!(roles >= 5 && firsts >= 6, "{roles} {firsts}");
        assert!((0..t.len()).filter(|&k| l.is_speech_verb(t.f(k))).count() >= 4);
    }

    /// Every organisation word of the shipped list passes both filters
    /// (as written in capitals it is one), and the second filter turns
    /// away most of the capitalised words that pass the first.
    #[test]
    fn org_suffix_filters_keep_every_listed_word() {
        let l = Lexicons::load_default();
        assert!(l.org_suffixes.len() > 300);
        for key in l.org_suffixes.keys() {
            assert!(
                l.sketched.org_suffix_hashes.has_bit(hashed_bit(key)),
                "{key}"
            );
            // A word is asked without its trailing dots ("Ent." is "ent").
            if !key.ends_with('.') {
                assert!(l.is_org_suffix(&key.to_uppercase()), "{key}");
            }
        }
        let words = "Acme Tuesday London Smith Brown Jones Parliament Minister Reuters \
                     Moscow President Monday Clinton Yeltsin Chechnya Government Police \
                     Israel Peres Netanyahu Arafat Palestinian Security Council Germany";
        let first: Vec<&str> = words
            .split_whitespace()
            .filter(|w| l.sketched.org_suffixes.may_contain(&w.to_lowercase()))
            .collect();
        let both = first
            .iter()
            .filter(|w| {
                l.sketched
                    .org_suffix_hashes
                    .has_bit(hashed_bit(&w.to_lowercase()))
            })
            .count();
        assert!(both < first.len(), "{first:?}");
    }

    /// Packed words are told apart by every byte and by their length (a
    /// word and itself with a NUL after it), across the packed length's
    /// edge, and words too long to pack are found as strings.
    #[test]
    fn packed_words_are_the_words() {
        let mut set = PackedWords::default();
        let words = [
            "",
            "a",
            "ab",
            "jose",
            "fifteen-bytes-x",
            "sixteen-bytes-xy",
            "a much longer first name",
        ];
        for w in words {
            set.insert(w.to_string());
        }
        assert_eq!(set.long.len(), 2);
        for w in words {
            assert!(set.contains(w), "{w:?}");
        }
        for w in [
            "b",
            "a\0",
            "ab\0",
            "jos",
            "josee",
            "fifteen-bytes-",
            "sixteen-bytes-x",
            "a much longer first nam",
        ] {
            assert!(!set.contains(w), "{w:?}");
        }
        assert_eq!(PackedWords::pack(&[b'x'; 16]), None);
    }

    /// The lines and rows read by byte search are those of `str::lines`
    /// and `splitn` (the reading they replace): carriage returns, blank
    /// and comment lines, missing columns, a last line without its break.
    #[test]
    fn rows_read_as_lines_and_splitn() {
        let texts = [
            "",
            "\n",
            "h\na\tb\n",
            "# c\nword\tsrc\n Anar \t x \tmore\r\n\r\nJosé\n\t\nlast\r",
            "h\r\r\na\r\r\n\n  \nb\tc\td\te\nz",
            "\r\n#\nh\n#x\tq\nw\t\n\tno word\nend\n\n",
        ];
        for text in texts {
            let want: Vec<&str> = text
                .lines()
                .map(|l| l.strip_suffix('\r').unwrap_or(l))
                .collect();
            assert_eq!(tsv_lines(text).collect::<Vec<_>>(), want, "{text:?}");
            let want: Vec<(&str, &str)> = want
                .into_iter()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .skip(1)
                .map(|l| {
                    let mut cols = l.splitn(3, '\t');
                    let word = cols.next().unwrap_or_default().trim();
                    (word, cols.next().map_or("", str::trim))
                })
                .filter(|(word, _)| !word.is_empty())
                .collect();
            assert_eq!(rows(text).collect::<Vec<_>>(), want, "{text:?}");
        }
        assert_eq!(rows(texts[3]).count(), 3);
    }

    /// Every ASCII byte at every place of a packed word is lowercased as
    /// `to_ascii_lowercase` does, the length byte kept.
    #[test]
    fn packed_words_lowercase_bytewise() {
        for b in 0..0x80u8 {
            for at in 0..15 {
                let mut word = *b"Ab9-Z zq'XY@[`{";
                word[at] = b;
                let key = PackedWords::pack(&word).expect("fifteen bytes");
                let want = PackedWords::pack(&word.to_ascii_lowercase()).expect("fifteen bytes");
                assert_eq!(ascii_lowercase_packed(key), want, "{b:#x} at {at}");
            }
        }
    }

    /// A word added by its folding is the word added folded: in ASCII or
    /// not, packed or too long to pack, in any case.
    #[test]
    fn packed_foldings_are_the_folded_words() {
        let words = [
            "Anar",
            "JOSÉ",
            "josé",
            "O'Neil-Smith",
            "FifteenBytesXYZ",
            "SixteenBytesWXYZ",
            "Şuşa",
            "A Much Longer First Name",
            "",
        ];
        let (mut by_folding, mut folded) = (PackedWords::default(), PackedWords::default());
        for w in words {
            by_folding.insert_folding(w);
            folded.insert(fold_word(w));
        }
        assert_eq!(by_folding.short, folded.short);
        assert_eq!(by_folding.long, folded.long);
        assert!(by_folding.contains("fifteenbytesxyz") && by_folding.contains("susa"));
        assert!(!by_folding.contains("Anar") && by_folding.long.len() == 2);
    }

    #[test]
    fn shipped_lexicons_load() {
        let l = Lexicons::load_default();
        assert!(l.is_role("spokesperson"));
        assert!(l.is_speech_verb("told"));
        assert!(l.is_org_suffix("Company"));
    }
}

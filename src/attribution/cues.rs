//! Speech cues: the verbs that introduce or close a quotation or reported
//! speech, in all the forms news uses.
//!
//! The list lives here, in code, rather than in a dictionary file: it is
//! grammar (a closed class with per-form behaviour), not data that users
//! extend per corpus, and each form carries how it may be used:
//!
//! - [`Cue::Finite`]: a finite form ("said", "says", "told", "warns") that
//!   can head both a direct quote's attribution and reported speech
//!   ("X said (that) ...").
//! - [`Cue::Participle`]: an -ing form ("adding", "saying") whose subject is
//!   the clause's subject ("she said, adding, “...”").
//! - [`Cue::QuoteOnly`]: forms that attribute only next to a quotation
//!   ("“...,” he continued") and are too common elsewhere to mark reported
//!   speech.
//!
//! Base forms are listed only for verbs whose base form is a usual
//! present-tense attribution ("officials say", "critics argue"); "add",
//! "continue" or "state" in the base form are mostly something else.

/// How a cue word may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A finite speech verb: direct quotes and reported speech.
    Finite,
    /// An -ing form: its subject is the clause's subject.
    Participle,
    /// Only next to a quotation.
    QuoteOnly,
}

/// Speech verbs: base form (empty when not used), third person, past,
/// -ing form.
const VERBS: &[[&str; 4]] = &[
    ["say", "says", "said", "saying"],
    ["tell", "tells", "told", "telling"],
    ["", "adds", "added", "adding"],
    ["", "states", "stated", "stating"],
    ["note", "notes", "noted", "noting"],
    ["warn", "warns", "warned", "warning"],
    ["claim", "claims", "claimed", "claiming"],
    ["insist", "insists", "insisted", "insisting"],
    ["", "announces", "announced", "announcing"],
    ["write", "writes", "wrote", "writing"],
    ["", "tweets", "tweeted", "tweeting"],
    ["ask", "asks", "asked", "asking"],
    ["explain", "explains", "explained", "explaining"],
    ["argue", "argues", "argued", "arguing"],
    ["", "replies", "replied", "replying"],
    ["", "responds", "responded", "responding"],
    ["", "declares", "declared", "declaring"],
    [
        "acknowledge",
        "acknowledges",
        "acknowledged",
        "acknowledging",
    ],
    ["admit", "admits", "admitted", "admitting"],
    ["", "recalls", "recalled", "recalling"],
    ["suggest", "suggests", "suggested", "suggesting"],
    ["predict", "predicts", "predicted", "predicting"],
    ["complain", "complains", "complained", "complaining"],
    ["", "concedes", "conceded", "conceding"],
    ["", "cautions", "cautioned", "cautioning"],
    ["", "emphasizes", "emphasized", "emphasizing"],
    ["", "emphasises", "emphasised", "emphasising"],
    ["", "stresses", "stressed", "stressing"],
    ["", "urges", "urged", "urging"],
    ["", "vows", "vowed", "vowing"],
    ["", "remarks", "remarked", "remarking"],
    ["", "observes", "observed", "observing"],
    ["", "quips", "quipped", "quipping"],
    ["", "jokes", "joked", "joking"],
    ["report", "reports", "reported", "reporting"],
    ["", "answers", "answered", "answering"],
    ["", "shouts", "shouted", "shouting"],
    ["", "yells", "yelled", "yelling"],
    ["", "exclaims", "exclaimed", "exclaiming"],
    ["", "confirms", "confirmed", "confirming"],
    ["deny", "denies", "denied", "denying"],
    ["assert", "asserts", "asserted", "asserting"],
    ["contend", "contends", "contended", "contending"],
    ["", "testifies", "testified", "testifying"],
    ["allege", "alleges", "alleged", "alleging"],
    ["", "reiterates", "reiterated", "reiterating"],
    ["", "pledges", "pledged", "pledging"],
    ["", "promises", "promised", "promising"],
    ["", "boasts", "boasted", "boasting"],
    ["", "recounts", "recounted", "recounting"],
    ["", "laments", "lamented", "lamenting"],
    ["", "muses", "mused", "musing"],
    ["", "opines", "opined", "opining"],
    ["", "wonders", "wondered", "wondering"],
    ["", "whispers", "whispered", "whispering"],
    ["", "mutters", "muttered", "muttering"],
    ["", "screams", "screamed", "screaming"],
    ["", "chants", "chanted", "chanting"],
    ["", "posts", "posted", "posting"],
    ["", "maintains", "maintained", "maintaining"],
    ["", "charges", "charged", ""],
    ["", "counters", "countered", "countering"],
    ["", "retorts", "retorted", "retorting"],
    ["", "cites", "cited", "citing"],
    ["", "describes", "described", "describing"],
    ["", "criticizes", "criticized", "criticizing"],
    ["", "criticises", "criticised", "criticising"],
    ["", "accuses", "accused", "accusing"],
    ["", "praises", "praised", "praising"],
    ["", "reveals", "revealed", "revealing"],
    ["", "discloses", "disclosed", "disclosing"],
    ["", "mentions", "mentioned", "mentioning"],
    ["", "comments", "commented", "commenting"],
    ["", "indicates", "indicated", "indicating"],
    ["think", "thinks", "thought", ""],
    ["believe", "believes", "believed", ""],
];

/// Forms that attribute only when next to a quotation.
const QUOTE_ONLY: &[&str] = &[
    "agreed",
    "agrees",
    "assured",
    "barked",
    "began",
    "begins",
    "chimed",
    "concluded",
    "concludes",
    "continued",
    "continues",
    "cried",
    "demanded",
    "emailed",
    "fired",
    "gushed",
    "interjected",
    "laughed",
    "marveled",
    "mocked",
    "offered",
    "pleaded",
    "pressed",
    "put",
    "questioned",
    "raved",
    "read",
    "reads",
    "reasoned",
    "riffed",
    "scoffed",
    "shot",
    "sighed",
    "snapped",
    "speculated",
    "started",
    "summed",
    "teased",
    "went",
];

/// Forms whose reported-speech reading is rare: posted/posts (messages),
/// charged (prices), cited (sources, handled as chains), and third-person
/// forms that are mostly plural nouns ("some states", "his comments").
const RARELY_REPORTED: &[&str] = &[
    "posted", "posts", "charged", "charges", "cited", "cites", "citing", "posting", "states",
    "comments", "notes", "reports", "claims", "answers", "promises", "remarks", "counters",
    "tweets", "replies", "pledges", "vows", "jokes", "quips", "shouts", "whispers", "chants",
    "mentions", "praises", "stresses", "cautions", "responds",
];

/// Every list entry, empty base forms included: a bound on the number of
/// forms, which sizes the tables below.
const ENTRIES: usize = VERBS.len() * 4 + QUOTE_ONLY.len() + RARELY_REPORTED.len();

/// The cue forms and their classes, looked up with no hashing and no
/// string comparison, and built at compile time (no lazy initialisation
/// to check on every word).
///
/// A form's shape is its first letter, last letter and length. `shapes`
/// is a filter that turns most words of a text away on their shape alone;
/// a word that passes it is compared, as one number ([`pack`]), with the
/// one to three forms of its shape.
struct Table {
    /// For each (first letter, last letter): a bit per form length (all
    /// forms are shorter than 16 bytes), and how many shapes come before
    /// this pair's (pairs in row order, lengths ascending), which ranks
    /// each shape.
    shapes: [[(u16, u16); 26]; 26],
    /// For each shape rank, where its forms start in `forms`; the entry
    /// after the last shape's ends it.
    starts: [u16; ENTRIES + 1],
    /// The forms, grouped by shape rank, [`pack`]ed.
    forms: [u128; ENTRIES],
    /// The class of each of `forms`.
    classes: [Cue; ENTRIES],
}

/// A word of at most 16 bytes as one number: its bytes, first byte
/// lowest, the rest zero (so two words that end in no NUL byte are equal
/// when their numbers are).
pub(super) const fn pack(word: &[u8]) -> u128 {
    let mut key = 0u128;
    let mut i = word.len();
    while i > 0 {
        i -= 1;
        key = (key << 8) | word[i] as u128;
    }
    key
}

/// The forms and their classes as the lists give them: a form listed
/// twice in [`VERBS`] keeps its first class; [`QUOTE_ONLY`] and
/// [`RARELY_REPORTED`] override it. Returns the forms and their number.
const fn classified_forms() -> ([(&'static [u8], Cue); ENTRIES], usize) {
    let mut out: [(&'static [u8], Cue); ENTRIES] = [(b"", Cue::Finite); ENTRIES];
    let mut n = 0;
    let mut v = 0;
    while v < VERBS.len() {
        let mut k = 0;
        while k < 4 {
            let form = VERBS[v][k].as_bytes();
            let class = if k == 3 { Cue::Participle } else { Cue::Finite };
            if !form.is_empty() && position(&out, n, form).is_none() {
                out[n] = (form, class);
                n += 1;
            }
            k += 1;
        }
        v += 1;
    }
    let overriding: [&[&str]; 2] = [QUOTE_ONLY, RARELY_REPORTED];
    let mut l = 0;
    while l < overriding.len() {
        let list = overriding[l];
        let mut i = 0;
        while i < list.len() {
            let form = list[i].as_bytes();
            match position(&out, n, form) {
                Some(at) => out[at].1 = Cue::QuoteOnly,
                None => {
                    out[n] = (form, Cue::QuoteOnly);
                    n += 1;
                }
            }
            i += 1;
        }
        l += 1;
    }
    (out, n)
}

/// Where `form` is among the first `n` of `forms`.
const fn position(forms: &[(&[u8], Cue)], n: usize, form: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < n {
        if same_bytes(forms[i].0, form) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// `a == b` for byte strings, in a constant.
const fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The (first letter, last letter) cell of a form (its letters checked).
const fn cell(form: &[u8]) -> (usize, usize) {
    assert!(
        !form.is_empty() && form.len() < 16,
        "cue forms are shorter than 16 bytes"
    );
    let (first, last) = (form[0], form[form.len() - 1]);
    assert!(first.is_ascii_lowercase() && last.is_ascii_lowercase());
    ((first - b'a') as usize, (last - b'a') as usize)
}

/// The rank of the shape of a word whose cell holds `(lengths, base)`.
#[inline(always)]
const fn rank(lengths_and_base: (u16, u16), len: usize) -> usize {
    let (lengths, base) = lengths_and_base;
    base as usize + (lengths & ((1u16 << len) - 1)).count_ones() as usize
}

/// Builds [`TABLE`].
const fn table() -> Table {
    let (list, n) = classified_forms();
    let mut shapes = [[(0u16, 0u16); 26]; 26];
    let mut i = 0;
    while i < n {
        let (f, l) = cell(list[i].0);
        shapes[f][l].0 |= 1 << list[i].0.len();
        i += 1;
    }
    let mut base = 0u16;
    let mut f = 0;
    while f < 26 {
        let mut l = 0;
        while l < 26 {
            shapes[f][l].1 = base;
            base += shapes[f][l].0.count_ones() as u16;
            l += 1;
        }
        f += 1;
    }
    // Forms per shape, then where each shape's forms start.
    let mut starts = [0u16; ENTRIES + 1];
    let mut i = 0;
    while i < n {
        let (f, l) = cell(list[i].0);
        starts[rank(shapes[f][l], list[i].0.len()) + 1] += 1;
        i += 1;
    }
    let mut r = 0;
    while r < ENTRIES {
        starts[r + 1] += starts[r];
        r += 1;
    }
    let mut filled = [0u16; ENTRIES];
    let mut forms = [0u128; ENTRIES];
    let mut classes = [Cue::Finite; ENTRIES];
    let mut i = 0;
    while i < n {
        let (form, class) = list[i];
        let (f, l) = cell(form);
        let r = rank(shapes[f][l], form.len());
        let at = (starts[r] + filled[r]) as usize;
        filled[r] += 1;
        forms[at] = pack(form);
        classes[at] = class;
        i += 1;
    }
    Table {
        shapes,
        starts,
        forms,
        classes,
    }
}

static TABLE: Table = table();

/// The cue class of a lowercase word, if it is a speech verb.
pub fn cue(lower_word: &str) -> Option<Cue> {
    cue_bytes(lower_word.as_bytes())
}

/// [`cue`] on the word's bytes.
#[inline(always)]
pub fn cue_bytes(w: &[u8]) -> Option<Cue> {
    let r = shape_rank(w)?;
    find(r, pack(w))
}

/// [`cue`] of the word `lower[start..end]`, where `lower` is a whole
/// lowercased text: the word is read as one 16-byte load when the text
/// goes on that far, rather than byte by byte.
///
/// Most words are turned away on the eight bytes at `start` (a one-hash
/// filter of the cue forms) before the word's shape is looked at.
#[inline(always)]
pub fn cue_in(lower: &[u8], start: usize, end: usize) -> Option<Cue> {
    if let Some(chunk) = lower.get(start..).and_then(<[u8]>::first_chunk::<8>) {
        let eight = u64::from_le_bytes(*chunk);
        if !may_be_form(eight, end - start) {
            return None;
        }
    }
    shaped_cue_in(lower, start, end)
}

/// [`cue_in`] of a word whose first bytes the caller has already read:
/// `head` holds its first eight bytes, or all its bytes when it is
/// shorter (lowercased, first byte lowest, the rest zero), so most words
/// are turned away without reading the text again.
#[inline(always)]
pub fn cue_of_head(head: u64, lower: &[u8], start: usize, end: usize) -> Option<Cue> {
    if !filter_has(filter_bit_of_head(head, end - start)) {
        return None;
    }
    shaped_cue_in(lower, start, end)
}

/// [`cue_in`] past the filter: the word's shape, then its bytes.
#[inline(always)]
fn shaped_cue_in(lower: &[u8], start: usize, end: usize) -> Option<Cue> {
    let w = &lower[start..end];
    let r = shape_rank(w)?;
    let key = match lower.get(start..).and_then(<[u8]>::first_chunk::<16>) {
        // The word is shorter than 16 bytes: keep its bytes only.
        Some(chunk) => u128::from_le_bytes(*chunk) & ((1u128 << (8 * w.len())) - 1),
        None => pack(w),
    };
    find(r, key)
}

/// Log2 of the bits in [`FILTER`]: about 28 bits per form, so that
/// few other words share a form's bit.
const FILTER_LOG: u32 = 13;

/// Bits in [`FILTER`].
const FILTER_BITS: usize = 1 << FILTER_LOG;

/// The [`FILTER`] bit of a word of `len` bytes whose first (up to) eight
/// bytes are the low bytes of `head` (the rest of `head` is ignored):
/// those bytes and the length, hashed by one multiplication.
#[inline(always)]
const fn filter_bit(head: u64, len: usize) -> usize {
    let kept = 8 * if len < 8 { len } else { 8 };
    let bytes = if kept == 0 {
        0
    } else {
        head & (u64::MAX >> (64 - kept))
    };
    filter_bit_of_head(bytes, len)
}

/// [`filter_bit`] of a `head` whose bytes past the word's are already
/// zero.
#[inline(always)]
const fn filter_bit_of_head(head: u64, len: usize) -> usize {
    let mixed = (head ^ (len as u64).rotate_right(8)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    (mixed >> (64 - FILTER_LOG)) as usize
}

/// A bit per [`filter_bit`] value, set for the values of the cue forms: a
/// word whose bit is clear is no form (a Bloom filter of one hash).
static FILTER: [u64; FILTER_BITS / 64] = {
    let (list, n) = classified_forms();
    let mut bits = [0u64; FILTER_BITS / 64];
    let mut i = 0;
    while i < n {
        let form = list[i].0;
        let mut head = 0u64;
        let mut k = if form.len() < 8 { form.len() } else { 8 };
        while k > 0 {
            k -= 1;
            head = (head << 8) | form[k] as u64;
        }
        let bit = filter_bit(head, form.len());
        bits[bit / 64] |= 1 << (bit % 64);
        i += 1;
    }
    bits
};

/// False when the word of `len` bytes (at least one) whose first bytes
/// are the low bytes of `eight` is certainly no cue form; true for every
/// form, and for the few other words that share a form's [`FILTER`] bit.
#[inline(always)]
fn may_be_form(eight: u64, len: usize) -> bool {
    filter_has(filter_bit(eight, len))
}

/// True when [`FILTER`] has `bit` set.
#[inline(always)]
fn filter_has(bit: usize) -> bool {
    FILTER[bit / 64] & (1 << (bit % 64)) != 0
}

/// The shape rank of `w` when some cue form has its shape (so `w` is
/// shorter than 16 bytes).
#[inline(always)]
fn shape_rank(w: &[u8]) -> Option<usize> {
    let (&first, &last) = (w.first()?, w.last()?);
    if !(first.is_ascii_lowercase() && last.is_ascii_lowercase()) || w.len() >= 16 {
        return None;
    }
    let cell = TABLE.shapes[usize::from(first - b'a')][usize::from(last - b'a')];
    if cell.0 & (1 << w.len()) == 0 {
        return None;
    }
    Some(rank(cell, w.len()))
}

/// The class of the form `key` among the forms of shape rank `r`.
#[inline(always)]
fn find(r: usize, key: u128) -> Option<Cue> {
    let (from, to) = (
        usize::from(TABLE.starts[r]),
        usize::from(TABLE.starts[r + 1]),
    );
    (from..to)
        .find(|&k| TABLE.forms[k] == key)
        .map(|k| TABLE.classes[k])
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! c {
        ($name:ident, $w:expr, $want:expr) => {
            #[test]
            fn $name() {
                assert_eq!(cue($w), $want);
            }
        };
    }

    c!(said, "said", Some(Cue::Finite));
    c!(says, "says", Some(Cue::Finite));
    c!(told, "told", Some(Cue::Finite));
    c!(tweeted, "tweeted", Some(Cue::Finite));
    c!(adding, "adding", Some(Cue::Participle));
    c!(continued, "continued", Some(Cue::QuoteOnly));
    c!(base_add_is_not_a_cue, "add", None);
    c!(not_a_verb, "ministry", None);
    c!(empty, "", None);

    c!(capitalised, "Said", None);

    /// The forms and classes as the lists state them (later lists
    /// override earlier ones), in a map.
    fn listed() -> std::collections::HashMap<&'static str, Cue> {
        let mut m = std::collections::HashMap::new();
        for forms in VERBS {
            for (k, f) in forms.iter().enumerate() {
                if !f.is_empty() {
                    let cue = if k == 3 { Cue::Participle } else { Cue::Finite };
                    m.entry(*f).or_insert(cue);
                }
            }
        }
        for f in QUOTE_ONLY.iter().chain(RARELY_REPORTED) {
            m.insert(*f, Cue::QuoteOnly);
        }
        m
    }

    #[test]
    fn the_table_holds_every_form_with_its_class() {
        let listed = listed();
        for (w, class) in &listed {
            assert_eq!(cue(w), Some(*class), "{w:?}");
        }
        let (_, n) = classified_forms();
        assert_eq!(n, listed.len());
        assert_eq!(usize::from(TABLE.starts[ENTRIES]), listed.len());
    }

    #[test]
    fn near_misses_are_not_cues() {
        let listed = listed();
        // Same shapes as forms, other letters; prefixes; suffixes.
        for w in listed.keys() {
            let b = w.as_bytes();
            for i in 1..b.len().saturating_sub(1) {
                let mut v = b.to_vec();
                v[i] = if v[i] == b'x' { b'y' } else { b'x' };
                let v = String::from_utf8(v).unwrap();
                assert_eq!(cue(&v), listed.get(v.as_str()).copied(), "{v:?}");
            }
            assert_eq!(
                cue(&w[..w.len() - 1]),
                listed.get(&w[..w.len() - 1]).copied()
            );
            let longer = format!("{w}s");
            assert_eq!(cue(&longer), listed.get(longer.as_str()).copied());
        }
    }

    /// Every form passes the filter, read from a text at any place (eight
    /// bytes on or fewer), and most other words do not.
    #[test]
    fn the_filter_keeps_every_form_and_few_other_words() {
        for w in listed().keys() {
            for text in [format!("{w} and so on"), format!("x {w}"), w.to_string()] {
                let at = text.find(w).unwrap();
                let got = cue_in(text.as_bytes(), at, at + w.len());
                assert_eq!(got, cue(w), "{text:?}");
            }
        }
        let others = [
            "the",
            "a",
            "of",
            "and",
            "to",
            "in",
            "is",
            "that",
            "for",
            "on",
            "was",
            "with",
            "he",
            "as",
            "it",
            "by",
            "at",
            "from",
            "his",
            "an",
            "were",
            "are",
            "which",
            "this",
            "be",
            "has",
            "have",
            "had",
            "not",
            "but",
            "they",
            "their",
            "government",
            "minister",
            "president",
            "people",
            "year",
            "would",
            "will",
            "been",
            "more",
            "after",
            "also",
            "who",
            "its",
            "one",
            "new",
            "two",
            "there",
            "about",
            "first",
            "last",
            "than",
        ];
        let passed = others
            .iter()
            .filter(|w| {
                let text = format!("{w} and so on");
                let head = u64::from_le_bytes(text.as_bytes()[..8].try_into().unwrap());
                may_be_form(head, w.len())
            })
            .count();
        assert!(passed * 10 <= others.len(), "{passed} of {}", others.len());
    }

    #[test]
    fn reading_from_the_text_is_reading_the_word() {
        let text = "he said that they were adding to it; officials say. says";
        let bytes = text.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().chain([b' '].iter()).enumerate() {
            if !b.is_ascii_alphabetic() {
                if start < i {
                    assert_eq!(
                        cue_in(bytes, start, i),
                        cue_bytes(&bytes[start..i]),
                        "{}",
                        &text[start..i]
                    );
                }
                start = i + 1;
            }
        }
        assert_eq!(
            cue_in(bytes, bytes.len() - 4, bytes.len()),
            Some(Cue::Finite)
        );
    }
}

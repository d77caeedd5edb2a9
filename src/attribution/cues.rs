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

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

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

/// The cue forms and their classes (later lists override earlier ones).
static CUES: LazyLock<FxHashMap<&'static [u8], Cue>> = LazyLock::new(|| {
    let mut m = FxHashMap::default();
    for forms in VERBS {
        for (k, f) in forms.iter().enumerate() {
            if f.is_empty() {
                continue;
            }
            let cue = if k == 3 { Cue::Participle } else { Cue::Finite };
            m.entry(f.as_bytes()).or_insert(cue);
        }
    }
    for f in QUOTE_ONLY.iter().chain(RARELY_REPORTED) {
        m.insert(f.as_bytes(), Cue::QuoteOnly);
    }
    m
});

/// [`CUES`] bucketed by shape (first letter, last letter, length), the key
/// [`SHAPES`] filters on: a word that passes the filter is compared with the
/// one or two forms of its shape instead of being hashed.
struct ByShape {
    /// For each shape, the range of its forms in `forms`.
    buckets: Vec<std::ops::Range<u16>>,
    /// The forms, grouped by shape.
    forms: Vec<(&'static [u8], Cue)>,
}

/// The bucket of a lowercase ASCII word shorter than 16 bytes.
fn shape_index(first: u8, last: u8, len: usize) -> usize {
    (usize::from(first - b'a') * 26 + usize::from(last - b'a')) * 16 + len
}

static BY_SHAPE: LazyLock<ByShape> = LazyLock::new(|| {
    let mut forms: Vec<(&'static [u8], Cue)> = CUES.iter().map(|(w, c)| (*w, *c)).collect();
    let key = |w: &[u8]| shape_index(w[0], w[w.len() - 1], w.len());
    forms.sort_by_key(|(w, _)| (key(w), *w));
    let mut buckets = vec![0..0; 26 * 26 * 16];
    let mut k = 0;
    while k < forms.len() {
        let shape = key(forms[k].0);
        let end = k + forms[k..]
            .iter()
            .take_while(|(w, _)| key(w) == shape)
            .count();
        buckets[shape] = k as u16..end as u16;
        k = end;
    }
    ByShape { buckets, forms }
});

/// A quick filter before the table: for each (first letter, last letter)
/// pair of the cue forms, a bit per form length (all are shorter than 16
/// bytes). It turns most words of a text away without hashing them.
static SHAPES: [[u16; 26]; 26] = shapes();

/// Builds [`SHAPES`] from every list of forms.
const fn shapes() -> [[u16; 26]; 26] {
    let mut shapes = [[0u16; 26]; 26];
    let mut v = 0;
    while v < VERBS.len() {
        let mut k = 0;
        while k < 4 {
            add_shape(&mut shapes, VERBS[v][k]);
            k += 1;
        }
        v += 1;
    }
    let mut i = 0;
    while i < QUOTE_ONLY.len() {
        add_shape(&mut shapes, QUOTE_ONLY[i]);
        i += 1;
    }
    let mut i = 0;
    while i < RARELY_REPORTED.len() {
        add_shape(&mut shapes, RARELY_REPORTED[i]);
        i += 1;
    }
    shapes
}

/// Sets the bit of one form in `shapes` (nothing for an empty form).
const fn add_shape(shapes: &mut [[u16; 26]; 26], form: &str) {
    let b = form.as_bytes();
    if b.is_empty() {
        return;
    }
    assert!(b.len() < 16, "cue forms are shorter than 16 bytes");
    let (first, last) = (b[0], b[b.len() - 1]);
    assert!(first.is_ascii_lowercase() && last.is_ascii_lowercase());
    shapes[(first - b'a') as usize][(last - b'a') as usize] |= 1 << b.len();
}

/// The cue class of a lowercase word, if it is a speech verb.
pub fn cue(lower_word: &str) -> Option<Cue> {
    cue_bytes(lower_word.as_bytes())
}

/// [`cue`] on the word's bytes: the shape filter, then the few forms of that shape.
#[inline(always)]
pub fn cue_bytes(w: &[u8]) -> Option<Cue> {
    let (&first, &last) = (w.first()?, w.last()?);
    if !(first.is_ascii_lowercase() && last.is_ascii_lowercase()) || w.len() >= 16 {
        return None;
    }
    let lengths = SHAPES[usize::from(first - b'a')][usize::from(last - b'a')];
    if lengths & (1 << w.len()) == 0 {
        return None;
    }
    let by_shape = &*BY_SHAPE;
    let range = by_shape.buckets[shape_index(first, last, w.len())].clone();
    by_shape.forms[usize::from(range.start)..usize::from(range.end)]
        .iter()
        .find(|(form, _)| *form == w)
        .map(|(_, cue)| *cue)
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

    #[test]
    fn the_filter_keeps_every_form() {
        for (w, class) in CUES.iter() {
            assert_eq!(cue_bytes(w), Some(*class), "{w:?}");
        }
    }
}

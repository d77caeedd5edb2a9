//! Capitalised sequences: the candidate names of a field. A chunk is a run
//! of capitalised words (with initials like "P.", titles like "Mr.", name
//! particles like "de" or "bin", and "&" between words), extended across
//! "of" / "for" / "and" when an organisation word makes that a single name
//! ("Bank of Canada", "Test and County Cricket Board"). Function words and
//! sentence-initial common words are stripped from the front.

use super::{
    lexicons::{Lexicons, WordSet},
    tokens::Tokens,
};

/// A candidate name: tokens `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    /// First token.
    pub first: usize,
    /// Last token (a dot of a final initial is never last).
    pub last: usize,
}

/// Lowercase words that sit inside personal names ("Charles de Gaulle").
const PARTICLES: &[&str] = &[
    "de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "la", "le", "bin", "ibn",
    "al", "el", "dos", "das", "do", "ter", "y", "st",
];

/// Capitalised words that begin a sentence without naming anything. Pure
/// sentence syntax: determiners, pronouns, conjunctions, prepositions,
/// sentence adverbs.
pub const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "if",
    "when",
    "while",
    "as",
    "after",
    "before",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "its",
    "there",
    "here",
    "some",
    "all",
    "no",
    "not",
    "what",
    "who",
    "which",
    "why",
    "how",
    "for",
    "from",
    "to",
    "with",
    "by",
    "of",
    "since",
    "under",
    "over",
    "despite",
    "although",
    "though",
    "meanwhile",
    "however",
    "also",
    "then",
    "still",
    "yet",
    "so",
    "both",
    "each",
    "every",
    "many",
    "most",
    "more",
    "other",
    "such",
    "than",
    "until",
    "unless",
    "where",
    "whether",
    "because",
    "about",
    "against",
    "among",
    "between",
    "during",
    "into",
    "through",
    "without",
    "within",
    "around",
    "near",
    "like",
    "even",
    "only",
    "just",
    "now",
    "later",
    "earlier",
    "last",
    "next",
    "first",
    "one",
    "two",
    "three",
    "asked",
    "if",
    "instead",
    "once",
    "again",
    "thus",
    "hence",
    "indeed",
    "elsewhere",
    "besides",
    "further",
    "overall",
    "nor",
    "either",
    "neither",
    "any",
    "another",
    "several",
    "few",
    "much",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "shall",
    "let",
    "please",
    "yes",
    "oh",
    "well",
    "up",
    "down",
    "out",
    "off",
    "per",
    "via",
    "upon",
    "across",
    "along",
    "behind",
    "beyond",
    "towards",
    "toward",
    "whose",
    "whom",
    "whatever",
    "whoever",
    "whichever",
    "having",
    "being",
    "given",
    "including",
    "following",
    "according",
    "mr",
    "mrs",
    "ms",
];

/// Day and month names: capitalised, never a name here (the date tagger owns them).
pub const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Title abbreviations written with a dot before a name ("Mr. Lee").
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "gen", "gov", "rep", "lt", "col", "capt", "sgt", "prof", "rev",
    "maj", "adm", "st",
];

/// The function words, as a set.
static FUNCTION_SET: WordSet = WordSet::new(FUNCTION_WORDS);

/// Whether the lowercase `w` is a function word.
pub fn is_function_word(w: &str) -> bool {
    FUNCTION_SET.contains(w)
}

/// Whether token `i`, whose lowercase is `w`, is a function word: a
/// token in ASCII is tested by its sketch (its lowercase is its folding).
fn is_function_token(t: &Tokens<'_>, i: usize, w: &str) -> bool {
    if t.is_ascii(i) {
        FUNCTION_SET.contains_token(w, t.toks[i].sketch)
    } else {
        is_function_word(w)
    }
}

/// Whether token `i` is written as a name particle ("de", "bin"): its
/// text, not its folding (a capitalised "De" is a name word). The token's
/// sketch tests it first: that of a word in ASCII is its text's, and no
/// other word is a particle.
fn is_particle(t: &Tokens<'_>, i: usize) -> bool {
    static SET: WordSet = WordSet::new(PARTICLES);
    // The sketch before the text: slicing the text is checked, and most
    // tokens are told without it.
    SET.contains_token_with(t.toks[i].sketch, || t.s(i))
}

/// Whether token `i`, in ASCII, is a day or month name.
fn is_calendar_word(t: &Tokens<'_>, i: usize) -> bool {
    static SET: WordSet = WordSet::new(CALENDAR_WORDS);
    // The sketch first: most words are told without their folding.
    SET.contains_token_with(t.toks[i].sketch, || t.f(i))
}

/// Whether token `i` can be part of a name.
#[inline]
pub fn is_name_word(t: &Tokens<'_>, i: usize) -> bool {
    // Most tokens are told by their kind and shape alone.
    let tok = &t.toks[i];
    tok.kind == super::tokens::Kind::Word
        && (tok.shape().first_upper() || tok.shape().joined())
        && is_name_shaped(t, i)
}

/// Whether the word `i`, capitalised or joined, is shaped like a name.
#[inline]
fn is_name_shaped(t: &Tokens<'_>, i: usize) -> bool {
    let tok = t.toks[i];
    let shape = tok.shape();
    if tok.kind == super::tokens::Kind::Word && shape.ascii() && shape.first_upper() {
        // Most of them: a capitalised word in ASCII is a name word unless
        // it is "I" or a day or month.
        let lone_i = tok.end() - tok.start() == 1 && t.text.as_bytes()[tok.start()] == b'I';
        return !lone_i && !is_calendar_word(t, i);
    }
    let s = t.s(i);
    // "al-Assad", "bin-Laden", "d'Alema": lowercase prefix, capital after it.
    let name_shaped = t.is_cap(i)
        || (shape.joined()
            && s.char_indices().any(|(k, c)| {
                c.is_uppercase() && k > 0 && matches!(s[..k].chars().next_back(), Some('-' | '\''))
            }));
    // The calendar words are ASCII: no other word equals one ignoring ASCII case.
    name_shaped && s != "I" && !(t.is_ascii(i) && is_calendar_word(t, i))
}

/// Whether token `i` is a title abbreviation followed by its dot ("Mr.").
pub fn is_title_abbreviation(t: &Tokens<'_>, i: usize) -> bool {
    t.is_cap(i)
        && t.is_punct(i + 1, ".")
        && t.touches_next(i)
        && TITLE_ABBREVIATIONS.contains(&t.lower(i).as_ref())
}

/// Index after a name token (skipping an initial's or a title's dot).
#[inline]
fn after(t: &Tokens<'_>, i: usize) -> usize {
    // Both need a dot touching the token: most tokens have none.
    let dot_next = t.is_punct(i + 1, ".") && t.touches_next(i);
    if dot_next && (t.is_initial(i) || is_title_abbreviation(t, i)) {
        i + 2
    } else {
        i + 1
    }
}

/// Finds the chunks of a field, skipping lines in capitals (and the whole
/// field when `skip_all`).
pub fn find(t: &Tokens<'_>, lex: &Lexicons, skip_all: bool) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::with_capacity(t.len() / 8);
    if skip_all {
        return out;
    }
    let n = t.len();
    let mut i = 0;
    // A chunk starts at a name word: the tokens that may start a name are
    // the only ones tried.
    for &start in t.name_starts() {
        if start < i {
            continue;
        }
        i = start;
        if t.toks[i].caps_line() || !is_name_word(t, i) {
            continue;
        }
        let first = i;
        let mut j = i;
        loop {
            let next = after(t, j);
            if next < n && t.same_line(j, next) && is_name_word(t, next) {
                j = next;
                continue;
            }
            let joiner =
                next < n && !t.is_cap(next) && (t.is_punct(next, "&") || is_particle(t, next));
            if joiner && next + 1 < n && t.same_line(j, next + 1) && is_name_word(t, next + 1) {
                j = next + 1;
                continue;
            }
            break;
        }
        out.push(Chunk { first, last: j });
        i = after(t, j);
    }
    let out = join_org_names(t, lex, out);
    out.into_iter()
        .filter_map(|c| strip_front(t, lex, c))
        .collect()
}

/// Joins "A of B", "A for B", "A of the B" when A ends in an organisation
/// head word ("Bank of Canada"), and "A and B", "A & B" when B ends in one
/// ("Test and County Cricket Board").
fn join_org_names(t: &Tokens<'_>, lex: &Lexicons, mut chunks: Vec<Chunk>) -> Vec<Chunk> {
    // In place: the chunks kept so far are `chunks[..kept]`.
    let mut kept = 0;
    for k in 0..chunks.len() {
        let c = chunks[k];
        if kept > 0 && joins_org_name(t, lex, chunks[kept - 1], c) {
            chunks[kept - 1].last = c.last;
            continue;
        }
        chunks[kept] = c;
        kept += 1;
    }
    chunks.truncate(kept);
    chunks
}

/// Whether chunk `c` joins the chunk `prev` before it into one name (see
/// [`join_org_names`]).
fn joins_org_name(t: &Tokens<'_>, lex: &Lexicons, prev: Chunk, c: Chunk) -> bool {
    let gap = c.first - prev.last - 1;
    // Only one or two words between them may join them: the others are
    // told without reading a word.
    if !(1..=2).contains(&gap) {
        return false;
    }
    let w = |k: usize| t.s(prev.last + 1 + k);
    let between = w(0);
    let of_like = matches!(between, "of" | "for") && (gap == 1 || w(1) == "the");
    let and_like = gap == 1 && matches!(between, "and" | "&");
    let (p, l) = (prev.last, c.last);
    t.same_line(prev.last, c.first)
        && ((of_like
            && lex.is_org_suffix_folded(t.s(p), t.f(p))
            && !lex.is_legal_form_folded(t.s(p), t.f(p)))
            || (and_like && lex.is_org_suffix_folded(t.s(l), t.f(l))))
}

/// Drops leading function words ("The", "But"), and a sentence-initial
/// word that is written in lowercase elsewhere in the field.
fn strip_front(t: &Tokens<'_>, lex: &Lexicons, mut c: Chunk) -> Option<Chunk> {
    loop {
        if c.first > c.last {
            return None;
        }
        if t.toks[c.first].kind == super::tokens::Kind::Punct {
            c.first += 1;
            continue;
        }
        if keeps_front(t, c.first) {
            return Some(c);
        }
        let w = t.lower(c.first);
        let function = is_function_token(t, c.first, &w)
            && !(w == "mr" || w == "mrs" || w == "ms")
            && !t.is_initial(c.first);
        // "Ontario-based Magna", "Boston-based": a place made an adjective
        // (a word holds a hyphen only when the scan joined it there).
        let adjective = c.first < c.last
            && t.toks[c.first].shape().joined()
            && w.rsplit_once('-')
                .is_some_and(|(_, tail)| tail.chars().next().is_some_and(char::is_lowercase));
        let common_opener = t.toks[c.first].sent_start()
            && c.first < c.last
            && (w.ends_with("ing") || w.ends_with("ly"))
            && !lex.is_first_name(&w);
        if function || common_opener || adjective {
            c.first += 1;
            continue;
        }
        return Some(c);
    }
}

/// Whether token `i`, a word, opens its chunk as it stands, told by its
/// shape and sketch alone (most chunks): in ASCII, no function word by its
/// sketch, joined by no hyphen and not first in its sentence, it is none of
/// what [`strip_front`] drops.
#[inline]
fn keeps_front(t: &Tokens<'_>, i: usize) -> bool {
    let tok = t.toks[i];
    let shape = tok.shape();
    // A token in ASCII: its lowercase is its folding, whose sketch this is.
    shape.ascii()
        && !shape.joined()
        && !tok.sent_start()
        && !FUNCTION_SET.sketches().has_bit(usize::from(tok.sketch))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tokens::tokenize;

    fn lex() -> Lexicons {
        Lexicons::from_files([
            ("org_suffixes.tsv", "suffix\tsource\nBank\tcurated\nBoard\tcurated\nCompany\tcurated\nCo\tcleanco\nCorp\tcleanco\n"),
            ("first_names.tsv", "name\nPeter\n"),
        ])
    }

    fn chunks(text: &str) -> Vec<String> {
        let t = tokenize(text);
        find(&t, &lex(), false)
            .into_iter()
            .map(|c| text[t.toks[c.first].start()..t.toks[c.last].end()].to_string())
            .collect()
    }

    macro_rules! ch {
        ($name:ident, $text:expr, [$($w:expr),*]) => {
            #[test]
            fn $name() {
                assert_eq!(chunks($text), vec![$($w.to_string()),*]);
            }
        };
    }

    ch!(simple_run, "said Anar Eyvazov on Friday", ["Anar Eyvazov"]);
    ch!(initials, "( P. Simmons 4-38 )", ["P. Simmons"]);
    ch!(
        initial_a_is_no_article,
        "A. Hollioake run out 15",
        ["A. Hollioake"]
    );
    ch!(title_dot, "Mr. Lee left", ["Mr. Lee"]);
    ch!(particles, "met Charles de Gaulle", ["Charles de Gaulle"]);
    ch!(org_of, "the Bank of Canada said", ["Bank of Canada"]);
    ch!(
        org_and,
        "the Test and County Cricket Board",
        ["Test and County Cricket Board"]
    );
    ch!(
        no_plain_and,
        "Essex , Derbyshire and Surrey",
        ["Essex", "Derbyshire", "Surrey"]
    );
    ch!(
        ampersand,
        "Douglas & Lomason Co rose",
        ["Douglas & Lomason Co"]
    );
    ch!(strips_the, "The White House said", ["White House"]);
    ch!(calendar_breaks, "on Friday Peter Such", ["Peter Such"]);
    ch!(
        lines_break,
        "Leicestershire\nSomerset",
        ["Leicestershire", "Somerset"]
    );
    ch!(
        hyphen_prefix,
        "President Bashar al-Assad",
        ["President Bashar al-Assad"]
    );
    ch!(
        caps_lines_skipped,
        "SOCCER - JAPAN WIN .\nJapan won",
        ["Japan"]
    );
}

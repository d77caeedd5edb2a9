//! Canonical speaker names: a surname ("Eyvazov") linked to the full name
//! it abbreviates ("Anar Eyvazov"), a definite description ("the ministry")
//! linked to the organisation it refers back to, and the article's people
//! and bodies in text order for pronoun resolution.
//!
//! Full names come from the field's PERSON/ORG mentions (their canonical
//! names win) and, so that linking works before the name rules have run,
//! from runs of two or more capitalised name words in the text itself.

use crate::normalize::fold;
use std::cell::RefCell;

use super::{doc::Doc, words};
use crate::span::{Label, Span};

/// A full name seen in the article (borrowed from the text or its mentions).
#[derive(Debug, Clone)]
struct FullName<'a> {
    /// Byte offset of its first occurrence (mentions counted before runs).
    start: usize,
    /// The name as written (or the mention's canonical).
    name: &'a str,
    /// Entity id, when a mention gave one.
    entity_id: &'a str,
    /// Occurrences.
    count: usize,
    /// True for organisations.
    org: bool,
}

/// The article's full names, for linking short references to them: the
/// names of its PERSON/ORG mentions, then the runs of capitalised name
/// words outside quotes, each with how often it occurs.
///
/// Only names whose last word is asked about are ever collected: a
/// reference is linked to a name by that word, and every occurrence of a
/// name has the same last word, so the names ending in one word and their
/// counts need no other name. Most articles ask about one or two words and
/// have hundreds of capitalised words; the names for each word asked about
/// are kept for the next question.
#[derive(Debug)]
pub struct NameIndex<'d, 'a> {
    /// The article.
    doc: &'d Doc<'a>,
    /// For each (folded) last word asked about, in the order asked: the
    /// names ending in it, in order of their first occurrence.
    asked: RefCell<Vec<(String, Vec<FullName<'a>>)>>,
}

/// A name's last word, folded like the matcher folds text (case,
/// diacritics, apostrophes), so "Erdogan" finds "Erdoğan" and "O’Brien"
/// finds "O'Brien". An ASCII word, whose folding is ASCII lowercasing, is
/// kept as written and compared with its case folded: most names are
/// never asked about, and need no folded copy.
#[derive(Debug, Clone)]
enum LastWord<'a> {
    /// An ASCII word as written.
    Ascii(&'a str),
    /// Any other word, folded.
    Folded(String),
}

impl<'a> LastWord<'a> {
    /// The last word of `name`.
    fn of(name: &'a str) -> LastWord<'a> {
        if name.is_ascii() {
            // Its whitespace is ASCII: the word is found by bytes.
            let bytes = name.as_bytes();
            let from = bytes
                .iter()
                .rposition(|&b| is_ascii_white_space(b))
                .map_or(0, |at| at + 1);
            return LastWord::Ascii(&name[from..]);
        }
        let w = name
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or(name);
        if w.is_ascii() {
            LastWord::Ascii(w)
        } else {
            LastWord::Folded(fold(w))
        }
    }

    /// True when the word, folded, is `folded`.
    fn is(&self, folded: &str) -> bool {
        match self {
            LastWord::Ascii(w) => {
                w.len() == folded.len()
                    && w.bytes()
                        .zip(folded.bytes())
                        .all(|(a, b)| a.to_ascii_lowercase() == b)
            }
            LastWord::Folded(w) => w == folded,
        }
    }
}

/// True for the ASCII bytes that are `char::is_whitespace` (tab to
/// carriage return, and the space; `u8::is_ascii_whitespace` leaves out the
/// vertical tab).
fn is_ascii_white_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// [`fold`], without its offset map for the usual all-ASCII word, where
/// folding is ASCII lowercasing.
fn fold_word(w: &str) -> String {
    if w.is_ascii() {
        w.to_ascii_lowercase()
    } else {
        fold(w)
    }
}

impl<'d, 'a> NameIndex<'d, 'a> {
    /// The index of `doc`'s full names (collected when asked about).
    pub fn new(doc: &'d Doc<'a>) -> NameIndex<'d, 'a> {
        NameIndex {
            doc,
            asked: RefCell::new(Vec::new()),
        }
    }

    /// The full name a single-word reference (a surname, or an
    /// organisation's head word) most likely stands for, from names that
    /// appear before byte `pos`: the most frequent, then the earliest.
    pub fn link(&self, word: &str, pos: usize) -> Option<(&'a str, &'a str)> {
        let w = fold_word(word);
        let w = w.trim_end_matches("'s");
        self.with_names_ending_in(w, |names| {
            names
                .iter()
                .filter(|n| n.start < pos && n.name.contains(' '))
                .max_by(|a, b| a.count.cmp(&b.count).then(b.start.cmp(&a.start)))
                .map(|n| (n.name, n.entity_id))
        })
    }

    /// The organisation a definite description's head ("ministry") refers
    /// back to: the nearest organisation name before `pos` ending with it.
    pub fn link_org(&self, head: &str, pos: usize) -> Option<(&'a str, &'a str)> {
        self.with_names_ending_in(head, |names| {
            names
                .iter()
                .filter(|n| n.org && n.start < pos)
                .max_by_key(|n| n.start)
                .map(|n| (n.name, n.entity_id))
        })
    }

    /// `answer` of the names whose last word folds to `folded`, collected
    /// on the first question about that word.
    fn with_names_ending_in<R>(
        &self,
        folded: &str,
        answer: impl FnOnce(&[FullName<'a>]) -> R,
    ) -> R {
        let mut asked = self.asked.borrow_mut();
        let k = match asked.iter().position(|(w, _)| w == folded) {
            Some(k) => k,
            None => {
                let names = names_ending_in(self.doc, folded);
                asked.push((folded.to_string(), names));
                asked.len() - 1
            }
        };
        answer(&asked[k].1)
    }
}

/// The full names of `doc` whose last word folds to `folded`, in order of
/// first occurrence (mentions before runs), each with its count.
fn names_ending_in<'a>(doc: &Doc<'a>, folded: &str) -> Vec<FullName<'a>> {
    let mut names: Vec<FullName<'a>> = Vec::new();
    let ends = LastByte::of(folded);
    let mut add = |name: &'a str, start: usize, entity_id: &'a str, org: bool| {
        if !ends.may_end(name.as_bytes()) || !LastWord::of(name).is(folded) {
            return;
        }
        match names.iter_mut().find(|n| n.name == name) {
            Some(n) => n.count += 1,
            None => names.push(FullName {
                start,
                name,
                entity_id,
                count: 1,
                org,
            }),
        }
    };
    let text: &'a str = doc.text;
    let mentions: &'a [Span] = doc.mentions;
    for m in mentions {
        if matches!(m.label, Label::Person | Label::Org) {
            let name = if m.canonical.is_empty() {
                &text[m.start..m.end]
            } else {
                m.canonical.as_str()
            };
            add(name, m.start, &m.entity_id, m.label == Label::Org);
        }
    }
    // Runs of capitalised words outside quotes and mentions. A run's name
    // ends with its last token, whose folding (folding goes character by
    // character) ends the folded last word: only tokens that can end
    // `folded` are looked at.
    let lower = doc.lower.as_bytes();
    for &b in doc.caps() {
        // A word's last byte, lowercased if ASCII (words are not empty).
        if !ends.may_end_in(lower[doc.toks[b].end() - 1]) {
            continue;
        }
        let w = doc.w(b);
        if !folded.ends_with(w) && w.is_ascii() {
            continue;
        }
        let Some(a) = run_ending_at(doc, b) else {
            continue;
        };
        if let Some((first, org)) = run_name(doc, a, b) {
            let name = &text[doc.toks[first].start()..doc.toks[b].end()];
            add(name, doc.toks[first].start(), "", org);
        }
    }
    names
}

/// The name that the run of name words `a..=b` makes: its first token
/// past the titles that open it (unless its last word is an organisation
/// head), and whether it names an organisation; `None` when only titles
/// are left, when a mention holds both its ends, or when it ends in a
/// possessive.
fn run_name(doc: &Doc, a: usize, b: usize) -> Option<(usize, bool)> {
    let mut first = a;
    while first < b && !words::is_org_head(doc.w(b)) && words::is_title(doc.w(first)) {
        first += 1;
    }
    if b == first || doc.mention(first).is_some() && doc.mention(b).is_some() {
        return None;
    }
    let lastw = doc.w(b);
    if lastw.ends_with("'s") || lastw.ends_with("’s") {
        return None;
    }
    Some((first, words::is_org_head(lastw)))
}

/// What the last byte of a text must be for its last word (or its last
/// token) to fold to a given word: folding goes character by character
/// and folds an ASCII character to itself lowercased, so a text ending in
/// an ASCII byte can only fold to a word ending in that byte lowercased.
#[derive(Debug, Clone, Copy)]
struct LastByte(Option<u8>);

impl LastByte {
    /// The test for texts folding to `folded` (none for an empty word).
    fn of(folded: &str) -> LastByte {
        LastByte(folded.as_bytes().last().copied())
    }

    /// False when `text`, ending in an ASCII byte, cannot fold to a word
    /// that ends as the folded word does; true otherwise.
    #[inline]
    fn may_end(self, text: &[u8]) -> bool {
        text.last()
            .is_none_or(|&b| self.may_end_in(b.to_ascii_lowercase()))
    }

    /// [`LastByte::may_end`] of a text whose last byte, ASCII-lowercased,
    /// is `last`.
    #[inline]
    fn may_end_in(self, last: u8) -> bool {
        match self.0 {
            Some(want) if last.is_ascii() => last == want,
            _ => true,
        }
    }
}

/// The first token of the run of name words that ends at token `b`, when
/// one does.
///
/// Runs are read left to right: a run starts at a name word (see
/// [`run_word`]) not taken in by the run before and takes in the name
/// words after it, five words at most. So a chain of consecutive name
/// words splits into runs of five from its first word on.
fn run_ending_at(doc: &Doc, b: usize) -> Option<usize> {
    if !run_word(doc, b) {
        return None;
    }
    let mut chain = b;
    while chain > 0 && run_word(doc, chain - 1) {
        chain -= 1;
    }
    let a = chain + (b - chain) / RUN_WORDS * RUN_WORDS;
    (b - a == RUN_WORDS - 1 || !run_word(doc, b + 1)).then_some(a)
}

/// The most words a run of name words takes in.
const RUN_WORDS: usize = 5;

/// True when token `i` may be part of a run of name words: a capitalised
/// word outside quotes, not a possessive nor a function word, and not a
/// lone sentence-initial capital.
fn run_word(doc: &Doc, i: usize) -> bool {
    // Cheapest test first: most tokens are not capitalised words.
    if !doc.is_cap(i) || doc.in_quote(i) {
        return false;
    }
    // Then the sentence test: it turns away the usual capitalised function
    // word ("The", "He" opening a sentence) before the word lists are read.
    if !(i == 0 || doc.sent[i - 1] == doc.sent[i] || doc.is_cap(i + 1)) {
        return false;
    }
    let w = doc.w(i);
    let possessive = w.ends_with("'s") || w.ends_with("’s");
    !possessive && !words::is_function_word(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_links_to_the_full_name_before_it() {
        let text = "Army spokesperson Anar Eyvazov told reporters. Eyvazov added more.";
        let doc = Doc::new(text, &[]);
        let idx = NameIndex::new(&doc);
        assert_eq!(idx.link("Eyvazov", 50), Some(("Anar Eyvazov", "")));
        assert_eq!(idx.link("Eyvazov", 5), None);
        assert_eq!(idx.link("Smith", 50), None);
    }

    #[test]
    fn surname_links_across_diacritics_and_apostrophes() {
        let text = "President Recep Tayyip Erdoğan and Mr. Conor O’Brien met. Then Erdogan and O'Brien's aide spoke.";
        let doc = Doc::new(text, &[]);
        let idx = NameIndex::new(&doc);
        assert_eq!(idx.link("Erdogan", 70), Some(("Recep Tayyip Erdoğan", "")));
        assert_eq!(idx.link("O'Brien's", 80), Some(("Conor O’Brien", "")));
    }

    #[test]
    fn last_word_compares_like_its_folded_copy() {
        let names = [
            "Anar Eyvazov",
            "Recep Tayyip Erdoğan",
            "Conor O’Brien",
            "U.S.",
            "ACME",
            "Zoë",
        ];
        let words = [
            "eyvazov", "Eyvazov", "erdogan", "o'brien", "u.s.", "acme", "zoe", "", "eyvazo",
        ];
        for name in names {
            let last = LastWord::of(name);
            let folded = fold_word(name.rsplit(' ').next().unwrap());
            for w in words {
                assert_eq!(last.is(w), folded == w, "{name:?} {w:?}");
            }
        }
    }

    #[test]
    fn last_word_is_the_text_after_the_last_white_space() {
        let by_chars = |name: &str| name.rsplit(char::is_whitespace).next().unwrap().to_string();
        let mut names = vec![
            String::new(),
            "Anar".into(),
            "Anar Eyvazov".into(),
            "Anar  Eyvazov ".into(),
            "Anar\u{a0}Eyvazov".into(),
            "Conor\u{2009}O’Brien".into(),
            "Zoë Ümlaut".into(),
        ];
        for b in 0..=127u8 {
            names.push(format!("A{}B c", char::from(b)));
            names.push(format!("Ab c{}D", char::from(b)));
        }
        for name in &names {
            match LastWord::of(name) {
                LastWord::Ascii(w) => assert_eq!(w, by_chars(name), "{name:?}"),
                LastWord::Folded(w) => assert_eq!(w, fold(&by_chars(name)), "{name:?}"),
            }
        }
    }

    /// Every full name of `doc` in order of first occurrence, with its
    /// count: the index as it was built before it was asked (a hash map
    /// over every mention and every run of name words).
    fn all_names<'a>(doc: &Doc<'a>) -> Vec<FullName<'a>> {
        let mut by_name: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut names: Vec<FullName<'a>> = Vec::new();
        let mut add = |name: &'a str, start: usize, entity_id: &'a str, org: bool| match by_name
            .entry(name)
        {
            std::collections::hash_map::Entry::Occupied(k) => names[*k.get()].count += 1,
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(names.len());
                names.push(FullName {
                    start,
                    name,
                    entity_id,
                    count: 1,
                    org,
                });
            }
        };
        for m in doc.mentions {
            if matches!(m.label, Label::Person | Label::Org) {
                let name = if m.canonical.is_empty() {
                    &doc.text[m.start..m.end]
                } else {
                    m.canonical.as_str()
                };
                add(name, m.start, &m.entity_id, m.label == Label::Org);
            }
        }
        let mut next = 0;
        for &a in doc.caps() {
            if a < next || !run_word(doc, a) {
                continue;
            }
            let mut b = a;
            while b + 1 < doc.len() && run_word(doc, b + 1) && b + 1 - a < 5 {
                b += 1;
            }
            next = b + 1;
            if let Some((first, org)) = run_name(doc, a, b) {
                let name = &doc.text[doc.toks[first].start()..doc.toks[b].end()];
                add(name, doc.toks[first].start(), "", org);
            }
        }
        names
    }

    /// [`NameIndex::link`] over [`all_names`].
    fn link_in_all<'a>(
        names: &[FullName<'a>],
        word: &str,
        pos: usize,
    ) -> Option<(&'a str, &'a str)> {
        let w = fold_word(word);
        let w = w.trim_end_matches("'s");
        names
            .iter()
            .filter(|n| LastWord::of(n.name).is(w) && n.start < pos && n.name.contains(' '))
            .max_by(|a, b| a.count.cmp(&b.count).then(b.start.cmp(&a.start)))
            .map(|n| (n.name, n.entity_id))
    }

    /// [`NameIndex::link_org`] over [`all_names`].
    fn link_org_in_all<'a>(
        names: &[FullName<'a>],
        head: &str,
        pos: usize,
    ) -> Option<(&'a str, &'a str)> {
        names
            .iter()
            .filter(|n| n.org && LastWord::of(n.name).is(head) && n.start < pos)
            .max_by_key(|n| n.start)
            .map(|n| (n.name, n.entity_id))
    }

    /// The names collected for the words asked about answer as the whole
    /// index did, on random texts with random mentions (nested, with and
    /// without canonical names).
    #[test]
    fn asking_by_last_word_answers_as_the_whole_index() {
        use crate::span::Method;
        let pieces = [
            "Anar",
            "Eyvazov",
            "Smith",
            "Mr.",
            "President",
            "Foreign",
            "Ministry",
            "Bank",
            "of",
            "The",
            "the",
            "ministry",
            "bank",
            "said",
            ".",
            ",",
            "“",
            "”",
            "\n\n",
            "Erdoğan",
            "Erdogan",
            "O’Brien",
            "O'Brien's",
            "Smith's",
            "U.S.",
            "Zoë",
            "\u{200b}",
            "\u{a0}",
            "He",
            "A",
            "B",
            "C",
            "D",
            "E",
            "F",
            "G",
        ];
        let asked = [
            "Eyvazov",
            "smith",
            "SMITH",
            "erdogan",
            "Erdoğan",
            "O'Brien",
            "o’brien's",
            "Zoe",
            "ministry",
            "bank",
            "f",
            "g",
            "'s",
            "",
            "u.s",
            "Anar",
        ];
        let canonicals = [
            "",
            "",
            "Anar Eyvazov",
            "Bank of Smith",
            "Recep Erdoğan",
            "Zoë F",
        ];
        let mut rng = crate::test_rng::XorShift(0x5851_f42d_4c95_7f2d);
        let mut found = 0;
        for round in 0..1500 {
            let text = crate::attribution::random_text(&pieces, 10 + round % 50, &mut rng);
            let starts: Vec<usize> = (0..text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let mut mentions = Vec::new();
            for _ in 0..rng.next_u64() % 6 {
                let a = starts[(rng.next_u64() as usize) % starts.len()];
                let b = starts[(rng.next_u64() as usize) % starts.len()];
                if a >= b {
                    continue;
                }
                let r = rng.next_u64();
                let label = [Label::Person, Label::Org, Label::Place][(r % 3) as usize];
                let canonical = canonicals[(r / 3 % canonicals.len() as u64) as usize];
                mentions.push(Span::entity(a, b, label, canonical, "wd:Q", Method::Rule));
            }
            mentions.sort_by_key(|m| (m.start, m.end));
            let doc = Doc::new(&text, &mentions);
            let all = all_names(&doc);
            let idx = NameIndex::new(&doc);
            for word in asked {
                for pos in [0, text.len() / 2, text.len() + 1] {
                    let want = link_in_all(&all, word, pos);
                    found += usize::from(want.is_some());
                    assert_eq!(idx.link(word, pos), want, "{text:?} {mentions:?} {word:?}");
                    let head = word.to_ascii_lowercase();
                    let want = link_org_in_all(&all, &head, pos);
                    assert_eq!(idx.link_org(&head, pos), want, "{text:?} {word:?}");
                }
            }
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn description_links_to_an_organisation() {
        let text = "The Foreign Ministry of Azerbaijan spoke. Later the ministry said so.";
        let doc = Doc::new(text, &[]);
        let idx = NameIndex::new(&doc);
        assert_eq!(idx.link_org("ministry", 50), Some(("Foreign Ministry", "")));
    }
}

//! Canonical speaker names: a surname ("Eyvazov") linked to the full name
//! it abbreviates ("Anar Eyvazov"), a definite description ("the ministry")
//! linked to the organisation it refers back to, and the article's people
//! and bodies in text order for pronoun resolution.
//!
//! Full names come from the field's PERSON/ORG mentions (their canonical
//! names win) and, so that linking works before the name rules have run,
//! from runs of two or more capitalised name words in the text itself.

use crate::normalize::fold;
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;

use super::{doc::Doc, words};
use crate::span::{Label, Span};

/// A full name seen in the article (borrowed from the text or its mentions).
#[derive(Debug, Clone)]
struct FullName<'a> {
    /// Byte offset of its first occurrence.
    start: usize,
    /// The last word (see [`LastWord`]).
    last: LastWord<'a>,
    /// The name as written (or the mention's canonical).
    name: &'a str,
    /// Entity id, when a mention gave one.
    entity_id: &'a str,
    /// Occurrences.
    count: usize,
    /// True for organisations.
    org: bool,
}

/// The article's full names, for linking short references to them.
#[derive(Debug, Default)]
pub struct NameIndex<'a> {
    names: Vec<FullName<'a>>,
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

impl<'a> NameIndex<'a> {
    /// Collects the full names of `doc`.
    pub fn new(doc: &Doc<'a>) -> NameIndex<'a> {
        // Room for a name per mention and per eighth capitalised word: runs
        // of name words are about one capitalised word in twenty here, so
        // the lists seldom grow, and they stay small (room for a run per
        // capitalised word made them as large as the article, on pages
        // freshly faulted in for each index).
        let room = doc.mentions.len() + doc.caps().len() / 8 + 1;
        let mut by_name: FxHashMap<&'a str, usize> =
            FxHashMap::with_capacity_and_hasher(room, Default::default());
        let mut names: Vec<FullName<'a>> = Vec::with_capacity(room);
        let mut add = |name: &'a str, start: usize, entity_id: &'a str, org: bool| {
            // One hash and one probe, whether the name is new or not.
            match by_name.entry(name) {
                Entry::Occupied(k) => names[*k.get()].count += 1,
                Entry::Vacant(slot) => {
                    slot.insert(names.len());
                    names.push(FullName {
                        start,
                        last: LastWord::of(name),
                        entity_id,
                        count: 1,
                        org,
                        name,
                    });
                }
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
        // Runs of capitalised words outside quotes and mentions. A run starts
        // at a capitalised word, so only those are visited; `next` is the
        // first token not taken in by a run already.
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
            let mut first = a;
            while first < b && !words::is_org_head(doc.w(b)) && words::is_title(doc.w(first)) {
                first += 1;
            }
            if b == first || doc.mention(first).is_some() && doc.mention(b).is_some() {
                continue;
            }
            let lastw = doc.w(b);
            if lastw.ends_with("'s") || lastw.ends_with("’s") {
                continue;
            }
            let name = &text[doc.toks[first].start..doc.toks[b].end];
            add(name, doc.toks[first].start, "", words::is_org_head(lastw));
        }
        NameIndex { names }
    }

    /// The full name a single-word reference (a surname, or an
    /// organisation's head word) most likely stands for, from names that
    /// appear before byte `pos`: the most frequent, then the earliest.
    pub fn link(&self, word: &str, pos: usize) -> Option<(&str, &str)> {
        let w = fold_word(word);
        let w = w.trim_end_matches("'s");
        self.names
            .iter()
            .filter(|n| n.last.is(w) && n.start < pos && n.name.contains(' '))
            .max_by(|a, b| a.count.cmp(&b.count).then(b.start.cmp(&a.start)))
            .map(|n| (n.name, n.entity_id))
    }

    /// The organisation a definite description's head ("ministry") refers
    /// back to: the nearest organisation name before `pos` ending with it.
    pub fn link_org(&self, head: &str, pos: usize) -> Option<(&str, &str)> {
        self.names
            .iter()
            .filter(|n| n.org && n.last.is(head) && n.start < pos)
            .max_by_key(|n| n.start)
            .map(|n| (n.name, n.entity_id))
    }
}

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

    #[test]
    fn description_links_to_an_organisation() {
        let text = "The Foreign Ministry of Azerbaijan spoke. Later the ministry said so.";
        let doc = Doc::new(text, &[]);
        let idx = NameIndex::new(&doc);
        assert_eq!(idx.link_org("ministry", 50), Some(("Foreign Ministry", "")));
    }
}

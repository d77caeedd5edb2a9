//! Linking within a field: a surname or the whole of a name found earlier
//! (or later) is the same entity wherever it appears ("Eyvazov" -> "Anar
//! Eyvazov", same canonical and id), and a name found once by a rule is
//! found everywhere in the field, in any case on lines written in capitals.
//!
//! The names a field makes known are kept without an allocation per name:
//! the folded keys one after another in one string, found through a hash
//! table of their places (keyed on the hash of their folded bytes), and
//! the entities they name in a list that a full name and its surname share.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use super::{lexicons::Sketches, tokens::Kind, Ctx};
use crate::span::{Label, Method, Span};

/// An entity a key names: its label, canonical and id.
type Target = (Label, String, String);

/// No entity: the [`Key::target`] of a key that two different entities share.
const SHARED: u32 = u32::MAX;

/// One key of [`Names`]: where its folded text is in [`Names::text`], its
/// hash, and what it names (an index into [`Names::targets`], or [`SHARED`]).
#[derive(Debug, Clone, Copy)]
struct Key {
    hash: u64,
    start: u32,
    end: u32,
    target: u32,
}

impl Key {
    /// Where its folded text is in [`Names::text`].
    fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Whether `target` is the entity of span `s`.
fn names_entity_of((label, canonical, id): &Target, s: &Span) -> bool {
    *label == s.label && *canonical == s.canonical && *id == s.entity_id
}

/// The hash of a folded key.
fn hash_of(key: &str) -> u64 {
    FxBuildHasher.hash_one(key.as_bytes())
}

/// The names one field makes known to another (the body's people and
/// organisations, for its headline): folded name or surname -> entity.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// The folded keys, one after another.
    text: String,
    /// The keys, by the hash of their folded text.
    keys: HashTable<Key>,
    /// The entities the keys name (a full name and its surname share one).
    targets: Vec<Target>,
    /// The sketches of the keys' first words: a token whose sketch is
    /// clear starts no key.
    firsts: Sketches,
    /// The sketches of all the keys' words: a word in ASCII whose sketch is
    /// clear is in no key (no longer key goes on across it).
    words: Sketches,
    /// The most words a key has.
    most_words: usize,
}

impl PartialEq for Names {
    /// The same keys, naming the same entities (however stored).
    fn eq(&self, other: &Names) -> bool {
        self.keys.len() == other.keys.len()
            && self.most_words == other.most_words
            && self.firsts == other.firsts
            && self.words == other.words
            && self.keys.iter().all(|k| {
                let key = &self.text[k.range()];
                other.target(key) == self.target(key)
            })
    }
}

impl Eq for Names {}

impl Names {
    /// True when no name is known.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// What the folded `key` names: `None` when it is no key, `Some(None)`
    /// when two different entities share it.
    fn target(&self, key: &str) -> Option<Option<(Label, &str, &str)>> {
        let k = self
            .keys
            .find(hash_of(key), |k| &self.text[k.range()] == key)?;
        Some(
            self.targets
                .get(k.target as usize)
                .map(|(label, canonical, id)| (*label, canonical.as_str(), id.as_str())),
        )
    }

    /// Whether the folded `key` is a key.
    fn contains(&self, key: &str) -> bool {
        self.target(key).is_some()
    }

    /// Room for `keys` more keys of about `bytes` bytes in all.
    fn reserve(&mut self, keys: usize, bytes: usize) {
        self.keys.reserve(keys, |k| k.hash);
        self.text.reserve(bytes);
    }

    /// The index in [`Names::targets`] of the entity of `s`: the last one
    /// when it is that (a surname remembered right after its full name),
    /// else a new one.
    fn target_of(&mut self, s: &Span) -> u32 {
        if !self.targets.last().is_some_and(|t| names_entity_of(t, s)) {
            self.targets
                .push((s.label, s.canonical.clone(), s.entity_id.clone()));
        }
        u32::try_from(self.targets.len() - 1).expect("fewer than 4G names in a field")
    }

    /// Records what `key` names. A full name shared by two different
    /// entities names neither; a surname shared by two people ("Boris
    /// Yeltsin", "Naina Yeltsin") names the one mentioned first, as news
    /// writing does.
    fn remember(&mut self, key: &str, s: &Span, surname: bool) {
        let mut words = 0;
        // Split by bytes: a space is one byte in UTF-8, and no other
        // character holds it.
        for (n, w) in key.as_bytes().split(|&b| b == b' ').enumerate() {
            let bit = Sketches::bit_of_word(w);
            if n == 0 {
                self.firsts.insert_bit(bit);
            }
            self.words.insert_bit(bit);
            words += 1;
        }
        self.most_words = self.most_words.max(words);
        let hash = hash_of(key);
        let text = &self.text;
        if let Ok(mut old) = self.keys.find_entry(hash, |k| &text[k.range()] == key) {
            let target = self.targets.get(old.get().target as usize);
            if !target.is_some_and(|t| names_entity_of(t, s)) && !surname {
                old.get_mut().target = SHARED;
            }
            return;
        }
        // The canonical and id are copied once, for a new entity.
        let target = self.target_of(s);
        let start = offset32(self.text.len());
        self.text.push_str(key);
        let new = Key {
            hash,
            start,
            end: offset32(self.text.len()),
            target,
        };
        self.keys.insert_unique(hash, new, |k| k.hash);
    }

    /// Whether the word whose sketch bit is `k` may start a key.
    fn may_start(&self, k: usize) -> bool {
        self.firsts.has_bit(k)
    }

    /// Whether the word in ASCII whose sketch bit is `k` may be in a key.
    fn may_hold(&self, k: usize) -> bool {
        self.words.has_bit(k)
    }
}

/// `at`, an offset into [`Names::text`], in 32 bits.
fn offset32(at: usize) -> u32 {
    u32::try_from(at).expect("a field's names fold within 4 GiB")
}

/// Whether a span's names are linked: a person's not linked already, an
/// organisation's found by a rule.
fn linkable(s: &Span) -> bool {
    (s.label == Label::Person && s.method != Method::Linked)
        || (s.label == Label::Org && s.method == Method::Rule)
}

/// The longest name looked for, in words.
const MAX_WORDS: usize = 6;

/// Word tokens of a span, by index.
fn word_tokens<'c>(ctx: &'c Ctx<'_>, s: &Span) -> impl Iterator<Item = usize> + Clone + 'c {
    let t = ctx.t;
    let a = t.toks.partition_point(|k| k.start() < s.start);
    let end = s.end;
    (a..t.len())
        .take_while(move |&k| t.toks[k].end() <= end)
        .filter(move |&k| t.toks[k].kind == Kind::Word)
}

/// Writes the folded words of tokens `words` into `full`, joined by single spaces.
fn folded_name_into(ctx: &Ctx<'_>, words: impl Iterator<Item = usize>, full: &mut String) {
    full.clear();
    for (n, k) in words.enumerate() {
        if n > 0 {
            full.push(' ');
        }
        full.push_str(ctx.t.f(k));
    }
}

/// Adds a linked mention for every other occurrence of a person's surname
/// or full name, and of every organisation found by a rule.
///
/// `known` adds the names of another field (they yield to this field's
/// own); the names of this field are returned.
pub fn link(ctx: &Ctx<'_>, spans: &mut Vec<Span>, known: Option<&Names>) -> Names {
    let t = ctx.t;
    let mut own = Names::default();
    // Full names first, so a single word found alone ("Eyvazov said")
    // links to the full name rather than standing as a rival entity.
    // People before organisations: a cricketer's surname found alone
    // beside his figures is still his.
    // Only people and organisations found by a rule are linked: the
    // other spans are neither counted nor sorted (the sort is stable, so
    // the order of these is the same).
    let mut order: Vec<(usize, &Span)> = spans
        .iter()
        .filter(|s| linkable(s))
        .map(|s| (word_tokens(ctx, s).count(), s))
        .collect();
    // Among lone words, an organisation's evidence (an apposition, a
    // descriptor, an acronym) outweighs a speech verb's.
    order.sort_by_key(|&(words, s)| {
        let first_label = if words >= 2 {
            Label::Person
        } else {
            Label::Org
        };
        (std::cmp::Reverse(words), s.label != first_label, s.start)
    });
    // Each name makes a key or two: room for them at once (the names'
    // lengths as written, which their foldings seldom exceed).
    let bytes = order.iter().map(|(_, s)| 2 * (s.end - s.start)).sum();
    own.reserve(2 * order.len(), bytes);
    // The folded name of each span in turn, in one string.
    let mut full = String::with_capacity(64);
    for (count, s) in order {
        // Every span here is `linkable`: a person not linked already, or an
        // organisation found by a rule.
        let person = s.label == Label::Person;
        if count == 0 || count > MAX_WORDS {
            continue;
        }
        let words = word_tokens(ctx, s);
        folded_name_into(ctx, words.clone(), &mut full);
        let only = words.clone().next().unwrap_or(0);
        if count == 1 && (own.contains(&full) || ctx.writes_lowercase(only)) {
            continue;
        }
        own.remember(&full, s, false);
        if person && count >= 2 {
            let last = words.last().unwrap_or(0);
            // A surname the field also writes in lowercase is a common
            // word ("Motor Show" ... "the show"): not linked alone.
            if t.chars(last) > 1 && !ctx.writes_lowercase(last) {
                own.remember(t.f(last), s, true);
            }
        }
    }
    let known = known.filter(|k| !k.is_empty());
    if own.is_empty() && known.is_none() {
        return own;
    }
    // This field's names, then those `known` (which yield to them).
    let lookup = |key: &str| match own.target(key) {
        Some(target) => Some(target),
        None => known.and_then(|k| k.target(key)),
    };
    let may_start = |b: u16| {
        let b = usize::from(b);
        own.may_start(b) || known.is_some_and(|k| k.may_start(b))
    };
    // A word in ASCII (whose folding holds no space) in no key: every
    // key from an earlier word would hold it.
    let in_no_key = |k: usize| {
        let b = usize::from(t.toks[k].sketch);
        t.is_ascii(k) && !own.may_hold(b) && !known.is_some_and(|n| n.may_hold(b))
    };
    let most_words = known
        .map_or(own.most_words, |k| k.most_words.max(own.most_words))
        .min(MAX_WORDS);
    let locative =
        |i: usize| i > 0 && t.same_line(i - 1, i) && matches!(t.f(i - 1), "in" | "at" | "near");
    let n = t.len();
    let mut added: Vec<Span> = Vec::new();
    // Room for most keys, so that it seldom grows.
    let mut key = String::with_capacity(64);
    let mut i = 0;
    // A key starts at a capitalised word or one on a line in capitals:
    // only the tokens that may start a name are tried.
    for &at in t.name_starts() {
        if at < i {
            continue;
        }
        i = at;
        if t.toks[i].kind != Kind::Word
            || !(t.is_cap(i) || t.toks[i].caps_line())
            || !may_start(t.toks[i].sketch)
        {
            continue;
        }
        let mut matched = 0;
        key.clear();
        let mut best: Option<(usize, Label, &str, &str)> = None;
        // The longest key from token `i` (a key found at some length
        // makes every shorter run a part of one).
        for k in i..(i + most_words).min(n) {
            if t.toks[k].kind != Kind::Word || !t.same_line(i, k) || (k > i && in_no_key(k)) {
                break;
            }
            if k > i {
                key.push(' ');
            }
            key.push_str(t.f(k));
            if let Some(Some((label, canonical, id))) = lookup(&key) {
                best = Some((k, label, canonical, id));
            }
        }
        if let Some((last, label, canonical, id)) =
            best.filter(|b| !(b.1 == Label::Org && locative(i)))
        {
            let (start, end) = (t.toks[i].start(), t.toks[last].end());
            if accept(ctx, spans, (start, end), (label, canonical), i) {
                spans.retain(|s| !(s.start >= start && s.end <= end));
                added.push(Span::entity(
                    start,
                    end,
                    label,
                    canonical,
                    id,
                    Method::Linked,
                ));
                matched = last + 1 - i;
            }
        }
        i += matched.max(1);
    }
    spans.extend(added);
    own
}

/// Whether a link may stand at `start..end`: no span crosses it or holds
/// it, an equal span of the same label stays as it is (unless a rule
/// found it under another canonical), and a place of
/// equal extent gives way only outside a place context.
fn accept(
    ctx: &Ctx<'_>,
    spans: &[Span],
    (start, end): (usize, usize),
    (label, canonical): (Label, &str),
    first: usize,
) -> bool {
    for s in spans.iter().filter(|s| s.start < end && start < s.end) {
        let inside = s.start >= start && s.end <= end;
        let equal = s.start == start && s.end == end;
        if !inside {
            return false;
        }
        if equal {
            if s.label == label {
                // A rule's lone surname gives way to the full name's link.
                if s.method == Method::Rule && s.canonical != canonical {
                    continue;
                }
                return false;
            }
            if s.label == Label::Norp || s.label == Label::Date {
                return false;
            }
            if s.label == Label::Place {
                if super::ambiguity::is_country(s) && label == Label::Org {
                    return false;
                }
                let t = ctx.t;
                if first > 0
                    && t.same_line(first - 1, first)
                    && matches!(t.f(first - 1), "in" | "at" | "to" | "near" | "from")
                {
                    return false;
                }
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(canonical: &str, id: &str) -> Span {
        Span::entity(0, 1, Label::Person, canonical, id, Method::Rule)
    }

    /// The id a key names: `None` for no key, `Some(None)` for a shared one.
    fn id_of<'n>(names: &'n Names, key: &str) -> Option<Option<&'n str>> {
        names.target(key).map(|t| t.map(|(_, _, id)| id))
    }

    #[test]
    fn a_shared_full_name_names_neither_a_shared_surname_the_first() {
        let mut names = Names::default();
        let (boris, naina) = (person("Boris Yeltsin", "q1"), person("Naina Yeltsin", "q2"));
        names.remember("yeltsin", &boris, true);
        names.remember("yeltsin", &naina, true);
        names.remember("john smith", &person("John Smith", "q3"), false);
        names.remember("john smith", &person("John Smith", "q3"), false);
        names.remember("john smith", &person("John Smith", "q4"), false);
        assert_eq!(id_of(&names, "yeltsin"), Some(Some("q1")));
        assert_eq!(id_of(&names, "john smith"), Some(None));
        assert!(names.contains("john smith"));
        assert!(!names.contains("john") && !names.contains("smith"));
        assert_eq!(names.most_words, 2);
        // A key shared once stays shared.
        names.remember("john smith", &person("John Smith", "q3"), false);
        assert_eq!(id_of(&names, "john smith"), Some(None));
    }

    #[test]
    fn the_sketches_hold_every_word_of_every_key() {
        let mut names = Names::default();
        names.remember("anar eyvazov", &person("Anar Eyvazov", ""), false);
        let bit = |w: &str| Sketches::bit_of_word(w.as_bytes());
        assert!(names.may_start(bit("anar")) && !names.may_start(bit("eyvazov")));
        assert!(names.may_hold(bit("anar")) && names.may_hold(bit("eyvazov")));
        assert!(!names.may_hold(bit("said")));
    }

    /// A full name and its surname, remembered one after the other, share
    /// one copy of their entity; another entity takes its own.
    #[test]
    fn a_surname_shares_its_full_names_entity() {
        let mut names = Names::default();
        let anar = person("Anar Eyvazov", "q1");
        names.remember("anar eyvazov", &anar, false);
        names.remember("eyvazov", &anar, true);
        names.remember("naina yeltsin", &person("Naina Yeltsin", "q2"), false);
        assert_eq!(names.targets.len(), 2);
        assert_eq!(names.keys.len(), 3);
        assert_eq!(id_of(&names, "eyvazov"), Some(Some("q1")));
        assert_eq!(id_of(&names, "anar eyvazov"), Some(Some("q1")));
        assert_eq!(id_of(&names, "naina yeltsin"), Some(Some("q2")));
        assert_eq!(id_of(&names, "anar"), None);
    }

    /// Keys by the thousand (the table grows and rehashes): each is found
    /// with its own entity, and names compare by their keys and entities,
    /// whatever order they were remembered in.
    #[test]
    fn many_keys_are_each_found() {
        let spans: Vec<Span> = (0..2000)
            .map(|n| person(&format!("Name {n}"), &format!("q{n}")))
            .collect();
        let (mut forward, mut backward) = (Names::default(), Names::default());
        for (n, s) in spans.iter().enumerate() {
            forward.remember(&format!("name {n}"), s, false);
        }
        for (n, s) in spans.iter().enumerate().rev() {
            backward.remember(&format!("name {n}"), s, false);
        }
        for n in 0..2000 {
            let id = format!("q{n}");
            assert_eq!(
                id_of(&forward, &format!("name {n}")),
                Some(Some(id.as_str()))
            );
        }
        assert_eq!(forward, backward);
        backward.remember("name 7", &person("Other", "q9999"), false);
        assert_ne!(forward, backward);
        assert_eq!(Names::default(), Names::default());
    }
}

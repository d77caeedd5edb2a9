//! Linking within a field: a surname or the whole of a name found earlier
//! (or later) is the same entity wherever it appears ("Eyvazov" -> "Anar
//! Eyvazov", same canonical and id), and a name found once by a rule is
//! found everywhere in the field, in any case on lines written in capitals.

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use super::{lexicons::Sketches, nearby::Nearby, tokens::Kind, Ctx};
use crate::span::{Label, Method, Span};

/// What a linked key names; `None` when two different entities share it.
type Target = Option<(Label, String, String)>;

/// The names one field makes known to another (the body's people and
/// organisations, for its headline): folded name or surname -> entity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    keys: FxHashMap<String, Target>,
    /// The sketches of the keys' first words: a token whose sketch is
    /// clear starts no key.
    firsts: Sketches,
    /// The sketches of all the keys' words: a word in ASCII whose sketch is
    /// clear is in no key (no longer key goes on across it).
    words: Sketches,
    /// The most words a key has.
    most_words: usize,
}

impl Names {
    /// True when no name is known.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Records what `key` names. A full name shared by two different
    /// entities names neither; a surname shared by two people ("Boris
    /// Yeltsin", "Naina Yeltsin") names the one mentioned first, as news
    /// writing does.
    fn remember(&mut self, key: String, s: &Span, surname: bool) {
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
        match self.keys.entry(key) {
            Entry::Occupied(mut old) => {
                let same = old.get().as_ref().is_some_and(|(label, canonical, id)| {
                    *label == s.label && *canonical == s.canonical && *id == s.entity_id
                });
                if !same && !surname {
                    *old.get_mut() = None;
                }
            }
            // The canonical and id are copied once, for a new key.
            Entry::Vacant(new) => {
                new.insert(Some((s.label, s.canonical.clone(), s.entity_id.clone())));
            }
        }
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

/// The folded words of tokens `words`, joined by single spaces, in a
/// string made for `capacity` bytes (the name's length as written, which
/// its folding seldom exceeds).
fn folded_name(ctx: &Ctx<'_>, words: impl Iterator<Item = usize>, capacity: usize) -> String {
    let mut full = String::with_capacity(capacity);
    for (n, k) in words.enumerate() {
        if n > 0 {
            full.push(' ');
        }
        full.push_str(ctx.t.f(k));
    }
    full
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
    // Each name makes a key or two: room for them at once.
    own.keys.reserve(2 * order.len());
    for (count, s) in order {
        // Every span here is `linkable`: a person not linked already, or an
        // organisation found by a rule.
        let person = s.label == Label::Person;
        if count == 0 || count > MAX_WORDS {
            continue;
        }
        let words = word_tokens(ctx, s);
        let full = folded_name(ctx, words.clone(), s.end - s.start);
        let only = words.clone().next().unwrap_or(0);
        if count == 1 && (own.keys.contains_key(&full) || ctx.writes_lowercase(only)) {
            continue;
        }
        own.remember(full, s, false);
        if person && count >= 2 {
            let last = words.last().unwrap_or(0);
            // A surname the field also writes in lowercase is a common
            // word ("Motor Show" ... "the show"): not linked alone.
            if t.chars(last) > 1 && !ctx.writes_lowercase(last) {
                own.remember(t.f(last).to_string(), s, true);
            }
        }
    }
    let known = known.filter(|k| !k.is_empty());
    if own.keys.is_empty() && known.is_none() {
        return own;
    }
    // This field's names, then those `known` (which yield to them).
    let lookup = |key: &str| match own.keys.get(key) {
        Some(target) => Some(target),
        None => known.and_then(|k| k.keys.get(key)),
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
    // The spans a link replaces go once the links are all found: a link
    // starts after the one before it ended, so the spans that one replaces
    // (within it) end before every later link starts and touch none.
    let mut replaced: Vec<(usize, usize)> = Vec::new();
    let nearby = Nearby::new(spans);
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
        let mut best: Option<(usize, Label, &String, &String)> = None;
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
                best = Some((k, *label, canonical, id));
            }
        }
        if let Some((last, label, canonical, id)) =
            best.filter(|b| !(b.1 == Label::Org && locative(i)))
        {
            let (start, end) = (t.toks[i].start(), t.toks[last].end());
            let may = if nearby.is_indexed() {
                accept(
                    ctx,
                    nearby.touching(spans, start, end),
                    (start, end),
                    (label, canonical),
                    i,
                )
            } else {
                accept(ctx, spans.iter(), (start, end), (label, canonical), i)
            };
            if let Some(within) = may {
                if within > 0 {
                    replaced.push((start, end));
                }
                added.push(Span::entity(
                    start,
                    end,
                    label,
                    canonical.clone(),
                    id.clone(),
                    Method::Linked,
                ));
                matched = last + 1 - i;
            }
        }
        i += matched.max(1);
    }
    if !replaced.is_empty() {
        spans.retain(|s| !replaced.iter().any(|&(a, b)| s.start >= a && s.end <= b));
    }
    spans.extend(added);
    own
}

/// Whether a link may stand at `start..end`: no span of `spans` (all
/// those that may touch it, in any order) crosses it or holds it, an equal
/// span of the same label stays as it is (unless a rule found it under
/// another canonical), and a place of equal extent gives way only outside
/// a place context. When it may, the
/// number of spans within `start..end` (those it replaces: when there are
/// none, no pass over the spans removes them).
fn accept<'s>(
    ctx: &Ctx<'_>,
    spans: impl Iterator<Item = &'s Span>,
    (start, end): (usize, usize),
    (label, canonical): (Label, &str),
    first: usize,
) -> Option<usize> {
    let mut within = 0;
    for s in spans {
        within += usize::from(s.start >= start && s.end <= end);
        if !(s.start < end && start < s.end) {
            continue;
        }
        let inside = s.start >= start && s.end <= end;
        let equal = s.start == start && s.end == end;
        if !inside {
            return None;
        }
        if equal {
            if s.label == label {
                // A rule's lone surname gives way to the full name's link.
                if s.method == Method::Rule && s.canonical != canonical {
                    continue;
                }
                return None;
            }
            if s.label == Label::Norp || s.label == Label::Date {
                return None;
            }
            if s.label == Label::Place {
                if super::ambiguity::is_country(s) && label == Label::Org {
                    return None;
                }
                let t = ctx.t;
                if first > 0
                    && t.same_line(first - 1, first)
                    && matches!(t.f(first - 1), "in" | "at" | "to" | "near" | "from")
                {
                    return None;
                }
            }
        }
    }
    Some(within)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(canonical: &str, id: &str) -> Span {
        Span::entity(0, 1, Label::Person, canonical, id, Method::Rule)
    }

    #[test]
    fn a_shared_full_name_names_neither_a_shared_surname_the_first() {
        let mut names = Names::default();
        let (boris, naina) = (person("Boris Yeltsin", "q1"), person("Naina Yeltsin", "q2"));
        names.remember("yeltsin".to_string(), &boris, true);
        names.remember("yeltsin".to_string(), &naina, true);
        names.remember("john smith".to_string(), &person("John Smith", "q3"), false);
        names.remember("john smith".to_string(), &person("John Smith", "q3"), false);
        names.remember("john smith".to_string(), &person("John Smith", "q4"), false);
        let target = |key: &str| names.keys.get(key).cloned().flatten().map(|t| t.2);
        assert_eq!(target("yeltsin").as_deref(), Some("q1"));
        assert_eq!(target("john smith"), None);
        assert!(names.keys.contains_key("john smith"));
        assert_eq!(names.most_words, 2);
    }

    #[test]
    fn the_sketches_hold_every_word_of_every_key() {
        let mut names = Names::default();
        names.remember(
            "anar eyvazov".to_string(),
            &person("Anar Eyvazov", ""),
            false,
        );
        let bit = |w: &str| Sketches::bit_of_word(w.as_bytes());
        assert!(names.may_start(bit("anar")) && !names.may_start(bit("eyvazov")));
        assert!(names.may_hold(bit("anar")) && names.may_hold(bit("eyvazov")));
        assert!(!names.may_hold(bit("said")));
    }
}

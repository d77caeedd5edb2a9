//! The batch-wide knowledge table: mentions of the same entity counted
//! across articles, most-mentioned first. Tables count articles one at a
//! time and add up ([`EntityTable::merge`]) in any order to the same rows,
//! so each extraction worker can keep its own and the writing thread none.

use std::hash::{Hash, Hasher};

use hashbrown::{hash_map::EntryRef, Equivalent, HashMap};
use rustc_hash::FxBuildHasher;

use crate::record::{Entity, Mention};

/// An entity's key: its id, label and canonical name, back to back in one
/// buffer, so that a lookup reads one allocation (often one cache line)
/// where three strings would cost three, and the table's slots stay small.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    /// The id, the label and the canonical name, in that order.
    text: Box<str>,
    /// Where the label starts in `text`.
    label_at: usize,
    /// Where the canonical name starts in `text`.
    canonical_at: usize,
}

impl Key {
    /// The key of `key`, owned.
    fn new(key: &KeyRef) -> Key {
        let KeyRef(id, label, canonical) = *key;
        let mut text = String::with_capacity(id.len() + label.len() + canonical.len());
        for part in [id, label, canonical] {
            text.push_str(part);
        }
        Key {
            text: text.into_boxed_str(),
            label_at: id.len(),
            canonical_at: id.len() + label.len(),
        }
    }

    /// The id, the label and the canonical name.
    fn parts(&self) -> KeyRef<'_> {
        let t = &*self.text;
        KeyRef(
            &t[..self.label_at],
            &t[self.label_at..self.canonical_at],
            &t[self.canonical_at..],
        )
    }
}

/// Hashes as its parts, borrowed, do: a [`KeyRef`] finds its [`Key`].
impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.parts().hash(state);
    }
}

/// A [`Key`] borrowed, to look an entity up without allocating its key.
/// Hashes field by field, as the key does.
#[derive(Clone, Copy, Hash)]
struct KeyRef<'a>(&'a str, &'a str, &'a str);

impl Equivalent<Key> for KeyRef<'_> {
    fn equivalent(&self, key: &Key) -> bool {
        // The lengths first: most keys that share a hash tag differ in them.
        let KeyRef(id, label, canonical) = *self;
        id.len() == key.label_at
            && id.len() + label.len() == key.canonical_at
            && canonical.len() == key.text.len() - key.canonical_at
            && key.parts() == *self
    }
}

impl PartialEq for KeyRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        (self.0, self.1, self.2) == (other.0, other.1, other.2)
    }
}

/// What the table knows of one entity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    documents: usize,
    mentions: usize,
    /// The number of the last article of this table that mentioned it (0:
    /// none), so that an article counts once in `documents`.
    last_article: usize,
}

/// Accumulates [`Entity`] rows from each article's mentions.
#[derive(Debug, Default, Clone)]
pub struct EntityTable {
    /// (id, label, canonical) -> counts.
    rows: HashMap<Key, Counts, FxBuildHasher>,
    /// Articles added by [`EntityTable::add_mentions`]: the number of the
    /// last one.
    articles: usize,
}

impl EntityTable {
    /// Adds one article's mentions (dates are not entities and are skipped).
    pub fn add_article(&mut self, mentions: &[Mention]) {
        let entities = mentions
            .iter()
            .filter(|m| m.label != "DATE")
            .map(|m| (m.entity_id.as_str(), m.label.as_str(), m.canonical.as_str()));
        self.add_mentions(entities);
    }

    /// Adds one article's entity mentions, each given as (entity id, label,
    /// canonical name): one mention each, and the article once to the
    /// documents of each entity.
    pub fn add_mentions<'a>(
        &mut self,
        mentions: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
    ) {
        self.articles += 1;
        let article = self.articles;
        for (id, label, canonical) in mentions {
            let counts = self.counts(KeyRef(id, label, canonical));
            counts.mentions += 1;
            if counts.last_article != article {
                counts.last_article = article;
                counts.documents += 1;
            }
        }
    }

    /// Adds rows from another table (a previous run's `entities.csv`).
    pub fn add_row(&mut self, row: &Entity) {
        let counts = self.counts(KeyRef(&row.entity_id, &row.label, &row.canonical));
        counts.documents += row.documents;
        counts.mentions += row.mentions;
    }

    /// Adds up the counts of `other` (of other articles than this table's).
    pub fn merge(&mut self, other: EntityTable) {
        let (mut into, other) = if other.rows.len() > self.rows.len() {
            (other, std::mem::take(self))
        } else {
            (std::mem::take(self), other)
        };
        for (key, counts) in other.rows {
            let mine = into.rows.entry(key).or_default();
            mine.documents += counts.documents;
            mine.mentions += counts.mentions;
        }
        // The articles merged in are none of this table's.
        into.articles = into.articles.max(other.articles) + 1;
        *self = into;
    }

    /// The counts of one entity; its key is copied only when new.
    fn counts(&mut self, key: KeyRef) -> &mut Counts {
        match self.rows.entry_ref(&key) {
            EntryRef::Occupied(known) => known.into_mut(),
            EntryRef::Vacant(new) => new.insert_with_key(Key::new(&key), Counts::default()),
        }
    }

    /// The rows, most-mentioned first, ties broken by documents then id and name.
    pub fn into_rows(self) -> Vec<Entity> {
        let mut rows: Vec<Entity> = (self.rows.into_iter())
            .map(|(key, counts)| {
                let KeyRef(entity_id, label, canonical) = key.parts();
                Entity {
                    entity_id: entity_id.to_string(),
                    label: label.to_string(),
                    canonical: canonical.to_string(),
                    documents: counts.documents,
                    mentions: counts.mentions,
                }
            })
            .collect();
        // No two rows are equal (their keys differ): an unstable sort puts
        // them in the one order there is, without a stable sort's buffer.
        rows.sort_unstable_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then(b.documents.cmp(&a.documents))
                .then_with(|| a.entity_id.cmp(&b.entity_id))
                .then_with(|| a.label.cmp(&b.label))
                .then_with(|| a.canonical.cmp(&b.canonical))
        });
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(id: &str, label: &str) -> Mention {
        Mention {
            doc_id: "d".into(),
            field: "text".into(),
            label: label.into(),
            text: id.into(),
            start: 0,
            end: 1,
            byte_start: 0,
            byte_end: 1,
            canonical: id.to_uppercase(),
            entity_id: id.into(),
            value: String::new(),
            timex_type: String::new(),
            method: "dictionary".into(),
        }
    }

    #[test]
    fn counts_documents_and_mentions_and_sorts() {
        let mut t = EntityTable::default();
        t.add_article(&[
            m("a", "PLACE"),
            m("b", "ORG"),
            m("b", "ORG"),
            m("x", "DATE"),
        ]);
        t.add_article(&[m("b", "ORG")]);
        let rows = t.into_rows();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (
                rows[0].entity_id.as_str(),
                rows[0].documents,
                rows[0].mentions
            ),
            ("b", 2, 3)
        );
        assert_eq!(
            (
                rows[1].entity_id.as_str(),
                rows[1].documents,
                rows[1].mentions
            ),
            ("a", 1, 1)
        );
    }

    /// The rows of `tables` merged, in that order.
    fn merged(tables: Vec<EntityTable>) -> Vec<Entity> {
        let mut all = EntityTable::default();
        for t in tables {
            all.merge(t);
        }
        all.into_rows()
    }

    #[test]
    fn tables_of_parts_merge_into_the_table_of_the_whole_in_any_order() {
        let articles: Vec<Vec<Mention>> = (0..12)
            .map(|i| {
                (0..i % 5)
                    .map(|j| m(["a", "b", "c"][(i + j / 2) % 3], ["ORG", "PLACE"][i % 2]))
                    .collect()
            })
            .collect();
        let mut whole = EntityTable::default();
        for a in &articles {
            whole.add_article(a);
        }
        let whole = whole.into_rows();
        assert!(whole
            .iter()
            .any(|e| e.documents > 1 && e.mentions > e.documents));
        for parts in [2, 3, 5] {
            let mut tables = vec![EntityTable::default(); parts];
            for (i, a) in articles.iter().enumerate() {
                tables[i % parts].add_article(a);
            }
            assert_eq!(merged(tables.clone()), whole, "{parts}");
            tables.reverse();
            assert_eq!(merged(tables), whole, "{parts} reversed");
        }
    }

    #[test]
    fn an_article_added_after_a_merge_counts_once_more() {
        let (mut a, mut b) = (EntityTable::default(), EntityTable::default());
        a.add_article(&[m("x", "ORG")]);
        b.add_article(&[m("x", "ORG"), m("y", "ORG")]);
        b.add_article(&[m("y", "ORG")]);
        a.merge(b);
        // The next article's number is none of those merged.
        a.add_article(&[m("x", "ORG"), m("y", "ORG"), m("y", "ORG")]);
        let rows: Vec<_> = (a.into_rows().into_iter())
            .map(|e| (e.entity_id, e.documents, e.mentions))
            .collect();
        assert_eq!(rows, [("y".into(), 3, 4), ("x".into(), 3, 3)]);
    }

    #[test]
    fn keys_that_join_to_the_same_text_are_different_entities() {
        let mut t = EntityTable::default();
        t.add_mentions([("ab", "ORG", "c"), ("a", "bORG", "c"), ("ab", "ORG", "c")]);
        t.add_mentions([("a", "bORG", "c"), ("a", "b", "ORGc")]);
        let rows: Vec<_> = (t.into_rows().into_iter())
            .map(|e| (e.entity_id, e.label, e.canonical, e.documents, e.mentions))
            .collect();
        let row = |id: &str, label: &str, canonical: &str, documents, mentions| {
            (
                id.into(),
                label.into(),
                canonical.into(),
                documents,
                mentions,
            )
        };
        assert_eq!(
            rows,
            [
                row("a", "bORG", "c", 2, 2),
                row("ab", "ORG", "c", 1, 2),
                row("a", "b", "ORGc", 1, 1),
            ]
        );
    }

    #[test]
    fn rows_of_a_previous_run_add_their_counts() {
        let mut t = EntityTable::default();
        t.add_article(&[m("x", "ORG")]);
        let mut row = t.clone().into_rows().remove(0);
        row.documents = 5;
        row.mentions = 7;
        t.add_row(&row);
        t.add_article(&[m("x", "ORG")]);
        let rows = t.into_rows();
        assert_eq!((rows[0].documents, rows[0].mentions), (7, 9));
    }
}

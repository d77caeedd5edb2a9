//! The batch-wide knowledge table: mentions of the same entity counted
//! across articles, most-mentioned first.

use hashbrown::{Equivalent, HashMap};
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::record::{Entity, Mention};

/// One article's entities and how many times it mentions each: what the
/// entity table takes of an article. Counted on the thread that extracted
/// the article, so the thread that keeps the table only adds them up.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ArticleEntities {
    /// Every entity's id, label and canonical name, one after another.
    names: String,
    /// Per entity: where its id, label and canonical name end in `names`,
    /// and its number of mentions.
    entities: Vec<([usize; 3], usize)>,
}

impl ArticleEntities {
    /// Counts the entities of one article's mentions, each given as
    /// (entity id, label, canonical name).
    pub fn count<'a>(mentions: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>) -> Self {
        let mentions = mentions.into_iter();
        let mut counts: FxHashMap<(&str, &str, &str), usize> =
            FxHashMap::with_capacity_and_hasher(mentions.size_hint().0, FxBuildHasher);
        for key in mentions {
            *counts.entry(key).or_default() += 1;
        }
        let bytes = counts.keys().map(|(i, l, c)| i.len() + l.len() + c.len());
        let mut out = ArticleEntities {
            names: String::with_capacity(bytes.sum()),
            entities: Vec::with_capacity(counts.len()),
        };
        for (names, mentions) in counts {
            let ends = [names.0, names.1, names.2].map(|name| {
                out.names.push_str(name);
                out.names.len()
            });
            out.entities.push((ends, mentions));
        }
        out
    }

    /// Each entity as (id, label, canonical name, mentions).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, &str, usize)> + '_ {
        let mut start = 0;
        self.entities
            .iter()
            .map(move |&([id, label, canonical], mentions)| {
                let names = (
                    &self.names[start..id],
                    &self.names[id..label],
                    &self.names[label..canonical],
                );
                start = canonical;
                (names.0, names.1, names.2, mentions)
            })
    }
}

/// An entity's key: its id, label and canonical name.
type Key = (String, String, String);

/// A [`Key`] borrowed, to look an entity up without allocating its key.
/// Hashes as the key does (field by field, as a tuple).
#[derive(Hash)]
struct KeyRef<'a>(&'a str, &'a str, &'a str);

impl Equivalent<Key> for KeyRef<'_> {
    fn equivalent(&self, key: &Key) -> bool {
        self.0 == key.0 && self.1 == key.1 && self.2 == key.2
    }
}

/// Accumulates [`Entity`] rows from each article's mentions.
#[derive(Debug, Default, Clone)]
pub struct EntityTable {
    /// (id, label, canonical) -> (documents, mentions).
    rows: HashMap<Key, (usize, usize), FxBuildHasher>,
}

impl EntityTable {
    /// Adds one article's mentions (dates are not entities and are skipped).
    pub fn add_article(&mut self, mentions: &[Mention]) {
        let entities = mentions
            .iter()
            .filter(|m| m.label != "DATE")
            .map(|m| (m.entity_id.as_str(), m.label.as_str(), m.canonical.as_str()));
        self.add_counted(&ArticleEntities::count(entities));
    }

    /// Adds one article's entities, counted.
    pub fn add_counted(&mut self, article: &ArticleEntities) {
        for (id, label, canonical, mentions) in article.iter() {
            self.add(KeyRef(id, label, canonical), 1, mentions);
        }
    }

    /// Adds rows from another table (a previous run's `entities.csv`).
    pub fn add_row(&mut self, row: &Entity) {
        let key = KeyRef(&row.entity_id, &row.label, &row.canonical);
        self.add(key, row.documents, row.mentions);
    }

    /// Adds to the counts of one entity; its key is copied only when new.
    fn add(&mut self, key: KeyRef, documents: usize, mentions: usize) {
        if let Some(counts) = self.rows.get_mut(&key) {
            counts.0 += documents;
            counts.1 += mentions;
            return;
        }
        let KeyRef(id, label, canonical) = key;
        let key = (id.to_string(), label.to_string(), canonical.to_string());
        self.rows.insert(key, (documents, mentions));
    }

    /// The rows, most-mentioned first, ties broken by documents then id and name.
    pub fn into_rows(self) -> Vec<Entity> {
        let mut rows: Vec<Entity> = (self.rows.into_iter())
            .map(
                |((entity_id, label, canonical), (documents, mentions))| Entity {
                    entity_id,
                    label,
                    canonical,
                    documents,
                    mentions,
                },
            )
            .collect();
        rows.sort_by(|a, b| {
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

    #[test]
    fn article_entities_count_each_name_triple_once() {
        let counted = ArticleEntities::count([
            ("ab", "ORG", "c"),
            ("a", "ORG", "bc"),
            ("ab", "ORG", "c"),
            ("", "PERSON", "Şuşa"),
        ]);
        let mut got: Vec<_> = counted.iter().collect();
        got.sort();
        assert_eq!(
            got,
            [
                ("", "PERSON", "Şuşa", 1),
                ("a", "ORG", "bc", 1),
                ("ab", "ORG", "c", 2)
            ]
        );
        assert_eq!(ArticleEntities::count([]).iter().count(), 0);
    }
}

//! The batch-wide knowledge table: mentions of the same entity counted
//! across articles, most-mentioned first.

use rustc_hash::FxHashMap;

use crate::record::{Entity, Mention};

/// Counts per entity, keyed level by level (id, label, canonical) so that
/// a mention of a known entity is counted without allocating its key.
type Counts = FxHashMap<String, FxHashMap<String, FxHashMap<String, (usize, usize)>>>;

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
        let mut counts: FxHashMap<(&str, &str, &str), usize> = FxHashMap::default();
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

/// Accumulates [`Entity`] rows from each article's mentions.
#[derive(Debug, Default, Clone)]
pub struct EntityTable {
    /// id -> label -> canonical -> (documents, mentions).
    rows: Counts,
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
            let row = self.counts(id, label, canonical);
            row.0 += 1;
            row.1 += mentions;
        }
    }

    /// Adds rows from another table (a previous run's `entities.csv`).
    pub fn add_row(&mut self, row: &Entity) {
        let r = self.counts(&row.entity_id, &row.label, &row.canonical);
        r.0 += row.documents;
        r.1 += row.mentions;
    }

    /// The (documents, mentions) counts of one entity, zero when new.
    fn counts(&mut self, id: &str, label: &str, canonical: &str) -> &mut (usize, usize) {
        fn level<'a, V: Default>(map: &'a mut FxHashMap<String, V>, key: &str) -> &'a mut V {
            if !map.contains_key(key) {
                map.insert(key.to_string(), V::default());
            }
            map.get_mut(key).expect("just inserted")
        }
        let by_label = level(&mut self.rows, id);
        let by_canonical = level(by_label, label);
        level(by_canonical, canonical)
    }

    /// The rows, most-mentioned first, ties broken by documents then id and name.
    pub fn into_rows(self) -> Vec<Entity> {
        let mut rows: Vec<Entity> = Vec::new();
        for (entity_id, by_label) in self.rows {
            for (label, by_canonical) in by_label {
                for (canonical, (documents, mentions)) in by_canonical {
                    rows.push(Entity {
                        entity_id: entity_id.clone(),
                        label: label.clone(),
                        canonical,
                        documents,
                        mentions,
                    });
                }
            }
        }
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

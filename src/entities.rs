//! The batch-wide knowledge table: mentions of the same entity counted
//! across articles, most-mentioned first.

use std::collections::{HashMap, HashSet};

use crate::record::{Entity, Mention};

/// Accumulates [`Entity`] rows from each article's mentions.
#[derive(Debug, Default, Clone)]
pub struct EntityTable {
    rows: HashMap<(String, String, String), (usize, usize)>,
}

impl EntityTable {
    /// Adds one article's mentions (dates are not entities and are skipped).
    pub fn add_article(&mut self, mentions: &[Mention]) {
        let mut seen: HashSet<(&str, &str, &str)> = HashSet::new();
        for m in mentions.iter().filter(|m| m.label != "DATE") {
            let key = (m.entity_id.as_str(), m.label.as_str(), m.canonical.as_str());
            let first_in_article = seen.insert(key);
            let row = self
                .rows
                .entry((m.entity_id.clone(), m.label.clone(), m.canonical.clone()))
                .or_default();
            row.0 += usize::from(first_in_article);
            row.1 += 1;
        }
    }

    /// Adds rows from another table (a previous run's `entities.csv`).
    pub fn add_row(&mut self, row: &Entity) {
        let r = self
            .rows
            .entry((
                row.entity_id.clone(),
                row.label.clone(),
                row.canonical.clone(),
            ))
            .or_default();
        r.0 += row.documents;
        r.1 += row.mentions;
    }

    /// The rows, most-mentioned first, ties broken by documents then id and name.
    pub fn into_rows(self) -> Vec<Entity> {
        let mut rows: Vec<Entity> = self
            .rows
            .into_iter()
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
}

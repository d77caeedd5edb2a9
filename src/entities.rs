//! The batch-wide knowledge table: mentions of the same entity counted
//! across articles, most-mentioned first. Tables count articles one at a
//! time and add up ([`EntityTable::merge`]) in any order to the same rows,
//! so each extraction worker can keep its own and the writing thread none.

use std::{cmp::Reverse, hash::BuildHasher};

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use crate::record::{Entity, Mention};

/// An entity's key, borrowed: its id, label and canonical name.
#[derive(Debug, Clone, Copy, Hash, PartialEq, Eq)]
struct KeyRef<'a>(&'a str, &'a str, &'a str);

impl KeyRef<'_> {
    /// The key's hash: the same for the same parts in every table, so
    /// tables merge by their slots' hashes without hashing again.
    fn hash(&self) -> u64 {
        FxBuildHasher.hash_one(self)
    }
}

/// One entity of a table: where its key lies in the table's arena, the
/// key's hash (checked before the arena is read, so a lookup reads the
/// arena only for its own key) and its counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    hash: u64,
    /// Where the key's id starts in the arena.
    at: usize,
    /// The lengths of the id, the label and the canonical name.
    lens: [u32; 3],
    counts: Counts,
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
///
/// The keys (id, label and canonical name of each entity) lie back to back
/// in one arena, not in an allocation each: a lookup that finds its entity
/// reads the arena where keys added together lie together, in a few pages
/// the cache keeps, where keys allocated one by one among an article's
/// short-lived strings were scattered over the heap (one cache miss, often
/// a TLB miss too, per mention counted).
#[derive(Debug, Default, Clone)]
pub struct EntityTable {
    /// The entities, found by the hash of their key.
    slots: HashTable<Slot>,
    /// The parts of every key, back to back, in the order they were added.
    arena: String,
    /// Articles added by [`EntityTable::add_mentions`]: the number of the
    /// last one.
    articles: usize,
}

/// One of an article's distinct keys: its hash, and its mentions.
type ArticleKey<'a> = (u64, KeyRef<'a>, usize);

/// The slots of the small table an article's keys are first gathered in:
/// up to half as many distinct keys are gathered, the others counted in
/// the entity table at once.
const ARTICLE_SLOTS: usize = 64;

/// The key of `slot`, whose parts lie in `arena`.
fn key_of<'a>(arena: &'a str, slot: &Slot) -> KeyRef<'a> {
    let [id, label, canonical] = slot.lens.map(|l| l as usize);
    let id_at = slot.at;
    let (label_at, canonical_at) = (id_at + id, id_at + id + label);
    KeyRef(
        &arena[id_at..label_at],
        &arena[label_at..canonical_at],
        &arena[canonical_at..canonical_at + canonical],
    )
}

/// The length of a key part, as a slot keeps it.
fn part_len(part: &str) -> u32 {
    u32::try_from(part.len()).expect("an entity's id, label or name is under 4 GiB")
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
    ///
    /// The article's keys are first gathered in a small table of its own,
    /// which the cache holds, so that a key mentioned again (two mentions
    /// in five, in news) is looked up once in the entity table, whose slot
    /// and key are seldom in the cache.
    pub fn add_mentions<'a>(
        &mut self,
        mentions: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
    ) {
        self.articles += 1;
        let article = self.articles;
        let mut keys: Vec<ArticleKey<'a>> = Vec::with_capacity(ARTICLE_SLOTS / 2);
        // Each slot: 1 + the key's place in `keys`, or 0 when free.
        let mut slots = [0u32; ARTICLE_SLOTS];
        for (id, label, canonical) in mentions {
            let key = KeyRef(id, label, canonical);
            let hash = key.hash();
            if keys.len() >= ARTICLE_SLOTS / 2 {
                self.count_article(key, hash, 1, article);
                continue;
            }
            // The hash's top bits pick the first slot; taken slots are
            // passed over in turn.
            let mut slot = (hash >> (64 - ARTICLE_SLOTS.trailing_zeros())) as usize;
            loop {
                match slots[slot] {
                    0 => {
                        keys.push((hash, key, 1));
                        slots[slot] = keys.len() as u32;
                        break;
                    }
                    taken => {
                        let known = &mut keys[taken as usize - 1];
                        if known.0 == hash && known.1 == key {
                            known.2 += 1;
                            break;
                        }
                        slot = (slot + 1) % ARTICLE_SLOTS;
                    }
                }
            }
        }
        for &(hash, key, mentions) in &keys {
            self.count_article(key, hash, mentions, article);
        }
    }

    /// Counts `mentions` of the entity of `key` (whose hash is `hash`) in
    /// article number `article`.
    fn count_article(&mut self, key: KeyRef, hash: u64, mentions: usize, article: usize) {
        let counts = self.counts(key, hash);
        counts.mentions += mentions;
        if counts.last_article != article {
            counts.last_article = article;
            counts.documents += 1;
        }
    }

    /// Adds rows from another table (a previous run's `entities.csv`).
    pub fn add_row(&mut self, row: &Entity) {
        let key = KeyRef(&row.entity_id, &row.label, &row.canonical);
        let counts = self.counts(key, key.hash());
        counts.documents += row.documents;
        counts.mentions += row.mentions;
    }

    /// Adds up the counts of `other` (of other articles than this table's).
    pub fn merge(&mut self, other: EntityTable) {
        let (mut into, other) = if other.slots.len() > self.slots.len() {
            (other, std::mem::take(self))
        } else {
            (std::mem::take(self), other)
        };
        for slot in &other.slots {
            let mine = into.counts(key_of(&other.arena, slot), slot.hash);
            mine.documents += slot.counts.documents;
            mine.mentions += slot.counts.mentions;
        }
        // The articles merged in are none of this table's.
        into.articles = into.articles.max(other.articles) + 1;
        *self = into;
    }

    /// The counts of the entity of `key`, whose hash is `hash`; its key is
    /// copied into the arena only when new.
    fn counts(&mut self, key: KeyRef, hash: u64) -> &mut Counts {
        let arena = &mut self.arena;
        let found = self.slots.entry(
            hash,
            |slot| slot.hash == hash && key_of(arena, slot) == key,
            |slot| slot.hash,
        );
        let slot = found.or_insert_with(|| {
            let KeyRef(id, label, canonical) = key;
            let at = arena.len();
            for part in [id, label, canonical] {
                arena.push_str(part);
            }
            Slot {
                hash,
                at,
                lens: [part_len(id), part_len(label), part_len(canonical)],
                counts: Counts::default(),
            }
        });
        &mut slot.into_mut().counts
    }

    /// The rows, most-mentioned first, ties broken by documents then id and name.
    pub fn into_rows(self) -> Vec<Entity> {
        // Sorted by borrowed keys, which lie together in the arena, before
        // the rows' strings are made: most-mentioned first, then the most
        // documents, then by id, label and canonical name.
        let arena = self.arena.as_str();
        let mut order: Vec<_> = (self.slots.iter())
            .map(|slot| {
                let KeyRef(id, label, canonical) = key_of(arena, slot);
                let Counts {
                    documents,
                    mentions,
                    ..
                } = slot.counts;
                (Reverse(mentions), Reverse(documents), id, label, canonical)
            })
            .collect();
        // No two keys are equal: an unstable sort puts them in the one
        // order there is, without a stable sort's buffer.
        order.sort_unstable();
        (order.into_iter())
            .map(
                |(Reverse(mentions), Reverse(documents), id, label, canonical)| Entity {
                    entity_id: id.to_string(),
                    label: label.to_string(),
                    canonical: canonical.to_string(),
                    documents,
                    mentions,
                },
            )
            .collect()
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
    fn an_articles_repeated_keys_count_each_mention_and_the_article_once() {
        let (a, b, c) = (("a", "ORG", "A"), ("b", "ORG", "B"), ("c", "PLACE", "C"));
        let mut t = EntityTable::default();
        t.add_mentions([a, b, a, c, a, b]);
        t.add_mentions([b, b]);
        let rows: Vec<_> = (t.into_rows().into_iter())
            .map(|e| (e.entity_id, e.documents, e.mentions))
            .collect();
        assert_eq!(
            rows,
            [("b".into(), 2, 4), ("a".into(), 1, 3), ("c".into(), 1, 1)]
        );
    }

    /// An article with more distinct keys than its small table gathers
    /// (the rest are counted at once), each mentioned several times.
    #[test]
    fn an_article_of_many_entities_counts_them_all() {
        let ids: Vec<String> = (0..3 * ARTICLE_SLOTS).map(|i| format!("id:{i}")).collect();
        let mut t = EntityTable::default();
        // Key i mentioned i % 4 + 1 times, mentions interleaved.
        let mentions = (0..4).flat_map(|round| {
            (ids.iter().enumerate())
                .filter(move |(i, _)| i % 4 >= round)
                .map(|(_, id)| (id.as_str(), "ORG", "Name"))
        });
        t.add_mentions(mentions);
        t.add_mentions([("id:0", "ORG", "Name")]);
        let mut rows: Vec<_> = (t.into_rows().into_iter())
            .map(|e| (e.entity_id, e.documents, e.mentions))
            .collect();
        rows.sort();
        let mut want: Vec<_> = (ids.iter().enumerate())
            .map(|(i, id)| {
                (
                    id.clone(),
                    1 + usize::from(i == 0),
                    i % 4 + 1 + usize::from(i == 0),
                )
            })
            .collect();
        want.sort();
        assert_eq!(rows, want);
    }

    /// Enough keys for the table to grow several times (rehashed by the
    /// hashes its slots keep) and its arena to move.
    #[test]
    fn many_entities_keep_their_counts_as_the_table_grows() {
        let ids: Vec<String> = (0..3000).map(|i| format!("id:{i}")).collect();
        let mut t = EntityTable::default();
        t.add_mentions(ids.iter().map(|id| (id.as_str(), "ORG", "Name")));
        t.add_mentions((ids.iter().step_by(3)).map(|id| (id.as_str(), "ORG", "Name")));
        let rows = t.into_rows();
        assert_eq!(rows.len(), 3000);
        // Ids mentioned twice first (documents, then id order), then the rest.
        assert_eq!((rows[0].entity_id.as_str(), rows[0].documents), ("id:0", 2));
        assert_eq!(rows[1].entity_id, "id:1002");
        assert_eq!(
            (rows[1000].entity_id.as_str(), rows[1000].mentions),
            ("id:1", 1)
        );
        assert!(rows
            .iter()
            .all(|r| r.label == "ORG" && r.canonical == "Name"));
    }

    /// Strings of 0 to 15 bytes from a few characters (a zero byte among
    /// them), half of them after one of two stems of 7 bytes, so that many
    /// share their first 7 bytes.
    fn awkward_strings() -> Vec<String> {
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        (0..400)
            .map(|_| {
                let stem = ["", "a\0bab\u{e9}", "a\0baba\0"][rng.below(3)];
                let n = rng.below(5 + 6 * usize::from(stem.is_empty()));
                let rest: String = (0..n)
                    .map(|_| ['\0', 'a', 'b', '\u{e9}'][rng.below(4)])
                    .collect();
                format!("{stem}{rest}")
            })
            .collect()
    }

    /// The rows' order is that of (most mentions, most documents, id,
    /// label, canonical name), ties in the counts and in each part's first
    /// bytes among them.
    #[test]
    fn rows_are_in_the_order_of_counts_then_keys() {
        let strings = awkward_strings();
        let mut t = EntityTable::default();
        for (i, w) in strings.windows(3).enumerate() {
            for _ in 0..1 + i % 3 {
                t.add_mentions([(w[0].as_str(), w[1].as_str(), w[2].as_str())]);
            }
        }
        let rows = t.into_rows();
        assert!(rows.len() > 300, "{}", rows.len());
        let sort_key = |e: &Entity| {
            (
                std::cmp::Reverse(e.mentions),
                std::cmp::Reverse(e.documents),
                e.entity_id.clone(),
                e.label.clone(),
                e.canonical.clone(),
            )
        };
        let mut want = rows.clone();
        want.sort_by_key(sort_key);
        assert_eq!(rows, want);
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

//! The output rows. Field order is the CSV column order: a contract that
//! users' scripts and our scorers read by name, so columns are only ever
//! appended, never renamed or reordered.

use serde::{Deserialize, Serialize};

/// A row of `mentions.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The article's id.
    pub doc_id: String,
    /// `text` or `title`: the field the offsets index into.
    pub field: String,
    /// `PERSON`, `PLACE`, `ORG`, `DATE` or `NORP`.
    pub label: String,
    /// The mention exactly as written.
    pub text: String,
    /// Start, in Unicode scalar values (what Python slices).
    pub start: usize,
    /// End, in Unicode scalar values.
    pub end: usize,
    /// Start, in UTF-8 bytes.
    pub byte_start: usize,
    /// End, in UTF-8 bytes.
    pub byte_end: usize,
    /// Canonical name.
    pub canonical: String,
    /// Namespaced entity id.
    pub entity_id: String,
    /// TIMEX3 value (dates only).
    pub value: String,
    /// TIMEX3 type (dates only).
    pub timex_type: String,
    /// How it was found.
    pub method: String,
}

/// A row of `quotes.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The article's id.
    pub doc_id: String,
    /// The content (without the quote marks for direct quotes).
    pub quote: String,
    /// Start of the content, in characters.
    pub start: usize,
    /// End of the content, in characters.
    pub end: usize,
    /// The resolved speaker (empty when unattributed).
    pub speaker: String,
    /// The speaker's entity id, when known.
    pub speaker_entity_id: String,
    /// Start of the speaker mention the cue attaches to, in characters.
    pub speaker_start: Option<usize>,
    /// End of that mention, in characters.
    pub speaker_end: Option<usize>,
    /// The cue verb or phrase.
    pub cue: String,
    /// `direct`, `partial`, `indirect`, `according_to`, `reported_by` or `anonymous`.
    pub kind: String,
    /// QA flags, `;`-separated (`unattributed`, `odd_quotes`, ...).
    pub flags: String,
}

/// A row of `documents.csv`: one for every input article, in input order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The article's id.
    pub doc_id: String,
    /// Its title.
    pub title: String,
    /// Its publication date as given.
    pub date: String,
    /// Its source.
    pub source: String,
    /// Length of the text in characters.
    pub chars: usize,
    /// Number of mentions (text and title).
    pub mentions: usize,
    /// Number of quotes and attributions.
    pub quotes: usize,
    /// `ok` or `error`.
    pub status: String,
    /// What went wrong, for `error` rows.
    pub error: String,
    /// Quotes with no speaker.
    pub unattributed_quotes: usize,
    /// Problems that did not stop extraction, `;`-separated.
    pub warnings: String,
}

/// A row of `entities.csv`: one entity across the whole batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Namespaced id (empty for names found by rules with no known id).
    pub entity_id: String,
    /// Its label.
    pub label: String,
    /// Its canonical name.
    pub canonical: String,
    /// Number of articles that mention it.
    pub documents: usize,
    /// Number of mentions.
    pub mentions: usize,
}

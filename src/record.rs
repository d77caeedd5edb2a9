//! The output rows. Field order is the CSV column order: a contract that
//! users' scripts and our scorers read by name, so columns are only ever
//! appended, never renamed or reordered. Each table's row also comes as a
//! view that borrows its cells (`MentionRow`, ...), which the batch runner
//! encodes without building the owned row.

use std::borrow::Cow;

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

/// A `mentions.csv` row that borrows its cells: what the batch runner
/// encodes straight from an article's spans, without allocating a
/// [`Mention`]. Same fields, in the same order, as [`Mention`], so it
/// serializes to the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MentionRow<'a> {
    /// As in [`Mention::doc_id`].
    pub doc_id: &'a str,
    /// As in [`Mention::field`].
    pub field: &'a str,
    /// As in [`Mention::label`].
    pub label: &'a str,
    /// As in [`Mention::text`].
    pub text: &'a str,
    /// As in [`Mention::start`].
    pub start: usize,
    /// As in [`Mention::end`].
    pub end: usize,
    /// As in [`Mention::byte_start`].
    pub byte_start: usize,
    /// As in [`Mention::byte_end`].
    pub byte_end: usize,
    /// As in [`Mention::canonical`].
    pub canonical: &'a str,
    /// As in [`Mention::entity_id`].
    pub entity_id: &'a str,
    /// As in [`Mention::value`].
    pub value: &'a str,
    /// As in [`Mention::timex_type`].
    pub timex_type: &'a str,
    /// As in [`Mention::method`].
    pub method: &'a str,
}

/// A `quotes.csv` row that borrows its cells (see [`MentionRow`]); the
/// flags are joined only when there are several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteRow<'a> {
    /// As in [`Quote::doc_id`].
    pub doc_id: &'a str,
    /// As in [`Quote::quote`].
    pub quote: &'a str,
    /// As in [`Quote::start`].
    pub start: usize,
    /// As in [`Quote::end`].
    pub end: usize,
    /// As in [`Quote::speaker`].
    pub speaker: &'a str,
    /// As in [`Quote::speaker_entity_id`].
    pub speaker_entity_id: &'a str,
    /// As in [`Quote::speaker_start`].
    pub speaker_start: Option<usize>,
    /// As in [`Quote::speaker_end`].
    pub speaker_end: Option<usize>,
    /// As in [`Quote::cue`].
    pub cue: &'a str,
    /// As in [`Quote::kind`].
    pub kind: &'a str,
    /// As in [`Quote::flags`].
    pub flags: Cow<'a, str>,
}

/// A `documents.csv` row that borrows its cells (see [`MentionRow`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRow<'a> {
    /// As in [`Document::doc_id`].
    pub doc_id: &'a str,
    /// As in [`Document::title`].
    pub title: &'a str,
    /// As in [`Document::date`].
    pub date: &'a str,
    /// As in [`Document::source`].
    pub source: &'a str,
    /// As in [`Document::chars`].
    pub chars: usize,
    /// As in [`Document::mentions`].
    pub mentions: usize,
    /// As in [`Document::quotes`].
    pub quotes: usize,
    /// As in [`Document::status`].
    pub status: &'a str,
    /// As in [`Document::error`].
    pub error: &'a str,
    /// As in [`Document::unattributed_quotes`].
    pub unattributed_quotes: usize,
    /// As in [`Document::warnings`].
    pub warnings: Cow<'a, str>,
}

impl Mention {
    /// The row borrowing this mention's cells.
    pub fn as_row(&self) -> MentionRow<'_> {
        MentionRow {
            doc_id: &self.doc_id,
            field: &self.field,
            label: &self.label,
            text: &self.text,
            start: self.start,
            end: self.end,
            byte_start: self.byte_start,
            byte_end: self.byte_end,
            canonical: &self.canonical,
            entity_id: &self.entity_id,
            value: &self.value,
            timex_type: &self.timex_type,
            method: &self.method,
        }
    }
}

impl Quote {
    /// The row borrowing this quote's cells.
    pub fn as_row(&self) -> QuoteRow<'_> {
        QuoteRow {
            doc_id: &self.doc_id,
            quote: &self.quote,
            start: self.start,
            end: self.end,
            speaker: &self.speaker,
            speaker_entity_id: &self.speaker_entity_id,
            speaker_start: self.speaker_start,
            speaker_end: self.speaker_end,
            cue: &self.cue,
            kind: &self.kind,
            flags: Cow::Borrowed(&self.flags),
        }
    }
}

impl From<MentionRow<'_>> for Mention {
    /// The owned mention of a borrowed row.
    fn from(row: MentionRow<'_>) -> Mention {
        Mention {
            doc_id: row.doc_id.to_string(),
            field: row.field.to_string(),
            label: row.label.to_string(),
            text: row.text.to_string(),
            start: row.start,
            end: row.end,
            byte_start: row.byte_start,
            byte_end: row.byte_end,
            canonical: row.canonical.to_string(),
            entity_id: row.entity_id.to_string(),
            value: row.value.to_string(),
            timex_type: row.timex_type.to_string(),
            method: row.method.to_string(),
        }
    }
}

impl From<QuoteRow<'_>> for Quote {
    /// The owned quote of a borrowed row.
    fn from(row: QuoteRow<'_>) -> Quote {
        Quote {
            doc_id: row.doc_id.to_string(),
            quote: row.quote.to_string(),
            start: row.start,
            end: row.end,
            speaker: row.speaker.to_string(),
            speaker_entity_id: row.speaker_entity_id.to_string(),
            speaker_start: row.speaker_start,
            speaker_end: row.speaker_end,
            cue: row.cue.to_string(),
            kind: row.kind.to_string(),
            flags: row.flags.into_owned(),
        }
    }
}

impl Document {
    /// The row borrowing this document's cells.
    pub fn as_row(&self) -> DocumentRow<'_> {
        DocumentRow {
            doc_id: &self.doc_id,
            title: &self.title,
            date: &self.date,
            source: &self.source,
            chars: self.chars,
            mentions: self.mentions,
            quotes: self.quotes,
            status: &self.status,
            error: &self.error,
            unattributed_quotes: self.unattributed_quotes,
            warnings: Cow::Borrowed(&self.warnings),
        }
    }
}

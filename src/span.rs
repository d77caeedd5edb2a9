//! The internal span types that flow between stages: byte offsets into one
//! field of one article, before they become output records.

use std::fmt;

/// What kind of thing a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// A person.
    Person,
    /// A place: country, city, region.
    Place,
    /// An organisation, company, outlet, body.
    Org,
    /// A temporal expression.
    Date,
    /// A nationality or group adjective/noun linked to its place ("Azerbaijani").
    Norp,
}

impl Label {
    /// The label as written in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Place => "PLACE",
            Label::Org => "ORG",
            Label::Date => "DATE",
            Label::Norp => "NORP",
        }
    }

    /// Parses a table label (`PERSON`, `PLACE`, `ORG`, `DATE`, `NORP`).
    pub fn parse(s: &str) -> Option<Label> {
        Some(match s {
            "PERSON" => Label::Person,
            "PLACE" => Label::Place,
            "ORG" => Label::Org,
            "DATE" => Label::Date,
            "NORP" => Label::Norp,
            _ => return None,
        })
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// An alias in a dictionary.
    Dictionary,
    /// A context rule (role before a name, organisation suffix, ...).
    Rule,
    /// A later mention linked to an earlier full name in the same article.
    Linked,
    /// An acronym defined in the text.
    Acronym,
    /// The temporal expression tagger.
    Date,
}

impl Method {
    /// The method as written in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Dictionary => "dictionary",
            Method::Rule => "rule",
            Method::Linked => "linked",
            Method::Acronym => "acronym",
            Method::Date => "date",
        }
    }
}

/// A mention found in one field, in byte offsets into that field's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What it names.
    pub label: Label,
    /// Canonical name (empty when unknown).
    pub canonical: String,
    /// Namespaced entity id (empty when unknown).
    pub entity_id: String,
    /// How it was found.
    pub method: Method,
    /// TIMEX3 value, for dates.
    pub value: String,
    /// TIMEX3 type (`DATE`, `TIME`, `DURATION`, `SET`), for dates.
    pub timex_type: String,
}

impl Span {
    /// A span with no date fields.
    pub fn entity(
        start: usize,
        end: usize,
        label: Label,
        canonical: impl Into<String>,
        entity_id: impl Into<String>,
        method: Method,
    ) -> Span {
        Span {
            start,
            end,
            label,
            canonical: canonical.into(),
            entity_id: entity_id.into(),
            method,
            value: String::new(),
            timex_type: String::new(),
        }
    }

    /// Byte length.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The kind of an attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// A whole quoted sentence or more.
    Direct,
    /// A quoted fragment inside a sentence.
    Partial,
    /// Reported speech without quote marks ("X said that ...").
    Indirect,
    /// "according to X".
    AccordingTo,
    /// The original source in a chain ("..., reporting X").
    ReportedBy,
    /// A vague or anonymous source ("officials said").
    Anonymous,
}

impl QuoteKind {
    /// The kind as written in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
            QuoteKind::AccordingTo => "according_to",
            QuoteKind::ReportedBy => "reported_by",
            QuoteKind::Anonymous => "anonymous",
        }
    }
}

/// Who a quote is attributed to, in byte offsets into the text field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The resolved name (canonical when the speaker is a known entity).
    pub name: String,
    /// The entity id, when known.
    pub entity_id: String,
    /// Byte span of the mention the cue attaches to (may be a pronoun).
    pub start: usize,
    /// End of that span.
    pub end: usize,
}

/// One attribution found in the text field, in byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Byte offset of the content's start (inside the quote marks for direct quotes).
    pub start: usize,
    /// Byte offset of the content's end.
    pub end: usize,
    /// The speaker, when one was found.
    pub speaker: Option<Speaker>,
    /// The cue verb or phrase ("said", "according to").
    pub cue: String,
    /// What kind of attribution.
    pub kind: QuoteKind,
    /// QA flags (`unattributed`, `odd_quotes`, ...).
    pub flags: Vec<&'static str>,
}

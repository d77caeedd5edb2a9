//! Source attribution: quotes, their speakers, "according to" chains and
//! QA flags, found in an article's body from the text itself and the
//! field's final entity mentions.
//!
//! The stages, each in its own module:
//! - [`tokens`]: words, punctuation, quote marks, paragraph breaks, sentences;
//! - [`marks`]: pairing quote marks (curly, straight, typewriter; paragraph
//!   continuation; odd counts flagged, never fatal);
//! - [`cues`]: the speech verbs;
//! - [`speaker`]: the phrase a cue attaches to (name, pronoun, description,
//!   anonymous source);
//! - [`direct`]: direct and partial quotes and their cues;
//! - [`reported`]: "according to", reported speech, source chains;
//! - [`names`]: surnames and descriptions linked to full names;
//! - [`resolve`]: canonical names, pronoun resolution, QA flags.
//!
//! Output rows and their flags:
//! - `kind`: `direct` / `partial` for quoted text (content without the
//!   marks); `indirect`, `according_to`, `reported_by` (the original source
//!   of a chain) and `anonymous` (reported speech from a vague source) for
//!   the rest, whose content is the clause they attribute (see
//!   [`reported`]). A quotation whose speaker is anonymous keeps its kind
//!   and carries the flag `anonymous`.
//! - `flags`: `unattributed` (no speaker found), `odd_quotes` (the marks
//!   did not pair), `continued` (speaker carried over from the quotation
//!   before: "“...,” he said. “...”"), `unresolved_pronoun` (a pronoun with
//!   no fitting person before it), `unnamed_speaker` (a description or
//!   anonymous source not linked to a name), `anonymous`.

pub mod cues;
pub mod direct;
pub mod doc;
pub mod marks;
pub mod names;
pub mod reported;
pub mod resolve;
pub mod speaker;
pub mod tokens;
pub mod words;

use crate::span::{QuoteKind, QuoteSpan, Span};

/// An attribution before its speaker is resolved to a name.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Content start (bytes).
    pub start: usize,
    /// Content end (bytes).
    pub end: usize,
    /// Kind.
    pub kind: QuoteKind,
    /// The cue as written.
    pub cue: String,
    /// The speaker slot, when found.
    pub speaker: Option<speaker::Found>,
    /// The earlier draft whose speaker this one continues.
    pub inherit: Option<usize>,
    /// QA flags so far.
    pub flags: Vec<&'static str>,
}

impl Draft {
    /// A quotation draft with no cue yet.
    pub fn new(start: usize, end: usize, kind: QuoteKind) -> Draft {
        Draft {
            start,
            end,
            kind,
            cue: String::new(),
            speaker: None,
            inherit: None,
            flags: Vec::new(),
        }
    }

    /// A reported-speech draft.
    pub fn reported(
        start: usize,
        end: usize,
        kind: QuoteKind,
        cue: &str,
        sp: speaker::Found,
    ) -> Draft {
        Draft {
            cue: cue.to_string(),
            speaker: Some(sp),
            ..Draft::new(start, end, kind)
        }
    }
}

/// Finds the attributions in an article's text, given its final mentions
/// (byte spans into `text`).
pub fn attribute(text: &str, mentions: &[Span]) -> Vec<QuoteSpan> {
    if text.is_empty() {
        return Vec::new();
    }
    let sorted;
    let mentions = if mentions.windows(2).all(|w| w[0].start <= w[1].start) {
        mentions
    } else {
        let mut m = mentions.to_vec();
        m.sort_by_key(|s| (s.start, s.end));
        sorted = m;
        &sorted
    };
    let doc = doc::Doc::new(text, mentions);
    let mut used = vec![false; doc.len()];
    let mut drafts = direct::attribute(&doc, &mut used);
    reported::find(&doc, &mut used, &mut drafts);
    let names = names::NameIndex::new(&doc);
    resolve::resolve(&doc, &names, drafts)
}

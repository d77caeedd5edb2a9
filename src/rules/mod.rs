//! Context rules that dictionaries alone cannot do: names found by context,
//! surname-only mentions linked to the full name, acronyms defined in the
//! text, and ambiguous words decided by context.
//!
//! The rules run after the gazetteer on one field and return the field's
//! entity spans (they may add, relabel, link or drop dictionary spans).

use crate::{normalize::Normalized, span::Span};

/// What the rules see of one field.
#[derive(Debug, Clone, Copy)]
pub struct FieldContext<'a> {
    /// The field's original text.
    pub text: &'a str,
    /// Its folding.
    pub norm: &'a Normalized,
    /// True for a headline (title case everywhere, no sentence context).
    pub is_title: bool,
}

/// Word lists the rules use (first names, roles, organisation words, ...).
#[derive(Debug, Clone, Default)]
pub struct Lexicons {}

impl Lexicons {
    /// The shipped lexicons.
    pub fn load_default() -> Lexicons {
        Lexicons {}
    }
}

/// Applies the context rules to one field's dictionary spans.
pub fn apply(_lexicons: &Lexicons, _field: FieldContext<'_>, spans: Vec<Span>) -> Vec<Span> {
    spans
}

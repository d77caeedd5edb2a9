//! Evaluation against gold corpora: each command reads a standard format,
//! runs the extractor, and returns a printable report of precision, recall
//! and F1.

pub mod attribution;
pub mod conll;
pub mod timeml;

/// An evaluation's error: which file and what went wrong.
pub type EvalError = Box<dyn std::error::Error + Send + Sync>;

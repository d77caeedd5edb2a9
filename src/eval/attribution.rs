//! `newsner eval attribution`.

use std::path::Path;

use crate::{eval::EvalError, extract::Extractor};

/// Scores the extractor on the gold data at `path` and returns the report.
pub fn run(_extractor: &Extractor, path: &Path) -> Result<String, EvalError> {
    Err(format!("{}: eval attribution is not built yet", path.display()).into())
}

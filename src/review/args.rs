//! The `newsner review` command line: its flags and how it runs.

use std::{io::IsTerminal, path::PathBuf, process::ExitCode};

use anyhow::{Context, Result};
use chrono::NaiveDate;

use super::{tables::TableReader, Records, ReviewOptions};
use crate::{
    cli::{DictArgs, EXIT_OK, EXIT_SOME_FAILED},
    corpus::Corpus,
};

/// `newsner review`.
#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// Inputs, as for `newsner extract`: .jsonl/.ndjson, .csv, .txt, directories, or - for JSONL on stdin. The pages show their text.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Directory for index.html and the article pages (created if missing).
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// Show the records of a previous `newsner extract INPUT... --out TABLES` (same inputs, same order) instead of extracting again.
    #[arg(long, value_name = "TABLES")]
    pub tables: Option<PathBuf>,
    /// Publication date (YYYY-MM-DD) for articles that carry none; anchors relative dates.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Worker threads (default: all cores). Pages are identical for any number.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Articles per index page.
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub page_size: usize,
    /// No progress line, and nothing printed when done.
    #[arg(long, short)]
    pub quiet: bool,
    /// Dictionaries (ignored with --tables).
    #[command(flatten)]
    pub dicts: DictArgs,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("{s:?} is not YYYY-MM-DD: {e}"))
}

impl ReviewArgs {
    /// Writes the review and returns the exit status: 0 when every article
    /// has a page, 1 when some are error rows.
    pub fn run(self) -> Result<ExitCode> {
        let corpus = Corpus::open(&self.inputs)?;
        let extractor;
        let records = match &self.tables {
            Some(dir) => Records::Tables(TableReader::open(dir)?),
            None => {
                extractor = self.dicts.extractor()?;
                Records::Extract(&extractor)
            }
        };
        let options = ReviewOptions {
            out: self.out.clone(),
            default_date: self.date,
            threads: self.threads,
            page_size: self.page_size,
            progress: !self.quiet && std::io::stderr().is_terminal(),
            ..ReviewOptions::default()
        };
        let summary = super::run(records, corpus, &options)
            .with_context(|| format!("{}: the review was not written", self.out.display()))?;
        if !self.quiet {
            eprintln!(
                "newsner: {} articles ({} error rows) reviewed: open {}",
                summary.articles,
                summary.failed,
                self.out.join("index.html").display()
            );
        }
        Ok(ExitCode::from(if summary.failed > 0 {
            EXIT_SOME_FAILED
        } else {
            EXIT_OK
        }))
    }
}

//! The batch runner: streams articles from a reader thread in bounded
//! chunks, extracts each chunk in parallel on a rayon pool, and hands the
//! results to the sink in input order. One thread or many, the output is
//! byte-identical; memory is bounded by the chunk size, not the corpus.

use std::{
    io,
    panic::{self, AssertUnwindSafe},
    sync::mpsc,
    thread,
    time::Duration,
};

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::{
    corpus::{Article, Item},
    entities::EntityTable,
    extract::{Extraction, Extractor},
    record::Document,
    sink::Sink,
};

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Worker threads (0: all cores).
    pub threads: usize,
    /// Publication date for articles that carry none.
    pub default_date: Option<NaiveDate>,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// Articles per chunk.
    pub chunk_articles: usize,
    /// Text bytes per chunk (a chunk closes at whichever limit comes first).
    pub chunk_bytes: usize,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            threads: 0,
            default_date: None,
            progress: false,
            chunk_articles: 512,
            chunk_bytes: 8 << 20,
        }
    }
}

/// What a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunSummary {
    /// Input articles, good and bad.
    pub articles: usize,
    /// Articles that ended as `error` rows.
    pub failed: usize,
    /// Mentions written.
    pub mentions: usize,
    /// Quotes written.
    pub quotes: usize,
}

/// The result of one article.
enum Outcome {
    /// Extracted.
    Done(Article, Extraction),
    /// Failed: its `error` documents row.
    Failed(Document),
}

fn process(extractor: &Extractor, item: Item, default_date: Option<NaiveDate>) -> Outcome {
    let article = match item {
        Ok(a) => a,
        Err(bad) => {
            return Outcome::Failed(Document {
                doc_id: bad.id,
                status: "error".into(),
                error: bad.error,
                ..Document::default()
            })
        }
    };
    match panic::catch_unwind(AssertUnwindSafe(|| {
        extractor.extract(&article, default_date)
    })) {
        Ok(extraction) => Outcome::Done(article, extraction),
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            let error = format!("{}: internal error (please report): {why}", article.id);
            Outcome::Failed(document_row(&article, None, &error))
        }
    }
}

fn item_bytes(item: &Item) -> usize {
    item.as_ref().map_or(0, |a| a.text.len() + a.title.len())
}

/// Runs a batch: every item becomes one documents row, in input order.
pub fn run<I>(
    extractor: &Extractor,
    items: I,
    sink: Box<dyn Sink>,
    options: &RunOptions,
) -> io::Result<RunSummary>
where
    I: Iterator<Item = Item> + Send,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(io::Error::other)?;
    let progress = progress_bar(options.progress);
    let (tx, rx) = mpsc::sync_channel::<Vec<Item>>(2);
    let (chunk_articles, chunk_bytes) = (options.chunk_articles.max(1), options.chunk_bytes);
    thread::scope(|scope| {
        scope.spawn(move || {
            let mut chunk = Vec::new();
            let mut bytes = 0;
            for item in items {
                bytes += item_bytes(&item);
                chunk.push(item);
                if chunk.len() >= chunk_articles || bytes >= chunk_bytes {
                    if tx.send(std::mem::take(&mut chunk)).is_err() {
                        return;
                    }
                    bytes = 0;
                }
            }
            if !chunk.is_empty() {
                let _ = tx.send(chunk);
            }
        });
        let mut sink = sink;
        let mut summary = RunSummary::default();
        let mut entities = EntityTable::default();
        let mut bytes_done = 0usize;
        for chunk in rx {
            let outcomes: Vec<Outcome> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|item| process(extractor, item, options.default_date))
                    .collect()
            });
            for outcome in outcomes {
                summary.articles += 1;
                let row = match outcome {
                    Outcome::Done(article, extraction) => {
                        bytes_done += article.text.len() + article.title.len();
                        for m in &extraction.mentions {
                            sink.mention(m)?;
                        }
                        for q in &extraction.quotes {
                            sink.quote(q)?;
                        }
                        entities.add_article(&extraction.mentions);
                        summary.mentions += extraction.mentions.len();
                        summary.quotes += extraction.quotes.len();
                        document_row(&article, Some(&extraction), "")
                    }
                    Outcome::Failed(row) => {
                        summary.failed += 1;
                        progress.suspend(|| eprintln!("newsner: {}", row.error));
                        row
                    }
                };
                sink.document(&row)?;
            }
            progress.set_position(summary.articles as u64);
            progress.set_message(format!("{:.1} MB", bytes_done as f64 / 1e6));
        }
        sink.finish(&entities.into_rows())?;
        progress.finish_and_clear();
        Ok(summary)
    })
}

fn document_row(article: &Article, extraction: Option<&Extraction>, error: &str) -> Document {
    Document {
        doc_id: article.id.clone(),
        title: article.title.clone(),
        date: article.date_raw.clone(),
        source: article.source.clone(),
        chars: article.text.chars().count(),
        mentions: extraction.map_or(0, |e| e.mentions.len()),
        quotes: extraction.map_or(0, |e| e.quotes.len()),
        status: if extraction.is_some() { "ok" } else { "error" }.into(),
        error: error.to_string(),
        unattributed_quotes: extraction.map_or(0, Extraction::unattributed_quotes),
        warnings: article.warnings.join("; "),
    }
}

fn progress_bar(show: bool) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {elapsed_precise} {pos} articles, {msg} ({per_sec})",
        )
        .expect("valid progress template"),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

//! `newsner review`: static, self-contained HTML pages for checking
//! extraction and source attribution by eye. One page per article (its
//! text with entities, quotes and speakers marked, flags in the margin, a
//! panel of who is quoted and which outlets are cited) and a paginated
//! index, problems first. No server, no network, no external files; all
//! article text is HTML-escaped.
//!
//! Records come from running the [`Extractor`] on the inputs, or from the
//! tables a previous `newsner extract` wrote ([`Records::Tables`]); either
//! way the inputs are read, because the pages show the articles' text.

pub mod args;
pub mod assets;
pub mod escape;
pub mod index;
pub mod markup;
pub mod page;
pub mod spans;
pub mod tables;

use std::{
    fs, io,
    panic::{self, AssertUnwindSafe},
    path::{Path, PathBuf},
};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::{
    corpus::{Article, Item},
    extract::{Extraction, Extractor},
};
use index::Summary;
use tables::{TableError, TableReader};

/// Where the records shown on the pages come from.
pub enum Records<'a> {
    /// Run the extractor on each article.
    Extract(&'a Extractor),
    /// Read them from the tables of a previous `newsner extract`.
    Tables(TableReader),
}

/// How a review is written.
#[derive(Debug, Clone)]
pub struct ReviewOptions {
    /// The output folder (created if missing).
    pub out: PathBuf,
    /// Publication date for articles that carry none (extraction only).
    pub default_date: Option<NaiveDate>,
    /// Worker threads (0: all cores).
    pub threads: usize,
    /// Rows per index page.
    pub page_size: usize,
    /// Articles rendered per parallel chunk.
    pub chunk_articles: usize,
    /// Show a progress line on stderr.
    pub progress: bool,
}

impl Default for ReviewOptions {
    fn default() -> Self {
        ReviewOptions {
            out: PathBuf::from("review"),
            default_date: None,
            threads: 0,
            page_size: 500,
            chunk_articles: 256,
            progress: false,
        }
    }
}

/// What a review wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewSummary {
    /// Input items, good and bad.
    pub articles: usize,
    /// Items that are error rows (no page).
    pub failed: usize,
    /// Index pages written.
    pub index_pages: usize,
}

/// Why a review stopped.
#[derive(Debug)]
pub enum ReviewError {
    /// Writing a page failed.
    Io(PathBuf, io::Error),
    /// The tables could not be read or do not belong to the inputs.
    Tables(TableError),
}

impl std::fmt::Display for ReviewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReviewError::Io(path, e) => write!(f, "{}: {e}", path.display()),
            ReviewError::Tables(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ReviewError {}

impl From<TableError> for ReviewError {
    fn from(e: TableError) -> Self {
        ReviewError::Tables(e)
    }
}

/// One input item with its records, ready to render.
enum Work {
    Page(usize, Article, Vec<crate::Mention>, Vec<crate::Quote>),
    Extract(usize, Article),
    Failed(Summary),
}

fn failed(n: usize, doc_id: String, error: String) -> Work {
    Work::Failed(Summary {
        n,
        doc_id,
        errors: 1,
        error,
        has_page: false,
        ..Summary::default()
    })
}

fn write(path: &Path, html: &str) -> Result<(), ReviewError> {
    fs::write(path, html).map_err(|e| ReviewError::Io(path.to_path_buf(), e))
}

/// Writes the review of `items` into `options.out`: `index.html` (and
/// `index-N.html`), and `articles/K/N.html` for the article at input
/// position `N`. Memory holds one chunk of articles plus one short index row
/// per article.
pub fn run<I>(
    records: Records<'_>,
    items: I,
    options: &ReviewOptions,
) -> Result<ReviewSummary, ReviewError>
where
    I: Iterator<Item = Item>,
{
    let out = &options.out;
    fs::create_dir_all(out).map_err(|e| ReviewError::Io(out.clone(), e))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(|e| ReviewError::Io(out.clone(), io::Error::other(e)))?;
    let (extractor, mut tables) = match records {
        Records::Extract(x) => (Some(x), None),
        Records::Tables(t) => (None, Some(t)),
    };
    let progress = if options.progress {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {elapsed_precise} {pos} articles ({per_sec})",
            )
            .expect("valid progress template"),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut rows: Vec<Summary> = Vec::new();
    let mut chunk: Vec<Work> = Vec::new();
    let mut made_dirs = 0usize;
    let mut items = items.enumerate().peekable();
    while let Some((n, item)) = items.next() {
        let work = match (item, &mut tables) {
            (Ok(article), Some(t)) => {
                let r = t.next_article(&article.id)?;
                if r.document.status == "error" {
                    failed(n, article.id, r.document.error)
                } else {
                    Work::Page(n, article, r.mentions, r.quotes)
                }
            }
            (Ok(article), None) => Work::Extract(n, article),
            (Err(bad), Some(t)) => {
                t.next_article(&bad.id)?;
                failed(n, bad.id, bad.error)
            }
            (Err(bad), None) => failed(n, bad.id, bad.error),
        };
        chunk.push(work);
        if chunk.len() >= options.chunk_articles.max(1) || items.peek().is_none() {
            // Directories for this chunk's pages, made once, in order.
            while made_dirs * 1000 <= n {
                let dir = out.join(format!("articles/{made_dirs}"));
                fs::create_dir_all(&dir).map_err(|e| ReviewError::Io(dir, e))?;
                made_dirs += 1;
            }
            let done: Vec<Result<Summary, ReviewError>> = pool.install(|| {
                std::mem::take(&mut chunk)
                    .into_par_iter()
                    .map(|w| render_one(w, extractor, options))
                    .collect()
            });
            for r in done {
                rows.push(r?);
            }
            progress.set_position(rows.len() as u64);
        }
    }
    progress.finish_and_clear();
    if let Some(t) = tables {
        t.finish()?;
    }
    let summary = ReviewSummary {
        articles: rows.len(),
        failed: rows.iter().filter(|r| !r.has_page).count(),
        index_pages: 0,
    };
    let pages = index::render(rows, options.page_size);
    for (name, html) in &pages {
        write(&out.join(name), html)?;
    }
    // Pages of an earlier, longer index would point at stale pages.
    let mut stale = pages.len() + 1;
    while out.join(index::index_file(stale)).exists() {
        let path = out.join(index::index_file(stale));
        fs::remove_file(&path).map_err(|e| ReviewError::Io(path, e))?;
        stale += 1;
    }
    Ok(ReviewSummary {
        index_pages: pages.len(),
        ..summary
    })
}

fn render_one(
    work: Work,
    extractor: Option<&Extractor>,
    options: &ReviewOptions,
) -> Result<Summary, ReviewError> {
    let (n, article, mentions, quotes) = match work {
        Work::Failed(row) => return Ok(row),
        Work::Page(n, a, m, q) => (n, a, m, q),
        Work::Extract(n, a) => {
            let x = extractor.expect("extraction work only without tables");
            match panic::catch_unwind(AssertUnwindSafe(|| x.extract(&a, options.default_date))) {
                Ok(Extraction { mentions, quotes }) => (n, a, mentions, quotes),
                Err(_) => {
                    let error = format!("{}: internal error in extraction (please report)", a.id);
                    let Work::Failed(row) = failed(n, a.id, error) else {
                        unreachable!()
                    };
                    return Ok(row);
                }
            }
        }
    };
    let (html, summary) = page::render(n, &article, &mentions, &quotes);
    write(&options.out.join(index::article_path(n)), &html)?;
    Ok(summary)
}

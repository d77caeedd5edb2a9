//! The batch runner: streams articles from a reader thread in bounded
//! chunks, cuts each chunk into groups that a rayon pool extracts as jobs
//! of their own, and hands the results to the sink in input order
//! (reading, extraction and writing overlap: `threads` counts the
//! extraction workers). One thread or many, the output is byte-identical;
//! the articles in memory are bounded by the chunk size, not the corpus
//! (the entity table grows with the distinct entities: one per worker,
//! added up at the end).
//!
//! A worker takes each group through one stage at a time (dates,
//! dictionary matches, rules, attribution, rows): a stage's tables and
//! code stay in the cache from one article to the next. The rows are those
//! of each article extracted alone.
//!
//! When the sink takes encoded rows ([`Sink::encoding`], as the table
//! writer does), each worker encodes its articles' rows straight from their
//! spans and counts their entities in a table of its own (the tables are
//! added up at the end), so the writing thread only copies bytes: it stays
//! light beside the workers on a small machine.

use std::{
    borrow::Cow,
    io,
    panic::{self, AssertUnwindSafe},
    sync::{mpsc, Mutex, PoisonError},
    thread,
    time::Duration,
};

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};

use crate::{
    cells::{IdCell, Row},
    corpus::{Article, Item},
    entities::EntityTable,
    extract::{Extraction, Extractor, Found},
    offsets::CharCursor,
    record::{Document, DocumentRow},
    sink::{columns, EncodedRows, Encoding, Sink},
    span::Label,
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
    /// Largest text or title, in bytes, an article may have; a larger one is
    /// an `error` row. Offset maps hold 32-bit offsets: at most 4 GiB.
    pub max_article_bytes: usize,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            threads: 0,
            default_date: None,
            progress: false,
            chunk_articles: 512,
            chunk_bytes: 8 << 20,
            max_article_bytes: u32::MAX as usize,
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
    /// Extracted, and its rows encoded for the sink.
    Encoded(Box<Encoded>),
    /// Failed: its `error` documents row.
    Failed(Document),
}

/// An article's rows encoded for the sink, and what the writing thread
/// counts of it.
struct Encoded {
    rows: io::Result<EncodedRows>,
    /// Bytes of text and title.
    bytes: usize,
    mentions: usize,
    quotes: usize,
}

/// What the workers make of each article: owned records, or, when the sink
/// takes encoded rows, those rows.
#[derive(Debug, Clone, Copy)]
struct Work<'a> {
    extractor: &'a Extractor,
    options: &'a RunOptions,
    /// The sink's encoding, when it takes encoded rows.
    encoding: Option<Encoding>,
    /// Where the workers count the entities of encoded rows, one table per
    /// worker (none when the sink does not want the entity table).
    entities: Option<&'a [Mutex<EntityTable>]>,
}

/// Bytes to set aside per encoded mention row, a little over their mean
/// size in news (81), so that an article's rows are seldom moved as they grow.
const MENTION_ROW_BYTES: usize = 96;
/// The same for quote rows (157 bytes on average in news).
const QUOTE_ROW_BYTES: usize = 192;
/// The same for a documents row, beside its title.
const DOCUMENT_ROW_BYTES: usize = 128;

impl Work<'_> {
    /// What the sink takes of an article whose spans and quotes are
    /// `found`: its records, or its rows encoded when the sink takes them.
    fn extracted(&self, article: &Article, found: Found) -> Extracted {
        match self.encoding {
            Some(encoding) => Extracted::Encoded(Box::new(self.encode(article, &found, encoding))),
            None => Extracted::Records(found.into_extraction(article)),
        }
    }

    /// Encodes the rows of an article from its spans, and counts its entities.
    fn encode(&self, article: &Article, found: &Found, encoding: Encoding) -> Encoded {
        // All three tables' rows in one buffer, allocated once.
        let mut rows = Row::with_capacity(
            found.mentions() * MENTION_ROW_BYTES
                + found.quotes.len() * QUOTE_ROW_BYTES
                + article.title.len()
                + DOCUMENT_ROW_BYTES,
        );
        let mut written = Ok(());
        let id = IdCell::new(&article.id);
        // One cursor on the text for its mentions, its quotes and its
        // length in characters: the text is counted about once.
        let body = &mut CharCursor::new(&article.text);
        found.mention_rows(article, body, |m| {
            keep_first_error(&mut written, encoding.mention(&id, &m, &mut rows));
        });
        let quotes_start = rows.bytes().len();
        found.quote_rows(article, body, |q| {
            keep_first_error(&mut written, encoding.quote(&id, &q, &mut rows));
        });
        let document_start = rows.bytes().len();
        let chars = body.char_offset(article.text.len());
        let rows = written.and_then(|()| {
            let row = found_document_row(article, found, chars);
            encoding.encode(columns::DOCUMENTS, &row, &mut rows)?;
            Ok(EncodedRows::new(rows.take(), quotes_start, document_start))
        });
        self.count_entities(found);
        Encoded {
            rows,
            bytes: article.text.len() + article.title.len(),
            mentions: found.mentions(),
            quotes: found.quotes.len(),
        }
    }

    /// Adds the entities of an article's spans to this worker's table.
    fn count_entities(&self, found: &Found) {
        let Some(tables) = self.entities else {
            return;
        };
        let worker = rayon::current_thread_index().unwrap_or(0) % tables.len();
        let mentions = (found.title.iter().chain(&found.body))
            .filter(|s| s.label != Label::Date)
            .map(|s| (s.entity_id.as_str(), s.label.as_str(), s.canonical.as_str()));
        // Each worker has its own table: the lock is never waited for.
        let mut table = tables[worker]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        table.add_mentions(mentions);
    }
}

/// What a worker made of an article.
enum Extracted {
    /// Its records.
    Records(Extraction),
    /// Its rows, encoded.
    Encoded(Box<Encoded>),
}

/// Keeps the first error of a series of results in `first`.
fn keep_first_error(first: &mut io::Result<()>, result: io::Result<()>) {
    if first.is_ok() {
        *first = result;
    }
}

/// Articles a worker takes at a time. It takes the group through one stage
/// at a time (the dates of every article, then the dictionary matches of
/// every article, and so on), so that each stage's tables (the date rules'
/// DFAs alone are 3.35 MB) and code stay in the cache across the group,
/// instead of each article's stages evicting each other's.
const GROUP_ARTICLES: usize = 64;

/// Groups a chunk is cut into at most, by bytes: a group of long articles
/// holds a share of the chunk's byte limit, so that no one group keeps a
/// worker busy long after the others are done.
const CHUNK_GROUPS: usize = 8;

/// Groups handed to the pool and not yet written: two chunks' worth, as
/// many articles as the chunks in flight held when a chunk was one job.
const GROUPS_IN_FLIGHT: usize = 2 * CHUNK_GROUPS;

/// Cuts `chunk` into groups of at most `articles` items, each closed as
/// soon as its text reaches `bytes` (so a group holds one article at least).
fn groups(chunk: Vec<Item>, articles: usize, bytes: usize) -> Vec<Vec<Item>> {
    let mut groups = Vec::new();
    let mut group = Vec::with_capacity(articles.min(chunk.len()));
    let mut group_bytes = 0;
    for item in chunk {
        group_bytes += item_bytes(&item);
        group.push(item);
        if group.len() >= articles || group_bytes >= bytes {
            groups.push(std::mem::replace(&mut group, Vec::with_capacity(articles)));
            group_bytes = 0;
        }
    }
    if !group.is_empty() {
        groups.push(group);
    }
    groups
}

/// An item on its way through the stages of its group.
enum Pending<T> {
    /// Not to be extracted: a bad line, or an article too large
    /// ([`finish`] makes its row).
    Skipped,
    /// A stage panicked, with this message.
    Panicked(String),
    /// Going on, with what the stages found so far.
    Going(T),
}

/// Takes every article of `group` that is still going through `stage`; a
/// panic stops that article (and only it) with its message.
fn run_stage<T, U>(
    group: &[Item],
    pending: Vec<Pending<T>>,
    stage: impl Fn(&Article, T) -> U,
) -> Vec<Pending<U>> {
    (group.iter().zip(pending))
        .map(|(item, pending)| match (item, pending) {
            (Ok(article), Pending::Going(so_far)) => {
                match panic::catch_unwind(AssertUnwindSafe(|| stage(article, so_far))) {
                    Ok(found) => Pending::Going(found),
                    Err(payload) => Pending::Panicked(panic_message(payload.as_ref())),
                }
            }
            (_, Pending::Panicked(why)) => Pending::Panicked(why),
            _ => Pending::Skipped,
        })
        .collect()
}

/// Extracts a group of items, stage by stage (see [`GROUP_ARTICLES`]);
/// the outcomes are those of each item extracted alone, in order.
fn process_group(work: Work, group: Vec<Item>) -> Vec<Outcome> {
    let extractor = work.extractor;
    let default_date = work.options.default_date;
    let start = (group.iter())
        .map(|item| match item {
            Ok(article) if fits(article, work.options) => Pending::Going(()),
            _ => Pending::Skipped,
        })
        .collect();
    let dates = run_stage(&group, start, |a, ()| extractor.dates(a, default_date));
    let matched = run_stage(&group, dates, |a, d| (d, extractor.matches(a)));
    let spans = run_stage(&group, matched, |a, (d, m)| extractor.spans(a, d, m));
    let found = run_stage(&group, spans, |a, spans| extractor.attribute(a, spans));
    let extracted = run_stage(&group, found, |a, found| work.extracted(a, found));
    (group.into_iter().zip(extracted))
        .map(|(item, extracted)| finish(work, item, extracted))
        .collect()
}

/// Whether an article is small enough to extract.
fn fits(article: &Article, options: &RunOptions) -> bool {
    article.text.len().max(article.title.len()) <= options.max_article_bytes
}

/// The outcome of an item that went through its group's stages.
fn finish(work: Work, item: Item, extracted: Pending<Extracted>) -> Outcome {
    let options = work.options;
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
    match extracted {
        Pending::Going(Extracted::Records(extraction)) => Outcome::Done(article, extraction),
        Pending::Going(Extracted::Encoded(encoded)) => Outcome::Encoded(encoded),
        Pending::Panicked(why) => {
            let error = format!("{}: internal error (please report): {why}", article.id);
            Outcome::Failed(document_row(&article, None, &error))
        }
        Pending::Skipped => {
            let longest = article.text.len().max(article.title.len());
            let error = format!(
                "{}: article too large to process ({longest} bytes; the limit is {})",
                article.id, options.max_article_bytes
            );
            Outcome::Failed(document_row(&article, None, &error))
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
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
    let worker_entities: Vec<Mutex<EntityTable>> = (0..pool.current_num_threads())
        .map(|_| Mutex::default())
        .collect();
    // One chunk read ahead, beside the one being cut into groups and the
    // groups in flight (below).
    let (tx, rx) = mpsc::sync_channel::<Vec<Item>>(1);
    let (chunk_articles, chunk_bytes) = (options.chunk_articles.max(1), options.chunk_bytes);
    thread::scope(|scope| {
        let reader = scope.spawn(move || {
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
        let work = Work {
            extractor,
            options,
            encoding: sink.encoding(),
            entities: sink.wants_entities().then_some(&worker_entities[..]),
        };
        // Extraction runs on its own thread, which cuts each chunk into
        // groups and hands each group to the pool as a job of its own, and
        // the job's result, to come, to the writer (in input order). A job
        // waits for no other: a worker that runs out of work takes the next
        // group, whatever chunk it comes from. (When a chunk was one job
        // that split itself among the workers, a worker waiting for its
        // chunk's other half took up the next chunk inside that wait, and
        // held back the first chunk's result until it was done: the writer
        // waited, no more work was handed out, and the other worker slept.)
        // The hand-off holds at most `GROUPS_IN_FLIGHT` results to come.
        let (done_tx, done_rx) =
            mpsc::sync_channel::<mpsc::Receiver<Vec<Outcome>>>(GROUPS_IN_FLIGHT);
        let group_bytes = (chunk_bytes / CHUNK_GROUPS).max(1);
        let pool = &pool;
        let extraction = scope.spawn(move || {
            pool.in_place_scope(|jobs| {
                for chunk in rx {
                    for group in groups(chunk, GROUP_ARTICLES, group_bytes) {
                        let (outcomes_tx, outcomes_rx) = mpsc::sync_channel(1);
                        jobs.spawn(move |_| {
                            // The writer may have stopped: then nobody wants them.
                            let _ = outcomes_tx.send(process_group(work, group));
                        });
                        if done_tx.send(outcomes_rx).is_err() {
                            return;
                        }
                    }
                }
            });
        });
        let mut sink = sink;
        let mut summary = RunSummary::default();
        let mut entities = EntityTable::default();
        let count_entities = sink.wants_entities();
        let mut bytes_done = 0usize;
        for pending in done_rx {
            // A job that died sends nothing: its panic ends the extraction
            // thread, reported below.
            let Ok(outcomes) = pending.recv() else {
                break;
            };
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
                        if count_entities {
                            entities.add_article(&extraction.mentions);
                        }
                        summary.mentions += extraction.mentions.len();
                        summary.quotes += extraction.quotes.len();
                        document_row(&article, Some(&extraction), "")
                    }
                    Outcome::Encoded(encoded) => {
                        bytes_done += encoded.bytes;
                        sink.encoded(encoded.rows.as_ref().map_err(copy_error)?)?;
                        summary.mentions += encoded.mentions;
                        summary.quotes += encoded.quotes;
                        continue;
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
        // The channels also close when the reader or the extraction thread
        // dies: never publish tables that silently miss the rest of the input.
        for (stage, thread) in [("extraction", extraction), ("reading the input", reader)] {
            if let Err(payload) = thread.join() {
                progress.finish_and_clear();
                return Err(io::Error::other(format!(
                    "{stage} failed after {} articles: internal error (please report): {}",
                    summary.articles,
                    panic_message(payload.as_ref())
                )));
            }
        }
        for table in &worker_entities {
            let mut table = table.lock().unwrap_or_else(PoisonError::into_inner);
            entities.merge(std::mem::take(&mut table));
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
        warnings: warnings(article).into_owned(),
    }
}

/// The documents row of an article extracted into `found`, whose text
/// is `chars` characters long, borrowed.
fn found_document_row<'a>(article: &'a Article, found: &Found, chars: usize) -> DocumentRow<'a> {
    DocumentRow {
        doc_id: &article.id,
        title: &article.title,
        date: &article.date_raw,
        source: &article.source,
        chars,
        mentions: found.mentions(),
        quotes: found.quotes.len(),
        status: "ok",
        error: "",
        unattributed_quotes: found.unattributed_quotes(),
        warnings: warnings(article),
    }
}

/// The article's warnings, as its documents row gives them.
fn warnings(article: &Article) -> Cow<'_, str> {
    match article.warnings.as_slice() {
        [] => Cow::Borrowed(""),
        [one] => Cow::Borrowed(one),
        many => Cow::Owned(many.join("; ")),
    }
}

/// An error a worker met, for the writing thread to return.
fn copy_error(e: &io::Error) -> io::Error {
    io::Error::new(e.kind(), e.to_string())
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

#[cfg(test)]
mod tests {
    use std::sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    };

    use super::*;
    use crate::{
        record::{Entity, Mention, Quote},
        sink::{CellPolicy, Format, TableSink},
        Article, BadArticle,
    };

    /// Records the documents rows that reach it, and whether the tables
    /// were published.
    #[derive(Default, Clone)]
    struct Probe {
        documents: Arc<Mutex<Vec<String>>>,
        finished: Arc<AtomicBool>,
    }

    impl Sink for Probe {
        fn mention(&mut self, _: &Mention) -> io::Result<()> {
            Ok(())
        }
        fn quote(&mut self, _: &Quote) -> io::Result<()> {
            Ok(())
        }
        fn document(&mut self, row: &Document) -> io::Result<()> {
            self.documents.lock().unwrap().push(row.doc_id.clone());
            Ok(())
        }
        fn finish(self: Box<Self>, _: &[Entity]) -> io::Result<()> {
            self.finished.store(true, Ordering::SeqCst);
            Ok(())
        }
    }

    fn extractor() -> Extractor {
        Extractor::builder()
            .default_dictionaries(false)
            .build()
            .unwrap()
    }

    #[test]
    fn an_article_past_the_size_limit_is_an_error_row() {
        let probe = Probe::default();
        let items = ["short", "far too long", "ok"]
            .map(|t| Ok(Article::new(t.replace(' ', "-"), t)))
            .into_iter();
        let options = RunOptions {
            max_article_bytes: 5,
            ..RunOptions::default()
        };
        let summary = run(&extractor(), items, Box::new(probe.clone()), &options).unwrap();
        assert_eq!(summary.articles, 3);
        assert_eq!(summary.failed, 1);
        assert_eq!(
            *probe.documents.lock().unwrap(),
            ["short", "far-too-long", "ok"]
        );
    }

    #[test]
    fn a_reader_that_dies_publishes_nothing() {
        let probe = Probe::default();
        let items = (0..5).map(|i| {
            assert!(i < 3, "reader broke");
            Ok(Article::new(format!("a{i}"), "text"))
        });
        let options = RunOptions {
            chunk_articles: 1,
            ..RunOptions::default()
        };
        let err = run(&extractor(), items, Box::new(probe.clone()), &options).unwrap_err();
        assert!(err.to_string().contains("reader broke"), "{err}");
        assert!(!probe.finished.load(Ordering::SeqCst));
    }

    #[test]
    fn every_item_is_one_documents_row_in_order() {
        let items: Vec<Item> = (0..50)
            .map(|i| {
                if i % 7 == 3 {
                    Err(BadArticle {
                        id: format!("b{i}"),
                        error: "bad".into(),
                    })
                } else {
                    Ok(Article::new(format!("a{i}"), "x ".repeat(i * 1000)))
                }
            })
            .collect();
        let want: Vec<String> = items
            .iter()
            .map(|i| match i {
                Ok(a) => a.id.clone(),
                Err(b) => b.id.clone(),
            })
            .collect();
        for threads in [1, 3] {
            let options = RunOptions {
                threads,
                chunk_articles: 4,
                ..RunOptions::default()
            };
            let probe = Probe::default();
            let summary = run(
                &extractor(),
                items.clone().into_iter(),
                Box::new(probe.clone()),
                &options,
            )
            .unwrap();
            assert_eq!(summary.articles, want.len());
            assert_eq!(summary.failed, 7);
            assert_eq!(*probe.documents.lock().unwrap(), want);
            assert!(probe.finished.load(Ordering::SeqCst));
        }
    }

    /// Groups keep their items' order, close at the article limit or as
    /// soon as their text reaches the byte limit, and hold one item at least.
    #[test]
    fn chunks_are_cut_into_groups_by_articles_and_bytes() {
        let sizes = [10, 10, 10, 50, 0, 200, 5, 5, 5, 5, 5, 5, 5];
        let chunk: Vec<Item> = (sizes.iter().enumerate())
            .map(|(i, &n)| Ok(Article::new(format!("a{i}"), "x".repeat(n))))
            .collect();
        let ids = |groups: &[Vec<Item>]| -> Vec<Vec<String>> {
            (groups.iter())
                .map(|g| g.iter().map(|i| i.as_ref().unwrap().id.clone()).collect())
                .collect()
        };
        let groups = groups(chunk, 4, 30);
        assert_eq!(
            ids(&groups),
            [
                vec!["a0", "a1", "a2"],
                vec!["a3"],
                vec!["a4", "a5"],
                vec!["a6", "a7", "a8", "a9"],
                vec!["a10", "a11", "a12"],
            ]
        );
    }

    /// Records the mentions and quotes that reach it.
    #[derive(Default, Clone)]
    struct Rows {
        mentions: Arc<Mutex<Vec<Mention>>>,
        quotes: Arc<Mutex<Vec<Quote>>>,
    }

    impl Sink for Rows {
        fn mention(&mut self, row: &Mention) -> io::Result<()> {
            self.mentions.lock().unwrap().push(row.clone());
            Ok(())
        }
        fn quote(&mut self, row: &Quote) -> io::Result<()> {
            self.quotes.lock().unwrap().push(row.clone());
            Ok(())
        }
        fn document(&mut self, _: &Document) -> io::Result<()> {
            Ok(())
        }
        fn finish(self: Box<Self>, _: &[Entity]) -> io::Result<()> {
            Ok(())
        }
    }

    /// Articles taken in groups, their dates found first for the whole
    /// group (with bad and oversized items among them, and more articles
    /// than a group), give the rows each article gives extracted alone.
    #[test]
    fn grouped_articles_give_the_rows_of_each_alone() {
        let extractor = Extractor::builder().build().unwrap();
        let default_date = NaiveDate::from_ymd_opt(2024, 1, 1);
        let items: Vec<Item> = (0..GROUP_ARTICLES * 2 + 9)
            .map(|i| match i % 23 {
                5 => Err(BadArticle {
                    id: format!("b{i}"),
                    error: "bad".into(),
                }),
                11 => Ok(Article::new(format!("big{i}"), "word ".repeat(400))),
                _ => {
                    let mut a = Article::new(
                        format!("a{i}"),
                        format!(
                            "On Monday, spokesperson Anar Eyvazov said in Baku that {i} \
                             ships left on {} May 2023. \"We expect more by the fall of \
                             2024,\" Eyvazov said, {} days later.",
                            1 + i % 28,
                            i % 60
                        ),
                    );
                    a.title = format!("SOCAR ships leave Baku on day {i}, Tuesday");
                    if i % 3 == 0 {
                        a.date = NaiveDate::from_ymd_opt(2023, 9, 1 + (i % 28) as u32);
                    }
                    Ok(a)
                }
            })
            .collect();
        let (mut want_mentions, mut want_quotes) = (Vec::new(), Vec::new());
        for a in items.iter().flatten().filter(|a| a.text.len() <= 1000) {
            let alone = extractor.extract(a, default_date);
            want_mentions.extend(alone.mentions);
            want_quotes.extend(alone.quotes);
        }
        assert!(want_mentions.iter().any(|m| m.label == "DATE"));
        assert!(!want_quotes.is_empty());
        for threads in [1, 2] {
            let options = RunOptions {
                threads,
                default_date,
                max_article_bytes: 1000,
                ..RunOptions::default()
            };
            let rows = Rows::default();
            let summary = run(
                &extractor,
                items.clone().into_iter(),
                Box::new(rows.clone()),
                &options,
            )
            .unwrap();
            assert_eq!(summary.articles, items.len());
            assert_eq!(summary.failed, 12);
            assert_eq!(*rows.mentions.lock().unwrap(), want_mentions);
            assert_eq!(*rows.quotes.lock().unwrap(), want_quotes);
        }
    }

    /// A stage that panics on one article stops that article with the
    /// panic's message; the others, and the later stages, go on, and a
    /// skipped item stays skipped.
    #[test]
    fn a_panicking_stage_stops_only_its_article() {
        let items: Vec<Item> = vec![
            Ok(Article::new("a0", "one")),
            Err(BadArticle {
                id: "b1".into(),
                error: "bad".into(),
            }),
            Ok(Article::new("a2", "two")),
            Ok(Article::new("a3", "three")),
        ];
        let start = (items.iter())
            .map(|i| match i {
                Ok(_) => Pending::Going(()),
                Err(_) => Pending::Skipped,
            })
            .collect();
        let lengths = run_stage(&items, start, |a, ()| {
            assert_ne!(a.id, "a2", "no stage for {}", a.id);
            a.text.len()
        });
        let later = run_stage(&items, lengths, |a, n| format!("{}:{n}", a.id));
        let got: Vec<String> = (later.into_iter())
            .map(|p| match p {
                Pending::Going(s) => s,
                Pending::Panicked(why) => format!("panicked: {why}"),
                Pending::Skipped => "skipped".into(),
            })
            .collect();
        assert_eq!(got[0], "a0:3");
        assert_eq!(got[1], "skipped");
        assert!(got[2].starts_with("panicked: ") && got[2].contains("no stage for a2"));
        assert_eq!(got[3], "a3:5");
    }

    #[test]
    fn chunks_that_finish_out_of_order_are_written_in_order() {
        // The long articles come first: with a chunk per article, later
        // chunks finish before earlier ones on a second worker.
        let items: Vec<Item> = (0..12)
            .map(|i| {
                let words = if i % 4 == 0 { 2_000 } else { 10 };
                Ok(Article::new(format!("a{i}"), "Baku said. ".repeat(words)))
            })
            .collect();
        let options = RunOptions {
            threads: 2,
            chunk_articles: 1,
            ..RunOptions::default()
        };
        let probe = Probe::default();
        let summary = run(
            &extractor(),
            items.into_iter(),
            Box::new(probe.clone()),
            &options,
        );
        assert_eq!(summary.unwrap().articles, 12);
        let want: Vec<String> = (0..12).map(|i| format!("a{i}")).collect();
        assert_eq!(*probe.documents.lock().unwrap(), want);
    }

    /// A sink that takes rows one by one and hands them to a [`TableSink`]:
    /// the path every sink without an encoding takes.
    struct OneByOne(TableSink);

    impl Sink for OneByOne {
        fn mention(&mut self, row: &Mention) -> io::Result<()> {
            self.0.mention(row)
        }
        fn quote(&mut self, row: &Quote) -> io::Result<()> {
            self.0.quote(row)
        }
        fn document(&mut self, row: &Document) -> io::Result<()> {
            self.0.document(row)
        }
        fn finish(self: Box<Self>, entities: &[Entity]) -> io::Result<()> {
            Box::new(self.0).finish(entities)
        }
    }

    /// Articles with a title, quotes with one flag and with several,
    /// non-ASCII text, cells that need quoting and a warning.
    fn varied_articles() -> Vec<Item> {
        let mut items = Vec::new();
        let texts = [
            "President Ilham Aliyev met officials in Baku on Monday, May 5, 2024. \"We will, of course, continue,\" Aliyev said.",
            "“Şuşa is ours,” said a voice. Officials said the talks in Yerevan would resume, according to Daily Sabah.",
            "\"No comment\" \"maybe\" \"later\", Reuters reported last week from Tbilisi, Georgia.",
            "",
        ];
        for (i, text) in texts.iter().enumerate() {
            let mut a = Article::new(format!("a{i},\"x\""), *text);
            a.title = format!("Azerbaijan and Armenia, day {i}");
            a.set_date(if i == 1 { "last Tuesday" } else { "2024-05-06" });
            items.push(Ok(a));
        }
        items.push(Err(BadArticle {
            id: "bad".into(),
            error: "bad, \"really\"".into(),
        }));
        items
    }

    fn tables(dir: &std::path::Path, format: Format) -> Vec<Vec<u8>> {
        ["mentions", "quotes", "documents", "entities"]
            .iter()
            .map(|t| std::fs::read(dir.join(format.file_name(t))).unwrap())
            .collect()
    }

    #[test]
    fn encoded_rows_are_the_bytes_of_rows_one_by_one() {
        let extractor = Extractor::builder().build().unwrap();
        for (format, excel_safe) in [
            (Format::Csv, false),
            (Format::Csv, true),
            (Format::Jsonl, false),
        ] {
            let cells = CellPolicy { excel_safe };
            let (encoded, one_by_one) =
                (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
            let options = RunOptions {
                threads: 2,
                ..RunOptions::default()
            };
            let sink = TableSink::create(encoded.path(), format, cells).unwrap();
            assert!(sink.encoding().is_some());
            let items = varied_articles().into_iter();
            let a = run(&extractor, items, Box::new(sink), &options).unwrap();
            let sink = OneByOne(TableSink::create(one_by_one.path(), format, cells).unwrap());
            let items = varied_articles().into_iter();
            let b = run(&extractor, items, Box::new(sink), &options).unwrap();
            assert_eq!(a, b);
            assert!(a.mentions > 10 && a.quotes > 3, "{a:?}");
            assert_eq!(
                tables(encoded.path(), format),
                tables(one_by_one.path(), format)
            );
        }
    }
}

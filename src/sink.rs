//! Where records go: the four tables as CSV or JSON lines, behind one
//! trait. Tables are written under temporary names (`.NAME.partial`) and
//! renamed into place by [`Sink::finish`], `documents` last, so an
//! interrupted run never leaves a half table posing as complete: a table
//! that exists is whole, and `documents` existing means the run finished.
//! Tables of the same names left by an earlier run are removed when a run
//! starts, so none of them can pass for this run's output. A run that fails
//! removes its temporary files.
//!
//! A table is synced to disk before it is renamed into place, and the
//! directory after the renames, so that they last too. So that the
//! run does not wait for all its output to be written at the end, the
//! tables are synced from a thread of their own as they grow
//! (`WriteBehind`), and the last syncs of the four run at once.

use std::{
    fs::{self, File},
    io::{self, BufWriter, Write},
    path::{Path, PathBuf},
    sync::mpsc,
    thread,
};

use serde::Serialize;

use crate::{
    cells::{CsvCells, IdCell, Row},
    record::{Document, Entity, Mention, MentionRow, Quote, QuoteRow},
};

/// Receives records in output order, from one thread.
pub trait Sink {
    /// One mention.
    fn mention(&mut self, row: &Mention) -> io::Result<()>;
    /// One quote.
    fn quote(&mut self, row: &Quote) -> io::Result<()>;
    /// One article's documents row.
    fn document(&mut self, row: &Document) -> io::Result<()>;
    /// The batch's entity table, then flush and publish everything.
    fn finish(self: Box<Self>, entities: &[Entity]) -> io::Result<()>;
    /// Whether [`Sink::finish`] uses the entity table; when not, the runner
    /// never builds it (a long-running stream would only grow it).
    fn wants_entities(&self) -> bool {
        true
    }
    /// How this sink's tables encode rows, when it takes rows encoded ahead
    /// of time by [`Sink::encoded`] (the extraction workers then encode
    /// them, and the writing thread only copies bytes). `None` (the
    /// default): rows come one by one.
    fn encoding(&self) -> Option<Encoding> {
        None
    }
    /// One article's rows, encoded with [`Sink::encoding`], in output order.
    fn encoded(&mut self, rows: &EncodedRows) -> io::Result<()> {
        let _ = rows;
        Err(io::Error::other("this sink takes no encoded rows"))
    }
}

/// Output format of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// RFC 4180 CSV with a header row.
    #[default]
    Csv,
    /// One JSON object per line.
    Jsonl,
}

impl Format {
    /// The file extension of its tables (`csv`, `jsonl`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }

    /// The file name of table `name` (`mentions` -> `mentions.csv`).
    pub fn file_name(self, name: &str) -> String {
        format!("{name}.{}", self.extension())
    }
}

/// How output cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CellPolicy {
    /// In CSV tables, prefix every text cell that starts with `=`, `+`,
    /// `-`, `@`, tab or carriage return with `'`, so spreadsheets do not run
    /// it as a formula. Off by default: it changes text that offsets index.
    /// JSON lines are never changed (no spreadsheet opens them).
    pub excel_safe: bool,
}

/// How the rows of a table become bytes. Plain data: a worker thread can
/// encode rows with it ahead of the writing thread (see [`Sink::encoding`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// CSV, cells exactly as found.
    Csv,
    /// CSV, text cells through [`excel_safe`].
    ExcelSafeCsv,
    /// One JSON object per line.
    Jsonl,
}

impl Encoding {
    /// The encoding of `format` under `cells`.
    pub fn new(format: Format, cells: CellPolicy) -> Encoding {
        match format {
            Format::Csv if cells.excel_safe => Encoding::ExcelSafeCsv,
            Format::Csv => Encoding::Csv,
            Format::Jsonl => Encoding::Jsonl,
        }
    }

    /// Appends `record`, a row of the table whose columns are `header`, to `out`.
    pub fn encode<T: Serialize + CsvCells>(
        self,
        header: &[&str],
        record: &T,
        out: &mut Row,
    ) -> io::Result<()> {
        match self {
            Encoding::Csv => {
                out.append(record);
                Ok(())
            }
            Encoding::ExcelSafeCsv => out.append_cells(excel_safe_cells(header, record)?),
            Encoding::Jsonl => {
                let bytes = out.bytes_mut();
                serde_json::to_writer(&mut *bytes, record)?;
                bytes.push(b'\n');
                Ok(())
            }
        }
    }

    /// Appends a `mentions` row of the article whose id cell is `id`
    /// (CSV rows in one pass, [`Row::append_mention`]).
    pub fn mention(self, id: &IdCell, row: &MentionRow, out: &mut Row) -> io::Result<()> {
        match self {
            Encoding::Csv => {
                out.append_mention(id, row);
                Ok(())
            }
            _ => self.encode(columns::MENTIONS, row, out),
        }
    }

    /// Appends a `quotes` row of the article whose id cell is `id` (CSV
    /// rows in one pass, [`Row::append_quote`]).
    pub fn quote(self, id: &IdCell, row: &QuoteRow, out: &mut Row) -> io::Result<()> {
        match self {
            Encoding::Csv => {
                out.append_quote(id, row);
                Ok(())
            }
            _ => self.encode(columns::QUOTES, row, out),
        }
    }
}

/// One article's rows, encoded ahead of the writing thread.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EncodedRows {
    /// Its `mentions` rows, then its `quotes` rows, then its `documents`
    /// row, in one buffer.
    bytes: Vec<u8>,
    /// Where the `quotes` rows start.
    quotes: usize,
    /// Where the `documents` row starts.
    document: usize,
}

impl EncodedRows {
    /// The rows in `bytes`: `mentions` rows up to `quotes`, `quotes` rows up
    /// to `document`, the `documents` row after it.
    ///
    /// # Panics
    /// When the parts are out of order or past the end of `bytes`.
    pub fn new(bytes: Vec<u8>, quotes: usize, document: usize) -> EncodedRows {
        assert!(
            quotes <= document && document <= bytes.len(),
            "encoded rows split at {quotes} and {document} of {} bytes",
            bytes.len()
        );
        EncodedRows {
            bytes,
            quotes,
            document,
        }
    }

    /// The `mentions` rows.
    pub fn mentions(&self) -> &[u8] {
        &self.bytes[..self.quotes]
    }

    /// The `quotes` rows.
    pub fn quotes(&self) -> &[u8] {
        &self.bytes[self.quotes..self.document]
    }

    /// The `documents` row.
    pub fn document(&self) -> &[u8] {
        &self.bytes[self.document..]
    }
}

/// One table file, written under a temporary name.
struct Table {
    tmp: PathBuf,
    dest: PathBuf,
    /// `None` once published (or taken apart).
    writer: Option<Box<TableWriter>>,
    header: &'static [&'static str],
    encoding: Encoding,
}

struct TableWriter {
    out: BufWriter<File>,
    /// Scratch for one row.
    row: Row,
}

impl Table {
    fn create(
        dir: &Path,
        name: &str,
        format: Format,
        header: &'static [&'static str],
        cells: CellPolicy,
    ) -> io::Result<Table> {
        let file_name = format.file_name(name);
        let dest = dir.join(&file_name);
        match fs::remove_file(&dest) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let tmp = dir.join(format!(".{file_name}.partial"));
        let file = File::create(&tmp)?;
        let mut out = BufWriter::with_capacity(1 << 15, file);
        let mut row = Row::default();
        if format == Format::Csv {
            row.write_cells(header, &mut out)?;
        }
        Ok(Table {
            tmp,
            dest,
            writer: Some(Box::new(TableWriter { out, row })),
            header,
            encoding: Encoding::new(format, cells),
        })
    }

    fn writer(&mut self) -> &mut TableWriter {
        self.writer.as_mut().expect("table written after finish")
    }

    /// Writes one record: the bytes written.
    fn write<T: Serialize + CsvCells>(&mut self, record: &T) -> io::Result<usize> {
        let (header, encoding) = (self.header, self.encoding);
        let TableWriter { out, row } = self.writer();
        row.clear();
        encoding.encode(header, record, row)?;
        out.write_all(row.bytes())?;
        Ok(row.bytes().len())
    }

    /// Writes rows encoded with this table's encoding.
    fn write_encoded(&mut self, rows: &[u8]) -> io::Result<()> {
        self.writer().out.write_all(rows)
    }

    /// Another handle on the table's file, to sync it from another thread.
    fn file(&mut self) -> io::Result<File> {
        self.writer().out.get_ref().try_clone()
    }

    /// Writes out what is buffered and syncs the file to disk.
    fn sync(&mut self) -> io::Result<()> {
        let out = &mut self.writer().out;
        out.flush()?;
        out.get_ref().sync_all()
    }

    /// Closes the table, synced by [`Table::sync`], and renames it into place.
    fn publish(mut self) -> io::Result<()> {
        drop(self.writer.take().expect("table published twice"));
        fs::rename(&self.tmp, &self.dest)
    }
}

/// Syncs `tables` to disk at once, each from a thread of its own: the run
/// waits for the slowest, not for the sum. Keeps the first error.
fn sync_all_at_once(tables: &mut [Table]) -> io::Result<()> {
    let (mut result, no_thread) = thread::scope(|scope| {
        let spawned: Vec<_> = (tables.iter_mut().enumerate())
            .map(|(i, t)| {
                (
                    i,
                    thread::Builder::new().spawn_scoped(scope, move || t.sync()),
                )
            })
            .collect();
        let mut result = Ok(());
        let mut no_thread = Vec::new();
        for (i, thread) in spawned {
            match thread {
                Ok(thread) => {
                    let synced =
                        (thread.join()).unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    result = result.and(synced);
                }
                Err(_) => no_thread.push(i),
            }
        }
        (result, no_thread)
    });
    // No thread to be had: those tables are synced here, in turn.
    for i in no_thread {
        result = result.and(tables[i].sync());
    }
    result
}

/// Syncs the tables' files to disk from a thread of its own while the run
/// goes on, each time [`WRITE_BEHIND_BYTES`] more have been written, so
/// that little is left to write when the tables are synced at the end (a
/// run over a whole corpus waited there for a tenth of its time). The
/// first error of these syncs is kept and reported by
/// [`WriteBehind::stop`]: a sync that failed need not fail again.
struct WriteBehind {
    /// Wakes the thread; holds one request at most. `None` once stopped,
    /// or when no thread could be started.
    wake: Option<mpsc::SyncSender<()>>,
    thread: Option<thread::JoinHandle<io::Result<()>>>,
    /// Bytes written since the last request.
    unsynced: usize,
    /// Bytes written between requests.
    every: usize,
}

/// Bytes written between two syncs of [`WriteBehind`]. Each sync on a
/// virtual disk can hold up the writes of the tables behind it; at 32 MB
/// rather than 4, the benchmark's runs (117 MB of tables) took 3% less
/// time at `--threads 1` and 5% less at 2 (four interleaved pairs each),
/// the final syncs included.
const WRITE_BEHIND_BYTES: usize = 32 << 20;

impl WriteBehind {
    /// Starts the thread that syncs `files` every `every` bytes written.
    fn start(files: Vec<File>, every: usize) -> WriteBehind {
        let (wake, requests) = mpsc::sync_channel::<()>(1);
        let thread = thread::Builder::new()
            .name("newsner-sync".into())
            .spawn(move || {
                for () in requests {
                    for file in &files {
                        file.sync_data()?;
                    }
                }
                Ok(())
            })
            .ok();
        WriteBehind {
            wake: thread.is_some().then_some(wake),
            thread,
            unsynced: 0,
            every,
        }
    }

    /// Counts `bytes` written; asks for a sync when enough have been.
    fn wrote(&mut self, bytes: usize) {
        self.unsynced += bytes;
        if self.unsynced >= self.every {
            self.unsynced = 0;
            if let Some(wake) = &self.wake {
                // A sync already asked for will cover these bytes too; a
                // thread that stopped on an error is told at the end.
                let _ = wake.try_send(());
            }
        }
    }

    /// Stops the thread once its sync under way is done: the first error
    /// of its syncs.
    fn stop(&mut self) -> io::Result<()> {
        self.wake = None;
        match self.thread.take() {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the sync thread panicked"))),
            None => Ok(()),
        }
    }
}

impl Drop for WriteBehind {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

impl Drop for Table {
    /// A table dropped before [`Table::publish`] (the run failed) leaves no
    /// temporary file behind.
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// A row's cells in `header` order, every text cell through [`excel_safe`].
///
/// Goes through the row's serde form, so any text column added to a record
/// later is covered without a list to keep in step.
fn excel_safe_cells<T: Serialize>(header: &[&str], row: &T) -> io::Result<Vec<String>> {
    let value = serde_json::to_value(row)?;
    header
        .iter()
        .map(|&column| match value.get(column) {
            Some(serde_json::Value::String(s)) => Ok(excel_safe(s).into_owned()),
            Some(serde_json::Value::Null) => Ok(String::new()),
            Some(serde_json::Value::Number(n)) => Ok(n.to_string()),
            Some(serde_json::Value::Bool(b)) => Ok(b.to_string()),
            other => Err(io::Error::other(format!(
                "column `{column}`: cannot write {other:?} as a cell"
            ))),
        })
        .collect()
}

/// Column names, in order, of each table (the CSV header rows).
pub mod columns {
    /// `mentions.csv`.
    pub const MENTIONS: &[&str] = &[
        "doc_id",
        "field",
        "label",
        "text",
        "start",
        "end",
        "byte_start",
        "byte_end",
        "canonical",
        "entity_id",
        "value",
        "timex_type",
        "method",
    ];
    /// `quotes.csv`.
    pub const QUOTES: &[&str] = &[
        "doc_id",
        "quote",
        "start",
        "end",
        "speaker",
        "speaker_entity_id",
        "speaker_start",
        "speaker_end",
        "cue",
        "kind",
        "flags",
    ];
    /// `documents.csv`.
    pub const DOCUMENTS: &[&str] = &[
        "doc_id",
        "title",
        "date",
        "source",
        "chars",
        "mentions",
        "quotes",
        "status",
        "error",
        "unattributed_quotes",
        "warnings",
    ];
    /// `entities.csv`.
    pub const ENTITIES: &[&str] = &["entity_id", "label", "canonical", "documents", "mentions"];
}

/// Writes `mentions`, `quotes`, `documents` and `entities` tables into a directory.
pub struct TableSink {
    /// First, so that it is dropped first: a failed run stops the sync
    /// thread before the tables remove their temporary files.
    write_behind: WriteBehind,
    mentions: Table,
    quotes: Table,
    documents: Table,
    entities: Table,
}

impl TableSink {
    /// Creates the directory if needed and opens the four tables.
    pub fn create(dir: &Path, format: Format, cells: CellPolicy) -> io::Result<TableSink> {
        TableSink::with_write_behind(dir, format, cells, WRITE_BEHIND_BYTES)
    }

    /// [`TableSink::create`], the tables synced every `every` bytes
    /// written (see [`WriteBehind`]).
    fn with_write_behind(
        dir: &Path,
        format: Format,
        cells: CellPolicy,
        every: usize,
    ) -> io::Result<TableSink> {
        fs::create_dir_all(dir)?;
        let mut mentions = Table::create(dir, "mentions", format, columns::MENTIONS, cells)?;
        let mut quotes = Table::create(dir, "quotes", format, columns::QUOTES, cells)?;
        let mut documents = Table::create(dir, "documents", format, columns::DOCUMENTS, cells)?;
        let entities = Table::create(dir, "entities", format, columns::ENTITIES, cells)?;
        // The entity table is written at the end only.
        let files = vec![mentions.file()?, quotes.file()?, documents.file()?];
        Ok(TableSink {
            mentions,
            quotes,
            documents,
            entities,
            write_behind: WriteBehind::start(files, every),
        })
    }
}

/// Neutralizes a cell that a spreadsheet would run as a formula.
pub fn excel_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

impl Sink for TableSink {
    fn mention(&mut self, row: &Mention) -> io::Result<()> {
        let bytes = self.mentions.write(row)?;
        self.write_behind.wrote(bytes);
        Ok(())
    }

    fn quote(&mut self, row: &Quote) -> io::Result<()> {
        let bytes = self.quotes.write(row)?;
        self.write_behind.wrote(bytes);
        Ok(())
    }

    fn document(&mut self, row: &Document) -> io::Result<()> {
        let bytes = self.documents.write(row)?;
        self.write_behind.wrote(bytes);
        Ok(())
    }

    fn encoding(&self) -> Option<Encoding> {
        Some(self.mentions.encoding)
    }

    fn encoded(&mut self, rows: &EncodedRows) -> io::Result<()> {
        self.mentions.write_encoded(rows.mentions())?;
        self.quotes.write_encoded(rows.quotes())?;
        self.documents.write_encoded(rows.document())?;
        self.write_behind.wrote(rows.bytes.len());
        Ok(())
    }

    fn finish(mut self: Box<Self>, entities: &[Entity]) -> io::Result<()> {
        for row in entities {
            self.entities.write(row)?;
        }
        self.write_behind.stop()?;
        let TableSink {
            mentions,
            quotes,
            documents,
            entities,
            write_behind: _,
        } = *self;
        // All synced first, then renamed into place, `documents` last: its
        // presence says every table is complete.
        let dir = documents.dest.parent().map(Path::to_path_buf);
        let mut tables = [mentions, quotes, entities, documents];
        sync_all_at_once(&mut tables)?;
        for table in tables {
            table.publish()?;
        }
        match dir {
            Some(dir) => sync_dir(&dir),
            None => Ok(()),
        }
    }
}

/// Syncs a directory's entries to disk, so that renames into it last
/// (Unix only: elsewhere a directory cannot be opened as a file). An
/// empty path is the current directory.
fn sync_dir(dir: &Path) -> io::Result<()> {
    if cfg!(unix) {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        File::open(dir)?.sync_all()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_safe_prefixes_formula_starts_only() {
        assert_eq!(excel_safe("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(excel_safe("-5"), "'-5");
        assert_eq!(excel_safe("Baku"), "Baku");
    }

    #[test]
    fn encoded_rows_are_three_parts_of_one_buffer() {
        let rows = EncodedRows::new(b"m1\nm2\nq\nd\n".to_vec(), 6, 8);
        assert_eq!(rows.mentions(), b"m1\nm2\n");
        assert_eq!(rows.quotes(), b"q\n");
        assert_eq!(rows.document(), b"d\n");
        let empty = EncodedRows::new(b"d\n".to_vec(), 0, 0);
        assert_eq!((empty.mentions(), empty.quotes()), (&b""[..], &b""[..]));
        let dir = tempfile::tempdir().unwrap();
        let mut sink = TableSink::create(dir.path(), Format::Csv, CellPolicy::default()).unwrap();
        sink.encoded(&rows).unwrap();
        Box::new(sink).finish(&[]).unwrap();
        let table = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(table("mentions.csv").ends_with(",method\nm1\nm2\n"));
        assert!(table("quotes.csv").ends_with(",flags\nq\n"));
        assert!(table("documents.csv").ends_with(",warnings\nd\n"));
    }

    #[cfg(unix)]
    #[test]
    fn a_directory_is_synced_or_its_error_reported() {
        let dir = tempfile::tempdir().unwrap();
        sync_dir(dir.path()).unwrap();
        sync_dir(Path::new("")).unwrap();
        assert!(sync_dir(&dir.path().join("missing")).is_err());
    }

    /// A sync that fails on the sync thread is reported when it stops
    /// (`fdatasync` on `/dev/null` fails with EINVAL on Linux).
    #[cfg(target_os = "linux")]
    #[test]
    fn a_failed_background_sync_is_reported_at_the_end() {
        let null = File::options().write(true).open("/dev/null").unwrap();
        let mut behind = WriteBehind::start(vec![null], 1);
        behind.wrote(1);
        assert!(behind.stop().is_err());
    }

    #[test]
    fn tables_synced_as_they_grow_hold_every_row_in_order() {
        let dir = tempfile::tempdir().unwrap();
        // A sync asked for after every article.
        let mut sink =
            TableSink::with_write_behind(dir.path(), Format::Csv, CellPolicy::default(), 1)
                .unwrap();
        let mut want = String::new();
        for i in 0..200 {
            let mention = format!("m{i}\n");
            let bytes = format!("{mention}q{i}\nd{i}\n").into_bytes();
            sink.encoded(&EncodedRows::new(
                bytes,
                mention.len(),
                mention.len() + 2 + i.to_string().len(),
            ))
            .unwrap();
            want.push_str(&mention);
        }
        assert!(sink.write_behind.thread.is_some(), "the sync thread runs");
        Box::new(sink).finish(&[]).unwrap();
        let mentions = fs::read_to_string(dir.path().join("mentions.csv")).unwrap();
        assert_eq!(mentions, format!("{}\n{want}", columns::MENTIONS.join(",")));
        let documents = fs::read_to_string(dir.path().join("documents.csv")).unwrap();
        assert!(documents.ends_with("d198\nd199\n"), "{documents}");
        let left: Vec<_> = (fs::read_dir(dir.path()).unwrap())
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.ends_with(".partial"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    #[should_panic(expected = "split at")]
    fn encoded_rows_split_past_their_end_are_refused() {
        EncodedRows::new(b"m\n".to_vec(), 1, 3);
    }

    #[test]
    fn tables_appear_only_after_finish() {
        let dir = tempfile::tempdir().unwrap();
        let sink = TableSink::create(dir.path(), Format::Csv, CellPolicy::default()).unwrap();
        assert!(!dir.path().join("mentions.csv").exists());
        Box::new(sink).finish(&[]).unwrap();
        let header = fs::read_to_string(dir.path().join("mentions.csv")).unwrap();
        assert_eq!(header.trim_end(), columns::MENTIONS.join(","));
        assert!(!dir.path().join(".mentions.csv.partial").exists());
    }

    fn hostile_rows() -> (Mention, Quote, Document, Entity) {
        let x = || "=HYPERLINK(\"http://x\")".to_string();
        (
            Mention {
                doc_id: x(),
                field: x(),
                label: x(),
                text: x(),
                start: 1,
                end: 2,
                byte_start: 1,
                byte_end: 2,
                canonical: x(),
                entity_id: x(),
                value: x(),
                timex_type: x(),
                method: x(),
            },
            Quote {
                doc_id: x(),
                quote: x(),
                start: 1,
                end: 2,
                speaker: x(),
                speaker_entity_id: x(),
                speaker_start: None,
                speaker_end: Some(3),
                cue: x(),
                kind: x(),
                flags: x(),
            },
            Document {
                doc_id: x(),
                title: x(),
                date: x(),
                source: x(),
                chars: 1,
                mentions: 2,
                quotes: 3,
                status: x(),
                error: x(),
                unattributed_quotes: 4,
                warnings: x(),
            },
            Entity {
                entity_id: x(),
                label: x(),
                canonical: x(),
                documents: 1,
                mentions: 2,
            },
        )
    }

    fn write_all(dir: &Path, format: Format, excel_safe: bool) {
        let (m, q, d, e) = hostile_rows();
        let mut sink = TableSink::create(dir, format, CellPolicy { excel_safe }).unwrap();
        sink.mention(&m).unwrap();
        sink.quote(&q).unwrap();
        sink.document(&d).unwrap();
        Box::new(sink).finish(&[e]).unwrap();
    }

    #[test]
    fn excel_safe_covers_every_text_cell_of_every_table() {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), Format::Csv, true);
        for (table, columns) in [
            ("mentions", columns::MENTIONS),
            ("quotes", columns::QUOTES),
            ("documents", columns::DOCUMENTS),
            ("entities", columns::ENTITIES),
        ] {
            let mut r = csv::Reader::from_path(dir.path().join(format!("{table}.csv"))).unwrap();
            assert_eq!(r.headers().unwrap(), *columns);
            let row = r.records().next().unwrap().unwrap();
            assert_eq!(row.len(), columns.len());
            for (column, cell) in columns.iter().zip(row.iter()) {
                assert!(!cell.starts_with('='), "{table}.{column} = {cell}");
            }
            assert!(row.iter().any(|c| c == "'=HYPERLINK(\"http://x\")"));
        }
    }

    #[test]
    fn without_excel_safe_cells_are_exact() {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), Format::Csv, false);
        let text = fs::read_to_string(dir.path().join("mentions.csv")).unwrap();
        assert!(!text.contains('\''), "{text}");
    }

    #[test]
    fn excel_safe_leaves_jsonl_exact() {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), Format::Jsonl, true);
        let line = fs::read_to_string(dir.path().join("documents.jsonl")).unwrap();
        let back: Document = serde_json::from_str(line.trim()).unwrap();
        assert_eq!(back, hostile_rows().2);
    }

    #[test]
    fn the_header_is_the_records_serde_fields() {
        let (m, q, d, e) = hostile_rows();
        fn keys<T: Serialize>(row: &T) -> Vec<String> {
            match serde_json::to_value(row).unwrap() {
                serde_json::Value::Object(map) => {
                    let mut k: Vec<String> = map.keys().cloned().collect();
                    k.sort();
                    k
                }
                _ => unreachable!(),
            }
        }
        fn sorted(cols: &[&str]) -> Vec<String> {
            let mut c: Vec<String> = cols.iter().map(|c| c.to_string()).collect();
            c.sort();
            c
        }
        assert_eq!(keys(&m), sorted(columns::MENTIONS));
        assert_eq!(keys(&q), sorted(columns::QUOTES));
        assert_eq!(keys(&d), sorted(columns::DOCUMENTS));
        assert_eq!(keys(&e), sorted(columns::ENTITIES));
    }

    #[test]
    fn a_failed_run_leaves_no_table_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), Format::Csv, false);
        assert!(dir.path().join("documents.csv").exists());
        // A new run starts: the earlier run's tables go at once ...
        let sink = TableSink::create(dir.path(), Format::Csv, CellPolicy::default()).unwrap();
        assert!(!dir.path().join("documents.csv").exists());
        assert!(!dir.path().join("mentions.csv").exists());
        // ... and when it fails (the sink is dropped unfinished), nothing is left.
        drop(sink);
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
    }
}

//! `newsner merge`: several runs' outputs into one set of tables. Inputs are
//! output directories of `newsner extract` (CSV or JSON-lines tables, say one
//! per `--shard`) and files of `newsner stream` records (`.jsonl`, or `-` for
//! stdin). Mentions, quotes and documents are concatenated in input order;
//! entities are summed (a directory's `entities` rows are added up, a stream
//! record's mentions are counted as `extract` counts them), so merging the N
//! shards of a corpus gives the single run's `entities` table.
//!
//! A merge is all or nothing: an input that cannot be read, or a row that
//! does not parse, stops it with the file and line, and no table is written.

use std::{
    collections::HashMap,
    fmt,
    fs::File,
    io::{self, BufRead, BufReader},
    path::{Path, PathBuf},
};

use serde::de::DeserializeOwned;

use crate::{
    entities::EntityTable,
    record::{Document, Entity, Mention, Quote},
    shard::fnv1a64,
    sink::{CellPolicy, Format, Sink, TableSink},
    stream::ArticleRecord,
};

/// Why a merge stopped.
#[derive(Debug)]
pub struct MergeError {
    /// The file (or input) at fault.
    pub path: PathBuf,
    /// 1-based line, 0 when the problem is the whole file.
    pub line: u64,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
        } else {
            write!(f, "{}: {}", self.path.display(), self.message)
        }
    }
}

impl std::error::Error for MergeError {}

fn fail(path: &Path, line: u64, message: impl fmt::Display) -> MergeError {
    MergeError {
        path: path.to_path_buf(),
        line,
        message: message.to_string(),
    }
}

/// What a merge did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeSummary {
    /// Documents rows written.
    pub articles: usize,
    /// Of which `error` rows.
    pub failed: usize,
    /// Documents whose id was already seen in an earlier input (a shard merged twice?).
    pub duplicates: usize,
}

/// One merge input.
#[derive(Debug, Clone)]
enum Input {
    /// A run's output directory and the format of its tables.
    Tables(PathBuf, Format),
    /// Stream records from a file.
    Records(PathBuf),
    /// Stream records from stdin.
    Stdin,
}

fn classify(path: &Path) -> Result<Input, MergeError> {
    if path.as_os_str() == "-" {
        return Ok(Input::Stdin);
    }
    let meta = std::fs::metadata(path).map_err(|e| fail(path, 0, format!("cannot read: {e}")))?;
    if meta.is_dir() {
        for format in [Format::Csv, Format::Jsonl] {
            if path.join(format.file_name("documents")).is_file() {
                return Ok(Input::Tables(path.to_path_buf(), format));
            }
        }
        return Err(fail(
            path,
            0,
            "no documents.csv or documents.jsonl: not the output of a finished newsner run",
        ));
    }
    match path.extension().and_then(|x| x.to_str()) {
        Some("jsonl" | "ndjson") => Ok(Input::Records(path.to_path_buf())),
        _ => Err(fail(
            path,
            0,
            "expected an output directory of newsner extract, a .jsonl file of newsner stream records, or -",
        )),
    }
}

/// Merges `inputs` into tables under `out`.
pub fn merge(
    inputs: &[PathBuf],
    out: &Path,
    format: Format,
    cells: CellPolicy,
) -> Result<MergeSummary, MergeError> {
    let inputs = inputs
        .iter()
        .map(|p| classify(p))
        .collect::<Result<Vec<_>, _>>()?;
    // Starting the output removes earlier tables there: never an input's.
    if let Ok(out_dir) = out.canonicalize() {
        let tables: Vec<PathBuf> = ["mentions", "quotes", "documents", "entities"]
            .iter()
            .flat_map(|t| [Format::Csv, Format::Jsonl].map(|f| out_dir.join(f.file_name(t))))
            .collect();
        for input in &inputs {
            let clash = match input {
                Input::Tables(dir, _) => dir.canonicalize().is_ok_and(|d| d == out_dir),
                Input::Records(file) => file.canonicalize().is_ok_and(|f| tables.contains(&f)),
                Input::Stdin => false,
            };
            if clash {
                return Err(fail(out, 0, "the output directory holds an input"));
            }
        }
    }
    let sink = TableSink::create(out, format, cells)
        .map_err(|e| fail(out, 0, format!("cannot create the output tables: {e}")))?;
    let mut merger = Merger {
        sink: Box::new(sink),
        entities: EntityTable::default(),
        seen: HashMap::new(),
        summary: MergeSummary::default(),
        out: out.to_path_buf(),
    };
    for (n, input) in inputs.iter().enumerate() {
        merger.input(n as u32, input)?;
    }
    let Merger {
        sink,
        entities,
        summary,
        ..
    } = merger;
    sink.finish(&entities.into_rows())
        .map_err(|e| fail(out, 0, format!("writing the tables failed: {e}")))?;
    Ok(summary)
}

struct Merger {
    sink: Box<dyn Sink>,
    entities: EntityTable,
    /// FNV-1a of each document id -> the input it was first seen in.
    seen: HashMap<u64, u32>,
    summary: MergeSummary,
    out: PathBuf,
}

impl Merger {
    fn write_error(&self, e: io::Error) -> MergeError {
        fail(&self.out, 0, format!("writing the tables failed: {e}"))
    }

    fn document(&mut self, input: u32, row: &Document) -> io::Result<()> {
        let first = *self
            .seen
            .entry(fnv1a64(row.doc_id.as_bytes()))
            .or_insert(input);
        self.summary.duplicates += usize::from(first != input);
        self.summary.articles += 1;
        self.summary.failed += usize::from(row.status != "ok");
        self.sink.document(row)
    }

    fn input(&mut self, n: u32, input: &Input) -> Result<(), MergeError> {
        match input {
            Input::Tables(dir, format) => {
                let path = |name: &str| dir.join(format.file_name(name));
                rows::<Mention>(&path("mentions"), *format, |row| self.sink.mention(&row))?;
                rows::<Quote>(&path("quotes"), *format, |row| self.sink.quote(&row))?;
                rows::<Document>(&path("documents"), *format, |row| self.document(n, &row))?;
                rows::<Entity>(&path("entities"), *format, |row| {
                    self.entities.add_row(&row);
                    Ok(())
                })
            }
            Input::Records(path) => {
                let file =
                    File::open(path).map_err(|e| fail(path, 0, format!("cannot open: {e}")))?;
                self.records(n, path, BufReader::new(file))
            }
            Input::Stdin => self.records(n, Path::new("<stdin>"), io::stdin().lock()),
        }
    }

    fn records(&mut self, n: u32, path: &Path, reader: impl BufRead) -> Result<(), MergeError> {
        for (i, line) in reader.lines().enumerate() {
            let at = i as u64 + 1;
            let line = line.map_err(|e| fail(path, at, format!("read error: {e}")))?;
            if line.trim().is_empty() {
                continue;
            }
            let record: ArticleRecord = serde_json::from_str(&line)
                .map_err(|e| fail(path, at, format!("not a newsner stream record: {e}")))?;
            let write = |m: &mut Merger| -> io::Result<()> {
                for row in &record.mentions {
                    m.sink.mention(row)?;
                }
                for row in &record.quotes {
                    m.sink.quote(row)?;
                }
                m.document(n, &record.document)
            };
            write(self).map_err(|e| self.write_error(e))?;
            self.entities.add_article(&record.mentions);
        }
        Ok(())
    }
}

/// Reads every row of one table, CSV (by header name) or JSON lines.
fn rows<T: DeserializeOwned>(
    path: &Path,
    format: Format,
    mut each: impl FnMut(T) -> io::Result<()>,
) -> Result<(), MergeError> {
    let write_failed =
        |e: io::Error| fail(path, 0, format!("writing the merged tables failed: {e}"));
    match format {
        Format::Csv => {
            let mut reader = csv::Reader::from_path(path)
                .map_err(|e| fail(path, 0, format!("cannot read: {e}")))?;
            for row in reader.deserialize::<T>() {
                let row = row.map_err(|e| {
                    let line = e.position().map_or(0, |p| p.line());
                    fail(path, line, format!("not a newsner table row: {e}"))
                })?;
                each(row).map_err(write_failed)?;
            }
        }
        Format::Jsonl => {
            let file = File::open(path).map_err(|e| fail(path, 0, format!("cannot open: {e}")))?;
            for (i, line) in BufReader::new(file).lines().enumerate() {
                let at = i as u64 + 1;
                let line = line.map_err(|e| fail(path, at, format!("read error: {e}")))?;
                if line.trim().is_empty() {
                    continue;
                }
                let row = serde_json::from_str(&line)
                    .map_err(|e| fail(path, at, format!("not a newsner table row: {e}")))?;
                each(row).map_err(write_failed)?;
            }
        }
    }
    Ok(())
}

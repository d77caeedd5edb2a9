//! Reading an output folder back: `documents`, `mentions` and `quotes`
//! tables as written by `newsner extract` (CSV or JSON lines), streamed and
//! joined to the input articles. The join is positional, as the tables are
//! written: documents row `i` is input item `i`, and its `mentions` and
//! `quotes` counts say how many rows of the other two tables are its own.
//! Every row's `doc_id` is checked, so tables from other inputs are refused.

use std::{
    fs::File,
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
};

use serde::de::DeserializeOwned;

use crate::record::{Document, Mention, Quote};

/// Tables that cannot be read, or do not belong to the inputs.
#[derive(Debug)]
pub struct TableError {
    /// The table file (or folder).
    pub path: PathBuf,
    /// The row (1-based, header is row 0 for CSV; line for JSONL), when known.
    pub row: Option<u64>,
    /// What was wrong.
    pub message: String,
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(row) = self.row {
            write!(f, ":{row}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for TableError {}

type Rows<T> = Box<dyn Iterator<Item = Result<T, TableError>> + Send>;

/// One table, streamed row by row.
struct Table<T> {
    path: PathBuf,
    rows: Rows<T>,
    read: u64,
}

impl<T: DeserializeOwned + Send + 'static> Table<T> {
    /// Opens `DIR/NAME.csv`, or `DIR/NAME.jsonl` when there is no CSV.
    fn open(dir: &Path, name: &str) -> Result<Table<T>, TableError> {
        let csv_path = dir.join(format!("{name}.csv"));
        let jsonl_path = dir.join(format!("{name}.jsonl"));
        let err = |path: &Path, message: String| TableError {
            path: path.to_path_buf(),
            row: None,
            message,
        };
        if csv_path.exists() {
            let reader = csv::ReaderBuilder::new()
                .from_path(&csv_path)
                .map_err(|e| err(&csv_path, format!("cannot read: {e}")))?;
            let p = csv_path.clone();
            let rows = reader.into_deserialize::<T>().map(move |r| {
                r.map_err(|e| TableError {
                    path: p.clone(),
                    row: e.position().map(|pos| pos.line()),
                    message: e.to_string(),
                })
            });
            Ok(Table {
                path: csv_path,
                rows: Box::new(rows),
                read: 0,
            })
        } else if jsonl_path.exists() {
            let file = File::open(&jsonl_path)
                .map_err(|e| err(&jsonl_path, format!("cannot read: {e}")))?;
            let p = jsonl_path.clone();
            let rows = BufReader::new(file)
                .lines()
                .enumerate()
                .filter(|(_, l)| l.as_ref().map_or(true, |l| !l.trim().is_empty()))
                .map(move |(i, line)| {
                    let at = |message: String| TableError {
                        path: p.clone(),
                        row: Some(i as u64 + 1),
                        message,
                    };
                    let line = line.map_err(|e| at(e.to_string()))?;
                    serde_json::from_str(&line).map_err(|e| at(e.to_string()))
                });
            Ok(Table {
                path: jsonl_path,
                rows: Box::new(rows),
                read: 0,
            })
        } else {
            Err(err(
                dir,
                format!("no {name}.csv or {name}.jsonl: is this a `newsner extract --out` folder?"),
            ))
        }
    }

    fn next(&mut self) -> Option<Result<T, TableError>> {
        let r = self.rows.next();
        if r.is_some() {
            self.read += 1;
        }
        r
    }

    fn mismatch(&self, message: String) -> TableError {
        TableError {
            path: self.path.clone(),
            row: Some(self.read),
            message,
        }
    }
}

/// One article's rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleRows {
    /// Its documents row.
    pub document: Document,
    /// Its mentions.
    pub mentions: Vec<Mention>,
    /// Its quotes.
    pub quotes: Vec<Quote>,
}

/// The tables of one output folder, read in step with the inputs.
pub struct TableReader {
    documents: Table<Document>,
    mentions: Table<Mention>,
    quotes: Table<Quote>,
}

impl TableReader {
    /// Opens the tables in `dir`.
    pub fn open(dir: &Path) -> Result<TableReader, TableError> {
        Ok(TableReader {
            documents: Table::open(dir, "documents")?,
            mentions: Table::open(dir, "mentions")?,
            quotes: Table::open(dir, "quotes")?,
        })
    }

    /// The rows of the next input item, whose id is `doc_id`.
    pub fn next_article(&mut self, doc_id: &str) -> Result<ArticleRows, TableError> {
        let document = match self.documents.next() {
            Some(row) => row?,
            None => {
                return Err(self.documents.mismatch(format!(
                    "ends before input article {doc_id:?}: the tables come from other inputs"
                )))
            }
        };
        if document.doc_id != doc_id {
            return Err(self.documents.mismatch(format!(
                "row is {:?} but the input has {doc_id:?} here: the tables come from other inputs",
                document.doc_id
            )));
        }
        let mentions = take(
            &mut self.mentions,
            document.mentions,
            doc_id,
            |m: &Mention| &m.doc_id,
        )?;
        let quotes = take(&mut self.quotes, document.quotes, doc_id, |q: &Quote| {
            &q.doc_id
        })?;
        Ok(ArticleRows {
            document,
            mentions,
            quotes,
        })
    }

    /// Fails when a table has rows left after the last input article.
    pub fn finish(mut self) -> Result<(), TableError> {
        if let Some(row) = self.documents.next() {
            let id = row.map(|d| d.doc_id).unwrap_or_default();
            return Err(self.documents.mismatch(format!(
                "has more rows than the inputs have articles (next: {id:?})"
            )));
        }
        if self.mentions.next().is_some() {
            return Err(self
                .mentions
                .mismatch("has rows no documents row counts".into()));
        }
        if self.quotes.next().is_some() {
            return Err(self
                .quotes
                .mismatch("has rows no documents row counts".into()));
        }
        Ok(())
    }
}

fn take<T: DeserializeOwned + Send + 'static>(
    table: &mut Table<T>,
    n: usize,
    doc_id: &str,
    id_of: impl Fn(&T) -> &String,
) -> Result<Vec<T>, TableError> {
    let mut rows = Vec::with_capacity(n);
    for _ in 0..n {
        let row = match table.next() {
            Some(r) => r?,
            None => return Err(table.mismatch(format!("ends inside the rows of {doc_id:?}"))),
        };
        if id_of(&row) != doc_id {
            return Err(table.mismatch(format!(
                "row belongs to {:?} but documents.csv counts it for {doc_id:?}",
                id_of(&row)
            )));
        }
        rows.push(row);
    }
    Ok(rows)
}

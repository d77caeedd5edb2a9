//! Where records go: the four tables as CSV or JSON lines, behind one
//! trait. Tables are written under temporary names and renamed into place
//! by [`Sink::finish`], so an interrupted run never leaves a half table
//! posing as complete.

use std::{
    fs::{self, File},
    io::{self, BufWriter, Write},
    path::{Path, PathBuf},
};

use serde::Serialize;

use crate::record::{Document, Entity, Mention, Quote};

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
    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }
}

/// How output cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CellPolicy {
    /// Prefix cells starting with `=`, `+`, `-`, `@` (and tab/CR) with `'`
    /// so spreadsheets do not run them as formulas.
    pub excel_safe: bool,
}

/// One table file, written under a temporary name.
struct Table {
    tmp: PathBuf,
    dest: PathBuf,
    writer: TableWriter,
}

enum TableWriter {
    Csv(Box<csv::Writer<File>>),
    Jsonl(BufWriter<File>),
}

impl Table {
    fn create(dir: &Path, name: &str, format: Format, header: &[&str]) -> io::Result<Table> {
        let file_name = format!("{name}.{}", format.extension());
        let dest = dir.join(&file_name);
        let tmp = dir.join(format!(".{file_name}.partial"));
        let file = File::create(&tmp)?;
        let writer = match format {
            Format::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .has_headers(false)
                    .buffer_capacity(1 << 15)
                    .from_writer(file);
                w.write_record(header)?;
                TableWriter::Csv(Box::new(w))
            }
            Format::Jsonl => TableWriter::Jsonl(BufWriter::with_capacity(1 << 15, file)),
        };
        Ok(Table { tmp, dest, writer })
    }

    fn write<T: Serialize>(&mut self, row: &T) -> io::Result<()> {
        match &mut self.writer {
            TableWriter::Csv(w) => w.serialize(row).map_err(io::Error::other),
            TableWriter::Jsonl(w) => {
                serde_json::to_writer(&mut *w, row)?;
                w.write_all(b"\n")
            }
        }
    }

    fn finish(self) -> io::Result<()> {
        let file = match self.writer {
            TableWriter::Csv(w) => (*w).into_inner().map_err(|e| e.into_error())?,
            TableWriter::Jsonl(w) => w.into_inner().map_err(|e| e.into_error())?,
        };
        file.sync_all()?;
        drop(file);
        fs::rename(&self.tmp, &self.dest)
    }
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
    mentions: Table,
    quotes: Table,
    documents: Table,
    entities: Table,
    cells: CellPolicy,
}

impl TableSink {
    /// Creates the directory if needed and opens the four tables.
    pub fn create(dir: &Path, format: Format, cells: CellPolicy) -> io::Result<TableSink> {
        fs::create_dir_all(dir)?;
        Ok(TableSink {
            mentions: Table::create(dir, "mentions", format, columns::MENTIONS)?,
            quotes: Table::create(dir, "quotes", format, columns::QUOTES)?,
            documents: Table::create(dir, "documents", format, columns::DOCUMENTS)?,
            entities: Table::create(dir, "entities", format, columns::ENTITIES)?,
            cells,
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
        if self.cells.excel_safe {
            let mut row = row.clone();
            for cell in [&mut row.doc_id, &mut row.text, &mut row.canonical] {
                *cell = excel_safe(cell).into_owned();
            }
            return self.mentions.write(&row);
        }
        self.mentions.write(row)
    }

    fn quote(&mut self, row: &Quote) -> io::Result<()> {
        if self.cells.excel_safe {
            let mut row = row.clone();
            for cell in [&mut row.doc_id, &mut row.quote, &mut row.speaker] {
                *cell = excel_safe(cell).into_owned();
            }
            return self.quotes.write(&row);
        }
        self.quotes.write(row)
    }

    fn document(&mut self, row: &Document) -> io::Result<()> {
        if self.cells.excel_safe {
            let mut row = row.clone();
            for cell in [
                &mut row.doc_id,
                &mut row.title,
                &mut row.source,
                &mut row.error,
            ] {
                *cell = excel_safe(cell).into_owned();
            }
            return self.documents.write(&row);
        }
        self.documents.write(row)
    }

    fn finish(mut self: Box<Self>, entities: &[Entity]) -> io::Result<()> {
        for row in entities {
            if self.cells.excel_safe {
                let mut row = row.clone();
                row.canonical = excel_safe(&row.canonical).into_owned();
                self.entities.write(&row)?;
            } else {
                self.entities.write(row)?;
            }
        }
        let TableSink {
            mentions,
            quotes,
            documents,
            entities,
            ..
        } = *self;
        for table in [mentions, quotes, documents, entities] {
            table.finish()?;
        }
        Ok(())
    }
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
    fn tables_appear_only_after_finish() {
        let dir = tempfile::tempdir().unwrap();
        let sink = TableSink::create(dir.path(), Format::Csv, CellPolicy::default()).unwrap();
        assert!(!dir.path().join("mentions.csv").exists());
        Box::new(sink).finish(&[]).unwrap();
        let header = fs::read_to_string(dir.path().join("mentions.csv")).unwrap();
        assert_eq!(header.trim_end(), columns::MENTIONS.join(","));
        assert!(!dir.path().join(".mentions.csv.partial").exists());
    }
}

//! CSV rows, written fast: each record lists its cells in column order
//! into a [`Row`]; a row none of whose cells needs quoting (nearly all of
//! them) is its cells joined by commas, and any other row is written by
//! the `csv` crate. Same bytes as `csv`'s serde path (a test holds them
//! equal) at a fraction of its per-cell cost, on the one thread that
//! writes every table.

use std::{io, ops::Range};

use crate::record::{Document, DocumentRow, Entity, Mention, MentionRow, Quote, QuoteRow};

/// A record that lists its cells in the order of its table's columns (the
/// order of its serde fields).
pub trait CsvCells {
    /// Adds the record's cells to `row`.
    fn cells(&self, row: &mut Row);
}

/// CSV rows being built: the encoded bytes of the rows appended so far,
/// and the cells of the row being appended.
pub struct Row {
    /// The rows appended so far; the one being appended has each cell
    /// followed by a comma.
    line: Vec<u8>,
    /// Where each cell of the row being appended lies in `line`.
    cells: Vec<Range<usize>>,
    /// Whether some cell holds a byte that needs quoting.
    needs_quotes: bool,
    numbers: itoa::Buffer,
}

impl Default for Row {
    fn default() -> Self {
        Row::with_capacity(0)
    }
}

/// Whether a cell must be quoted. Not short-circuiting, so that it
/// compiles to a vectorized scan.
fn needs_quoting(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .fold(false, |q, &b| q | matches!(b, b',' | b'"' | b'\n' | b'\r'))
}

impl Row {
    /// An empty buffer with room for `bytes` of rows.
    pub fn with_capacity(bytes: usize) -> Self {
        Row {
            line: Vec::with_capacity(bytes),
            cells: Vec::with_capacity(16),
            needs_quotes: false,
            numbers: itoa::Buffer::new(),
        }
    }

    /// A text cell.
    pub fn text(&mut self, cell: &str) -> &mut Self {
        let bytes = cell.as_bytes();
        self.needs_quotes |= needs_quoting(bytes);
        self.push(bytes)
    }

    /// A number cell.
    pub fn number(&mut self, cell: usize) -> &mut Self {
        let digits = self.numbers.format(cell).as_bytes();
        let start = self.line.len();
        self.line.extend_from_slice(digits);
        self.cells.push(start..self.line.len());
        self.line.push(b',');
        self
    }

    /// A number cell that may be absent: empty then, as serde writes `None`.
    pub fn maybe(&mut self, cell: Option<usize>) -> &mut Self {
        match cell {
            Some(n) => self.number(n),
            None => self.push(b""),
        }
    }

    fn push(&mut self, bytes: &[u8]) -> &mut Self {
        let start = self.line.len();
        self.line.extend_from_slice(bytes);
        self.cells.push(start..self.line.len());
        self.line.push(b',');
        self
    }

    /// Writes `cells` as one CSV line to `out`, quoted where needed (for
    /// the header, and rows whose cells were rewritten).
    pub fn write_cells<I, W>(&mut self, cells: I, out: &mut W) -> io::Result<()>
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]>,
        W: io::Write,
    {
        let mut quoting = csv::WriterBuilder::new()
            .has_headers(false)
            .buffer_capacity(1 << 10)
            .from_writer(out);
        quoting.write_record(cells)?;
        quoting.flush()
    }

    /// Appends `cells` as one CSV line, quoted where needed.
    pub fn append_cells<I>(&mut self, cells: I) -> io::Result<()>
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]>,
    {
        let mut line = std::mem::take(&mut self.line);
        let written = self.write_cells(cells, &mut line);
        self.line = line;
        written
    }

    /// Appends `record` as one CSV line.
    pub fn append<R: CsvCells + ?Sized>(&mut self, record: &R) {
        let start = self.line.len();
        self.cells.clear();
        self.needs_quotes = false;
        record.cells(self);
        if self.needs_quotes {
            let cells = std::mem::take(&mut self.cells);
            let row = self.line.split_off(start);
            let cells_of_row = cells.iter().map(|r| &row[r.start - start..r.end - start]);
            self.append_cells(cells_of_row)
                .expect("writing to memory does not fail");
            self.cells = cells;
            return;
        }
        // Each cell is followed by a comma: the last one ends the line.
        if self.line.len() > start {
            if let Some(last) = self.line.last_mut() {
                *last = b'\n';
            }
        }
    }

    /// Writes `record` as one CSV line to `out`.
    pub fn write<R: CsvCells + ?Sized, W: io::Write>(
        &mut self,
        record: &R,
        out: &mut W,
    ) -> io::Result<()> {
        self.line.clear();
        self.append(record);
        out.write_all(&self.line)
    }

    /// The rows appended so far.
    pub fn bytes(&self) -> &[u8] {
        &self.line
    }

    /// The rows appended so far, to append other bytes to (a JSON line).
    pub fn bytes_mut(&mut self) -> &mut Vec<u8> {
        &mut self.line
    }

    /// Forgets the rows appended so far.
    pub fn clear(&mut self) {
        self.line.clear();
    }

    /// The rows appended so far, taken out of the buffer.
    pub fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.line)
    }
}

impl CsvCells for MentionRow<'_> {
    fn cells(&self, row: &mut Row) {
        row.text(self.doc_id)
            .text(self.field)
            .text(self.label)
            .text(self.text)
            .number(self.start)
            .number(self.end)
            .number(self.byte_start)
            .number(self.byte_end)
            .text(self.canonical)
            .text(self.entity_id)
            .text(self.value)
            .text(self.timex_type)
            .text(self.method);
    }
}

impl CsvCells for QuoteRow<'_> {
    fn cells(&self, row: &mut Row) {
        row.text(self.doc_id)
            .text(self.quote)
            .number(self.start)
            .number(self.end)
            .text(self.speaker)
            .text(self.speaker_entity_id)
            .maybe(self.speaker_start)
            .maybe(self.speaker_end)
            .text(self.cue)
            .text(self.kind)
            .text(&self.flags);
    }
}

impl CsvCells for DocumentRow<'_> {
    fn cells(&self, row: &mut Row) {
        row.text(self.doc_id)
            .text(self.title)
            .text(self.date)
            .text(self.source)
            .number(self.chars)
            .number(self.mentions)
            .number(self.quotes)
            .text(self.status)
            .text(self.error)
            .number(self.unattributed_quotes)
            .text(&self.warnings);
    }
}

impl CsvCells for Mention {
    fn cells(&self, row: &mut Row) {
        self.as_row().cells(row);
    }
}

impl CsvCells for Quote {
    fn cells(&self, row: &mut Row) {
        self.as_row().cells(row);
    }
}

impl CsvCells for Document {
    fn cells(&self, row: &mut Row) {
        self.as_row().cells(row);
    }
}

impl CsvCells for Entity {
    fn cells(&self, row: &mut Row) {
        row.text(&self.entity_id)
            .text(&self.label)
            .text(&self.canonical)
            .number(self.documents)
            .number(self.mentions);
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;

    fn by_serde<T: Serialize>(rows: &[T]) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        for row in rows {
            w.serialize(row).unwrap();
        }
        w.into_inner().unwrap()
    }

    fn by_cells<T: CsvCells>(rows: &[T]) -> Vec<u8> {
        let (mut row, mut out) = (Row::default(), Vec::new());
        for r in rows {
            row.write(r, &mut out).unwrap();
        }
        out
    }

    /// Plain cells, and cells that need quoting: quotes, commas, line
    /// breaks; empty cells, spaces and non-ASCII text, which do not.
    const CELLS: [&str; 8] = [
        "Baku",
        "a \"quoted\", text",
        "",
        "line\nbreak\r\n",
        "Bak\u{131} \u{2014} 2023",
        " ",
        "\"",
        "a,b",
    ];

    /// Rows of every table: `k` picks the cells, and `plain` keeps to the
    /// cells that need no quoting.
    fn rows(k: usize, plain: bool) -> (Mention, Quote, Document, Entity) {
        let s = |j: usize| {
            let pick = if plain {
                [0, 2, 4, 5][(k + j) % 4]
            } else {
                k + j
            };
            CELLS[pick % CELLS.len()].to_string()
        };
        (
            Mention {
                doc_id: s(0),
                field: s(1),
                label: s(2),
                text: s(3),
                start: k,
                end: k + 10,
                byte_start: k * 1000,
                byte_end: usize::MAX - k,
                canonical: s(4),
                entity_id: s(5),
                value: s(6),
                timex_type: s(7),
                method: s(0),
            },
            Quote {
                doc_id: s(0),
                quote: s(1),
                start: 0,
                end: k,
                speaker: s(2),
                speaker_entity_id: s(3),
                speaker_start: k.is_multiple_of(2).then_some(k),
                speaker_end: (!k.is_multiple_of(3)).then_some(k + 1),
                cue: s(4),
                kind: s(5),
                flags: s(6),
            },
            Document {
                doc_id: s(0),
                title: s(1),
                date: s(2),
                source: s(3),
                chars: k,
                mentions: 2 * k,
                quotes: 3 * k,
                status: s(4),
                error: s(5),
                unattributed_quotes: k,
                warnings: s(6),
            },
            Entity {
                entity_id: s(0),
                label: s(1),
                canonical: s(2),
                documents: k,
                mentions: 12345 * k,
            },
        )
    }

    #[test]
    fn rows_are_the_bytes_serde_writes() {
        let all: Vec<_> = (0..16).map(|k| rows(k, k % 2 == 0)).collect();
        let mentions: Vec<_> = all.iter().map(|r| r.0.clone()).collect();
        let quotes: Vec<_> = all.iter().map(|r| r.1.clone()).collect();
        let documents: Vec<_> = all.iter().map(|r| r.2.clone()).collect();
        let entities: Vec<_> = all.iter().map(|r| r.3.clone()).collect();
        assert_eq!(by_cells(&mentions), by_serde(&mentions));
        assert_eq!(by_cells(&quotes), by_serde(&quotes));
        assert_eq!(by_cells(&documents), by_serde(&documents));
        assert_eq!(by_cells(&entities), by_serde(&entities));
    }

    #[test]
    fn plain_rows_take_the_fast_path_and_others_are_quoted() {
        let (plain, _, _, _) = rows(0, true);
        let (awkward, _, _, _) = rows(1, false);
        let mut row = Row::default();
        let mut out = Vec::new();
        row.write(&plain, &mut out).unwrap();
        assert!(!row.needs_quotes);
        assert!(!out.contains(&b'"'));
        row.write(&awkward, &mut out).unwrap();
        assert!(row.needs_quotes);
        assert!(out.ends_with(b"\n"));
    }

    #[test]
    fn rows_appended_to_one_buffer_are_the_bytes_serde_writes() {
        let all: Vec<_> = (0..16).map(|k| rows(k, k % 3 == 0)).collect();
        let mentions: Vec<_> = all.iter().map(|r| r.0.clone()).collect();
        let quotes: Vec<_> = all.iter().map(|r| r.1.clone()).collect();
        let (mut m, mut q) = (Row::default(), Row::with_capacity(64));
        for (mention, quote) in mentions.iter().zip(&quotes) {
            m.append(&mention.as_row());
            q.append(&quote.as_row());
        }
        assert_eq!(m.bytes(), by_serde(&mentions));
        assert_eq!(q.take(), by_serde(&quotes));
        assert!(q.bytes().is_empty());
    }
}

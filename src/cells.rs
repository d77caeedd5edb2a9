//! CSV rows, written fast: each record lists its cells in column order
//! into a [`Row`]. The cells are first written as they are, each followed
//! by a comma, and the row is then read once: when it holds no quote or
//! line break and exactly one comma per cell (nearly every row), no cell
//! needed quoting and the row is done. Any other row is written again, each
//! cell checked and quoted as the `csv` crate quotes it. Same bytes as
//! `csv`'s serde path (tests hold them equal) at a fraction of its per-cell
//! cost. A [`Row`] collects the rows of one article, on the worker that
//! extracted it, so the writing thread only copies bytes. The batch
//! runner's `mentions` and `quotes` rows take a shorter way still
//! ([`Row::append_mention`], [`Row::append_quote`]): the article's id is
//! encoded once ([`IdCell`]), and each row is written in one pass with no
//! call per cell.

use std::io;

use crate::{
    record::{Document, DocumentRow, Entity, Mention, MentionRow, Quote, QuoteRow},
    sink::columns,
    swar,
};

/// A record that lists its cells in the order of its table's columns (the
/// order of its serde fields).
pub trait CsvCells {
    /// Adds the record's cells to `row`.
    fn cells(&self, row: &mut Row);
}

/// CSV rows being built: the encoded bytes of the rows appended so far.
pub struct Row {
    /// The rows appended so far; the one being appended has each cell
    /// followed by a comma.
    line: Vec<u8>,
    /// Cells of the row being appended.
    cells: usize,
    /// Whether each text cell is checked and quoted as it is written (when
    /// a row is written again because some cell needs quoting).
    quoting: bool,
    numbers: itoa::Buffer,
}

impl Default for Row {
    fn default() -> Self {
        Row::with_capacity(0)
    }
}

/// Whether a cell must be quoted: whether it holds a comma, a quote or a
/// line break (what `csv` quotes by default). Cells of 16 bytes or more
/// are scanned with a loop that compiles to vector instructions; shorter
/// ones, most cells, are read as one or two machine words.
fn needs_quoting(bytes: &[u8]) -> bool {
    let n = bytes.len();
    if n >= 16 {
        // Not short-circuiting, so that it compiles to a vectorized scan.
        return bytes
            .iter()
            .fold(false, |q, &b| q | matches!(b, b',' | b'"' | b'\n' | b'\r'));
    }
    // Two overlapping reads cover the cell: its first and last 8 (or 4)
    // bytes; a cell of 1 to 3 bytes is its first, middle and last byte.
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    let half = |at: usize| {
        u64::from(u32::from_le_bytes(
            bytes[at..at + 4].try_into().expect("4 bytes"),
        ))
    };
    match n {
        8.. => holds_special_byte(word(0)) || holds_special_byte(word(n - 8)),
        4.. => holds_special_byte(half(0) | half(n - 4) << 32),
        1.. => {
            let three =
                u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16;
            // The other five bytes are a letter.
            holds_special_byte(three | 0x6161_6161_6100_0000)
        }
        0 => false,
    }
}

/// Whether one of the 8 bytes of `word` is a comma, a quote or a line break.
fn holds_special_byte(word: u64) -> bool {
    [b',', b'"', b'\n', b'\r'].iter().fold(false, |q, &b| {
        q | (swar::zero_bytes(word ^ (swar::ONES * u64::from(b))) != 0)
    })
}

/// Whether `row`, `cells` cells each followed by a comma and written as
/// they are, needed no quoting: whether it holds no quote or line break,
/// and no comma but the one after each cell. Read 32 bytes at a time (the
/// last ones padded with zeros), in loops that compile to vector
/// instructions.
fn is_plain_row(row: &[u8], cells: usize) -> bool {
    let mut chunks = row.chunks_exact(32);
    let (mut commas, mut special) = (0, false);
    for chunk in &mut chunks {
        let (c, s) = tally(chunk.try_into().expect("32 bytes"));
        commas += usize::from(c);
        special |= s;
    }
    let mut last = [0; 32];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    let (c, s) = tally(&last);
    !(special | s) && commas + usize::from(c) == cells
}

/// The commas in `chunk`, and whether it holds a quote or a line break.
fn tally(chunk: &[u8; 32]) -> (u8, bool) {
    let (mut commas, mut special) = (0u8, 0u8);
    for &b in chunk {
        commas += u8::from(b == b',');
        special |= u8::from(b == b'"') | u8::from(b == b'\n') | u8::from(b == b'\r');
    }
    (commas, special != 0)
}

/// The decimal digits of 0 to 99, two bytes each ("00", "01", ... "99").
const DIGIT_PAIRS: [u8; 200] = {
    let mut pairs = [0; 200];
    let mut i = 0;
    while i < 100 {
        pairs[2 * i] = b'0' + (i / 10) as u8;
        pairs[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    pairs
};

/// Writes `n` in decimal into `buf` just before `end`; returns where its
/// digits start. Two digits at a time, from a table (as `itoa` does): half
/// the divisions of one digit at a time.
fn digits_before(buf: &mut [u8], mut end: usize, mut n: usize) -> usize {
    while n >= 100 {
        let pair = 2 * (n % 100);
        n /= 100;
        end -= 2;
        buf[end..end + 2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        end -= 2;
        buf[end..end + 2].copy_from_slice(&DIGIT_PAIRS[2 * n..2 * n + 2]);
    } else {
        end -= 1;
        buf[end] = b'0' + n as u8;
    }
    end
}

/// The most bytes a number cell takes: 20 digits (u64) and a comma.
const NUMBER_CELL_BYTES: usize = 21;

impl Row {
    /// An empty buffer with room for `bytes` of rows.
    pub fn with_capacity(bytes: usize) -> Self {
        Row {
            line: Vec::with_capacity(bytes),
            cells: 0,
            quoting: false,
            numbers: itoa::Buffer::new(),
        }
    }

    /// A text cell.
    pub fn text(&mut self, cell: &str) -> &mut Self {
        let bytes = cell.as_bytes();
        if self.quoting && needs_quoting(bytes) {
            self.push_quoted(bytes);
        } else {
            self.line.extend_from_slice(bytes);
        }
        self.end_cell()
    }

    /// A number cell (which never needs quoting).
    pub fn number(&mut self, cell: usize) -> &mut Self {
        self.line
            .extend_from_slice(self.numbers.format(cell).as_bytes());
        self.end_cell()
    }

    /// Number cells (four at most), one after another: their digits are
    /// written into one stack buffer, from the last, and copied to the row
    /// at once.
    pub fn numbers<const N: usize>(&mut self, cells: [usize; N]) -> &mut Self {
        // Each cell: 20 digits at most (u64), and a comma.
        let mut buf = [0u8; 4 * NUMBER_CELL_BYTES];
        assert!(
            N * NUMBER_CELL_BYTES <= buf.len(),
            "four number cells at most"
        );
        let mut start = buf.len();
        for &n in cells.iter().rev() {
            start -= 1;
            buf[start] = b',';
            start = digits_before(&mut buf, start, n);
        }
        self.line.extend_from_slice(&buf[start..]);
        self.cells += N;
        self
    }

    /// The four offset cells of a span: its start and end in characters,
    /// then in bytes. Those of a span with no character of more than one
    /// byte before its end (nearly every span of news in English) are the
    /// same two numbers twice: their digits are written once, and copied.
    fn offsets(&mut self, start: usize, end: usize, byte_start: usize, byte_end: usize) {
        if (start, end) == (byte_start, byte_end) {
            let from = self.line.len();
            self.numbers([start, end]);
            self.line.extend_from_within(from..);
            self.cells += 2;
        } else {
            self.numbers([start, end, byte_start, byte_end]);
        }
    }

    /// The two offset cells of a quote's speaker, which has both or none:
    /// written together when both are there.
    fn speaker_offsets(&mut self, start: Option<usize>, end: Option<usize>) {
        match (start, end) {
            (Some(start), Some(end)) => self.numbers([start, end]),
            (start, end) => self.maybe(start).maybe(end),
        };
    }

    /// A number cell that may be absent: empty then, as serde writes `None`.
    pub fn maybe(&mut self, cell: Option<usize>) -> &mut Self {
        match cell {
            Some(n) => self.number(n),
            None => self.end_cell(),
        }
    }

    /// Ends the cell just written with a comma.
    fn end_cell(&mut self) -> &mut Self {
        self.line.push(b',');
        self.cells += 1;
        self
    }

    /// Writes `bytes` in quotes, its quotes doubled (found with `memchr`:
    /// most cells quoted hold a comma and no quote).
    fn push_quoted(&mut self, bytes: &[u8]) {
        self.line.push(b'"');
        let mut from = 0;
        for quote in memchr::memchr_iter(b'"', bytes) {
            self.line.extend_from_slice(&bytes[from..=quote]);
            self.line.push(b'"');
            from = quote + 1;
        }
        self.line.extend_from_slice(&bytes[from..]);
        self.line.push(b'"');
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
        self.cells = 0;
        record.cells(self);
        if !is_plain_row(&self.line[start..], self.cells) {
            self.line.truncate(start);
            self.quoting = true;
            record.cells(self);
            self.quoting = false;
        }
        // Each cell is followed by a comma: the last one ends the line.
        if self.line.len() > start {
            if let Some(last) = self.line.last_mut() {
                *last = b'\n';
            }
        }
    }

    /// Appends a `mentions` row in one pass: the article's id cell copied
    /// as encoded once for all its rows, the other cells written as they
    /// are with no call per cell, and the row read once past the id. A row
    /// that needs quoting (rare) is written again, as [`Row::append`] does.
    /// The cells are in the order of `MentionRow`'s [`CsvCells`] impl (and
    /// `columns::MENTIONS`): a new column goes in both; a test compares them.
    pub fn append_mention(&mut self, id: &IdCell, m: &MentionRow) {
        debug_assert!(id.is_cell_of(m.doc_id), "the id cell of another article");
        let texts = [
            m.field,
            m.label,
            m.text,
            m.canonical,
            m.entity_id,
            m.value,
            m.timex_type,
            m.method,
        ];
        self.reserve_row(id, &texts, 4 * NUMBER_CELL_BYTES);
        let start = self.line.len();
        self.line.extend_from_slice(&id.bytes);
        let after_id = self.line.len();
        self.raw(m.field).raw(m.label).raw(m.text);
        self.offsets(m.start, m.end, m.byte_start, m.byte_end);
        for cell in [m.canonical, m.entity_id, m.value, m.timex_type, m.method] {
            self.raw(cell);
        }
        self.end_row(start, after_id, columns::MENTIONS.len() - 1, m);
    }

    /// Appends a `quotes` row in one pass, as [`Row::append_mention`]
    /// does; the quote itself, which often holds a comma, is checked and
    /// quoted on its own, so that such a row is not written twice.
    /// The cells are in the order of `QuoteRow`'s [`CsvCells`] impl: a new
    /// column goes in both; a test compares them.
    pub fn append_quote(&mut self, id: &IdCell, q: &QuoteRow) {
        debug_assert!(id.is_cell_of(q.doc_id), "the id cell of another article");
        let texts = [
            q.quote,
            q.speaker,
            q.speaker_entity_id,
            q.cue,
            q.kind,
            &q.flags,
        ];
        // And room for the quote quoted, its quotes doubled, at worst.
        self.reserve_row(id, &texts, 4 * NUMBER_CELL_BYTES + 2 + q.quote.len());
        let start = self.line.len();
        self.line.extend_from_slice(&id.bytes);
        let quote = q.quote.as_bytes();
        if needs_quoting(quote) {
            self.push_quoted(quote);
        } else {
            self.line.extend_from_slice(quote);
        }
        self.line.push(b',');
        let after_quote = self.line.len();
        self.numbers([q.start, q.end]);
        self.raw(q.speaker).raw(q.speaker_entity_id);
        self.speaker_offsets(q.speaker_start, q.speaker_end);
        self.raw(q.cue).raw(q.kind).raw(&q.flags);
        self.end_row(start, after_quote, columns::QUOTES.len() - 2, q);
    }

    /// Makes room for a row of `id`, the cells `texts` and `more` bytes,
    /// so that the buffer grows at most once per row.
    fn reserve_row(&mut self, id: &IdCell, texts: &[&str], more: usize) {
        let bytes: usize = texts.iter().map(|t| t.len() + 1).sum();
        self.line.reserve(id.bytes.len() + bytes + more);
    }

    /// A cell written as it is, and its comma.
    #[inline(always)]
    fn raw(&mut self, cell: &str) -> &mut Self {
        self.line.extend_from_slice(cell.as_bytes());
        self.line.push(b',');
        self
    }

    /// Ends a row of `record` written from `start` by the one-pass writers:
    /// when the bytes from `unchecked`, `cells` cells written as they are,
    /// needed quoting after all, the row is written again, each cell
    /// checked. Its last comma becomes the line's end.
    fn end_row<R: CsvCells + ?Sized>(
        &mut self,
        start: usize,
        unchecked: usize,
        cells: usize,
        record: &R,
    ) {
        if !is_plain_row(&self.line[unchecked..], cells) {
            self.line.truncate(start);
            self.rewrite_quoted(record);
        }
        if let Some(last) = self.line.last_mut() {
            *last = b'\n';
        }
    }

    /// Writes the cells of `record`, each checked and quoted where needed.
    #[cold]
    fn rewrite_quoted<R: CsvCells + ?Sized>(&mut self, record: &R) {
        self.quoting = true;
        record.cells(self);
        self.quoting = false;
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

/// An article's id as the first cell of each of its rows (quoted if it
/// must be, and its comma), encoded once per article for
/// [`Row::append_mention`] and [`Row::append_quote`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdCell {
    bytes: Vec<u8>,
}

impl IdCell {
    /// The id cell of article `id`.
    pub fn new(id: &str) -> IdCell {
        let mut row = Row::with_capacity(id.len() + 3);
        row.quoting = true;
        row.text(id);
        IdCell { bytes: row.take() }
    }

    /// Whether this is the cell of id `id`.
    fn is_cell_of(&self, id: &str) -> bool {
        *self == IdCell::new(id)
    }
}

impl CsvCells for MentionRow<'_> {
    fn cells(&self, row: &mut Row) {
        row.text(self.doc_id)
            .text(self.field)
            .text(self.label)
            .text(self.text)
            .numbers([self.start, self.end, self.byte_start, self.byte_end])
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
            .numbers([self.start, self.end])
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
                // Offsets in bytes the same as in characters for half the
                // rows (the usual span of ASCII text).
                byte_start: if k.is_multiple_of(2) { k } else { k * 1000 },
                byte_end: if k.is_multiple_of(2) {
                    k + 10
                } else {
                    usize::MAX - k
                },
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
        assert!(!out.contains(&b'"'));
        row.write(&awkward, &mut out).unwrap();
        assert!(out.contains(&b'"'));
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

    #[test]
    fn one_pass_rows_are_the_bytes_serde_writes() {
        let (mut quoted_quotes, mut rewritten) = (0, 0);
        for k in 0..48 {
            let (mention, quote, _, _) = rows(k, k % 3 == 0);
            let mut row = Row::default();
            row.append_mention(&IdCell::new(&mention.doc_id), &mention.as_row());
            assert_eq!(row.bytes(), by_serde(std::slice::from_ref(&mention)), "{k}");
            row.clear();
            row.append_quote(&IdCell::new(&quote.doc_id), &quote.as_row());
            assert_eq!(row.take(), by_serde(std::slice::from_ref(&quote)), "{k}");
            quoted_quotes += usize::from(needs_quoting(quote.quote.as_bytes()));
            rewritten += usize::from(needs_quoting(mention.text.as_bytes()));
        }
        // Both ways through each writer were taken.
        assert!(
            quoted_quotes > 4 && rewritten > 4,
            "{quoted_quotes} {rewritten}"
        );
    }

    #[test]
    fn one_pass_rows_follow_each_other_in_one_buffer() {
        let all: Vec<_> = (0..16).map(|k| rows(k, k % 2 == 0)).collect();
        let (mut m, mut q) = (Row::default(), Row::with_capacity(8));
        for (mention, quote, _, _) in &all {
            m.append_mention(&IdCell::new(&mention.doc_id), &mention.as_row());
            q.append_quote(&IdCell::new(&quote.doc_id), &quote.as_row());
        }
        let mentions: Vec<_> = all.iter().map(|r| r.0.clone()).collect();
        let quotes: Vec<_> = all.iter().map(|r| r.1.clone()).collect();
        assert_eq!(m.bytes(), by_serde(&mentions));
        assert_eq!(q.bytes(), by_serde(&quotes));
    }

    #[test]
    fn quotes_in_a_quoted_cell_are_doubled_wherever_they_are() {
        let long = format!("{}\"{}\"\"", "said, ".repeat(20), "x".repeat(40));
        for cell in [
            "\"",
            "\"\"",
            "\"a\"",
            "a\"\"b\"",
            ",",
            "a,\"",
            long.as_str(),
        ] {
            let mut by_csv = csv::Writer::from_writer(Vec::new());
            by_csv.write_record([cell, "x"]).unwrap();
            let mut row = Row::default();
            row.push_quoted(cell.as_bytes());
            row.line.extend_from_slice(b",x\n");
            assert_eq!(row.bytes(), by_csv.into_inner().unwrap(), "{cell}");
        }
    }

    #[test]
    fn an_id_cell_is_quoted_as_its_cell_would_be() {
        for id in CELLS {
            // What `csv` writes of a row that starts with the id.
            let mut by_csv = csv::Writer::from_writer(Vec::new());
            by_csv.write_record([id, "x"]).unwrap();
            let mut line = IdCell::new(id).bytes;
            line.extend_from_slice(b"x\n");
            assert_eq!(line, by_csv.into_inner().unwrap(), "{id}");
        }
        assert!(!IdCell::new("a").is_cell_of("b"));
    }

    #[test]
    fn a_row_is_plain_when_its_only_commas_end_its_cells() {
        for n in 0..80 {
            let cells: Vec<u8> = (0..n)
                .map(|i| if i % 5 == 4 { b',' } else { b'a' })
                .collect();
            let commas = n / 5;
            assert!(is_plain_row(&cells, commas), "{n}");
            assert!(!is_plain_row(&cells, commas + 1), "{n}");
            for at in 0..n {
                let mut row = cells.clone();
                if row[at] == b',' {
                    continue;
                }
                row[at] = b',';
                assert!(!is_plain_row(&row, commas), "{n} {at}");
                for special in [b'"', b'\n', b'\r'] {
                    row[at] = special;
                    assert!(!is_plain_row(&row, commas), "{n} {at} {special}");
                }
            }
        }
    }

    #[test]
    fn number_cells_are_their_decimal_digits() {
        let mut samples = vec![0, usize::MAX, usize::MAX / 10];
        for power in (0..20).map(|p| 10usize.pow(p)) {
            samples.extend([
                power - 1,
                power,
                power + 1,
                power.saturating_mul(2).saturating_add(5),
            ]);
        }
        for n in samples {
            let mut row = Row::default();
            row.numbers([n, 7, n / 3]);
            row.number(n);
            assert_eq!(
                row.bytes(),
                format!("{n},7,{},{n},", n / 3).as_bytes(),
                "{n}"
            );
        }
    }

    #[test]
    fn offsets_in_characters_and_bytes_are_four_cells() {
        for (start, end, byte_start, byte_end) in [
            (0, 0, 0, 0),
            (7, 12, 7, 12),
            (7, 12, 9, 14),
            (7, 12, 7, 14),
            (99, 100_000, 99, 100_000),
        ] {
            let mut row = Row::default();
            row.offsets(start, end, byte_start, byte_end);
            assert_eq!(
                row.bytes(),
                format!("{start},{end},{byte_start},{byte_end},").as_bytes()
            );
            assert_eq!(row.cells, 4);
        }
    }

    #[test]
    fn speaker_offsets_are_two_cells_empty_when_absent() {
        for (start, end, want) in [
            (Some(3), Some(14), "3,14,"),
            (None, None, ",,"),
            (Some(3), None, "3,,"),
            (None, Some(14), ",14,"),
        ] {
            let mut row = Row::default();
            row.speaker_offsets(start, end);
            assert_eq!((row.bytes(), row.cells), (want.as_bytes(), 2));
        }
    }

    #[test]
    fn needs_quoting_finds_each_special_byte_at_every_place() {
        for n in 0..40 {
            let source = b"Baku \xc4\xb1-2023";
            let plain: Vec<u8> = (0..n).map(|i| source[i % source.len()]).collect();
            assert!(!needs_quoting(&plain), "{n}");
            for at in 0..n {
                for special in [b',', b'"', b'\n', b'\r'] {
                    let mut cell = plain.clone();
                    cell[at] = special;
                    assert!(needs_quoting(&cell), "{n} {at} {special}");
                }
                let mut cell = plain.clone();
                for near in [
                    b'+', b'-', b'!', b'#', b'\t', 0, 0x0b, 0x0c, 0x8a, 0xac, 0xa2,
                ] {
                    cell[at] = near;
                    assert!(!needs_quoting(&cell), "{n} {at} {near}");
                }
            }
        }
    }
}

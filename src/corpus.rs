//! Articles and the readers that stream them from JSONL, CSV, `.txt` files,
//! directories and stdin, one at a time, so a corpus larger than memory
//! works. A broken record becomes a [`BadArticle`] naming its file and line;
//! the stream goes on.
//!
//! Invalid UTF-8 is rejected, never repaired: a record whose bytes are not
//! UTF-8 becomes an error row, in every input format alike, so offsets
//! always refer to the text exactly as given.
//!
//! A byte-order mark opening a file is an encoding signature, not text: it
//! is skipped in every format (offsets into a `.txt` article count from
//! after it). An empty file holds no articles, whatever its format, except
//! an empty `.txt`, which is one empty article.

use std::{
    fs::File,
    io::{self, BufRead, BufReader, Read},
    path::{Path, PathBuf},
};

use chrono::NaiveDate;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

/// One news article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// Identifier: as given, or `FILE:LINE`, or the file's path for `.txt`.
    pub id: String,
    /// Headline (may be empty).
    pub title: String,
    /// Publication date as given (may be empty).
    pub date_raw: String,
    /// Publication date, when it parsed; anchors relative dates.
    pub date: Option<NaiveDate>,
    /// Outlet or feed.
    pub source: String,
    /// Address of the article.
    pub url: String,
    /// Body text.
    pub text: String,
    /// Problems that did not stop extraction (an unparseable date).
    pub warnings: Vec<String>,
}

impl Article {
    /// An article with just an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            ..Article::default()
        }
    }

    /// Sets the publication date from an ISO 8601 date or date-time,
    /// recording a warning when it does not parse.
    pub fn set_date(&mut self, raw: &str) {
        self.set_date_owned(raw.to_string());
    }

    /// [`Article::set_date`], keeping `raw` itself as the date as given.
    fn set_date_owned(&mut self, raw: String) {
        self.date = parse_iso_date(&raw);
        if self.date.is_none() && !raw.trim().is_empty() {
            self.warnings.push(format!(
                "date {raw:?} is not an ISO 8601 date (YYYY-MM-DD[Thh:mm...]); relative dates left unanchored"
            ));
        }
        self.date_raw = raw;
    }
}

/// Parses `YYYY-MM-DD`, optionally followed by a time (`T...` or ` ...`).
pub fn parse_iso_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    let day = raw.get(..10)?;
    match raw.as_bytes().get(10) {
        None | Some(b'T') | Some(b't') | Some(b' ') => {}
        Some(_) => return None,
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// A record that could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadArticle {
    /// The id it would have had (`FILE:LINE` unless the record named one).
    pub id: String,
    /// What was wrong, naming the file and line.
    pub error: String,
}

/// What the reader yields: an article, or a record that failed.
pub type Item = Result<Article, BadArticle>;

/// An input that cannot be used at all.
#[derive(Debug)]
pub struct InputError {
    /// The path.
    pub path: PathBuf,
    /// What was wrong.
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for InputError {}

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Jsonl,
    Csv,
    Txt,
}

fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "csv" => Some(Format::Csv),
        "txt" => Some(Format::Txt),
        _ => None,
    }
}

/// One input source, in batch order.
#[derive(Debug, Clone)]
enum Source {
    Stdin,
    File(PathBuf, Format),
}

/// Expands inputs into sources: directories walked recursively (sorted by
/// name) for `.jsonl`, `.ndjson`, `.csv` and `.txt`; `-` is JSONL on stdin.
/// Fails when an input does not exist or has an unknown extension.
fn expand(inputs: &[PathBuf]) -> Result<Vec<Source>, InputError> {
    let mut sources = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let meta = std::fs::metadata(input).map_err(|e| InputError {
            path: input.clone(),
            message: format!("cannot read input: {e}"),
        })?;
        if meta.is_dir() {
            for entry in walkdir::WalkDir::new(input).sort_by_file_name() {
                let entry = entry.map_err(|e| InputError {
                    path: input.clone(),
                    message: format!("cannot walk directory: {e}"),
                })?;
                if entry.file_type().is_file() {
                    if let Some(f) = format_of(entry.path()) {
                        sources.push(Source::File(entry.into_path(), f));
                    }
                }
            }
        } else {
            let f = format_of(input).ok_or_else(|| InputError {
                path: input.clone(),
                message:
                    "unknown input kind: expected .jsonl, .ndjson, .csv, .txt, a directory or -"
                        .into(),
            })?;
            sources.push(Source::File(input.clone(), f));
        }
    }
    Ok(sources)
}

/// Streams articles from several inputs, in order.
pub struct Corpus {
    sources: std::vec::IntoIter<Source>,
    current: Option<Box<dyn Iterator<Item = Item> + Send>>,
}

impl Corpus {
    /// Opens the inputs. Fails only when an input is missing or of an
    /// unknown kind; problems inside a file become [`BadArticle`]s.
    pub fn open(inputs: &[PathBuf]) -> Result<Corpus, InputError> {
        Ok(Corpus {
            sources: expand(inputs)?.into_iter(),
            current: None,
        })
    }

    fn open_source(source: Source) -> Box<dyn Iterator<Item = Item> + Send> {
        match source {
            Source::Stdin => Box::new(JsonlReader::new(
                "<stdin>".into(),
                Box::new(BufReader::new(io::stdin())),
            )),
            Source::File(path, format) => {
                let name = path.display().to_string();
                let file = match File::open(&path) {
                    Ok(f) => f,
                    Err(e) => {
                        return Box::new(std::iter::once(Err(BadArticle {
                            id: name.clone(),
                            error: format!("{name}: cannot open: {e}"),
                        })))
                    }
                };
                match format {
                    Format::Jsonl => Box::new(JsonlReader::new(
                        name,
                        Box::new(BufReader::with_capacity(1 << 16, file)),
                    )),
                    Format::Csv => Box::new(CsvReader::new(name, path, file)),
                    Format::Txt => Box::new(std::iter::once(read_txt(name, file))),
                }
            }
        }
    }
}

impl Iterator for Corpus {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(cur) = &mut self.current {
                if let Some(item) = cur.next() {
                    return Some(item);
                }
                self.current = None;
            }
            self.current = Some(Corpus::open_source(self.sources.next()?));
        }
    }
}

fn read_txt(name: String, mut file: File) -> Item {
    let mut bytes = Vec::new();
    if let Err(e) = file.read_to_end(&mut bytes) {
        return Err(BadArticle {
            id: name.clone(),
            error: format!("{name}: read error: {e}"),
        });
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Article::new(name, text)),
        Err(e) => Err(BadArticle {
            id: name.clone(),
            error: format!(
                "{name}: invalid UTF-8 at byte {}",
                e.utf8_error().valid_up_to()
            ),
        }),
    }
}

/// Reads one article per line; blank lines are skipped.
pub struct JsonlReader {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlReader {
    /// Reads JSONL from `reader`; `name` names it in ids and errors.
    pub fn new(name: String, reader: Box<dyn BufRead + Send>) -> JsonlReader {
        JsonlReader {
            name,
            reader,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    /// `FILE:LINE` of the current line: its id when it names none, and
    /// the place its errors point to.
    fn at(&self) -> String {
        format!("{}:{}", self.name, self.line)
    }

    fn parse_line(&self, bytes: &[u8]) -> Item {
        let fail = |id: String, msg: String| BadArticle {
            error: format!("{}: {msg}", self.at()),
            id,
        };
        let text = std::str::from_utf8(bytes).map_err(|e| {
            fail(
                self.at(),
                format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
            )
        })?;
        let line: Line = serde_json::from_str(text)
            .map_err(|e| fail(self.at(), format!("malformed JSON: {e}")))?;
        let Line::Object(record) = line else {
            return Err(fail(self.at(), "expected a JSON object".into()));
        };
        let id = match record.id {
            Field::Missing => self.at(),
            Field::String(s) => s,
            // Integers only: a float, or an integer past 64 bits, would be
            // rounded, and two ids could silently become one.
            Field::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
            Field::Number(n) => {
                return Err(fail(
                    self.at(),
                    format!("`id` {n} is not an integer of at most 64 bits: give it as a string to keep it exact"),
                ))
            }
            other => {
                return Err(fail(
                    self.at(),
                    format!("`id` must be a string or a number, found {}", other.kind()),
                ))
            }
        };
        let text = match record.text {
            Field::String(s) => s,
            Field::Missing => return Err(fail(id, "missing `text`".into())),
            other => {
                return Err(fail(
                    id,
                    format!("`text` must be a string, found {}", other.kind()),
                ))
            }
        };
        let mut article = Article::new(id, text);
        let string = |key: &str, field: Field| match field {
            Field::String(s) => Ok(s),
            Field::Missing => Ok(String::new()),
            Field::Number(n) => Ok(n.to_string()),
            other => Err(format!("`{key}` must be a string, found {}", other.kind())),
        };
        let fail_here = |m: String| fail(article.id.clone(), m);
        let title = string("title", record.title).map_err(fail_here)?;
        let source = string("source", record.source).map_err(fail_here)?;
        let url = string("url", record.url).map_err(fail_here)?;
        let date = string("date", record.date).map_err(fail_here)?;
        article.title = title;
        article.source = source;
        article.url = url;
        article.set_date_owned(date);
        Ok(article)
    }
}

/// One JSONL line as parsed: an object's article fields, or any other
/// JSON value. Parsing it validates the whole line exactly as parsing it
/// into a [`serde_json::Value`] would (same syntax, number range, escape
/// and nesting errors), but only the article's fields are kept.
enum Line {
    Object(Record),
    NotObject,
}

/// The article fields of a JSONL object; other members are checked and
/// dropped. A member given twice counts with its last value, as in a
/// [`serde_json::Map`].
#[derive(Default)]
struct Record {
    id: Field,
    text: Field,
    title: Field,
    source: Field,
    url: Field,
    date: Field,
}

/// The value of an article field, as far as the reader cares.
#[derive(Default)]
enum Field {
    /// Absent or `null`.
    #[default]
    Missing,
    String(String),
    Number(Number),
    Bool,
    Array,
    Object,
}

impl Field {
    /// The kind of value, for error messages ("found a boolean").
    fn kind(&self) -> &'static str {
        match self {
            Field::Missing => "null",
            Field::Bool => "a boolean",
            Field::Number(_) => "a number",
            Field::String(_) => "a string",
            Field::Array => "an array",
            Field::Object => "an object",
        }
    }
}

/// The members of a JSONL object that the reader keeps.
enum Key {
    Id,
    Text,
    Title,
    Source,
    Url,
    Date,
    Other,
}

/// Any JSON value, validated as [`serde_json::Value`] would be and then
/// dropped without being stored. (Not [`IgnoredAny`](de::IgnoredAny): serde_json skips
/// such values without checking number range or `\u` surrogates, and a
/// line it accepts that way would change from an error to an article.)
struct Skip;

impl<'de> Deserialize<'de> for Line {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Line, D::Error> {
        deserializer.deserialize_any(LineVisitor)
    }
}

struct LineVisitor;

impl<'de> Visitor<'de> for LineVisitor {
    type Value = Line;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Line, A::Error> {
        let mut record = Record::default();
        while let Some(key) = map.next_key::<Key>()? {
            let slot = match key {
                Key::Id => &mut record.id,
                Key::Text => &mut record.text,
                Key::Title => &mut record.title,
                Key::Source => &mut record.source,
                Key::Url => &mut record.url,
                Key::Date => &mut record.date,
                Key::Other => {
                    map.next_value::<Skip>()?;
                    continue;
                }
            };
            *slot = map.next_value()?;
        }
        Ok(Line::Object(record))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Line, A::Error> {
        SkipVisitor.visit_seq(seq).map(|_| Line::NotObject)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Line, E> {
        Ok(Line::NotObject)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Line, E> {
        Ok(Line::NotObject)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Line, E> {
        Ok(Line::NotObject)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Line, E> {
        Ok(Line::NotObject)
    }

    fn visit_str<E>(self, _: &str) -> Result<Line, E> {
        Ok(Line::NotObject)
    }

    fn visit_unit<E>(self) -> Result<Line, E> {
        Ok(Line::NotObject)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E>(self, key: &str) -> Result<Key, E> {
        Ok(match key {
            "id" => Key::Id,
            "text" => Key::Text,
            "title" => Key::Title,
            "source" => Key::Source,
            "url" => Key::Url,
            "date" => Key::Date,
            _ => Key::Other,
        })
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Field, D::Error> {
        deserializer.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = Field;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_str<E>(self, s: &str) -> Result<Field, E> {
        Ok(Field::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Field, E> {
        Ok(Field::String(s))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Field, E> {
        Ok(Field::Number(n.into()))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Field, E> {
        Ok(Field::Number(n.into()))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Field, E> {
        // The parser yields finite numbers only.
        Number::from_f64(n)
            .map(Field::Number)
            .ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Field, E> {
        Ok(Field::Bool)
    }

    fn visit_unit<E>(self) -> Result<Field, E> {
        Ok(Field::Missing)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Field, A::Error> {
        SkipVisitor.visit_seq(seq).map(|_| Field::Array)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Field, A::Error> {
        SkipVisitor.visit_map(map).map(|_| Field::Object)
    }
}

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Skip, D::Error> {
        deserializer.deserialize_any(SkipVisitor)
    }
}

struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skip;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_unit<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}

/// Appends the next line of `reader` to `buf`, its `\n` included, and
/// returns its length in bytes (0 at the end of the input): what
/// [`BufRead::read_until`] does, with the `memchr` crate's vectorized
/// search for the newline instead of std's word-at-a-time one.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> io::Result<usize> {
    let mut read = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let (taken, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), available.is_empty()),
        };
        buf.extend_from_slice(&available[..taken]);
        reader.consume(taken);
        read += taken;
        if done {
            return Ok(read);
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            self.buf.clear();
            self.line += 1;
            match read_line(&mut *self.reader, &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    let mut line: &[u8] = &self.buf;
                    if self.line == 1 {
                        line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
                    }
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(self.parse_line(line));
                }
                Err(e) => {
                    self.done = true;
                    let at = format!("{}:{}", self.name, self.line);
                    return Some(Err(BadArticle {
                        id: at.clone(),
                        error: format!("{at}: read error: {e}"),
                    }));
                }
            }
        }
        None
    }
}

/// Reads a CSV with a header row holding at least `text`.
pub struct CsvReader {
    name: String,
    path: PathBuf,
    /// The file's length when opened.
    len: u64,
    reader: csv::Reader<File>,
    columns: Option<Result<CsvColumns, String>>,
    record: csv::ByteRecord,
    done: bool,
}

#[derive(Debug, Clone, Copy)]
struct CsvColumns {
    text: usize,
    id: Option<usize>,
    title: Option<usize>,
    date: Option<usize>,
    source: Option<usize>,
    url: Option<usize>,
}

impl CsvReader {
    fn new(name: String, path: PathBuf, file: File) -> CsvReader {
        CsvReader {
            name,
            path,
            len: file.metadata().map_or(u64::MAX, |m| m.len()),
            reader: csv::ReaderBuilder::new().flexible(true).from_reader(file),
            columns: None,
            record: csv::ByteRecord::new(),
            done: false,
        }
    }

    fn columns(&mut self) -> Result<CsvColumns, String> {
        let headers = self
            .reader
            .byte_headers()
            .map_err(|e| format!("{}: cannot read the header row: {e}", self.name))?;
        let find = |key: &str| {
            headers.iter().position(|h| {
                std::str::from_utf8(h).is_ok_and(|h| h.trim().eq_ignore_ascii_case(key))
            })
        };
        Ok(CsvColumns {
            text: find("text")
                .ok_or_else(|| format!("{}:1: the header row has no `text` column", self.name))?,
            id: find("id"),
            title: find("title"),
            date: find("date"),
            source: find("source"),
            url: find("url"),
        })
    }

    fn article(&self, cols: CsvColumns) -> Item {
        let line = self.record.position().map_or(0, |p| p.line());
        let at = format!("{}:{}", self.name, line);
        let field = |c: Option<usize>, key: &str| -> Result<String, BadArticle> {
            let Some(bytes) = c.and_then(|c| self.record.get(c)) else {
                return Ok(String::new());
            };
            String::from_utf8(bytes.to_vec()).map_err(|e| BadArticle {
                id: at.clone(),
                error: format!(
                    "{at}: invalid UTF-8 in `{key}` at byte {}",
                    e.utf8_error().valid_up_to()
                ),
            })
        };
        if self.record.get(cols.text).is_none() {
            return Err(BadArticle {
                id: at.clone(),
                error: format!("{at}: the row has no `text` field"),
            });
        }
        let id = field(cols.id, "id")?;
        let mut article = Article::new(
            if id.is_empty() { at.clone() } else { id },
            field(Some(cols.text), "text")?,
        );
        article.title = field(cols.title, "title")?;
        article.source = field(cols.source, "source")?;
        article.url = field(cols.url, "url")?;
        let date = field(cols.date, "date")?;
        article.set_date(&date);
        Ok(article)
    }
}

impl CsvReader {
    /// An error when the current record (the file's last) opens a quoted
    /// field that never closes: the CSV reader then takes everything to the
    /// end of the file as one field, and the articles in it would vanish
    /// into one text without a word.
    fn unterminated_quote(&self) -> Option<BadArticle> {
        let start = self.record.position()?.byte();
        let mut file = File::open(&self.path).ok()?;
        io::Seek::seek(&mut file, io::SeekFrom::Start(start)).ok()?;
        let mut raw = Vec::new();
        file.read_to_end(&mut raw).ok()?;
        if !ends_inside_quotes(&raw) {
            return None;
        }
        let line = self.record.position().map_or(0, |p| p.line());
        let body = raw.strip_suffix(b"\n").unwrap_or(&raw);
        let last = line + body.iter().filter(|&&b| b == b'\n').count() as u64;
        let at = format!("{}:{line}", self.name);
        Some(BadArticle {
            id: at.clone(),
            error: format!(
                "{at}: malformed CSV: a quoted field opens here and never closes, so lines {line}-{last} would read as one field; close or escape (\"\") the quote"
            ),
        })
    }
}

/// Whether CSV bytes (starting at a record) end inside a quoted field,
/// following RFC 4180 as the `csv` crate reads it: a field is quoted when
/// it starts with `"`, and `""` inside it is an escaped quote.
fn ends_inside_quotes(raw: &[u8]) -> bool {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    for &b in raw {
        state = match (state, b) {
            (State::FieldStart, b'"') => State::Quoted,
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b',' | b'\n' | b'\r') => State::FieldStart,
            (_, _) => State::Unquoted,
        };
    }
    state == State::Quoted
}

impl Iterator for CsvReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        if self.columns.is_none() {
            self.columns = Some(self.columns());
        }
        let cols = match self.columns.clone()? {
            Ok(c) => c,
            Err(_) if self.reader.byte_headers().is_ok_and(|h| h.is_empty()) => {
                // An empty file: no header, no articles.
                self.done = true;
                return None;
            }
            Err(error) => {
                self.done = true;
                return Some(Err(BadArticle {
                    id: self.name.clone(),
                    error,
                }));
            }
        };
        match self.reader.read_byte_record(&mut self.record) {
            Ok(true) if self.reader.position().byte() >= self.len => {
                // The last record: make sure it did not swallow the rest of
                // the file through a quote that never closes.
                self.done = true;
                Some(match self.unterminated_quote() {
                    Some(error) => Err(error),
                    None => self.article(cols),
                })
            }
            Ok(true) => Some(self.article(cols)),
            Ok(false) => {
                self.done = true;
                None
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let at = format!("{}:{}", self.name, line);
                // A CSV syntax error may leave the reader unable to resync: stop this file.
                self.done = !matches!(e.kind(), csv::ErrorKind::Utf8 { .. });
                Some(Err(BadArticle {
                    id: at.clone(),
                    error: format!("{at}: malformed CSV: {e}"),
                }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jsonl(input: &str) -> Vec<Item> {
        JsonlReader::new(
            "f.jsonl".into(),
            Box::new(io::Cursor::new(input.as_bytes().to_vec())),
        )
        .collect()
    }

    #[test]
    fn reads_fields_and_defaults_the_id() {
        let items = jsonl(
            "{\"text\":\"a\",\"date\":\"2023-09-23T10:00:00Z\"}\n\n{\"id\":7,\"text\":\"b\"}\n",
        );
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.id, "f.jsonl:1");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2023, 9, 23));
        assert_eq!(items[1].as_ref().unwrap().id, "7");
        assert_eq!(items.len(), 2);
    }

    #[test]
    fn broken_line_is_an_error_between_good_ones() {
        let items = jsonl("{\"text\":\"a\"}\n{\"text\": oops\n{\"text\":\"c\"}\n");
        assert!(items[0].is_ok() && items[2].is_ok());
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(e.id, "f.jsonl:2");
        assert!(
            e.error.starts_with("f.jsonl:2: malformed JSON"),
            "{}",
            e.error
        );
    }

    #[test]
    fn missing_and_non_string_text() {
        let items = jsonl("{\"id\":\"x\"}\n{\"text\":5}\n");
        assert!(items[0]
            .as_ref()
            .unwrap_err()
            .error
            .contains("missing `text`"));
        assert!(items[1]
            .as_ref()
            .unwrap_err()
            .error
            .contains("`text` must be a string, found a number"));
    }

    #[test]
    fn invalid_utf8_is_rejected() {
        let mut bytes = b"{\"text\":\"a".to_vec();
        bytes.extend([0xff, b'"', b'}', b'\n']);
        let items: Vec<Item> =
            JsonlReader::new("f.jsonl".into(), Box::new(io::Cursor::new(bytes))).collect();
        assert!(items[0]
            .as_ref()
            .unwrap_err()
            .error
            .contains("invalid UTF-8"));
    }

    #[test]
    fn unparseable_date_is_a_warning() {
        let items = jsonl("{\"text\":\"a\",\"date\":\"last Tuesday\"}\n");
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.date, None);
        assert_eq!(a.warnings.len(), 1);
    }

    /// The reader as it was when it parsed each line into a
    /// [`serde_json::Value`]: the typed parse must match it, line for line.
    fn parse_with_value(name: &str, line: usize, bytes: &[u8]) -> Item {
        use serde_json::Value;
        fn kind(v: &Value) -> &'static str {
            match v {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::String(_) => "a string",
                Value::Array(_) => "an array",
                Value::Object(_) => "an object",
            }
        }
        let at = format!("{name}:{line}");
        let fail = |id: &str, msg: String| BadArticle {
            id: id.to_string(),
            error: format!("{at}: {msg}"),
        };
        let text = std::str::from_utf8(bytes).map_err(|e| {
            fail(
                &at,
                format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
            )
        })?;
        let value: Value =
            serde_json::from_str(text).map_err(|e| fail(&at, format!("malformed JSON: {e}")))?;
        let Value::Object(mut obj) = value else {
            return Err(fail(&at, "expected a JSON object".into()));
        };
        let id = match obj.remove("id") {
            None | Some(Value::Null) => at.clone(),
            Some(Value::String(s)) => s,
            Some(Value::Number(n)) if n.is_i64() || n.is_u64() => n.to_string(),
            Some(Value::Number(n)) => {
                return Err(fail(
                    &at,
                    format!("`id` {n} is not an integer of at most 64 bits: give it as a string to keep it exact"),
                ))
            }
            Some(other) => {
                return Err(fail(
                    &at,
                    format!("`id` must be a string or a number, found {}", kind(&other)),
                ))
            }
        };
        let text = match obj.remove("text") {
            Some(Value::String(s)) => s,
            None | Some(Value::Null) => return Err(fail(&id, "missing `text`".into())),
            Some(other) => {
                return Err(fail(
                    &id,
                    format!("`text` must be a string, found {}", kind(&other)),
                ))
            }
        };
        let mut article = Article::new(id, text);
        let mut string = |key: &str| match obj.remove(key) {
            Some(Value::String(s)) => Ok(s),
            None | Some(Value::Null) => Ok(String::new()),
            Some(Value::Number(n)) => Ok(n.to_string()),
            Some(other) => Err(format!("`{key}` must be a string, found {}", kind(&other))),
        };
        article.title = string("title").map_err(|m| fail(&article.id, m))?;
        article.source = string("source").map_err(|m| fail(&article.id, m))?;
        article.url = string("url").map_err(|m| fail(&article.id, m))?;
        let date = string("date").map_err(|m| fail(&article.id, m))?;
        article.set_date(&date);
        Ok(article)
    }

    /// Reads `line` as the second line of a file, both ways.
    fn both_ways(line: &[u8]) -> (Item, Item) {
        let mut input = b"\n".to_vec();
        input.extend_from_slice(line);
        let typed = JsonlReader::new("f.jsonl".into(), Box::new(io::Cursor::new(input)))
            .next()
            .expect("a non-blank line is an item");
        (typed, parse_with_value("f.jsonl", 2, line))
    }

    /// Lines that are hard to get right, each read both ways.
    const HOSTILE_LINES: &[&str] = &[
        r#"{"id":"a","text":"b","title":"c","source":"d","url":"e","date":"2024-01-02"}"#,
        r#"{"id":7,"text":"b"}"#,
        r#"{"id":-7,"text":"b"}"#,
        r#"{"id":18446744073709551615,"text":"b"}"#,
        r#"{"id":18446744073709551616,"text":"b"}"#,
        r#"{"id":-9223372036854775809,"text":"b"}"#,
        r#"{"id":1.5,"text":"b"}"#,
        r#"{"id":1.0,"text":"b"}"#,
        r#"{"id":-0,"text":"b"}"#,
        r#"{"id":1e3,"text":"b"}"#,
        r#"{"id":true,"text":"b"}"#,
        r#"{"id":[1],"text":"b"}"#,
        r#"{"id":{"a":1},"text":"b"}"#,
        r#"{"id":null,"text":"b"}"#,
        r#"{"text":5}"#,
        r#"{"text":["a"]}"#,
        r#"{"text":{"a":"b"}}"#,
        r#"{"text":false}"#,
        r#"{"text":null}"#,
        r#"{"id":"x"}"#,
        r#"{"id":"x","text":"a","title":1.25}"#,
        r#"{"id":"x","text":"a","title":-3,"source":12}"#,
        r#"{"id":"x","text":"a","title":true}"#,
        r#"{"id":"x","text":"a","source":[]}"#,
        r#"{"id":"x","text":"a","url":{}}"#,
        r#"{"id":"x","text":"a","date":20240101}"#,
        r#"{"id":"x","text":"a","date":"last Tuesday"}"#,
        r#"{"id":"x","text":"a","date":null,"title":null}"#,
        r#"{"id":"x","text":5,"title":true}"#,
        r#"{"id":true,"text":5}"#,
        r#"{"text":"first","text":"second"}"#,
        r#"{"text":5,"text":"second"}"#,
        r#"{"text":"first","text":5}"#,
        r#"{"text":"a","id":"one","id":"two"}"#,
        r#"{"text":"a","id":"one","id":null}"#,
        r#"{"t\u0065xt":"escaped key","\u0069d":"i"}"#,
        r#"{"text":"a\nb\u00e9\ud83d\ude00\"q\""}"#,
        r#"{"text":"a","topics":["x","y"],"places":[{"n":1}],"n":1.5e300}"#,
        r#"{"text":"a","n":1e400}"#,
        r#"{"text":"a","s":"\ud800"}"#,
        r#"{"text":"a","s":"\udc00x"}"#,
        r#"{"text":"a","s":"\x"}"#,
        r#"{"text":"a","k":[1,2,}"#,
        r#"{"text":"a","k":01}"#,
        r#"{"text":"a","k":-}"#,
        r#"{"text":"a"} trailing"#,
        r#"{"text":"a",}"#,
        r#"{"text":"a""#,
        r#"{"text": oops"#,
        r#"[1,2,3]"#,
        r#"[1,2,"#,
        r#"[1e400]"#,
        r#""text""#,
        r#"42"#,
        r#"null"#,
        r#"true"#,
        "{\"text\":\"tab\tinside\"}",
        "{\"text\":\"a\",\"s\":\"ctrl\u{1}\"}",
        "  {\"text\":\"padded\"}  \r",
        "{\"text\":\"a\"}\u{feff}",
    ];

    #[test]
    fn typed_lines_read_as_a_json_value_would() {
        for line in HOSTILE_LINES {
            let (typed, value) = both_ways(line.as_bytes());
            assert_eq!(typed, value, "{line}");
        }
    }

    #[test]
    fn deep_nesting_fails_as_a_json_value_would() {
        for depth in [100, 126, 127, 128, 129, 200] {
            let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            for line in [
                format!("{{\"text\":\"a\",\"deep\":{nested}}}"),
                format!("{{\"text\":\"a\",\"id\":{nested}}}"),
                nested,
            ] {
                let (typed, value) = both_ways(line.as_bytes());
                assert_eq!(typed, value, "{line}");
            }
        }
    }

    #[test]
    fn a_float_id_and_an_array_text_are_errors() {
        let items = jsonl("{\"id\":2.0,\"text\":\"a\"}\n{\"id\":\"k\",\"text\":[\"a\"]}\n");
        let e = items[0].as_ref().unwrap_err();
        assert_eq!(e.id, "f.jsonl:1");
        assert_eq!(
            e.error,
            "f.jsonl:1: `id` 2.0 is not an integer of at most 64 bits: give it as a string to keep it exact"
        );
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(e.id, "k");
        assert_eq!(
            e.error,
            "f.jsonl:2: `text` must be a string, found an array"
        );
    }

    #[test]
    fn a_member_given_twice_counts_with_its_last_value() {
        let items = jsonl("{\"text\":5,\"text\":\"b\",\"id\":\"x\",\"id\":\"y\"}\n");
        let a = items[0].as_ref().unwrap();
        assert_eq!((a.id.as_str(), a.text.as_str()), ("y", "b"));
    }

    #[test]
    fn out_of_range_numbers_and_lone_surrogates_in_other_members_are_errors() {
        for line in [
            "{\"text\":\"a\",\"n\":1e400}\n",
            "{\"text\":\"a\",\"s\":[\"\\ud800\"]}\n",
        ] {
            let items = jsonl(line);
            let e = items[0].as_ref().unwrap_err();
            assert!(
                e.error.starts_with("f.jsonl:1: malformed JSON"),
                "{}",
                e.error
            );
        }
    }

    proptest::proptest! {
        /// Lines made of JSON's own pieces, broken or not, read both ways.
        #[test]
        fn jsonish_lines_read_as_a_json_value_would(
            line in r#"\{("(id|text|title|date|url|source|x)": ?(-?[0-9]{1,21}(\.[0-9])?(e-?[0-9]{1,3})?|"[a-z\\u0-9d8]{0,6}"|null|true|\[[0-9,"a\]\[{}]{0,6}\]|\{\}|[,:"]),?){0,6}\}?"#
        ) {
            let (typed, value) = both_ways(line.as_bytes());
            proptest::prop_assert_eq!(typed, value);
        }
    }

    #[test]
    fn lines_split_as_read_until_splits_them() {
        for input in [
            &b""[..],
            b"\n",
            b"a",
            b"a\n",
            b"ab\ncd",
            b"\n\nabcdefghij\nk\n\n",
            b"{\"text\":\"a long line across several buffers\"}\n{}",
        ] {
            for capacity in [1, 2, 3, 7, 64] {
                let (mut ours, mut std_reader) = (
                    io::BufReader::with_capacity(capacity, input),
                    io::BufReader::with_capacity(capacity, input),
                );
                loop {
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    let n = read_line(&mut ours, &mut a).unwrap();
                    assert_eq!(n, std_reader.read_until(b'\n', &mut b).unwrap());
                    assert_eq!(a, b, "{capacity} {}", String::from_utf8_lossy(input));
                    if n == 0 {
                        break;
                    }
                }
            }
        }
    }

    #[test]
    fn iso_dates() {
        assert!(parse_iso_date("2023-09-23").is_some());
        assert!(parse_iso_date("2023-09-23 08:00").is_some());
        assert!(parse_iso_date("2023-09-231").is_none());
        assert!(parse_iso_date("23/09/2023").is_none());
    }

    #[test]
    fn open_quotes_at_the_end() {
        for (raw, open) in [
            (&b"a,\"In Baku.\nb,x\n"[..], true),
            (b"a,\"In \"\"Baku\"\".\"\n", false),
            (b"a,\"In\nBaku\"\n", false),
            (b"a,5\" screen\n", false),
            (b"a,\"x\"y,\"", true),
            (b"", false),
        ] {
            assert_eq!(
                ends_inside_quotes(raw),
                open,
                "{}",
                String::from_utf8_lossy(raw)
            );
        }
    }
}

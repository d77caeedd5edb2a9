//! Parsing dictionary TSV files into entries, with errors that name the
//! file, the line and the problem.

use std::fmt;

use crate::span::Label;

/// How strictly an alias's letter case must match the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CasePolicy {
    /// Any case and diacritics.
    Fold,
    /// The text's first letter must be uppercase (diacritics and the rest folded).
    Cased,
    /// The text must equal the alias exactly.
    Exact,
}

impl CasePolicy {
    fn parse(s: &str) -> Option<CasePolicy> {
        Some(match s {
            "fold" => CasePolicy::Fold,
            "cased" => CasePolicy::Cased,
            "exact" => CasePolicy::Exact,
            _ => return None,
        })
    }

    /// The policy for an alias with no explicit `case` column: short
    /// all-caps aliases ("US", "AP") exact, others with a capital letter
    /// cased, all-lowercase aliases folded.
    pub fn default_for(alias: &str) -> CasePolicy {
        let (letters, upper) = letters_and_capitals(alias);
        if letters > 0 && upper == letters && letters <= 5 {
            CasePolicy::Exact
        } else if upper > 0 {
            CasePolicy::Cased
        } else {
            CasePolicy::Fold
        }
    }
}

/// How many letters, and how many capitals, `s` has (one pass; ASCII
/// counted by byte).
fn letters_and_capitals(s: &str) -> (usize, usize) {
    if s.is_ascii() {
        s.bytes().fold((0, 0), |(letters, upper), b| {
            (
                letters + usize::from(b.is_ascii_alphabetic()),
                upper + usize::from(b.is_ascii_uppercase()),
            )
        })
    } else {
        s.chars().fold((0, 0), |(letters, upper), c| {
            (
                letters + usize::from(c.is_alphabetic()),
                upper + usize::from(c.is_uppercase()),
            )
        })
    }
}

/// Fills `fields` with the tab-separated fields of `line`, up to the first
/// `wanted` of them (later ones are not read).
fn split_fields<'a>(line: &'a str, wanted: usize, fields: &mut Vec<&'a str>) {
    fields.clear();
    let mut start = 0;
    for (i, &b) in line.as_bytes().iter().enumerate() {
        if b == b'\t' {
            fields.push(&line[start..i]);
            if fields.len() == wanted {
                return;
            }
            start = i + 1;
        }
    }
    fields.push(&line[start..]);
}

/// One alias of one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Namespaced id (`geonames:587084`).
    pub id: String,
    /// What it names.
    pub label: Label,
    /// Canonical name.
    pub canonical: String,
    /// The surface form as written in the dictionary.
    pub alias: String,
    /// Case policy.
    pub case: CasePolicy,
    /// Higher wins when several entries share one alias.
    pub priority: i32,
}

/// A dictionary that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryError {
    /// The file (or embedded name).
    pub file: String,
    /// 1-based line, 0 when the problem is the whole file.
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for DictionaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

impl std::error::Error for DictionaryError {}

/// Bodies at least this long are parsed in two halves on two threads.
const PARALLEL_BODY_BYTES: usize = 512 * 1024;

/// Parses one dictionary TSV. `file` names it in errors.
pub fn parse_tsv(file: &str, contents: &str) -> Result<Vec<Entry>, DictionaryError> {
    let (header_line, header, body_start) =
        find_header(contents).ok_or_else(|| DictionaryError {
            file: file.to_string(),
            line: 0,
            message: "empty file: expected a header row".into(),
        })?;
    let columns = Columns::of_header(file, header_line, header)?;
    let body = &contents[body_start..];
    let Some(split) = halfway_line_end(body).filter(|_| body.len() >= PARALLEL_BODY_BYTES) else {
        return columns.parse_rows(file, body, header_line);
    };
    let (first, second) = body.split_at(split);
    std::thread::scope(|scope| {
        let later = scope.spawn(|| {
            let lines_before = header_line + first.bytes().filter(|&b| b == b'\n').count();
            columns.parse_rows(file, second, lines_before)
        });
        let earlier = columns.parse_rows(file, first, header_line);
        let later = later
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let mut entries = earlier?;
        entries.extend(later?);
        Ok(entries)
    })
}

/// Whether a line holds data: not a `#` comment, not blank.
fn is_data_line(line: &str) -> bool {
    !line.starts_with('#') && !trim(line).is_empty()
}

/// `s` without leading and trailing whitespace, as [`str::trim`]; most
/// fields need none, which the bytes at their ends tell at once.
fn trim(s: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b.is_ascii());
    let bytes = s.as_bytes();
    if plain(bytes.first()) && plain(bytes.last()) {
        s
    } else {
        s.trim()
    }
}

/// `line` without its line end.
fn without_line_end(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// The first data line of `contents`: its 1-based number, its text (byte
/// order mark dropped), and the byte offset of the line after it.
fn find_header(contents: &str) -> Option<(usize, &str, usize)> {
    let mut end = 0;
    for (i, raw) in contents.split_inclusive('\n').enumerate() {
        end += raw.len();
        let line = without_line_end(raw);
        if is_data_line(line) {
            return Some((i + 1, line.trim_start_matches('\u{feff}'), end));
        }
    }
    None
}

/// The byte offset just past the first line end at or after the middle of
/// `body`, if that leaves something on both sides.
fn halfway_line_end(body: &str) -> Option<usize> {
    let mid = body.len() / 2;
    let at = mid + body.as_bytes()[mid..].iter().position(|&b| b == b'\n')? + 1;
    (at < body.len()).then_some(at)
}

/// Where each column of a dictionary TSV is, from its header.
#[derive(Debug, Clone, Copy)]
struct Columns {
    id: usize,
    label: usize,
    canonical: usize,
    alias: usize,
    case: Option<usize>,
    priority: Option<usize>,
    /// How many leading fields of a row hold all of the above.
    wanted: usize,
}

impl Columns {
    /// Reads the header row (line `line` of `file`).
    fn of_header(file: &str, line: usize, header: &str) -> Result<Columns, DictionaryError> {
        let columns: Vec<&str> = header.split('\t').collect();
        let find = |name: &str| columns.iter().position(|c| c.trim() == name);
        let required = |name: &str| {
            find(name).ok_or_else(|| DictionaryError {
                file: file.to_string(),
                line,
                message: format!(
                    "header lacks the `{name}` column (need id, label, canonical, alias)"
                ),
            })
        };
        let (id, label, canonical, alias) = (
            required("id")?,
            required("label")?,
            required("canonical")?,
            required("alias")?,
        );
        let (case, priority) = (find("case"), find("priority"));
        let wanted = [id, label, canonical, alias]
            .into_iter()
            .chain(case)
            .chain(priority)
            .max()
            .unwrap_or(0)
            + 1;
        Ok(Columns {
            id,
            label,
            canonical,
            alias,
            case,
            priority,
            wanted,
        })
    }

    /// Parses the data rows of `body`, whose first line is line
    /// `lines_before + 1` of `file`.
    fn parse_rows(
        &self,
        file: &str,
        body: &str,
        lines_before: usize,
    ) -> Result<Vec<Entry>, DictionaryError> {
        let err = |line: usize, message: String| DictionaryError {
            file: file.to_string(),
            line,
            message,
        };
        let lines = body
            .lines()
            .enumerate()
            .map(|(i, l)| (lines_before + i + 1, l.strip_suffix('\r').unwrap_or(l)))
            .filter(|(_, l)| is_data_line(l));
        let mut entries = Vec::with_capacity(body.len() / 64);
        let mut fields: Vec<&str> = Vec::with_capacity(self.wanted);
        for (n, line) in lines {
            split_fields(line, self.wanted, &mut fields);
            let get = |c: usize| fields.get(c).map(|s| trim(s)).unwrap_or("");
            let alias = get(self.alias);
            if alias.is_empty() {
                return Err(err(n, "empty `alias`".into()));
            }
            let label = Label::parse(get(self.label)).ok_or_else(|| {
                err(
                    n,
                    format!(
                        "unknown label {:?} (expected PERSON, PLACE, ORG, DATE or NORP)",
                        get(self.label)
                    ),
                )
            })?;
            let case = match self.case.map(get).filter(|s| !s.is_empty()) {
                None => CasePolicy::default_for(alias),
                Some(s) => CasePolicy::parse(s).ok_or_else(|| {
                    err(
                        n,
                        format!("unknown case {s:?} (expected fold, cased or exact)"),
                    )
                })?,
            };
            let priority = match self.priority.map(get).filter(|s| !s.is_empty()) {
                None => 0,
                Some(s) => s
                    .parse()
                    .map_err(|_| err(n, format!("priority {s:?} is not an integer")))?,
            };
            let canonical = get(self.canonical);
            entries.push(Entry {
                id: get(self.id).to_string(),
                label,
                canonical: if canonical.is_empty() {
                    alias
                } else {
                    canonical
                }
                .to_string(),
                alias: alias.to_string(),
                case,
                priority,
            });
        }
        Ok(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_required_and_optional_columns() {
        let tsv = "# comment\nid\tlabel\tcanonical\talias\tcase\tpriority\n\
                   geonames:1\tPLACE\tBaku\tBakı\t\t5\nlocal:x\tORG\tX\tX Co\texact\t\n";
        let e = parse_tsv("t.tsv", tsv).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].alias, "Bakı");
        assert_eq!(e[0].case, CasePolicy::Cased);
        assert_eq!(e[0].priority, 5);
        assert_eq!(e[1].case, CasePolicy::Exact);
    }

    #[test]
    fn errors_name_file_and_line() {
        let tsv = "id\tlabel\tcanonical\talias\nx\tPLACE\tA\tA\ny\tTOWN\tB\tB\n";
        let e = parse_tsv("d.tsv", tsv).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.to_string().starts_with("d.tsv:3: unknown label"), "{e}");
    }

    #[test]
    fn missing_column_is_reported() {
        let e = parse_tsv("d.tsv", "id\tlabel\talias\n").unwrap_err();
        assert!(e.to_string().contains("`canonical`"), "{e}");
    }

    /// A TSV long enough to be parsed in two halves, with comment and
    /// blank lines in between, and `bad` written on line `bad_line`.
    fn long_tsv(bad_line: Option<usize>) -> String {
        let mut tsv =
            String::from("# big\r\nid\tlabel\tcanonical\talias\tcase\tpriority\tmore\r\n");
        let mut line = 2;
        while tsv.len() < 2 * PARALLEL_BODY_BYTES {
            line += 1;
            if Some(line) == bad_line {
                tsv.push_str("x\tTOWN\tB\tB\n");
            } else if line % 50 == 0 {
                tsv.push_str("# a comment\n\n");
                line += 1;
            } else {
                tsv.push_str(&format!(
                    "id:{line}\tPLACE\t\tPlace {line}\t\t{}\tx\r\n",
                    line % 7
                ));
            }
        }
        tsv
    }

    #[test]
    fn long_files_parse_as_one() {
        let tsv = long_tsv(None);
        let (header_line, header, body_start) = find_header(&tsv).unwrap();
        assert_eq!(header_line, 2);
        let columns = Columns::of_header("big.tsv", header_line, header).unwrap();
        let whole = columns
            .parse_rows("big.tsv", &tsv[body_start..], header_line)
            .unwrap();
        assert_eq!(parse_tsv("big.tsv", &tsv).unwrap(), whole);
        assert_eq!(whole[0].alias, "Place 3");
        assert!(whole.len() > 10_000);
    }

    #[test]
    fn long_files_name_the_line_of_an_error() {
        let lines = long_tsv(None).lines().count();
        for bad in [lines / 4 + 1, lines * 3 / 4 + 1] {
            let bad = if bad % 50 <= 1 { bad + 2 } else { bad };
            let e = parse_tsv("big.tsv", &long_tsv(Some(bad))).unwrap_err();
            assert_eq!(e.line, bad, "{e}");
        }
    }

    #[test]
    fn trim_agrees_with_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{b}a",
            "a\u{a0}",
            "\u{3000}a b\t",
            "ab",
            "é",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn short_all_caps_default_to_exact() {
        assert_eq!(CasePolicy::default_for("US"), CasePolicy::Exact);
        assert_eq!(CasePolicy::default_for("U.S."), CasePolicy::Exact);
        assert_eq!(CasePolicy::default_for("Baku"), CasePolicy::Cased);
        assert_eq!(CasePolicy::default_for("the kremlin"), CasePolicy::Fold);
    }
}

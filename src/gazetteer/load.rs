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

/// Parses one dictionary TSV. `file` names it in errors.
pub fn parse_tsv(file: &str, contents: &str) -> Result<Vec<Entry>, DictionaryError> {
    let err = |line: usize, message: String| DictionaryError {
        file: file.to_string(),
        line,
        message,
    };
    let mut lines = contents
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    let (header_line, header) = lines
        .next()
        .ok_or_else(|| err(0, "empty file: expected a header row".into()))?;
    let header = header.trim_start_matches('\u{feff}');
    let columns: Vec<&str> = header.split('\t').collect();
    let find = |name: &str| columns.iter().position(|c| c.trim() == name);
    let required = |name: &str| {
        find(name).ok_or_else(|| {
            err(
                header_line,
                format!("header lacks the `{name}` column (need id, label, canonical, alias)"),
            )
        })
    };
    let (c_id, c_label, c_canonical, c_alias) = (
        required("id")?,
        required("label")?,
        required("canonical")?,
        required("alias")?,
    );
    let (c_case, c_priority) = (find("case"), find("priority"));
    let wanted = [
        Some(c_id),
        Some(c_label),
        Some(c_canonical),
        Some(c_alias),
        c_case,
        c_priority,
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(0)
        + 1;
    let mut entries = Vec::with_capacity(contents.len() / 64);
    let mut fields: Vec<&str> = Vec::with_capacity(wanted);
    for (n, line) in lines {
        split_fields(line, wanted, &mut fields);
        let get = |c: usize| fields.get(c).map(|s| s.trim()).unwrap_or("");
        let alias = get(c_alias);
        if alias.is_empty() {
            return Err(err(n, "empty `alias`".into()));
        }
        let label = Label::parse(get(c_label)).ok_or_else(|| {
            err(
                n,
                format!(
                    "unknown label {:?} (expected PERSON, PLACE, ORG, DATE or NORP)",
                    get(c_label)
                ),
            )
        })?;
        let case = match c_case.map(get).filter(|s| !s.is_empty()) {
            None => CasePolicy::default_for(alias),
            Some(s) => CasePolicy::parse(s).ok_or_else(|| {
                err(
                    n,
                    format!("unknown case {s:?} (expected fold, cased or exact)"),
                )
            })?,
        };
        let priority = match c_priority.map(get).filter(|s| !s.is_empty()) {
            None => 0,
            Some(s) => s
                .parse()
                .map_err(|_| err(n, format!("priority {s:?} is not an integer")))?,
        };
        let canonical = get(c_canonical);
        entries.push(Entry {
            id: get(c_id).to_string(),
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

    #[test]
    fn short_all_caps_default_to_exact() {
        assert_eq!(CasePolicy::default_for("US"), CasePolicy::Exact);
        assert_eq!(CasePolicy::default_for("U.S."), CasePolicy::Exact);
        assert_eq!(CasePolicy::default_for("Baku"), CasePolicy::Cased);
        assert_eq!(CasePolicy::default_for("the kremlin"), CasePolicy::Fold);
    }
}

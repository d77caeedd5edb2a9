//! The other dictionary formats users already have: spaCy EntityRuler
//! pattern files (JSONL) and plain lists of one name per line with a label
//! given on the command line (`--dict PERSON=names.txt`).

use serde_json::Value;

use super::load::{CasePolicy, DictionaryError, Entry};
use crate::span::Label;

/// Entries parsed from a file, plus how many records were skipped because
/// their label is not one of newsner's (spaCy's `PRODUCT`, `EVENT`, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The entries.
    pub entries: Vec<Entry>,
    /// Records skipped for their label.
    pub skipped_labels: usize,
}

/// Maps a spaCy label to newsner's.
pub fn spacy_label(label: &str) -> Option<Label> {
    Some(match label {
        "PERSON" | "PER" => Label::Person,
        "GPE" | "LOC" | "FAC" | "PLACE" => Label::Place,
        "ORG" => Label::Org,
        "NORP" => Label::Norp,
        _ => return None,
    })
}

/// A readable `local:` id for a name that comes with none.
pub fn local_id(label: Label, name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in crate::normalize::fold(name).chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    format!("local:{}-{slug}", label.as_str().to_ascii_lowercase())
}

/// Parses a spaCy EntityRuler JSONL file: `{"label": "ORG", "pattern": "Acme Corp", "id": "..."}`,
/// where `pattern` is a string or a list of token dicts keyed `ORTH`, `TEXT` or `LOWER`.
pub fn parse_spacy_jsonl(file: &str, contents: &str) -> Result<Parsed, DictionaryError> {
    let mut parsed = Parsed::default();
    for (i, line) in contents.lines().enumerate() {
        let n = i + 1;
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        let err = |message: String| DictionaryError {
            file: file.to_string(),
            line: n,
            message,
        };
        let v: Value =
            serde_json::from_str(line).map_err(|e| err(format!("malformed JSON: {e}")))?;
        let label = v["label"]
            .as_str()
            .ok_or_else(|| err("missing string `label`".into()))?;
        let Some(label) = spacy_label(label) else {
            parsed.skipped_labels += 1;
            continue;
        };
        let (alias, case) = match &v["pattern"] {
            Value::String(s) => (s.clone(), CasePolicy::default_for(s)),
            Value::Array(tokens) => token_pattern(tokens).map_err(err)?,
            _ => return Err(err("`pattern` must be a string or a list of tokens".into())),
        };
        if alias.trim().is_empty() {
            return Err(err("empty `pattern`".into()));
        }
        let id = match &v["id"] {
            Value::String(s) if !s.is_empty() => s.clone(),
            _ => local_id(label, &alias),
        };
        parsed.entries.push(Entry {
            id,
            label,
            canonical: alias.clone(),
            alias,
            case,
            priority: 0,
        });
    }
    Ok(parsed)
}

/// Joins a token pattern's words; `LOWER` tokens make the alias case-insensitive.
fn token_pattern(tokens: &[Value]) -> Result<(String, CasePolicy), String> {
    let mut words = Vec::new();
    let mut any_lower = false;
    for t in tokens {
        let obj = t.as_object().ok_or("a token must be an object")?;
        let (key, word) = obj
            .iter()
            .find_map(|(k, v)| match (k.as_str(), v) {
                ("ORTH" | "TEXT" | "LOWER", Value::String(s)) => Some((k.as_str(), s)),
                _ => None,
            })
            .ok_or_else(|| {
                format!("token {t} is not supported: only ORTH, TEXT or LOWER with a string value")
            })?;
        any_lower |= key == "LOWER";
        words.push(word.as_str());
    }
    let alias = words.join(" ");
    let case = if any_lower {
        CasePolicy::Fold
    } else {
        CasePolicy::default_for(&alias)
    };
    Ok((alias, case))
}

/// Parses a plain list: one name per line, all with `label`; `#` lines are comments.
pub fn parse_plain_list(
    file: &str,
    label: Label,
    contents: &str,
) -> Result<Parsed, DictionaryError> {
    let mut parsed = Parsed::default();
    for line in contents.lines() {
        let name = line.trim_start_matches('\u{feff}').trim();
        if name.is_empty() || name.starts_with('#') {
            continue;
        }
        if name.contains('\t') {
            return Err(DictionaryError {
                file: file.to_string(),
                line: 0,
                message: "a plain list has one name per line and no tabs (use the TSV format for columns)".into(),
            });
        }
        parsed.entries.push(Entry {
            id: local_id(label, name),
            label,
            canonical: name.to_string(),
            alias: name.to_string(),
            case: CasePolicy::default_for(name),
            priority: 0,
        });
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spacy_string_and_token_patterns() {
        let jsonl = r#"{"label": "ORG", "pattern": "Acme Corp", "id": "acme"}
{"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "francisco"}]}
{"label": "PRODUCT", "pattern": "Widget"}
"#;
        let p = parse_spacy_jsonl("r.jsonl", jsonl).unwrap();
        assert_eq!(p.entries.len(), 2);
        assert_eq!(p.skipped_labels, 1);
        assert_eq!(p.entries[0].id, "acme");
        assert_eq!(p.entries[1].alias, "san francisco");
        assert_eq!(p.entries[1].label, Label::Place);
        assert_eq!(p.entries[1].case, CasePolicy::Fold);
        assert_eq!(p.entries[1].id, "local:place-san-francisco");
    }

    #[test]
    fn spacy_unsupported_token_names_the_line() {
        let jsonl = "{\"label\": \"ORG\", \"pattern\": \"A\"}\n{\"label\": \"ORG\", \"pattern\": [{\"POS\": \"NOUN\"}]}\n";
        let e = parse_spacy_jsonl("r.jsonl", jsonl).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("not supported"), "{e}");
    }

    #[test]
    fn plain_list_takes_the_label() {
        let p = parse_plain_list(
            "p.txt",
            Label::Person,
            "# people\nAnar Eyvazov\n\nJane Roe\n",
        )
        .unwrap();
        let names: Vec<_> = p
            .entries
            .iter()
            .map(|e| (e.alias.as_str(), e.id.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("Anar Eyvazov", "local:person-anar-eyvazov"),
                ("Jane Roe", "local:person-jane-roe")
            ]
        );
    }
}

//! `newsner eval conll`: reads CoNLL-2003 column files (`token POS chunk
//! NER`, IOB1 or IOB2 tags, blank line between sentences, `-DOCSTART-`
//! between documents), runs the extractor on each document's text, and
//! prints exact-span precision, recall and F1 for PER, LOC and ORG.
//!
//! Each document's text is its sentences joined by `"\n"`, each sentence's
//! tokens joined by one space. Our labels map PERSON -> PER, PLACE -> LOC,
//! ORG -> ORG; NORP, DATE and the gold MISC are not scored. A prediction is
//! correct only when its start, end and type all equal a gold entity's; a
//! prediction that does not start at a token start and end at a token end
//! can never be correct and counts as a false positive (the report says how
//! many there were).

use std::{collections::HashMap, fmt::Write as _, fs, path::Path};

use crate::{corpus::Article, eval::EvalError, extract::Extractor};

/// The scored types, in report order.
pub const TYPES: [&str; 3] = ["PER", "LOC", "ORG"];

/// One entity: byte span into its document's text and CoNLL type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Entity {
    /// Byte offset of the first token's start.
    pub start: usize,
    /// Byte offset of the last token's end.
    pub end: usize,
    /// `PER`, `LOC`, `ORG` or `MISC`.
    pub kind: String,
}

/// One document rebuilt from the column file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Sentences joined by `"\n"`, tokens by `' '`.
    pub text: String,
    /// Gold entities, in text order.
    pub gold: Vec<Entity>,
    /// Byte offsets where a token starts.
    pub token_starts: Vec<usize>,
    /// Byte offsets where a token ends.
    pub token_ends: Vec<usize>,
}

/// Parses a CoNLL column file into documents. `name` names it in errors.
pub fn parse(name: &str, contents: &str) -> Result<Vec<Document>, EvalError> {
    let mut docs: Vec<Document> = Vec::new();
    let mut doc = Document::default();
    let mut sentence_open = false;
    // The entity being read: (start, end, type).
    let mut open: Option<(usize, usize, String)> = None;
    let close = |doc: &mut Document, open: &mut Option<(usize, usize, String)>| {
        if let Some((start, end, kind)) = open.take() {
            doc.gold.push(Entity { start, end, kind });
        }
    };
    for (n, line) in contents.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let mut cols = line.split_whitespace();
        let Some(token) = cols.next() else {
            close(&mut doc, &mut open);
            sentence_open = false;
            continue;
        };
        if token == "-DOCSTART-" {
            close(&mut doc, &mut open);
            if !doc.text.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            sentence_open = false;
            continue;
        }
        let tag = cols.last().ok_or_else(|| {
            format!(
                "{name}:{}: expected `token POS chunk NER`, found one column",
                n + 1
            )
        })?;
        if !doc.text.is_empty() {
            doc.text.push(if sentence_open { ' ' } else { '\n' });
        }
        sentence_open = true;
        let start = doc.text.len();
        doc.text.push_str(token);
        let end = doc.text.len();
        doc.token_starts.push(start);
        doc.token_ends.push(end);
        let (prefix, kind) = match tag.split_once('-') {
            Some((p, k)) if matches!(p, "B" | "I") && !k.is_empty() => (p, k),
            _ if tag == "O" => ("O", ""),
            _ => {
                return Err(format!(
                    "{name}:{}: NER tag {tag:?} is not O, I-TYPE or B-TYPE",
                    n + 1
                )
                .into())
            }
        };
        match (&mut open, prefix) {
            (_, "O") => close(&mut doc, &mut open),
            (Some((_, e, k)), "I") if k == kind => *e = end,
            _ => {
                close(&mut doc, &mut open);
                open = Some((start, end, kind.to_string()));
            }
        }
    }
    close(&mut doc, &mut open);
    if !doc.text.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// Maps one of our labels to its CoNLL type, for the scored labels.
pub fn conll_type(label: &str) -> Option<&'static str> {
    match label {
        "PERSON" => Some("PER"),
        "PLACE" => Some("LOC"),
        "ORG" => Some("ORG"),
        _ => None,
    }
}

/// Counts for one type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predictions equal to a gold entity.
    pub tp: usize,
    /// Predictions.
    pub predicted: usize,
    /// Gold entities.
    pub gold: usize,
}

impl Counts {
    /// Precision, recall, F1 (0 when undefined).
    pub fn prf(&self) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let p = ratio(self.tp, self.predicted);
        let r = ratio(self.tp, self.gold);
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.predicted += o.predicted;
        self.gold += o.gold;
    }
}

/// One error, for the error listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCase {
    /// `missed`, `spurious`, `wrong-type`, `boundary`.
    pub kind: &'static str,
    /// The gold type (missed, wrong-type, boundary) or predicted type (spurious).
    pub gold: String,
    /// The predicted type, when there is one.
    pub predicted: String,
    /// The text of the gold span (or of the prediction for spurious).
    pub text: String,
    /// The predicted text when it differs (boundary).
    pub predicted_text: String,
    /// The line the error is on.
    pub line: String,
}

/// Scores of a whole file.
#[derive(Debug, Clone, Default)]
pub struct Score {
    /// Per type, in [`TYPES`] order.
    pub by_type: [Counts; 3],
    /// Predictions that did not fall on token boundaries.
    pub unaligned: usize,
    /// Documents read.
    pub documents: usize,
    /// Every error, in document order.
    pub errors: Vec<ErrorCase>,
}

impl Score {
    /// Micro-average over the three types.
    pub fn overall(&self) -> Counts {
        let mut all = Counts::default();
        for c in self.by_type {
            all.add(c);
        }
        all
    }
}

fn type_index(kind: &str) -> Option<usize> {
    TYPES.iter().position(|t| *t == kind)
}

fn line_of(text: &str, start: usize) -> &str {
    let a = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let b = text[start..].find('\n').map_or(text.len(), |i| start + i);
    &text[a..b]
}

/// Scores one document against predictions `(start, end, type)`.
pub fn score_document(doc: &Document, predicted: &[Entity], score: &mut Score) {
    let gold: Vec<&Entity> = doc
        .gold
        .iter()
        .filter(|e| type_index(&e.kind).is_some())
        .collect();
    for e in &gold {
        score.by_type[type_index(&e.kind).unwrap_or(0)].gold += 1;
    }
    let aligned = |p: &Entity| {
        doc.token_starts.binary_search(&p.start).is_ok()
            && doc.token_ends.binary_search(&p.end).is_ok()
    };
    for p in predicted {
        let Some(t) = type_index(&p.kind) else {
            continue;
        };
        score.by_type[t].predicted += 1;
        if !aligned(p) {
            score.unaligned += 1;
        }
        if gold.contains(&p) {
            score.by_type[t].tp += 1;
            continue;
        }
        let same_span = gold.iter().any(|g| g.start == p.start && g.end == p.end);
        let overlapping = gold.iter().any(|g| g.start < p.end && p.start < g.end);
        if !same_span && !overlapping {
            // MISC gold under the prediction is a spurious of its own kind.
            let under_misc = doc
                .gold
                .iter()
                .any(|g| g.kind == "MISC" && g.start < p.end && p.start < g.end);
            score.errors.push(ErrorCase {
                kind: if under_misc {
                    "spurious-misc"
                } else {
                    "spurious"
                },
                gold: String::new(),
                predicted: p.kind.clone(),
                text: doc.text[p.start..p.end].to_string(),
                predicted_text: String::new(),
                line: line_of(&doc.text, p.start).to_string(),
            });
        }
    }
    for g in &gold {
        if predicted.iter().any(|p| p == *g) {
            continue;
        }
        let same_span = predicted
            .iter()
            .find(|p| p.start == g.start && p.end == g.end && type_index(&p.kind).is_some());
        let overlapping = predicted
            .iter()
            .find(|p| p.start < g.end && g.start < p.end && type_index(&p.kind).is_some());
        let (kind, p) = match (same_span, overlapping) {
            (Some(p), _) => ("wrong-type", Some(p)),
            (None, Some(p)) => ("boundary", Some(p)),
            (None, None) => ("missed", None),
        };
        score.errors.push(ErrorCase {
            kind,
            gold: g.kind.clone(),
            predicted: p.map(|p| p.kind.clone()).unwrap_or_default(),
            text: doc.text[g.start..g.end].to_string(),
            predicted_text: p
                .filter(|_| kind == "boundary")
                .map(|p| doc.text[p.start..p.end].to_string())
                .unwrap_or_default(),
            line: line_of(&doc.text, g.start).to_string(),
        });
    }
}

/// Runs the extractor over every document of the file and scores it.
pub fn score_file(extractor: &Extractor, path: &Path) -> Result<Score, EvalError> {
    let contents =
        fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let docs = parse(&path.display().to_string(), &contents)?;
    let mut score = Score {
        documents: docs.len(),
        ..Score::default()
    };
    for (i, doc) in docs.iter().enumerate() {
        let article = Article::new(format!("conll-{}", i + 1), doc.text.clone());
        let found = extractor.extract(&article, None);
        let predicted: Vec<Entity> = found
            .mentions
            .iter()
            .filter(|m| m.field == "text")
            .filter_map(|m| {
                Some(Entity {
                    start: m.byte_start,
                    end: m.byte_end,
                    kind: conll_type(&m.label)?.to_string(),
                })
            })
            .collect();
        score_document(doc, &predicted, &mut score);
    }
    Ok(score)
}

/// Formats the per-type table.
pub fn report(score: &Score, path: &Path) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} documents, exact-span scores",
        path.display(),
        score.documents
    );
    let _ = writeln!(
        out,
        "{:<8} {:>6} {:>6} {:>6} {:>9} {:>7} {:>7}",
        "type", "gold", "pred", "tp", "precision", "recall", "F1"
    );
    let overall = score.overall();
    for (name, c) in TYPES
        .iter()
        .copied()
        .zip(score.by_type)
        .chain([("overall", overall)])
    {
        let (p, r, f) = c.prf();
        let _ = writeln!(
            out,
            "{:<8} {:>6} {:>6} {:>6} {:>9.4} {:>7.4} {:>7.4}",
            name, c.gold, c.predicted, c.tp, p, r, f
        );
    }
    let _ = writeln!(
        out,
        "predictions off token boundaries (counted as false positives): {}",
        score.unaligned
    );
    out
}

/// Formats the error listing: a summary of error kinds, most frequent first,
/// then every error grouped by kind and type.
pub fn error_listing(score: &Score) -> String {
    let key = |e: &ErrorCase| format!("{} {}>{}", e.kind, e.gold, e.predicted);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for e in &score.errors {
        *counts.entry(key(e)).or_default() += 1;
    }
    let mut kinds: Vec<(String, usize)> = counts.into_iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = String::from("# error kinds (kind gold>predicted: count)\n");
    for (k, n) in &kinds {
        let _ = writeln!(out, "{n:>6}  {k}");
    }
    for (k, _) in &kinds {
        let _ = writeln!(out, "\n## {k}");
        for e in score.errors.iter().filter(|e| key(e) == *k) {
            let shown = if e.predicted_text.is_empty() {
                e.text.clone()
            } else {
                format!("{} (predicted {})", e.text, e.predicted_text)
            };
            let _ = writeln!(out, "{shown}\t| {}", e.line);
        }
    }
    out
}

/// Scores the extractor on the gold data at `path` and returns the report.
pub fn run(extractor: &Extractor, path: &Path) -> Result<String, EvalError> {
    run_with_errors(extractor, path, None)
}

/// Like [`run`], and also writes the error listing to `errors` when given.
pub fn run_with_errors(
    extractor: &Extractor,
    path: &Path,
    errors: Option<&Path>,
) -> Result<String, EvalError> {
    let score = score_file(extractor, path)?;
    if let Some(out) = errors {
        fs::write(out, error_listing(&score))
            .map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
    }
    Ok(report(&score, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "-DOCSTART- -X- O O\n\n\
        EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\n. . O O\n\n\
        Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n\
        -DOCSTART- -X- O O\n\n\
        BRUSSELS NNP I-NP I-LOC\nNew NNP I-NP I-LOC\nYork NNP I-NP I-LOC\nParis NNP I-NP B-LOC\n";

    #[test]
    fn rebuilds_text_and_gold() {
        let docs = parse("t", SAMPLE).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "EU rejects German call .\nPeter Blackburn");
        let spans: Vec<(&str, &str)> = docs[0]
            .gold
            .iter()
            .map(|e| (&docs[0].text[e.start..e.end], e.kind.as_str()))
            .collect();
        assert_eq!(
            spans,
            [
                ("EU", "ORG"),
                ("German", "MISC"),
                ("Peter Blackburn", "PER")
            ]
        );
        let spans: Vec<&str> = docs[1]
            .gold
            .iter()
            .map(|e| &docs[1].text[e.start..e.end])
            .collect();
        assert_eq!(spans, ["BRUSSELS New York", "Paris"]);
    }

    #[test]
    fn bad_tag_names_the_line() {
        let err = parse("f.txt", "EU NNP I-NP X-ORG\n").unwrap_err();
        assert!(err.to_string().starts_with("f.txt:1:"), "{err}");
    }

    fn e(start: usize, end: usize, kind: &str) -> Entity {
        Entity {
            start,
            end,
            kind: kind.to_string(),
        }
    }

    #[test]
    fn scores_exact_spans_only() {
        let doc = &parse("t", SAMPLE).unwrap()[0];
        let mut score = Score::default();
        // EU right, "Peter" a boundary error, "rejects" spurious, off-token "ete" unaligned.
        let predicted = [
            e(0, 2, "ORG"),
            e(25, 30, "PER"),
            e(3, 10, "LOC"),
            e(26, 29, "LOC"),
        ];
        score_document(doc, &predicted, &mut score);
        assert_eq!(
            score.by_type[0],
            Counts {
                tp: 0,
                predicted: 1,
                gold: 1
            }
        );
        assert_eq!(
            score.by_type[2],
            Counts {
                tp: 1,
                predicted: 1,
                gold: 1
            }
        );
        assert_eq!(score.by_type[1].predicted, 2);
        assert_eq!(score.unaligned, 1);
        let kinds: Vec<&str> = score.errors.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, ["spurious", "boundary"]);
        let (p, r, f) = score.overall().prf();
        assert!((p - 0.25).abs() < 1e-9 && (r - 0.5).abs() < 1e-9);
        assert!((f - 1.0 / 3.0).abs() < 1e-9);
    }
}

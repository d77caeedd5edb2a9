//! `newsner eval timeml`: reads a directory of TimeML (`.tml`) documents,
//! runs the extractor on each document's text with the document's creation
//! time (DCT) as the publication date, and scores the DATE mentions the way
//! TempEval-3 does: strict (exact) and relaxed (overlapping) span
//! precision/recall/F1, then value and type accuracy over the relaxed
//! matches and the attribute F1 built from them, with per-type recall.
//!
//! Set `NEWSNER_TIMEML_ERRORS=1` to print every miss, false positive and
//! wrong value to stderr.
//!
//! TimeML here is simple inline XML, so it is read with a small tag scanner:
//! the text is the content of `<TEXT>` with tags removed and the five XML
//! entities decoded; gold offsets are byte offsets into that text.

use std::{collections::BTreeMap, fmt::Write as _, path::Path};

use chrono::NaiveDate;

use crate::{eval::EvalError, extract::Extractor, span::Label};

/// One gold TIMEX3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    /// Byte offset into [`TimemlDoc::text`].
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// TIMEX3 `type`.
    pub timex_type: String,
    /// TIMEX3 `value`.
    pub value: String,
}

/// A parsed TimeML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimemlDoc {
    /// The document's creation date, from the TIMEX3 inside `<DCT>`.
    pub dct: Option<NaiveDate>,
    /// The content of `<TEXT>` with tags removed and entities decoded.
    pub text: String,
    /// The gold TIMEX3s inside `<TEXT>`.
    pub timexes: Vec<GoldTimex>,
}

/// Parses one TimeML document.
pub fn parse(xml: &str) -> Result<TimemlDoc, String> {
    let dct = xml
        .find("<DCT>")
        .and_then(|i| xml[i..].find("</DCT>").map(|j| &xml[i..i + j]))
        .and_then(|dct| attr(dct, "value"))
        .and_then(|v| NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok());
    let body_start = xml.find("<TEXT>").ok_or("no <TEXT> element")? + "<TEXT>".len();
    let body_end = xml[body_start..]
        .find("</TEXT>")
        .map(|i| body_start + i)
        .ok_or("no </TEXT>")?;
    let body = &xml[body_start..body_end];

    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while !rest.is_empty() {
        match rest.find('<') {
            None => {
                push_decoded(&mut text, rest);
                break;
            }
            Some(lt) => {
                push_decoded(&mut text, &rest[..lt]);
                let gt = rest[lt..].find('>').ok_or("unclosed tag")? + lt;
                let tag = &rest[lt + 1..gt];
                if let Some(attrs) = tag.strip_prefix("TIMEX3") {
                    if open.is_some() {
                        return Err("nested TIMEX3".into());
                    }
                    let ty = attr(attrs, "type").unwrap_or_default();
                    let value = attr(attrs, "value").unwrap_or_default();
                    if attrs.trim_end().ends_with('/') {
                        // An empty (non-consuming) TIMEX3 has no span to find.
                    } else {
                        open = Some((text.len(), ty, value));
                    }
                } else if tag == "/TIMEX3" {
                    let (start, timex_type, value) = open.take().ok_or("stray </TIMEX3>")?;
                    timexes.push(GoldTimex {
                        start,
                        end: text.len(),
                        timex_type,
                        value,
                    });
                }
                rest = &rest[gt + 1..];
            }
        }
    }
    Ok(TimemlDoc { dct, text, timexes })
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    let mut out = String::new();
    push_decoded(&mut out, &tag[i..j]);
    Some(out)
}

fn push_decoded(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let ent = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&apos;", '\''),
        ]
        .into_iter()
        .find(|(e, _)| tail.starts_with(e));
        match ent {
            Some((e, c)) => {
                out.push(c);
                rest = &tail[e.len()..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
}

/// A predicted temporal expression, as scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Predicted {
    /// Byte offset.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// TIMEX3 type.
    pub timex_type: String,
    /// TIMEX3 value.
    pub value: String,
}

/// TempEval-3 counts, summed over documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold expressions.
    pub gold: usize,
    /// Predicted expressions.
    pub predicted: usize,
    /// Exact span matches.
    pub strict: usize,
    /// Overlapping matches (one-to-one).
    pub relaxed: usize,
    /// Relaxed matches with the gold value.
    pub value: usize,
    /// Relaxed matches with the gold type.
    pub typed: usize,
    /// Per gold type: (gold count, relaxed matches, value matches).
    pub per_type: BTreeMap<String, (usize, usize, usize)>,
}

/// Scores one document's predictions against its gold; `errors` collects
/// printable error lines when given.
pub fn score(
    text: &str,
    gold: &[GoldTimex],
    predicted: &[Predicted],
    counts: &mut Counts,
    mut errors: Option<&mut Vec<String>>,
) {
    counts.gold += gold.len();
    counts.predicted += predicted.len();
    let mut used = vec![false; predicted.len()];
    for g in gold {
        let entry = counts.per_type.entry(g.timex_type.clone()).or_default();
        entry.0 += 1;
        // Prefer the exact match, then the first overlapping one.
        let pick = predicted
            .iter()
            .enumerate()
            .find(|(i, p)| !used[*i] && p.start == g.start && p.end == g.end)
            .or_else(|| {
                predicted
                    .iter()
                    .enumerate()
                    .find(|(i, p)| !used[*i] && p.start < g.end && g.start < p.end)
            })
            .map(|(i, _)| i);
        let g_text = &text[g.start..g.end];
        match pick {
            None => {
                if let Some(e) = errors.as_deref_mut() {
                    e.push(format!(
                        "MISS\t{}\t{}\t{:?}\t{}",
                        g.timex_type,
                        g.value,
                        g_text,
                        context(text, g.start, g.end)
                    ));
                }
            }
            Some(i) => {
                used[i] = true;
                let p = &predicted[i];
                counts.relaxed += 1;
                entry.1 += 1;
                let exact = p.start == g.start && p.end == g.end;
                if exact {
                    counts.strict += 1;
                }
                if p.value == g.value {
                    counts.value += 1;
                    entry.2 += 1;
                }
                if p.timex_type == g.timex_type {
                    counts.typed += 1;
                }
                if let Some(e) = errors.as_deref_mut() {
                    if !exact {
                        e.push(format!(
                            "SPAN\tgold {:?}\tgot {:?}\t{}",
                            g_text,
                            &text[p.start..p.end],
                            context(text, g.start, g.end)
                        ));
                    }
                    if p.value != g.value || p.timex_type != g.timex_type {
                        e.push(format!(
                            "VALUE\t{:?}\tgold {} {}\tgot {} {}\t{}",
                            g_text,
                            g.timex_type,
                            g.value,
                            p.timex_type,
                            p.value,
                            context(text, g.start, g.end)
                        ));
                    }
                }
            }
        }
    }
    if let Some(e) = errors {
        for (i, p) in predicted.iter().enumerate() {
            if !used[i] {
                e.push(format!(
                    "FP\t{}\t{}\t{:?}\t{}",
                    p.timex_type,
                    p.value,
                    &text[p.start..p.end],
                    context(text, p.start, p.end)
                ));
            }
        }
    }
}

fn context(text: &str, start: usize, end: usize) -> String {
    let mut a = start.saturating_sub(60);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (end + 40).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!(
        "{}[{}]{}",
        &text[a..start],
        &text[start..end],
        &text[end..b]
    )
    .replace('\n', " ")
}

fn prf(correct: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let p = if predicted == 0 {
        0.0
    } else {
        correct as f64 / predicted as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        correct as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Formats the report.
pub fn report(docs: usize, c: &Counts) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "TimeML: {docs} documents, {} gold TIMEX3, {} predicted (DATE mentions of the extractor, anchored on each DCT)",
        c.gold, c.predicted
    );
    let _ = writeln!(out, "{:<10} {:>9} {:>9} {:>9}", "", "P", "R", "F1");
    for (name, correct) in [
        ("strict", c.strict),
        ("relaxed", c.relaxed),
        ("value", c.value),
        ("type", c.typed),
    ] {
        let (p, r, f) = prf(correct, c.predicted, c.gold);
        let _ = writeln!(out, "{name:<10} {p:>9.4} {r:>9.4} {f:>9.4}");
    }
    let acc = |n: usize| {
        if c.relaxed == 0 {
            0.0
        } else {
            n as f64 / c.relaxed as f64
        }
    };
    let _ = writeln!(
        out,
        "value accuracy over relaxed matches {:.4}, type accuracy {:.4}",
        acc(c.value),
        acc(c.typed)
    );
    let _ = writeln!(
        out,
        "per gold type: {:<9} {:>6} {:>15} {:>15}",
        "type", "gold", "relaxed recall", "value recall"
    );
    for (ty, &(g, r, v)) in &c.per_type {
        let _ = writeln!(
            out,
            "               {ty:<9} {g:>6} {:>15.4} {:>15.4}",
            r as f64 / g.max(1) as f64,
            v as f64 / g.max(1) as f64
        );
    }
    out
}

/// Scores the extractor on the gold data at `path` and returns the report.
///
/// Predictions are the extractor's final DATE mentions for the text field
/// (after overlap resolution with entities), i.e. exactly what
/// `mentions.csv` would carry.
pub fn run(extractor: &Extractor, path: &Path) -> Result<String, EvalError> {
    let mut files: Vec<_> = std::fs::read_dir(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no .tml files", path.display()).into());
    }
    let verbose = std::env::var_os("NEWSNER_TIMEML_ERRORS").is_some();
    let mut counts = Counts::default();
    for file in &files {
        let xml = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let doc = parse(&xml).map_err(|e| format!("{}: {e}", file.display()))?;
        let predicted: Vec<Predicted> = extractor
            .field_spans(&doc.text, doc.dct, false)
            .into_iter()
            .filter(|s| s.label == Label::Date)
            .map(|s| Predicted {
                start: s.start,
                end: s.end,
                timex_type: s.timex_type,
                value: s.value,
            })
            .collect();
        let mut errors = Vec::new();
        score(
            &doc.text,
            &doc.timexes,
            &predicted,
            &mut counts,
            verbose.then_some(&mut errors),
        );
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        for e in errors {
            eprintln!("{name}\t{e}");
        }
    }
    Ok(report(files.len(), &counts))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
It was <EVENT eid="e1">bad</EVENT> on <TIMEX3 tid="t1" type="DATE" value="1998-01-07">Wednesday</TIMEX3> &amp; for <TIMEX3 tid="t2" type="DURATION" value="P1W">the week</TIMEX3>.
</TEXT>
</TimeML>"#;

    #[test]
    fn parses_dct_text_and_offsets() {
        let doc = parse(DOC).unwrap();
        assert_eq!(doc.dct, NaiveDate::from_ymd_opt(1998, 1, 8));
        assert_eq!(doc.timexes.len(), 2);
        let t = &doc.timexes[0];
        assert_eq!(&doc.text[t.start..t.end], "Wednesday");
        assert_eq!(t.value, "1998-01-07");
        let t = &doc.timexes[1];
        assert_eq!(&doc.text[t.start..t.end], "the week");
        assert_eq!(t.timex_type, "DURATION");
        assert!(doc.text.contains(" & for "));
    }

    #[test]
    fn scores_strict_relaxed_and_value() {
        let doc = parse(DOC).unwrap();
        let w = doc.text.find("Wednesday").unwrap();
        let k = doc.text.find("week").unwrap();
        let predicted = vec![
            Predicted {
                start: w,
                end: w + 9,
                timex_type: "DATE".into(),
                value: "1998-01-07".into(),
            },
            Predicted {
                start: k,
                end: k + 4,
                timex_type: "DURATION".into(),
                value: "P2W".into(),
            },
            Predicted {
                start: 0,
                end: 2,
                timex_type: "DATE".into(),
                value: "X".into(),
            },
        ];
        let mut c = Counts::default();
        let mut errors = Vec::new();
        score(
            &doc.text,
            &doc.timexes,
            &predicted,
            &mut c,
            Some(&mut errors),
        );
        assert_eq!((c.gold, c.predicted), (2, 3));
        assert_eq!((c.strict, c.relaxed, c.value, c.typed), (1, 2, 1, 2));
        assert_eq!(c.per_type["DURATION"], (1, 1, 0));
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(report(1, &c).contains("relaxed"));
    }
}

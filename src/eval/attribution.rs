//! `newsner eval attribution`: scores quote and source attribution on
//! PolNeAR JSONL (one article per line: `text`, `primary`, and
//! `attributions` with `source`, `cue` and `content` character spans and
//! `is_direct_quote`).
//!
//! Only `primary` annotations count. Each article's text goes through the
//! full [`Extractor::extract`] (title left empty). The report gives:
//! - direct quotes (gold content starting with a quote mark): the share
//!   found (one of our `direct`/`partial` rows overlaps the content) and,
//!   of those, the share whose speaker span overlaps the gold source span;
//! - all attributions: source-span precision, recall and F1 by overlap
//!   (distinct spans on both sides), and a stricter attribution-level
//!   score (source and content both overlap);
//! - the share of our speakers resolved to a named entity (a proper name,
//!   directly or through a pronoun/description) and the share with an
//!   entity id;
//! - the most frequent remaining error kinds.

use std::{
    collections::{BTreeMap, HashMap, HashSet},
    fs::File,
    io::{BufRead, BufReader},
    path::Path,
};

use rayon::prelude::*;
use serde::Deserialize;

use crate::{corpus::Article, eval::EvalError, extract::Extractor, record::Quote};

#[derive(Debug, Deserialize)]
struct Piece {
    start: usize,
    end: usize,
    #[serde(default)]
    text: String,
}

#[derive(Debug, Deserialize)]
struct Attribution {
    #[serde(default)]
    source: Vec<Piece>,
    #[serde(default)]
    cue: Vec<Piece>,
    #[serde(default)]
    content: Vec<Piece>,
    #[serde(default)]
    is_direct_quote: bool,
}

#[derive(Debug, Deserialize)]
struct GoldArticle {
    id: serde_json::Value,
    #[serde(default)]
    primary: Option<bool>,
    #[serde(default)]
    date: Option<String>,
    text: String,
    #[serde(default)]
    attributions: Vec<Attribution>,
}

/// Counts for one article (or the sum of many).
#[derive(Debug, Default, Clone)]
struct Tally {
    articles: usize,
    gold_attributions: usize,
    gold_direct: usize,
    direct_found: usize,
    direct_speaker_right: usize,
    our_quotes: usize,
    our_quotes_in_gold: usize,
    pred_sources: usize,
    pred_sources_right: usize,
    gold_sources: usize,
    gold_sources_found: usize,
    pred_rows: usize,
    pred_rows_right: usize,
    gold_rows_found: usize,
    rows_with_speaker: usize,
    rows_named: usize,
    rows_with_id: usize,
    direct_named: usize,
    errors: HashMap<String, usize>,
}

impl Tally {
    fn add(&mut self, o: Tally) {
        self.articles += o.articles;
        self.gold_attributions += o.gold_attributions;
        self.gold_direct += o.gold_direct;
        self.direct_found += o.direct_found;
        self.direct_speaker_right += o.direct_speaker_right;
        self.our_quotes += o.our_quotes;
        self.our_quotes_in_gold += o.our_quotes_in_gold;
        self.pred_sources += o.pred_sources;
        self.pred_sources_right += o.pred_sources_right;
        self.gold_sources += o.gold_sources;
        self.gold_sources_found += o.gold_sources_found;
        self.pred_rows += o.pred_rows;
        self.pred_rows_right += o.pred_rows_right;
        self.gold_rows_found += o.gold_rows_found;
        self.rows_with_speaker += o.rows_with_speaker;
        self.rows_named += o.rows_named;
        self.rows_with_id += o.rows_with_id;
        self.direct_named += o.direct_named;
        for (k, v) in o.errors {
            *self.errors.entry(k).or_default() += v;
        }
    }

    fn error(&mut self, kind: String) {
        *self.errors.entry(kind).or_default() += 1;
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn overlap_len(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn any_overlap(a: (usize, usize), pieces: &[Piece]) -> bool {
    pieces.iter().any(|p| overlaps(a, (p.start, p.end)))
}

fn is_quote_row(q: &Quote) -> bool {
    q.kind == "direct" || q.kind == "partial"
}

fn speaker_span(q: &Quote) -> Option<(usize, usize)> {
    Some((q.speaker_start?, q.speaker_end?))
}

fn named(q: &Quote) -> bool {
    !q.speaker.is_empty()
        && !q
            .flags
            .split(';')
            .any(|f| f == "unresolved_pronoun" || f == "unnamed_speaker")
}

/// The kind of a gold source, for the error table.
fn source_type(a: &Attribution) -> &'static str {
    let text = a
        .source
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let lower = text.trim().to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    if a.source.is_empty() {
        "none"
    } else if matches!(
        first,
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "him" | "her" | "them"
    ) {
        "pronoun"
    } else if text.trim().chars().next().is_some_and(char::is_uppercase)
        && !matches!(
            first,
            "the"
                | "a"
                | "an"
                | "one"
                | "two"
                | "some"
                | "many"
                | "several"
                | "other"
                | "another"
                | "most"
        )
    {
        "name"
    } else {
        "description"
    }
}

fn cue_word(a: &Attribution) -> String {
    let text = a
        .cue
        .first()
        .map(|p| p.text.to_lowercase())
        .unwrap_or_default();
    if text.starts_with("according to") {
        return "according to".to_string();
    }
    // The main verb is usually the last word ("has said", "is expected").
    let word = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .rfind(|w| !w.is_empty())
        .unwrap_or("(none)");
    word.to_string()
}

fn score(gold: &GoldArticle, quotes: &[Quote]) -> Tally {
    let mut t = Tally {
        articles: 1,
        gold_attributions: gold.attributions.len(),
        ..Tally::default()
    };
    // Direct quotes.
    for a in gold.attributions.iter().filter(|a| a.is_direct_quote) {
        t.gold_direct += 1;
        let best = quotes
            .iter()
            .filter(|q| is_quote_row(q))
            .map(|q| {
                let ov: usize = a
                    .content
                    .iter()
                    .map(|p| overlap_len((q.start, q.end), (p.start, p.end)))
                    .sum();
                (ov, q)
            })
            .filter(|(ov, _)| *ov > 0)
            .max_by_key(|(ov, _)| *ov)
            .map(|(_, q)| q);
        let Some(q) = best else {
            t.error("direct quote not found".into());
            continue;
        };
        t.direct_found += 1;
        match speaker_span(q) {
            Some(s) if any_overlap(s, &a.source) => {
                t.direct_speaker_right += 1;
                if named(q) {
                    t.direct_named += 1;
                }
            }
            Some(_) => t.error(format!(
                "direct quote: wrong speaker (gold source is a {})",
                source_type(a)
            )),
            None => t.error(format!(
                "direct quote: no speaker (gold source is a {})",
                source_type(a)
            )),
        }
    }
    // Our quotations that are gold content of some attribution.
    for q in quotes.iter().filter(|q| is_quote_row(q)) {
        t.our_quotes += 1;
        if gold
            .attributions
            .iter()
            .any(|a| any_overlap((q.start, q.end), &a.content))
        {
            t.our_quotes_in_gold += 1;
        }
    }
    // Source spans, distinct on both sides.
    let mut pred: Vec<((usize, usize), &Quote)> = Vec::new();
    let mut seen = HashSet::new();
    for q in quotes {
        if let Some(s) = speaker_span(q) {
            if seen.insert(s) {
                pred.push((s, q));
            }
        }
    }
    let mut gold_sources: Vec<&Attribution> = Vec::new();
    let mut seen_gold = HashSet::new();
    for a in gold.attributions.iter().filter(|a| !a.source.is_empty()) {
        let key: Vec<(usize, usize)> = a.source.iter().map(|p| (p.start, p.end)).collect();
        if seen_gold.insert(key) {
            gold_sources.push(a);
        }
    }
    t.pred_sources = pred.len();
    for (s, q) in &pred {
        if gold_sources.iter().any(|a| any_overlap(*s, &a.source)) {
            t.pred_sources_right += 1;
        } else {
            t.error(format!(
                "false source: {} row, cue `{}`",
                q.kind,
                q.cue.to_lowercase()
            ));
        }
    }
    t.gold_sources = gold_sources.len();
    for a in &gold_sources {
        if pred.iter().any(|(s, _)| any_overlap(*s, &a.source)) {
            t.gold_sources_found += 1;
        } else {
            t.error(format!("source missed: cue `{}`", cue_word(a)));
        }
    }
    // Attribution level: source and content both overlap.
    let right = |q: &Quote, a: &Attribution| {
        speaker_span(q).is_some_and(|s| any_overlap(s, &a.source))
            && any_overlap((q.start, q.end), &a.content)
    };
    for q in quotes {
        t.pred_rows += 1;
        if gold.attributions.iter().any(|a| right(q, a)) {
            t.pred_rows_right += 1;
        }
        if !q.speaker.is_empty() {
            t.rows_with_speaker += 1;
            if named(q) {
                t.rows_named += 1;
            }
            if !q.speaker_entity_id.is_empty() {
                t.rows_with_id += 1;
            }
        }
    }
    t.gold_rows_found = gold
        .attributions
        .iter()
        .filter(|a| quotes.iter().any(|q| right(q, a)))
        .count();
    t
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn prf(tp_pred: usize, pred: usize, tp_gold: usize, gold: usize) -> (f64, f64, f64) {
    let p = ratio(tp_pred, pred);
    let r = ratio(tp_gold, gold);
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Scores the extractor on the PolNeAR JSONL at `path` and returns the report.
pub fn run(extractor: &Extractor, path: &Path) -> Result<String, EvalError> {
    let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut gold = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldArticle = serde_json::from_str(&line)
            .map_err(|e| format!("{}:{}: not a PolNeAR article: {e}", path.display(), n + 1))?;
        if g.primary.unwrap_or(true) {
            gold.push(g);
        }
    }
    if gold.is_empty() {
        return Err(format!("{}: no primary PolNeAR articles", path.display()).into());
    }
    let tallies: Vec<Tally> = gold
        .par_iter()
        .map(|g| {
            let id = match &g.id {
                serde_json::Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            let mut article = Article::new(id, g.text.clone());
            if let Some(d) = &g.date {
                article.set_date(d);
            }
            let found = extractor.extract(&article, None);
            score(g, &found.quotes)
        })
        .collect();
    let mut t = Tally::default();
    for x in tallies {
        t.add(x);
    }
    Ok(report(path, &t))
}

fn report(path: &Path, t: &Tally) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "PolNeAR attribution: {} ({} primary articles, {} attributions, {} direct quotes)",
        path.display(),
        t.articles,
        t.gold_attributions,
        t.gold_direct
    );
    let _ = writeln!(s, "\nDirect quotes (gold content starts with a quote mark)");
    let _ = writeln!(
        s,
        "  found (overlap)              {:>5} / {:<5} = {:.3}   (target >= 0.97)",
        t.direct_found,
        t.gold_direct,
        ratio(t.direct_found, t.gold_direct)
    );
    let _ = writeln!(
        s,
        "  speaker right, of found      {:>5} / {:<5} = {:.3}   (target >= 0.88)",
        t.direct_speaker_right,
        t.direct_found,
        ratio(t.direct_speaker_right, t.direct_found)
    );
    let _ = writeln!(
        s,
        "  right and resolved to a name {:>5} / {:<5} = {:.3}",
        t.direct_named,
        t.direct_speaker_right,
        ratio(t.direct_named, t.direct_speaker_right)
    );
    let _ = writeln!(
        s,
        "  our quotations in gold content {:>3} / {:<5} = {:.3}",
        t.our_quotes_in_gold,
        t.our_quotes,
        ratio(t.our_quotes_in_gold, t.our_quotes)
    );
    let (p, r, f) = prf(
        t.pred_sources_right,
        t.pred_sources,
        t.gold_sources_found,
        t.gold_sources,
    );
    let _ = writeln!(
        s,
        "\nAll attributions, source spans by overlap (distinct spans)"
    );
    let _ = writeln!(
        s,
        "  precision {:.3} ({}/{})  recall {:.3} ({}/{})  F1 {:.3}",
        p, t.pred_sources_right, t.pred_sources, r, t.gold_sources_found, t.gold_sources, f
    );
    let (p, r, f) = prf(
        t.pred_rows_right,
        t.pred_rows,
        t.gold_rows_found,
        t.gold_attributions,
    );
    let _ = writeln!(s, "All attributions, source and content both overlap");
    let _ = writeln!(
        s,
        "  precision {:.3} ({}/{})  recall {:.3} ({}/{})  F1 {:.3}",
        p, t.pred_rows_right, t.pred_rows, r, t.gold_rows_found, t.gold_attributions, f
    );
    let _ = writeln!(
        s,
        "\nSpeakers (all our rows with a speaker: {})",
        t.rows_with_speaker
    );
    let _ = writeln!(
        s,
        "  resolved to a named entity   {:.3} ({})",
        ratio(t.rows_named, t.rows_with_speaker),
        t.rows_named
    );
    let _ = writeln!(
        s,
        "  with an entity id            {:.3} ({})",
        ratio(t.rows_with_id, t.rows_with_speaker),
        t.rows_with_id
    );
    let mut errors: Vec<(&String, &usize)> = t.errors.iter().collect();
    errors.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let _ = writeln!(s, "\nMost frequent error kinds");
    let by_kind: BTreeMap<usize, ()> = BTreeMap::new();
    let _ = by_kind;
    for (k, n) in errors.iter().take(10) {
        let _ = writeln!(s, "  {n:>5}  {k}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(kind: &str, start: usize, end: usize, sp: Option<(usize, usize)>) -> Quote {
        Quote {
            doc_id: "d".into(),
            quote: String::new(),
            start,
            end,
            speaker: if sp.is_some() {
                "X".into()
            } else {
                String::new()
            },
            speaker_entity_id: String::new(),
            speaker_start: sp.map(|s| s.0),
            speaker_end: sp.map(|s| s.1),
            cue: "said".into(),
            kind: kind.into(),
            flags: String::new(),
        }
    }

    fn gold(json: &str) -> GoldArticle {
        serde_json::from_str(json).unwrap()
    }

    const GOLD: &str = r#"{"id": 1, "text": "", "attributions": [
        {"source": [{"start": 20, "end": 22, "text": "he"}], "cue": [{"start": 23, "end": 27, "text": "said"}],
         "content": [{"start": 0, "end": 18}], "is_direct_quote": true},
        {"source": [{"start": 40, "end": 45, "text": "Smith"}], "cue": [{"start": 46, "end": 50, "text": "said"}],
         "content": [{"start": 51, "end": 70}], "is_direct_quote": false}]}"#;

    #[test]
    fn direct_found_and_speaker_right() {
        let t = score(&gold(GOLD), &[quote("direct", 1, 16, Some((20, 22)))]);
        assert_eq!(
            (t.gold_direct, t.direct_found, t.direct_speaker_right),
            (1, 1, 1)
        );
        assert_eq!(
            (t.gold_sources, t.gold_sources_found, t.pred_sources_right),
            (2, 1, 1)
        );
    }

    #[test]
    fn wrong_speaker_and_false_source_are_counted() {
        let t = score(
            &gold(GOLD),
            &[
                quote("direct", 1, 16, Some((30, 33))),
                quote("indirect", 51, 60, Some((40, 45))),
            ],
        );
        assert_eq!((t.direct_found, t.direct_speaker_right), (1, 0));
        assert_eq!((t.pred_sources, t.pred_sources_right), (2, 1));
        assert_eq!(
            t.errors
                .get("direct quote: wrong speaker (gold source is a pronoun)"),
            Some(&1)
        );
        assert_eq!((t.pred_rows_right, t.gold_rows_found), (1, 1));
    }

    #[test]
    fn indirect_rows_do_not_find_direct_quotes() {
        let t = score(&gold(GOLD), &[quote("indirect", 1, 16, Some((20, 22)))]);
        assert_eq!(t.direct_found, 0);
    }
}

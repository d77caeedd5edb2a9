//! A timing of [`super::attribute`] alone over a real corpus, with the
//! mentions the extractor gives each article: an ignored test, run by hand
//! to compare two builds
//! (`ATTR_CORPUS=/tmp/news20.jsonl cargo test --release --lib
//! attribution::timing -- --ignored --nocapture`).

use super::attribute;
use crate::{corpus::Corpus, extract::Extractor, span::Span};
use std::time::{Duration, Instant};

#[test]
#[ignore]
fn time_attribution() {
    let path = std::env::var("ATTR_CORPUS").unwrap_or_else(|_| "/tmp/news4.jsonl".into());
    let reps: usize = std::env::var("ATTR_REPS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(7);
    let extractor = Extractor::builder()
        .default_dictionaries(true)
        .build()
        .expect("the default dictionaries");
    let dct = crate::corpus::parse_iso_date("2024-01-01");
    let articles: Vec<(String, Vec<Span>)> = Corpus::open(&[path.into()])
        .expect("the corpus")
        .filter_map(Result::ok)
        .filter(|a| !a.text.is_empty())
        .map(|a| {
            let (body, _) = extractor.field_spans_with(&a.text, a.date.or(dct), false, None);
            (a.text, body)
        })
        .collect();
    let mut times: Vec<Duration> = Vec::new();
    let mut rows = 0;
    for _ in 0..reps {
        let t = Instant::now();
        for (text, mentions) in &articles {
            rows += attribute(text, mentions).len();
        }
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "attribution: {} articles, {} rows a pass; min {:?}, median {:?}",
        articles.len(),
        rows / reps,
        times[0],
        times[reps / 2]
    );
}

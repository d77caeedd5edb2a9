//! Fuzzes extraction with arbitrary text, title, date and dictionary
//! entries: it must never panic, and every span must lie on character
//! boundaries and slice to its own text, in bytes and in characters.
#![no_main]

use std::sync::{Arc, LazyLock, Mutex};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use newsner::{
    gazetteer::{CasePolicy, Entry},
    normalize::Normalized,
    Article, Extractor, Label,
};

/// One dictionary row made up by the fuzzer.
#[derive(Debug, Arbitrary)]
struct FuzzEntry<'a> {
    alias: &'a str,
    canonical: &'a str,
    label: u8,
    case: u8,
    priority: i8,
}

/// One fuzz case. Without entries (or only blank ones) the shipped
/// dictionaries are used.
#[derive(Debug, Arbitrary)]
struct Case<'a> {
    entries: Vec<FuzzEntry<'a>>,
    date: &'a str,
    title: &'a str,
    text: &'a str,
}

static DEFAULT: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::builder().build().expect("default extractor"));

const LABELS: [Label; 5] = [
    Label::Person,
    Label::Place,
    Label::Org,
    Label::Date,
    Label::Norp,
];
const CASES: [CasePolicy; 3] = [CasePolicy::Fold, CasePolicy::Cased, CasePolicy::Exact];

/// Recently built custom extractors, newest last. Building one loads the
/// rule lexicons (about 0.1 s), while most mutations change only the text:
/// reusing them keeps the fuzzer fast.
static RECENT: Mutex<Vec<(Vec<Entry>, Arc<Extractor>)>> = Mutex::new(Vec::new());

fn custom(entries: &[FuzzEntry<'_>]) -> Option<Arc<Extractor>> {
    let entries: Vec<Entry> = entries
        .iter()
        .take(32)
        .map(|e| Entry {
            id: format!("fuzz:{}", e.canonical),
            label: LABELS[usize::from(e.label) % LABELS.len()],
            canonical: e.canonical.to_string(),
            alias: e.alias.to_string(),
            case: CASES[usize::from(e.case) % CASES.len()],
            priority: i32::from(e.priority),
        })
        .collect();
    let mut recent = RECENT.lock().unwrap();
    if let Some((_, x)) = recent.iter().find(|(e, _)| *e == entries) {
        return Some(Arc::clone(x));
    }
    let built = Arc::new(
        Extractor::builder()
            .default_dictionaries(false)
            .entries(entries.clone())
            .build()
            .ok()?,
    );
    if recent.len() == 4 {
        recent.remove(0);
    }
    recent.push((entries, Arc::clone(&built)));
    Some(built)
}

/// Checks a span given in bytes and characters against the field it indexes.
fn check_span(field: &str, what: &str, bytes: (usize, usize), chars: (usize, usize), text: &str) {
    let (bs, be) = bytes;
    assert!(
        bs <= be && be <= field.len(),
        "{what}: bytes {bs}..{be} out of range"
    );
    assert!(
        field.is_char_boundary(bs) && field.is_char_boundary(be),
        "{what}: bytes {bs}..{be} not on char boundaries"
    );
    assert_eq!(
        &field[bs..be],
        text,
        "{what}: bytes do not slice to its text"
    );
    assert_eq!(field[..bs].chars().count(), chars.0, "{what}: char start");
    assert_eq!(field[..be].chars().count(), chars.1, "{what}: char end");
}

fn check_normalizer(text: &str) {
    let norm = Normalized::new(text);
    let len = norm.folded.len();
    let cuts: Vec<usize> = norm
        .folded
        .char_indices()
        .map(|(i, _)| i)
        .chain([len])
        .collect();
    for w in cuts.windows(2).take(64) {
        let (s, e) = norm.to_original(text, w[0], w[1]);
        assert!(s <= e && e <= text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
    }
}

fuzz_target!(|case: Case<'_>| {
    let owned;
    // Entries with blank aliases match nothing: without any other entry,
    // use the shipped dictionaries instead of building a matcher for none.
    let extractor: &Extractor = if case.entries.iter().all(|e| e.alias.trim().is_empty()) {
        &DEFAULT
    } else {
        match custom(&case.entries) {
            Some(x) => {
                owned = x;
                &owned
            }
            None => return,
        }
    };
    let mut article = Article::new("fuzz", case.text);
    article.title = case.title.to_string();
    article.set_date(case.date);
    let found = extractor.extract(&article, None);
    for m in &found.mentions {
        let field = match m.field.as_str() {
            "title" => case.title,
            "text" => case.text,
            other => panic!("unknown field {other:?}"),
        };
        check_span(
            field,
            "mention",
            (m.byte_start, m.byte_end),
            (m.start, m.end),
            &m.text,
        );
        assert!(Label::parse(&m.label).is_some(), "label {:?}", m.label);
    }
    let chars = case.text.chars().count();
    for q in &found.quotes {
        assert!(
            q.start <= q.end && q.end <= chars,
            "quote {}..{}",
            q.start,
            q.end
        );
        let content: String = case
            .text
            .chars()
            .skip(q.start)
            .take(q.end - q.start)
            .collect();
        assert_eq!(content, q.quote, "quote does not slice to its text");
        if let (Some(s), Some(e)) = (q.speaker_start, q.speaker_end) {
            assert!(s <= e && e <= chars, "speaker {s}..{e}");
        }
    }
    check_normalizer(case.text);
    check_normalizer(case.title);
});

//! The extractor: built once from dictionaries and lexicons, then shared by
//! every thread and called once per article. It runs the stages in order on
//! each field (normalize, gazetteer, rules, dates, overlap resolution;
//! attribution on the body) and turns byte spans into records with both
//! character and byte offsets.

use chrono::NaiveDate;

use crate::{
    attribution,
    corpus::Article,
    dates,
    gazetteer::{self, compiled::Loaded, DictSource, DictionaryError, Entry, Gazetteer},
    normalize::Normalized,
    offsets::CharIndex,
    record::{Mention, Quote},
    resolve::resolve_overlaps,
    rules::{self, FieldContext, Lexicons, Names},
    span::{QuoteSpan, Span},
};

/// Configures an [`Extractor`].
#[derive(Debug, Clone)]
pub struct ExtractorBuilder {
    default_dictionaries: bool,
    extra: Vec<DictSource>,
    entries: Vec<Entry>,
}

impl Default for ExtractorBuilder {
    fn default() -> Self {
        ExtractorBuilder {
            default_dictionaries: true,
            extra: Vec::new(),
            entries: Vec::new(),
        }
    }
}

/// Why an extractor could not be built.
#[derive(Debug)]
pub enum BuildError {
    /// A dictionary could not be read or parsed.
    Dictionary(DictionaryError),
    /// The automaton could not be built.
    Automaton(aho_corasick::BuildError),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Dictionary(e) => e.fmt(f),
            BuildError::Automaton(e) => write!(f, "cannot build the matcher: {e}"),
        }
    }
}

impl std::error::Error for BuildError {}

impl ExtractorBuilder {
    /// Whether to load the dictionaries shipped in the binary (default: yes).
    pub fn default_dictionaries(mut self, yes: bool) -> Self {
        self.default_dictionaries = yes;
        self
    }

    /// Adds a dictionary: a `.tsv` file, a directory of them, a spaCy
    /// EntityRuler `.jsonl`, or a plain list with its label.
    pub fn dictionary(mut self, source: DictSource) -> Self {
        self.extra.push(source);
        self
    }

    /// Adds entries directly.
    pub fn entries(mut self, entries: impl IntoIterator<Item = Entry>) -> Self {
        self.entries.extend(entries);
        self
    }

    /// Loads everything and builds the extractor. The rule lexicons load,
    /// and the date patterns compile, on a second thread while this one
    /// builds the gazetteer.
    pub fn build(self) -> Result<Extractor, BuildError> {
        std::thread::scope(|scope| {
            let side = scope.spawn(|| {
                warm_up_dates();
                Lexicons::load_default()
            });
            let gazetteer = self.gazetteer();
            let lexicons = side
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let (gazetteer, skipped_labels) = gazetteer?;
            Ok(Extractor {
                gazetteer,
                lexicons,
                skipped_labels,
            })
        })
    }

    /// Loads the dictionaries and builds the matcher; also returns how many
    /// records were skipped for their label.
    fn gazetteer(self) -> Result<(Gazetteer, usize), BuildError> {
        let mut entries = if self.default_dictionaries {
            gazetteer::default_entries().map_err(BuildError::Dictionary)?
        } else {
            Vec::new()
        };
        let mut skipped_labels = 0;
        let mut compiled = Vec::new();
        for source in &self.extra {
            match gazetteer::compiled::load_source(source).map_err(BuildError::Dictionary)? {
                Loaded::Entries(parsed) => {
                    entries.extend(parsed.entries);
                    skipped_labels += parsed.skipped_labels;
                }
                Loaded::Compiled(c) => {
                    skipped_labels += c.skipped_labels();
                    compiled.push(*c);
                }
            }
        }
        entries.extend(self.entries);
        let gazetteer = Gazetteer::new(entries)
            .map_err(BuildError::Automaton)?
            .with_compiled(compiled);
        Ok((gazetteer, skipped_labels))
    }
}

/// Compiles the date patterns and their keyword automaton (built on first
/// use) by finding the dates of a short text, so the first article does not
/// wait for them. The result is thrown away.
fn warm_up_dates() {
    let dct = NaiveDate::from_ymd_opt(2024, 1, 1);
    dates::find_dates(WARM_UP_TEXT, dct);
}

/// A sentence with a weekday, a date, a year and a clock time.
const WARM_UP_TEXT: &str = "On Monday, May 5, 2024, at 3 p.m. last week, officials said.";

/// Everything found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    /// Mentions, title first, each field in text order.
    pub mentions: Vec<Mention>,
    /// Quotes and attributions, in text order.
    pub quotes: Vec<Quote>,
}

impl Extraction {
    /// Quotes flagged `unattributed`.
    pub fn unattributed_quotes(&self) -> usize {
        self.quotes
            .iter()
            .filter(|q| q.flags.split(';').any(|f| f == "unattributed"))
            .count()
    }
}

/// The immutable, thread-safe extractor.
#[derive(Debug, Clone)]
pub struct Extractor {
    gazetteer: Gazetteer,
    lexicons: Lexicons,
    skipped_labels: usize,
}

impl Extractor {
    /// Starts configuring an extractor.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Dictionary records skipped because their label is not newsner's
    /// (a spaCy `PRODUCT` pattern, say).
    pub fn skipped_labels(&self) -> usize {
        self.skipped_labels
    }

    /// The dictionary matcher.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Finds the final entity and date spans of one field, in byte offsets.
    pub fn field_spans(&self, text: &str, dct: Option<NaiveDate>, is_title: bool) -> Vec<Span> {
        self.field_spans_with(text, dct, is_title, None).0
    }

    /// Like [`Extractor::field_spans`], also linking names `known` from
    /// another field of the article; returns the names this field makes known.
    pub fn field_spans_with(
        &self,
        text: &str,
        dct: Option<NaiveDate>,
        is_title: bool,
        known: Option<&Names>,
    ) -> (Vec<Span>, Names) {
        let norm = Normalized::new(text);
        let found = self.gazetteer.find(text, &norm);
        let field = FieldContext {
            text,
            norm: &norm,
            is_title,
            gazetteer: Some(&self.gazetteer),
        };
        let (mut spans, names) = rules::apply_with(&self.lexicons, field, found, known);
        spans.extend(dates::find_dates(text, dct));
        (resolve_overlaps(spans), names)
    }

    /// Extracts one article. `default_date` anchors relative dates when the
    /// article carries no date of its own.
    pub fn extract(&self, article: &Article, default_date: Option<NaiveDate>) -> Extraction {
        let dct = article.date.or(default_date);
        let mut out = Extraction::default();
        // The body first, so the headline can link to the body's names.
        let (body, names) = if article.text.is_empty() {
            (Vec::new(), Names::default())
        } else {
            self.field_spans_with(&article.text, dct, false, None)
        };
        let mut body = Some(body);
        for (field, text, is_title) in [
            ("title", &article.title, true),
            ("text", &article.text, false),
        ] {
            if text.is_empty() {
                continue;
            }
            let spans = if is_title {
                self.field_spans_with(text, dct, true, Some(&names)).0
            } else {
                body.take().unwrap_or_default()
            };
            let index = CharIndex::new(text);
            if !is_title {
                let quotes = attribution::attribute(text, &spans);
                out.quotes = quotes
                    .iter()
                    .map(|q| quote_record(&article.id, text, &index, q))
                    .collect();
            }
            out.mentions.extend(
                spans
                    .into_iter()
                    .map(|s| mention_record(&article.id, field, text, &index, s)),
            );
        }
        out
    }
}

/// The row of span `s`, whose strings it takes.
fn mention_record(doc_id: &str, field: &str, text: &str, index: &CharIndex, s: Span) -> Mention {
    Mention {
        doc_id: doc_id.to_string(),
        field: field.to_string(),
        label: s.label.as_str().to_string(),
        text: text[s.start..s.end].to_string(),
        start: index.char_offset(s.start),
        end: index.char_offset(s.end),
        byte_start: s.start,
        byte_end: s.end,
        canonical: s.canonical,
        entity_id: s.entity_id,
        value: s.value,
        timex_type: s.timex_type,
        method: s.method.as_str().to_string(),
    }
}

fn quote_record(doc_id: &str, text: &str, index: &CharIndex, q: &QuoteSpan) -> Quote {
    let speaker = q.speaker.as_ref();
    Quote {
        doc_id: doc_id.to_string(),
        quote: text[q.start..q.end].to_string(),
        start: index.char_offset(q.start),
        end: index.char_offset(q.end),
        speaker: speaker.map(|s| s.name.clone()).unwrap_or_default(),
        speaker_entity_id: speaker.map(|s| s.entity_id.clone()).unwrap_or_default(),
        speaker_start: speaker.map(|s| index.char_offset(s.start)),
        speaker_end: speaker.map(|s| index.char_offset(s.end)),
        cue: q.cue.clone(),
        kind: q.kind.as_str().to_string(),
        flags: q.flags.join(";"),
    }
}

//! The extractor: built once from dictionaries and lexicons, then shared by
//! every thread and called once per article. It runs the stages in order on
//! each field (normalize, gazetteer, rules, dates, overlap resolution;
//! attribution on the body) and turns byte spans into records with both
//! character and byte offsets.

use std::{borrow::Cow, cell::RefCell};

use chrono::NaiveDate;

use crate::{
    attribution,
    corpus::Article,
    dates,
    gazetteer::{self, compiled::Loaded, DictSource, DictionaryError, Entry, Gazetteer},
    normalize::Normalized,
    offsets::CharCursor,
    record::{Mention, MentionRow, Quote, QuoteRow},
    resolve::resolve_overlaps,
    reuse,
    rules::{self, FieldContext, Lexicons, Names},
    span::{QuoteSpan, Span},
};

thread_local! {
    /// The foldings of the last fields this thread extracted, whose buffers
    /// the next fields' foldings reuse (see [`reuse`]).
    static SPARE_FOLDINGS: RefCell<Vec<Normalized>> = RefCell::default();
}

/// Spare foldings a thread keeps at most: those of a group's titles and
/// bodies (a batch runner takes [`Extractor::matches`] for a group of
/// articles before their rules).
const KEEP_FOLDINGS: usize = 128;

/// A folding with room for more bytes than this is not kept as a spare,
/// so that the spares stay small whatever articles came before.
const KEEP_FOLDING_ROOM: usize = 1 << 15;

/// A field's folding and its dictionary matches: the second stage of
/// [`Extractor::find`].
#[derive(Debug, Default)]
pub struct FieldMatches {
    norm: Normalized,
    found: Vec<Span>,
}

/// The [`FieldMatches`] of an article's title and body.
#[derive(Debug, Default)]
pub struct ArticleMatches {
    body: FieldMatches,
    title: FieldMatches,
}

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
    /// A dictionary could not be read or parsed, or its matcher not built.
    Dictionary(DictionaryError),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Dictionary(e) => e.fmt(f),
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
    /// and the date patterns' DFAs (compiled at build time) are read and
    /// checked, on a second thread while this one builds the gazetteer.
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
        let mut entries = Vec::new();
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
        let gazetteer = if self.default_dictionaries {
            Gazetteer::with_default_dictionaries(entries)
        } else {
            Gazetteer::new(entries)
        };
        let gazetteer = gazetteer
            .map_err(BuildError::Dictionary)?
            .with_compiled(compiled);
        Ok((gazetteer, skipped_labels))
    }
}

/// Loads the date patterns' DFAs and builds their keyword automaton (both
/// made on first use) by finding the dates of a short text, so the first
/// article does not wait for them. The result is thrown away.
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
        let dates = dates::find_dates(text, dct);
        self.field_spans_matched(text, is_title, known, dates, self.field_matches(text))
    }

    /// The folding of a field and its dictionary matches.
    fn field_matches(&self, text: &str) -> FieldMatches {
        // The folding's buffers are this thread's, kept from field to field.
        let mut norm = reuse::take_one(&SPARE_FOLDINGS);
        norm.fold_into(text);
        let found = self.gazetteer.find(text, &norm);
        FieldMatches { norm, found }
    }

    /// The final spans of a field given its date spans and its matches,
    /// linking names `known` from another field of the article; also
    /// returns the names this field makes known.
    fn field_spans_matched(
        &self,
        text: &str,
        is_title: bool,
        known: Option<&Names>,
        dates: Vec<Span>,
        matches: FieldMatches,
    ) -> (Vec<Span>, Names) {
        let FieldMatches { norm, found } = matches;
        let field = FieldContext {
            text,
            norm: &norm,
            is_title,
            gazetteer: Some(&self.gazetteer),
        };
        let (mut spans, names) = rules::apply_with(&self.lexicons, field, found, known);
        let (most, room_at_most) = (KEEP_FOLDINGS, KEEP_FOLDING_ROOM);
        reuse::give_one(&SPARE_FOLDINGS, norm, Normalized::room, most, room_at_most);
        spans.extend(dates);
        (resolve_overlaps(spans), names)
    }

    /// Extracts one article. `default_date` anchors relative dates when the
    /// article carries no date of its own.
    pub fn extract(&self, article: &Article, default_date: Option<NaiveDate>) -> Extraction {
        self.find(article, default_date).into_extraction(article)
    }

    /// Finds the spans of one article, before they become records: its
    /// [`Extractor::dates`], [`Extractor::matches`], [`Extractor::spans`]
    /// and [`Extractor::attribute`] in a row. A batch runner may take each
    /// of these stages for several articles before the next stage (the
    /// stages' tables, 3.35 MB for the date rules alone, then stay in the
    /// cache from one article to the next, where each article's stages
    /// would evict each other's).
    pub fn find(&self, article: &Article, default_date: Option<NaiveDate>) -> Found {
        let dates = self.dates(article, default_date);
        let spans = self.spans(article, dates, self.matches(article));
        self.attribute(article, spans)
    }

    /// The first stage of [`Extractor::find`]: the date spans of an
    /// article's fields (they depend on nothing else).
    pub fn dates(&self, article: &Article, default_date: Option<NaiveDate>) -> ArticleDates {
        let dct = article.date.or(default_date);
        let of = |text: &str| {
            if text.is_empty() {
                Vec::new()
            } else {
                dates::find_dates(text, dct)
            }
        };
        ArticleDates {
            body: of(&article.text),
            title: of(&article.title),
        }
    }

    /// The second stage of [`Extractor::find`]: the folding of an
    /// article's fields and their dictionary matches.
    pub fn matches(&self, article: &Article) -> ArticleMatches {
        let of = |text: &str| {
            if text.is_empty() {
                FieldMatches::default()
            } else {
                self.field_matches(text)
            }
        };
        ArticleMatches {
            body: of(&article.text),
            title: of(&article.title),
        }
    }

    /// The third stage of [`Extractor::find`]: the final mention spans of
    /// an article's fields, from the rules over its matches and its dates,
    /// found by the first two stages for the same article. The body comes
    /// first, so that the headline can link to the body's names. The
    /// quotes are left empty.
    pub fn spans(&self, article: &Article, dates: ArticleDates, matches: ArticleMatches) -> Found {
        let (body, names) = if article.text.is_empty() {
            (Vec::new(), Names::default())
        } else {
            self.field_spans_matched(&article.text, false, None, dates.body, matches.body)
        };
        let title = if article.title.is_empty() {
            Vec::new()
        } else {
            let (title, known) = (&article.title, Some(&names));
            self.field_spans_matched(title, true, known, dates.title, matches.title)
                .0
        };
        Found {
            title,
            body,
            quotes: Vec::new(),
        }
    }

    /// The last stage of [`Extractor::find`]: the quotes of an article
    /// whose mention spans `found` holds (from [`Extractor::spans`]).
    pub fn attribute(&self, article: &Article, mut found: Found) -> Found {
        if !article.text.is_empty() {
            found.quotes = attribution::attribute(&article.text, &found.body);
        }
        found
    }
}

/// The date spans of an article's title and body, in byte offsets: the
/// first stage of [`Extractor::find`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleDates {
    /// The title's date spans.
    pub title: Vec<Span>,
    /// The body's date spans.
    pub body: Vec<Span>,
}

/// The spans found in one article, in byte offsets: what
/// [`Extractor::find`] returns, and what the records are made of. The
/// batch runner encodes rows straight from it ([`Found::mention_rows`],
/// [`Found::quote_rows`]), without
/// building the owned records of an [`Extraction`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// Mentions in the title, in text order.
    pub title: Vec<Span>,
    /// Mentions in the body, in text order.
    pub body: Vec<Span>,
    /// Quotes and attributions in the body, in text order.
    pub quotes: Vec<QuoteSpan>,
}

impl Found {
    /// Number of mentions, title and body.
    pub fn mentions(&self) -> usize {
        self.title.len() + self.body.len()
    }

    /// Quotes flagged `unattributed`.
    pub fn unattributed_quotes(&self) -> usize {
        self.quotes
            .iter()
            .filter(|q| q.flags.contains(&"unattributed"))
            .count()
    }

    /// The records of `article` (whose spans these are): its rows, owned.
    pub fn into_extraction(self, article: &Article) -> Extraction {
        let mut mentions = Vec::with_capacity(self.mentions());
        let mut quotes = Vec::with_capacity(self.quotes.len());
        let body = &mut CharCursor::new(&article.text);
        self.mention_rows(article, body, |m| mentions.push(Mention::from(m)));
        self.quote_rows(article, body, |q| quotes.push(Quote::from(q)));
        Extraction { mentions, quotes }
    }

    /// The mention rows of `article` (whose spans these are), borrowed,
    /// each to `mention`: the title's first, each field's in text order.
    /// [`Found::into_extraction`] makes its records from them. `body` is a
    /// cursor on the article's text, which the article's other rows (and
    /// its length in characters) take on from where these leave it.
    ///
    /// # Panics
    /// When `body` is a cursor on another text.
    pub fn mention_rows<'a>(
        &'a self,
        article: &'a Article,
        body: &mut CharCursor<'a>,
        mut mention: impl FnMut(MentionRow<'a>),
    ) {
        assert!(body.is_on(&article.text), "a cursor on another text");
        let id = article.id.as_str();
        if !self.title.is_empty() {
            let (text, mut index) = (article.title.as_str(), CharCursor::new(&article.title));
            for s in &self.title {
                mention(mention_row(id, "title", text, &mut index, s));
            }
        }
        let text = article.text.as_str();
        for s in &self.body {
            mention(mention_row(id, "text", text, body, s));
        }
    }

    /// The quote rows of `article` (whose spans these are), borrowed, each
    /// to `quote`, in text order; `body` is a cursor on the article's text
    /// (see [`Found::mention_rows`]).
    ///
    /// # Panics
    /// When `body` is a cursor on another text.
    pub fn quote_rows<'a>(
        &'a self,
        article: &'a Article,
        body: &mut CharCursor<'a>,
        mut quote: impl FnMut(QuoteRow<'a>),
    ) {
        assert!(body.is_on(&article.text), "a cursor on another text");
        let (id, text) = (article.id.as_str(), article.text.as_str());
        for q in &self.quotes {
            quote(quote_row(id, text, body, q));
        }
    }
}

/// The borrowed row of span `s` (inlined: the row is built in place, not
/// copied out).
#[inline]
fn mention_row<'a>(
    doc_id: &'a str,
    field: &'a str,
    text: &'a str,
    index: &mut CharCursor,
    s: &'a Span,
) -> MentionRow<'a> {
    MentionRow {
        doc_id,
        field,
        label: s.label.as_str(),
        text: &text[s.start..s.end],
        start: index.char_offset(s.start),
        end: index.char_offset(s.end),
        byte_start: s.start,
        byte_end: s.end,
        canonical: &s.canonical,
        entity_id: &s.entity_id,
        value: &s.value,
        timex_type: &s.timex_type,
        method: s.method.as_str(),
    }
}

/// The borrowed row of quote `q` (inlined, as [`mention_row`]).
#[inline]
fn quote_row<'a>(
    doc_id: &'a str,
    text: &'a str,
    index: &mut CharCursor,
    q: &'a QuoteSpan,
) -> QuoteRow<'a> {
    let speaker = q.speaker.as_ref();
    QuoteRow {
        doc_id,
        quote: &text[q.start..q.end],
        start: index.char_offset(q.start),
        end: index.char_offset(q.end),
        speaker: speaker.map_or("", |s| &s.name),
        speaker_entity_id: speaker.map_or("", |s| &s.entity_id),
        speaker_start: speaker.map(|s| index.char_offset(s.start)),
        speaker_end: speaker.map(|s| index.char_offset(s.end)),
        cue: &q.cue,
        kind: q.kind.as_str(),
        flags: match q.flags.as_slice() {
            [] => Cow::Borrowed(""),
            [flag] => Cow::Borrowed(flag),
            flags => Cow::Owned(flags.join(";")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spans of `text` found on a thread of its own, whose folding
    /// buffers are fresh.
    fn spans_on_a_fresh_thread(extractor: &Extractor, text: &str) -> Vec<Span> {
        std::thread::scope(|s| {
            s.spawn(|| extractor.field_spans(text, None, false))
                .join()
                .unwrap()
        })
    }

    /// A field folded into buffers that a longer field (with another
    /// script, so an offset map) left behind finds what it finds alone.
    #[test]
    fn a_field_finds_the_same_in_buffers_another_field_left() {
        let extractor = Extractor::builder().build().unwrap();
        let long = "În București, Ministrul Afacerilor Externe a vorbit cu \
                    Secretary of State Antony Blinken despre NATO și Ucraina. "
            .repeat(20);
        let short = "Barack Obama visited Paris and Berlin on Monday.";
        let alone = spans_on_a_fresh_thread(&extractor, short);
        assert!(!alone.is_empty());
        std::thread::scope(|s| {
            s.spawn(|| {
                let long_alone = extractor.field_spans(&long, None, false);
                assert_eq!(extractor.field_spans(short, None, false), alone);
                assert_eq!(extractor.field_spans(&long, None, false), long_alone);
            })
            .join()
            .unwrap()
        });
    }
}

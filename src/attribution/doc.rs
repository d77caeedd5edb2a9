//! One article's text as the attribution stages see it: tokens, sentence
//! ids, quoted spans, and which entity mention covers each token.

use super::{
    cues::Cue,
    marks::{self, Quotes},
    tokens::{self, Kind, Token, WordFacts},
};
use crate::span::{Label, Span};

/// The tokenized text and everything looked up per token.
#[derive(Debug)]
pub struct Doc<'a> {
    /// The original text.
    pub text: &'a str,
    /// The text with ASCII letters lowercased (same byte offsets).
    pub lower: String,
    /// Its tokens.
    pub toks: Vec<Token>,
    /// Sentence id of each token.
    pub sent: Vec<u32>,
    /// Quoted spans.
    pub quotes: Quotes,
    /// The field's final mentions, sorted by start.
    pub mentions: &'a [Span],
    /// What the tokenizer looked up for each word.
    facts: Vec<WordFacts>,
    /// For each token, the mention that covers its first byte.
    covering: Vec<Option<u32>>,
    /// The word tokens reported speech may start at, in order: finite cue
    /// forms and "according".
    reported_starts: Vec<usize>,
}

impl<'a> Doc<'a> {
    /// Tokenizes and indexes `text`.
    pub fn new(text: &'a str, mentions: &'a [Span]) -> Doc<'a> {
        let lower = text.to_ascii_lowercase();
        let tokenized = tokens::tokenize_marked(text, &lower);
        let sent = tokens::sentences(&tokenized, text, &lower);
        let quotes = marks::scan(&tokenized);
        let covering = covering_mentions(&tokenized.toks, mentions);
        Doc {
            text,
            lower,
            toks: tokenized.toks,
            sent,
            quotes,
            mentions,
            facts: tokenized.facts,
            covering,
            reported_starts: tokenized.reported_starts,
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True for a text with no tokens.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The lowercased text of token `i` (empty past the end).
    pub fn w(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .map(|t| &self.lower[t.start..t.end])
            .unwrap_or("")
    }

    /// The original text of token `i`.
    pub fn raw(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }

    /// True when token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    /// True when token `i` is the punctuation `c`.
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct(c))
    }

    /// True when token `i` is a capitalised word.
    pub fn is_cap(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|t| t.cap)
    }

    /// The speech cue at token `i`: a lowercase speech verb, or a
    /// capitalised one opening its sentence ("Stated Stone: ...").
    pub fn cue(&self, i: usize) -> Option<Cue> {
        let class = self.word_cue(i)?;
        let sentence_initial = i == 0 || self.sent[i - 1] != self.sent[i];
        if self.facts[i].cap && !sentence_initial {
            return None;
        }
        Some(class)
    }

    /// The cue class of word token `i` lowercased, whatever its
    /// capitalisation and place (`cues::cue(self.w(i))` for a word).
    pub fn word_cue(&self, i: usize) -> Option<Cue> {
        self.facts.get(i).and_then(|t| t.cue)
    }

    /// The word tokens reported speech may start at, in text order: finite
    /// cue forms (see [`Doc::cue`] for the capitalisation rule) and
    /// "according". Every other token can be passed over by that search.
    pub fn reported_starts(&self) -> &[usize] {
        &self.reported_starts
    }

    /// True when token `i` lies inside a quoted span (marks included).
    pub fn in_quote(&self, i: usize) -> bool {
        self.quotes.at(i).is_some()
    }

    /// The PERSON or ORG mention covering token `i`.
    pub fn person_or_org(&self, i: usize) -> Option<usize> {
        let m = (*self.covering.get(i)?)? as usize;
        matches!(self.mentions[m].label, Label::Person | Label::Org).then_some(m)
    }

    /// Any mention covering token `i`.
    pub fn mention(&self, i: usize) -> Option<usize> {
        self.covering.get(i)?.map(|m| m as usize)
    }

    /// The first and last token of the sentence holding token `i`.
    pub fn sentence_bounds(&self, i: usize) -> (usize, usize) {
        let id = self.sent[i];
        let mut a = i;
        while a > 0 && self.sent[a - 1] == id {
            a -= 1;
        }
        let mut b = i;
        while b + 1 < self.len() && self.sent[b + 1] == id {
            b += 1;
        }
        (a, b)
    }

    /// True when token `i` ends a sentence (`.`, `?`, `!`, `…`, or a closing
    /// mark or bracket right after one).
    pub fn is_terminal(&self, i: usize) -> bool {
        matches!(self.toks[i].kind, Kind::Punct('.' | '?' | '!' | '…'))
            || (i + 1 == self.len() || self.sent[i + 1] != self.sent[i])
                && !matches!(self.toks[i].kind, Kind::Word)
    }
}

/// For each token, the mention that covers its first byte (`mentions` are
/// sorted by start); all `None` when there are no mentions.
fn covering_mentions(toks: &[Token], mentions: &[Span]) -> Vec<Option<u32>> {
    if mentions.is_empty() {
        return vec![None; toks.len()];
    }
    let mut m = 0;
    toks.iter()
        .map(|t| {
            while m < mentions.len() && mentions[m].end <= t.start {
                m += 1;
            }
            let covered =
                m < mentions.len() && mentions[m].start <= t.start && t.start < mentions[m].end;
            covered.then_some(m as u32)
        })
        .collect()
}

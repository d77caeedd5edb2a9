//! One article's text as the attribution stages see it: tokens, sentence
//! ids, quoted spans, and which entity mention covers each token.

use super::{
    cues::Cue,
    marks::{self, Quotes},
    tokens::{self, Kind, Token, Tokenized},
};
use crate::{
    reuse,
    span::{Label, Span},
};
use std::cell::RefCell;
use std::mem::take;

/// The tokenized text and everything looked up per token.
///
/// Its lists are per token or per byte, so they are as long as the article:
/// they come from, and go back to when the `Doc` is dropped, the memory the
/// thread's previous article left (its spare lists).
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
    /// For each mention, the largest end of it and the mentions before
    /// it: what [`Doc::mention`] searches.
    ends_so_far: Vec<usize>,
    /// The word tokens reported speech may start at, in order: finite cue
    /// forms and "according".
    reported_starts: Vec<usize>,
    /// The capitalised words, in order.
    caps: Vec<usize>,
    /// The tokenizer's stops (kept only to hand their memory on).
    stops: Vec<usize>,
}

/// The memory of one article's lists, left for the next article on the same
/// thread: cleared and refilled instead of allocated (and faulted in as
/// fresh pages) per article.
#[derive(Debug, Default)]
struct Spare {
    lower: String,
    tokenized: Tokenized,
    sent: Vec<u32>,
    of_token: Vec<u32>,
    ends: Vec<usize>,
}

thread_local! {
    /// This thread's lists, between two articles ([`crate::reuse`]).
    static SPARE: RefCell<Spare> = RefCell::default();
}

impl<'a> Doc<'a> {
    /// Tokenizes and indexes `text`.
    pub fn new(text: &'a str, mentions: &'a [Span]) -> Doc<'a> {
        let mut spare = reuse::take(&SPARE);
        spare.lower.clear();
        spare.lower.push_str(text);
        spare.lower.make_ascii_lowercase();
        tokens::tokenize_into(text, &spare.lower, &mut spare.tokenized);
        tokens::sentences_into(&spare.tokenized, text, &spare.lower, &mut spare.sent);
        let quotes = marks::scan_into(&spare.tokenized, spare.of_token);
        running_max_ends(mentions, &mut spare.ends);
        let Tokenized {
            toks,
            stops,
            reported_starts,
            caps,
        } = spare.tokenized;
        Doc {
            text,
            lower: spare.lower,
            toks,
            sent: spare.sent,
            quotes,
            mentions,
            ends_so_far: spare.ends,
            reported_starts,
            caps,
            stops,
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
            .map(|t| &self.lower[t.start()..t.end()])
            .unwrap_or("")
    }

    /// The original text of token `i`.
    pub fn raw(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.text[t.start()..t.end()]
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
        self.toks.get(i).is_some_and(|t| t.facts.cap)
    }

    /// The speech cue at token `i`: a lowercase speech verb, or a
    /// capitalised one opening its sentence ("Stated Stone: ...").
    pub fn cue(&self, i: usize) -> Option<Cue> {
        let class = self.word_cue(i)?;
        let sentence_initial = i == 0 || self.sent[i - 1] != self.sent[i];
        if self.toks[i].facts.cap && !sentence_initial {
            return None;
        }
        Some(class)
    }

    /// The cue class of word token `i` lowercased, whatever its
    /// capitalisation and place (`cues::cue(self.w(i))` for a word).
    pub fn word_cue(&self, i: usize) -> Option<Cue> {
        self.toks.get(i).and_then(|t| t.facts.cue)
    }

    /// The word tokens reported speech may start at, in text order: finite
    /// cue forms (see [`Doc::cue`] for the capitalisation rule) and
    /// "according". Every other token can be passed over by that search.
    pub fn reported_starts(&self) -> &[usize] {
        &self.reported_starts
    }

    /// The capitalised words, in text order: every other token fails
    /// [`Doc::is_cap`], so a search for capitalised words need visit only
    /// these.
    pub fn caps(&self) -> &[usize] {
        &self.caps
    }

    /// True when token `i` lies inside a quoted span (marks included).
    pub fn in_quote(&self, i: usize) -> bool {
        self.quotes.at(i).is_some()
    }

    /// The PERSON or ORG mention covering token `i`.
    pub fn person_or_org(&self, i: usize) -> Option<usize> {
        let m = self.mention(i)?;
        matches!(self.mentions[m].label, Label::Person | Label::Org).then_some(m)
    }

    /// The mention covering the first byte of token `i`: the first mention
    /// (in start order) that ends after that byte, when it starts at or
    /// before it. Looked up when asked, since few tokens ever are.
    pub fn mention(&self, i: usize) -> Option<usize> {
        let at = self.toks.get(i)?.start();
        // The first mention ending after `at` is the first whose running
        // maximum of ends passes `at` (a sorted sequence, unlike the ends).
        let m = self.ends_so_far.partition_point(|&end| end <= at);
        (m < self.mentions.len() && self.mentions[m].start <= at).then_some(m)
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

impl Drop for Doc<'_> {
    /// Hands the lists' memory on to the thread's next article.
    fn drop(&mut self) {
        let spare = Spare {
            lower: take(&mut self.lower),
            tokenized: Tokenized {
                toks: take(&mut self.toks),
                stops: take(&mut self.stops),
                reported_starts: take(&mut self.reported_starts),
                caps: take(&mut self.caps),
            },
            sent: take(&mut self.sent),
            of_token: take(&mut self.quotes).into_table(),
            ends: take(&mut self.ends_so_far),
        };
        reuse::give(&SPARE, spare, |s| s.tokenized.toks.capacity());
    }
}

/// Fills `ends` with, for each mention, the largest end among it and the
/// mentions before it (`mentions` sorted by start).
fn running_max_ends(mentions: &[Span], ends: &mut Vec<usize>) {
    ends.clear();
    ends.extend(mentions.iter().scan(0, |max, m| {
        *max = m.end.max(*max);
        Some(*max)
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Method;

    /// What [`Doc::mention`] answered when it was a table made by one sweep
    /// over the tokens.
    fn swept(toks: &[Token], mentions: &[Span]) -> Vec<Option<usize>> {
        let mut m = 0;
        toks.iter()
            .map(|t| {
                while m < mentions.len() && mentions[m].end <= t.start() {
                    m += 1;
                }
                (m < mentions.len()
                    && mentions[m].start <= t.start()
                    && t.start() < mentions[m].end)
                    .then_some(m)
            })
            .collect()
    }

    /// What a doc holds, written out to compare two docs.
    fn contents(doc: &Doc) -> String {
        let quoted: Vec<_> = (0..doc.len()).map(|i| doc.quotes.at(i)).collect();
        format!(
            "{:?}",
            (
                &doc.lower,
                &doc.toks,
                &doc.sent,
                &doc.quotes.spans,
                quoted,
                &doc.reported_starts,
                &doc.caps,
                &doc.ends_so_far,
            )
        )
    }

    #[test]
    fn reused_memory_gives_the_same_doc() {
        let long = "“We left,” she said. Mr. Smith, 42, told reporters (in Paris) that it was over.\n\n“Yes.”\n".repeat(20);
        let texts = [
            long.as_str(),
            "A “b” c.",
            "",
            "He said so.",
            long.as_str(),
            "x",
        ];
        let mention = |t: &str| {
            vec![Span::entity(
                0,
                t.len().min(1),
                Label::Person,
                "",
                "",
                Method::Rule,
            )]
        };
        let fresh: Vec<_> = texts
            .iter()
            .map(|t| {
                SPARE.with(RefCell::take);
                let m = mention(t);
                let doc = Doc::new(t, &m);
                contents(&doc)
            })
            .collect();
        for (t, want) in texts.iter().zip(&fresh) {
            let m = mention(t);
            let doc = Doc::new(t, &m);
            assert_eq!(&contents(&doc), want, "{t:?}");
        }
    }

    #[test]
    fn caps_are_exactly_the_capitalised_tokens() {
        let text = "“Ünïcödé,” said Zoë Ümlaut of the U.S. Army. ¿“Qué?” Mr. O’Brien asked\n\nÉcole 26 iPhone.";
        let doc = Doc::new(text, &[]);
        let want: Vec<usize> = (0..doc.len()).filter(|&i| doc.is_cap(i)).collect();
        assert_eq!(doc.caps(), want);
        assert!(want.len() >= 8, "{want:?}");
    }

    #[test]
    fn mention_lookup_matches_a_sweep_even_over_nested_mentions() {
        let text =
            "Anar Eyvazov of the Foreign Ministry of Azerbaijan said: “Baku is calm,” he said.";
        let at = |s: &str| text.find(s).unwrap();
        let span = |a: usize, b: usize| Span::entity(a, b, Label::Org, "", "", Method::Rule);
        let cases = [
            vec![],
            vec![span(0, 12)],
            // Nested and overlapping mentions: ends that do not rise.
            vec![
                span(at("Foreign"), at(" said")),
                span(at("Ministry"), at(" of Az")),
                span(at("Azer"), at(" said")),
            ],
            vec![
                span(0, 4),
                span(0, 12),
                span(at("Baku"), at(" is")),
                span(at("he"), text.len()),
            ],
        ];
        for mentions in cases {
            let doc = Doc::new(text, &mentions);
            let want = swept(&doc.toks, &mentions);
            let got: Vec<_> = (0..doc.len()).map(|i| doc.mention(i)).collect();
            assert_eq!(got, want, "{mentions:?}");
            assert_eq!(doc.mention(doc.len()), None);
        }
    }
}

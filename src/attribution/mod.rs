//! Source attribution: quotes, their speakers, "according to" chains and
//! QA flags, found in an article's body from the text itself and the
//! field's final entity mentions.
//!
//! The stages, each in its own module:
//! - [`tokens`]: words, punctuation, quote marks, paragraph breaks, sentences;
//! - [`marks`]: pairing quote marks (curly, straight, typewriter; paragraph
//!   continuation; odd counts flagged, never fatal);
//! - [`cues`]: the speech verbs;
//! - [`speaker`]: the phrase a cue attaches to (name, pronoun, description,
//!   anonymous source);
//! - [`direct`]: direct and partial quotes and their cues;
//! - [`reported`]: "according to", reported speech, source chains;
//! - [`names`]: surnames and descriptions linked to full names;
//! - [`resolve`]: canonical names, pronoun resolution, QA flags.
//!
//! Output rows and their flags:
//! - `kind`: `direct` / `partial` for quoted text (content without the
//!   marks); `indirect`, `according_to`, `reported_by` (the original source
//!   of a chain) and `anonymous` (reported speech from a vague source) for
//!   the rest, whose content is the clause they attribute (see
//!   [`reported`]). A quotation whose speaker is anonymous keeps its kind
//!   and carries the flag `anonymous`.
//! - `flags`: `unattributed` (no speaker found), `odd_quotes` (the marks
//!   did not pair), `continued` (speaker carried over from the quotation
//!   before: "“...,” he said. “...”"), `unresolved_pronoun` (a pronoun with
//!   no fitting person before it), `unnamed_speaker` (a description or
//!   anonymous source not linked to a name), `anonymous`.

pub mod cues;
pub mod direct;
pub mod doc;
pub mod marks;
pub mod names;
pub mod reported;
pub mod resolve;
pub mod speaker;
pub mod tokens;
pub mod words;

use crate::span::{QuoteKind, QuoteSpan, Span};

/// An attribution before its speaker is resolved to a name.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Content start (bytes).
    pub start: usize,
    /// Content end (bytes).
    pub end: usize,
    /// Kind.
    pub kind: QuoteKind,
    /// The cue as written.
    pub cue: String,
    /// The speaker slot, when found.
    pub speaker: Option<speaker::Found>,
    /// The earlier draft whose speaker this one continues.
    pub inherit: Option<usize>,
    /// QA flags so far.
    pub flags: Vec<&'static str>,
}

impl Draft {
    /// A quotation draft with no cue yet.
    pub fn new(start: usize, end: usize, kind: QuoteKind) -> Draft {
        Draft {
            start,
            end,
            kind,
            cue: String::new(),
            speaker: None,
            inherit: None,
            flags: Vec::new(),
        }
    }

    /// A reported-speech draft.
    pub fn reported(
        start: usize,
        end: usize,
        kind: QuoteKind,
        cue: &str,
        sp: speaker::Found,
    ) -> Draft {
        Draft {
            cue: cue.to_string(),
            speaker: Some(sp),
            ..Draft::new(start, end, kind)
        }
    }
}

/// Finds the attributions in an article's text, given its final mentions
/// (byte spans into `text`).
pub fn attribute(text: &str, mentions: &[Span]) -> Vec<QuoteSpan> {
    if text.is_empty() {
        return Vec::new();
    }
    let sorted;
    let mentions = if mentions.windows(2).all(|w| w[0].start <= w[1].start) {
        mentions
    } else {
        let mut m = mentions.to_vec();
        m.sort_by_key(|s| (s.start, s.end));
        sorted = m;
        &sorted
    };
    let doc = doc::Doc::new(text, mentions);
    let mut used = vec![false; doc.len()];
    let mut drafts = direct::attribute(&doc, &mut used);
    reported::find(&doc, &mut used, &mut drafts);
    resolve::resolve(&doc, drafts)
}

/// A test text of `count` pieces drawn from `pieces` by `rng`, a space
/// after about a third of them.
#[cfg(test)]
pub(crate) fn random_text(
    pieces: &[&str],
    count: u64,
    rng: &mut crate::test_rng::XorShift,
) -> String {
    let mut text = String::new();
    for _ in 0..count {
        let r = rng.next_u64();
        text.push_str(pieces[(r % pieces.len() as u64) as usize]);
        if r.is_multiple_of(3) {
            text.push(' ');
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::{Label, Method};

    /// The seed article's text, from the sample corpus.
    fn seed() -> String {
        let line = include_str!("../../corpus/seed.jsonl")
            .lines()
            .next()
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        v["text"].as_str().unwrap().to_string()
    }

    fn span_of(text: &str, needle: &str, label: Label, canonical: &str, id: &str) -> Span {
        let start = text.find(needle).unwrap();
        Span::entity(
            start,
            start + needle.len(),
            label,
            canonical,
            id,
            Method::Dictionary,
        )
    }

    /// (kind, content, speaker name, speaker text, cue, flags)
    fn rows(
        text: &str,
        mentions: &[Span],
    ) -> Vec<(String, String, String, String, String, String)> {
        attribute(text, mentions)
            .iter()
            .map(|q| {
                let sp = q.speaker.as_ref();
                (
                    q.kind.as_str().to_string(),
                    text[q.start..q.end].to_string(),
                    sp.map(|s| s.name.clone()).unwrap_or_default(),
                    sp.map(|s| text[s.start..s.end].to_string())
                        .unwrap_or_default(),
                    q.cue.clone(),
                    q.flags.join(";"),
                )
            })
            .collect()
    }

    fn seed_mentions(text: &str) -> Vec<Span> {
        vec![
            span_of(
                text,
                "Azerbaijan in Focus",
                Label::Org,
                "Azerbaijan in Focus",
                "local:azerbaijan-in-focus",
            ),
            span_of(
                text,
                "Daily Sabah",
                Label::Org,
                "Daily Sabah",
                "local:daily-sabah",
            ),
            // The dictionary tags "Anar" as a place: the name run must win.
            span_of(text, "Anar", Label::Place, "Anar", "geonames:1"),
        ]
    }

    #[test]
    fn seed_quotes_are_all_anar_eyvazov() {
        let text = seed();
        let got = rows(&text, &seed_mentions(&text));
        let quotes: Vec<_> = got
            .iter()
            .filter(|r| r.0 == "direct" || r.0 == "partial")
            .collect();
        assert_eq!(quotes.len(), 4, "{got:#?}");
        let want = [
            ("direct", "We are in close cooperation with the Russian peacekeepers, conducting the demilitarization", "Anar Eyvazov", "told"),
            ("direct", "We have already seized weapons and ammunition,", "Eyvazov", "added"),
            ("partial", "can take time", "Eyvazov", "said"),
            ("direct", "The priority is the mine clearing and demilitarization,", "he", "said"),
        ];
        for (row, (kind, content, speaker_text, cue)) in quotes.iter().zip(want) {
            assert_eq!(
                (
                    row.0.as_str(),
                    row.1.as_str(),
                    row.2.as_str(),
                    row.3.as_str(),
                    row.4.as_str(),
                    row.5.as_str()
                ),
                (kind, content, "Anar Eyvazov", speaker_text, cue, "")
            );
        }
    }

    #[test]
    fn seed_according_to_chain_names_both_outlets() {
        let text = seed();
        let got = rows(&text, &seed_mentions(&text));
        let chain: Vec<_> = got
            .iter()
            .filter(|r| r.0 == "according_to" || r.0 == "reported_by")
            .map(|r| (r.0.as_str(), r.2.as_str(), r.4.as_str()))
            .collect();
        assert_eq!(
            chain,
            [
                ("according_to", "Azerbaijan in Focus", "according to"),
                ("reported_by", "Daily Sabah", "reporting")
            ]
        );
        let content = &got.iter().find(|r| r.0 == "according_to").unwrap().1;
        assert!(content.starts_with("Azerbaijani military and Russian soldiers"));
        assert!(content.ends_with("in the Karabakh region on Saturday"));
    }

    #[test]
    fn person_mentions_give_canonical_names_and_ids() {
        let text = seed();
        let mut mentions = seed_mentions(&text);
        mentions.retain(|m| m.label != Label::Place);
        mentions.push(span_of(
            &text,
            "Anar Eyvazov",
            Label::Person,
            "Anar Eyvazov",
            "wd:Q1",
        ));
        let start = text.find("Eyvazov added").unwrap();
        mentions.push(Span::entity(
            start,
            start + 7,
            Label::Person,
            "Anar Eyvazov",
            "wd:Q1",
            Method::Linked,
        ));
        let found = attribute(&text, &mentions);
        let added = found.iter().find(|q| q.cue == "added").unwrap();
        let sp = added.speaker.as_ref().unwrap();
        assert_eq!(
            (sp.name.as_str(), sp.entity_id.as_str(), sp.start),
            ("Anar Eyvazov", "wd:Q1", start)
        );
        let he = found
            .iter()
            .find(|q| text[q.start..q.end].starts_with("The priority"))
            .unwrap();
        assert_eq!(he.speaker.as_ref().unwrap().entity_id, "wd:Q1");
    }

    #[test]
    fn unattributed_and_odd_quotes_are_flagged() {
        let got = rows(
            "It was a “rigged” vote. Then “an unclosed one\n\nNext.",
            &[],
        );
        let flags: Vec<&str> = got.iter().map(|r| r.5.as_str()).collect();
        assert_eq!(flags, ["unattributed", "odd_quotes;unattributed"]);
    }

    #[test]
    fn pronoun_resolves_to_a_role_when_no_name_fits() {
        let got = rows(
            "The winner, who won, said it was cold. “It was easy,” he told reporters.",
            &[],
        );
        let quote = got.iter().find(|r| r.0 == "direct").unwrap();
        assert_eq!(
            (quote.2.as_str(), quote.3.as_str(), quote.5.as_str()),
            ("the winner", "he", "unnamed_speaker")
        );
    }

    #[test]
    fn never_panics_and_spans_are_valid_on_odd_input() {
        let inputs = [
            "",
            "\"",
            "“",
            "”",
            "''",
            "said",
            "according to",
            "“a” “b” “c",
            "\n\n“\n\n”\n",
            "He said: “",
            "“Ünïcödé,” said Zoë Ümlaut. ¿“Qué?”",
            ", said X, a",
            "according to , reporting ,",
        ];
        for text in inputs {
            for q in attribute(text, &[]) {
                assert!(
                    q.start <= q.end
                        && q.end <= text.len()
                        && text.is_char_boundary(q.start)
                        && text.is_char_boundary(q.end),
                    "{text:?}"
                );
                if let Some(s) = q.speaker {
                    assert!(
                        s.start < s.end && s.end <= text.len() && text.is_char_boundary(s.start),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn never_panics_on_random_mixtures() {
        const PIECES: &[&str] = &[
            "“",
            "”",
            "\"",
            "''",
            "‘",
            "’",
            " ",
            "\n\n",
            ",",
            ".",
            ":",
            "—",
            "(",
            ")",
            "said",
            "told",
            "according to",
            "reporting",
            "he",
            "she",
            "who",
            "and",
            "the",
            "a spokesman",
            "Smith",
            "Anar Eyvazov",
            "officials",
            "Zoë",
            "%",
            "26",
            "U.S.",
            "Mr.",
            "adding",
            "that",
            "citing",
        ];
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        for _ in 0..3000 {
            let text = super::random_text(PIECES, rng.0 % 40, &mut rng);
            for q in attribute(&text, &[]) {
                assert!(q.start < q.end && q.end <= text.len(), "{text:?}");
                assert!(
                    text.is_char_boundary(q.start) && text.is_char_boundary(q.end),
                    "{text:?}"
                );
                if let Some(s) = q.speaker {
                    assert!(s.start < s.end && s.end <= text.len(), "{text:?}");
                }
            }
        }
    }
}

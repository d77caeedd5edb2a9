//! Records checked against the article they came from and turned into byte
//! ranges: mentions carry byte offsets already (their char offsets are
//! checked against them), quotes and speakers carry char offsets and are
//! converted. A record that does not slice back to its own text is never
//! drawn; it becomes a problem note on the page and counts as an error.

use crate::{
    corpus::Article,
    offsets::CharIndex,
    record::{Mention, Quote},
};

/// A mention that slices back to its text, with its field and byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckedMention {
    /// Index into the article's mentions.
    pub index: usize,
    /// True for the title field, false for the text.
    pub in_title: bool,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A quote that slices back to its content, in byte offsets into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckedQuote {
    /// Index into the article's quotes.
    pub index: usize,
    /// First byte of the content.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Byte range of the speaker mention, when the row gives a valid one.
    pub speaker: Option<(usize, usize)>,
}

/// The records of one article that can be drawn, and notes on those that cannot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checked {
    /// Mentions, in record order.
    pub mentions: Vec<CheckedMention>,
    /// Quotes, in record order.
    pub quotes: Vec<CheckedQuote>,
    /// One line per record that was left out, saying why.
    pub problems: Vec<String>,
}

/// True when a cell read back equals the slice, allowing the `'` that
/// `--excel-safe` puts before cells starting with `= + - @`.
fn same_text(cell: &str, slice: &str) -> bool {
    cell == slice || cell.strip_prefix('\'') == Some(slice)
}

fn byte_range(text: &str, start: usize, end: usize) -> Option<&str> {
    if start <= end && text.is_char_boundary(start) && text.is_char_boundary(end) {
        text.get(start..end)
    } else {
        None
    }
}

/// Converts character offsets of `text` to byte offsets in one pass;
/// `None` for an offset past the end.
pub fn char_to_byte(text: &str, chars: &[usize]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..chars.len()).collect();
    order.sort_by_key(|&i| chars[i]);
    let mut out = vec![None; chars.len()];
    let mut it = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .enumerate();
    let mut cur = it.next();
    for i in order {
        while let Some((c, _)) = cur {
            if c >= chars[i] {
                break;
            }
            cur = it.next();
        }
        out[i] = cur.filter(|&(c, _)| c == chars[i]).map(|(_, b)| b);
    }
    out
}

/// Checks one article's records against its title and text.
pub fn check(article: &Article, mentions: &[Mention], quotes: &[Quote]) -> Checked {
    let mut out = Checked::default();
    let title_index = CharIndex::new(&article.title);
    let text_index = CharIndex::new(&article.text);
    for (index, m) in mentions.iter().enumerate() {
        let (text, chars, in_title) = match m.field.as_str() {
            "title" => (&article.title, &title_index, true),
            "text" => (&article.text, &text_index, false),
            other => {
                out.problems.push(format!(
                    "mention {index} ({:?}): unknown field {other:?}",
                    m.text
                ));
                continue;
            }
        };
        let ok = byte_range(text, m.byte_start, m.byte_end).is_some_and(|s| same_text(&m.text, s))
            && chars.char_offset(m.byte_start) == m.start
            && chars.char_offset(m.byte_end) == m.end;
        if ok {
            out.mentions.push(CheckedMention {
                index,
                in_title,
                start: m.byte_start,
                end: m.byte_end,
            });
        } else {
            out.problems.push(format!(
                "mention {index} ({:?}, {} {}..{}, bytes {}..{}) does not slice back to its text",
                m.text, m.field, m.start, m.end, m.byte_start, m.byte_end
            ));
        }
    }
    let mut wanted = Vec::with_capacity(quotes.len() * 4);
    for q in quotes {
        wanted.extend([q.start, q.end]);
        wanted.extend([q.speaker_start.unwrap_or(0), q.speaker_end.unwrap_or(0)]);
    }
    let bytes = char_to_byte(&article.text, &wanted);
    for (index, (q, b)) in quotes.iter().zip(bytes.chunks(4)).enumerate() {
        let range = b[0].zip(b[1]).filter(|&(s, e)| {
            byte_range(&article.text, s, e).is_some_and(|slice| same_text(&q.quote, slice))
        });
        let Some((start, end)) = range else {
            out.problems.push(format!(
                "quote {index} (chars {}..{}) does not slice back to its text",
                q.start, q.end
            ));
            continue;
        };
        let speaker = match (q.speaker_start, q.speaker_end) {
            (Some(_), Some(_)) => match b[2].zip(b[3]).filter(|&(s, e)| s < e) {
                Some(r) => Some(r),
                None => {
                    out.problems.push(format!(
                        "quote {index}: speaker span {:?}..{:?} is not in the text",
                        q.speaker_start, q.speaker_end
                    ));
                    None
                }
            },
            _ => None,
        };
        out.quotes.push(CheckedQuote {
            index,
            start,
            end,
            speaker,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! c2b {
        ($name:ident, $text:expr, $chars:expr, $want:expr) => {
            #[test]
            fn $name() {
                assert_eq!(char_to_byte($text, &$chars), $want);
            }
        };
    }

    c2b!(ascii, "abc", [2, 0, 3], vec![Some(2), Some(0), Some(3)]);
    c2b!(
        multibyte,
        "Bakı və",
        [4, 5, 7],
        vec![Some(5), Some(6), Some(9)]
    );
    c2b!(past_end, "ab", [3, 2], vec![None, Some(2)]);
    c2b!(empty, "", [0, 1], vec![Some(0), None]);
    c2b!(repeated, "“x”", [1, 1, 3], vec![Some(3), Some(3), Some(7)]);

    fn mention(field: &str, text: &str, start: usize, end: usize, bs: usize, be: usize) -> Mention {
        Mention {
            doc_id: "d".into(),
            field: field.into(),
            label: "PLACE".into(),
            text: text.into(),
            start,
            end,
            byte_start: bs,
            byte_end: be,
            canonical: String::new(),
            entity_id: String::new(),
            value: String::new(),
            timex_type: String::new(),
            method: "dictionary".into(),
        }
    }

    fn quote(text: &str, start: usize, end: usize, speaker: Option<(usize, usize)>) -> Quote {
        Quote {
            doc_id: "d".into(),
            quote: text.into(),
            start,
            end,
            speaker: String::new(),
            speaker_entity_id: String::new(),
            speaker_start: speaker.map(|s| s.0),
            speaker_end: speaker.map(|s| s.1),
            cue: String::new(),
            kind: "direct".into(),
            flags: String::new(),
        }
    }

    #[test]
    fn good_and_bad_records() {
        let mut a = Article::new("d", "In Şuşa: “Calm,” he said.");
        a.title = "Bakı".into();
        let mentions = [
            mention("text", "Şuşa", 3, 7, 3, 9),
            mention("title", "Bakı", 0, 4, 0, 5),
            mention("text", "Şuşa", 3, 7, 3, 8), // slices to "Şuş"
            mention("text", "Şuşa", 2, 6, 3, 9), // chars disagree with bytes
            mention("body", "x", 0, 1, 0, 1),
        ];
        let quotes = [
            quote("Calm,", 10, 15, Some((17, 19))),
            quote("Calm", 10, 15, None),            // text differs
            quote("Calm,", 10, 15, Some((17, 99))), // speaker past the end
        ];
        let c = check(&a, &mentions, &quotes);
        assert_eq!(
            c.mentions,
            [
                CheckedMention {
                    index: 0,
                    in_title: false,
                    start: 3,
                    end: 9
                },
                CheckedMention {
                    index: 1,
                    in_title: true,
                    start: 0,
                    end: 5
                },
            ]
        );
        assert_eq!(c.quotes.len(), 2);
        assert_eq!(c.quotes[0].speaker, Some((23, 25)));
        assert_eq!((c.quotes[0].start, c.quotes[0].end), (14, 19));
        assert_eq!(c.quotes[1].speaker, None);
        assert_eq!(c.problems.len(), 5, "{:?}", c.problems);
    }

    #[test]
    fn excel_safe_prefix_is_accepted() {
        let a = Article::new("d", "=Baku");
        let c = check(&a, &[mention("text", "'=Baku", 0, 5, 0, 5)], &[]);
        assert!(c.problems.is_empty());
    }
}

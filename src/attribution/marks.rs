//! Quote-mark scanning: pairs the double quote marks of a text into quoted
//! spans, paragraph by paragraph.
//!
//! - Curly marks show their direction; the straight `"` and the typewriter
//!   `''` toggle (open when no quote is open, close otherwise), so mixed
//!   styles (`“...."`) pair too.
//! - A quote left open at the end of a paragraph whose next paragraph opens
//!   with a quote mark is the news convention for a quotation running over
//!   several paragraphs: the first part ends at the paragraph end and the
//!   next part is marked [`Quoted::continues`].
//! - Anything else that does not pair (a quote still open at the end of a
//!   paragraph, a closing mark with nothing open, an opening mark while a
//!   quote is open) never fails: the quote is cut at the paragraph edge or
//!   the next mark and flagged [`Quoted::odd`].
//! - Single quotes (‘...’) are left alone: inside a double quote they are
//!   nested quotes and belong to its content; elsewhere they are mostly
//!   apostrophes.

use super::tokens::{Kind, Mark, Token, Tokenized};

/// One quoted span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    /// Token index of the opening mark, or of the first content token when
    /// the opening mark is missing.
    pub open: usize,
    /// Token index of the closing mark, or of the last content token when
    /// the closing mark is missing.
    pub close: usize,
    /// Byte offset where the content starts (after the opening mark).
    pub start: usize,
    /// Byte offset where the content ends (before the closing mark).
    pub end: usize,
    /// True when the opening mark is a real mark (not a paragraph start).
    pub has_open: bool,
    /// True when the closing mark is a real mark (not a paragraph end).
    pub has_close: bool,
    /// True when this part reopens a quotation left open at the end of the
    /// previous paragraph.
    pub continues: bool,
    /// True when the marks did not pair.
    pub odd: bool,
}

/// The quoted spans of a text, in order, and which tokens lie inside them.
#[derive(Debug, Clone, Default)]
pub struct Quotes {
    /// The spans, in text order, never overlapping.
    pub spans: Vec<Quoted>,
    /// For each token, one more than the index of the span it belongs to
    /// (marks included), 0 outside every span: a zeroed vector is a plain
    /// zeroed allocation, unlike one filled with `None`.
    of_token: Vec<u32>,
}

impl Quotes {
    /// Gives back the per-token table's memory, for [`scan_into`] to reuse.
    pub fn into_table(self) -> Vec<u32> {
        self.of_token
    }

    /// The span token `i` belongs to, if any.
    pub fn at(&self, i: usize) -> Option<usize> {
        match self.of_token.get(i).copied() {
            None | Some(0) => None,
            Some(k) => Some(k as usize - 1),
        }
    }
}

/// True when the straight mark at token `i` looks like a closing mark:
/// glued to the word before it and not to the one after.
fn looks_closing(tokens: &[Token], i: usize) -> bool {
    let glued_before =
        i > 0 && tokens[i - 1].end() == tokens[i].start() && tokens[i - 1].kind != Kind::Para;
    let glued_after = tokens
        .get(i + 1)
        .is_some_and(|n| n.start() == tokens[i].end() && n.kind == Kind::Word);
    glued_before && !glued_after
}

struct Scanner<'a> {
    tokens: &'a [Token],
    out: Vec<Quoted>,
}

impl Scanner<'_> {
    /// Adds a span from token `open` to token `close` (marks or content).
    fn push(&mut self, open: usize, close: usize, has_open: bool, has_close: bool, odd: bool) {
        let t = self.tokens;
        let start = if has_open {
            t[open].end()
        } else {
            t[open].start()
        };
        let end = if has_close {
            t[close].start()
        } else {
            t[close].end()
        };
        if start >= end {
            return;
        }
        self.out.push(Quoted {
            open,
            close,
            start,
            end,
            has_open,
            has_close,
            continues: false,
            odd,
        });
    }

    /// The last content token before `i` that is not a paragraph break.
    fn last_before(&self, i: usize) -> usize {
        let mut j = i;
        while j > 0 && self.tokens[j - 1].kind == Kind::Para {
            j -= 1;
        }
        j.saturating_sub(1)
    }
}

/// Pairs the quote marks of a tokenized text. Only its quote marks and
/// paragraph breaks act, so only the [`Tokenized::stops`] are visited.
pub fn scan(tokenized: &Tokenized) -> Quotes {
    scan_into(tokenized, Vec::new())
}

/// [`scan`], with `table` (cleared first) as the memory of the per-token
/// table.
pub fn scan_into(tokenized: &Tokenized, mut table: Vec<u32>) -> Quotes {
    let tokens = &tokenized.toks[..];
    let mut s = Scanner {
        tokens,
        out: Vec::new(),
    };
    let mut open: Option<usize> = None;
    // First token of the current paragraph, and the token after the last
    // closed quote in it (where an orphan closing mark's content may start).
    let mut para_start = 0usize;
    let mut free_from = 0usize;
    let mut reopen = false;
    // The text's end acts as a paragraph break.
    let acting = tokenized.stops.iter().copied().chain([tokens.len()]);
    for i in acting {
        let kind = tokens.get(i).map(|t| t.kind).unwrap_or(Kind::Para);
        match kind {
            Kind::Quote(mark) => match (open, mark) {
                (None, Mark::Open) | (None, Mark::Either) => {
                    if mark == Mark::Either
                        && looks_closing(tokens, i)
                        && no_quote_between(tokens, free_from, i)
                        && i > free_from
                    {
                        // An orphan closing mark: the quote started unmarked.
                        s.push(free_from, i, false, true, true);
                        free_from = i + 1;
                    } else {
                        open = Some(i);
                    }
                }
                (None, Mark::Close) => {
                    if i > free_from {
                        s.push(free_from, i, false, true, true);
                    }
                    free_from = i + 1;
                }
                (Some(o), Mark::Either) if reopens(tokens, i) => {
                    // "...incensed? "Why did nobody...": a paragraph break lost
                    // in the text; the quotation goes on with a new part.
                    s.push(o, i - 1, true, false, false);
                    if reopen {
                        if let Some(q) = s.out.last_mut() {
                            q.continues = true;
                        }
                    }
                    reopen = true;
                    open = Some(i);
                }
                (Some(o), Mark::Close) | (Some(o), Mark::Either) => {
                    s.push(o, i, true, true, false);
                    if reopen {
                        if let Some(q) = s.out.last_mut() {
                            q.continues = true;
                        }
                        reopen = false;
                    }
                    open = None;
                    free_from = i + 1;
                }
                (Some(o), Mark::Open) if looks_closing(tokens, i) => {
                    // A wrong-way mark glued to the word before: “It's unusual,“ said
                    s.push(o, i, true, true, false);
                    open = None;
                    free_from = i + 1;
                }
                (Some(o), Mark::Open) => {
                    // Opened twice: cut the first at the new mark.
                    if i > o + 1 {
                        s.push(o, i - 1, true, false, true);
                    }
                    reopen = false;
                    open = Some(i);
                }
            },
            Kind::Para => {
                if let Some(o) = open {
                    let last = s.last_before(i);
                    let next_opens = tokens.get(i + 1).is_some_and(|n| {
                        matches!(n.kind, Kind::Quote(Mark::Open) | Kind::Quote(Mark::Either))
                    });
                    if next_opens && last > o {
                        s.push(o, last, true, false, false);
                        if reopen {
                            if let Some(q) = s.out.last_mut() {
                                q.continues = true;
                            }
                        }
                        reopen = true;
                    } else {
                        if last > o {
                            s.push(o, last, true, false, true);
                        }
                        reopen = false;
                    }
                    open = None;
                } else {
                    reopen = false;
                }
                para_start = i + 1;
                free_from = para_start;
            }
            _ => {}
        }
    }
    let _ = para_start;
    table.clear();
    table.resize(tokens.len(), 0);
    for (k, q) in s.out.iter().enumerate() {
        table[q.open..=q.close.min(tokens.len() - 1)].fill(k as u32 + 1);
    }
    Quotes {
        spans: s.out,
        of_token: table,
    }
}

/// True when the straight mark at token `i`, met while a quote is open,
/// opens a new part instead: it follows the end of a sentence and a space,
/// and is glued to the word after it.
fn reopens(tokens: &[Token], i: usize) -> bool {
    i > 0
        && matches!(tokens[i - 1].kind, Kind::Punct('.' | '?' | '!'))
        && tokens[i - 1].end() < tokens[i].start()
        && tokens
            .get(i + 1)
            .is_some_and(|n| n.start() == tokens[i].end() && n.kind == Kind::Word)
}

fn no_quote_between(tokens: &[Token], from: usize, to: usize) -> bool {
    tokens[from..to]
        .iter()
        .all(|t| !matches!(t.kind, Kind::Quote(_)))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize_marked;
    use super::*;

    /// (content, continues, odd) of each quoted span.
    fn quotes(text: &str) -> Vec<(&str, bool, bool)> {
        scan(&tokenize_marked(text, &text.to_ascii_lowercase()))
            .spans
            .iter()
            .map(|q| (&text[q.start..q.end], q.continues, q.odd))
            .collect()
    }

    macro_rules! q {
        ($name:ident, $text:expr, [$(($c:expr, $cont:expr, $odd:expr)),* $(,)?]) => {
            #[test]
            fn $name() {
                let want: Vec<(&str, bool, bool)> = vec![$(($c, $cont, $odd)),*];
                assert_eq!(quotes($text), want);
            }
        };
    }

    q!(
        curly,
        "“We are here,” he said.",
        [("We are here,", false, false)]
    );
    q!(
        straight,
        "\"Yes,\" he said. \"No.\"",
        [("Yes,", false, false), ("No.", false, false)]
    );
    q!(
        typewriter,
        "''It is,'' he said.",
        [("It is,", false, false)]
    );
    q!(
        mixed,
        "“I think so.\" Then",
        [("I think so.", false, false)]
    );
    q!(
        partial,
        "the process “can take time” because",
        [("can take time", false, false)]
    );
    q!(
        nested_single,
        "“She said, ‘Do you understand,’” he said.",
        [("She said, ‘Do you understand,’", false, false)]
    );
    q!(
        paragraphs,
        "“First part.\n\n“Second part,” he said.",
        [("First part.", false, false), ("Second part,", true, false)]
    );
    q!(
        three_paragraphs,
        "“One.\n\n“Two.\n\n“Three.”",
        [
            ("One.", false, false),
            ("Two.", true, false),
            ("Three.", true, false)
        ]
    );
    q!(
        unclosed,
        "“Never closed\n\nNext paragraph.",
        [("Never closed", false, true)]
    );
    q!(
        orphan_close,
        "Opened nowhere,” he said.",
        [("Opened nowhere,", false, true)]
    );
    q!(
        orphan_straight_close,
        "Opened nowhere,\" he said.",
        [("Opened nowhere,", false, true)]
    );
    q!(empty, "\"\" and", []);
    q!(
        odd_open_twice,
        "“One “Two” end",
        [("One", false, true), ("Two", false, false)]
    );
    q!(
        wrong_way_close,
        "“It is,“ said Noble. “Yes.”",
        [("It is,", false, false), ("Yes.", false, false)]
    );

    #[test]
    fn tokens_know_their_quote() {
        let text = "a “b c” d";
        let tokenized = tokenize_marked(text, &text.to_ascii_lowercase());
        let q = scan(&tokenized);
        let inside: Vec<bool> = (0..tokenized.toks.len())
            .map(|i| q.at(i).is_some())
            .collect();
        assert_eq!(inside, [false, true, true, true, true, false]);
    }
}

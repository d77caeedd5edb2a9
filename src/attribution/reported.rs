//! Reported attribution without quote marks: "according to X", "X said
//! (that) ...", "..., X said", and chains naming an original source
//! ("according to Azerbaijan in Focus, reporting Daily Sabah"; "X
//! reported, citing Y").
//!
//! The content of such a row is the clause it attributes:
//! - "X said (that) CLAUSE." / "X told Y (that) CLAUSE.": the clause after
//!   the cue (after "that" when it follows within a few words);
//! - "CLAUSE, X said." / "CLAUSE, according to X.": the clause before the
//!   attribution;
//! - "According to X, CLAUSE.": the clause after it;
//! - "A, according to X, B.": the whole sentence.
//!
//! A chain's original source (`reported_by`) gets the same content as the
//! row it hangs on. Final punctuation is left out.

use super::{
    cues::Cue,
    doc::Doc,
    speaker::{self, Class, Found},
    tokens::Kind,
    Draft,
};
use crate::span::QuoteKind;

/// Words that introduce an original source after a comma.
fn is_chain_word(w: &str) -> bool {
    matches!(w, "reporting" | "citing" | "quoting")
}

/// Adds the reported-speech rows of `doc` to `out`; skips cue tokens
/// already `used` by a quotation and marks the ones it uses.
pub fn find(doc: &Doc, used: &mut [bool], out: &mut Vec<Draft>) {
    // Only the tokens of `reported_starts` can start a row; `next` is the
    // first token not yet passed over (an "according to" row skips its
    // source).
    let mut next = 0;
    for &j in doc.reported_starts() {
        if j < next {
            continue;
        }
        next = j + 1;
        if doc.in_quote(j) || used[j] {
            continue;
        }
        let w = doc.w(j);
        if w == "according" && doc.w(j + 1) == "to" {
            if let Some(sp) = speaker::starting_at(doc, j + 2) {
                used[j] = true;
                let chain = chain_after(doc, sp.last, used);
                let end = chain.last().map(|(_, f)| f.last).unwrap_or(sp.last);
                if let Some((a, b)) = clause_around(doc, j, end) {
                    let kind = anonymous_or(&sp, QuoteKind::AccordingTo);
                    out.push(Draft::reported(a, b, kind, "according to", sp));
                    push_chain(doc, chain, a, b, out);
                }
                next = end + 1;
                continue;
            }
        } else if doc.cue(j) == Some(Cue::Finite) && !adjectival(doc, j) {
            let (s0, s1) = doc.sentence_bounds(j);
            let chain_at = (j + 1..s1)
                .find(|&k| doc.is_punct(k, ',') && !doc.in_quote(k) && is_chain_word(doc.w(k + 1)));
            let limit = chain_at.map(|k| k - 1).unwrap_or(s1);
            if let Some((sp, content)) = reported_speech(doc, j, s0, limit) {
                used[j] = true;
                let chain = match chain_at {
                    Some(k) => chain_after(doc, k - 1, used),
                    None => Vec::new(),
                };
                let kind = anonymous_or(&sp, QuoteKind::Indirect);
                out.push(Draft::reported(content.0, content.1, kind, doc.raw(j), sp));
                push_chain(doc, chain, content.0, content.1, out);
            }
        }
    }
}

fn anonymous_or(sp: &Found, kind: QuoteKind) -> QuoteKind {
    if sp.class == Class::Anonymous {
        QuoteKind::Anonymous
    } else {
        kind
    }
}

fn push_chain(doc: &Doc, chain: Vec<(usize, Found)>, a: usize, b: usize, out: &mut Vec<Draft>) {
    for (cue, f) in chain {
        out.push(Draft::reported(
            a,
            b,
            QuoteKind::ReportedBy,
            doc.raw(cue),
            f,
        ));
    }
}

/// ", reporting Y", ", citing Y", ", quoting Y" right after token `last`,
/// repeated ("citing X, which cited Y" is read as far as the pattern goes).
fn chain_after(doc: &Doc, mut last: usize, used: &mut [bool]) -> Vec<(usize, Found)> {
    let mut out = Vec::new();
    while doc.is_punct(last + 1, ',') && is_chain_word(doc.w(last + 2)) {
        let cue = last + 2;
        let Some(f) = speaker::starting_at(doc, cue + 1) else {
            break;
        };
        used[cue] = true;
        last = f.last;
        out.push((cue, f));
    }
    out
}

/// "the reported cases", "a noted author", "to say": not attributions.
fn adjectival(doc: &Doc, j: usize) -> bool {
    j > 0
        && doc.is_word(j - 1)
        && matches!(
            doc.w(j - 1),
            "the" | "a" | "an" | "to" | "its" | "his" | "her" | "their" | "widely" | "so-called"
        )
}

/// The speaker and content of a reported-speech cue at `j`, in the
/// sentence starting at token `s0`. `s1` is the last token the content may
/// reach.
fn reported_speech(doc: &Doc, j: usize, s0: usize, s1: usize) -> Option<(Found, (usize, usize))> {
    if let Some(sp) =
        speaker::before(doc, j, s0.checked_sub(1)).filter(|f| speaker::is_sourcey(doc, f))
    {
        if sp.first < s0 {
            return None;
        }
        let after = content_after(doc, j, s1);
        let before = (sp.first > s0 + 1 && doc.is_punct(sp.first - 1, ','))
            .then(|| span(doc, s0, sp.first - 2))
            .flatten();
        let that_follows = after.is_some_and(|(_, has_that)| has_that);
        let content = if that_follows {
            after.map(|(c, _)| c)
        } else {
            before.or(after.map(|(c, _)| c))
        };
        return content.map(|c| (sp, c));
    }
    // "CLAUSE, said X."
    if j > s0 + 1 && doc.is_punct(j - 1, ',') {
        let sp = speaker::after(doc, j).filter(|f| speaker::is_sourcey(doc, f))?;
        let c = span(doc, s0, j - 2)?;
        return Some((sp, c));
    }
    None
}

/// The clause after cue `j` up to sentence end `s1`: skips the object of
/// "told" and anything up to a "that" close by. Also says whether a "that"
/// was found.
fn content_after(doc: &Doc, j: usize, s1: usize) -> Option<((usize, usize), bool)> {
    let mut a = j + 1;
    if matches!(
        doc.w(j),
        "told" | "tells" | "tell" | "telling" | "asked" | "asks" | "warned" | "urged"
    ) {
        if let Some(obj) = speaker::starting_at(doc, a) {
            a = obj.last + 1;
        }
    }
    let that = (a..(a + 6).min(s1 + 1))
        .take_while(|&k| doc.is_word(k) || doc.is_punct(k, ','))
        .find(|&k| doc.w(k) == "that");
    let has_that = that.is_some();
    if let Some(k) = that {
        a = k + 1;
    }
    while a <= s1 && matches!(doc.toks[a].kind, Kind::Punct(',' | ':' | '—')) {
        a += 1;
    }
    if !has_that && a <= s1 && is_adverbial_start(doc.w(a)) {
        return None;
    }
    let c = span(doc, a, s1)?;
    // At least three words.
    let words = (a..=s1).filter(|&k| doc.is_word(k)).take(3).count();
    (words == 3).then_some((c, has_that))
}

fn is_adverbial_start(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "last"
            | "this"
            | "earlier"
            | "later"
            | "yesterday"
            | "today"
            | "tonight"
            | "when"
            | "while"
            | "as"
    ) || super::words::is_weekday_name(w)
}

/// The byte span of tokens `a..=b`, final punctuation and paragraph breaks
/// left out; `None` when nothing is left.
fn span(doc: &Doc, a: usize, b: usize) -> Option<(usize, usize)> {
    let mut b = b;
    while b > a
        && matches!(
            doc.toks[b].kind,
            Kind::Punct('.' | ',' | ';' | ':' | '?' | '!' | '—' | '…') | Kind::Para
        )
    {
        b -= 1;
    }
    if b < a || doc.toks[a].kind == Kind::Para || doc.toks[b].kind == Kind::Para {
        return None;
    }
    // A dateline opening the paragraph ("ROTTERDAM — ...") is not content.
    let mut a = a;
    let para_start = a == 0 || doc.toks[a - 1].kind == Kind::Para;
    if para_start
        && a + 2 <= b
        && doc.is_word(a)
        && doc.raw(a).chars().all(|c| !c.is_lowercase())
        && matches!(doc.toks[a + 1].kind, Kind::Punct('—' | '–' | '-'))
    {
        a += 2;
    }
    let (s, e) = (doc.toks[a].start(), doc.toks[b].end());
    (s < e).then_some((s, e))
}

/// The clause an "according to" phrase (tokens `cue..=end`) attributes.
fn clause_around(doc: &Doc, cue: usize, end: usize) -> Option<(usize, usize)> {
    let (s0, s1) = doc.sentence_bounds(cue);
    let before = (cue > s0 + 1).then(|| span(doc, s0, cue - 1)).flatten();
    let rest = end + 1 < s1 && doc.is_punct(end + 1, ',') && span(doc, end + 2, s1).is_some();
    match (before, rest) {
        (Some(_), true) => span(doc, s0, s1),
        (Some(b), false) => Some(b),
        (None, true) => span(doc, end + 2, s1),
        (None, false) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(QuoteKind, String, String, String)> {
        let doc = Doc::new(text, &[]);
        let mut used = vec![false; doc.len()];
        let mut out = Vec::new();
        find(&doc, &mut used, &mut out);
        out.iter()
            .map(|d| {
                let s = d.speaker.as_ref().unwrap();
                (
                    d.kind,
                    text[d.start..d.end].to_string(),
                    text[s.start..s.end].to_string(),
                    d.cue.clone(),
                )
            })
            .collect()
    }

    macro_rules! r {
        ($name:ident, $text:expr, [$(($kind:ident, $c:expr, $sp:expr, $cue:expr)),* $(,)?]) => {
            #[test]
            fn $name() {
                let want: Vec<(QuoteKind, String, String, String)> = vec![
                    $((QuoteKind::$kind, $c.to_string(), $sp.to_string(), $cue.to_string())),*
                ];
                assert_eq!(rows($text), want);
            }
        };
    }

    r!(
        chain,
        "Baku sent fuel on Saturday, according to Caspian Herald, reporting Daily Sabah.",
        [
            (
                AccordingTo,
                "Baku sent fuel on Saturday",
                "Caspian Herald",
                "according to"
            ),
            (
                ReportedBy,
                "Baku sent fuel on Saturday",
                "Daily Sabah",
                "reporting"
            ),
        ]
    );
    r!(
        according_first,
        "According to the ministry, fuel was sent.",
        [(AccordingTo, "fuel was sent", "the ministry", "according to")]
    );
    r!(
        said_that,
        "Smith said that fuel would be sent soon.",
        [(Indirect, "fuel would be sent soon", "Smith", "said")]
    );
    r!(
        clause_then_said,
        "Fuel would be sent soon, the ministry said on Monday.",
        [(Indirect, "Fuel would be sent soon", "the ministry", "said")]
    );
    r!(
        anonymous,
        "Fuel would be sent soon, officials said.",
        [(Anonymous, "Fuel would be sent soon", "officials", "said")]
    );
    r!(
        citing,
        "Reuters reported the deal was off, citing two sources.",
        [
            (Indirect, "the deal was off", "Reuters", "reported"),
            (ReportedBy, "the deal was off", "two sources", "citing"),
        ]
    );
    r!(
        told_object,
        "Smith told reporters that it was over.",
        [(Indirect, "it was over", "Smith", "told")]
    );
    r!(no_subject, "a war that claimed many lives.", []);
    r!(no_content, "Eyvazov told reporters in Shusha.", []);
}

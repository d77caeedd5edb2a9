//! Direct and partial quotes: each quoted span gets its kind and the cue
//! and speaker that attribute it.
//!
//! A quote that opens a sentence (or follows a colon, or a comma after a
//! speech verb) is `direct`; one that opens mid-sentence is `partial`.
//! The cue is searched after the quote first for direct quotes ("“...,” X
//! said", "“...” of the separatists, X told reporters") and before it first
//! for partial ones ("X said the process “can take time”"), within the
//! sentence. A quote with no cue of its own continues the speaker of the
//! quote before it when that one is in the same paragraph, when the
//! quotation runs over a paragraph break, or when it opens the paragraph
//! right after an attributed quote.

use super::{
    cues::Cue,
    doc::Doc,
    marks::Quoted,
    speaker::{self, Class, Found},
    tokens::Kind,
    words, Draft,
};
use crate::span::QuoteKind;

/// How far (in tokens) a cue may sit after a quote's closing mark.
const TRAILING_WINDOW: usize = 30;
/// How far (in tokens, other quotes skipped) a cue may sit before a quote.
const LEADING_WINDOW: usize = 30;

/// One draft per quoted span, in text order. Marks the cue tokens used.
pub fn attribute(doc: &Doc, used: &mut [bool]) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::with_capacity(doc.quotes.spans.len());
    for (k, q) in doc.quotes.spans.iter().enumerate() {
        let kind = classify(doc, q);
        let mut d = Draft::new(q.start, q.end, kind);
        if q.odd {
            d.flags.push("odd_quotes");
        }
        let found = if kind == QuoteKind::Direct && introduced_by_cue(doc, q) {
            leading(doc, q, used).or_else(|| trailing(doc, q, used, false))
        } else if kind == QuoteKind::Direct {
            trailing(doc, q, used, false).or_else(|| leading(doc, q, used))
        } else {
            trailing(doc, q, used, true)
                .or_else(|| leading(doc, q, used))
                .or_else(|| trailing(doc, q, used, false))
        };
        match found {
            Some((cue, Some(sp))) => {
                used[cue] = true;
                d.cue = cue_text(doc, cue);
                d.speaker = Some(sp);
            }
            Some((cue, None)) => {
                // A participle whose subject is the previous quote's speaker.
                used[cue] = true;
                d.cue = cue_text(doc, cue);
                d.inherit = k.checked_sub(1).filter(|&p| attributed(&out[p]));
            }
            None => {
                let a = anchor(doc, q);
                let introduced = kind == QuoteKind::Partial
                    || a > 0 && (a != q.open || doc.is_punct(a - 1, ':'));
                match introduced.then(|| sentence_subject(doc, q)).flatten() {
                    Some((verb, sp)) => {
                        d.cue = doc.raw(verb).to_string();
                        d.speaker = Some(sp);
                    }
                    None => {
                        let signed =
                            k > 0 && matches!(out[k - 1].cue.as_str(), "―" | "—" | "–" | "-");
                        if k > 0
                            && !signed
                            && continues(doc, &doc.quotes.spans[k - 1], q)
                            && attributed(&out[k - 1])
                        {
                            d.inherit = Some(k - 1);
                        }
                    }
                }
            }
        }
        out.push(d);
    }
    out
}

/// "X said, “...”", "saying: “...”", "said in a statement: “...”": the
/// quotation follows its cue.
fn introduced_by_cue(doc: &Doc, q: &Quoted) -> bool {
    let p = anchor(doc, q);
    if p < 2 || !(doc.is_punct(p - 1, ',') || doc.is_punct(p - 1, ':')) {
        return false;
    }
    (p.saturating_sub(6)..p - 1).any(|k| !doc.in_quote(k) && doc.cue(k).is_some())
}

fn cue_text(doc: &Doc, cue: usize) -> String {
    if doc.w(cue) == "according" {
        "according to".to_string()
    } else {
        doc.raw(cue).to_string()
    }
}

fn attributed(d: &Draft) -> bool {
    d.speaker.is_some() || d.inherit.is_some()
}

/// True when quote `q` carries on the quotation `prev` without a cue of its
/// own: same paragraph, a quotation reopened over a paragraph break, or the
/// first thing in the paragraph right after `prev`'s.
fn continues(doc: &Doc, prev: &Quoted, q: &Quoted) -> bool {
    if q.continues {
        return true;
    }
    let paras = (prev.close..q.open)
        .filter(|&i| doc.toks[i].kind == Kind::Para)
        .count();
    match paras {
        0 => true,
        1 => q.open > 0 && doc.toks[q.open - 1].kind == Kind::Para && ends_paragraph(doc, prev),
        _ => false,
    }
}

/// True when nothing but one attribution sentence follows `q` in its
/// paragraph.
fn ends_paragraph(doc: &Doc, q: &Quoted) -> bool {
    let mut i = q.close + 1;
    let sent = doc.sent.get(i).copied();
    while i < doc.len() && doc.toks[i].kind != Kind::Para {
        if doc.in_quote(i) || Some(doc.sent[i]) != sent {
            return false;
        }
        i += 1;
    }
    true
}

/// Direct when the quote opens its sentence, follows a colon, or follows a
/// speech verb; partial when it opens mid-sentence.
fn classify(doc: &Doc, q: &Quoted) -> QuoteKind {
    if !q.has_open || q.continues || q.open == 0 {
        return QuoteKind::Direct;
    }
    let p = q.open - 1;
    let starts_upper = doc.text[q.start..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_lowercase());
    let direct = match doc.toks[p].kind {
        Kind::Para | Kind::Quote(_) => true,
        Kind::Punct(':' | '.' | '?' | '!' | '…') => true,
        Kind::Punct(',' | '—' | '-' | ';') => {
            starts_upper && (p.saturating_sub(4)..p).any(|k| doc.word_cue(k).is_some())
        }
        Kind::Word => starts_upper && doc.word_cue(p).is_some(),
        Kind::Punct(_) => false,
    };
    if direct {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    }
}

/// The content of `q` ends a sentence of its own ("...down.” Kasich said").
fn closes_sentence(doc: &Doc, q: &Quoted) -> bool {
    q.has_close && q.close + 1 < doc.len() && doc.sent[q.close + 1] != doc.sent[q.close]
}

/// A cue after the quote, in its sentence, with its speaker. With
/// `immediate`, only a cue right after the closing mark ("“...” said X",
/// "“...,” X said").
fn trailing(
    doc: &Doc,
    q: &Quoted,
    used: &[bool],
    immediate: bool,
) -> Option<(usize, Option<Found>)> {
    if !q.has_close {
        return None;
    }
    let c = q.close;
    let mut sent = doc.sent[c];
    // "“Why?” Dunn asked." / "“I left.” Smith said.": a quotation that ends
    // its sentence may still be attributed by a bare "X said" right after.
    let crossed = closes_sentence(doc, q);
    if crossed {
        sent = doc.sent[c + 1];
    }
    // "“...” ― Veronica Cruz": a signature after a dash, on the same line
    // or opening the next paragraph.
    let dash = if doc.toks.get(c + 1).is_some_and(|t| t.kind == Kind::Para) {
        c + 2
    } else {
        c + 1
    };
    if matches!(
        doc.toks.get(dash).map(|t| t.kind),
        Some(Kind::Punct('―' | '—' | '–' | '-'))
    ) {
        if let Some(sp) = speaker::starting_at(doc, dash + 1).filter(|f| f.class == Class::Name) {
            let end = f_last_next(&sp);
            let para_end = |k: usize| doc.toks.get(k).is_none_or(|t| t.kind == Kind::Para);
            let ends = para_end(end)
                || doc.is_punct(end, '.') && para_end(end + 1)
                || dash == c + 1 && !doc.is_word(end);
            if ends {
                return Some((dash, Some(sp)));
            }
        }
    }
    let window = if immediate || crossed {
        12
    } else {
        TRAILING_WINDOW
    };
    let mut j = c + 1;
    while j < doc.len() && j - c <= window {
        let t = doc.toks[j];
        if t.kind == Kind::Para || matches!(t.kind, Kind::Quote(_)) || doc.sent[j] != sent {
            break;
        }
        if t.kind == Kind::Word
            && !used[j]
            && !immediate
            && doc.w(j) == "according"
            && doc.w(j + 1) == "to"
        {
            if let Some(sp) = speaker::starting_at(doc, j + 2) {
                return Some((j, Some(sp)));
            }
        }
        if t.kind == Kind::Word && !used[j] {
            if let Some(cue) = doc.cue(j) {
                let inverted =
                    j == c + 1 || (j == c + 2 && doc.toks[c + 1].kind == Kind::Punct(','));
                let after_comma = !immediate && !crossed && !inverted && doc.is_punct(j - 1, ',');
                if inverted {
                    if let Some(sp) = speaker::after(doc, j) {
                        return Some((j, Some(sp)));
                    }
                }
                // Only punctuation and titles between the mark and the speaker.
                let adjacent = |f: &Found| {
                    f.first - c <= 5
                        && (c + 1..f.first).all(|k| {
                            doc.is_punct(k, ',')
                                || doc.is_punct(k, '.')
                                || words::is_title(doc.w(k))
                        })
                };
                let before = speaker::before(doc, j, Some(c));
                if after_comma && before.is_none() {
                    // "“...” that Sanders can win, said Steve Elmendorf"
                    if let Some(sp) = speaker::after(doc, j) {
                        return Some((j, Some(sp)));
                    }
                }
                if let Some(sp) = before {
                    if (immediate || crossed) && !adjacent(&sp) {
                        return None;
                    }
                    if crossed && !bare_attribution(doc, j) {
                        return None;
                    }
                    return Some((j, Some(sp)));
                }
                if immediate || crossed {
                    return None;
                }
                if cue == Cue::Participle || inverted {
                    return Some((
                        j,
                        subject(doc, j, Some(c))
                            .or_else(|| sentence_subject(doc, q).map(|(_, f)| f)),
                    ));
                }
            }
        }
        j += 1;
    }
    None
}

/// True when cue `j` ends its clause ("Smith said.", "Smith said of the
/// encounter", "Smith told reporters on Monday"), so the sentence is only
/// an attribution of the quotation before it.
fn bare_attribution(doc: &Doc, j: usize) -> bool {
    let mut n = j + 1;
    if matches!(doc.w(j), "told" | "tells" | "asked") {
        if let Some(obj) = speaker::starting_at(doc, n) {
            n = obj.last + 1;
        }
    }
    while doc.is_word(n) && doc.w(n).ends_with("ly") {
        n += 1;
    }
    n >= doc.len()
        || !doc.is_word(n)
        || matches!(
            doc.w(n),
            "in" | "on"
                | "at"
                | "of"
                | "during"
                | "after"
                | "before"
                | "last"
                | "this"
                | "when"
                | "while"
                | "as"
                | "to"
                | "about"
                | "yesterday"
                | "today"
                | "recently"
                | "later"
                | "earlier"
                | "twice"
                | "again"
        )
        || words::is_weekday_name(doc.w(n))
}

/// A cue before the quote, in its sentence, with its speaker.
fn leading(doc: &Doc, q: &Quoted, used: &[bool]) -> Option<(usize, Option<Found>)> {
    if !q.has_open || q.open == 0 {
        return None;
    }
    // "Trump issued the following statement:¶“...”": a paragraph opening
    // with a quotation after one that ends with a colon.
    let start = anchor(doc, q);
    let sent = if start == q.open {
        doc.sent[q.open]
    } else {
        doc.sent[start - 1]
    };
    let mut j = start;
    let mut n = 0;
    while j > 0 && n < LEADING_WINDOW {
        j -= 1;
        if let Some(other) = doc.quotes.at(j) {
            j = doc.quotes.spans[other].open;
            continue;
        }
        let t = doc.toks[j];
        if t.kind == Kind::Para || doc.sent[j] != sent {
            break;
        }
        n += 1;
        // "According to HuffPo: “...”"
        if doc.w(j) == "according" && doc.w(j + 1) == "to" && !used[j] {
            if let Some(sp) = speaker::starting_at(doc, j + 2).filter(|f| f.last < q.open) {
                return Some((j, Some(sp)));
            }
        }
        // "Jeffrey M. Jones: “...”"
        if n == 1 && doc.is_punct(j, ':') && j > 0 {
            if let Some(sp) = speaker::ending_at(doc, j - 1, 0).filter(|f| f.class == Class::Name) {
                let (s0, _) = doc.sentence_bounds(j);
                if sp.first == s0
                    || doc.is_punct(sp.first - 1, '-')
                    || doc.is_punct(sp.first - 1, '—')
                {
                    return Some((j, Some(sp)));
                }
            }
        }
        if t.kind != Kind::Word || used[j] {
            continue;
        }
        let Some(cue) = doc.cue(j) else {
            continue;
        };
        // "Warren endorsed Clinton, saying, “...”": the clause's subject.
        if cue == Cue::Participle && j > 0 && doc.is_punct(j - 1, ',') {
            let sp = subject(doc, j, None).or_else(|| sentence_subject(doc, q).map(|(_, f)| f));
            if sp.is_some() {
                return Some((j, sp));
            }
        }
        if let Some(sp) = speaker::before(doc, j, None) {
            return Some((j, Some(sp)));
        }
        let after = speaker::after(doc, j)
            .filter(|f| f.last + 1 < q.open && !matches!(f.class, Class::Pronoun(_)));
        if let Some(sp) = after {
            if matches!(doc.toks[f_last_next(&sp)].kind, Kind::Punct(':' | ',')) {
                return Some((j, Some(sp)));
            }
        }
        if cue == Cue::Participle {
            return Some((
                j,
                subject(doc, j, None).or_else(|| sentence_subject(doc, q).map(|(_, f)| f)),
            ));
        }
    }
    None
}

fn f_last_next(f: &Found) -> usize {
    f.last + 1
}

/// The token a leading search starts before: the quote's opening mark, or
/// the paragraph break after a colon that introduces it.
fn anchor(doc: &Doc, q: &Quoted) -> usize {
    let o = q.open;
    if o > 1
        && doc.toks[o - 1].kind == Kind::Para
        && doc.is_punct(o - 2, ':')
        && !doc.in_quote(o - 2)
    {
        o - 1
    } else {
        o
    }
}

/// The subject opening the sentence of a quotation introduced by some
/// other verb ("Halvorson blasted Shuster for “cavorting”", "Article 33
/// affirms: “...”"). Returns the verb and the subject.
fn sentence_subject(doc: &Doc, q: &Quoted) -> Option<(usize, Found)> {
    let limit = anchor(doc, q);
    let (s0, _) = doc.sentence_bounds(limit - usize::from(limit != q.open));
    let f = speaker::clause_subject(doc, s0, limit)?;
    let mut v = f.last + 1;
    while v < limit
        && !(doc.is_word(v)
            && !doc.is_cap(v)
            && !words::is_function_word(doc.w(v))
            && !words::is_aux_or_adverb(doc.w(v)))
    {
        v += 1;
    }
    (v < limit).then_some((v, f))
}

/// The subject of a participle cue ("she said, adding, “...”"): the speaker
/// of the nearest finite cue before it in the sentence.
fn subject(doc: &Doc, cue: usize, floor: Option<usize>) -> Option<Found> {
    let sent = doc.sent[cue];
    let mut j = cue;
    while j > floor.map(|f| f + 1).unwrap_or(0) {
        j -= 1;
        if doc.sent[j] != sent {
            break;
        }
        if doc.in_quote(j) || !doc.is_word(j) {
            continue;
        }
        if doc.cue(j).is_some_and(|c| c != Cue::Participle) {
            if let Some(f) = speaker::before(doc, j, floor) {
                return Some(f);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drafts(text: &str) -> Vec<(String, QuoteKind, Option<String>, bool)> {
        let doc = Doc::new(text, &[]);
        let mut used = vec![false; doc.len()];
        attribute(&doc, &mut used)
            .iter()
            .map(|d| {
                (
                    text[d.start..d.end].to_string(),
                    d.kind,
                    d.speaker.as_ref().map(|s| text[s.start..s.end].to_string()),
                    d.inherit.is_some(),
                )
            })
            .collect()
    }

    macro_rules! d {
        ($name:ident, $text:expr, [$(($q:expr, $kind:ident, $sp:expr, $inh:expr)),* $(,)?]) => {
            #[test]
            fn $name() {
                let want: Vec<(String, QuoteKind, Option<String>, bool)> = vec![
                    $(($q.to_string(), QuoteKind::$kind, ($sp as Option<&str>).map(str::to_string), $inh)),*
                ];
                assert_eq!(drafts($text), want);
            }
        };
    }

    d!(
        said_after,
        "“We won,” Smith said.",
        [("We won,", Direct, Some("Smith"), false)]
    );
    d!(
        said_inverted,
        "“We won,” said Jane Smith.",
        [("We won,", Direct, Some("Jane Smith"), false)]
    );
    d!(
        pronoun,
        "“We won,” he said.",
        [("We won,", Direct, Some("he"), false)]
    );
    d!(
        colon,
        "Smith said: “We won.”",
        [("We won.", Direct, Some("Smith"), false)]
    );
    d!(
        partial,
        "Smith said the process “can take time” because",
        [("can take time", Partial, Some("Smith"), false)]
    );
    d!(
        late_cue,
        "“We cooperate” of the separatists, army spokesperson Anar Eyvazov told reporters.",
        [("We cooperate", Direct, Some("Anar Eyvazov"), false)]
    );
    d!(
        second_part,
        "“One,” he said. “Two.”",
        [
            ("One,", Direct, Some("he"), false),
            ("Two.", Direct, None, true)
        ]
    );
    d!(
        split_sentence,
        "“One,” he said, “two.”",
        [
            ("One,", Direct, Some("he"), false),
            ("two.", Partial, None, true)
        ]
    );
    d!(
        next_paragraph,
        "“One,” Smith said.\n\n“Two.”",
        [
            ("One,", Direct, Some("Smith"), false),
            ("Two.", Direct, None, true)
        ]
    );
    d!(
        not_after_narration,
        "“One,” Smith said. Then he left.\n\n“Two.”",
        [
            ("One,", Direct, Some("Smith"), false),
            ("Two.", Direct, None, false)
        ]
    );
    d!(
        unattributed,
        "It was a “rigged” vote.",
        [("rigged", Partial, None, false)]
    );
    d!(
        question,
        "“Why?” asked Dunn.",
        [("Why?", Direct, Some("Dunn"), false)]
    );
    d!(
        question_name_first,
        "“Why?” Dunn asked.",
        [("Why?", Direct, Some("Dunn"), false)]
    );
    d!(
        new_sentence_after_attribution,
        "“A,” said Jo Doe, who wrote about it in the book. “B.”",
        [
            ("A,", Direct, Some("Jo Doe"), false),
            ("B.", Direct, None, true)
        ]
    );
    d!(
        participle_subject,
        "Warren appeared with Maddow and endorsed Clinton, saying, “I think so.”",
        [("I think so.", Direct, Some("Warren"), false)]
    );
    d!(
        signature_next_paragraph,
        "“We are tired.”\n\n- Bernie Sanders.\n\nThe senator",
        [("We are tired.", Direct, Some("Bernie Sanders"), false)]
    );
    d!(
        capitalised_verb_as_name,
        "“It is a deal,” Read said.",
        [("It is a deal,", Direct, Some("Read"), false)]
    );
    d!(
        subject_with_place,
        "Chancellor Angela Merkel of Germany condemned ''such a murderous attack'' today.",
        // Without a PLACE mention for "Germany" the connector joins the run.
        [(
            "such a murderous attack",
            Partial,
            Some("Angela Merkel of Germany"),
            false
        )]
    );
    d!(
        two_comma_appositive,
        "Rory Neill, editor of a magazine, which did the research, said: “Yes.”",
        [("Yes.", Direct, Some("Rory Neill"), false)]
    );
    d!(
        signature,
        "“We are tired.” ― Jane Roe\n“Next.”",
        [
            ("We are tired.", Direct, Some("Jane Roe"), false),
            ("Next.", Direct, None, false)
        ]
    );
    d!(
        inverted_after_comma,
        "“It is over” for him, said Steve Elmendorf, an adviser.",
        [("It is over", Direct, Some("Steve Elmendorf"), false)]
    );
    d!(
        statement_colon,
        "Trump issued this statement:\n\n“We pray.”",
        [("We pray.", Direct, Some("Trump"), false)]
    );
    d!(
        wrong_way_mark,
        "“It's unusual,“ said Larry Noble.",
        [("It's unusual,", Direct, Some("Larry Noble"), false)]
    );
    d!(
        sentence_closed,
        "“I left.” Smith said he would return.",
        [("I left.", Direct, None, false)]
    );
    d!(
        adding,
        "“A,” she said, adding, “B.”",
        [
            ("A,", Direct, Some("she"), false),
            ("B.", Direct, Some("she"), false)
        ]
    );
}

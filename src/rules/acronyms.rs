//! Acronyms defined in the text: "Azerbaijan State Oil Company (SOCAR)" or
//! "SOCAR (Azerbaijan State Oil Company)" make the acronym the same entity
//! as the long name (same label, canonical and id, method `acronym`),
//! wherever the acronym appears in the field.

use super::{chunks::Chunk, tokens::Kind, Ctx};
use crate::span::{Label, Method, Span};

/// Whether token `i` is shaped like an acronym: 2 to 10 characters, capitals
/// (digits and `&` allowed), no dots.
pub fn is_acronym(ctx: &Ctx<'_>, i: usize) -> bool {
    let t = ctx.t;
    // Written in capitals, its letters are all uppercase.
    if i >= t.len() || t.toks[i].kind != Kind::Word || !t.toks[i].shape().all_upper() {
        return false;
    }
    let s = t.s(i);
    let n = s.chars().count();
    let caps = s.chars().filter(|c| c.is_uppercase()).count();
    (2..=10).contains(&n)
        && caps >= 2
        && s.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
}

/// Whether the capitals of the acronym are the initials of the chunk's
/// capitalised words, in order ("Organization of Petroleum Exporting
/// Countries" / "OPEC").
pub fn initials_match(ctx: &Ctx<'_>, c: Chunk, acronym: &str) -> bool {
    let initials: String = (c.first..=c.last)
        .filter(|&k| ctx.t.is_cap(k))
        .filter_map(|k| ctx.t.s(k).chars().next())
        .collect();
    let letters: String = acronym.chars().filter(|c| c.is_alphabetic()).collect();
    initials.len() >= 2 && initials == letters
}

/// The token index of the acronym right after `last` in brackets, if any.
pub fn bracketed_after(ctx: &Ctx<'_>, last: usize) -> Option<usize> {
    let t = ctx.t;
    (t.is_punct(last + 1, "(") && is_acronym(ctx, last + 2) && t.is_punct(last + 3, ")"))
        .then_some(last + 2)
}

/// Finds acronym definitions next to entity spans and marks every
/// occurrence of each acronym.
pub fn link(ctx: &Ctx<'_>, spans: &mut Vec<Span>) {
    let t = ctx.t;
    // Both forms of a definition hold an opening bracket: a field without
    // one defines nothing.
    if memchr::memchr(b'(', t.text.as_bytes()).is_none() {
        return;
    }
    // (acronym text, label, canonical, id)
    let mut defined: Vec<(String, Label, String, String)> = Vec::new();
    for s in spans.iter() {
        if !matches!(s.label, Label::Org | Label::Place) {
            continue;
        }
        let (Some(a), Some(b)) = (t.starting_at(s.start), t.ending_at(s.end)) else {
            continue;
        };
        // Most names stand between no brackets: told before their words
        // are counted.
        let bracketed =
            t.is_punct(b + 1, "(") || (a >= 2 && t.is_punct(a - 1, "(") && t.is_punct(b + 1, ")"));
        if !bracketed {
            continue;
        }
        let words = (a..=b).filter(|&k| t.toks[k].kind == Kind::Word).count();
        // "Long Name (ACR)".
        let mut acr = (words >= 2).then(|| bracketed_after(ctx, b)).flatten();
        // "ACR (Long Name)".
        if acr.is_none() && words >= 2 && a >= 2 && t.is_punct(a - 1, "(") && t.is_punct(b + 1, ")")
        {
            acr = Some(a - 2).filter(|&k| is_acronym(ctx, k));
        }
        let Some(k) = acr else { continue };
        let text = t.s(k);
        if s.label == Label::Place && !initials_match(ctx, Chunk { first: a, last: b }, text) {
            continue;
        }
        // An acronym the dictionary knows as something else is not this one.
        let clash = spans.iter().any(|o| {
            o.start == t.toks[k].start() && o.end == t.toks[k].end() && o.label != s.label
        });
        if clash || defined.iter().any(|d| d.0 == text) {
            continue;
        }
        defined.push((
            text.to_string(),
            s.label,
            s.canonical.clone(),
            s.entity_id.clone(),
        ));
    }
    for (acr, label, canonical, id) in defined {
        let acr_bytes = acr.as_bytes();
        for i in 0..t.len() {
            let (start, end) = (t.toks[i].start(), t.toks[i].end());
            if end - start != acr_bytes.len() || &t.text.as_bytes()[start..end] != acr_bytes {
                continue;
            }
            let blocked = spans
                .iter()
                .any(|s| s.start < end && start < s.end && !(s.start == start && s.end == end));
            if blocked {
                continue;
            }
            spans.retain(|s| !(s.start == start && s.end == end));
            spans.push(Span::entity(
                start,
                end,
                label,
                canonical.clone(),
                id.clone(),
                Method::Acronym,
            ));
        }
    }
}

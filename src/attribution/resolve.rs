//! Speaker resolution: turns each draft's speaker slot into a name
//! (canonical when a mention or an earlier full name gives one), resolves
//! pronouns to the nearest fitting person named before, carries speakers
//! over to continued quotations, and sets the QA flags.

use super::{
    doc::Doc,
    names::NameIndex,
    speaker::{Class, Found},
    words::{self, Pronoun},
    Draft,
};
use crate::span::{Label, QuoteKind, QuoteSpan, Speaker};
use std::borrow::Cow;

/// A person or body named in the article, for pronoun resolution.
#[derive(Debug, Clone)]
struct Candidate<'a> {
    pos: usize,
    name: Cow<'a, str>,
    entity_id: Cow<'a, str>,
    person: bool,
    gender: Option<Pronoun>,
    named: bool,
}

/// A resolved name: name, entity id, and whether it is a proper name.
type Named = (String, String, bool);

/// The name a speaker slot stands for.
fn name_of(doc: &Doc, names: &NameIndex, f: &Found) -> Named {
    if let Some(m) = f.mention {
        let span = &doc.mentions[m];
        let name = if span.canonical.is_empty() {
            doc.text[span.start..span.end].to_string()
        } else {
            span.canonical.clone()
        };
        return (name, span.entity_id.clone(), true);
    }
    let (start, end) = f.refers.unwrap_or((f.start, f.end));
    let text = &doc.text[start..end];
    match f.class {
        Class::Name => {
            if !text.contains(char::is_whitespace) {
                if let Some((full, id)) = names.link(text, f.start) {
                    return (full.to_string(), id.to_string(), true);
                }
            }
            (text.to_string(), String::new(), true)
        }
        Class::Description | Class::Anonymous => {
            if f.refers.is_none() && f.last == f.first + 1 && doc.w(f.first) == "the" {
                if let Some((org, id)) = names.link_org(doc.w(f.head), f.start) {
                    return (org.to_string(), id.to_string(), true);
                }
            }
            let mut s = text.to_string();
            if f.refers.is_none()
                && doc.is_cap(f.first)
                && super::words::is_determiner(doc.w(f.first))
            {
                s = format!(
                    "{}{}",
                    doc.w(f.first),
                    &text[doc.toks[f.first].end() - f.start..]
                );
            }
            (s, String::new(), false)
        }
        Class::Pronoun(_) => (text.to_lowercase(), String::new(), false),
    }
}

/// Resolves every draft and returns the rows in text order.
pub fn resolve(doc: &Doc, drafts: Vec<Draft>) -> Vec<QuoteSpan> {
    // Collects the article's full names only as speakers ask about them:
    // most speakers are mentions or pronouns and never need them.
    let names = NameIndex::new(doc);
    let n = drafts.len();
    let mut named: Vec<Option<Named>> = vec![None; n];
    // Candidates are only read to resolve pronouns: most articles have
    // none, and skip collecting them.
    let pronouns = drafts.iter().any(|d| {
        d.speaker
            .as_ref()
            .is_some_and(|f| matches!(f.class, Class::Pronoun(_)))
    });
    let mut candidates: Vec<Candidate> = if pronouns {
        mention_candidates(doc)
    } else {
        Vec::new()
    };
    for (k, d) in drafts.iter().enumerate() {
        let Some(f) = &d.speaker else { continue };
        if matches!(f.class, Class::Pronoun(_)) {
            continue;
        }
        let r = name_of(doc, &names, f);
        // A singular role description ("the winner", "a spokesman") is a
        // person a later "he"/"she" may refer to, though not a name.
        let role = f.class == Class::Description
            && !f.org
            && !doc.w(f.head).ends_with('s')
            && words::is_role_noun(doc.w(f.head));
        if pronouns && (r.2 || role) {
            candidates.push(Candidate {
                pos: f.start,
                name: Cow::Owned(r.0.clone()),
                entity_id: Cow::Owned(r.1.clone()),
                person: (f.class == Class::Name || role) && !f.org,
                gender: f.gender,
                named: r.2,
            });
        }
        named[k] = Some(r);
    }
    candidates.sort_by_key(|c| c.pos);
    for (k, d) in drafts.iter().enumerate() {
        let Some(f) = &d.speaker else { continue };
        let Class::Pronoun(p) = f.class else { continue };
        let word = doc.text[f.start..f.end].to_lowercase();
        let upto = candidates.partition_point(|c| c.pos < f.start);
        let fits = |c: &&Candidate| match p {
            Pronoun::He | Pronoun::She => c.person && c.gender.is_none_or(|g| g == p),
            Pronoun::Other => word == "it" && !c.person,
        };
        // The nearest named person; a role description ("the winner") only
        // when no name fits.
        let before = &candidates[..upto];
        let fit = before
            .iter()
            .rev()
            .filter(|c| c.named)
            .find(fits)
            .or_else(|| before.iter().rev().find(fits));
        named[k] = Some(match fit {
            Some(c) => (c.name.to_string(), c.entity_id.to_string(), c.named),
            None => (word, String::new(), false),
        });
    }
    let mut out: Vec<QuoteSpan> = Vec::with_capacity(n);
    // Per row so far: whether its speaker is named, and its class (the
    // speaker itself is in `out`, for a continued quotation to copy).
    let mut speakers: Vec<Option<(bool, Class)>> = Vec::with_capacity(n);
    for (k, d) in drafts.into_iter().enumerate() {
        let mut flags = d.flags;
        let mut cue = d.cue;
        let own = d
            .speaker
            .as_ref()
            .zip(named[k].take())
            .map(|(f, (name, id, is_named))| {
                (
                    Speaker {
                        name,
                        entity_id: id,
                        start: f.start,
                        end: f.end,
                    },
                    is_named,
                    f.class,
                )
            });
        let sp = match (own, d.inherit) {
            (Some(s), _) => Some(s),
            (None, Some(p)) => speakers[p].map(|(is_named, class)| {
                flags.push("continued");
                if cue.is_empty() {
                    cue = out[p].cue.clone();
                }
                let inherited = out[p].speaker.clone();
                (inherited.expect("a row with a speaker"), is_named, class)
            }),
            (None, None) => None,
        };
        match &sp {
            None => flags.push("unattributed"),
            Some((sp, is_named, class)) => {
                if !is_named {
                    let unresolved = matches!(class, Class::Pronoun(_))
                        && sp.name == doc.text[sp.start..sp.end].to_lowercase();
                    flags.push(if unresolved {
                        "unresolved_pronoun"
                    } else {
                        "unnamed_speaker"
                    });
                }
                if *class == Class::Anonymous
                    && matches!(d.kind, QuoteKind::Direct | QuoteKind::Partial)
                {
                    flags.push("anonymous");
                }
            }
        }
        speakers.push(sp.as_ref().map(|&(_, is_named, class)| (is_named, class)));
        out.push(QuoteSpan {
            start: d.start,
            end: d.end,
            speaker: sp.map(|s| s.0),
            cue,
            kind: d.kind,
            flags,
        });
    }
    out.sort_by_key(|q| (q.start, q.end, kind_order(q.kind)));
    out
}

/// The PERSON and ORG mentions as pronoun candidates, in text order.
fn mention_candidates<'a>(doc: &Doc<'a>) -> Vec<Candidate<'a>> {
    let text: &'a str = doc.text;
    let mentions: &'a [crate::span::Span] = doc.mentions;
    mentions
        .iter()
        .filter(|m| matches!(m.label, Label::Person | Label::Org))
        .map(|m| Candidate {
            pos: m.start,
            name: Cow::Borrowed(if m.canonical.is_empty() {
                &text[m.start..m.end]
            } else {
                m.canonical.as_str()
            }),
            entity_id: Cow::Borrowed(m.entity_id.as_str()),
            person: m.label == Label::Person,
            gender: None,
            named: true,
        })
        .collect()
}

fn kind_order(k: QuoteKind) -> u8 {
    match k {
        QuoteKind::Direct => 0,
        QuoteKind::Partial => 1,
        QuoteKind::Indirect => 2,
        QuoteKind::Anonymous => 3,
        QuoteKind::AccordingTo => 4,
        QuoteKind::ReportedBy => 5,
    }
}

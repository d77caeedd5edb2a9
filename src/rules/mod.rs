//! Context rules that dictionaries alone cannot do: names found by context,
//! surname-only mentions linked to the full name, acronyms defined in the
//! text, and ambiguous words decided by context.
//!
//! The rules run after the gazetteer on one field and return the field's
//! entity spans (they may add, relabel, link or drop dictionary spans).
//! The order: tokens -> dictionary matches filtered by context
//! ([`ambiguity`]) -> capitalised chunks ([`chunks`]) classified as
//! organisations ([`orgs`]), people ([`people`]) or places -> sports teams
//! -> acronyms ([`acronyms`]) -> linking ([`linking`]) -> places on lines in
//! capitals.
//!
//! Names found by a rule carry no dictionary id: their `entity_id` is empty
//! and their canonical is the name as written (whitespace collapsed); a
//! linked or acronym mention takes the canonical and id of the name it
//! links to.

pub mod acronyms;
pub mod ambiguity;
pub mod chunks;
pub mod lexicons;
pub mod linking;
pub mod nearby;
pub mod orgs;
pub mod people;
pub mod tokens;

pub use lexicons::Lexicons;
pub use linking::Names;

use crate::{
    gazetteer::Gazetteer,
    normalize::Normalized,
    span::{Label, Method, Span},
};
use chunks::Chunk;
use tokens::{Kind, Tokens};

/// What the rules see of one field.
#[derive(Debug, Clone, Copy)]
pub struct FieldContext<'a> {
    /// The field's original text.
    pub text: &'a str,
    /// Its folding.
    pub norm: &'a Normalized,
    /// True for a headline (title case everywhere, no sentence context).
    pub is_title: bool,
    /// The dictionary matcher, for lookups that ignore an alias's case
    /// policy where the text's case says nothing (lines in capitals).
    pub gazetteer: Option<&'a Gazetteer>,
}

/// What every rule reads: the tokens, the lexicons, and the spans so far.
#[derive(Debug)]
pub struct Ctx<'a> {
    /// The field's tokens.
    pub t: &'a Tokens<'a>,
    /// The word lists.
    pub lex: &'a Lexicons,
    /// The dictionary matcher, when available.
    pub gazetteer: Option<&'a Gazetteer>,
    /// The spans found so far (dictionary matches, then rule results).
    pub spans: Vec<Span>,
    /// Whether `spans` are in order of their starts (the dictionary's
    /// matches are), so that those at one start are found by a binary
    /// search: set with them by [`Ctx::set_spans`].
    pub spans_by_start: bool,
}

impl Ctx<'_> {
    /// Sets the spans found so far, and whether they are in order of
    /// their starts.
    pub fn set_spans(&mut self, spans: Vec<Span>) {
        self.spans_by_start = spans.is_sorted_by_key(|s| s.start);
        self.spans = spans;
    }

    /// Whether some span so far covers exactly bytes `start..end`.
    #[inline]
    pub fn has_span(&self, start: usize, end: usize) -> bool {
        let spans = &self.spans[..];
        if !self.spans_by_start {
            return spans.iter().any(|s| s.start == start && s.end == end);
        }
        // In order of their starts: those at `start` follow one another.
        let at = spans.partition_point(|s| s.start < start);
        spans[at..]
            .iter()
            .take_while(|s| s.start == start)
            .any(|s| s.end == end)
    }

    /// Whether token `k` as written ends an organisation name
    /// ([`Lexicons::is_org_suffix_folded`] of its text).
    #[inline]
    pub fn is_org_word(&self, k: usize) -> bool {
        let t = self.t;
        let tok = t.toks[k];
        // Most words are told by their sketch, without their text: a
        // token's text ends with a dot when its last byte is one.
        let dotted = t.text.as_bytes()[tok.end() - 1] == b'.';
        if !dotted && !self.lex.may_be_org_suffix(tok.sketch) {
            return false;
        }
        self.lex.is_org_suffix_folded(t.s(k), t.f(k))
    }

    /// Whether the field writes the folded word of token `k` in lowercase
    /// somewhere (token `k` itself, or another with the same folding).
    /// It asks about words (no lowercase word folds to what a number or a
    /// punctuation mark folds to).
    pub fn writes_lowercase(&self, k: usize) -> bool {
        self.t.is_lower(k) || self.t.lowercase_elsewhere(k)
    }
}

/// The name as written, with runs of whitespace collapsed to one space.
pub fn surface_name(text: &str, start: usize, end: usize) -> String {
    let name = &text[start..end];
    if single_spaced(name.as_bytes()) {
        // Most names: words in ASCII between single spaces, as written.
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    for (n, word) in name.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether ASCII `name` is its own whitespace collapsed: no whitespace but
/// single spaces between other characters.
fn single_spaced(name: &[u8]) -> bool {
    let mut after_space = true;
    for &b in name {
        // The ASCII whitespace of `char::is_whitespace`, and any byte not
        // in ASCII (which may be whitespace), send it the long way.
        if b >= 0x80 || matches!(b, b'\t'..=b'\r') || (b == b' ' && after_space) {
            return false;
        }
        after_space = b == b' ';
    }
    !after_space
}

/// Whether a headline is written in title case (most longer words capitalised).
fn title_cased(t: &Tokens<'_>) -> bool {
    let (mut cap, mut all) = (0, 0);
    for i in 0..t.len() {
        if t.toks[i].kind == Kind::Word && t.chars(i) >= 4 {
            all += 1;
            cap += usize::from(t.is_cap(i));
        }
    }
    all >= 2 && cap * 3 >= all * 2
}

/// A name a rule proposes, in byte offsets: its [`Span`] (and the
/// canonical written out for it) is made only once it is placed.
#[derive(Debug, Clone, Copy)]
struct Proposal {
    start: usize,
    end: usize,
    label: Label,
    /// Whether a span of equal extent and another label gives way to it.
    replace_equal: bool,
}

impl Proposal {
    /// The name of tokens `first..=last`.
    fn of_tokens(
        ctx: &Ctx<'_>,
        first: usize,
        last: usize,
        label: Label,
        replace_equal: bool,
    ) -> Self {
        Proposal {
            start: ctx.t.toks[first].start(),
            end: ctx.t.toks[last].end(),
            label,
            replace_equal,
        }
    }

    /// Whether it overlaps `s`.
    fn overlaps(&self, s: &Span) -> bool {
        s.start < self.end && self.start < s.end
    }
}

/// Puts the name `new` of `text` into `spans` when nothing crosses it or
/// holds it; spans it contains (strictly smaller, or of equal extent and
/// another label when it may replace an equal one) give way. Returns
/// whether it was placed.
fn place(text: &str, spans: &mut Vec<Span>, new: Proposal) -> bool {
    let mut inside_it = 0;
    for s in spans.iter().filter(|s| new.overlaps(s)) {
        let inside = s.start >= new.start && s.end <= new.end;
        let equal = s.start == new.start && s.end == new.end;
        if !inside || (equal && (!new.replace_equal || s.label == new.label)) {
            return false;
        }
        inside_it += 1;
    }
    let (start, end, label) = (new.start, new.end, new.label);
    if inside_it == 0 {
        // Most new spans: nothing to give way or to lend its entry.
        spans.push(rule_span(text, start, end, label));
        return true;
    }
    // A name found by a rule around a dictionary entry of its own label
    // ("Anar Eyvazov" around a listed "Eyvazov") is that entry.
    let entry = spans
        .iter()
        .find(|s| new.overlaps(s) && s.label == label && !s.entity_id.is_empty());
    let span = match entry {
        Some(s) => Span::entity(
            start,
            end,
            label,
            s.canonical.clone(),
            s.entity_id.clone(),
            Method::Rule,
        ),
        None => rule_span(text, start, end, label),
    };
    spans.retain(|s| !new.overlaps(s));
    spans.push(span);
    true
}

/// The span of a name a rule found at bytes `start..end` of `text`: no
/// entry, its canonical the name as written.
fn rule_span(text: &str, start: usize, end: usize, label: Label) -> Span {
    Span::entity(
        start,
        end,
        label,
        surface_name(text, start, end),
        "",
        Method::Rule,
    )
}

/// Skips leading tokens covered by a nationality span ("Australian Tom Moody").
fn strip_norp(ctx: &Ctx<'_>, mut c: Chunk) -> Chunk {
    while c.first < c.last {
        let tok = ctx.t.toks[c.first];
        let norp = ctx
            .spans
            .iter()
            .any(|s| s.label == Label::Norp && s.start <= tok.start() && tok.end() <= s.end);
        if !norp {
            break;
        }
        let end_tok = ctx.t.ending_at(
            ctx.spans
                .iter()
                .find(|s| s.label == Label::Norp && s.start <= tok.start() && tok.end() <= s.end)
                .map_or(tok.end(), |s| s.end),
        );
        c.first = end_tok.map_or(c.first + 1, |e| e + 1);
    }
    c
}

/// A name a chunk holds: `(first, last, label, replace_equal)`.
type Named = (usize, usize, Label, bool);

/// The names one chunk holds, in order: none, one, or two ("Cofinec CEO
/// Stephen Frater"), kept without an allocation.
#[derive(Debug, Clone, Copy)]
struct ChunkNames([Option<Named>; 2]);

impl ChunkNames {
    /// No name.
    const NONE: ChunkNames = ChunkNames([None, None]);

    /// The one name `n`.
    fn one(n: Named) -> ChunkNames {
        ChunkNames([Some(n), None])
    }

    /// The names, in order.
    fn iter(self) -> impl Iterator<Item = Named> {
        self.0.into_iter().flatten()
    }

    /// Whether it holds no name.
    fn is_empty(self) -> bool {
        self.0[0].is_none()
    }
}

/// What one chunk is, by context: `(first, last, label, replace_equal)` for
/// each name in it (a chunk may hold two: "Cofinec CEO Stephen Frater").
fn classify(ctx: &Ctx<'_>, c: Chunk, sports: bool) -> ChunkNames {
    let t = ctx.t;
    let (a, b) = (t.toks[c.first].start(), t.toks[c.last].end());
    if orgs::named_as_source(ctx, c) {
        let ext = orgs::extend_outlet(ctx, c);
        if ext.last > c.last && people::person(ctx, c).is_none() {
            return ChunkNames::one((ext.first, ext.last, Label::Org, true));
        }
    }
    let whole_dictionary = ctx.has_span(a, b);
    if whole_dictionary {
        return ChunkNames::NONE;
    }
    // "Procter & Gamble", "Douglas & Lomason": an ampersand joins firms'
    // names (not "Baku & Yerevan", two places the dictionary knows).
    let ampersand = (c.first..=c.last).any(|k| t.is_punct(k, "&"))
        && (c.first..=c.last).any(|k| {
            t.toks[k].kind == Kind::Word
                && !ctx
                    .spans
                    .iter()
                    .any(|s| s.start < t.toks[k].end() && t.toks[k].start() < s.end)
        });
    if orgs::has_org_suffix(ctx, c) || ampersand {
        return ChunkNames::one((c.first, c.last, Label::Org, false));
    }
    let core = strip_norp(ctx, c);
    if core.first == core.last && t.chars(core.first) == 1 {
        return ChunkNames::NONE;
    }
    if t.toks[core.first].sent_start()
        && core.first == core.last
        && ctx.writes_lowercase(core.first)
    {
        // A sentence's first word that the field also writes in lowercase.
        return ChunkNames::NONE;
    }
    if orgs::has_geo_head(ctx, core) {
        return ChunkNames::one((core.first, core.last, Label::Place, false));
    }
    // The titles opening the chunk, read once for the two rules that ask.
    let titled = people::title_prefix(ctx, core);
    if let Some((role, after)) = people::inner_role(ctx, core, titled) {
        let right = Chunk {
            first: after,
            last: core.last,
        };
        if !people::has_org_word(ctx, right.first, right.last) {
            let person = (right.first, right.last, Label::Person, false);
            let left = Chunk {
                first: core.first,
                last: role - 1,
            };
            let (la, lb) = (t.toks[left.first].start(), t.toks[left.last].end());
            // "Agriculture Minister X": the portfolio is no organisation.
            let portfolio = (role..after).any(|k| matches!(t.f(k), "minister" | "secretary"));
            let org = !portfolio && !ctx.spans.iter().any(|s| s.start < lb && la < s.end);
            let org = org.then_some((left.first, left.last, Label::Org, false));
            return ChunkNames([Some(person), org]);
        }
    }
    if orgs::descriptor_before(ctx, core) {
        return ChunkNames::one((core.first, core.last, Label::Org, false));
    }
    if let Some((f, l)) = people::person_titled(ctx, core, titled) {
        return ChunkNames::one((f, l, Label::Person, false));
    }
    if core.first == core.last && people::speech_subject(ctx, core) {
        // A lone word before "said" is a person as often as a company
        // ("Yukos said"): it is one only when linked to a full name.
        return ChunkNames::NONE;
    }
    if sports && ambiguity::results_entry(ctx, core.first, core.last) {
        return ChunkNames::one((core.first, core.last, Label::Org, false));
    }
    let acronym = core.first == core.last && acronyms::is_acronym(ctx, core.first);
    if orgs::named_as_source(ctx, core)
        || people::apposition(ctx, core) == Some(Label::Org)
        || (acronym && people::speech_subject(ctx, core))
    {
        return ChunkNames::one((core.first, core.last, Label::Org, false));
    }
    if orgs::place_with_words(ctx, core) {
        return ChunkNames::one((core.first, core.last, Label::Org, false));
    }
    // In a sports report, an unknown name in a team's place ("Kent made",
    // "beat Somerset") is a team.
    if sports
        && !t.toks[core.first].sent_start()
        && ambiguity::team_context(ctx, core.first, core.last)
    {
        return ChunkNames::one((core.first, core.last, Label::Org, false));
    }
    ChunkNames::NONE
}

/// Applies the context rules to one field's dictionary spans.
pub fn apply(lexicons: &Lexicons, field: FieldContext<'_>, spans: Vec<Span>) -> Vec<Span> {
    apply_with(lexicons, field, spans, None).0
}

/// Like [`apply`], also linking the names `known` from another field (a
/// headline's surnames to the body's full names), and returning the names
/// this field makes known.
pub fn apply_with(
    lexicons: &Lexicons,
    field: FieldContext<'_>,
    spans: Vec<Span>,
    known: Option<&Names>,
) -> (Vec<Span>, Names) {
    let t = tokens::tokenize_watching(field.text, ambiguity::sports_sketches());
    let skip_all = field.is_title && title_cased(&t);
    let mut ctx = Ctx {
        t: &t,
        lex: lexicons,
        gazetteer: field.gazetteer,
        spans: Vec::new(),
        spans_by_start: true,
    };
    let sports = ambiguity::is_sports(&ctx);
    ctx.set_spans(ambiguity::filter_dictionary(&ctx, spans, sports));

    let found = chunks::find(ctx.t, lexicons, skip_all);
    let mut proposals: Vec<Proposal> = Vec::with_capacity(found.len());
    let mut events: Vec<(usize, usize)> = Vec::new();
    for &c in &found {
        let (a, b) = (ctx.t.toks[c.first].start(), ctx.t.toks[c.last].end());
        if orgs::is_event(&ctx, c) && !ctx.has_span(a, b) {
            events.push((a, b));
            continue;
        }
        let names = classify(&ctx, c, sports);
        for (f, mut l, label, replace_equal) in names.iter() {
            // A legal form written with its dot keeps it ("Norwest Corp.").
            if label == Label::Org
                && ctx.t.is_punct(l + 1, ".")
                && ctx.t.touches_next(l)
                && lexicons.is_legal_form_folded(ctx.t.s(l), ctx.t.f(l))
            {
                l += 1;
            }
            proposals.push(Proposal::of_tokens(&ctx, f, l, label, replace_equal));
        }
        if !names.is_empty() {
            continue;
        }
        // An undefined long name with its acronym: an organisation.
        if let Some(k) = acronyms::bracketed_after(&ctx, c.last) {
            let (a, b) = (ctx.t.toks[c.first].start(), ctx.t.toks[c.last].end());
            let known = ctx.has_span(a, b);
            if !known && acronyms::initials_match(&ctx, c, ctx.t.s(k)) {
                proposals.push(Proposal::of_tokens(
                    &ctx,
                    c.first,
                    c.last,
                    Label::Org,
                    false,
                ));
            }
        }
    }
    let mut spans = std::mem::take(&mut ctx.spans);
    // The rules from here are given `spans`; `ctx.spans` stay empty.
    // No place or body inside an event's name ("U.S. Open", "Atlanta Games").
    spans.retain(|s| !events.iter().any(|&(a, b)| s.start >= a && s.end <= b));
    // Room for them at once, rather than as each is placed.
    spans.reserve(proposals.len());
    for proposal in proposals {
        place(ctx.t.text, &mut spans, proposal);
    }
    people::list_members(&ctx, &found, &mut spans);
    if sports {
        ambiguity::sports_teams(&ctx, &mut spans);
    }
    acronyms::link(&ctx, &mut spans);
    let names = linking::link(&ctx, &mut spans, known);
    ambiguity::caps_places(&ctx, &mut spans);
    spans.sort_by_key(|s| (s.start, s.end));
    (spans, names)
}

#[cfg(test)]
mod tests;

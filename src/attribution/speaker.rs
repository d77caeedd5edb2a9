//! Speaker finding: the phrase a speech cue attaches to, read from the text
//! itself, using the field's PERSON/ORG mentions when one covers the slot.
//!
//! Two slots: the subject before the cue ("Anar Eyvazov told", "the ministry
//! said", "X, a spokesman for Y, said") and the inverted subject after it
//! ("said David Gilbert, president of ...", "according to the ministry").
//! What fills a slot is one of: a pronoun, a mention, a run of capitalised
//! name words (titles stripped: "President Barack Obama" -> "Barack Obama"),
//! or a descriptive noun phrase ("a spokesman for the ministry",
//! "officials", "a source familiar with the matter"), the last marked
//! anonymous when its head is a vague source word.

use super::{
    doc::Doc,
    tokens::Kind,
    words::{self, Pronoun},
};
use crate::span::Label;

/// What fills a speaker slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A proper name (a mention or a capitalised run).
    Name,
    /// A personal pronoun.
    Pronoun(Pronoun),
    /// A descriptive noun phrase ("the ministry", "a spokesman").
    Description,
    /// A vague or anonymous source ("officials", "a source familiar with").
    Anonymous,
}

/// A filled speaker slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
    /// Byte span start.
    pub start: usize,
    /// Byte span end.
    pub end: usize,
    /// What it is.
    pub class: Class,
    /// The mention it is, when one covers it.
    pub mention: Option<usize>,
    /// True for organisations, outlets and places speaking as a body.
    pub org: bool,
    /// Grammatical gender when a title or role word shows it.
    pub gender: Option<Pronoun>,
    /// The head token of a description.
    pub head: usize,
    /// Byte span of the phrase a relative pronoun ("who said") stands for.
    pub refers: Option<(usize, usize)>,
}

impl Found {
    /// A pronoun at token `i`.
    pub fn pronoun(doc: &Doc, i: usize, p: Pronoun) -> Found {
        Found::new(doc, i, i, Class::Pronoun(p))
    }

    fn new(doc: &Doc, first: usize, last: usize, class: Class) -> Found {
        Found {
            first,
            last,
            start: doc.toks[first].start(),
            end: doc.toks[last].end(),
            class,
            mention: None,
            org: false,
            gender: None,
            head: last,
            refers: None,
        }
    }
}

const MAX_RUN: usize = 7;

fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "van"
            | "von"
            | "der"
            | "den"
            | "bin"
            | "al"
            | "da"
            | "del"
            | "la"
            | "le"
            | "di"
            | "du"
            | "dos"
            | "das"
            | "ibn"
            | "el"
    )
}

/// True when token `i` can be part of a person's or body's name.
fn is_name_word(doc: &Doc, i: usize) -> bool {
    doc.is_cap(i) && !doc.in_quote(i) && !words::is_function_word(doc.w(i)) && {
        // A capitalised speech verb is a name ("Read said") unless it opens
        // the sentence ("Stated Stone: ...").
        let sentence_initial = i == 0 || doc.sent[i - 1] != doc.sent[i];
        doc.word_cue(i).is_none()
            || !sentence_initial
            || doc.raw(i).chars().nth(1).is_some_and(char::is_uppercase)
    }
}

fn is_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s") || w.ends_with('\'') || w.ends_with('’')
}

/// The slot before cue token `cue`: skips auxiliaries and adverbs, jumps
/// over an appositive or a parenthesis, and reads the phrase ending there.
/// Never reads at or before token `floor`.
pub fn before(doc: &Doc, cue: usize, floor: Option<usize>) -> Option<Found> {
    let min = floor.map(|f| f + 1).unwrap_or(0);
    let mut j = cue.checked_sub(1)?;
    let mut skipped = 0;
    while j > min
        && doc.is_word(j)
        && (words::is_aux_or_adverb(doc.w(j)) || doc.w(j).ends_with("ly") && !doc.is_cap(j))
        && skipped < 4
    {
        j -= 1;
        skipped += 1;
    }
    if j < min {
        return None;
    }
    if doc.is_word(j) {
        match doc.w(j) {
            // "experts who say", "a message that said": the relative pronoun
            // is the speaker's mention, standing for the phrase before it.
            "who" | "which" | "that" if j > min => {
                let a = if doc.is_punct(j - 1, ',') {
                    j.checked_sub(2)?
                } else {
                    j - 1
                };
                if a < min {
                    return None;
                }
                let ante = ending_at(doc, a, min).filter(|f| is_sourcey(doc, f))?;
                let mut f = ante.clone();
                f.first = j;
                f.last = j;
                f.start = doc.toks[j].start();
                f.end = doc.toks[j].end();
                f.refers = Some((ante.start, ante.end));
                return Some(f);
            }
            // "Trump ... and said": the clause's subject.
            "and" | "but" => {
                let (s0, _) = doc.sentence_bounds(j);
                return clause_subject(doc, s0.max(min), j);
            }
            // "Some said", "many say": a vague quantity.
            "some" | "many" | "most" | "others" | "few" | "several" | "both" | "all" | "none"
                if j + 1 == cue =>
            {
                return Some(Found::new(doc, j, j, Class::Anonymous));
            }
            _ => {}
        }
    }
    // "26% say"
    if doc.is_punct(j, '%') && j > min && doc.is_word(j - 1) {
        return Some(Found::new(doc, j - 1, j, Class::Anonymous));
    }
    // "X (R-Texas) said"
    if doc.is_punct(j, ')') {
        let mut k = j;
        while k > min && !doc.is_punct(k, '(') && j - k < 12 {
            k -= 1;
        }
        if doc.is_punct(k, '(') && k > min {
            j = k - 1;
        }
    }
    // "X, a spokesman for Y, said" / "X, who ..., said" / "X, 42, said" /
    // "Sandra Inman, a supporter from Jackson, Miss., attending ..., said"
    if doc.is_punct(j, ',') {
        return appositive(doc, j, min);
    }
    ending_at(doc, j, min)
}

/// The subject before an appositive that ends with the comma at `j`: the
/// phrase before one of the commas further back (up to four) that opens
/// its clause, else the nearest name, else a name right before `j`
/// ("Carson’s business manager, Armstrong Williams, stated"), else the
/// nearest description.
fn appositive(doc: &Doc, j: usize, min: usize) -> Option<Found> {
    let sent = doc.sent[j];
    let (s0, _) = doc.sentence_bounds(j);
    let lo = min.max(s0);
    let mut nearest_name: Option<Found> = None;
    let mut nearest_desc: Option<Found> = None;
    let mut first_comma = None;
    let mut commas = 0;
    let mut k = j;
    while k > lo && j - k < 45 && commas < 4 {
        k -= 1;
        if let Some(q) = doc.quotes.at(k) {
            // A quoted phrase inside the appositive.
            k = doc.quotes.spans[q].open;
            continue;
        }
        if doc.sent[k] != sent || doc.toks[k].kind == Kind::Para {
            break;
        }
        if !(doc.is_punct(k, ',') || doc.is_punct(k, '—')) || k == lo {
            continue;
        }
        commas += 1;
        first_comma.get_or_insert(k);
        let mut e = k - 1;
        if doc.is_punct(e, ')') {
            let mut p = e;
            while p > lo && !doc.is_punct(p, '(') && e - p < 12 {
                p -= 1;
            }
            if doc.is_punct(p, '(') && p > lo {
                e = p - 1;
            }
        }
        let Some(f) = ending_at(doc, e, lo) else {
            continue;
        };
        if matches!(f.class, Class::Name | Class::Pronoun(_)) {
            if opens_clause(doc, &f, lo) {
                return Some(f);
            }
            nearest_name.get_or_insert(f);
        } else {
            nearest_desc.get_or_insert(f);
        }
    }
    let Some(k) = first_comma else {
        // "Mr. Manafort, citing ..., said": the subject before the comma.
        return ending_at(doc, j.checked_sub(1)?, lo)
            .filter(|f| f.class == Class::Name && opens_clause(doc, f, lo));
    };
    let inner = ending_at(doc, j - 1, k + 1).filter(|f| f.class == Class::Name && f.first == k + 1);
    nearest_name.or(inner).or(nearest_desc)
}

/// True when only titles, openers and punctuation stand between the start
/// of the clause (`lo`) and the phrase `f`.
fn opens_clause(doc: &Doc, f: &Found, lo: usize) -> bool {
    (lo..f.first).all(|i| {
        !doc.is_word(i) && !doc.in_quote(i)
            || words::is_title(doc.w(i))
            || is_sentence_opener(doc.w(i))
    })
}

/// True when a phrase can plausibly be a source: a name or pronoun, or a
/// description headed by a role, a body, a vague source or a document.
pub fn is_sourcey(doc: &Doc, f: &Found) -> bool {
    match f.class {
        Class::Name | Class::Pronoun(_) | Class::Anonymous => true,
        Class::Description => {
            let h = doc.w(f.head);
            let singular = h.strip_suffix('s').unwrap_or(h);
            words::is_bare_speaker_noun(h)
                || words::is_org_head(h)
                || words::is_document_noun(h)
                || words::is_role_noun(h)
                || words::is_role_noun(singular)
        }
    }
}

/// Words that may open a sentence before its subject.
pub fn is_sentence_opener(w: &str) -> bool {
    matches!(
        w,
        "but"
            | "and"
            | "so"
            | "yet"
            | "still"
            | "then"
            | "now"
            | "meanwhile"
            | "instead"
            | "later"
            | "also"
            | "however"
            | "thus"
    )
}

/// The subject opening the clause that starts at token `s0` and runs
/// before token `limit`: a name, pronoun or description followed by a
/// lowercase verb-like word.
pub fn clause_subject(doc: &Doc, s0: usize, limit: usize) -> Option<Found> {
    let mut a = s0;
    // "In March, Trump blasted ...": skip an opening phrase up to its comma.
    if doc.is_word(a)
        && matches!(
            doc.w(a),
            "in" | "on"
                | "at"
                | "after"
                | "before"
                | "during"
                | "last"
                | "earlier"
                | "later"
                | "when"
                | "while"
                | "as"
        )
    {
        if let Some(c) = (a + 1..limit.min(a + 8)).find(|&k| doc.is_punct(k, ',')) {
            a = c + 1;
        }
    }
    while a < limit && (doc.is_punct(a, ',') || doc.is_word(a) && is_sentence_opener(doc.w(a))) {
        a += 1;
    }
    if a >= limit {
        return None;
    }
    let f = match words::pronoun(doc.w(a)) {
        Some(p) if doc.is_word(a) => Found::pronoun(doc, a, p),
        _ => starting_at(doc, a)?,
    };
    let mut v = f.last + 1;
    // "Angela Merkel of Germany condemned ..."
    if matches!(doc.w(v), "of" | "from") && is_name_word(doc, v + 1) {
        v += 1;
        while v < limit && is_name_word(doc, v) {
            v += 1;
        }
    }
    // Skip an appositive: "Trump, the nominee, ..."
    if doc.is_punct(v, ',') {
        let mut k = v + 1;
        while k < limit && !doc.is_punct(k, ',') && k - v < 20 {
            k += 1;
        }
        if k < limit {
            v = k + 1;
        }
    }
    while v < limit && doc.is_word(v) && words::is_aux_or_adverb(doc.w(v)) {
        v += 1;
    }
    let verb_like = v < limit
        && doc.is_word(v)
        && !doc.is_cap(v)
        && !words::is_function_word(doc.w(v))
        && !doc.in_quote(v);
    (verb_like && is_sourcey(doc, &f)).then_some(f)
}

/// The phrase whose last token is `j` (not reading before token `min`).
pub fn ending_at(doc: &Doc, j: usize, min: usize) -> Option<Found> {
    // "James B. Comey Jr., the director": the dot of an abbreviation.
    let j = if doc.is_punct(j, '.')
        && j > min
        && doc.is_word(j - 1)
        && doc.toks[j - 1].end() == doc.toks[j].start()
        && (matches!(doc.w(j - 1), "jr" | "sr" | "inc" | "ltd" | "co" | "corp")
            || doc.raw(j - 1).len() == 1)
    {
        j - 1
    } else {
        j
    };
    if !doc.is_word(j) || doc.in_quote(j) || j < min {
        return None;
    }
    let w = doc.w(j);
    if let Some(p) = words::pronoun(w) {
        return Some(Found::new(doc, j, j, Class::Pronoun(p)));
    }
    if is_possessive(w) {
        return None;
    }
    if let Some(m) = doc.person_or_org(j) {
        return Some(from_mention(doc, m, j, j));
    }
    if is_name_word(doc, j) {
        let mut a = j;
        while a > min && j - a < MAX_RUN {
            let p = a - 1;
            if is_name_word(doc, p) && !is_possessive(doc.w(p)) {
                a = p;
            } else if p > min
                && doc.is_punct(p, '.')
                && doc.raw(p - 1).chars().count() == 1
                && doc.is_cap(p - 1)
            {
                a = p - 1;
            } else if p > min && is_particle(doc.w(p)) && is_name_word(doc, p - 1) {
                a = p;
            } else {
                break;
            }
        }
        return Some(name_run(doc, a, j, min));
    }
    description_ending_at(doc, j, min)
}

/// A mention as a speaker.
fn from_mention(doc: &Doc, m: usize, first: usize, last: usize) -> Found {
    let span = &doc.mentions[m];
    let mut f = Found::new(doc, first, last, Class::Name);
    f.start = span.start;
    f.end = span.end;
    f.mention = Some(m);
    f.org = span.label != Label::Person;
    f
}

/// A run of capitalised tokens `a..=j` as a speaker: titles stripped,
/// mentions preferred, vague plural nouns made descriptions.
fn name_run(doc: &Doc, a: usize, j: usize, min: usize) -> Found {
    let org = words::is_org_head(doc.w(j));
    let mut first = a;
    let mut gender = None;
    // A gender marker just before the run ("Mrs. Abedini", "spokeswoman Jane Doe").
    let mut g = a;
    while g > min && doc.is_punct(g - 1, '.') {
        g -= 1;
    }
    if g > min {
        gender = words::gender_marker(doc.w(g - 1));
    }
    let mut titled = g > min && words::is_title(doc.w(g - 1));
    if !org {
        while first < j && words::is_title(doc.w(first)) {
            gender = gender.or(words::gender_marker(doc.w(first)));
            titled = true;
            first += 1;
        }
    }
    // A PLACE/NORP/ORG mention exactly covering the run ("Russia said"),
    // unless a title shows a person ("Mr Raha").
    if let Some(m) = doc.mention(first).filter(|_| !titled) {
        let span = &doc.mentions[m];
        if span.start == doc.toks[first].start() && span.end == doc.toks[j].end() {
            let mut f = from_mention(doc, m, first, j);
            f.org = span.label != Label::Person;
            return f;
        }
    }
    let sentence_initial = first == 0 || doc.sent[first - 1] != doc.sent[first];
    if first == j && sentence_initial && words::is_bare_speaker_noun(doc.w(j)) {
        let class = if words::is_anonymous_head(doc.w(j)) {
            Class::Anonymous
        } else {
            Class::Description
        };
        return Found::new(doc, first, j, class);
    }
    let mut f = Found::new(doc, first, j, Class::Name);
    f.org = org;
    f.gender = gender;
    f
}

fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "for" | "of" | "with" | "at" | "from" | "to" | "in" | "on" | "inside" | "within"
    )
}

/// A descriptive noun phrase ending at the lowercase word `j`.
fn description_ending_at(doc: &Doc, j: usize, min: usize) -> Option<Found> {
    let w = doc.w(j);
    // A cue word heads a phrase only as a noun after a determiner ("the report").
    let noun_cue = doc.word_cue(j).is_some()
        && j > min
        && doc.is_word(j - 1)
        && (words::is_determiner(doc.w(j - 1)) || !words::is_function_word(doc.w(j - 1)));
    if words::is_function_word(w)
        || words::is_determiner(w)
        || doc.word_cue(j).is_some() && !noun_cue
        || w.ends_with("ly")
    {
        return None;
    }
    if !w.chars().any(char::is_alphabetic) {
        return None;
    }
    let mut a = j;
    let mut head = j;
    let mut det = false;
    let mut ext = 0;
    while a > min && j - a < 10 {
        let p = a - 1;
        if !doc.is_word(p) || doc.in_quote(p) {
            break;
        }
        let wp = doc.w(p);
        if words::is_determiner(wp) {
            a = p;
            det = true;
            if ext < 2 && p > min + 1 && is_preposition(doc.w(p - 1)) && is_np_word(doc, p - 2) {
                a = p - 1;
                head = p - 2;
                det = false;
                ext += 1;
                continue;
            }
            break;
        }
        if is_preposition(wp) && ext < 2 && p > min && is_np_word(doc, p - 1) {
            a = p;
            head = p - 1;
            ext += 1;
            continue;
        }
        if !is_np_word(doc, p) {
            break;
        }
        a = p;
    }
    if a == head && ext > 0 {
        return None;
    }
    let hw = doc.w(head);
    let has_cap = (a..=head).any(|k| doc.is_cap(k));
    let anonymous =
        words::is_anonymous_head(hw) || (a..=j).any(|k| words::is_anonymity_word(doc.w(k)));
    let first_is_det = words::is_determiner(doc.w(a));
    let ok = first_is_det
        || det
        || words::is_bare_speaker_noun(hw)
        || anonymous
        || (has_cap && words::is_org_head(hw));
    if !ok {
        return None;
    }
    let class = if anonymous {
        Class::Anonymous
    } else {
        Class::Description
    };
    let mut f = Found::new(doc, a, j, class);
    f.head = head;
    f.org = words::is_org_head(hw);
    f.gender = words::gender_marker(hw);
    Some(f)
}

/// A word that can sit inside a descriptive noun phrase.
fn is_np_word(doc: &Doc, i: usize) -> bool {
    if !doc.is_word(i) || doc.in_quote(i) {
        return false;
    }
    let w = doc.w(i);
    !words::is_function_word(w) && doc.word_cue(i).is_none() && words::pronoun(w).is_none()
}

/// The inverted slot after cue token `cue` ("said Anar Eyvazov", "said a
/// spokesman for the ministry", "according to him"). The phrase must end
/// the clause ("said the candidate could ..." is reported speech, not an
/// inverted speaker).
pub fn after(doc: &Doc, cue: usize) -> Option<Found> {
    // What follows "told" is the one told.
    if matches!(doc.w(cue), "told" | "tells" | "tell" | "telling") {
        return None;
    }
    let f = starting_at(doc, cue + 1)?;
    let n = f.last + 1;
    let ends = !doc.is_word(n)
        || matches!(
            doc.w(n),
            "in" | "on"
                | "at"
                | "during"
                | "after"
                | "before"
                | "who"
                | "whose"
                | "when"
                | "while"
                | "as"
                | "via"
                | "from"
                | "last"
                | "this"
                | "yesterday"
                | "today"
                | "tonight"
                | "recently"
                | "earlier"
                | "later"
                | "and"
                | "to"
                | "of"
                | "about"
                | "outside"
                | "inside"
                | "that"
        )
        || words::is_weekday_name(doc.w(n));
    ends.then_some(f)
}

/// "Republican strategist Ryan Williams", "Judicial Watch president Tom
/// Fitton", "Pentagon spokesman Navy Capt. Jeff Davis": words with at least
/// one lowercase role word, ending in a name; the name is the speaker.
fn role_then_name(doc: &Doc, s: usize) -> Option<Found> {
    let mut e = s;
    let mut lowercase = !doc.is_cap(s);
    while e + 1 < doc.len() && e - s < 10 {
        let n = e + 1;
        if is_np_word(doc, n) {
            lowercase |= !doc.is_cap(n);
            e = n;
        } else if doc.w(n) == "of" && lowercase && is_np_word(doc, n + 1) {
            // "former secretary of state Hillary Clinton"
            e = n + 1;
        } else if doc.is_punct(n, '.') && words::is_title(doc.w(e)) && is_name_word(doc, n + 1) {
            e = n + 1;
        } else {
            break;
        }
    }
    if !lowercase || !is_name_word(doc, e) || is_possessive(doc.w(e)) || !doc.is_word(s) {
        return None;
    }
    let mut a = e;
    while a > s && is_name_word(doc, a - 1) {
        a -= 1;
    }
    if a == s || doc.is_cap(a - 1) && !doc.is_punct(a - 1, '.') {
        return None;
    }
    let mut f = name_run(doc, a, e, s);
    f.gender = f.gender.or_else(|| words::gender_marker(doc.w(a - 1)));
    Some(f)
}

/// The phrase starting at token `j`.
pub fn starting_at(doc: &Doc, j: usize) -> Option<Found> {
    if !doc.is_word(j) || doc.in_quote(j) {
        return None;
    }
    let w = doc.w(j);
    if let Some(p) = words::object_pronoun(w).or_else(|| words::pronoun(w)) {
        let next_is_word = doc.is_word(j + 1);
        return (!next_is_word).then(|| Found::new(doc, j, j, Class::Pronoun(p)));
    }
    // Skip a leading "the" before a name ("according to the New York Times").
    let mut s = j;
    if w == "the" && (is_name_word(doc, j + 1) || doc.person_or_org(j + 1).is_some()) {
        s = j + 1;
    }
    if let Some(m) = doc.person_or_org(s) {
        let mut e = s;
        while e + 1 < doc.len() && doc.toks[e + 1].start() < doc.mentions[m].end {
            e += 1;
        }
        return Some(from_mention(doc, m, s, e));
    }
    if let Some(f) = role_then_name(doc, s) {
        return Some(f);
    }
    if is_name_word(doc, s) {
        let mut e = s;
        while e + 1 < doc.len() && e - s < MAX_RUN {
            let n = e + 1;
            if is_name_word(doc, n) {
                e = n;
            } else if is_name_word(doc, n + 1)
                && (doc.is_punct(n, '.') && doc.raw(e).chars().count() == 1
                    || (is_particle(doc.w(n)) || matches!(doc.w(n), "of" | "for" | "&"))
                        && doc
                            .mention(n + 1)
                            .is_none_or(|m| doc.mentions[m].label != Label::Place))
            {
                // An initial ("John F. Kennedy") or a connector ("Bank of
                // America"), never before a place ("Smith of Ohio").
                e = n + 1;
            } else {
                break;
            }
        }
        if is_possessive(doc.w(e)) {
            return None;
        }
        return Some(name_run(doc, s, e, s));
    }
    // A descriptive phrase: read forward to its end, then as a whole.
    let mut e = j;
    let mut ext = 0;
    while e + 1 < doc.len() && e - j < 10 {
        let n = e + 1;
        let noun_cue =
            e == j && words::is_determiner(w) && doc.is_word(n) && doc.word_cue(n).is_some();
        if is_np_word(doc, n)
            || noun_cue
            || (words::is_determiner(doc.w(n)) && e == j && words::is_determiner(w))
        {
            e = n;
        } else if is_preposition(doc.w(n))
            && ext < 2
            && (e > j || doc.w(n) == "of" && words::is_determiner(w))
            && (is_np_word(doc, n + 1) || words::is_determiner(doc.w(n + 1)))
        {
            e = n + 1;
            ext += 1;
        } else if words::is_determiner(doc.w(n))
            && ext > 0
            && e == n - 1
            && is_preposition(doc.w(e))
        {
            e = n;
        } else {
            break;
        }
    }
    if !(words::is_determiner(w) || is_np_word(doc, j)) || e == j && words::is_determiner(w) {
        return None;
    }
    // Trim a trailing determiner or preposition.
    while e > j && (words::is_determiner(doc.w(e)) || is_preposition(doc.w(e))) {
        e -= 1;
    }
    // Role words before a name: "pollster Frank Luntz", "Republican
    // nominee Donald Trump": the name is the speaker.
    if is_name_word(doc, e) && !is_possessive(doc.w(e)) {
        let mut a = e;
        while a > j && is_name_word(doc, a - 1) {
            a -= 1;
        }
        if a > j && (j..a).all(|k| !is_preposition(doc.w(k))) {
            let mut f = name_run(doc, a, e, j);
            f.gender = f.gender.or_else(|| words::gender_marker(doc.w(a - 1)));
            return Some(f);
        }
    }
    let f = description_ending_at(doc, e, j)?;
    (f.first == j).then_some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_cue(doc: &Doc, cue: &str) -> usize {
        (0..doc.len()).find(|&i| doc.w(i) == cue).unwrap()
    }

    fn before_text(text: &str, cue: &str) -> Option<(String, Class)> {
        let doc = Doc::new(text, &[]);
        let c = find_cue(&doc, cue);
        before(&doc, c, None).map(|f| (text[f.start..f.end].to_string(), f.class))
    }

    fn after_text(text: &str, cue: &str) -> Option<(String, Class)> {
        let doc = Doc::new(text, &[]);
        let c = find_cue(&doc, cue);
        after(&doc, c).map(|f| (text[f.start..f.end].to_string(), f.class))
    }

    macro_rules! b {
        ($name:ident, $text:expr, $cue:expr, $want:expr, $class:expr) => {
            #[test]
            fn $name() {
                assert_eq!(before_text($text, $cue), Some(($want.to_string(), $class)));
            }
        };
    }

    macro_rules! a {
        ($name:ident, $text:expr, $cue:expr, $want:expr, $class:expr) => {
            #[test]
            fn $name() {
                assert_eq!(after_text($text, $cue), Some(($want.to_string(), $class)));
            }
        };
    }

    b!(
        name,
        "Azerbaijani army spokesperson Anar Eyvazov told reporters",
        "told",
        "Anar Eyvazov",
        Class::Name
    );
    b!(
        surname,
        "Eyvazov added three days",
        "added",
        "Eyvazov",
        Class::Name
    );
    b!(
        pronoun,
        "“Yes,” he said.",
        "said",
        "he",
        Class::Pronoun(Pronoun::He)
    );
    b!(
        title_stripped,
        "President Barack Obama said",
        "said",
        "Barack Obama",
        Class::Name
    );
    b!(
        org_kept,
        "The Republican National Committee said",
        "said",
        "Republican National Committee",
        Class::Name
    );
    b!(adverb, "Trump has also said", "said", "Trump", Class::Name);
    b!(
        appositive,
        "Smith, a spokesman for the ministry, said",
        "said",
        "Smith",
        Class::Name
    );
    b!(
        ministry,
        "the ministry said",
        "said",
        "the ministry",
        Class::Description
    );
    b!(
        officials,
        "but officials said",
        "said",
        "officials",
        Class::Anonymous
    );
    b!(
        officials_initial,
        "Officials said",
        "said",
        "Officials",
        Class::Anonymous
    );
    b!(
        familiar,
        "a source familiar with the matter said",
        "said",
        "a source familiar with the matter",
        Class::Anonymous
    );
    b!(
        spokesman_for,
        "a spokesman for the ministry said",
        "said",
        "a spokesman for the ministry",
        Class::Description
    );
    b!(
        initial,
        "John F. Kennedy said",
        "said",
        "John F. Kennedy",
        Class::Name
    );
    b!(ms, "Ms. Guzman said", "said", "Guzman", Class::Name);
    b!(
        white_house_officials,
        "White House officials said",
        "said",
        "White House officials",
        Class::Anonymous
    );

    #[test]
    fn no_subject_after_a_function_word() {
        assert_eq!(before_text("a war that claimed tens", "claimed"), None);
        assert_eq!(before_text("and said", "said"), None);
    }

    a!(
        after_name,
        "“Yes,” said David Gilbert, president",
        "said",
        "David Gilbert",
        Class::Name
    );
    a!(
        after_description,
        "“Yes,” said a spokesman for the ministry.",
        "said",
        "a spokesman for the ministry",
        Class::Description
    );
    a!(
        according_to,
        "according to Azerbaijan in Focus, reporting",
        "to",
        "Azerbaijan",
        Class::Name
    );
    a!(
        according_to_the,
        "according to the New York Times.",
        "to",
        "New York Times",
        Class::Name
    );
    a!(
        according_to_him,
        "according to him.",
        "to",
        "him",
        Class::Pronoun(Pronoun::He)
    );
    a!(
        according_to_officials,
        "according to officials.",
        "to",
        "officials",
        Class::Anonymous
    );
    a!(
        title_after,
        "said Secretary of State John Kerry.",
        "said",
        "John Kerry",
        Class::Name
    );
}

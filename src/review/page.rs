//! One article's page: its title and text with every entity highlighted by
//! label (hover: canonical name, id, date value), every quote highlighted
//! and joined to its speaker, QA flags in the margin, and a panel of who is
//! quoted how often, which outlets and sources are cited, the entities, and
//! any record that could not be drawn.

use std::{collections::BTreeMap, fmt::Write as _};

use super::{
    assets,
    escape::{is_web_url, push_escaped},
    index::{is_anonymous, is_unattributed, Summary},
    markup::{self, Marker, Wrap},
    spans::{self, Checked},
};
use crate::{
    corpus::Article,
    record::{Mention, Quote},
};

/// Nesting layers: quotes outside speakers outside mentions.
const QUOTE_LAYER: u8 = 0;
const SPEAKER_LAYER: u8 = 1;
const MENTION_LAYER: u8 = 2;

/// Kinds that cite a source rather than quote a speaker.
fn cites_source(q: &Quote) -> bool {
    q.kind == "according_to" || q.kind == "reported_by"
}

/// Renders the page of article `n` (its input position) and its index row.
pub fn render(
    n: usize,
    article: &Article,
    mentions: &[Mention],
    quotes: &[Quote],
) -> (String, Summary) {
    let checked = spans::check(article, mentions, quotes);
    let mut summary = Summary {
        n,
        doc_id: article.id.clone(),
        date: article.date_raw.clone(),
        source: article.source.clone(),
        errors: checked.problems.len(),
        error: checked.problems.first().cloned().unwrap_or_default(),
        has_page: true,
        ..Summary::default()
    };
    summary.set_title(&article.title);
    summary.count(mentions, quotes);

    let mut h = String::with_capacity(article.text.len() * 2 + 8192);
    let title = if article.title.trim().is_empty() {
        &article.id
    } else {
        &article.title
    };
    assets::head(&mut h, title, assets::PAGE_SCRIPT_HASH);
    let _ = write!(h, "<body class=\"article\" data-n=\"{n}\"><nav class=\"back\"><a href=\"../../index.html\">← all articles</a></nav><header>");
    h.push_str("<h1 class=\"field title\" data-field=\"title\">");
    if article.title.is_empty() {
        push_escaped(&mut h, &article.id);
    } else {
        let wraps = mention_wraps(mentions, &checked, true);
        markup::render(&article.title, &wraps, &[], &mut h);
    }
    h.push_str("</h1>");
    meta(&mut h, article, &summary);
    h.push_str("</header><div class=\"layout\"><main>");
    h.push_str("<div class=\"field text\" id=\"text\" data-field=\"text\">");
    let (mut wraps, markers) = quote_wraps(quotes, &checked);
    wraps.extend(mention_wraps(mentions, &checked, false));
    markup::render(&article.text, &wraps, &markers, &mut h);
    h.push_str("</div></main><aside class=\"panel\">");
    problems(&mut h, article, &checked);
    let drawn = drawn_quotes(quotes.len(), &checked);
    quoted(&mut h, quotes, &drawn);
    cited(&mut h, quotes);
    attributions(&mut h, quotes, &drawn);
    entities(&mut h, mentions);
    h.push_str("</aside></div><script>");
    h.push_str(assets::PAGE_SCRIPT);
    h.push_str("</script></body></html>\n");
    (h, summary)
}

fn attr(h: &mut String, name: &str, value: &str) {
    let _ = write!(h, " {name}=\"");
    push_escaped(h, value);
    h.push('"');
}

fn meta(h: &mut String, a: &Article, s: &Summary) {
    h.push_str("<dl class=\"meta\">");
    let item = |h: &mut String, k: &str, v: &str| {
        if !v.is_empty() {
            let _ = write!(h, "<dt>{k}</dt><dd>");
            push_escaped(h, v);
            h.push_str("</dd>");
        }
    };
    item(h, "id", &a.id);
    item(h, "date", &a.date_raw);
    item(h, "source", &a.source);
    if !a.url.is_empty() {
        h.push_str("<dt>url</dt><dd>");
        if is_web_url(&a.url) {
            h.push_str("<a rel=\"noreferrer noopener\"");
            attr(h, "href", &a.url);
            h.push('>');
            push_escaped(h, &a.url);
            h.push_str("</a>");
        } else {
            push_escaped(h, &a.url);
        }
        h.push_str("</dd>");
    }
    let _ = write!(
        h,
        "<dt>entities</dt><dd>{}</dd><dt>dates</dt><dd>{}</dd><dt>quotes</dt><dd>{}</dd>\
         <dt>unattributed</dt><dd{}>{}</dd><dt>anonymous</dt><dd>{}</dd>",
        s.entities,
        s.dates,
        s.quotes,
        if s.unattributed > 0 {
            " class=\"bad\""
        } else {
            ""
        },
        s.unattributed,
        s.anonymous
    );
    h.push_str("</dl>");
}

fn mention_wraps(mentions: &[Mention], checked: &Checked, title: bool) -> Vec<Wrap> {
    checked
        .mentions
        .iter()
        .filter(|c| c.in_title == title)
        .map(|c| {
            let m = &mentions[c.index];
            let mut a = String::new();
            attr(&mut a, "class", &format!("m {}", m.label));
            attr(&mut a, "data-label", &m.label);
            for (k, v) in [
                ("data-canonical", &m.canonical),
                ("data-id", &m.entity_id),
                ("data-value", &m.value),
                ("data-timex", &m.timex_type),
            ] {
                if !v.is_empty() {
                    attr(&mut a, k, v);
                }
            }
            attr(&mut a, "title", &mention_title(m));
            Wrap {
                start: c.start,
                end: c.end,
                layer: MENTION_LAYER,
                attrs: a,
                id: Some(format!("{}m{}", if title { "t" } else { "" }, c.index)),
            }
        })
        .collect()
}

/// The hover text of a mention: label, canonical name, id, date value, method.
fn mention_title(m: &Mention) -> String {
    let mut t = m.label.clone();
    if !m.canonical.is_empty() {
        let _ = write!(t, " · {}", m.canonical);
    }
    if !m.entity_id.is_empty() {
        let _ = write!(t, " · {}", m.entity_id);
    }
    if !m.value.is_empty() {
        let _ = write!(t, " · value {}", m.value);
        if !m.timex_type.is_empty() {
            let _ = write!(t, " ({})", m.timex_type);
        }
    }
    if !m.method.is_empty() {
        let _ = write!(t, " · by {}", m.method);
    }
    t
}

/// The QA notes of a quote: its flags, plus `unattributed`/`anonymous` when
/// the row shows them but does not flag them.
fn quote_flags(q: &Quote) -> Vec<String> {
    let mut flags: Vec<String> = q
        .flags
        .split(';')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_string)
        .collect();
    for (yes, f) in [
        (is_unattributed(q), "unattributed"),
        (is_anonymous(q), "anonymous"),
    ] {
        if yes && !flags.iter().any(|x| x == f) {
            flags.push(f.to_string());
        }
    }
    flags
}

/// Speaker spans, one per distinct byte range, each with the quotes it speaks.
fn speakers(checked: &Checked) -> Vec<((usize, usize), Vec<usize>)> {
    let mut by_range: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for c in &checked.quotes {
        if let Some(r) = c.speaker {
            by_range.entry(r).or_default().push(c.index);
        }
    }
    by_range.into_iter().collect()
}

fn quote_wraps(quotes: &[Quote], checked: &Checked) -> (Vec<Wrap>, Vec<Marker>) {
    let speakers = speakers(checked);
    let mut speaker_of = vec![None; quotes.len()];
    for (k, (_, qs)) in speakers.iter().enumerate() {
        for &i in qs {
            speaker_of[i] = Some(k);
        }
    }
    let mut wraps = Vec::new();
    let mut markers = Vec::new();
    for c in &checked.quotes {
        let q = &quotes[c.index];
        let unattributed = is_unattributed(q);
        let flags = quote_flags(q);
        let mut a = String::new();
        let class = format!(
            "q {}{}",
            q.kind,
            if unattributed { " unattributed" } else { "" }
        );
        attr(&mut a, "class", &class);
        let _ = write!(a, " data-q=\"{}\"", c.index);
        attr(&mut a, "data-kind", &q.kind);
        attr(&mut a, "data-who", &q.speaker);
        if !q.speaker_entity_id.is_empty() {
            attr(&mut a, "data-who-id", &q.speaker_entity_id);
        }
        if let Some(k) = speaker_of[c.index] {
            let _ = write!(a, " data-s=\"{k}\"");
        }
        attr(&mut a, "data-cue", &q.cue);
        attr(&mut a, "data-flags", &flags.join(" "));
        let mut title = format!("{} quote", q.kind.replace('_', " "));
        if !unattributed {
            let _ = write!(title, " · {}", q.speaker);
        }
        if !q.cue.is_empty() {
            let _ = write!(title, " · cue “{}”", q.cue);
        }
        if !flags.is_empty() {
            let _ = write!(title, " · {}", flags.join(", "));
        }
        attr(&mut a, "title", &title);
        wraps.push(Wrap {
            start: c.start,
            end: c.end,
            layer: QUOTE_LAYER,
            attrs: a,
            id: Some(format!("q{}", c.index)),
        });
        let mut m = String::from("<span class=\"who");
        if unattributed {
            m.push_str(" none");
        }
        let _ = write!(m, "\" data-for=\"q{}\"", c.index);
        attr(&mut m, "data-who", &q.speaker);
        m.push_str("></span>");
        markers.push(Marker { at: c.end, html: m });
        if !flags.is_empty() {
            let mut m = format!("<span class=\"flag\" data-for=\"q{}\"", c.index);
            attr(&mut m, "data-flags", &flags.join(", "));
            m.push_str("></span>");
            markers.push(Marker {
                at: c.start,
                html: m,
            });
        }
    }
    for (k, ((start, end), qs)) in speakers.iter().enumerate() {
        let q = &quotes[qs[0]];
        let mut a = String::from(" class=\"spk\"");
        let _ = write!(a, " data-s=\"{k}\"");
        let list: Vec<String> = qs.iter().map(usize::to_string).collect();
        attr(&mut a, "data-quotes", &list.join(" "));
        attr(&mut a, "data-who", &q.speaker);
        let n = qs.len();
        attr(
            &mut a,
            "title",
            &format!(
                "speaker: {} · {n} quote{}",
                q.speaker,
                if n == 1 { "" } else { "s" }
            ),
        );
        wraps.push(Wrap {
            start: *start,
            end: *end,
            layer: SPEAKER_LAYER,
            attrs: a,
            id: Some(format!("s{k}")),
        });
    }
    (wraps, markers)
}

/// Which quotes are drawn in the text (and can be linked to).
fn drawn_quotes(n: usize, checked: &Checked) -> Vec<bool> {
    let mut drawn = vec![false; n];
    for c in &checked.quotes {
        drawn[c.index] = true;
    }
    drawn
}

/// Link target of quote `i`: its element when drawn.
fn quote_link(h: &mut String, i: usize, drawn: bool, text: &str) {
    if drawn {
        let _ = write!(h, "<a href=\"#q{i}\">");
        push_escaped(h, text);
        h.push_str("</a>");
    } else {
        push_escaped(h, text);
    }
}

fn problems(h: &mut String, a: &Article, checked: &Checked) {
    if checked.problems.is_empty() && a.warnings.is_empty() {
        return;
    }
    h.push_str("<section class=\"problems\"><h2 class=\"bad\">Problems</h2><ul>");
    for p in a.warnings.iter().chain(&checked.problems) {
        h.push_str("<li>");
        push_escaped(h, p);
        h.push_str("</li>");
    }
    h.push_str("</ul></section>");
}

/// Who is quoted how often (all kinds but cited sources), and the quotes with no speaker.
fn quoted(h: &mut String, quotes: &[Quote], drawn: &[bool]) {
    let mut who: Vec<(String, String, Vec<usize>)> = Vec::new();
    let mut none = Vec::new();
    for (i, q) in quotes.iter().enumerate().filter(|(_, q)| !cites_source(q)) {
        if is_unattributed(q) {
            none.push(i);
            continue;
        }
        match who
            .iter_mut()
            .find(|w| w.0 == q.speaker && w.1 == q.speaker_entity_id)
        {
            Some(w) => w.2.push(i),
            None => who.push((q.speaker.clone(), q.speaker_entity_id.clone(), vec![i])),
        }
    }
    who.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then_with(|| a.0.cmp(&b.0)));
    h.push_str("<section class=\"quoted\"><h2>Who is quoted</h2>");
    if who.is_empty() && none.is_empty() {
        h.push_str("<p class=\"muted\">No quotes found.</p></section>");
        return;
    }
    h.push_str("<table><tbody>");
    for (name, id, qs) in &who {
        h.push_str("<tr class=\"speaker\"");
        attr(h, "data-who", name);
        let _ = write!(h, " data-count=\"{}\"><td>", qs.len());
        push_escaped(h, name);
        if !id.is_empty() {
            h.push_str(" <span class=\"id\">");
            push_escaped(h, id);
            h.push_str("</span>");
        }
        let _ = write!(h, "</td><td class=\"n\">{}</td><td>", qs.len());
        for (k, &i) in qs.iter().enumerate() {
            if k > 0 {
                h.push(' ');
            }
            quote_link(h, i, drawn[i], &format!("{}", i + 1));
        }
        h.push_str("</td></tr>");
    }
    if !none.is_empty() {
        let _ = write!(
            h,
            "<tr class=\"speaker none bad\" data-count=\"{}\"><td>no speaker</td><td class=\"n\">{}</td><td>",
            none.len(),
            none.len()
        );
        for (k, &i) in none.iter().enumerate() {
            if k > 0 {
                h.push(' ');
            }
            quote_link(h, i, drawn[i], &format!("{}", i + 1));
        }
        h.push_str("</td></tr>");
    }
    h.push_str("</tbody></table></section>");
}

/// Outlets and sources cited with "according to" or "reporting".
fn cited(h: &mut String, quotes: &[Quote]) {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for q in quotes.iter().filter(|q| cites_source(q)) {
        let name = if q.speaker.is_empty() {
            "?"
        } else {
            q.speaker.as_str()
        };
        *counts.entry((name, q.kind.as_str())).or_default() += 1;
    }
    h.push_str("<section class=\"cited\"><h2>Outlets and sources cited</h2>");
    if counts.is_empty() {
        h.push_str(
            "<p class=\"muted\">None cited with “according to” or “reporting”.</p></section>",
        );
        return;
    }
    h.push_str("<table><tbody>");
    for ((name, kind), n) in counts {
        h.push_str("<tr class=\"outlet\"");
        attr(h, "data-who", name);
        h.push_str("><td>");
        push_escaped(h, name);
        h.push_str("</td><td class=\"muted\">");
        push_escaped(h, &kind.replace('_', " "));
        let _ = write!(h, "</td><td class=\"n\">{n}</td></tr>");
    }
    h.push_str("</tbody></table></section>");
}

/// Every quote: number, kind, speaker, cue, flags.
fn attributions(h: &mut String, quotes: &[Quote], drawn: &[bool]) {
    if quotes.is_empty() {
        return;
    }
    h.push_str("<section class=\"attributions\"><h2>Attributions</h2><table><tbody>");
    for (i, q) in quotes.iter().enumerate() {
        h.push_str("<tr><td class=\"n\">");
        quote_link(h, i, drawn[i], &format!("{}", i + 1));
        h.push_str("</td><td>");
        push_escaped(h, &q.kind.replace('_', " "));
        h.push_str("</td><td>");
        if is_unattributed(q) {
            h.push_str("<span class=\"bad\">no speaker</span>");
        } else {
            push_escaped(h, &q.speaker);
        }
        if !q.cue.is_empty() {
            h.push_str(" <span class=\"muted\">(");
            push_escaped(h, &q.cue);
            h.push_str(")</span>");
        }
        let flags = quote_flags(q);
        if !flags.is_empty() {
            h.push_str(" <span class=\"bad\">");
            push_escaped(h, &flags.join(", "));
            h.push_str("</span>");
        }
        h.push_str("</td></tr>");
    }
    h.push_str("</tbody></table></section>");
}

/// Entities grouped by label, most-mentioned first.
fn entities(h: &mut String, mentions: &[Mention]) {
    let mut groups: BTreeMap<&str, BTreeMap<(&str, &str), usize>> = BTreeMap::new();
    for m in mentions {
        let name = if m.label == "DATE" && !m.value.is_empty() {
            m.value.as_str()
        } else if m.canonical.is_empty() {
            m.text.as_str()
        } else {
            m.canonical.as_str()
        };
        *groups
            .entry(m.label.as_str())
            .or_default()
            .entry((name, m.entity_id.as_str()))
            .or_default() += 1;
    }
    h.push_str("<section class=\"entities\"><h2>Entities</h2>");
    if groups.is_empty() {
        h.push_str("<p class=\"muted\">None found.</p>");
    }
    for label in ["PERSON", "ORG", "PLACE", "NORP", "DATE"]
        .into_iter()
        .chain(
            groups
                .keys()
                .copied()
                .filter(|l| !["PERSON", "ORG", "PLACE", "NORP", "DATE"].contains(l)),
        )
        .collect::<Vec<_>>()
    {
        let Some(items) = groups.get(label) else {
            continue;
        };
        let mut items: Vec<_> = items.iter().collect();
        items.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        h.push_str("<h3><span");
        attr(h, "class", &format!("key {label}"));
        h.push('>');
        push_escaped(h, label);
        h.push_str("</span></h3><table><tbody>");
        for ((name, id), n) in items {
            h.push_str("<tr><td>");
            push_escaped(h, name);
            if !id.is_empty() {
                h.push_str(" <span class=\"id\">");
                push_escaped(h, id);
                h.push_str("</span>");
            }
            let _ = write!(h, "</td><td class=\"n\">{n}</td></tr>");
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(label: &str, canonical: &str, id: &str, value: &str, timex: &str) -> Mention {
        Mention {
            doc_id: "d".into(),
            field: "text".into(),
            label: label.into(),
            text: "x".into(),
            start: 0,
            end: 1,
            byte_start: 0,
            byte_end: 1,
            canonical: canonical.into(),
            entity_id: id.into(),
            value: value.into(),
            timex_type: timex.into(),
            method: "dictionary".into(),
        }
    }

    macro_rules! hover {
        ($name:ident, $m:expr, $want:expr) => {
            #[test]
            fn $name() {
                assert_eq!(mention_title(&$m), $want);
            }
        };
    }

    hover!(
        place,
        mention("PLACE", "Baku", "geonames:587084", "", ""),
        "PLACE · Baku · geonames:587084 · by dictionary"
    );
    hover!(
        date,
        mention("DATE", "", "", "2023-09-21", "DATE"),
        "DATE · value 2023-09-21 (DATE) · by dictionary"
    );
    hover!(bare, mention("ORG", "", "", "", ""), "ORG · by dictionary");

    fn quote(speaker: &str, kind: &str, flags: &str) -> Quote {
        Quote {
            doc_id: "d".into(),
            quote: String::new(),
            start: 0,
            end: 0,
            speaker: speaker.into(),
            speaker_entity_id: String::new(),
            speaker_start: None,
            speaker_end: None,
            cue: String::new(),
            kind: kind.into(),
            flags: flags.into(),
        }
    }

    macro_rules! flags {
        ($name:ident, $q:expr, [$($want:expr),*]) => {
            #[test]
            fn $name() {
                let want: Vec<&str> = vec![$($want),*];
                assert_eq!(quote_flags(&$q), want);
            }
        };
    }

    flags!(clean, quote("Anar Eyvazov", "direct", ""), []);
    flags!(
        no_speaker_unflagged,
        quote("", "direct", ""),
        ["unattributed"]
    );
    flags!(
        flagged_once,
        quote("", "direct", "odd_quotes; unattributed"),
        ["odd_quotes", "unattributed"]
    );
    flags!(
        anonymous_kind,
        quote("officials", "anonymous", ""),
        ["anonymous"]
    );

    /// A speaker span that starts inside a quote and ends after it still
    /// gives balanced markup, and the text reads back unchanged.
    #[test]
    fn crossing_speaker_span_is_well_formed() {
        let text = "“Calm now,” said Anar Eyvazov.";
        let article = Article::new("d", text);
        let start = text.find("Calm").unwrap();
        let end = text.find(',').unwrap() + 1;
        let chars = |b: usize| text[..b].chars().count();
        let mut q = quote("Anar Eyvazov", "direct", "");
        q.quote = text[start..end].into();
        (q.start, q.end) = (chars(start), chars(end));
        // A deliberately odd speaker span: from "now" inside the quote to "said".
        let sp = text.find("now").unwrap();
        let sp_end = text.find("said").unwrap() + 4;
        (q.speaker_start, q.speaker_end) = (Some(chars(sp)), Some(chars(sp_end)));
        let (html, summary) = render(0, &article, &[], &[q]);
        assert_eq!(summary.errors, 0);
        let body = html
            .split("id=\"text\" data-field=\"text\">")
            .nth(1)
            .unwrap();
        let body = &body[..body.find("</div>").unwrap()];
        assert_eq!(
            body.matches("<span").count(),
            body.matches("</span>").count()
        );
        assert_eq!(
            body.matches("data-s=\"0\"").count(),
            3,
            "quote + two speaker fragments: {body}"
        );
        assert_eq!(body.matches(" id=\"s0\"").count(), 1);
    }
}

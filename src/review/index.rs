//! The index: one light row per article (its counts, nothing of its text),
//! ordered problems first and split into pages, so `index.html` stays
//! small at 100,000 articles. Each page's table sorts in the browser.

use std::fmt::Write as _;

use super::{
    assets,
    escape::{escape, push_escaped},
};
use crate::record::{Mention, Quote};

/// One article's row in the index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Position in the input, from 0.
    pub n: usize,
    /// The article's id.
    pub doc_id: String,
    /// Its title, shortened for the index.
    pub title: String,
    /// Its date as given.
    pub date: String,
    /// Its source.
    pub source: String,
    /// Entity mentions (all labels but DATE).
    pub entities: usize,
    /// DATE mentions.
    pub dates: usize,
    /// Quotes and attributions.
    pub quotes: usize,
    /// Quotes with no speaker.
    pub unattributed: usize,
    /// Anonymous or vague sources.
    pub anonymous: usize,
    /// Quotes carrying any QA flag.
    pub flagged: usize,
    /// The error row (1) plus records that do not slice back to the text.
    pub errors: usize,
    /// The error message or the first problem, for the row's tooltip.
    pub error: String,
    /// True when the article has a page (error rows have none).
    pub has_page: bool,
}

/// True when a quote row has no speaker: flagged `unattributed`, or no name.
pub fn is_unattributed(q: &Quote) -> bool {
    has_flag(q, "unattributed") || q.speaker.trim().is_empty()
}

/// True for an anonymous or vague source.
pub fn is_anonymous(q: &Quote) -> bool {
    q.kind == "anonymous" || has_flag(q, "anonymous")
}

fn has_flag(q: &Quote, flag: &str) -> bool {
    q.flags.split(';').any(|f| f.trim() == flag)
}

/// Longest title kept in the index, in characters.
const TITLE_CHARS: usize = 160;

impl Summary {
    /// The counts of one article's records.
    pub fn count(&mut self, mentions: &[Mention], quotes: &[Quote]) {
        self.dates = mentions.iter().filter(|m| m.label == "DATE").count();
        self.entities = mentions.len() - self.dates;
        self.quotes = quotes.len();
        self.unattributed = quotes.iter().filter(|q| is_unattributed(q)).count();
        self.anonymous = quotes.iter().filter(|q| is_anonymous(q)).count();
        self.flagged = quotes.iter().filter(|q| !q.flags.trim().is_empty()).count();
    }

    /// Sets the title, cut to a length the index can carry.
    pub fn set_title(&mut self, title: &str) {
        self.title = match title.char_indices().nth(TITLE_CHARS) {
            Some((cut, _)) => format!("{}…", &title[..cut]),
            None => title.to_string(),
        };
    }

    /// Problems first: error rows, then unattributed quotes, anonymous
    /// sources, other flags; input order among equals.
    fn problem_key(&self) -> impl Ord {
        use std::cmp::Reverse;
        (
            Reverse(self.errors.min(1)),
            Reverse(self.unattributed),
            Reverse(self.anonymous),
            Reverse(self.flagged),
            Reverse(self.errors),
            self.n,
        )
    }

    /// True when the row shows any problem.
    pub fn has_problem(&self) -> bool {
        self.errors + self.unattributed + self.anonymous + self.flagged > 0
    }
}

/// The relative path of article `n`'s page: pages are spread over
/// directories of 1,000 so that none grows huge.
pub fn article_path(n: usize) -> String {
    format!("articles/{}/{n}.html", n / 1000)
}

/// The file name of index page `p` (from 1).
pub fn index_file(p: usize) -> String {
    if p <= 1 {
        "index.html".into()
    } else {
        format!("index-{p}.html")
    }
}

/// Orders the rows problems first and renders the index pages, `page_size`
/// rows each: returns `(file name, html)` pairs, `index.html` first.
pub fn render(mut rows: Vec<Summary>, page_size: usize) -> Vec<(String, String)> {
    rows.sort_by_key(Summary::problem_key);
    let page_size = page_size.max(1);
    let pages = rows.len().div_ceil(page_size).max(1);
    let totals = Totals::of(&rows);
    (1..=pages)
        .map(|p| {
            let chunk =
                &rows[((p - 1) * page_size).min(rows.len())..(p * page_size).min(rows.len())];
            (index_file(p), render_page(chunk, p, pages, &totals))
        })
        .collect()
}

struct Totals {
    articles: usize,
    errors: usize,
    unattributed: usize,
    anonymous: usize,
    quotes: usize,
    entities: usize,
}

impl Totals {
    fn of(rows: &[Summary]) -> Totals {
        Totals {
            articles: rows.len(),
            errors: rows.iter().filter(|r| r.errors > 0).count(),
            unattributed: rows.iter().filter(|r| r.unattributed > 0).count(),
            anonymous: rows.iter().filter(|r| r.anonymous > 0).count(),
            quotes: rows.iter().map(|r| r.quotes).sum(),
            entities: rows.iter().map(|r| r.entities).sum(),
        }
    }
}

const COLUMNS: [(&str, &str); 11] = [
    ("#", "input order"),
    ("article", "id and title"),
    ("date", "publication date"),
    ("source", "outlet"),
    ("entities", "entity mentions (PERSON, PLACE, ORG, NORP)"),
    ("dates", "DATE mentions"),
    ("quotes", "quotes and attributions"),
    ("unattributed", "quotes with no speaker"),
    ("anonymous", "anonymous or vague sources"),
    ("flagged", "quotes with QA flags"),
    (
        "errors",
        "error row, or records that do not slice back to the text",
    ),
];

fn render_page(rows: &[Summary], page: usize, pages: usize, t: &Totals) -> String {
    let mut h = String::with_capacity(512 + rows.len() * 400);
    let title = if pages > 1 {
        format!("newsner review: page {page} of {pages}")
    } else {
        "newsner review".to_string()
    };
    assets::head(&mut h, &title, assets::INDEX_SCRIPT_HASH);
    let _ = write!(
        h,
        "<body class=\"index\"><header><h1>{}</h1><p class=\"totals\">{} articles · {} entity mentions · {} quotes · \
         <span class=\"{}\">{} with errors</span> · <span class=\"{}\">{} with unattributed quotes</span> · \
         {} with anonymous sources</p><p class=\"hint\">Problems first: error rows, then unattributed quotes, \
         anonymous sources, flagged quotes. Click a column to sort this page.</p></header>",
        escape(&title),
        t.articles,
        t.entities,
        t.quotes,
        if t.errors > 0 { "bad" } else { "" },
        t.errors,
        if t.unattributed > 0 { "bad" } else { "" },
        t.unattributed,
        t.anonymous
    );
    nav(&mut h, page, pages);
    h.push_str("<table id=\"articles\"><thead><tr>");
    for (name, help) in COLUMNS {
        let _ = write!(
            h,
            "<th title=\"{help}\"><button type=\"button\">{name}</button></th>"
        );
    }
    h.push_str("</tr></thead><tbody>");
    for r in rows {
        row(&mut h, r);
    }
    h.push_str("</tbody></table>");
    nav(&mut h, page, pages);
    h.push_str("<script>");
    h.push_str(assets::INDEX_SCRIPT);
    h.push_str("</script></body></html>\n");
    h
}

fn num(h: &mut String, v: usize, bad: bool) {
    let class = if bad && v > 0 { " class=\"bad\"" } else { "" };
    let _ = write!(h, "<td data-v=\"{v}\"{class}>{v}</td>");
}

fn row(h: &mut String, r: &Summary) {
    let _ = write!(
        h,
        "<tr data-n=\"{}\"{}><td data-v=\"{}\">{}</td><td data-v=\"",
        r.n,
        if r.has_problem() {
            " class=\"problem\""
        } else {
            ""
        },
        r.n,
        r.n + 1
    );
    push_escaped(h, &r.doc_id);
    h.push_str("\">");
    if r.has_page {
        let _ = write!(h, "<a href=\"{}\">", article_path(r.n));
    }
    h.push_str("<span class=\"id\">");
    push_escaped(h, &r.doc_id);
    h.push_str("</span>");
    if !r.title.is_empty() {
        h.push_str(" <span class=\"t\">");
        push_escaped(h, &r.title);
        h.push_str("</span>");
    }
    if r.has_page {
        h.push_str("</a>");
    }
    h.push_str("</td>");
    for v in [&r.date, &r.source] {
        h.push_str("<td data-v=\"");
        push_escaped(h, v);
        h.push_str("\">");
        push_escaped(h, v);
        h.push_str("</td>");
    }
    num(h, r.entities, false);
    num(h, r.dates, false);
    num(h, r.quotes, false);
    num(h, r.unattributed, true);
    num(h, r.anonymous, true);
    num(h, r.flagged, true);
    let _ = write!(h, "<td data-v=\"{}\"", r.errors);
    if r.errors > 0 {
        h.push_str(" class=\"bad\" title=\"");
        push_escaped(h, &r.error);
        h.push('"');
    }
    let _ = write!(h, ">{}</td></tr>", r.errors);
}

/// Page links: first, last, and a window around the current page.
fn nav(h: &mut String, page: usize, pages: usize) {
    if pages <= 1 {
        return;
    }
    h.push_str("<nav class=\"pages\">");
    if page > 1 {
        let _ = write!(
            h,
            "<a rel=\"prev\" href=\"{}\">‹ prev</a> ",
            index_file(page - 1)
        );
    }
    let mut last_shown = 0;
    for p in 1..=pages {
        if p == 1 || p == pages || p.abs_diff(page) <= 3 {
            if p > last_shown + 1 {
                h.push_str("… ");
            }
            if p == page {
                let _ = write!(h, "<b aria-current=\"page\">{p}</b> ");
            } else {
                let _ = write!(h, "<a href=\"{}\">{p}</a> ", index_file(p));
            }
            last_shown = p;
        }
    }
    if page < pages {
        let _ = write!(
            h,
            "<a rel=\"next\" href=\"{}\">next ›</a>",
            index_file(page + 1)
        );
    }
    h.push_str("</nav>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(
        n: usize,
        errors: usize,
        unattributed: usize,
        anonymous: usize,
        flagged: usize,
    ) -> Summary {
        Summary {
            n,
            doc_id: format!("d{n}"),
            errors,
            unattributed,
            anonymous,
            flagged,
            has_page: errors == 0,
            ..Summary::default()
        }
    }

    #[test]
    fn problems_first_then_input_order() {
        let rows = vec![
            s(0, 0, 0, 0, 0),
            s(1, 0, 1, 0, 1),
            s(2, 1, 0, 0, 0),
            s(3, 0, 2, 0, 0),
            s(4, 0, 0, 1, 0),
        ];
        let pages = render(rows, 10);
        let html = &pages[0].1;
        let order: Vec<usize> = ["d2", "d3", "d1", "d4", "d0"]
            .iter()
            .map(|id| html.find(&format!(">{id}<")).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    }

    #[test]
    fn pages_split_and_link() {
        let rows: Vec<Summary> = (0..25).map(|n| s(n, 0, 0, 0, 0)).collect();
        let pages = render(rows, 10);
        let names: Vec<&str> = pages.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(names, ["index.html", "index-2.html", "index-3.html"]);
        assert_eq!(pages[2].1.matches("<tr data-n=").count(), 5);
        assert!(pages[1].1.contains("href=\"index.html\">‹ prev"));
        assert!(pages[1].1.contains("href=\"index-3.html\">next ›"));
        assert!(pages[0].1.contains("href=\"articles/0/9.html\""));
    }

    #[test]
    fn empty_batch_has_one_page() {
        let pages = render(Vec::new(), 10);
        assert_eq!(pages.len(), 1);
        assert!(pages[0].1.contains("0 articles"));
    }

    #[test]
    fn error_rows_have_no_link_and_escape_their_message() {
        let mut r = s(7, 1, 0, 0, 0);
        r.doc_id = "<b>x</b>".into();
        r.error = "line 3: \"bad\" <json>".into();
        let html = &render(vec![r], 10)[0].1;
        assert!(!html.contains("articles/0/7.html"));
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"));
        assert!(html.contains("title=\"line 3: &quot;bad&quot; &lt;json&gt;\""));
    }

    #[test]
    fn article_paths_are_sharded() {
        assert_eq!(article_path(0), "articles/0/0.html");
        assert_eq!(article_path(123_456), "articles/123/123456.html");
    }

    #[test]
    fn long_titles_are_cut_on_a_char_boundary() {
        let mut r = Summary::default();
        r.set_title(&"ş".repeat(500));
        assert_eq!(r.title.chars().count(), TITLE_CHARS + 1);
    }
}

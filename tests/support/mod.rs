//! Shared by the review tests: an article with records built by hand (a
//! quote joined to a speaker outside it, a quote inside another, a speaker
//! inside a quote, an unattributed quote, a `<script>` in the text), and a
//! headless Chromium that loads a page and returns the DOM after its
//! scripts ran. Installs nothing: without a browser the browser tests print
//! a note and skip, unless NEWSNER_REQUIRE_BROWSER=1 (as in CI) makes that
//! a failure.
#![allow(dead_code)]

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use newsner::{Article, Mention, Quote};

/// The fixture's text.
pub const TEXT: &str =
    "Azerbaijani army spokesperson Anar Eyvazov told reporters in Şuşa on Thursday: \
“We are in Baku and <script>alert(1)</script> all is calm.”\n\n\
“We have seized weapons,” Eyvazov added.\n\n\
Officials said the talks in Yerevan would resume, according to Daily Sabah.\n\n\
“Nobody knows & nobody asks,” a voice whispered.";

/// Byte range of the `nth` (from 0) occurrence of `needle` in `TEXT`.
fn find(needle: &str, nth: usize) -> (usize, usize) {
    let start = TEXT
        .match_indices(needle)
        .nth(nth)
        .expect("needle in fixture")
        .0;
    (start, start + needle.len())
}

fn chars(b: usize) -> usize {
    TEXT[..b].chars().count()
}

fn mention(label: &str, needle: &str, nth: usize, canonical: &str, id: &str) -> Mention {
    let (s, e) = find(needle, nth);
    Mention {
        doc_id: "fixture".into(),
        field: "text".into(),
        label: label.into(),
        text: needle.into(),
        start: chars(s),
        end: chars(e),
        byte_start: s,
        byte_end: e,
        canonical: canonical.into(),
        entity_id: id.into(),
        value: String::new(),
        timex_type: String::new(),
        method: "dictionary".into(),
    }
}

fn quote(
    content: &str,
    speaker: Option<(&str, usize, &str, &str)>,
    cue: &str,
    kind: &str,
    flags: &str,
) -> Quote {
    let (s, e) = find(content, 0);
    let sp = speaker.map(|(needle, nth, _, _)| find(needle, nth));
    Quote {
        doc_id: "fixture".into(),
        quote: content.into(),
        start: chars(s),
        end: chars(e),
        speaker: speaker.map(|s| s.2.to_string()).unwrap_or_default(),
        speaker_entity_id: speaker.map(|s| s.3.to_string()).unwrap_or_default(),
        speaker_start: sp.map(|r| chars(r.0)),
        speaker_end: sp.map(|r| chars(r.1)),
        cue: cue.into(),
        kind: kind.into(),
        flags: flags.into(),
    }
}

/// The places the fixture's page must highlight.
pub const PLACES: [&str; 3] = ["Şuşa", "Baku", "Yerevan"];

/// The fixture article and its records, in table order.
pub fn fixture() -> (Article, Vec<Mention>, Vec<Quote>) {
    let mut article = Article::new("fixture", TEXT);
    article.title = "Eyvazov in <b>Şuşa</b>".into();
    article.set_date("2023-09-23");
    article.source = "Fixture & Co".into();
    article.url = "javascript:alert(1)".into();
    let mut date = mention("DATE", "Thursday", 0, "", "");
    date.value = "2023-09-21".into();
    date.timex_type = "DATE".into();
    date.method = "date".into();
    let mut title_place = mention("PLACE", "Şuşa", 0, "Shusha", "geonames:147105");
    title_place.field = "title".into();
    let t = "Eyvazov in <b>Şuşa</b>";
    let ts = t.find("Şuşa").unwrap();
    (title_place.byte_start, title_place.byte_end) = (ts, ts + "Şuşa".len());
    (title_place.start, title_place.end) = (t[..ts].chars().count(), t[..ts].chars().count() + 4);
    let mentions = vec![
        title_place,
        mention("NORP", "Azerbaijani", 0, "Azerbaijan", "iso3166:AZ"),
        mention(
            "PERSON",
            "Anar Eyvazov",
            0,
            "Anar Eyvazov",
            "local:anar-eyvazov",
        ),
        mention("PLACE", "Şuşa", 0, "Shusha", "geonames:147105"),
        date,
        mention("PLACE", "Baku", 0, "Baku", "geonames:587084"),
        mention("PERSON", "Eyvazov", 1, "Anar Eyvazov", "local:anar-eyvazov"),
        mention("PLACE", "Yerevan", 0, "Yerevan", "geonames:616052"),
        mention("ORG", "Daily Sabah", 0, "Daily Sabah", "local:daily-sabah"),
    ];
    let eyvazov = ("Anar Eyvazov", 0, "Anar Eyvazov", "local:anar-eyvazov");
    let quotes = vec![
        quote(
            "We are in Baku and <script>alert(1)</script> all is calm.",
            Some(eyvazov),
            "told",
            "direct",
            "",
        ),
        quote(
            "We have seized weapons,",
            Some(("Eyvazov", 1, "Anar Eyvazov", "local:anar-eyvazov")),
            "added",
            "direct",
            "",
        ),
        quote(
            "the talks in Yerevan would resume",
            Some(("Officials", 0, "Officials", "")),
            "said",
            "anonymous",
            "anonymous",
        ),
        quote(
            "Officials said the talks in Yerevan would resume",
            Some(("Daily Sabah", 0, "Daily Sabah", "local:daily-sabah")),
            "according to",
            "according_to",
            "",
        ),
        quote(
            "Nobody knows & nobody asks,",
            None,
            "whispered",
            "direct",
            "unattributed",
        ),
    ];
    (article, mentions, quotes)
}

/// Writes the fixture as an input file and matching `newsner extract`
/// tables (CSV), as a previous run would have left them.
pub fn write_fixture_tables(dir: &Path) -> PathBuf {
    let (article, mentions, quotes) = fixture();
    let input = dir.join("fixture.jsonl");
    let json = serde_json::json!({
        "id": article.id, "title": article.title, "date": article.date_raw,
        "source": article.source, "url": article.url, "text": article.text,
    });
    std::fs::write(&input, format!("{json}\n")).unwrap();
    let tables = dir.join("tables");
    std::fs::create_dir_all(&tables).unwrap();
    let mut w = csv::Writer::from_path(tables.join("mentions.csv")).unwrap();
    mentions.iter().for_each(|m| w.serialize(m).unwrap());
    w.flush().unwrap();
    let mut w = csv::Writer::from_path(tables.join("quotes.csv")).unwrap();
    quotes.iter().for_each(|q| w.serialize(q).unwrap());
    w.flush().unwrap();
    let mut w = csv::Writer::from_path(tables.join("documents.csv")).unwrap();
    w.serialize(newsner::Document {
        doc_id: article.id.clone(),
        title: article.title.clone(),
        date: article.date_raw.clone(),
        source: article.source.clone(),
        chars: article.text.chars().count(),
        mentions: mentions.len(),
        quotes: quotes.len(),
        status: "ok".into(),
        unattributed_quotes: 1,
        ..Default::default()
    })
    .unwrap();
    w.flush().unwrap();
    input
}

/// The headless browser, or `None` (with a printed note) when there is none.
pub fn chromium(test: &str) -> Option<PathBuf> {
    // NEWSNER_CHROMIUM names the browser (a path that does not exist means none).
    let found = match std::env::var_os("NEWSNER_CHROMIUM") {
        Some(p) => Some(PathBuf::from(p)).filter(|p| p.exists()),
        None => [
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
        ]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists()),
    };
    if found.is_none() {
        assert!(
            std::env::var_os("NEWSNER_REQUIRE_BROWSER").is_none_or(|v| v != "1"),
            "{test}: NEWSNER_REQUIRE_BROWSER=1 but no chromium (install Debian's `chromium`, or set NEWSNER_CHROMIUM)"
        );
        eprintln!("{test}: skipped, no headless Chromium (apt-get install chromium, or set NEWSNER_CHROMIUM)");
    }
    found
}

fn browser(exe: &Path, profile: &Path) -> Command {
    let mut c = Command::new(exe);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--virtual-time-budget=2000",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

fn file_url(page: &Path) -> String {
    format!("file://{}", page.canonicalize().unwrap().display())
}

/// The DOM of `page` after its scripts ran, serialized by the browser.
pub fn dump_dom(exe: &Path, page: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = browser(exe, profile.path())
        .arg("--dump-dom")
        .arg(file_url(page))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("DOM is UTF-8")
}

/// Saves a screenshot of `page` to `png`.
pub fn screenshot(exe: &Path, page: &Path, png: &Path, width: u32, height: u32) {
    let profile = tempfile::tempdir().unwrap();
    if let Some(dir) = png.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    let out = browser(exe, profile.path())
        .arg(format!("--window-size={width},{height}"))
        .arg(format!(
            "--screenshot={}",
            png.canonicalize().unwrap_or(png.to_path_buf()).display()
        ))
        .arg(file_url(page))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(png).expect("screenshot written");
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
}

/// The rendered DOM, parsed, with the queries the tests need.
pub struct Dom {
    html: String,
}

/// One element: its attributes and its text content.
#[derive(Debug, Clone)]
pub struct El {
    /// Attribute values, decoded.
    pub attrs: Vec<(String, String)>,
    /// Text content, decoded.
    pub text: String,
}

impl El {
    /// An attribute's value.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// True when the class list has `class`.
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|x| x == class))
    }
}

/// Decodes the entities a browser's serializer writes.
pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

impl Dom {
    /// Parses serialized HTML.
    pub fn new(html: String) -> Dom {
        Dom { html }
    }

    /// Elements matching a simple selector (`tag`, `.class`, `#id`, `[attr]`, `[attr=value]`).
    pub fn select(&self, selector: &str) -> Vec<El> {
        let dom = tl::parse(&self.html, tl::ParserOptions::default()).expect("parses");
        let parser = dom.parser();
        let Some(found) = dom.query_selector(selector) else {
            return Vec::new();
        };
        found
            .filter_map(|h| h.get(parser))
            .filter_map(|node| {
                let tag = node.as_tag()?;
                let attrs = tag
                    .attributes()
                    .iter()
                    .map(|(k, v)| (k.to_string(), unescape(&v.unwrap_or_default())))
                    .collect();
                Some(El {
                    attrs,
                    text: unescape(&node.inner_text(parser)),
                })
            })
            .collect()
    }

    /// The one element matching `selector`.
    pub fn one(&self, selector: &str) -> El {
        let mut all = self.select(selector);
        assert_eq!(all.len(), 1, "{selector}: expected one element");
        all.remove(0)
    }
}

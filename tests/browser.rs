//! The review pages in a real browser: headless Chromium loads a page, runs
//! its scripts under the page's Content Security Policy, and the tests read
//! the DOM it serializes. Skips with a note when Chromium is absent (CI
//! installs it and sets NEWSNER_REQUIRE_BROWSER=1).

mod support;

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    process::Command,
};

use support::{chromium, dump_dom, fixture, screenshot, Dom, El, PLACES, TEXT};

fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/review-screenshots")
}

/// The text of each quote, its fragments joined, by quote number.
fn quotes(dom: &Dom) -> BTreeMap<usize, (String, El)> {
    let mut out: BTreeMap<usize, (String, El)> = BTreeMap::new();
    for el in dom
        .select("[data-q]")
        .into_iter()
        .filter(|e| e.has_class("q"))
    {
        let n: usize = el.attr("data-q").unwrap().parse().unwrap();
        let entry = out.entry(n).or_insert_with(|| (String::new(), el.clone()));
        entry.0.push_str(&el.text);
        if el.attr("id").is_some() {
            entry.1 = el;
        }
    }
    out
}

fn highlighted(dom: &Dom, label: &str) -> Vec<El> {
    dom.select(&format!(".{label}"))
        .into_iter()
        .filter(|e| e.has_class("m"))
        .collect()
}

#[test]
fn fixture_page_in_browser() {
    let Some(exe) = chromium("fixture_page_in_browser") else {
        return;
    };
    let (article, mentions, quotes_in) = fixture();
    let (html, summary) = newsner::review::page::render(0, &article, &mentions, &quotes_in);
    assert_eq!(summary.errors, 0, "{}", summary.error);
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(&page, html).unwrap();
    let dom = Dom::new(dump_dom(&exe, &page));

    // The page's own script ran (so its CSP hash is right) and no other.
    assert_eq!(dom.one("body").attr("data-ready"), Some("1"));
    assert_eq!(dom.select("script").len(), 1);
    // The text, `<script>` and `&` included, is exactly the article's text.
    assert_eq!(dom.one("#text").text, TEXT);
    assert_eq!(dom.one("h1").text, "Eyvazov in <b>Şuşa</b>");
    assert!(dom.select("b").is_empty());
    assert!(dom
        .select("a")
        .iter()
        .all(|a| !a.attr("href").unwrap_or("").starts_with("javascript")));

    let qs = quotes(&dom);
    assert_eq!(qs.len(), 5);
    for (n, (text, _)) in &qs {
        assert_eq!(text, &quotes_in[*n].quote, "quote {n}");
    }
    // Quotes 0 and 1 are Eyvazov's: his two mentions, one outside each quote.
    for (n, speaker_text) in [(0, "Anar Eyvazov"), (1, "Eyvazov")] {
        let q = &qs[&n].1;
        assert_eq!(q.attr("data-who"), Some("Anar Eyvazov"));
        let sid = q
            .attr("aria-describedby")
            .expect("the script joined the quote to its speaker");
        let speaker = dom.one(&format!("#{sid}"));
        assert!(speaker.has_class("spk") && speaker.has_class("linked"));
        assert_eq!(speaker.text, speaker_text);
        assert!(speaker
            .attr("data-quotes")
            .unwrap()
            .split(' ')
            .any(|x| x == n.to_string()));
    }
    // The speaker of the anonymous quote sits inside the "according to" quote.
    let officials = &qs[&2].1;
    assert_eq!(officials.attr("data-kind"), Some("anonymous"));
    assert_eq!(
        dom.one(&format!("#{}", officials.attr("aria-describedby").unwrap()))
            .text,
        "Officials"
    );
    assert_eq!(qs[&3].1.attr("data-who"), Some("Daily Sabah"));
    // The unattributed quote is marked and flagged in the margin.
    assert!(qs[&4].1.has_class("unattributed"));
    assert!(qs[&4].1.attr("aria-describedby").is_none());
    let flags = dom.select(".flag");
    assert!(flags
        .iter()
        .any(|f| f.attr("data-for") == Some("q4") && f.attr("data-flags") == Some("unattributed")));
    assert!(flags
        .iter()
        .any(|f| f.attr("data-for") == Some("q2") && f.attr("data-flags") == Some("anonymous")));

    // Places highlighted, with canonical name and id on hover.
    let places = highlighted(&dom, "PLACE");
    for p in PLACES {
        let el = places
            .iter()
            .find(|e| e.text == p)
            .unwrap_or_else(|| panic!("{p} not highlighted"));
        let title = el.attr("title").unwrap();
        assert!(
            title.starts_with("PLACE · ") && title.contains("geonames:"),
            "{title}"
        );
    }
    let date = &highlighted(&dom, "DATE")[0];
    assert_eq!(date.text, "Thursday");
    assert!(date
        .attr("title")
        .unwrap()
        .contains("value 2023-09-21 (DATE)"));
    // The panel: who is quoted how often, which outlets are cited.
    let eyvazov = dom
        .select(".speaker")
        .into_iter()
        .find(|r| r.attr("data-who") == Some("Anar Eyvazov"))
        .unwrap();
    assert_eq!(eyvazov.attr("data-count"), Some("2"));
    assert_eq!(dom.one(".outlet").attr("data-who"), Some("Daily Sabah"));

    screenshot(&exe, &page, &target_dir().join("fixture.png"), 1400, 1000);
}

fn newsner(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newsner"))
        .args(args)
        .output()
        .unwrap()
}

fn seed_page(dir: &Path) -> PathBuf {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seed.jsonl");
    let out = newsner(&[
        "review",
        seed.to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("articles/0/0.html")
}

fn seed_text() -> String {
    let line =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seed.jsonl"))
            .unwrap();
    let v: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    v["text"].as_str().unwrap().to_string()
}

const SEED_PLACES: [&str; 11] = [
    "Azerbaijan",
    "Russia",
    "Karabakh",
    "Baku",
    "Shusha",
    "Aghdam",
    "Khankendi",
    "Moscow",
    "Ukraine",
    "Armenia",
    "Yerevan",
];

#[test]
fn seed_page_highlights_places_in_browser() {
    let Some(exe) = chromium("seed_page_highlights_places_in_browser") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = seed_page(dir.path());
    let dom = Dom::new(dump_dom(&exe, &page));
    assert_eq!(dom.one("body").attr("data-ready"), Some("1"));
    assert_eq!(dom.one("#text").text, seed_text());
    let places = highlighted(&dom, "PLACE");
    for p in SEED_PLACES {
        assert!(
            places.iter().any(|e| e.text == p),
            "{p} is not highlighted as a PLACE"
        );
    }
    assert!(!places.iter().any(|e| e.text.contains("State Oil")));
    // The index's sorting script runs under its policy, and links the page.
    let index = Dom::new(dump_dom(&exe, &dir.path().join("index.html")));
    assert_eq!(index.one("body").attr("data-ready"), Some("1"));
    assert_eq!(index.select("tr[data-n]").len(), 1);
    let links: Vec<El> = index.select("a");
    assert!(links
        .iter()
        .any(|a| a.attr("href") == Some("articles/0/0.html")));
}

fn punctuation_trimmed(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
}

/// The acceptance test for the seed: its four quotes joined to Anar
/// Eyvazov, its places highlighted, and the screenshot for the README
/// (written to docs/review-seed.png with NEWSNER_UPDATE_SCREENSHOT=1).
#[test]
fn seed_quotes_joined_to_eyvazov_in_browser() {
    let Some(exe) = chromium("seed_quotes_joined_to_eyvazov_in_browser") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = seed_page(dir.path());
    let dom = Dom::new(dump_dom(&exe, &page));
    assert_eq!(dom.one("body").attr("data-ready"), Some("1"));
    let text = seed_text();
    // The four passages in quote marks, each drawn as a quote of Anar Eyvazov.
    let passages: Vec<&str> = text
        .split('“')
        .skip(1)
        .map(|s| s.split('”').next().unwrap())
        .collect();
    assert_eq!(passages.len(), 4);
    let qs = quotes(&dom);
    for p in &passages {
        let (_, q) = qs
            .values()
            .find(|(t, _)| punctuation_trimmed(t) == punctuation_trimmed(p))
            .unwrap_or_else(|| panic!("no quote drawn for “{p}”"));
        assert_eq!(q.attr("data-who"), Some("Anar Eyvazov"), "“{p}”");
        let sid = q
            .attr("aria-describedby")
            .unwrap_or_else(|| panic!("“{p}” has no speaker span"));
        assert!(dom.one(&format!("#{sid}")).has_class("linked"));
    }
    let eyvazov = dom
        .select(".speaker")
        .into_iter()
        .find(|r| r.attr("data-who") == Some("Anar Eyvazov"))
        .unwrap();
    assert!(
        eyvazov
            .attr("data-count")
            .unwrap()
            .parse::<usize>()
            .unwrap()
            >= 4
    );
    let places = highlighted(&dom, "PLACE");
    for p in SEED_PLACES {
        assert!(
            places.iter().any(|e| e.text == p),
            "{p} is not highlighted as a PLACE"
        );
    }
    let png = if std::env::var_os("NEWSNER_UPDATE_SCREENSHOT").is_some_and(|v| v == "1") {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/review-seed.png")
    } else {
        target_dir().join("seed.png")
    };
    screenshot(&exe, &page, &png, 1400, 1500);
}

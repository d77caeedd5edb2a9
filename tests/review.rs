//! `newsner review` end to end: the built CLI on fixture articles in a temp
//! dir; pages read back as files (the browser tests are in browser.rs).

mod support;

use std::{
    fs,
    path::{Path, PathBuf},
    process::{Command, Output},
};

fn newsner(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsner"))
        .args(args)
        .output()
        .unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn read(p: PathBuf) -> String {
    fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn write_jsonl(dir: &Path, name: &str, lines: &[&str]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, lines.join("\n") + "\n").unwrap();
    p
}

const GOOD_1: &str = r#"{"id": "a1", "date": "2023-09-23", "title": "Talks in Baku", "text": "Officials met in Baku and Yerevan on Thursday."}"#;
const GOOD_2: &str = r#"{"id": "a2", "title": "Moscow", "text": "Moscow said nothing."}"#;

#[test]
fn issue9_script_in_an_article_is_rendered_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let evil = r#"{"id": "<img src=x onerror=alert(2)>", "title": "<script>alert(1)</script> in Baku", "source": "\"><script>alert(3)</script>", "url": "javascript:alert(4)", "text": "Before <script>alert(1)</script> after, in Baku & Yerevan."}"#;
    let input = write_jsonl(dir.path(), "evil.jsonl", &[evil]);
    let out = dir.path().join("review");
    let r = newsner(&["review", s(&input), "--out", s(&out), "--quiet"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    for html in [
        read(out.join("articles/0/0.html")),
        read(out.join("index.html")),
    ] {
        assert_eq!(
            html.matches("<script").count(),
            1,
            "only the page's own script"
        );
        assert!(!html.contains("<img"));
        assert!(!html.contains("href=\"javascript"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }
    let page = read(out.join("articles/0/0.html"));
    assert!(page.contains("Before &lt;script&gt;alert(1)&lt;/script&gt; after, in "));
    assert!(
        page.contains("&amp; <span id=\"m"),
        "Yerevan is marked after the escaped &"
    );
    assert!(page.contains("&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"));
}

#[test]
fn review_lists_error_rows_first_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_jsonl(dir.path(), "in.jsonl", &[GOOD_1, "{broken", GOOD_2]);
    let out = dir.path().join("review");
    let r = newsner(&["review", s(&input), "--out", s(&out)]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("3 articles (1 error rows)"));
    let index = read(out.join("index.html"));
    let rows: Vec<&str> = index.split("<tr data-n=\"").skip(1).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].starts_with("1\" class=\"problem\""), "{}", rows[0]);
    assert!(rows[0].contains("in.jsonl:2") && !rows[0].contains("href="));
    assert!(rows[1].starts_with("0\"") && rows[1].contains("href=\"articles/0/0.html\""));
    assert!(rows[2].starts_with("2\"") && rows[2].contains("href=\"articles/0/2.html\""));
    assert!(out.join("articles/0/0.html").exists());
    assert!(!out.join("articles/0/1.html").exists());
    assert!(out.join("articles/0/2.html").exists());
}

#[test]
fn review_index_is_paginated() {
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<String> = (0..7)
        .map(|i| format!(r#"{{"id": "n{i}", "text": "Article {i} from Baku."}}"#))
        .collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let input = write_jsonl(dir.path(), "in.jsonl", &refs);
    let out = dir.path().join("review");
    // A stale page from a longer earlier review is removed.
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("index-4.html"), "old").unwrap();
    let r = newsner(&[
        "review",
        s(&input),
        "--out",
        s(&out),
        "--page-size",
        "3",
        "--quiet",
    ]);
    assert!(r.status.success());
    for (page, rows) in [("index.html", 3), ("index-2.html", 3), ("index-3.html", 1)] {
        assert_eq!(
            read(out.join(page)).matches("<tr data-n=").count(),
            rows,
            "{page}"
        );
    }
    assert!(!out.join("index-4.html").exists());
    assert!(read(out.join("index.html")).contains("<a rel=\"next\" href=\"index-2.html\">"));
    for n in 0..7 {
        assert!(out.join(format!("articles/0/{n}.html")).exists());
    }
}

fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn review_from_tables_equals_review_from_extraction_at_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let direct = dir.path().join("direct");
    let r = newsner(&[
        "review",
        s(&corpus),
        "--out",
        s(&direct),
        "--threads",
        "1",
        "--quiet",
    ]);
    assert!(r.status.success());
    let parallel = dir.path().join("parallel");
    let r = newsner(&[
        "review",
        s(&corpus),
        "--out",
        s(&parallel),
        "--threads",
        "2",
        "--quiet",
    ]);
    assert!(r.status.success());
    assert_eq!(tree(&direct), tree(&parallel));
    for format in ["csv", "jsonl"] {
        let tables = dir.path().join(format!("tables-{format}"));
        let r = newsner(&[
            "extract",
            s(&corpus),
            "--out",
            s(&tables),
            "--format",
            format,
            "--quiet",
        ]);
        assert!(r.status.success());
        let from_tables = dir.path().join(format!("from-{format}"));
        let r = newsner(&[
            "review",
            s(&corpus),
            "--tables",
            s(&tables),
            "--out",
            s(&from_tables),
            "--quiet",
        ]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        assert_eq!(tree(&direct), tree(&from_tables), "{format}");
    }
}

#[test]
fn review_refuses_tables_from_other_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_jsonl(dir.path(), "a.jsonl", &[GOOD_1]);
    let b = write_jsonl(dir.path(), "b.jsonl", &[GOOD_2]);
    let tables = dir.path().join("tables");
    assert!(newsner(&["extract", s(&a), "--out", s(&tables), "--quiet"])
        .status
        .success());
    let r = newsner(&[
        "review",
        s(&b),
        "--tables",
        s(&tables),
        "--out",
        s(&dir.path().join("r")),
    ]);
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("documents.csv") && err.contains("\"a1\"") && err.contains("\"a2\""),
        "{err}"
    );
    let r = newsner(&[
        "review",
        s(&b),
        "--tables",
        s(&dir.path().join("nothing")),
        "--out",
        s(&dir.path().join("r")),
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("no documents.csv or documents.jsonl"));
}

#[test]
fn review_from_tables_draws_quotes_joined_to_speakers() {
    let dir = tempfile::tempdir().unwrap();
    let input = support::write_fixture_tables(dir.path());
    let out = dir.path().join("review");
    let tables = dir.path().join("tables");
    let r = newsner(&[
        "review",
        s(&input),
        "--tables",
        s(&tables),
        "--out",
        s(&out),
        "--quiet",
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let page = read(out.join("articles/0/0.html"));
    // Quote 0 is joined to the speaker span "Anar Eyvazov" before it.
    let q0 = page.find("<span id=\"q0\"").expect("quote 0 drawn");
    let tag = &page[q0..q0 + page[q0..].find('>').unwrap()];
    assert!(
        tag.contains("data-who=\"Anar Eyvazov\"") && tag.contains("data-s=\""),
        "{tag}"
    );
    assert!(
        page[..q0].contains(">Anar Eyvazov</span></span>"),
        "speaker span wraps the mention"
    );
    assert!(page.contains("class=\"q direct unattributed\""));
    let index = read(out.join("index.html"));
    assert!(
        index.contains("<td data-v=\"1\" class=\"bad\">1</td>"),
        "unattributed count flagged"
    );
}

#[test]
fn review_notes_records_that_do_not_slice_back() {
    let dir = tempfile::tempdir().unwrap();
    let input = support::write_fixture_tables(dir.path());
    let tables = dir.path().join("tables");
    // Shift one mention's byte offsets: the page must not draw it, and says so.
    let mentions = read(tables.join("mentions.csv"));
    let broken = mentions.replacen(",Baku,", ",Bakuu,", 1);
    assert_ne!(broken, mentions);
    fs::write(tables.join("mentions.csv"), broken).unwrap();
    let out = dir.path().join("review");
    let r = newsner(&[
        "review",
        s(&input),
        "--tables",
        s(&tables),
        "--out",
        s(&out),
        "--quiet",
    ]);
    assert!(r.status.success());
    let page = read(out.join("articles/0/0.html"));
    assert!(page.contains("does not slice back to its text"));
    assert!(!page.contains("data-canonical=\"Baku\""));
    let index = read(out.join("index.html"));
    let errors_cell = index.rsplit("<td data-v=\"").next().unwrap();
    assert!(
        errors_cell.starts_with("1\" class=\"bad\""),
        "{errors_cell}"
    );
}

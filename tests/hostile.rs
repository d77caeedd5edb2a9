//! Issue 8: hostile and broken input. Every input article ends as exactly
//! one documents row (`ok`, or `error` naming file and line), in input
//! order; the batch goes on; the exit status says whether any failed; every
//! offset written slices the input to the mention's text.

mod util;

use util::{article, assert_code, assert_offsets, code, stderr, Dir, Row};

/// Runs `newsner extract FILE --out out` and returns (exit code, documents, mentions).
fn extract(dir: &Dir, file: &str, extra: &[&str]) -> (i32, Vec<Row>, Vec<Row>) {
    let mut args = vec!["extract", file, "--out", "out"];
    args.extend(extra);
    let out = dir.run(&args);
    assert!(
        !stderr(&out).contains("panicked"),
        "newsner panicked:\n{}",
        stderr(&out)
    );
    (
        code(&out),
        dir.table("out", "documents"),
        dir.table("out", "mentions"),
    )
}

fn statuses(docs: &[Row]) -> Vec<(String, String)> {
    docs.iter()
        .map(|d| (d["doc_id"].clone(), d["status"].clone()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn mentions_of<'a>(mentions: &'a [Row], doc: &str) -> Vec<&'a str> {
    mentions
        .iter()
        .filter(|m| m["doc_id"] == doc)
        .map(|m| m["text"].as_str())
        .collect()
}

#[test]
fn malformed_json_line_is_an_error_row_between_good_ones() {
    let dir = Dir::new();
    let body = format!(
        "{}\n{{\"id\": \"broken\", \"text\": \"Baku\n{}\n",
        article("a", "Talks in Baku."),
        article("c", "Talks in Yerevan.")
    );
    dir.write("in.jsonl", body);
    let (code, docs, mentions) = extract(&dir, "in.jsonl", &[]);
    assert_eq!(code, 1);
    assert_eq!(
        statuses(&docs),
        pairs(&[("a", "ok"), ("in.jsonl:2", "error"), ("c", "ok")])
    );
    assert!(
        docs[1]["error"].starts_with("in.jsonl:2: malformed JSON"),
        "{}",
        docs[1]["error"]
    );
    assert_eq!(mentions_of(&mentions, "a"), ["Baku"]);
    assert_eq!(mentions_of(&mentions, "c"), ["Yerevan"]);
}

macro_rules! bad_record {
    ($name:ident, $line:expr, $id:expr, $message:expr) => {
        #[test]
        fn $name() {
            let dir = Dir::new();
            let body = format!("{}\n{}\n", $line, article("good", "In Baku."));
            dir.write("in.jsonl", body);
            let (code, docs, mentions) = extract(&dir, "in.jsonl", &[]);
            assert_eq!(code, 1);
            assert_eq!(statuses(&docs), pairs(&[($id, "error"), ("good", "ok")]));
            let error = &docs[0]["error"];
            assert!(error.starts_with("in.jsonl:1: "), "{error}");
            assert!(error.contains($message), "{error}");
            assert_eq!(mentions_of(&mentions, "good"), ["Baku"]);
        }
    };
}

bad_record!(missing_text, r#"{"id": "x"}"#, "x", "missing `text`");
bad_record!(
    null_text,
    r#"{"id": "x", "text": null}"#,
    "x",
    "missing `text`"
);
bad_record!(
    numeric_text,
    r#"{"id": "x", "text": 5}"#,
    "x",
    "`text` must be a string, found a number"
);
bad_record!(
    array_text,
    r#"{"id": "x", "text": ["a"]}"#,
    "x",
    "`text` must be a string, found an array"
);
bad_record!(
    object_id,
    r#"{"id": {"a": 1}, "text": "t"}"#,
    "in.jsonl:1",
    "`id` must be a string or a number"
);
bad_record!(
    float_id,
    r#"{"id": 1.5, "text": "t"}"#,
    "in.jsonl:1",
    "`id` 1.5 is not an integer of at most 64 bits"
);
bad_record!(
    huge_id_would_be_rounded,
    r#"{"id": 123456789012345678901234567890, "text": "t"}"#,
    "in.jsonl:1",
    "give it as a string to keep it exact"
);
bad_record!(
    nesting_past_the_parser_limit,
    "[".repeat(100_000),
    "in.jsonl:1",
    "malformed JSON"
);
bad_record!(
    not_an_object,
    r#"["text", "Baku"]"#,
    "in.jsonl:1",
    "expected a JSON object"
);
bad_record!(
    bool_title,
    r#"{"id": "x", "text": "t", "title": true}"#,
    "x",
    "`title` must be a string, found a boolean"
);
bad_record!(
    truncated_line,
    r#"{"id": "x", "te"#,
    "in.jsonl:1",
    "malformed JSON"
);

#[test]
fn numeric_ids_are_written_as_given() {
    let dir = Dir::new();
    dir.write(
        "in.jsonl",
        "{\"id\": 42, \"text\": \"Baku\"}\n{\"id\": -7, \"text\": \"Baku\"}\n{\"text\": \"Baku\"}\n\
         {\"id\": 18446744073709551615, \"text\": \"Baku\"}\n",
    );
    let (code, docs, mentions) = extract(&dir, "in.jsonl", &[]);
    assert_eq!(code, 0);
    assert_eq!(
        statuses(&docs),
        pairs(&[
            ("42", "ok"),
            ("-7", "ok"),
            ("in.jsonl:3", "ok"),
            ("18446744073709551615", "ok")
        ])
    );
    assert_eq!(mentions_of(&mentions, "42"), ["Baku"]);
}

#[test]
fn invalid_utf8_in_jsonl_is_rejected_with_its_line() {
    let dir = Dir::new();
    let mut body = article("a", "Baku").into_bytes();
    body.extend(b"\n{\"id\": \"b\", \"text\": \"Ba\xffku\"}\n");
    body.extend(article("c", "Baku").as_bytes());
    dir.write("in.jsonl", body);
    let (code, docs, mentions) = extract(&dir, "in.jsonl", &[]);
    assert_eq!(code, 1);
    assert_eq!(
        statuses(&docs),
        pairs(&[("a", "ok"), ("in.jsonl:2", "error"), ("c", "ok")])
    );
    assert!(
        docs[1]["error"].contains("invalid UTF-8"),
        "{}",
        docs[1]["error"]
    );
    assert_eq!(mentions.len(), 2);
}

#[test]
fn invalid_utf8_in_csv_is_rejected_and_the_next_rows_go_on() {
    let dir = Dir::new();
    let mut body = b"id,text\na,In Baku.\nb,In Ba\xffku.\n".to_vec();
    body.extend(b"c,In Yerevan.\n");
    dir.write("in.csv", body);
    let (code, docs, mentions) = extract(&dir, "in.csv", &[]);
    assert_eq!(code, 1);
    assert_eq!(
        statuses(&docs),
        pairs(&[("a", "ok"), ("in.csv:3", "error"), ("c", "ok")])
    );
    assert!(
        docs[1]["error"].contains("invalid UTF-8 in `text`"),
        "{}",
        docs[1]["error"]
    );
    assert_eq!(mentions_of(&mentions, "c"), ["Yerevan"]);
}

#[test]
fn invalid_utf8_in_txt_is_rejected() {
    let dir = Dir::new();
    dir.write("bad.txt", b"In Ba\xffku.");
    dir.write("good.txt", "In Baku.");
    let out = dir.run(&["extract", "bad.txt", "good.txt", "--out", "out"]);
    assert_code(&out, 1);
    let docs = dir.table("out", "documents");
    assert_eq!(
        statuses(&docs),
        pairs(&[("bad.txt", "error"), ("good.txt", "ok")])
    );
    assert!(
        docs[0]["error"].contains("invalid UTF-8 at byte 5"),
        "{}",
        docs[0]["error"]
    );
}

#[test]
fn empty_files_hold_no_articles_and_write_headers() {
    let dir = Dir::new();
    dir.write("e.jsonl", "");
    dir.write("blank.jsonl", "\n  \n\r\n");
    dir.write("e.csv", "");
    dir.write("header-only.csv", "id,text\n");
    let out = dir.run(&[
        "extract",
        "e.jsonl",
        "blank.jsonl",
        "e.csv",
        "header-only.csv",
        "--out",
        "out",
    ]);
    assert_code(&out, 0);
    for table in ["mentions", "quotes", "documents", "entities"] {
        let raw = dir.raw("out", table);
        assert_eq!(raw.lines().count(), 1, "{table}: {raw}");
    }
}

#[test]
fn empty_texts_are_ok_articles_with_nothing_found() {
    let dir = Dir::new();
    dir.write("e.txt", "");
    dir.write(
        "in.jsonl",
        "{\"id\": \"e\", \"text\": \"\", \"title\": \"\"}\n",
    );
    let out = dir.run(&["extract", "in.jsonl", "e.txt", "--out", "out"]);
    assert_code(&out, 0);
    let docs = dir.table("out", "documents");
    assert_eq!(statuses(&docs), pairs(&[("e", "ok"), ("e.txt", "ok")]));
    assert!(docs
        .iter()
        .all(|d| d["chars"] == "0" && d["mentions"] == "0"));
}

#[test]
fn a_40_mb_article() {
    let dir = Dir::new();
    let filler = "The committee met again on the matter of the harbour. ";
    let mut text = filler.repeat(40_000_000 / filler.len());
    text.insert_str(0, "Baku: ");
    text.push_str("Talks ended in Yerevan.");
    let line = article("big", &text);
    assert!(line.len() > 40_000_000);
    dir.write(
        "big.jsonl",
        format!("{line}\n{}\n", article("small", "In Baku.")),
    );
    let (code, docs, mentions) = extract(&dir, "big.jsonl", &[]);
    assert_eq!(code, 0);
    assert_eq!(statuses(&docs), pairs(&[("big", "ok"), ("small", "ok")]));
    assert_eq!(docs[0]["chars"], text.chars().count().to_string());
    let big: Vec<&Row> = mentions.iter().filter(|m| m["doc_id"] == "big").collect();
    assert_eq!(big.first().unwrap()["text"], "Baku");
    assert_eq!(big.last().unwrap()["text"], "Yerevan");
    for m in big {
        assert_offsets(&text, m);
    }
}

#[test]
fn unbalanced_and_mixed_quote_marks() {
    let texts = [
        "“Baku is ready,\" said the minister in Yerevan.",
        "He said “the talks in Baku will go on and never closed it.",
        "‘Baku’ and \"Yerevan” and «Tbilisi» and „Moscow“ and 'Ankara\".",
        "\"\"\"“”“”‘’'''",
        "He said: \"",
        "”Backwards“ in Baku",
    ];
    let dir = Dir::new();
    let body: String = texts
        .iter()
        .enumerate()
        .map(|(i, t)| article(&format!("q{i}"), t) + "\n")
        .collect();
    dir.write("in.jsonl", body);
    let (code, docs, mentions) = extract(&dir, "in.jsonl", &[]);
    assert_eq!(code, 0);
    assert_eq!(docs.len(), texts.len());
    assert!(docs.iter().all(|d| d["status"] == "ok"));
    for m in &mentions {
        let i: usize = m["doc_id"][1..].parse().unwrap();
        assert_offsets(texts[i], m);
    }
    for q in dir.table("out", "quotes") {
        let i: usize = q["doc_id"][1..].parse().unwrap();
        let (s, e): (usize, usize) = (q["start"].parse().unwrap(), q["end"].parse().unwrap());
        let content: String = texts[i].chars().skip(s).take(e - s).collect();
        assert_eq!(content, q["quote"], "{q:?}");
    }
    assert!(mentions_of(&mentions, "q2").contains(&"Tbilisi"));
}

#[test]
fn zero_width_and_combining_characters_keep_offsets_exact() {
    let texts = [
        "Talks in Ba\u{200b}ku and Yerevan.",
        "Talks in Baku\u{301} and Yerevan\u{308}\u{301}.",
        "\u{feff}Baku\u{200d} \u{2060}Yerevan\u{00ad}",
        "B\u{301}a\u{301}k\u{301}u\u{301} 🙂 Yerevan",
    ];
    let dir = Dir::new();
    let body: String = texts
        .iter()
        .enumerate()
        .map(|(i, t)| article(&format!("z{i}"), t) + "\n")
        .collect();
    dir.write("in.jsonl", body);
    let (code, docs, mentions) = extract(&dir, "in.jsonl", &[]);
    assert_eq!(code, 0);
    assert!(docs.iter().all(|d| d["status"] == "ok"));
    for m in &mentions {
        let i: usize = m["doc_id"][1..].parse().unwrap();
        assert_offsets(texts[i], m);
    }
    // A combining mark stays with its letter: the mention is the whole grapheme.
    assert_eq!(
        mentions_of(&mentions, "z1"),
        ["Baku\u{301}", "Yerevan\u{308}\u{301}"]
    );
    assert_eq!(mentions_of(&mentions, "z0"), ["Ba\u{200b}ku", "Yerevan"]);
    assert_eq!(
        mentions_of(&mentions, "z3")[0],
        "B\u{301}a\u{301}k\u{301}u\u{301}"
    );
}

#[test]
fn byte_order_marks_open_every_format() {
    let dir = Dir::new();
    dir.write("a.jsonl", format!("\u{feff}{}\n", article("j", "In Baku.")));
    dir.write("b.csv", "\u{feff}id,text\nc,In Baku.\n");
    dir.write("c.txt", "\u{feff}In Baku.");
    let out = dir.run(&["extract", "a.jsonl", "b.csv", "c.txt", "--out", "out"]);
    assert_code(&out, 0);
    let docs = dir.table("out", "documents");
    assert_eq!(
        statuses(&docs),
        pairs(&[("j", "ok"), ("c", "ok"), ("c.txt", "ok")])
    );
    let mentions = dir.table("out", "mentions");
    // The .txt BOM is a signature, not text: offsets count from after it.
    for m in &mentions {
        assert_offsets("In Baku.", m);
    }
    assert_eq!(mentions.len(), 3);
}

#[test]
fn windows_line_ends_in_every_format() {
    let dir = Dir::new();
    let text = "First line.\r\nTalks in Baku.\r\nAnd Yerevan.\r\n";
    dir.write(
        "a.jsonl",
        format!("{}\r\n{}\r\n", article("j1", text), article("j2", "Baku")),
    );
    dir.write("b.csv", format!("id,text\r\nc1,\"{text}\"\r\nc2,Baku\r\n"));
    dir.write("c.txt", text);
    let out = dir.run(&["extract", "a.jsonl", "b.csv", "c.txt", "--out", "out"]);
    assert_code(&out, 0);
    let docs = dir.table("out", "documents");
    assert_eq!(
        statuses(&docs),
        pairs(&[
            ("j1", "ok"),
            ("j2", "ok"),
            ("c1", "ok"),
            ("c2", "ok"),
            ("c.txt", "ok")
        ])
    );
    let mentions = dir.table("out", "mentions");
    for m in mentions
        .iter()
        .filter(|m| m["doc_id"] != "j2" && m["doc_id"] != "c2")
    {
        assert_offsets(text, m);
    }
    for doc in ["j1", "c1", "c.txt"] {
        assert_eq!(mentions_of(&mentions, doc), ["Baku", "Yerevan"], "{doc}");
    }
}

#[test]
fn unparseable_date_is_a_warning_and_the_article_is_processed() {
    let dir = Dir::new();
    dir.write(
        "in.jsonl",
        "{\"id\": \"d\", \"date\": \"last Tuesday\", \"text\": \"In Baku.\"}\n",
    );
    let (code, docs, mentions) = extract(&dir, "in.jsonl", &[]);
    assert_eq!(code, 0);
    assert_eq!(docs[0]["status"], "ok");
    assert_eq!(docs[0]["date"], "last Tuesday");
    assert!(
        docs[0]["warnings"].contains("not an ISO 8601 date"),
        "{:?}",
        docs[0]
    );
    assert_eq!(mentions_of(&mentions, "d"), ["Baku"]);
}

#[test]
fn very_long_csv_lines() {
    let dir = Dir::new();
    let long_text = format!("{}In Baku.", "word ".repeat(2_000_000));
    let many_columns: String = (0..20_000).map(|i| format!(",c{i}")).collect();
    let many_values: String = (0..20_000).map(|i| format!(",{i}")).collect();
    dir.write(
        "in.csv",
        format!(
            "id,text{many_columns}\nlong,{long_text}{}\nwide,In Yerevan.{many_values}\n",
            ",".repeat(20_000)
        ),
    );
    let (code, docs, mentions) = extract(&dir, "in.csv", &[]);
    assert_eq!(code, 0, "{docs:?}");
    assert_eq!(statuses(&docs), pairs(&[("long", "ok"), ("wide", "ok")]));
    let long = mentions.iter().find(|m| m["doc_id"] == "long").unwrap();
    assert_offsets(&long_text, long);
    assert_eq!(mentions_of(&mentions, "wide"), ["Yerevan"]);
}

/// A quote that never closes makes the CSV reader take the rest of the
/// file as one field: that must be an error, not articles silently gone.
#[test]
fn csv_quote_that_never_closes_is_an_error_not_a_silent_merge() {
    let dir = Dir::new();
    dir.write(
        "in.csv",
        "id,text\nok,\"He said \"\"yes\"\" in Baku.\"\nbad,\"In Yerevan.\nc,In Moscow.\nd,In Ankara.\n",
    );
    let (code, docs, mentions) = extract(&dir, "in.csv", &[]);
    assert_eq!(code, 1);
    assert_eq!(
        statuses(&docs),
        pairs(&[("ok", "ok"), ("in.csv:3", "error")])
    );
    assert!(
        docs[1]["error"].contains("never closes, so lines 3-5"),
        "{}",
        docs[1]["error"]
    );
    assert_eq!(mentions_of(&mentions, "ok"), ["Baku"]);
    // A well-formed multi-line last field is fine.
    dir.write("multi.csv", "id,text\nm,\"In\nBaku.\"\n");
    let (code, docs, _) = extract(&dir, "multi.csv", &[]);
    assert_eq!(code, 0);
    assert_eq!(statuses(&docs), pairs(&[("m", "ok")]));
}

#[test]
fn csv_without_a_text_column_is_one_error_row() {
    let dir = Dir::new();
    dir.write("in.csv", "id,body\na,In Baku.\n");
    dir.write("ok.jsonl", article("j", "In Baku.") + "\n");
    let out = dir.run(&["extract", "in.csv", "ok.jsonl", "--out", "out"]);
    assert_code(&out, 1);
    let docs = dir.table("out", "documents");
    assert_eq!(statuses(&docs), pairs(&[("in.csv", "error"), ("j", "ok")]));
    assert!(
        docs[0]["error"].contains("no `text` column"),
        "{}",
        docs[0]["error"]
    );
}

#[test]
fn unreadable_input_or_dictionary_is_exit_2() {
    let dir = Dir::new();
    dir.write("ok.jsonl", article("j", "In Baku.") + "\n");
    dir.write("bad.tsv", "id\tlabel\tcanonical\talias\nx\tNOPE\tX\tX\n");
    dir.write("notes.doc", "x");
    for (args, says) in [
        (
            vec!["extract", "missing.jsonl", "--out", "out"],
            "missing.jsonl",
        ),
        (
            vec!["extract", "notes.doc", "--out", "out"],
            "unknown input kind",
        ),
        (
            vec!["extract", "ok.jsonl", "--dict", "bad.tsv", "--out", "out"],
            "bad.tsv:2",
        ),
    ] {
        let out = dir.run(&args);
        assert_code(&out, 2);
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(!dir.path("out/documents.csv").exists(), "{args:?}");
    }
}

#[test]
fn excel_safe_neutralizes_formula_cells_and_is_off_by_default() {
    let dir = Dir::new();
    dir.write(
        "in.jsonl",
        "{\"id\": \"=1+1\", \"title\": \"+cmd\", \"date\": \"-1\", \"source\": \"@src\", \"text\": \"In Baku.\"}\n",
    );
    let out = dir.run(&["extract", "in.jsonl", "--out", "plain"]);
    assert_code(&out, 0);
    let plain = dir.table("plain", "documents");
    assert_eq!(plain[0]["doc_id"], "=1+1");
    assert_eq!(plain[0]["title"], "+cmd");
    let out = dir.run(&["extract", "in.jsonl", "--out", "safe", "--excel-safe"]);
    assert_code(&out, 0);
    let safe = dir.table("safe", "documents");
    assert_eq!(safe[0]["doc_id"], "'=1+1");
    assert_eq!(safe[0]["title"], "'+cmd");
    assert_eq!(safe[0]["date"], "'-1");
    assert_eq!(safe[0]["source"], "'@src");
    assert_eq!(dir.table("safe", "mentions")[0]["doc_id"], "'=1+1");
    let help = util::newsner()
        .args(["extract", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("--excel-safe"));
}

/// The issue's "done when": one JSONL mixing every broken case with good
/// articles; no panic, every article accounted for, every good article's
/// mentions written.
#[test]
fn a_batch_mixing_every_broken_case_with_good_articles() {
    let dir = Dir::new();
    let mut body: Vec<u8> = "\u{feff}".into();
    let mut expect: Vec<(String, &str)> = Vec::new();
    let mut good = Vec::new();
    let mut line = 0;
    let mut push = |bytes: &[u8], id: Option<&str>, status: &'static str, body: &mut Vec<u8>| {
        line += 1;
        body.extend(bytes);
        body.extend(b"\r\n");
        let id = id.map_or(format!("mix.jsonl:{line}"), str::to_string);
        expect.push((id, status));
    };
    let broken: Vec<(Vec<u8>, Option<&str>)> = vec![
        (b"{\"text\": \"Baku".to_vec(), None),
        (b"{\"id\": \"nt\"}".to_vec(), Some("nt")),
        (b"{\"id\": \"num\", \"text\": 12}".to_vec(), Some("num")),
        (b"{\"id\": \"u8\", \"text\": \"Ba\xc3ku\"}".to_vec(), None),
        (b"42".to_vec(), None),
        (b"{\"id\": [1], \"text\": \"x\"}".to_vec(), None),
    ];
    let goods = [
        ("g-quotes", "“Baku is ready,\" he said in ‘Yerevan\"."),
        ("g-zw", "Ba\u{200b}ku and Yerevan\u{301}."),
        ("g-empty", ""),
        ("g-crlf", "Line one.\r\nIn Baku.\r\n"),
        ("g-emoji", "🙂🙂 Baku 🙂 Yerevan"),
    ];
    for (i, (g, text)) in goods.iter().enumerate() {
        let (bytes, id) = &broken[i % broken.len()];
        push(bytes, *id, "error", &mut body);
        push(article(g, text).as_bytes(), Some(g), "ok", &mut body);
        good.push((g.to_string(), text.to_string()));
    }
    let (bytes, id) = &broken[5];
    push(bytes, *id, "error", &mut body);
    push(
        b"{\"id\": 7, \"date\": \"soon\", \"text\": \"In Baku.\"}",
        Some("7"),
        "ok",
        &mut body,
    );
    good.push(("7".into(), "In Baku.".into()));
    dir.write("mix.jsonl", body);
    let (code, docs, mentions) = extract(&dir, "mix.jsonl", &["--threads", "2"]);
    assert_eq!(code, 1);
    let want: Vec<(String, String)> = expect
        .iter()
        .map(|(id, s)| (id.clone(), s.to_string()))
        .collect();
    assert_eq!(statuses(&docs), want);
    for d in docs.iter().filter(|d| d["status"] == "error") {
        assert!(d["error"].starts_with("mix.jsonl:"), "{d:?}");
    }
    // Every good article alone gives the same mentions as inside the mix.
    for (id, text) in &good {
        let alone = Dir::new();
        alone.write("one.jsonl", article(id, text) + "\n");
        let (_, _, want) = extract(&alone, "one.jsonl", &[]);
        let got: Vec<&Row> = mentions.iter().filter(|m| &m["doc_id"] == id).collect();
        assert_eq!(got, want.iter().collect::<Vec<_>>(), "{id}");
        for m in got {
            assert_offsets(text, m);
        }
    }
    assert!(mentions_of(&mentions, "g-crlf").contains(&"Baku"));
    // One thread or several: the same bytes.
    let out = dir.run(&["extract", "mix.jsonl", "--out", "one", "--threads", "1"]);
    assert_code(&out, 1);
    for table in ["mentions", "quotes", "documents", "entities"] {
        assert_eq!(dir.raw("one", table), dir.raw("out", table), "{table}");
    }
}

/// Tables appear whole or not at all: a run killed halfway leaves no table
/// posing as complete (nor the previous run's).
#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_complete_looking_table() {
    use std::{io::Write, process::Stdio, time::Duration};
    let dir = Dir::new();
    dir.write("one.jsonl", article("old", "In Baku.") + "\n");
    assert_code(&dir.run(&["extract", "one.jsonl", "--out", "out"]), 0);
    assert!(dir.path("out/documents.csv").exists());
    let mut child = dir
        .command(&["extract", "-", "--out", "out", "--threads", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for i in 0..2000 {
        writeln!(
            stdin,
            "{}",
            article(&format!("n{i}"), "Talks in Baku and Yerevan.")
        )
        .unwrap();
    }
    stdin.flush().unwrap();
    // Wait until the run has started writing, then kill it mid-way (stdin stays open).
    let partial = dir.path("out/.documents.csv.partial");
    for _ in 0..500 {
        if partial.exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(partial.exists(), "the run never started writing");
    std::thread::sleep(Duration::from_millis(200));
    child.kill().unwrap();
    child.wait().unwrap();
    drop(stdin);
    for table in ["mentions", "quotes", "documents", "entities"] {
        assert!(
            !dir.path(&format!("out/{table}.csv")).exists(),
            "{table}.csv exists after an interrupted run"
        );
    }
}

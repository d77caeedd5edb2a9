//! Issue 8: streaming mode (`newsner stream`: JSONL in on stdin, one JSON
//! record per article out on stdout) and `newsner merge` of its records
//! back into the very tables `extract` writes.

mod util;

use std::{
    io::{BufRead, BufReader, Write},
    process::Stdio,
    sync::mpsc,
    time::Duration,
};

use util::{assert_code, corpus, stderr, Dir};

fn records(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn one_record_per_article_in_input_order() {
    let dir = Dir::new();
    let input = corpus(60);
    let out = dir.run_with_stdin(&["stream"], Some(input.as_bytes()));
    assert_code(&out, 1); // the corpus has broken lines
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), input.lines().count());
    dir.write("in.jsonl", &input);
    assert_code(&dir.run(&["extract", "in.jsonl", "--out", "x"]), 1);
    let docs = dir.table("x", "documents");
    for (rec, doc) in recs.iter().zip(&docs) {
        let id = doc["doc_id"].replace("in.jsonl:", "<stdin>:");
        assert_eq!(rec["doc_id"], id.as_str());
        assert_eq!(rec["status"], doc["status"].as_str());
        assert_eq!(
            rec["document"]["mentions"].as_u64().unwrap().to_string(),
            doc["mentions"]
        );
        assert_eq!(
            rec["mentions"].as_array().unwrap().len().to_string(),
            doc["mentions"],
            "{id}"
        );
    }
    let bad = recs.iter().find(|r| r["status"] == "error").unwrap();
    assert!(
        bad["error"]
            .as_str()
            .unwrap()
            .starts_with("<stdin>:6: malformed JSON"),
        "{bad}"
    );
}

#[test]
fn merged_stream_records_are_the_extract_tables() {
    let dir = Dir::new();
    dir.write("in.jsonl", corpus(80));
    // Stream from a file input, so ids match extract's.
    let out = dir.run(&["stream", "in.jsonl", "--threads", "2"]);
    assert_code(&out, 1);
    dir.write("records.jsonl", &out.stdout);
    assert_code(&dir.run(&["extract", "in.jsonl", "--out", "x"]), 1);
    assert_code(&dir.run(&["merge", "records.jsonl", "--out", "m"]), 1);
    for table in ["mentions", "quotes", "documents", "entities"] {
        assert_eq!(dir.raw("m", table), dir.raw("x", table), "{table}");
    }
    // The same through stdin, in two halves (as from two Spark partitions).
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let (a, b) = lines.split_at(lines.len() / 2);
    dir.write("part-0.jsonl", a.join("\n") + "\n");
    dir.write("part-1.jsonl", b.join("\n") + "\n");
    let merged = dir.run_with_stdin(
        &["merge", "part-0.jsonl", "-", "--out", "m2"],
        Some(b.join("\n").as_bytes()),
    );
    assert_code(&merged, 1);
    assert_eq!(
        dir.raw("m2", "entities").lines().count(),
        dir.raw("x", "entities").lines().count()
    );
    assert_eq!(dir.raw("m2", "documents"), dir.raw("x", "documents"));
}

#[test]
fn batch_size_and_threads_do_not_change_the_output() {
    let dir = Dir::new();
    let input = corpus(50);
    let base = dir.run_with_stdin(&["stream", "--threads", "1"], Some(input.as_bytes()));
    for args in [
        vec!["stream", "--batch", "1"],
        vec!["stream", "--batch", "7", "--threads", "2"],
    ] {
        let out = dir.run_with_stdin(&args, Some(input.as_bytes()));
        assert_eq!(out.stdout, base.stdout, "{args:?}");
    }
}

#[test]
fn all_good_input_exits_0() {
    let dir = Dir::new();
    let input = format!(
        "{}\n\n{}\n",
        util::article("a", "In Baku."),
        util::article("b", "")
    );
    let out = dir.run_with_stdin(&["stream"], Some(input.as_bytes()));
    assert_code(&out, 0);
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["mentions"][0]["text"], "Baku");
    assert_eq!(recs[0]["mentions"][0]["entity_id"], "geonames:587084");
}

/// With `--batch 1` each record comes out as soon as its line is read: the
/// binary can serve a long-lived pipe, one article at a time.
#[test]
fn batch_1_answers_each_line_before_the_next() {
    let dir = Dir::new();
    let mut child = dir
        .command(&["stream", "--batch", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    for (i, place) in ["Baku", "Yerevan", "Tbilisi"].iter().enumerate() {
        writeln!(stdin, "{}", util::article(&format!("q{i}"), place)).unwrap();
        stdin.flush().unwrap();
        let line = rx.recv_timeout(Duration::from_secs(60)).expect("no answer");
        let rec: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(rec["doc_id"], format!("q{i}"));
        assert_eq!(rec["mentions"][0]["text"], *place);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let dir = Dir::new();
    let mut child = dir
        .command(&["stream", "--batch", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = corpus(3000);
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with('{'));
    drop(stdout); // like `| head -1`
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn merge_is_all_or_nothing() {
    let dir = Dir::new();
    dir.write("in.jsonl", corpus(10));
    let out = dir.run(&["stream", "in.jsonl"]);
    let mut text = String::from_utf8(out.stdout).unwrap();
    text.push_str("{\"doc_id\": \"x\"}\n");
    dir.write("records.jsonl", &text);
    let bad = dir.run(&["merge", "records.jsonl", "--out", "m"]);
    assert_code(&bad, 2);
    assert!(
        stderr(&bad).contains("records.jsonl:11: not a newsner stream record"),
        "{}",
        stderr(&bad)
    );
    assert!(
        std::fs::read_dir(dir.path("m")).unwrap().next().is_none(),
        "merge left files"
    );
    // Not a run's output, or the output among the inputs: refused before anything is touched.
    std::fs::create_dir(dir.path("empty")).unwrap();
    let out = dir.run(&["merge", "empty", "--out", "m"]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("not the output of a finished newsner run"));
    assert_code(&dir.run(&["extract", "in.jsonl", "--out", "x"]), 1);
    let out = dir.run(&["merge", "x", "--out", "x"]);
    assert_code(&out, 2);
    assert!(
        dir.path("x/documents.csv").exists(),
        "merge clobbered its input"
    );
    // Nor a records file that has the name of an output table.
    dir.write("r/documents.jsonl", &text);
    let out = dir.run(&[
        "merge",
        "r/documents.jsonl",
        "--out",
        "r",
        "--format",
        "jsonl",
    ]);
    assert_code(&out, 2);
    assert!(
        dir.path("r/documents.jsonl").exists(),
        "merge clobbered its input"
    );
}

#[test]
fn merge_warns_about_a_shard_merged_twice() {
    let dir = Dir::new();
    dir.write("in.jsonl", util::article("a", "In Baku.") + "\n");
    assert_code(&dir.run(&["extract", "in.jsonl", "--out", "x"]), 0);
    assert_code(
        &dir.run(&["extract", "in.jsonl", "--out", "y", "--format", "jsonl"]),
        0,
    );
    let out = dir.run(&["merge", "x", "y", "--out", "m"]);
    assert_code(&out, 0);
    assert!(
        stderr(&out).contains("repeat an id of an earlier input"),
        "{}",
        stderr(&out)
    );
    let entities = dir.table("m", "entities");
    assert_eq!(entities[0]["mentions"], "2");
    assert_eq!(entities[0]["documents"], "2");
}

#[test]
fn allow_errors_exits_0_for_spark_and_hadoop() {
    let dir = Dir::new();
    let input = corpus(20);
    let out = dir.run_with_stdin(&["stream", "--allow-errors"], Some(input.as_bytes()));
    assert_code(&out, 0);
    assert!(records(&out.stdout).iter().any(|r| r["status"] == "error"));
    assert!(
        stderr(&out).contains("failed"),
        "errors are still reported on stderr"
    );
}

/// Hadoop Streaming writes a mapper's line with no tab as `KEY<TAB>`: merge
/// takes such lines as they come.
#[test]
fn merge_reads_hadoop_streaming_output() {
    let dir = Dir::new();
    dir.write("in.jsonl", corpus(20));
    let out = dir.run(&["stream", "in.jsonl"]);
    let tabbed: String = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| format!("{l}\t\n"))
        .collect();
    assert_code(&dir.run(&["extract", "in.jsonl", "--out", "x"]), 1);
    let merged = dir.run_with_stdin(&["merge", "-", "--out", "m"], Some(tabbed.as_bytes()));
    assert_code(&merged, 1);
    assert_eq!(dir.raw("m", "mentions"), dir.raw("x", "mentions"));
    assert_eq!(dir.raw("m", "entities"), dir.raw("x", "entities"));
}

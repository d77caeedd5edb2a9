//! Issue 8: `--shard K/N` splits a corpus with no coordinator: the N
//! shards' tables, concatenated, hold exactly the single run's rows, and
//! `newsner merge` of the shards gives the single run's entities table.

mod util;

use util::{assert_code, corpus, sorted_rows, Dir};

const TABLES: [&str; 4] = ["mentions", "quotes", "documents", "entities"];

#[test]
fn shards_concatenated_equal_the_single_run() {
    let dir = Dir::new();
    dir.write("in.jsonl", corpus(300));
    // The single run (it has error rows: exit 1).
    assert_code(&dir.run(&["extract", "in.jsonl", "--out", "all"]), 1);
    let n = 3;
    for k in 1..=n {
        let out = dir.run(&[
            "extract",
            "in.jsonl",
            "--shard",
            &format!("{k}/{n}"),
            "--out",
            &format!("s{k}"),
        ]);
        assert!(matches!(util::code(&out), 0 | 1), "{}", util::stderr(&out));
    }
    for table in ["mentions", "quotes", "documents"] {
        let mut concatenated = Vec::new();
        for k in 1..=n {
            let rows = sorted_rows(&dir.raw(&format!("s{k}"), table));
            if table == "documents" {
                assert!(
                    rows.len() > 50,
                    "shard {k} has only {} articles",
                    rows.len()
                );
            }
            concatenated.extend(rows);
        }
        concatenated.sort();
        assert_eq!(concatenated, sorted_rows(&dir.raw("all", table)), "{table}");
    }
    // Each shard keeps input order: its documents are a subsequence of the single run's.
    let all: Vec<String> = dir
        .table("all", "documents")
        .into_iter()
        .map(|d| d["doc_id"].clone())
        .collect();
    for k in 1..=n {
        let mut rest = all.iter();
        for d in dir.table(&format!("s{k}"), "documents") {
            assert!(
                rest.any(|id| *id == d["doc_id"]),
                "shard {k} out of order at {}",
                d["doc_id"]
            );
        }
    }
    // Merging the shards gives the single run's entities table, byte for byte.
    let out = dir.run(&["merge", "s1", "s2", "s3", "--out", "merged"]);
    assert_code(&out, 1); // the corpus has error rows, and merge says so
    assert_eq!(dir.raw("merged", "entities"), dir.raw("all", "entities"));
    for table in ["mentions", "quotes", "documents"] {
        assert_eq!(
            sorted_rows(&dir.raw("merged", table)),
            sorted_rows(&dir.raw("all", table)),
            "{table}"
        );
    }
}

#[test]
fn one_shard_of_one_is_the_whole_run() {
    let dir = Dir::new();
    dir.write("in.jsonl", corpus(40));
    assert_code(&dir.run(&["extract", "in.jsonl", "--out", "all"]), 1);
    assert_code(
        &dir.run(&["extract", "in.jsonl", "--shard", "1/1", "--out", "one"]),
        1,
    );
    for table in TABLES {
        assert_eq!(dir.raw("one", table), dir.raw("all", table), "{table}");
    }
}

#[test]
fn shard_assignment_is_fnv1a_of_the_id() {
    // Pinned: these ids must land in these shards on every platform and in
    // every version, or machines running different builds would disagree.
    let dir = Dir::new();
    let ids = ["a", "doc-1", "doc-2", "Bakı", "in.jsonl:7"];
    let body: String = ids.iter().map(|id| util::article(id, "x") + "\n").collect();
    dir.write("in.jsonl", body);
    let mut got = Vec::new();
    for k in 1..=4 {
        let out = format!("s{k}");
        assert_code(
            &dir.run(&[
                "extract",
                "in.jsonl",
                "--shard",
                &format!("{k}/4"),
                "--out",
                &out,
            ]),
            0,
        );
        for d in dir.table(&out, "documents") {
            got.push((d["doc_id"].clone(), k));
        }
    }
    got.sort();
    let mut want: Vec<(String, u64)> = ids
        .iter()
        .map(|id| {
            (
                id.to_string(),
                newsner::shard::fnv1a64(id.as_bytes()) % 4 + 1,
            )
        })
        .collect();
    want.sort();
    assert_eq!(got, want);
    // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c, which is 0 mod 4: shard 1.
    assert!(got.contains(&("a".to_string(), 1)));
}

#[test]
fn bad_shard_specs_are_usage_errors() {
    let dir = Dir::new();
    dir.write("in.jsonl", util::article("a", "x") + "\n");
    for spec in ["0/3", "4/3", "1/0", "two/3", "3"] {
        let out = dir.run(&["extract", "in.jsonl", "--shard", spec, "--out", "o"]);
        assert_code(&out, 2);
        assert!(
            util::stderr(&out).contains("K/N"),
            "{spec}: {}",
            util::stderr(&out)
        );
    }
}

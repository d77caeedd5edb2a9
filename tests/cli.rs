//! Integration tests over the built `newsner` binary: the sample corpus
//! against golden tables, offsets that slice back to the input, identical
//! output for one and two threads, and a batch that survives a broken line.
//!
//! Set `NEWSNER_BLESS=1` to rewrite the golden files after an intended change.

use std::{
    collections::HashMap,
    fs,
    path::{Path, PathBuf},
    process::{Command, Output},
};

use serde_json::Value;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared gold-data folder, when present.
fn data_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("NEWSNER_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest().join("../shared/data"));
    dir.is_dir().then_some(dir)
}

fn newsner(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsner"))
        .args(args)
        .output()
        .expect("run newsner")
}

fn extract(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<String> = vec!["extract".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["--out".into(), out.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    newsner(&args)
}

/// Reads a CSV table into header-keyed rows.
fn table(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .map(String::from)
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// Articles of a JSONL file by id: (title, text).
fn articles(path: &Path) -> HashMap<String, (String, String)> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
            let id = match &v["id"] {
                Value::Number(n) => n.to_string(),
                other => other.as_str().unwrap().to_string(),
            };
            (id, (s("title"), s("text")))
        })
        .collect()
}

/// Asserts that every mention slices back to its text by chars and by bytes.
fn assert_offsets_slice_back(
    mentions: &[HashMap<String, String>],
    arts: &HashMap<String, (String, String)>,
) {
    assert!(!mentions.is_empty());
    for m in mentions {
        let (title, text) = &arts[&m["doc_id"]];
        let field = if m["field"] == "title" { title } else { text };
        let n = |k: &str| m[k].parse::<usize>().unwrap();
        let by_bytes = &field[n("byte_start")..n("byte_end")];
        let by_chars: String = field
            .chars()
            .skip(n("start"))
            .take(n("end") - n("start"))
            .collect();
        assert_eq!(by_bytes, m["text"], "byte offsets of {m:?}");
        assert_eq!(by_chars, m["text"], "char offsets of {m:?}");
    }
}

#[test]
fn sample_corpus_matches_golden_tables() {
    let dir = tempfile::tempdir().unwrap();
    let out = extract(
        &[&manifest().join("corpus")],
        dir.path(),
        &["--threads", "2"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bless = std::env::var_os("NEWSNER_BLESS").is_some();
    for name in [
        "mentions.csv",
        "quotes.csv",
        "documents.csv",
        "entities.csv",
    ] {
        let got = fs::read_to_string(dir.path().join(name)).unwrap();
        let golden = manifest().join("tests/golden").join(name);
        if bless {
            fs::write(&golden, &got).unwrap();
            continue;
        }
        let want = fs::read_to_string(&golden).unwrap_or_default();
        assert!(
            got == want,
            "{name} differs from {} (rerun with NEWSNER_BLESS=1 if intended)\n--- got ---\n{got}",
            golden.display()
        );
    }
}

#[test]
fn seed_places_come_out_with_exact_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let seed = manifest().join("corpus/seed.jsonl");
    let out = extract(&[&seed], dir.path(), &[]);
    assert!(out.status.success());
    let mentions = table(&dir.path().join("mentions.csv"));
    assert_offsets_slice_back(&mentions, &articles(&seed));
    let places: Vec<&str> = mentions
        .iter()
        .filter(|m| m["label"] == "PLACE" && m["field"] == "text")
        .map(|m| m["text"].as_str())
        .collect();
    for want in [
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
    ] {
        assert!(places.contains(&want), "{want} missing from {places:?}");
    }
    // "Azerbaijan State Oil Company" is one organisation, never the place inside it.
    let text = &articles(&seed)["seed-79ac610076812912"].1;
    let company = text.find("Azerbaijan State Oil Company").unwrap();
    assert!(!mentions.iter().any(|m| m["field"] == "text"
        && m["label"] == "PLACE"
        && m["byte_start"].parse::<usize>().unwrap() == company));
}

#[test]
fn broken_line_between_good_ones_is_one_error_row() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    fs::write(
        &input,
        "{\"id\":\"a\",\"text\":\"Talks in Baku.\"}\n{\"id\":\"b\",\"text\": broken\n{\"id\":\"c\",\"text\":\"Talks in Yerevan.\"}\n",
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let out = extract(&[&input], &out_dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("in.jsonl:2: malformed JSON"), "{stderr}");
    let docs = table(&out_dir.join("documents.csv"));
    let status: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| (d["doc_id"].as_str(), d["status"].as_str()))
        .collect();
    assert_eq!(status[0], ("a", "ok"));
    assert!(status[1].0.ends_with("in.jsonl:2") && status[1].1 == "error");
    assert_eq!(status[2], ("c", "ok"));
    let mentions = table(&out_dir.join("mentions.csv"));
    let found: Vec<(&str, &str)> = mentions
        .iter()
        .map(|m| (m["doc_id"].as_str(), m["text"].as_str()))
        .collect();
    assert_eq!(found, [("a", "Baku"), ("c", "Yerevan")]);
}

#[test]
fn missing_input_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = extract(&[Path::new("no/such/file.jsonl")], dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.jsonl"));
}

#[test]
fn bad_dictionary_exits_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("mine.tsv");
    fs::write(
        &dict,
        "id\tlabel\tcanonical\talias\nx\tPLACE\tA\tA\ny\tCITY\tB\tB\n",
    )
    .unwrap();
    let seed = manifest().join("corpus/seed.jsonl");
    let out = extract(
        &[&seed],
        &dir.path().join("o"),
        &["--dict", dict.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("mine.tsv:3: unknown label"), "{stderr}");
}

#[test]
fn user_dictionary_alone_with_no_default_dict() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("mine.tsv");
    fs::write(
        &dict,
        "id\tlabel\tcanonical\talias\nlocal:eyv\tPERSON\tAnar Eyvazov\tEyvazov\n",
    )
    .unwrap();
    let seed = manifest().join("corpus/seed.jsonl");
    let out_dir = dir.path().join("o");
    let out = extract(
        &[&seed],
        &out_dir,
        &["--no-default-dict", "--dict", dict.to_str().unwrap()],
    );
    assert!(out.status.success());
    let mentions = table(&out_dir.join("mentions.csv"));
    // Only the user's entries are dictionary hits: none of the shipped places.
    let from_dict: Vec<_> = mentions
        .iter()
        .filter(|m| m["method"] == "dictionary")
        .collect();
    assert!(!from_dict.is_empty());
    assert!(
        from_dict.iter().all(|m| m["entity_id"] == "local:eyv"),
        "{from_dict:?}"
    );
    assert!(!mentions.iter().any(|m| m["text"] == "Baku"));
    // Every id comes from the user's dictionary (the context rules still
    // find names without ids); every Eyvazov, full or alone, is its entry.
    assert!(mentions
        .iter()
        .filter(|m| m["label"] != "DATE" && !m["entity_id"].is_empty())
        .all(|m| m["entity_id"] == "local:eyv"));
    let eyvazov: Vec<_> = mentions
        .iter()
        .filter(|m| m["text"].contains("Eyvazov"))
        .collect();
    assert_eq!(eyvazov.len(), 3);
    assert!(eyvazov
        .iter()
        .all(|m| m["entity_id"] == "local:eyv" && m["canonical"] == "Anar Eyvazov"));
}

#[test]
fn empty_input_still_writes_headers() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("empty.jsonl");
    fs::write(&input, "").unwrap();
    let out_dir = dir.path().join("o");
    assert!(extract(&[&input], &out_dir, &[]).status.success());
    let header = fs::read_to_string(out_dir.join("quotes.csv")).unwrap();
    assert!(header.starts_with("doc_id,quote,start,end,speaker"));
}

#[test]
fn jsonl_format_writes_the_same_records() {
    let dir = tempfile::tempdir().unwrap();
    let seed = manifest().join("corpus/seed.jsonl");
    assert!(extract(&[&seed], &dir.path().join("c"), &[])
        .status
        .success());
    assert!(
        extract(&[&seed], &dir.path().join("j"), &["--format", "jsonl"])
            .status
            .success()
    );
    let csv_rows = table(&dir.path().join("c/mentions.csv"));
    let json_rows: Vec<Value> = fs::read_to_string(dir.path().join("j/mentions.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(csv_rows.len(), json_rows.len());
    for (c, j) in csv_rows.iter().zip(&json_rows) {
        assert_eq!(c["text"], j["text"].as_str().unwrap());
        assert_eq!(c["start"], j["start"].to_string());
    }
}

/// The first 3,000 articles of the shared news corpus plus the seed: one
/// documents row per article, offsets that slice back, and identical
/// output for one and two threads. Skips when the shared data is absent.
#[test]
fn news_3000_threads_agree_and_offsets_slice_back() {
    let Some(data) = data_dir() else {
        eprintln!("skipped: shared data folder not found (set NEWSNER_DATA)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news3000.jsonl");
    let news = fs::read_to_string(data.join("news/news.jsonl")).unwrap();
    let mut body: String = news.lines().take(3000).flat_map(|l| [l, "\n"]).collect();
    body.push_str(&fs::read_to_string(manifest().join("corpus/seed.jsonl")).unwrap());
    fs::write(&input, body).unwrap();
    let one = dir.path().join("t1");
    let two = dir.path().join("t2");
    assert!(extract(&[&input], &one, &["--threads", "1"])
        .status
        .success());
    assert!(extract(&[&input], &two, &["--threads", "2"])
        .status
        .success());
    for name in [
        "mentions.csv",
        "quotes.csv",
        "documents.csv",
        "entities.csv",
    ] {
        assert!(
            fs::read(one.join(name)).unwrap() == fs::read(two.join(name)).unwrap(),
            "{name} differs between 1 and 2 threads"
        );
    }
    let arts = articles(&input);
    assert_eq!(table(&one.join("documents.csv")).len(), 3001);
    assert_offsets_slice_back(&table(&one.join("mentions.csv")), &arts);
}

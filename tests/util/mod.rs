//! Shared helpers for the integration tests: run the built `newsner` binary
//! in a temporary directory and read its tables back by column name.
#![allow(dead_code)]

use std::{
    collections::HashMap,
    fs,
    io::Write,
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
};

/// The dictionary every test run uses instead of the shipped ones (which
/// grow and change): a few places, each with an id.
pub const PLACES: &str = "id\tlabel\tcanonical\talias\n\
geonames:587084\tPLACE\tBaku\tBaku\n\
geonames:616052\tPLACE\tYerevan\tYerevan\n\
geonames:611717\tPLACE\tTbilisi\tTbilisi\n\
geonames:524901\tPLACE\tMoscow\tMoscow\n\
geonames:323786\tPLACE\tAnkara\tAnkara\n\
geonames:2747891\tPLACE\tRotterdam\tRotterdam\n\
iso3166:AZ\tPLACE\tAzerbaijan\tAzerbaijan\n\
iso3166:NL\tPLACE\tNetherlands\tNetherlands\n";

/// Flags that make `extract` and `stream` use [`PLACES`] only.
pub const DICT: [&str; 3] = ["--no-default-dict", "--dict", "places.tsv"];

/// A temporary working directory for one test, holding `places.tsv`.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

/// One CSV row, by column name.
pub type Row = HashMap<String, String>;

impl Dir {
    pub fn new() -> Dir {
        let dir = Dir {
            tmp: tempfile::tempdir().expect("tempdir"),
        };
        dir.write("places.tsv", PLACES);
        dir
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Writes a file (bytes as given) and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, bytes).unwrap();
        path
    }

    /// Runs `newsner ARGS...` in this directory.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with_stdin(args, None)
    }

    /// Runs `newsner ARGS...` with `stdin` piped in; `extract` and `stream`
    /// get [`DICT`] appended.
    pub fn run_with_stdin(&self, args: &[&str], stdin: Option<&[u8]>) -> Output {
        let mut child = self
            .command(args)
            .current_dir(self.tmp.path())
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run newsner");
        if let Some(bytes) = stdin {
            let mut pipe = child.stdin.take().unwrap();
            let bytes = bytes.to_vec();
            // Write from a thread so a large input cannot deadlock against stdout.
            std::thread::spawn(move || {
                let _ = pipe.write_all(&bytes);
            });
        }
        child.wait_with_output().expect("wait for newsner")
    }

    /// Reads `DIR/TABLE.csv` into rows by column name.
    pub fn table(&self, dir: &str, table: &str) -> Vec<Row> {
        read_csv(&self.path(dir).join(format!("{table}.csv")))
    }

    /// The raw bytes of a table.
    pub fn raw(&self, dir: &str, table: &str) -> String {
        fs::read_to_string(self.path(dir).join(format!("{table}.csv"))).unwrap()
    }
}

impl Dir {
    /// `newsner ARGS...` in this directory; `extract` and `stream` get
    /// [`DICT`] appended.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = newsner();
        cmd.args(args).current_dir(self.tmp.path());
        if matches!(args.first(), Some(&"extract" | &"stream")) {
            cmd.args(DICT);
        }
        cmd
    }
}

/// A command for the built binary.
pub fn newsner() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsner"))
}

pub fn read_csv(path: &Path) -> Vec<Row> {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The exit code, with stderr shown when it is not what a test expects.
pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exit code")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts the exit code, printing stderr on failure.
#[track_caller]
pub fn assert_code(out: &Output, want: i32) {
    assert_eq!(code(out), want, "stderr:\n{}", stderr(out));
}

/// A JSON line for an article.
pub fn article(id: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "text": text }).to_string()
}

/// Checks that a mention row's offsets slice its field to its text, in
/// characters and in bytes.
#[track_caller]
pub fn assert_offsets(field_text: &str, row: &Row) {
    let n = |k: &str| row[k].parse::<usize>().unwrap();
    let (bs, be) = (n("byte_start"), n("byte_end"));
    assert_eq!(&field_text[bs..be], row["text"], "bytes of {row:?}");
    let by_chars: String = field_text
        .chars()
        .skip(n("start"))
        .take(n("end") - n("start"))
        .collect();
    assert_eq!(by_chars, row["text"], "chars of {row:?}");
}

/// A corpus of `n` JSONL lines exercising ids given and defaulted, quotes,
/// every place in [`PLACES`] and, every 17th line, a broken record.
pub fn corpus(n: usize) -> String {
    let places = [
        "Baku",
        "Yerevan",
        "Tbilisi",
        "Moscow",
        "Ankara",
        "Rotterdam",
    ];
    let mut out = String::new();
    for i in 0..n {
        let a = places[i % places.len()];
        let b = places[(i * 7 + 3) % places.len()];
        let text = format!(
            "Officials in {a} met their peers from {b} on Monday.\n\n\
             “We will meet again in {b},” said the minister, adding that {a} was ready."
        );
        let line = match i % 17 {
            5 => format!("{{\"id\": \"broken-{i}\", \"text\": "),
            11 => {
                serde_json::json!({ "text": text, "title": format!("News from {a}") }).to_string()
            }
            13 => serde_json::json!({ "id": i, "text": text, "date": "2024-03-15" }).to_string(),
            _ => serde_json::json!({ "id": format!("doc-{i}"), "text": text }).to_string(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The data lines of a CSV table, sorted (a multiset to compare).
pub fn sorted_rows(raw: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(raw.as_bytes());
    let mut rows: Vec<String> = reader
        .records()
        .map(|r| r.unwrap().iter().collect::<Vec<_>>().join("\u{1f}"))
        .collect();
    rows.sort();
    rows
}

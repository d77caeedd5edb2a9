//! Embeds every `dictionaries/*.tsv` file into the binary, so the installed
//! tool works from any directory: writes `$OUT_DIR/default_dictionaries.rs`
//! with one `(name, contents)` pair per file, sorted by name. Does the same
//! for the rule lexicons under `dictionaries/lexicons/` into
//! `$OUT_DIR/default_lexicons.rs`, and stops the build with a clear message
//! when a lexicon the rules need is missing.
//!
//! Also compiles every date rule's pattern (`src/dates/grammar.rs`, read
//! here as it is) into a forward and a reverse dense DFA, serialized into
//! `$OUT_DIR/date_dfas.bin` with their places in `$OUT_DIR/date_dfas.rs`:
//! the library reads them in place, with no compiling at startup and no
//! lazy DFA to warm up on each thread.
//!
//! And builds the gazetteer's tables for the shipped dictionaries (parsed,
//! folded and indexed by the library's own code, `src/gazetteer/table.rs`
//! and the modules it needs, read here as they are) into
//! `$OUT_DIR/default_gazetteer.bin`, which the library embeds and reads in
//! place at startup instead of parsing the dictionaries and building a
//! matcher on every run.

use std::{
    env, fs,
    path::{Path, PathBuf},
};

use regex_automata::{
    dfa::{dense, regex::Regex, StartKind},
    nfa::thompson::{self, WhichCaptures},
    util::syntax,
    MatchKind,
};

/// The date rules as data, the same file the library compiles.
#[allow(dead_code)]
#[path = "src/dates/grammar.rs"]
mod grammar;

// The library's dictionary code, compiled into this script to build the
// shipped dictionaries' tables exactly as a run would.
#[allow(dead_code)]
#[path = "src/gazetteer/first_runs.rs"]
mod first_runs;
#[allow(dead_code)]
#[path = "src/gazetteer/load.rs"]
mod load;
#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;
#[allow(dead_code)]
#[path = "src/span.rs"]
mod span;
#[allow(dead_code)]
#[path = "src/swar.rs"]
mod swar;
#[allow(dead_code)]
#[path = "src/gazetteer/table.rs"]
mod table;

/// Lexicons the context rules cannot work without.
const REQUIRED_LEXICONS: &[&str] = &[
    "first_names.tsv",
    "hazards.tsv",
    "org_suffixes.tsv",
    "roles.tsv",
    "speech_verbs.tsv",
];

fn tsv_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn embed(files: &[PathBuf], prefix: &str, out_name: &str) {
    let mut out = String::from("&[\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            format!("{prefix}{name}"),
            path.display().to_string()
        ));
    }
    out.push_str("]\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join(out_name);
    fs::write(dest, out).unwrap();
}

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("dictionaries");
    println!("cargo:rerun-if-changed={}", dir.display());
    embed(&tsv_files(&dir), "dictionaries/", "default_dictionaries.rs");
    compile_default_gazetteer(&tsv_files(&dir));

    let lex_dir = dir.join("lexicons");
    println!("cargo:rerun-if-changed={}", lex_dir.display());
    let lexicons = tsv_files(&lex_dir);
    let missing: Vec<&str> = REQUIRED_LEXICONS
        .iter()
        .copied()
        .filter(|name| {
            !lexicons
                .iter()
                .any(|p| p.file_name().is_some_and(|f| f == *name))
        })
        .collect();
    if !missing.is_empty() {
        panic!(
            "newsner needs the rule lexicons {} in {} (TSV, a header row, the word in the first column); \
             they come with the project's dictionaries",
            missing.join(", "),
            lex_dir.display()
        );
    }
    embed(&lexicons, "dictionaries/lexicons/", "default_lexicons.rs");
    compile_date_rules();
}

/// Builds the matcher tables of the shipped dictionaries, in the order and
/// under the names [`embed`] gives them, into `$OUT_DIR/default_gazetteer.bin`.
/// A dictionary that does not parse stops the build with its file and line.
fn compile_default_gazetteer(files: &[PathBuf]) {
    for source in [
        "src/span.rs",
        "src/normalize.rs",
        "src/gazetteer/load.rs",
        "src/gazetteer/first_runs.rs",
        "src/gazetteer/table.rs",
    ] {
        println!("cargo:rerun-if-changed={source}");
    }
    let mut entries = Vec::new();
    for path in files {
        let name = format!(
            "dictionaries/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let contents = fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        entries.extend(load::parse_tsv(&name, &contents).unwrap_or_else(|e| panic!("{e}")));
    }
    let tables = table::Tables::build(entries, table::IndexKind::Trie)
        .unwrap_or_else(|e| panic!("the shipped dictionaries: {}", e.message));
    let mut bytes = Vec::new();
    tables.write_to(&mut bytes);
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    fs::write(out.join("default_gazetteer.bin"), bytes).unwrap();
}

/// Compiles each date rule into its two dense DFAs, as `regex` would run
/// the pattern: leftmost-first forward, no capture groups, no prefilter,
/// and only an unanchored start (the library never searches anchored
/// forward: without the states that only an anchored search reaches, the
/// forward DFAs take less than half the bytes); the reverse DFA (for the
/// start of a match) as `dfa::regex::Builder` makes it. Writes them one after the other, each on a multiple of 8
/// bytes, in the target's byte order, and their places as a Rust array.
fn compile_date_rules() {
    println!("cargo:rerun-if-changed=src/dates/grammar.rs");
    let big_endian = env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    let serialize = |dfa: &dense::DFA<Vec<u32>>| {
        let (bytes, pad) = if big_endian {
            dfa.to_bytes_big_endian()
        } else {
            dfa.to_bytes_little_endian()
        };
        bytes[pad..].to_vec()
    };
    let mut blob: Vec<u8> = Vec::new();
    let mut spans = String::from("[\n");
    for spec in grammar::RULE_SPECS {
        let re = compile(&grammar::expand(spec.pattern))
            .unwrap_or_else(|e| panic!("date pattern {:?} does not compile: {e}", spec.kind));
        let mut place = |bytes: Vec<u8>| {
            let start = blob.len();
            blob.extend_from_slice(&bytes);
            let end = blob.len();
            blob.resize(end.next_multiple_of(8), 0);
            (start, end)
        };
        let (fwd_start, fwd_end) = place(serialize(re.forward()));
        let (rev_start, rev_end) = place(serialize(re.reverse()));
        spans.push_str(&format!(
            "    [{fwd_start}, {fwd_end}, {rev_start}, {rev_end}],\n"
        ));
    }
    spans.push_str("]\n");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    fs::write(out.join("date_dfas.bin"), blob).unwrap();
    fs::write(out.join("date_dfas.rs"), spans).unwrap();
}

/// One rule's pattern as a regex of two dense DFAs.
fn compile(pattern: &str) -> Result<Regex, String> {
    Regex::builder()
        .syntax(syntax::Config::new().utf8(true))
        .thompson(
            thompson::Config::new()
                .nfa_size_limit(Some(10 << 20))
                .which_captures(WhichCaptures::None),
        )
        .dense(
            dense::Config::new()
                .start_kind(StartKind::Unanchored)
                .match_kind(MatchKind::LeftmostFirst)
                .minimize(true),
        )
        .build(pattern)
        .map_err(|e| e.to_string())
}

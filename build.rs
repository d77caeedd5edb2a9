//! Embeds every `dictionaries/*.tsv` file into the binary, so the installed
//! tool works from any directory: writes `$OUT_DIR/default_dictionaries.rs`
//! with one `(name, contents)` pair per file, sorted by name. Does the same
//! for the rule lexicons under `dictionaries/lexicons/` into
//! `$OUT_DIR/default_lexicons.rs`, and stops the build with a clear message
//! when a lexicon the rules need is missing.

use std::{
    env, fs,
    path::{Path, PathBuf},
};

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
}

//! The profile-guided build's rustc wrapper (`pgo/rustc-wrapper`): which
//! compilations get the profile, run against a stand-in rustc that prints
//! the arguments it was given.
#![cfg(unix)]

use std::{
    fs,
    os::unix::fs::PermissionsExt,
    path::{Path, PathBuf},
    process::Command,
};

const COMMIT: &str = "0123456789abcdef0123456789abcdef01234567";

/// A copy of the wrapper beside a profile and a commit file of its own,
/// and a stand-in rustc that reports `commit` as its own.
struct Setup {
    _dir: tempfile::TempDir,
    wrapper: PathBuf,
    rustc: PathBuf,
    profile: PathBuf,
}

fn setup(commit: &str) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let pgo = dir.path().join("pgo");
    fs::create_dir(&pgo).unwrap();
    let wrapper = pgo.join("rustc-wrapper");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("pgo/rustc-wrapper"),
        &wrapper,
    )
    .unwrap();
    fs::write(pgo.join("rustc-commit"), format!("{COMMIT}\n")).unwrap();
    let profile = pgo.join("newsner.profdata");
    fs::write(&profile, b"counts").unwrap();
    let rustc = dir.path().join("rustc");
    fs::write(
        &rustc,
        format!(
            "#!/usr/bin/env bash\n\
             if [ \"$1\" = -vV ]; then echo 'rustc 9.9.9'; echo 'commit-hash: {commit}'; exit; fi\n\
             printf '%s\\n' \"$@\"\n"
        ),
    )
    .unwrap();
    fs::set_permissions(&rustc, fs::Permissions::from_mode(0o755)).unwrap();
    Setup {
        _dir: dir,
        wrapper,
        rustc,
        profile,
    }
}

/// The arguments the stand-in rustc got when the wrapper was given `args`.
fn passed(setup: &Setup, args: &[&str]) -> Vec<String> {
    let out = Command::new("bash")
        .arg(&setup.wrapper)
        .arg(&setup.rustc)
        .args(args)
        .output()
        .expect("bash runs the wrapper");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn owned(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

const RELEASE_NEWSNER: [&str; 5] = ["--crate-name", "newsner", "src/lib.rs", "-C", "opt-level=3"];

#[test]
fn an_optimized_build_gets_the_profile_and_newsner_the_cfg() {
    let s = setup(COMMIT);
    let mut expected = owned(&RELEASE_NEWSNER);
    expected.extend([
        format!("-Cprofile-use={}", s.profile.display()),
        "-Cllvm-args=-no-pgo-warn-mismatch".to_string(),
        "--cfg".to_string(),
        "newsner_pgo".to_string(),
    ]);
    assert_eq!(passed(&s, &RELEASE_NEWSNER), expected);
}

#[test]
fn another_crate_gets_the_profile_without_the_cfg() {
    let s = setup(COMMIT);
    let args = ["--crate-name", "regex_automata", "-Copt-level=3", "lib.rs"];
    let got = passed(&s, &args);
    assert_eq!(got[..4], owned(&args)[..]);
    assert_eq!(got[4], format!("-Cprofile-use={}", s.profile.display()));
    assert!(!got.iter().any(|a| a == "newsner_pgo"), "{got:?}");
}

#[test]
fn the_benchmarks_baseline_builds_plain() {
    let s = setup(COMMIT);
    for crate_name in ["e2e", "aho_corasick", "memchr", "serde", "serde_json"] {
        let args = ["--crate-name", crate_name, "-C", "opt-level=3", "lib.rs"];
        assert_eq!(passed(&s, &args), owned(&args), "{crate_name}");
    }
}

#[test]
fn other_builds_run_rustc_unchanged() {
    let s = setup(COMMIT);
    for args in [
        // A debug or test build, a check, and cargo's probes.
        &["--crate-name", "newsner", "src/lib.rs", "-C", "opt-level=2"][..],
        &["--crate-name", "newsner", "src/lib.rs"][..],
        &["-", "--crate-name", "___", "--print=file-names"][..],
    ] {
        assert_eq!(passed(&s, args), owned(args), "{args:?}");
    }
}

#[test]
fn a_build_with_profile_flags_of_its_own_is_left_alone() {
    let s = setup(COMMIT);
    for flag in [
        &["-Cprofile-generate=/tmp/counts"][..],
        &["-C", "profile-generate=/tmp/counts"][..],
        &["-Cprofile-use=/tmp/own.profdata"][..],
    ] {
        let mut args = RELEASE_NEWSNER.to_vec();
        args.extend_from_slice(flag);
        assert_eq!(passed(&s, &args), owned(&args), "{flag:?}");
    }
}

#[test]
fn a_path_that_names_a_profile_flag_does_not_turn_the_profile_off() {
    let s = setup(COMMIT);
    let args = [
        "--crate-name",
        "newsner",
        "/home/profile-user/newsner/src/lib.rs",
        "-C",
        "opt-level=3",
    ];
    let got = passed(&s, &args);
    assert!(
        got.iter().any(|a| a.starts_with("-Cprofile-use=")),
        "{got:?}"
    );
}

#[test]
fn another_rustc_builds_plain() {
    let s = setup("ffffffffffffffffffffffffffffffffffffffff");
    assert_eq!(passed(&s, &RELEASE_NEWSNER), owned(&RELEASE_NEWSNER));
}

#[test]
fn the_committed_profile_is_an_indexed_llvm_profile_for_a_named_rustc() {
    let pgo = Path::new(env!("CARGO_MANIFEST_DIR")).join("pgo");
    let profile = fs::read(pgo.join("newsner.profdata")).unwrap();
    // The magic number of LLVM's indexed profile format, little-endian.
    assert_eq!(profile[..8], 0x8169_666f_7270_6cffu64.to_le_bytes());
    let commit = fs::read_to_string(pgo.join("rustc-commit")).unwrap();
    let commit = commit.trim();
    assert!(
        commit.len() == 40 && commit.bytes().all(|b| b.is_ascii_hexdigit()),
        "{commit:?}"
    );
}

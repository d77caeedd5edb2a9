//! End-to-end benchmark: newsner against the bare matcher it is built on.
//!
//! `cargo bench --bench e2e` (options after `--`, see `--help`) generates
//! ~100 MB of news (the shared news sample repeated with fresh ids) in a
//! temporary directory, then runs, each in a child process of this same
//! binary so that its time and peak RSS are its own:
//!
//! - the bare baseline: serde_json reads the same JSONL, one aho-corasick
//!   automaton of the same alias list (leftmost-longest, contiguous NFA,
//!   ASCII case-insensitive) scans title and text, matches are counted;
//! - the same baseline twice side by side (the most two threads can gain on
//!   this machine);
//! - `newsner` end to end (library: `Corpus`, `Extractor`, `pipeline::run`,
//!   `TableSink` writing all four CSV tables) with 1 and 2 threads, on 1x and
//!   4x the corpus;
//! - a synthetic 1,000,000-alias user dictionary: cold compile, warm load
//!   from its on-disk cache, and a scan.
//!
//! It checks its own answers (rows per table against an in-process count,
//! byte-identical tables for 1 and 2 threads, counts that scale with the
//! number of copies) and exits 1 when one is wrong, so a fast wrong answer
//! fails. Targets that are missed are reported as MISS (exit 1 with
//! `--strict`).

use std::{
    collections::HashMap,
    env,
    fs::{self, File},
    io::{BufRead, BufReader, BufWriter, Read, Write},
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::Instant,
};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use newsner::{
    gazetteer,
    normalize::Normalized,
    pipeline::{self, RunOptions},
    rules::FieldContext,
    sink::{CellPolicy, Format, TableSink},
    Corpus, Extractor,
};
use serde::Deserialize;
use serde_json::{json, Value};

const HELP: &str = "\
usage: cargo bench --bench e2e [-- OPTIONS]

  --news PATH     news JSONL to repeat (default: $NEWSNER_BENCH_NEWS or
                  ../shared/data/news/news.jsonl next to the package)
  --mb N          size of the 1x corpus in MB of JSONL (default 100)
  --runs N        timed repetitions of each measurement, best kept (default 2)
  --aliases N     aliases in the synthetic user dictionary (default 1000000; 0 skips)
  --skip-4x       skip the 4x-corpus memory run
  --skip-stages   skip the per-stage CPU breakdown
  --strict        exit 1 when a target is missed, not only when a check fails
  --keep DIR      generate into DIR and keep it (default: a temporary directory)
";

/// The allocator of the `newsner` binary, for the baseline and newsner alike.
#[global_allocator]
static GLOBAL: newsner::alloc::MiMalloc = newsner::alloc::MiMalloc;

fn main() {
    let args: Vec<String> = env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("--child") {
        let report = child(&args[1..]);
        println!("{report}");
        return;
    }
    std::process::exit(orchestrate(&args));
}

// ---------------------------------------------------------------------------
// Children: each measures itself and prints one JSON line.

/// CPU seconds (user + system) and peak RSS (KiB) of this process so far.
///
/// The peak is `VmHWM` from `/proc/self/status`: `getrusage`'s `ru_maxrss`
/// survives `exec` on Linux, so a child would report its parent's peak.
fn rusage() -> (f64, u64) {
    // SAFETY: getrusage only writes into the struct we pass.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let hwm = fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(ru.ru_maxrss as u64);
    (secs(ru.ru_utime) + secs(ru.ru_stime), hwm)
}

fn child(args: &[String]) -> Value {
    let t0 = Instant::now();
    let (kind, rest) = args.split_first().expect("child kind");
    let mut out = match kind.as_str() {
        "bare" => bare(Path::new(&rest[0]), t0),
        "e2e" => e2e(
            Path::new(&rest[0]),
            rest[1].parse().expect("threads"),
            Path::new(&rest[2]),
            rest.get(3).map(PathBuf::from),
            t0,
        ),
        "dict-build" => dict_build(Path::new(&rest[0]), t0),
        other => panic!("unknown child {other}"),
    };
    let (cpu, rss) = rusage();
    out["secs"] = json!(t0.elapsed().as_secs_f64());
    out["cpu_secs"] = json!(cpu);
    out["maxrss_kb"] = json!(rss);
    out
}

/// The aliases of the shipped dictionaries, as written (the baseline's
/// automaton is ASCII case-insensitive and does no other folding).
fn default_aliases() -> Vec<String> {
    let mut aliases: Vec<String> = gazetteer::default_entries()
        .expect("default dictionaries parse")
        .into_iter()
        .map(|e| e.alias)
        .collect();
    aliases.sort();
    aliases.dedup();
    aliases
}

#[derive(Deserialize)]
struct BareArticle {
    #[serde(default)]
    title: Option<String>,
    text: String,
}

/// The baseline: read JSONL with serde_json, count leftmost-longest matches
/// of one aho-corasick automaton over title and text.
fn bare(file: &Path, t0: Instant) -> Value {
    let aliases = default_aliases();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .ascii_case_insensitive(true)
        .build(&aliases)
        .expect("baseline automaton");
    let setup = t0.elapsed().as_secs_f64();
    let mut reader = BufReader::with_capacity(1 << 16, File::open(file).expect("corpus"));
    let (mut line, mut articles, mut matches, mut bytes) = (String::new(), 0u64, 0u64, 0u64);
    while reader.read_line(&mut line).expect("read") > 0 {
        bytes += line.len() as u64;
        if let Ok(a) = serde_json::from_str::<BareArticle>(&line) {
            articles += 1;
            if let Some(t) = &a.title {
                matches += ac.find_iter(t).count() as u64;
            }
            matches += ac.find_iter(&a.text).count() as u64;
        }
        line.clear();
    }
    json!({"setup_secs": setup, "articles": articles, "count": matches, "bytes": bytes,
           "patterns": aliases.len()})
}

/// newsner end to end through the library, all four tables written.
fn e2e(file: &Path, threads: usize, out: &Path, dict: Option<PathBuf>, t0: Instant) -> Value {
    let mut builder = Extractor::builder();
    if let Some(d) = &dict {
        builder = builder.dictionary(gazetteer::DictSource::parse(d.to_str().unwrap()));
    }
    let extractor = builder.build().expect("extractor");
    let setup = t0.elapsed().as_secs_f64();
    let (_, setup_rss) = rusage();
    let corpus = Corpus::open(&[file.to_path_buf()]).expect("corpus");
    let sink = TableSink::create(out, Format::Csv, CellPolicy::default()).expect("sink");
    let options = RunOptions {
        threads,
        ..RunOptions::default()
    };
    let summary = pipeline::run(&extractor, corpus, Box::new(sink), &options).expect("run");
    json!({"setup_secs": setup, "setup_rss_kb": setup_rss, "articles": summary.articles,
           "failed": summary.failed, "count": summary.mentions, "quotes": summary.quotes,
           "bytes": fs::metadata(file).map(|m| m.len()).unwrap_or(0)})
}

/// Builds an extractor from the default dictionaries plus one user
/// dictionary and reports how long it took (the cache decides cold/warm).
fn dict_build(dict: &Path, t0: Instant) -> Value {
    let extractor = Extractor::builder()
        .dictionary(gazetteer::DictSource::parse(dict.to_str().unwrap()))
        .build()
        .expect("extractor with the user dictionary");
    let secs = t0.elapsed().as_secs_f64();
    json!({"setup_secs": secs, "patterns": extractor.gazetteer().pattern_count()})
}

// ---------------------------------------------------------------------------
// The orchestrator.

struct Options {
    news: PathBuf,
    mb: f64,
    runs: usize,
    aliases: usize,
    skip_4x: bool,
    skip_stages: bool,
    strict: bool,
    keep: Option<PathBuf>,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut o = Options {
        news: env::var_os("NEWSNER_BENCH_NEWS")
            .map(PathBuf::from)
            .unwrap_or_else(|| manifest.join("../shared/data/news/news.jsonl")),
        mb: 100.0,
        runs: 2,
        aliases: 1_000_000,
        skip_4x: false,
        skip_stages: false,
        strict: false,
        keep: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--news" => o.news = value()?.into(),
            "--mb" => o.mb = value()?.parse().map_err(|e| format!("--mb: {e}"))?,
            "--runs" => o.runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--aliases" => o.aliases = value()?.parse().map_err(|e| format!("--aliases: {e}"))?,
            "--keep" => o.keep = Some(value()?.into()),
            "--skip-4x" => o.skip_4x = true,
            "--skip-stages" => o.skip_stages = true,
            "--strict" => o.strict = true,
            "-h" | "--help" => return Err(HELP.into()),
            other => return Err(format!("unknown option {other}\n{HELP}")),
        }
    }
    o.runs = o.runs.max(1);
    Ok(o)
}

/// One child's report.
#[derive(Debug, Clone)]
struct Run {
    secs: f64,
    cpu_secs: f64,
    setup_secs: f64,
    maxrss_kb: u64,
    count: u64,
    articles: u64,
    raw: Value,
}

impl Run {
    fn from_json(v: Value) -> Run {
        let f = |k: &str| v[k].as_f64().unwrap_or(0.0);
        let u = |k: &str| v[k].as_u64().unwrap_or(0);
        Run {
            secs: f("secs"),
            cpu_secs: f("cpu_secs"),
            setup_secs: f("setup_secs"),
            maxrss_kb: u("maxrss_kb"),
            count: u("count"),
            articles: u("articles"),
            raw: v,
        }
    }
}

/// Runs one measurement in a child process of this bench. The children's
/// allocator keeps freed memory, as the `newsner` binary's does (see
/// `keep_freed_memory` in src/main.rs), unless the caller set
/// `MIMALLOC_PURGE_DELAY`; the bare scan runs with the same setting.
fn spawn(args: &[&str]) -> std::process::Child {
    let purge_delay = env::var("MIMALLOC_PURGE_DELAY").unwrap_or_else(|_| "-1".into());
    Command::new(env::current_exe().expect("own path"))
        .env("MIMALLOC_PURGE_DELAY", purge_delay)
        .arg("--child")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn child")
}

fn collect(child: std::process::Child) -> Run {
    let out = child.wait_with_output().expect("child");
    assert!(out.status.success(), "child failed: {}", out.status);
    let line = String::from_utf8_lossy(&out.stdout);
    Run::from_json(serde_json::from_str(line.trim()).expect("child report"))
}

fn run_child(args: &[&str]) -> Run {
    collect(spawn(args))
}

/// Runs `n` children side by side and returns their reports.
fn run_side_by_side(args: &[&str], n: usize) -> Vec<Run> {
    let children: Vec<_> = (0..n).map(|_| spawn(args)).collect();
    children.into_iter().map(collect).collect()
}

/// Keeps the fastest of `runs` repetitions (after checking they agree).
fn best(runs: Vec<Run>, what: &str, checks: &mut Checks) -> Run {
    let first = runs[0].count;
    checks.check(
        runs.iter().all(|r| r.count == first),
        format!("{what}: same count in every repetition ({first})"),
    );
    runs.into_iter()
        .min_by(|a, b| a.secs.total_cmp(&b.secs))
        .unwrap()
}

struct Checks {
    failed: usize,
}

impl Checks {
    fn check(&mut self, ok: bool, what: impl AsRef<str>) {
        println!("  [{}] {}", if ok { " ok " } else { "FAIL" }, what.as_ref());
        if !ok {
            self.failed += 1;
        }
    }
}

/// Writes `copies` copies of `base` with fresh ids (`r{copy}-{id}`), one
/// article per line; returns the number of lines written.
fn repeat_corpus(base: &[Value], copies: usize, dest: &Path) -> usize {
    let mut w = BufWriter::with_capacity(1 << 20, File::create(dest).expect("create corpus"));
    let mut n = 0;
    for copy in 0..copies {
        for (line, v) in base.iter().enumerate() {
            let mut v = v.clone();
            if let Value::Object(obj) = &mut v {
                let id = match obj.get("id") {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Number(x)) => x.to_string(),
                    _ => format!("line{}", line + 1),
                };
                obj.insert("id".into(), Value::String(format!("r{copy}-{id}")));
            }
            serde_json::to_writer(&mut w, &v).expect("write corpus");
            w.write_all(b"\n").expect("write corpus");
            n += 1;
        }
    }
    w.flush().expect("flush corpus");
    n
}

/// Data rows in a CSV table (header excluded), counted by the csv reader.
fn csv_rows(path: &Path) -> usize {
    let mut r = csv::Reader::from_path(path).expect("table");
    let mut rec = csv::ByteRecord::new();
    let mut n = 0;
    while r.read_byte_record(&mut rec).expect("csv") {
        n += 1;
    }
    n
}

fn same_bytes(a: &Path, b: &Path) -> bool {
    let (Ok(fa), Ok(fb)) = (File::open(a), File::open(b)) else {
        return false;
    };
    let (mut ra, mut rb) = (BufReader::new(fa), BufReader::new(fb));
    let (mut ba, mut bb) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let na = read_full(&mut ra, &mut ba);
        let nb = read_full(&mut rb, &mut bb);
        if na != nb || ba[..na] != bb[..nb] {
            return false;
        }
        if na == 0 {
            return true;
        }
    }
}

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> usize {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]).expect("read") {
            0 => break,
            k => n += k,
        }
    }
    n
}

const TABLES: [&str; 4] = ["mentions", "quotes", "documents", "entities"];

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "MISS"
    }
}

fn orchestrate(args: &[String]) -> i32 {
    let o = match parse_options(args) {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("{msg}");
            return 2;
        }
    };
    if !o.news.exists() {
        println!(
            "note: {} not found (set NEWSNER_BENCH_NEWS or --news); benchmark skipped",
            o.news.display()
        );
        return 0;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = o.keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    fs::create_dir_all(&dir).expect("work dir");
    let mut checks = Checks { failed: 0 };

    // The corpus: whole copies of the sample, so every count scales exactly.
    let base_text = fs::read_to_string(&o.news).expect("read news");
    let base: Vec<Value> = base_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or(Value::Null))
        .collect();
    let copies = ((o.mb * 1e6 / base_text.len() as f64).round() as usize).max(1);
    let c1 = dir.join("news_1x.jsonl");
    let c4 = dir.join("news_4x.jsonl");
    let t = Instant::now();
    let lines1 = repeat_corpus(&base, copies, &c1);
    let lines4 = if o.skip_4x {
        0
    } else {
        repeat_corpus(&base, copies * 4, &c4)
    };
    let bytes1 = fs::metadata(&c1).unwrap().len();
    println!(
        "corpus: {} x {} = {} articles, {:.1} MB JSONL (4x: {} articles) generated in {:.1}s in {}",
        o.news.display(),
        copies,
        lines1,
        mb(bytes1),
        lines4,
        t.elapsed().as_secs_f64(),
        dir.display()
    );
    drop(base);

    // The expected answer, computed another way: the library called per
    // article in this process, no pipeline, no sink, on one copy.
    let t = Instant::now();
    let extractor = Extractor::builder().build().expect("extractor");
    let (mut exp_articles, mut exp_failed, mut exp_mentions, mut exp_quotes) = (0, 0, 0, 0);
    let mut exp_entities: HashMap<String, ()> = HashMap::new();
    for item in Corpus::open(std::slice::from_ref(&o.news)).expect("news") {
        exp_articles += 1;
        match item {
            Ok(a) => {
                let x = extractor.extract(&a, None);
                exp_mentions += x.mentions.len();
                exp_quotes += x.quotes.len();
                for m in x.mentions.iter().filter(|m| m.label != "DATE") {
                    exp_entities
                        .insert(format!("{}\t{}\t{}", m.entity_id, m.label, m.canonical), ());
                }
            }
            Err(_) => exp_failed += 1,
        }
    }
    drop(extractor);
    println!(
        "expected per copy (in-process, per article): {exp_articles} articles, {exp_failed} failed, \
         {exp_mentions} mentions, {exp_quotes} quotes, {} entities ({:.1}s)",
        exp_entities.len(),
        t.elapsed().as_secs_f64()
    );

    // Where the CPU goes, stage by stage (one thread, one copy).
    if !o.skip_stages {
        let stages = stage_profile(&o.news);
        let whole = stages.last().map_or(1.0, |s| s.1);
        println!(
            "stages (CPU seconds over one copy, {} MB of JSONL):",
            mb(base_text.len() as u64) as u64
        );
        for (name, secs) in &stages {
            println!(
                "  {name:<34} {secs:>7.2}s  {:>5.1}% of extract",
                100.0 * secs / whole
            );
        }
    }

    // Timed runs, interleaved so that drift in the machine's load hits all alike.
    let c1s = c1.to_str().unwrap();
    let (mut bare1, mut pair, mut e1, mut e2) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let out1 = dir.join("out_t1");
    let out2 = dir.join("out_t2");
    for r in 0..o.runs {
        println!(
            "run {}/{}: bare, bare x2 side by side, newsner -j1, newsner -j2",
            r + 1,
            o.runs
        );
        bare1.push(run_child(&["bare", c1s]));
        let p = run_side_by_side(&["bare", c1s], 2);
        pair.push(p);
        e1.push(run_child(&["e2e", c1s, "1", out1.to_str().unwrap()]));
        e2.push(run_child(&["e2e", c1s, "2", out2.to_str().unwrap()]));
    }
    println!("checks:");
    let pair_counts: Vec<Run> = pair.iter().flatten().cloned().collect();
    let bare1 = best(bare1, "bare scan", &mut checks);
    checks.check(
        pair_counts.iter().all(|r| r.count == bare1.count),
        "bare scans side by side count the same matches as alone",
    );
    // Side by side: the slower of the two sets the pair's time.
    let pair_secs = pair
        .iter()
        .map(|p| p.iter().map(|r| r.secs).fold(0.0, f64::max))
        .fold(f64::INFINITY, f64::min);
    let e1 = best(e1, "newsner -j1", &mut checks);
    let e2 = best(e2, "newsner -j2", &mut checks);
    let copies64 = copies as u64;
    checks.check(
        bare1.articles == (exp_articles - exp_failed) as u64 * copies64,
        format!("bare scan read {} articles", bare1.articles),
    );
    checks.check(
        e1.articles == lines1 as u64
            && e1.raw["failed"].as_u64() == Some((exp_failed * copies) as u64),
        format!("newsner read every article ({} of {lines1})", e1.articles),
    );
    let want_mentions = (exp_mentions * copies) as u64;
    checks.check(
        e1.count == want_mentions,
        format!(
            "mentions = {} x {exp_mentions} per copy = {want_mentions} (got {})",
            copies, e1.count
        ),
    );
    checks.check(
        csv_rows(&out1.join("documents.csv")) == lines1,
        format!("documents.csv has one row per article ({lines1})"),
    );
    checks.check(
        csv_rows(&out1.join("mentions.csv")) as u64 == want_mentions,
        "mentions.csv rows = expected mentions",
    );
    checks.check(
        csv_rows(&out1.join("quotes.csv")) == exp_quotes * copies,
        format!("quotes.csv rows = {} x {exp_quotes}", copies),
    );
    checks.check(
        csv_rows(&out1.join("entities.csv")) == exp_entities.len(),
        format!(
            "entities.csv rows = {} distinct entities",
            exp_entities.len()
        ),
    );
    checks.check(
        TABLES.iter().all(|t| {
            same_bytes(
                &out1.join(format!("{t}.csv")),
                &out2.join(format!("{t}.csv")),
            )
        }),
        "-j1 and -j2 tables are byte-identical",
    );

    // Memory: 4x the corpus.
    let e4 = if o.skip_4x {
        None
    } else {
        println!("run: newsner -j2 on the 4x corpus");
        let out4 = dir.join("out_4x");
        let r = run_child(&["e2e", c4.to_str().unwrap(), "2", out4.to_str().unwrap()]);
        checks.check(
            r.count == 4 * want_mentions && r.articles == lines4 as u64,
            format!("4x corpus: 4x the mentions ({}) and articles", r.count),
        );
        let _ = fs::remove_dir_all(&out4);
        Some(r)
    };

    // The large user dictionary.
    let dict = if o.aliases > 0 {
        Some(big_dictionary(&dir, o.aliases, &c1, &mut checks))
    } else {
        None
    };

    // Report.
    let mbs = |r: &Run| mb(bytes1) / r.secs;
    let arts = |r: &Run| r.articles as f64 / r.secs;
    println!();
    println!(
        "{:<34} {:>8} {:>8} {:>9} {:>11} {:>9} {:>9}",
        "", "wall s", "cpu s", "setup s", "articles/s", "MB/s", "RSS MB"
    );
    let row = |name: &str, r: &Run| {
        println!(
            "{:<34} {:>8.2} {:>8.2} {:>9.3} {:>11.0} {:>9.1} {:>9.1}",
            name,
            r.secs,
            r.cpu_secs,
            r.setup_secs,
            arts(r),
            mbs(r),
            r.maxrss_kb as f64 / 1024.0
        )
    };
    row("bare scan (1 process)", &bare1);
    println!(
        "{:<34} {:>8.2}",
        "bare scan x2 side by side (slower)", pair_secs
    );
    row("newsner -j1", &e1);
    row("newsner -j2", &e2);
    if let Some(r) = &e4 {
        println!(
            "{:<34} {:>8.2} {:>8.2} {:>9.3} {:>11.0} {:>9.1} {:>9.1}",
            "newsner -j2, 4x corpus",
            r.secs,
            r.cpu_secs,
            r.setup_secs,
            r.articles as f64 / r.secs,
            4.0 * mb(bytes1) / r.secs,
            r.maxrss_kb as f64 / 1024.0
        );
    }
    println!();
    let mut missed = 0;
    let mut target = |ok: bool, line: String| {
        println!("  [{}] {line}", verdict(ok));
        missed += usize::from(!ok);
    };
    println!("targets:");
    let ratio = e1.secs / bare1.secs;
    target(
        ratio <= 2.0,
        format!(
            "end to end -j1 / bare scan time = {ratio:.2}x (<= 2x); cpu time ratio {:.2}x",
            e1.cpu_secs / bare1.cpu_secs
        ),
    );
    let ceiling = 2.0 * bare1.secs / pair_secs;
    let speedup = e1.secs / e2.secs;
    target(
        speedup >= 0.9 * ceiling,
        format!(
            "-j2 over -j1 speed-up {speedup:.2}x vs ceiling {ceiling:.2}x (2 bare scans side by side) \
             = {:.0}% of ceiling (>= 90%)",
            100.0 * speedup / ceiling
        ),
    );
    if let Some(r) = &e4 {
        let grow = r.maxrss_kb as f64 / e2.maxrss_kb as f64;
        target(
            grow <= 1.5,
            format!(
                "peak RSS 4x corpus / 1x corpus (-j2) = {:.1} / {:.1} MB = {grow:.2}x (<= 1.5x)",
                r.maxrss_kb as f64 / 1024.0,
                e2.maxrss_kb as f64 / 1024.0
            ),
        );
    }
    if let Some(d) = &dict {
        target(
            d.warm.setup_secs <= 2.0 && d.warm.maxrss_kb <= 300 * 1024,
            format!(
                "{} aliases ready to match (warm) in {:.2}s (cpu {:.2}s) (<= 2 s), peak RSS {:.0} MB (<= 300 MB); \
                 cold build {:.2}s, {:.0} MB; scan with it {:.1} MB/s",
                d.aliases,
                d.warm.setup_secs,
                d.warm.cpu_secs,
                d.warm.maxrss_kb as f64 / 1024.0,
                d.cold.setup_secs,
                d.cold.maxrss_kb as f64 / 1024.0,
                d.scan_mbs
            ),
        );
    }
    println!(
        "\nbuild: {}",
        if newsner::PROFILE_GUIDED {
            "newsner profile-guided (pgo/newsner.profdata); the bare scan's crates plain, as in every earlier round"
        } else {
            "plain release, no profile-guided optimization (pgo/README.md)"
        }
    );
    println!(
        "\nmachine: a single-threaded process got {:.0}% of a core during the bare scan \
         (cpu/wall); wall-clock figures are only as good as that share",
        100.0 * bare1.cpu_secs / bare1.secs
    );
    println!(
        "\nchecks failed: {}, targets missed: {missed} (load average at end: {})",
        checks.failed,
        fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    if checks.failed > 0 || (o.strict && missed > 0) {
        1
    } else {
        0
    }
}

struct DictResult {
    aliases: usize,
    cold: Run,
    warm: Run,
    scan_mbs: f64,
}

/// Syllables for synthetic names: 4 parts from 24 syllables, two words.
const SYLLABLES: [&str; 24] = [
    "ka", "zu", "mor", "vel", "tri", "osh", "pan", "dre", "lix", "qua", "bor", "sen", "yul", "fen",
    "gar", "ith", "nok", "rua", "ste", "wim", "hax", "jor", "cel", "ump",
];

/// The `i`-th synthetic alias: two capitalized words that are unlikely in
/// English news ("Kazu Morvel" style), unique for i < 24^5.
fn synthetic_alias(i: usize) -> String {
    let s = |k: usize| SYLLABLES[(i / 24usize.pow(k as u32)) % 24];
    let cap = |w: String| {
        let mut c = w.chars();
        let first = c.next().unwrap().to_ascii_uppercase();
        std::iter::once(first).chain(c).collect::<String>()
    };
    cap(format!("{}{}", s(0), s(1))) + " " + &cap(format!("{}{}{}", s(2), s(3), s(4)))
}

fn big_dictionary(dir: &Path, n: usize, corpus: &Path, checks: &mut Checks) -> DictResult {
    let tsv = dir.join("big.tsv");
    let t = Instant::now();
    {
        let mut w = BufWriter::new(File::create(&tsv).expect("dict"));
        writeln!(w, "id\tlabel\tcanonical\talias").unwrap();
        for i in 0..n {
            let alias = synthetic_alias(i);
            writeln!(w, "local:syn{i}\tPERSON\t{alias}\t{alias}").unwrap();
        }
    }
    println!(
        "dictionary: {n} synthetic aliases, {:.1} MB TSV, written in {:.1}s",
        mb(fs::metadata(&tsv).unwrap().len()),
        t.elapsed().as_secs_f64()
    );
    let tsvs = tsv.to_str().unwrap();
    // Children inherit the cache directory; start it empty so the first build is cold.
    let cache = dir.join("cache");
    let _ = fs::remove_dir_all(&cache);
    env::set_var("NEWSNER_CACHE_DIR", &cache);
    let cold = run_child(&["dict-build", tsvs]);
    let warm = run_child(&["dict-build", tsvs]);
    checks.check(
        warm.raw["patterns"] == cold.raw["patterns"],
        format!(
            "warm and cold dictionaries have the same {} patterns",
            cold.raw["patterns"]
        ),
    );
    // A scan with it: the corpus plus a few articles that name synthetic people.
    let probe = dir.join("probe.jsonl");
    {
        let mut w = BufWriter::new(File::create(&probe).unwrap());
        let mut c = BufReader::new(File::open(corpus).unwrap());
        std::io::copy(&mut c, &mut w).unwrap();
        for i in (0..n).step_by((n / 1000).max(1)) {
            let text = format!(
                "Yesterday {} said the plan would go ahead.",
                synthetic_alias(i)
            );
            writeln!(w, "{}", json!({"id": format!("probe{i}"), "text": text})).unwrap();
        }
    }
    let probes = (0..n).step_by((n / 1000).max(1)).count() as u64;
    let out = dir.join("out_dict");
    let scan = run_child(&[
        "e2e",
        probe.to_str().unwrap(),
        "1",
        out.to_str().unwrap(),
        tsvs,
    ]);
    let found = count_method_rows(&out.join("mentions.csv"), "local:syn");
    checks.check(
        found == probes,
        format!("every probe article names its synthetic person once ({found} of {probes})"),
    );
    let _ = fs::remove_dir_all(&out);
    let bytes = fs::metadata(&probe).unwrap().len();
    DictResult {
        aliases: n,
        scan_mbs: mb(bytes) / (scan.secs - scan.setup_secs),
        cold,
        warm,
    }
}

/// Mentions rows whose entity id starts with `prefix`.
fn count_method_rows(path: &Path, prefix: &str) -> u64 {
    let mut r = csv::Reader::from_path(path).expect("mentions");
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "entity_id")
        .expect("entity_id column");
    r.records()
        .filter(|rec| rec.as_ref().unwrap()[col].starts_with(prefix))
        .count() as u64
}

/// CPU seconds used by this thread so far.
fn thread_cpu() -> f64 {
    // SAFETY: clock_gettime only writes into the struct we pass.
    let mut ts: libc::timespec = unsafe { std::mem::zeroed() };
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

/// Where one thread's CPU time goes, stage by stage, over one copy of the
/// news: each stage called as `Extractor::extract` calls it (body then
/// title; the title's rules see the body's names), timed in between.
fn stage_profile(news: &Path) -> Vec<(&'static str, f64)> {
    let mut t = thread_cpu();
    let mut lap = |acc: &mut f64| {
        let now = thread_cpu();
        *acc += now - t;
        t = now;
    };
    let (mut read, mut build, mut fold, mut gaz, mut rules_s, mut dates_s, mut attr, mut total) =
        (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    let articles: Vec<_> = Corpus::open(&[news.to_path_buf()])
        .expect("news")
        .filter_map(Result::ok)
        .collect();
    lap(&mut read);
    let extractor = Extractor::builder().build().expect("extractor");
    let lexicons = newsner::rules::Lexicons::load_default();
    lap(&mut build);
    for a in &articles {
        let mut known = None;
        for (text, is_title) in [(&a.text, false), (&a.title, true)] {
            if text.is_empty() {
                continue;
            }
            let norm = Normalized::new(text);
            lap(&mut fold);
            let found = extractor.gazetteer().find(text, &norm);
            lap(&mut gaz);
            let field = FieldContext {
                text,
                norm: &norm,
                is_title,
                gazetteer: Some(extractor.gazetteer()),
            };
            let (mut spans, names) =
                newsner::rules::apply_with(&lexicons, field, found, known.as_ref());
            lap(&mut rules_s);
            spans.extend(newsner::dates::find_dates(text, a.date));
            lap(&mut dates_s);
            if !is_title {
                let spans = newsner::resolve::resolve_overlaps(spans);
                let _ = newsner::attribution::attribute(text, &spans);
                known = Some(names);
            }
            lap(&mut attr);
        }
    }
    for a in &articles {
        let _ = extractor.extract(a, None);
    }
    lap(&mut total);
    vec![
        ("read JSONL (Corpus)", read),
        ("build extractor", build),
        ("normalize (fold)", fold),
        ("gazetteer find", gaz),
        ("rules::apply_with", rules_s),
        ("dates::find_dates", dates_s),
        ("resolve + attribution", attr),
        ("Extractor::extract, whole, again", total),
    ]
}

//! The command line: flag definitions and how each subcommand runs.

use std::{
    io::{self, IsTerminal},
    path::PathBuf,
    process::ExitCode,
};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::{
    corpus::{Corpus, Item},
    eval,
    extract::Extractor,
    gazetteer::{self, DictSource},
    merge,
    pipeline::{self, RunOptions, RunSummary},
    shard::Shard,
    sink::{CellPolicy, Format, Sink, TableSink},
    stream::StreamSink,
};

/// What `newsner --version` prints: the version, and whether the build was
/// profile-guided ([`crate::PROFILE_GUIDED`]).
const VERSION: &str = if crate::PROFILE_GUIDED {
    concat!(env!("CARGO_PKG_VERSION"), " (profile-guided)")
} else {
    env!("CARGO_PKG_VERSION")
};

/// newsner: news articles in, knowledge tables out.
///
/// Finds people, places, organisations and dates in news articles, and who
/// said what, and writes them as CSV tables.
#[derive(Debug, Parser)]
#[command(name = "newsner", version = VERSION, about, long_about = None, after_help = EXIT_HELP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract mentions, quotes, documents and entities tables from articles.
    ///
    /// Example: newsner extract corpus/ --out out/
    Extract(ExtractArgs),
    /// Filter mode: JSONL articles in, one JSON record per article out on stdout.
    ///
    /// Reads JSONL from stdin (or the INPUTs) and writes, in input order, one
    /// line per article: {"doc_id", "status", "error", "document": {documents
    /// row}, "mentions": [mentions rows], "quotes": [quotes rows]}. Runs as a
    /// Spark RDD.pipe() stage, a Hadoop Streaming mapper or a shell pipeline
    /// step; `newsner merge` turns the records into the four tables.
    ///
    /// Example: newsner stream < articles.jsonl > records.jsonl
    #[command(after_help = EXIT_HELP)]
    Stream(StreamArgs),
    /// Merge several runs into one set of tables (entities summed).
    ///
    /// INPUTs are output directories of `newsner extract` (one per --shard,
    /// say) and files of `newsner stream` records (.jsonl, or - for stdin).
    /// mentions, quotes and documents are concatenated in input order;
    /// entities are summed, so the merged shards of a corpus give the single
    /// run's entities table. All or nothing: a row that does not parse stops
    /// the merge (exit 2, naming file and line) and no table is written.
    /// Exit 1 when the merged documents hold `error` rows.
    ///
    /// Example: newsner merge out-1 out-2 out-3 --out all/
    #[command(after_help = EXIT_HELP)]
    Merge(MergeArgs),
    /// Dictionary tools.
    Dict {
        /// What to do.
        #[command(subcommand)]
        what: DictCommand,
    },
    /// Score the extractor against gold data.
    Eval {
        /// Which gold format.
        #[command(subcommand)]
        what: EvalCommand,
    },
    /// Write HTML pages to check entities and quotes by eye: an index, problems first, and one page per article.
    ///
    /// Example: newsner review corpus/ --out review/ (then open review/index.html)
    Review(crate::review::args::ReviewArgs),
}

/// Dictionary flags shared by every command that builds an extractor.
#[derive(Debug, clap::Args)]
pub struct DictArgs {
    /// Extra dictionary: a TSV file (columns id, label, canonical, alias), a directory of them, a spaCy EntityRuler .jsonl, or LABEL=FILE for a plain one-name-per-line list (PERSON=names.txt). Repeatable.
    #[arg(long = "dict", value_name = "PATH")]
    pub dicts: Vec<String>,
    /// Do not load the dictionaries shipped in the binary (use only --dict).
    #[arg(long)]
    pub no_default_dict: bool,
}

impl DictArgs {
    /// Builds the extractor these flags describe.
    pub fn extractor(&self) -> Result<Extractor> {
        let mut builder = Extractor::builder().default_dictionaries(!self.no_default_dict);
        for d in &self.dicts {
            builder = builder.dictionary(DictSource::parse(d));
        }
        let extractor = builder.build()?;
        if extractor.skipped_labels() > 0 {
            eprintln!(
                "newsner: skipped {} dictionary patterns whose label is not PERSON, PLACE (GPE, LOC, FAC), ORG or NORP",
                extractor.skipped_labels()
            );
        }
        Ok(extractor)
    }
}

/// Output format of the tables.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// CSV files with a header row.
    Csv,
    /// JSON lines.
    Jsonl,
}

/// `newsner extract`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXTRACT_HELP)]
pub struct ExtractArgs {
    /// Inputs: .jsonl/.ndjson (one article per line), .csv (header with `text`), .txt (one article), directories (walked recursively), or - for JSONL on stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Directory for mentions, quotes, documents and entities tables (created if missing).
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// Publication date (YYYY-MM-DD) for articles that carry none; anchors relative dates.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Worker threads (default: all cores). Output is identical for any number.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Table format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: FormatArg,
    /// For opening the CSVs in a spreadsheet: prefix every text cell that starts with = + - @ (or tab, CR) with ' so it is not run as a formula. Off by default, since it changes text that offsets point into; JSONL tables are never changed.
    #[arg(long)]
    pub excel_safe: bool,
    /// Process only the articles whose id hashes to shard K of N (1 <= K <= N; FNV-1a 64 of the id, stable everywhere). Run K = 1..N on N machines, then `newsner merge`.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Never show the progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Dictionaries.
    #[command(flatten)]
    pub dicts: DictArgs,
}

/// `newsner stream`.
#[derive(Debug, clap::Args)]
pub struct StreamArgs {
    /// Inputs, as for `extract` (default: - , JSONL on stdin).
    #[arg(value_name = "INPUT", default_value = "-")]
    pub inputs: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for articles that carry none; anchors relative dates.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Worker threads (default: all cores). Output is identical for any number.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Articles read before a parallel batch starts (smaller: each record comes out sooner; 1 for request/response use).
    #[arg(long, value_name = "N", default_value_t = 512)]
    pub batch: usize,
    /// Process only the articles whose id hashes to shard K of N (as for `extract`).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Exit 0 even when some articles failed (their records say "status":"error"). For Spark RDD.pipe() and Hadoop Streaming, which fail the whole task on a non-zero exit.
    #[arg(long)]
    pub allow_errors: bool,
    /// Dictionaries.
    #[command(flatten)]
    pub dicts: DictArgs,
}

/// `newsner merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// Output directories of `newsner extract`, .jsonl files of `newsner stream` records, or - (records on stdin).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Directory for the merged tables (created if missing; must not be an input).
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// Table format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: FormatArg,
    /// As for `extract` (use it only on inputs written without it).
    #[arg(long)]
    pub excel_safe: bool,
}

/// `newsner dict ...`.
#[derive(Debug, Subcommand)]
pub enum DictCommand {
    /// Validate dictionaries (file:line errors, ids naming two entities, aliases shared across labels) and count rows per label. Without PATH: the shipped dictionaries.
    Check {
        /// Dictionaries to check (same forms as --dict).
        #[arg(value_name = "PATH")]
        paths: Vec<String>,
    },
}

/// `newsner eval ...`.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// CoNLL-2003 column format: exact-span P/R/F1 for PER, LOC, ORG.
    Conll {
        /// The CoNLL file.
        file: PathBuf,
        /// Also write every error (misses, spurious, wrong type, boundary), grouped by kind, to this file.
        #[arg(long, value_name = "FILE")]
        errors: Option<PathBuf>,
        /// Dictionaries.
        #[command(flatten)]
        dicts: DictArgs,
    },
    /// TimeML (.tml) directory: TempEval-3 strict/relaxed span F1 and value F1.
    Timeml {
        /// Directory of .tml files.
        dir: PathBuf,
        /// Dictionaries.
        #[command(flatten)]
        dicts: DictArgs,
    },
    /// PolNeAR JSONL: attribution source/content scores.
    Attribution {
        /// The PolNeAR JSONL file.
        file: PathBuf,
        /// Dictionaries.
        #[command(flatten)]
        dicts: DictArgs,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("{s:?} is not YYYY-MM-DD: {e}"))
}

/// Exit status: every article processed.
pub const EXIT_OK: u8 = 0;
/// Exit status: some articles failed; all others were written.
pub const EXIT_SOME_FAILED: u8 = 1;
/// Exit status: nothing could run.
pub const EXIT_FATAL: u8 = 2;

const EXIT_HELP: &str = "\
Exit status: 0 every article processed; 1 some articles failed (each is an
`error` row naming file and line, all others were written); 2 nothing could
run (unreadable input or dictionary, unwritable output).";

const EXTRACT_HELP: &str = "\
Every input article ends as exactly one documents.csv row, in input order:
`ok`, or `error` with what was wrong and where (file:line). Invalid UTF-8 is
rejected (an error row), never repaired, in every input format. An
unparseable `date` is a warning in the `warnings` column; the article is
still processed.

Tables are written under temporary names (.NAME.partial) and renamed when
the run ends, documents last: a table that exists is complete. Tables left
in DIR by an earlier run are removed when a run starts.

Exit status: 0 every article processed; 1 some articles failed (all others
were written); 2 nothing could run (unreadable input or dictionary,
unwritable output).";

/// Runs the parsed command line and returns the exit status.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Stream(args) => stream(args),
        Command::Merge(args) => merge(args),
        Command::Review(args) => args.run(),
        Command::Dict {
            what: DictCommand::Check { paths },
        } => dict_check(&paths),
        Command::Eval { what } => {
            let report = match what {
                EvalCommand::Conll {
                    file,
                    errors,
                    dicts,
                } => eval::conll::run_with_errors(&dicts.extractor()?, &file, errors.as_deref()),
                EvalCommand::Timeml { dir, dicts } => eval::timeml::run(&dicts.extractor()?, &dir),
                EvalCommand::Attribution { file, dicts } => {
                    eval::attribution::run(&dicts.extractor()?, &file)
                }
            };
            print!("{}", report.map_err(|e| anyhow::anyhow!(e))?);
            Ok(ExitCode::from(EXIT_OK))
        }
    }
}

fn format_of(arg: FormatArg) -> Format {
    match arg {
        FormatArg::Csv => Format::Csv,
        FormatArg::Jsonl => Format::Jsonl,
    }
}

/// The corpus, cut to one shard when asked.
fn items(corpus: Corpus, shard: Option<Shard>) -> impl Iterator<Item = Item> + Send {
    corpus.filter(move |item| shard.is_none_or(|s| s.keeps(item)))
}

fn exit_status(summary: &RunSummary, table: &str) -> ExitCode {
    if summary.failed > 0 {
        eprintln!(
            "newsner: {} of {} articles failed (see {table}); the others were written",
            summary.failed, summary.articles
        );
        return ExitCode::from(EXIT_SOME_FAILED);
    }
    ExitCode::from(EXIT_OK)
}

fn dict_check(paths: &[String]) -> Result<ExitCode> {
    let mut entries = Vec::new();
    if paths.is_empty() {
        entries = gazetteer::default_entries()?;
    }
    for p in paths {
        let parsed = gazetteer::entries_from_source(&DictSource::parse(p))?;
        if parsed.skipped_labels > 0 {
            println!(
                "{p}: skipped {} patterns with other labels",
                parsed.skipped_labels
            );
        }
        entries.extend(parsed.entries);
    }
    let report = gazetteer::check::check(&entries);
    print!("{}", gazetteer::check::render(&report, 20));
    Ok(ExitCode::from(if report.is_clean() {
        EXIT_OK
    } else {
        EXIT_SOME_FAILED
    }))
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let extractor = args.dicts.extractor()?;
    let corpus = Corpus::open(&args.inputs)?;
    let sink = TableSink::create(
        &args.out,
        format_of(args.format),
        CellPolicy {
            excel_safe: args.excel_safe,
        },
    )
    .with_context(|| format!("{}: cannot create the output tables", args.out.display()))?;
    let options = RunOptions {
        threads: args.threads,
        default_date: args.date,
        progress: !args.quiet && io::stderr().is_terminal(),
        ..RunOptions::default()
    };
    let summary = pipeline::run(
        &extractor,
        items(corpus, args.shard),
        Box::new(sink),
        &options,
    )
    .with_context(|| format!("{}: writing the tables failed", args.out.display()))?;
    leak_at_exit(extractor);
    Ok(exit_status(&summary, "documents.csv"))
}

fn stream(args: StreamArgs) -> Result<ExitCode> {
    let extractor = args.dicts.extractor()?;
    let corpus = Corpus::open(&args.inputs)?;
    let sink: Box<dyn Sink> = Box::new(StreamSink::new(io::BufWriter::new(io::stdout().lock())));
    let options = RunOptions {
        threads: args.threads,
        default_date: args.date,
        progress: false,
        chunk_articles: args.batch.max(1),
        ..RunOptions::default()
    };
    let summary = pipeline::run(&extractor, items(corpus, args.shard), sink, &options)
        .context("writing to stdout failed")?;
    leak_at_exit(extractor);
    let status = exit_status(&summary, "the records with \"status\":\"error\"");
    Ok(if args.allow_errors {
        ExitCode::from(EXIT_OK)
    } else {
        status
    })
}

/// Lets the extractor go without dropping it: the process ends right after
/// the run and the OS takes its memory back at once, while dropping frees
/// its hundreds of thousands of strings and automaton tables one by one
/// (about 60M instructions for the shipped dictionaries).
fn leak_at_exit(extractor: Extractor) {
    std::mem::forget(extractor);
}

fn merge(args: MergeArgs) -> Result<ExitCode> {
    let summary = merge::merge(
        &args.inputs,
        &args.out,
        format_of(args.format),
        CellPolicy {
            excel_safe: args.excel_safe,
        },
    )?;
    if summary.duplicates > 0 {
        eprintln!(
            "newsner: warning: {} documents rows repeat an id of an earlier input (was one run merged twice?)",
            summary.duplicates
        );
    }
    if summary.failed > 0 {
        eprintln!(
            "newsner: {} of {} merged articles are `error` rows (see documents)",
            summary.failed, summary.articles
        );
        return Ok(ExitCode::from(EXIT_SOME_FAILED));
    }
    Ok(ExitCode::from(EXIT_OK))
}

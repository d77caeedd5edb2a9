//! The command line: flag definitions and how each subcommand runs.

use std::{io::IsTerminal, path::PathBuf, process::ExitCode};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::{
    corpus::Corpus,
    eval,
    extract::Extractor,
    gazetteer::{self, DictSource},
    pipeline::{self, RunOptions},
    sink::{CellPolicy, Format, TableSink},
};

/// newsner: news articles in, knowledge tables out.
///
/// Finds people, places, organisations and dates in news articles, and who
/// said what, and writes them as CSV tables.
#[derive(Debug, Parser)]
#[command(name = "newsner", version, about, long_about = None)]
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
    /// Prefix cells starting with = + - @ with ' so spreadsheets do not run them as formulas (changes the text columns).
    #[arg(long)]
    pub excel_safe: bool,
    /// Never show the progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Dictionaries.
    #[command(flatten)]
    pub dicts: DictArgs,
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

/// Runs the parsed command line and returns the exit status.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Dict {
            what: DictCommand::Check { paths },
        } => dict_check(&paths),
        Command::Eval { what } => {
            let report = match what {
                EvalCommand::Conll { file, dicts } => eval::conll::run(&dicts.extractor()?, &file),
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
    let format = match args.format {
        FormatArg::Csv => Format::Csv,
        FormatArg::Jsonl => Format::Jsonl,
    };
    let sink = TableSink::create(
        &args.out,
        format,
        CellPolicy {
            excel_safe: args.excel_safe,
        },
    )
    .with_context(|| format!("{}: cannot create the output tables", args.out.display()))?;
    let options = RunOptions {
        threads: args.threads,
        default_date: args.date,
        progress: !args.quiet && std::io::stderr().is_terminal(),
        ..RunOptions::default()
    };
    let summary = pipeline::run(&extractor, corpus, Box::new(sink), &options)
        .with_context(|| format!("{}: writing the tables failed", args.out.display()))?;
    if summary.failed > 0 {
        eprintln!(
            "newsner: {} of {} articles failed (see documents.csv); the others were written",
            summary.failed, summary.articles
        );
        return Ok(ExitCode::from(EXIT_SOME_FAILED));
    }
    Ok(ExitCode::from(EXIT_OK))
}

//! The `newsner` binary: parses flags, runs, and maps the result to an exit
//! code. A closed stdout (a broken pipe) ends quietly.

use std::process::ExitCode;

use clap::Parser;
use newsner::cli::{self, Cli, EXIT_FATAL};

/// mimalloc: extraction allocates many small, short-lived strings and
/// vectors per article; glibc's malloc spent ~15% of the run on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            if err
                .chain()
                .filter_map(|e| e.downcast_ref::<std::io::Error>())
                .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::from(0);
            }
            eprintln!("newsner: {err:#}");
            ExitCode::from(EXIT_FATAL)
        }
    }
}

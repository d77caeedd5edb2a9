//! The `newsner` binary: parses flags, runs, and maps the result to an exit
//! code. A closed stdout (a broken pipe) ends quietly.

use std::process::ExitCode;

use clap::Parser;
use newsner::cli::{self, Cli, EXIT_FATAL};

/// mimalloc: extraction allocates many small, short-lived strings and
/// vectors per article; glibc's malloc spent ~15% of the run on them.
#[global_allocator]
static GLOBAL: newsner::alloc::MiMalloc = newsner::alloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its number in `mimalloc.h`, v2 and
/// v3 alike; libmimalloc-sys names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells mimalloc never to hand freed memory back to the OS, unless the
/// user set the option (`MIMALLOC_PURGE_DELAY`, or its older name
/// `MIMALLOC_RESET_DELAY`). Memory freed (at startup, and by each
/// article) is reused by the articles that follow, and purging it (after a
/// delay, 1 s by default) only made the kernel fault in and zero the same
/// (huge) pages again: on 20 MB of news, 1,250-2,100 page faults instead
/// of ~430, and about twice the system time (0.12 s against 0.05 s, mean
/// of 9 runs each). The price: peak RSS 10-20% higher (98-107 MB against
/// 112-138 MB on those 20 MB), still flat in the corpus size.
fn keep_freed_memory() {
    if !purge_delay_set_by_user() {
        // SAFETY: mi_option_set only stores a number in mimalloc's option
        // table (range-checked there); this runs at the top of main, before
        // any thread of ours exists.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
}

/// Whether the environment sets mimalloc's purge delay.
fn purge_delay_set_by_user() -> bool {
    ["MIMALLOC_PURGE_DELAY", "MIMALLOC_RESET_DELAY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some())
}

fn main() -> ExitCode {
    keep_freed_memory();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The number given for the purge delay names it in the mimalloc this
    /// binary links: its default there is mimalloc v3's (1000 ms), and
    /// [`keep_freed_memory`] turns purging off.
    #[test]
    fn the_purge_delay_option_is_turned_off() {
        if purge_delay_set_by_user() {
            return;
        }
        // SAFETY: mi_option_get only reads mimalloc's option table.
        let delay = || unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay(), 1000);
        keep_freed_memory();
        assert_eq!(delay(), -1);
    }
}

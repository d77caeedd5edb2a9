#!/usr/bin/env bash
# Runs the end-to-end benchmark (benches/e2e.rs) built with profile-guided
# optimization, trained fairly: the instrumented benchmark runs once on a
# small corpus, so that the bare scan and newsner alike leave the counts
# their own optimized builds use. Compare with `cargo bench --bench e2e`.
#
# Usage: scripts/pgo-bench.sh [BENCH_OPTIONS...]   (as `cargo bench --bench e2e -- ...`)
set -euo pipefail
cd "$(dirname "$0")/.."

profdata=$(scripts/llvm-profdata-path.sh)

dir="$PWD/target/pgo-bench"
rm -rf "$dir/profiles"

echo "==> instrumented benchmark, training run (10 MB, one repetition)" >&2
RUSTFLAGS="-Cprofile-generate=$dir/profiles" \
    cargo bench --bench e2e --target-dir "$dir/instrumented" -- \
    --mb 10 --runs 1 --skip-4x --skip-stages --aliases 0 >&2
"$profdata" merge -o "$dir/e2e.profdata" "$dir/profiles"

echo "==> optimized benchmark" >&2
RUSTFLAGS="-Cprofile-use=$dir/e2e.profdata -Cllvm-args=-pgo-warn-missing-function=false" \
    cargo bench --bench e2e --target-dir "$dir/optimized" -- "$@"

#!/usr/bin/env bash
# Builds newsner with profile-guided optimization (PGO), trained on news of
# your own: an instrumented build extracts the training corpus, and the
# counts it leaves guide the final build's inlining and code layout. The
# release build already uses the committed profile (pgo/README.md), trained
# on US political news; this one fits the news you process. The tables it
# writes are the same.
#
# Usage: scripts/pgo-build.sh [TRAINING_CORPUS...]
#   TRAINING_CORPUS: what `newsner extract` reads (a folder, a JSONL or CSV
#   export); a few MB of the news you will process serve best. Default: the
#   sample corpus, which is small and trains less well.
# Prints the path of the optimized binary (target/pgo/optimized/release/newsner).
#
# The steps are those of the rustc book's "Profile-guided Optimization"
# chapter; llvm-profdata comes with rustup's llvm-tools component, which is
# installed when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

training=("$@")
[ ${#training[@]} -gt 0 ] || training=(corpus)

profdata=$(scripts/llvm-profdata-path.sh)

dir="$PWD/target/pgo"
rm -rf "$dir/profiles" "$dir/training-out"

echo "==> instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$dir/profiles" \
    cargo build --release --target-dir "$dir/instrumented" >&2

echo "==> training on ${training[*]}" >&2
for corpus in "${training[@]}"; do
    # Articles that fail (a malformed line) are listed, and train nothing.
    "$dir/instrumented/release/newsner" extract "$corpus" \
        --out "$dir/training-out" --threads 1 --quiet >&2 ||
        echo "(some articles of $corpus failed; training goes on)" >&2
done
"$profdata" merge -o "$dir/newsner.profdata" "$dir/profiles"

echo "==> optimized build" >&2
RUSTFLAGS="-Cprofile-use=$dir/newsner.profdata -Cllvm-args=-pgo-warn-missing-function=false --cfg newsner_pgo" \
    cargo build --release --target-dir "$dir/optimized" >&2
echo "$dir/optimized/release/newsner"

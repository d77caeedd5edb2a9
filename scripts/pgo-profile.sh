#!/usr/bin/env bash
# Regenerates pgo/newsner.profdata, the profile-guided optimization profile
# that every release and bench build uses (pgo/rustc-wrapper, pgo/README.md).
# Run it after changing code on the hot path, and commit what it writes.
#
# Usage: scripts/pgo-profile.sh [TRAINING_JSONL...]
#   Default: the PolNeAR training split's articles
#   (../shared/data/polnear/polnear_train.jsonl): US political news of
#   2016, none of it in the benchmark's corpus (BBC and Reuters news).
#
# Steps (the rustc book's "Profile-guided Optimization"): an instrumented
# build of the benchmark and of the CLI; training runs of newsner that
# leave their counts; `llvm-profdata merge`. (The benchmark's bare scan is
# built without the profile: pgo/rustc-wrapper.)
# The CLI and the benchmark each build the library with their own features
# (the benchmark's dev-dependencies), so each library build is trained.
# Writes pgo/newsner.profdata, pgo/rustc-commit (the compiler whose builds
# can use it) and pgo/provenance.txt (what it was trained on, and how).
set -euo pipefail
cd "$(dirname "$0")/.."

training=("$@")
[ ${#training[@]} -gt 0 ] || training=(../shared/data/polnear/polnear_train.jsonl)
for corpus in "${training[@]}"; do
    [ -f "$corpus" ] || { echo "pgo-profile: no training file $corpus" >&2; exit 2; }
done

profdata=$(scripts/llvm-profdata-path.sh)
dir="$PWD/target/pgo-profile"
rm -rf "$dir/profiles" "$dir/out"

echo "==> instrumented build (benchmark and CLI)" >&2
export RUSTFLAGS="-Cprofile-generate=$dir/profiles"
cargo build --release --target-dir "$dir/instrumented" >&2
# The benchmark's build below builds the library (and this binary) again
# with the benchmark's features: keep this build of the CLI.
cp "$dir/instrumented/release/newsner" "$dir/newsner-cli"
bench=$(cargo bench --bench e2e --no-run --target-dir "$dir/instrumented" \
    --message-format=json |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
unset RUSTFLAGS
[ -x "$bench" ] || { echo "pgo-profile: no benchmark binary" >&2; exit 1; }
# The build scripts ran instrumented too: keep only the training's counts.
rm -rf "$dir/profiles"

echo "==> training on ${training[*]}" >&2
export LLVM_PROFILE_FILE="$dir/profiles/%p-%m.profraw"
for corpus in "${training[@]}"; do
    for threads in 1 2; do
        "$bench" --child e2e "$corpus" "$threads" "$dir/out/bench" >/dev/null
    done
    # Articles that fail (a malformed line) are listed, and train nothing.
    "$dir/newsner-cli" extract "$corpus" --out "$dir/out/cli" --quiet ||
        echo "(some articles of $corpus failed; training goes on)" >&2
done
unset LLVM_PROFILE_FILE

"$profdata" merge --sparse -o pgo/newsner.profdata "$dir/profiles"
rustc -vV | sed -n 's/^commit-hash: //p' >pgo/rustc-commit
{
    echo "pgo/newsner.profdata, written by scripts/pgo-profile.sh on $(date -u +%Y-%m-%d)"
    changes=$(git status --porcelain -- src benches build.rs Cargo.toml Cargo.lock)
    echo "source: $(git rev-parse --short HEAD)${changes:+ (with uncommitted changes)}"
    echo "training runs: the benchmark's newsner at 1 and 2 threads, newsner extract"
    for corpus in "${training[@]}"; do
        echo "training corpus: $(basename "$corpus"), $(wc -c <"$corpus") bytes, sha256 $(sha256sum "$corpus" | cut -c1-16)... (first 16 hex digits)"
    done
    rustc -vV | sed -n 's/^\(rustc\|LLVM version\)/\1/p'
} >pgo/provenance.txt
cat pgo/provenance.txt >&2
echo "==> wrote pgo/newsner.profdata; the next release build uses it" >&2

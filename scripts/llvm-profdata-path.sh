#!/usr/bin/env bash
# Prints the path of the llvm-profdata that matches this rustc (rustup's
# llvm-tools component, installed when missing): pgo-profile.sh and
# pgo-build.sh merge their training counts with it.
set -euo pipefail
sysroot=$(rustc --print sysroot)
host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
    rustup component add llvm-tools >&2
fi
echo "$profdata"

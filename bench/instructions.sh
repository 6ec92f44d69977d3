#!/usr/bin/env bash
# Instructions executed by a command, whole process, counted by callgrind
# (deterministic, unlike wall time on a shared machine).
#
#   bench/instructions.sh [--no-build] [--keep DIR] -- COMMAND [ARGS...]
#   bench/instructions.sh -- target/release/examples/scale --tasks 1000 --shape chain
#
# Builds in release what COMMAND runs first (unless --no-build): the example
# for target/release/examples/NAME, the binary for target/release/NAME, else
# every example and binary; then
# runs COMMAND under `valgrind --tool=callgrind` with its output discarded,
# and prints the total instruction count (Ir). With --keep DIR the callgrind
# output file stays in DIR, for `callgrind_annotate DIR/callgrind.out`.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
keep=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) build=0; shift ;;
        --keep) keep="$2"; shift 2 ;;
        --) shift; break ;;
        -h|--help) sed -n "2,13p" "$0"; exit 0 ;;
        *) break ;;
    esac
done
if [[ $# -eq 0 ]]; then
    echo "usage: bench/instructions.sh [--no-build] [--keep DIR] -- COMMAND [ARGS...]" >&2
    exit 2
fi
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
if [[ $build -eq 1 ]]; then
    case "$1" in
        target/release/examples/*) cargo build --release --quiet --example "${1#target/release/examples/}" >&2 ;;
        target/release/*) cargo build --release --quiet --workspace --features hera-rs/tool --bin "${1#target/release/}" >&2 ;;
        *) cargo build --release --quiet --features hera-rs/tool --examples --bins >&2 ;;
    esac
fi
dir="${keep:-$(mktemp -d)}"
mkdir -p "$dir"
out="$dir/callgrind.out"
valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>"$dir/valgrind.log" || {
    status=$?
    cat "$dir/valgrind.log" >&2
    exit "$status"
}
total=$(grep -E '^(summary|totals):' "$out" | head -1 | awk '{print $2}')
echo "$total instructions: $*"
[[ -n "$keep" ]] || rm -rf "$dir"

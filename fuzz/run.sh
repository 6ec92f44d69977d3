#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 15).
#   fuzz/run.sh [SECONDS] [TARGET...]
# Needs a nightly toolchain; cargo-fuzz (`cargo install cargo-fuzz`) adds
# AddressSanitizer to the build. FUZZ_SMOKE=1 (the CI smoke run) builds
# the `smoke` profile instead: unoptimised, with libFuzzer's coverage flags
# and without AddressSanitizer, in about a minute instead of eight.
# New corpus entries go to $FUZZ_WORK (default: a temporary directory), never
# into fuzz/corpus/, which holds only our own small seeds. With
# HERA_REFERENCE_DIR set, Argo's and Hera's examples are copied in as seeds
# for the yaml, lint and generate targets at run time (never committed).
# A crash stops the run with cargo-fuzz's exit code; the input is kept under
# fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-15}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(yaml lint when expr depends inputs syntax generate server)
fi
work="${FUZZ_WORK:-$(mktemp -d)}"
# One build of every target (`cargo fuzz run` would build twice, with
# different flags), then each binary is run directly.
host="$(rustc +nightly -vV | sed -n 's/^host: //p')"
profile=release
if [ -z "${FUZZ_SMOKE:-}" ] && cargo fuzz --version >/dev/null 2>&1; then
    cargo +nightly fuzz build
else
    # The coverage instrumentation cargo-fuzz sets, without AddressSanitizer
    # (hera-rs denies unsafe code; what a smoke run looks for is a panic, a
    # hang or runaway memory).
    if [ -n "${FUZZ_SMOKE:-}" ]; then
        profile=smoke
        echo "smoke build: the smoke profile with libFuzzer's coverage flags, without AddressSanitizer"
    else
        echo "cargo-fuzz is not installed: building with libFuzzer's coverage flags, without AddressSanitizer"
    fi
    RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions" \
        cargo +nightly build --profile "$profile" --bins --target "$host" --config 'profile.release.debug="line-tables-only"'
fi
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
bin="$target_dir/$host/$profile"
for target in "${targets[@]}"; do
    mkdir -p "$work/$target"
    if [ -n "${HERA_REFERENCE_DIR:-}" ] && { [ "$target" = yaml ] || [ "$target" = lint ] || [ "$target" = generate ]; }; then
        find "$HERA_REFERENCE_DIR/argo/examples" "$HERA_REFERENCE_DIR/hera-examples" -name '*.yaml' 2>/dev/null \
            | while read -r file; do cp "$file" "$work/$target/$(echo "$file" | md5sum | cut -c1-16)"; done
    fi
    echo "== $target: ${seconds}s"
    mkdir -p "artifacts/$target"
    "$bin/$target" -artifact_prefix="artifacts/$target/" -max_total_time="$seconds" -max_len=65536 \
        -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "$work/$target" "corpus/$target"
done

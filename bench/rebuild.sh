#!/usr/bin/env bash
# Incremental rebuild time after editing the body of a #[script] function
# (the `add` of examples/scale.rs): debug, release, and release with
# incremental compilation (CARGO_PROFILE_RELEASE_INCREMENTAL=true, off by
# default in Cargo's release profile). The file is restored.
set -euo pipefail
cd "$(dirname "$0")/.."
file=examples/scale.rs
backup=$(mktemp)
cp "$file" "$backup"
trap 'cp "$backup" "$file"; rm -f "$backup"' EXIT
measure() { # label, profile, incremental
  export CARGO_PROFILE_RELEASE_INCREMENTAL=$3
  cargo build --quiet --profile "$2" --example scale
  for i in 1 2 3; do
    sed -i "s/    Sum { sum: a + b.*/    Sum { sum: a + b + $i - $i }/" "$file"
    start=$(date +%s.%N)
    cargo build --quiet --profile "$2" --example scale
    echo "$1 rebuild after editing add: $(echo "$(date +%s.%N) - $start" | bc) s"
  done
}
measure dev dev false
measure release release false
measure "release (incremental)" release true

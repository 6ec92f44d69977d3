#!/usr/bin/env bash
# Incremental rebuild time after editing the body of a #[script] function
# (the `add` of examples/scale.rs), debug and release. The file is restored.
set -euo pipefail
cd "$(dirname "$0")/.."
file=examples/scale.rs
backup=$(mktemp)
cp "$file" "$backup"
trap 'cp "$backup" "$file"; rm -f "$backup"' EXIT
for profile in dev release; do
  cargo build --quiet --profile "$profile" --example scale
  for i in 1 2 3; do
    sed -i "s/    Sum { sum: a + b.*/    Sum { sum: a + b + $i - $i }/" "$file"
    start=$(date +%s.%N)
    cargo build --quiet --profile "$profile" --example scale
    echo "$profile rebuild after editing add: $(echo "$(date +%s.%N) - $start" | bc) s"
  done
done

#!/usr/bin/env bash
# Whole-process timings of `cargo run --release --example scale` beside
# Python Hera 7.1.0 building the same WorkflowTemplate (bench/hera_scale.py).
#
#   bench/compare_hera.sh            # full table (a few minutes: Hera is slow at large N)
#   QUICK=1 bench/compare_hera.sh    # smaller sizes
#
# Needs python3 with venv and network access to PyPI for the first run.
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/hera_venv.sh
cargo build --quiet --release --example scale
exec "$venv/bin/python" bench/timings.py --hera-python "$venv/bin/python" --rust target/release/examples/scale ${QUICK:+--quick}

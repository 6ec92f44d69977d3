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

venv="${HERA_VENV:-target/hera-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "hera[yaml]==7.1.0"
fi
cargo build --quiet --release --example scale
exec python3 bench/timings.py --hera-python "$venv/bin/python" --rust target/release/examples/scale ${QUICK:+--quick}

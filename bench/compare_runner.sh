#!/usr/bin/env bash
# The in-pod runner, timed as a whole process on the same input:
#   hera-rs:  target/release/examples/scale exec add FILE
#   Hera:     python -m hera.workflows.runner -e hera_add:add FILE   (Hera 7.1.0)
# plus the release size of the `scale` binary.
#
#   bench/compare_runner.sh
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/hera_venv.sh
cargo build --quiet --release --example scale
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo '[{"name":"a","value":"2"},{"name":"b","value":"40"}]' > "$work/inputs"

HERA_OUT="$work/out" PYTHONPATH=bench "$venv/bin/python" - "$work/inputs" "$venv/bin/python" <<'PY'
import os, statistics, subprocess, sys, time
inputs, python = sys.argv[1], sys.argv[2]
env = dict(os.environ, hera__outputs_directory=os.environ["HERA_OUT"])
def timed(cmd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(cmd, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), out.stdout.decode().strip()
rust, rust_out = timed(["target/release/examples/scale", "exec", "add", inputs], 50)
hera, hera_out = timed([python, "-m", "hera.workflows.runner", "-e", "hera_add:add", inputs], 5)
assert rust_out == "" and hera_out == "42", (rust_out, hera_out)
with open(os.path.join(os.environ["HERA_OUT"], "parameters", "sum")) as f:
    assert f.read() == "42"
print(f"hera-rs runner (scale exec add): {rust * 1000:.2f} ms (median of 50)")
print(f"Hera 7.1.0 runner:               {hera * 1000:.0f} ms (median of 5)")
print(f"speed-up:                        {hera / rust:.0f}x")
PY
size=$(stat -c %s target/release/examples/scale)
echo "scale binary (release): $((size / 1024)) KiB"

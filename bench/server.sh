#!/usr/bin/env bash
# The server client's figures against the fake Argo Server of the tests
# (hera-rs/tests/server/fake.rs), over loopback:
#   1. `hera submit --wait` of a workflow the fake finishes at once: whole-process time;
#   2. `apply` of 200 unchanged WorkflowTemplates: requests made, and time;
#   3. peak memory of `hera logs` reading a ~100 MB log stream.
# Usage: bench/server.sh [RUNS]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-100}"
cargo build --quiet --release -p hera-rs --features tool --bin hera
cargo test --quiet -p hera-rs --test server --no-run
hera="$PWD/target/release/hera"
work="$(mktemp -d)"
port_file="$work/port"
setsid env FAKE_ARGO_PORT_FILE="$port_file" FAKE_ARGO_LOG_LINES=100000 \
  cargo test --quiet -p hera-rs --test server -- --ignored serve_fake >/dev/null 2>&1 &
fake_pid=$!
trap 'kill -- -"$fake_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$port_file" ] && break; sleep 0.1; done
export ARGO_SERVER="http://127.0.0.1:$(cat "$port_file")"

cat > "$work/wf.yaml" <<'YAML'
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: bench-
spec:
  entrypoint: main
  templates:
  - name: main
    container:
      image: busybox
YAML
echo "submit --wait (whole process, $runs runs):"
python3 bench/wall_median.py --runs "$runs" -- "$hera" submit "$work/wf.yaml" --wait

mkdir "$work/wts"
for i in $(seq 200); do
  printf 'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: wt-%03d\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    container:\n      image: busybox:%d\n' "$i" "$i" > "$work/wts/wt-$i.yaml"
done
"$hera" apply "$work/wts" 2>&1 | tail -1
echo "apply of 200 unchanged WorkflowTemplates:"
"$hera" apply "$work/wts" 2>&1 | tail -1
python3 bench/wall_median.py --runs 20 -- "$hera" apply "$work/wts"

name="$("$hera" submit "$work/wf.yaml" 2>&1 | sed -n 's/.* as Workflow argo\///p')"
echo "logs of ~100 MB (100000 lines of 1 KiB):"
/usr/bin/time -f "  peak RSS %M KiB, %e s" "$hera" logs "$name" > /dev/null

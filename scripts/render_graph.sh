#!/usr/bin/env bash
# Renders the README's picture: `hera graph` of Argo's dag-coinflip example (a
# DAG whose tasks run a steps template: nested clusters, `when` conditions and
# a recursive call) through Graphviz to docs/graph-example.svg.
#
# Needs Graphviz (`apt-get install graphviz`) and the reference data in
# ../shared/reference or $HERA_REFERENCE_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

reference="${HERA_REFERENCE_DIR:-$(cd .. && pwd)/shared/reference}"
example="$reference/argo/examples/dag-coinflip.yaml"
if [ ! -f "$example" ]; then
  echo "render_graph: $example not found; set HERA_REFERENCE_DIR" >&2
  exit 2
fi
if ! command -v dot >/dev/null 2>&1; then
  echo "render_graph: Graphviz's dot is not installed (apt-get install graphviz)" >&2
  exit 2
fi

cargo build --quiet -p hera-rs --features tool --bin hera
target="${CARGO_TARGET_DIR:-target}"
mkdir -p docs
"$target/debug/hera" graph "$example" | dot -Tsvg -o docs/graph-example.svg
echo "wrote docs/graph-example.svg"

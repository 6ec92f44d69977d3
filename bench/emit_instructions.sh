#!/usr/bin/env bash
# Instructions executed by the author binary, whole process and split into its
# phases, counted by valgrind's callgrind (exact and repeatable, unlike time).
#
#   bench/emit_instructions.sh                    # chain 1000 and fanin 2000
#   bench/emit_instructions.sh 200 chain          # one shape
#
# Phases (inclusive counts, so nested work is in its phase):
#   build  the objects, as the program's closure makes them (examples/scale.rs)
#   lint   hera::lint over the built objects
#   yaml   writing the YAML stream (hera::yaml::to_string_all)
#   rest   everything else: start-up, argument parsing, printing, freeing
# Needs valgrind (apt-get install valgrind). The example is built in release
# mode with line tables (CARGO_PROFILE_RELEASE_DEBUG=line-tables-only), which
# leaves the code as it is and lets callgrind name functions.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind not found (apt-get install valgrind)" >&2; exit 2; }
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build --quiet --release --example scale
bin=target/release/examples/scale
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Inclusive instructions of the first function whose name matches $2 in profile $1.
phase() {
    callgrind_annotate --inclusive=yes "$1" 2>/dev/null \
        | grep -E "$2" | head -1 | awk '{gsub(",", "", $1); print $1 + 0}'
}

measure() {
    local tasks=$1 shape=$2 file="$out/$1-$2.out"
    valgrind --tool=callgrind --callgrind-out-file="$file" "$bin" --tasks "$tasks" --shape "$shape" \
        >"$out/yaml" 2>"$out/log"
    local total build lint yaml
    total=$(grep -E "Collected" "$out/log" | awk '{print $NF}')
    build=$(phase "$file" ':scale::template \[')
    lint=$(phase "$file" ':hera::lint::lint_documents \[')
    yaml=$(phase "$file" ':hera::yaml::emit::to_string_all \[')
    printf '%-6s %6s  total %12d  build %11d  lint %12d  yaml %11d  rest %11d  (%d bytes)\n' \
        "$shape" "$tasks" "$total" "$build" "$lint" "$yaml" $((total - build - lint - yaml)) \
        "$(wc -c <"$out/yaml")"
}

if [ $# -ge 2 ]; then
    measure "$1" "$2"
else
    measure 1000 chain
    measure 2000 fanin
fi

#!/usr/bin/env python3
"""The dependency policy of the published crates, over `cargo metadata`
(stdin): every crate hera-rs, hera-rs-macros or hera-rs-names depends on
(normal and build dependencies, all features) has a licence of the allowed
list, declares no rust-version above the workspace's, and no crate appears in
two versions.

    cargo metadata --format-version 1 --filter-platform x86_64-unknown-linux-gnu \
        | python3 scripts/check_dependencies.py
"""
import json
import re
import sys
from collections import defaultdict

ALLOWED = {
    "MIT", "Apache-2.0", "Apache-2.0 WITH LLVM-exception", "BSD-3-Clause", "ISC",
    "Unicode-3.0", "Zlib", "Unlicense", "CDLA-Permissive-2.0",
}
PUBLISHED = ["hera-rs", "hera-rs-macros", "hera-rs-names"]


def version(text):
    return tuple(int(part) for part in text.split("."))


def allowed(expression):
    """Whether an SPDX expression is satisfied by the allowed licences
    (`A OR B`: either; `A AND B`: both; `A/B` is an old spelling of OR)."""
    expression = expression.replace("/", " OR ")
    tokens = re.findall(r"\(|\)|[^\s()]+(?:\s+WITH\s+[^\s()]+)?", expression)
    python = []
    for token in tokens:
        if token in ("AND", "OR"):
            python.append(token.lower())
        elif token in "()":
            python.append(token)
        else:
            python.append(str(token in ALLOWED))
    try:
        return bool(eval(" ".join(python), {"__builtins__": {}}))
    except SyntaxError:
        return False


def main():
    metadata = json.load(sys.stdin)
    packages = {p["id"]: p for p in metadata["packages"]}
    nodes = {n["id"]: n for n in metadata["resolve"]["nodes"]}
    roots = [p for p in metadata["packages"] if p["name"] in PUBLISHED]
    msrv = version(roots[0]["rust_version"])
    seen, pending = set(), [p["id"] for p in roots]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for dependency in nodes[current]["deps"]:
            if any(kind["kind"] in (None, "build") for kind in dependency["dep_kinds"]):
                pending.append(dependency["pkg"])
    problems = []
    versions = defaultdict(set)
    for package in (packages[i] for i in sorted(seen)):
        name = package["name"]
        versions[name].add(package["version"])
        expression = package.get("license") or ""
        if not expression or not allowed(expression):
            problems.append(f"{name} {package['version']}: licence {expression or 'none'!r} is not allowed")
        rust = package.get("rust_version")
        if rust and version(rust) > msrv:
            problems.append(f"{name} {package['version']}: rust-version {rust} is above ours")
    for name, found in versions.items():
        if len(found) > 1:
            problems.append(f"{name}: {len(found)} versions ({', '.join(sorted(found))})")
    for problem in problems:
        print(f"dependencies: {problem}", file=sys.stderr)
    print(f"dependencies: {len(seen)} crates checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

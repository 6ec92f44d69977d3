#!/usr/bin/env python3
"""Independent check of `hera fmt` with a different YAML reader.

Usage: pyyaml_oracle.py HERA_BINARY DIR...

For every *.yaml file below the DIRs that `hera fmt` accepts, load the original
and hera's output with PyYAML (libyaml's YAML 1.1 rules, as kubectl's go-yaml
reads them; timestamps stay strings, as go-yaml leaves them when decoding into
JSON) and require equal data. Files hera refuses are counted, not compared:
the Rust conformance suites pin down exactly which those are.
Exit 0 when all compared files are equal, 1 otherwise. Needs PyYAML.
"""

import pathlib
import subprocess
import sys

import yaml


class Loader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# Files in which hera writes a value as Argo's own types read it, so the data
# differs on purpose: Argo's AnyString reads a list parameter value as "" (the
# Rust conformance suite pins the exact field).
ARGO_READINGS = {
    "workflow-event-binding--github-path-filter-workflowtemplate.upstream.yaml",
}


def load(text):
    return [doc for doc in yaml.load_all(text, Loader=Loader) if doc is not None]


def main(binary, dirs):
    compared = refused = readings = 0
    differing = []
    for directory in dirs:
        for path in sorted(pathlib.Path(directory).rglob("*.yaml")):
            run = subprocess.run([binary, "fmt", str(path)], capture_output=True, text=True)
            if run.returncode != 0:
                refused += 1
                continue
            compared += 1
            if load(path.read_text()) != load(run.stdout):
                if path.name in ARGO_READINGS:
                    readings += 1
                else:
                    differing.append(str(path))
    for path in differing:
        print(f"differs: {path}")
    equal = compared - len(differing) - readings
    print(f"{compared} files: {equal} equal as PyYAML reads them, {readings} written as Argo reads them; refused by hera: {refused}")
    return 1 if differing else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2:]))

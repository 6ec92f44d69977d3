#!/usr/bin/env python3
"""A workflow for the local engine's overhead benchmark (`hera run`).

Usage: run_workflow.py --tasks N --shape chain|fanout   (prints the YAML)

chain: a DAG of N tasks, each depending on the one before; fanout: N tasks
that depend on nothing. Every task calls the template `work`, which the
benchmark mocks, so only the engine's own work is measured:

    bench/run_workflow.py --tasks 1000 --shape chain > /tmp/chain.yaml
    bench/wall_median.py --runs 50 -- target/release/hera run /tmp/chain.yaml \\
        --allow-invalid --mock 'work={"phase":"Succeeded"}' -o json

(`--allow-invalid`: more than the CRD's 200 tasks.)
"""

import argparse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--shape", choices=["chain", "fanout"], default="chain")
    args = parser.parse_args()
    lines = [
        "apiVersion: argoproj.io/v1alpha1",
        "kind: Workflow",
        "metadata:",
        f"  name: {args.shape}-{args.tasks}",
        "spec:",
        "  entrypoint: main",
        "  templates:",
        "  - name: main",
        "    dag:",
        "      tasks:",
    ]
    for i in range(args.tasks):
        lines.append(f"      - name: t{i}")
        lines.append("        template: work")
        if args.shape == "chain" and i > 0:
            lines.append(f"        depends: t{i - 1}")
    lines += [
        "  - name: work",
        "    container:",
        "      image: alpine",
        "      command: [sh, -c, 'true']",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()

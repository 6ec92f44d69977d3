#!/usr/bin/env python3
"""Workflows for the local engine's benchmarks (`hera run`).

Usage: run_workflow.py --tasks N --shape chain|fanout|steps   (prints the YAML)
       run_workflow.py --tasks N --shell                      (prints the shell script)

chain: a DAG of N tasks, each depending on the one before; fanout: N tasks
that depend on nothing. Every task calls the template `work`, which the
benchmark mocks, so only the engine's own work is measured:

    bench/run_workflow.py --tasks 1000 --shape chain > /tmp/chain.yaml
    bench/wall_median.py --runs 50 -- target/release/hera run /tmp/chain.yaml \\
        --allow-invalid --mock 'work={"phase":"Succeeded"}' -o json

(`--allow-invalid`: more than the CRD's 200 tasks.)

steps: N steps in N groups, one after another, each running `/bin/true`
for real on the host executor, each in its own private filesystem view;
`--shell` prints the same N processes as a shell script, the anchor:

    bench/run_workflow.py --tasks 100 --shape steps > /tmp/steps.yaml
    bench/run_workflow.py --tasks 100 --shell > /tmp/steps.sh
    bench/wall_median.py --runs 20 -- target/release/hera run /tmp/steps.yaml --executor host
    bench/wall_median.py --runs 20 -- sh /tmp/steps.sh
"""

import argparse


def dag(tasks, shape):
    lines = [
        "apiVersion: argoproj.io/v1alpha1",
        "kind: Workflow",
        "metadata:",
        f"  name: {shape}-{tasks}",
        "spec:",
        "  entrypoint: main",
        "  templates:",
        "  - name: main",
        "    dag:",
        "      tasks:",
    ]
    for i in range(tasks):
        lines.append(f"      - name: t{i}")
        lines.append("        template: work")
        if shape == "chain" and i > 0:
            lines.append(f"        depends: t{i - 1}")
    lines += [
        "  - name: work",
        "    container:",
        "      image: alpine",
        "      command: [sh, -c, 'true']",
    ]
    return lines


def steps(tasks):
    lines = [
        "apiVersion: argoproj.io/v1alpha1",
        "kind: Workflow",
        "metadata:",
        f"  name: steps-{tasks}",
        "spec:",
        "  entrypoint: main",
        "  templates:",
        "  - name: main",
        "    steps:",
    ]
    lines += [f"    - - {{name: s{i}, template: t}}" for i in range(tasks)]
    lines += ["  - name: t", "    container: {image: alpine, command: [/bin/true]}"]
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--shape", choices=["chain", "fanout", "steps"], default="chain")
    parser.add_argument("--shell", action="store_true", help="the steps shape's processes as a shell script")
    args = parser.parse_args()
    if args.shell:
        lines = ["#!/bin/sh"] + ["/bin/true"] * args.tasks
    elif args.shape == "steps":
        lines = steps(args.tasks)
    else:
        lines = dag(args.tasks, args.shape)
    print("\n".join(lines))


if __name__ == "__main__":
    main()

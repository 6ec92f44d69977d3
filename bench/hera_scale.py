#!/usr/bin/env python3
"""Python Hera's version of `cargo run --release --example scale`: a
WorkflowTemplate `bench-<shape>-<N>` whose DAG `main` has N tasks calling one
script template `add` (inputs a, b; output parameter sum), written as
hera-rs writes its `#[script]` function: the author binary runs it in the pod.

Usage: hera_scale.py --tasks N --shape chain|fanin   (prints the YAML)
"""

import argparse

from hera.workflows import DAG, Parameter, Script, WorkflowTemplate
from hera.workflows.models import EnvVar, ValueFrom

# hera-rs's package version, which tags the examples' image.
VERSION = "0.1.0"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=10)
    parser.add_argument("--shape", choices=["chain", "fanin"], default="chain")
    args = parser.parse_args()

    with WorkflowTemplate(name=f"bench-{args.shape}-{args.tasks}", entrypoint="main") as wt:
        add = Script(
            name="add",
            inputs=[Parameter(name="a"), Parameter(name="b")],
            outputs=[Parameter(name="sum", value_from=ValueFrom(path="/tmp/hera-outputs/parameters/sum"))],
            image=f"ghcr.io/hera-rs/examples:v{VERSION}",
            command=["/usr/local/bin/scale"],
            args=["exec", "add"],
            env=[EnvVar(name="hera__outputs_directory", value="/tmp/hera-outputs")],
            source="{{inputs.parameters}}",
        )
        with DAG(name="main"):
            if args.shape == "chain":
                previous = add(name="t0", arguments={"a": "0", "b": "1"})
                for i in range(1, args.tasks):
                    current = add(
                        name=f"t{i}",
                        arguments={"a": previous.get_parameter("sum"), "b": "1"},
                    )
                    previous >> current
                    previous = current
            else:
                tasks = [add(name=f"t{i}", arguments={"a": str(i), "b": "1"}) for i in range(args.tasks)]
                final = add(name="final", arguments={"a": "0", "b": "0"})
                tasks >> final
    print(wt.to_yaml())


if __name__ == "__main__":
    main()

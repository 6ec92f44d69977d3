#!/usr/bin/env python3
"""Python Hera's version of `cargo run --release --example scale`: a
WorkflowTemplate `bench-<shape>-<N>` whose DAG `main` has N tasks calling one
container template `add` (inputs a, b; output parameter sum).

Usage: hera_scale.py --tasks N --shape chain|fanin   (prints the YAML)
"""

import argparse

from hera.workflows import DAG, Container, Parameter, WorkflowTemplate
from hera.workflows.models import ValueFrom


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=10)
    parser.add_argument("--shape", choices=["chain", "fanin"], default="chain")
    args = parser.parse_args()

    with WorkflowTemplate(name=f"bench-{args.shape}-{args.tasks}", entrypoint="main") as wt:
        add = Container(
            name="add",
            inputs=[Parameter(name="a"), Parameter(name="b")],
            outputs=[Parameter(name="sum", value_from=ValueFrom(path="/tmp/sum"))],
            image="alpine:3.23",
            command=["sh", "-c"],
            args=["echo $(({{inputs.parameters.a}} + {{inputs.parameters.b}})) | tee /tmp/sum"],
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

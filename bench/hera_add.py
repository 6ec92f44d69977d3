"""The `add` step of the `scale` example, as a Hera runner-mode script, for
timing Hera's runner (`python -m hera.workflows.runner -e hera_add:add FILE`)
beside `scale exec add FILE`."""

from hera.workflows import script


@script(constructor="runner")
def add(a: int, b: int) -> int:
    return a + b

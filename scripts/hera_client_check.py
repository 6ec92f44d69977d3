"""Drive the fake Argo Server of hera-rs's tests with an independent client:
Hera 7.1.0's WorkflowsService (create, get, lint) and WorkflowTemplate
create/update. The fake checks every body against swagger.json and refuses
unknown fields; any refusal fails here.

    python3 scripts/hera_client_check.py PORT
"""

import sys

from hera.workflows import Container, Workflow, WorkflowsService, WorkflowTemplate
from hera.workflows.models import WorkflowLintRequest


def main() -> int:
    port = int(sys.argv[1])
    service = WorkflowsService(host=f"http://127.0.0.1:{port}", namespace="argo", verify_ssl=False)

    with Workflow(generate_name="hera-", entrypoint="c", namespace="argo", workflows_service=service) as w:
        Container(name="c", image="busybox", command=["echo", "hello"])
    created = w.create()
    name = created.metadata.name
    assert name and name.startswith("hera-"), created.metadata
    got = service.get_workflow(name=name, namespace="argo")
    assert got.metadata.name == name, got.metadata
    linted = service.lint_workflow(WorkflowLintRequest(namespace="argo", workflow=w.build()), namespace="argo")
    assert linted.spec.entrypoint == "c", linted.spec

    with WorkflowTemplate(name="hera-wt", entrypoint="c", namespace="argo", workflows_service=service) as wt:
        Container(name="c", image="busybox", command=["echo", "one"])
    first = wt.create()
    assert first.metadata.resource_version, first.metadata
    wt.templates[0].command = ["echo", "two"]
    second = wt.update()
    assert second.metadata.resource_version != first.metadata.resource_version, (first.metadata, second.metadata)
    print(f"hera 7.1.0 against the fake: create {name}, get, lint, WorkflowTemplate create and update: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())

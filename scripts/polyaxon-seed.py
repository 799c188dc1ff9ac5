"""Seeds a running Polyaxon API server with the real polyaxon client (never hand-written HTTP).

Creates, under the server's single owner:
  - a project `vision` (description, tags, readme);
  - a run `train-resnet` in it with inputs, outputs, metrics (event files through polyaxon's own tracking),
    an uploaded model file and the artifact lineage that points at it, status succeeded;
  - a component hub entity (a project) `trainer` with a component version `v1` holding a real polyaxonfile,
    staged to `staging`;
  - optionally `--runs N` more runs in a project `bulk` (for the list bench).
Prints one JSON line describing what it made (run uuids, names), read by the test and bench scripts.

Environment: POLYAXON_HOST (the server URL), POLYAXON_AUTHENTICATION_TYPE=Basic and POLYAXON_AUTH_TOKEN
(base64 user:password of the server's Django user), POLYAXON_ARTIFACTS_ROOT (the server's local artifacts store — the sandbox
path — so the tracking module writes metric events where the server's streams read them), POLYAXON_HOME (a temporary client home).
"""

import argparse
import json
import os
import sys
import tempfile

from polyaxon import tracking
from polyaxon._schemas.lifecycle import V1Statuses
from polyaxon.client import ProjectClient, RunClient

COMPONENT = """\
version: 1.1
kind: component
name: trainer
description: Trains an image classifier
tags: [vision, training]
inputs:
  - name: learning_rate
    type: float
    value: 0.001
    isOptional: true
  - name: epochs
    type: int
outputs:
  - name: accuracy
    type: float
run:
  kind: job
  container:
    name: trainer
    image: python:3.11
    command: [python, train.py]
    args: ["--lr={{ learning_rate }}", "--epochs={{ epochs }}"]
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--owner", default="default")
    parser.add_argument("--runs", type=int, default=0, help="extra runs in project `bulk`")
    args = parser.parse_args()
    owner = args.owner
    artifacts_root = os.environ["POLYAXON_ARTIFACTS_ROOT"]

    project = ProjectClient(owner=owner)
    project.create(
        {
            "name": "vision",
            "description": "Image models",
            "tags": ["vision", "cv"],
            "readme": "# Vision\n\nClassifiers trained on the team's images.",
        }
    )

    run = RunClient(owner=owner, project="vision")
    run.create(name="train-resnet", description="ResNet-18 baseline", tags=["baseline"], is_managed=False)
    uuid = run.run_uuid
    run.log_inputs(learning_rate=0.001, epochs=3, optimizer="adam", async_req=False)
    run.log_status(V1Statuses.RUNNING, reason="Seed", message="training")

    # metrics through polyaxon's own tracking module, written into the server's local artifacts store
    tracked = tracking.Run(
        owner=owner,
        project="vision",
        run_uuid=uuid,
        artifacts_path=os.path.join(artifacts_root, uuid),
        track_code=False,
        track_env=False,
        track_logs=False,
        collect_artifacts=True,
        collect_resources=False,
        is_new=False,
        auto_create=False,
    )
    for step, (loss, acc) in enumerate([(0.9, 0.61), (0.5, 0.82), (0.3, 0.91)]):
        tracked.log_metrics(step=step, loss=loss, accuracy=acc)
    # end() only flushes a run that tracking itself started (new or offline); this one was made by RunClient, so
    # end() does nothing, and the event writer's daemon thread flushes every 10 s — a seed that finished sooner
    # (a fast, idle machine) left no event files and no metric summaries. _wait closes the writers (flushing the
    # events) and syncs the summaries the server lists as lastMetrics.
    tracked._wait(sync_artifacts=True)
    for name in ("loss", "accuracy"):
        events = os.path.join(artifacts_root, uuid, "events", "metric", name + ".plx")
        if not os.path.isfile(events) or len(open(events).read().splitlines()) < 4:
            raise SystemExit(f"seed: polyaxon's tracking wrote no complete event file {events}")

    # a model file uploaded through the streams API, and the lineage that names it
    with tempfile.TemporaryDirectory() as tmp:
        model = os.path.join(tmp, "model.pt")
        with open(model, "wb") as f:
            f.write(b"resnet-18 weights " * 64)
        run.upload_artifact(filepath=model, path="outputs", overwrite=True)
    run.log_model_ref(
        path=os.path.join(artifacts_root, uuid, "outputs", "model.pt"),
        name="model",
        framework="pytorch",
        summary={"format": "pt"},
        rel_path="outputs/model.pt",
    )
    run.log_outputs(accuracy=0.91, loss=0.3, async_req=False)
    run.log_succeeded(message="seeded")

    hub = ProjectClient(owner=owner)
    hub.create({"name": "trainer", "description": "Trains an image classifier", "tags": ["vision", "training"]})
    hub_project = ProjectClient(owner=owner, project="trainer")
    hub_project.register_component_version(
        version="v1", description="first release", tags=["vision"], content=COMPONENT
    )
    hub_project.stage_component_version("v1", stage="staging", reason="Seed", message="ready for review")

    bulk_uuids = []
    if args.runs:
        ProjectClient(owner=owner).create({"name": "bulk", "description": "many runs"})
        for i in range(args.runs):
            r = RunClient(owner=owner, project="bulk")
            r.create(name=f"run-{i:04d}", is_managed=False)
            bulk_uuids.append(r.run_uuid)

    print(
        json.dumps(
            {
                "owner": owner,
                "project": "vision",
                "run": {"uuid": uuid, "name": "train-resnet"},
                "component": {"project": "trainer", "version": "v1"},
                "bulk": {"project": "bulk", "runs": len(bulk_uuids)} if args.runs else None,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

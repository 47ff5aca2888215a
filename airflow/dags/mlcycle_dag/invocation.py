"""How the training entry point is invoked: one definition for both modes.

The Kubernetes pod and the local subprocess get the same arguments and environment, computed here from the
normalized conf. The pod's templates index into this structure, so the layout of ARGS is fixed.
"""
from __future__ import annotations

import json
from typing import Any

from mlcycle_dag.settings import Settings

# Environment variables the entry point reads (examples/churn-model/training/train.py documents them).
ENV_KEYS = (
    "MLFLOW_TRACKING_URI",
    "MLFLOW_EXPERIMENT_NAME",
    "MLCYCLE_RUN_ID",
    "MLCYCLE_PIPELINE_ID",
    "MLCYCLE_COMMIT",
    "MLCYCLE_DATA_FINGERPRINT",
    "MLCYCLE_IMAGE",
    "MLCYCLE_TRACEPARENT",
    "MLCYCLE_DVC_FILES",
    "MLCYCLE_DVC_REMOTE",
    "AWS_ENDPOINT_URL_S3",
)
# Fixed layout: --data-dir data --params-json <json> --dvc-pull
ARG_COUNT = 5


def training_args(conf: dict[str, Any]) -> list[str]:
    """Arguments of the entry point: the data folder, the hyper-parameters as JSON, and fetch the data with DVC."""
    args = ["--data-dir", "data", "--params-json", json.dumps(conf["params"], sort_keys=True), "--dvc-pull"]
    if len(args) != ARG_COUNT:  # the pod's templates index into this list
        raise RuntimeError('training_args changed shape; update ARG_COUNT')
    return args


def training_env(conf: dict[str, Any], settings: Settings) -> dict[str, str]:
    """Environment of the entry point (values are strings; empty means "not set")."""
    env = {
        "MLFLOW_TRACKING_URI": conf["mlflow"]["trackingUri"],
        "MLFLOW_EXPERIMENT_NAME": conf["mlflow"]["experimentName"],
        "MLCYCLE_RUN_ID": conf["runId"],
        "MLCYCLE_PIPELINE_ID": conf["pipelineId"],
        "MLCYCLE_COMMIT": conf["commit"],
        "MLCYCLE_DATA_FINGERPRINT": conf.get("dataVersion") or "",
        "MLCYCLE_IMAGE": conf.get("image") or "",
        "MLCYCLE_TRACEPARENT": conf.get("traceparent") or "",
        # The image holds only the code: the run's data pointers travel with the run.
        "MLCYCLE_DVC_FILES": json.dumps(conf["data"]["files"], sort_keys=True),
        "MLCYCLE_DVC_REMOTE": conf["data"]["remoteUrl"],
        "AWS_ENDPOINT_URL_S3": settings.s3_endpoint_url,
    }
    if tuple(env) != ENV_KEYS:  # the pod's templates are built from ENV_KEYS
        raise RuntimeError('training_env changed keys; update ENV_KEYS')
    return env


def prepared_run(conf: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """What the validate task hands to the training task (as XCom): the conf and the invocation."""
    return {
        "conf": conf,
        "command": ["python", conf["entryPoint"]],
        "args": training_args(conf),
        "env": training_env(conf, settings),
    }

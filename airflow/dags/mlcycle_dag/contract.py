"""The conf contract: what the mlcycle app sends as `conf` when it triggers a training run.

One JSON Schema is the source of truth. The DAG turns its properties into Airflow Params, so Airflow's REST API
rejects a bad conf when the run is triggered (HTTP 400), and `normalize_conf` checks it again inside the run
(with the mode-specific rules a schema cannot express) before anything is executed.
"""
from __future__ import annotations

from typing import Any

import jsonschema

RUN_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"
PIPELINE_ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
COMMIT_PATTERN = r"^[0-9a-f]{40}$"
# A relative path inside the repository: no leading slash, no `..` segment, no backslash.
REPO_PATH_PATTERN = r"^(?!/)(?!(?:.*/)?\.\.(?:/|$))[^\\]{1,512}$"

CONF_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["runId", "pipelineId", "commit", "mlflow"],
    "properties": {
        "runId": {"type": "string", "pattern": RUN_ID_PATTERN, "description": "mlcycle run id (MLflow tag mlcycle.run_id)"},
        "pipelineId": {"type": "string", "pattern": PIPELINE_ID_PATTERN, "description": "mlcycle pipeline id"},
        "commit": {"type": "string", "pattern": COMMIT_PATTERN, "description": "commit of the training code"},
        "dataVersion": {"type": "string", "maxLength": 512, "default": "", "description": "data fingerprint (tag mlcycle.data_fingerprint)"},
        "image": {"type": "string", "maxLength": 1024, "default": "", "description": "training image reference; required in kubernetes mode"},
        "params": {
            "type": "object",
            "default": {},
            "additionalProperties": {"type": ["string", "number", "boolean"]},
            "description": "hyper-parameters for the entry point",
        },
        "mlflow": {
            "type": "object",
            "required": ["experimentName"],
            "properties": {
                "experimentName": {"type": "string", "minLength": 1, "maxLength": 500},
                "trackingUri": {"type": "string", "minLength": 1, "maxLength": 2048},
            },
            "description": "MLflow experiment and (optionally) tracking URI",
        },
        "callbackUrl": {"type": ["string", "null"], "pattern": r"^https?://", "default": None, "description": "app endpoint told about the outcome"},
        "codePath": {"type": "string", "pattern": REPO_PATH_PATTERN, "default": ".", "description": "folder of the training code in the repo"},
        "entryPoint": {"type": "string", "pattern": r"^[A-Za-z0-9_./-]{1,200}\.py$", "default": "train.py", "description": "training script in codePath"},
        "repoPath": {"type": ["string", "null"], "maxLength": 4096, "default": None, "description": "local mode: git repository holding the commit"},
    },
}


class ConfError(ValueError):
    """The conf does not satisfy the contract. The message lists every problem."""


def _required_fields(mode: str) -> list[str]:
    return ["repoPath"] if mode == "local" else ["image"]


def normalize_conf(conf: dict[str, Any] | None, *, mode: str, default_tracking_uri: str | None) -> dict[str, Any]:
    """Validate `conf` against CONF_SCHEMA and the mode's rules; return it with defaults filled in."""
    conf = dict(conf or {})
    validator = jsonschema.Draft202012Validator(CONF_SCHEMA)
    problems = [f"{'.'.join(str(p) for p in e.absolute_path) or '(conf)'}: {e.message}" for e in validator.iter_errors(conf)]
    for field in _required_fields(mode):
        if not conf.get(field):
            problems.append(f"{field}: required in {mode} mode")
    mlflow = dict(conf.get("mlflow") or {})
    if not mlflow.get("trackingUri"):
        if default_tracking_uri:
            mlflow["trackingUri"] = default_tracking_uri
        else:
            problems.append("mlflow.trackingUri: not in the conf and MLFLOW_TRACKING_URI is not set on the Airflow workers")
    if problems:
        raise ConfError("invalid conf: " + "; ".join(sorted(problems)))
    normalized = {key: spec["default"] for key, spec in CONF_SCHEMA["properties"].items() if "default" in spec}
    normalized.update({k: v for k, v in conf.items() if k in CONF_SCHEMA["properties"]})
    normalized["mlflow"] = mlflow
    return normalized

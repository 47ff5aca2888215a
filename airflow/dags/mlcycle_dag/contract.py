"""The conf contract: what the mlcycle app sends as `conf` when it triggers a training run.

One JSON Schema is the source of truth. The DAG turns its properties into Airflow Params, so Airflow's REST API
rejects a bad conf when the run is triggered (HTTP 400), and `normalize_conf` checks it again inside the run
(with the rules a schema cannot express) before anything is executed.

The fields (`required`: runId, pipelineId, commit, image, data, mlflow):

  runId, pipelineId, commit   the mlcycle run, its pipeline, and the 40-hex commit of the training code
  image       the image the run recorded, by digest: `<registry host>/<repository>@sha256:<64 hex>` (an optional
              `:<tag>` before the `@` is allowed and ignored). Kubernetes mode runs it as the pod; local mode pulls
              it from the registry and runs the entry point in its files (local_runner.py).
  data        the run's data pointers, which travel with each run because the image holds only the code:
                {"remoteUrl": "s3://<bucket>/<prefix>",
                 "files": {"<repo-relative path of a .dvc file, dvc.lock or dvc.yaml>": "<its text at the commit>"}}
              1 to MAX_DVC_FILES files, each path matching REPO_PATH_PATTERN and DVC_FILE_PATTERN, each text at most
              MAX_DVC_FILE_CHARS characters and all of them together at most MAX_DVC_TOTAL_CHARS. The entry point
              gets them as MLCYCLE_DVC_FILES (JSON of `files`) and MLCYCLE_DVC_REMOTE (invocation.py).
  dataVersion the data fingerprint (tag mlcycle.data_fingerprint); params  hyper-parameters (flat scalars)
  mlflow      {"experimentName", "trackingUri"?}; the workers' MLFLOW_TRACKING_URI fills a missing trackingUri
  traceparent the run's W3C trace context (logged by validate_conf, tagged mlcycle.traceparent by the training)
  callbackUrl the app endpoint told about the outcome; entryPoint  the script in the image's working dir

Fields this contract does not name are ignored, so an older or newer app can still trigger runs.
"""
from __future__ import annotations

from typing import Any

import jsonschema

RUN_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"
PIPELINE_ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
COMMIT_PATTERN = r"^[0-9a-f]{40}$"
# A relative path inside the repository: no leading slash, no `..` segment, no backslash, no control character.
REPO_PATH_PATTERN = r"^(?!/)(?!(?:.*/)?\.\.(?:/|$))[^\\\x00-\x1f]{1,512}$"
# What DVC reads: `<name>.dvc` files, or a stage file and its lock. Never anything under `.dvc/`.
DVC_FILE_PATTERN = r"^(?!(?:.*/)?\.dvc/)(?:.*/)?(?:[^/]+\.dvc|dvc\.lock|dvc\.yaml)$"
# A registry host (name or IPv4, or a bracketed IPv6 such as [::1], optional port), an OCI repository, an optional tag, a digest.
IMAGE_PATTERN = (
    r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(?::[0-9]{1,5})?/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
    r"(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@sha256:[0-9a-f]{64}$"
)
MAX_DVC_FILES = 100
MAX_DVC_FILE_CHARS = 65536
MAX_DVC_TOTAL_CHARS = 1_000_000

CONF_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["runId", "pipelineId", "commit", "image", "data", "mlflow"],
    "properties": {
        "runId": {"type": "string", "pattern": RUN_ID_PATTERN, "description": "mlcycle run id (MLflow tag mlcycle.run_id)"},
        "pipelineId": {"type": "string", "pattern": PIPELINE_ID_PATTERN, "description": "mlcycle pipeline id"},
        "commit": {"type": "string", "pattern": COMMIT_PATTERN, "description": "commit of the training code"},
        "dataVersion": {"type": "string", "maxLength": 512, "default": "", "description": "data fingerprint (tag mlcycle.data_fingerprint)"},
        "image": {"type": "string", "maxLength": 1024, "pattern": IMAGE_PATTERN, "description": "training image by digest: <registry>/<repository>@sha256:<hex>"},
        "data": {
            "type": "object",
            "required": ["remoteUrl", "files"],
            "properties": {
                "remoteUrl": {"type": "string", "maxLength": 1024, "pattern": r"^s3://[a-z0-9.-]{3,63}(?:/[^\x00-\x1f]*)?$"},
                "files": {
                    "type": "object",
                    "minProperties": 1,
                    "maxProperties": MAX_DVC_FILES,
                    "propertyNames": {"allOf": [{"pattern": REPO_PATH_PATTERN}, {"pattern": DVC_FILE_PATTERN}]},
                    "additionalProperties": {"type": "string", "maxLength": MAX_DVC_FILE_CHARS},
                },
            },
            "description": "the run's data pointers: the DVC remote and the .dvc / dvc.lock files at the commit",
        },
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
        "traceparent": {
            "type": ["string", "null"],
            "pattern": r"^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$",
            "default": None,
            "description": "the mlcycle run's W3C traceparent (MLflow tag mlcycle.traceparent; App Insights operation id = its trace id)",
        },
        "callbackUrl": {"type": ["string", "null"], "pattern": r"^https?://", "default": None, "description": "app endpoint told about the outcome"},
        "entryPoint": {"type": "string", "pattern": r"^(?!/)(?!(?:.*/)?\.\.(?:/|$))[A-Za-z0-9_./-]{1,200}\.py$", "default": "train.py", "description": "training script in the image's working dir"},
    },
}


class ConfError(ValueError):
    """The conf does not satisfy the contract. The message lists every problem."""


def _data_problems(data: Any) -> list[str]:
    """What the schema cannot say: the total size of the DVC files."""
    files = data.get("files") if isinstance(data, dict) else None
    if isinstance(files, dict) and sum(len(t) for t in files.values() if isinstance(t, str)) > MAX_DVC_TOTAL_CHARS:
        return [f"data.files: more than {MAX_DVC_TOTAL_CHARS} characters in all"]
    return []


def normalize_conf(conf: dict[str, Any] | None, *, mode: str, default_tracking_uri: str | None) -> dict[str, Any]:
    """Validate `conf` against CONF_SCHEMA and the rules beyond it; return it with defaults filled in.

    The rules are the same in both modes (`mode` names the mode for rules that would differ)."""
    conf = dict(conf or {})
    validator = jsonschema.Draft202012Validator(CONF_SCHEMA)
    problems = [f"{'.'.join(str(p) for p in e.absolute_path) or '(conf)'}: {e.message}" for e in validator.iter_errors(conf)]
    problems.extend(_data_problems(conf.get("data")))
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

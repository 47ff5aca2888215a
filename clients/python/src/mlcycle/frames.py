"""Runs, lineage and decisions as pandas DataFrames (the optional ``mlcycle-client[pandas]`` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

LINEAGE_COLUMNS = ["kind", "key", "url", "details"]
DECISION_COLUMNS = ["rule", "metric", "champion", "challenger", "threshold", "passed", "detail"]
RUN_COLUMNS = [
    "run_id", "pipeline_id", "kind", "status", "created_at", "commit", "data_fingerprint",
    "image_digest", "airflow_run", "mlflow_run_id", "model", "outcome",
]


def require_pandas() -> None:
    """Raise an ImportError naming the extra to install when pandas is missing."""
    try:
        import pandas  # noqa: F401
    except ImportError as e:
        raise ImportError(
            "DataFrames need pandas: pip install 'mlcycle-client[pandas]'"
        ) from e


def lineage_rows(run: dict[str, Any]) -> list[dict[str, Any]]:
    """The run's lineage nodes, in the order they were made: commit, data, image, airflow, mlflow, model."""
    lineage = run.get("lineage") or {}
    links = run.get("links") or {}
    rows: list[dict[str, Any]] = []
    if lineage.get("commitSha"):
        rows.append({"kind": "commit", "key": lineage["commitSha"], "url": links.get("commit"), "details": {}})
    if data := lineage.get("data"):
        details = {"remoteUrl": data.get("remoteUrl"), "paths": data.get("paths", [])}
        rows.append({"kind": "data", "key": data["fingerprint"], "url": None, "details": details})
    if image := lineage.get("image"):
        key = f"{image['registry']}/{image['repository']}:{image['tag']}"
        details = {k: image[k] for k in ("digest", "buildId", "built") if k in image}
        rows.append({"kind": "image", "key": key, "url": links.get("imageBuild") or image.get("buildUrl"), "details": details})
    if airflow := lineage.get("airflow"):
        key = f"{airflow['dagId']}/{airflow['dagRunId']}"
        details = {"state": airflow.get("state")}
        rows.append({"kind": "airflow", "key": key, "url": links.get("airflow") or airflow.get("url"), "details": details})
    if mlflow := lineage.get("mlflow"):
        details = {k: mlflow.get(k) for k in ("experimentId", "metrics", "params", "artifactUri")}
        rows.append({"kind": "mlflow", "key": mlflow["runId"], "url": links.get("mlflowRun"), "details": details})
    if model := lineage.get("model"):
        details = {k: model.get(k) for k in ("aliasesMoved", "previousChampion")}
        key = f"{model['name']}:{model['version']}"
        rows.append({"kind": "model", "key": key, "url": links.get("modelVersion"), "details": details})
    return rows


def lineage_frame(run: dict[str, Any]) -> pandas.DataFrame:
    """One row per lineage node: kind, key, url, details."""
    require_pandas()
    import pandas as pd

    return pd.DataFrame(lineage_rows(run), columns=LINEAGE_COLUMNS)


def decision_frame(run: dict[str, Any]) -> pandas.DataFrame:
    """One row per policy rule: the metric, the champion's and the challenger's numbers, the threshold, passed."""
    require_pandas()
    import pandas as pd

    rules = (run.get("decision") or {}).get("rules", [])
    return pd.DataFrame([{c: r.get(c) for c in DECISION_COLUMNS} for r in rules], columns=DECISION_COLUMNS)


def run_row(run: dict[str, Any]) -> dict[str, Any]:
    """A run's summary with its lineage's ids, for a table of runs."""
    lineage = run.get("lineage") or {}
    model = lineage.get("model")
    airflow = lineage.get("airflow")
    return {
        "run_id": run["id"],
        "pipeline_id": run["pipelineId"],
        "kind": run.get("kind", "training"),
        "status": run["status"],
        "created_at": run.get("createdAt"),
        "commit": lineage.get("commitSha"),
        "data_fingerprint": (lineage.get("data") or {}).get("fingerprint"),
        "image_digest": (lineage.get("image") or {}).get("digest"),
        "airflow_run": airflow["dagRunId"] if airflow else None,
        "mlflow_run_id": (lineage.get("mlflow") or {}).get("runId"),
        "model": f"{model['name']}:{model['version']}" if model else None,
        "outcome": (run.get("decision") or {}).get("outcome"),
    }


def runs_frame(runs: list[dict[str, Any]]) -> pandas.DataFrame:
    """One row per run (see ``run_row``)."""
    require_pandas()
    import pandas as pd

    return pd.DataFrame([run_row(r) for r in runs], columns=RUN_COLUMNS)

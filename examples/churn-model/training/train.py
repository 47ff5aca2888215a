"""Train the example classifier and record it in MLflow with the mlcycle lineage tags.

The same entry point runs in both training modes of the mlcycle DAG, always from the image built from this folder
(which holds only the code): as the command of the Kubernetes pod, or on one machine as a subprocess in the image's
files. Everything comes from arguments and environment variables, so the DAG decides what runs:

  MLFLOW_TRACKING_URI       the tracking server (read by MLflow itself)
  MLFLOW_EXPERIMENT_NAME    the experiment (or --experiment)
  MLCYCLE_RUN_ID            the mlcycle run id; tagged, and used to make a retry find its finished run
  MLCYCLE_PIPELINE_ID, MLCYCLE_COMMIT, MLCYCLE_DATA_FINGERPRINT, MLCYCLE_IMAGE   lineage tags
  MLCYCLE_TRACEPARENT       the run's W3C traceparent, tagged mlcycle.traceparent (its trace in App Insights)
  --params-json '{"C": 0.5}' / --param C=0.5   hyper-parameters (see DEFAULTS)
  --dvc-pull                 fetch the data from the DVC remote first: into a workspace of its own when
                             MLCYCLE_DVC_FILES / MLCYCLE_DVC_REMOTE carry the run's data pointers (data_source.py;
                             --workspace names the folder, default a temporary one), else in this DVC project
  --data-dir                 the data folder; a relative one is taken from the DVC project's root (default `data`)
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

from data_source import UsageError, check_tracked, dvc_files_from_env, dvc_pull, dvc_workspace, find_dvc_root, tracked_outputs

HERE = Path(__file__).resolve().parent
TARGET = "target"
DEFAULTS: dict[str, Any] = {"model": "logreg", "C": 1.0, "max_iter": 2000, "n_estimators": 200, "max_depth": 6, "seed": 42}
TAGS_FROM_ENV = {
    "mlcycle.run_id": "MLCYCLE_RUN_ID",
    "mlcycle.pipeline_id": "MLCYCLE_PIPELINE_ID",
    "mlcycle.commit": "MLCYCLE_COMMIT",
    "mlcycle.data_fingerprint": "MLCYCLE_DATA_FINGERPRINT",
    "mlcycle.image": "MLCYCLE_IMAGE",
    "mlcycle.traceparent": "MLCYCLE_TRACEPARENT",
}


def parse_params(params_json: str | None, pairs: list[str]) -> dict[str, Any]:
    """Merge DEFAULTS, a JSON object and `key=value` pairs (later wins), coercing each value to its default's type."""
    given: dict[str, Any] = {}
    if params_json:
        loaded = json.loads(params_json)
        if not isinstance(loaded, dict):
            raise UsageError("--params-json must be a JSON object")
        given.update(loaded)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"--param expects key=value, got {pair!r}")
        given[key] = value
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise UsageError(f"unknown parameter(s): {', '.join(unknown)}; known: {', '.join(sorted(DEFAULTS))}")
    params = dict(DEFAULTS)
    for key, value in given.items():
        kind = type(DEFAULTS[key])
        try:
            params[key] = kind(value) if not isinstance(value, kind) else value
        except (TypeError, ValueError) as exc:
            raise UsageError(f"parameter {key} must be a {kind.__name__}, got {value!r}") from exc
    if params["model"] not in ("logreg", "random_forest"):
        raise UsageError("parameter model must be 'logreg' or 'random_forest'")
    return params


def dvc_fingerprint(dvc_file: Path) -> str | None:
    """The md5 DVC recorded for the data (e.g. `<md5>.dir`), read from the .dvc file without importing DVC."""
    if not dvc_file.exists():
        return None
    for line in dvc_file.read_text(encoding="utf-8").splitlines():
        stripped = line.strip().lstrip("- ").strip()
        if stripped.startswith("md5:"):
            return stripped.split(":", 1)[1].strip()
    return None


def build_model(params: dict[str, Any]):
    """A scikit-learn pipeline for the chosen model."""
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if params["model"] == "random_forest":
        return RandomForestClassifier(n_estimators=params["n_estimators"], max_depth=params["max_depth"], random_state=params["seed"])
    return make_pipeline(StandardScaler(), LogisticRegression(C=params["C"], max_iter=params["max_iter"], random_state=params["seed"]))


def evaluate(model, x, y) -> dict[str, float]:
    """The metrics the mlcycle policy compares: auc, precision, recall, accuracy, f1 (on the held-out split)."""
    from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score

    predicted = model.predict(x)
    scores = model.predict_proba(x)[:, 1]
    return {
        "auc": float(roc_auc_score(y, scores)),
        "precision": float(precision_score(y, predicted)),
        "recall": float(recall_score(y, predicted)),
        "accuracy": float(accuracy_score(y, predicted)),
        "f1": float(f1_score(y, predicted)),
    }


def finished_run_for(client, experiment_id: str, run_id: str):
    """A FINISHED MLflow run already tagged with this mlcycle run id (a retried task must not train twice)."""
    runs = client.search_runs(
        [experiment_id],
        filter_string=f"tags.`mlcycle.run_id` = '{run_id}' and attributes.status = 'FINISHED'",
        max_results=1,
    )
    return runs[0] if runs else None


def fetch_data(args: argparse.Namespace, stack: contextlib.ExitStack) -> Path:
    """The DVC project root the data folder is relative to, after pulling the data into it when asked."""
    files_json = os.environ.get("MLCYCLE_DVC_FILES")
    if args.dvc_pull and files_json:
        files = dvc_files_from_env(files_json)
        remote = os.environ.get("MLCYCLE_DVC_REMOTE")
        if not remote:
            raise UsageError("MLCYCLE_DVC_FILES is set but MLCYCLE_DVC_REMOTE is not")
        workspace = Path(args.workspace) if args.workspace else Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="mlcycle-data-")))
        dvc_workspace(workspace, files, remote)
        check_tracked(resolve_data_dir(args.data_dir, workspace), tracked_outputs(workspace, files), workspace)
        dvc_pull(workspace)
        return workspace
    root = find_dvc_root(HERE) or HERE
    if args.dvc_pull:
        if not (root / ".dvc").is_dir():
            raise UsageError(f"--dvc-pull: {HERE} is in no DVC project and MLCYCLE_DVC_FILES is not set")
        dvc_pull(root)
    return root


def resolve_data_dir(data_dir: str, root: Path) -> Path:
    """A relative data folder is taken from the DVC project's root."""
    path = Path(data_dir)
    return path if path.is_absolute() else root / path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the mlcycle example classifier and log it to MLflow.")
    parser.add_argument("--data-dir", default=os.environ.get("MLCYCLE_DATA_DIR", "data"), help="folder with train.csv and test.csv")
    parser.add_argument("--params-json", default=os.environ.get("MLCYCLE_PARAMS"), help="hyper-parameters as a JSON object")
    parser.add_argument("--param", action="append", default=[], help="one hyper-parameter as key=value (repeatable)")
    parser.add_argument("--experiment", default=os.environ.get("MLFLOW_EXPERIMENT_NAME", "churn-model"))
    parser.add_argument("--dvc-pull", action="store_true", help="fetch the DVC-tracked data before training")
    parser.add_argument("--workspace", help="with MLCYCLE_DVC_FILES: the folder to pull into (default: a temporary one)")
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        try:
            params = parse_params(args.params_json, args.param)
            root = fetch_data(args, stack)
        except (UsageError, json.JSONDecodeError) as exc:
            print(f"train.py: {exc}", file=sys.stderr)
            return 2
        return train_and_log(params, resolve_data_dir(args.data_dir, root), args.experiment)


def train_and_log(params: dict[str, Any], data_dir: Path, experiment_name: str) -> int:
    """Train, evaluate and log the model (or find the finished run of a retried task); prints MLCYCLE_RESULT."""
    # MLflow hints that the inferred output schema (0/1 class labels) is an integer column; that is intended.
    warnings.filterwarnings("ignore", message="Hint: Inferred schema contains integer column")
    import mlflow
    import pandas as pd
    from mlflow.tracking import MlflowClient

    train = pd.read_csv(data_dir / "train.csv")
    test = pd.read_csv(data_dir / "test.csv")
    # Features are measurements: read them as floats even where a CSV value happens to be a whole number.
    x_train, y_train = train.drop(columns=[TARGET]).astype("float64"), train[TARGET]
    x_test, y_test = test.drop(columns=[TARGET]).astype("float64"), test[TARGET]

    tags = {tag: os.environ[var] for tag, var in TAGS_FROM_ENV.items() if os.environ.get(var)}
    # `dvc add data` records the folder in data.dvc next to it.
    recorded = dvc_fingerprint(data_dir.with_name(f"{data_dir.name}.dvc"))
    tags.setdefault("mlcycle.data_fingerprint", recorded or "unknown")
    if recorded:
        tags["mlcycle.data_md5"] = recorded

    experiment = mlflow.set_experiment(experiment_name)
    mlcycle_run_id = tags.get("mlcycle.run_id")
    if mlcycle_run_id:
        earlier = finished_run_for(MlflowClient(), experiment.experiment_id, mlcycle_run_id)
        if earlier is not None:
            print(f"MLCYCLE_RESULT {json.dumps({'mlflowRunId': earlier.info.run_id, 'reused': True})}")
            return 0

    with mlflow.start_run(run_name=mlcycle_run_id, tags=tags) as run:
        mlflow.log_params(params)
        mlflow.log_params({"rows_train": len(train), "rows_test": len(test), "features": x_train.shape[1]})
        model = build_model(params).fit(x_train, y_train)
        metrics = evaluate(model, x_test, y_test)
        mlflow.log_metrics(metrics)
        info = mlflow.sklearn.log_model(model, name="model", input_example=x_test.head(3))
        mlflow.set_tag("mlcycle.model_uri", info.model_uri)
        result = {"mlflowRunId": run.info.run_id, "experimentId": experiment.experiment_id, "modelUri": info.model_uri, "metrics": metrics}
    print(f"MLCYCLE_RESULT {json.dumps(result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The example project: its data is exactly what data.dvc records, and train.py logs what mlcycle reads."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, TRAINING
from prepare_data import write_dataset
from train import UsageError, dvc_fingerprint, parse_params


def dvc_dir_hash(folder: Path) -> tuple[str, int, int]:
    """DVC 3's hash of a directory: md5 of the JSON manifest of its files' md5s, plus '.dir' (and size, nfiles)."""
    entries, size = [], 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        size += len(data)
        entries.append({"md5": hashlib.md5(data).hexdigest(), "relpath": path.relative_to(folder).as_posix()})
    manifest = json.dumps(sorted(entries, key=lambda e: e["relpath"]), sort_keys=True).encode()
    return hashlib.md5(manifest).hexdigest() + ".dir", size, len(entries)


def test_prepare_data_reproduces_the_tracked_data_exactly(tmp_path):
    write_dataset(tmp_path / "data")
    md5, size, nfiles = dvc_dir_hash(tmp_path / "data")
    recorded = (PROJECT / "data.dvc").read_text()
    assert dvc_fingerprint(PROJECT / "data.dvc") == md5
    assert f"size: {size}" in recorded
    assert f"nfiles: {nfiles}" in recorded


def test_params_are_merged_and_coerced():
    assert parse_params('{"C": 0.5}', ["max_iter=50"])["C"] == 0.5
    assert parse_params(None, ["C=2", "model=random_forest", "n_estimators=10"]) | {} == {
        "model": "random_forest", "C": 2.0, "max_iter": 2000, "n_estimators": 10, "max_depth": 6, "seed": 42,
    }
    with pytest.raises(UsageError, match="unknown parameter"):
        parse_params('{"alpha": 1}', [])
    with pytest.raises(UsageError, match="must be a int"):
        parse_params(None, ["n_estimators=many"])
    with pytest.raises(UsageError, match="model must be"):
        parse_params(None, ["model=svm"])


def test_train_logs_params_metrics_model_and_lineage_tags(tmp_path):
    from mlflow.tracking import MlflowClient

    write_dataset(tmp_path / "data")
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    env = {
        **os.environ,
        "MLFLOW_TRACKING_URI": uri,
        "MLFLOW_EXPERIMENT_NAME": "churn-test",
        "MLCYCLE_RUN_ID": "run-1",
        "MLCYCLE_PIPELINE_ID": "churn-model",
        "MLCYCLE_COMMIT": "0" * 40,
        "MLCYCLE_DATA_FINGERPRINT": "fp-1",
        "MLCYCLE_IMAGE": "acr.example/churn:1",
    }
    cmd = [sys.executable, str(TRAINING / "train.py"), "--data-dir", str(tmp_path / "data"), "--params-json", '{"C": 0.5}']
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    result = json.loads(next(l for l in out.splitlines() if l.startswith("MLCYCLE_RESULT "))[len("MLCYCLE_RESULT "):])

    run = MlflowClient(uri).get_run(result["mlflowRunId"])
    assert run.info.status == "FINISHED"
    assert run.data.params["C"] == "0.5"
    assert set(run.data.metrics) >= {"auc", "precision", "recall", "accuracy", "f1"}
    assert all(0.8 < run.data.metrics[m] <= 1.0 for m in ("auc", "precision", "recall", "accuracy"))
    tags = run.data.tags
    assert tags["mlcycle.run_id"] == "run-1"
    assert tags["mlcycle.pipeline_id"] == "churn-model"
    assert tags["mlcycle.commit"] == "0" * 40
    assert tags["mlcycle.data_fingerprint"] == "fp-1"
    assert tags["mlcycle.image"] == "acr.example/churn:1"
    assert tags["mlcycle.model_uri"] == result["modelUri"]
    assert result["modelUri"].startswith("models:/")

    # A retried task finds the finished run instead of training again.
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    assert f'"mlflowRunId": "{result["mlflowRunId"]}", "reused": true' in again


def test_bad_params_exit_with_a_usage_error(tmp_path):
    proc = subprocess.run([sys.executable, str(TRAINING / "train.py"), "--param", "C"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "key=value" in proc.stderr

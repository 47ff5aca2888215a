"""train.py's workspace mode: the data pointers come from the environment, not from the folder train.py lives in.

The DAG passes the run's .dvc files as MLCYCLE_DVC_FILES and the remote as MLCYCLE_DVC_REMOTE; train.py makes a DVC
workspace of its own, pulls, and trains on what it pulled. A local-folder remote stands in for S3 here (the stack
tests pull from MinIO).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TRAINING
from prepare_data import write_dataset
from train import UsageError, dvc_files_from_env


def dvc(cwd: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "dvc", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pushed(tmp_path_factory) -> tuple[str, str]:
    """Data with another split than the committed one, pushed to a local remote: (remote, text of data.dvc)."""
    base = tmp_path_factory.mktemp("dvc")
    project, remote = base / "project", base / "remote"
    project.mkdir()
    write_dataset(project / "data", seed=7)
    dvc(project, "init", "--no-scm", "--quiet")
    dvc(project, "remote", "add", "--default", "storage", str(remote))
    dvc(project, "add", "--quiet", "data")
    dvc(project, "push", "--quiet")
    return str(remote), (project / "data.dvc").read_text()


def md5_of(dvc_text: str) -> str:
    return next(line.split(":", 1)[1].strip() for line in dvc_text.splitlines() if line.strip().startswith("- md5:"))


def run_train(tmp_path: Path, env_extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MLFLOW_TRACKING_URI": f"sqlite:///{tmp_path / 'mlflow.db'}", "MLFLOW_EXPERIMENT_NAME": "ws", **env_extra}
    # Run from an unrelated folder: nothing may come from the working directory or the folder of train.py.
    cwd = tmp_path / "elsewhere"
    cwd.mkdir(exist_ok=True)
    return subprocess.run([sys.executable, str(TRAINING / "train.py"), *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_trains_on_the_data_pulled_into_its_own_workspace(tmp_path, pushed):
    from mlflow.tracking import MlflowClient

    remote, dvc_text = pushed
    workspace = tmp_path / "ws"
    env = {"MLCYCLE_DVC_FILES": json.dumps({"data.dvc": dvc_text}), "MLCYCLE_DVC_REMOTE": remote}
    proc = run_train(tmp_path, env, "--data-dir", "data", "--dvc-pull", "--workspace", str(workspace))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(next(l for l in proc.stdout.splitlines() if l.startswith("MLCYCLE_RESULT "))[len("MLCYCLE_RESULT "):])
    run = MlflowClient(f"sqlite:///{tmp_path / 'mlflow.db'}").get_run(result["mlflowRunId"])
    # The md5 of the pulled data, which differs from the example's committed data.dvc.
    assert run.data.tags["mlcycle.data_md5"] == md5_of(dvc_text)
    assert (workspace / "data" / "train.csv").is_file()
    assert (workspace / "data.dvc").read_text() == dvc_text
    assert not (TRAINING / "data").exists()


def test_a_temporary_workspace_is_removed_afterwards(tmp_path, pushed, monkeypatch):
    remote, dvc_text = pushed
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {"MLCYCLE_DVC_FILES": json.dumps({"data.dvc": dvc_text}), "MLCYCLE_DVC_REMOTE": remote, "TMPDIR": str(scratch)}
    proc = run_train(tmp_path, env, "--data-dir", "data", "--dvc-pull")
    assert proc.returncode == 0, proc.stderr
    # (MLflow and DVC leave files of their own in TMPDIR.)
    assert list(scratch.glob("mlcycle-data-*")) == []


def test_a_data_dir_that_no_dvc_file_tracks_is_refused(tmp_path, pushed):
    remote, dvc_text = pushed
    env = {"MLCYCLE_DVC_FILES": json.dumps({"data.dvc": dvc_text}), "MLCYCLE_DVC_REMOTE": remote}
    proc = run_train(tmp_path, env, "--data-dir", "features", "--dvc-pull")
    assert proc.returncode == 2
    assert "features" in proc.stderr and "data" in proc.stderr


@pytest.mark.parametrize(
    "value",
    [
        "[]",
        "not json",
        json.dumps({"../outside.dvc": "outs: []"}),
        json.dumps({"/abs/data.dvc": "outs: []"}),
        json.dumps({".dvc/config": "[core]"}),
        json.dumps({"data.dvc": 1}),
        json.dumps({}),
    ],
)
def test_bad_dvc_files_are_usage_errors(value):
    with pytest.raises(UsageError, match="MLCYCLE_DVC_FILES"):
        dvc_files_from_env(value)


def test_dvc_files_accept_dvc_files_and_dvc_lock_in_subfolders():
    files = {"data.dvc": "outs: []", "features/dvc.lock": "schema: '2.0'", "features/dvc.yaml": "stages: {}"}
    assert dvc_files_from_env(json.dumps(files)) == files

"""Local training mode: the entry point runs at the requested commit, with the run's environment and nothing else."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mlcycle_dag.contract import normalize_conf
from mlcycle_dag.invocation import prepared_run
from mlcycle_dag.local_runner import TrainingFailed, run_training
from mlcycle_dag.settings import load_settings

ENTRY = """
import json, os, sys
from pathlib import Path
print("MLCYCLE_RESULT " + json.dumps({
    "version": Path("VERSION").read_text().strip(),
    "argv": sys.argv[1:],
    "env": {k: os.environ.get(k) for k in ("MLCYCLE_RUN_ID", "MLCYCLE_COMMIT", "MLFLOW_TRACKING_URI", "AIRFLOW_VAR_MLCYCLE_CALLBACK_SECRET", "AIRFLOW__CORE__DAGS_FOLDER", "MLCYCLE_IMAGE")},
}))
sys.exit(int(os.environ.get("EXIT_CODE", "0")))
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture()
def repo(tmp_path):
    repo = tmp_path / "repo"
    (repo / "model").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "model" / "train.py").write_text(ENTRY)
    (repo / "model" / "VERSION").write_text("first\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first")
    first = git(repo, "rev-parse", "HEAD")
    (repo / "model" / "VERSION").write_text("second\n")
    git(repo, "commit", "-qam", "second")
    return repo, first


def prepared(repo: Path, commit: str, settings, **overrides):
    conf = {
        "runId": "r-1", "pipelineId": "p", "commit": commit, "mlflow": {"experimentName": "e"},
        "repoPath": str(repo), "codePath": "model", **overrides,
    }
    return prepared_run(normalize_conf(conf, mode="local", default_tracking_uri="http://127.0.0.1:5000"), settings)


def test_runs_the_entry_point_at_the_requested_commit(repo, monkeypatch):
    path, first = repo
    monkeypatch.setenv("AIRFLOW_VAR_MLCYCLE_CALLBACK_SECRET", "s3cret")
    monkeypatch.setenv("AIRFLOW__CORE__DAGS_FOLDER", "/dags")
    settings = load_settings({"MLCYCLE_TRAINING_MODE": "local", "MLCYCLE_TRAINING_PYTHON": sys.executable})
    lines: list[str] = []
    result = run_training(prepared(path, first, settings), settings, log=lines.append)
    assert result["version"] == "first"
    assert result["argv"] == ["--data-dir", "data", "--params-json", "{}", "--dvc-pull"]
    assert result["env"]["MLCYCLE_RUN_ID"] == "r-1"
    assert result["env"]["MLCYCLE_COMMIT"] == first
    assert result["env"]["MLFLOW_TRACKING_URI"] == "http://127.0.0.1:5000"
    # Airflow's settings and secrets stay in Airflow; empty values are not set at all.
    assert result["env"]["AIRFLOW_VAR_MLCYCLE_CALLBACK_SECRET"] is None
    assert result["env"]["AIRFLOW__CORE__DAGS_FOLDER"] is None
    assert result["env"]["MLCYCLE_IMAGE"] is None
    assert any(line.startswith("MLCYCLE_RESULT ") for line in lines)
    # The source repository is only read: no worktree, no checkout change.
    assert git(path, "status", "--porcelain") == ""
    assert git(path, "worktree", "list").count("\n") == 0


def test_a_failing_entry_point_fails_the_task(repo, monkeypatch):
    path, first = repo
    monkeypatch.setenv("EXIT_CODE", "3")
    settings = load_settings({"MLCYCLE_TRAINING_MODE": "local", "MLCYCLE_TRAINING_PYTHON": sys.executable})
    with pytest.raises(TrainingFailed, match="status 3"):
        run_training(prepared(path, first, settings), settings, log=lambda _: None)


def test_a_missing_entry_point_or_commit_fails_the_task(repo):
    path, first = repo
    settings = load_settings({"MLCYCLE_TRAINING_MODE": "local", "MLCYCLE_TRAINING_PYTHON": sys.executable})
    with pytest.raises(TrainingFailed, match="does not exist"):
        run_training(prepared(path, first, settings, entryPoint="other.py"), settings, log=lambda _: None)
    with pytest.raises(subprocess.CalledProcessError):
        run_training(prepared(path, "f" * 40, settings), settings, log=lambda _: None)

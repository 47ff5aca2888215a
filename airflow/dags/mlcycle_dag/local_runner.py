"""Local training mode: run the entry point of the pipeline's commit in a subprocess.

The commit is checked out into a private temporary clone (the source repository is only read), the entry point runs
there with the training interpreter, and `--dvc-pull` makes it fetch its data from the DVC remote -- so the data
really comes from the object store, as it does in the pod. The clone is deleted afterwards.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Callable

from mlcycle_dag.settings import Settings

RESULT_PREFIX = "MLCYCLE_RESULT "


class TrainingFailed(RuntimeError):
    """The entry point exited with a non-zero status."""


def _git(*args: str, cwd: str | None = None) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, stdin=subprocess.DEVNULL)


def checkout(repo_path: str, commit: str, into: Path) -> Path:
    """Clone `repo_path` (a local repository) into `into` and check out `commit` (detached)."""
    _git("clone", "--quiet", "--no-checkout", repo_path, str(into))
    _git("-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", commit, cwd=str(into))
    return into


def child_env(base: dict[str, str], extra: dict[str, str]) -> dict[str, str]:
    """The subprocess environment: the worker's, minus Airflow's own settings and secrets, plus the run's."""
    env = {k: v for k, v in base.items() if not k.startswith(("AIRFLOW__", "AIRFLOW_VAR_", "AIRFLOW_CONN_", "_AIRFLOW"))}
    env.update({k: v for k, v in extra.items() if v != ""})
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_training(prepared: dict[str, Any], settings: Settings, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Check out, run the entry point, stream its output to `log`; returns its MLCYCLE_RESULT (or {})."""
    conf = prepared["conf"]
    work = Path(tempfile.mkdtemp(prefix=f"mlcycle-{conf['runId']}-"))
    proc: subprocess.Popen[str] | None = None
    try:
        src = checkout(conf["repoPath"], conf["commit"], work / "src")
        cwd = (src / conf["codePath"]).resolve()
        if not cwd.is_relative_to(src.resolve()) or not (cwd / conf["entryPoint"]).is_file():
            raise TrainingFailed(f"{conf['codePath']}/{conf['entryPoint']} does not exist at commit {conf['commit']}")
        command = [settings.training_python, conf["entryPoint"], *prepared["args"]]
        log(f"running {' '.join(command[1:])} in {conf['codePath']} at {conf['commit'][:12]}")
        proc = subprocess.Popen(
            command,
            cwd=cwd,
            env=child_env(dict(os.environ), prepared["env"]),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        result: dict[str, Any] = {}
        assert proc.stdout is not None
        for line in proc.stdout:
            line = line.rstrip("\n")
            log(line)
            if line.startswith(RESULT_PREFIX):
                result = json.loads(line[len(RESULT_PREFIX):])
        code = proc.wait()
        if code != 0:
            raise TrainingFailed(f"the entry point exited with status {code}")
        return result
    finally:
        # The task may be stopped (timeout, run marked failed): never leave the training process behind.
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(work, ignore_errors=True)

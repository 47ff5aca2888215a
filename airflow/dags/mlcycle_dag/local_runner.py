"""Local training mode: run the entry point of the run's image in a subprocess.

The image the run recorded (by digest) is pulled from its registry and unpacked into a private temporary folder
(image_files.py); the entry point runs in the image's working directory with the training interpreter, and
`--dvc-pull` with the run's data pointers (MLCYCLE_DVC_FILES, MLCYCLE_DVC_REMOTE) makes it fetch its data from the
DVC remote -- so code and data come from where they come from in the pod. The folder is deleted afterwards.
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

from mlcycle_dag.image_files import pull_image
from mlcycle_dag.settings import Settings

RESULT_PREFIX = "MLCYCLE_RESULT "


class TrainingFailed(RuntimeError):
    """The entry point exited with a non-zero status."""


def child_env(base: dict[str, str], extra: dict[str, str]) -> dict[str, str]:
    """The subprocess environment: the worker's, minus Airflow's and the registry's settings and secrets, plus the run's."""
    hidden = ("AIRFLOW__", "AIRFLOW_VAR_", "AIRFLOW_CONN_", "_AIRFLOW", "MLCYCLE_REGISTRY_")
    env = {k: v for k, v in base.items() if not k.startswith(hidden)}
    env.update({k: v for k, v in extra.items() if v != ""})
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_training(prepared: dict[str, Any], settings: Settings, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Pull the image, run its entry point, stream its output to `log`; returns its MLCYCLE_RESULT (or {})."""
    conf = prepared["conf"]
    work = Path(tempfile.mkdtemp(prefix=f"mlcycle-{conf['runId']}-"))
    proc: subprocess.Popen[str] | None = None
    try:
        image = pull_image(conf["image"], work / "image", username=settings.registry_username, password=settings.registry_password, log=log)
        cwd = image.working_dir
        entry = (cwd / conf["entryPoint"]).resolve()
        if not entry.is_relative_to(image.root.resolve()) or not entry.is_file():
            raise TrainingFailed(f"{conf['entryPoint']} is not in the working directory of image {conf['image']}")
        command = [settings.training_python, conf["entryPoint"], *prepared["args"]]
        log(f"running {' '.join(command[1:])} in {image.working_dir.relative_to(image.root).as_posix()} of {conf['image']}")
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

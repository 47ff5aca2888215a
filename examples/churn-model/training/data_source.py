"""Where the training data comes from: a DVC workspace of the run's own, or the checkout train.py lives in.

The training image holds only the code, so one image serves every data version. The mlcycle DAG passes the data
pointers of the run's commit in the environment:

  MLCYCLE_DVC_FILES    JSON object: repository-relative path of each .dvc file, dvc.lock or dvc.yaml -> its text
  MLCYCLE_DVC_REMOTE   the DVC remote's URL, e.g. s3://mlcycle-dvc/churn-model (AWS_ENDPOINT_URL_S3 sets the endpoint)

With them, `dvc_workspace` makes a DVC project in a folder of its own (`dvc init --no-scm`), writes the files at their
paths and the remote as the default, and `dvc_pull` fetches the data there. Without them, the data is pulled in the
DVC project that holds train.py (a data scientist's checkout: `python training/train.py --dvc-pull`).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

# A relative path inside the repository: no leading slash, no `..` segment, no backslash, no control character.
REPO_PATH = re.compile(r"^(?!/)(?!(?:.*/)?\.\.(?:/|$))[^\\\x00-\x1f]{1,512}$")
DVC_FILE = re.compile(r"(?:^|/)(?:[^/]+\.dvc|dvc\.lock|dvc\.yaml)$")
MAX_FILES = 100


class UsageError(Exception):
    """A bad argument, parameter or setting: reported on stderr with exit code 2."""


def dvc_files_from_env(value: str) -> dict[str, str]:
    """Parse MLCYCLE_DVC_FILES: a non-empty JSON object of safe DVC file paths to their text."""
    try:
        files = json.loads(value)
    except json.JSONDecodeError as exc:
        raise UsageError(f"MLCYCLE_DVC_FILES is not JSON ({exc.msg})") from exc
    if not isinstance(files, dict) or not files or len(files) > MAX_FILES:
        raise UsageError(f"MLCYCLE_DVC_FILES must be a JSON object of 1 to {MAX_FILES} files")
    for path, text in files.items():
        if not REPO_PATH.match(path) or not DVC_FILE.search(path) or path.startswith(".dvc/") or "//" in path:
            raise UsageError(f"MLCYCLE_DVC_FILES: {path[:100]!r} is not the relative path of a .dvc file, dvc.lock or dvc.yaml")
        if not isinstance(text, str):
            raise UsageError(f"MLCYCLE_DVC_FILES: the content of {path!r} must be a string")
    return files


def find_dvc_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding a `.dvc` folder (a DVC project)."""
    for folder in (start, *start.parents):
        if (folder / ".dvc").is_dir():
            return folder
    return None


def _dvc(cwd: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "dvc", *args], cwd=cwd, check=True, stdin=subprocess.DEVNULL)


def dvc_workspace(workspace: Path, files: dict[str, str], remote_url: str) -> Path:
    """A DVC project (no git) in `workspace` with `files` at their paths and `remote_url` as the default remote."""
    workspace.mkdir(parents=True, exist_ok=True)
    if not (workspace / ".dvc").is_dir():
        _dvc(workspace, "init", "--no-scm", "--quiet")
    _dvc(workspace, "remote", "add", "--default", "--force", "storage", remote_url)
    endpoint = os.environ.get("AWS_ENDPOINT_URL_S3")
    if endpoint and remote_url.startswith("s3://"):
        _dvc(workspace, "remote", "modify", "--local", "storage", "endpointurl", endpoint)
    root = workspace.resolve()
    for path, text in files.items():
        target = (root / path).resolve()
        if not target.is_relative_to(root):  # the pattern already refuses this; a symlink must not either
            raise UsageError(f"MLCYCLE_DVC_FILES: {path!r} leaves the workspace")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return workspace


def dvc_pull(project_dir: Path) -> None:
    """`dvc pull` in the project: the data comes from the DVC remote (S3), not from the image or the checkout."""
    _dvc(project_dir, "pull", "--quiet")


def tracked_outputs(workspace: Path, files: dict[str, str]) -> list[Path]:
    """The folders and files the .dvc files track (`outs[].path`, relative to the .dvc file's folder)."""
    import yaml

    outputs: list[Path] = []
    for path, text in files.items():
        if not path.endswith(".dvc"):
            continue
        doc = yaml.safe_load(text) or {}
        outs = (doc.get("outs") or []) if isinstance(doc, dict) else []
        for out in outs:
            if isinstance(out, dict) and isinstance(out.get("path"), str):
                outputs.append((workspace / path).parent / out["path"])
    return outputs


def check_tracked(data_dir: Path, outputs: list[Path], workspace: Path) -> None:
    """Refuse a data folder that none of the run's .dvc files tracks (it would hold nothing the run pulled)."""
    resolved = data_dir.resolve()
    if not any(resolved == o.resolve() or resolved.is_relative_to(o.resolve()) for o in outputs):
        names = ", ".join(sorted(o.resolve().relative_to(workspace.resolve()).as_posix() for o in outputs)) or "none"
        raise UsageError(f"--data-dir {data_dir.name} is not tracked by the run's .dvc files (they track: {names})")

"""Local training mode: the entry point runs in the files of the run's image, pulled from its registry and verified."""
from __future__ import annotations

import json
import sys

import pytest

from mlcycle_dag.contract import normalize_conf
from mlcycle_dag.image_files import pull_image
from mlcycle_dag.invocation import prepared_run
from mlcycle_dag.local_runner import TrainingFailed, run_training
from mlcycle_dag.registry_client import ImagePullFailed, parse_image_ref
from mlcycle_dag.settings import load_settings

from oci_registry import PASSWORD, USER, Registry, digest_of, layer, serve

ENTRY = b"""
import json, os, sys
from pathlib import Path
print("MLCYCLE_RESULT " + json.dumps({
    "version": Path("VERSION").read_text().strip(),
    "argv": sys.argv[1:],
    "env": {k: os.environ.get(k) for k in ("MLCYCLE_RUN_ID", "MLCYCLE_COMMIT", "MLFLOW_TRACKING_URI", "MLCYCLE_DVC_FILES",
        "MLCYCLE_DVC_REMOTE", "MLCYCLE_IMAGE", "AIRFLOW_VAR_MLCYCLE_CALLBACK_SECRET", "AIRFLOW__CORE__DAGS_FOLDER",
        "MLCYCLE_REGISTRY_USERNAME", "MLCYCLE_REGISTRY_PASSWORD")},
}))
sys.exit(int(os.environ.get("EXIT_CODE", "0")))
"""
COMMIT = "0123456789abcdef0123456789abcdef01234567"
DATA = {"remoteUrl": "s3://mlcycle-dvc/churn-model", "files": {"data.dvc": "outs:\n- md5: abc.dir\n  path: data\n"}}


@pytest.fixture()
def registry():
    reg = Registry()
    server = serve(reg)
    yield reg
    server.shutdown()


def settings_for(**env: str):
    return load_settings({"MLCYCLE_TRAINING_MODE": "local", "MLCYCLE_TRAINING_PYTHON": sys.executable,
                          "MLCYCLE_REGISTRY_USERNAME": USER, "MLCYCLE_REGISTRY_PASSWORD": PASSWORD, **env})


def prepared(image: str, settings, **overrides):
    conf = {"runId": "r-1", "pipelineId": "p", "commit": COMMIT, "image": image, "data": DATA, "mlflow": {"experimentName": "e"}, **overrides}
    return prepared_run(normalize_conf(conf, mode="local", default_tracking_uri="http://127.0.0.1:5000"), settings)


def code_image(reg: Registry, version: bytes = b"first\n") -> str:
    return reg.image([layer({"app/train.py": ENTRY, "app/VERSION": version})])


def test_runs_the_entry_point_in_the_images_working_dir(registry, monkeypatch):
    image = code_image(registry)
    code_image(registry, b"second\n")  # another image in the same repository
    monkeypatch.setenv("AIRFLOW_VAR_MLCYCLE_CALLBACK_SECRET", "s3cret")
    monkeypatch.setenv("AIRFLOW__CORE__DAGS_FOLDER", "/dags")
    monkeypatch.setenv("MLCYCLE_REGISTRY_PASSWORD", PASSWORD)
    settings = settings_for()
    lines: list[str] = []
    result = run_training(prepared(image, settings), settings, log=lines.append)
    assert result["version"] == "first"
    assert result["argv"] == ["--data-dir", "data", "--params-json", "{}", "--dvc-pull"]
    env = result["env"]
    assert env["MLCYCLE_RUN_ID"] == "r-1"
    assert env["MLCYCLE_COMMIT"] == COMMIT
    assert env["MLCYCLE_IMAGE"] == image
    assert env["MLFLOW_TRACKING_URI"] == "http://127.0.0.1:5000"
    assert json.loads(env["MLCYCLE_DVC_FILES"]) == DATA["files"]
    assert env["MLCYCLE_DVC_REMOTE"] == DATA["remoteUrl"]
    # Airflow's and the registry's settings and secrets stay with the worker.
    for hidden in ("AIRFLOW_VAR_MLCYCLE_CALLBACK_SECRET", "AIRFLOW__CORE__DAGS_FOLDER", "MLCYCLE_REGISTRY_USERNAME", "MLCYCLE_REGISTRY_PASSWORD"):
        assert env[hidden] is None
    assert any(line.startswith("MLCYCLE_RESULT ") for line in lines)
    assert not any(PASSWORD in line for line in lines)
    # Basic auth after the challenge; manifest, config and layer fetched by digest.
    paths = [path for path, _ in registry.requests]
    assert paths[0] == f"/v2/training/churn-model/manifests/{image.split('@')[1]}"
    assert registry.requests[0][1] is None and registry.requests[-1][1].startswith("Basic ")


def test_a_bearer_challenge_gets_a_token_with_the_credentials(registry, tmp_path):
    registry.auth = "bearer"
    image = code_image(registry)
    files = pull_image(image, tmp_path / "root", username=USER, password=PASSWORD, log=lambda _: None)
    assert (files.working_dir / "VERSION").read_text() == "first\n"
    assert files.working_dir == tmp_path / "root" / "app"
    assert any(path.startswith("/token?") and "scope=repository%3Atraining%2Fchurn-model%3Apull" in path for path, _ in registry.requests)
    assert registry.requests[-1][1] == "Bearer token-abc"


def test_an_unknown_image_is_named(registry, tmp_path):
    image = f"{registry.host}/training/churn-model@{digest_of(b'nothing')}"
    with pytest.raises(ImagePullFailed, match=f"image {image} is not in the registry"):
        pull_image(image, tmp_path / "root", username=USER, password=PASSWORD, log=lambda _: None)


def test_missing_or_wrong_credentials_are_named_without_the_password(registry, tmp_path):
    image = code_image(registry)
    with pytest.raises(ImagePullFailed, match="MLCYCLE_REGISTRY_USERNAME and MLCYCLE_REGISTRY_PASSWORD"):
        pull_image(image, tmp_path / "a", log=lambda _: None)
    with pytest.raises(ImagePullFailed, match="refused the credentials") as err:
        pull_image(image, tmp_path / "b", username=USER, password="wrong-pw", log=lambda _: None)
    assert "wrong-pw" not in str(err.value)


@pytest.mark.parametrize("what", ["manifest", "layer", "config"])
def test_content_that_does_not_match_its_digest_is_refused(registry, tmp_path, what):
    image = code_image(registry)
    manifest_digest = image.split("@")[1]
    manifest = json.loads(registry.manifests[manifest_digest])
    target = {"manifest": manifest_digest, "layer": manifest["layers"][0]["digest"], "config": manifest["config"]["digest"]}[what]
    original = (registry.manifests | registry.blobs)[target]
    # JSON with a space more, or a valid gzip layer with other code.
    registry.tampered[target] = layer({"app/train.py": b"print('evil')"}) if what == "layer" else original + b" "
    with pytest.raises(ImagePullFailed, match="does not match"):
        pull_image(image, tmp_path / "root", username=USER, password=PASSWORD, log=lambda _: None)
    assert not (tmp_path / "root" / "app" / "train.py").exists()


@pytest.mark.parametrize(
    ("files", "links"),
    [
        ({"app/../../escaped.txt": b"x"}, {}),
        ({"/etc/escaped.txt": b"x"}, {}),
        ({}, {"app/out": "../../.."}),
        ({}, {"app/abs": "/etc"}),
    ],
)
def test_a_layer_that_escapes_the_root_is_refused(registry, tmp_path, files, links):
    image = registry.image([layer({"app/train.py": ENTRY, **files}, links)])
    with pytest.raises(ImagePullFailed, match="unsafe"):
        pull_image(image, tmp_path / "root", username=USER, password=PASSWORD, log=lambda _: None)
    assert not (tmp_path / "escaped.txt").exists() and not (tmp_path.parent / "escaped.txt").exists()


def test_a_whiteout_in_a_later_layer_removes_the_file(registry, tmp_path):
    image = registry.image([layer({"app/train.py": ENTRY, "app/old.txt": b"x"}), layer({"app/.wh.old.txt": b""})])
    files = pull_image(image, tmp_path / "root", username=USER, password=PASSWORD, log=lambda _: None)
    assert (files.working_dir / "train.py").is_file() and not (files.working_dir / "old.txt").exists()


def test_plain_http_only_for_loopback_registries():
    digest = "@sha256:" + "0" * 64
    assert parse_image_ref("127.0.0.1:5000/a/b" + digest).base_url == "http://127.0.0.1:5000"
    assert parse_image_ref("localhost:5000/a" + digest).base_url == "http://localhost:5000"
    assert parse_image_ref("[::1]:5000/a" + digest).base_url == "http://[::1]:5000"
    assert parse_image_ref("mlcycleacr.azurecr.io/training/churn-model:v1" + digest).base_url == "https://mlcycleacr.azurecr.io"
    assert parse_image_ref("mlcycleacr.azurecr.io/training/churn-model:v1" + digest).repository == "training/churn-model"
    with pytest.raises(ImagePullFailed, match="not a reference by digest"):
        parse_image_ref("mlcycleacr.azurecr.io/training/churn-model:v1")


def test_a_failing_entry_point_fails_the_task(registry, monkeypatch):
    monkeypatch.setenv("EXIT_CODE", "3")
    settings = settings_for()
    with pytest.raises(TrainingFailed, match="status 3"):
        run_training(prepared(code_image(registry), settings), settings, log=lambda _: None)


def test_a_missing_entry_point_or_image_fails_the_task(registry):
    settings = settings_for()
    image = code_image(registry)
    with pytest.raises(TrainingFailed, match="other.py is not in the working directory of image"):
        run_training(prepared(image, settings, entryPoint="other.py"), settings, log=lambda _: None)
    with pytest.raises(ImagePullFailed, match="is not in the registry"):
        run_training(prepared(f"{registry.host}/training/churn-model@{digest_of(b'x')}", settings), settings, log=lambda _: None)

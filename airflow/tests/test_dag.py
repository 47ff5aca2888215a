"""The mlcycle training DAG: it imports cleanly, checks the conf contract, and renders the training pod."""
from __future__ import annotations

import json
import os
import re
from types import SimpleNamespace

import pytest

from mlcycle_dag.contract import ConfError, normalize_conf
from mlcycle_dag.factory import DAG_ID, build_dag
from mlcycle_dag.invocation import ENV_KEYS, prepared_run
from mlcycle_dag.settings import load_settings

from conftest import DAGS

COMMIT = "0123456789abcdef0123456789abcdef01234567"
IMAGE = "mlcycleacr.azurecr.io/training/churn-model@sha256:" + "ab" * 32
DVC_TEXT = "outs:\n- md5: c542f38d9e010daa1c12ed4eb494a340.dir\n  size: 120873\n  nfiles: 2\n  hash: md5\n  path: data\n"
DATA = {"remoteUrl": "s3://mlcycle-dvc/churn-model", "files": {"data.dvc": DVC_TEXT}}


def valid_conf(**overrides):
    conf = {
        "runId": "run-20260101-abc",
        "pipelineId": "churn-model",
        "commit": COMMIT,
        "dataVersion": "c542f38d9e010daa1c12ed4eb494a340.dir",
        "image": IMAGE,
        "data": DATA,
        "params": {"C": 0.5, "model": "logreg"},
        "mlflow": {"experimentName": "churn-model", "trackingUri": "http://mlflow.internal:5000"},
        "callbackUrl": "https://mlcycle.example/api/hooks/airflow",
    }
    conf.update(overrides)
    return conf


@pytest.mark.parametrize("mode", ["local", "kubernetes"])
def test_the_dag_folder_imports_without_errors(monkeypatch, mode):
    from airflow.dag_processing.dagbag import DagBag

    monkeypatch.setenv("MLCYCLE_TRAINING_MODE", mode)
    bag = DagBag(dag_folder=str(DAGS))
    assert bag.import_errors == {}
    assert DAG_ID in bag.dags
    dag = bag.dags[DAG_ID]
    assert sorted(t.task_id for t in dag.tasks) == ["notify_failure", "notify_success", "train", "validate_conf"]
    assert dag.get_task("train").upstream_task_ids == {"validate_conf"}
    assert dag.get_task("notify_failure").upstream_task_ids == {"validate_conf", "train"}
    assert dag.get_task("notify_failure").trigger_rule == "one_failed"
    assert dag.get_task("notify_success").trigger_rule == "all_success"
    operator = type(dag.get_task("train")).__name__
    assert operator == ("KubernetesPodOperator" if mode == "kubernetes" else "_PythonDecoratedOperator")


def test_an_unknown_mode_is_an_import_error(monkeypatch):
    from airflow.dag_processing.dagbag import DagBag

    monkeypatch.setenv("MLCYCLE_TRAINING_MODE", "docker")
    bag = DagBag(dag_folder=str(DAGS))
    assert any("MLCYCLE_TRAINING_MODE" in err for err in bag.import_errors.values())


def test_the_dag_params_reject_a_trigger_without_the_required_fields():
    from airflow.exceptions import ParamValidationError
    from airflow.serialization.serialized_objects import DagSerialization

    # The API server works on the serialized DAG: creating a run merges the conf into its params and validates them
    # (POST /api/v2/dags/{dag_id}/dagRuns answers 400 on failure).
    dag = DagSerialization.from_dict(DagSerialization.to_dict(build_dag(load_settings({"MLCYCLE_TRAINING_MODE": "local"}))))
    ok = dag.params.deep_merge(valid_conf(fieldFromANewerApp=1)).validate()  # unknown fields are ignored
    assert ok["runId"] == "run-20260101-abc"
    for missing in ("runId", "pipelineId", "commit", "mlflow", "image", "data"):
        conf = valid_conf()
        del conf[missing]
        with pytest.raises(ParamValidationError):
            dag.params.deep_merge(conf).validate()
    for bad in (
        valid_conf(commit="not-a-sha"), valid_conf(mlflow={}), valid_conf(params={"C": {"nested": 1}}),
        valid_conf(image="mlcycleacr.azurecr.io/churn-model:latest"), valid_conf(data={"remoteUrl": "s3://mlcycle-dvc/p", "files": {"../x.dvc": ""}}),
    ):
        with pytest.raises(ParamValidationError):
            dag.params.deep_merge(bad).validate()


def test_normalize_conf_fills_defaults():
    conf = valid_conf()
    del conf["callbackUrl"]
    out = normalize_conf(conf, mode="kubernetes", default_tracking_uri=None)
    assert out["entryPoint"] == "train.py"
    assert out["callbackUrl"] is None
    assert out["params"] == {"C": 0.5, "model": "logreg"}


def test_normalize_conf_lists_every_problem():
    with pytest.raises(ConfError) as err:
        normalize_conf(
            valid_conf(runId="bad id!", commit="abc", params={"C": [1]}, entryPoint="../outside.py", callbackUrl="ftp://x"),
            mode="kubernetes",
            default_tracking_uri=None,
        )
    message = str(err.value)
    for field in ("runId", "commit", "params.C", "entryPoint", "callbackUrl"):
        assert field in message


@pytest.mark.parametrize("mode", ["local", "kubernetes"])
def test_both_modes_need_the_image_by_digest_and_the_data(mode):
    for field in ("image", "data"):
        conf = valid_conf()
        del conf[field]
        with pytest.raises(ConfError, match=f"'{field}' is a required property"):
            normalize_conf(conf, mode=mode, default_tracking_uri="http://x")
    with pytest.raises(ConfError, match="image"):
        normalize_conf(valid_conf(image="mlcycleacr.azurecr.io/churn-model:3f2a9c1e"), mode=mode, default_tracking_uri="http://x")
    for image in ("127.0.0.1:5000/training/churn-model@sha256:" + "0" * 64, "[::1]:5000/m@sha256:" + "0" * 64, IMAGE.replace("@", ":3f2a9c1e@")):
        assert normalize_conf(valid_conf(image=image), mode=mode, default_tracking_uri="http://x")["image"] == image


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"files": {"data.dvc": DVC_TEXT}}, "remoteUrl"),
        ({"remoteUrl": "https://bucket/x", "files": {"data.dvc": DVC_TEXT}}, "data.remoteUrl"),
        ({"remoteUrl": "s3://mlcycle-dvc/churn-model", "files": {}}, "data.files"),
        ({"remoteUrl": "s3://mlcycle-dvc/churn-model", "files": {"../data.dvc": DVC_TEXT}}, "data.files"),
        ({"remoteUrl": "s3://mlcycle-dvc/churn-model", "files": {"/data.dvc": DVC_TEXT}}, "data.files"),
        ({"remoteUrl": "s3://mlcycle-dvc/churn-model", "files": {"train.py": "x"}}, "data.files"),
        ({"remoteUrl": "s3://mlcycle-dvc/churn-model", "files": {".dvc/config": "x"}}, "data.files"),
        ({"remoteUrl": "s3://mlcycle-dvc/churn-model", "files": {"data.dvc": 1}}, "data.files.data.dvc"),
        ({"remoteUrl": "s3://mlcycle-dvc/churn-model", "files": {"data.dvc": "x" * 65537}}, "data.files.data.dvc"),
        ({"remoteUrl": "s3://mlcycle-dvc/churn-model", "files": {f"d{i}.dvc": "x" * 65536 for i in range(16)}}, "in all"),
        ({"remoteUrl": "s3://mlcycle-dvc/churn-model", "files": {f"d{i}.dvc": "" for i in range(101)}}, "data.files"),
    ],
)
def test_the_data_pointers_are_checked(data, problem):
    with pytest.raises(ConfError, match=re.escape(problem)):
        normalize_conf(valid_conf(data=data), mode="local", default_tracking_uri="http://x")


def test_the_data_pointers_accept_dvc_files_and_locks_in_subfolders():
    files = {"data.dvc": DVC_TEXT, "features/raw.dvc": DVC_TEXT, "features/dvc.lock": "schema: '2.0'\n", "features/dvc.yaml": "stages: {}\n"}
    out = normalize_conf(valid_conf(data={"remoteUrl": "s3://mlcycle-dvc/churn-model", "files": files}), mode="local", default_tracking_uri="http://x")
    assert out["data"]["files"] == files


def test_the_tracking_uri_falls_back_to_the_workers_setting():
    with pytest.raises(ConfError, match="mlflow.trackingUri"):
        normalize_conf(valid_conf(mlflow={"experimentName": "e"}), mode="local", default_tracking_uri="")
    out = normalize_conf(valid_conf(mlflow={"experimentName": "e"}), mode="local", default_tracking_uri="http://127.0.0.1:5000")
    assert out["mlflow"] == {"experimentName": "e", "trackingUri": "http://127.0.0.1:5000"}


def test_the_entry_point_gets_the_data_pointers_in_its_environment():
    settings = load_settings({"MLCYCLE_TRAINING_MODE": "local"})
    env = prepared_run(normalize_conf(valid_conf(), mode="local", default_tracking_uri=None), settings)["env"]
    assert json.loads(env["MLCYCLE_DVC_FILES"]) == {"data.dvc": DVC_TEXT}
    assert env["MLCYCLE_DVC_REMOTE"] == "s3://mlcycle-dvc/churn-model"
    assert env["MLCYCLE_IMAGE"] == IMAGE


def test_the_rendered_pod_carries_the_image_env_and_args():
    settings = load_settings({"MLCYCLE_TRAINING_MODE": "kubernetes", "MLCYCLE_K8S_NAMESPACE": "training", "MLCYCLE_S3_ENDPOINT_URL": "http://minio.data:9000"})
    dag = build_dag(settings)
    op = dag.get_task("train")
    prepared = prepared_run(normalize_conf(valid_conf(), mode="kubernetes", default_tracking_uri=None), settings)
    ti = SimpleNamespace(
        dag_id=DAG_ID, task_id="train", map_index=-1, try_number=1, run_id="mlcycle__run-20260101-abc",
        xcom_pull=lambda task_ids=None, **_: prepared if task_ids == "validate_conf" else None,
    )
    context = {"ti": ti, "task_instance": ti, "run_id": ti.run_id, "dag": dag, "dag_run": SimpleNamespace(conf=valid_conf(), run_id=ti.run_id)}
    op.render_template_fields(context)
    pod = op.build_pod_request_obj(context, dry_run=True)  # dry run: no Kubernetes API client needed

    assert pod.metadata.namespace == "training"
    assert pod.metadata.annotations["mlcycle.io/run-id"] == "run-20260101-abc"
    assert pod.metadata.annotations["mlcycle.io/commit"] == COMMIT
    container = pod.spec.containers[0]
    assert container.image == IMAGE
    assert container.command == ["python", "train.py"]
    assert container.args == ["--data-dir", "data", "--params-json", '{"C": 0.5, "model": "logreg"}', "--dvc-pull"]
    env = {e.name: e.value for e in container.env}
    assert set(ENV_KEYS) <= set(env)
    assert env["MLFLOW_TRACKING_URI"] == "http://mlflow.internal:5000"
    assert env["MLFLOW_EXPERIMENT_NAME"] == "churn-model"
    assert env["MLCYCLE_RUN_ID"] == "run-20260101-abc"
    assert env["MLCYCLE_PIPELINE_ID"] == "churn-model"
    assert env["MLCYCLE_COMMIT"] == COMMIT
    assert env["MLCYCLE_DATA_FINGERPRINT"] == "c542f38d9e010daa1c12ed4eb494a340.dir"
    assert env["MLCYCLE_IMAGE"] == IMAGE
    assert json.loads(env["MLCYCLE_DVC_FILES"]) == {"data.dvc": DVC_TEXT}
    assert env["MLCYCLE_DVC_REMOTE"] == "s3://mlcycle-dvc/churn-model"
    assert env["AWS_ENDPOINT_URL_S3"] == "http://minio.data:9000"
    assert [src.secret_ref.name for src in container.env_from] == ["mlcycle-training"]
    # Nothing secret is rendered into the pod spec itself.
    assert not any("SECRET" in e.name or "PASSWORD" in e.name for e in container.env)


def test_the_settings_default_to_kubernetes_mode():
    settings = load_settings({})
    assert settings.mode == "kubernetes"
    assert settings.callback_header == "X-Mlcycle-Callback-Secret"
    assert load_settings({"AWS_ENDPOINT_URL_S3": "http://s3"}).s3_endpoint_url == "http://s3"
    registry = load_settings({"MLCYCLE_REGISTRY_USERNAME": "puller", "MLCYCLE_REGISTRY_PASSWORD": "pw-not-in-repr"})
    assert (registry.registry_username, registry.registry_password) == ("puller", "pw-not-in-repr")
    assert "pw-not-in-repr" not in repr(registry)
    assert os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] == "False"


def test_the_callback_retries_for_about_ten_minutes_with_capped_back_off():
    """An app down for minutes as training ends still hears from the DAG, at most ~2 min after it is back."""
    import uuid
    from datetime import datetime, timedelta, timezone

    from airflow.models.taskinstance import TaskInstance
    from airflow.serialization.serialized_objects import create_scheduler_operator

    dag = build_dag()
    for task_id in ("notify_success", "notify_failure"):
        # Airflow's own scheduler-side computation of each retry's time, with its jitter.
        ti = TaskInstance(task=create_scheduler_operator(dag.get_task(task_id)), dag_version_id=uuid.uuid4(), run_id="mlcycle__r1")
        ti.end_date = datetime(2026, 1, 1, tzinfo=timezone.utc)
        waits = []
        for try_number in range(1, ti.max_tries + 1):
            ti.try_number = try_number
            waits.append((ti.next_retry_datetime() - ti.end_date).total_seconds())
        assert ti.max_tries == 8
        assert waits[0] < 30, waits
        assert waits == sorted(waits), f"the waits grow: {waits}"
        assert max(waits) <= 120, f"no wait longer than 2 min: {waits}"
        assert timedelta(minutes=10) <= timedelta(seconds=sum(waits)) <= timedelta(minutes=15), waits

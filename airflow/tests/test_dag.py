"""The mlcycle training DAG: it imports cleanly, checks the conf contract, and renders the training pod."""
from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from mlcycle_dag.contract import ConfError, normalize_conf
from mlcycle_dag.factory import DAG_ID, build_dag
from mlcycle_dag.invocation import ENV_KEYS, prepared_run
from mlcycle_dag.settings import load_settings

from conftest import DAGS

COMMIT = "0123456789abcdef0123456789abcdef01234567"
IMAGE = "mlcycleacr.azurecr.io/churn-model:3f2a9c1e@sha256:" + "ab" * 32


def valid_conf(**overrides):
    conf = {
        "runId": "run-20260101-abc",
        "pipelineId": "churn-model",
        "commit": COMMIT,
        "dataVersion": "c542f38d9e010daa1c12ed4eb494a340.dir",
        "image": IMAGE,
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
    for missing in ("runId", "pipelineId", "commit", "mlflow"):
        conf = valid_conf()
        del conf[missing]
        with pytest.raises(ParamValidationError):
            dag.params.deep_merge(conf).validate()
    for bad in (valid_conf(commit="not-a-sha"), valid_conf(mlflow={}), valid_conf(params={"C": {"nested": 1}})):
        with pytest.raises(ParamValidationError):
            dag.params.deep_merge(bad).validate()


def test_normalize_conf_fills_defaults():
    conf = valid_conf()
    del conf["callbackUrl"]
    out = normalize_conf(conf, mode="kubernetes", default_tracking_uri=None)
    assert out["codePath"] == "."
    assert out["entryPoint"] == "train.py"
    assert out["callbackUrl"] is None
    assert out["params"] == {"C": 0.5, "model": "logreg"}


def test_normalize_conf_lists_every_problem():
    with pytest.raises(ConfError) as err:
        normalize_conf(
            valid_conf(runId="bad id!", commit="abc", params={"C": [1]}, codePath="../outside", callbackUrl="ftp://x"),
            mode="kubernetes",
            default_tracking_uri=None,
        )
    message = str(err.value)
    for field in ("runId", "commit", "params.C", "codePath", "callbackUrl"):
        assert field in message


def test_mode_specific_fields_and_the_tracking_uri_fallback():
    conf = valid_conf(image="", mlflow={"experimentName": "e"})
    with pytest.raises(ConfError, match="image: required in kubernetes mode"):
        normalize_conf(conf, mode="kubernetes", default_tracking_uri="http://x")
    with pytest.raises(ConfError, match="repoPath: required in local mode"):
        normalize_conf(conf, mode="local", default_tracking_uri="http://x")
    with pytest.raises(ConfError, match="mlflow.trackingUri"):
        normalize_conf(valid_conf(repoPath="/repo", mlflow={"experimentName": "e"}), mode="local", default_tracking_uri="")
    out = normalize_conf(valid_conf(repoPath="/repo", mlflow={"experimentName": "e"}), mode="local", default_tracking_uri="http://127.0.0.1:5000")
    assert out["mlflow"] == {"experimentName": "e", "trackingUri": "http://127.0.0.1:5000"}


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
    assert env["AWS_ENDPOINT_URL_S3"] == "http://minio.data:9000"
    assert [src.secret_ref.name for src in container.env_from] == ["mlcycle-training"]
    # Nothing secret is rendered into the pod spec itself.
    assert not any("SECRET" in e.name or "PASSWORD" in e.name for e in container.env)


def test_the_settings_default_to_kubernetes_mode():
    settings = load_settings({})
    assert settings.mode == "kubernetes"
    assert settings.callback_header == "X-Mlcycle-Callback-Secret"
    assert load_settings({"AWS_ENDPOINT_URL_S3": "http://s3"}).s3_endpoint_url == "http://s3"
    assert os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] == "False"

"""Builds the mlcycle training DAG for the configured mode (see settings.py and contract.py)."""
from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

from airflow.sdk import DAG, Param, TriggerRule, Variable, get_current_context, task
from airflow.sdk.exceptions import AirflowFailException

from mlcycle_dag.callback import callback_retry_args, post_callback
from mlcycle_dag.contract import CONF_SCHEMA, ConfError, normalize_conf
from mlcycle_dag.invocation import ARG_COUNT, ENV_KEYS, prepared_run
from mlcycle_dag.local_runner import run_training
from mlcycle_dag.settings import Settings, load_settings

DAG_ID = "mlcycle_training"
CALLBACK_SECRET_VARIABLE = "mlcycle_callback_secret"
# What the pod's templates read: the validate task's return value.
PREPARED = "ti.xcom_pull(task_ids='validate_conf')"

log = logging.getLogger(__name__)

DOC = """
### mlcycle training

Triggered by the mlcycle app with a `conf` following `mlcycle_dag/contract.py` (`runId`, `pipelineId`, `commit`,
`dataVersion`, `image` (by digest), `data.{remoteUrl,files}`, `params`, `mlflow.{experimentName,trackingUri}`,
`callbackUrl`, `entryPoint`). `validate_conf` checks it, `train` runs the training entry point from the image (a
Kubernetes pod, or a local subprocess in the image's files pulled from the registry) with the run's DVC files, and
`notify_success` / `notify_failure` post the outcome to `callbackUrl`.
"""


def dag_params() -> dict[str, Param]:
    """Airflow Params from the conf schema: the REST API validates a trigger's conf against them (400 if invalid)."""
    required = set(CONF_SCHEMA["required"])
    params: dict[str, Param] = {}
    for key, spec in CONF_SCHEMA["properties"].items():
        schema = dict(spec)
        default = schema.pop("default", None)
        description = schema.pop("description", None)
        params[key] = Param(description=description, **schema) if key in required else Param(default, description=description, **schema)
    return params


def _training_pod(settings: Settings):
    """The KubernetesPodOperator that runs the entry point from the run's image (production mode)."""
    from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
    from kubernetes.client import models as k8s

    return KubernetesPodOperator(
        task_id="train",
        name="mlcycle-train",
        namespace=settings.k8s_namespace,
        image="{{ %s['conf']['image'] }}" % PREPARED,
        cmds=["python", "{{ %s['conf']['entryPoint'] }}" % PREPARED],
        arguments=["{{ %s['args'][%d] }}" % (PREPARED, i) for i in range(ARG_COUNT)],
        env_vars={key: "{{ %s['env']['%s'] }}" % (PREPARED, key) for key in ENV_KEYS},
        env_from=[k8s.V1EnvFromSource(secret_ref=k8s.V1SecretEnvSource(name=settings.k8s_secret))] if settings.k8s_secret else None,
        service_account_name=settings.k8s_service_account or None,
        labels={"app.kubernetes.io/name": "mlcycle-training", "app.kubernetes.io/part-of": "mlcycle"},
        # Run ids may exceed the 63-character label limit: keep them in annotations.
        annotations={"mlcycle.io/run-id": "{{ %s['conf']['runId'] }}" % PREPARED, "mlcycle.io/commit": "{{ %s['conf']['commit'] }}" % PREPARED},
        get_logs=True,
        do_xcom_push=False,
        on_finish_action="delete_succeeded_pod",
        # If the worker dies mid-training, the next attempt re-attaches to the running pod instead of starting another.
        durable=True,
        startup_timeout_seconds=900,
        execution_timeout=timedelta(minutes=settings.timeout_minutes),
    )


def build_dag(settings: Settings | None = None) -> DAG:
    """The DAG: validate_conf >> train >> notify_success, and notify_failure if either of the first two fails."""
    settings = settings or load_settings()

    with DAG(
        dag_id=DAG_ID,
        description="Train a model for an mlcycle run and report the outcome to the app",
        doc_md=DOC,
        schedule=None,
        catchup=False,
        # The app triggers runs through the REST API; a paused DAG would leave them queued.
        is_paused_upon_creation=False,
        params=dag_params(),
        tags=["mlcycle"],
        default_args={"retries": 0},
    ) as dag:

        @task(task_id="validate_conf")
        def validate_conf() -> dict[str, Any]:
            conf = get_current_context()["dag_run"].conf or {}
            try:
                normalized = normalize_conf(conf, mode=settings.mode, default_tracking_uri=settings.default_tracking_uri)
            except ConfError as exc:
                # A bad conf will not get better on retry.
                raise AirflowFailException(str(exc)) from exc
            # The run's trace: an operator finds this task log from Application Insights by the trace id, and back.
            log.info("mlcycle run %s traceparent %s", normalized["runId"], normalized.get("traceparent") or "(none)")
            return prepared_run(normalized, settings)

        prepared = validate_conf()

        if settings.mode == "local":

            @task(task_id="train", execution_timeout=timedelta(minutes=settings.timeout_minutes))
            def train_local(run: dict[str, Any]) -> dict[str, Any]:
                return run_training(run, settings, log=log.info)

            trained = train_local(prepared)
        else:
            trained = _training_pod(settings)
            prepared >> trained

        @task(**callback_retry_args())
        def notify(state: str) -> bool:
            ctx = get_current_context()
            dag_run = ctx["dag_run"]
            conf = dag_run.conf or {}
            url = conf.get("callbackUrl")
            if not isinstance(url, str) or not re.match(r"^https?://", url):
                log.info("no callbackUrl in the conf; nothing to notify")
                return False
            secret = Variable.get(CALLBACK_SECRET_VARIABLE, default=None)
            if not secret:
                log.error("Airflow Variable %s is not set; not calling back (the app will poll)", CALLBACK_SECRET_VARIABLE)
                return False
            run_id = conf.get("runId")
            body = {"dagId": dag_run.dag_id, "dagRunId": dag_run.run_id, "runId": run_id if isinstance(run_id, str) else None, "state": state}
            ti = ctx["ti"]
            return post_callback(url, body, header=settings.callback_header, secret=secret, last_attempt=ti.try_number > ti.max_tries, log=log.info)

        notify_success = notify.override(task_id="notify_success", trigger_rule=TriggerRule.ALL_SUCCESS)("success")
        notify_failure = notify.override(task_id="notify_failure", trigger_rule=TriggerRule.ONE_FAILED)("failed")
        trained >> notify_success
        [prepared, trained] >> notify_failure
        # notify_success is a leaf: when training fails it ends upstream_failed, so the DAG run ends failed even
        # though notify_failure succeeds.

    return dag

"""Deployment settings of the mlcycle DAG, read from the Airflow workers' environment (not from the run's conf).

  MLCYCLE_TRAINING_MODE        `kubernetes` (default; a pod from the run's image) or `local` (a subprocess in the
                               files of the run's image, pulled from its registry)
  MLCYCLE_TRAINING_PYTHON      local mode: interpreter with the training stack (mlflow, dvc, scikit-learn)
  MLCYCLE_REGISTRY_USERNAME    local mode: user for the image registry (Basic auth, or to obtain a Bearer token)
  MLCYCLE_REGISTRY_PASSWORD    local mode: its password; never passed to the training. Plain http is used only
                               for loopback registries (127.0.0.1, localhost, ::1), https for every other
  MLCYCLE_TRAINING_TIMEOUT_MINUTES  execution timeout of the training task (default 360)
  MLCYCLE_K8S_NAMESPACE        kubernetes mode: namespace of the training pods (default `mlcycle`)
  MLCYCLE_K8S_SECRET           kubernetes mode: secret loaded into the pod's environment, e.g. the DVC remote's
                               AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (default `mlcycle-training`; empty: none)
  MLCYCLE_K8S_SERVICE_ACCOUNT  kubernetes mode: service account of the pods (optional)
  MLCYCLE_S3_ENDPOINT_URL      the DVC remote's S3 endpoint for the training (default: AWS_ENDPOINT_URL_S3)
  MLFLOW_TRACKING_URI          tracking URI for runs whose conf names none
  MLCYCLE_CALLBACK_HEADER      header carrying the callback secret (default `X-Mlcycle-Callback-Secret`)
  Airflow Variable `mlcycle_callback_secret` (e.g. env AIRFLOW_VAR_MLCYCLE_CALLBACK_SECRET): the shared secret
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping

MODES = ("kubernetes", "local")


@dataclass(frozen=True)
class Settings:
    """The DAG's deployment settings (see the module docstring)."""

    mode: str
    training_python: str
    timeout_minutes: int
    k8s_namespace: str
    k8s_secret: str
    k8s_service_account: str
    s3_endpoint_url: str
    default_tracking_uri: str
    callback_header: str
    registry_username: str = ""
    # Kept out of repr, so logging the settings never shows it.
    registry_password: str = field(default="", repr=False)


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings; an unknown mode is an error at parse time, so the DAG shows an import error."""
    env = os.environ if env is None else env
    mode = env.get("MLCYCLE_TRAINING_MODE", "kubernetes").strip().lower()
    if mode not in MODES:
        raise ValueError(f"MLCYCLE_TRAINING_MODE must be one of {', '.join(MODES)}")
    return Settings(
        mode=mode,
        training_python=env.get("MLCYCLE_TRAINING_PYTHON", "python3"),
        timeout_minutes=int(env.get("MLCYCLE_TRAINING_TIMEOUT_MINUTES", "360")),
        k8s_namespace=env.get("MLCYCLE_K8S_NAMESPACE", "mlcycle"),
        k8s_secret=env.get("MLCYCLE_K8S_SECRET", "mlcycle-training"),
        k8s_service_account=env.get("MLCYCLE_K8S_SERVICE_ACCOUNT", ""),
        s3_endpoint_url=env.get("MLCYCLE_S3_ENDPOINT_URL") or env.get("AWS_ENDPOINT_URL_S3", ""),
        default_tracking_uri=env.get("MLFLOW_TRACKING_URI", ""),
        callback_header=env.get("MLCYCLE_CALLBACK_HEADER", "X-Mlcycle-Callback-Secret"),
        registry_username=env.get("MLCYCLE_REGISTRY_USERNAME", ""),
        registry_password=env.get("MLCYCLE_REGISTRY_PASSWORD", ""),
    )

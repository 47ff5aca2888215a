"""Test setup for the mlcycle DAG: a private AIRFLOW_HOME, the repo's dags folder on sys.path."""
from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

DAGS = Path(__file__).resolve().parents[1] / "dags"

# Airflow reads its configuration when first imported: point it at a throw-away home before any test imports it.
os.environ["AIRFLOW_HOME"] = tempfile.mkdtemp(prefix="mlcycle-airflow-test-")
atexit.register(shutil.rmtree, os.environ["AIRFLOW_HOME"], True)
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS)
os.environ["AIRFLOW__CORE__UNIT_TEST_MODE"] = "True"
sys.path.insert(0, str(DAGS))

"""Lineage, decisions, runs and the comparison as DataFrames, the chart, and the error without pandas."""

from __future__ import annotations

import sys

import matplotlib
import pytest

import mlcycle
from conftest import World
from mlcycle.frames import DECISION_COLUMNS, LINEAGE_COLUMNS, RUN_COLUMNS

matplotlib.use("Agg")


def test_lineage_and_decision_frames(world: World, client: mlcycle.Client) -> None:
    run = client.runs.start(world.seed(metrics={"auc": 0.9, "precision": 0.8})).wait(timeout=60, poll=0.2, progress=False)
    lineage = run.lineage
    assert list(lineage.columns) == LINEAGE_COLUMNS
    assert list(lineage["kind"]) == ["commit", "data", "image", "airflow", "mlflow", "model"]
    assert lineage.set_index("kind").loc["mlflow", "details"]["metrics"] == {"auc": 0.9, "precision": 0.8}
    decision = run.decision
    assert list(decision.columns) == DECISION_COLUMNS and len(decision) >= 1


def test_client_lineage_by_each_key(world: World, client: mlcycle.Client) -> None:
    run = client.runs.start(world.seed()).wait(timeout=60, poll=0.2, progress=False)
    lineage = run.data["lineage"]
    model = f"{lineage['model']['name']}:{lineage['model']['version']}"
    for key in (
        {"commit": lineage["commitSha"]},
        {"model": model},
        {"mlflow_run_id": lineage["mlflow"]["runId"]},
        {"image_digest": lineage["image"]["digest"]},
        {"data_fingerprint": lineage["data"]["fingerprint"]},
    ):
        frame = client.lineage(**key)
        assert list(frame.columns) == RUN_COLUMNS
        assert run.id in list(frame["run_id"]), key
    with pytest.raises(ValueError):
        client.lineage(commit="a", model="b:1")


def test_compare_the_champion_with_challengers_and_plot(world: World, client: mlcycle.Client) -> None:
    pipeline_id = world.seed(metrics={"auc": 0.80, "precision": 0.8})
    first = client.runs.start(pipeline_id).wait(timeout=60, poll=0.2, progress=False)
    world.ctl("/metrics", {"id": pipeline_id, "metrics": {"auc": 0.70, "precision": 0.8}})
    second = client.runs.start(pipeline_id, force=True).wait(timeout=60, poll=0.2, progress=False)
    comparison = client.compare(pipeline_id)
    frame = comparison.frame
    assert comparison.metric == "auc"
    assert list(frame["run_id"]) == [first.id, second.id]
    assert list(frame["role"]) == ["champion", "challenger"]
    assert list(frame["auc"]) == [0.80, 0.70]
    ax = comparison.plot()
    assert ax.get_ylabel().startswith("auc")
    assert len(ax.lines) == 1 and len(ax.collections) == 1


def test_without_pandas_the_error_names_the_extra(world: World, client: mlcycle.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    run = client.runs.start(world.seed()).wait(timeout=60, poll=0.2, progress=False)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"mlcycle-client\[pandas\]"):
        run.lineage

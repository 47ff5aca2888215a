"""client.runs and Run against the real app: start, get, list, wait (success, failure, approval), and the actions."""

from __future__ import annotations

from typing import Any

import pytest

import mlcycle
from conftest import World

FAST = {"poll": 0.2, "progress": False}


def approval_overrides(world: World) -> dict[str, Any]:
    policy = dict(world.ctl("/spec")["policy"], requireApproval=True)
    return {"policy": policy}


def test_start_wait_and_read_a_run_that_succeeds(world: World, client: mlcycle.Client) -> None:
    pipeline_id = world.seed(metrics={"auc": 0.91, "precision": 0.8})
    run = client.runs.start(pipeline_id, reason="from pytest")
    assert isinstance(run, mlcycle.Run) and run.pipeline_id == pipeline_id and run.reason == "from pytest"
    assert run.wait(timeout=60, **FAST) is run
    assert run.status == "succeeded" and run.outcome == "promote"
    assert [s.name for s in run.steps][:2] == ["resolveSource", "versionData"] and len(run.steps) == 8
    assert client.runs.get(run.id).status == "succeeded"
    assert run.refresh() is run


def test_list_by_pipeline_and_status(world: World, client: mlcycle.Client) -> None:
    pipeline_id = world.seed()
    run = client.runs.start(pipeline_id).wait(timeout=60, **FAST)
    assert [r.id for r in client.runs.list(pipeline_id)] == [run.id]
    assert [r.id for r in client.runs.list(pipeline_id, status="succeeded", limit=5)] == [run.id]
    assert client.runs.list(pipeline_id, status="failed") == []


def test_a_failed_run_raises_run_failed_with_the_step_and_reason(world: World, client: mlcycle.Client, failing_trainings: None) -> None:
    run = client.runs.start(world.seed())
    with pytest.raises(mlcycle.RunFailed) as caught:
        run.wait(timeout=60, **FAST)
    failed = caught.value
    assert failed.run.status == "failed" and failed.step == "train"
    assert failed.code and failed.reason
    assert "train" in str(failed) and run.id in str(failed)


def test_retry_a_failed_run(world: World, client: mlcycle.Client) -> None:
    pipeline_id = world.seed()
    world.ctl("/training", {"finalState": "failed"})
    try:
        failed = client.runs.start(pipeline_id)
        with pytest.raises(mlcycle.RunFailed):
            failed.wait(timeout=60, **FAST)
    finally:
        world.ctl("/training", {"finalState": "success"})
    retried = failed.retry()
    assert retried.id != failed.id
    assert retried.wait(timeout=60, **FAST).status == "succeeded"


def test_a_run_waiting_for_approval_returns_then_approve_and_wait_to_the_end(world: World, client: mlcycle.Client) -> None:
    run = client.runs.start(world.seed(approval_overrides(world)))
    assert run.wait(timeout=60, **FAST).status == "waiting-approval"
    run.approve(comment="looks good")
    assert run.wait(timeout=60, **FAST).status == "succeeded"
    assert run.outcome == "promote"


def test_reject_a_promotion(world: World, client: mlcycle.Client) -> None:
    run = client.runs.start(world.seed(approval_overrides(world))).wait(timeout=60, **FAST)
    run.reject(reason="not now")
    assert run.wait(timeout=60, **FAST).status in {"succeeded", "skipped"}


def test_approving_a_run_not_waiting_is_a_conflict(world: World, client: mlcycle.Client) -> None:
    run = client.runs.start(world.seed()).wait(timeout=60, **FAST)
    with pytest.raises(mlcycle.ConflictError) as caught:
        run.approve()
    assert caught.value.status == 409 and run.id in caught.value.detail


def test_cancel_a_run_then_wait_raises_run_cancelled(world: World, client: mlcycle.Client) -> None:
    run = client.runs.start(world.seed(approval_overrides(world))).wait(timeout=60, **FAST)
    run.cancel(reason="changed my mind")
    with pytest.raises(mlcycle.RunCancelled) as caught:
        run.wait(timeout=60, **FAST)
    assert caught.value.run.status == "cancelled"


def test_reproduce_a_finished_run(world: World, client: mlcycle.Client) -> None:
    original = client.runs.start(world.seed()).wait(timeout=60, **FAST)
    reproduction = original.reproduce(reason="check")
    assert reproduction.kind == "reproduction" and reproduction.id != original.id
    reproduction.wait(timeout=60, **FAST)
    assert reproduction.status == "succeeded"


def test_wait_gives_up_after_its_timeout(world: World, client: mlcycle.Client) -> None:
    run = client.runs.start(world.seed(approval_overrides(world)))
    run.data["status"] = "running"  # as if read a moment ago: wait must poll before it may return
    with pytest.raises(mlcycle.WaitTimeout) as caught:
        run.wait(timeout=0, **FAST)
    assert isinstance(caught.value, TimeoutError) and caught.value.run is run


def test_unknown_runs_and_pipelines_are_not_found(client: mlcycle.Client) -> None:
    with pytest.raises(mlcycle.NotFoundError):
        client.runs.get("r-nope")
    with pytest.raises(mlcycle.NotFoundError):
        client.runs.start("no-such-pipeline")


def test_bad_run_parameters_are_validation_errors(world: World, client: mlcycle.Client) -> None:
    with pytest.raises(mlcycle.ValidationError) as caught:
        client.runs.start(world.seed(), ref="bad ref..")
    assert caught.value.fields == ["ref"]

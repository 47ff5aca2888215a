"""client.pipelines against the real app: list, get, put (dict, JSON, YAML), enable, disable, delete, and their errors."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

import mlcycle
from conftest import World


def new_id() -> str:
    return f"put-{uuid.uuid4().hex[:10]}"


def spec(world: World, **overrides: Any) -> dict[str, Any]:
    value: dict[str, Any] = world.ctl("/spec")
    value.update(overrides)
    return value


def test_put_from_a_dict_then_get_and_list(world: World, client: mlcycle.Client) -> None:
    pipeline_id = new_id()
    stored = client.pipelines.put(spec(world, description="from a dict"), id=pipeline_id)
    assert stored["id"] == pipeline_id and stored["description"] == "from a dict"
    assert client.pipelines.get(pipeline_id)["description"] == "from a dict"
    assert pipeline_id in [p["id"] for p in client.pipelines.list()]


def test_put_from_json_and_yaml_files_with_the_id_in_the_spec(world: World, client: mlcycle.Client, tmp_path: Path) -> None:
    json_id, yaml_id = new_id(), new_id()
    (tmp_path / "p.json").write_text(json.dumps(spec(world, id=json_id)))
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(spec(world, id=yaml_id)))
    assert client.pipelines.put(tmp_path / "p.json")["id"] == json_id
    assert client.pipelines.put(str(tmp_path / "p.yaml"))["id"] == yaml_id
    text_id = new_id()
    assert client.pipelines.put(json.dumps(spec(world, id=text_id)))["id"] == text_id


def test_put_an_edited_pipeline_back(world: World, client: mlcycle.Client) -> None:
    pipeline_id = new_id()
    client.pipelines.put(spec(world), id=pipeline_id)
    stored = client.pipelines.get(pipeline_id)
    stored["description"] = "edited"
    assert client.pipelines.put(stored)["description"] == "edited"


def test_a_spec_without_an_id_is_refused_before_sending(world: World, client: mlcycle.Client) -> None:
    with pytest.raises(ValueError, match="id"):
        client.pipelines.put(spec(world))


def test_enable_and_disable(world: World, client: mlcycle.Client) -> None:
    pipeline_id = new_id()
    client.pipelines.put(spec(world), id=pipeline_id)
    assert client.pipelines.disable(pipeline_id)["enabled"] is False
    assert client.pipelines.get(pipeline_id)["enabled"] is False
    assert client.pipelines.enable(pipeline_id)["enabled"] is True


def test_a_write_under_a_stale_etag_is_precondition_failed(world: World, client: mlcycle.Client) -> None:
    pipeline_id = new_id()
    client.pipelines.put(spec(world), id=pipeline_id)
    client.pipelines.put(spec(world, description="someone else"), id=pipeline_id)
    with pytest.raises(mlcycle.PreconditionFailedError) as caught:
        client.pipelines.put(spec(world), id=pipeline_id, if_match='"stale-etag"')
    assert caught.value.status == 412 and caught.value.code == "PRECONDITION_FAILED"


def test_delete_then_get_is_not_found(world: World, client: mlcycle.Client) -> None:
    pipeline_id = new_id()
    client.pipelines.put(spec(world), id=pipeline_id)
    client.pipelines.delete(pipeline_id)
    with pytest.raises(mlcycle.NotFoundError) as caught:
        client.pipelines.get(pipeline_id)
    assert caught.value.status == 404 and pipeline_id in caught.value.detail


def test_an_invalid_spec_is_a_validation_error_naming_the_fields(world: World, client: mlcycle.Client) -> None:
    bad = spec(world)
    del bad["policy"]
    bad["source"] = {"kind": "nowhere"}
    with pytest.raises(mlcycle.ValidationError) as caught:
        client.pipelines.put(bad, id=new_id())
    error = caught.value
    assert error.status == 400 and error.code == "VALIDATION"
    assert "policy" in error.fields and "source.kind" in error.fields
    assert "policy" in str(error) and "source.kind" in str(error)


def test_a_body_over_the_limit_is_payload_too_large(world: World, client: mlcycle.Client) -> None:
    with pytest.raises(mlcycle.PayloadTooLargeError) as caught:
        client.pipelines.put(spec(world, description="x" * (1024 * 1024 + 1)), id=new_id())
    assert caught.value.status == 413


def test_a_wrong_key_is_unauthenticated_and_never_shown(world: World, caplog: pytest.LogCaptureFixture) -> None:
    secret = "wrong-key-" + uuid.uuid4().hex
    caplog.set_level("DEBUG")
    client = mlcycle.Client(world.url, key=secret)
    with pytest.raises(mlcycle.UnauthenticatedError) as caught:
        client.pipelines.list()
    assert caught.value.status == 401
    shown = str(caught.value) + repr(caught.value) + repr(client) + caplog.text
    assert secret not in shown


def test_the_operator_key_never_appears_in_errors_or_logs(world: World, client: mlcycle.Client, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    with pytest.raises(mlcycle.NotFoundError) as caught:
        client.pipelines.get("no-such-pipeline")
    shown = str(caught.value) + repr(caught.value) + repr(client) + caplog.text
    assert world.key not in shown
    assert world.key not in str(client._t.get_httpx_client().base_url)


def test_no_credential_is_unauthenticated(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MLCYCLE_KEY", raising=False)
    monkeypatch.delenv("MLCYCLE_TOKEN", raising=False)
    client = mlcycle.Client(world.url)
    assert "x-functions-key" not in client._t.get_httpx_client().headers
    with pytest.raises(mlcycle.UnauthenticatedError):
        client.pipelines.list()

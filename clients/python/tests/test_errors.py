"""Problem responses become the exception class of their code, with their fields; canned responses cover every code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mlcycle
from mlcycle.transport import error_for

DOCUMENT = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


def problem(code: str, status: int = 500, errors: list[dict[str, str]] | None = None) -> bytes:
    body = {"type": "about:blank", "title": "t", "status": status, "detail": f"detail of {code}", "code": code}
    if errors is not None:
        body["errors"] = errors
    return json.dumps(body).encode()


def test_every_code_of_the_document_has_its_class_exported() -> None:
    codes = json.loads(DOCUMENT.read_text())["components"]["schemas"]["Problem"]["properties"]["code"]["enum"]
    assert sorted(mlcycle.by_code) == sorted(codes)
    for code, cls in mlcycle.by_code.items():
        assert cls.code == code
        assert issubclass(cls, mlcycle.ApiError)
        assert getattr(mlcycle, cls.__name__) is cls
        assert cls.__name__ in mlcycle.__all__


@pytest.mark.parametrize("code", sorted(json.loads(DOCUMENT.read_text())["components"]["schemas"]["Problem"]["properties"]["code"]["enum"]))
def test_a_canned_problem_maps_to_its_class(code: str) -> None:
    error = error_for(503, problem(code, 503))
    assert type(error) is mlcycle.by_code[code]
    assert (error.status, error.code, error.detail, error.title) == (503, code, f"detail of {code}", "t")


def test_upstream_codes_have_named_classes() -> None:
    assert type(error_for(502, problem("TRANSIENT"))) is mlcycle.TransientError
    assert type(error_for(504, problem("TIMEOUT"))) is mlcycle.ApiTimeoutError
    assert type(error_for(500, problem("INTERNAL"))) is mlcycle.InternalError
    assert type(error_for(409, problem("DATA_NOT_PUSHED"))) is mlcycle.DataNotPushedError
    assert type(error_for(403, problem("FORBIDDEN"))) is mlcycle.ForbiddenError
    assert type(error_for(415, problem("UNSUPPORTED_MEDIA_TYPE"))) is mlcycle.UnsupportedMediaTypeError


def test_field_errors_are_carried_and_named_in_the_message() -> None:
    error = error_for(400, problem("VALIDATION", 400, [{"field": "policy.primaryMetric", "message": "is required"}]))
    assert isinstance(error, mlcycle.ValidationError)
    assert error.errors == [mlcycle.FieldError("policy.primaryMetric", "is required")]
    assert error.fields == ["policy.primaryMetric"]
    assert "policy.primaryMetric: is required" in str(error)
    assert "policy.primaryMetric" in repr(error)


def test_a_non_json_failure_is_an_api_error_with_its_status() -> None:
    error = error_for(502, b"<html>Bad gateway</html>", "Bad Gateway")
    assert type(error) is mlcycle.ApiError
    assert error.status == 502 and error.code == ""
    assert "502" in str(error)


def test_an_unknown_code_is_still_an_api_error() -> None:
    error = error_for(418, problem("TEAPOT", 418))
    assert type(error) is mlcycle.ApiError and error.code == "TEAPOT"

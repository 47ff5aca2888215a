"""The generated transport, set up with the caller's credential, and the mapping of error responses to exceptions."""

from __future__ import annotations

import json
from typing import Any

import httpx

from ._api.client import AuthenticatedClient
from ._api.types import Response
from ._errors_generated import by_code
from .errors import ApiError, field_errors
from .settings import Settings


def error_for(status: int, content: bytes, reason: str = "") -> ApiError:
    """The exception for an error response: the class of its problem code, or ApiError when it is not problem JSON."""
    try:
        body = json.loads(content)
    except ValueError:
        body = None
    if not isinstance(body, dict) or not isinstance(body.get("code"), str):
        text = content.decode("utf-8", "replace").strip()[:300]
        return ApiError(status, "", reason or f"HTTP {status}", text or reason or f"HTTP {status}")
    code = body["code"]
    cls = by_code.get(code, ApiError)
    return cls(
        status,
        code,
        str(body.get("title", "")),
        str(body.get("detail", "")),
        field_errors(body.get("errors")),
        body.get("instance") if isinstance(body.get("instance"), str) else None,
    )


def _raise_for_status(response: httpx.Response) -> None:
    # Runs inside httpx before the generated code parses the body, so every operation fails the same way.
    if response.status_code >= 400:
        response.read()
        raise error_for(response.status_code, response.content, response.reason_phrase)


class _Transport(AuthenticatedClient):
    """The generated client, whose repr leaves out the credential it holds."""

    def __repr__(self) -> str:
        return f"Transport({self._base_url!r}, header={self.auth_header_name!r})"


def make_transport(settings: Settings) -> AuthenticatedClient:
    """The generated client with the key (``x-functions-key``) or the bearer token in a header, never in the URL."""
    if settings.key:
        token, prefix, header = settings.key, "", "x-functions-key"
    else:
        token, prefix, header = settings.token or "", "Bearer", "Authorization"
    client = _Transport(
        base_url=settings.url,
        token=token,
        prefix=prefix,
        auth_header_name=header,
        timeout=httpx.Timeout(settings.timeout),
        httpx_args={"event_hooks": {"response": [_raise_for_status]}},
    )
    if not token:
        # No credential: the header would be sent empty; send none (the API answers 401 UNAUTHENTICATED).
        client.set_httpx_client(
            httpx.Client(
                base_url=settings.url,
                timeout=httpx.Timeout(settings.timeout),
                event_hooks={"response": [_raise_for_status]},
            )
        )
    return client


def body_of(response: Response[Any]) -> Any:
    """The JSON body of a successful response, as plain Python values."""
    return json.loads(response.content) if response.content else None


class RawBody:
    """A request body sent exactly as given, where a generated model would reject it before the API could say why."""

    def __init__(self, value: dict[str, Any]) -> None:
        self.value = value

    def to_dict(self) -> dict[str, Any]:
        """The body as JSON-ready values."""
        return self.value

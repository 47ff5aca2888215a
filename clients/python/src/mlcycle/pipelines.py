"""``client.pipelines``: list, read, create or replace, enable, disable and delete pipelines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import yaml

from ._api.api.pipelines import pipelines_delete, pipelines_get, pipelines_list, pipelines_put
from ._api.client import AuthenticatedClient
from ._api.models.pipeline_spec import PipelineSpec
from ._api.types import UNSET
from .transport import RawBody, body_of

# Fields the API adds to a stored pipeline; a spec sent back (enable, disable, a pipeline read and edited) drops them.
_STORED_FIELDS = ("id", "createdAt", "updatedAt", "etag")

Spec = dict[str, Any]


def load_spec(spec: Spec | str | Path) -> Spec:
    """A pipeline spec from a dict, a path to a .json/.yaml/.yml file, or JSON text."""
    if isinstance(spec, dict):
        return dict(spec)
    if isinstance(spec, str) and spec.lstrip().startswith("{"):
        return _mapping(json.loads(spec), "the JSON text")
    path = Path(spec)
    text = path.read_text(encoding="utf-8")
    return _mapping(json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text), str(path))


def _mapping(value: object, source: str) -> Spec:
    if not isinstance(value, dict):
        raise ValueError(f"a pipeline spec is a mapping; {source} holds a {type(value).__name__}")
    return value


class Pipelines:
    """The pipelines of the API (``client.pipelines``); pipelines are plain dicts as the API returns them."""

    def __init__(self, transport: AuthenticatedClient) -> None:
        self._t = transport

    def list(self) -> list[Spec]:
        """Every pipeline (all pages)."""
        items: list[Spec] = []
        token: str | None = None
        while True:
            page = body_of(pipelines_list.sync_detailed(client=self._t, limit=100, continuation_token=token or UNSET))
            items.extend(page["items"])
            token = page.get("continuationToken")
            if not token:
                return items

    def get(self, id: str) -> Spec:
        """One pipeline; raises NotFoundError when there is none."""
        return cast(Spec, body_of(pipelines_get.sync_detailed(id, client=self._t)))

    def put(self, spec: Spec | str | Path, id: str | None = None, *, if_match: str | None = None) -> Spec:
        """Create or replace a pipeline from a dict or a JSON/YAML file; the id comes from ``id`` or the spec."""
        body = load_spec(spec)
        pipeline_id = id or body.get("id")
        if not isinstance(pipeline_id, str) or not pipeline_id:
            raise ValueError("a pipeline needs an id: pass id= or put one in the spec")
        for name in _STORED_FIELDS:
            body.pop(name, None)
        # Sent as given: the API validates it and names every wrong field (a ValidationError).
        response = pipelines_put.sync_detailed(
            pipeline_id, client=self._t, body=cast(PipelineSpec, RawBody(body)), if_match=if_match or UNSET
        )
        return cast(Spec, body_of(response))

    def enable(self, id: str) -> Spec:
        """Enable a pipeline (read, flip, write back under its ETag: a concurrent change is a PreconditionFailedError)."""
        return self._set_enabled(id, True)

    def disable(self, id: str) -> Spec:
        """Disable a pipeline: its schedule and triggers start no runs (see ``enable``)."""
        return self._set_enabled(id, False)

    def delete(self, id: str, *, if_match: str | None = None) -> None:
        """Delete a pipeline; its runs stay."""
        pipelines_delete.sync_detailed(id, client=self._t, if_match=if_match or UNSET)

    def _set_enabled(self, id: str, enabled: bool) -> Spec:
        response = pipelines_get.sync_detailed(id, client=self._t)
        etag = response.headers.get("etag")
        spec = cast(Spec, body_of(response))
        spec["enabled"] = enabled
        return self.put(spec, id, if_match=etag)

"""``mlcycle.Client``: the entry point, holding the API's URL and credential."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._api.api.lifecycle import pipelines_lifecycle
from ._api.api.lineage import lineage_find
from ._api.models.lineage_find_key import LineageFindKey
from ._api.types import UNSET
from .compare import Comparison, comparison_rows
from .pipelines import Pipelines
from .runs import Runs
from .settings import resolve_settings
from .transport import body_of, make_transport

if TYPE_CHECKING:
    import pandas


class Client:
    """A client of one mlcycle API: ``Client()`` reads MLCYCLE_URL and MLCYCLE_KEY (or MLCYCLE_TOKEN)."""

    def __init__(self, url: str | None = None, *, key: str | None = None, token: str | None = None, timeout: float = 30.0) -> None:
        self.settings = resolve_settings(url, key, token, timeout)
        self._t = make_transport(self.settings)
        self.pipelines = Pipelines(self._t)
        self.runs = Runs(self._t)

    @property
    def url(self) -> str:
        """The API's base URL."""
        return self.settings.url

    def lineage(
        self,
        *,
        commit: str | None = None,
        model: str | None = None,
        mlflow_run_id: str | None = None,
        image_digest: str | None = None,
        data_fingerprint: str | None = None,
    ) -> pandas.DataFrame:
        """The runs behind one commit, model version (``"name:3"``), MLflow run, image digest or data fingerprint."""
        given = {k: v for k, v in locals().items() if k != "self" and v is not None}
        if len(given) != 1:
            raise ValueError("give exactly one of commit, model, mlflow_run_id, image_digest, data_fingerprint")
        key = LineageFindKey(
            commit=commit or UNSET,
            model=model or UNSET,
            mlflow_run_id=mlflow_run_id or UNSET,
            image_digest=image_digest or UNSET,
            data_fingerprint=data_fingerprint or UNSET,
        )
        from .frames import runs_frame

        return runs_frame(body_of(lineage_find.sync_detailed(client=self._t, key=key))["items"])

    def compare(self, pipeline_id: str, limit: int = 20) -> Comparison:
        """The champion against the last ``limit`` runs' challengers, on the policy's primary metric."""
        pipeline = self.pipelines.get(pipeline_id)
        primary: dict[str, Any] = pipeline["policy"]["primaryMetric"]
        lifecycle = body_of(pipelines_lifecycle.sync_detailed(pipeline_id, client=self._t, limit=1))
        champion = lifecycle.get("champion")
        runs = [r.data for r in self.runs.list(pipeline_id, limit=limit)]
        if champion and champion.get("runId") and all(r["id"] != champion["runId"] for r in runs):
            runs.append(self.runs.get(champion["runId"]).data)
        return Comparison(pipeline_id, primary["name"], primary.get("direction", "maximize"), champion, comparison_rows(runs, champion))

    def close(self) -> None:
        """Close the HTTP connections."""
        self._t.get_httpx_client().close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        # The credential never appears here, only its kind.
        return f"Client({self.settings.url!r}, auth={self.settings.auth_kind!r})"

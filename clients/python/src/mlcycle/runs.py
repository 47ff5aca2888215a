"""``client.runs`` and ``Run``: start, read, list, wait for, cancel, retry, reproduce, approve and reject runs."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._api.api.runs import (
    runs_approve,
    runs_cancel,
    runs_get,
    runs_list,
    runs_reject,
    runs_reproduce,
    runs_retry,
    runs_start,
)
from ._api.client import AuthenticatedClient
from ._api.models.runs_approve_body import RunsApproveBody
from ._api.models.runs_cancel_body import RunsCancelBody
from ._api.models.runs_list_status import RunsListStatus
from ._api.models.runs_reject_body import RunsRejectBody
from ._api.models.runs_reproduce_body import RunsReproduceBody
from ._api.models.runs_retry_body import RunsRetryBody
from ._api.models.runs_start_body import RunsStartBody
from ._api.models.runs_start_body_params import RunsStartBodyParams
from ._api.types import UNSET
from .errors import RunCancelled, RunFailed, WaitTimeout
from .transport import body_of

if TYPE_CHECKING:
    import pandas

TERMINAL = frozenset({"succeeded", "failed", "cancelled", "skipped"})
"""Statuses a run never leaves."""


@dataclass(frozen=True)
class Step:
    """One of a run's eight steps: its status, times, attempts, error (``{"code", "message"}``) and outputs."""

    name: str
    status: str
    started_at: str | None = None
    finished_at: str | None = None
    attempts: int | None = None
    error: dict[str, Any] | None = None
    outputs: dict[str, Any] | None = None

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Step:
        """A step from the API's JSON."""
        return cls(
            name=str(value["name"]),
            status=str(value["status"]),
            started_at=value.get("startedAt"),
            finished_at=value.get("finishedAt"),
            attempts=value.get("attempts"),
            error=value.get("error"),
            outputs=value.get("outputs"),
        )


class Run:
    """A run as last read from the API; ``refresh()`` reads it again, ``data`` is its full JSON."""

    def __init__(self, transport: AuthenticatedClient, data: dict[str, Any]) -> None:
        self._t = transport
        self.data = data
        # Set by approve() and reject(): the run still reads waiting-approval until the orchestrator acts on the
        # decision, and wait() must not return at that status for a decision already sent.
        self._decision_sent = False

    @property
    def id(self) -> str:
        """The run's id."""
        return str(self.data["id"])

    @property
    def status(self) -> str:
        """queued, running, waiting-approval, succeeded, failed, cancelled or skipped."""
        return str(self.data["status"])

    @property
    def pipeline_id(self) -> str:
        """The pipeline the run belongs to."""
        return str(self.data["pipelineId"])

    @property
    def reason(self) -> str | None:
        """Why the run ended (failed, skipped, promoted...) once it has, else why it started (the trigger's reason)."""
        value = self.data.get("reason") or (self.data.get("trigger") or {}).get("reason")
        return None if value is None else str(value)

    @property
    def kind(self) -> str:
        """training, validation or reproduction."""
        return str(self.data.get("kind", "training"))

    @property
    def links(self) -> dict[str, str]:
        """Links to the run's lineage in Azure DevOps, Airflow and MLflow."""
        return dict(self.data.get("links") or {})

    @property
    def steps(self) -> list[Step]:
        """The run's steps in order."""
        return [Step.from_json(s) for s in self.data.get("steps", [])]

    @property
    def outcome(self) -> str | None:
        """The decision's outcome (promote, hold, reject), once evaluated."""
        decision = self.data.get("decision")
        return str(decision["outcome"]) if decision else None

    @property
    def lineage(self) -> pandas.DataFrame:
        """The run's lineage as a DataFrame: one row per node (commit, data, image, airflow, mlflow, model)."""
        from .frames import lineage_frame

        return lineage_frame(self.data)

    @property
    def decision(self) -> pandas.DataFrame:
        """The decision as a DataFrame: one row per rule, with the champion's and the challenger's numbers."""
        from .frames import decision_frame

        return decision_frame(self.data)

    def refresh(self) -> Run:
        """Read the run again; returns itself."""
        self.data = body_of(runs_get.sync_detailed(self.id, client=self._t))
        return self

    def wait(self, timeout: float | None = None, poll: float = 2.0, progress: bool = True) -> Run:
        """Poll until the run ends or waits for approval, showing its steps; raises RunFailed, RunCancelled, WaitTimeout."""
        from .progress import open_display

        deadline = None if timeout is None else time.monotonic() + timeout
        display = open_display(self) if progress else None
        try:
            while True:
                if display:
                    display.update(self)
                if self.status != "waiting-approval":
                    self._decision_sent = False
                if self.status in TERMINAL or (self.status == "waiting-approval" and not self._decision_sent):
                    break
                if deadline is not None and time.monotonic() >= deadline:
                    raise WaitTimeout(self, timeout or 0.0)
                time.sleep(poll if deadline is None else max(0.0, min(poll, deadline - time.monotonic())))
                self.refresh()
        finally:
            if display:
                display.close()
        if self.status == "failed":
            failed = next((s for s in self.steps if s.status == "failed"), None)
            error = (failed.error if failed else None) or {}
            message = error.get("message") or self.reason or "the run failed"
            raise RunFailed(self, failed.name if failed else None, error.get("code"), str(message))
        if self.status == "cancelled":
            raise RunCancelled(self)
        return self

    def cancel(self, reason: str | None = None) -> Run:
        """Cancel the run; returns itself, updated."""
        body = RunsCancelBody(reason=reason if reason is not None else UNSET)
        self.data = body_of(runs_cancel.sync_detailed(self.id, client=self._t, body=body))
        return self

    def retry(self) -> Run:
        """Retry a failed run: a new run that resumes at the failed step."""
        started = body_of(runs_retry.sync_detailed(self.id, client=self._t, body=RunsRetryBody()))
        return Runs(self._t).get(started["runId"])

    def reproduce(self, reason: str | None = None) -> Run:
        """Rerun a finished run pinned to its lineage (commit, data, image, params): a new reproduction run."""
        body = RunsReproduceBody(reason=reason if reason is not None else UNSET)
        started = body_of(runs_reproduce.sync_detailed(self.id, client=self._t, body=body))
        return Runs(self._t).get(started["runId"])

    def approve(self, comment: str | None = None) -> Run:
        """Approve the promotion the run waits for; returns itself, updated."""
        body = RunsApproveBody(comment=comment if comment is not None else UNSET)
        self.data = body_of(runs_approve.sync_detailed(self.id, client=self._t, body=body))
        self._decision_sent = True
        return self

    def reject(self, reason: str | None = None) -> Run:
        """Reject the promotion the run waits for; returns itself, updated."""
        body = RunsRejectBody(comment=reason if reason is not None else UNSET)
        self.data = body_of(runs_reject.sync_detailed(self.id, client=self._t, body=body))
        self._decision_sent = True
        return self

    def __repr__(self) -> str:
        return f"Run(id={self.id!r}, pipeline_id={self.pipeline_id!r}, status={self.status!r})"


class Runs:
    """The runs of the API (``client.runs``)."""

    def __init__(self, transport: AuthenticatedClient) -> None:
        self._t = transport

    def start(
        self,
        pipeline_id: str,
        reason: str | None = None,
        ref: str | None = None,
        params: dict[str, Any] | None = None,
        force: bool = False,
    ) -> Run:
        """Start a training run of a pipeline (at ``ref``, default its branch's head) and return it."""
        body = RunsStartBody(
            reason=reason if reason is not None else UNSET,
            ref=ref if ref is not None else UNSET,
            params=RunsStartBodyParams.from_dict(params) if params is not None else UNSET,
            force=force,
        )
        started = body_of(runs_start.sync_detailed(pipeline_id, client=self._t, body=body))
        return self.get(started["runId"])

    def get(self, run_id: str) -> Run:
        """One run; raises NotFoundError when there is none."""
        return Run(self._t, body_of(runs_get.sync_detailed(run_id, client=self._t)))

    def list(self, pipeline_id: str, status: str | None = None, limit: int = 20) -> list[Run]:
        """A pipeline's runs, newest first, at most ``limit``, optionally only those with ``status``."""
        runs: list[Run] = []
        token: str | None = None
        while len(runs) < limit:
            page = body_of(
                runs_list.sync_detailed(
                    pipeline_id,
                    client=self._t,
                    limit=min(limit - len(runs), 100),
                    continuation_token=token or UNSET,
                    status=RunsListStatus(status) if status is not None else UNSET,
                )
            )
            runs.extend(Run(self._t, item) for item in page["items"])
            token = page.get("continuationToken")
            if not token:
                break
        return runs[:limit]

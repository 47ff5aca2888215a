from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.run_kind import RunKind
from ..models.run_status import RunStatus
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.decision import Decision
  from ..models.lineage import Lineage
  from ..models.run_outbox_item import RunOutboxItem
  from ..models.run_params import RunParams
  from ..models.run_pipeline_snapshot import RunPipelineSnapshot
  from ..models.run_reproduction import RunReproduction
  from ..models.run_steps_item import RunStepsItem
  from ..models.run_trigger import RunTrigger





T = TypeVar("T", bound="Run")



@_attrs_define
class Run:
    """ 
        Attributes:
            id (str):
            pipeline_id (str):
            trigger (RunTrigger):
            status (RunStatus):
            steps (list[RunStepsItem]):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            kind (RunKind | Unset):  Default: RunKind.TRAINING.
            reason (str | Unset):
            ref (str | Unset):
            force (bool | Unset):  Default: False.
            params (RunParams | Unset):
            lineage (Lineage | Unset):
            decision (Decision | Unset):
            retry_of (str | Unset):
            queued_behind (str | Unset):
            reproduce_of (str | Unset):
            reproduction (RunReproduction | Unset):
            pull_request_id (int | Unset):
            pipeline_snapshot (RunPipelineSnapshot | Unset):
            outbox (list[RunOutboxItem] | Unset):
            finished_at (datetime.datetime | Unset):
            etag (str | Unset):
     """

    id: str
    pipeline_id: str
    trigger: RunTrigger
    status: RunStatus
    steps: list[RunStepsItem]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    kind: RunKind | Unset = RunKind.TRAINING
    reason: str | Unset = UNSET
    ref: str | Unset = UNSET
    force: bool | Unset = False
    params: RunParams | Unset = UNSET
    lineage: Lineage | Unset = UNSET
    decision: Decision | Unset = UNSET
    retry_of: str | Unset = UNSET
    queued_behind: str | Unset = UNSET
    reproduce_of: str | Unset = UNSET
    reproduction: RunReproduction | Unset = UNSET
    pull_request_id: int | Unset = UNSET
    pipeline_snapshot: RunPipelineSnapshot | Unset = UNSET
    outbox: list[RunOutboxItem] | Unset = UNSET
    finished_at: datetime.datetime | Unset = UNSET
    etag: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.decision import Decision # noqa: PLC0415
        from ..models.lineage import Lineage # noqa: PLC0415
        from ..models.run_outbox_item import RunOutboxItem # noqa: PLC0415
        from ..models.run_params import RunParams # noqa: PLC0415
        from ..models.run_pipeline_snapshot import RunPipelineSnapshot # noqa: PLC0415
        from ..models.run_reproduction import RunReproduction # noqa: PLC0415
        from ..models.run_steps_item import RunStepsItem # noqa: PLC0415
        from ..models.run_trigger import RunTrigger # noqa: PLC0415
        id = self.id

        pipeline_id = self.pipeline_id

        trigger = self.trigger.to_dict()

        status = self.status.value

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)



        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value


        reason = self.reason

        ref = self.ref

        force = self.force

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        lineage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.lineage, Unset):
            lineage = self.lineage.to_dict()

        decision: dict[str, Any] | Unset = UNSET
        if not isinstance(self.decision, Unset):
            decision = self.decision.to_dict()

        retry_of = self.retry_of

        queued_behind = self.queued_behind

        reproduce_of = self.reproduce_of

        reproduction: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reproduction, Unset):
            reproduction = self.reproduction.to_dict()

        pull_request_id = self.pull_request_id

        pipeline_snapshot: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pipeline_snapshot, Unset):
            pipeline_snapshot = self.pipeline_snapshot.to_dict()

        outbox: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.outbox, Unset):
            outbox = []
            for outbox_item_data in self.outbox:
                outbox_item = outbox_item_data.to_dict()
                outbox.append(outbox_item)



        finished_at: str | Unset = UNSET
        if not isinstance(self.finished_at, Unset):
            finished_at = self.finished_at.isoformat()

        etag = self.etag


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "pipelineId": pipeline_id,
            "trigger": trigger,
            "status": status,
            "steps": steps,
            "createdAt": created_at,
            "updatedAt": updated_at,
        })
        if kind is not UNSET:
            field_dict["kind"] = kind
        if reason is not UNSET:
            field_dict["reason"] = reason
        if ref is not UNSET:
            field_dict["ref"] = ref
        if force is not UNSET:
            field_dict["force"] = force
        if params is not UNSET:
            field_dict["params"] = params
        if lineage is not UNSET:
            field_dict["lineage"] = lineage
        if decision is not UNSET:
            field_dict["decision"] = decision
        if retry_of is not UNSET:
            field_dict["retryOf"] = retry_of
        if queued_behind is not UNSET:
            field_dict["queuedBehind"] = queued_behind
        if reproduce_of is not UNSET:
            field_dict["reproduceOf"] = reproduce_of
        if reproduction is not UNSET:
            field_dict["reproduction"] = reproduction
        if pull_request_id is not UNSET:
            field_dict["pullRequestId"] = pull_request_id
        if pipeline_snapshot is not UNSET:
            field_dict["pipelineSnapshot"] = pipeline_snapshot
        if outbox is not UNSET:
            field_dict["outbox"] = outbox
        if finished_at is not UNSET:
            field_dict["finishedAt"] = finished_at
        if etag is not UNSET:
            field_dict["etag"] = etag

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.decision import Decision # noqa: PLC0415
        from ..models.lineage import Lineage # noqa: PLC0415
        from ..models.run_outbox_item import RunOutboxItem # noqa: PLC0415
        from ..models.run_params import RunParams # noqa: PLC0415
        from ..models.run_pipeline_snapshot import RunPipelineSnapshot # noqa: PLC0415
        from ..models.run_reproduction import RunReproduction # noqa: PLC0415
        from ..models.run_steps_item import RunStepsItem # noqa: PLC0415
        from ..models.run_trigger import RunTrigger # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        pipeline_id = d.pop("pipelineId")

        trigger = RunTrigger.from_dict(d.pop("trigger"))




        status = RunStatus(d.pop("status"))




        steps = []
        _steps = d.pop("steps")
        for steps_item_data in (_steps):
            steps_item = RunStepsItem.from_dict(steps_item_data)



            steps.append(steps_item)


        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))




        _kind = d.pop("kind", UNSET)
        kind: RunKind | Unset
        if isinstance(_kind,  Unset):
            kind = UNSET
        else:
            kind = RunKind(_kind)




        reason = d.pop("reason", UNSET)

        ref = d.pop("ref", UNSET)

        force = d.pop("force", UNSET)

        _params = d.pop("params", UNSET)
        params: RunParams | Unset
        if isinstance(_params,  Unset):
            params = UNSET
        else:
            params = RunParams.from_dict(_params)




        _lineage = d.pop("lineage", UNSET)
        lineage: Lineage | Unset
        if isinstance(_lineage,  Unset):
            lineage = UNSET
        else:
            lineage = Lineage.from_dict(_lineage)




        _decision = d.pop("decision", UNSET)
        decision: Decision | Unset
        if isinstance(_decision,  Unset):
            decision = UNSET
        else:
            decision = Decision.from_dict(_decision)




        retry_of = d.pop("retryOf", UNSET)

        queued_behind = d.pop("queuedBehind", UNSET)

        reproduce_of = d.pop("reproduceOf", UNSET)

        _reproduction = d.pop("reproduction", UNSET)
        reproduction: RunReproduction | Unset
        if isinstance(_reproduction,  Unset):
            reproduction = UNSET
        else:
            reproduction = RunReproduction.from_dict(_reproduction)




        pull_request_id = d.pop("pullRequestId", UNSET)

        _pipeline_snapshot = d.pop("pipelineSnapshot", UNSET)
        pipeline_snapshot: RunPipelineSnapshot | Unset
        if isinstance(_pipeline_snapshot,  Unset):
            pipeline_snapshot = UNSET
        else:
            pipeline_snapshot = RunPipelineSnapshot.from_dict(_pipeline_snapshot)




        _outbox = d.pop("outbox", UNSET)
        outbox: list[RunOutboxItem] | Unset = UNSET
        if _outbox is not UNSET:
            outbox = []
            for outbox_item_data in _outbox:
                outbox_item = RunOutboxItem.from_dict(outbox_item_data)



                outbox.append(outbox_item)


        _finished_at = d.pop("finishedAt", UNSET)
        finished_at: datetime.datetime | Unset
        if isinstance(_finished_at,  Unset):
            finished_at = UNSET
        else:
            finished_at = datetime.datetime.fromisoformat(_finished_at)




        etag = d.pop("etag", UNSET)

        run = cls(
            id=id,
            pipeline_id=pipeline_id,
            trigger=trigger,
            status=status,
            steps=steps,
            created_at=created_at,
            updated_at=updated_at,
            kind=kind,
            reason=reason,
            ref=ref,
            force=force,
            params=params,
            lineage=lineage,
            decision=decision,
            retry_of=retry_of,
            queued_behind=queued_behind,
            reproduce_of=reproduce_of,
            reproduction=reproduction,
            pull_request_id=pull_request_id,
            pipeline_snapshot=pipeline_snapshot,
            outbox=outbox,
            finished_at=finished_at,
            etag=etag,
        )


        run.additional_properties = d
        return run

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pipeline_overview_last_run_kind import PipelineOverviewLastRunKind
from ..models.pipeline_overview_last_run_status import PipelineOverviewLastRunStatus
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="PipelineOverviewLastRun")



@_attrs_define
class PipelineOverviewLastRun:
    """ The newest run.

        Attributes:
            id (str):
            status (PipelineOverviewLastRunStatus):
            created_at (datetime.datetime):
            kind (PipelineOverviewLastRunKind | Unset):  Default: PipelineOverviewLastRunKind.TRAINING.
            finished_at (datetime.datetime | Unset):
            started_at (datetime.datetime | Unset): When its first step started.
     """

    id: str
    status: PipelineOverviewLastRunStatus
    created_at: datetime.datetime
    kind: PipelineOverviewLastRunKind | Unset = PipelineOverviewLastRunKind.TRAINING
    finished_at: datetime.datetime | Unset = UNSET
    started_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        created_at = self.created_at.isoformat()

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value


        finished_at: str | Unset = UNSET
        if not isinstance(self.finished_at, Unset):
            finished_at = self.finished_at.isoformat()

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "status": status,
            "createdAt": created_at,
        })
        if kind is not UNSET:
            field_dict["kind"] = kind
        if finished_at is not UNSET:
            field_dict["finishedAt"] = finished_at
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        status = PipelineOverviewLastRunStatus(d.pop("status"))




        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))




        _kind = d.pop("kind", UNSET)
        kind: PipelineOverviewLastRunKind | Unset
        if isinstance(_kind,  Unset):
            kind = UNSET
        else:
            kind = PipelineOverviewLastRunKind(_kind)




        _finished_at = d.pop("finishedAt", UNSET)
        finished_at: datetime.datetime | Unset
        if isinstance(_finished_at,  Unset):
            finished_at = UNSET
        else:
            finished_at = datetime.datetime.fromisoformat(_finished_at)




        _started_at = d.pop("startedAt", UNSET)
        started_at: datetime.datetime | Unset
        if isinstance(_started_at,  Unset):
            started_at = UNSET
        else:
            started_at = datetime.datetime.fromisoformat(_started_at)




        pipeline_overview_last_run = cls(
            id=id,
            status=status,
            created_at=created_at,
            kind=kind,
            finished_at=finished_at,
            started_at=started_at,
        )


        pipeline_overview_last_run.additional_properties = d
        return pipeline_overview_last_run

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

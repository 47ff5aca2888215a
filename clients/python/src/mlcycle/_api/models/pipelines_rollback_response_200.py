from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pipelines_rollback_response_200_kind import PipelinesRollbackResponse200Kind
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="PipelinesRollbackResponse200")



@_attrs_define
class PipelinesRollbackResponse200:
    """ 
        Attributes:
            id (str):
            pipeline_id (str):
            kind (PipelinesRollbackResponse200Kind):
            model_name (str):
            to_version (str):
            at (datetime.datetime):
            from_version (str | Unset):
            run_id (str | Unset):
            by (str | Unset):
            reason (str | Unset):
     """

    id: str
    pipeline_id: str
    kind: PipelinesRollbackResponse200Kind
    model_name: str
    to_version: str
    at: datetime.datetime
    from_version: str | Unset = UNSET
    run_id: str | Unset = UNSET
    by: str | Unset = UNSET
    reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        pipeline_id = self.pipeline_id

        kind = self.kind.value

        model_name = self.model_name

        to_version = self.to_version

        at = self.at.isoformat()

        from_version = self.from_version

        run_id = self.run_id

        by = self.by

        reason = self.reason


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "pipelineId": pipeline_id,
            "kind": kind,
            "modelName": model_name,
            "toVersion": to_version,
            "at": at,
        })
        if from_version is not UNSET:
            field_dict["fromVersion"] = from_version
        if run_id is not UNSET:
            field_dict["runId"] = run_id
        if by is not UNSET:
            field_dict["by"] = by
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        pipeline_id = d.pop("pipelineId")

        kind = PipelinesRollbackResponse200Kind(d.pop("kind"))




        model_name = d.pop("modelName")

        to_version = d.pop("toVersion")

        at = datetime.datetime.fromisoformat(d.pop("at"))




        from_version = d.pop("fromVersion", UNSET)

        run_id = d.pop("runId", UNSET)

        by = d.pop("by", UNSET)

        reason = d.pop("reason", UNSET)

        pipelines_rollback_response_200 = cls(
            id=id,
            pipeline_id=pipeline_id,
            kind=kind,
            model_name=model_name,
            to_version=to_version,
            at=at,
            from_version=from_version,
            run_id=run_id,
            by=by,
            reason=reason,
        )


        pipelines_rollback_response_200.additional_properties = d
        return pipelines_rollback_response_200

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

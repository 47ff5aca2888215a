from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.trigger_record_decision import TriggerRecordDecision
from ..models.trigger_record_source import TriggerRecordSource
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="TriggerRecord")



@_attrs_define
class TriggerRecord:
    """ 
        Attributes:
            id (str):
            pipeline_id (str):
            source (TriggerRecordSource):
            dedup_key (str):
            decision (TriggerRecordDecision):
            at (datetime.datetime):
            payload_hash (str | Unset):
            detail (str | Unset):
            run_id (str | Unset):
            actor (str | Unset):
     """

    id: str
    pipeline_id: str
    source: TriggerRecordSource
    dedup_key: str
    decision: TriggerRecordDecision
    at: datetime.datetime
    payload_hash: str | Unset = UNSET
    detail: str | Unset = UNSET
    run_id: str | Unset = UNSET
    actor: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        pipeline_id = self.pipeline_id

        source = self.source.value

        dedup_key = self.dedup_key

        decision = self.decision.value

        at = self.at.isoformat()

        payload_hash = self.payload_hash

        detail = self.detail

        run_id = self.run_id

        actor = self.actor


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "pipelineId": pipeline_id,
            "source": source,
            "dedupKey": dedup_key,
            "decision": decision,
            "at": at,
        })
        if payload_hash is not UNSET:
            field_dict["payloadHash"] = payload_hash
        if detail is not UNSET:
            field_dict["detail"] = detail
        if run_id is not UNSET:
            field_dict["runId"] = run_id
        if actor is not UNSET:
            field_dict["actor"] = actor

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        pipeline_id = d.pop("pipelineId")

        source = TriggerRecordSource(d.pop("source"))




        dedup_key = d.pop("dedupKey")

        decision = TriggerRecordDecision(d.pop("decision"))




        at = datetime.datetime.fromisoformat(d.pop("at"))




        payload_hash = d.pop("payloadHash", UNSET)

        detail = d.pop("detail", UNSET)

        run_id = d.pop("runId", UNSET)

        actor = d.pop("actor", UNSET)

        trigger_record = cls(
            id=id,
            pipeline_id=pipeline_id,
            source=source,
            dedup_key=dedup_key,
            decision=decision,
            at=at,
            payload_hash=payload_hash,
            detail=detail,
            run_id=run_id,
            actor=actor,
        )


        trigger_record.additional_properties = d
        return trigger_record

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

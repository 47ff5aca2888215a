from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.run_trigger_kind import RunTriggerKind
from ..types import UNSET, Unset






T = TypeVar("T", bound="RunTrigger")



@_attrs_define
class RunTrigger:
    """ 
        Attributes:
            kind (RunTriggerKind):
            actor (str | Unset):
            source_event_id (str | Unset):
            reason (str | Unset):
     """

    kind: RunTriggerKind
    actor: str | Unset = UNSET
    source_event_id: str | Unset = UNSET
    reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        actor = self.actor

        source_event_id = self.source_event_id

        reason = self.reason


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "kind": kind,
        })
        if actor is not UNSET:
            field_dict["actor"] = actor
        if source_event_id is not UNSET:
            field_dict["sourceEventId"] = source_event_id
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = RunTriggerKind(d.pop("kind"))




        actor = d.pop("actor", UNSET)

        source_event_id = d.pop("sourceEventId", UNSET)

        reason = d.pop("reason", UNSET)

        run_trigger = cls(
            kind=kind,
            actor=actor,
            source_event_id=source_event_id,
            reason=reason,
        )


        run_trigger.additional_properties = d
        return run_trigger

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

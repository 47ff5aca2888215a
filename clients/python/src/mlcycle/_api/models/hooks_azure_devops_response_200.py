from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="HooksAzureDevopsResponse200")



@_attrs_define
class HooksAzureDevopsResponse200:
    """ 
        Attributes:
            delivery_id (str):
            duplicate (bool):
            decision (str):
            received_at (str):
     """

    delivery_id: str
    duplicate: bool
    decision: str
    received_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        delivery_id = self.delivery_id

        duplicate = self.duplicate

        decision = self.decision

        received_at = self.received_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "deliveryId": delivery_id,
            "duplicate": duplicate,
            "decision": decision,
            "receivedAt": received_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        delivery_id = d.pop("deliveryId")

        duplicate = d.pop("duplicate")

        decision = d.pop("decision")

        received_at = d.pop("receivedAt")

        hooks_azure_devops_response_200 = cls(
            delivery_id=delivery_id,
            duplicate=duplicate,
            decision=decision,
            received_at=received_at,
        )


        hooks_azure_devops_response_200.additional_properties = d
        return hooks_azure_devops_response_200

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

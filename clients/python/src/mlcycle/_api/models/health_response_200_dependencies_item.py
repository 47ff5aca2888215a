from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.health_response_200_dependencies_item_status import HealthResponse200DependenciesItemStatus
from ..types import UNSET, Unset






T = TypeVar("T", bound="HealthResponse200DependenciesItem")



@_attrs_define
class HealthResponse200DependenciesItem:
    """ 
        Attributes:
            name (str):
            status (HealthResponse200DependenciesItemStatus):
            latency_ms (float | Unset):
            detail (str | Unset):
     """

    name: str
    status: HealthResponse200DependenciesItemStatus
    latency_ms: float | Unset = UNSET
    detail: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        status = self.status.value

        latency_ms = self.latency_ms

        detail = self.detail


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "status": status,
        })
        if latency_ms is not UNSET:
            field_dict["latencyMs"] = latency_ms
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        status = HealthResponse200DependenciesItemStatus(d.pop("status"))




        latency_ms = d.pop("latencyMs", UNSET)

        detail = d.pop("detail", UNSET)

        health_response_200_dependencies_item = cls(
            name=name,
            status=status,
            latency_ms=latency_ms,
            detail=detail,
        )


        health_response_200_dependencies_item.additional_properties = d
        return health_response_200_dependencies_item

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

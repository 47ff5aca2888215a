from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PipelineSpecStalenessType0")



@_attrs_define
class PipelineSpecStalenessType0:
    """ 
        Attributes:
            max_champion_age (str): An ISO 8601 duration (P30D, P4W, P1M): a run starts when the champion has been champion
                this long, and again after each further period while no new champion replaces it. The scheduler looks once a
                minute.
     """

    max_champion_age: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        max_champion_age = self.max_champion_age


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "maxChampionAge": max_champion_age,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        max_champion_age = d.pop("maxChampionAge")

        pipeline_spec_staleness_type_0 = cls(
            max_champion_age=max_champion_age,
        )


        pipeline_spec_staleness_type_0.additional_properties = d
        return pipeline_spec_staleness_type_0

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="RunPipelineSnapshotStalenessType1")



@_attrs_define
class RunPipelineSnapshotStalenessType1:
    """ 
        Attributes:
            max_champion_age_days (int):
     """

    max_champion_age_days: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        max_champion_age_days = self.max_champion_age_days


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "maxChampionAgeDays": max_champion_age_days,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        max_champion_age_days = d.pop("maxChampionAgeDays")

        run_pipeline_snapshot_staleness_type_1 = cls(
            max_champion_age_days=max_champion_age_days,
        )


        run_pipeline_snapshot_staleness_type_1.additional_properties = d
        return run_pipeline_snapshot_staleness_type_1

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

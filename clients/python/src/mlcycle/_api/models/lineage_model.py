from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="LineageModel")



@_attrs_define
class LineageModel:
    """ 
        Attributes:
            name (str):
            version (str):
            aliases_moved (list[str] | Unset):
            previous_champion (str | Unset):
     """

    name: str
    version: str
    aliases_moved: list[str] | Unset = UNSET
    previous_champion: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        version = self.version

        aliases_moved: list[str] | Unset = UNSET
        if not isinstance(self.aliases_moved, Unset):
            aliases_moved = self.aliases_moved



        previous_champion = self.previous_champion


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "version": version,
        })
        if aliases_moved is not UNSET:
            field_dict["aliasesMoved"] = aliases_moved
        if previous_champion is not UNSET:
            field_dict["previousChampion"] = previous_champion

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        version = d.pop("version")

        aliases_moved = cast(list[str], d.pop("aliasesMoved", UNSET))


        previous_champion = d.pop("previousChampion", UNSET)

        lineage_model = cls(
            name=name,
            version=version,
            aliases_moved=aliases_moved,
            previous_champion=previous_champion,
        )


        lineage_model.additional_properties = d
        return lineage_model

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.lineage_data_paths_item_hash_algorithm import LineageDataPathsItemHashAlgorithm
from ..types import UNSET, Unset






T = TypeVar("T", bound="LineageDataPathsItem")



@_attrs_define
class LineageDataPathsItem:
    """ 
        Attributes:
            path (str):
            md5 (str):
            size (int | Unset):
            nfiles (int | Unset):
            hash_algorithm (LineageDataPathsItemHashAlgorithm | Unset):  Default: LineageDataPathsItemHashAlgorithm.MD5.
     """

    path: str
    md5: str
    size: int | Unset = UNSET
    nfiles: int | Unset = UNSET
    hash_algorithm: LineageDataPathsItemHashAlgorithm | Unset = LineageDataPathsItemHashAlgorithm.MD5
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        path = self.path

        md5 = self.md5

        size = self.size

        nfiles = self.nfiles

        hash_algorithm: str | Unset = UNSET
        if not isinstance(self.hash_algorithm, Unset):
            hash_algorithm = self.hash_algorithm.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "path": path,
            "md5": md5,
        })
        if size is not UNSET:
            field_dict["size"] = size
        if nfiles is not UNSET:
            field_dict["nfiles"] = nfiles
        if hash_algorithm is not UNSET:
            field_dict["hashAlgorithm"] = hash_algorithm

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        md5 = d.pop("md5")

        size = d.pop("size", UNSET)

        nfiles = d.pop("nfiles", UNSET)

        _hash_algorithm = d.pop("hashAlgorithm", UNSET)
        hash_algorithm: LineageDataPathsItemHashAlgorithm | Unset
        if isinstance(_hash_algorithm,  Unset):
            hash_algorithm = UNSET
        else:
            hash_algorithm = LineageDataPathsItemHashAlgorithm(_hash_algorithm)




        lineage_data_paths_item = cls(
            path=path,
            md5=md5,
            size=size,
            nfiles=nfiles,
            hash_algorithm=hash_algorithm,
        )


        lineage_data_paths_item.additional_properties = d
        return lineage_data_paths_item

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.lineage_data_paths_item import LineageDataPathsItem





T = TypeVar("T", bound="LineageData")



@_attrs_define
class LineageData:
    """ 
        Attributes:
            fingerprint (str):
            paths (list[LineageDataPathsItem]):
            remote_url (str | Unset):
     """

    fingerprint: str
    paths: list[LineageDataPathsItem]
    remote_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.lineage_data_paths_item import LineageDataPathsItem # noqa: PLC0415
        fingerprint = self.fingerprint

        paths = []
        for paths_item_data in self.paths:
            paths_item = paths_item_data.to_dict()
            paths.append(paths_item)



        remote_url = self.remote_url


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "fingerprint": fingerprint,
            "paths": paths,
        })
        if remote_url is not UNSET:
            field_dict["remoteUrl"] = remote_url

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.lineage_data_paths_item import LineageDataPathsItem # noqa: PLC0415
        d = dict(src_dict)
        fingerprint = d.pop("fingerprint")

        paths = []
        _paths = d.pop("paths")
        for paths_item_data in (_paths):
            paths_item = LineageDataPathsItem.from_dict(paths_item_data)



            paths.append(paths_item)


        remote_url = d.pop("remoteUrl", UNSET)

        lineage_data = cls(
            fingerprint=fingerprint,
            paths=paths,
            remote_url=remote_url,
        )


        lineage_data.additional_properties = d
        return lineage_data

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

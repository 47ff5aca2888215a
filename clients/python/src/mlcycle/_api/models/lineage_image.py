from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="LineageImage")



@_attrs_define
class LineageImage:
    """ 
        Attributes:
            registry (str):
            repository (str):
            tag (str):
            digest (str | Unset):
            build_id (str | Unset):
            build_url (str | Unset):
            built (bool | Unset):  Default: False.
     """

    registry: str
    repository: str
    tag: str
    digest: str | Unset = UNSET
    build_id: str | Unset = UNSET
    build_url: str | Unset = UNSET
    built: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        registry = self.registry

        repository = self.repository

        tag = self.tag

        digest = self.digest

        build_id = self.build_id

        build_url = self.build_url

        built = self.built


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "registry": registry,
            "repository": repository,
            "tag": tag,
        })
        if digest is not UNSET:
            field_dict["digest"] = digest
        if build_id is not UNSET:
            field_dict["buildId"] = build_id
        if build_url is not UNSET:
            field_dict["buildUrl"] = build_url
        if built is not UNSET:
            field_dict["built"] = built

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        registry = d.pop("registry")

        repository = d.pop("repository")

        tag = d.pop("tag")

        digest = d.pop("digest", UNSET)

        build_id = d.pop("buildId", UNSET)

        build_url = d.pop("buildUrl", UNSET)

        built = d.pop("built", UNSET)

        lineage_image = cls(
            registry=registry,
            repository=repository,
            tag=tag,
            digest=digest,
            build_id=build_id,
            build_url=build_url,
            built=built,
        )


        lineage_image.additional_properties = d
        return lineage_image

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

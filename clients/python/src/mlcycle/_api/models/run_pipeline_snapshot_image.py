from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="RunPipelineSnapshotImage")



@_attrs_define
class RunPipelineSnapshotImage:
    """ 
        Attributes:
            registry (str):
            repository (str):
            build_pipeline_id (int | Unset):
     """

    registry: str
    repository: str
    build_pipeline_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        registry = self.registry

        repository = self.repository

        build_pipeline_id = self.build_pipeline_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "registry": registry,
            "repository": repository,
        })
        if build_pipeline_id is not UNSET:
            field_dict["buildPipelineId"] = build_pipeline_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        registry = d.pop("registry")

        repository = d.pop("repository")

        build_pipeline_id = d.pop("buildPipelineId", UNSET)

        run_pipeline_snapshot_image = cls(
            registry=registry,
            repository=repository,
            build_pipeline_id=build_pipeline_id,
        )


        run_pipeline_snapshot_image.additional_properties = d
        return run_pipeline_snapshot_image

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pipeline_spec_source_type_1_kind import PipelineSpecSourceType1Kind
from ..types import UNSET, Unset






T = TypeVar("T", bound="PipelineSpecSourceType1")



@_attrs_define
class PipelineSpecSourceType1:
    """ 
        Attributes:
            kind (PipelineSpecSourceType1Kind):
            path (str):
            branch (str | Unset): A branch or tag name valid for `git check-ref-format --allow-onelevel` (no `..`, `@{`,
                control characters, space, `~ ^ : ? * [ \\`, no part starting with '.' or ending with '.lock', no leading '-' or
                '/', no trailing '/' or '.'), or a 7-40 character hex commit id. Default: 'main'.
     """

    kind: PipelineSpecSourceType1Kind
    path: str
    branch: str | Unset = 'main'
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        path = self.path

        branch = self.branch


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "kind": kind,
            "path": path,
        })
        if branch is not UNSET:
            field_dict["branch"] = branch

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = PipelineSpecSourceType1Kind(d.pop("kind"))




        path = d.pop("path")

        branch = d.pop("branch", UNSET)

        pipeline_spec_source_type_1 = cls(
            kind=kind,
            path=path,
            branch=branch,
        )


        pipeline_spec_source_type_1.additional_properties = d
        return pipeline_spec_source_type_1

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="PipelineSpecTraining")



@_attrs_define
class PipelineSpecTraining:
    """ 
        Attributes:
            code_path (str | Unset):  Default: '.'.
            dockerfile (str | Unset):  Default: 'Dockerfile'.
     """

    code_path: str | Unset = '.'
    dockerfile: str | Unset = 'Dockerfile'
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        code_path = self.code_path

        dockerfile = self.dockerfile


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if code_path is not UNSET:
            field_dict["codePath"] = code_path
        if dockerfile is not UNSET:
            field_dict["dockerfile"] = dockerfile

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code_path = d.pop("codePath", UNSET)

        dockerfile = d.pop("dockerfile", UNSET)

        pipeline_spec_training = cls(
            code_path=code_path,
            dockerfile=dockerfile,
        )


        pipeline_spec_training.additional_properties = d
        return pipeline_spec_training

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PipelineSpecMlflow")



@_attrs_define
class PipelineSpecMlflow:
    """ 
        Attributes:
            experiment_name (str):
            registered_model_name (str):
     """

    experiment_name: str
    registered_model_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        experiment_name = self.experiment_name

        registered_model_name = self.registered_model_name


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "experimentName": experiment_name,
            "registeredModelName": registered_model_name,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        experiment_name = d.pop("experimentName")

        registered_model_name = d.pop("registeredModelName")

        pipeline_spec_mlflow = cls(
            experiment_name=experiment_name,
            registered_model_name=registered_model_name,
        )


        pipeline_spec_mlflow.additional_properties = d
        return pipeline_spec_mlflow

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

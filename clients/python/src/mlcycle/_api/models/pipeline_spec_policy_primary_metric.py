from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pipeline_spec_policy_primary_metric_direction import PipelineSpecPolicyPrimaryMetricDirection






T = TypeVar("T", bound="PipelineSpecPolicyPrimaryMetric")



@_attrs_define
class PipelineSpecPolicyPrimaryMetric:
    """ 
        Attributes:
            name (str):
            direction (PipelineSpecPolicyPrimaryMetricDirection):
     """

    name: str
    direction: PipelineSpecPolicyPrimaryMetricDirection
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        direction = self.direction.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "direction": direction,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        direction = PipelineSpecPolicyPrimaryMetricDirection(d.pop("direction"))




        pipeline_spec_policy_primary_metric = cls(
            name=name,
            direction=direction,
        )


        pipeline_spec_policy_primary_metric.additional_properties = d
        return pipeline_spec_policy_primary_metric

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="RunPipelineSnapshotReproducibilityMetricsAdditionalProperty")



@_attrs_define
class RunPipelineSnapshotReproducibilityMetricsAdditionalProperty:
    """ 
        Attributes:
            absolute_tolerance (float | Unset):
            relative_tolerance (float | Unset):
     """

    absolute_tolerance: float | Unset = UNSET
    relative_tolerance: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        absolute_tolerance = self.absolute_tolerance

        relative_tolerance = self.relative_tolerance


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if absolute_tolerance is not UNSET:
            field_dict["absoluteTolerance"] = absolute_tolerance
        if relative_tolerance is not UNSET:
            field_dict["relativeTolerance"] = relative_tolerance

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        absolute_tolerance = d.pop("absoluteTolerance", UNSET)

        relative_tolerance = d.pop("relativeTolerance", UNSET)

        run_pipeline_snapshot_reproducibility_metrics_additional_property = cls(
            absolute_tolerance=absolute_tolerance,
            relative_tolerance=relative_tolerance,
        )


        run_pipeline_snapshot_reproducibility_metrics_additional_property.additional_properties = d
        return run_pipeline_snapshot_reproducibility_metrics_additional_property

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

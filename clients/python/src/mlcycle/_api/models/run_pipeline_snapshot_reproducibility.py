from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.run_pipeline_snapshot_reproducibility_metrics import RunPipelineSnapshotReproducibilityMetrics





T = TypeVar("T", bound="RunPipelineSnapshotReproducibility")



@_attrs_define
class RunPipelineSnapshotReproducibility:
    """ 
        Attributes:
            absolute_tolerance (float):
            relative_tolerance (float):
            metrics (RunPipelineSnapshotReproducibilityMetrics | Unset):
     """

    absolute_tolerance: float
    relative_tolerance: float
    metrics: RunPipelineSnapshotReproducibilityMetrics | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.run_pipeline_snapshot_reproducibility_metrics import RunPipelineSnapshotReproducibilityMetrics # noqa: PLC0415
        absolute_tolerance = self.absolute_tolerance

        relative_tolerance = self.relative_tolerance

        metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = self.metrics.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "absoluteTolerance": absolute_tolerance,
            "relativeTolerance": relative_tolerance,
        })
        if metrics is not UNSET:
            field_dict["metrics"] = metrics

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_pipeline_snapshot_reproducibility_metrics import RunPipelineSnapshotReproducibilityMetrics # noqa: PLC0415
        d = dict(src_dict)
        absolute_tolerance = d.pop("absoluteTolerance")

        relative_tolerance = d.pop("relativeTolerance")

        _metrics = d.pop("metrics", UNSET)
        metrics: RunPipelineSnapshotReproducibilityMetrics | Unset
        if isinstance(_metrics,  Unset):
            metrics = UNSET
        else:
            metrics = RunPipelineSnapshotReproducibilityMetrics.from_dict(_metrics)




        run_pipeline_snapshot_reproducibility = cls(
            absolute_tolerance=absolute_tolerance,
            relative_tolerance=relative_tolerance,
            metrics=metrics,
        )


        run_pipeline_snapshot_reproducibility.additional_properties = d
        return run_pipeline_snapshot_reproducibility

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

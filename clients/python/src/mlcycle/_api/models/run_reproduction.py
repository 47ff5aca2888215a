from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.run_reproduction_metrics_item import RunReproductionMetricsItem





T = TypeVar("T", bound="RunReproduction")



@_attrs_define
class RunReproduction:
    """ 
        Attributes:
            original_run_id (str):
            reproduced (bool):
            metrics (list[RunReproductionMetricsItem]):
     """

    original_run_id: str
    reproduced: bool
    metrics: list[RunReproductionMetricsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.run_reproduction_metrics_item import RunReproductionMetricsItem # noqa: PLC0415
        original_run_id = self.original_run_id

        reproduced = self.reproduced

        metrics = []
        for metrics_item_data in self.metrics:
            metrics_item = metrics_item_data.to_dict()
            metrics.append(metrics_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "originalRunId": original_run_id,
            "reproduced": reproduced,
            "metrics": metrics,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_reproduction_metrics_item import RunReproductionMetricsItem # noqa: PLC0415
        d = dict(src_dict)
        original_run_id = d.pop("originalRunId")

        reproduced = d.pop("reproduced")

        metrics = []
        _metrics = d.pop("metrics")
        for metrics_item_data in (_metrics):
            metrics_item = RunReproductionMetricsItem.from_dict(metrics_item_data)



            metrics.append(metrics_item)


        run_reproduction = cls(
            original_run_id=original_run_id,
            reproduced=reproduced,
            metrics=metrics,
        )


        run_reproduction.additional_properties = d
        return run_reproduction

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

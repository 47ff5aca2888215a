from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="RunReproductionMetricsItem")



@_attrs_define
class RunReproductionMetricsItem:
    """ 
        Attributes:
            metric (str):
            original (float):
            reproduced (float | None):
            absolute_tolerance (float):
            relative_tolerance (float):
            allowed (float):
            within (bool):
     """

    metric: str
    original: float
    reproduced: float | None
    absolute_tolerance: float
    relative_tolerance: float
    allowed: float
    within: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        metric = self.metric

        original = self.original

        reproduced: float | None
        reproduced = self.reproduced

        absolute_tolerance = self.absolute_tolerance

        relative_tolerance = self.relative_tolerance

        allowed = self.allowed

        within = self.within


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "metric": metric,
            "original": original,
            "reproduced": reproduced,
            "absoluteTolerance": absolute_tolerance,
            "relativeTolerance": relative_tolerance,
            "allowed": allowed,
            "within": within,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        metric = d.pop("metric")

        original = d.pop("original")

        def _parse_reproduced(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        reproduced = _parse_reproduced(d.pop("reproduced"))


        absolute_tolerance = d.pop("absoluteTolerance")

        relative_tolerance = d.pop("relativeTolerance")

        allowed = d.pop("allowed")

        within = d.pop("within")

        run_reproduction_metrics_item = cls(
            metric=metric,
            original=original,
            reproduced=reproduced,
            absolute_tolerance=absolute_tolerance,
            relative_tolerance=relative_tolerance,
            allowed=allowed,
            within=within,
        )


        run_reproduction_metrics_item.additional_properties = d
        return run_reproduction_metrics_item

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.run_pipeline_snapshot_retrain_on_signals_min_severity import RunPipelineSnapshotRetrainOnSignalsMinSeverity
from ..types import UNSET, Unset






T = TypeVar("T", bound="RunPipelineSnapshotRetrainOnSignals")



@_attrs_define
class RunPipelineSnapshotRetrainOnSignals:
    """ 
        Attributes:
            min_severity (RunPipelineSnapshotRetrainOnSignalsMinSeverity | Unset):  Default:
                RunPipelineSnapshotRetrainOnSignalsMinSeverity.WARNING.
            cool_down (str | Unset): After a signal starts a run, further signals within this period (an ISO 8601 duration
                without years or months) start none. Default: 'PT6H'.
     """

    min_severity: RunPipelineSnapshotRetrainOnSignalsMinSeverity | Unset = RunPipelineSnapshotRetrainOnSignalsMinSeverity.WARNING
    cool_down: str | Unset = 'PT6H'
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        min_severity: str | Unset = UNSET
        if not isinstance(self.min_severity, Unset):
            min_severity = self.min_severity.value


        cool_down = self.cool_down


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if min_severity is not UNSET:
            field_dict["minSeverity"] = min_severity
        if cool_down is not UNSET:
            field_dict["coolDown"] = cool_down

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _min_severity = d.pop("minSeverity", UNSET)
        min_severity: RunPipelineSnapshotRetrainOnSignalsMinSeverity | Unset
        if isinstance(_min_severity,  Unset):
            min_severity = UNSET
        else:
            min_severity = RunPipelineSnapshotRetrainOnSignalsMinSeverity(_min_severity)




        cool_down = d.pop("coolDown", UNSET)

        run_pipeline_snapshot_retrain_on_signals = cls(
            min_severity=min_severity,
            cool_down=cool_down,
        )


        run_pipeline_snapshot_retrain_on_signals.additional_properties = d
        return run_pipeline_snapshot_retrain_on_signals

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

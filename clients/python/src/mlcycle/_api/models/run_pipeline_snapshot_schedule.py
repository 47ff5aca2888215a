from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.run_pipeline_snapshot_schedule_time_zone import RunPipelineSnapshotScheduleTimeZone
from ..types import UNSET, Unset






T = TypeVar("T", bound="RunPipelineSnapshotSchedule")



@_attrs_define
class RunPipelineSnapshotSchedule:
    """ 
        Attributes:
            cron (str): A cron expression: 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first,
                one space apart. Each field is `*`, `*/step`, or a list of values and ranges (`a-b`, `a-b/step`; a range with a
                > b wraps, so `22-2` hours is 22, 23, 0, 1, 2; a value listed twice counts once; day of week 0 and 7 are
                Sunday). The pattern keeps days of the month to 1-28; 29-31, names (`MON`, `JAN`) and cron-parser's other syntax
                are accepted as long as the expression has a next occurrence (`0 0 30 2 *` has none: 400).
            time_zone (RunPipelineSnapshotScheduleTimeZone | Unset): An IANA time zone; the list is the runtime's (links
                such as US/Eastern are accepted too). Default: RunPipelineSnapshotScheduleTimeZone.UTC.
     """

    cron: str
    time_zone: RunPipelineSnapshotScheduleTimeZone | Unset = RunPipelineSnapshotScheduleTimeZone.UTC
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        cron = self.cron

        time_zone: str | Unset = UNSET
        if not isinstance(self.time_zone, Unset):
            time_zone = self.time_zone.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "cron": cron,
        })
        if time_zone is not UNSET:
            field_dict["timeZone"] = time_zone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cron = d.pop("cron")

        _time_zone = d.pop("timeZone", UNSET)
        time_zone: RunPipelineSnapshotScheduleTimeZone | Unset
        if isinstance(_time_zone,  Unset):
            time_zone = UNSET
        else:
            time_zone = RunPipelineSnapshotScheduleTimeZone(_time_zone)




        run_pipeline_snapshot_schedule = cls(
            cron=cron,
            time_zone=time_zone,
        )


        run_pipeline_snapshot_schedule.additional_properties = d
        return run_pipeline_snapshot_schedule

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.pipeline_overview_pipeline_schedule import PipelineOverviewPipelineSchedule





T = TypeVar("T", bound="PipelineOverviewPipeline")



@_attrs_define
class PipelineOverviewPipeline:
    """ 
        Attributes:
            id (str):
            description (str | Unset):
            enabled (bool | Unset):  Default: True.
            schedule (PipelineOverviewPipelineSchedule | Unset):
     """

    id: str
    description: str | Unset = UNSET
    enabled: bool | Unset = True
    schedule: PipelineOverviewPipelineSchedule | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pipeline_overview_pipeline_schedule import PipelineOverviewPipelineSchedule # noqa: PLC0415
        id = self.id

        description = self.description

        enabled = self.enabled

        schedule: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schedule, Unset):
            schedule = self.schedule.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if schedule is not UNSET:
            field_dict["schedule"] = schedule

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pipeline_overview_pipeline_schedule import PipelineOverviewPipelineSchedule # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        description = d.pop("description", UNSET)

        enabled = d.pop("enabled", UNSET)

        _schedule = d.pop("schedule", UNSET)
        schedule: PipelineOverviewPipelineSchedule | Unset
        if isinstance(_schedule,  Unset):
            schedule = UNSET
        else:
            schedule = PipelineOverviewPipelineSchedule.from_dict(_schedule)




        pipeline_overview_pipeline = cls(
            id=id,
            description=description,
            enabled=enabled,
            schedule=schedule,
        )


        pipeline_overview_pipeline.additional_properties = d
        return pipeline_overview_pipeline

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.pipeline_overview_champion import PipelineOverviewChampion
  from ..models.pipeline_overview_last_run import PipelineOverviewLastRun
  from ..models.pipeline_overview_pipeline import PipelineOverviewPipeline





T = TypeVar("T", bound="PipelineOverview")



@_attrs_define
class PipelineOverview:
    """ 
        Attributes:
            pipeline (PipelineOverviewPipeline):
            champion (PipelineOverviewChampion | Unset):
            last_run (PipelineOverviewLastRun | Unset): The newest run.
            next_slot (datetime.datetime | Unset): The schedule's next slot after now (absent without a schedule, or while
                the pipeline is disabled).
     """

    pipeline: PipelineOverviewPipeline
    champion: PipelineOverviewChampion | Unset = UNSET
    last_run: PipelineOverviewLastRun | Unset = UNSET
    next_slot: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pipeline_overview_champion import PipelineOverviewChampion # noqa: PLC0415
        from ..models.pipeline_overview_last_run import PipelineOverviewLastRun # noqa: PLC0415
        from ..models.pipeline_overview_pipeline import PipelineOverviewPipeline # noqa: PLC0415
        pipeline = self.pipeline.to_dict()

        champion: dict[str, Any] | Unset = UNSET
        if not isinstance(self.champion, Unset):
            champion = self.champion.to_dict()

        last_run: dict[str, Any] | Unset = UNSET
        if not isinstance(self.last_run, Unset):
            last_run = self.last_run.to_dict()

        next_slot: str | Unset = UNSET
        if not isinstance(self.next_slot, Unset):
            next_slot = self.next_slot.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "pipeline": pipeline,
        })
        if champion is not UNSET:
            field_dict["champion"] = champion
        if last_run is not UNSET:
            field_dict["lastRun"] = last_run
        if next_slot is not UNSET:
            field_dict["nextSlot"] = next_slot

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pipeline_overview_champion import PipelineOverviewChampion # noqa: PLC0415
        from ..models.pipeline_overview_last_run import PipelineOverviewLastRun # noqa: PLC0415
        from ..models.pipeline_overview_pipeline import PipelineOverviewPipeline # noqa: PLC0415
        d = dict(src_dict)
        pipeline = PipelineOverviewPipeline.from_dict(d.pop("pipeline"))




        _champion = d.pop("champion", UNSET)
        champion: PipelineOverviewChampion | Unset
        if isinstance(_champion,  Unset):
            champion = UNSET
        else:
            champion = PipelineOverviewChampion.from_dict(_champion)




        _last_run = d.pop("lastRun", UNSET)
        last_run: PipelineOverviewLastRun | Unset
        if isinstance(_last_run,  Unset):
            last_run = UNSET
        else:
            last_run = PipelineOverviewLastRun.from_dict(_last_run)




        _next_slot = d.pop("nextSlot", UNSET)
        next_slot: datetime.datetime | Unset
        if isinstance(_next_slot,  Unset):
            next_slot = UNSET
        else:
            next_slot = datetime.datetime.fromisoformat(_next_slot)




        pipeline_overview = cls(
            pipeline=pipeline,
            champion=champion,
            last_run=last_run,
            next_slot=next_slot,
        )


        pipeline_overview.additional_properties = d
        return pipeline_overview

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

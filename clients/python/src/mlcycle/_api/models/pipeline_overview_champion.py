from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pipeline_overview_champion_how import PipelineOverviewChampionHow
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.pipeline_overview_champion_primary_metric import PipelineOverviewChampionPrimaryMetric





T = TypeVar("T", bound="PipelineOverviewChampion")



@_attrs_define
class PipelineOverviewChampion:
    """ 
        Attributes:
            version (str):
            since (datetime.datetime):
            how (PipelineOverviewChampionHow):
            primary_metric (PipelineOverviewChampionPrimaryMetric | Unset): The policy's primary metric as the champion's
                run recorded it (absent for a champion no run of mlcycle made).
     """

    version: str
    since: datetime.datetime
    how: PipelineOverviewChampionHow
    primary_metric: PipelineOverviewChampionPrimaryMetric | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pipeline_overview_champion_primary_metric import PipelineOverviewChampionPrimaryMetric # noqa: PLC0415
        version = self.version

        since = self.since.isoformat()

        how = self.how.value

        primary_metric: dict[str, Any] | Unset = UNSET
        if not isinstance(self.primary_metric, Unset):
            primary_metric = self.primary_metric.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "version": version,
            "since": since,
            "how": how,
        })
        if primary_metric is not UNSET:
            field_dict["primaryMetric"] = primary_metric

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pipeline_overview_champion_primary_metric import PipelineOverviewChampionPrimaryMetric # noqa: PLC0415
        d = dict(src_dict)
        version = d.pop("version")

        since = datetime.datetime.fromisoformat(d.pop("since"))




        how = PipelineOverviewChampionHow(d.pop("how"))




        _primary_metric = d.pop("primaryMetric", UNSET)
        primary_metric: PipelineOverviewChampionPrimaryMetric | Unset
        if isinstance(_primary_metric,  Unset):
            primary_metric = UNSET
        else:
            primary_metric = PipelineOverviewChampionPrimaryMetric.from_dict(_primary_metric)




        pipeline_overview_champion = cls(
            version=version,
            since=since,
            how=how,
            primary_metric=primary_metric,
        )


        pipeline_overview_champion.additional_properties = d
        return pipeline_overview_champion

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.pipelines_lifecycle_response_200_champion import PipelinesLifecycleResponse200Champion
  from ..models.pipelines_lifecycle_response_200_former_champions_item import PipelinesLifecycleResponse200FormerChampionsItem
  from ..models.pipelines_lifecycle_response_200_items_item import PipelinesLifecycleResponse200ItemsItem





T = TypeVar("T", bound="PipelinesLifecycleResponse200")



@_attrs_define
class PipelinesLifecycleResponse200:
    """ 
        Attributes:
            items (list[PipelinesLifecycleResponse200ItemsItem]):
            pipeline_id (str):
            former_champions (list[PipelinesLifecycleResponse200FormerChampionsItem]):
            continuation_token (str | Unset):
            next_link (str | Unset):
            champion (PipelinesLifecycleResponse200Champion | Unset):
     """

    items: list[PipelinesLifecycleResponse200ItemsItem]
    pipeline_id: str
    former_champions: list[PipelinesLifecycleResponse200FormerChampionsItem]
    continuation_token: str | Unset = UNSET
    next_link: str | Unset = UNSET
    champion: PipelinesLifecycleResponse200Champion | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pipelines_lifecycle_response_200_champion import PipelinesLifecycleResponse200Champion # noqa: PLC0415
        from ..models.pipelines_lifecycle_response_200_former_champions_item import PipelinesLifecycleResponse200FormerChampionsItem # noqa: PLC0415
        from ..models.pipelines_lifecycle_response_200_items_item import PipelinesLifecycleResponse200ItemsItem # noqa: PLC0415
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        pipeline_id = self.pipeline_id

        former_champions = []
        for former_champions_item_data in self.former_champions:
            former_champions_item = former_champions_item_data.to_dict()
            former_champions.append(former_champions_item)



        continuation_token = self.continuation_token

        next_link = self.next_link

        champion: dict[str, Any] | Unset = UNSET
        if not isinstance(self.champion, Unset):
            champion = self.champion.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "items": items,
            "pipelineId": pipeline_id,
            "formerChampions": former_champions,
        })
        if continuation_token is not UNSET:
            field_dict["continuationToken"] = continuation_token
        if next_link is not UNSET:
            field_dict["nextLink"] = next_link
        if champion is not UNSET:
            field_dict["champion"] = champion

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pipelines_lifecycle_response_200_champion import PipelinesLifecycleResponse200Champion # noqa: PLC0415
        from ..models.pipelines_lifecycle_response_200_former_champions_item import PipelinesLifecycleResponse200FormerChampionsItem # noqa: PLC0415
        from ..models.pipelines_lifecycle_response_200_items_item import PipelinesLifecycleResponse200ItemsItem # noqa: PLC0415
        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = PipelinesLifecycleResponse200ItemsItem.from_dict(items_item_data)



            items.append(items_item)


        pipeline_id = d.pop("pipelineId")

        former_champions = []
        _former_champions = d.pop("formerChampions")
        for former_champions_item_data in (_former_champions):
            former_champions_item = PipelinesLifecycleResponse200FormerChampionsItem.from_dict(former_champions_item_data)



            former_champions.append(former_champions_item)


        continuation_token = d.pop("continuationToken", UNSET)

        next_link = d.pop("nextLink", UNSET)

        _champion = d.pop("champion", UNSET)
        champion: PipelinesLifecycleResponse200Champion | Unset
        if isinstance(_champion,  Unset):
            champion = UNSET
        else:
            champion = PipelinesLifecycleResponse200Champion.from_dict(_champion)




        pipelines_lifecycle_response_200 = cls(
            items=items,
            pipeline_id=pipeline_id,
            former_champions=former_champions,
            continuation_token=continuation_token,
            next_link=next_link,
            champion=champion,
        )


        pipelines_lifecycle_response_200.additional_properties = d
        return pipelines_lifecycle_response_200

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.trigger_record import TriggerRecord





T = TypeVar("T", bound="TriggersListResponse200")



@_attrs_define
class TriggersListResponse200:
    """ 
        Attributes:
            items (list[TriggerRecord]):
            continuation_token (str | Unset):
            next_link (str | Unset):
     """

    items: list[TriggerRecord]
    continuation_token: str | Unset = UNSET
    next_link: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.trigger_record import TriggerRecord # noqa: PLC0415
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        continuation_token = self.continuation_token

        next_link = self.next_link


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "items": items,
        })
        if continuation_token is not UNSET:
            field_dict["continuationToken"] = continuation_token
        if next_link is not UNSET:
            field_dict["nextLink"] = next_link

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trigger_record import TriggerRecord # noqa: PLC0415
        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = TriggerRecord.from_dict(items_item_data)



            items.append(items_item)


        continuation_token = d.pop("continuationToken", UNSET)

        next_link = d.pop("nextLink", UNSET)

        triggers_list_response_200 = cls(
            items=items,
            continuation_token=continuation_token,
            next_link=next_link,
        )


        triggers_list_response_200.additional_properties = d
        return triggers_list_response_200

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

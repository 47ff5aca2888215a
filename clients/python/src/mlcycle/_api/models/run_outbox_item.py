from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.run_outbox_item_type import RunOutboxItemType
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.run_outbox_item_data import RunOutboxItemData





T = TypeVar("T", bound="RunOutboxItem")



@_attrs_define
class RunOutboxItem:
    """ 
        Attributes:
            id (str):
            type_ (RunOutboxItemType):
            subject (str):
            sequence (int):
            time (datetime.datetime):
            data (RunOutboxItemData):
            sent (bool | Unset):  Default: False.
     """

    id: str
    type_: RunOutboxItemType
    subject: str
    sequence: int
    time: datetime.datetime
    data: RunOutboxItemData
    sent: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.run_outbox_item_data import RunOutboxItemData # noqa: PLC0415
        id = self.id

        type_ = self.type_.value

        subject = self.subject

        sequence = self.sequence

        time = self.time.isoformat()

        data = self.data.to_dict()

        sent = self.sent


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "type": type_,
            "subject": subject,
            "sequence": sequence,
            "time": time,
            "data": data,
        })
        if sent is not UNSET:
            field_dict["sent"] = sent

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_outbox_item_data import RunOutboxItemData # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        type_ = RunOutboxItemType(d.pop("type"))




        subject = d.pop("subject")

        sequence = d.pop("sequence")

        time = datetime.datetime.fromisoformat(d.pop("time"))




        data = RunOutboxItemData.from_dict(d.pop("data"))




        sent = d.pop("sent", UNSET)

        run_outbox_item = cls(
            id=id,
            type_=type_,
            subject=subject,
            sequence=sequence,
            time=time,
            data=data,
            sent=sent,
        )


        run_outbox_item.additional_properties = d
        return run_outbox_item

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="HooksAzureDevopsBody")



@_attrs_define
class HooksAzureDevopsBody:
    """ 
        Attributes:
            id (str):
            event_type (str):
            notification_id (int | Unset):
            subscription_id (str | Unset):
            publisher_id (str | Unset):
            resource (Any | Unset):
            created_date (str | Unset):
     """

    id: str
    event_type: str
    notification_id: int | Unset = UNSET
    subscription_id: str | Unset = UNSET
    publisher_id: str | Unset = UNSET
    resource: Any | Unset = UNSET
    created_date: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        event_type = self.event_type

        notification_id = self.notification_id

        subscription_id = self.subscription_id

        publisher_id = self.publisher_id

        resource = self.resource

        created_date = self.created_date


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "eventType": event_type,
        })
        if notification_id is not UNSET:
            field_dict["notificationId"] = notification_id
        if subscription_id is not UNSET:
            field_dict["subscriptionId"] = subscription_id
        if publisher_id is not UNSET:
            field_dict["publisherId"] = publisher_id
        if resource is not UNSET:
            field_dict["resource"] = resource
        if created_date is not UNSET:
            field_dict["createdDate"] = created_date

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        event_type = d.pop("eventType")

        notification_id = d.pop("notificationId", UNSET)

        subscription_id = d.pop("subscriptionId", UNSET)

        publisher_id = d.pop("publisherId", UNSET)

        resource = d.pop("resource", UNSET)

        created_date = d.pop("createdDate", UNSET)

        hooks_azure_devops_body = cls(
            id=id,
            event_type=event_type,
            notification_id=notification_id,
            subscription_id=subscription_id,
            publisher_id=publisher_id,
            resource=resource,
            created_date=created_date,
        )


        hooks_azure_devops_body.additional_properties = d
        return hooks_azure_devops_body

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

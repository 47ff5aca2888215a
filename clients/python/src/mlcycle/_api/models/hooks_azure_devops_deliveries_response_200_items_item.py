from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.hooks_azure_devops_deliveries_response_200_items_item_decision import HooksAzureDevopsDeliveriesResponse200ItemsItemDecision
from ..models.hooks_azure_devops_deliveries_response_200_items_item_source import HooksAzureDevopsDeliveriesResponse200ItemsItemSource
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.hooks_azure_devops_deliveries_response_200_items_item_outcomes_item import HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItem





T = TypeVar("T", bound="HooksAzureDevopsDeliveriesResponse200ItemsItem")



@_attrs_define
class HooksAzureDevopsDeliveriesResponse200ItemsItem:
    """ 
        Attributes:
            id (str):
            source (HooksAzureDevopsDeliveriesResponse200ItemsItemSource):
            event_type (str):
            decision (HooksAzureDevopsDeliveriesResponse200ItemsItemDecision):
            received_at (datetime.datetime):
            event_id (str | Unset):
            notification_id (int | Unset):
            subscription_id (str | Unset):
            detail (str | Unset):
            processed_at (datetime.datetime | Unset):
            outcomes (list[HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItem] | Unset):
     """

    id: str
    source: HooksAzureDevopsDeliveriesResponse200ItemsItemSource
    event_type: str
    decision: HooksAzureDevopsDeliveriesResponse200ItemsItemDecision
    received_at: datetime.datetime
    event_id: str | Unset = UNSET
    notification_id: int | Unset = UNSET
    subscription_id: str | Unset = UNSET
    detail: str | Unset = UNSET
    processed_at: datetime.datetime | Unset = UNSET
    outcomes: list[HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.hooks_azure_devops_deliveries_response_200_items_item_outcomes_item import HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItem # noqa: PLC0415
        id = self.id

        source = self.source.value

        event_type = self.event_type

        decision = self.decision.value

        received_at = self.received_at.isoformat()

        event_id = self.event_id

        notification_id = self.notification_id

        subscription_id = self.subscription_id

        detail = self.detail

        processed_at: str | Unset = UNSET
        if not isinstance(self.processed_at, Unset):
            processed_at = self.processed_at.isoformat()

        outcomes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.outcomes, Unset):
            outcomes = []
            for outcomes_item_data in self.outcomes:
                outcomes_item = outcomes_item_data.to_dict()
                outcomes.append(outcomes_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "source": source,
            "eventType": event_type,
            "decision": decision,
            "receivedAt": received_at,
        })
        if event_id is not UNSET:
            field_dict["eventId"] = event_id
        if notification_id is not UNSET:
            field_dict["notificationId"] = notification_id
        if subscription_id is not UNSET:
            field_dict["subscriptionId"] = subscription_id
        if detail is not UNSET:
            field_dict["detail"] = detail
        if processed_at is not UNSET:
            field_dict["processedAt"] = processed_at
        if outcomes is not UNSET:
            field_dict["outcomes"] = outcomes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hooks_azure_devops_deliveries_response_200_items_item_outcomes_item import HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItem # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        source = HooksAzureDevopsDeliveriesResponse200ItemsItemSource(d.pop("source"))




        event_type = d.pop("eventType")

        decision = HooksAzureDevopsDeliveriesResponse200ItemsItemDecision(d.pop("decision"))




        received_at = datetime.datetime.fromisoformat(d.pop("receivedAt"))




        event_id = d.pop("eventId", UNSET)

        notification_id = d.pop("notificationId", UNSET)

        subscription_id = d.pop("subscriptionId", UNSET)

        detail = d.pop("detail", UNSET)

        _processed_at = d.pop("processedAt", UNSET)
        processed_at: datetime.datetime | Unset
        if isinstance(_processed_at,  Unset):
            processed_at = UNSET
        else:
            processed_at = datetime.datetime.fromisoformat(_processed_at)




        _outcomes = d.pop("outcomes", UNSET)
        outcomes: list[HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItem] | Unset = UNSET
        if _outcomes is not UNSET:
            outcomes = []
            for outcomes_item_data in _outcomes:
                outcomes_item = HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItem.from_dict(outcomes_item_data)



                outcomes.append(outcomes_item)


        hooks_azure_devops_deliveries_response_200_items_item = cls(
            id=id,
            source=source,
            event_type=event_type,
            decision=decision,
            received_at=received_at,
            event_id=event_id,
            notification_id=notification_id,
            subscription_id=subscription_id,
            detail=detail,
            processed_at=processed_at,
            outcomes=outcomes,
        )


        hooks_azure_devops_deliveries_response_200_items_item.additional_properties = d
        return hooks_azure_devops_deliveries_response_200_items_item

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

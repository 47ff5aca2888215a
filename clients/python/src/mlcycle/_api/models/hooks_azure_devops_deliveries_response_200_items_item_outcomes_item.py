from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.hooks_azure_devops_deliveries_response_200_items_item_outcomes_item_decision import HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItemDecision
from ..types import UNSET, Unset






T = TypeVar("T", bound="HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItem")



@_attrs_define
class HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItem:
    """ 
        Attributes:
            pipeline_id (str):
            decision (HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItemDecision):
            detail (str | Unset):
            run_id (str | Unset):
     """

    pipeline_id: str
    decision: HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItemDecision
    detail: str | Unset = UNSET
    run_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        pipeline_id = self.pipeline_id

        decision = self.decision.value

        detail = self.detail

        run_id = self.run_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "pipelineId": pipeline_id,
            "decision": decision,
        })
        if detail is not UNSET:
            field_dict["detail"] = detail
        if run_id is not UNSET:
            field_dict["runId"] = run_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pipeline_id = d.pop("pipelineId")

        decision = HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItemDecision(d.pop("decision"))




        detail = d.pop("detail", UNSET)

        run_id = d.pop("runId", UNSET)

        hooks_azure_devops_deliveries_response_200_items_item_outcomes_item = cls(
            pipeline_id=pipeline_id,
            decision=decision,
            detail=detail,
            run_id=run_id,
        )


        hooks_azure_devops_deliveries_response_200_items_item_outcomes_item.additional_properties = d
        return hooks_azure_devops_deliveries_response_200_items_item_outcomes_item

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

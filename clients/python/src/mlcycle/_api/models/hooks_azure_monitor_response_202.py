from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.hooks_azure_monitor_response_202_decision import HooksAzureMonitorResponse202Decision
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.trigger_record import TriggerRecord





T = TypeVar("T", bound="HooksAzureMonitorResponse202")



@_attrs_define
class HooksAzureMonitorResponse202:
    """ 
        Attributes:
            decision (HooksAzureMonitorResponse202Decision):
            record (TriggerRecord):
            run_id (str | Unset):
     """

    decision: HooksAzureMonitorResponse202Decision
    record: TriggerRecord
    run_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.trigger_record import TriggerRecord # noqa: PLC0415
        decision = self.decision.value

        record = self.record.to_dict()

        run_id = self.run_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "decision": decision,
            "record": record,
        })
        if run_id is not UNSET:
            field_dict["runId"] = run_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trigger_record import TriggerRecord # noqa: PLC0415
        d = dict(src_dict)
        decision = HooksAzureMonitorResponse202Decision(d.pop("decision"))




        record = TriggerRecord.from_dict(d.pop("record"))




        run_id = d.pop("runId", UNSET)

        hooks_azure_monitor_response_202 = cls(
            decision=decision,
            record=record,
            run_id=run_id,
        )


        hooks_azure_monitor_response_202.additional_properties = d
        return hooks_azure_monitor_response_202

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

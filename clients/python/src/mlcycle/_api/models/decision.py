from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.decision_outcome import DecisionOutcome
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.decision_approval import DecisionApproval
  from ..models.decision_rules_item import DecisionRulesItem





T = TypeVar("T", bound="Decision")



@_attrs_define
class Decision:
    """ 
        Attributes:
            outcome (DecisionOutcome):
            summary (str):
            rules (list[DecisionRulesItem]):
            champion_version (str | Unset):
            approval (DecisionApproval | Unset):
     """

    outcome: DecisionOutcome
    summary: str
    rules: list[DecisionRulesItem]
    champion_version: str | Unset = UNSET
    approval: DecisionApproval | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.decision_approval import DecisionApproval # noqa: PLC0415
        from ..models.decision_rules_item import DecisionRulesItem # noqa: PLC0415
        outcome = self.outcome.value

        summary = self.summary

        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)



        champion_version = self.champion_version

        approval: dict[str, Any] | Unset = UNSET
        if not isinstance(self.approval, Unset):
            approval = self.approval.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "outcome": outcome,
            "summary": summary,
            "rules": rules,
        })
        if champion_version is not UNSET:
            field_dict["championVersion"] = champion_version
        if approval is not UNSET:
            field_dict["approval"] = approval

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.decision_approval import DecisionApproval # noqa: PLC0415
        from ..models.decision_rules_item import DecisionRulesItem # noqa: PLC0415
        d = dict(src_dict)
        outcome = DecisionOutcome(d.pop("outcome"))




        summary = d.pop("summary")

        rules = []
        _rules = d.pop("rules")
        for rules_item_data in (_rules):
            rules_item = DecisionRulesItem.from_dict(rules_item_data)



            rules.append(rules_item)


        champion_version = d.pop("championVersion", UNSET)

        _approval = d.pop("approval", UNSET)
        approval: DecisionApproval | Unset
        if isinstance(_approval,  Unset):
            approval = UNSET
        else:
            approval = DecisionApproval.from_dict(_approval)




        decision = cls(
            outcome=outcome,
            summary=summary,
            rules=rules,
            champion_version=champion_version,
            approval=approval,
        )


        decision.additional_properties = d
        return decision

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

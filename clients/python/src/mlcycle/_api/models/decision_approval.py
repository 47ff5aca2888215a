from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.decision_approval_outcome import DecisionApprovalOutcome
from ..types import UNSET, Unset






T = TypeVar("T", bound="DecisionApproval")



@_attrs_define
class DecisionApproval:
    """ 
        Attributes:
            required (bool):
            by (str | Unset):
            outcome (DecisionApprovalOutcome | Unset):
     """

    required: bool
    by: str | Unset = UNSET
    outcome: DecisionApprovalOutcome | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        required = self.required

        by = self.by

        outcome: str | Unset = UNSET
        if not isinstance(self.outcome, Unset):
            outcome = self.outcome.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "required": required,
        })
        if by is not UNSET:
            field_dict["by"] = by
        if outcome is not UNSET:
            field_dict["outcome"] = outcome

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        required = d.pop("required")

        by = d.pop("by", UNSET)

        _outcome = d.pop("outcome", UNSET)
        outcome: DecisionApprovalOutcome | Unset
        if isinstance(_outcome,  Unset):
            outcome = UNSET
        else:
            outcome = DecisionApprovalOutcome(_outcome)




        decision_approval = cls(
            required=required,
            by=by,
            outcome=outcome,
        )


        decision_approval.additional_properties = d
        return decision_approval

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

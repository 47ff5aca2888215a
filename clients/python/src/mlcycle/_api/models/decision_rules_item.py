from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="DecisionRulesItem")



@_attrs_define
class DecisionRulesItem:
    """ 
        Attributes:
            rule (str):
            metric (str):
            challenger (float | None):
            passed (bool):
            champion (float | None | Unset):
            threshold (float | None | Unset):
            detail (str | Unset):
     """

    rule: str
    metric: str
    challenger: float | None
    passed: bool
    champion: float | None | Unset = UNSET
    threshold: float | None | Unset = UNSET
    detail: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        rule = self.rule

        metric = self.metric

        challenger: float | None
        challenger = self.challenger

        passed = self.passed

        champion: float | None | Unset
        if isinstance(self.champion, Unset):
            champion = UNSET
        else:
            champion = self.champion

        threshold: float | None | Unset
        if isinstance(self.threshold, Unset):
            threshold = UNSET
        else:
            threshold = self.threshold

        detail = self.detail


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "rule": rule,
            "metric": metric,
            "challenger": challenger,
            "passed": passed,
        })
        if champion is not UNSET:
            field_dict["champion"] = champion
        if threshold is not UNSET:
            field_dict["threshold"] = threshold
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rule = d.pop("rule")

        metric = d.pop("metric")

        def _parse_challenger(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        challenger = _parse_challenger(d.pop("challenger"))


        passed = d.pop("passed")

        def _parse_champion(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        champion = _parse_champion(d.pop("champion", UNSET))


        def _parse_threshold(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        threshold = _parse_threshold(d.pop("threshold", UNSET))


        detail = d.pop("detail", UNSET)

        decision_rules_item = cls(
            rule=rule,
            metric=metric,
            challenger=challenger,
            passed=passed,
            champion=champion,
            threshold=threshold,
            detail=detail,
        )


        decision_rules_item.additional_properties = d
        return decision_rules_item

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

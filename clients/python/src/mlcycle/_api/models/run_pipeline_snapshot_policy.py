from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.run_pipeline_snapshot_policy_primary_metric import RunPipelineSnapshotPolicyPrimaryMetric





T = TypeVar("T", bound="RunPipelineSnapshotPolicy")



@_attrs_define
class RunPipelineSnapshotPolicy:
    """ 
        Attributes:
            primary_metric (RunPipelineSnapshotPolicyPrimaryMetric):
            min_absolute_improvement (float | Unset):  Default: 0.0.
            min_relative_improvement (float | Unset):  Default: 0.0.
            guardrails (list[Any] | Unset):
            require_approval (bool | Unset):  Default: False.
            approval_timeout_hours (float | Unset):  Default: 72.0.
     """

    primary_metric: RunPipelineSnapshotPolicyPrimaryMetric
    min_absolute_improvement: float | Unset = 0.0
    min_relative_improvement: float | Unset = 0.0
    guardrails: list[Any] | Unset = UNSET
    require_approval: bool | Unset = False
    approval_timeout_hours: float | Unset = 72.0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.run_pipeline_snapshot_policy_primary_metric import RunPipelineSnapshotPolicyPrimaryMetric # noqa: PLC0415
        primary_metric = self.primary_metric.to_dict()

        min_absolute_improvement = self.min_absolute_improvement

        min_relative_improvement = self.min_relative_improvement

        guardrails: list[Any] | Unset = UNSET
        if not isinstance(self.guardrails, Unset):
            guardrails = []
            for guardrails_item_data in self.guardrails:
                guardrails_item: Any
                guardrails_item = guardrails_item_data
                guardrails.append(guardrails_item)



        require_approval = self.require_approval

        approval_timeout_hours = self.approval_timeout_hours


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "primaryMetric": primary_metric,
        })
        if min_absolute_improvement is not UNSET:
            field_dict["minAbsoluteImprovement"] = min_absolute_improvement
        if min_relative_improvement is not UNSET:
            field_dict["minRelativeImprovement"] = min_relative_improvement
        if guardrails is not UNSET:
            field_dict["guardrails"] = guardrails
        if require_approval is not UNSET:
            field_dict["requireApproval"] = require_approval
        if approval_timeout_hours is not UNSET:
            field_dict["approvalTimeoutHours"] = approval_timeout_hours

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_pipeline_snapshot_policy_primary_metric import RunPipelineSnapshotPolicyPrimaryMetric # noqa: PLC0415
        d = dict(src_dict)
        primary_metric = RunPipelineSnapshotPolicyPrimaryMetric.from_dict(d.pop("primaryMetric"))




        min_absolute_improvement = d.pop("minAbsoluteImprovement", UNSET)

        min_relative_improvement = d.pop("minRelativeImprovement", UNSET)

        _guardrails = d.pop("guardrails", UNSET)
        guardrails: list[Any] | Unset = UNSET
        if _guardrails is not UNSET:
            guardrails = []
            for guardrails_item_data in _guardrails:
                def _parse_guardrails_item(data: object) -> Any:
                    return cast(Any, data)

                guardrails_item = _parse_guardrails_item(guardrails_item_data)

                guardrails.append(guardrails_item)


        require_approval = d.pop("requireApproval", UNSET)

        approval_timeout_hours = d.pop("approvalTimeoutHours", UNSET)

        run_pipeline_snapshot_policy = cls(
            primary_metric=primary_metric,
            min_absolute_improvement=min_absolute_improvement,
            min_relative_improvement=min_relative_improvement,
            guardrails=guardrails,
            require_approval=require_approval,
            approval_timeout_hours=approval_timeout_hours,
        )


        run_pipeline_snapshot_policy.additional_properties = d
        return run_pipeline_snapshot_policy

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

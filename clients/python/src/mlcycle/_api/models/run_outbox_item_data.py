from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.run_outbox_item_data_error import RunOutboxItemDataError





T = TypeVar("T", bound="RunOutboxItemData")



@_attrs_define
class RunOutboxItemData:
    """ 
        Attributes:
            pipeline_id (str):
            run_id (str | Unset):
            kind (str | Unset):
            status (str | Unset):
            reason (str | Unset):
            trigger (str | Unset):
            step (str | Unset):
            error (RunOutboxItemDataError | Unset):
            commit_sha (str | Unset):
            data_fingerprint (str | Unset):
            outcome (str | Unset):
            model_name (str | Unset):
            model_version (str | Unset):
            from_version (str | Unset):
            to_version (str | Unset):
            by (str | Unset):
     """

    pipeline_id: str
    run_id: str | Unset = UNSET
    kind: str | Unset = UNSET
    status: str | Unset = UNSET
    reason: str | Unset = UNSET
    trigger: str | Unset = UNSET
    step: str | Unset = UNSET
    error: RunOutboxItemDataError | Unset = UNSET
    commit_sha: str | Unset = UNSET
    data_fingerprint: str | Unset = UNSET
    outcome: str | Unset = UNSET
    model_name: str | Unset = UNSET
    model_version: str | Unset = UNSET
    from_version: str | Unset = UNSET
    to_version: str | Unset = UNSET
    by: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.run_outbox_item_data_error import RunOutboxItemDataError # noqa: PLC0415
        pipeline_id = self.pipeline_id

        run_id = self.run_id

        kind = self.kind

        status = self.status

        reason = self.reason

        trigger = self.trigger

        step = self.step

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        commit_sha = self.commit_sha

        data_fingerprint = self.data_fingerprint

        outcome = self.outcome

        model_name = self.model_name

        model_version = self.model_version

        from_version = self.from_version

        to_version = self.to_version

        by = self.by


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "pipelineId": pipeline_id,
        })
        if run_id is not UNSET:
            field_dict["runId"] = run_id
        if kind is not UNSET:
            field_dict["kind"] = kind
        if status is not UNSET:
            field_dict["status"] = status
        if reason is not UNSET:
            field_dict["reason"] = reason
        if trigger is not UNSET:
            field_dict["trigger"] = trigger
        if step is not UNSET:
            field_dict["step"] = step
        if error is not UNSET:
            field_dict["error"] = error
        if commit_sha is not UNSET:
            field_dict["commitSha"] = commit_sha
        if data_fingerprint is not UNSET:
            field_dict["dataFingerprint"] = data_fingerprint
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if model_name is not UNSET:
            field_dict["modelName"] = model_name
        if model_version is not UNSET:
            field_dict["modelVersion"] = model_version
        if from_version is not UNSET:
            field_dict["fromVersion"] = from_version
        if to_version is not UNSET:
            field_dict["toVersion"] = to_version
        if by is not UNSET:
            field_dict["by"] = by

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_outbox_item_data_error import RunOutboxItemDataError # noqa: PLC0415
        d = dict(src_dict)
        pipeline_id = d.pop("pipelineId")

        run_id = d.pop("runId", UNSET)

        kind = d.pop("kind", UNSET)

        status = d.pop("status", UNSET)

        reason = d.pop("reason", UNSET)

        trigger = d.pop("trigger", UNSET)

        step = d.pop("step", UNSET)

        _error = d.pop("error", UNSET)
        error: RunOutboxItemDataError | Unset
        if isinstance(_error,  Unset):
            error = UNSET
        else:
            error = RunOutboxItemDataError.from_dict(_error)




        commit_sha = d.pop("commitSha", UNSET)

        data_fingerprint = d.pop("dataFingerprint", UNSET)

        outcome = d.pop("outcome", UNSET)

        model_name = d.pop("modelName", UNSET)

        model_version = d.pop("modelVersion", UNSET)

        from_version = d.pop("fromVersion", UNSET)

        to_version = d.pop("toVersion", UNSET)

        by = d.pop("by", UNSET)

        run_outbox_item_data = cls(
            pipeline_id=pipeline_id,
            run_id=run_id,
            kind=kind,
            status=status,
            reason=reason,
            trigger=trigger,
            step=step,
            error=error,
            commit_sha=commit_sha,
            data_fingerprint=data_fingerprint,
            outcome=outcome,
            model_name=model_name,
            model_version=model_version,
            from_version=from_version,
            to_version=to_version,
            by=by,
        )


        run_outbox_item_data.additional_properties = d
        return run_outbox_item_data

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

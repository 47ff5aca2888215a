from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.run_steps_item_name import RunStepsItemName
from ..models.run_steps_item_status import RunStepsItemStatus
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.run_steps_item_error import RunStepsItemError
  from ..models.run_steps_item_outputs import RunStepsItemOutputs





T = TypeVar("T", bound="RunStepsItem")



@_attrs_define
class RunStepsItem:
    """ 
        Attributes:
            name (RunStepsItemName):
            status (RunStepsItemStatus):
            started_at (datetime.datetime | Unset):
            finished_at (datetime.datetime | Unset):
            attempts (int | Unset):  Default: 0.
            error (RunStepsItemError | Unset):
            outputs (RunStepsItemOutputs | Unset):
     """

    name: RunStepsItemName
    status: RunStepsItemStatus
    started_at: datetime.datetime | Unset = UNSET
    finished_at: datetime.datetime | Unset = UNSET
    attempts: int | Unset = 0
    error: RunStepsItemError | Unset = UNSET
    outputs: RunStepsItemOutputs | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.run_steps_item_error import RunStepsItemError # noqa: PLC0415
        from ..models.run_steps_item_outputs import RunStepsItemOutputs # noqa: PLC0415
        name = self.name.value

        status = self.status.value

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()

        finished_at: str | Unset = UNSET
        if not isinstance(self.finished_at, Unset):
            finished_at = self.finished_at.isoformat()

        attempts = self.attempts

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        outputs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.outputs, Unset):
            outputs = self.outputs.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "status": status,
        })
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if finished_at is not UNSET:
            field_dict["finishedAt"] = finished_at
        if attempts is not UNSET:
            field_dict["attempts"] = attempts
        if error is not UNSET:
            field_dict["error"] = error
        if outputs is not UNSET:
            field_dict["outputs"] = outputs

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_steps_item_error import RunStepsItemError # noqa: PLC0415
        from ..models.run_steps_item_outputs import RunStepsItemOutputs # noqa: PLC0415
        d = dict(src_dict)
        name = RunStepsItemName(d.pop("name"))




        status = RunStepsItemStatus(d.pop("status"))




        _started_at = d.pop("startedAt", UNSET)
        started_at: datetime.datetime | Unset
        if isinstance(_started_at,  Unset):
            started_at = UNSET
        else:
            started_at = datetime.datetime.fromisoformat(_started_at)




        _finished_at = d.pop("finishedAt", UNSET)
        finished_at: datetime.datetime | Unset
        if isinstance(_finished_at,  Unset):
            finished_at = UNSET
        else:
            finished_at = datetime.datetime.fromisoformat(_finished_at)




        attempts = d.pop("attempts", UNSET)

        _error = d.pop("error", UNSET)
        error: RunStepsItemError | Unset
        if isinstance(_error,  Unset):
            error = UNSET
        else:
            error = RunStepsItemError.from_dict(_error)




        _outputs = d.pop("outputs", UNSET)
        outputs: RunStepsItemOutputs | Unset
        if isinstance(_outputs,  Unset):
            outputs = UNSET
        else:
            outputs = RunStepsItemOutputs.from_dict(_outputs)




        run_steps_item = cls(
            name=name,
            status=status,
            started_at=started_at,
            finished_at=finished_at,
            attempts=attempts,
            error=error,
            outputs=outputs,
        )


        run_steps_item.additional_properties = d
        return run_steps_item

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

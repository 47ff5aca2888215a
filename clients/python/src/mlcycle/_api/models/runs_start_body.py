from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.runs_start_body_params import RunsStartBodyParams





T = TypeVar("T", bound="RunsStartBody")



@_attrs_define
class RunsStartBody:
    """ 
        Attributes:
            ref (str | Unset): A branch or tag name valid for `git check-ref-format --allow-onelevel` (no `..`, `@{`,
                control characters, space, `~ ^ : ? * [ \\`, no part starting with '.' or ending with '.lock', no leading '-' or
                '/', no trailing '/' or '.'), or a 7-40 character hex commit id.
            params (RunsStartBodyParams | Unset):
            reason (str | Unset):
            force (bool | Unset):  Default: False.
            by (str | Unset): Who acts, for a key caller: recorded as `<by> (api-key)`. Ignored for a signed-in person, who
                is recorded by name.
     """

    ref: str | Unset = UNSET
    params: RunsStartBodyParams | Unset = UNSET
    reason: str | Unset = UNSET
    force: bool | Unset = False
    by: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.runs_start_body_params import RunsStartBodyParams # noqa: PLC0415
        ref = self.ref

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        reason = self.reason

        force = self.force

        by = self.by


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if ref is not UNSET:
            field_dict["ref"] = ref
        if params is not UNSET:
            field_dict["params"] = params
        if reason is not UNSET:
            field_dict["reason"] = reason
        if force is not UNSET:
            field_dict["force"] = force
        if by is not UNSET:
            field_dict["by"] = by

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.runs_start_body_params import RunsStartBodyParams # noqa: PLC0415
        d = dict(src_dict)
        ref = d.pop("ref", UNSET)

        _params = d.pop("params", UNSET)
        params: RunsStartBodyParams | Unset
        if isinstance(_params,  Unset):
            params = UNSET
        else:
            params = RunsStartBodyParams.from_dict(_params)




        reason = d.pop("reason", UNSET)

        force = d.pop("force", UNSET)

        by = d.pop("by", UNSET)

        runs_start_body = cls(
            ref=ref,
            params=params,
            reason=reason,
            force=force,
            by=by,
        )


        runs_start_body.additional_properties = d
        return runs_start_body

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

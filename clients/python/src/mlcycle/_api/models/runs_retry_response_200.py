from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.runs_retry_response_200_status import RunsRetryResponse200Status






T = TypeVar("T", bound="RunsRetryResponse200")



@_attrs_define
class RunsRetryResponse200:
    """ 
        Attributes:
            run_id (str):
            status (RunsRetryResponse200Status):
            status_url (str):
            created (bool):
     """

    run_id: str
    status: RunsRetryResponse200Status
    status_url: str
    created: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        run_id = self.run_id

        status = self.status.value

        status_url = self.status_url

        created = self.created


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "runId": run_id,
            "status": status,
            "statusUrl": status_url,
            "created": created,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        run_id = d.pop("runId")

        status = RunsRetryResponse200Status(d.pop("status"))




        status_url = d.pop("statusUrl")

        created = d.pop("created")

        runs_retry_response_200 = cls(
            run_id=run_id,
            status=status,
            status_url=status_url,
            created=created,
        )


        runs_retry_response_200.additional_properties = d
        return runs_retry_response_200

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

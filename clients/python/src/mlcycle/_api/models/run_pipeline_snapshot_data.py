from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="RunPipelineSnapshotData")



@_attrs_define
class RunPipelineSnapshotData:
    """ 
        Attributes:
            dvc_files (list[str]):
            remote_url (str | Unset):
     """

    dvc_files: list[str]
    remote_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        dvc_files = self.dvc_files



        remote_url = self.remote_url


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "dvcFiles": dvc_files,
        })
        if remote_url is not UNSET:
            field_dict["remoteUrl"] = remote_url

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dvc_files = cast(list[str], d.pop("dvcFiles"))


        remote_url = d.pop("remoteUrl", UNSET)

        run_pipeline_snapshot_data = cls(
            dvc_files=dvc_files,
            remote_url=remote_url,
        )


        run_pipeline_snapshot_data.additional_properties = d
        return run_pipeline_snapshot_data

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

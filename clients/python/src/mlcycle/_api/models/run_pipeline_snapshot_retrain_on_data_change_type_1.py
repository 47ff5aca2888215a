from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="RunPipelineSnapshotRetrainOnDataChangeType1")



@_attrs_define
class RunPipelineSnapshotRetrainOnDataChangeType1:
    """ 
        Attributes:
            on_push (bool | Unset):  Default: True.
            every (str | Unset): How often to compare the data of the branch head with the champion's (an ISO 8601 duration
                without years or months). Pipelines' checks are spread over the period; the scheduler checks at most once a
                minute.
     """

    on_push: bool | Unset = True
    every: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        on_push = self.on_push

        every = self.every


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if on_push is not UNSET:
            field_dict["onPush"] = on_push
        if every is not UNSET:
            field_dict["every"] = every

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        on_push = d.pop("onPush", UNSET)

        every = d.pop("every", UNSET)

        run_pipeline_snapshot_retrain_on_data_change_type_1 = cls(
            on_push=on_push,
            every=every,
        )


        run_pipeline_snapshot_retrain_on_data_change_type_1.additional_properties = d
        return run_pipeline_snapshot_retrain_on_data_change_type_1

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

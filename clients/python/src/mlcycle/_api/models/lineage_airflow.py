from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="LineageAirflow")



@_attrs_define
class LineageAirflow:
    """ 
        Attributes:
            dag_id (str):
            dag_run_id (str):
            state (str | Unset):
            url (str | Unset):
     """

    dag_id: str
    dag_run_id: str
    state: str | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        dag_id = self.dag_id

        dag_run_id = self.dag_run_id

        state = self.state

        url = self.url


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "dagId": dag_id,
            "dagRunId": dag_run_id,
        })
        if state is not UNSET:
            field_dict["state"] = state
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dag_id = d.pop("dagId")

        dag_run_id = d.pop("dagRunId")

        state = d.pop("state", UNSET)

        url = d.pop("url", UNSET)

        lineage_airflow = cls(
            dag_id=dag_id,
            dag_run_id=dag_run_id,
            state=state,
            url=url,
        )


        lineage_airflow.additional_properties = d
        return lineage_airflow

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

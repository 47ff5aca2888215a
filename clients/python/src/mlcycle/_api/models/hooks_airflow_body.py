from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.hooks_airflow_body_state import HooksAirflowBodyState
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="HooksAirflowBody")



@_attrs_define
class HooksAirflowBody:
    """ 
        Attributes:
            dag_id (str):
            dag_run_id (str): The dag run id mlcycle gave Airflow: `mlcycle__` followed by a run id (letters, digits, dots,
                dashes or underscores, starting with a letter or digit).
            state (HooksAirflowBodyState):
            run_id (None | str | Unset): Informational: the run is the one `dagRunId` names.
     """

    dag_id: str
    dag_run_id: str
    state: HooksAirflowBodyState
    run_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        dag_id = self.dag_id

        dag_run_id = self.dag_run_id

        state = self.state.value

        run_id: None | str | Unset
        if isinstance(self.run_id, Unset):
            run_id = UNSET
        else:
            run_id = self.run_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "dagId": dag_id,
            "dagRunId": dag_run_id,
            "state": state,
        })
        if run_id is not UNSET:
            field_dict["runId"] = run_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dag_id = d.pop("dagId")

        dag_run_id = d.pop("dagRunId")

        state = HooksAirflowBodyState(d.pop("state"))




        def _parse_run_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        run_id = _parse_run_id(d.pop("runId", UNSET))


        hooks_airflow_body = cls(
            dag_id=dag_id,
            dag_run_id=dag_run_id,
            state=state,
            run_id=run_id,
        )


        hooks_airflow_body.additional_properties = d
        return hooks_airflow_body

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

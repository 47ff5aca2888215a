from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.run_pipeline_snapshot_airflow_conf import RunPipelineSnapshotAirflowConf





T = TypeVar("T", bound="RunPipelineSnapshotAirflow")



@_attrs_define
class RunPipelineSnapshotAirflow:
    """ 
        Attributes:
            dag_id (str):
            conf (RunPipelineSnapshotAirflowConf | Unset):
     """

    dag_id: str
    conf: RunPipelineSnapshotAirflowConf | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.run_pipeline_snapshot_airflow_conf import RunPipelineSnapshotAirflowConf # noqa: PLC0415
        dag_id = self.dag_id

        conf: dict[str, Any] | Unset = UNSET
        if not isinstance(self.conf, Unset):
            conf = self.conf.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "dagId": dag_id,
        })
        if conf is not UNSET:
            field_dict["conf"] = conf

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_pipeline_snapshot_airflow_conf import RunPipelineSnapshotAirflowConf # noqa: PLC0415
        d = dict(src_dict)
        dag_id = d.pop("dagId")

        _conf = d.pop("conf", UNSET)
        conf: RunPipelineSnapshotAirflowConf | Unset
        if isinstance(_conf,  Unset):
            conf = UNSET
        else:
            conf = RunPipelineSnapshotAirflowConf.from_dict(_conf)




        run_pipeline_snapshot_airflow = cls(
            dag_id=dag_id,
            conf=conf,
        )


        run_pipeline_snapshot_airflow.additional_properties = d
        return run_pipeline_snapshot_airflow

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

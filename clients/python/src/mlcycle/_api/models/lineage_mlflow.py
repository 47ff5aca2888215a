from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.lineage_mlflow_metrics import LineageMlflowMetrics
  from ..models.lineage_mlflow_params import LineageMlflowParams





T = TypeVar("T", bound="LineageMlflow")



@_attrs_define
class LineageMlflow:
    """ 
        Attributes:
            experiment_id (str):
            run_id (str):
            metrics (LineageMlflowMetrics):
            params (LineageMlflowParams):
            artifact_uri (str | Unset):
     """

    experiment_id: str
    run_id: str
    metrics: LineageMlflowMetrics
    params: LineageMlflowParams
    artifact_uri: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.lineage_mlflow_metrics import LineageMlflowMetrics # noqa: PLC0415
        from ..models.lineage_mlflow_params import LineageMlflowParams # noqa: PLC0415
        experiment_id = self.experiment_id

        run_id = self.run_id

        metrics = self.metrics.to_dict()

        params = self.params.to_dict()

        artifact_uri = self.artifact_uri


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "experimentId": experiment_id,
            "runId": run_id,
            "metrics": metrics,
            "params": params,
        })
        if artifact_uri is not UNSET:
            field_dict["artifactUri"] = artifact_uri

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.lineage_mlflow_metrics import LineageMlflowMetrics # noqa: PLC0415
        from ..models.lineage_mlflow_params import LineageMlflowParams # noqa: PLC0415
        d = dict(src_dict)
        experiment_id = d.pop("experimentId")

        run_id = d.pop("runId")

        metrics = LineageMlflowMetrics.from_dict(d.pop("metrics"))




        params = LineageMlflowParams.from_dict(d.pop("params"))




        artifact_uri = d.pop("artifactUri", UNSET)

        lineage_mlflow = cls(
            experiment_id=experiment_id,
            run_id=run_id,
            metrics=metrics,
            params=params,
            artifact_uri=artifact_uri,
        )


        lineage_mlflow.additional_properties = d
        return lineage_mlflow

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

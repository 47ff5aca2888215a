from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="RunExternalLinks")



@_attrs_define
class RunExternalLinks:
    """ 
        Attributes:
            commit (str | Unset): The commit in Azure Repos (sources in Azure Repos only).
            image_build (str | Unset): The Azure Pipelines run that built the training image.
            airflow (str | Unset): The Airflow dag run's page.
            mlflow_run (str | Unset): The MLflow run's page.
            model_version (str | Unset): The registered model version's page in MLflow.
     """

    commit: str | Unset = UNSET
    image_build: str | Unset = UNSET
    airflow: str | Unset = UNSET
    mlflow_run: str | Unset = UNSET
    model_version: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        commit = self.commit

        image_build = self.image_build

        airflow = self.airflow

        mlflow_run = self.mlflow_run

        model_version = self.model_version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if commit is not UNSET:
            field_dict["commit"] = commit
        if image_build is not UNSET:
            field_dict["imageBuild"] = image_build
        if airflow is not UNSET:
            field_dict["airflow"] = airflow
        if mlflow_run is not UNSET:
            field_dict["mlflowRun"] = mlflow_run
        if model_version is not UNSET:
            field_dict["modelVersion"] = model_version

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        commit = d.pop("commit", UNSET)

        image_build = d.pop("imageBuild", UNSET)

        airflow = d.pop("airflow", UNSET)

        mlflow_run = d.pop("mlflowRun", UNSET)

        model_version = d.pop("modelVersion", UNSET)

        run_external_links = cls(
            commit=commit,
            image_build=image_build,
            airflow=airflow,
            mlflow_run=mlflow_run,
            model_version=model_version,
        )


        run_external_links.additional_properties = d
        return run_external_links

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

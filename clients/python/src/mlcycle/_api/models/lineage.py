from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.lineage_airflow import LineageAirflow
  from ..models.lineage_data import LineageData
  from ..models.lineage_image import LineageImage
  from ..models.lineage_mlflow import LineageMlflow
  from ..models.lineage_model import LineageModel





T = TypeVar("T", bound="Lineage")



@_attrs_define
class Lineage:
    """ 
        Attributes:
            commit_sha (str | Unset):
            data (LineageData | Unset):
            image (LineageImage | Unset):
            airflow (LineageAirflow | Unset):
            mlflow (LineageMlflow | Unset):
            model (LineageModel | Unset):
     """

    commit_sha: str | Unset = UNSET
    data: LineageData | Unset = UNSET
    image: LineageImage | Unset = UNSET
    airflow: LineageAirflow | Unset = UNSET
    mlflow: LineageMlflow | Unset = UNSET
    model: LineageModel | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.lineage_airflow import LineageAirflow # noqa: PLC0415
        from ..models.lineage_data import LineageData # noqa: PLC0415
        from ..models.lineage_image import LineageImage # noqa: PLC0415
        from ..models.lineage_mlflow import LineageMlflow # noqa: PLC0415
        from ..models.lineage_model import LineageModel # noqa: PLC0415
        commit_sha = self.commit_sha

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        image: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image, Unset):
            image = self.image.to_dict()

        airflow: dict[str, Any] | Unset = UNSET
        if not isinstance(self.airflow, Unset):
            airflow = self.airflow.to_dict()

        mlflow: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mlflow, Unset):
            mlflow = self.mlflow.to_dict()

        model: dict[str, Any] | Unset = UNSET
        if not isinstance(self.model, Unset):
            model = self.model.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if commit_sha is not UNSET:
            field_dict["commitSha"] = commit_sha
        if data is not UNSET:
            field_dict["data"] = data
        if image is not UNSET:
            field_dict["image"] = image
        if airflow is not UNSET:
            field_dict["airflow"] = airflow
        if mlflow is not UNSET:
            field_dict["mlflow"] = mlflow
        if model is not UNSET:
            field_dict["model"] = model

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.lineage_airflow import LineageAirflow # noqa: PLC0415
        from ..models.lineage_data import LineageData # noqa: PLC0415
        from ..models.lineage_image import LineageImage # noqa: PLC0415
        from ..models.lineage_mlflow import LineageMlflow # noqa: PLC0415
        from ..models.lineage_model import LineageModel # noqa: PLC0415
        d = dict(src_dict)
        commit_sha = d.pop("commitSha", UNSET)

        _data = d.pop("data", UNSET)
        data: LineageData | Unset
        if isinstance(_data,  Unset):
            data = UNSET
        else:
            data = LineageData.from_dict(_data)




        _image = d.pop("image", UNSET)
        image: LineageImage | Unset
        if isinstance(_image,  Unset):
            image = UNSET
        else:
            image = LineageImage.from_dict(_image)




        _airflow = d.pop("airflow", UNSET)
        airflow: LineageAirflow | Unset
        if isinstance(_airflow,  Unset):
            airflow = UNSET
        else:
            airflow = LineageAirflow.from_dict(_airflow)




        _mlflow = d.pop("mlflow", UNSET)
        mlflow: LineageMlflow | Unset
        if isinstance(_mlflow,  Unset):
            mlflow = UNSET
        else:
            mlflow = LineageMlflow.from_dict(_mlflow)




        _model = d.pop("model", UNSET)
        model: LineageModel | Unset
        if isinstance(_model,  Unset):
            model = UNSET
        else:
            model = LineageModel.from_dict(_model)




        lineage = cls(
            commit_sha=commit_sha,
            data=data,
            image=image,
            airflow=airflow,
            mlflow=mlflow,
            model=model,
        )


        lineage.additional_properties = d
        return lineage

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pipeline_spec_concurrency import PipelineSpecConcurrency
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.pipeline_spec_airflow import PipelineSpecAirflow
  from ..models.pipeline_spec_data import PipelineSpecData
  from ..models.pipeline_spec_image import PipelineSpecImage
  from ..models.pipeline_spec_mlflow import PipelineSpecMlflow
  from ..models.pipeline_spec_policy import PipelineSpecPolicy
  from ..models.pipeline_spec_reproducibility import PipelineSpecReproducibility
  from ..models.pipeline_spec_retrain_on import PipelineSpecRetrainOn
  from ..models.pipeline_spec_schedule import PipelineSpecSchedule
  from ..models.pipeline_spec_source_type_0 import PipelineSpecSourceType0
  from ..models.pipeline_spec_source_type_1 import PipelineSpecSourceType1
  from ..models.pipeline_spec_staleness_type_0 import PipelineSpecStalenessType0
  from ..models.pipeline_spec_staleness_type_1 import PipelineSpecStalenessType1
  from ..models.pipeline_spec_training import PipelineSpecTraining





T = TypeVar("T", bound="Pipeline")



@_attrs_define
class Pipeline:
    """ 
        Attributes:
            source (PipelineSpecSourceType0 | PipelineSpecSourceType1):
            training (PipelineSpecTraining):
            data (PipelineSpecData):
            image (PipelineSpecImage):
            airflow (PipelineSpecAirflow):
            mlflow (PipelineSpecMlflow):
            policy (PipelineSpecPolicy):
            id (str):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            display_name (str | Unset):
            description (str | Unset):
            schedule (PipelineSpecSchedule | Unset):
            staleness (PipelineSpecStalenessType0 | PipelineSpecStalenessType1 | Unset):
            retrain_on (PipelineSpecRetrainOn | Unset):
            reproducibility (PipelineSpecReproducibility | Unset):
            concurrency (PipelineSpecConcurrency | Unset):  Default: PipelineSpecConcurrency.SKIP.
            enabled (bool | Unset):  Default: True.
            etag (str | Unset):
     """

    source: PipelineSpecSourceType0 | PipelineSpecSourceType1
    training: PipelineSpecTraining
    data: PipelineSpecData
    image: PipelineSpecImage
    airflow: PipelineSpecAirflow
    mlflow: PipelineSpecMlflow
    policy: PipelineSpecPolicy
    id: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    display_name: str | Unset = UNSET
    description: str | Unset = UNSET
    schedule: PipelineSpecSchedule | Unset = UNSET
    staleness: PipelineSpecStalenessType0 | PipelineSpecStalenessType1 | Unset = UNSET
    retrain_on: PipelineSpecRetrainOn | Unset = UNSET
    reproducibility: PipelineSpecReproducibility | Unset = UNSET
    concurrency: PipelineSpecConcurrency | Unset = PipelineSpecConcurrency.SKIP
    enabled: bool | Unset = True
    etag: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pipeline_spec_airflow import PipelineSpecAirflow # noqa: PLC0415
        from ..models.pipeline_spec_data import PipelineSpecData # noqa: PLC0415
        from ..models.pipeline_spec_image import PipelineSpecImage # noqa: PLC0415
        from ..models.pipeline_spec_mlflow import PipelineSpecMlflow # noqa: PLC0415
        from ..models.pipeline_spec_policy import PipelineSpecPolicy # noqa: PLC0415
        from ..models.pipeline_spec_reproducibility import PipelineSpecReproducibility # noqa: PLC0415
        from ..models.pipeline_spec_retrain_on import PipelineSpecRetrainOn # noqa: PLC0415
        from ..models.pipeline_spec_schedule import PipelineSpecSchedule # noqa: PLC0415
        from ..models.pipeline_spec_source_type_0 import PipelineSpecSourceType0 # noqa: PLC0415
        from ..models.pipeline_spec_source_type_1 import PipelineSpecSourceType1 # noqa: PLC0415
        from ..models.pipeline_spec_staleness_type_0 import PipelineSpecStalenessType0 # noqa: PLC0415
        from ..models.pipeline_spec_staleness_type_1 import PipelineSpecStalenessType1 # noqa: PLC0415
        from ..models.pipeline_spec_training import PipelineSpecTraining # noqa: PLC0415
        source: dict[str, Any]
        if isinstance(self.source, PipelineSpecSourceType0):
            source = self.source.to_dict()
        else:
            source = self.source.to_dict()


        training = self.training.to_dict()

        data = self.data.to_dict()

        image = self.image.to_dict()

        airflow = self.airflow.to_dict()

        mlflow = self.mlflow.to_dict()

        policy = self.policy.to_dict()

        id = self.id

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        display_name = self.display_name

        description = self.description

        schedule: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schedule, Unset):
            schedule = self.schedule.to_dict()

        staleness: dict[str, Any] | Unset
        if isinstance(self.staleness, Unset):
            staleness = UNSET
        elif isinstance(self.staleness, PipelineSpecStalenessType0):
            staleness = self.staleness.to_dict()
        else:
            staleness = self.staleness.to_dict()


        retrain_on: dict[str, Any] | Unset = UNSET
        if not isinstance(self.retrain_on, Unset):
            retrain_on = self.retrain_on.to_dict()

        reproducibility: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reproducibility, Unset):
            reproducibility = self.reproducibility.to_dict()

        concurrency: str | Unset = UNSET
        if not isinstance(self.concurrency, Unset):
            concurrency = self.concurrency.value


        enabled = self.enabled

        etag = self.etag


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "source": source,
            "training": training,
            "data": data,
            "image": image,
            "airflow": airflow,
            "mlflow": mlflow,
            "policy": policy,
            "id": id,
            "createdAt": created_at,
            "updatedAt": updated_at,
        })
        if display_name is not UNSET:
            field_dict["displayName"] = display_name
        if description is not UNSET:
            field_dict["description"] = description
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if staleness is not UNSET:
            field_dict["staleness"] = staleness
        if retrain_on is not UNSET:
            field_dict["retrainOn"] = retrain_on
        if reproducibility is not UNSET:
            field_dict["reproducibility"] = reproducibility
        if concurrency is not UNSET:
            field_dict["concurrency"] = concurrency
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if etag is not UNSET:
            field_dict["etag"] = etag

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pipeline_spec_airflow import PipelineSpecAirflow # noqa: PLC0415
        from ..models.pipeline_spec_data import PipelineSpecData # noqa: PLC0415
        from ..models.pipeline_spec_image import PipelineSpecImage # noqa: PLC0415
        from ..models.pipeline_spec_mlflow import PipelineSpecMlflow # noqa: PLC0415
        from ..models.pipeline_spec_policy import PipelineSpecPolicy # noqa: PLC0415
        from ..models.pipeline_spec_reproducibility import PipelineSpecReproducibility # noqa: PLC0415
        from ..models.pipeline_spec_retrain_on import PipelineSpecRetrainOn # noqa: PLC0415
        from ..models.pipeline_spec_schedule import PipelineSpecSchedule # noqa: PLC0415
        from ..models.pipeline_spec_source_type_0 import PipelineSpecSourceType0 # noqa: PLC0415
        from ..models.pipeline_spec_source_type_1 import PipelineSpecSourceType1 # noqa: PLC0415
        from ..models.pipeline_spec_staleness_type_0 import PipelineSpecStalenessType0 # noqa: PLC0415
        from ..models.pipeline_spec_staleness_type_1 import PipelineSpecStalenessType1 # noqa: PLC0415
        from ..models.pipeline_spec_training import PipelineSpecTraining # noqa: PLC0415
        d = dict(src_dict)
        def _parse_source(data: object) -> PipelineSpecSourceType0 | PipelineSpecSourceType1:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                source_type_0 = PipelineSpecSourceType0.from_dict(data)



                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            source_type_1 = PipelineSpecSourceType1.from_dict(data)



            return source_type_1

        source = _parse_source(d.pop("source"))


        training = PipelineSpecTraining.from_dict(d.pop("training"))




        data = PipelineSpecData.from_dict(d.pop("data"))




        image = PipelineSpecImage.from_dict(d.pop("image"))




        airflow = PipelineSpecAirflow.from_dict(d.pop("airflow"))




        mlflow = PipelineSpecMlflow.from_dict(d.pop("mlflow"))




        policy = PipelineSpecPolicy.from_dict(d.pop("policy"))




        id = d.pop("id")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))




        display_name = d.pop("displayName", UNSET)

        description = d.pop("description", UNSET)

        _schedule = d.pop("schedule", UNSET)
        schedule: PipelineSpecSchedule | Unset
        if isinstance(_schedule,  Unset):
            schedule = UNSET
        else:
            schedule = PipelineSpecSchedule.from_dict(_schedule)




        def _parse_staleness(data: object) -> PipelineSpecStalenessType0 | PipelineSpecStalenessType1 | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                staleness_type_0 = PipelineSpecStalenessType0.from_dict(data)



                return staleness_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            staleness_type_1 = PipelineSpecStalenessType1.from_dict(data)



            return staleness_type_1

        staleness = _parse_staleness(d.pop("staleness", UNSET))


        _retrain_on = d.pop("retrainOn", UNSET)
        retrain_on: PipelineSpecRetrainOn | Unset
        if isinstance(_retrain_on,  Unset):
            retrain_on = UNSET
        else:
            retrain_on = PipelineSpecRetrainOn.from_dict(_retrain_on)




        _reproducibility = d.pop("reproducibility", UNSET)
        reproducibility: PipelineSpecReproducibility | Unset
        if isinstance(_reproducibility,  Unset):
            reproducibility = UNSET
        else:
            reproducibility = PipelineSpecReproducibility.from_dict(_reproducibility)




        _concurrency = d.pop("concurrency", UNSET)
        concurrency: PipelineSpecConcurrency | Unset
        if isinstance(_concurrency,  Unset):
            concurrency = UNSET
        else:
            concurrency = PipelineSpecConcurrency(_concurrency)




        enabled = d.pop("enabled", UNSET)

        etag = d.pop("etag", UNSET)

        pipeline = cls(
            source=source,
            training=training,
            data=data,
            image=image,
            airflow=airflow,
            mlflow=mlflow,
            policy=policy,
            id=id,
            created_at=created_at,
            updated_at=updated_at,
            display_name=display_name,
            description=description,
            schedule=schedule,
            staleness=staleness,
            retrain_on=retrain_on,
            reproducibility=reproducibility,
            concurrency=concurrency,
            enabled=enabled,
            etag=etag,
        )


        pipeline.additional_properties = d
        return pipeline

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

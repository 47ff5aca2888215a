from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.run_pipeline_snapshot_concurrency import RunPipelineSnapshotConcurrency
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.run_pipeline_snapshot_airflow import RunPipelineSnapshotAirflow
  from ..models.run_pipeline_snapshot_data import RunPipelineSnapshotData
  from ..models.run_pipeline_snapshot_image import RunPipelineSnapshotImage
  from ..models.run_pipeline_snapshot_mlflow import RunPipelineSnapshotMlflow
  from ..models.run_pipeline_snapshot_policy import RunPipelineSnapshotPolicy
  from ..models.run_pipeline_snapshot_reproducibility import RunPipelineSnapshotReproducibility
  from ..models.run_pipeline_snapshot_retrain_on import RunPipelineSnapshotRetrainOn
  from ..models.run_pipeline_snapshot_schedule import RunPipelineSnapshotSchedule
  from ..models.run_pipeline_snapshot_source_type_0 import RunPipelineSnapshotSourceType0
  from ..models.run_pipeline_snapshot_source_type_1 import RunPipelineSnapshotSourceType1
  from ..models.run_pipeline_snapshot_staleness_type_0 import RunPipelineSnapshotStalenessType0
  from ..models.run_pipeline_snapshot_staleness_type_1 import RunPipelineSnapshotStalenessType1
  from ..models.run_pipeline_snapshot_training import RunPipelineSnapshotTraining





T = TypeVar("T", bound="RunPipelineSnapshot")



@_attrs_define
class RunPipelineSnapshot:
    """ 
        Attributes:
            source (RunPipelineSnapshotSourceType0 | RunPipelineSnapshotSourceType1):
            training (RunPipelineSnapshotTraining):
            data (RunPipelineSnapshotData):
            image (RunPipelineSnapshotImage):
            airflow (RunPipelineSnapshotAirflow):
            mlflow (RunPipelineSnapshotMlflow):
            policy (RunPipelineSnapshotPolicy):
            id (str):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            display_name (str | Unset):
            description (str | Unset):
            schedule (RunPipelineSnapshotSchedule | Unset):
            staleness (RunPipelineSnapshotStalenessType0 | RunPipelineSnapshotStalenessType1 | Unset):
            retrain_on (RunPipelineSnapshotRetrainOn | Unset):
            reproducibility (RunPipelineSnapshotReproducibility | Unset):
            concurrency (RunPipelineSnapshotConcurrency | Unset):  Default: RunPipelineSnapshotConcurrency.SKIP.
            enabled (bool | Unset):  Default: True.
     """

    source: RunPipelineSnapshotSourceType0 | RunPipelineSnapshotSourceType1
    training: RunPipelineSnapshotTraining
    data: RunPipelineSnapshotData
    image: RunPipelineSnapshotImage
    airflow: RunPipelineSnapshotAirflow
    mlflow: RunPipelineSnapshotMlflow
    policy: RunPipelineSnapshotPolicy
    id: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    display_name: str | Unset = UNSET
    description: str | Unset = UNSET
    schedule: RunPipelineSnapshotSchedule | Unset = UNSET
    staleness: RunPipelineSnapshotStalenessType0 | RunPipelineSnapshotStalenessType1 | Unset = UNSET
    retrain_on: RunPipelineSnapshotRetrainOn | Unset = UNSET
    reproducibility: RunPipelineSnapshotReproducibility | Unset = UNSET
    concurrency: RunPipelineSnapshotConcurrency | Unset = RunPipelineSnapshotConcurrency.SKIP
    enabled: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.run_pipeline_snapshot_airflow import RunPipelineSnapshotAirflow # noqa: PLC0415
        from ..models.run_pipeline_snapshot_data import RunPipelineSnapshotData # noqa: PLC0415
        from ..models.run_pipeline_snapshot_image import RunPipelineSnapshotImage # noqa: PLC0415
        from ..models.run_pipeline_snapshot_mlflow import RunPipelineSnapshotMlflow # noqa: PLC0415
        from ..models.run_pipeline_snapshot_policy import RunPipelineSnapshotPolicy # noqa: PLC0415
        from ..models.run_pipeline_snapshot_reproducibility import RunPipelineSnapshotReproducibility # noqa: PLC0415
        from ..models.run_pipeline_snapshot_retrain_on import RunPipelineSnapshotRetrainOn # noqa: PLC0415
        from ..models.run_pipeline_snapshot_schedule import RunPipelineSnapshotSchedule # noqa: PLC0415
        from ..models.run_pipeline_snapshot_source_type_0 import RunPipelineSnapshotSourceType0 # noqa: PLC0415
        from ..models.run_pipeline_snapshot_source_type_1 import RunPipelineSnapshotSourceType1 # noqa: PLC0415
        from ..models.run_pipeline_snapshot_staleness_type_0 import RunPipelineSnapshotStalenessType0 # noqa: PLC0415
        from ..models.run_pipeline_snapshot_staleness_type_1 import RunPipelineSnapshotStalenessType1 # noqa: PLC0415
        from ..models.run_pipeline_snapshot_training import RunPipelineSnapshotTraining # noqa: PLC0415
        source: dict[str, Any]
        if isinstance(self.source, RunPipelineSnapshotSourceType0):
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
        elif isinstance(self.staleness, RunPipelineSnapshotStalenessType0):
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

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_pipeline_snapshot_airflow import RunPipelineSnapshotAirflow # noqa: PLC0415
        from ..models.run_pipeline_snapshot_data import RunPipelineSnapshotData # noqa: PLC0415
        from ..models.run_pipeline_snapshot_image import RunPipelineSnapshotImage # noqa: PLC0415
        from ..models.run_pipeline_snapshot_mlflow import RunPipelineSnapshotMlflow # noqa: PLC0415
        from ..models.run_pipeline_snapshot_policy import RunPipelineSnapshotPolicy # noqa: PLC0415
        from ..models.run_pipeline_snapshot_reproducibility import RunPipelineSnapshotReproducibility # noqa: PLC0415
        from ..models.run_pipeline_snapshot_retrain_on import RunPipelineSnapshotRetrainOn # noqa: PLC0415
        from ..models.run_pipeline_snapshot_schedule import RunPipelineSnapshotSchedule # noqa: PLC0415
        from ..models.run_pipeline_snapshot_source_type_0 import RunPipelineSnapshotSourceType0 # noqa: PLC0415
        from ..models.run_pipeline_snapshot_source_type_1 import RunPipelineSnapshotSourceType1 # noqa: PLC0415
        from ..models.run_pipeline_snapshot_staleness_type_0 import RunPipelineSnapshotStalenessType0 # noqa: PLC0415
        from ..models.run_pipeline_snapshot_staleness_type_1 import RunPipelineSnapshotStalenessType1 # noqa: PLC0415
        from ..models.run_pipeline_snapshot_training import RunPipelineSnapshotTraining # noqa: PLC0415
        d = dict(src_dict)
        def _parse_source(data: object) -> RunPipelineSnapshotSourceType0 | RunPipelineSnapshotSourceType1:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                source_type_0 = RunPipelineSnapshotSourceType0.from_dict(data)



                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            source_type_1 = RunPipelineSnapshotSourceType1.from_dict(data)



            return source_type_1

        source = _parse_source(d.pop("source"))


        training = RunPipelineSnapshotTraining.from_dict(d.pop("training"))




        data = RunPipelineSnapshotData.from_dict(d.pop("data"))




        image = RunPipelineSnapshotImage.from_dict(d.pop("image"))




        airflow = RunPipelineSnapshotAirflow.from_dict(d.pop("airflow"))




        mlflow = RunPipelineSnapshotMlflow.from_dict(d.pop("mlflow"))




        policy = RunPipelineSnapshotPolicy.from_dict(d.pop("policy"))




        id = d.pop("id")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))




        display_name = d.pop("displayName", UNSET)

        description = d.pop("description", UNSET)

        _schedule = d.pop("schedule", UNSET)
        schedule: RunPipelineSnapshotSchedule | Unset
        if isinstance(_schedule,  Unset):
            schedule = UNSET
        else:
            schedule = RunPipelineSnapshotSchedule.from_dict(_schedule)




        def _parse_staleness(data: object) -> RunPipelineSnapshotStalenessType0 | RunPipelineSnapshotStalenessType1 | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                staleness_type_0 = RunPipelineSnapshotStalenessType0.from_dict(data)



                return staleness_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            staleness_type_1 = RunPipelineSnapshotStalenessType1.from_dict(data)



            return staleness_type_1

        staleness = _parse_staleness(d.pop("staleness", UNSET))


        _retrain_on = d.pop("retrainOn", UNSET)
        retrain_on: RunPipelineSnapshotRetrainOn | Unset
        if isinstance(_retrain_on,  Unset):
            retrain_on = UNSET
        else:
            retrain_on = RunPipelineSnapshotRetrainOn.from_dict(_retrain_on)




        _reproducibility = d.pop("reproducibility", UNSET)
        reproducibility: RunPipelineSnapshotReproducibility | Unset
        if isinstance(_reproducibility,  Unset):
            reproducibility = UNSET
        else:
            reproducibility = RunPipelineSnapshotReproducibility.from_dict(_reproducibility)




        _concurrency = d.pop("concurrency", UNSET)
        concurrency: RunPipelineSnapshotConcurrency | Unset
        if isinstance(_concurrency,  Unset):
            concurrency = UNSET
        else:
            concurrency = RunPipelineSnapshotConcurrency(_concurrency)




        enabled = d.pop("enabled", UNSET)

        run_pipeline_snapshot = cls(
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
        )


        run_pipeline_snapshot.additional_properties = d
        return run_pipeline_snapshot

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

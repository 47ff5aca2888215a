from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pipelines_lifecycle_response_200_former_champions_item_how import PipelinesLifecycleResponse200FormerChampionsItemHow
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="PipelinesLifecycleResponse200FormerChampionsItem")



@_attrs_define
class PipelinesLifecycleResponse200FormerChampionsItem:
    """ 
        Attributes:
            model_name (str):
            version (str):
            since (datetime.datetime):
            how (PipelinesLifecycleResponse200FormerChampionsItemHow):
            until (datetime.datetime):
            run_id (str | Unset):
            commit_sha (str | Unset):
            data_fingerprint (str | Unset):
     """

    model_name: str
    version: str
    since: datetime.datetime
    how: PipelinesLifecycleResponse200FormerChampionsItemHow
    until: datetime.datetime
    run_id: str | Unset = UNSET
    commit_sha: str | Unset = UNSET
    data_fingerprint: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        model_name = self.model_name

        version = self.version

        since = self.since.isoformat()

        how = self.how.value

        until = self.until.isoformat()

        run_id = self.run_id

        commit_sha = self.commit_sha

        data_fingerprint = self.data_fingerprint


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "modelName": model_name,
            "version": version,
            "since": since,
            "how": how,
            "until": until,
        })
        if run_id is not UNSET:
            field_dict["runId"] = run_id
        if commit_sha is not UNSET:
            field_dict["commitSha"] = commit_sha
        if data_fingerprint is not UNSET:
            field_dict["dataFingerprint"] = data_fingerprint

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model_name = d.pop("modelName")

        version = d.pop("version")

        since = datetime.datetime.fromisoformat(d.pop("since"))




        how = PipelinesLifecycleResponse200FormerChampionsItemHow(d.pop("how"))




        until = datetime.datetime.fromisoformat(d.pop("until"))




        run_id = d.pop("runId", UNSET)

        commit_sha = d.pop("commitSha", UNSET)

        data_fingerprint = d.pop("dataFingerprint", UNSET)

        pipelines_lifecycle_response_200_former_champions_item = cls(
            model_name=model_name,
            version=version,
            since=since,
            how=how,
            until=until,
            run_id=run_id,
            commit_sha=commit_sha,
            data_fingerprint=data_fingerprint,
        )


        pipelines_lifecycle_response_200_former_champions_item.additional_properties = d
        return pipelines_lifecycle_response_200_former_champions_item

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

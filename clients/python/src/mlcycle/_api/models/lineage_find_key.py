from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="LineageFindKey")



@_attrs_define
class LineageFindKey:
    """ 
        Attributes:
            commit (str | Unset):
            data_fingerprint (str | Unset):
            image_digest (str | Unset):
            mlflow_run_id (str | Unset):
            model (str | Unset):
     """

    commit: str | Unset = UNSET
    data_fingerprint: str | Unset = UNSET
    image_digest: str | Unset = UNSET
    mlflow_run_id: str | Unset = UNSET
    model: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        commit = self.commit

        data_fingerprint = self.data_fingerprint

        image_digest = self.image_digest

        mlflow_run_id = self.mlflow_run_id

        model = self.model


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if commit is not UNSET:
            field_dict["commit"] = commit
        if data_fingerprint is not UNSET:
            field_dict["dataFingerprint"] = data_fingerprint
        if image_digest is not UNSET:
            field_dict["imageDigest"] = image_digest
        if mlflow_run_id is not UNSET:
            field_dict["mlflowRunId"] = mlflow_run_id
        if model is not UNSET:
            field_dict["model"] = model

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        commit = d.pop("commit", UNSET)

        data_fingerprint = d.pop("dataFingerprint", UNSET)

        image_digest = d.pop("imageDigest", UNSET)

        mlflow_run_id = d.pop("mlflowRunId", UNSET)

        model = d.pop("model", UNSET)

        lineage_find_key = cls(
            commit=commit,
            data_fingerprint=data_fingerprint,
            image_digest=image_digest,
            mlflow_run_id=mlflow_run_id,
            model=model,
        )

        return lineage_find_key


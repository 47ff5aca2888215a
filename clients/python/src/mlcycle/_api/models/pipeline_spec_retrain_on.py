from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.pipeline_spec_retrain_on_data_change_type_1 import PipelineSpecRetrainOnDataChangeType1
  from ..models.pipeline_spec_retrain_on_signals import PipelineSpecRetrainOnSignals





T = TypeVar("T", bound="PipelineSpecRetrainOn")



@_attrs_define
class PipelineSpecRetrainOn:
    """ 
        Attributes:
            code_change (bool | Unset):  Default: True.
            code_paths (list[str] | Unset):
            data_change (bool | PipelineSpecRetrainOnDataChangeType1 | Unset):
            signals (PipelineSpecRetrainOnSignals | Unset):
     """

    code_change: bool | Unset = True
    code_paths: list[str] | Unset = UNSET
    data_change: bool | PipelineSpecRetrainOnDataChangeType1 | Unset = UNSET
    signals: PipelineSpecRetrainOnSignals | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pipeline_spec_retrain_on_data_change_type_1 import PipelineSpecRetrainOnDataChangeType1 # noqa: PLC0415
        from ..models.pipeline_spec_retrain_on_signals import PipelineSpecRetrainOnSignals # noqa: PLC0415
        code_change = self.code_change

        code_paths: list[str] | Unset = UNSET
        if not isinstance(self.code_paths, Unset):
            code_paths = self.code_paths



        data_change: bool | dict[str, Any] | Unset
        if isinstance(self.data_change, Unset):
            data_change = UNSET
        elif isinstance(self.data_change, PipelineSpecRetrainOnDataChangeType1):
            data_change = self.data_change.to_dict()
        else:
            data_change = self.data_change

        signals: dict[str, Any] | Unset = UNSET
        if not isinstance(self.signals, Unset):
            signals = self.signals.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if code_change is not UNSET:
            field_dict["codeChange"] = code_change
        if code_paths is not UNSET:
            field_dict["codePaths"] = code_paths
        if data_change is not UNSET:
            field_dict["dataChange"] = data_change
        if signals is not UNSET:
            field_dict["signals"] = signals

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pipeline_spec_retrain_on_data_change_type_1 import PipelineSpecRetrainOnDataChangeType1 # noqa: PLC0415
        from ..models.pipeline_spec_retrain_on_signals import PipelineSpecRetrainOnSignals # noqa: PLC0415
        d = dict(src_dict)
        code_change = d.pop("codeChange", UNSET)

        code_paths = cast(list[str], d.pop("codePaths", UNSET))


        def _parse_data_change(data: object) -> bool | PipelineSpecRetrainOnDataChangeType1 | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_change_type_1 = PipelineSpecRetrainOnDataChangeType1.from_dict(data)



                return data_change_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | PipelineSpecRetrainOnDataChangeType1 | Unset, data)

        data_change = _parse_data_change(d.pop("dataChange", UNSET))


        _signals = d.pop("signals", UNSET)
        signals: PipelineSpecRetrainOnSignals | Unset
        if isinstance(_signals,  Unset):
            signals = UNSET
        else:
            signals = PipelineSpecRetrainOnSignals.from_dict(_signals)




        pipeline_spec_retrain_on = cls(
            code_change=code_change,
            code_paths=code_paths,
            data_change=data_change,
            signals=signals,
        )


        pipeline_spec_retrain_on.additional_properties = d
        return pipeline_spec_retrain_on

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

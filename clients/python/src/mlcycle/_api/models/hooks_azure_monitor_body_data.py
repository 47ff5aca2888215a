from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.hooks_azure_monitor_body_data_custom_properties_type_0 import HooksAzureMonitorBodyDataCustomPropertiesType0
  from ..models.hooks_azure_monitor_body_data_essentials import HooksAzureMonitorBodyDataEssentials





T = TypeVar("T", bound="HooksAzureMonitorBodyData")



@_attrs_define
class HooksAzureMonitorBodyData:
    """ 
        Attributes:
            essentials (HooksAzureMonitorBodyDataEssentials):
            alert_context (Any | Unset):
            custom_properties (HooksAzureMonitorBodyDataCustomPropertiesType0 | None | Unset): Key-value pairs set on the
                alert rule. `mlcyclePipeline` names the pipeline to retrain.
     """

    essentials: HooksAzureMonitorBodyDataEssentials
    alert_context: Any | Unset = UNSET
    custom_properties: HooksAzureMonitorBodyDataCustomPropertiesType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.hooks_azure_monitor_body_data_custom_properties_type_0 import HooksAzureMonitorBodyDataCustomPropertiesType0 # noqa: PLC0415
        from ..models.hooks_azure_monitor_body_data_essentials import HooksAzureMonitorBodyDataEssentials # noqa: PLC0415
        essentials = self.essentials.to_dict()

        alert_context = self.alert_context

        custom_properties: dict[str, Any] | None | Unset
        if isinstance(self.custom_properties, Unset):
            custom_properties = UNSET
        elif isinstance(self.custom_properties, HooksAzureMonitorBodyDataCustomPropertiesType0):
            custom_properties = self.custom_properties.to_dict()
        else:
            custom_properties = self.custom_properties


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "essentials": essentials,
        })
        if alert_context is not UNSET:
            field_dict["alertContext"] = alert_context
        if custom_properties is not UNSET:
            field_dict["customProperties"] = custom_properties

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hooks_azure_monitor_body_data_custom_properties_type_0 import HooksAzureMonitorBodyDataCustomPropertiesType0 # noqa: PLC0415
        from ..models.hooks_azure_monitor_body_data_essentials import HooksAzureMonitorBodyDataEssentials # noqa: PLC0415
        d = dict(src_dict)
        essentials = HooksAzureMonitorBodyDataEssentials.from_dict(d.pop("essentials"))




        alert_context = d.pop("alertContext", UNSET)

        def _parse_custom_properties(data: object) -> HooksAzureMonitorBodyDataCustomPropertiesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                custom_properties_type_0 = HooksAzureMonitorBodyDataCustomPropertiesType0.from_dict(data)



                return custom_properties_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HooksAzureMonitorBodyDataCustomPropertiesType0 | None | Unset, data)

        custom_properties = _parse_custom_properties(d.pop("customProperties", UNSET))


        hooks_azure_monitor_body_data = cls(
            essentials=essentials,
            alert_context=alert_context,
            custom_properties=custom_properties,
        )


        hooks_azure_monitor_body_data.additional_properties = d
        return hooks_azure_monitor_body_data

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.hooks_azure_monitor_body_schema_id import HooksAzureMonitorBodySchemaId
from typing import cast

if TYPE_CHECKING:
  from ..models.hooks_azure_monitor_body_data import HooksAzureMonitorBodyData





T = TypeVar("T", bound="HooksAzureMonitorBody")



@_attrs_define
class HooksAzureMonitorBody:
    """ 
        Attributes:
            schema_id (HooksAzureMonitorBodySchemaId):
            data (HooksAzureMonitorBodyData):
     """

    schema_id: HooksAzureMonitorBodySchemaId
    data: HooksAzureMonitorBodyData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.hooks_azure_monitor_body_data import HooksAzureMonitorBodyData # noqa: PLC0415
        schema_id = self.schema_id.value

        data = self.data.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "schemaId": schema_id,
            "data": data,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hooks_azure_monitor_body_data import HooksAzureMonitorBodyData # noqa: PLC0415
        d = dict(src_dict)
        schema_id = HooksAzureMonitorBodySchemaId(d.pop("schemaId"))




        data = HooksAzureMonitorBodyData.from_dict(d.pop("data"))




        hooks_azure_monitor_body = cls(
            schema_id=schema_id,
            data=data,
        )


        hooks_azure_monitor_body.additional_properties = d
        return hooks_azure_monitor_body

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

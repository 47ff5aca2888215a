from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.health_response_200_status import HealthResponse200Status
from typing import cast

if TYPE_CHECKING:
  from ..models.health_response_200_dependencies_item import HealthResponse200DependenciesItem





T = TypeVar("T", bound="HealthResponse200")



@_attrs_define
class HealthResponse200:
    """ 
        Attributes:
            status (HealthResponse200Status):
            dependencies (list[HealthResponse200DependenciesItem]):
     """

    status: HealthResponse200Status
    dependencies: list[HealthResponse200DependenciesItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.health_response_200_dependencies_item import HealthResponse200DependenciesItem # noqa: PLC0415
        status = self.status.value

        dependencies = []
        for dependencies_item_data in self.dependencies:
            dependencies_item = dependencies_item_data.to_dict()
            dependencies.append(dependencies_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "status": status,
            "dependencies": dependencies,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.health_response_200_dependencies_item import HealthResponse200DependenciesItem # noqa: PLC0415
        d = dict(src_dict)
        status = HealthResponse200Status(d.pop("status"))




        dependencies = []
        _dependencies = d.pop("dependencies")
        for dependencies_item_data in (_dependencies):
            dependencies_item = HealthResponse200DependenciesItem.from_dict(dependencies_item_data)



            dependencies.append(dependencies_item)


        health_response_200 = cls(
            status=status,
            dependencies=dependencies,
        )


        health_response_200.additional_properties = d
        return health_response_200

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

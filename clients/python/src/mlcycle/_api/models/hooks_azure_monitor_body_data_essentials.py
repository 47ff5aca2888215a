from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.hooks_azure_monitor_body_data_essentials_monitor_condition import HooksAzureMonitorBodyDataEssentialsMonitorCondition
from ..models.hooks_azure_monitor_body_data_essentials_severity import HooksAzureMonitorBodyDataEssentialsSeverity
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="HooksAzureMonitorBodyDataEssentials")



@_attrs_define
class HooksAzureMonitorBodyDataEssentials:
    """ 
        Attributes:
            alert_id (str):
            alert_rule (str):
            severity (HooksAzureMonitorBodyDataEssentialsSeverity):
            signal_type (str):
            monitor_condition (HooksAzureMonitorBodyDataEssentialsMonitorCondition):
            monitoring_service (str):
            fired_date_time (datetime.datetime):
            alert_target_i_ds (list[str] | Unset):
            configuration_items (list[str] | None | Unset):
            origin_alert_id (None | str | Unset):
            resolved_date_time (datetime.datetime | None | Unset):
            description (None | str | Unset):
            essentials_version (None | str | Unset):
            alert_context_version (None | str | Unset):
     """

    alert_id: str
    alert_rule: str
    severity: HooksAzureMonitorBodyDataEssentialsSeverity
    signal_type: str
    monitor_condition: HooksAzureMonitorBodyDataEssentialsMonitorCondition
    monitoring_service: str
    fired_date_time: datetime.datetime
    alert_target_i_ds: list[str] | Unset = UNSET
    configuration_items: list[str] | None | Unset = UNSET
    origin_alert_id: None | str | Unset = UNSET
    resolved_date_time: datetime.datetime | None | Unset = UNSET
    description: None | str | Unset = UNSET
    essentials_version: None | str | Unset = UNSET
    alert_context_version: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        alert_id = self.alert_id

        alert_rule = self.alert_rule

        severity = self.severity.value

        signal_type = self.signal_type

        monitor_condition = self.monitor_condition.value

        monitoring_service = self.monitoring_service

        fired_date_time = self.fired_date_time.isoformat()

        alert_target_i_ds: list[str] | Unset = UNSET
        if not isinstance(self.alert_target_i_ds, Unset):
            alert_target_i_ds = self.alert_target_i_ds



        configuration_items: list[str] | None | Unset
        if isinstance(self.configuration_items, Unset):
            configuration_items = UNSET
        elif isinstance(self.configuration_items, list):
            configuration_items = self.configuration_items


        else:
            configuration_items = self.configuration_items

        origin_alert_id: None | str | Unset
        if isinstance(self.origin_alert_id, Unset):
            origin_alert_id = UNSET
        else:
            origin_alert_id = self.origin_alert_id

        resolved_date_time: None | str | Unset
        if isinstance(self.resolved_date_time, Unset):
            resolved_date_time = UNSET
        elif isinstance(self.resolved_date_time, datetime.datetime):
            resolved_date_time = self.resolved_date_time.isoformat()
        else:
            resolved_date_time = self.resolved_date_time

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        essentials_version: None | str | Unset
        if isinstance(self.essentials_version, Unset):
            essentials_version = UNSET
        else:
            essentials_version = self.essentials_version

        alert_context_version: None | str | Unset
        if isinstance(self.alert_context_version, Unset):
            alert_context_version = UNSET
        else:
            alert_context_version = self.alert_context_version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "alertId": alert_id,
            "alertRule": alert_rule,
            "severity": severity,
            "signalType": signal_type,
            "monitorCondition": monitor_condition,
            "monitoringService": monitoring_service,
            "firedDateTime": fired_date_time,
        })
        if alert_target_i_ds is not UNSET:
            field_dict["alertTargetIDs"] = alert_target_i_ds
        if configuration_items is not UNSET:
            field_dict["configurationItems"] = configuration_items
        if origin_alert_id is not UNSET:
            field_dict["originAlertId"] = origin_alert_id
        if resolved_date_time is not UNSET:
            field_dict["resolvedDateTime"] = resolved_date_time
        if description is not UNSET:
            field_dict["description"] = description
        if essentials_version is not UNSET:
            field_dict["essentialsVersion"] = essentials_version
        if alert_context_version is not UNSET:
            field_dict["alertContextVersion"] = alert_context_version

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alert_id = d.pop("alertId")

        alert_rule = d.pop("alertRule")

        severity = HooksAzureMonitorBodyDataEssentialsSeverity(d.pop("severity"))




        signal_type = d.pop("signalType")

        monitor_condition = HooksAzureMonitorBodyDataEssentialsMonitorCondition(d.pop("monitorCondition"))




        monitoring_service = d.pop("monitoringService")

        fired_date_time = datetime.datetime.fromisoformat(d.pop("firedDateTime"))




        alert_target_i_ds = cast(list[str], d.pop("alertTargetIDs", UNSET))


        def _parse_configuration_items(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                configuration_items_type_0 = cast(list[str], data)

                return configuration_items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        configuration_items = _parse_configuration_items(d.pop("configurationItems", UNSET))


        def _parse_origin_alert_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        origin_alert_id = _parse_origin_alert_id(d.pop("originAlertId", UNSET))


        def _parse_resolved_date_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_date_time_type_0 = datetime.datetime.fromisoformat(data)



                return resolved_date_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        resolved_date_time = _parse_resolved_date_time(d.pop("resolvedDateTime", UNSET))


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        def _parse_essentials_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        essentials_version = _parse_essentials_version(d.pop("essentialsVersion", UNSET))


        def _parse_alert_context_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        alert_context_version = _parse_alert_context_version(d.pop("alertContextVersion", UNSET))


        hooks_azure_monitor_body_data_essentials = cls(
            alert_id=alert_id,
            alert_rule=alert_rule,
            severity=severity,
            signal_type=signal_type,
            monitor_condition=monitor_condition,
            monitoring_service=monitoring_service,
            fired_date_time=fired_date_time,
            alert_target_i_ds=alert_target_i_ds,
            configuration_items=configuration_items,
            origin_alert_id=origin_alert_id,
            resolved_date_time=resolved_date_time,
            description=description,
            essentials_version=essentials_version,
            alert_context_version=alert_context_version,
        )


        hooks_azure_monitor_body_data_essentials.additional_properties = d
        return hooks_azure_monitor_body_data_essentials

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

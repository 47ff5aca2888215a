from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.signals_post_body_severity import SignalsPostBodySeverity
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.signals_post_body_metrics import SignalsPostBodyMetrics





T = TypeVar("T", bound="SignalsPostBody")



@_attrs_define
class SignalsPostBody:
    """ 
        Attributes:
            source (str):
            kind (str): What the signal reports: drift, performance, data-quality, alert, or a custom lowercase word.
            severity (SignalsPostBodySeverity):
            signal_id (str | Unset): The sender's idempotency key: a signal with an id already received is recorded as
                deduplicated and starts nothing.
            metrics (SignalsPostBodyMetrics | Unset):
            description (str | Unset):
            observed_at (datetime.datetime | Unset):
     """

    source: str
    kind: str
    severity: SignalsPostBodySeverity
    signal_id: str | Unset = UNSET
    metrics: SignalsPostBodyMetrics | Unset = UNSET
    description: str | Unset = UNSET
    observed_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.signals_post_body_metrics import SignalsPostBodyMetrics # noqa: PLC0415
        source = self.source

        kind = self.kind

        severity = self.severity.value

        signal_id = self.signal_id

        metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = self.metrics.to_dict()

        description = self.description

        observed_at: str | Unset = UNSET
        if not isinstance(self.observed_at, Unset):
            observed_at = self.observed_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "source": source,
            "kind": kind,
            "severity": severity,
        })
        if signal_id is not UNSET:
            field_dict["signalId"] = signal_id
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if description is not UNSET:
            field_dict["description"] = description
        if observed_at is not UNSET:
            field_dict["observedAt"] = observed_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.signals_post_body_metrics import SignalsPostBodyMetrics # noqa: PLC0415
        d = dict(src_dict)
        source = d.pop("source")

        kind = d.pop("kind")

        severity = SignalsPostBodySeverity(d.pop("severity"))




        signal_id = d.pop("signalId", UNSET)

        _metrics = d.pop("metrics", UNSET)
        metrics: SignalsPostBodyMetrics | Unset
        if isinstance(_metrics,  Unset):
            metrics = UNSET
        else:
            metrics = SignalsPostBodyMetrics.from_dict(_metrics)




        description = d.pop("description", UNSET)

        _observed_at = d.pop("observedAt", UNSET)
        observed_at: datetime.datetime | Unset
        if isinstance(_observed_at,  Unset):
            observed_at = UNSET
        else:
            observed_at = datetime.datetime.fromisoformat(_observed_at)




        signals_post_body = cls(
            source=source,
            kind=kind,
            severity=severity,
            signal_id=signal_id,
            metrics=metrics,
            description=description,
            observed_at=observed_at,
        )


        signals_post_body.additional_properties = d
        return signals_post_body

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

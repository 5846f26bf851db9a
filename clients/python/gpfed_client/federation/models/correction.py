from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.correction_kind_type_0 import CorrectionKindType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="Correction")


@_attrs_define
class Correction:
    """The fields given are changed; those left out stay as they are (``site_ods: null``
    removes the site).

        Attributes:
            reason (str): Why, for the record of the change
            kind (CorrectionKindType0 | None | Unset):
            occurred_at (datetime.datetime | None | Unset): Within the same period; without a zone, UK local time
            patient_ref (None | str | Unset):
            site_ods (None | str | Unset):
    """

    reason: str
    kind: CorrectionKindType0 | None | Unset = UNSET
    occurred_at: datetime.datetime | None | Unset = UNSET
    patient_ref: None | str | Unset = UNSET
    site_ods: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        elif isinstance(self.kind, CorrectionKindType0):
            kind = self.kind.value
        else:
            kind = self.kind

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        patient_ref: None | str | Unset
        if isinstance(self.patient_ref, Unset):
            patient_ref = UNSET
        else:
            patient_ref = self.patient_ref

        site_ods: None | str | Unset
        if isinstance(self.site_ods, Unset):
            site_ods = UNSET
        else:
            site_ods = self.site_ods

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if patient_ref is not UNSET:
            field_dict["patient_ref"] = patient_ref
        if site_ods is not UNSET:
            field_dict["site_ods"] = site_ods

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reason = d.pop("reason")

        def _parse_kind(data: object) -> CorrectionKindType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kind_type_0 = CorrectionKindType0(data)

                return kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CorrectionKindType0 | None | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_occurred_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0 = datetime.datetime.fromisoformat(data)

                return occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at", UNSET))

        def _parse_patient_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        patient_ref = _parse_patient_ref(d.pop("patient_ref", UNSET))

        def _parse_site_ods(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        site_ods = _parse_site_ods(d.pop("site_ods", UNSET))

        correction = cls(
            reason=reason,
            kind=kind,
            occurred_at=occurred_at,
            patient_ref=patient_ref,
            site_ods=site_ods,
        )

        return correction

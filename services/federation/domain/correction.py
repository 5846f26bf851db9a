"""Voiding or correcting a consultation sent in error, while its period is open or reopened.

A clinical system may have sent a consultation that never happened (void it) or sent one with
the wrong kind, site, patient or time (correct it). The practice that reported it or its
federation may do either, until the period is closed: its counts are then frozen and paid, so
the period is reopened first and the next close is a restatement.

- A voided consultation stays held, so its id stays taken (sending it again is a duplicate),
  but it counts nowhere: not in live counts, not in a close.
- A correction keeps the consultation in its period: one that happened in another month is
  that month's activity (void this one, and send it there). The corrected consultation is
  screened as a new one would be (contract dates, membership, delivery, premises).
- Nothing is overwritten silently: each void and correction is kept with its reason and what
  the consultation was before (the store's ``consultation_changes``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from services.federation.domain.activity import (
    ActivityContext,
    Consultation,
    Rejection,
    incomplete,
    screen_one,
)
from services.federation.domain.close import PeriodClose, PeriodStatus
from services.federation.domain.errors import (
    ConsultationVoided,
    CorrectionRefused,
    PeriodAlreadyClosed,
)
from services.federation.domain.period import period_of

#: What a correction may change; the contract, practice and id are what the consultation is.
CORRECTABLE = ("kind", "site_ods", "patient_ref", "occurred_at")
#: The field a refused correction is at fault in, by the screening's reason.
_AT_FAULT = {
    Rejection.SITE_NOT_PREMISES: "site_ods",
    Rejection.OUTSIDE_CONTRACT_DATES: "occurred_at",
    Rejection.NOT_A_MEMBER: "occurred_at",
    Rejection.NOT_SUBCONTRACTED_FOR_DELIVERY: "occurred_at",
}


@dataclass(frozen=True)
class HeldConsultation:
    """A consultation the federation holds, with the period it counts in."""

    record: Consultation
    period: str
    voided: bool = False


@dataclass(frozen=True)
class Correction:
    """The consultation as corrected, and which fields changed."""

    record: Consultation
    changed: list[str]


def check_changeable(held: HeldConsultation, state: PeriodClose) -> None:
    """Only a consultation still counting, in a period not closed, may be voided or corrected."""
    record = held.record
    if held.voided:
        raise ConsultationVoided(f"consultation {record.id} of {record.practice_ods} is voided")
    if state.status is PeriodStatus.CLOSED:
        raise PeriodAlreadyClosed(
            f"{held.period} of {record.contract_id} is closed (revision {state.revision}); "
            "reopen it to void or correct its consultations"
        )


def correct(
    held: HeldConsultation, changes: Mapping[str, Any], context: ActivityContext
) -> Correction:
    """The consultation with ``changes`` (some of :data:`CORRECTABLE`) applied, screened
    against ``context`` as a new consultation would be."""
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise CorrectionRefused(unknown[0], f"only {', '.join(CORRECTABLE)} may be corrected")
    try:
        record = Consultation.model_validate({**held.record.model_dump(), **changes})
    except ValidationError as exc:
        error = exc.errors()[0]
        raise CorrectionRefused(str(error["loc"][0]), str(error["msg"])) from exc
    if missing := incomplete(record):
        raise CorrectionRefused(missing[0], "a hub consultation needs its kind")
    changed = [f for f in CORRECTABLE if getattr(record, f) != getattr(held.record, f)]
    if not changed:
        raise CorrectionRefused(None, "the correction changes nothing: give a field a new value")
    day = record.day
    if period_of(day) != held.period:
        raise CorrectionRefused(
            "occurred_at",
            f"must stay in {held.period}: a consultation of another month is that month's "
            "activity (void this one and send it there)",
        )
    reason = screen_one(record, context, lambda _hub, _practice: True, day, held.period)
    if reason is not None:
        raise CorrectionRefused(_AT_FAULT.get(reason), f"{reason}: {reason.text}")
    return Correction(record, changed)

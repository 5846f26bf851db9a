"""Events published by the federation service on ``gpfed.federation.v1``."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from shared.events.base import Event
from shared.events.bounds import Count, Revision

SubcontractRole = Literal["delivery", "admin", "premises"]
#: What a correction may change in a consultation (its contract, practice and id are what it is).
CorrectableField = Literal["kind", "site_ods", "patient_ref", "occurred_at"]


class MemberJoined(Event):
    ce_type = "gpfed.federation.member_joined"
    producer = "federation"
    subject_field = "federation_ods"

    federation_ods: str
    practice_ods: str
    date: date


class MemberLeft(MemberJoined):
    ce_type = "gpfed.federation.member_left"


class SubcontractIssued(Event):
    ce_type = "gpfed.subcontract.issued"
    producer = "federation"
    subject_field = "contract_id"

    subcontract_id: str
    contract_id: str
    federation_ods: str
    practice_ods: str
    roles: list[SubcontractRole]
    start_date: date
    end_date: date | None = None


class PracticeActivity(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    practice_ods: str
    first: Count
    follow_up: Count
    total: Count
    patients: Count
    hosted: Count


class ServiceActivity(BaseModel):
    """An item-of-service month's count of one service code (what its fee is paid on)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    service_code: str
    count: Count


class ActivityPeriodClosed(Event):
    """A month's frozen counts. ``revision`` > 1 is a restatement of an earlier close.

    For an item-of-service contract (issue 19 point 2) ``services`` carries the month's count
    per service code, ``practices`` the provider's total and ``federation_ods`` the provider
    (the practice that reported and closed the month)."""

    ce_type = "gpfed.activity.period_closed"
    producer = "federation"
    subject_field = "contract_id"

    contract_id: str
    federation_ods: str
    period: str
    revision: Revision = 1
    patients: Count
    practices: list[PracticeActivity]
    #: Item-of-service contracts only: the count per service code (None for a hub).
    services: list[ServiceActivity] | None = None


class ActivityPeriodReopened(Event):
    """A closed month reopened for late or corrected activity; its frozen revision stands
    until a new close publishes the next revision."""

    ce_type = "gpfed.activity.period_reopened"
    producer = "federation"
    subject_field = "contract_id"

    contract_id: str
    federation_ods: str
    period: str
    revision: Revision


class ConsultationsRecorded(Event):
    """Consultations accepted from one batch under one contract (one event per contract per
    batch, not per consultation)."""

    ce_type = "gpfed.activity.consultations_recorded"
    producer = "federation"
    subject_field = "contract_id"

    contract_id: str
    federation_ods: str
    accepted: Count
    periods: list[str]


class ConsultationVoided(Event):
    """A consultation sent in error, voided: it no longer counts in the period.

    Voided by its practice or federation while the period was open or reopened; it counts in
    neither the live counts nor any later close."""

    ce_type = "gpfed.activity.consultation_voided"
    producer = "federation"
    subject_field = "contract_id"

    contract_id: str
    federation_ods: str
    practice_ods: str
    consultation_id: str
    period: str
    reason: str


class ConsultationCorrected(Event):
    """A consultation corrected within its period, while the period was open or reopened.

    ``changed`` names what changed; the values stay in the federation's record of the change."""

    ce_type = "gpfed.activity.consultation_corrected"
    producer = "federation"
    subject_field = "contract_id"

    contract_id: str
    federation_ods: str
    practice_ods: str
    consultation_id: str
    period: str
    reason: str
    changed: list[CorrectableField]

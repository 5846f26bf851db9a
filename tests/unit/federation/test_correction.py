"""Voiding and correcting a consultation: only while it counts and its period is not closed,
only within its period, and screened as a new consultation would be; with no I/O."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from services.federation.domain.activity import Consultation
from services.federation.domain.close import PeriodClose, PeriodStatus
from services.federation.domain.correction import HeldConsultation, check_changeable, correct
from services.federation.domain.errors import (
    ConsultationVoided,
    CorrectionRefused,
    PeriodAlreadyClosed,
)
from services.federation.domain.membership import Membership
from tests.unit.federation.test_activity import context, record

HELD = HeldConsultation(Consultation.model_validate(record()), "2026-05")
OPEN = PeriodClose("c1", "2026-05")


def _refused(changes: dict[str, Any]) -> CorrectionRefused:
    with pytest.raises(CorrectionRefused) as caught:
        correct(HELD, changes, context())
    return caught.value


@pytest.mark.parametrize(
    "state",
    [OPEN, PeriodClose("c1", "2026-05", PeriodStatus.REOPENED, 1)],
    ids=["open", "reopened"],
)
def test_a_consultation_may_be_changed_while_its_period_is_open_or_reopened(
    state: PeriodClose,
) -> None:
    check_changeable(HELD, state)


def test_a_consultation_in_a_closed_period_cannot_be_changed() -> None:
    with pytest.raises(PeriodAlreadyClosed, match="reopen it"):
        check_changeable(HELD, PeriodClose("c1", "2026-05", PeriodStatus.CLOSED, 1))


def test_a_voided_consultation_cannot_be_changed_again() -> None:
    voided = HeldConsultation(HELD.record, HELD.period, voided=True)
    with pytest.raises(ConsultationVoided):
        check_changeable(voided, OPEN)


def test_a_correction_changes_only_the_fields_given_and_names_them() -> None:
    result = correct(HELD, {"kind": "follow_up", "site_ods": "B86001"}, context())
    assert result.changed == ["kind", "site_ods"]
    assert (result.record.kind, result.record.site_ods) == ("follow_up", "B86001")
    assert (result.record.patient_ref, result.record.occurred_at) == (
        HELD.record.patient_ref,
        HELD.record.occurred_at,
    )


def test_a_correction_may_move_the_time_within_the_period_in_uk_local_time() -> None:
    result = correct(HELD, {"occurred_at": datetime(2026, 5, 31, 12, 0)}, context())
    assert result.changed == ["occurred_at"]
    assert result.record.occurred_at == datetime(2026, 5, 31, 11, 0, tzinfo=UTC)


def test_a_correction_into_another_period_is_refused_on_occurred_at() -> None:
    # 00:30 BST on 1 June is June in the UK, though still 31 May in UTC.
    refused = _refused({"occurred_at": "2026-06-01T00:30:00+01:00"})
    assert refused.field == "occurred_at"
    assert "2026-05" in str(refused)


def test_a_correction_that_changes_nothing_is_refused() -> None:
    refused = _refused({"kind": "first", "occurred_at": "2026-05-04T09:00:00+00:00"})
    assert refused.field is None


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"site_ods": "B86002"}, "site_ods", "site_not_premises"),
        ({"kind": "second"}, "kind", None),
        ({"patient_ref": ""}, "patient_ref", None),
        ({"practice_ods": "B86002"}, "practice_ods", None),
        ({"kind": None}, "kind", None),
    ],
)
def test_a_correction_the_consultation_could_not_have_is_refused_naming_the_field(
    changes: dict[str, Any], field: str, reason: str | None
) -> None:
    refused = _refused(changes)
    assert refused.field == field
    if reason is not None:
        assert refused.message.startswith(reason)


def test_a_correction_is_screened_against_membership_on_the_new_day() -> None:
    left = context(
        memberships=[Membership("Y02765", "B86001", date(2026, 4, 1), date(2026, 5, 10))]
    )
    with pytest.raises(CorrectionRefused, match="not_a_member") as caught:
        correct(HELD, {"occurred_at": "2026-05-20T10:00:00+01:00"}, left)
    assert caught.value.field == "occurred_at"


def test_a_correction_to_no_site_removes_the_site() -> None:
    hosted = HeldConsultation(Consultation.model_validate(record(site_ods="B86001")), "2026-05")
    result = correct(hosted, {"site_ods": None}, context())
    assert (result.record.site_ods, result.changed) == (None, ["site_ods"])

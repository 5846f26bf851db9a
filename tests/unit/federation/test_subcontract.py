"""Issuing subcontracts under a hub, with no I/O."""

from __future__ import annotations

from datetime import date

import pytest

from services.federation.domain.errors import InvalidDates, NotAMember, OutsideContract
from services.federation.domain.hub import HubTerms
from services.federation.domain.membership import Membership
from services.federation.domain.subcontract import SubcontractRole, issue

HUB = HubTerms(
    contract_id="c1",
    change="activated",
    effective_from=date(2026, 4, 1),
    federation_ods="Y02765",
    commissioner_ods="02W",
    service="hub",
    status="active",
    start_date=date(2026, 4, 1),
    end_date=date(2027, 3, 31),
)


def _issue(start: date, end: date | None, memberships: list[Membership]) -> object:
    return issue(
        subcontract_id="s1",
        hub=HUB,
        memberships=memberships,
        practice_ods="B86001",
        roles=[SubcontractRole.DELIVERY],
        start_date=start,
        end_date=end,
    )


def test_an_open_ended_subcontract_ends_with_its_parent_and_needs_membership_that_long() -> None:
    leaving = [Membership("Y02765", "B86001", date(2026, 4, 1), date(2026, 12, 31))]
    with pytest.raises(NotAMember):
        _issue(date(2026, 5, 1), None, leaving)
    staying = [Membership("Y02765", "B86001", date(2026, 4, 1))]
    sub = _issue(date(2026, 5, 1), None, staying)
    assert sub == issue(
        subcontract_id="s1",
        hub=HUB,
        memberships=staying,
        practice_ods="B86001",
        roles=[SubcontractRole.DELIVERY],
        start_date=date(2026, 5, 1),
        end_date=None,
    )


def test_a_subcontract_outside_its_parent_or_with_reversed_dates_is_refused() -> None:
    member = [Membership("Y02765", "B86001", date(2026, 1, 1))]
    with pytest.raises(OutsideContract):
        _issue(date(2026, 3, 1), date(2026, 6, 1), member)
    with pytest.raises(OutsideContract):
        _issue(date(2026, 5, 1), date(2027, 4, 1), member)
    with pytest.raises(InvalidDates):
        _issue(date(2026, 5, 1), date(2026, 4, 30), member)

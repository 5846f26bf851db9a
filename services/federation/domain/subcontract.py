"""Subcontracts under a hub contract: every one points at its parent, so the chain from the
commissioner to the practice doing the work is always visible (Practice finances survey, Case study
1: no "tangled map of contracts and subcontracts")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from services.federation.domain.errors import InvalidDates, OutsideContract
from services.federation.domain.hub import HubTerms
from services.federation.domain.membership import Membership, require_member_throughout


class SubcontractRole(StrEnum):
    DELIVERY = "delivery"  # sees patients: its consultations count
    ADMIN = "admin"  # handles referrals and administration (Case study 1)
    PREMISES = "premises"  # hosts clinics and is reimbursed for them


@dataclass(frozen=True)
class Subcontract:
    subcontract_id: str
    contract_id: str
    federation_ods: str
    practice_ods: str
    roles: frozenset[SubcontractRole]
    start_date: date
    end_date: date | None = None

    def grants_on(self, role: SubcontractRole, day: date) -> bool:
        return (
            role in self.roles
            and self.start_date <= day
            and (self.end_date is None or day <= self.end_date)
        )


def issue(
    *,
    subcontract_id: str,
    hub: HubTerms,
    memberships: Iterable[Membership],
    practice_ods: str,
    roles: Iterable[SubcontractRole],
    start_date: date,
    end_date: date | None,
) -> Subcontract:
    """A subcontract, if the practice is a member throughout and the dates are the hub's."""
    if end_date is not None and end_date < start_date:
        raise InvalidDates(f"end_date {end_date} is before start_date {start_date}")
    last = hub.last_day
    if start_date < hub.start_date or (
        last is not None and (start_date > last or (end_date is not None and end_date > last))
    ):
        raise OutsideContract(
            f"the subcontract must lie within contract {hub.contract_id} "
            f"({hub.start_date} to {last or 'open-ended'})"
        )
    # Without an end date a subcontract ends with its parent, so membership must last as long.
    require_member_throughout(memberships, practice_ods, start_date, end_date or last)
    return Subcontract(
        subcontract_id=subcontract_id,
        contract_id=hub.contract_id,
        federation_ods=hub.federation_ods,
        practice_ods=practice_ods,
        roles=frozenset(roles),
        start_date=start_date,
        end_date=end_date,
    )

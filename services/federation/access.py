"""Who may read or change a federation's business (docs/security.md, "federation").

The federation owns its members, subcontracts and periods; only its own back office (or ops)
changes them. A commissioner sees a federation only through the hubs it commissions, and a
hub's own records (its chain, periods and statement) belong to its commissioner as well.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from services.federation.domain.activity import MayReport
from services.federation.domain.hub import HubTerms
from services.federation.store import hub_commissioners
from shared.auth import Principal, Role
from shared.problems import Forbidden


def require_staff_of(principal: Principal, federation_ods: str) -> None:
    """The federation's own back office, or ops."""
    if principal.role is Role.OPS:
        return
    if principal.role is Role.FEDERATION and principal.org == federation_ods:
        return
    raise Forbidden(f"a {principal.role} token for {principal.org} cannot act for {federation_ods}")


async def hubs_visible_to(
    session: AsyncSession, principal: Principal, federation_ods: str
) -> str | None:
    """Reading a federation: None when every hub of it is visible (the federation itself, ops),
    or the commissioner whose hubs alone are visible. A commissioner that commissions no hub of
    the federation, and anyone else, is refused."""
    if principal.role is Role.COMMISSIONER:
        if principal.org in await hub_commissioners(session, federation_ods):
            return principal.org
        raise Forbidden(f"{principal.org} commissions no hub of {federation_ods}")
    require_staff_of(principal, federation_ods)
    return None


def require_reader_of_hub(principal: Principal, hub: HubTerms) -> None:
    """The federation holding it, its commissioner, or ops."""
    if principal.role is Role.OPS:
        return
    if principal.role is Role.FEDERATION and principal.org == hub.federation_ods:
        return
    if principal.role is Role.COMMISSIONER and principal.org == hub.commissioner_ods:
        return
    raise Forbidden(f"a {principal.role} token for {principal.org} cannot see {hub.contract_id}")


def require_provider(principal: Principal, practice_ods: str) -> None:
    """An item-of-service contract's provider (the practice itself), or ops: it closes and
    reopens its own months."""
    if principal.role is Role.OPS:
        return
    if principal.role is Role.PRACTICE and principal.org == practice_ods:
        return
    raise Forbidden(f"a {principal.role} token for {principal.org} cannot act for {practice_ods}")


def require_reader_of_service_contract(principal: Principal, contract: HubTerms) -> None:
    """An item-of-service contract's provider, its commissioner, or ops."""
    readers = {
        (Role.PRACTICE, contract.provider_ods),
        (Role.COMMISSIONER, contract.commissioner_ods),
    }
    if principal.role is Role.OPS or (principal.role, principal.org) in readers:
        return
    raise Forbidden(
        f"a {principal.role} token for {principal.org} cannot see {contract.contract_id}"
    )


def reporting_scope(principal: Principal) -> MayReport:
    """Whose consultations the caller reports, voids and corrects: a practice its own, a
    federation those under its own hubs (membership is checked per day), ops any."""
    if principal.role is Role.PRACTICE:
        return lambda _hub, practice_ods: practice_ods == principal.org
    if principal.role is Role.FEDERATION:
        return lambda hub, _practice_ods: hub.federation_ods == principal.org
    return lambda _hub, _practice_ods: True


def reports_for(principal: Principal) -> Callable[[str], bool]:
    """Whether the caller could report for a practice under any hub: False only for a practice
    token and another practice (whose subcontracts are then not read on its behalf)."""
    if principal.role is Role.PRACTICE:
        return lambda practice_ods: practice_ods == principal.org
    return lambda _practice_ods: True

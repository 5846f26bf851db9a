"""Who may see which postings (docs/security.md, "payments" and "Relations").

An organisation's accounts are its own, and ops sees every account. Others see an account only
through their own business with its organisation, and then only that business: a commissioner
the transactions of the contracts it commissions, a federation those of the hubs it holds. The
ledger is the same: each caller sees it through the contracts it may see, so balances and
totals shown to a related party add up its postings alone, never the whole account. Every
answer here is a :data:`ContractScope`: None for everything, else the contracts whose
transactions the caller sees, for ``books`` to filter by.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.payments.books import ContractScope
from services.payments.readmodels import (
    contracts_commissioned_by,
    holds_one_of,
    hubs_held_by,
    subcontracted_on_one_of,
)
from shared.auth import Principal, Role
from shared.events.payments import DistributionLine
from shared.problems import Forbidden

#: The roles that read accounts, statements and distributions (ops too). Governance staff do
#: not handle money, so are refused even for their own organisation.
READERS = (Role.COMMISSIONER, Role.FEDERATION, Role.PRACTICE)


async def postings_visible(session: AsyncSession, principal: Principal, ods: str) -> ContractScope:
    """Of the postings to ``ods``'s accounts, those the caller sees (every one for the
    organisation itself and ops). A commissioner that commissions a contract ``ods`` holds, or
    a hub ``ods`` is subcontracted on, sees those of its own contracts; a federation with
    ``ods`` subcontracted on one of its hubs sees those of its hubs. Anyone else is refused."""
    if principal.role is Role.OPS or (principal.role in READERS and principal.org == ods):
        return None
    if principal.role is Role.COMMISSIONER:
        own = contracts_commissioned_by(principal.org)
        # A subcontract is only ever under a hub, so one under its own contracts is on its hub.
        if await holds_one_of(session, ods, own) or await subcontracted_on_one_of(
            session, ods, own
        ):
            return own
    elif principal.role is Role.FEDERATION:
        hubs = hubs_held_by(principal.org)
        if await subcontracted_on_one_of(session, ods, hubs):
            return hubs
    raise Forbidden(f"a {principal.role} token for {principal.org} cannot see {ods}")


def ledger_visible(principal: Principal) -> ContractScope:
    """The trial balance: national for ops, a commissioner's own contracts; nobody else's."""
    if principal.role is Role.OPS:
        return None
    if principal.role is Role.COMMISSIONER:
        return contracts_commissioned_by(principal.org)
    raise Forbidden(f"a {principal.role} token cannot read the trial balance")


def distribution_lines_visible(
    principal: Principal,
    commissioner_ods: str,
    federation_ods: str,
    lines: list[DistributionLine],
) -> list[DistributionLine]:
    """The lines of a hub's distribution the caller sees: all of them for the hub's commissioner
    and federation (and ops); a practice with a line in it only its own, since the others are
    other practices' income. Anyone else is refused."""
    if (
        principal.role is Role.OPS
        or (principal.role is Role.COMMISSIONER and principal.org == commissioner_ods)
        or (principal.role is Role.FEDERATION and principal.org == federation_ods)
    ):
        return lines
    own = [line for line in lines if line.practice_ods == principal.org]
    if principal.role is Role.PRACTICE and own:
        return own
    raise Forbidden(f"a {principal.role} token for {principal.org} is not party to this hub")

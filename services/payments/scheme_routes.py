"""An incentive scheme's position (issue 20 point 4): for each practice, what was paid up front,
held back, released and recovered, and why. Amounts are the ledger's; the why is the rule's
(``domain/schemes.py``), decided on the same facts a payment run reads."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from services.payments.access import READERS
from services.payments.books import paid_items
from services.payments.domain.due import UPFRONT, month_value
from services.payments.domain.periods import financial_year_months
from services.payments.domain.schemes import RECOVERY, RELEASE, Position, decide
from services.payments.readmodels import contracts_by_id, hubs_held_by, subcontracted_on_one_of
from services.payments.runs import facts_of
from services.payments.schemes import rules_of, scheme_of
from shared.auth import Principal, Role, require_roles
from shared.calendar import period_of
from shared.events.contracts import SchemeEvent
from shared.problems import Forbidden, NotFound
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["schemes"])
Reader = Annotated[Principal, require_roles(*READERS)]


class PositionOut(BaseModel):
    practice_ods: str
    network: str | None
    contract_id: str
    paid_up_front_pence: int
    held_back_pence: int
    released_pence: int
    recovered_pence: int
    #: Net: up front + released - recovered; with what is still held back and what was
    #: recovered it makes the year's value so far.
    paid_pence: int
    why: str


class SchemePositionOut(BaseModel):
    scheme_id: str
    commissioner_ods: str
    name: str
    year: str
    release: str
    balancing: str
    practices: list[PositionOut]


async def positions(session: AsyncSession, scheme: SchemeEvent) -> list[Position]:
    """Each enrolled practice's position, from the ledger (what was paid) and the rules."""
    close = period_of(scheme.year_end)
    months = financial_year_months(close)
    ids = [e.contract_id for e in scheme.enrolments]
    known = await contracts_by_id(session, ids)
    facts = await facts_of(session, known.values(), months)
    paid = await paid_items(session, ids, months)
    rules = rules_of(scheme)
    found = []
    for e in scheme.enrolments:
        cid = e.contract_id
        contract = known.get(cid)
        upfront = held_back = 0
        for month in months:
            if (cid, month, UPFRONT) in paid and contract is not None:
                value = month_value(contract, month, facts[cid])
                upfront += paid[(cid, month, UPFRONT)].amount_pence
                held_back += 0 if value is None else value.full_pence - value.upfront_pence
        released = paid[(cid, close, RELEASE)].amount_pence if (cid, close, RELEASE) in paid else 0
        recovered = (
            -paid[(cid, close, RECOVERY)].amount_pence if (cid, close, RECOVERY) in paid else 0
        )
        decision = decide(rules, e.practice_ods)
        if contract is None:
            why = "the enrolment's contract is not in force yet"
        elif decision is None:
            why = f"waiting for the results of {', '.join(rules.waiting_for(e.practice_ods))}"
        else:
            why = f"{decision.release_why}; {decision.recovery_why}"
        found.append(
            Position(e.practice_ods, e.network, cid, upfront, held_back, released, recovered, why)
        )
    return found


async def _visible(
    session: AsyncSession, principal: Principal, scheme: SchemeEvent
) -> set[str] | None:
    """The practices whose lines the caller sees (None: all): the scheme's commissioner and ops
    all; a practice its own; a federation those subcontracted on one of its hubs."""
    if principal.role is Role.OPS or (
        principal.role is Role.COMMISSIONER and principal.org == scheme.commissioner_ods
    ):
        return None
    enrolled = [e.practice_ods for e in scheme.enrolments]
    seen: set[str] = set()
    if principal.role is Role.PRACTICE and principal.org in enrolled:
        seen = {principal.org}
    elif principal.role is Role.FEDERATION:
        hubs = hubs_held_by(principal.org)
        seen = {p for p in enrolled if await subcontracted_on_one_of(session, p, hubs)}
    if not seen:
        raise Forbidden(f"a {principal.role} token for {principal.org} cannot see this scheme")
    return seen


@router.get(
    "/schemes/{scheme_id}/position",
    response_model=SchemePositionOut,
    summary="A scheme's position: paid up front, held back, released, recovered, and why",
)
async def get_scheme_position(
    scheme_id: Annotated[str, Path(max_length=64)], uow: UnitOfWorkDep, principal: Reader
) -> SchemePositionOut:
    scheme = await scheme_of(uow.session, scheme_id)
    if scheme is None:
        raise NotFound(f"no scheme {scheme_id} is known to payments")
    seen = await _visible(uow.session, principal, scheme)
    lines = [
        PositionOut(**vars(p), paid_pence=p.paid_pence)
        for p in await positions(uow.session, scheme)
        if seen is None or p.practice_ods in seen
    ]
    return SchemePositionOut(
        scheme_id=scheme.scheme_id,
        commissioner_ods=scheme.commissioner_ods,
        name=scheme.name,
        year=scheme.year,
        release=scheme.release,
        balancing=scheme.balancing,
        practices=lines,
    )

"""The quarterly self-certification of conflicts of interest management (Co-commissioning evaluation
3.4.1, "Assurance"), for the caller's own organisation: computed from the registers as at the
quarter's last day (today while it runs) by domain/certification.py, until a named person signs it
off; from then on the return is the one frozen at sign-off."""

from __future__ import annotations

import csv
import io
import uuid
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.conflicts import access, store
from services.conflicts.compliance import register_on
from services.conflicts.domain.certification import (
    BreachReport,
    ContractInForce,
    Criterion,
    Finding,
    Rating,
    RecordedDecision,
    Snapshot,
    UndecidedItem,
    Window,
    certify,
    check_sign_off,
    overall,
    window,
)
from services.conflicts.domain.decisions import Outcome
from services.conflicts.public import _is_public, _query
from shared import calendar
from shared.auth import Principal, Role, require_roles
from shared.db import insert_ignoring_conflicts
from shared.events.conflicts import SelfCertificationSignedOff
from shared.problems import Conflict, Unprocessable
from shared.rules import RuleBroken
from shared.spreadsheets import csv_cell
from shared.web import UnitOfWorkDep

router = APIRouter(prefix="/self-certification", tags=["self-certification"])
Governance = Annotated[Principal, require_roles(Role.GOVERNANCE)]
QuarterQuery = Annotated[
    str, Query(pattern=calendar.QUARTER_PATTERN, examples=["2026-Q3"], description="YYYY-Qn")
]
#: Contracts that were in force at some time; proposed and rejected ones never were.
_IN_FORCE = ("active", "terminated", "expired")


class EvidenceOut(BaseModel):
    subject_id: str
    subject: str
    passed: bool
    detail: str


class CriterionOut(BaseModel):
    criterion: Criterion
    rule: str = Field(description="how the criterion is computed")
    rating: Rating
    note: str
    evidence: list[EvidenceOut]


class SignedOff(BaseModel):
    person_id: str | None
    name: str
    role: str
    user: str = Field(description="the token subject that signed it off")
    at: datetime


class SelfCertificationOut(BaseModel):
    organisation_ods: str
    quarter: str
    first_day: date
    last_day: date
    as_at: date = Field(description="the day the registers are read as at")
    status: Literal["draft", "signed_off"]
    rating: Rating
    criteria_met: int
    criteria_total: int
    criteria: list[CriterionOut]
    signed_off: SignedOff | None = None


class NewSignOff(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "quarter": "2026-Q3",
                    "signed_by_person_id": "3f2a...",
                    "role": "Accountable Officer",
                },
                {
                    "quarter": "2026-Q3",
                    "signed_by_name": "Ms J Smith",
                    "role": "Accountable Officer",
                },
            ]
        },
    )
    quarter: str = Field(pattern=calendar.QUARTER_PATTERN, examples=["2026-Q3"])
    signed_by_person_id: str | None = Field(default=None, min_length=1, max_length=64)
    signed_by_name: str | None = Field(default=None, min_length=1, max_length=200)
    role: str = Field(min_length=1, max_length=200, examples=["Accountable Officer"])


# --- reading the registers ------------------------------------------------------------------


async def _breaches(session: AsyncSession, org: str, w: Window) -> list[BreachReport]:
    t = store.breaches
    rows = list(
        await session.execute(
            select(t).where(
                t.c.organisation_ods == org, t.c.reported_on.between(w.first_day, w.as_at)
            )
        )
    )
    # On the public register: what its own query and rule show, read as the register reads it.
    query = _query("breaches")
    shown = query.where(query.selected_columns["id"].in_([r.id for r in rows]))
    today = calendar.uk_today()
    public = {
        r.id
        for r in await session.execute(shown)
        if _is_public("breaches", dict(r._mapping), today)
    }
    return [
        BreachReport(
            r.id, r.occurred_on, r.reported_on, r.id in public, f"{r.summary}\n{r.action_taken}"
        )
        for r in rows
    ]


async def _decisions(session: AsyncSession, org: str, w: Window) -> list[RecordedDecision]:
    d, i = store.decisions, store.items
    rows = await session.execute(
        select(d)
        .join(i, i.c.id == d.c.item_id)
        .where(i.c.commissioner_ods == org, d.c.decided_on.between(w.first_day, w.as_at))
    )
    return [
        RecordedDecision(
            r.id,
            r.item_id,
            r.contract_id,
            r.outcome,
            r.decided_on,
            r.quorate,
            frozenset(c["person_id"] for c in r.conflicts),
            frozenset(v["person_id"] for v in r.votes),
        )
        for r in rows
    ]


async def _items(session: AsyncSession, org: str, w: Window) -> list[Any]:
    """The organisation's items opened by the as-at day, each with when a decision (other than
    deferring it) was first taken by then, and its contract's start and status."""
    i, d, c = store.items, store.decisions, store.contracts
    decided = (
        select(d.c.item_id, func.min(d.c.decided_on).label("decided_on"))
        .where(d.c.outcome != Outcome.DEFERRED.value, d.c.decided_on <= w.as_at)
        .group_by(d.c.item_id)
        .subquery()
    )
    query = (
        select(i, decided.c.decided_on, c.c.start_date, c.c.status.label("contract_status"))
        .outerjoin(decided, decided.c.item_id == i.c.id)
        .outerjoin(c, c.c.id == i.c.contract_id)
        .where(i.c.commissioner_ods == org)
    )
    return [r for r in await session.execute(query) if calendar.local_day(r.opened_at) <= w.as_at]


def _undecided(items: list[Any]) -> list[UndecidedItem]:
    return [
        UndecidedItem(
            r.id,
            r.contract_id,
            r.start_date if r.subject == "proposal" else r.effective_from,
        )
        for r in items
        # A contract rejected without the committee (withdrawn) needs no decision any more.
        if r.decided_on is None and r.contract_status != "rejected"
    ]


async def _contracts(
    session: AsyncSession, org: str, w: Window, items: list[Any]
) -> list[ContractInForce]:
    """The organisation's contracts in force on the as-at day, each with the decision items
    about what follows it: its own variations and terminations, and the proposal of a contract
    of the same kind and service starting after the as-at day (a successor)."""
    c = store.contracts
    rows = list(
        await session.execute(
            select(c).where(
                c.c.commissioner_ods == org,
                c.c.status.in_(_IN_FORCE),
                c.c.start_date <= w.as_at,
                or_(c.c.end_date.is_(None), c.c.end_date >= w.as_at),
                # Not in force from the day a termination takes effect.
                or_(c.c.terminated_on.is_(None), c.c.terminated_on > w.as_at),
            )
        )
    )
    changes: dict[str, list[date]] = defaultdict(list)
    proposals: list[Any] = []
    for r in items:
        if r.subject == "proposal":
            proposals.append(r)
        else:
            changes[r.contract_id].append(calendar.local_day(r.opened_at))
    successors = select(c.c.id, c.c.kind, c.c.service, c.c.start_date).where(
        c.c.commissioner_ods == org, c.c.id.in_([p.contract_id for p in proposals])
    )
    opened = {p.contract_id: calendar.local_day(p.opened_at) for p in proposals}
    for s in await session.execute(successors):
        for r in rows:
            if (s.kind, s.service) == (r.kind, r.service) and s.start_date > w.as_at:
                changes[r.id].append(opened[s.id])
    return [
        ContractInForce(
            r.id,
            f"{r.kind} {r.service} with {r.provider_ods}",
            _last_day(r.end_date, r.terminated_on),
            tuple(changes[r.id]),
        )
        for r in rows
    ]


def _last_day(end_date: date | None, terminated_on: date | None) -> date | None:
    last = [d for d in (end_date, terminated_on and terminated_on - timedelta(days=1)) if d]
    return min(last, default=None)


async def compute(session: AsyncSession, org: str, w: Window) -> SelfCertificationOut:
    items = await _items(session, org, w)
    snapshot = Snapshot(
        people=tuple(await register_on(session, w.as_at, store.people.c.organisation_ods == org)),
        breaches=tuple(await _breaches(session, org, w)),
        decisions=tuple(await _decisions(session, org, w)),
        undecided=tuple(_undecided(items)),
        contracts=tuple(await _contracts(session, org, w, items)),
    )
    findings = certify(snapshot, w)
    return _out(org, w, findings)


def _out(org: str, w: Window, findings: list[Finding]) -> SelfCertificationOut:
    return SelfCertificationOut(
        organisation_ods=org,
        quarter=w.quarter,
        first_day=w.first_day,
        last_day=w.last_day,
        as_at=w.as_at,
        status="draft",
        rating=overall(findings),
        criteria_met=sum(f.rating is Rating.COMPLIANT for f in findings),
        criteria_total=len(findings),
        criteria=[
            CriterionOut(
                criterion=f.criterion,
                rule=f.rule,
                rating=f.rating,
                note=f.note,
                evidence=[EvidenceOut(**e.__dict__) for e in f.evidence],
            )
            for f in findings
        ],
    )


async def _signed(session: AsyncSession, org: str, quarter: str) -> Any:
    t = store.self_certifications
    query = select(t).where(t.c.organisation_ods == org, t.c.quarter == quarter)
    return (await session.execute(query)).first()


def _frozen(row: Mapping[str, Any]) -> SelfCertificationOut:
    """The return as it was signed off, with who signed it and when."""
    out = SelfCertificationOut.model_validate(row["certified"])
    signed = SignedOff(
        person_id=row["signed_by_person_id"],
        name=row["signed_by_name"],
        role=row["signed_by_role"],
        user=row["signed_by_user"],
        at=row["signed_at"],
    )
    return out.model_copy(update={"status": "signed_off", "signed_off": signed})


CSV_COLUMNS = ["quarter", "organisation_ods", "criterion", "rating", "subject_id", "subject",
               "passed", "detail"]  # fmt: skip


def _csv(out: SelfCertificationOut) -> str:
    signed = (
        f"; signed off by {out.signed_off.name} ({out.signed_off.role}) at {out.signed_off.at}"
        if out.signed_off
        else "; draft, not signed off"
    )
    head = [out.quarter, out.organisation_ods]
    rows: list[list[Any]] = [
        [*head, "overall", out.rating, "", "", "",
         f"{out.criteria_met} of {out.criteria_total} criteria compliant, as at {out.as_at}"
         f"{signed}"],
    ]  # fmt: skip
    for c in out.criteria:
        rows.append([*head, c.criterion, c.rating, "", "", "", f"{c.rule}. {c.note}"])
        rows += [
            [*head, c.criterion, "", e.subject_id, e.subject, e.passed, e.detail]
            for e in c.evidence
        ]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def _quarter_window(quarter: str, where: list[str | int]) -> Window:
    try:
        return window(quarter, calendar.uk_today())
    except RuleBroken as exc:
        raise Unprocessable.field(where, exc.message) from None


# --- routes ---------------------------------------------------------------------------------


@router.get(
    "",
    response_model=SelfCertificationOut,
    summary="The quarter's self-certification (JSON, or CSV with ?format=csv)",
    responses={
        200: {"content": {"text/csv": {"schema": {"type": "string"}}}},
        422: {"description": "A quarter that is not YYYY-Qn or has not begun"},
    },
)
async def self_certification(
    quarter: QuarterQuery,
    uow: UnitOfWorkDep,
    principal: Governance,
    format: Annotated[Literal["json", "csv"], Query(description="json or csv")] = "json",
) -> Any:
    """The caller's organisation's return for ``quarter``: each criterion with its rating and
    the rows behind it, and the overall rating; the frozen return once signed off."""
    org = access.owner_for(principal)
    row = await _signed(uow.session, org, quarter)
    if row is not None:
        out = _frozen(row._mapping)
    else:
        out = await compute(uow.session, org, _quarter_window(quarter, ["query", "quarter"]))
    if format == "csv":
        return Response(_csv(out), media_type="text/csv")
    return out


@router.post(
    "/sign-off",
    status_code=201,
    response_model=SelfCertificationOut,
    responses={
        409: {"description": "The quarter's return is already signed off"},
        422: {"description": "The quarter has not ended, or the signatory is not on the register"},
    },
)
async def sign_off(
    body: NewSignOff, uow: UnitOfWorkDep, principal: Governance
) -> SelfCertificationOut:
    """Sign off the quarter's return as it computes now, and freeze it."""
    org = access.owner_for(principal)
    if await _signed(uow.session, org, body.quarter) is not None:
        raise Conflict(f"the return for {body.quarter} is already signed off")
    if (body.signed_by_person_id is None) == (body.signed_by_name is None):
        raise Unprocessable.field(
            ["body", "signed_by_person_id"], "give signed_by_person_id or signed_by_name, one"
        )
    name = body.signed_by_name
    if body.signed_by_person_id is not None:
        p = store.people
        name = (
            await uow.session.execute(
                select(p.c.name).where(
                    p.c.id == body.signed_by_person_id,
                    access.visible(principal, p.c.organisation_ods),
                )
            )
        ).scalar()
        if name is None:
            raise Unprocessable.field(
                ["body", "signed_by_person_id"], f"no person {body.signed_by_person_id}"
            )
    w = _quarter_window(body.quarter, ["body", "quarter"])
    check_sign_off(w)
    out = await compute(uow.session, org, w)
    certification_id = uuid.uuid4().hex
    signed_at = datetime.now(UTC)
    values = {
        "id": certification_id,
        "organisation_ods": org,
        "quarter": body.quarter,
        "rating": out.rating.value,
        "certified": out.model_dump(mode="json"),
        "signed_by_person_id": body.signed_by_person_id,
        "signed_by_name": name,
        "signed_by_role": body.role,
        "signed_by_user": principal.sub,
        "signed_at": signed_at,
    }
    t = store.self_certifications
    inserted = await uow.session.execute(insert_ignoring_conflicts(uow.session, t).values(values))
    if not getattr(inserted, "rowcount", 1):  # another sign-off of this quarter won the race
        raise Conflict(f"the return for {body.quarter} is already signed off")
    uow.publish(
        SelfCertificationSignedOff(
            certification_id=certification_id,
            organisation_ods=org,
            quarter=body.quarter,
            rating=out.rating.value,
            signed_by_name=str(name),
            signed_by_role=body.role,
        )
    )
    await uow.commit()
    return _frozen(values)

"""HTTP routes of the payments service: HTTP in, a command on the domain, HTTP out."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from services.payments.access import (
    READERS,
    distribution_lines_visible,
    ledger_visible,
    postings_visible,
)
from services.payments.books import (
    balances,
    distributions_of,
    payment_runs_page,
    postings_of,
    trial_balance,
)
from services.payments.domain.due import WaitingReason
from services.payments.domain.expected import Status
from services.payments.expectations import expected_for
from services.payments.readmodels import contract_parties, pending_page
from services.payments.runs import run_payments
from shared.auth import Principal, Role, require_roles
from shared.calendar import PERIOD_PATTERN, add_months, has_begun, months_from, period_of, uk_today
from shared.collector import collector_paused
from shared.events.payments import DistributionCompleted, DistributionLine, PaymentPosted
from shared.ods import OdsCode
from shared.pagination import Page, PageDep
from shared.problems import NotFound, Unprocessable
from shared.spreadsheets import csv_cell
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["payments"])

PERIOD = PERIOD_PATTERN
Period = Annotated[str, Field(pattern=PERIOD, examples=["2026-10"])]
Commissioner = Annotated[Principal, require_roles(Role.COMMISSIONER)]
Reader = Annotated[Principal, require_roles(*READERS)]


class PaymentRunRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"period": "2026-10"}]})
    period: Period


class WaitingOut(BaseModel):
    contract_id: str
    #: The period the item waiting is booked to.
    period: str | None = None
    reason: WaitingReason
    detail: str


class PendingOut(BaseModel):
    """Something a later payment run settles: a restatement of a period already paid (its
    facts changed since) or an item that waited."""

    contract_id: str
    period: str
    reason: str
    noted_at: datetime


class PaymentRunResponse(BaseModel):
    run_id: str
    status: Literal["completed"] = "completed"
    period: str
    payments: list[PaymentPosted]
    distributions: list[DistributionCompleted]
    waiting_for: list[WaitingOut] = Field(
        description="Contracts with something due this period that cannot be paid yet (a"
        " tariff hub whose period the federation has not closed, a true-up whose KPI"
        " achievement is not recorded, a per-head list size not known); a later run pays it"
    )
    settled: list[PendingOut] = Field(
        default=[],
        description="The restatements (and earlier waits) of periods up to this one that the"
        " run settled: their differences are among the payments and distributions",
    )


@router.post("/payment-runs", response_model=PaymentRunResponse, summary="Pay a period")
async def create_payment_run(
    body: PaymentRunRequest, uow: UnitOfWorkDep, principal: Commissioner
) -> PaymentRunResponse:
    """Pays every instalment due in the period that is not paid yet (a second run pays
    nothing new), then distributes hub income. A commissioner pays its own contracts. Only a
    period that has begun (in England) is paid: nothing is due for a month to come."""
    if not has_begun(body.period, uk_today()):
        raise Unprocessable.field(
            ["body", "period"], f"{body.period} has not begun; only a begun period is paid"
        )
    scope = None if principal.role is Role.OPS else principal.org
    with collector_paused():
        run = await run_payments(uow, body.period, principal.sub, scope)
        await uow.commit()
    return PaymentRunResponse(
        run_id=run.run_id,
        period=body.period,
        payments=run.posted,
        distributions=run.completed,
        waiting_for=[
            WaitingOut(contract_id=w.contract_id, period=w.period, reason=w.reason, detail=w.detail)
            for w in run.waiting_for
        ],
        settled=[
            PendingOut(
                contract_id=p.contract_id, period=p.period, reason=p.reason, noted_at=p.noted_at
            )
            for p in run.settled
        ],
    )


@router.get(
    "/payment-runs/pending",
    response_model=Page[PendingOut],
    summary="What the next payment run will restate or pay",
)
async def list_pending(
    uow: UnitOfWorkDep,
    principal: Commissioner,
    page: PageDep,
    period: Annotated[str | None, Query(pattern=PERIOD, description="Up to this period")] = None,
) -> Page[PendingOut]:
    """Restatements noted since a period was paid (a backdated variation or termination,
    restated activity, a corrected achievement, a backdated list size) and items that waited,
    oldest period first: the next payment run of the contract's commissioner, for any period
    from theirs on, settles them. A commissioner sees its own contracts'; ops all."""
    scope = None if principal.role is Role.OPS else principal.org
    after = page.after_key(str, str)
    shown = await pending_page(
        uow.session, scope, period, (after[0], after[1]) if after else None, page.limit + 1
    )
    return Page[PendingOut](
        items=[
            PendingOut(
                contract_id=r.contract_id, period=r.period, reason=r.reason, noted_at=r.noted_at
            )
            for r in shown[: page.limit]
        ],
        next_cursor=page.next_cursor(shown, lambda r: [r.period, r.contract_id]),
    )


class PaymentRunOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "run_id": "run_5f0c...",
                    "period": "2026-10",
                    "requested_by": "user-1",
                    "commissioner_ods": "02W",
                    "created_at": "2026-11-02T09:00:00+00:00",
                    "payments": 3,
                    "paid_pence": 258000,
                }
            ]
        }
    )
    run_id: str
    period: str
    requested_by: str
    commissioner_ods: str | None
    created_at: datetime
    payments: int
    #: Payments less recoveries, in pence.
    paid_pence: int


@router.get("/payment-runs", response_model=Page[PaymentRunOut], summary="Payment runs")
async def list_payment_runs(
    uow: UnitOfWorkDep,
    principal: Commissioner,
    page: PageDep,
    period: Annotated[str | None, Query(pattern=PERIOD)] = None,
) -> Page[PaymentRunOut]:
    """Newest first. A commissioner sees the runs it requested for its own contracts; ops all."""
    rows = await payment_runs_page(
        uow.session,
        commissioner_ods=None if principal.role is Role.OPS else principal.org,
        period=period,
        after=page.after_key(datetime, str),
        limit=page.limit + 1,
    )
    return Page[PaymentRunOut](
        items=[
            PaymentRunOut(
                run_id=r.id,
                period=r.period,
                requested_by=r.requested_by,
                commissioner_ods=r.commissioner_ods,
                created_at=r.created_at,
                payments=r.n or 0,
                paid_pence=int(r.total or 0),
            )
            for r in rows[: page.limit]
        ],
        next_cursor=page.next_cursor(rows, lambda r: [r.created_at.isoformat(), r.id]),
    )


class DistributionRevisionOut(BaseModel):
    revision: int
    income_pence: int
    costs_pence: int
    retained_pence: int
    remainder_pence: int
    #: The ledger transaction that moved the money (a revision above 1: only each practice's
    #: difference from the one before); None when it moved nothing.
    transaction_id: str | None = None
    note: str | None = None
    created_at: datetime
    lines: list[DistributionLine] = []


class DistributionOut(BaseModel):
    contract_id: str
    period: str
    status: Literal["pending", "completed"]
    revision: int | None = None
    income_pence: int | None = None
    costs_pence: int | None = None
    retained_pence: int | None = None
    remainder_pence: int | None = None
    transaction_id: str | None = None
    note: str | None = None
    lines: list[DistributionLine] = []
    history: list[DistributionRevisionOut] = Field(
        default=[],
        description="The earlier revisions of a restated period, newest first; the figures"
        " above are the latest, and what the period comes to",
    )


@router.get(
    "/distributions",
    response_model=DistributionOut,
    summary="A hub period's fan-out",
    responses={404: {"description": "No contract with this id is known to payments"}},
)
async def get_distribution(
    uow: UnitOfWorkDep,
    principal: Reader,
    contract_id: Annotated[str, Query(min_length=1, max_length=64)],
    period: Annotated[str, Query(pattern=PERIOD)],
) -> DistributionOut:
    """The latest revision, with the earlier ones beside it: every line for the hub's
    commissioner and federation, a practice's own line only (with the totals) for a practice in
    the latest revision."""
    parties = await contract_parties(uow.session, contract_id)
    if parties is None:
        raise NotFound(f"no contract {contract_id}")
    commissioner_ods, provider_ods = parties
    rows = await distributions_of(uow.session, contract_id, period)

    def visible(lines: list[dict[str, object]]) -> list[DistributionLine]:
        return distribution_lines_visible(
            principal,
            commissioner_ods,
            provider_ods,
            [DistributionLine.model_validate(line) for line in lines],
        )

    latest = visible(rows[0].lines if rows else [])
    if not rows:
        return DistributionOut(contract_id=contract_id, period=period, status="pending")
    row = rows[0]
    own = {line.practice_ods for line in latest}
    return DistributionOut(
        contract_id=contract_id,
        period=period,
        status="completed",
        revision=row.revision,
        income_pence=row.income_pence,
        costs_pence=row.costs_pence,
        retained_pence=row.retained_pence,
        remainder_pence=row.remainder_pence,
        transaction_id=row.transaction_id,
        note=row.note,
        lines=latest,
        history=[
            DistributionRevisionOut(
                revision=r.revision,
                income_pence=r.income_pence,
                costs_pence=r.costs_pence,
                retained_pence=r.retained_pence,
                remainder_pence=r.remainder_pence,
                transaction_id=r.transaction_id,
                note=r.note,
                created_at=r.created_at,
                # The lines the caller sees in the latest revision, as they were then.
                lines=[
                    DistributionLine.model_validate(line)
                    for line in r.lines
                    if line["practice_ods"] in own
                ],
            )
            for r in rows[1:]
        ],
    )


class TrialBalance(BaseModel):
    balanced: bool
    debits_pence: int
    credits_pence: int


@router.get("/ledger/trial-balance", response_model=TrialBalance, summary="Debits = credits")
async def get_trial_balance(uow: UnitOfWorkDep, principal: Commissioner) -> TrialBalance:
    """National for ops; for a commissioner, the transactions of the contracts it commissions."""
    debits, credits = await trial_balance(uow.session, ledger_visible(principal))
    return TrialBalance(balanced=debits == credits, debits_pence=debits, credits_pence=credits)


class AccountBalance(BaseModel):
    account: str
    balance_pence: int


class PostingOut(BaseModel):
    id: int
    transaction_id: str
    account: str
    amount_pence: int
    consultations: int | None
    memo: str
    contract_id: str
    period: str
    basis: str
    kind: str
    posted_at: str
    #: The revision of the item or distribution posted (None before revisions were kept).
    revision: int | None = None
    #: For an adjustment: the period it restates (its difference from what was paid before).
    restates: str | None = None


class AccountsOut(BaseModel):
    ods: str
    as_of: date | None
    accounts: list[AccountBalance]
    postings: Page[PostingOut]


def _posting_out(row: object) -> PostingOut:
    values = dict(row._mapping)  # type: ignore[attr-defined]
    values["posted_at"] = values["posted_at"].isoformat()
    values["restates"] = values["period"] if values["kind"] == "adjustment" else None
    return PostingOut(**values)


@router.get("/accounts/{ods}", response_model=AccountsOut, summary="Balances and postings")
async def get_accounts(
    uow: UnitOfWorkDep,
    principal: Reader,
    page: PageDep,
    ods: Annotated[OdsCode, Path()],
    as_of: Annotated[date | None, Query(description="Balances at the end of this day")] = None,
) -> AccountsOut:
    """The organisation's own accounts, or, for a related party, the postings of its own
    contracts or hubs and balances over those alone (docs/security.md)."""
    scope = await postings_visible(uow.session, principal, ods)
    after = page.after_int()
    rows = await postings_of(uow.session, ods, scope, after=after, limit=page.limit + 1)
    found = await balances(uow.session, ods, as_of, scope)
    return AccountsOut(
        ods=ods,
        as_of=as_of,
        accounts=[AccountBalance(account=a, balance_pence=b) for a, b in found.items()],
        postings=Page[PostingOut](
            items=[_posting_out(r) for r in rows[: page.limit]],
            next_cursor=page.next_cursor(rows, lambda r: [r.id]),
        ),
    )


class ExpectedOut(BaseModel):
    """A payment expected by the organisation (services/payments/README.md, "Expected payments
    and when they are due")."""

    contract_id: str
    contract_kind: str
    commissioner_ods: str
    #: Who pays: the commissioner; a PRIME's provider for its subcontract; the federation for a
    #: hub's distribution. None while the PRIME that pays a subcontract is not known.
    payer_ods: str | None
    #: The period the money is booked to (a quarter in arrears: the month after the quarter;
    #: a distribution: the hub month shared).
    period: str
    #: What the money is: a payment basis (block, tariff, per_head, upfront, true_up) or
    #: ``distribution`` (a practice's share of a hub month).
    basis: str
    due_on: date
    #: Paid so far once paid; else what is due, or an estimate; None when it cannot be told.
    amount_pence: int | None
    #: True until paid or computed from facts that are in (a period begun, closed counts, a
    #: recorded KPI result).
    estimated: bool
    status: Status
    waiting_for: str | None = None
    paid_on: date | None = None
    payment_id: str | None = None


#: The most months one request spans (two years).
MAX_EXPECTED_MONTHS = 24


def _span(first: str | None, last: str | None) -> list[str]:
    """The months asked for: by default three before the current month (in England) to three
    after; at most :data:`MAX_EXPECTED_MONTHS`, else a 422 naming the field given."""
    current = period_of(uk_today())
    months = months_from(first or add_months(current, -3), last or add_months(current, 3))
    named: list[str | int] = ["query", "to" if last is not None else "from"]
    if not months:
        raise Unprocessable.field(named, "`to` is before `from`")
    if len(months) > MAX_EXPECTED_MONTHS:
        raise Unprocessable.field(named, f"at most {MAX_EXPECTED_MONTHS} months at a time")
    return months


@router.get(
    "/accounts/{ods}/expected",
    response_model=Page[ExpectedOut],
    summary="Payments expected: paid, due, waiting (and for what) or late",
)
async def list_expected(
    uow: UnitOfWorkDep,
    principal: Reader,
    page: PageDep,
    ods: Annotated[OdsCode, Path()],
    first: Annotated[
        str | None,
        Query(alias="from", pattern=PERIOD, description="First period (default: 3 months ago)"),
    ] = None,
    last: Annotated[
        str | None,
        Query(alias="to", pattern=PERIOD, description="Last period (default: in 3 months)"),
    ] = None,
) -> Page[ExpectedOut]:
    """Every payment due to the organisation booked to the periods asked, by due day then
    contract: its contracts' items and, for a practice, its shares of hub months. Read as
    ``/accounts/{ods}``: a related party sees those of its own contracts or hubs only."""
    months = _span(first, last)
    scope = await postings_visible(uow.session, principal, ods)
    found = await expected_for(uow.session, ods, scope, months, uk_today())
    after = page.after_key(str, str, str, str)
    rows = [e for e in found if after is None or e.sort_key > after][: page.limit + 1]
    return Page[ExpectedOut](
        items=[ExpectedOut.model_validate(e, from_attributes=True) for e in rows[: page.limit]],
        next_cursor=page.next_cursor(rows, lambda e: list(e.sort_key)),
    )


class StatementOut(BaseModel):
    ods: str
    period: str
    total_pence: int
    lines: list[PostingOut]
    next_cursor: str | None = None


CSV_COLUMNS = ["transaction_id", "contract_id", "basis", "kind", "restates", "revision"]
CSV_COLUMNS += ["account", "consultations", "amount_pence", "memo", "posted_at"]


@router.get(
    "/statements/{ods}/{period}",
    response_model=StatementOut,
    summary="Remittance statement (JSON, or CSV with Accept: text/csv or ?format=csv)",
    responses={200: {"content": {"text/csv": {}}}},
)
async def get_statement(
    request: Request,
    uow: UnitOfWorkDep,
    principal: Reader,
    page: PageDep,
    ods: Annotated[OdsCode, Path()],
    period: Annotated[str, Path(pattern=PERIOD)],
    format: Annotated[Literal["json", "csv"] | None, Query()] = None,
) -> StatementOut | Response:
    """What the caller may see of the account (as ``/accounts``), its total over those lines."""
    scope = await postings_visible(uow.session, principal, ods)
    every = [_posting_out(r) for r in await postings_of(uow.session, ods, scope, period=period)]
    total = sum(line.amount_pence for line in every)
    if format == "csv" or (format is None and "text/csv" in request.headers.get("accept", "")):
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for line in every:
            writer.writerow({k: csv_cell(v) for k, v in line.model_dump().items()})
        writer.writerow({"transaction_id": "total", "amount_pence": total})
        return Response(out.getvalue(), media_type="text/csv")
    after = page.after_int() or 0
    rows = [line for line in every if line.id > after][: page.limit + 1]
    return StatementOut(
        ods=ods,
        period=period,
        total_pence=total,
        lines=rows[: page.limit],
        next_cursor=page.next_cursor(rows, lambda r: [r.id]),
    )

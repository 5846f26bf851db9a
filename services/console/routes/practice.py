"""A practice's pages: expected payments (with monthly income by contract), statements by
month and a printable remittance advice per payment, all from the payments service."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from services.console.formats import shift_month
from services.console.income import STATUSES, monthly_income
from services.console.pages import page
from services.console.routes.common import PERIOD, Period, Since, Until, every, organisation_for
from services.console.session import SignedInDep, Viewer
from services.console.upstream import UpstreamFailed
from shared.calendar import uk_today

router = APIRouter(prefix="/practice")


def _practice(viewer: Viewer) -> str:
    return organisation_for(viewer, "practice", "practices")


@router.get("/expected", response_class=HTMLResponse)
async def expected(
    request: Request,
    viewer: SignedInDep,
    since: Since = None,
    until: Until = None,
) -> HTMLResponse:
    ods = _practice(viewer)
    this_month = uk_today().strftime("%Y-%m")
    since, until = since or shift_month(this_month, -6), until or shift_month(this_month, 6)
    items, _ = await every(
        request,
        viewer,
        "payments",
        f"/accounts/{ods}/expected",
        params={"from": since, "to": until},
    )
    items.sort(key=lambda i: (i["period"], i.get("due_on") or "", i["contract_id"]))
    income = monthly_income(items)
    return page(
        request,
        "practice/expected.html",
        ods=ods,
        items=items,
        since=since,
        until=until,
        statuses=STATUSES,
        income=income,
    )


@router.get("/statements", response_class=HTMLResponse)
async def statements(request: Request, viewer: SignedInDep, period: Period = None) -> HTMLResponse:
    ods = _practice(viewer)
    period = period or shift_month(uk_today().strftime("%Y-%m"), -1)
    lines, first = await every(request, viewer, "payments", f"/statements/{ods}/{period}", "lines")
    payments: dict[str, list[dict[str, Any]]] = {}
    for line in lines:
        payments.setdefault(line["transaction_id"], []).append(line)
    return page(
        request,
        "practice/statements.html",
        ods=ods,
        period=period,
        previous=shift_month(period, -1),
        next=shift_month(period, 1),
        payments=payments,
        total_pence=first.get("total_pence", 0),
    )


@router.get("/remittance/{period}/{transaction_id}", response_class=HTMLResponse)
async def remittance(
    request: Request,
    viewer: SignedInDep,
    period: Annotated[str, Path(pattern=PERIOD)],
    transaction_id: Annotated[str, Path(min_length=1, max_length=64)],
) -> HTMLResponse:
    ods = _practice(viewer)
    lines, _ = await every(request, viewer, "payments", f"/statements/{ods}/{period}", "lines")
    mine = [line for line in lines if line["transaction_id"] == transaction_id]
    if not mine:
        raise UpstreamFailed(404, f"No payment {transaction_id} in {period}.")
    return page(
        request,
        "practice/remittance.html",
        ods=ods,
        period=period,
        transaction_id=transaction_id,
        lines=mine,
        total_pence=sum(line["amount_pence"] for line in mine),
        posted_at=mine[0]["posted_at"],
    )

"""A commissioner's pages: payment runs and what the next run waits for, spend by contract
kind by month, the contracts and changes awaiting a committee's decision, its incentive schemes'
positions and its gain shares, from the payments and contracts services."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.console.formats import months_from
from services.console.income import Monthly, monthly
from services.console.pages import page
from services.console.routes.common import Since, Until, every, organisation_for, span, upstream
from services.console.routes.schemes import (
    SchemeId,
    SchemeQuery,
    gain_shares_page,
    picker,
    position_page,
)
from services.console.session import SignedInDep, Viewer
from shared.calendar import uk_today

router = APIRouter(prefix="/commissioner")

#: What a payment waits for, in words (payments' ``WaitingReason``); a restatement's reason
#: is already words.
WAITS = {
    "period_not_closed": "the federation to close the month",
    "achievement_not_recorded": "the quarter's KPI result",
    "list_size_not_known": "a list size",
    "prime_not_known": "the PRIME contract that pays it",
}
RUNS_SHOWN = 50


def _commissioner(viewer: Viewer) -> str:
    return organisation_for(viewer, "commissioner", "commissioners")


async def _contracts(request: Request, viewer: Viewer, **params: Any) -> list[dict[str, Any]]:
    items, _ = await every(request, viewer, "contracts", "/contracts", params=params)
    return items


def waits_for(reason: str) -> str:
    """A pending note's reason in words: payments writes ``waiting: <code>: <detail>`` for a
    wait and ``restatement: <what>`` for a restatement."""
    kind, _, rest = reason.partition(": ")
    if kind == "waiting":
        code, _, detail = rest.partition(": ")
        words = WAITS.get(code, code.replace("_", " "))
        return f"Waiting for {words}" + (f" ({detail})" if detail else "")
    if kind == "restatement":
        return f"To be restated: {rest}"
    return reason


@router.get("/payment-runs", response_class=HTMLResponse)
async def payment_runs(request: Request, viewer: SignedInDep) -> HTMLResponse:
    ods = _commissioner(viewer)
    runs = await upstream(request).json(
        "payments", "/payment-runs", token=viewer.token, params={"limit": RUNS_SHOWN}
    )
    pending, _ = await every(request, viewer, "payments", "/payment-runs/pending")
    contracts = {c["id"]: c for c in await _contracts(request, viewer, commissioner_ods=ods)}
    return page(
        request,
        "commissioner/payment_runs.html",
        ods=ods,
        runs=runs.get("items", []),
        more=bool(runs.get("next_cursor")),
        shown=RUNS_SHOWN,
        pending=[{**item, "waits_for": waits_for(item["reason"])} for item in pending],
        contracts=contracts,
    )


def spend_by_kind(
    lines: list[dict[str, Any]], kinds: dict[str, str], months: list[str], ods: str
) -> Monthly:
    """What the commissioner paid (its account's postings, a payment negative, a recovery
    positive) by contract kind and month; a contract it cannot see the kind of is "Other"."""
    spent = [
        line
        for line in lines
        if line["account"] == f"commissioner:{ods}" and line.get("contract_id")
    ]
    return monthly(
        spent,
        lambda line: kinds.get(line["contract_id"], "Other"),
        lambda line: -int(line["amount_pence"]),
        months,
    )


@router.get("/spend", response_class=HTMLResponse)
async def spend(
    request: Request, viewer: SignedInDep, since: Since = None, until: Until = None
) -> HTMLResponse:
    ods = _commissioner(viewer)
    since, until = span(since, until, (-5, 0), uk_today().strftime("%Y-%m"))
    months = months_from(since, until)
    kinds = {c["id"]: c["kind"] for c in await _contracts(request, viewer, commissioner_ods=ods)}
    lines: list[dict[str, Any]] = []
    for m in months:
        found, _ = await every(request, viewer, "payments", f"/statements/{ods}/{m}", "lines")
        lines += [{**line, "period": m} for line in found]
    return page(
        request,
        "commissioner/spend.html",
        ods=ods,
        since=since,
        until=until,
        figures=spend_by_kind(lines, kinds, months, ods),
    )


@router.get("/decisions", response_class=HTMLResponse)
async def decisions(request: Request, viewer: SignedInDep) -> HTMLResponse:
    ods = _commissioner(viewer)
    proposed = await _contracts(request, viewer, commissioner_ods=ods, status="proposed")
    active = {
        c["id"]: c for c in await _contracts(request, viewer, commissioner_ods=ods, status="active")
    }
    # One paged read of every held change (contracts scopes it to this commissioner).
    held, _ = await every(
        request, viewer, "contracts", "/changes", params={"status": "awaiting_decision"}
    )
    changes = [{**change, "contract": active.get(change["contract_id"], {})} for change in held]
    return page(
        request,
        "commissioner/decisions.html",
        ods=ods,
        proposed=proposed,
        changes=changes,
    )


@router.get("/schemes", response_class=HTMLResponse)
async def schemes(request: Request, viewer: SignedInDep, scheme: SchemeQuery = None) -> Response:
    ods = _commissioner(viewer)
    if scheme and scheme.strip():
        return picker(request, "/commissioner", ods, scheme)
    listed, _ = await every(request, viewer, "contracts", "/schemes")
    return picker(request, "/commissioner", ods, scheme, listed)


@router.get("/schemes/{scheme_id}", response_class=HTMLResponse)
async def scheme_position(
    request: Request, viewer: SignedInDep, scheme_id: SchemeId
) -> HTMLResponse:
    ods = _commissioner(viewer)
    return await position_page(request, viewer, "/commissioner", ods, scheme_id)


@router.get("/gain-shares", response_class=HTMLResponse)
async def gain_shares(request: Request, viewer: SignedInDep) -> HTMLResponse:
    return await gain_shares_page(request, viewer, "/commissioner", _commissioner(viewer))

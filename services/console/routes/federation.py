"""A federation's pages: its hubs, and each hub by month (income, costs, retained and
distributed, loss-making months flagged, each practice's share, whether the month is closed),
from the federation service; its practices' positions in a scheme and its alliance's gain
shares, from payments."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from services.console.formats import months_from
from services.console.income import hub_months, monthly
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

router = APIRouter(prefix="/federation")

#: A hub month's close status in words.
PERIOD_STATUSES = {
    "open": "Open",
    "closed": "Closed",
    "reopened": "Reopened, to be closed again",
}
#: The hubs page reads each hub's statement: at most this many hubs.
MAX_HUBS = 20


def _federation(viewer: Viewer) -> str:
    return organisation_for(viewer, "federation", "federations")


async def _statement(request: Request, viewer: Viewer, ods: str, hub: str) -> list[dict[str, Any]]:
    lines, _ = await every(
        request, viewer, "federation", f"/federations/{ods}/contracts/{hub}/statement"
    )
    return lines


@router.get("/hubs", response_class=HTMLResponse)
async def hubs(request: Request, viewer: SignedInDep) -> HTMLResponse:
    ods = _federation(viewer)
    found = await upstream(request).json("federation", f"/federations/{ods}", token=viewer.token)
    rows = []
    for hub in found.get("hubs", [])[:MAX_HUBS]:
        lines = await _statement(request, viewer, ods, hub["contract_id"])
        rows.append((hub, hub_totals(lines)))
    return page(
        request,
        "federation/hubs.html",
        ods=ods,
        name=found.get("name") or ods,
        rows=rows,
        more=len(found.get("hubs", [])) > MAX_HUBS,
        limit=MAX_HUBS,
    )


def hub_totals(lines: list[dict[str, Any]]) -> dict[str, Any]:
    """A hub's statement summed over its months, and the loss-making months."""
    income = sum(int(line["income_pence"]) for line in lines)
    costs = sum(int(line["costs_pence"]) for line in lines)
    return {
        "income_pence": income,
        "costs_pence": costs,
        "profit_pence": income - costs,
        "loss_making_periods": [line["period"] for line in lines if line["loss_making"]],
    }


@router.get("/hubs/{contract_id}", response_class=HTMLResponse)
async def hub(
    request: Request,
    viewer: SignedInDep,
    contract_id: Annotated[str, Path(min_length=1, max_length=64)],
    since: Since = None,
    until: Until = None,
) -> HTMLResponse:
    ods = _federation(viewer)
    since, until = span(since, until, (-5, 0), uk_today().strftime("%Y-%m"))
    months = months_from(since, until)
    lines = await _statement(request, viewer, ods, contract_id)
    periods = [
        await upstream(request).json(
            "federation",
            f"/federations/{ods}/contracts/{contract_id}/periods/{m}",
            token=viewer.token,
        )
        for m in months
    ]
    return page(
        request,
        "federation/hub.html",
        ods=ods,
        contract_id=contract_id,
        since=since,
        until=until,
        figures=hub_months(lines, months),
        lines={line["period"]: line for line in lines},
        periods=periods,
        statuses=PERIOD_STATUSES,
        shares=monthly(practice_shares(periods), lambda s: s["practice_ods"],
                       lambda s: s["total_pence"], months),
    )  # fmt: skip


def practice_shares(periods: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each practice's line in each month's standing distribution, with its period."""
    return [
        {**line, "period": p["period"]}
        for p in periods
        for d in p.get("distributions", [])
        if d.get("latest")
        for line in d.get("lines", [])
    ]


@router.get("/schemes", response_class=HTMLResponse)
async def schemes(request: Request, viewer: SignedInDep, scheme: SchemeQuery = None) -> Response:
    return picker(request, "/federation", _federation(viewer), scheme)


@router.get("/schemes/{scheme_id}", response_class=HTMLResponse)
async def scheme_position(
    request: Request, viewer: SignedInDep, scheme_id: SchemeId
) -> HTMLResponse:
    ods = _federation(viewer)
    return await position_page(request, viewer, "/federation", ods, scheme_id)


@router.get("/gain-shares", response_class=HTMLResponse)
async def gain_shares(request: Request, viewer: SignedInDep) -> HTMLResponse:
    return await gain_shares_page(request, viewer, "/federation", _federation(viewer))

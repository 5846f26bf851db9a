"""Governance staff's pages: who is overdue with their declarations, and the quarter's
self-certification return with its evidence and sign-off, from the conflicts service."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from services.console.formats import last_ended_quarter, shift_quarter
from services.console.pages import page
from services.console.routes.common import every, organisation_for, upstream
from services.console.session import SignedInDep, Viewer
from shared.calendar import QUARTER_PATTERN, uk_today

router = APIRouter(prefix="/governance")

#: A rating in words and as an NHS tag colour; the words carry the meaning.
RATINGS: dict[str, tuple[str, str]] = {
    "compliant": ("Compliant", "nhsuk-tag--green"),
    "partially_compliant": ("Partially compliant", "nhsuk-tag--yellow"),
    "not_compliant": ("Not compliant", "nhsuk-tag--red"),
}
#: The quarter picker offers the last ended quarter and this many before it.
QUARTERS_OFFERED = 8


def _governance(viewer: Viewer) -> str:
    return organisation_for(viewer, "governance", "governance staff")


@router.get("/compliance", response_class=HTMLResponse)
async def compliance(request: Request, viewer: SignedInDep) -> HTMLResponse:
    ods = _governance(viewer)
    people, first = await every(request, viewer, "conflicts", "/compliance/overdue")
    return page(
        request,
        "governance/compliance.html",
        ods=ods,
        people=people,
        summary=first.get("summary", {}),
    )


@router.get("/self-certification", response_class=HTMLResponse)
async def self_certification(
    request: Request,
    viewer: SignedInDep,
    quarter: Annotated[str | None, Query(pattern=QUARTER_PATTERN)] = None,
) -> HTMLResponse:
    ods = _governance(viewer)
    latest = last_ended_quarter(uk_today())
    quarter = quarter or latest
    found = await upstream(request).json(
        "conflicts", "/self-certification", token=viewer.token, params={"quarter": quarter}
    )
    return page(
        request,
        "governance/self_certification.html",
        ods=ods,
        quarter=quarter,
        quarters=[shift_quarter(latest, -n) for n in range(QUARTERS_OFFERED + 1)],
        certification=found,
        ratings=RATINGS,
    )

"""The scheme and gain-share pages a commissioner and a federation share (issue 20 point 4): a
scheme's position practice by practice (paid up front, held back, released, recovered, and why)
and each year's gain share, from payments. Payments decides what each sees: a commissioner its
own schemes' every practice and its gain shares; a federation the practices subcontracted on its
hubs and its own alliance."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.pages import page
from services.console.routes.common import SCHEME_ID, every, upstream
from services.console.schemes import BALANCINGS, RELEASES, TIERS, position, totals
from services.console.session import Viewer

SchemeId = Annotated[str, Path(pattern=SCHEME_ID)]
SchemeQuery = Annotated[str | None, Query(alias="scheme", pattern=r"^\s*[A-Za-z0-9_.-]{0,64}\s*$")]


def picker(
    request: Request,
    prefix: str,
    ods: str,
    scheme: str | None,
    schemes: list[dict[str, Any]] | None = None,
) -> Response:
    """The schemes to choose from where the viewer may list them (a commissioner: contracts'
    ``GET /schemes``), and a box for a scheme's id (a federation lists none: it reads only
    the positions of schemes on its hubs); either goes to the scheme's position."""
    if scheme and scheme.strip():
        return RedirectResponse(f"{prefix}/schemes/{scheme.strip()}", status_code=303)
    return page(request, "schemes/picker.html", ods=ods, prefix=prefix, schemes=schemes)


async def position_page(
    request: Request, viewer: Viewer, prefix: str, ods: str, scheme_id: str
) -> HTMLResponse:
    found = await upstream(request).json(
        "payments", f"/schemes/{scheme_id}/position", token=viewer.token
    )
    lines = found.get("practices", [])
    return page(
        request,
        "schemes/position.html",
        ods=ods,
        prefix=prefix,
        scheme=found,
        lines=lines,
        figures=position(lines),
        totals=totals(lines),
        release=RELEASES.get(found.get("release", ""), found.get("release")),
        balancing=BALANCINGS.get(found.get("balancing", ""), found.get("balancing")),
    )


async def gain_shares_page(request: Request, viewer: Viewer, prefix: str, ods: str) -> HTMLResponse:
    years, _ = await every(request, viewer, "payments", "/gain-shares")
    return page(
        request, "schemes/gain_shares.html", ods=ods, prefix=prefix, years=years, tiers=TIERS
    )

"""What every signed-in role's pages share: who may see them, the month query, and reading a
whole paged list from a service."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request

from services.console.formats import months_from, shift_month
from services.console.session import Viewer
from services.console.upstream import Service, Upstream, UpstreamFailed

PERIOD = r"^\d{4}-(0[1-9]|1[0-2])$"
Period = Annotated[str | None, Query(pattern=PERIOD)]
Since = Annotated[str | None, Query(alias="from", pattern=PERIOD)]
Until = Annotated[str | None, Query(alias="to", pattern=PERIOD)]
#: At most this many pages of a list are read for one page of the console.
MAX_PAGES = 20
#: A page that asks a service once per month asks for at most this many months.
MAX_MONTHS = 12


def upstream(request: Request) -> Upstream:
    found: Upstream = request.app.state.upstream
    return found


def organisation_for(viewer: Viewer, role: str, whose: str) -> str:
    """The viewer's organisation, if the page is for their role (or ops); else the 403 page."""
    if viewer.role not in (role, "ops"):
        raise UpstreamFailed(403, f"These pages are for {whose}. Your menu shows yours.")
    return viewer.org


async def every(
    request: Request,
    viewer: Viewer,
    service: Service,
    path: str,
    key: str = "items",
    params: dict[str, Any] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every item of a paged list (``key`` names the items), and the first page as given."""
    items: list[dict[str, Any]] = []
    first: dict[str, Any] = {}
    cursor = None
    for _ in range(MAX_PAGES):
        found = await upstream(request).json(
            service,
            path,
            token=viewer.token,
            params={**(params or {}), "limit": 500, "cursor": cursor},
        )
        first = first or found
        items += found.get(key, [])
        cursor = found.get("next_cursor")
        if not cursor:
            break
    return items, first


def span(
    since: str | None, until: str | None, default: tuple[int, int], this_month: str
) -> tuple[str, str]:
    """The months asked for, each defaulting to months from this one (``default``); a page
    that calls once a month is held to MAX_MONTHS."""
    since = since or shift_month(this_month, default[0])
    until = until or shift_month(this_month, default[1])
    if since > until:
        raise UpstreamFailed(400, "The first month must not be after the last.")
    if len(months_from(since, until)) > MAX_MONTHS:
        raise UpstreamFailed(400, f"Choose at most {MAX_MONTHS} months.")
    return since, until


#: A scheme's id in a path or a query (contracts' ids are at most 64 characters).
SCHEME_ID = r"^[A-Za-z0-9_.-]{1,64}$"

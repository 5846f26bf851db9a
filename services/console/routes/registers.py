"""The public registers, no sign-in: conflicts' public JSON as pages, a page at a time, with
names, pounds and UK dates; filters; and each page's CSV through the console (same origin)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.pages import page
from services.console.upstream import Upstream, UpstreamFailed

router = APIRouter()

Register = Literal["interests", "gifts", "decisions", "breaches"]
Ods = Annotated[str, Path(pattern=r"^[A-Za-z0-9]{2,10}$")]
TITLES: dict[str, str] = {
    "interests": "Register of interests",
    "gifts": "Register of gifts and hospitality",
    "decisions": "Register of decisions",
    "breaches": "Register of breaches",
}
PAGE_SIZE = 50
#: In ``back``, the first page (which has no cursor); cursors are base64url, so never "0".
FIRST = "0"


class Filters:
    def __init__(
        self,
        person: Annotated[str | None, Query(max_length=200)] = None,
        since: Annotated[str | None, Query(alias="from", max_length=10)] = None,
        until: Annotated[str | None, Query(alias="to", max_length=10)] = None,
        cursor: Annotated[str | None, Query(max_length=500)] = None,
        back: Annotated[str | None, Query(max_length=20_000)] = None,
    ) -> None:
        self.person = (person or "").strip() or None
        # An empty date field is sent as "from=": no filter, not an error.
        self.since, self.until, self.cursor = _day(since), _day(until), cursor or None
        self.back = back.split(".") if back else []

    def upstream(self, ods: str, register: str) -> dict[str, Any]:
        return {
            "commissioner": ods,
            "person": self.person if register in ("interests", "gifts") else None,
            "from": self.since,
            "to": self.until,
            "cursor": self.cursor,
            "limit": PAGE_SIZE,
        }

    def query(self, **changes: Any) -> dict[str, Any]:
        """This page's query string with ``changes``, without empty values."""
        values = {
            "person": self.person,
            "from": self.since.isoformat() if self.since else None,
            "to": self.until.isoformat() if self.until else None,
            "cursor": self.cursor,
            "back": ".".join(self.back) or None,
            **changes,
        }
        return {k: v for k, v in values.items() if v}


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UpstreamFailed(400, f"{value!r} is not a date: use the date picker") from None


def _upstream(request: Request) -> Upstream:
    upstream: Upstream = request.app.state.upstream
    return upstream


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    return page(request, "home.html", titles=TITLES)


@router.get("/registers")
async def choose_register(
    commissioner: Annotated[str, Query(pattern=r"^\s*[A-Za-z0-9]{2,10}\s*$")],
    register: Register = "interests",
) -> RedirectResponse:
    return RedirectResponse(
        f"/registers/{commissioner.strip().upper()}/{register}", status_code=303
    )


@router.get("/registers/{ods}/{register}.csv")
async def register_csv(
    request: Request, ods: Ods, register: Register, filters: Annotated[Filters, Depends()]
) -> Response:
    found = await _upstream(request).get(
        "conflicts",
        f"/public/registers/{register}",
        params={**filters.upstream(ods, register), "format": "csv"},
    )
    name = f"{register}-{ods}.csv"
    return Response(
        found.content,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@router.get("/registers/{ods}/{register}", response_class=HTMLResponse)
async def register_page(
    request: Request, ods: Ods, register: Register, filters: Annotated[Filters, Depends()]
) -> HTMLResponse:
    found = await _upstream(request).json(
        "conflicts", f"/public/registers/{register}", params=filters.upstream(ods, register)
    )
    next_query = previous_query = None
    if found.get("next_cursor"):
        back = ".".join([*filters.back, filters.cursor or FIRST])
        next_query = filters.query(cursor=found["next_cursor"], back=back)
    if filters.cursor:
        *earlier, last = filters.back or [FIRST]
        previous = None if last == FIRST else last
        previous_query = filters.query(cursor=previous, back=".".join(earlier) or None)
    return page(
        request,
        f"registers/{register}.html",
        ods=ods.upper(),
        register=register,
        title=TITLES[register],
        titles=TITLES,
        items=found.get("items", []),
        filters=filters,
        page_number=len(filters.back) + 1 if filters.cursor else 1,
        next_query=next_query,
        previous_query=previous_query,
        csv_query=filters.query(back=None),
    )

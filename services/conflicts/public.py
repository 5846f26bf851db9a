"""The public registers (004:3262-3272, 004:3577-3579, 004:1701-1707): no token, as JSON, CSV
(``?format=csv``) or a plain HTML page (``?format=html``).

Only decision-making staff appear, only entries their holder consented to publish (some people
must not have relatives' details published, 004:3438-3442), and an interest drops off six months
after it ends. Breaches are anonymised: no person is named.
"""

from __future__ import annotations

import csv
import html
import io
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import Select, select

from services.conflicts import store
from services.conflicts.domain.registers import still_published
from shared.pagination import PageDep
from shared.web import UnitOfWorkDep

router = APIRouter(prefix="/public/registers", tags=["public registers"])
Format = Annotated[Literal["json", "csv", "html"], Query(description="json, csv or html")]

_P, _D, _G = store.people, store.declarations, store.gifts

COLUMNS: dict[str, list[str]] = {
    "interests": [
        "id", "name", "category", "description", "organisation_ods", "held_by",
        "start_date", "end_date",
    ],
    "gifts": [
        "id", "name", "kind", "source", "value_pence", "received_on", "accepted",
        "declarable", "needs_approval",
    ],
    "decisions": [
        "id", "item_id", "committee_id", "contract_id", "outcome", "quorate", "decided_on",
        "votes_for", "votes_against", "conflicts",
    ],
    "breaches": ["id", "occurred_on", "summary", "action_taken", "reported_on"],
}  # fmt: skip


def _query(register: str) -> Select[Any]:
    if register == "interests":
        return (
            select(_D.c.id, _P.c.name, _D.c.category, _D.c.description, _D.c.organisation_ods,
                   _D.c.held_by, _D.c.start_date, _D.c.end_date)
            .join(_P, _P.c.id == _D.c.person_id)
            .where(_P.c.decision_making.is_(True), _D.c.publish.is_(True), _D.c.nil.is_(False))
        )  # fmt: skip
    if register == "gifts":
        return (
            select(_G.c.id, _P.c.name, _G.c.kind, _G.c.source, _G.c.value_pence,
                   _G.c.received_on, _G.c.accepted, _G.c.declarable, _G.c.needs_approval)
            .join(_P, _P.c.id == _G.c.person_id)
            .where(_P.c.decision_making.is_(True), _G.c.publish.is_(True))
        )  # fmt: skip
    table = store.decisions if register == "decisions" else store.breaches
    return select(*(table.c[name] for name in COLUMNS[register]))


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(f"{c['person_id']}: {c['action']} ({c['reason']})" for c in value)
    return "" if value is None else str(value)


def _html(register: str, rows: list[dict[str, Any]]) -> str:
    head = "".join(f"<th scope='col'>{html.escape(c)}</th>" for c in COLUMNS[register])
    body = "".join(
        "<tr>"
        + "".join(f"<td>{html.escape(_cell(r[c]))}</td>" for c in COLUMNS[register])
        + "</tr>"
        for r in rows
    )
    title = f"Register of {register}"
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"</head><body><main><h1>{title}</h1><table><caption>{title}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></main></body></html>"
    )


@router.get("/{register}", summary="A public register, without authentication")
async def public_register(
    register: Literal["interests", "gifts", "decisions", "breaches"],
    uow: UnitOfWorkDep,
    page: PageDep,
    format: Format = "json",
) -> Response:
    query = _query(register)
    id_column = query.selected_columns["id"]
    query = query.order_by(id_column)
    if page.after:
        query = query.where(id_column > str(page.after[0]))
    today: date = store.today()
    rows: list[dict[str, Any]] = []
    # Interests past their publication window are filtered here, so read on until the page fills.
    for row in (await uow.session.execute(query)).all():
        data = dict(row._mapping)
        if register == "interests" and not still_published(data["end_date"], today):
            continue
        rows.append(data)
        if len(rows) > page.limit:
            break
    next_cursor = page.next_cursor(rows, lambda r: [r["id"]])
    rows = rows[: page.limit]
    headers = {"x-next-cursor": next_cursor} if next_cursor else {}
    if format == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(COLUMNS[register])
        writer.writerows([_cell(r[c]) for c in COLUMNS[register]] for r in rows)
        return Response(out.getvalue(), media_type="text/csv", headers=headers)
    if format == "html":
        return HTMLResponse(_html(register, rows), headers=headers)
    items = [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in r.items()} for r in rows]
    return JSONResponse({"items": items, "next_cursor": next_cursor})

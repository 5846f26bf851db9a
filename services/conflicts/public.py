"""The public registers (Co-commissioning evaluation 3.4.3 and 3.4.1, "Assurance"): no token, as
JSON, CSV (``?format=csv``) or a plain HTML page (``?format=html``).

What is public is decided by one rule (domain/publication.py), for every register and format:
decision-making staff only, entries their holder consented to publish, interests until six
months after they end. The decisions register names each conflicted member, the organisation,
category and action, and a declaration's text only while that declaration is itself published,
and the route a decision took: the committee an escalated item came from, and the conflicted
members clinical advice was taken from (never the reason for escalating), and by name the
committee that decided and the contract's service and provider. Breaches are anonymised: no
person is named. Filters (one commissioner's register, a person's name, a range of dates) only
narrow what the rule lets through.
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
from sqlalchemy.ext.asyncio import AsyncSession

from services.conflicts import store
from services.conflicts.domain.publication import (
    DeclarationEntry,
    public_conflict,
    published,
    recorded_interests,
    route_forward,
)
from services.conflicts.domain.registers import HeldBy
from shared import calendar
from shared.pagination import PageDep
from shared.spreadsheets import csv_cell
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
        "declarable", "needs_approval", "status",
    ],
    "decisions": [
        "id", "item_id", "committee_id", "contract_id", "outcome", "quorate", "decided_on",
        "votes_for", "votes_against", "conflicts", "escalated_from", "clinical_advice_from",
        "committee", "service", "provider_ods",
    ],
    "breaches": ["id", "occurred_on", "summary", "action_taken", "reported_on"],
}  # fmt: skip


def _query(register: str) -> Select[Any]:
    # Interests and gifts carry what the publication rule reads, and the rule decides
    # (_is_public). Rows that cannot pass it (not decision-making, not to be published) are
    # not read at all: that narrowing can only keep more off a register, never put more on.
    if register == "interests":
        return (
            select(_D.c.id, _P.c.name, _D.c.category, _D.c.description, _D.c.organisation_ods,
                   _D.c.held_by, _D.c.start_date, _D.c.end_date, _P.c.decision_making,
                   _D.c.publish)
            .join(_P, _P.c.id == _D.c.person_id)
            .where(_D.c.nil.is_(False), _P.c.decision_making.is_(True),
                   _D.c.publish.is_(True))
        )  # fmt: skip
    if register == "gifts":
        return (
            select(_G.c.id, _P.c.name, _G.c.kind, _G.c.source, _G.c.value_pence,
                   _G.c.received_on, _G.c.accepted, _G.c.declarable, _G.c.needs_approval,
                   _G.c.status, _P.c.decision_making, _G.c.publish)
            .join(_P, _P.c.id == _G.c.person_id)
            .where(_P.c.decision_making.is_(True), _G.c.publish.is_(True))
        )  # fmt: skip
    if register == "decisions":
        # The committee and the contract by name: who decided, and on what service from whom.
        _C, _K = store.committees, store.contracts
        return (
            select(*(store.decisions.c[name] for name in COLUMNS[register] if name in
                     store.decisions.c), _C.c.name.label("committee"), _K.c.service,
                   _K.c.provider_ods)
            .outerjoin(_C, _C.c.id == store.decisions.c.committee_id)
            .outerjoin(_K, _K.c.id == store.decisions.c.contract_id)
        )  # fmt: skip
    return select(*(store.breaches.c[name] for name in COLUMNS[register]))


#: Each register's date, which ``from`` and ``to`` filter on.
DATED = {
    "interests": _D.c.start_date,
    "gifts": _G.c.received_on,
    "decisions": store.decisions.c.decided_on,
    "breaches": store.breaches.c.occurred_on,
}
#: Whose register an entry is on: the commissioner whose governance staff recorded it.
OWNED = {
    "interests": _P.c.organisation_ods,
    "gifts": _P.c.organisation_ods,
    "decisions": store.committees.c.organisation_ods,
    "breaches": store.breaches.c.organisation_ods,
}


def _filtered(
    query: Select[Any],
    register: str,
    commissioner: str | None,
    person: str | None,
    since: date | None,
    until: date | None,
) -> Select[Any]:
    """Filters only narrow what the publication rule already lets through."""
    if commissioner is not None:
        query = query.where(OWNED[register] == commissioner)
    if person and register in ("interests", "gifts"):
        query = query.where(_P.c.name.ilike(f"%{_like(person)}%", escape="\\"))
    if since is not None:
        query = query.where(DATED[register] >= since)
    if until is not None:
        query = query.where(DATED[register] <= until)
    return query


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _is_public(register: str, row: dict[str, Any], today: date) -> bool:
    if register not in ("interests", "gifts"):
        return True  # decisions are projected below; breaches name nobody
    return published(
        decision_making=row["decision_making"],
        publish=row["publish"],
        end_date=row.get("end_date"),
        today=today,
    )


async def _public_conflicts(session: AsyncSession, rows: list[dict[str, Any]], today: date) -> None:
    """Replace each decision's stored conflicts by what the publication rule lets it show."""
    stored = [c for r in rows for c in r["conflicts"]]
    person_ids = {c["person_id"] for c in stored} | {
        p for r in rows for p in r["clinical_advice_from"] or []
    }
    declaration_ids = {
        i.declaration_id for c in stored for i in recorded_interests(c) if i.declaration_id
    }
    names: dict[str, str] = {}
    if person_ids:
        found = await session.execute(select(_P.c.id, _P.c.name).where(_P.c.id.in_(person_ids)))
        names = {p.id: p.name for p in found}
    entries: dict[str, DeclarationEntry] = {}
    if declaration_ids:
        found = await session.execute(
            select(_D.c.id, _D.c.description, _D.c.held_by, _D.c.publish, _D.c.end_date,
                   _P.c.decision_making)
            .join(_P, _P.c.id == _D.c.person_id)
            .where(_D.c.id.in_(declaration_ids))
        )  # fmt: skip
        entries = {
            d.id: DeclarationEntry(
                d.description or "", HeldBy(d.held_by), d.decision_making, d.publish, d.end_date
            )
            for d in found
        }
    committee_ids = {r["escalated_from"] for r in rows if r["escalated_from"]}
    committees: dict[str, str] = {}
    if committee_ids:
        found = await session.execute(
            select(store.committees.c.id, store.committees.c.name).where(
                store.committees.c.id.in_(committee_ids)
            )
        )
        committees = {c.id: c.name for c in found}
    for r in rows:
        r["conflicts"] = [
            public_conflict(c, names.get(c["person_id"]), entries, today).as_json()
            for c in r["conflicts"]
        ]
        source = r["escalated_from"]
        r["escalated_from"], r["clinical_advice_from"] = route_forward(
            f"{committees.get(source, 'committee')} ({source})" if source else None,
            [names.get(p, p) for p in r["clinical_advice_from"] or []],
        )


def _interest_text(i: dict[str, Any]) -> str:
    where = f" in {i['organisation_ods']}" if i["organisation_ods"] else ""
    text = f"{i['category']}{where}"
    if "held_by" in i:
        text += f", held by {i['held_by']}: {i['description']}"
    return text


def _conflict_text(c: dict[str, Any]) -> str:
    interests = ", ".join(_interest_text(i) for i in c["interests"])
    return f"{c['name']}: {c['action']}" + (f" ({interests})" if interests else "")


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_conflict_text(c) for c in value)
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


@router.get(
    "/{register}",
    summary="A public register, without authentication",
    responses={
        200: {
            "description": "The register as JSON, CSV (`?format=csv`) or HTML (`?format=html`);"
            " CSV and HTML carry the next page's cursor in `x-next-cursor`",
            "content": {
                "application/json": {},
                "text/csv": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            },
        }
    },
)
async def public_register(
    register: Literal["interests", "gifts", "decisions", "breaches"],
    uow: UnitOfWorkDep,
    page: PageDep,
    format: Format = "json",
    commissioner: Annotated[
        str | None, Query(max_length=10, description="Only this commissioner's register (ODS)")
    ] = None,
    person: Annotated[
        str | None,
        Query(max_length=200, description="Interests and gifts of people whose name has this"),
    ] = None,
    since: Annotated[date | None, Query(alias="from", description="On or after this day")] = None,
    until: Annotated[date | None, Query(alias="to", description="On or before this day")] = None,
) -> Response:
    query = _filtered(_query(register), register, commissioner, person, since, until)
    id_column = query.selected_columns["id"]
    query = query.order_by(id_column)
    if (after := page.after_str()) is not None:
        query = query.where(id_column > after)
    today: date = calendar.uk_today()
    rows: list[dict[str, Any]] = []
    # Entries the rule keeps off the register are filtered here, so read on until the page fills.
    for row in (await uow.session.execute(query)).all():
        data = dict(row._mapping)
        if not _is_public(register, data, today):
            continue
        rows.append({c: data[c] for c in COLUMNS[register]})
        if len(rows) > page.limit:
            break
    next_cursor = page.next_cursor(rows, lambda r: [r["id"]])
    rows = rows[: page.limit]
    if register == "decisions":
        await _public_conflicts(uow.session, rows, today)
    headers = {"x-next-cursor": next_cursor} if next_cursor else {}
    if format == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(COLUMNS[register])
        writer.writerows([csv_cell(_cell(r[c])) for c in COLUMNS[register]] for r in rows)
        return Response(out.getvalue(), media_type="text/csv", headers=headers)
    if format == "html":
        return HTMLResponse(_html(register, rows), headers=headers)
    items = [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in r.items()} for r in rows]
    return JSONResponse({"items": items, "next_cursor": next_cursor})

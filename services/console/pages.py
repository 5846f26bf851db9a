"""Rendering a page: the templates, the signed-in viewer's menu and the error page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from services.console.formats import FILTERS
from services.console.session import viewer

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters.update(FILTERS)

#: Each role's menu: (label, path). Ops see every menu's pages through the services.
MENUS: dict[str, list[tuple[str, str]]] = {
    "practice": [
        ("Expected payments", "/practice/expected"),
        ("Statements", "/practice/statements"),
    ],
    "federation": [
        ("Hubs", "/federation/hubs"),
        ("Scheme positions", "/federation/schemes"),
        ("Gain share", "/federation/gain-shares"),
    ],
    "commissioner": [
        ("Payment runs", "/commissioner/payment-runs"),
        ("Spend", "/commissioner/spend"),
        ("Decisions pending", "/commissioner/decisions"),
        ("Incentive schemes", "/commissioner/schemes"),
        ("Gain shares", "/commissioner/gain-shares"),
    ],
    "governance": [
        ("Register compliance", "/governance/compliance"),
        ("Self-certification", "/governance/self-certification"),
    ],
}
MENUS["ops"] = [item for role in ("practice", "federation", "commissioner", "governance")
                for item in MENUS[role]]  # fmt: skip


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    who = viewer(request)
    menu = MENUS.get(who.role, []) if who else []
    return templates.TemplateResponse(
        request, template, {"viewer": who, "menu": menu, **context}, status_code=status
    )


def error_page(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    return page(request, "error.html", status=status, title=title, message=message)

"""The access model as docs/security.md writes it, and every route the four services serve.

The matrix test checks the services against the document, so the document cannot drift from
the code: a route it does not list, or a listed route no service serves, fails the test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fastapi.routing import APIRoute
from starlette.routing import Route

from gpfed.services import SERVICES

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"
ROLES = ("commissioner", "federation", "practice", "governance")
RELATIONS = ("owner", "related", "stranger")

_ROUTE = re.compile(r"`(GET|POST|PATCH|PUT|DELETE) (/[^`]*)`")


@dataclass(frozen=True)
class Admission:
    """The relations that admit a role to a route: a subset of owner, related, stranger."""

    relations: frozenset[str]

    @classmethod
    def parse(cls, cell: str) -> Admission:
        words = {w.strip() for w in cell.split(",")}
        if words == {"-"}:
            return cls(frozenset())
        if words == {"any"}:
            return cls(frozenset(RELATIONS))
        unknown = words - {"owner", "related"}
        if unknown:
            raise ValueError(f"not a relation: {sorted(unknown)} in {cell!r}")
        return cls(frozenset(words))

    def admits(self, relation: str) -> bool:
        return relation in self.relations


@dataclass(frozen=True)
class Model:
    #: (service, "METHOD /path") -> role -> admission
    routes: dict[tuple[str, str], dict[str, Admission]]
    #: "METHOD /path" needing no token (on whichever service serves it)
    public: frozenset[str]


def read_model(doc: Path = DOC) -> Model:
    routes: dict[tuple[str, str], dict[str, Admission]] = {}
    public: set[str] = set()
    section = None
    for line in doc.read_text().splitlines():
        if line.startswith("### "):
            section = line[4:].strip()
            continue
        if line.startswith("## "):
            section = None
            continue
        if section is None or not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        found = [f"{m} {p}" for m, p in _ROUTE.findall(cells[0])]
        if section == "public routes":
            public.update(found)
        elif section in SERVICES:
            [route] = found
            if len(cells) != 1 + len(ROLES):
                raise ValueError(f"{section} {route}: expected a cell per role, got {cells}")
            routes[(section, route)] = {
                role: Admission.parse(cell) for role, cell in zip(ROLES, cells[1:], strict=True)
            }
    return Model(routes, frozenset(public))


def served_routes() -> set[tuple[str, str]]:
    """Every (service, "METHOD /path") the apps serve: the API routes from each app's OpenAPI
    document (it walks included routers) and the plain routes (docs pages) on the app."""
    served: set[tuple[str, str]] = set()
    for name, spec in SERVICES.items():
        app = spec.create_app(spec.settings(bus_enabled=False))
        for path, operations in app.openapi()["paths"].items():
            served.update((name, f"{method.upper()} {path}") for method in operations)
        for route in app.routes:
            if isinstance(route, Route) and not isinstance(route, APIRoute):
                methods = sorted((route.methods or set()) - {"HEAD"})
                served.update((name, f"{method} {route.path}") for method in methods)
    return served

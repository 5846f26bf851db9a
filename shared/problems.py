"""RFC 9457 problem details: the one shape every error takes.

Domain errors in a service subclass :class:`Problem` (or are mapped to one in ``api.py``);
``shared.web`` renders them as ``application/problem+json``.
"""

from __future__ import annotations

from typing import Any

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://gpfed.nhs.example/problems/"
#: The parts of a request a field can be in; a problem's ``errors[].field`` names the field
#: within its part, as FastAPI's validation errors do, and ``loc`` starts with the part.
PARTS = frozenset({"body", "query", "path", "header"})


class Problem(Exception):
    """An error with an HTTP status and a stable ``type`` clients can switch on."""

    status: int = 400
    slug: str = "bad-request"
    title: str = "Bad request"

    def __init__(
        self,
        detail: str,
        *,
        status: int | None = None,
        slug: str | None = None,
        title: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if status is not None:
            self.status = status
        if slug is not None:
            self.slug = slug
        if title is not None:
            self.title = title
        self.errors = errors
        self.extensions = extensions

    def body(self, *, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": PROBLEM_BASE + self.slug,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if instance:
            body["instance"] = instance
        if self.errors is not None:
            body["errors"] = self.errors
        body.update(self.extensions)
        return body


class NotFound(Problem):
    status, slug, title = 404, "not-found", "Not found"


class Conflict(Problem):
    status, slug, title = 409, "conflict", "Conflict"


class Unprocessable(Problem):
    """A well-formed request that breaks a rule (a field's value, a state transition)."""

    status, slug, title = 422, "unprocessable", "Unprocessable request"

    @classmethod
    def field(cls, location: list[str | int], message: str, **extensions: Any) -> Unprocessable:
        """A rule broken by one field: names the field as validation errors do, ``loc`` with
        the part of the request (``["body", "votes", 4]``), ``field`` within it
        (``votes.4``)."""
        within = location[1:] if len(location) > 1 and location[0] in PARTS else location
        where = ".".join(str(p) for p in within)
        return cls(
            f"{where}: {message}",
            errors=[{"loc": location, "field": where, "msg": message, "type": "rule"}],
            **extensions,
        )


class Unauthorized(Problem):
    status, slug, title = 401, "unauthorized", "Unauthorized"


class Forbidden(Problem):
    status, slug, title = 403, "forbidden", "Forbidden"


class ServiceUnavailable(Problem):
    status, slug, title = 503, "unavailable", "Service unavailable"

"""The problems the kernel itself answers, written into every service's OpenAPI document.

FastAPI documents a route's own answers and a 422 in its own validation shape; but every
error gpfed answers is an RFC 9457 problem (``application/problem+json``), and some come from
the kernel whatever the route: a missing token (401), a role that does not fit (403), a body
over the limit (413), an ``Idempotency-Key`` in flight (409), a database timeout (503). This
adds those to each operation they can happen to, so that clients (and schemathesis, which
checks answers against the document) know every status and shape to expect.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from shared.problems import PROBLEM_JSON

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "An RFC 9457 problem; extensions may add members",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "description": "A URI identifying the kind of problem"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "For a 422: each field that broke a rule",
            "items": {"type": "object"},
        },
    },
}

DESCRIPTIONS = {
    400: "Bad request: an Idempotency-Key that is not 1-200 printable characters, or a body "
    "that cannot be read",
    401: "No valid bearer token",
    403: "The token's role or organisation may not do this",
    404: "No such record, or none the caller may see",
    409: "The current state does not allow it, or the same Idempotency-Key is still in flight",
    413: "The body is over GPFED_MAX_BODY_BYTES",
    422: "The request is not valid (the problem names each field), or an Idempotency-Key was "
    "used before with another body",
    503: "The database did not answer in time (GPFED_DATABASE_STATEMENT_TIMEOUT_SECONDS)",
}

_MUTATING = frozenset({"post", "put", "patch", "delete"})


def kernel_statuses(method: str, operation: dict[str, Any]) -> set[int]:
    """The statuses the kernel may answer an operation with, whatever its route does."""
    statuses = {503}
    parameters = operation.get("parameters", [])
    if operation.get("security"):
        statuses |= {401, 403}
    if method in _MUTATING:
        statuses |= {401, 409, 413}
    if method == "post":
        statuses |= {400, 422}
    if "requestBody" in operation:
        statuses |= {400, 413, 422}
    if parameters:
        statuses.add(422)
    if any(p.get("in") == "path" for p in parameters):
        statuses.add(404)
    return statuses


def document_problems(app: FastAPI) -> None:
    """Make ``app.openapi()`` list the kernel's problem answers on every operation (those
    tagged ``operations`` keep what they declare) and show every error as a problem."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _add_problems(generate())
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]


def _add_problems(document: dict[str, Any]) -> None:
    document.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    problem = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path in document.get("paths", {}).values():
        for method, operation in path.items():
            responses: dict[str, Any] = operation.setdefault("responses", {})
            if "operations" not in operation.get("tags", []):
                for status in kernel_statuses(method, operation):
                    responses.setdefault(str(status), {"description": DESCRIPTIONS[status]})
            for code, response in responses.items():
                # Every error is a problem, FastAPI's own 422 shape included; a route may
                # declare another type of its own beside it (FHIR's OperationOutcome).
                if code.isdigit() and int(code) >= 400:
                    own = response.get("content", {})
                    response["content"] = {
                        **{t: c for t, c in own.items() if t != "application/json"},
                        **problem,
                    }

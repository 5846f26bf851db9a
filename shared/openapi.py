"""What every service's OpenAPI document says beyond what FastAPI derives from its routes.

Operation ids are the route functions' names, in snake_case (``register_organisation``), so
that generated clients (clients/python) read well; they must be unique within a service
(tests/unit/test_openapi_problems.py checks).

FastAPI documents a route's own answers and a 422 in its own validation shape; but every
error gpfed answers is an RFC 9457 problem (``application/problem+json``), and some come from
the kernel whatever the route: a missing token (401), a role that does not fit (403), a body
over the limit (413), an ``Idempotency-Key`` in flight (409), a database timeout (503). This
adds those to each operation they can happen to, so that clients (and schemathesis, which
checks answers against the document) know every status and shape to expect. Nothing in the
kernel answers 415 or 429; a route that does (FHIR's 415) declares it, and gets the same
``Problem`` beside its own type.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from shared.problems import PROBLEM_JSON

FIELD_ERROR_SCHEMA: dict[str, Any] = {
    "title": "FieldError",
    "description": "One field that broke a rule: where it is and why",
    "type": "object",
    "required": ["loc", "field", "msg", "type"],
    "properties": {
        "loc": {
            "type": "array",
            "description": "The part of the request (body, query, path, header), then the path "
            "to the field within it",
            "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
        },
        "field": {"type": "string", "description": "The field within its part (votes.4)"},
        "msg": {"type": "string"},
        "type": {"type": "string", "description": "rule, or the kind of validation error"},
    },
}

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
            "items": {"$ref": "#/components/schemas/FieldError"},
        },
    },
}

#: FastAPI's own 422 shape, which no answer takes: dropped once nothing refers to it.
_FASTAPI_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")

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


def operation_id(route: APIRoute) -> str:
    """A route's operation id: its function's name (FastAPI's default adds path and method)."""
    return route.name


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
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    schemas["FieldError"] = FIELD_ERROR_SCHEMA
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
    _hoist_local_definitions(document.get("paths", {}), schemas)
    _name_request_schemas(document, schemas)
    for name in _FASTAPI_VALIDATION_SCHEMAS:
        schema = schemas.pop(name, None)
        if schema is not None and f"#/components/schemas/{name}" in json.dumps(document):
            schemas[name] = schema


def _hoist_local_definitions(node: Any, schemas: dict[str, Any]) -> None:
    """Move the ``$defs`` of each schema a route writes itself (``Model.model_json_schema()`` in
    ``openapi_extra``) into the components, where its ``#/$defs/...`` references, read from the
    document's root, can find them."""
    if isinstance(node, list):
        for item in node:
            _hoist_local_definitions(item, schemas)
        return
    if not isinstance(node, dict):
        return
    for name, schema in node.pop("$defs", {}).items():
        _add_schema(schemas, name, schema)
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        node["$ref"] = "#/components/schemas/" + ref.removeprefix("#/$defs/")
    for value in node.values():
        _hoist_local_definitions(value, schemas)


def _name_request_schemas(document: dict[str, Any], schemas: dict[str, Any]) -> None:
    """A titled body schema a route writes itself becomes a component of that name, once for
    all its content types (a generated client makes one model of it, not one per type)."""
    for path in document.get("paths", {}).values():
        for operation in path.values():
            for content in operation.get("requestBody", {}).get("content", {}).values():
                schema = content.get("schema", {})
                name = schema.get("title")
                if "$ref" in schema or schema.get("type") != "object" or not name:
                    continue
                _add_schema(schemas, name, schema)
                content["schema"] = {"$ref": f"#/components/schemas/{name}"}


def _add_schema(schemas: dict[str, Any], name: str, schema: dict[str, Any]) -> None:
    if schemas.setdefault(name, schema) != schema:
        raise ValueError(f"two schemas named {name!r}: rename one")

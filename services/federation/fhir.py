"""FHIR R4 on the wire for ``POST /fhir/Bundle``: the Bundle read (narrowly: only what gpfed
uses), and the batch-response, OperationOutcome and CapabilityStatement written back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import TypedDict

from services.federation.domain.encounter import Encounter

FHIR_JSON = "application/fhir+json"
REJECTION_SYSTEM = "https://gpfed.nhs.example/CodeSystem/rejection"
STATUS_TEXT = {
    200: "200 OK",
    201: "201 Created",
    400: "400 Bad Request",
    403: "403 Forbidden",
    404: "404 Not Found",
    409: "409 Conflict",
    422: "422 Unprocessable Entity",
}


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Entry(_Wire):
    resource: Any = None


class Bundle(_Wire):
    """A Bundle of any entries: each is read on its own, so one bad Encounter is one entry."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={"examples": [{"resourceType": "Bundle", "type": "batch", "entry": []}]},
    )
    resourceType: Literal["Bundle"]
    type: Literal["batch", "transaction"]
    entry: list[Entry] = Field(default=[], description="UK Core Encounters, one per entry")


class _ValidEntry(TypedDict):
    resource: Encounter


class ValidBundle(_Wire):
    """The usual Bundle, every entry an Encounter: parsed straight from the bytes (each entry
    a dict, as the Encounter is: ``domain/encounter.py``)."""

    resourceType: Literal["Bundle"]
    type: Literal["batch", "transaction"]
    entry: tuple[_ValidEntry, ...] = ()


def outcome(
    code: str, text: str, expression: str | None = None, reason: str | None = None
) -> dict[str, Any]:
    issue: dict[str, Any] = {"severity": "error", "code": code, "diagnostics": text}
    if reason is not None:
        issue["details"] = {"coding": [{"system": REJECTION_SYSTEM, "code": reason}], "text": text}
    if expression is not None:
        issue["expression"] = [expression]
    return {"resourceType": "OperationOutcome", "issue": [issue]}


def response_entry(status: int, body: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {"status": STATUS_TEXT[status]}
    if body is not None:
        response["outcome"] = body
    return {"response": response}


def encoded(value: Any) -> bytes:
    """JSON as the service's JSON responses write it (``JSONResponse.render``)."""
    return json.dumps(
        value, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")
    ).encode()


@cache
def plain_entry(status: int) -> bytes:
    """A batch-response entry with only a status, encoded once: most of a Bundle's entries
    are one of two of these, and encoding 10,000 dicts per Bundle took a tenth of an ingest
    after the reading (make bench, FHIR ingest)."""
    return encoded(response_entry(status))


def batch_response(entries: Sequence[bytes]) -> bytes:
    """The batch-response Bundle of these encoded entries, in order."""
    return b'{"resourceType":"Bundle","type":"batch-response","entry":[%s]}' % b",".join(entries)


CAPABILITY_STATEMENT: dict[str, Any] = {
    "resourceType": "CapabilityStatement",
    "status": "active",
    "date": "2026-12-01",
    "kind": "instance",
    "fhirVersion": "4.0.1",
    "format": [FHIR_JSON, "application/json"],
    "implementation": {"description": "gpfed federation: hub consultations as Encounters"},
    "rest": [
        {
            "mode": "server",
            "documentation": "POST a batch or transaction Bundle of UK Core Encounters to "
            "/fhir/Bundle; the answer is a batch-response Bundle",
            "interaction": [{"code": "batch"}, {"code": "transaction"}],
            "resource": [{"type": "Encounter", "interaction": [{"code": "create"}]}],
        }
    ],
}

#: The schema of every FHIR resource this service answers with, as the OpenAPI sees it.
RESOURCE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["resourceType"],
    "properties": {"resourceType": {"type": "string"}},
}

"""Consultations as FHIR: ``POST /fhir/Bundle`` of UK Core Encounters, ``GET /fhir/metadata``.

Only a translation: each Encounter is read into the JSON batch's record (its contract found from
the practice's subcontracts, ``domain/encounter.py``), the records go through the batch's own
ingest (``ingest_records``), and each record's outcome comes back as the Bundle entry's
response, in order. ``entered-in-error`` goes through the void route's own ``void_reported``.
Authorised as the batch is; limits, ``Idempotency-Key`` and audit are the kernel's, as there.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError

from services.federation.access import reporting_scope, reports_for
from services.federation.domain.activity import Rejected, Rejection
from services.federation.domain.encounter import (
    ENCOUNTER,
    EnteredInError,
    Reading,
    Refused,
    Reported,
    element_of,
    read_encounter,
    resolve,
)
from services.federation.domain.errors import ConsultationVoided
from services.federation.domain.hub import HubTerms, current_terms
from services.federation.fhir import (
    CAPABILITY_STATEMENT,
    FHIR_JSON,
    RESOURCE_SCHEMA,
    Bundle,
    ValidBundle,
    batch_response,
    encoded,
    outcome,
    plain_entry,
    response_entry,
)
from services.federation.routes.consultations import Reporter, ingest_records
from services.federation.routes.corrections import void_reported
from services.federation.store import hub_versions, subcontracts_of_practices
from shared.auth import Principal
from shared.collector import collector_paused
from shared.db import UnitOfWork
from shared.problems import NotFound
from shared.rules import WrongState
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["fhir"])
VOID_REASON = "Encounter.status entered-in-error (FHIR)"
_FHIR_BODY = {FHIR_JSON: {"schema": RESOURCE_SCHEMA}}
_READABLE = ("application/fhir+json", "application/json")


def _answer(status: int, body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(body, status_code=status, media_type=FHIR_JSON)


def _entry_reading(resource: Any, key: bytes) -> Reading:
    try:
        encounter = ENCOUNTER.validate_python(resource)
    except ValidationError as exc:
        # The element's path only: a value (an NHS number, say) is never echoed.
        loc = exc.errors()[0]["loc"]
        element = "Encounter" + "".join(f".{p}" for p in loc[:1] if isinstance(p, str))
        return Refused(element, f"{element} is not valid")
    return read_encounter(encounter, key)


def _readings(body: bytes, key: bytes) -> list[Reading] | JSONResponse:
    try:
        return [
            read_encounter(e["resource"], key) for e in ValidBundle.model_validate_json(body).entry
        ]
    except ValidationError:
        pass
    try:
        bundle = Bundle.model_validate_json(body)
    except ValidationError as exc:
        where = sorted({".".join(str(p) for p in e["loc"]) or "Bundle" for e in exc.errors()})
        text = f"not a batch or transaction Bundle: {', '.join(where)}"
        return _answer(400, outcome("structure", text, "Bundle"))
    return [_entry_reading(entry.resource, key) for entry in bundle.entry]


def _status(reason: Rejection) -> int:
    if reason is Rejection.MALFORMED:
        return 400
    return 403 if reason is Rejection.NOT_AUTHORISED else 422


@router.post(
    "/fhir/Bundle",
    response_class=JSONResponse,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                FHIR_JSON: {"schema": Bundle.model_json_schema()},
                "application/json": {"schema": Bundle.model_json_schema()},
            },
        }
    },
    responses={
        200: {"description": "A batch-response Bundle, one entry per entry", "content": _FHIR_BODY},
        400: {"description": "Not a batch or transaction Bundle", "content": _FHIR_BODY},
        415: {"description": "Not FHIR JSON", "content": _FHIR_BODY},
        422: {
            "description": "More entries than GPFED_MAX_CONSULTATION_BATCH",
            "content": _FHIR_BODY,
        },
    },
)
async def post_bundle(request: Request, uow: UnitOfWorkDep, principal: Reporter) -> Response:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in _READABLE:
        return _answer(415, outcome("not-supported", f"send {FHIR_JSON}"))
    # Reading a Bundle makes some ten objects an Encounter, each record several more: see
    # shared.collector for why the collector is kept off them.
    with collector_paused():
        return await _ingest_bundle(request, uow, principal)


async def _ingest_bundle(request: Request, uow: UnitOfWork, principal: Principal) -> Response:
    settings = request.app.state.settings
    key = settings.patient_key.get_secret_value().encode()
    readings = _readings(await request.body(), key)
    if isinstance(readings, JSONResponse):
        return readings
    limit = settings.max_consultation_batch
    if len(readings) > limit:
        text = f"at most {limit} entries per Bundle, got {len(readings)}"
        return _answer(422, outcome("too-costly", text, "Bundle.entry"))
    session = uow.session
    may_report_practice = reports_for(principal)
    practices = {
        r.record.practice_ods
        for r in readings
        if isinstance(r, Reported) and may_report_practice(r.record.practice_ods)
    }
    subcontracts = await subcontracts_of_practices(session, practices)
    hubs: dict[str, HubTerms] = {}
    versions = await hub_versions(session, contract_ids={s.contract_id for s in subcontracts})
    for contract_id, held in versions.items():
        if (terms := current_terms(held)) is not None:
            hubs[contract_id] = terms
    by_practice: dict[str, list[Any]] = {}
    for s in subcontracts:
        by_practice.setdefault(s.practice_ods, []).append(s)
    resolved = resolve(
        readings,
        hubs,
        lambda practice: by_practice.get(practice, []),
        reporting_scope(principal),
        may_report_practice,
    )
    parsed = [r for r in resolved if not isinstance(r, EnteredInError)]
    ingested = iter((await ingest_records(uow, principal, parsed)).outcomes)
    request_id = getattr(request.state, "request_id", None)
    entries: list[bytes] = []
    for reading, record in zip(readings, resolved, strict=True):
        if isinstance(record, EnteredInError):
            entries.append(encoded(await _void(uow, principal, record, request_id)))
            continue
        result = next(ingested)
        if isinstance(result, Rejected):
            text = f"{result.reason}: {result.detail}"
            code = "invalid" if result.reason is Rejection.MALFORMED else "business-rule"
            body = outcome(code, text, element_of(reading, result), str(result.reason))
            entries.append(encoded(response_entry(_status(result.reason), body)))
        else:
            entries.append(plain_entry(201 if result == "accepted" else 200))
    await uow.commit()
    return Response(batch_response(entries), status_code=200, media_type=FHIR_JSON)


async def _void(
    uow: UnitOfWork, principal: Principal, record: EnteredInError, request_id: str | None
) -> dict[str, Any]:
    element = "Encounter.identifier"
    try:
        await void_reported(
            uow, principal, (record.practice_ods, record.id), VOID_REASON, request_id
        )
    except NotFound:
        text = f"no consultation {record.id} of {record.practice_ods} is known to the caller"
        return response_entry(404, outcome("not-found", text, element))
    except ConsultationVoided:
        return response_entry(200)  # voided already: sending it again changes nothing
    except WrongState as exc:
        return response_entry(409, outcome("conflict", str(exc), "Encounter.period"))
    return response_entry(200)


@router.get(
    "/fhir/metadata",
    response_class=JSONResponse,
    responses={200: {"description": "A CapabilityStatement", "content": _FHIR_BODY}},
)
async def metadata() -> JSONResponse:
    return _answer(200, CAPABILITY_STATEMENT)

"""Consultations from practice clinical systems, in batches: set-based ingest.

One read per kind of fact for the whole batch (hubs, memberships, subcontracts, closed
periods), screening in memory in the domain, then one bulk insert that skips consultations
already held (``COPY``, or ``INSERT ... ON CONFLICT DO NOTHING`` when some are). A consultation
is its practice's id: two practices may use the same one. Those already held are not looked
up before the insert, which finds them anyway: only refused records are, since a record
already held counts as a duplicate, not a refusal. Resending a batch adds nothing and counts
duplicates.

Scope: a practice token may report only its own consultations, a federation token only
under its own hubs (membership is then checked per day like any other record); records
outside the caller's scope are rejected one by one with ``not_authorised`` rather than
failing the whole batch, so that the rest of a clinical system's batch still lands.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from services.federation.access import reporting_scope, reports_for
from services.federation.domain.activity import (
    UNRESOLVED,
    ActivityContext,
    Consultation,
    Outcome,
    Rejected,
    Rejection,
    complete_all,
    parse_all,
    screen,
)
from services.federation.domain.claims import resolve_claims
from services.federation.domain.hub import HubTerms, current_terms
from services.federation.store import (
    closed_periods,
    held,
    hub_versions,
    lock_contracts,
    memberships_of,
    record_consultations,
    subcontracts_under,
)
from shared.auth import Principal, Role, require_roles
from shared.collector import collector_paused
from shared.db import UnitOfWork
from shared.events.federation import ConsultationsRecorded
from shared.problems import Unprocessable
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["consultations"])
Reporter = Annotated[Principal, require_roles(Role.PRACTICE, Role.FEDERATION)]

EXAMPLE: dict[str, Any] = {
    "id": "emis-000123",
    "contract_id": "c-hub-1",
    "practice_ods": "B86001",
    "site_ods": "B86002",
    "patient_ref": "p-9f2c",
    "kind": "first",
    "occurred_at": "2026-05-04T10:30:00+01:00",
}


#: An item-of-service claim: its service code, its contract found from the practice's.
CLAIM: dict[str, Any] = {
    "id": "emis-000124",
    "practice_ods": "B86001",
    "patient_ref": "p-9f2c",
    "occurred_at": "2026-05-04T11:00:00+01:00",
    "service_code": "vaccination",
}


class ConsultationBatch(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"consultations": [dict(EXAMPLE), dict(CLAIM)]}]}
    )
    # Records are validated one by one in the domain: a malformed record is rejected with
    # a reason instead of failing the batch. The batch itself must be a list.
    consultations: list[Any] = Field(
        description="Up to GPFED_MAX_CONSULTATION_BATCH records shaped like the examples: a hub "
        "consultation (contract_id, kind) or an item-of-service claim (service_code)"
    )


class _ValidBatch(BaseModel):
    """The usual batch, every record valid: parsed straight from the request's bytes."""

    consultations: list[Consultation]


async def _read_batch(request: Request, limit: int) -> list[Consultation | Rejected]:
    """The batch's records, parsed, or a 422 for a body that is not a batch at all.

    The usual batch is validated from the body's bytes in one pass, without ``json.loads``
    building ten thousand dicts first (which cost half as much again as validating them).
    A batch with any invalid record is read again record by record, to reject just those."""
    body = await request.body()
    try:
        valid = _ValidBatch.model_validate_json(body).consultations
    except ValidationError:
        pass
    else:
        _within(limit, len(valid))
        return complete_all(valid)
    try:
        raws = ConsultationBatch.model_validate_json(body).consultations
    except ValidationError as exc:
        raise RequestValidationError(
            [{**error, "loc": ("body", *error["loc"])} for error in exc.errors()]
        ) from exc
    _within(limit, len(raws))
    return parse_all(raws)


def _within(limit: int, size: int) -> None:
    if size > limit:
        raise Unprocessable.field(
            ["body", "consultations"], f"at most {limit} records per batch, got {size}"
        )


class RejectedOut(BaseModel):
    id: str | None
    reason: Rejection
    detail: str
    practice_ods: str | None = Field(
        default=None, description="The record's practice, where the record was readable"
    )


class BatchResult(BaseModel):
    accepted: int
    duplicates: int
    rejected: list[RejectedOut]


@dataclass
class Ingested:
    """What one batch came to: each record's outcome in the batch's order, and the totals."""

    #: Per parsed record: ``"accepted"``, ``"duplicate"``, or why it was refused.
    outcomes: list[Outcome]
    accepted: int
    duplicates: int
    rejected: list[Rejected]


async def ingest_records(
    uow: UnitOfWork, principal: Principal, parsed: Sequence[Consultation | Rejected]
) -> Ingested:
    """Screen and record parsed records, and publish what was recorded: the one ingest
    pipeline, for JSON batches and FHIR Bundles alike. Does not commit."""
    session = uow.session
    may_report = reporting_scope(principal)
    # Item-of-service claims: their practices' contracts, and each claim's found unless named.
    reports = reports_for(principal)
    # The batch's few distinct (contract, practice, service code), in one pass over it.
    about = _about(parsed)
    claimants = {p for _, p, service in about if service and reports(p)}
    services = (
        await hub_versions(session, providers=claimants, item_of_service=True) if claimants else {}
    )
    if any(service is not None and contract == UNRESOLVED for contract, _, service in about):
        parsed = resolve_claims(parsed, services, may_report, reports)
        about = _about(parsed)
    contract_ids = {contract for contract, _, _ in about}
    await lock_contracts(session, contract_ids, shared=True)
    hubs: dict[str, HubTerms] = {}
    hub_ids = {contract for contract, _, service in about if service is None}
    for contract_id, versions in (await hub_versions(session, contract_ids=hub_ids)).items():
        terms = current_terms(versions)
        if terms is not None:
            hubs[contract_id] = terms
    parties = {cid: t.federation_ods for cid, t in hubs.items()}
    parties |= {cid: t.provider_ods for cid, v in services.items() if (t := current_terms(v))}
    practices = {p for _, p, _ in about}
    context = ActivityContext(
        hubs=hubs,
        memberships=await memberships_of(
            session, {h.federation_ods for h in hubs.values()}, practices
        ),
        subcontracts=await subcontracts_under(session, hubs),
        closed_periods=await closed_periods(session, [*hubs, *services]),
        # Not read up front: the insert finds accepted records already held (see below).
        held=set(),
        services=services,
    )
    result = screen(parsed, context, may_report)
    # A record already held is a duplicate even where it would now be refused (resent after
    # its period closed, say), so the refused are looked up, and screened again if any is held;
    # not those outside the caller's scope, whose existence is not the caller's to learn.
    unseen = (Rejection.MALFORMED, Rejection.NOT_AUTHORISED)
    screened = [
        (r.practice_ods, r.id)
        for r in result.rejected
        if r.reason not in unseen and r.practice_ods and r.id
    ]
    if screened and (already := await held(session, screened)):
        result = screen(parsed, replace(context, held=already), may_report)
    # Accepted records already held are skipped by the insert and counted as duplicates below.
    skipped = await record_consultations(
        session, result.accepted, result.periods, datetime.now(UTC)
    )
    recorded = result.counts
    if skipped:
        recorded = Counter(
            (record.contract_id, period)
            for record, period in zip(result.accepted, result.periods, strict=True)
            if record.key not in skipped
        )
    by_contract: dict[str, list[str]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for (contract_id, period), count in sorted(recorded.items()):
        by_contract[contract_id].append(period)
        counts[contract_id] += count
    for contract_id, periods in by_contract.items():
        uow.publish(
            ConsultationsRecorded(
                contract_id=contract_id,
                federation_ods=parties[contract_id],
                accepted=counts[contract_id],
                periods=periods,
            )
        )
    # An accepted record the insert skipped was held already: a duplicate after all.
    outcomes: list[Outcome] = result.outcomes
    if skipped:
        outcomes = [
            "duplicate"
            if outcome == "accepted" and isinstance(record, Consultation) and record.key in skipped
            else outcome
            for record, outcome in zip(parsed, result.outcomes, strict=True)
        ]
    return Ingested(
        outcomes=outcomes,
        accepted=len(result.accepted) - len(skipped),
        duplicates=result.duplicates + len(skipped),
        rejected=result.rejected,
    )


def _about(parsed: Sequence[Consultation | Rejected]) -> set[tuple[str, str, str | None]]:
    return {
        (r.contract_id, r.practice_ods, r.service_code)
        for r in parsed
        if isinstance(r, Consultation)
    }


@router.post(
    "/consultations/batch",
    response_model=BatchResult,
    # The body is read by _read_batch, not by FastAPI: its schema is declared here instead.
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ConsultationBatch.model_json_schema()}},
        }
    },
)
async def ingest(request: Request, uow: UnitOfWorkDep, principal: Reporter) -> BatchResult:
    with collector_paused():
        return await _ingest(request, uow, principal)


async def _ingest(request: Request, uow: UnitOfWork, principal: Principal) -> BatchResult:
    parsed = await _read_batch(request, request.app.state.settings.max_consultation_batch)
    result = await ingest_records(uow, principal, parsed)
    await uow.commit()
    return BatchResult(
        accepted=result.accepted,
        duplicates=result.duplicates,
        rejected=[
            RejectedOut(id=r.id, reason=r.reason, detail=r.detail, practice_ods=r.practice_ods)
            for r in result.rejected
        ],
    )

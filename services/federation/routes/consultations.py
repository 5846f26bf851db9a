"""Consultations from practice clinical systems, in batches: set-based ingest.

One read per kind of fact for the whole batch (hubs, memberships, subcontracts, closed
periods), screening in memory in the domain, then one bulk insert that skips ids already held
(``COPY``, or ``INSERT ... ON CONFLICT DO NOTHING`` when some are). Ids already held are not
looked up before the insert, which finds them anyway: only refused records' ids are, since a
record already held counts as a duplicate, not a refusal. Resending a batch adds nothing and
counts duplicates.

Scope: a practice token may report only its own consultations, a federation token only
under its own hubs (membership is then checked per day like any other record); records
outside the caller's scope are rejected one by one with ``not_authorised`` rather than
failing the whole batch, so that the rest of a clinical system's batch still lands.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from services.federation.domain.activity import (
    ActivityContext,
    Consultation,
    MayReport,
    Rejection,
    parse_all,
    screen,
)
from services.federation.domain.hub import HubTerms, current_terms
from services.federation.store import (
    closed_periods,
    held_ids,
    hub_versions,
    lock_contracts,
    memberships_of,
    record_consultations,
    subcontracts_under,
)
from shared.auth import Principal, Role, require_roles
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


class ConsultationBatch(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"consultations": [dict(EXAMPLE)]}]})
    # Records are validated one by one in the domain: a malformed record is rejected with
    # a reason instead of failing the batch. The batch itself must be a list.
    consultations: list[Any] = Field(
        description="Up to GPFED_MAX_CONSULTATION_BATCH records shaped like the example"
    )


class RejectedOut(BaseModel):
    id: str | None
    reason: Rejection
    detail: str


class BatchResult(BaseModel):
    accepted: int
    duplicates: int
    rejected: list[RejectedOut]


def _scope(principal: Principal) -> MayReport:
    if principal.role is Role.PRACTICE:
        return lambda _hub, practice_ods: practice_ods == principal.org
    if principal.role is Role.FEDERATION:
        return lambda hub, _practice_ods: hub.federation_ods == principal.org
    return lambda _hub, _practice_ods: True


@router.post("/consultations/batch", response_model=BatchResult)
async def ingest(
    body: ConsultationBatch, request: Request, uow: UnitOfWorkDep, principal: Reporter
) -> BatchResult:
    limit = request.app.state.settings.max_consultation_batch
    if len(body.consultations) > limit:
        raise Unprocessable.field(
            ["body", "consultations"],
            f"at most {limit} records per batch, got {len(body.consultations)}",
        )
    parsed = parse_all(body.consultations)
    records = [r for r in parsed if isinstance(r, Consultation)]
    contract_ids = {r.contract_id for r in records}
    session = uow.session
    await lock_contracts(session, contract_ids, shared=True)
    hubs: dict[str, HubTerms] = {}
    for contract_id, versions in (await hub_versions(session, contract_ids=contract_ids)).items():
        terms = current_terms(versions)
        if terms is not None:
            hubs[contract_id] = terms
    practices = {r.practice_ods for r in records}
    context = ActivityContext(
        hubs=hubs,
        memberships=await memberships_of(
            session, {h.federation_ods for h in hubs.values()}, practices
        ),
        subcontracts=await subcontracts_under(session, hubs),
        closed_periods=await closed_periods(session, hubs),
        # Not read up front: the insert finds accepted ids already held (see below).
        held_ids=set(),
    )
    may_report = _scope(principal)
    result = screen(parsed, context, may_report)
    # A record already held is a duplicate even where it would now be refused (resent after
    # its period closed, say), so the refused are looked up, and screened again if any is held.
    screened = [r.id for r in result.rejected if r.reason is not Rejection.MALFORMED and r.id]
    if screened and (held := await held_ids(session, screened)):
        result = screen(parsed, replace(context, held_ids=held), may_report)
    periods = result.periods
    # Accepted ids already held are skipped by the insert and counted as duplicates below.
    inserted = await record_consultations(session, result.accepted, periods, datetime.now(UTC))
    by_contract: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for record, period in zip(result.accepted, periods, strict=True):
        if record.id in inserted:
            by_contract[record.contract_id].add(period)
            counts[record.contract_id] += 1
    for contract_id in sorted(by_contract):
        uow.publish(
            ConsultationsRecorded(
                contract_id=contract_id,
                federation_ods=hubs[contract_id].federation_ods,
                accepted=counts[contract_id],
                periods=sorted(by_contract[contract_id]),
            )
        )
    await uow.commit()
    return BatchResult(
        accepted=len(inserted),
        duplicates=result.duplicates + len(result.accepted) - len(inserted),
        rejected=[RejectedOut(id=r.id, reason=r.reason, detail=r.detail) for r in result.rejected],
    )

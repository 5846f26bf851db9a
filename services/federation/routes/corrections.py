"""Consultations sent in error: voided or corrected while their period is open or reopened.

The practice that reported a consultation, or the federation whose hub it was reported under,
may void or correct it: the scope of ``POST /consultations/batch``, and ops. To anyone else the
consultation does not exist (404): whether another practice holds an id is not theirs to learn.
A closed period is refused (409): reopen it, and the next close is a restatement. Each void and
correction is kept with its reason and the values before, published, and audited by the kernel
as every change is. The rules are ``domain/correction.py``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from services.federation.access import reporting_scope
from services.federation.domain.activity import (
    PRACTICE_ODS,
    ActivityContext,
    Consultation,
    ConsultationKey,
)
from services.federation.domain.correction import HeldConsultation, check_changeable, correct
from services.federation.domain.hub import HubTerms, current_terms
from services.federation.store import (
    changes_of,
    correct_consultation,
    held_consultation,
    hub_versions,
    lock_contracts,
    memberships_of,
    period_close,
    record_change,
    subcontracts_under,
    void_consultation,
)
from shared.auth import Principal, Role, require_roles
from shared.db import UnitOfWork
from shared.events.federation import ConsultationCorrected, ConsultationVoided
from shared.problems import NotFound
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["consultations"])
Reporter = Annotated[Principal, require_roles(Role.PRACTICE, Role.FEDERATION)]
PracticeOds = Annotated[str, Path(pattern=PRACTICE_ODS, examples=["B86001"])]
# ``:path``: a clinical system's id may hold a slash; the route's last segment is the action.
ConsultationId = Annotated[
    str, Path(min_length=1, max_length=64, description="The practice's own id", examples=["emis-1"])
]
CONSULTATION = "/consultations/{practice_ods}/{consultation_id:path}"
Reason = Annotated[
    str,
    Field(min_length=1, max_length=500, description="Why, for the record of the change"),
]


class Void(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"reason": "sent twice by the clinical system"}]},
    )
    reason: Reason


class Correction(BaseModel):
    """The fields given are changed; those left out stay as they are (``site_ods: null``
    removes the site)."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [{"reason": "booked as a follow-up by mistake", "kind": "first"}]
        },
    )
    reason: Reason
    kind: Literal["first", "follow_up"] | None = None
    site_ods: str | None = Field(default=None, pattern=PRACTICE_ODS)
    patient_ref: str | None = Field(default=None, min_length=1, max_length=64)
    occurred_at: datetime | None = Field(
        default=None, description="Within the same period; without a zone, UK local time"
    )


class ChangeOut(BaseModel):
    action: Literal["void", "correction"]
    reason: str
    before: dict[str, Any] = Field(description="kind, site_ods, patient_ref and occurred_at before")
    after: dict[str, Any] | None = Field(description="The same after a correction; none for a void")
    by_role: str
    by_org: str
    changed_at: datetime


class ConsultationOut(BaseModel):
    practice_ods: str
    id: str
    contract_id: str
    site_ods: str | None
    patient_ref: str
    kind: str | None = Field(description="first or follow_up; none for an item of service")
    occurred_at: datetime
    service_code: str | None = Field(
        default=None, description="An item-of-service claim's service code"
    )
    period: str
    status: Literal["recorded", "corrected", "voided"] = Field(
        description="voided: held (its id taken) but counted nowhere"
    )
    changes: list[ChangeOut] = Field(description="Every void and correction, oldest first")


async def _versions(uow: UnitOfWork, record: Consultation) -> list[HubTerms]:
    """The versions of the consultation's contract: a hub's, or an item-of-service one's."""
    cid, per_item = record.contract_id, record.service_code is not None
    found = await hub_versions(uow.session, contract_ids=[cid], item_of_service=per_item)
    return found.get(cid, [])


async def _visible(
    uow: UnitOfWorkDep, principal: Principal, key: ConsultationKey, *, to_change: bool
) -> tuple[HeldConsultation, HubTerms]:
    """The consultation and its hub, if the caller reports for it; to change it, locked (and
    its contract against a close, as ingest locks it) until the commit."""
    session = uow.session
    held = await held_consultation(session, key)
    hub = None
    if held is not None:
        hub = current_terms(await _versions(uow, held.record))
    if held is None or hub is None or not reporting_scope(principal)(hub, key[0]):
        raise NotFound(f"no consultation {key[1]} of {key[0]} is known to the caller")
    if to_change:
        await lock_contracts(session, [held.record.contract_id], shared=True)
        held = await held_consultation(session, key, for_update=True) or held
    return held, hub


async def _out(uow: UnitOfWorkDep, key: ConsultationKey) -> ConsultationOut:
    held = await held_consultation(uow.session, key)
    if held is None:  # never: consultations are not deleted
        raise NotFound(f"no consultation {key[1]} of {key[0]}")
    changes = [
        ChangeOut(
            action=c.action,
            reason=c.reason,
            before=c.before,
            after=c.after,
            by_role=c.by_role,
            by_org=c.by_org,
            changed_at=c.changed_at,
        )
        for c in await changes_of(uow.session, key)
    ]
    r = held.record
    status: Literal["recorded", "corrected", "voided"] = (
        "voided" if held.voided else "corrected" if changes else "recorded"
    )
    return ConsultationOut(
        practice_ods=r.practice_ods,
        id=r.id,
        contract_id=r.contract_id,
        site_ods=r.site_ods,
        patient_ref=r.patient_ref,
        kind=r.kind,
        occurred_at=r.occurred_at,
        service_code=r.service_code,
        period=held.period,
        status=status,
        changes=changes,
    )


@router.get(CONSULTATION, response_model=ConsultationOut)
async def get_consultation(
    practice_ods: PracticeOds,
    consultation_id: ConsultationId,
    uow: UnitOfWorkDep,
    principal: Reporter,
) -> ConsultationOut:
    key = (practice_ods, consultation_id)
    await _visible(uow, principal, key, to_change=False)
    return await _out(uow, key)


@router.post(CONSULTATION + "/void", response_model=ConsultationOut)
async def void(
    practice_ods: PracticeOds,
    consultation_id: ConsultationId,
    body: Void,
    request: Request,
    uow: UnitOfWorkDep,
    principal: Reporter,
) -> ConsultationOut:
    key = (practice_ods, consultation_id)
    await void_reported(
        uow, principal, key, body.reason, getattr(request.state, "request_id", None)
    )
    await uow.commit()
    return await _out(uow, key)


async def void_reported(
    uow: UnitOfWork,
    principal: Principal,
    key: ConsultationKey,
    reason: str,
    request_id: str | None,
) -> None:
    """Void a consultation in the caller's scope, keep the change and publish it: the one
    void, for this route and FHIR's ``entered-in-error`` alike. Does not commit."""
    held, hub = await _visible(uow, principal, key, to_change=True)
    record = held.record
    state = await period_close(uow.session, record.contract_id, held.period)
    check_changeable(held, state)
    now = datetime.now(UTC)
    await void_consultation(uow.session, key, now)
    await record_change(
        uow.session,
        held,
        action="void",
        reason=reason,
        after=None,
        by_role=str(principal.role),
        by_org=principal.org,
        request_id=request_id,
        now=now,
    )
    uow.publish(
        ConsultationVoided(
            contract_id=record.contract_id,
            federation_ods=hub.federation_ods,
            practice_ods=record.practice_ods,
            consultation_id=record.id,
            period=held.period,
            reason=reason,
        )
    )


@router.post(CONSULTATION + "/correction", response_model=ConsultationOut)
async def correction(
    practice_ods: PracticeOds,
    consultation_id: ConsultationId,
    body: Correction,
    request: Request,
    uow: UnitOfWorkDep,
    principal: Reporter,
) -> ConsultationOut:
    key = (practice_ods, consultation_id)
    held, hub = await _visible(uow, principal, key, to_change=True)
    session = uow.session
    contract_id = held.record.contract_id
    state = await period_close(session, contract_id, held.period)
    context = ActivityContext(
        hubs={contract_id: hub},
        memberships=await memberships_of(session, hub.federation_ods, [practice_ods]),
        subcontracts=await subcontracts_under(session, [contract_id]),
        closed_periods=set(),  # the period's own state is checked first
        held=set(),
        services={contract_id: await _versions(uow, held.record)},
    )
    check_changeable(held, state)
    corrected = correct(held, body.model_dump(exclude_unset=True, exclude={"reason"}), context)
    await correct_consultation(session, corrected.record)
    await record_change(
        session,
        held,
        action="correction",
        reason=body.reason,
        after=corrected.record,
        by_role=str(principal.role),
        by_org=principal.org,
        request_id=getattr(request.state, "request_id", None),
        now=datetime.now(UTC),
    )
    uow.publish(
        ConsultationCorrected(
            contract_id=contract_id,
            federation_ods=hub.federation_ods,
            practice_ods=practice_ods,
            consultation_id=consultation_id,
            period=held.period,
            reason=body.reason,
            changed=corrected.changed,
        )
    )
    await uow.commit()
    return await _out(uow, key)

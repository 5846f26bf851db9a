"""Routes for incentive schemes (issue 20): define one, enrol a practice (its contract under the
scheme), record each practice's delivery of the standards. Rules: ``domain/scheme.py``."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, TypeVar

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from services.contracts import store
from services.contracts.domain.contract import check_committee, contract_event
from services.contracts.domain.proposal import propose
from services.contracts.domain.scheme import (
    Results,
    RuleBroken,
    Scheme,
    Standard,
    check_core_contract,
    define_scheme,
    enrol,
    enrolment_proposal,
    record_results,
)
from services.contracts.routes.common import (
    Commissioner,
    ContractReader,
    SchemeReader,
    now,
    today,
)
from services.contracts.schemas import MAX_UNIT_PENCE, _examples
from shared.auth import Principal, Role
from shared.db import UnitOfWork
from shared.events.contracts import (
    ContractProposed,
    SchemeBalancingName,
    SchemeEnrolled,
    SchemeEnrolment,
    SchemeEvent,
    SchemeKindName,
    SchemeNetwork,
    SchemePublished,
    SchemeReleaseName,
    SchemeResults,
    SchemeResultsRecorded,
    SchemeStandard,
    StandardDelivery,
)
from shared.ods import OdsCode
from shared.pagination import Page, PageDep
from shared.problems import Forbidden, NotFound
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["schemes"])
E = TypeVar("E", bound=SchemeEvent)
SchemeId = Annotated[str, Path(max_length=64)]
Code = Annotated[str, Field(min_length=1, max_length=40)]


class StandardIn(BaseModel):
    code: Code
    title: str = Field(min_length=1, max_length=200)


class NetworkIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    practices: list[OdsCode] = Field(max_length=500)


class NewScheme(BaseModel):
    model_config = _examples(
        {
            "commissioner_ods": "02W",
            "kind": "LIS",
            "name": "Network outcomes 2026/27",
            "year": "2026/27",
            "per_head_pence": 1000,
            "upfront_percent": "70",
            "standards": [{"code": "AF-1", "title": "Atrial fibrillation register"}],
            "release": "network",
            "balancing": "all_or_nothing",
            "networks": [{"name": "North", "practices": ["B86001", "B86002", "B86003"]}],
            "decision_committee_id": "com_pccc",
        }
    )

    commissioner_ods: OdsCode
    kind: SchemeKindName
    name: str = Field(min_length=1, max_length=200)
    year: str = Field(description="An NHS financial year, April to March: 2026/27")
    per_head_pence: int = Field(gt=0, le=MAX_UNIT_PENCE)
    upfront_percent: Decimal = Field(gt=0, lt=100, max_digits=5, decimal_places=2)
    standards: list[StandardIn] = Field(min_length=1, max_length=50)
    release: SchemeReleaseName
    balancing: SchemeBalancingName
    networks: list[NetworkIn] = Field(default_factory=list, max_length=100)
    decision_committee_id: str | None = Field(
        default=None,
        max_length=64,
        description="The committee that decides each enrolment's contract; required when the "
        "commissioner's decision policy gates the scheme's kind",
    )


class NewEnrolment(BaseModel):
    model_config = _examples({"practice_ods": "B86001", "network": "North"})

    practice_ods: OdsCode
    network: str | None = Field(default=None, min_length=1, max_length=100)


class DeliveryIn(BaseModel):
    code: Code
    delivered: bool


class NewResults(BaseModel):
    model_config = _examples(
        {"practice_ods": "B86003", "standards": [{"code": "AF-1", "delivered": False}]},
    )

    practice_ods: OdsCode
    standards: list[DeliveryIn] = Field(min_length=1, max_length=50)
    reason: str | None = Field(
        default=None, max_length=2000, description="Required for a correction"
    )


class SchemeOut(SchemeEvent):
    decision_committee_id: str | None = None
    #: Every version of each practice's results, oldest first.
    result_versions: list[SchemeResults]
    created_at: datetime | None = None


class SchemeListed(BaseModel):
    """A scheme in a list: enough to choose one; ``GET /schemes/{scheme_id}`` has the rest."""

    scheme_id: str
    commissioner_ods: str
    kind: SchemeKindName
    name: str
    year: str
    enrolled: int = Field(description="How many practices the scheme enrols")
    revision: int


class EnrolmentOut(BaseModel):
    scheme_id: str
    practice_ods: str
    network: str | None
    contract_id: str
    contract_status: str


def _published(kind: type[E], scheme: Scheme) -> E:
    start, end = scheme.span
    return kind(
        scheme_id=scheme.id,
        commissioner_ods=scheme.commissioner_ods,
        kind=scheme.kind,
        name=scheme.name,
        year=scheme.year,
        year_start=start,
        year_end=end,
        per_head_pence=scheme.per_head_pence,
        upfront_percent=scheme.upfront_percent,
        standards=[SchemeStandard(code=s.code, title=s.title) for s in scheme.standards],
        release=scheme.release,
        balancing=scheme.balancing,
        networks=[SchemeNetwork(name=n, practices=list(p)) for n, p in scheme.networks],
        enrolments=[
            SchemeEnrolment(
                practice_ods=e.practice_ods, contract_id=e.contract_id, network=e.network
            )
            for e in scheme.enrolments
        ],
        results=[
            _results(p, versions[-1]) for p, versions in sorted(scheme.results.items()) if versions
        ],
        revision=scheme.revision,
    )


def _results(practice_ods: str, r: Results) -> SchemeResults:
    return SchemeResults(
        practice_ods=practice_ods,
        version=r.version,
        standards=[StandardDelivery(code=c, delivered=d) for c, d in r.delivered],
        reason=r.reason,
    )


def _out(scheme: Scheme) -> SchemeOut:
    published = _published(SchemePublished, scheme)
    versions = [_results(p, v) for p, found in sorted(scheme.results.items()) for v in found]
    return SchemeOut(
        **published.model_dump(),
        decision_committee_id=scheme.decision_committee_id,
        result_versions=versions,
    )


async def _scheme(
    uow: UnitOfWork, scheme_id: str, principal: Principal, *, manage: bool = False
) -> Scheme:
    scheme = await store.get_scheme(uow.session, scheme_id, for_update=manage)
    if scheme is None:
        raise NotFound(f"no scheme {scheme_id}")
    if principal.acts_for(scheme.commissioner_ods):
        return scheme
    if not manage and principal.role is Role.PRACTICE and scheme.enrolment(principal.org):
        return scheme
    raise Forbidden(f"scheme {scheme_id} is {scheme.commissioner_ods}'s, not {principal.org}'s")


@router.post(
    "/schemes",
    status_code=201,
    response_model=SchemeOut,
    summary="Define an incentive scheme",
    responses={
        422: {
            "description": "A rule of the scheme is broken, or the decision policy "
            "gates its kind and no committee of the commissioner is named"
        }
    },
)
async def create_scheme(body: NewScheme, uow: UnitOfWorkDep, principal: Commissioner) -> SchemeOut:
    principal.require_acts_for(body.commissioner_ods)
    session = uow.session
    commissioner = await store.get_organisation(session, body.commissioner_ods)
    if commissioner is None or not commissioner.commissions:
        raise RuleBroken("commissioner_ods", f"{body.commissioner_ods} is not a commissioner")
    scheme = define_scheme(
        Scheme(
            id=f"sch_{uuid.uuid4().hex}",
            commissioner_ods=body.commissioner_ods,
            kind=body.kind,
            name=body.name,
            year=body.year,
            per_head_pence=body.per_head_pence,
            upfront_percent=body.upfront_percent,
            standards=tuple(Standard(s.code, s.title) for s in body.standards),
            release=body.release,
            balancing=body.balancing,
            networks=tuple((n.name, tuple(n.practices)) for n in body.networks),
            decision_committee_id=body.decision_committee_id,
        )
    )
    policy = await store.decision_policy(session, scheme.commissioner_ods)
    policy.check_proposal(scheme.kind, scheme.decision_committee_id)
    if scheme.decision_committee_id is not None:
        owner = await store.committee_owner(session, scheme.decision_committee_id)
        check_committee(scheme.decision_committee_id, scheme.commissioner_ods, owner)
    await store.add_scheme(session, scheme)
    uow.publish(_published(SchemePublished, scheme))
    await uow.commit()
    return _out(scheme)


@router.get(
    "/schemes",
    response_model=Page[SchemeListed],
    summary="Incentive schemes the caller may see: a commissioner's own, a practice's enrolled",
)
async def list_schemes(
    uow: UnitOfWorkDep,
    page: PageDep,
    principal: SchemeReader,
    commissioner_ods: OdsCode | None = None,
    year: Annotated[str | None, Query(pattern=r"^\d{4}/\d{2}$")] = None,
) -> Page[SchemeListed]:
    enrolled_ods = None
    # Scoped as GET /schemes/{scheme_id} admits: someone else's schemes are not listed.
    if principal.role is Role.COMMISSIONER:
        if commissioner_ods not in (None, principal.org):
            return Page[SchemeListed](items=[])
        commissioner_ods = principal.org
    elif principal.role is Role.PRACTICE:
        enrolled_ods = principal.org
    found = await store.list_schemes(
        uow.session, page, commissioner_ods=commissioner_ods, enrolled_ods=enrolled_ods, year=year
    )
    return Page[SchemeListed](
        items=[
            SchemeListed(
                scheme_id=s.id,
                commissioner_ods=s.commissioner_ods,
                kind=s.kind,
                name=s.name,
                year=s.year,
                enrolled=s.enrolled,
                revision=s.revision,
            )
            for s in found[: page.limit]
        ],
        next_cursor=page.next_cursor(found, lambda s: [s.id]),
    )


@router.get("/schemes/{scheme_id}", response_model=SchemeOut, summary="An incentive scheme")
async def get_scheme(
    scheme_id: SchemeId, uow: UnitOfWorkDep, principal: ContractReader
) -> SchemeOut:
    return _out(await _scheme(uow, scheme_id, principal))


@router.post(
    "/schemes/{scheme_id}/enrolments",
    status_code=201,
    response_model=EnrolmentOut,
    summary="Enrol a practice in a scheme",
    responses={
        422: {
            "description": "The practice holds no core contract (GMS, PMS or APMS) in "
            "force, or is in no network of a scheme released by network"
        }
    },
)
async def enrol_practice(
    scheme_id: SchemeId, body: NewEnrolment, uow: UnitOfWorkDep, principal: Commissioner
) -> EnrolmentOut:
    scheme = await _scheme(uow, scheme_id, principal, manage=True)
    session = uow.session
    start, _ = scheme.span
    core = await store.core_contracts_of(session, body.practice_ods)
    check_core_contract(body.practice_ods, core, [start, today()])
    contract = propose(
        uuid.uuid4().hex,
        enrolment_proposal(scheme, body.practice_ods),
        commissioner=await store.get_organisation(session, scheme.commissioner_ods),
        provider=await store.get_organisation(session, body.practice_ods),
        parent=None,
    )
    enrolment = enrol(scheme, body.practice_ods, body.network, contract.id)
    await store.add_contract(session, contract)
    await store.add_enrolment(session, scheme, enrolment)
    uow.publish(contract_event(ContractProposed, contract))
    uow.publish(_published(SchemeEnrolled, scheme))
    await uow.commit()
    return EnrolmentOut(
        scheme_id=scheme.id,
        practice_ods=enrolment.practice_ods,
        network=enrolment.network,
        contract_id=contract.id,
        contract_status=contract.status,
    )


@router.post(
    "/schemes/{scheme_id}/results",
    status_code=201,
    response_model=SchemeOut,
    summary="Record a practice's delivery of the standards",
    responses={409: {"description": "The results are already recorded as given"}},
)
async def record_scheme_results(
    scheme_id: SchemeId, body: NewResults, uow: UnitOfWorkDep, principal: Commissioner
) -> SchemeOut:
    scheme = await _scheme(uow, scheme_id, principal, manage=True)
    delivered = [(s.code, s.delivered) for s in body.standards]
    results = record_results(scheme, body.practice_ods, delivered, body.reason, now())
    await store.add_results(uow.session, scheme, body.practice_ods, results)
    uow.publish(_published(SchemeResultsRecorded, scheme))
    await uow.commit()
    return _out(scheme)

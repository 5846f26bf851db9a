"""Routes for organisations: registration by ODS code, details and list sizes over time."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.exc import IntegrityError

from services.contracts import store
from services.contracts.access import (
    parent_for_registration,
    require_may_move,
    require_registrar_of,
)
from services.contracts.domain.organisation import (
    ListSize,
    Organisation,
    check_parent,
    validate_code,
)
from services.contracts.routes.common import Registrar, today
from services.contracts.schemas import (
    NewListSize,
    NewOrganisation,
    OrganisationChanges,
    OrganisationOut,
)
from shared.auth import CurrentPrincipal
from shared.db import UnitOfWork
from shared.events.contracts import (
    OrganisationRegistered,
    OrganisationUpdated,
)
from shared.ods import OrganisationKind
from shared.pagination import Page, PageDep
from shared.problems import Conflict, NotFound, Unprocessable
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["organisations"])


def _organisation_event(
    schema: type[OrganisationRegistered], org: Organisation, size: ListSize | None
) -> OrganisationRegistered:
    """The organisation, with ``size`` (a list size entry) and the date it takes effect: a list
    size is never published without its date."""
    return schema.model_validate(
        {
            "ods_code": org.ods_code,
            "kind": org.kind.value,
            "name": org.name,
            "legal_form": org.legal_form,
            "parent_ods": org.parent_ods,
            "list_size": size.list_size if size else None,
            "list_size_effective_from": size.effective_from if size else None,
        }
    )


async def _organisation(uow: UnitOfWork, ods: str) -> Organisation:
    org = await store.get_organisation(uow.session, ods.strip().upper())
    if org is None:
        raise NotFound(f"no organisation {ods} is registered")
    return org


@router.post(
    "/organisations",
    status_code=201,
    response_model=OrganisationOut,
    summary="Register an organisation by ODS code",
    responses={409: {"description": "The code is already registered"}},
)
async def register_organisation(
    body: NewOrganisation, uow: UnitOfWorkDep, principal: Registrar
) -> OrganisationOut:
    parent_ods = parent_for_registration(principal, body.kind, body.parent_ods)
    code = validate_code(body.ods_code, body.kind)
    if parent_ods is not None:
        check_parent(await store.get_organisation(uow.session, parent_ods), parent_ods)
    if await store.get_organisation(uow.session, code) is not None:
        raise Conflict(f"organisation {code} is already registered")
    if body.list_size is None and body.list_size_effective_from is not None:
        raise Unprocessable.field(["list_size"], "list_size_effective_from needs a list_size")
    sizes = []
    if body.list_size is not None:
        sizes = [ListSize(body.list_size_effective_from or today(), body.list_size)]
    org = Organisation(code, body.kind, body.name, body.legal_form, parent_ods, sizes)
    try:
        await store.add_organisation(uow.session, org)
    except IntegrityError:
        raise Conflict(f"organisation {code} is already registered") from None
    uow.publish(_organisation_event(OrganisationRegistered, org, sizes[0] if sizes else None))
    await uow.commit()
    return OrganisationOut.of(org, today())


@router.get(
    "/organisations",
    response_model=Page[OrganisationOut],
    summary="Organisations in code order",
)
async def list_organisations(
    uow: UnitOfWorkDep,
    page: PageDep,
    _: CurrentPrincipal,
    kind: OrganisationKind | None = None,
) -> Page[OrganisationOut]:
    orgs = await store.list_organisations(uow.session, page, kind=kind.value if kind else None)
    return Page[OrganisationOut](
        items=[OrganisationOut.of(o, today()) for o in orgs[: page.limit]],
        next_cursor=page.next_cursor(orgs, lambda o: [o.ods_code]),
    )


@router.get(
    "/organisations/{ods}",
    response_model=OrganisationOut,
    summary="An organisation with its list size history",
)
async def get_organisation(ods: str, uow: UnitOfWorkDep, _: CurrentPrincipal) -> OrganisationOut:
    return OrganisationOut.of(await _organisation(uow, ods), today())


@router.patch(
    "/organisations/{ods}",
    response_model=OrganisationOut,
    summary="Change an organisation's name, legal form or parent",
)
async def update_organisation(
    ods: str, body: OrganisationChanges, uow: UnitOfWorkDep, principal: Registrar
) -> OrganisationOut:
    org = await _organisation(uow, ods)
    require_registrar_of(principal, org)
    if body.parent_ods is not None:
        require_may_move(principal, org, body.parent_ods)
        check_parent(await store.get_organisation(uow.session, body.parent_ods), body.parent_ods)
        org.parent_ods = body.parent_ods
    if body.name is not None:
        org.name = body.name
    if "legal_form" in body.model_fields_set:
        org.legal_form = body.legal_form
    await store.update_organisation(uow.session, org)
    # The size in force today, with its own date (consumers already hold it: a no-op for them).
    uow.publish(_organisation_event(OrganisationUpdated, org, org.list_size_entry_on(today())))
    await uow.commit()
    return OrganisationOut.of(org, today())


@router.post(
    "/organisations/{ods}/list-sizes",
    status_code=201,
    response_model=OrganisationOut,
    summary="Record the registered list size from a date on",
    responses={409: {"description": "A size is already recorded from that date"}},
)
async def record_list_size(
    ods: str, body: NewListSize, uow: UnitOfWorkDep, principal: Registrar
) -> OrganisationOut:
    org = await _organisation(uow, ods)
    require_registrar_of(principal, org)
    entry = org.record_list_size(body.effective_from, body.list_size)
    try:
        await store.add_list_size(uow.session, org.ods_code, entry)
    except IntegrityError:  # a concurrent request recorded the same date first
        raise Conflict(
            f"{org.ods_code} already has a list size from {entry.effective_from}"
        ) from None
    uow.publish(_organisation_event(OrganisationUpdated, org, entry))
    await uow.commit()
    return OrganisationOut.of(org, today())

"""A probe for testing the kernel through real services' databases: an event type, a table
for a consumer's effects, and a small router that uses auth, validation, pagination and the
unit of work the way a service's api.py does."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, FastAPI
from pydantic import BaseModel, Field
from sqlalchemy import BigInteger, Column, MetaData, String, Table, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from gpfed.services import SERVICES
from services.contracts.settings import Settings
from shared.auth import Principal, Role, require_roles
from shared.events import Event
from shared.ods import OdsCode
from shared.pagination import Page, PageDep
from shared.service import create_service_app
from shared.web import UnitOfWorkDep


class ProbeSent(Event):
    """A test event published by 'contracts' and consumed by 'payments'."""

    ce_type = "gpfed.probe.sent"
    producer = "contracts"
    subject_field = "probe_id"

    probe_id: str
    amount_pence: int
    poison: bool = False


probe_metadata = MetaData()
probe_effects = Table(
    "probe_effects",
    probe_metadata,
    Column("event_id", String(64), nullable=False),
    Column("probe_id", String(64), nullable=False),
    Column("amount_pence", BigInteger, nullable=False),
)
probes = Table(
    "probes",
    probe_metadata,
    Column("probe_id", String(64), primary_key=True),
    Column("ods_code", String(10), nullable=False),
    Column("amount_pence", BigInteger, nullable=False),
)

PROBE_DDL = [
    "CREATE TABLE IF NOT EXISTS probe_effects (event_id varchar(64) NOT NULL, "
    "probe_id varchar(64) NOT NULL, amount_pence bigint NOT NULL)",
    "CREATE TABLE IF NOT EXISTS probes (probe_id varchar(64) PRIMARY KEY, "
    "ods_code varchar(10) NOT NULL, amount_pence bigint NOT NULL)",
]


class NewProbe(BaseModel):
    probe_id: str = Field(min_length=1, max_length=64)
    ods_code: OdsCode
    amount_pence: int = Field(ge=0)


class ProbeOut(BaseModel):
    probe_id: str
    ods_code: str
    amount_pence: int


router = APIRouter()
Commissioner = Annotated[Principal, require_roles(Role.COMMISSIONER)]


@router.post("/probes", status_code=201, response_model=ProbeOut)
async def create_probe(body: NewProbe, uow: UnitOfWorkDep, principal: Commissioner) -> ProbeOut:
    principal.require_acts_for(body.ods_code)
    await uow.session.execute(insert(probes).values(**body.model_dump()))
    uow.publish(ProbeSent(probe_id=body.probe_id, amount_pence=body.amount_pence))
    await uow.commit()
    return ProbeOut(**body.model_dump())


@router.get("/probes", response_model=Page[ProbeOut])
async def list_probes(uow: UnitOfWorkDep, page: PageDep, _: Commissioner) -> Page[ProbeOut]:
    query = select(probes).order_by(probes.c.probe_id).limit(page.limit + 1)
    after = page.after_str()
    if after is not None:
        query = query.where(probes.c.probe_id > after)
    rows = (await uow.session.execute(query)).all()
    return Page[ProbeOut](
        items=[ProbeOut(**row._mapping) for row in rows[: page.limit]],
        next_cursor=page.next_cursor(list(rows), lambda r: [r.probe_id]),
    )


#: The organisations the probe service knows, and their kinds.
KINDS = {"02W": "ccg", "13T": "ccg", "B86001": "practice"}


async def probe_kind(_session: AsyncSession, ods: str) -> str | None:
    return KINDS.get(ods)


async def probe_app(database_url: str, **settings: Any) -> FastAPI:
    """The contracts service's kernel and tables with the probe's router and tables, knowing
    the organisations in :data:`KINDS`. ``settings`` override contracts' settings."""
    spec = SERVICES["contracts"]
    app = create_service_app(
        Settings(database_url=database_url, **settings),
        metadata=spec.metadata,
        handlers=spec.handlers,
        organisation_kind=probe_kind,
        routers=[router],
    )
    async with app.state.db.engine.begin() as connection:
        for ddl in PROBE_DDL:
            await connection.execute(text(ddl))
    return app

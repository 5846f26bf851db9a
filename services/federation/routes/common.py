"""What the routes share: the path parameters, and finding a federation and its hub. (Who may
see what is ``access.py``; the domain's refusals become problems in the kernel.)"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path
from sqlalchemy.ext.asyncio import AsyncSession

from services.federation.domain.hub import HubTerms, current_terms
from services.federation.store import federation_known, hub_versions
from shared.ods import OdsCode
from shared.problems import NotFound

FederationOds = Annotated[
    OdsCode, Path(description="The federation's ODS code", examples=["Y02765"])
]
ContractId = Annotated[str, Path(min_length=1, max_length=64, examples=["c-hub-1"])]


async def require_federation(session: AsyncSession, ods: str, *, lock: bool = False) -> None:
    """A 404 unless the federation is known; ``lock`` locks its row for the transaction."""
    if not await federation_known(session, ods, lock=lock):
        raise NotFound(f"no federation {ods} is known (contracts has not registered it)")


async def hub_of(session: AsyncSession, federation_ods: str, contract_id: str) -> HubTerms:
    """The hub contract's current terms, if it is a hub of this federation."""
    versions = (await hub_versions(session, contract_ids=[contract_id])).get(contract_id, [])
    hub = current_terms(versions)
    if hub is None or hub.federation_ods != federation_ods:
        raise NotFound(f"contract {contract_id} is not a hub contract of {federation_ods}")
    return hub

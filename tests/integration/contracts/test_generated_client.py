"""The generated client (clients/python/gpfed_client, `make client`) drives a real contracts
service, started as `gpfed serve` runs it (tests/e2e/harness.py), on PostgreSQL: what a
partner's code would do."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from gpfed_client.contracts import AuthenticatedClient
from gpfed_client.contracts.api.contracts import get_contract, propose_contract
from gpfed_client.contracts.api.organisations import register_organisation
from gpfed_client.contracts.models import (
    ContractOut,
    Created,
    NewContract,
    NewOrganisation,
    OrganisationKind,
    OrganisationOut,
    Problem,
)

from shared.auth import mint_token
from shared.broker import Broker
from shared.settings import ServiceSettings
from tests.e2e.harness import running_suite
from tests.integration.contracts.conftest import CCG, FEDERATION, NHSE, contract

pytestmark = pytest.mark.integration


@pytest.fixture
def contracts_url(clean: dict[str, str], broker: Broker, tmp_path: Path) -> Iterator[str]:
    """The contracts service as a process of its own (`gpfed serve`) on a free port."""
    with running_suite({"contracts": clean["contracts"]}, broker, tmp_path) as suite:
        yield suite.urls["contracts"]


def _client(url: str, role: str, org: str) -> AuthenticatedClient:
    token = mint_token(ServiceSettings(), role=role, org=org)
    return AuthenticatedClient(base_url=url, token=token, raise_on_unexpected_status=True)


async def test_a_client_registers_proposes_reads_back_and_gets_a_typed_problem(
    contracts_url: str,
) -> None:
    ops = _client(contracts_url, "ops", NHSE)
    for ods, kind, name in (
        (CCG, OrganisationKind.CCG, "NHS Bradford City CCG"),
        (FEDERATION, OrganisationKind.FEDERATION, "Bradford GP Federation"),
    ):
        body = NewOrganisation(ods_code=ods, kind=kind, name=name)
        registered = await register_organisation.asyncio_detailed(client=ops, body=body)
        assert registered.status_code == 201, registered.content
        assert isinstance(registered.parsed, OrganisationOut)
        assert registered.parsed.ods_code == ods

    commissioner = _client(contracts_url, "commissioner", CCG)
    proposal = NewContract.from_dict(contract())
    proposed = await propose_contract.asyncio(client=commissioner, body=proposal)
    assert isinstance(proposed, Created), proposed
    read = await get_contract.asyncio(proposed.id, client=commissioner)
    assert isinstance(read, ContractOut)
    assert (read.id, read.provider_ods) == (proposed.id, FEDERATION)
    assert read.status.value == proposed.status.value == "proposed"

    backwards = NewContract.from_dict(
        contract(end_date=(proposal.start_date - timedelta(days=1)).isoformat())
    )
    refused = await propose_contract.asyncio_detailed(client=commissioner, body=backwards)
    assert refused.status_code == 422
    assert isinstance(refused.parsed, Problem)
    assert refused.parsed.status == 422
    assert refused.parsed.errors
    assert "end_date" in [error.field for error in refused.parsed.errors]

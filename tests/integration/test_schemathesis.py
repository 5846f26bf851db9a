"""Schemathesis against each service's own OpenAPI document, in process, on PostgreSQL: every
operation with generated valid and invalid input, as ops and as a registered commissioner. No
answer may be a 5xx, and every answer must be one the document declares, with its content
type and body schema.

Each operation gets a bounded number of examples (``GPFED_SCHEMATHESIS_EXAMPLES``, default 100),
the same ones each run so that the suite is repeatable; ``GPFED_SCHEMATHESIS_RANDOM=1`` draws
new ones, to hunt for failures with more examples than the suite can afford. The apps are built
when the module is collected (schemathesis needs their documents then); their databases are
first used when the tests run, after the ``postgres`` fixture has made them.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.python import asgi as schemathesis_asgi

from gpfed.services import SERVICES
from shared.auth import mint_token
from shared.db import Database
from shared.events import Envelope
from shared.events.contracts import OrganisationRegistered
from shared.settings import ServiceSettings
from tests.conftest import database_url, deliver_through_inbox, running, truncate_all

pytestmark = pytest.mark.integration

MAX_EXAMPLES = int(os.environ.get("GPFED_SCHEMATHESIS_EXAMPLES", "100"))
COMMISSIONER = OrganisationRegistered(ods_code="02W", kind="ccg", name="NHS Example CCG")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _settings(service: str, url: str) -> ServiceSettings:
    settings: ServiceSettings = SERVICES[service].settings(
        database_url=url, bus_enabled=False, log_level="WARNING"
    )
    return settings


def _url(service: str) -> str:
    """The service's test database, as the ``postgres`` fixture names, creates and migrates it."""
    return database_url(f"{os.environ.get('GPFED_TEST_DB_PREFIX', 'gpfed_test')}_{service}")


async def _register_commissioner(service: str, url: str) -> None:
    """02W known to ``service`` as contracts would make it known: registered through its API
    on contracts itself, through the event elsewhere."""
    spec = SERVICES[service]
    if service == "contracts":
        app = spec.create_app(_settings(service, url))
        async with running(app) as client:
            ops = mint_token(app.state.settings, role="ops", org="X24")
            response = await client.post(
                "/organisations",
                json=COMMISSIONER.model_dump(mode="json", exclude_none=True),
                headers={"authorization": f"Bearer {ops}"},
            )
            assert response.status_code == 201, response.text
        return
    db = Database(url, spec.metadata, service=service)
    try:
        envelope = Envelope.wrap(COMMISSIONER, source="/gpfed/contracts")
        await deliver_through_inbox(db, spec.handlers, envelope)
    finally:
        await db.dispose()


def _schema(service: str) -> Any:
    """The service's document, loaded from its app (built now; the database is first used when
    the tests run, after the ``postgres`` fixture has made it)."""
    app = SERVICES[service].create_app(_settings(service, _url(service)))
    schema = schemathesis.openapi.from_dict(app.openapi())
    schema.app = app  # calls go to the app in process
    return schema


def _tokens() -> list[str]:
    settings = ServiceSettings()
    return [
        "Bearer " + mint_token(settings, role="ops", org="X24"),
        "Bearer " + mint_token(settings, role="commissioner", org=COMMISSIONER.ods_code),
    ]


@pytest.fixture(scope="module")
def seeded(postgres: dict[str, str]) -> Iterator[list[str]]:
    """Every service's database emptied, with 02W registered; the tokens to call them with."""
    for service, url in postgres.items():
        assert url == _url(service)
        asyncio.run(truncate_all(url))
        asyncio.run(_register_commissioner(service, url))
    yield _tokens()
    # The test client keeps each app's lifespan (and so its database pool) running until the
    # process ends; end them now, on the loop they run on.
    schemathesis_asgi.shutdown_lifespans()


def _call_as_each(case: Any, tokens: list[str]) -> None:
    for token in tokens:
        response = case.call(headers={"authorization": token})
        case.validate_response(response, checks=CHECKS)


_examples = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("GPFED_SCHEMATHESIS_RANDOM") != "1",
    database=None,
    suppress_health_check=list(HealthCheck),
)

contracts = _schema("contracts")
payments = _schema("payments")
federation = _schema("federation")
conflicts = _schema("conflicts")


@contracts.parametrize()
@_examples
def test_contracts_answers_no_5xx_and_only_what_its_document_declares(
    case: Any, seeded: list[str]
) -> None:
    _call_as_each(case, seeded)


@payments.parametrize()
@_examples
def test_payments_answers_no_5xx_and_only_what_its_document_declares(
    case: Any, seeded: list[str]
) -> None:
    _call_as_each(case, seeded)


@federation.parametrize()
@_examples
def test_federation_answers_no_5xx_and_only_what_its_document_declares(
    case: Any, seeded: list[str]
) -> None:
    _call_as_each(case, seeded)


@conflicts.parametrize()
@_examples
def test_conflicts_answers_no_5xx_and_only_what_its_document_declares(
    case: Any, seeded: list[str]
) -> None:
    _call_as_each(case, seeded)

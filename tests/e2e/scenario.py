"""The demo's hub saga run once per test module on the four services as processes (its values
beside it), and a client of them: what the end-to-end money tests build their stories on.
Import the fixtures by name (``from tests.e2e.scenario import api, suite``)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from gpfed.demo import DEFAULT_URLS, Api, run_scenario
from shared.broker import Broker, free_port
from shared.settings import ServiceSettings
from tests.conftest import truncate_all
from tests.e2e.harness import Suite, running_suite

#: Seconds any one step of these stories may take to show.
TIMEOUT = 60


@pytest.fixture(scope="module")
def suite(
    postgres: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Suite, dict[str, Any]]]:
    for url in postgres.values():
        asyncio.run(truncate_all(url))
    broker = Broker(free_port()).start()
    try:
        with running_suite(postgres, broker, tmp_path_factory.mktemp("logs")) as running:
            result = run_scenario(running.urls, timeout=TIMEOUT, out=lambda _line: None)
            assert all(c.passed for c in result.checks), result.checks
            yield running, result.values
    finally:
        broker.stop()


@pytest.fixture(scope="module")
def api(suite: tuple[Suite, dict[str, Any]]) -> Iterator[Api]:
    client = Api({**DEFAULT_URLS, **suite[0].urls}, ServiceSettings())
    yield client
    client.close()

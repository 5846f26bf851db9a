"""The hub saga end to end (docs/architecture.md, "The hub saga"): the four services as separate
processes on PostgreSQL, every message across the broker, the demo's scenario through REST only."""

from __future__ import annotations

from pathlib import Path

import pytest

from gpfed.demo import run_scenario
from shared.broker import Broker
from tests.e2e.harness import running_suite

pytestmark = pytest.mark.e2e


def test_the_hub_saga_pays_every_practice_its_due_to_the_penny(
    clean: dict[str, str], broker: Broker, tmp_path: Path
) -> None:
    with running_suite(clean, broker, tmp_path) as suite:
        result = run_scenario(suite.urls, timeout=60)
    failed = [c for c in result.checks if not c.passed]
    assert not failed, failed
    names = {c.name for c in result.checks}
    assert "a conflicted member's vote is refused" in names
    assert "a second payment run pays nothing new" in names
    values = result.values
    assert values["paid"] == values["expected"]
    assert values["lines_pence"] + values["retained_pence"] == values["income_pence"]
    print(
        f"verified {len(result.checks)} checks; income {values['income_pence']}p, "
        f"retained {values['retained_pence']}p, paid {values['paid']}"
    )

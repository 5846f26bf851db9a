"""Incentive schemes at the year's close (issue 20 point 2), through events and payment runs on
real PostgreSQL: a network of three practices where one misses a standard, then its results are
corrected after the close."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from shared.db import Database
from shared.events.contracts import (
    OrganisationRegistered,
    PaymentTerms,
    SchemeEnrolment,
    SchemeNetwork,
    SchemePublished,
    SchemeResults,
    SchemeResultsRecorded,
    SchemeStandard,
    StandardDelivery,
)
from tests.integration.payments.support import (
    COMMISSIONER,
    apply,
    balances,
    client,
    db,
    hub_activated,
    ops_get,
    paid,
    payments_url,
    pretend_today_is,
    run,
)

pytestmark = pytest.mark.integration
__all__ = ["client", "db", "payments_url"]  # fixtures

PRACTICES = ["B86101", "B86102", "B86103"]
TERMS = PaymentTerms(
    basis="per_head",
    schedule="monthly_upfront_true_up",
    per_head_pence=1000,  # £10 a head (Co-commissioning evaluation, 3.4.2.2)
    upfront_percent=Decimal("70"),
    true_up="year_end",
)
STANDARDS = ["AF-1", "AF-2"]


@pytest.fixture(autouse=True)
def _in_2027(monkeypatch: pytest.MonkeyPatch) -> None:
    pretend_today_is(monkeypatch, date(2027, 4, 30))


def scheme(kind: type[SchemePublished] | Any, revision: int, results: list[SchemeResults]) -> Any:
    return kind(
        scheme_id="sch-north",
        commissioner_ods=COMMISSIONER,
        kind="LIS",
        name="Network outcomes",
        year="2026/27",
        year_start=date(2026, 4, 1),
        year_end=date(2027, 3, 31),
        per_head_pence=1000,
        upfront_percent=Decimal("70"),
        standards=[SchemeStandard(code=c, title=c) for c in STANDARDS],
        release="network",
        balancing="all_or_nothing",
        networks=[SchemeNetwork(name="North", practices=PRACTICES)],
        enrolments=[
            SchemeEnrolment(practice_ods=p, contract_id=f"lis-{p}", network="North")
            for p in PRACTICES
        ],
        results=results,
        revision=revision,
    )


def results(practice: str, missed: str | None, version: int = 1) -> SchemeResults:
    return SchemeResults(
        practice_ods=practice,
        version=version,
        standards=[StandardDelivery(code=c, delivered=c != missed) for c in STANDARDS],
    )


async def test_one_practice_missing_a_standard_holds_back_the_network_and_a_correction_releases_it(
    db: Database, client: httpx.AsyncClient
) -> None:
    for p in PRACTICES:
        await apply(
            db,
            OrganisationRegistered(
                ods_code=p,
                kind="practice",
                name=p,
                parent_ods=COMMISSIONER,
                list_size=1000,
                list_size_effective_from=date(2026, 4, 1),
            ),
        )
        await apply(
            db,
            hub_activated(
                contract_id=f"lis-{p}",
                kind="LIS",
                provider_ods=p,
                service="scheme sch-north",
                payment=TERMS,
                distribution=None,
                end_date=date(2027, 3, 31),
            ),
        )
    await apply(db, scheme(SchemePublished, 4, []))
    for month in [f"2026-{m:02d}" for m in range(4, 13)] + ["2027-01", "2027-02"]:
        # 70% of £10,000 a year, a twelfth a month: 58,333p (the pennies in March).
        assert paid(await run(client, month)) == [(month, "upfront", 58_333, False)] * 3
    march = await run(client, "2027-03")
    assert paid(march) == [("2027-03", "upfront", 58_337, False)] * 3
    assert {w["reason"] for w in march["waiting_for"]} == {"scheme_results_not_recorded"}

    recorded = [results("B86101", None), results("B86102", None), results("B86103", "AF-2")]
    await apply(db, scheme(SchemeResultsRecorded, 7, recorded))
    close = await run(client, "2027-03")
    # Nobody in North is released the held-back 30%; B86103 repays its upfront 70%.
    assert paid(close) == [("2027-03", "scheme_recovery", 700_000, True)]
    assert await balances(client, "B86103") == {"provider:B86103": 0}
    assert await balances(client, "B86101") == {"provider:B86101": 700_000}
    position = await ops_get(client, "/schemes/sch-north/position")
    lines = {line["practice_ods"]: line for line in position["practices"]}
    assert lines["B86101"]["why"].startswith("held back: B86103 missed standard AF-2 in network")
    assert lines["B86103"]["recovered_pence"] == 700_000
    for line in lines.values():
        total = line["paid_pence"] + line["held_back_pence"] - line["released_pence"]
        assert total + line["recovered_pence"] == 1_000_000
    statement = await ops_get(client, "/statements/B86103/2027-03")
    memos = [line["memo"] for line in statement["lines"]]
    assert any("recovered: standard AF-2 missed (all or nothing)" in m for m in memos), memos

    # Corrected after the close: B86103 did deliver AF-2. The next run releases North's 30% to
    # all three and repays B86103's recovery, once.
    corrected = [*recorded[:2], results("B86103", None, version=2)]
    await apply(db, scheme(SchemeResultsRecorded, 8, corrected))
    april = await run(client, "2027-04")
    assert sorted(paid(april)) == sorted(
        [("2027-03", "scheme_release", 300_000, False)] * 3
        + [("2027-03", "scheme_recovery", 700_000, False)]
    )
    assert paid(await run(client, "2027-04")) == []
    for p in PRACTICES:
        assert await balances(client, p) == {f"provider:{p}": 1_000_000}

"""Restated periods in the federation's reports, through the API and the inbox: a period is
shown once, as its latest distribution revision, with every revision beside it; and every
distribution is kept, those with nothing to move (no transaction) too."""

from __future__ import annotations

from typing import Any

import pytest

from shared.events.payments import DistributionCompleted, DistributionLine
from tests.integration.federation.conftest import (
    CCG,
    FED,
    HUB,
    OPS,
    Federation,
    auth,
    consultation,
)

pytestmark = pytest.mark.integration

PERIOD = f"/federations/{FED}/contracts/{HUB}/periods/2026-05"
STATEMENT = f"/federations/{FED}/contracts/{HUB}/statement"
BATCH = "/consultations/batch"


def _line(ods: str, consultations: int, total: int) -> DistributionLine:
    return DistributionLine(
        practice_ods=ods,
        consultations=consultations,
        share_pence=total,
        admin_pence=0,
        premises_pence=0,
        clinician_fees_pence=0,
        total_pence=total,
    )


def _distribution(
    period: str, revision: int, income: int, costs: int, lines: list[DistributionLine], **kw: Any
) -> DistributionCompleted:
    profit = income - costs
    retained = profit // 10
    values: dict[str, Any] = {
        "contract_id": HUB,
        "federation_ods": FED,
        "period": period,
        "transaction_id": f"t-{period}-{revision}",
        "income_pence": income,
        "costs_pence": costs,
        "retained_pence": retained,
        "remainder_pence": profit - retained,
        "lines": lines,
        "revision": revision,
        **kw,
    }
    return DistributionCompleted(**values)


#: As payments publishes them: revision 2 carries the period's full amounts after the
#: restatement (its ledger transaction posts only the difference from revision 1).
FIRST = _distribution(
    "2026-05", 1, 13_000, 9_000, [_line("B86001", 3, 8_560), _line("B86002", 2, 4_440)]
)
RESTATED = _distribution(
    "2026-05", 2, 16_000, 10_500, [_line("B86001", 4, 10_900), _line("B86002", 2, 4_550)]
)


async def _restate_may(world: Federation, *, paid: bool = True) -> None:
    """May closed (and ``paid``: revision 1 distributed), reopened, a consultation corrected
    and a late one added, closed again (revision 2)."""
    records = [
        consultation("a1", patient_ref="p1"),
        consultation("a2", patient_ref="p1", kind="follow_up"),
        consultation("a3", patient_ref="p2"),
        consultation("b1", practice_ods="B86002", patient_ref="p3"),
        consultation("b2", practice_ods="B86002", patient_ref="p4", kind="follow_up"),
    ]
    assert (await world.post(BATCH, {"consultations": records}, OPS)).json()["accepted"] == 5
    assert (await world.post(PERIOD + "/close", None)).json()["revision"] == 1
    if paid:
        await world.deliver(FIRST)
    assert (await world.post(PERIOD + "/reopen", None)).status_code == 200
    fix = {"reason": "recorded as a follow-up by mistake", "kind": "first"}
    assert (await world.post("/consultations/B86001/a2/correction", fix)).status_code == 200
    late = {"consultations": [consultation("a4", patient_ref="p5")]}
    assert (await world.post(BATCH, late, OPS)).json()["accepted"] == 1
    assert (await world.post(PERIOD + "/close", None)).json()["revision"] == 2


@pytest.mark.parametrize("restated_first", [False, True], ids=["in order", "restated first"])
async def test_a_restated_period_shows_each_practice_paid_once_with_both_revisions_listed(
    world: Federation, restated_first: bool
) -> None:
    # Payments' events may arrive in any order: revision 2 before revision 1, too.
    await _restate_may(world, paid=not restated_first)
    await world.deliver(RESTATED)
    if restated_first:
        await world.deliver(FIRST)
    view = (await world.get(PERIOD, auth("commissioner", CCG))).json()
    assert (view["status"], view["revision"], view["distribution_revision"]) == ("closed", 2, 2)
    paid = {p["practice_ods"]: p["paid_pence"] for p in view["practices"]}
    # Not 8,560 + 10,900 and 4,440 + 4,550: revision 2 is the whole amount paid.
    assert paid == {"B86001": 10_900, "B86002": 4_550}
    assert [
        (d["revision"], d["latest"], d["transaction_id"], d["income_pence"])
        for d in view["distributions"]
    ] == [(1, False, "t-2026-05-1", 13_000), (2, True, "t-2026-05-2", 16_000)]
    counts = {p["practice_ods"]: (p["first"], p["follow_up"]) for p in view["practices"]}
    assert counts == {"B86001": (4, 0), "B86002": (1, 1)}


async def test_the_statement_counts_a_restated_period_once_as_its_latest_revision(
    world: Federation,
) -> None:
    await _restate_may(world)
    await world.deliver(RESTATED)
    await world.deliver(_distribution("2026-06", 1, 10_000, 8_000, [_line("B86001", 2, 1_800)]))
    statement = (await world.get(STATEMENT, OPS)).json()
    assert (statement["income_pence"], statement["costs_pence"], statement["profit_pence"]) == (
        16_000 + 10_000,
        10_500 + 8_000,
        5_500 + 2_000,
    )
    items = {i["period"]: i for i in statement["items"]}
    may = items["2026-05"]
    assert (may["income_pence"], may["costs_pence"], may["retained_pence"]) == (16_000, 10_500, 550)
    assert (may["distributed_pence"], may["revision"], may["revisions"]) == (4_950, 2, [1, 2])
    assert (items["2026-06"]["revision"], items["2026-06"]["revisions"]) == (1, [1])


async def test_empty_distributions_in_different_periods_and_revisions_are_all_kept(
    world: Federation,
) -> None:
    # Payments publishes a distribution with nothing to share without a transaction: ""
    # (and a consumer must take a null too). Each used to displace the next.
    for period, revision in (("2026-05", 1), ("2026-06", 1), ("2026-06", 2)):
        empty = _distribution(
            period, revision, 0, 0, [], transaction_id="", note="no consultations"
        )
        await world.deliver(empty)
    statement = (await world.get(STATEMENT, OPS)).json()
    assert [(i["period"], i["revisions"]) for i in statement["items"]] == [
        ("2026-05", [1]),
        ("2026-06", [1, 2]),
    ]
    june = (await world.get(f"/federations/{FED}/contracts/{HUB}/periods/2026-06")).json()
    assert [(d["revision"], d["transaction_id"], d["note"]) for d in june["distributions"]] == [
        (1, None, "no consultations"),
        (2, None, "no consultations"),
    ]

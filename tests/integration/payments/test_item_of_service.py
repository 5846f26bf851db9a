"""An item-of-service LES through payments' events and API (issue 19 point 2): each month is
paid fee x closed count per service code to the practice, once closed; counts closed again and
a backdated fee variation are restated by the difference, once."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from shared.db import Database
from shared.events.contracts import ContractActivated, ContractVaried, ItemFee, PaymentTerms
from shared.events.federation import ActivityPeriodClosed, PracticeActivity, ServiceActivity
from tests.integration.payments.support import (
    PRACTICE_A,
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
    with_history,
)

pytestmark = pytest.mark.integration
__all__ = ["client", "db", "payments_url"]  # fixtures

LES = "les-ios-1"
START = date(2026, 4, 1)
SURGERY, VACCINATION = "minor-surgery", "vaccination"


def per_item(surgery_pence: int = 4500, vaccination_pence: int = 1000) -> PaymentTerms:
    return PaymentTerms(
        basis="item_of_service",
        schedule="monthly",
        fees=[
            ItemFee(service_code=SURGERY, fee_pence=surgery_pence),
            ItemFee(service_code=VACCINATION, fee_pence=vaccination_pence),
        ],
    )


def les() -> ContractActivated:
    return with_history(
        ContractActivated,
        hub_activated(
            contract_id=LES,
            kind="LES",
            provider_ods=PRACTICE_A,
            service="minor surgery and vaccinations",
            payment=per_item(),
            distribution=None,
            offered_to_core_holders_first=True,
        ),
        [(START, per_item(), None)],
        1,
    )


def closed(revision: int = 1, surgery: int = 3, vaccination: int = 10) -> ActivityPeriodClosed:
    total = surgery + vaccination
    return ActivityPeriodClosed(
        contract_id=LES,
        federation_ods=PRACTICE_A,
        period="2026-10",
        revision=revision,
        patients=total,
        practices=[
            PracticeActivity(
                practice_ods=PRACTICE_A, first=0, follow_up=0, total=total, patients=total, hosted=0
            )
        ],
        services=[
            ServiceActivity(service_code=SURGERY, count=surgery),
            ServiceActivity(service_code=VACCINATION, count=vaccination),
        ],
    )


@pytest.fixture(autouse=True)
def _in_2027(monkeypatch: pytest.MonkeyPatch) -> None:
    pretend_today_is(monkeypatch, date(2027, 1, 15))


async def test_an_item_of_service_month_is_paid_fee_times_closed_count_and_restated_once(
    db: Database, client: httpx.AsyncClient
) -> None:
    await apply(db, les())
    waiting = (await run(client, "2026-10"))["waiting_for"]
    assert [(w["contract_id"], w["reason"]) for w in waiting] == [(LES, "period_not_closed")]

    await apply(db, closed())
    assert paid(await run(client, "2026-10")) == [("2026-10", "item_of_service", 23_500, False)]
    assert (await balances(client, PRACTICE_A))[f"provider:{PRACTICE_A}"] == 23_500
    assert paid(await run(client, "2026-10")) == []  # a second run pays nothing
    statement = await ops_get(client, f"/statements/{PRACTICE_A}/2026-10")
    [line] = [x for x in statement["lines"] if x["contract_id"] == LES]
    assert (line["basis"], line["amount_pence"]) == ("item_of_service", 23_500)
    assert line["memo"].endswith(": minor-surgery 3 x 4500p, vaccination 10 x 1000p")

    # Counts closed again (two late vaccinations): the difference, once.
    await apply(db, closed(revision=2, vaccination=12))
    assert paid(await run(client, "2026-11")) == [("2026-10", "item_of_service", 2_000, False)]

    # The vaccination fee raised from October, backdated: 12 x 2.00 more.
    varied = with_history(
        ContractVaried,
        les(),
        [(START, per_item(), None), (date(2026, 10, 1), per_item(vaccination_pence=1200), None)],
        2,
    )
    await apply(db, varied)
    assert paid(await run(client, "2026-11")) == [("2026-10", "item_of_service", 2_400, False)]
    assert paid(await run(client, "2026-11")) == []
    assert (await balances(client, PRACTICE_A))[f"provider:{PRACTICE_A}"] == 3 * 4500 + 12 * 1200

"""Hub terms from contracts' history of them (backdated variations), applied through the inbox:
the newest history replaces every version held, whatever order the events arrive in."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest

from shared.bus import Outcome
from shared.events import Event
from shared.events.contracts import ContractActivated, ContractTerminated, ContractVaried
from tests.integration.federation.conftest import END, FED, OPS, START, Federation, hub_activated

pytestmark = pytest.mark.integration

APRIL, JUNE, OCTOBER = START, date(2026, 6, 1), date(2026, 10, 1)


def _terms(first_pence: int) -> dict[str, Any]:
    payment = hub_activated().payment.model_dump(mode="json")
    return {**payment, "tariff": {"first_pence": first_pence, "follow_up_pence": 2000}}


def _history(*versions: tuple[date, int]) -> list[dict[str, Any]]:
    rule = hub_activated().distribution
    assert rule is not None
    return [
        {
            "effective_from": day,
            "end_date": END,
            "payment": _terms(pence),
            "distribution": rule.model_dump(mode="json"),
        }
        for day, pence in versions
    ]


def _events(contract_id: str) -> dict[str, Event]:
    """An activation as published before histories existed, then three with histories: the
    activation (1), a variation from October (2), and a variation backdated to June that
    also restates October's (3)."""
    base = hub_activated(contract_id=contract_id).model_dump()
    return {
        "legacy": ContractActivated(**base),
        "activated": ContractActivated(
            **{**base, "history": _history((APRIL, 3000)), "history_revision": 1}
        ),
        "varied": ContractVaried(
            **{
                **base,
                "effective_from": OCTOBER,
                "payment": _terms(3500),
                "history": _history((APRIL, 3000), (OCTOBER, 3500)),
                "history_revision": 2,
            }
        ),
        "backdated": ContractVaried(
            **{
                **base,
                "effective_from": JUNE,
                "payment": _terms(3200),
                "history": _history((APRIL, 3000), (JUNE, 3200), (OCTOBER, 3600)),
                "history_revision": 3,
            }
        ),
    }


async def _hubs(fed: Federation, on: date | None = None) -> dict[str, tuple[str, int]]:
    params = {} if on is None else {"on": on.isoformat()}
    body = (await fed.get(f"/federations/{FED}", OPS, **params)).json()
    return {
        h["contract_id"]: (h["effective_from"], h["payment"]["tariff"]["first_pence"])
        for h in body["hubs"]
    }


async def test_the_newest_history_replaces_the_hub_terms_in_every_order_of_arrival(
    fed: Federation,
) -> None:
    orders = list(itertools.permutations(["legacy", "activated", "varied", "backdated"]))
    for n, order in enumerate(orders):
        events = _events(f"c-hub-{n:02d}")
        for name in order:
            assert await fed.deliver(events[name]) is Outcome.APPLIED
    expected = {
        None: ("2026-10-01", 3600),  # October's terms as the backdated variation restated them
        date(2026, 7, 15): ("2026-06-01", 3200),  # the backdated version, inserted before them
        date(2026, 5, 31): ("2026-04-01", 3000),
    }
    for on, terms in expected.items():
        hubs = await _hubs(fed, on)
        assert len(hubs) == len(orders) == 24
        wrong = {
            " > ".join(orders[int(cid[-2:])]): got for cid, got in hubs.items() if got != terms
        }
        assert wrong == {}, f"on {on}: expected {terms}"


async def test_an_event_without_history_adds_nothing_once_a_history_is_held(
    fed: Federation,
) -> None:
    events = _events("c-hub-1")
    await fed.deliver(events["activated"])
    # An old variation, published before histories existed, replayed after the history.
    await fed.deliver(
        ContractVaried(
            **{**events["legacy"].model_dump(), "effective_from": JUNE, "payment": _terms(9999)}
        )
    )
    assert await _hubs(fed) == {"c-hub-1": ("2026-04-01", 3000)}


@pytest.mark.parametrize("terminated_first", [True, False])
async def test_a_history_with_a_termination_ends_the_hub_whatever_order_it_arrives_in(
    fed: Federation, terminated_first: bool
) -> None:
    events = _events("c-hub-1")
    terminated = ContractTerminated(
        **{
            **events["backdated"].model_dump(),
            "status": "terminated",
            # The first day no longer in force: the hub's last day is 31 December.
            "effective_from": date(2027, 1, 1),
            "terminated_on": date(2027, 1, 1),
            "history_revision": 4,
        }
    )
    order = [terminated, events["backdated"]]
    for event in order if terminated_first else reversed(order):
        await fed.deliver(event)
    [hub] = (await fed.get(f"/federations/{FED}", OPS)).json()["hubs"]
    assert (hub["status"], hub["end_date"], hub["payment"]["tariff"]["first_pence"]) == (
        "terminated",
        "2026-12-31",
        3600,
    )
    [before] = (await fed.get(f"/federations/{FED}", OPS, on="2026-07-01")).json()["hubs"]
    assert (before["status"], before["payment"]["tariff"]["first_pence"]) == ("active", 3200)

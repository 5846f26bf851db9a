"""The decision policy and the gate it sets, on the contracts app alone: decisions and refusals
are delivered through the inbox as conflicts would send them (the same over the broker, with
conflicts deciding: test_decision_gate_over_the_broker.py)."""

from __future__ import annotations

from typing import Any

import pytest

from services.contracts.handlers import handlers
from shared.bus import Outcome
from shared.events import Envelope
from shared.events.conflicts import DecisionItemRefused, DecisionRecorded
from tests.conftest import deliver_through_inbox
from tests.integration.contracts.conftest import (
    CCG,
    COMMITTEE,
    NHSE,
    OTHER_CCG,
    PRACTICE,
    TARIFF,
    Api,
    field_of,
    first_of_month,
    today,
)

pytestmark = pytest.mark.integration

POLICY = "/commissioners/{}/decision-policy"
DEFAULT = {
    "gated_kinds": ["APMS", "DES", "LES", "LIS", "HUB", "PRIME"],
    "gate_variations": True,
    "gate_terminations": True,
}
UPLIFT = {**TARIFF, "tariff": {"first_pence": 3700, "follow_up_pence": 2100}}
GMS = {"kind": "GMS", "provider_ods": PRACTICE, "distribution": None}


def _variation(**extra: Any) -> dict[str, Any]:
    return {
        "effective_from": first_of_month(1).isoformat(),
        "changes": {"payment": UPLIFT},
        "reason": "uplift",
        **extra,
    }


async def test_the_default_policy_gates_the_kinds_outside_the_core_contracts(
    registered: Api,
) -> None:
    got = await registered.get(POLICY.format(CCG), role="commissioner", org=CCG)
    assert got.status_code == 200, got.text
    assert got.json() == {"commissioner_ods": CCG, **DEFAULT}
    governance = await registered.get(POLICY.format(CCG), role="governance", org=CCG)
    assert governance.status_code == 200


async def test_only_the_commissioner_or_ops_sets_its_policy_and_it_is_published(
    registered: Api,
) -> None:
    body = {
        "gated_kinds": ["GMS", "HUB", "HUB"],
        "gate_variations": True,
        "gate_terminations": False,
    }
    other = await registered.put(POLICY.format(CCG), body, org=OTHER_CCG)
    assert other.status_code == 403
    governance = await registered.put(POLICY.format(CCG), body, role="governance")
    assert governance.status_code == 403
    bad = await registered.put(POLICY.format(CCG), {**body, "gated_kinds": ["XYZ"]})
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"][:2] == ["body", "gated_kinds"]
    not_a_commissioner = await registered.put(POLICY.format(PRACTICE), body, role="ops", org=NHSE)
    assert not_a_commissioner.status_code == 404

    made = await registered.put(POLICY.format(CCG), body)
    assert made.status_code == 200, made.text
    assert made.json()["gated_kinds"] == ["GMS", "HUB"]
    assert (await registered.get(POLICY.format(CCG))).json() == made.json()
    by_ops = await registered.put(POLICY.format(OTHER_CCG), DEFAULT, role="ops", org=NHSE)
    assert by_ops.status_code == 200
    [event, _] = await registered.outbox("gpfed.decision_policy.set")
    assert event["commissioner_ods"] == CCG and event["gated_kinds"] == ["GMS", "HUB"]
    assert event["gate_terminations"] is False


async def test_a_gated_kind_names_a_committee_and_is_not_activated_directly(
    registered: Api,
) -> None:
    refused = await registered.propose(expect=422, decision_committee_id=None)
    assert field_of(refused) == ["decision_committee_id"]
    assert refused.json()["errors"][0]["loc"] == ["body", "decision_committee_id"]

    await registered.put(POLICY.format(CCG), {**DEFAULT, "gated_kinds": ["GMS"]})
    unnamed = await registered.propose(**GMS, decision_committee_id=None, expect=422)
    assert field_of(unnamed) == ["decision_committee_id"]
    hub = (await registered.propose(decision_committee_id=None)).json()["id"]

    # The policy is read again at activation: a HUB proposed while ungated is gated now.
    await registered.put(POLICY.format(CCG), DEFAULT)
    stepped_round = await registered.post(f"/contracts/{hub}/activate", {})
    assert stepped_round.status_code == 409
    assert "decision policy" in stepped_round.json()["detail"]


async def test_a_held_change_applies_once_however_often_its_approval_arrives(
    registered: Api,
) -> None:
    contract_id = await registered.active()
    held = await registered.post(f"/contracts/{contract_id}/variations", _variation())
    assert held.status_code == 202, held.text
    change = held.json()
    [proposed] = await registered.outbox("gpfed.contract.change_proposed")
    assert proposed["change_id"] == change["change_id"]
    assert proposed["item_id"] == change["decision_item_id"]
    assert (proposed["change_kind"], proposed["committee_id"]) == ("variation", COMMITTEE)

    def approval() -> Envelope:
        event = DecisionRecorded(
            item_id=change["decision_item_id"],
            committee_id=COMMITTEE,
            contract_id=contract_id,
            outcome="approved",
            quorate=True,
            decided_on=today(),
            conflicts=[],
        )
        return Envelope.wrap(event, source="/gpfed/conflicts")

    deferred = DecisionRecorded(**{**approval().data, "outcome": "deferred"})  # type: ignore[arg-type]
    await deliver_through_inbox(
        registered.app.state.db, handlers, Envelope.wrap(deferred, source="/gpfed/conflicts")
    )
    assert (await _change(registered, contract_id, change))["status"] == "awaiting_decision"
    envelope = approval()
    db = registered.app.state.db
    assert await deliver_through_inbox(db, handlers, envelope) is Outcome.APPLIED
    assert await deliver_through_inbox(db, handlers, envelope) is Outcome.DUPLICATE
    assert await deliver_through_inbox(db, handlers, approval()) is Outcome.APPLIED
    assert (await _change(registered, contract_id, change))["status"] == "approved"
    assert len(await registered.outbox("gpfed.contract.varied")) == 1
    got = (await registered.get(f"/contracts/{contract_id}")).json()
    assert len(got["variations"]) == 1


async def _change(api: Api, contract_id: str, change: dict[str, Any]) -> dict[str, Any]:
    got = await api.get(f"/contracts/{contract_id}/changes/{change['change_id']}")
    assert got.status_code == 200, got.text
    found: dict[str, Any] = got.json()
    return found


async def test_a_change_whose_item_conflicts_refuses_is_refused_with_the_reason(
    registered: Api,
) -> None:
    contract_id = await registered.active()
    change = (
        await registered.post(
            f"/contracts/{contract_id}/terminate",
            {"effective_on": first_of_month(2).isoformat(), "reason": "recommissioned"},
        )
    ).json()
    refusal = DecisionItemRefused(
        contract_id=contract_id,
        committee_id=COMMITTEE,
        commissioner_ods=CCG,
        reason=f"committee {COMMITTEE} is unknown to the conflicts service",
        change_id=change["change_id"],
    )
    envelope = Envelope.wrap(refusal, source="/gpfed/conflicts")
    await deliver_through_inbox(registered.app.state.db, handlers, envelope)
    refused = await _change(registered, contract_id, change)
    assert refused["status"] == "refused" and "unknown" in refused["outcome_reason"]
    assert (await registered.get(f"/contracts/{contract_id}")).json()["status"] == "active"


async def test_a_gated_contract_made_without_a_committee_names_one_for_its_change(
    registered: Api,
) -> None:
    await registered.put(POLICY.format(CCG), {**DEFAULT, "gated_kinds": []})
    contract_id = await registered.active(decision_committee_id=None)
    await registered.put(POLICY.format(CCG), DEFAULT)
    unnamed = await registered.post(f"/contracts/{contract_id}/variations", _variation())
    assert field_of(unnamed) == ["decision_committee_id"]
    named = await registered.post(
        f"/contracts/{contract_id}/variations", _variation(decision_committee_id="pccc-x")
    )
    assert named.status_code == 202 and named.json()["committee_id"] == "pccc-x"


async def test_the_changes_are_the_commissioners_and_providers_to_read(registered: Api) -> None:
    contract_id = await registered.active()
    await registered.post(f"/contracts/{contract_id}/variations", _variation())
    path = f"/contracts/{contract_id}/changes"
    assert (await registered.get(path, role="commissioner", org=CCG)).status_code == 200
    assert (await registered.get(path, role="federation", org="Y02765")).status_code == 200
    assert (await registered.get(path, role="commissioner", org=OTHER_CCG)).status_code == 403
    assert (await registered.get(f"{path}/nope")).status_code == 404
    # The change is read back as it was asked for.
    [item] = (await registered.get(path)).json()["items"]
    assert item["request"]["changes"]["payment"]["tariff"] == UPLIFT["tariff"]


async def test_held_changes_across_contracts_are_one_scoped_and_paginated_read(
    registered: Api,
) -> None:
    first, second = await registered.active(), await registered.active()
    for contract_id in (first, second):
        made = await registered.post(f"/contracts/{contract_id}/variations", _variation())
        assert made.status_code == 202, made.text
    held = await registered.get("/changes", status="awaiting_decision", limit=1)
    assert held.status_code == 200, held.text
    page_one = held.json()
    assert len(page_one["items"]) == 1 and page_one["next_cursor"]
    page_two = (
        await registered.get("/changes", status="awaiting_decision", cursor=page_one["next_cursor"])
    ).json()
    seen = [c["contract_id"] for c in page_one["items"] + page_two["items"]]
    assert sorted(seen) == sorted([first, second]) and page_two["next_cursor"] is None
    # Another commissioner, or a provider asking for someone else's, finds nothing.
    other = await registered.get("/changes", role="commissioner", org=OTHER_CCG)
    assert other.status_code == 200 and other.json()["items"] == []
    asked_for_another = await registered.get(
        "/changes", role="federation", org="Y02765", provider_ods=PRACTICE
    )
    assert asked_for_another.json()["items"] == []
    provider = await registered.get("/changes", role="federation", org="Y02765")
    assert {c["contract_id"] for c in provider.json()["items"]} == {first, second}
    assert (await registered.get("/changes", status="approved")).json()["items"] == []
    bad = await registered.get("/changes", status="pending")
    assert bad.status_code == 422
    assert (await registered.get("/changes", role="governance", org=CCG)).status_code == 403

"""A contract is decided only by a committee of its own commissioner (docs/security.md,
"contracts"): refused at once when contracts knows the committee is another's, and otherwise
rejected when conflicts refuses to open an item for it."""

from __future__ import annotations

import pytest

from services.contracts.handlers import handlers
from shared.bus import Outcome
from shared.events import Envelope
from shared.events.conflicts import CommitteeFormed, DecisionItemRefused
from tests.conftest import deliver_through_inbox
from tests.integration.contracts.conftest import CCG, OTHER_CCG, Api, field_of
from tests.integration.contracts.test_lifecycle import decision, status_of

pytestmark = pytest.mark.integration


async def _deliver(api: Api, event: CommitteeFormed | DecisionItemRefused) -> Outcome:
    envelope = Envelope.wrap(event, source="/gpfed/conflicts")
    return await deliver_through_inbox(api.app.state.db, handlers, envelope)


def _formed(committee_id: str, org: str | None) -> CommitteeFormed:
    return CommitteeFormed(
        committee_id=committee_id, name="PCCC", member_ids=["p1"], organisation_ods=org
    )


async def test_a_contract_naming_a_committee_known_to_be_another_organisations_is_a_422(
    registered: Api,
) -> None:
    assert await _deliver(registered, _formed("pccc-03a", OTHER_CCG)) is Outcome.APPLIED
    assert await _deliver(registered, _formed("pccc-02w", CCG)) is Outcome.APPLIED
    refused = await registered.propose(expect=422, decision_committee_id="pccc-03a")
    assert field_of(refused) == ["decision_committee_id"]
    assert refused.json()["errors"][0]["loc"] == ["body", "decision_committee_id"]
    assert refused.json()["detail"] == (
        f"decision_committee_id: committee pccc-03a is not a committee of the commissioner {CCG}"
    )
    assert await registered.outbox("gpfed.contract.proposed") == []
    # Its own committee, and one contracts does not know yet, are accepted.
    await registered.propose(decision_committee_id="pccc-02w")
    await registered.propose(decision_committee_id="pccc-not-yet-known")
    assert len(await registered.outbox("gpfed.contract.proposed")) == 2


async def test_an_item_refused_by_conflicts_rejects_the_proposed_contract_with_the_reason(
    registered: Api,
) -> None:
    contract_id = (await registered.propose(decision_committee_id="pccc-03a")).json()["id"]
    reason = f"committee pccc-03a is not a committee of {CCG}"

    def refusal(committee_id: str = "pccc-03a") -> DecisionItemRefused:
        return DecisionItemRefused(
            contract_id=contract_id,
            committee_id=committee_id,
            commissioner_ods=CCG,
            reason=reason,
        )

    # A refusal about another committee than the contract names changes nothing.
    assert await _deliver(registered, refusal("pccc-other")) is Outcome.APPLIED
    assert await status_of(registered, contract_id) == "proposed"

    assert await _deliver(registered, refusal()) is Outcome.APPLIED
    got = (await registered.get(f"/contracts/{contract_id}")).json()
    assert (got["status"], got["rejection_reason"]) == ("rejected", reason)
    [rejected] = await registered.outbox("gpfed.contract.rejected")
    assert (rejected["contract_id"], rejected["reason"]) == (contract_id, reason)

    # Again, or a decision arriving afterwards, changes nothing: the contract stays rejected.
    assert await _deliver(registered, refusal()) is Outcome.APPLIED
    await deliver_through_inbox(
        registered.app.state.db, handlers, decision(contract_id, committee_id="pccc-03a")
    )
    assert await status_of(registered, contract_id) == "rejected"
    assert len(await registered.outbox("gpfed.contract.rejected")) == 1
    assert await registered.outbox("gpfed.contract.activated") == []


async def test_a_rejecting_decision_keeps_its_reason_on_the_contract(registered: Api) -> None:
    contract_id = (await registered.propose(decision_committee_id="pccc-02w")).json()["id"]
    await deliver_through_inbox(
        registered.app.state.db,
        handlers,
        decision(contract_id, outcome="rejected", committee_id="pccc-02w", item_id="item-9"),
    )
    got = (await registered.get(f"/contracts/{contract_id}")).json()
    assert (got["status"], got["rejection_reason"]) == (
        "rejected",
        "rejected by decision item item-9",
    )

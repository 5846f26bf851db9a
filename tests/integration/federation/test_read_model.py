"""The read model of contracts' and payments' events, applied through the inbox."""

from __future__ import annotations

from datetime import date

import pytest

from shared.bus import Outcome
from shared.events import Envelope
from shared.events.contracts import (
    ContractTerminated,
    ContractVaried,
    OrganisationRegistered,
    OrganisationUpdated,
)
from tests.integration.federation.conftest import CCG, FED, HUB, OPS, Federation, hub_activated

pytestmark = pytest.mark.integration


async def test_a_federation_appears_when_contracts_registers_it(fed: Federation) -> None:
    assert (await fed.get(f"/federations/{FED}", OPS)).status_code == 404
    await fed.deliver(
        OrganisationRegistered(ods_code=FED, kind="federation", name="North", legal_form="CIC")
    )
    await fed.deliver(OrganisationRegistered(ods_code="B86001", kind="practice", name="Surgery"))
    body = (await fed.get(f"/federations/{FED}", OPS)).json()
    assert body == {"ods_code": FED, "name": "North", "legal_form": "CIC", "hubs": []}
    assert (await fed.get("/federations/B86001", OPS)).status_code == 404


async def test_an_older_update_arriving_late_does_not_overwrite_a_newer_one(
    fed: Federation,
) -> None:
    older = Envelope.wrap(
        OrganisationRegistered(ods_code=FED, kind="federation", name="Original"),
        source="/gpfed/contracts",
    )
    newer = Envelope.wrap(
        OrganisationUpdated(ods_code=FED, kind="federation", name="Renamed"),
        source="/gpfed/contracts",
    )
    await fed.deliver_envelope(newer)
    await fed.deliver_envelope(older)
    assert (await fed.get(f"/federations/{FED}", OPS)).json()["name"] == "Renamed"


async def test_hub_contract_activation_gives_the_federation_a_hub_with_its_terms(
    fed: Federation,
) -> None:
    await fed.deliver(OrganisationRegistered(ods_code=FED, kind="federation", name="North"))
    await fed.deliver(hub_activated())
    await fed.deliver(hub_activated(contract_id="c-gms", kind="GMS", distribution=None))
    [hub] = (await fed.get(f"/federations/{FED}", OPS)).json()["hubs"]
    assert hub["contract_id"] == HUB
    assert hub["commissioner_ods"] == CCG
    assert (hub["start_date"], hub["end_date"]) == ("2026-04-01", "2027-03-31")
    assert hub["payment"]["tariff"] == {"first_pence": 3000, "follow_up_pence": 2000}
    assert hub["distribution"]["clinician_fee_per_consultation_pence"] == 1500


async def test_variation_applies_from_its_effective_date_whatever_order_events_arrive(
    fed: Federation,
) -> None:
    varied = ContractVaried(
        **{
            **hub_activated().model_dump(),
            "effective_from": date(2026, 10, 1),
            "end_date": date(2027, 9, 30),
            "payment": {
                "basis": "tariff",
                "schedule": "monthly",
                "tariff": {"first_pence": 3500, "follow_up_pence": 2000},
            },
        }
    )
    await fed.deliver(varied)  # before the activation it varies
    await fed.deliver(hub_activated())
    [hub] = (await fed.get(f"/federations/{FED}", OPS)).json()["hubs"]
    assert (hub["effective_from"], hub["end_date"]) == ("2026-10-01", "2027-09-30")
    assert hub["payment"]["tariff"]["first_pence"] == 3500
    [before] = (await fed.get(f"/federations/{FED}", OPS, on="2026-09-30")).json()["hubs"]
    assert (before["effective_from"], before["end_date"]) == ("2026-04-01", "2027-03-31")
    assert before["payment"]["tariff"]["first_pence"] == 3000


async def test_termination_ends_the_hub_the_day_before_its_effective_date(fed: Federation) -> None:
    """The effective date is the first day no longer in force (contracts' `effective_on`)."""
    await fed.deliver(hub_activated())
    terminated = ContractTerminated(
        **{
            **hub_activated().model_dump(),
            "status": "terminated",
            "effective_from": date(2027, 1, 1),
        }
    )
    await fed.deliver(terminated)
    [hub] = (await fed.get(f"/federations/{FED}", OPS)).json()["hubs"]
    assert (hub["status"], hub["end_date"]) == ("terminated", "2026-12-31")


async def test_a_redelivered_event_is_applied_once(fed: Federation) -> None:
    envelope = Envelope.wrap(hub_activated(), source="/gpfed/contracts")
    assert await fed.deliver_envelope(envelope) is Outcome.APPLIED
    assert await fed.deliver_envelope(envelope) is Outcome.DUPLICATE
    assert len((await fed.get(f"/federations/{FED}", OPS)).json()["hubs"]) == 1

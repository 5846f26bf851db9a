"""What the latency part of the bench reads in contracts and conflicts: a contract and a
committee, made through each service's own API and inbox as its integration tests make them,
so that the ``GET`` measured finds, authorises and serialises a real record."""

from __future__ import annotations

import logging
from datetime import date

from services.conflicts.app import create_app as conflicts_app
from services.conflicts.handlers import handlers as conflicts_handlers
from services.conflicts.settings import Settings as ConflictsSettings
from services.contracts.app import create_app as contracts_app
from services.contracts.settings import Settings as ContractsSettings
from shared.auth import mint_token
from shared.events import Envelope
from shared.events.contracts import OrganisationRegistered
from tests.conftest import deliver_through_inbox, running

CCG, NHSE, FEDERATION = "02W", "X24", "Y02765"


def contracts_token() -> str:
    return mint_token(ContractsSettings(), role="commissioner", org=CCG)


def conflicts_token() -> str:
    return mint_token(ConflictsSettings(), role="governance", org=CCG)


async def seed_contracts(url: str) -> str:
    """Three organisations and a proposed HUB contract between them; its id."""
    app = contracts_app(ContractsSettings(database_url=url, bus_enabled=False, log_level="WARNING"))
    ops = {"authorization": "Bearer " + mint_token(ContractsSettings(), role="ops", org=NHSE)}
    async with running(app) as client:
        logging.getLogger("httpx").setLevel(logging.WARNING)
        for body in (
            {"ods_code": CCG, "kind": "ccg", "name": "NHS Bradford City CCG"},
            {"ods_code": NHSE, "kind": "nhse", "name": "NHS England"},
            {"ods_code": FEDERATION, "kind": "federation", "name": "Bradford GP Federation"},
        ):
            r = await client.post("/organisations", json=body, headers=ops)
            assert r.status_code == 201, r.text
        contract = {
            "kind": "HUB",
            "commissioner_ods": CCG,
            "provider_ods": FEDERATION,
            "service": "extended access hub",
            "start_date": date(2026, 4, 1).isoformat(),
            "end_date": date(2027, 3, 31).isoformat(),
            "payment": {
                "basis": "tariff",
                "schedule": "monthly",
                "tariff": {"first_pence": 3500, "follow_up_pence": 2000},
            },
            "distribution": {
                "retained_percent": "10",
                "admin_charge_per_patient_pence": 6000,
                "premises_per_consultation_pence": 500,
                "clinician_fee_per_consultation_pence": 1500,
            },
            "decision_committee_id": "pccc-02w",
        }
        headers = {"authorization": "Bearer " + contracts_token()}
        r = await client.post("/contracts", json=contract, headers=headers)
        assert r.status_code == 201, r.text
        return str(r.json()["id"])


async def seed_conflicts(url: str) -> str:
    """The commissioner (through the inbox, as contracts' event would bring it), five people
    and a committee of them; the committee's id."""
    app = conflicts_app(ConflictsSettings(database_url=url, bus_enabled=False, log_level="WARNING"))
    async with running(app) as client:
        logging.getLogger("httpx").setLevel(logging.WARNING)
        event = OrganisationRegistered(ods_code=CCG, kind="ccg", name="NHS Bradford City CCG")
        envelope = Envelope.wrap(event, source="/gpfed/contracts")
        await deliver_through_inbox(app.state.db, conflicts_handlers, envelope)
        client.headers["authorization"] = "Bearer " + conflicts_token()
        roles = {"chair": "lay_chair", "lay": "lay_member", "cfo": "cfo", "gp1": "gp", "gp2": "gp"}
        members = []
        for name, role in roles.items():
            body = {"name": name, "roles": [], "decision_making": True, "affiliations": []}
            r = await client.post("/people", json=body)
            assert r.status_code == 201, r.text
            members.append({"person_id": r.json()["id"], "role": role, "voting": True})
        committee = {
            "name": "Primary Care Commissioning Committee",
            "members": members,
            "quorum": {
                "min_voting": 3,
                "lay_majority": False,
                "required": [
                    {"roles": ["lay_chair", "lay_member"], "min": 1},
                    {"roles": ["chief_officer", "cfo"], "min": 1},
                ],
            },
            "conflict_policy": {"financial": "leave_room", "professional": "stay_no_vote"},
        }
        r = await client.post("/committees", json=committee)
        assert r.status_code == 201, r.text
        return str(r.json()["id"])

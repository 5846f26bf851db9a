"""A small world of two commissioners, their federations and practices, built through the four
services' APIs (every message across the broker), for the authorisation matrix to test against.

02W commissions hub HUB from federation Y02765 (members B86001, B86002, B86003; B86001 and
B86002 subcontracted) and a GMS contract with B86001; the hub's October is closed and paid.
04Y, federation Y09999 and practice C81001 are the strangers. Each route that changes state has
a record of its own (SPARE_*), so the order the routes are tried in does not matter.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from shared.auth import mint_token
from shared.settings import ServiceSettings

CCG, OTHER_CCG, NHSE = "02W", "04Y", "X24"
FED, OTHER_FED = "Y02765", "Y09999"
PRACTICE, PEER, MEMBER, NEWCOMER, STRANGER = "B86001", "B86002", "B86003", "B86004", "C81001"

ORGANISATIONS: list[tuple[str, str, str | None]] = [
    (NHSE, "nhse", None),
    (CCG, "ccg", None),
    (OTHER_CCG, "ccg", None),
    (FED, "federation", CCG),
    (OTHER_FED, "federation", OTHER_CCG),
    (PRACTICE, "practice", CCG),
    (PEER, "practice", CCG),
    (MEMBER, "practice", CCG),
    (NEWCOMER, "practice", CCG),
    (STRANGER, "practice", OTHER_CCG),
]

TARIFF = {
    "basis": "tariff",
    "schedule": "monthly",
    "tariff": {"first_pence": 3500, "follow_up_pence": 2000},
}
RULE = {
    "retained_percent": "10",
    "admin_charge_per_patient_pence": 4000,
    "premises_per_consultation_pence": 500,
    "clinician_fee_per_consultation_pence": 1000,
}
BLOCK = {"basis": "block", "schedule": "monthly", "annual_value_pence": 1_200_000}


class WorldError(AssertionError):
    pass


class Caller:
    """One client per service; calls as any role and organisation."""

    def __init__(self, urls: dict[str, str]) -> None:
        self.clients = {s: httpx.Client(base_url=u, timeout=30) for s, u in urls.items()}
        self.settings = ServiceSettings()
        self._tokens: dict[tuple[str, str], str] = {}

    def token(self, role: str, org: str) -> str:
        if (role, org) not in self._tokens:
            self._tokens[(role, org)] = mint_token(self.settings, role=role, org=org)
        return self._tokens[(role, org)]

    def request(
        self,
        service: str,
        method: str,
        path: str,
        *,
        who: tuple[str, str] | None,
        json: Any = None,
        params: dict[str, Any] | None = None,
    ) -> httpx.Response:
        headers = {"authorization": f"Bearer {self.token(*who)}"} if who else {}
        return self.clients[service].request(
            method, path, json=json, params=params, headers=headers
        )

    def ok(
        self, service: str, method: str, path: str, who: tuple[str, str], json: Any = None
    ) -> Any:
        response = self.request(service, method, path, who=who, json=json)
        if response.status_code not in (200, 201):
            raise WorldError(f"{method} {service}{path}: {response.status_code} {response.text}")
        return response.json()

    def close(self) -> None:
        for client in self.clients.values():
            client.close()


def wait_for(what: str, probe: Callable[[], Any], timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(0.2)
    raise WorldError(f"timed out waiting for {what}")


OPS = ("ops", NHSE)
COMM = ("commissioner", CCG)
GOV = ("governance", CCG)
FEDS = ("federation", FED)
PRACTICES = ("practice", PRACTICE)


def build(api: Caller) -> dict[str, str]:
    """Builds the world; returns the ids the matrix's requests name."""
    ids: dict[str, str] = {}
    for ods, kind, parent in ORGANISATIONS:
        body: dict[str, Any] = {"ods_code": ods, "kind": kind, "name": f"{kind} {ods}"}
        if parent:
            body["parent_ods"] = parent
        if kind == "practice":
            body["list_size"] = 5000
        # Ops registers every organisation here (parents given), to build the world quickly.
        api.ok("contracts", "POST", "/organisations", OPS, body)
    _wait_registered(api)

    # Registers of interests and a committee of 02W's.
    people = {}
    for key, role in (("chair", "lay_chair"), ("lay", "lay_member"), ("cfo", "cfo"), ("gp", "gp")):
        person = {"name": f"{key} of {CCG}", "roles": [role], "decision_making": True}
        people[key] = api.ok("conflicts", "POST", "/people", GOV, person)["id"]
    ids["person"] = people["gp"]
    committee = {
        "name": "Primary Care Commissioning Committee",
        "members": [
            {"person_id": people[k], "role": r, "voting": True}
            for k, r in (
                ("chair", "lay_chair"),
                ("lay", "lay_member"),
                ("cfo", "cfo"),
                ("gp", "gp"),
            )
        ],
        "quorum": {"min_voting": 2, "lay_majority": False, "required": []},
        "conflict_policy": {},
    }
    ids["committee"] = api.ok("conflicts", "POST", "/committees", GOV, committee)["id"]
    ids["voters"] = ",".join(people.values())
    ids["affiliation"] = api.ok(
        "conflicts",
        "POST",
        f"/people/{ids['person']}/affiliations",
        GOV,
        {"organisation_ods": STRANGER, "relationship": "salaried_gp", "start_date": "2020-01-01"},
    )["id"]
    # Hospitality over £75: awaits a governance decision.
    hospitality = {
        "kind": "hospitality",
        "source": "a supplier",
        "source_is_supplier": True,
        "value_pence": 9000,
        "received_on": "2026-11-02",
        "accepted": True,
    }
    ids["gift"] = api.ok("conflicts", "POST", f"/people/{ids['person']}/gifts", GOV, hospitality)[
        "id"
    ]

    # The hub, decided by the committee.
    hub = {
        "kind": "HUB",
        "commissioner_ods": CCG,
        "provider_ods": FED,
        "service": "extended access hub",
        "start_date": "2026-09-01",
        "end_date": "2027-08-31",
        "payment": TARIFF,
        "distribution": RULE,
        "decision_committee_id": ids["committee"],
    }
    ids["hub"] = api.ok("contracts", "POST", "/contracts", COMM, hub)["id"]
    ids["hub_item"] = _item_for(api, ids["committee"], ids["hub"])
    _decide(api, ids["hub_item"], ids["voters"])
    # A second contract for the committee, left undecided for the decision route.
    ids["spare_decision_contract"] = api.ok(
        "contracts", "POST", "/contracts", COMM, {**hub, "service": "a second hub"}
    )["id"]
    ids["spare_item"] = _item_for(api, ids["committee"], ids["spare_decision_contract"])
    # The escalation route's: a second committee of 02W, and an item its committee cannot
    # decide (the GP, salaried at the provider, is conflicted: no clinician is left to advise).
    board = {
        "name": "Governing Body",
        "kind": "other",
        "members": [
            {"person_id": people["chair"], "role": "lay_chair", "voting": True},
            {"person_id": people["cfo"], "role": "cfo", "voting": True},
        ],
        "quorum": {"min_voting": 2},
    }
    ids["board"] = api.ok("conflicts", "POST", "/committees", GOV, board)["id"]
    minor_surgery = {
        "kind": "LES",
        "commissioner_ods": CCG,
        "provider_ods": STRANGER,
        "service": "minor surgery",
        "start_date": "2026-09-01",
        "payment": BLOCK,
        "offered_to_core_holders_first": True,
        "decision_committee_id": ids["committee"],
    }
    escalated = api.ok("contracts", "POST", "/contracts", COMM, minor_surgery)["id"]
    ids["escalation_item"] = _item_for(api, ids["committee"], escalated)

    gms = {
        "kind": "GMS",
        "commissioner_ods": CCG,
        "provider_ods": PRACTICE,
        "service": "general medical services",
        "start_date": "2026-04-01",
        "payment": BLOCK,
    }
    ids["gms"] = _active(api, gms)
    # An incentive scheme of 02W's (issue 20), its committee named; the practice enrolled.
    scheme = api.ok("contracts", "POST", "/schemes", COMM, scheme_body("network", ids["committee"]))
    ids["scheme"] = scheme["scheme_id"]
    enrolment = {"practice_ods": PRACTICE}
    api.ok("contracts", "POST", f"/schemes/{ids['scheme']}/enrolments", COMM, enrolment)
    ids["spare_terminate"] = _active(api, {**gms, "provider_ods": PEER})
    proposed = api.ok("contracts", "POST", "/contracts", COMM, {**gms, "provider_ods": MEMBER})
    ids["spare_activate"] = proposed["id"]
    les = {
        **gms,
        "kind": "LES",
        "service": "anticoagulation monitoring",
        "start_date": "2026-01-01",
        "payment": {"basis": "per_head", "schedule": "quarterly_arrears", "per_head_pence": 300},
        "offered_to_core_holders_first": True,
    }
    ids["spare_kpi"] = _decided(api, les, ids)  # an LES is gated by the default policy
    # A result for 2026-Q2, for the corrections route to correct.
    api.ok(
        "contracts",
        "POST",
        f"/contracts/{ids['spare_kpi']}/kpi-results",
        COMM,
        {"quarter": "2026-Q2", "achievement_percent": "80", "evidence": "QOF extract"},
    )
    # The practice's LES paid per item of service (issue 19): its months' close, reopen and read.
    fees = [{"service_code": "vaccination", "fee_pence": 1000}]
    per_item = {"basis": "item_of_service", "schedule": "monthly", "fees": fees}
    vaccinations = {**les, "service": "childhood vaccinations", "payment": per_item}
    ids["ios"] = _decided(api, vaccinations, ids)
    # A second hub in force, whose periods the close and reopen routes use.
    ids["spare_hub"] = _decided(api, {**hub, "service": "a third hub"}, ids)

    wait_for(
        "federation to run both hubs",
        lambda: (
            {ids["hub"], ids["spare_hub"]}
            <= {
                h["contract_id"]
                for h in api.ok("federation", "GET", f"/federations/{FED}", FEDS)["hubs"]
            }
        ),
    )
    # Variations of the hub and the LES, held for the committee's decision (the gate's routes).
    ids["hub_change"] = _held(api, ids["hub"], {"end_date": "2027-09-30"})
    ids["kpi_change"] = _held(
        api, ids["spare_kpi"], {"payment": {**les["payment"], "per_head_pence": 350}}
    )
    for ods in (PRACTICE, PEER, MEMBER):
        api.ok(
            "federation",
            "POST",
            f"/federations/{FED}/members",
            FEDS,
            {"practice_ods": ods, "joined_on": "2026-04-01"},
        )
    for ods, roles in ((PRACTICE, ["delivery", "admin", "premises"]), (PEER, ["delivery"])):
        for contract in (ids["hub"], ids["spare_hub"]):
            api.ok(
                "federation",
                "POST",
                f"/federations/{FED}/subcontracts",
                FEDS,
                {
                    "contract_id": contract,
                    "practice_ods": ods,
                    "roles": roles,
                    "start_date": "2026-09-01",
                },
            )
    records = [
        {
            "id": f"w-{i}",
            "contract_id": ids["hub"],
            "practice_ods": PRACTICE if i % 3 else PEER,
            "patient_ref": f"pt-{i % 7}",
            "kind": "first" if i % 2 else "follow_up",
            "occurred_at": f"2026-10-{1 + i % 28:02d}T10:00:00+01:00",
        }
        for i in range(30)
    ]
    # Two of B86001's in November, left open: the void and correction routes' own.
    records += [
        {**records[1], "id": cid, "occurred_at": "2026-11-03T10:00:00+00:00"}
        for cid in ("w-void", "w-fix")
    ]
    batch = api.ok("federation", "POST", "/consultations/batch", FEDS, {"consultations": records})
    if batch["accepted"] != len(records):
        raise WorldError(f"consultations not all accepted: {batch}")
    for contract, period in ((ids["hub"], "2026-10"), (ids["spare_hub"], "2026-09")):
        close = f"/federations/{FED}/contracts/{contract}/periods/{period}/close"
        api.ok("federation", "POST", close, FEDS)
    ios_period = f"/practices/{PRACTICE}/contracts/{ids['ios']}/periods/2026-09"
    wait_for(
        "federation to hold the item-of-service LES",
        lambda: api.request("federation", "GET", ios_period, who=PRACTICES).status_code == 200,
    )
    api.ok("federation", "POST", ios_period + "/close", PRACTICES)

    def distributed() -> bool:
        api.ok("payments", "POST", "/payment-runs", COMM, {"period": "2026-10"})
        found = api.request(
            "payments",
            "GET",
            "/distributions",
            who=COMM,
            params={"contract_id": ids["hub"], "period": "2026-10"},
        )
        return found.status_code == 200 and found.json()["status"] == "completed"

    wait_for("the hub's October to be paid and distributed", distributed)
    gain = api.ok("payments", "POST", "/gain-shares", COMM, gain_share_year("dermatology"))
    ids["gain_share"] = gain["gain_share_id"]
    position = f"/schemes/{ids['scheme']}/position"
    wait_for(
        "payments to hold the scheme",
        lambda: api.request("payments", "GET", position, who=COMM).status_code == 200,
    )
    return ids


def scheme_body(name: str, committee_id: str) -> dict[str, Any]:
    """02W's LIS scheme for 2026/27, released and balanced practice by practice; the committee
    named (an empty id: one another test's world does not know, accepted as any unknown one)."""
    return {
        "commissioner_ods": CCG,
        "kind": "LIS",
        "name": name,
        "year": "2026/27",
        "per_head_pence": 1000,
        "upfront_percent": "70",
        "standards": [{"code": "AF-1", "title": "AF register"}],
        "release": "practice",
        "balancing": "all_or_nothing",
        "decision_committee_id": committee_id or "com_unknown",
    }


def gain_share_year(service: str) -> dict[str, Any]:
    """02W's gain share year 2025/26 (issue 20) for the federation, which overspent: it earns
    nothing, so needs no members in force that year."""
    alliance = {
        "federation_ods": FED,
        "weighted_population": 10_000,
        "baseline_spend_pence": 5_000_000,
        "actual_spend_pence": 5_100_000,
    }
    return {"commissioner_ods": CCG, "service": service, "year": "2025/26", "alliances": [alliance]}


def _wait_registered(api: Caller) -> None:
    """A token is refused until the service it calls knows its organisation."""

    def known(service: str, path: str, who: tuple[str, str]) -> bool:
        return api.request(service, "GET", path, who=who).status_code == 200

    wait_for(
        "every service to learn of every organisation",
        lambda: (
            all(
                known("federation", f"/federations/{fed}", ("federation", fed))
                for fed in (FED, OTHER_FED)
            )
            and all(
                known("conflicts", "/compliance/overdue", ("governance", ccg))
                for ccg in (CCG, OTHER_CCG)
            )
            and all(
                known("payments", f"/accounts/{ods}", (role, ods))
                for ods, kind, _ in ORGANISATIONS
                for role in {"practice": ["practice"], "federation": ["federation"]}.get(kind, [])
            )
            and all(
                known("payments", "/payment-runs", ("commissioner", ccg))
                for ccg in (CCG, OTHER_CCG, NHSE)
            )
        ),
    )


def _active(api: Caller, body: dict[str, Any]) -> str:
    contract_id = str(api.ok("contracts", "POST", "/contracts", COMM, body)["id"])
    api.ok("contracts", "POST", f"/contracts/{contract_id}/activate", COMM)
    return contract_id


def _decided(api: Caller, body: dict[str, Any], ids: dict[str, str]) -> str:
    """A gated contract proposed to the committee, approved by it and in force."""
    body = {**body, "decision_committee_id": ids["committee"]}
    contract_id = str(api.ok("contracts", "POST", "/contracts", COMM, body)["id"])
    _decide(api, _item_for(api, ids["committee"], contract_id), ids["voters"])
    wait_for(
        f"contract {contract_id} to be activated by the decision",
        lambda: api.ok("contracts", "GET", f"/contracts/{contract_id}", COMM)["status"] == "active",
    )
    return contract_id


def _held(api: Caller, contract_id: str, changes: dict[str, Any]) -> str:
    """A variation of a gated contract, held (202) until its committee decides it."""
    body = {"effective_from": "2027-06-01", "changes": changes, "reason": "held for decision"}
    path = f"/contracts/{contract_id}/variations"
    held = api.request("contracts", "POST", path, who=COMM, json=body)
    if held.status_code != 202:
        raise WorldError(f"the variation of {contract_id} was not held: {held.text}")
    return str(held.json()["change_id"])


def _item_for(api: Caller, committee_id: str, contract_id: str) -> str:
    def item() -> str | None:
        page = api.ok("conflicts", "GET", f"/committees/{committee_id}/items", GOV)
        return next((i["id"] for i in page["items"] if i["contract_id"] == contract_id), None)

    return str(wait_for(f"the decision item for {contract_id}", item))


def decision(voters: str) -> dict[str, Any]:
    people = voters.split(",")
    return {
        "outcome": "approved",
        "present": people,
        "votes": [{"person_id": p, "vote": "for"} for p in people],
    }


def _decide(api: Caller, item_id: str, voters: str) -> None:
    api.ok("conflicts", "POST", f"/items/{item_id}/decision", GOV, decision(voters))

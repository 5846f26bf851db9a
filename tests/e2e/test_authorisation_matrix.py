"""The authorisation matrix: every route of every service, enumerated from the apps, against
every role, with the token's organisation as the route's owner, a related party and a stranger,
asserting what docs/security.md declares (read from the document itself).

The four services run as processes on PostgreSQL with a real broker; the world they are tried
against is built through their APIs (tests/e2e/world.py). Admitted requests must succeed (or,
where a state change was already made by an earlier admitted caller, answer 409); refused ones
must answer 403 (404 for the conflicts service's records, 422 where the body names records of
another organisation). A token whose role does not fit its organisation, or no token, is
refused on every route but the public ones.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from services.federation.domain.encounter import KIND_SYSTEM, NHS_NUMBER_SYSTEM, ODS_SYSTEM
from shared.broker import Broker, free_port
from tests.conftest import truncate_all
from tests.e2e import world as w
from tests.e2e.access_model import RELATIONS, ROLES, Model, read_model, served_routes
from tests.e2e.harness import Suite, running_suite

pytestmark = pytest.mark.e2e

MODEL: Model = read_model()
_fresh = itertools.count(1)

#: Who each role's tokens are to a route's resource where its case does not say otherwise.
DEFAULT_PARTIES: dict[str, dict[str, str]] = {
    "commissioner": {"owner": w.CCG, "stranger": w.OTHER_CCG},
    "governance": {"owner": w.CCG, "stranger": w.OTHER_CCG},
    "federation": {"owner": w.FED, "stranger": w.OTHER_FED},
    "practice": {"owner": w.PRACTICE, "related": w.PEER, "stranger": w.STRANGER},
}
#: Tokens whose role does not fit their organisation's kind, or whose organisation is unknown.
MISFITS = [
    ("practice", w.CCG),
    ("commissioner", w.PRACTICE),
    ("governance", w.FED),
    ("federation", w.CCG),
    ("commissioner", "99Z"),
]


@dataclass
class Case:
    """One request to a route, and who each role's tokens are to what it names."""

    path: str | Callable[[dict[str, str]], str]
    body: Any = None
    params: dict[str, Any] | Callable[[dict[str, str]], dict[str, Any]] | None = None
    parties: dict[str, dict[str, str]] = field(default_factory=dict)
    admitted: frozenset[int] = frozenset({200, 201})
    #: What a caller whose role the route admits gets for a record that is not its own.
    refused: frozenset[int] = frozenset({403})

    def tokens(self, role: str) -> list[tuple[str, str]]:
        """(relation, organisation) pairs a role is tried as."""
        return list(self.parties.get(role, DEFAULT_PARTIES[role]).items())


def fresh(make: Callable[[int], Any]) -> Callable[[], Any]:
    """A body made anew for each call, so admitted callers do not collide."""
    return lambda: make(next(_fresh))


ROLE_REFUSED = frozenset({403})
AGAIN = frozenset({200, 201, 409})  # the first admitted caller changed it; the next finds it done
HIDDEN = frozenset({404})  # the conflicts service does not confirm another's records exist
COMM_ONLY = {"commissioner": {"owner": w.CCG, "stranger": w.OTHER_CCG}}
HUB_PARTIES = {
    "commissioner": {"owner": w.CCG, "stranger": w.OTHER_CCG},
    "federation": {"owner": w.FED, "stranger": w.OTHER_FED},
    "practice": {"related": w.PRACTICE, "stranger": w.STRANGER},
}
OF_FEDERATION = {
    "commissioner": {"related": w.CCG, "stranger": w.OTHER_CCG},
    "federation": {"owner": w.FED, "stranger": w.OTHER_FED},
    "practice": {"related": w.PRACTICE, "stranger": w.STRANGER},
}
#: A practice's LES (``spare_kpi``): its commissioner and the practice that holds it.
LES_PARTIES = {
    "commissioner": {"owner": w.CCG, "stranger": w.OTHER_CCG},
    "practice": {"owner": w.PRACTICE, "related": w.PEER, "stranger": w.STRANGER},
    "federation": {"related": w.FED, "stranger": w.OTHER_FED},
}
ANYONE = {
    "commissioner": {"owner": w.CCG, "stranger": w.OTHER_CCG},
    "federation": {"owner": w.FED, "stranger": w.OTHER_FED},
    "practice": {"owner": w.PRACTICE, "stranger": w.STRANGER},
    "governance": {"owner": w.CCG, "stranger": w.OTHER_CCG},
}


def _account_cases(path: Callable[[str], str]) -> list[Case]:
    return [
        Case(
            lambda ids: path(w.PRACTICE),
            parties={
                "practice": {"owner": w.PRACTICE, "related": w.PEER, "stranger": w.STRANGER},
                "federation": {"related": w.FED, "stranger": w.OTHER_FED},
                "commissioner": {"related": w.CCG, "stranger": w.OTHER_CCG},
            },
        ),
        Case(
            lambda ids: path(w.FED),
            parties={
                "federation": {"owner": w.FED, "stranger": w.OTHER_FED},
                "commissioner": {"related": w.CCG, "stranger": w.OTHER_CCG},
                "practice": {"related": w.PRACTICE, "stranger": w.STRANGER},  # a member
            },
        ),
        Case(
            lambda ids: path(w.CCG),
            parties={
                "commissioner": {"owner": w.CCG, "stranger": w.OTHER_CCG},
                # The hub's federation and a practice it pays have no part in 02W's books.
                "federation": {"stranger": w.FED},
                "practice": {"stranger": w.PRACTICE},
            },
        ),
    ]


def _period(contract: str, period: str, action: str = "") -> Callable[[dict[str, str]], str]:
    return lambda ids: f"/federations/{w.FED}/contracts/{ids[contract]}/periods/{period}{action}"


def _ios_period(period: str, action: str = "") -> Callable[[dict[str, str]], str]:
    return lambda ids: f"/practices/{w.PRACTICE}/contracts/{ids['ios']}/periods/{period}{action}"


#: The practice's item-of-service LES (``ios``): the practice that holds it, its commissioner.
IOS_PARTIES = {
    "practice": {"owner": w.PRACTICE, "stranger": w.STRANGER},
    "commissioner": {"owner": w.CCG, "stranger": w.OTHER_CCG},
    "federation": {"stranger": w.FED},
}


GIFT = {
    "kind": "gift",
    "source": "a supplier",
    "source_is_supplier": True,
    "value_pence": 500,
    "received_on": "2026-11-02",
    "accepted": True,
}

CASES: dict[tuple[str, str], list[Case]] = {
    # --- contracts ---------------------------------------------------------------------
    ("contracts", "POST /organisations"): [
        Case(
            "/organisations",
            fresh(
                lambda n: {
                    "ods_code": f"B87{n:03d}",
                    "kind": "practice",
                    "name": "New practice",
                    "parent_ods": w.CCG,
                }
            ),
            parties=COMM_ONLY,
        )
    ],
    ("contracts", "GET /organisations"): [Case("/organisations", parties=ANYONE)],
    ("contracts", "GET /organisations/{ods}"): [
        Case(f"/organisations/{w.PRACTICE}", parties=ANYONE)
    ],
    ("contracts", "PATCH /organisations/{ods}"): [
        Case(f"/organisations/{w.NEWCOMER}", {"name": "Renamed"}, parties=COMM_ONLY)
    ],
    ("contracts", "POST /organisations/{ods}/list-sizes"): [
        Case(
            f"/organisations/{w.NEWCOMER}/list-sizes",
            fresh(
                lambda n: {
                    "effective_from": str(date(2026, 1, 1) + timedelta(days=n)),
                    "list_size": 5000 + n,
                }
            ),
            parties=COMM_ONLY,
        )
    ],
    ("contracts", "POST /contracts"): [
        Case(
            "/contracts",
            {
                "kind": "GMS",
                "commissioner_ods": w.CCG,
                "provider_ods": w.NEWCOMER,
                "service": "gms",
                "start_date": "2026-04-01",
                "payment": w.BLOCK,
            },
            parties=COMM_ONLY,
        )
    ],
    ("contracts", "GET /contracts"): [Case("/contracts", parties=ANYONE)],
    ("contracts", "POST /contracts/expire-due"): [
        Case("/contracts/expire-due", {"on": "2026-01-01"})
    ],
    ("contracts", "GET /contracts/{contract_id}"): [
        Case(lambda ids: f"/contracts/{ids['hub']}", parties=HUB_PARTIES),
        Case(
            lambda ids: f"/contracts/{ids['gms']}",
            parties={
                "commissioner": {"owner": w.CCG, "stranger": w.OTHER_CCG},
                "practice": {"owner": w.PRACTICE, "related": w.PEER, "stranger": w.STRANGER},
                "federation": {"related": w.FED, "stranger": w.OTHER_FED},
            },
        ),
    ],
    ("contracts", "POST /contracts/{contract_id}/activate"): [
        Case(
            lambda ids: f"/contracts/{ids['spare_activate']}/activate",
            {},
            parties=COMM_ONLY,
            admitted=AGAIN,
        )
    ],
    ("contracts", "POST /contracts/{contract_id}/variations"): [
        Case(
            lambda ids: f"/contracts/{ids['gms']}/variations",
            fresh(
                lambda n: {
                    "effective_from": str(date(2030, 1, 1) + timedelta(days=n)),
                    "reason": "uplift",
                    "changes": {"payment": {**w.BLOCK, "annual_value_pence": 1_300_000}},
                }
            ),
            parties=COMM_ONLY,
        )
    ],
    ("contracts", "POST /contracts/{contract_id}/terminate"): [
        Case(
            lambda ids: f"/contracts/{ids['spare_terminate']}/terminate",
            {"effective_on": "2027-06-01", "reason": "recommissioned"},
            parties=COMM_ONLY,
            admitted=AGAIN,
        )
    ],
    ("contracts", "POST /contracts/{contract_id}/kpi-results"): [
        Case(
            lambda ids: f"/contracts/{ids['spare_kpi']}/kpi-results",
            {"quarter": "2026-Q1", "achievement_percent": "90", "evidence": "QOF extract"},
            parties=COMM_ONLY,
            admitted=AGAIN,
        )
    ],
    ("contracts", "POST /contracts/{contract_id}/kpi-results/{quarter}/corrections"): [
        Case(
            lambda ids: f"/contracts/{ids['spare_kpi']}/kpi-results/2026-Q2/corrections",
            fresh(
                lambda n: {
                    "achievement_percent": "85",
                    "evidence": f"QOF extract, resubmission {n}",
                    "reason": "late data",
                }
            ),
            parties=COMM_ONLY,
        )
    ],
    ("contracts", "GET /changes"): [Case("/changes", parties=ANYONE)],
    ("contracts", "GET /contracts/{contract_id}/changes"): [
        Case(lambda ids: f"/contracts/{ids['hub']}/changes", parties=HUB_PARTIES),
        Case(lambda ids: f"/contracts/{ids['spare_kpi']}/changes", parties=LES_PARTIES),
    ],
    ("contracts", "GET /contracts/{contract_id}/changes/{change_id}"): [
        Case(
            lambda ids: f"/contracts/{ids['hub']}/changes/{ids['hub_change']}", parties=HUB_PARTIES
        ),
        Case(
            lambda ids: f"/contracts/{ids['spare_kpi']}/changes/{ids['kpi_change']}",
            parties=LES_PARTIES,
        ),
    ],
    ("contracts", "GET /commissioners/{ods}/decision-policy"): [
        Case(
            f"/commissioners/{w.CCG}/decision-policy",
            parties={
                "commissioner": {"owner": w.CCG, "stranger": w.OTHER_CCG},
                "governance": {"owner": w.CCG, "stranger": w.OTHER_CCG},
            },
        )
    ],
    ("contracts", "PUT /commissioners/{ods}/decision-policy"): [
        # The default policy, restated: the world's other cases go on under the same gate.
        Case(
            f"/commissioners/{w.CCG}/decision-policy",
            {
                "gated_kinds": ["HUB", "PRIME", "APMS", "LES", "LIS", "DES"],
                "gate_variations": True,
                "gate_terminations": True,
            },
            parties=COMM_ONLY,
        )
    ],
    ("contracts", "POST /schemes"): [
        Case("/schemes", fresh(lambda n: w.scheme_body(f"scheme {n}", "")), parties=COMM_ONLY)
    ],
    ("contracts", "GET /schemes"): [
        Case(
            "/schemes",
            parties={
                "commissioner": {"owner": w.CCG, "stranger": w.OTHER_CCG},
                "practice": {"owner": w.PRACTICE, "stranger": w.STRANGER},
            },
        )
    ],
    ("contracts", "GET /schemes/{scheme_id}"): [
        Case(
            lambda ids: f"/schemes/{ids['scheme']}",
            parties={
                "commissioner": {"owner": w.CCG, "stranger": w.OTHER_CCG},
                "practice": {"owner": w.PRACTICE, "stranger": w.STRANGER},
            },
        )
    ],
    ("contracts", "POST /schemes/{scheme_id}/enrolments"): [
        Case(
            lambda ids: f"/schemes/{ids['scheme']}/enrolments",
            {"practice_ods": w.PEER},
            parties=COMM_ONLY,
            admitted=AGAIN,
        )
    ],
    ("contracts", "POST /schemes/{scheme_id}/results"): [
        Case(
            lambda ids: f"/schemes/{ids['scheme']}/results",
            {
                "practice_ods": w.PRACTICE,
                "standards": [{"code": "AF-1", "delivered": True}],
                "reason": "year-end return",
            },
            parties=COMM_ONLY,
            admitted=AGAIN,
        )
    ],
    # --- payments ----------------------------------------------------------------------
    ("payments", "POST /payment-runs"): [
        Case("/payment-runs", {"period": "2026-10"}, parties=ANYONE)
    ],
    ("payments", "GET /payment-runs"): [Case("/payment-runs", parties=ANYONE)],
    ("payments", "GET /payment-runs/pending"): [Case("/payment-runs/pending", parties=ANYONE)],
    ("payments", "GET /distributions"): [
        Case(
            "/distributions",
            params=lambda ids: {"contract_id": ids["hub"], "period": "2026-10"},
            parties={
                "commissioner": {"owner": w.CCG, "stranger": w.OTHER_CCG},
                "federation": {"owner": w.FED, "stranger": w.OTHER_FED},
                # B86003 is a member of the federation without a line in the distribution.
                "practice": {"owner": w.PRACTICE, "related": w.MEMBER, "stranger": w.STRANGER},
            },
        )
    ],
    ("payments", "GET /ledger/trial-balance"): [Case("/ledger/trial-balance", parties=ANYONE)],
    ("payments", "GET /accounts/{ods}"): _account_cases(lambda ods: f"/accounts/{ods}"),
    ("payments", "GET /accounts/{ods}/expected"): _account_cases(
        lambda ods: f"/accounts/{ods}/expected"
    ),
    ("payments", "GET /statements/{ods}/{period}"): _account_cases(
        lambda ods: f"/statements/{ods}/2026-10"
    ),
    ("payments", "POST /gain-shares"): [
        Case("/gain-shares", fresh(lambda n: w.gain_share_year(f"service {n}")), parties=COMM_ONLY)
    ],
    ("payments", "GET /gain-shares"): [Case("/gain-shares", parties=ANYONE)],
    ("payments", "GET /schemes/{scheme_id}/position"): [
        Case(
            lambda ids: f"/schemes/{ids['scheme']}/position",
            parties={
                "commissioner": {"owner": w.CCG, "stranger": w.OTHER_CCG},
                "federation": {"related": w.FED, "stranger": w.OTHER_FED},
                "practice": {"owner": w.PRACTICE, "stranger": w.STRANGER},
            },
        )
    ],
    ("payments", "GET /gain-shares/{gain_share_id}"): [
        Case(
            lambda ids: f"/gain-shares/{ids['gain_share']}",
            parties={
                "commissioner": {"owner": w.CCG, "stranger": w.OTHER_CCG},
                "federation": {"owner": w.FED, "stranger": w.OTHER_FED},
                "practice": {"related": w.PRACTICE, "stranger": w.STRANGER},
            },
        )
    ],
    # --- federation --------------------------------------------------------------------
    ("federation", "GET /federations/{ods}"): [
        Case(f"/federations/{w.FED}", parties=OF_FEDERATION)
    ],
    ("federation", "POST /federations/{ods}/members"): [
        Case(
            f"/federations/{w.FED}/members",
            {"practice_ods": w.NEWCOMER, "joined_on": "2026-12-01"},
            admitted=AGAIN,
        )
    ],
    ("federation", "GET /federations/{ods}/members"): [
        Case(f"/federations/{w.FED}/members", parties=OF_FEDERATION)
    ],
    ("federation", "POST /federations/{ods}/members/{practice_ods}/leave"): [
        Case(
            f"/federations/{w.FED}/members/{w.MEMBER}/leave",
            {"left_on": "2027-08-31"},
            admitted=AGAIN,
        )
    ],
    ("federation", "POST /federations/{ods}/subcontracts"): [
        Case(f"/federations/{w.FED}/subcontracts", lambda: None, admitted=AGAIN)
    ],
    ("federation", "GET /federations/{ods}/subcontracts"): [
        Case(f"/federations/{w.FED}/subcontracts")
    ],
    ("federation", "GET /contracts/{contract_id}/chain"): [
        Case(lambda ids: f"/contracts/{ids['hub']}/chain", parties=HUB_PARTIES)
    ],
    ("federation", "POST /consultations/batch"): [
        Case("/consultations/batch", lambda: None, parties=ANYONE)
    ],
    ("federation", "POST /fhir/Bundle"): [Case("/fhir/Bundle", lambda: None, parties=ANYONE)],
    ("federation", "GET /consultations/{practice_ods}/{consultation_id}"): [
        Case(f"/consultations/{w.PRACTICE}/w-fix", refused=HIDDEN)
    ],
    ("federation", "POST /consultations/{practice_ods}/{consultation_id}/void"): [
        Case(
            f"/consultations/{w.PRACTICE}/w-void/void",
            {"reason": "sent in error"},
            refused=HIDDEN,
            admitted=AGAIN,
        )
    ],
    ("federation", "POST /consultations/{practice_ods}/{consultation_id}/correction"): [
        Case(
            f"/consultations/{w.PRACTICE}/w-fix/correction",
            fresh(lambda n: {"reason": "patient mis-keyed", "patient_ref": f"pt-fix-{n}"}),
            refused=HIDDEN,
        )
    ],
    ("federation", "POST /federations/{ods}/contracts/{contract_id}/periods/{period}/close"): [
        Case(_period("spare_hub", "2026-10", "/close"), admitted=AGAIN)
    ],
    ("federation", "POST /federations/{ods}/contracts/{contract_id}/periods/{period}/reopen"): [
        Case(_period("spare_hub", "2026-09", "/reopen"), admitted=AGAIN)
    ],
    ("federation", "GET /federations/{ods}/contracts/{contract_id}/periods/{period}"): [
        Case(_period("hub", "2026-10"), parties=HUB_PARTIES)
    ],
    ("federation", "POST /practices/{ods}/contracts/{contract_id}/periods/{period}/close"): [
        Case(_ios_period("2026-10", "/close"), parties=IOS_PARTIES, admitted=AGAIN)
    ],
    ("federation", "POST /practices/{ods}/contracts/{contract_id}/periods/{period}/reopen"): [
        Case(_ios_period("2026-09", "/reopen"), parties=IOS_PARTIES, admitted=AGAIN)
    ],
    ("federation", "GET /practices/{ods}/contracts/{contract_id}/periods/{period}"): [
        Case(_ios_period("2026-10"), parties=IOS_PARTIES)
    ],
    ("federation", "GET /federations/{ods}/contracts/{contract_id}/statement"): [
        Case(
            lambda ids: f"/federations/{w.FED}/contracts/{ids['hub']}/statement",
            parties=HUB_PARTIES,
        )
    ],
    # --- conflicts ---------------------------------------------------------------------
    ("conflicts", "POST /people"): [
        Case(
            "/people",
            {"name": "Ms New", "roles": ["lay_member"], "decision_making": True},
            parties=ANYONE,
        )
    ],
    ("conflicts", "GET /people/{person_id}"): [
        Case(lambda ids: f"/people/{ids['person']}", refused=HIDDEN)
    ],
    ("conflicts", "POST /people/{person_id}/affiliations"): [
        Case(
            lambda ids: f"/people/{ids['person']}/affiliations",
            {"organisation_ods": w.STRANGER, "relationship": "employee"},
            refused=HIDDEN,
        )
    ],
    ("conflicts", "POST /people/{person_id}/affiliations/{affiliation_id}/end"): [
        Case(
            lambda ids: f"/people/{ids['person']}/affiliations/{ids['affiliation']}/end",
            {"end_date": "2026-11-30"},
            refused=HIDDEN,
            admitted=AGAIN,
        )
    ],
    ("conflicts", "POST /people/{person_id}/roles"): [
        Case(lambda ids: f"/people/{ids['person']}/roles", {"roles": ["gp"]}, refused=HIDDEN)
    ],
    ("conflicts", "POST /people/{person_id}/declarations"): [
        Case(lambda ids: f"/people/{ids['person']}/declarations", {"nil": True}, refused=HIDDEN)
    ],
    ("conflicts", "POST /people/{person_id}/gifts"): [
        Case(lambda ids: f"/people/{ids['person']}/gifts", GIFT, refused=HIDDEN)
    ],
    ("conflicts", "POST /committees"): [
        Case("/committees", lambda: None, refused=frozenset({422}))
    ],
    ("conflicts", "GET /committees/{committee_id}"): [
        Case(lambda ids: f"/committees/{ids['committee']}", refused=HIDDEN)
    ],
    ("conflicts", "GET /committees/{committee_id}/items"): [
        Case(lambda ids: f"/committees/{ids['committee']}/items", refused=HIDDEN)
    ],
    ("conflicts", "GET /items/{item_id}/screening"): [
        Case(lambda ids: f"/items/{ids['hub_item']}/screening", refused=HIDDEN)
    ],
    ("conflicts", "POST /items/{item_id}/decision"): [
        Case(
            lambda ids: f"/items/{ids['spare_item']}/decision",
            lambda: None,
            refused=HIDDEN,
            admitted=AGAIN,
        )
    ],
    ("conflicts", "POST /items/{item_id}/escalate"): [
        Case(
            lambda ids: f"/items/{ids['escalation_item']}/escalate",
            lambda: None,
            refused=HIDDEN,
            admitted=AGAIN,  # then it is already with that committee
        )
    ],
    ("conflicts", "GET /compliance/overdue"): [Case("/compliance/overdue", parties=ANYONE)],
    ("conflicts", "POST /breaches"): [
        Case(
            "/breaches",
            {"occurred_on": "2026-11-01", "summary": "s", "action_taken": "a"},
            parties=ANYONE,
        )
    ],
    ("conflicts", "POST /people/{person_id}/training"): [
        Case(
            lambda ids: f"/people/{ids['person']}/training",
            {"completed_on": "2026-11-01"},
            refused=HIDDEN,
        )
    ],
    ("conflicts", "POST /people/{person_id}/gifts/{gift_id}/decision"): [
        Case(
            lambda ids: f"/people/{ids['person']}/gifts/{ids['gift']}/decision",
            {"decision": "approve", "reason": "speaker's dinner"},
            refused=HIDDEN,
            admitted=AGAIN,
        )
    ],
    ("conflicts", "GET /self-certification"): [
        Case("/self-certification", params={"quarter": "2026-Q3"}, parties=ANYONE)
    ],
    ("conflicts", "POST /self-certification/sign-off"): [
        Case(
            "/self-certification/sign-off",
            {"quarter": "2026-Q3", "signed_by_name": "Ms A Officer", "role": "Accountable Officer"},
            parties=ANYONE,
            admitted=AGAIN,
        )
    ],
}


def _bodies(ids: dict[str, str]) -> dict[tuple[str, str], Callable[[], Any]]:
    """Bodies that name records of the world (filled once the world exists)."""
    committee = {
        "name": "Another committee",
        "kind": "other",
        "members": [{"person_id": ids["person"], "role": "gp", "voting": True}],
        "quorum": {"min_voting": 1, "lay_majority": False, "required": []},
        "conflict_policy": {},
    }
    return {
        ("federation", "POST /federations/{ods}/subcontracts"): lambda: {
            "contract_id": ids["spare_hub"],
            "practice_ods": w.MEMBER,
            "roles": ["delivery"],
            "start_date": "2026-12-01",
            "end_date": "2027-08-31",
        },
        ("federation", "POST /consultations/batch"): lambda: {
            "consultations": [
                {
                    "id": f"m-{next(_fresh)}",
                    "contract_id": ids["hub"],
                    "practice_ods": w.PRACTICE,
                    "patient_ref": "pt-m",
                    "kind": "first",
                    "occurred_at": "2026-11-02T10:00:00+00:00",
                }
            ]
        },
        ("federation", "POST /fhir/Bundle"): lambda: {
            "resourceType": "Bundle",
            "type": "batch",
            "entry": [
                {
                    "resource": {
                        "resourceType": "Encounter",
                        "identifier": [
                            {"system": "https://emis.example/c", "value": f"f-{next(_fresh)}"}
                        ],
                        "status": "finished",
                        "type": [{"coding": [{"system": KIND_SYSTEM, "code": "first"}]}],
                        "subject": {
                            "identifier": {"system": NHS_NUMBER_SYSTEM, "value": "9434765919"}
                        },
                        "period": {"start": "2026-11-02T10:00:00+00:00"},
                        "serviceProvider": {
                            "identifier": {"system": ODS_SYSTEM, "value": w.PRACTICE}
                        },
                        "account": [{"reference": f"Account/{ids['hub']}"}],
                    }
                }
            ],
        },
        ("conflicts", "POST /committees"): lambda: committee,
        ("conflicts", "POST /items/{item_id}/decision"): lambda: w.decision(ids["voters"]),
        ("conflicts", "POST /items/{item_id}/escalate"): lambda: {
            "committee_id": ids["board"],
            "reason": "no clinician is left to advise",
        },
    }


@dataclass
class World:
    suite: Suite
    api: w.Caller
    ids: dict[str, str]


@pytest.fixture(scope="module")
def world(postgres: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    for url in postgres.values():
        asyncio.run(truncate_all(url))
    broker = Broker(free_port()).start()
    logs: Path = tmp_path_factory.mktemp("matrix-logs")
    try:
        with running_suite(postgres, broker, logs) as suite:
            api = w.Caller(suite.urls)
            try:
                yield World(suite, api, w.build(api))
            finally:
                api.close()
    finally:
        broker.stop()


def _call(
    world: World, service: str, route: str, case: Case, who: tuple[str, str] | None
) -> tuple[int, str]:
    method = route.split(" ", 1)[0]
    path = case.path(world.ids) if callable(case.path) else case.path
    body = case.body
    if callable(body):
        body = _bodies(world.ids).get((service, route), body)()
    params = case.params(world.ids) if callable(case.params) else case.params
    response = world.api.request(service, method, path, who=who, json=body, params=params)
    return response.status_code, response.text[:300]


def test_every_route_served_is_in_the_model_and_every_route_in_the_model_is_served() -> None:
    served = served_routes()
    authenticated = {r for r in served if r[1] not in MODEL.public}
    assert sorted(authenticated - set(MODEL.routes)) == [], "routes missing from docs/security.md"
    assert sorted(set(MODEL.routes) - served) == [], "docs/security.md lists routes not served"
    public_served = {r[1] for r in served} & MODEL.public
    assert public_served == MODEL.public, "docs/security.md lists public routes not served"
    assert sorted(set(CASES) ^ set(MODEL.routes)) == [], "the matrix has no case for these"


def test_every_relation_the_model_admits_is_exercised() -> None:
    """A cell that admits an owner or a related party must be tried as one, and every role the
    model refuses a stranger is tried as a stranger."""
    gaps = []
    for key, admissions in MODEL.routes.items():
        for role in ROLES:
            tried = {r for case in CASES[key] for r, _ in case.tokens(role)}
            admits = admissions[role].relations
            wanted = (
                {"owner", "stranger"} if admits == frozenset(RELATIONS) else admits | {"stranger"}
            )
            gaps += [f"{key} {role} {r}" for r in sorted(wanted - tried)]
    assert gaps == []


@pytest.mark.parametrize(("service", "route"), sorted(MODEL.routes), ids=lambda v: str(v))
def test_route_admits_exactly_whom_the_model_declares(
    world: World, service: str, route: str
) -> None:
    admissions = MODEL.routes[(service, route)]
    wrong: list[str] = []
    for case in CASES[(service, route)]:
        for role in ROLES:
            for relation, org in case.tokens(role):
                status, text = _call(world, service, route, case, (role, org))
                admitted = admissions[role].admits(relation)
                # A role refused outright is a 403; a role refused this record, the case's.
                refused = case.refused if admissions[role].relations else ROLE_REFUSED
                expected = case.admitted if admitted else refused
                if status not in expected:
                    verdict = "admit" if admitted else "refuse"
                    wrong.append(
                        f"{role} {org} ({relation}): should {verdict}, got {status} {text}"
                    )
        for role, org in MISFITS:
            status, text = _call(world, service, route, case, (role, org))
            if status != 403:
                wrong.append(f"misfit {role} {org}: should be 403, got {status} {text}")
        status, text = _call(world, service, route, case, None)
        if status != 401:
            wrong.append(f"no token: should be 401, got {status} {text}")
        status, text = _call(world, service, route, case, w.OPS)
        if status not in case.admitted:
            wrong.append(f"ops: should admit, got {status} {text}")
    assert wrong == [], f"{service} {route}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("route", sorted(MODEL.public))
def test_public_routes_need_no_token(world: World, route: str) -> None:
    method, path = route.split(" ", 1)
    path = path.replace("{register}", "decisions")
    servers = [s for s, r in served_routes() if r == route]
    assert servers
    for service in servers:
        response = world.api.request(service, method, path, who=None)
        assert response.status_code == 200, (service, path, response.text[:300])

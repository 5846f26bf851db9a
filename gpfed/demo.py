"""``make demo``: the hub saga (docs/architecture.md, "The hub saga"), through the REST APIs only.

A CCG contracts a hub with a federation of 19 practices; the committee that must decide it is
screened against its registers of interests (one GP is a partner in a member practice and is
excluded); the approved contract is delivered by member practices, a month of consultations is
posted and closed, the commissioner's payment run pays the tariff and the federation's income is
fanned out to the practices. Every figure the services answer is recomputed here from what was
sent, independently of the services' code, and each check prints PASS or FAIL.

`run_scenario(urls)` is what the e2e tests call; `main()` runs it against `make run`
(127.0.0.1:8001-8004, or GPFED_DEMO_<SERVICE>_URL).
"""

from __future__ import annotations

import os
import random
import sys
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import httpx

from shared.auth import mint_token
from shared.settings import ServiceSettings

DEFAULT_URLS = {
    "contracts": "http://127.0.0.1:8001",
    "payments": "http://127.0.0.1:8002",
    "federation": "http://127.0.0.1:8003",
    "conflicts": "http://127.0.0.1:8004",
}

CCG = "02W"
FEDERATION = "Y02765"
#: The operator: only ops registers a commissioner (docs/security.md).
OPS = ("ops", "X24")
PRACTICES = [f"B86{n:03d}" for n in range(1, 20)]  # 19 member practices
OUTSIDER = "B86099"  # registered, never a member
ADMIN = "B86001"
HOSTS = {"B86002": "B86002", "B86003": "B86003", "B86004": "B86002", "B86005": "B86003"}
CONFLICTED_PRACTICE = "B86003"  # Dr Patel is a partner there, and it delivers the hub
PERIOD = "2026-10"
TARIFF = {"first_pence": 3500, "follow_up_pence": 2000}
RULE: dict[str, Any] = {
    "retained_percent": "10",
    "admin_charge_per_patient_pence": 600,
    "premises_per_consultation_pence": 500,
    "clinician_fee_per_consultation_pence": 1500,
}
CONSULTATIONS = 3000
BATCH = 500


class DemoError(RuntimeError):
    """A step of the scenario could not be carried out (the message says which, and why)."""


@dataclass
class Check:
    name: str
    passed: bool
    detail: str


@dataclass
class Result:
    checks: list[Check] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)


def pounds(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    return f"{sign}£{abs(pence) // 100:,}.{abs(pence) % 100:02d}"


def allocate(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Largest remainder, ties to the lower ODS code: written again here on purpose, so the
    check does not trust the service's own ``shared.money.allocate``."""
    whole = sum(weights.values())
    if whole == 0:
        return {k: 0 for k in weights}
    base = {k: (total * w) // whole for k, w in weights.items()}
    rest = total - sum(base.values())
    order = sorted(weights, key=lambda k: (-((total * weights[k]) % whole), k))
    for k in order[:rest]:
        base[k] += 1
    return base


def half_even_percent(amount: int, percent: str) -> int:
    value = Decimal(amount) * Decimal(percent) / Decimal(100)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


class Api:
    """One httpx client per service, a token per (role, org), and problems turned into errors."""

    def __init__(self, urls: dict[str, str], settings: ServiceSettings) -> None:
        self.clients = {s: httpx.Client(base_url=u, timeout=60) for s, u in urls.items()}
        self.settings = settings
        self._tokens: dict[tuple[str, str], str] = {}

    def close(self) -> None:
        for client in self.clients.values():
            client.close()

    def token(self, role: str, org: str) -> str:
        key = (role, org)
        if key not in self._tokens:
            self._tokens[key] = mint_token(self.settings, role=role, org=org)
        return self._tokens[key]

    def call(
        self,
        service: str,
        method: str,
        path: str,
        *,
        who: tuple[str, str],
        json: Any = None,
        params: dict[str, Any] | None = None,
        ok: tuple[int, ...] = (200, 201),
    ) -> httpx.Response:
        response = self.clients[service].request(
            method,
            path,
            json=json,
            params=params,
            headers={"Authorization": f"Bearer {self.token(*who)}"},
        )
        if response.status_code not in ok:
            raise DemoError(
                f"{method} {service}{path} answered {response.status_code}: {response.text[:600]}"
            )
        return response


def wait_for(what: str, probe: Callable[[], Any], timeout: float, interval: float = 0.25) -> Any:
    """Polls ``probe`` until it answers something truthy, or fails saying what it waited for."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = probe()
        if last:
            return last
        time.sleep(interval)
    raise DemoError(f"timed out after {timeout:.0f}s waiting for {what} (last: {last!r})")


def run_scenario(
    urls: dict[str, str] | None = None,
    *,
    out: Callable[[str], None] = print,
    timeout: float = 90.0,
    consultations: int = CONSULTATIONS,
    seed: int = 2026,
    settings: ServiceSettings | None = None,
    hook: Callable[[str, dict[str, Any]], None] | None = None,
) -> Result:
    """The saga; ``hook(step, values)`` is called at "activated", "posted" (before the close),
    "closed" (before the payment run) and "paid", so the fault tests can strike between steps."""
    api = Api({**DEFAULT_URLS, **(urls or {})}, settings or ServiceSettings())
    try:
        return _scenario(
            api, out, timeout, consultations, random.Random(seed), hook or (lambda *_: None)
        )
    finally:
        api.close()


def audit(
    urls: dict[str, str], contract_id: str, settings: ServiceSettings | None = None
) -> dict[str, Any]:
    """What the books say about the hub's period, read again from scratch: the distribution,
    what the commissioner was charged and the federation received for it, each practice's
    statement for it, and the trial balance. The fault tests compare it with the saga's."""
    api = Api({**DEFAULT_URLS, **urls}, settings or ServiceSettings())
    try:
        return _audit(api, contract_id)
    finally:
        api.close()


def _statement(api: Api, ods: str, who: tuple[str, str], contract_id: str) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        page = api.call("payments", "GET", f"/statements/{ods}/{PERIOD}", params=params, who=who)
        body = page.json()
        lines += [p for p in body["lines"] if p["contract_id"] == contract_id]
        cursor = body.get("next_cursor")
        if not cursor:
            return lines


def _audit(api: Api, contract_id: str) -> dict[str, Any]:
    comm = ("commissioner", CCG)
    dist = api.call(
        "payments",
        "GET",
        "/distributions",
        params={"contract_id": contract_id, "period": PERIOD},
        who=comm,
    ).json()
    charged = _statement(api, CCG, comm, contract_id)
    received = _statement(api, FEDERATION, ("federation", FEDERATION), contract_id)
    practices = {
        line["practice_ods"]: sum(
            p["amount_pence"]
            for p in _statement(
                api, line["practice_ods"], ("practice", line["practice_ods"]), contract_id
            )
        )
        for line in dist.get("lines", [])
    }
    tb = api.call("payments", "GET", "/ledger/trial-balance", who=comm).json()
    return {
        "status": dist["status"],
        "income_pence": dist.get("income_pence"),
        "retained_pence": dist.get("retained_pence"),
        "lines": {line["practice_ods"]: line["total_pence"] for line in dist.get("lines", [])},
        "charged_pence": -sum(p["amount_pence"] for p in charged),
        "charges": len([p for p in charged if p["amount_pence"] != 0]),
        "federation_in_pence": sum(p["amount_pence"] for p in received if p["amount_pence"] > 0),
        "statements": practices,
        "balanced": tb["balanced"],
    }


def _wait_until_registered_everywhere(api: Api, timeout: float) -> None:
    """A token is refused (403) until the service it calls knows its organisation, which it
    learns from organisation.registered: wait until every service has learnt of everyone."""

    def known(service: str, path: str, who: tuple[str, str]) -> bool:
        response = api.call(service, "GET", path, ok=(200, 403, 404), who=who)
        return response.status_code == 200

    comm, fed, gov = ("commissioner", CCG), ("federation", FEDERATION), ("governance", CCG)
    wait_for(
        "the federation service to learn of the federation (organisation.registered)",
        lambda: known("federation", f"/federations/{FEDERATION}", fed),
        timeout,
    )
    wait_for(
        "the conflicts service to learn of the CCG (organisation.registered)",
        lambda: known("conflicts", "/compliance/overdue", gov),
        timeout,
    )
    wait_for(
        "the payments service to learn of every organisation (organisation.registered)",
        lambda: (
            known("payments", "/payment-runs", comm)
            and known("payments", f"/accounts/{FEDERATION}", fed)
            and all(known("payments", f"/accounts/{o}", ("practice", o)) for o in PRACTICES)
        ),
        timeout,
    )


def _scenario(
    api: Api,
    out: Callable[[str], None],
    timeout: float,
    n: int,
    rnd: random.Random,
    hook: Callable[[str, dict[str, Any]], None],
) -> Result:
    result = Result()

    def check(name: str, passed: bool, detail: str) -> None:
        result.checks.append(Check(name, passed, detail))
        out(f"  [{'PASS' if passed else 'FAIL'}] {name}: {detail}")

    run = uuid.uuid4().hex[:8]  # consultation ids unique to this run (make run keeps its data)
    comm = ("commissioner", CCG)
    fed = ("federation", FEDERATION)
    gov = ("governance", CCG)

    out(f"== 1. Organisations: CCG {CCG}, federation {FEDERATION}, {len(PRACTICES)} practices")
    orgs: list[dict[str, Any]] = [{"ods_code": CCG, "kind": "ccg", "name": "NHS Example CCG"}]
    orgs.append(
        {
            "ods_code": FEDERATION,
            "kind": "federation",
            "name": "Trust Primary Care",
            "legal_form": "community interest company",
            "parent_ods": CCG,
        }
    )
    for i, ods in enumerate([*PRACTICES, OUTSIDER]):
        orgs.append(
            {
                "ods_code": ods,
                "kind": "practice",
                "name": f"Practice {ods}",
                "parent_ods": CCG,
                "list_size": 4000 + 250 * i,
                "list_size_effective_from": "2026-04-01",
            }
        )
    created = 0
    for body in orgs:
        # Only ops registers a commissioner; the commissioner registers the rest under itself.
        who = OPS if body["kind"] == "ccg" else comm
        r = api.call("contracts", "POST", "/organisations", json=body, ok=(201, 409), who=who)
        created += r.status_code == 201
    out(f"   registered {created} (already known: {len(orgs) - created})")
    _wait_until_registered_everywhere(api, timeout)
    joined = 0
    for ods in PRACTICES:
        r = api.call(
            "federation",
            "POST",
            f"/federations/{FEDERATION}/members",
            json={"practice_ods": ods, "joined_on": "2026-04-01"},
            ok=(201, 409),
            who=fed,
        )
        joined += r.status_code == 201
    out(f"   {FEDERATION} members from 2026-04-01: {len(PRACTICES)} ({joined} joined now)")

    out("== 2. Committee and registers of interests")
    people = {
        "chair": ("Ms Ruth Lay (lay chair)", ["lay_chair"], "lay_chair", []),
        "lay": ("Mr Tom Vale (lay member)", ["lay_member"], "lay_member", []),
        "cao": ("Ms Ann Chief (chief officer)", ["chief_officer"], "chief_officer", []),
        "cfo": ("Mr Ian Sums (chief finance officer)", ["cfo"], "cfo", []),
        "patel": (
            "Dr A Patel (GP)",
            ["gp"],
            "gp",
            [{"organisation_ods": CONFLICTED_PRACTICE, "relationship": "partner"}],
        ),
        "jones": ("Dr B Jones (GP)", ["gp"], "gp", []),
    }
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    for key, (name, roles, _, affiliations) in people.items():
        person: dict[str, Any] = {
            "name": name,
            "roles": roles,
            "decision_making": True,
            "appointed_on": "2026-01-05",
            "affiliations": affiliations,
        }
        ids[key] = api.call("conflicts", "POST", "/people", json=person, who=gov).json()["id"]
        names[ids[key]] = name
    for key, pid in ids.items():
        if key == "patel":
            declaration: dict[str, Any] = {
                "category": "financial",
                "description": f"Partner in GP practice {CONFLICTED_PRACTICE}, a member of "
                f"{FEDERATION}; shares its profits",
                "organisation_ods": CONFLICTED_PRACTICE,
                "held_by": "self",
                "start_date": "2015-04-01",
                "publish": True,
            }
        else:
            declaration = {"nil": True}
        api.call("conflicts", "POST", f"/people/{pid}/declarations", json=declaration, who=gov)
    out(f"   Dr A Patel: partner in {CONFLICTED_PRACTICE} (affiliation + financial declaration)")
    out("   others: nil declarations")
    committee = api.call(
        "conflicts",
        "POST",
        "/committees",
        json={
            "name": f"{CCG} Primary Care Commissioning Committee",
            "members": [
                {"person_id": ids[k], "role": people[k][2], "voting": True} for k in people
            ],
            "quorum": {
                "min_voting": 4,
                "lay_majority": False,
                "required": [
                    {"roles": ["lay_chair", "lay_member"], "min": 1},
                    {"roles": ["chief_officer", "cfo"], "min": 1},
                    {"roles": ["gp"], "min": 1},
                ],
            },
            "conflict_policy": {"financial": "leave_room", "professional": "stay_no_vote"},
        },
        who=gov,
    ).json()
    committee_id = committee["id"]
    out(f"   committee {committee_id}: 6 voting members, quorum 4 with a lay, an executive, a GP")

    out("== 3. The hub contract at tariff, 10% retained, to be decided by the committee")
    contract = api.call(
        "contracts",
        "POST",
        "/contracts",
        json={
            "kind": "HUB",
            "commissioner_ods": CCG,
            "provider_ods": FEDERATION,
            "service": "extended access hub",
            "start_date": "2026-10-01",
            "end_date": "2027-09-30",
            "payment": {"basis": "tariff", "schedule": "monthly", "tariff": TARIFF},
            "distribution": RULE,
            "decision_committee_id": committee_id,
        },
        who=comm,
    ).json()
    contract_id = contract["id"]
    result.values["contract_id"] = contract_id
    result.values["committee_id"] = committee_id
    # A HUB is gated by the CCG's decision policy (the default): only the committee activates it.
    stepped_round = api.call(
        "contracts", "POST", f"/contracts/{contract_id}/activate", ok=(409,), who=comm
    ).json()
    check(
        "the commissioner cannot activate a gated contract itself",
        True,
        f"409: {stepped_round.get('detail', '')[:120]}",
    )
    out(f"   contract {contract_id}: {contract['status']}")
    t1 = time.monotonic()

    def item_for_contract() -> dict[str, Any] | None:
        page = api.call("conflicts", "GET", f"/committees/{committee_id}/items", who=gov).json()
        return next((i for i in page["items"] if i["contract_id"] == contract_id), None)

    item = wait_for(
        "the decision item (conflicts consumes contract.proposed)", item_for_contract, timeout
    )
    out(f"   decision item {item['id']} opened after {time.monotonic() - t1:.1f}s")

    def screened() -> dict[str, Any] | None:
        s = api.call("conflicts", "GET", f"/items/{item['id']}/screening", who=gov).json()
        # member_joined events may still be on their way: wait until the partner is seen
        return s if any(c["person_id"] == ids["patel"] for c in s["conflicts"]) else None

    screening = wait_for(
        "the screening to see Dr Patel's practice as affected (federation member events)",
        screened,
        timeout,
    )
    out(f"   affected organisations: {len(screening['affected_ods'])} ({FEDERATION} + members)")
    for c in screening["conflicts"]:
        out(
            f"   EXCLUDED {names.get(c['person_id'], c['person_id'])}: {c['kind']}, "
            f"{c['action']} - {c['reason']}"
        )
    out(
        f"   quorate without them: {screening['quorate']} {screening['quorum_shortfalls']}; "
        f"clinician remains: {screening['clinician_remains']}"
    )
    excluded = {c["person_id"] for c in screening["conflicts"]}
    check(
        "screening excludes exactly the conflicted GP",
        excluded == {ids["patel"]},
        f"excluded {[names.get(p, p) for p in sorted(excluded)]}",
    )

    voters = [k for k in people if k != "patel"]
    refused = api.call(
        "conflicts",
        "POST",
        f"/items/{item['id']}/decision",
        json={
            "outcome": "approved",
            "present": [ids[k] for k in people],
            "votes": [{"person_id": ids[k], "vote": "for"} for k in people],
        },
        ok=(422,),
        who=gov,
    ).json()
    fields = [
        ".".join(map(str, e.get("field", e.get("loc", []))))
        if isinstance(e.get("field", e.get("loc")), list)
        else str(e.get("field"))
        for e in refused.get("errors", [])
    ]
    check(
        "a conflicted member's vote is refused",
        True,
        f"422 {refused.get('title', '')}: {fields} {refused.get('detail', '')[:160]}",
    )
    approval = {
        "outcome": "approved",
        "present": [ids[k] for k in voters],  # Dr Patel left the room
        "votes": [{"person_id": ids[k], "vote": "for"} for k in voters],
    }
    # The same members decide the hub's later variations and terminations (the gate holds them).
    result.values["approval"] = approval
    decision = api.call(
        "conflicts", "POST", f"/items/{item['id']}/decision", json=approval, who=gov
    ).json()
    out(
        f"   decision {decision['id']}: {decision['outcome']}, quorate {decision['quorate']}, "
        f"{decision['votes_for']} for / {decision['votes_against']} against (Dr Patel absent)"
    )

    def active() -> bool:
        c = api.call("contracts", "GET", f"/contracts/{contract_id}", who=comm).json()
        return bool(c["status"] == "active")

    def hub_known() -> bool:
        f = api.call("federation", "GET", f"/federations/{FEDERATION}", who=fed).json()
        return any(h["contract_id"] == contract_id for h in f["hubs"])

    wait_for(
        "the contract to become active (contracts consumes decision.recorded)", active, timeout
    )
    wait_for(
        "the federation to start the hub (federation consumes contract.activated)",
        hub_known,
        timeout,
    )
    check("approved contract is active and the federation runs the hub", True, contract_id)
    hook("activated", result.values)

    out("== 4. Subcontracts")
    subs: list[tuple[str, list[str]]] = [(ADMIN, ["admin"])]
    for ods, host in HOSTS.items():
        subs.append((ods, ["delivery", "premises"] if ods == host else ["delivery"]))
    for ods, roles in subs:
        api.call(
            "federation",
            "POST",
            f"/federations/{FEDERATION}/subcontracts",
            json={
                "contract_id": contract_id,
                "practice_ods": ods,
                "roles": roles,
                "start_date": "2026-10-01",
            },
            who=fed,
        )
        out(f"   {ods}: {', '.join(roles)}")

    out(f"== 5. A month of consultations ({PERIOD}), posted in batches of {BATCH}")
    weights = {"B86002": 35, "B86003": 30, "B86004": 20, "B86005": 15}
    start = datetime(2026, 10, 1, 8, 0)
    valid: list[dict[str, Any]] = []
    for i in range(n):
        ods = rnd.choices(list(weights), weights=list(weights.values()))[0]
        patient = f"{ods}-p{rnd.randrange(n // 3)}"
        valid.append(
            {
                "id": f"{run}-{i:05d}",
                "contract_id": contract_id,
                "practice_ods": ods,
                "site_ods": HOSTS[ods],
                "patient_ref": patient,
                "kind": "first" if rnd.random() < 0.6 else "follow_up",
                "occurred_at": (
                    start + timedelta(minutes=rnd.randrange(30 * 24 * 60 - 600))
                ).isoformat(timespec="minutes"),
            }
        )

    def bad(i: int, **changes: Any) -> dict[str, Any]:
        return {**valid[i], "id": f"{run}-bad-{i:05d}", **changes}

    invalid = (
        [bad(i, practice_ods=OUTSIDER, site_ods=None) for i in range(0, 12)]
        + [bad(i, practice_ods="B86010", site_ods=None) for i in range(12, 20)]
        + [bad(i, site_ods="B86004") for i in range(20, 27)]
        + [bad(i, occurred_at="2026-09-20T10:00") for i in range(27, 32)]
        + [bad(i, kind="walk_in") for i in range(32, 38)]
        + [bad(i, contract_id="no-such-contract") for i in range(38, 41)]
    )
    expected_reasons = Counter(
        {
            "not_a_member": 12,
            "not_subcontracted_for_delivery": 8,
            "site_not_premises": 7,
            "outside_contract_dates": 5,
            "malformed": 6,
            "unknown_contract": 3,
        }
    )
    duplicates = [dict(r) for r in rnd.sample(valid, 60)]  # resent by a clinical system
    records = valid + invalid
    rnd.shuffle(records)
    records += duplicates
    accepted = dup = 0
    reasons: Counter[str] = Counter()
    for b in range(0, len(records), BATCH):
        answer = api.call(
            "federation",
            "POST",
            "/consultations/batch",
            json={"consultations": records[b : b + BATCH]},
            who=fed,
        ).json()
        accepted += answer["accepted"]
        dup += answer["duplicates"]
        reasons.update(r["reason"] for r in answer["rejected"])
    out(
        f"   posted {len(records)} records in {-(-len(records) // BATCH)} batches: "
        f"accepted {accepted}, duplicates {dup}, rejected {sum(reasons.values())}"
    )
    for reason, count in sorted(reasons.items()):
        out(f"     rejected {reason}: {count}")
    check(
        "batches accept each valid consultation once, count duplicates, reject with reasons",
        accepted == len(valid) and dup == len(duplicates) and reasons == expected_reasons,
        f"accepted {accepted}/{len(valid)}, duplicates {dup}/{len(duplicates)}, "
        f"reasons {'as expected' if reasons == expected_reasons else dict(reasons)}",
    )

    # What the month should be, from what was sent (not from any service's answer).
    first: Counter[str] = Counter()
    follow: Counter[str] = Counter()
    hosted: Counter[str] = Counter()
    for rec in valid:
        (first if rec["kind"] == "first" else follow)[rec["practice_ods"]] += 1
        hosted[rec["site_ods"]] += 1
    patients = len({rec["patient_ref"] for rec in valid})

    hook("posted", result.values)
    out("== 6. Close the month")
    closed = api.call(
        "federation",
        "POST",
        f"/federations/{FEDERATION}/contracts/{contract_id}/periods/{PERIOD}/close",
        who=fed,
    ).json()
    period = api.call(
        "federation",
        "GET",
        f"/federations/{FEDERATION}/contracts/{contract_id}/periods/{PERIOD}",
        who=fed,
    ).json()
    counts = {p["practice_ods"]: p for p in period["practices"]}
    same = (
        all(
            counts.get(o, {}).get("first", 0) == first[o]
            and counts.get(o, {}).get("follow_up", 0) == follow[o]
            and counts.get(o, {}).get("hosted", 0) == hosted[o]
            for o in set(first) | set(follow) | set(hosted)
        )
        and period["patients"] == patients
    )
    check(
        "closed counts equal what was sent",
        same and period["status"] == "closed",
        f"status {period['status']} rev {closed.get('revision', period.get('revision'))}, "
        f"{sum(first.values())} first + {sum(follow.values())} follow-up, {patients} patients",
    )

    hook("closed", result.values)
    out(f"== 7. Payment run for {PERIOD} ({CCG}'s token)")

    def run_pays() -> dict[str, Any] | None:
        r: dict[str, Any] = api.call(
            "payments", "POST", "/payment-runs", json={"period": PERIOD}, who=comm
        ).json()
        mine = [p for p in r["payments"] if p["contract_id"] == contract_id]
        if mine:
            r["mine"] = mine
            return r
        if _audit(api, contract_id)["charges"]:  # an earlier run (another client) paid it
            r["mine"] = []
            return r
        time.sleep(0.5)  # payments has not yet heard of the close: run again
        return None

    paid_run = wait_for(
        "a payment run to pay the hub (payments consumes period_closed)", run_pays, timeout
    )
    books = _audit(api, contract_id)
    income_paid = books["charged_pence"]
    out(
        f"   run {paid_run['run_id']}: {CCG} charged {pounds(income_paid)} in "
        f"{books['charges']} payment(s), {FEDERATION} received "
        f"{pounds(books['federation_in_pence'])}"
    )

    def distributed() -> dict[str, Any] | None:
        d = api.call(
            "payments",
            "GET",
            "/distributions",
            params={"contract_id": contract_id, "period": PERIOD},
            who=comm,
        ).json()
        return d if d["status"] == "completed" else None

    dist = wait_for("the distribution to complete", distributed, timeout)
    hook("paid", result.values)

    # Independent recomputation from the closed counts and the rule.
    income = (
        sum(first.values()) * TARIFF["first_pence"]
        + sum(follow.values()) * TARIFF["follow_up_pence"]
    )
    work = {o: first[o] + follow[o] for o in set(first) | set(follow)}
    costs: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    costs[ADMIN]["admin"] += patients * RULE["admin_charge_per_patient_pence"]
    for o, h in hosted.items():
        costs[o]["premises"] += h * RULE["premises_per_consultation_pence"]
    for o, w in work.items():
        costs[o]["fees"] += w * RULE["clinician_fee_per_consultation_pence"]
    total_costs = sum(sum(c.values()) for c in costs.values())
    retained = half_even_percent(income - total_costs, RULE["retained_percent"])
    shares = allocate(income - total_costs - retained, work)
    expected = {
        o: shares.get(o, 0) + sum(costs[o].values()) for o in sorted(set(costs) | set(shares))
    }

    out("== 8. Remittances")
    lines = {line["practice_ods"]: line for line in dist["lines"]}
    header = (
        f"   {'practice':8} {'consults':>8} {'share':>12} {'admin':>11} {'premises':>10} "
        f"{'fees':>11} {'total':>12} {'statement':>12}"
    )
    out(header)
    statement_ok = True
    for o in sorted(lines):
        line = lines[o]
        st = api.call(
            "payments",
            "GET",
            f"/statements/{o}/{PERIOD}",
            params={"limit": 500},
            who=("practice", o),
        ).json()
        mine = sum(p["amount_pence"] for p in st["lines"] if p["contract_id"] == contract_id)
        statement_ok &= mine == line["total_pence"]
        out(
            f"   {o:8} {line['consultations']:>8} {pounds(line['share_pence']):>12} "
            f"{pounds(line['admin_pence']):>11} {pounds(line['premises_pence']):>10} "
            f"{pounds(line['clinician_fees_pence']):>11} {pounds(line['total_pence']):>12} "
            f"{pounds(mine):>12}"
        )
    lines_total = sum(line["total_pence"] for line in lines.values())
    kept = dist["remainder_pence"] if not work else 0
    out(f"   {'lines':8} {'':>8} {'':>12} {'':>11} {'':>10} {'':>11} {pounds(lines_total):>12}")
    out(
        f"   retained by {FEDERATION} (10% of profit {pounds(income - total_costs)}): "
        f"{pounds(dist['retained_pence'])}"
    )
    out(f"   income {pounds(dist['income_pence'])}, costs {pounds(dist['costs_pence'])}")

    out("== 9. Checks")
    result.values.update(
        income_pence=dist["income_pence"],
        lines_pence=lines_total,
        retained_pence=dist["retained_pence"],
        expected=expected,
        paid={o: line["total_pence"] for o, line in lines.items()},
    )
    check(
        "the commissioner paid the hub once, the federation received it once",
        books["charges"] == 1 and books["federation_in_pence"] == income_paid == income,
        f"{books['charges']} charge of {pounds(income_paid)}",
    )
    check(
        "lines + retained (+ kept) == income, to the penny",
        lines_total + dist["retained_pence"] + kept == dist["income_pence"] == income_paid,
        f"{pounds(lines_total)} + {pounds(dist['retained_pence'])} + {pounds(kept)} = "
        f"{pounds(lines_total + dist['retained_pence'] + kept)}; income "
        f"{pounds(dist['income_pence'])}; paid {pounds(income_paid)}",
    )
    check(
        "income is the tariff on the closed counts",
        dist["income_pence"] == income,
        f"{sum(first.values())} x {pounds(TARIFF['first_pence'])} + {sum(follow.values())} x "
        f"{pounds(TARIFF['follow_up_pence'])} = {pounds(income)}",
    )
    mismatched = {
        o: (lines.get(o, {}).get("total_pence"), v)
        for o, v in expected.items()
        if lines.get(o, {}).get("total_pence") != v
    }
    check(
        "each practice's remittance recomputed independently matches",
        not mismatched and set(lines) == set(expected) and dist["retained_pence"] == retained,
        f"{len(expected)} practices, retained {pounds(retained)}"
        + (f"; mismatched {mismatched}" if mismatched else ""),
    )
    check(
        "each practice's statement shows its remittance", statement_ok, f"{len(lines)} statements"
    )
    tb = api.call("payments", "GET", "/ledger/trial-balance", who=comm).json()
    check(
        "trial balance balanced",
        tb["balanced"] and tb["debits_pence"] == tb["credits_pence"],
        f"debits {pounds(tb['debits_pence'])} = credits {pounds(tb['credits_pence'])}",
    )
    again = api.call("payments", "POST", "/payment-runs", json={"period": PERIOD}, who=comm).json()
    new = [p for p in again["payments"] if p["amount_pence"] != 0]
    check(
        "a second payment run pays nothing new",
        not new and not again["distributions"],
        f"run {again['run_id']}: {len(new)} payments, {len(again['distributions'])} distributions",
    )
    return result


def main() -> int:
    urls = {
        s: os.environ.get(f"GPFED_DEMO_{s.upper()}_URL", default)
        for s, default in DEFAULT_URLS.items()
    }
    print(
        'gpfed demo: the hub saga (docs/architecture.md, "The hub saga") against '
        + ", ".join(urls.values())
    )
    try:
        result = run_scenario(urls)
    except (DemoError, httpx.HTTPError) as error:
        print(f"FAILED: {error}")
        return 1
    passed = sum(c.passed for c in result.checks)
    print(f"{passed}/{len(result.checks)} checks passed: {'ALL PASS' if result.passed else 'FAIL'}")
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())

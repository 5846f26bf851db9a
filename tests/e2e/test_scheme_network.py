"""An incentive scheme's year end to end (issue 20): a network of three practices where one misses
a standard. The four services run as processes on PostgreSQL, every message across the broker.

The CCG registers three practices with dated list sizes, each holding a core GMS contract in
force from the year's first day, and a committee of its own (a valid PCCC make-up). It defines
an LES for the last financial year (a run only pays a period that has begun, so a past year is
paid whole): per head, 70% up front, two standards, released by network, balanced all or
nothing, one network of the three. Each enrolment's LES contract is decided by the committee
through the gate. Twelve monthly runs pay the upfront share; the results say B86203 missed
AF-2; the March run closes the year: nobody is released the held-back 30%, B86203 repays its
upfront 70% and the other two keep theirs. Its results are corrected; the next run releases
the 30% to all three and repays B86203's recovery, once. Each figure is recomputed here from
the per-head rate, the dated list sizes and the percentages (floor twelfths with the pennies in
March, half-even percentages), not with the services' own code.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from typing import Any

import pytest

from gpfed.demo import CCG, DEFAULT_URLS, OPS, Api, wait_for
from shared.broker import Broker
from shared.calendar import financial_year_start, uk_today
from shared.events.conflicts import decision_item_id
from shared.settings import ServiceSettings
from tests.e2e.harness import Suite, running_suite

pytestmark = pytest.mark.e2e

COMM, GOV = ("commissioner", CCG), ("governance", CCG)
TIMEOUT = 60
#: The last financial year: every month of it has begun, so a run may pay it.
START = date(financial_year_start(uk_today()).year - 1, 4, 1)
YEAR = f"{START.year}/{(START.year + 1) % 100:02d}"
MONTHS = [f"{START.year}-{m:02d}" for m in range(4, 13)] + [
    f"{START.year + 1}-{m:02d}" for m in range(1, 4)
]
MARCH, NEXT = MONTHS[-1], f"{START.year + 1}-04"
PER_HEAD, UPFRONT = 1234, 70  # £12.34 a head, 70% up front
STANDARDS = ["AF-1", "AF-2"]
MISSER, MISSED = "B86203", "AF-2"
NETWORK = "North"
#: Each practice's registered list size and the dates it changed (the size on a month's first
#: day is the one paid for that month).
SIZES: dict[str, list[tuple[date, int]]] = {
    "B86201": [(START, 5000)],
    "B86202": [(START, 3001), (date(START.year, 10, 1), 3217)],
    MISSER: [(START, 2345), (date(START.year, 7, 15), 2400), (date(START.year + 1, 1, 1), 2399)],
}
PRACTICES = sorted(SIZES)


# -- the figures, recomputed here ----------------------------------------------------------------


def half_even_percent(pence: int, percent: int) -> int:
    return round(Fraction(pence * percent, 100))  # a Fraction rounds half to even


def size_on(ods: str, day: date) -> int:
    return [size for since, size in SIZES[ods] if since <= day][-1]


def month_figures(ods: str) -> list[tuple[int, int]]:
    """(paid up front, held back) for each month of the year: each month's year value is the
    list size on its first day x the rate; a twelfth of it (of its 70% up front) a month, the
    division's pennies in March."""
    figures = []
    for i, month in enumerate(MONTHS):
        year, m = (int(x) for x in month.split("-"))
        annual = size_on(ods, date(year, m, 1)) * PER_HEAD
        upfront_year = half_even_percent(annual, UPFRONT)
        full = annual // 12 if i < 11 else annual - 11 * (annual // 12)
        upfront = upfront_year // 12 if i < 11 else upfront_year - 11 * (upfront_year // 12)
        figures.append((upfront, full - upfront))
    return figures


def upfront_of(ods: str) -> int:
    return sum(u for u, _ in month_figures(ods))


def held_back_of(ods: str) -> int:
    return sum(h for _, h in month_figures(ods))


# -- the services ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def suite(postgres: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Suite]:
    import asyncio

    from shared.broker import free_port
    from tests.conftest import truncate_all

    for url in postgres.values():
        asyncio.run(truncate_all(url))
    broker = Broker(free_port()).start()
    try:
        with running_suite(postgres, broker, tmp_path_factory.mktemp("logs")) as running:
            yield running
    finally:
        broker.stop()


@pytest.fixture(scope="module")
def api(suite: Suite) -> Iterator[Api]:
    client = Api({**DEFAULT_URLS, **suite.urls}, ServiceSettings())
    yield client
    client.close()


def known(api: Api, service: str, path: str, who: tuple[str, str]) -> bool:
    return api.call(service, "GET", path, who=who, ok=(200, 403, 404)).status_code == 200


def register(api: Api) -> None:
    """The CCG (by ops) and its three practices with their dated list sizes."""
    api.call(
        "contracts", "POST", "/organisations", who=OPS,
        json={"ods_code": CCG, "kind": "ccg", "name": "NHS Example CCG"},
    )  # fmt: skip
    for ods, sizes in SIZES.items():
        (first, size), *changes = sizes
        body = {"ods_code": ods, "kind": "practice", "name": f"Practice {ods}", "parent_ods": CCG,
                "list_size": size, "list_size_effective_from": first.isoformat()}  # fmt: skip
        api.call("contracts", "POST", "/organisations", json=body, who=COMM)
        for since, size in changes:
            api.call(
                "contracts", "POST", f"/organisations/{ods}/list-sizes", who=COMM,
                json={"effective_from": since.isoformat(), "list_size": size},
            )  # fmt: skip
    wait_for(
        "conflicts and payments to learn of the CCG and the practices",
        lambda: (
            known(api, "conflicts", "/compliance/overdue", GOV)
            and known(api, "payments", "/payment-runs", COMM)
            and all(known(api, "payments", f"/accounts/{o}", ("practice", o)) for o in PRACTICES)
        ),
        TIMEOUT,
    )


def committee(api: Api) -> tuple[str, dict[str, Any]]:
    """A PCCC: lay chair, lay member, chief officer, CFO and a GP, none with an interest in the
    practices; quorum four with a lay member, an executive and a GP. Its approval."""
    members = {
        "lay_chair": "Ms Ruth Lay", "lay_member": "Mr Tom Vale", "chief_officer": "Ms Ann Chief",
        "cfo": "Mr Ian Sums", "gp": "Dr B Jones",
    }  # fmt: skip
    ids = {}
    for role, name in members.items():
        person = {"name": name, "roles": [role], "decision_making": True,
                  "appointed_on": "2024-01-05", "affiliations": []}  # fmt: skip
        ids[role] = api.call("conflicts", "POST", "/people", json=person, who=GOV).json()["id"]
        api.call(
            "conflicts", "POST", f"/people/{ids[role]}/declarations", json={"nil": True}, who=GOV
        )
    formed = api.call(
        "conflicts",
        "POST",
        "/committees",
        json={
            "name": f"{CCG} Primary Care Commissioning Committee",
            "members": [{"person_id": p, "role": r, "voting": True} for r, p in ids.items()],
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
        who=GOV,
    ).json()
    approval = {
        "outcome": "approved",
        "present": list(ids.values()),
        "votes": [{"person_id": p, "vote": "for"} for p in ids.values()],
    }
    return formed["id"], approval


def decided(api: Api, committee_id: str, approval: dict[str, Any], item_id: str) -> None:
    wait_for(
        f"conflicts to open the decision item {item_id}",
        lambda: any(
            i["id"] == item_id
            for i in api.call(
                "conflicts", "GET", f"/committees/{committee_id}/items", who=GOV
            ).json()["items"]
        ),
        TIMEOUT,
    )
    api.call("conflicts", "POST", f"/items/{item_id}/decision", json=approval, who=GOV)


def core_contract(api: Api, ods: str) -> str:
    """The practice's GMS contract (ungated by the default policy), in force from the year's
    first day."""
    proposed = api.call(
        "contracts",
        "POST",
        "/contracts",
        json={
            "kind": "GMS",
            "commissioner_ods": CCG,
            "provider_ods": ods,
            "service": "core general medical services",
            "start_date": START.isoformat(),
            "payment": {"basis": "block", "schedule": "monthly", "annual_value_pence": 1_200_000},
        },
        who=COMM,
    ).json()
    api.call("contracts", "POST", f"/contracts/{proposed['id']}/activate", who=COMM)
    return str(proposed["id"])


def run(api: Api, period: str, contracts: dict[str, str]) -> list[tuple[str, str, str, int, bool]]:
    """A payment run; (practice, period, basis, amount, recovery) of what it paid the scheme's
    contracts (the GMS contracts are paid by the same runs)."""
    ods_of = {cid: ods for ods, cid in contracts.items()}
    found = api.call("payments", "POST", "/payment-runs", json={"period": period}, who=COMM).json()
    return sorted(
        (ods_of[p["contract_id"]], p["period"], p["basis"], p["amount_pence"], p["recovery"])
        for p in found["payments"]
        if p["contract_id"] in ods_of
    )


def balance(api: Api, ods: str, contract_id: str) -> int:
    """Every posting to the practice for the scheme's contract, read from its accounts."""
    total, cursor = 0, None
    while True:
        params: dict[str, Any] = {"limit": 500, **({"cursor": cursor} if cursor else {})}
        page = api.call(
            "payments", "GET", f"/accounts/{ods}", params=params, who=("practice", ods)
        ).json()["postings"]
        total += sum(p["amount_pence"] for p in page["items"] if p["contract_id"] == contract_id)
        cursor = page.get("next_cursor")
        if not cursor:
            return total


def position(api: Api, scheme_id: str) -> dict[str, dict[str, Any]]:
    found = api.call("payments", "GET", f"/schemes/{scheme_id}/position", who=COMM, ok=(200, 404))
    if found.status_code == 404:
        return {}
    return {line["practice_ods"]: line for line in found.json()["practices"]}


def results(
    api: Api, scheme_id: str, ods: str, missed: str | None, reason: str | None = None
) -> None:
    body: dict[str, Any] = {
        "practice_ods": ods,
        "standards": [{"code": c, "delivered": c != missed} for c in STANDARDS],
        **({"reason": reason} if reason else {}),
    }
    api.call("contracts", "POST", f"/schemes/{scheme_id}/results", json=body, who=COMM)


def balanced(api: Api) -> bool:
    tb = api.call("payments", "GET", "/ledger/trial-balance", who=COMM).json()
    return bool(tb["balanced"] and tb["debits_pence"] == tb["credits_pence"])


# -- the story -------------------------------------------------------------------------------------


def test_a_network_where_one_practice_misses_a_standard_is_held_back_then_released(
    suite: Suite, api: Api
) -> None:
    began = time.monotonic()
    register(api)
    committee_id, approval = committee(api)
    for ods in PRACTICES:
        core_contract(api, ods)
    print(f"\n   {CCG}: practices {', '.join(PRACTICES)} with GMS from {START}; committee "
          f"{committee_id}")  # fmt: skip

    scheme = api.call(
        "contracts",
        "POST",
        "/schemes",
        json={
            "commissioner_ods": CCG,
            "kind": "LES",
            "name": "Network AF outcomes",
            "year": YEAR,
            "per_head_pence": PER_HEAD,
            "upfront_percent": str(UPFRONT),
            "standards": [{"code": c, "title": f"standard {c}"} for c in STANDARDS],
            "release": "network",
            "balancing": "all_or_nothing",
            "networks": [{"name": NETWORK, "practices": PRACTICES}],
            "decision_committee_id": committee_id,
        },
        who=COMM,
    ).json()
    scheme_id = scheme["scheme_id"]
    contracts: dict[str, str] = {}
    for ods in PRACTICES:
        enrolled = api.call(
            "contracts", "POST", f"/schemes/{scheme_id}/enrolments", json={"practice_ods": ods},
            who=COMM,
        ).json()  # fmt: skip
        assert (enrolled["network"], enrolled["contract_status"]) == (NETWORK, "proposed")
        contracts[ods] = enrolled["contract_id"]
        decided(api, committee_id, approval, decision_item_id(enrolled["contract_id"]))
    for ods, cid in contracts.items():
        wait_for(
            f"{ods}'s LES contract to be put in force by the committee's decision",
            lambda cid=cid: (
                api.call("contracts", "GET", f"/contracts/{cid}", who=COMM).json()["status"]
                == "active"
            ),
            TIMEOUT,
        )
    print(f"   scheme {scheme_id} ({YEAR}, LES, {PER_HEAD}p a head, {UPFRONT}% up front, network "
          f"{NETWORK}): 3 enrolments approved by the committee")  # fmt: skip

    # Payments knows the contracts, the scheme and every dated list size before the runs: what
    # it expects for the year is exactly the upfront share recomputed here.
    def expected_upfront(ods: str) -> list[int | None]:
        items = api.call(
            "payments", "GET", f"/accounts/{ods}/expected", who=("practice", ods),
            params={"from": MONTHS[0], "to": MARCH, "limit": 500},
        ).json()["items"]  # fmt: skip
        by_month = {
            i["period"]: i["amount_pence"]
            for i in items
            if i["contract_id"] == contracts[ods] and i["basis"] == "upfront"
        }
        return [by_month.get(m) for m in MONTHS]

    wait_for(
        "payments to expect each practice's upfront months on its dated list sizes",
        lambda: (
            all(expected_upfront(o) == [u for u, _ in month_figures(o)] for o in PRACTICES)
            and set(position(api, scheme_id)) == set(PRACTICES)
        ),
        TIMEOUT,
    )

    for i, month in enumerate(MONTHS):
        paid = run(api, month, contracts)
        assert paid == [(o, month, "upfront", month_figures(o)[i][0], False) for o in PRACTICES]
    waiting = api.call(
        "payments", "POST", "/payment-runs", json={"period": MARCH}, who=COMM
    ).json()["waiting_for"]
    assert {(w["contract_id"], w["reason"]) for w in waiting} >= {
        (cid, "scheme_results_not_recorded") for cid in contracts.values()
    }
    for ods in PRACTICES:
        assert balance(api, ods, contracts[ods]) == upfront_of(ods), ods
        print(f"   {ods}: paid up front {upfront_of(ods)}p over 12 runs, "
              f"{held_back_of(ods)}p held back")  # fmt: skip

    # The year's results: B86203 missed AF-2.
    for ods in PRACTICES:
        results(api, scheme_id, ods, MISSED if ods == MISSER else None)
    wait_for(
        "payments to hold every practice's results (scheme.results_recorded)",
        lambda: all(
            not line["why"].startswith("waiting") for line in position(api, scheme_id).values()
        ),
        TIMEOUT,
    )
    close = run(api, MARCH, contracts)
    # Nobody is released the held-back share (a close that moves nothing posts nothing); the
    # practice that missed a standard repays all its upfront money.
    assert close == [(MISSER, MARCH, "scheme_recovery", upfront_of(MISSER), True)], close
    assert run(api, MARCH, contracts) == [], "a second run pays nothing"
    for ods in PRACTICES:
        kept = 0 if ods == MISSER else upfront_of(ods)
        assert balance(api, ods, contracts[ods]) == kept, ods
    lines = position(api, scheme_id)
    held = f"held back: {MISSER} missed standard {MISSED} in network {NETWORK}"
    for ods, line in lines.items():
        recovered = upfront_of(ods) if ods == MISSER else 0
        assert line["paid_up_front_pence"] == upfront_of(ods), ods
        assert line["held_back_pence"] == held_back_of(ods), ods
        assert (line["released_pence"], line["recovered_pence"]) == (0, recovered), ods
        assert line["paid_pence"] == upfront_of(ods) - recovered, ods
        recovery_why = (
            f"recovered: standard {MISSED} missed (all or nothing)"
            if ods == MISSER
            else "nothing recovered: every standard delivered"
        )
        assert line["why"] == f"{held}; {recovery_why}", line
        print(f"   {ods}: net {line['paid_pence']}p - {line['why']}")
    statement = api.call(
        "payments", "GET", f"/statements/{MISSER}/{MARCH}", params={"limit": 500},
        who=("practice", MISSER),
    ).json()  # fmt: skip
    memos = [ln["memo"] for ln in statement["lines"] if ln["contract_id"] == contracts[MISSER]]
    assert any(f"recovered: standard {MISSED} missed (all or nothing)" in m for m in memos), memos
    assert balanced(api), "the trial balance balances"

    # Corrected after the close: B86203 did deliver AF-2. The next run releases the held-back
    # share to all three and repays B86203's recovery, exactly once.
    results(api, scheme_id, MISSER, None, reason="audit found the AF-2 checks were done")
    wait_for(
        "payments to hold the corrected results",
        lambda: all(
            line["why"].startswith("released:") for line in position(api, scheme_id).values()
        ),
        TIMEOUT,
    )
    after = run(api, NEXT, contracts)
    assert after == sorted(
        [(o, MARCH, "scheme_release", held_back_of(o), False) for o in PRACTICES]
        + [(MISSER, MARCH, "scheme_recovery", upfront_of(MISSER), False)]
    ), after
    assert run(api, NEXT, contracts) == [], "released and repaid once"
    lines = position(api, scheme_id)
    for ods in PRACTICES:
        year = upfront_of(ods) + held_back_of(ods)
        assert balance(api, ods, contracts[ods]) == year, ods
        line = lines[ods]
        assert (line["released_pence"], line["recovered_pence"]) == (held_back_of(ods), 0), line
        assert line["paid_pence"] == year, line
        assert line["why"] == (
            f"released: every practice in network {NETWORK} delivered every standard; "
            "nothing recovered: every standard delivered"
        ), line
        print(f"   after the correction {ods}: released {held_back_of(ods)}p, net {year}p")
    assert balanced(api), "the trial balance still balances"
    print(f"   verified in {time.monotonic() - began:.1f}s")

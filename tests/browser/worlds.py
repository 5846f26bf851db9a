"""What each service holds for the browser tests, seeded through its API or, for what another
service would have told it, through its inbox as the broker would deliver it. Months are
counted from this month in England (payments pays only months that have begun), so the pages
show paid, late, due and waiting payments whatever the day the tests run."""

from __future__ import annotations

import importlib
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx

from services.console.formats import shift_month
from shared.calendar import period_start, quarter_of, uk_today
from shared.db import Database
from shared.events import Envelope, Event
from shared.events.contracts import (
    ContractActivated,
    DistributionRule,
    OrganisationRegistered,
    PaymentTerms,
    SchemeEnrolment,
    SchemeNetwork,
    SchemePublished,
    SchemeResults,
    SchemeResultsRecorded,
    SchemeStandard,
    StandardDelivery,
    Tariff,
)
from shared.events.federation import ActivityPeriodClosed, PracticeActivity, SubcontractIssued
from shared.events.payments import DistributionCompleted, DistributionLine
from tests.browser.stack import run_async, token
from tests.conftest import deliver_through_inbox, truncate_all

CCG, FEDERATION, PRACTICE, ADMIN = "02W", "Y0F01", "B86001", "C83003"
HUB = "hub-derm-1"
#: The commissioner of the commissioner pages: its contracts are the contracts service's own.
COMMISSIONER, ITS_PRACTICE, ITS_FEDERATION, ITS_ADMIN = "03R", "P83001", "Y0F02", "P83002"
#: More interests than one page of the register holds (50).
PEOPLE = 60
OVERDUE = ["Dr Late Declarer", "Ms Never Declared"]
SIGNATORY = "Ms J Smith"

THIS_MONTH = uk_today().strftime("%Y-%m")


def month(offset: int) -> str:
    """This month (0), earlier (negative) or later."""
    return shift_month(THIS_MONTH, offset)


def last_ended_quarter(before: int = 0) -> str:
    day = uk_today()
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    for _ in range(before + 1):
        last = first - timedelta(days=1)
        first = date(last.year, 3 * ((last.month - 1) // 3) + 1, 1)
    return quarter_of(last)


RULE = DistributionRule(
    retained_percent=Decimal("10"),
    admin_charge_per_patient_pence=4000,
    premises_per_consultation_pence=500,
    clinician_fee_per_consultation_pence=3000,
)
BLOCK = PaymentTerms(basis="block", schedule="monthly", annual_value_pence=1_200_000)
TARIFF = PaymentTerms(
    basis="tariff", schedule="monthly", tariff=Tariff(first_pence=15000, follow_up_pence=8000)
)


def _organisations(ccg: str, federation: str, practices: list[str]) -> list[Event]:
    return [
        OrganisationRegistered(ods_code=ccg, kind="ccg", name=f"NHS {ccg} CCG"),
        OrganisationRegistered(
            ods_code=federation, kind="federation", name="Bradford Health Federation",
            parent_ods=ccg,
        ),
        *(
            OrganisationRegistered(ods_code=p, kind="practice", name=f"Practice {p}",
                                   parent_ods=ccg)
            for p in practices
        ),
    ]  # fmt: skip


def _contract(contract_id: str, kind: str, ccg: str, provider: str, **rest: Any) -> Event:
    start = period_start(month(-3))
    return ContractActivated(
        contract_id=contract_id, kind=kind, status="active", commissioner_ods=ccg,
        provider_ods=provider, service=rest.pop("service", "general medical services"),
        start_date=start, effective_from=start, payment=rest.pop("payment", BLOCK), **rest,
    )  # fmt: skip


def _hub_events(hub: str, ccg: str, federation: str, admin: str, practice: str) -> list[Event]:
    start = period_start(month(-3))
    return [
        _contract(hub, "HUB", ccg, federation, service="community dermatology",
                  payment=TARIFF, distribution=RULE),
        SubcontractIssued(subcontract_id=f"{hub}-admin", contract_id=hub,
                          federation_ods=federation, practice_ods=admin, roles=["admin"],
                          start_date=start),
        SubcontractIssued(subcontract_id=f"{hub}-{practice}", contract_id=hub,
                          federation_ods=federation, practice_ods=practice,
                          roles=["delivery", "premises"], start_date=start),
        ActivityPeriodClosed(
            contract_id=hub, federation_ods=federation, period=month(-2), revision=1,
            patients=10,
            practices=[PracticeActivity(practice_ods=practice, first=10, follow_up=5, total=15,
                                        patients=10, hosted=15)],
        ),
    ]  # fmt: skip


async def _deliver(service: str, database_url: str, events: list[Event], fresh: bool) -> None:
    if fresh:
        await truncate_all(database_url)
    handlers = importlib.import_module(f"services.{service}.handlers").handlers
    metadata = importlib.import_module(f"services.{service}.store").metadata
    db = Database(database_url, metadata, service=service)
    try:
        for event in events:
            envelope = Envelope.wrap(event, source=f"/gpfed/{event.producer}")
            await deliver_through_inbox(db, handlers, envelope)
    finally:
        await db.dispose()


def deliver(service: str, database_url: str, events: list[Event], fresh: bool = False) -> None:
    run_async(lambda: _deliver(service, database_url, events, fresh))


def _client(url: str, role: str, org: str) -> httpx.Client:
    headers = {"authorization": f"Bearer {token(role, org)}"}
    return httpx.Client(base_url=url, headers=headers, timeout=30)


def _send(client: httpx.Client, path: str, body: Any = None, method: str = "POST") -> Any:
    response = client.request(method, path, json=body)
    assert response.status_code in (200, 201, 202), response.text
    return response.json()


# --- conflicts: the public registers, overdue declarations and self-certification ---------


def seed_conflicts(database_url: str, url: str) -> None:
    """Through the API, as governance staff of 02W: more interests than a page, gifts, a breach,
    people overdue with their declarations, and an earlier quarter's return signed off."""
    deliver("conflicts", database_url, _organisations(CCG, FEDERATION, [PRACTICE]), fresh=True)
    with _client(url, "governance", CCG) as client:
        for n in range(1, PEOPLE + 1):
            person = _send(client, "/people", {
                "name": f"Dr Person {n:02d}", "roles": [], "decision_making": True,
                "affiliations": []})  # fmt: skip
            _send(client, f"/people/{person['id']}/declarations", {
                "category": "financial", "description": f"Partner at practice {n:02d}",
                "organisation_ods": PRACTICE, "held_by": "self", "publish": True,
                "start_date": f"{2025 + n % 2}-{n % 12 + 1:02d}-01"})  # fmt: skip
            if n <= 3:
                gift = {"kind": "hospitality", "source": "Acme Pharma",
                        "source_is_supplier": False, "value_pence": 3000 * n,
                        "received_on": "2026-11-02", "accepted": True}  # fmt: skip
                _send(client, f"/people/{person['id']}/gifts", gift)
        for n, name in enumerate(OVERDUE):
            appointed = uk_today() - timedelta(days=60 + 30 * n)
            late = {"name": name, "roles": [], "decision_making": True,
                    "appointed_on": appointed.isoformat(), "affiliations": []}  # fmt: skip
            _send(client, "/people", late)
        _send(client, "/breaches", {"occurred_on": "2026-10-05",
                                    "summary": "A declaration was made late",
                                    "action_taken": "Training given"})  # fmt: skip
        _send(client, "/self-certification/sign-off", {
            "quarter": last_ended_quarter(1), "signed_by_name": SIGNATORY,
            "role": "Accountable Officer"})  # fmt: skip


# --- payments: a practice's GMS and hub share (commissioner 02W) ----------------------------


def seed_payments(database_url: str, url: str) -> None:
    """B86001's GMS (£1,000 a month) and its share of 02W's hub; 02W has run two months ago
    only, so that month is paid, last month's GMS is late, this month's due, and the hub
    share of last month waits for the federation to close it."""
    events = [
        *_organisations(CCG, FEDERATION, [PRACTICE, ADMIN]),
        _contract("gms-b86001", "GMS", CCG, PRACTICE),
        *_hub_events(HUB, CCG, FEDERATION, ADMIN, PRACTICE),
    ]
    deliver("payments", database_url, events, fresh=True)
    with _client(url, "commissioner", CCG) as client:
        _send(client, "/payment-runs", {"period": month(-2)})


# --- contracts and payments: a commissioner's runs, spend and decisions ---------------------


def seed_commissioner(contracts_url: str, payments_database_url: str, payments_url: str) -> None:
    """03R's GMS and hub (activated), an LES proposed for its committee's decision; in
    payments, runs for two months ago and last month (the hub's last month waits for the
    federation's close)."""
    with _client(contracts_url, "ops", "X24") as ops:
        _send(ops, "/organisations", {"ods_code": COMMISSIONER, "kind": "ccg",
                                      "name": "NHS Airedale CCG"})  # fmt: skip
    start = period_start(month(-3)).isoformat()
    with _client(contracts_url, "commissioner", COMMISSIONER) as client:
        _send(client, f"/commissioners/{COMMISSIONER}/decision-policy",
              {"gated_kinds": ["LES"], "gate_variations": True, "gate_terminations": True},
              method="PUT")  # fmt: skip
        for ods, kind in ((ITS_FEDERATION, "federation"), (ITS_PRACTICE, "practice"),
                          (ITS_ADMIN, "practice")):  # fmt: skip
            _send(client, "/organisations", {"ods_code": ods, "kind": kind, "name": ods})
        block = BLOCK.model_dump(mode="json", exclude_none=True)
        tariff = TARIFF.model_dump(mode="json", exclude_none=True)
        common = {"commissioner_ods": COMMISSIONER, "start_date": start}
        gms = _send(client, "/contracts", {
            **common, "kind": "GMS", "provider_ods": ITS_PRACTICE,
            "service": "general medical services", "payment": block})  # fmt: skip
        hub = _send(client, "/contracts", {
            **common, "kind": "HUB", "provider_ods": ITS_FEDERATION,
            "service": "community dermatology", "payment": tariff,
            "distribution": RULE.model_dump(mode="json")})  # fmt: skip
        for contract in (gms, hub):
            _send(client, f"/contracts/{contract['id']}/activate")
        _send(client, "/contracts", {
            **common, "kind": "LES", "provider_ods": ITS_PRACTICE, "service": "phlebotomy",
            "offered_to_core_holders_first": True, "payment": block,
            "start_date": period_start(month(2)).isoformat(),
            "decision_committee_id": "pccc-03r"})  # fmt: skip
    events = [
        *_organisations(COMMISSIONER, ITS_FEDERATION, [ITS_PRACTICE, ITS_ADMIN]),
        _contract(gms["id"], "GMS", COMMISSIONER, ITS_PRACTICE),
        *_hub_events(hub["id"], COMMISSIONER, ITS_FEDERATION, ITS_ADMIN, ITS_PRACTICE),
    ]
    deliver("payments", payments_database_url, events)
    with _client(payments_url, "commissioner", COMMISSIONER) as client:
        for period in (month(-2), month(-1)):
            _send(client, "/payment-runs", {"period": period})


# --- federation: a hub's months, one loss-making, one still open ----------------------------


def _distributed(period: str, income: int, costs: int, shares: dict[str, int]) -> Event:
    profit = income - costs
    retained = profit // 10
    return DistributionCompleted(
        contract_id=HUB, federation_ods=FEDERATION, period=period,
        transaction_id=f"tx-{period}", income_pence=income, costs_pence=costs,
        retained_pence=retained, remainder_pence=profit - retained,
        lines=[DistributionLine(practice_ods=p, consultations=10, share_pence=v, admin_pence=0,
                                premises_pence=0, clinician_fees_pence=0, total_pence=v)
               for p, v in shares.items()],
    )  # fmt: skip


#: (month offset, income, costs, each practice's share) of Y0F01's hub.
HUB_MONTHS = [
    (-3, 258_000, 123_500, {PRACTICE: 90_000, ADMIN: 31_350}),
    (-2, 100_000, 140_000, {PRACTICE: -20_000, ADMIN: -16_000}),
]


def seed_federation(database_url: str, url: str) -> None:
    """Y0F01's hub, as contracts and payments would have told the federation service: three
    months ago in profit, two months ago at a loss, both closed; last month still open."""
    deliver("federation", database_url, [
        *_organisations(CCG, FEDERATION, [PRACTICE, ADMIN]),
        _contract(HUB, "HUB", CCG, FEDERATION, service="community dermatology", payment=TARIFF,
                  distribution=RULE),
    ], fresh=True)  # fmt: skip
    with _client(url, "federation", FEDERATION) as client:
        for offset, *_ in HUB_MONTHS:
            _send(
                client, f"/federations/{FEDERATION}/contracts/{HUB}/periods/{month(offset)}/close"
            )
    deliver("federation", database_url, [
        _distributed(month(offset), income, costs, shares)
        for offset, income, costs, shares in HUB_MONTHS
    ])  # fmt: skip


# --- payments: an incentive scheme's year and a gain share (commissioner 01H) ---------------

#: A commissioner of its own, so its runs are not the payment-runs page's: its federation holds
#: a hub on which two of the scheme's three practices are subcontracted.
SCHEME_COMMISSIONER, SCHEME_FEDERATION = "01H", "Y0F03"
SCHEME_HUB, SCHEME = "hub-01h", "sch-north"
SCHEME_PRACTICES = ["M85001", "M85002", "M85003"]
ON_THE_HUB = SCHEME_PRACTICES[:2]
#: The scheme's year (2025/26, ended): £10 a head, 70% up front, 1,000 patients each.
SCHEME_MONTHS = [f"2025-{m:02d}" for m in range(4, 13)] + ["2026-01", "2026-02", "2026-03"]


def _scheme(kind: Any, revision: int, missed_by: str | None) -> Event:
    standards = ["AF-1", "AF-2"]
    results = [
        SchemeResults(practice_ods=p, version=1, standards=[
            StandardDelivery(code=c, delivered=not (p == missed_by and c == "AF-2"))
            for c in standards])
        for p in SCHEME_PRACTICES
    ] if missed_by else []  # fmt: skip
    return kind(
        scheme_id=SCHEME, commissioner_ods=SCHEME_COMMISSIONER, kind="LIS",
        name="Network outcomes", year="2025/26", year_start=date(2025, 4, 1),
        year_end=date(2026, 3, 31), per_head_pence=1000, upfront_percent=Decimal("70"),
        standards=[SchemeStandard(code=c, title=c) for c in standards], release="network",
        balancing="all_or_nothing",
        networks=[SchemeNetwork(name="North", practices=SCHEME_PRACTICES)],
        enrolments=[SchemeEnrolment(practice_ods=p, contract_id=f"lis-{p}", network="North")
                    for p in SCHEME_PRACTICES],
        results=results, revision=revision,
    )  # fmt: skip


def register_scheme_commissioner(contracts_url: str) -> None:
    """01H in contracts' register, so that its token is a commissioner's there: its scheme
    page lists its schemes from contracts (none: the scheme year above lives in payments)."""
    with _client(contracts_url, "ops", "X24") as ops:
        body = {"ods_code": SCHEME_COMMISSIONER, "kind": "ccg", "name": SCHEME_COMMISSIONER}
        _send(ops, "/organisations", body)


def seed_schemes(database_url: str, url: str) -> None:
    """01H's scheme for 2025/26 (network North: M85001, M85002, M85003; M85003 misses AF-2, so
    nobody is released the £3,000 held back and M85003 repays its £7,000), paid month by month
    and closed by the March run; and 01H's gain share for 2025/26 naming Y0F03 (M85001 and
    M85002 its members)."""
    start = date(2025, 4, 1)
    terms = PaymentTerms(
        basis="per_head",
        schedule="monthly_upfront_true_up",
        per_head_pence=1000,
        upfront_percent=Decimal("70"),
        true_up="year_end",
    )
    events: list[Event] = [
        OrganisationRegistered(ods_code=SCHEME_COMMISSIONER, kind="ccg", name="NHS 01H CCG"),
        OrganisationRegistered(ods_code=SCHEME_FEDERATION, kind="federation",
                               name="North Federation", parent_ods=SCHEME_COMMISSIONER),
        *(OrganisationRegistered(ods_code=p, kind="practice", name=f"Practice {p}",
                                 parent_ods=SCHEME_COMMISSIONER, list_size=1000,
                                 list_size_effective_from=start)
          for p in SCHEME_PRACTICES),
        ContractActivated(contract_id=SCHEME_HUB, kind="HUB", status="active",
                          commissioner_ods=SCHEME_COMMISSIONER, provider_ods=SCHEME_FEDERATION,
                          service="community dermatology", start_date=start,
                          effective_from=start, payment=TARIFF, distribution=RULE),
        *(SubcontractIssued(subcontract_id=f"{SCHEME_HUB}-{p}", contract_id=SCHEME_HUB,
                            federation_ods=SCHEME_FEDERATION, practice_ods=p,
                            roles=["delivery"], start_date=start)
          for p in ON_THE_HUB),
        *(ContractActivated(contract_id=f"lis-{p}", kind="LIS", status="active",
                            commissioner_ods=SCHEME_COMMISSIONER, provider_ods=p,
                            service=f"scheme {SCHEME}", start_date=start, effective_from=start,
                            end_date=date(2026, 3, 31), payment=terms)
          for p in SCHEME_PRACTICES),
        _scheme(SchemePublished, 4, None),
        _scheme(SchemeResultsRecorded, 7, SCHEME_PRACTICES[2]),
    ]  # fmt: skip
    deliver("payments", database_url, events)
    with _client(url, "commissioner", SCHEME_COMMISSIONER) as client:
        for period in SCHEME_MONTHS:
            _send(client, "/payment-runs", {"period": period})
        _send(client, "/gain-shares", {
            "commissioner_ods": SCHEME_COMMISSIONER, "service": "dermatology", "year": "2025/26",
            "alliances": [
                {"federation_ods": SCHEME_FEDERATION, "weighted_population": 100_000,
                 "baseline_spend_pence": 70_000_000, "actual_spend_pence": 64_000_000},
                {"federation_ods": FEDERATION, "weighted_population": 100_000,
                 "baseline_spend_pence": 60_000_000, "actual_spend_pence": 61_000_000},
            ]})  # fmt: skip

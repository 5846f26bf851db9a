"""Proposing contracts: the rules that tell the kinds apart, and consistent payment terms."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.contracts.conftest import (
    CCG,
    DISTRIBUTION,
    FEDERATION,
    NHSE,
    OTHER_CCG,
    OTHER_PRACTICE,
    PRACTICE,
    Api,
    contract,
    field_of,
    first_of_month,
)

pytestmark = pytest.mark.integration

BLOCK = {"basis": "block", "schedule": "monthly", "annual_value_pence": 100}
UPFRONT = {**BLOCK, "schedule": "monthly_upfront_true_up", "upfront_percent": "75"}

DES = {
    "kind": "DES",
    "provider_ods": PRACTICE,
    "distribution": None,
    "payment": {"basis": "per_head", "schedule": "quarterly_arrears", "per_head_pence": 500},
    "offered_to_core_holders_first": True,
}


async def test_proposed_hub_contract_publishes_its_full_terms(registered: Api) -> None:
    response = await registered.propose(decision_committee_id="pccc-02w")
    created = response.json()
    assert created["status"] == "proposed"
    [event] = await registered.outbox("gpfed.contract.proposed")
    assert event["contract_id"] == created["id"]
    assert event["kind"] == "HUB" and event["status"] == "proposed"
    assert (event["commissioner_ods"], event["provider_ods"]) == (CCG, FEDERATION)
    assert event["decision_committee_id"] == "pccc-02w"
    assert event["payment"]["tariff"] == {"first_pence": 3500, "follow_up_pence": 2000}
    assert event["distribution"]["retained_percent"] == "10"
    assert event["effective_from"] == first_of_month().isoformat()
    got = (await registered.get(f"/contracts/{created['id']}")).json()
    assert got["status"] == "proposed" and got["terms"]["version"] == 1
    assert len(got["history"]) == 1


async def test_apms_without_end_date_is_422_naming_end_date(registered: Api) -> None:
    response = await registered.propose(
        422,
        kind="APMS",
        provider_ods=PRACTICE,
        distribution=None,
        end_date=None,
        payment={"basis": "block", "schedule": "monthly", "annual_value_pence": 1_200_000_00},
    )
    assert field_of(response) == ["end_date"]
    assert "APMS" in response.json()["detail"]


async def test_hub_contract_held_by_a_practice_is_refused(registered: Api) -> None:
    response = await registered.propose(422, provider_ods=PRACTICE)
    assert field_of(response) == ["provider_ods"]
    assert "federation" in response.json()["detail"]
    assert await registered.outbox("gpfed.contract.proposed") == []


async def test_hub_contract_needs_its_distribution_rule(registered: Api) -> None:
    assert field_of(await registered.propose(422, distribution=None)) == ["distribution"]


async def test_distribution_belongs_to_hub_contracts_only(registered: Api) -> None:
    response = await registered.propose(422, **{**DES, "distribution": DISTRIBUTION})
    assert field_of(response) == ["distribution"]


@pytest.mark.parametrize("kind", ["DES", "LES"])
async def test_des_and_les_record_whether_first_offered_to_core_holders(
    registered: Api, kind: str
) -> None:
    response = await registered.propose(
        422, **{**DES, "kind": kind, "offered_to_core_holders_first": None}
    )
    assert field_of(response) == ["offered_to_core_holders_first"]
    created = await registered.propose(
        **{**DES, "kind": kind, "offered_to_core_holders_first": False}
    )
    got = (await registered.get(f"/contracts/{created.json()['id']}")).json()
    assert got["offered_to_core_holders_first"] is False


async def test_other_kinds_do_not_record_first_offer(registered: Api) -> None:
    response = await registered.propose(422, **{**DES, "kind": "GMS"})
    assert field_of(response) == ["offered_to_core_holders_first"]


@pytest.mark.parametrize(
    ("payment", "field"),
    [
        ({"basis": "block", "schedule": "monthly"}, "payment.annual_value_pence"),
        ({"basis": "tariff", "schedule": "monthly"}, "payment.tariff"),
        ({"basis": "per_head", "schedule": "monthly"}, "payment.per_head_pence"),
        (
            {
                "basis": "block",
                "schedule": "monthly",
                "annual_value_pence": 100,
                "per_head_pence": 5,
            },
            "payment.per_head_pence",
        ),
        (
            {"basis": "block", "schedule": "monthly_upfront_true_up", "annual_value_pence": 100},
            "payment.upfront_percent",
        ),
        (
            {
                "basis": "block",
                "schedule": "monthly_upfront_true_up",
                "annual_value_pence": 100,
                "upfront_percent": "0",
            },
            "payment.upfront_percent",
        ),
        (
            {
                "basis": "block",
                "schedule": "monthly_upfront_true_up",
                "annual_value_pence": 100,
                "upfront_percent": "100.5",
            },
            "payment.upfront_percent",
        ),
        (
            {
                "basis": "block",
                "schedule": "monthly",
                "annual_value_pence": 100,
                "upfront_percent": "75",
            },
            "payment.upfront_percent",
        ),
        (
            {
                "basis": "tariff",
                "schedule": "monthly_upfront_true_up",
                "upfront_percent": "75",
                "tariff": {"first_pence": 1, "follow_up_pence": 1},
            },
            "payment.schedule",
        ),
        (
            {"basis": "block", "schedule": "monthly", "annual_value_pence": -1},
            "payment.annual_value_pence",
        ),
        ({"basis": "barter", "schedule": "monthly"}, "payment.basis"),
    ],
)
async def test_inconsistent_payment_terms_are_422_naming_the_field(
    registered: Api, payment: dict[str, Any], field: str
) -> None:
    response = await registered.propose(422, **{**DES, "payment": payment})
    assert field_of(response) == [field]


async def test_upfront_with_true_up_keeps_its_percentage(registered: Api) -> None:
    payment = {
        "basis": "block",
        "schedule": "monthly_upfront_true_up",
        "annual_value_pence": 1_200_000,
        "upfront_percent": "75",
    }
    created = await registered.propose(
        **{**DES, "kind": "GMS", "offered_to_core_holders_first": None, "payment": payment}
    )
    got = (await registered.get(f"/contracts/{created.json()['id']}")).json()
    assert got["terms"]["payment"]["upfront_percent"] == "75"
    assert got["terms"]["payment"]["annual_value_pence"] == 1_200_000


async def test_commissioner_must_be_a_registered_ccg_or_nhse(registered: Api) -> None:
    response = await registered.propose(422, role="ops", org=NHSE, commissioner_ods=PRACTICE)
    assert field_of(response) == ["commissioner_ods"]
    response = await registered.propose(422, role="ops", org=NHSE, commissioner_ods="05Q")
    assert field_of(response) == ["commissioner_ods"]
    await registered.propose(role="commissioner", org=NHSE, commissioner_ods=NHSE)


async def test_provider_must_be_registered(registered: Api) -> None:
    assert field_of(await registered.propose(422, **{**DES, "provider_ods": "B12345"})) == [
        "provider_ods"
    ]


async def test_commissioner_proposes_only_for_its_own_organisation(registered: Api) -> None:
    response = await registered.propose(403, org=OTHER_CCG)
    assert response.json()["status"] == 403
    await registered.propose(403, role="practice", org=PRACTICE)


async def test_end_date_before_start_is_422(registered: Api) -> None:
    response = await registered.propose(422, end_date=first_of_month(-1).isoformat())
    assert field_of(response) == ["end_date"]


async def test_subcontract_names_its_prime_parent_and_the_chain_is_listed(registered: Api) -> None:
    block = {"basis": "block", "schedule": "monthly", "annual_value_pence": 5_000_000}
    prime = (await registered.propose(kind="PRIME", distribution=None, payment=block)).json()["id"]
    hub = (await registered.propose()).json()["id"]
    sub = {"kind": "APMS", "provider_ods": PRACTICE, "distribution": None, "payment": block}
    assert field_of(await registered.propose(422, **sub, parent_contract_id=hub)) == [
        "parent_contract_id"
    ]
    assert field_of(await registered.propose(422, **sub, parent_contract_id="nope")) == [
        "parent_contract_id"
    ]
    late = first_of_month(13).isoformat()
    assert field_of(
        await registered.propose(422, **sub, parent_contract_id=prime, end_date=late)
    ) == ["end_date"]
    child = (await registered.propose(**sub, parent_contract_id=prime)).json()["id"]
    await registered.propose(**{**sub, "provider_ods": OTHER_PRACTICE}, parent_contract_id=prime)
    chain = (await registered.get("/contracts", parent_contract_id=prime)).json()["items"]
    assert len(chain) == 2 and child in {c["id"] for c in chain}
    assert {c["parent_contract_id"] for c in chain} == {prime}
    [event] = [
        e for e in await registered.outbox("gpfed.contract.proposed") if e["contract_id"] == child
    ]
    assert event["parent_contract_id"] == prime


async def test_unknown_field_in_the_body_is_422(registered: Api) -> None:
    response = await registered.propose(422, payment={**DES["payment"], "per_patient": 1})
    assert "payment.per_patient" in field_of(response)


@pytest.mark.parametrize(
    ("overrides", "status"),
    [
        ({"payment": {**BLOCK, "annual_value_pence": 10**30}}, 422),
        ({"payment": {**UPFRONT, "upfront_percent": "NaN"}}, 422),
        ({"start_date": "2026-02-30"}, 422),
        ({"end_date": "9999-12-31", "start_date": "0001-01-01"}, 201),
        # Whitespace keyed around a code is normalised away.
        ({"commissioner_ods": "02W\n"}, 201),
        ({"parent_contract_id": "x" * 37}, 422),
        ({"distribution": {**DISTRIBUTION, "retained_percent": "10.001"}}, 422),
        ({"kind": None}, 422),
    ],
)
async def test_odd_input_is_a_problem_never_a_500(
    registered: Api, overrides: dict[str, Any], status: int
) -> None:
    response = await registered.post(
        "/contracts", {**contract(), **overrides}, role="ops", org=NHSE
    )
    assert response.status_code == status, response.text


async def test_odd_paths_and_queries_are_problems(registered: Api) -> None:
    for path, params in [
        ("/contracts/" + "x" * 300, {}),
        ("/contracts", {"in_force_on": "yesterday"}),
        ("/contracts", {"cursor": "!!"}),
        ("/organisations", {"kind": "surgery"}),
        ("/organisations/%20", {}),
    ]:
        response = await registered.get(path, **params)
        assert response.status_code in (404, 422), (path, response.text)
    response = await registered.post(
        "/contracts/expire-due", {"on": "9999-12-31"}, role="ops", org=NHSE
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("payment", "field"),
    [
        (
            {"basis": "per_head", "schedule": "monthly", "per_head_pence": 10**13},
            "payment.per_head_pence",
        ),
        (
            {
                "basis": "tariff",
                "schedule": "monthly",
                "tariff": {"first_pence": 10**7, "follow_up_pence": 1},
            },
            "payment.tariff.first_pence",
        ),
    ],
)
async def test_a_rate_that_could_overflow_a_payment_is_422(
    registered: Api, payment: dict[str, Any], field: str
) -> None:
    """A per-head rate times a list size beyond BIGINT once failed a whole payment run for
    everyone; rates are bounded where they enter (GBP 10,000 a head or a consultation)."""
    response = await registered.propose(expect=422, provider_ods=PRACTICE, kind="LES",
                                        distribution=None, payment=payment,
                                        offered_to_core_holders_first=True)  # fmt: skip
    assert field_of(response) == [field]

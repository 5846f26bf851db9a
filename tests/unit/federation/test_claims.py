"""Item-of-service claims (issue 19 point 2): which contract a claim counts under, and why one
is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from services.federation.domain.activity import (
    UNRESOLVED,
    ActivityContext,
    Consultation,
    Rejected,
    Rejection,
    parse,
    screen,
)
from services.federation.domain.claims import resolve_claims
from services.federation.domain.hub import HubTerms

ANYONE = lambda _contract, _practice: True  # noqa: E731 - the scope of ops
EVERY_PRACTICE = lambda _practice: True  # noqa: E731


def ios(contract_id: str, *codes: str, provider: str = "B86001", **more: Any) -> HubTerms:
    values: dict[str, Any] = {
        "contract_id": contract_id,
        "change": "activated",
        "effective_from": date(2026, 4, 1),
        "federation_ods": provider,
        "commissioner_ods": "02W",
        "service": "enhanced services",
        "status": "active",
        "start_date": date(2026, 4, 1),
        "end_date": None,
        "payment": {
            "basis": "item_of_service",
            "schedule": "monthly",
            "fees": [{"service_code": c, "fee_pence": 1000} for c in codes],
        },
        "kind": "LES",
    }
    return HubTerms(**{**values, **more})


def claim(code: str, **more: Any) -> Consultation:
    values = {
        "id": "c1",
        "practice_ods": "B86001",
        "patient_ref": "pt-1",
        "occurred_at": datetime(2026, 5, 4, 10, tzinfo=UTC),
        "service_code": code,
    }
    return Consultation.model_validate({**values, **more})


def found(record: Consultation, *contracts: HubTerms) -> str | Rejection:
    services = {c.contract_id: [c] for c in contracts}
    [out] = resolve_claims([record], services, ANYONE, EVERY_PRACTICE)
    return out.reason if isinstance(out, Rejected) else out.contract_id


def test_a_claim_counts_under_the_one_contract_paying_its_code_that_day() -> None:
    les, lis = ios("les", "minor-surgery"), ios("lis", "vaccination")
    assert found(claim("vaccination"), les, lis) == "lis"
    assert found(claim("flu-jab"), les, lis) is Rejection.UNKNOWN_SERVICE


def test_two_contracts_paying_the_code_are_ambiguous_unless_the_claim_names_one() -> None:
    les, lis = ios("les", "vaccination"), ios("lis", "vaccination")
    assert found(claim("vaccination"), les, lis) is Rejection.AMBIGUOUS_CONTRACT
    assert found(claim("vaccination", contract_id="lis"), les, lis) == "lis"


def test_another_practices_contract_or_one_not_in_force_does_not_pay() -> None:
    theirs = ios("les", "vaccination", provider="B86002")
    ended = ios("lis", "vaccination", end_date=date(2026, 4, 30))
    assert found(claim("vaccination"), theirs, ended) is Rejection.UNKNOWN_SERVICE


def test_a_practice_the_caller_never_reports_for_is_not_authorised() -> None:
    services = {"les": [ios("les", "vaccination")]}
    [out] = resolve_claims([claim("vaccination")], services, ANYONE, lambda _p: False)
    assert isinstance(out, Rejected) and out.reason is Rejection.NOT_AUTHORISED


def test_a_claim_is_screened_on_its_contracts_fees_and_a_hub_record_needs_its_kind() -> None:
    contract = ios("les", "vaccination")
    context = ActivityContext(
        hubs={},
        memberships=[],
        subcontracts=[],
        closed_periods={("les", "2026-06")},
        held=set(),
        services={"les": [contract]},
    )
    june = datetime(2026, 6, 1, 10, tzinfo=UTC)
    records = [
        claim("vaccination", id="a", contract_id="les"),
        claim("minor-surgery", id="b", contract_id="les"),
        claim("vaccination", id="c", contract_id="les", occurred_at=june),
        claim("vaccination", id="d", contract_id="les", practice_ods="B86002"),
    ]
    result = screen(records, context, ANYONE)
    assert [c.id for c in result.accepted] == ["a"]
    assert [(r.id, r.reason) for r in result.rejected] == [
        ("b", Rejection.UNKNOWN_SERVICE),
        ("c", Rejection.PERIOD_CLOSED),
        ("d", Rejection.UNKNOWN_SERVICE),
    ]
    hub_record = parse(
        {"id": "h", "practice_ods": "B86001", "patient_ref": "p", "occurred_at": june.isoformat()}
    )
    assert isinstance(hub_record, Rejected) and "contract_id, kind" in hub_record.detail
    assert claim("vaccination").contract_id == UNRESOLVED

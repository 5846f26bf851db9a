"""Variations, backdated or not: how a change from a date on rewrites the terms history, which
dates a variation and a termination may take, and the revision every event carries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.contracts.domain.contract import Contract, contract_event
from services.contracts.domain.organisation import Organisation
from services.contracts.domain.payment import DistributionRule, PaymentTerms, Tariff
from services.contracts.domain.proposal import Proposal, propose
from services.contracts.domain.rules import RuleBroken, WrongState
from services.contracts.domain.terms import (
    FIELDS,
    TermsChange,
    TermsVersion,
    field_on,
    first_gap,
    vary_history,
)
from shared.events.contracts import ContractTerminated, ContractVaried
from shared.ods import OrganisationKind

CCG = Organisation("02W", OrganisationKind.CCG, "NHS Bradford City CCG")
FEDERATION = Organisation("Y02765", OrganisationKind.FEDERATION, "Bradford GP Federation")
START, END = date(2026, 4, 1), date(2027, 3, 31)
NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)


def tariff(first: int) -> PaymentTerms:
    return PaymentTerms(
        basis="tariff", schedule="monthly", tariff=Tariff(first_pence=first, follow_up_pence=2000)
    )


def rule(retained: int) -> DistributionRule:
    return DistributionRule(
        retained_percent=Decimal(retained),
        admin_charge_per_patient_pence=6000,
        premises_per_consultation_pence=500,
        clinician_fee_per_consultation_pence=1500,
    )


P1, P2, P3 = tariff(3500), tariff(3700), tariff(3900)
D1, D2 = rule(10), rule(5)


def hub(end_date: date | None = END) -> Contract:
    contract = propose(
        "c1",
        Proposal(
            kind="HUB",
            commissioner_ods="02W",
            provider_ods="Y02765",
            service="hub",
            start_date=START,
            end_date=end_date,
            payment=P1,
            distribution=D1,
        ),
        commissioner=CCG,
        provider=FEDERATION,
        parent=None,
    )
    contract.activate()
    return contract


def vary(contract: Contract, on: date, **change: object) -> None:
    contract.vary(
        effective_from=on,
        change=TermsChange(**change),  # type: ignore[arg-type]
        reason=f"from {on}",
        recorded_at=NOW,
    )


def field_broken(call: object) -> str:
    with pytest.raises(RuleBroken) as caught:
        call()  # type: ignore[operator]
    return caught.value.field


def in_force(versions: list[TermsVersion], on: date) -> TermsVersion:
    return [v for v in versions if v.effective_from <= on][-1]


# --- the rule, stated two ways ------------------------------------------------------------

days = st.integers(min_value=0, max_value=(END - START).days).map(
    lambda n: START + timedelta(days=n)
)
changes = st.builds(
    lambda payment, distribution, end: TermsChange(
        payment=payment,
        distribution=distribution,
        end_date=end if end is not None else None,
        end_date_changed=end is not None,
    ),
    st.sampled_from([None, P1, P2, P3]),
    st.sampled_from([None, D1, D2]),
    st.one_of(st.none(), days.map(lambda d: d + timedelta(days=400))),
).filter(lambda c: not c.is_empty)
variations = st.lists(st.tuples(days, changes), max_size=8)


@given(variations, days)
@settings(max_examples=300)
def test_each_field_on_each_day_is_the_latest_set_on_or_before_it_in_any_order_recorded(
    made: list[tuple[date, TermsChange]], on: date
) -> None:
    first = hub().versions[0]
    versions = [first]
    for when, change in made:
        versions = vary_history(versions, when, change, "r")
    assert [v.effective_from for v in versions] == sorted({START, *(w for w, _ in made)})
    assert [v.version for v in versions] == list(range(1, len(versions) + 1))
    for name in FIELDS:
        assert in_force(versions, on).value(name) == field_on(first, made, name, on)


def test_a_backdated_change_carries_into_later_versions_except_the_fields_they_set() -> None:
    contract = hub()
    vary(contract, date(2026, 10, 1), payment=P2)
    vary(contract, date(2026, 7, 1), payment=P3, distribution=D2)  # backdated before October
    july, october = contract.versions[1], contract.versions[2]
    assert (july.effective_from, july.payment, july.distribution) == (date(2026, 7, 1), P3, D2)
    # October set its own payment, which stands; its distribution was carried, so it follows.
    assert (october.payment, october.distribution) == (P2, D2)
    assert [v.version for v in contract.versions] == [1, 2, 3]
    assert contract.versions[0].payment == P1 and contract.versions[0].distribution == D1
    assert [sorted(v.fields_set) for v in contract.versions[1:]] == [
        ["distribution", "payment"],
        ["payment"],
    ]


def test_a_change_stops_at_the_first_later_version_setting_that_field_and_goes_no_further() -> None:
    contract = hub()
    vary(contract, date(2026, 8, 1), distribution=D2)
    vary(contract, date(2026, 10, 1), payment=P3)
    vary(contract, date(2026, 6, 1), distribution=rule(20))
    assert [v.distribution for v in contract.versions] == [D1, rule(20), D2, D2]


def test_a_variation_on_the_date_of_a_version_merges_into_it() -> None:
    contract = hub()
    vary(contract, date(2026, 10, 1), payment=P2)
    vary(contract, date(2026, 10, 1), distribution=D2)
    assert len(contract.versions) == 2
    merged = contract.versions[1]
    assert (merged.payment, merged.distribution, merged.reason) == (P2, D2, "from 2026-10-01")
    assert merged.fields_set == {"payment", "distribution"}
    vary(contract, date(2026, 10, 1), payment=P3)  # the one recorded last wins
    assert contract.versions[1].payment == P3
    vary(contract, START, payment=P2)  # on the start date: into the first version
    assert [v.payment for v in contract.versions] == [P2, P3]
    assert [v.number for v in contract.variations] == [1, 2, 3, 4]


def test_dates_outside_the_contract_name_effective_from() -> None:
    contract = hub()
    before = START - timedelta(days=1)
    assert field_broken(lambda: vary(contract, before, payment=P2)) == "effective_from"
    after = END + timedelta(days=1)
    assert field_broken(lambda: vary(contract, after, payment=P2)) == "effective_from"
    vary(contract, END, payment=P2)  # the last day is a day of the contract
    assert contract.versions[-1].effective_from == END


def test_a_terminated_contract_is_varied_only_before_its_termination_and_not_its_end() -> None:
    contract = hub()
    contract.terminate(effective_on=date(2026, 9, 1), reason="r")
    assert field_broken(lambda: vary(contract, date(2026, 9, 1), payment=P2)) == "effective_from"
    assert (
        field_broken(lambda: vary(contract, date(2026, 6, 1), end_date=None, end_date_changed=True))
        == "changes.end_date"
    )
    vary(contract, date(2026, 6, 1), payment=P2)
    assert contract.terms_on(date(2026, 8, 31)).payment == P2  # type: ignore[union-attr]
    assert contract.status == "terminated" and contract.terminated_on == date(2026, 9, 1)


def test_an_expired_contract_has_its_terms_corrected_but_keeps_its_end() -> None:
    contract = hub()
    assert contract.expire(END + timedelta(days=1))
    vary(contract, date(2027, 1, 1), payment=P2)
    assert contract.terms_on(END).payment == P2  # type: ignore[union-attr]
    assert (
        field_broken(lambda: vary(contract, date(2027, 1, 1), end_date=None, end_date_changed=True))
        == "changes.end_date"
    )
    assert contract.status == "expired" and contract.end_date == END


def test_a_contract_never_in_force_is_not_varied() -> None:
    contract = hub()
    contract.status = "proposed"
    with pytest.raises(WrongState):
        vary(contract, date(2026, 6, 1), payment=P2)
    contract.status = "rejected"
    with pytest.raises(WrongState):
        vary(contract, date(2026, 6, 1), payment=P2)


def test_an_end_date_before_a_later_version_would_strand_it_and_is_refused() -> None:
    contract = hub()
    vary(contract, date(2026, 10, 1), payment=P2)
    # Ending in August from July would leave October's terms after the end.
    assert (
        field_broken(
            lambda: vary(
                contract, date(2026, 7, 1), end_date=date(2026, 8, 31), end_date_changed=True
            )
        )
        == "changes.end_date"
    )
    # The new end carries into October's version, which would then start after it.
    assert (
        field_broken(
            lambda: vary(
                contract, date(2026, 7, 1), end_date=date(2026, 9, 30), end_date_changed=True
            )
        )
        == "changes.end_date"
    )
    # On or after the last version's start, it ends the contract there.
    vary(contract, date(2026, 7, 1), end_date=date(2026, 10, 1), end_date_changed=True)
    assert [v.end_date for v in contract.versions] == [END, date(2026, 10, 1), date(2026, 10, 1)]
    assert contract.end_date == date(2026, 10, 1) and len(contract.variations) == 2


def test_an_end_date_before_a_later_version_that_extends_it_leaves_a_gap_and_is_refused() -> None:
    contract = hub()
    later_end = date(2027, 9, 30)
    vary(contract, date(2026, 10, 1), end_date=later_end, end_date_changed=True)
    shorter = {"end_date": date(2026, 8, 31), "end_date_changed": True}
    assert field_broken(lambda: vary(contract, date(2026, 7, 1), **shorter)) == "changes.end_date"
    assert contract.end_date == later_end and len(contract.versions) == 2


@given(variations)
@settings(max_examples=200)
def test_after_any_variations_the_history_is_continuous_and_follows_the_rule(
    asked: list[tuple[date, TermsChange]],
) -> None:
    contract = hub()
    first = contract.versions[0]
    accepted: list[tuple[date, TermsChange]] = []
    revisions = [contract.history_revision]
    for when, change in asked:
        try:
            contract.vary(effective_from=when, change=change, reason="r", recorded_at=NOW)
        except RuleBroken:
            continue
        accepted.append((when, change))
        revisions.append(contract.history_revision)
        assert first_gap(contract.versions) is None
    assert revisions == list(range(1, len(accepted) + 2))
    assert [(v.effective_from, v.change) for v in contract.variations] == accepted
    for v in contract.versions:
        for name in FIELDS:
            assert v.value(name) == field_on(first, accepted, name, v.effective_from)
        assert v.end_date is None or v.end_date >= v.effective_from


def test_termination_may_be_backdated_to_any_day_from_the_start_to_the_end() -> None:
    contract = hub()
    assert (
        field_broken(lambda: contract.terminate(effective_on=START - timedelta(days=1), reason="r"))
        == "effective_on"
    )
    assert (
        field_broken(lambda: contract.terminate(effective_on=END + timedelta(days=1), reason="r"))
        == "effective_on"
    )
    contract.terminate(effective_on=START + timedelta(days=1), reason="recommissioned")
    assert contract.history_revision == 2
    assert not contract.in_force_on(START + timedelta(days=1)) and contract.in_force_on(START)
    with pytest.raises(WrongState):
        contract.terminate(effective_on=START + timedelta(days=2), reason="again")


def test_every_event_carries_the_whole_history_and_its_revision() -> None:
    contract = hub()
    vary(contract, date(2026, 10, 1), payment=P2)
    vary(contract, date(2026, 7, 1), distribution=D2)
    july = contract.version_on(date(2026, 7, 1))
    event = contract_event(ContractVaried, contract, terms=july, reason="r")
    assert event.history_revision == 3
    assert event.effective_from == date(2026, 7, 1) and event.distribution == D2
    assert [(e.effective_from, e.payment, e.distribution) for e in event.history or []] == [
        (START, P1, D1),
        (date(2026, 7, 1), P1, D2),
        (date(2026, 10, 1), P2, D2),
    ]
    contract.terminate(effective_on=date(2026, 11, 1), reason="r")
    ended = contract_event(ContractTerminated, contract, effective_from=date(2026, 11, 1))
    assert ended.history_revision == 4 and ended.history == event.history

"""Incentive schemes at the year's close (issue 20 point 2): property tests of the rules in
``services/payments/domain/schemes.py`` and of the items ``due.py`` books to March."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from services.payments.domain.due import RECOVERY, RELEASE, UPFRONT, due_in
from services.payments.domain.facts import Facts, ListSizes
from services.payments.domain.periods import financial_year_months
from services.payments.domain.schemes import SchemeRules, close, decide
from services.payments.domain.terms import Contract, PaymentTerms, TermsVersion

STANDARDS = ("AF-1", "AF-2", "AF-3")
PRACTICES = ("B86001", "B86002", "B86003", "B86004")

deliveries = st.fixed_dictionaries({code: st.booleans() for code in STANDARDS})


@st.composite
def schemes(draw: st.DrawFn) -> SchemeRules:
    networks = {p: draw(st.sampled_from(["North", "South"])) for p in PRACTICES}
    return SchemeRules(
        scheme_id="sch",
        release=draw(st.sampled_from(["network", "practice"])),
        balancing=draw(st.sampled_from(["all_or_nothing", "proportional"])),
        standards=STANDARDS,
        networks=networks,
        results={p: draw(deliveries) for p in PRACTICES},
    )


def contract(practice: str, percent: Decimal) -> Contract:
    terms = PaymentTerms(
        basis="per_head",
        schedule="monthly_upfront_true_up",
        per_head_pence=1000,
        upfront_percent=percent,
        true_up="year_end",
    )
    start = date(2026, 4, 1)
    return Contract(
        f"lis-{practice}",
        "LIS",
        "02W",
        practice,
        "scheme",
        start,
        (TermsVersion(start, terms),),
        end_date=date(2027, 3, 31),
    )


@given(schemes(), st.sampled_from(PRACTICES))
def test_a_network_is_released_exactly_when_all_its_practices_delivered_everything(
    rules: SchemeRules, practice: str
) -> None:
    decision = decide(rules, practice)
    assert decision is not None
    if rules.release == "network":
        network = [p for p, n in rules.networks.items() if n == rules.networks[practice]]
    else:
        network = [practice]
    assert decision.released == all(all(rules.results[p].values()) for p in network)


@given(
    schemes(),
    st.sampled_from(PRACTICES),
    st.lists(st.integers(0, 20_000), min_size=1, max_size=4),
    st.sampled_from([Decimal("70"), Decimal("60"), Decimal("75.5")]),
)
def test_paid_plus_held_back_plus_recovered_is_the_schemes_value_for_every_practice(
    rules: SchemeRules, practice: str, sizes: list[int], percent: Decimal
) -> None:
    # List sizes that change during the year (dated), as per head is paid.
    dated = tuple((date(2026, 4 + 2 * i, 1), size) for i, size in enumerate(sizes))
    facts = Facts(list_sizes=ListSizes(dated), scheme=rules)
    paid_up_front = 0
    year = financial_year_months("2026-04")
    c = contract(practice, percent)
    items = {}
    for month in year:
        due, waiting = due_in(c, month, facts)
        assert not waiting
        for d in due:
            items[(month, d.basis)] = d
        paid_up_front += items[(month, UPFRONT)].amount_pence
    release, recovery = items[("2027-03", RELEASE)], items[("2027-03", RECOVERY)]
    value = sum(weight for _, weight in release.covers)
    held_back = value - paid_up_front
    released, recovered = release.amount_pence, -recovery.amount_pence
    assert released in (0, held_back)
    assert 0 <= recovered <= paid_up_front
    paid = paid_up_front + released - recovered
    assert paid + (held_back - released) + recovered == value
    decision = decide(rules, practice)
    assert decision is not None
    if not decision.missed:
        assert recovered == 0
    elif rules.balancing == "all_or_nothing":
        assert recovered == paid_up_front


def test_all_or_nothing_recovers_the_whole_upfront_share_and_proportional_its_share_missed() -> (
    None
):
    results = {"B86001": {"AF-1": True, "AF-2": False, "AF-3": True}}
    for balancing, expected in (("all_or_nothing", 700_000), ("proportional", 233_333)):
        rules = SchemeRules("sch", "practice", balancing, STANDARDS, {"B86001": None}, results)
        decision = decide(rules, "B86001")
        assert decision is not None
        assert close(700_000, 300_000, decision, rules).recovered_pence == expected
        assert decision.release_why == "held back: standard AF-2 missed"
    assert decision.recovery_why == "recovered: standard AF-2 missed (1 of 3, proportional)"


def test_the_reason_names_the_practice_and_standard_that_held_back_the_network() -> None:
    rules = SchemeRules(
        "sch",
        "network",
        "all_or_nothing",
        ("AF-2",),
        {"B86001": "North", "B86003": "North"},
        {"B86001": {"AF-2": True}, "B86003": {"AF-2": False}},
    )
    decision = decide(rules, "B86001")
    assert decision is not None
    assert decision.release_why == "held back: B86003 missed standard AF-2 in network North"
    assert decision.recovery_why == "nothing recovered: every standard delivered"
    missing = SchemeRules("sch", "network", "all_or_nothing", ("AF-2",), rules.networks, {})
    assert decide(missing, "B86001") is None
    assert missing.waiting_for("B86001") == ["B86001", "B86003"]

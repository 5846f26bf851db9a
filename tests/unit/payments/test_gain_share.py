"""Gain share (issue 20; Practice finances survey, "Case study 2: Incentive scheme used by NHS
Vale of York CCG"): 25% of savings above the CCG average, 50% between the average and the
benchmark, 75% below the benchmark, per weighted head."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.payments.domain.gain_share import (
    Alliance,
    calculation,
    exact_earnings,
    financial_year_end,
    gain_share,
    practice_shares,
    tier_savings,
)
from shared.rules import RuleBroken

# The payments README's worked example: a CCG saving £121,000 and paying £38,000 of it, as Vale
# of York did in 2016/17. Baselines per weighted head £7.00, £7.25, £5.67 and £5.50, so the CCG
# average is £1,950,000 / 300,000 = £6.50 and the benchmark (the lowest alliance) £5.50.
WORKED = [
    Alliance("Y01001", 100_000, 70_000_000, 64_000_000),
    Alliance("Y01002", 80_000, 58_000_000, 52_950_000),
    Alliance("Y01003", 60_000, 34_000_000, 34_500_000),
    Alliance("Y01004", 60_000, 33_000_000, 31_950_000),
]


def _tiers(gain: object) -> list[tuple[str, int, int, int]]:
    return [
        (t.tier, t.saving_pence, t.share_percent, t.earned_pence)
        for t in gain.tiers  # type: ignore[attr-defined]
    ]


def test_the_worked_example_saves_121000_and_pays_38000_tier_by_tier() -> None:
    found = gain_share(WORKED)
    assert found.average_per_head == 650
    assert found.benchmark_per_head == 550
    by_ods = {a.federation_ods: a for a in found.alliances}
    assert _tiers(by_ods["Y01001"]) == [
        ("above_average", 5_000_000, 25, 1_250_000),
        ("average_to_benchmark", 1_000_000, 50, 500_000),
        ("below_benchmark", 0, 75, 0),
    ]
    assert by_ods["Y01002"].earned_pence == 1_262_500
    assert (by_ods["Y01003"].saving_pence, by_ods["Y01003"].earned_pence) == (0, 0)
    assert _tiers(by_ods["Y01004"])[2] == ("below_benchmark", 1_050_000, 75, 787_500)
    assert sum(a.saving_pence for a in found.alliances) == 12_100_000
    assert sum(a.earned_pence for a in found.alliances) == 3_800_000


def test_the_statement_line_shows_the_calculation_per_tier() -> None:
    gain = gain_share(WORKED).alliances[0]
    assert calculation("2025/26", "dermatology", gain) == (
        "gain share 2025/26 dermatology: £50,000.00 saved above the CCG average at 25% ="
        " £12,500.00; £10,000.00 saved between the CCG average and the benchmark at 50% ="
        " £5,000.00; earned £17,500.00"
    )


def test_an_overspend_earns_nothing_and_is_no_penalty() -> None:
    found = gain_share(WORKED).alliances[2]
    assert found.saving_pence == 0
    assert [t.saving_pence for t in found.tiers] == [0, 0, 0]
    assert calculation("2025/26", "dermatology", found).endswith("nothing saved; earned £0.00")


def test_each_tier_earning_is_rounded_half_even() -> None:
    # One alliance: b = A = B, so its whole saving is below the benchmark. 2p x 75% = 1.5p -> 2p,
    # 6p x 75% = 4.5p -> 4p (half to even).
    assert gain_share([Alliance("Y01001", 1, 100, 98)]).alliances[0].earned_pence == 2
    assert gain_share([Alliance("Y01001", 1, 100, 94)]).alliances[0].earned_pence == 4


@pytest.mark.parametrize(
    ("alliances", "field"),
    [
        ([], "alliances"),
        ([Alliance("Y01001", 1, 1, 1), Alliance("Y01001", 1, 1, 1)], "alliances.1.federation_ods"),
        ([Alliance("Y01001", 0, 1, 1)], "alliances.0.weighted_population"),
        ([Alliance("Y01001", 1, -1, 1)], "alliances.0.baseline_spend_pence"),
        ([Alliance("Y01001", 1, 1, -1)], "alliances.0.actual_spend_pence"),
    ],
)
def test_nonsense_is_refused_naming_the_field(alliances: list[Alliance], field: str) -> None:
    with pytest.raises(RuleBroken) as refused:
        gain_share(alliances)
    assert ".".join(str(p) for p in refused.value.location) == field


def test_the_year_is_an_nhs_financial_year() -> None:
    assert str(financial_year_end("2025/26")) == "2026-03-31"
    assert str(financial_year_end("1999/00")) == "2000-03-31"
    for bad in ("2025/27", "2025", "25/26"):
        with pytest.raises(RuleBroken):
            financial_year_end(bad)


def test_practices_share_the_earnings_by_list_size_to_the_penny() -> None:
    assert practice_shares(100, {"A81001": 1, "B82002": 2}) == {"A81001": 33, "B82002": 67}
    assert practice_shares(0, {"A81001": 1}) == {"A81001": 0}


# --- properties ------------------------------------------------------------------------------

populations = st.integers(min_value=1, max_value=500_000)
spends = st.integers(min_value=0, max_value=5_000_000_000)
alliances = st.lists(st.tuples(populations, spends, spends), min_size=1, max_size=6).map(
    lambda rows: [Alliance(f"Y{i:05d}", *row) for i, row in enumerate(rows)]
)


@given(alliances)
def test_tier_savings_add_up_to_the_saving_and_earnings_never_exceed_75_percent(
    found: list[Alliance],
) -> None:
    result = gain_share(found)
    for alliance, gain in zip(found, result.alliances, strict=True):
        saving = max(0, alliance.baseline_spend_pence - alliance.actual_spend_pence)
        assert gain.saving_pence == saving == sum(t.saving_pence for t in gain.tiers)
        assert gain.earned_pence == sum(t.earned_pence for t in gain.tiers)
        exact = exact_earnings(alliance, result.average_per_head, result.benchmark_per_head)
        assert Fraction(saving, 4) <= exact <= Fraction(3 * saving, 4)
        # Three tiers each rounded half-even: within 1.5p of the exact earnings.
        assert abs(gain.earned_pence - exact) <= Fraction(3, 2)
        assert gain.earned_pence * 4 <= 3 * saving + 6
        if saving == 0:
            assert gain.earned_pence == 0


@given(alliances, st.data())
def test_earnings_are_continuous_in_actual_spend_across_the_average_and_the_benchmark(
    found: list[Alliance], data: st.DataObject
) -> None:
    """Earnings as a function of actual spend are Lipschitz with constant 75% of the population
    per head (75% per penny of spend): no jump where the spend crosses A or B."""
    result = gain_share(found)
    average, benchmark = result.average_per_head, result.benchmark_per_head
    alliance = found[data.draw(st.integers(0, len(found) - 1))]
    w = alliance.weighted_population
    # Put one spend exactly on a trigger point (rounded to a penny) and the other anywhere.
    point = data.draw(st.sampled_from([average, benchmark]))
    at = max(0, round(point * w))
    other = data.draw(st.integers(min_value=0, max_value=alliance.baseline_spend_pence + 10**6))

    def earned(actual: int) -> Fraction:
        moved = Alliance(alliance.federation_ods, w, alliance.baseline_spend_pence, actual)
        return exact_earnings(moved, average, benchmark)

    assert abs(earned(at) - earned(other)) <= Fraction(3, 4) * abs(at - other)
    # The share of each last penny saved is 25%, 50% or 75%: never a step.
    assert earned(at + 1) <= earned(at) <= earned(at + 1) + Fraction(3, 4)


@given(
    st.fractions(min_value=0, max_value=1000),
    st.fractions(min_value=0, max_value=1000),
    st.fractions(min_value=0, max_value=1000),
    st.fractions(min_value=0, max_value=1000),
)
def test_the_tiers_partition_the_interval_saved(
    a: Fraction, b: Fraction, x: Fraction, y: Fraction
) -> None:
    benchmark, average = min(x, y), max(x, y)
    parts = tier_savings(a, b, average, benchmark)
    assert all(part >= 0 for part in parts.values())
    assert sum(parts.values()) == max(Fraction(0), b - a)


@given(
    st.integers(0, 10**9),
    st.dictionaries(st.text(min_size=1, max_size=6), st.integers(1, 10**6), min_size=1),
)
def test_practice_shares_add_up_to_the_earnings(earned: int, weights: dict[str, int]) -> None:
    assert sum(practice_shares(earned, weights).values()) == earned

"""Property and example tests for the integer-pence money kernel."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.money import allocate, apply_percent, format_pence

ods_keys = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=1, max_size=6)
weight_maps = st.dictionaries(ods_keys, st.integers(0, 10**6), min_size=1, max_size=12).filter(
    lambda w: sum(w.values()) > 0
)
totals = st.integers(-(10**12), 10**12)


# --- allocate: properties -------------------------------------------------------------


@given(totals, weight_maps)
def test_shares_sum_to_total_exactly(total: int, weights: dict[str, int]) -> None:
    assert sum(allocate(total, weights).values()) == total


@given(totals, weight_maps)
def test_each_share_is_within_one_penny_of_its_exact_quota(
    total: int, weights: dict[str, int]
) -> None:
    sum_w = sum(weights.values())
    for key, share in allocate(total, weights).items():
        assert abs(share * sum_w - total * weights[key]) < sum_w


@given(totals, weight_maps)
def test_allocation_is_deterministic_regardless_of_key_insertion_order(
    total: int, weights: dict[str, int]
) -> None:
    first = allocate(total, weights)
    assert allocate(total, weights) == first
    assert allocate(total, dict(reversed(list(weights.items())))) == first


@given(totals, weight_maps)
def test_result_has_every_key_in_ascending_order(total: int, weights: dict[str, int]) -> None:
    assert list(allocate(total, weights)) == sorted(weights)


@given(st.integers(0, 10**12), weight_maps)
def test_negative_total_mirrors_positive_allocation(total: int, weights: dict[str, int]) -> None:
    positive = allocate(total, weights)
    assert allocate(-total, weights) == {k: -v for k, v in positive.items()}


@given(totals, weight_maps)
def test_zero_weight_keys_get_zero(total: int, weights: dict[str, int]) -> None:
    weights = {**weights, "ZZZZZZZ": 0}
    result = allocate(total, weights)
    for key, weight in weights.items():
        if weight == 0:
            assert result[key] == 0


@given(st.integers(0, 10**12), weight_maps)
def test_equal_weights_favour_the_smaller_key(total: int, weights: dict[str, int]) -> None:
    result = allocate(total, weights)
    keys = sorted(weights)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if weights[a] == weights[b]:
                assert result[a] - result[b] in (0, 1)


@given(st.integers(0, 10**9), weight_maps)
def test_matches_reference_largest_remainder_method(total: int, weights: dict[str, int]) -> None:
    # Independent restatement: floor quotas, then one penny each to the largest
    # remainders, ties by ascending key.
    sum_w = sum(weights.values())
    expected = {k: total * w // sum_w for k, w in weights.items()}
    order = sorted(weights, key=lambda k: (-(total * weights[k] % sum_w), k))
    for key in order[: total - sum(expected.values())]:
        expected[key] += 1
    assert allocate(total, weights) == expected


# --- allocate: examples ---------------------------------------------------------------


def test_worked_example_splits_one_hundred_pounds_three_ways() -> None:
    assert allocate(10000, {"P1": 1, "P2": 1, "P3": 1}) == {"P1": 3334, "P2": 3333, "P3": 3333}


def test_tie_break_gives_spare_penny_to_ascending_key_first() -> None:
    assert allocate(1, {"B2": 1, "A1": 1}) == {"A1": 1, "B2": 0}
    assert allocate(2, {"C": 1, "B": 1, "A": 1}) == {"A": 1, "B": 1, "C": 0}


def test_largest_remainder_beats_key_order() -> None:
    # Quotas 0.25 and 0.75: B's larger remainder wins even though A sorts first.
    assert allocate(1, {"A": 1, "B": 3}) == {"A": 0, "B": 1}


def test_negative_total_example_is_mirrored() -> None:
    assert allocate(-10000, {"P1": 1, "P2": 1, "P3": 1}) == {"P1": -3334, "P2": -3333, "P3": -3333}


def test_zero_total_gives_zero_shares() -> None:
    assert allocate(0, {"A": 5, "B": 7}) == {"A": 0, "B": 0}


def test_single_key_takes_everything() -> None:
    assert allocate(12345, {"B86001": 42}) == {"B86001": 12345}


def test_huge_values_stay_exact() -> None:
    total = 10**30 + 1
    result = allocate(total, {"A": 10**20, "B": 10**20 + 1})
    assert sum(result.values()) == total


# --- allocate: invalid input ----------------------------------------------------------


def test_empty_weights_are_rejected() -> None:
    with pytest.raises(ValueError, match="at least one weight"):
        allocate(100, {})


def test_all_zero_weights_are_rejected() -> None:
    with pytest.raises(ValueError, match="sum to zero"):
        allocate(100, {"A": 0, "B": 0})


def test_negative_weight_is_rejected() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        allocate(100, {"A": 2, "B": -1})


@pytest.mark.parametrize("weight", [1.5, True, Decimal(1), "1", None])
def test_non_int_weight_is_rejected(weight: Any) -> None:
    with pytest.raises(TypeError):
        allocate(100, {"A": weight})


@pytest.mark.parametrize("total", [100.0, True, Decimal(100), "100"])
def test_non_int_total_is_rejected(total: Any) -> None:
    with pytest.raises(TypeError):
        allocate(total, {"A": 1})


def test_non_str_key_is_rejected() -> None:
    bad: Any = {1: 1}
    with pytest.raises(TypeError):
        allocate(100, bad)


# --- apply_percent --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "percent", "expected"),
    [
        (25, 10, 2),  # 2.5 rounds to even 2
        (35, 10, 4),  # 3.5 rounds to even 4
        (15, 10, 2),  # 1.5 rounds to even 2
        (-25, 10, -2),
        (-35, 10, -4),
        (1000, "7.5", 75),
        (1000, Decimal("7.5"), 75),
        (1001, "7.5", 75),  # 75.075
        (26, 10, 3),  # 2.6 is not a tie
        (24, 10, 2),
        (12345, 0, 0),
        (12345, 100, 12345),
        (12345, "-20", -2469),
        (100, "1E+3", 1000),
        (10**30, "0.000001", 10**22),
        (1, " 50 ", 0),  # 0.5 rounds to even 0
    ],
)
def test_apply_percent_rounds_half_even(amount: int, percent: Any, expected: int) -> None:
    assert apply_percent(amount, percent) == expected


@given(st.integers(-(10**15), 10**15), st.integers(-1000, 1000))
def test_apply_percent_matches_integer_half_even(amount: int, percent: int) -> None:
    q, r = divmod(amount * percent, 100)
    expected = q + (1 if 2 * r > 100 or (2 * r == 100 and q % 2 == 1) else 0)
    assert apply_percent(amount, percent) == expected


def test_apply_percent_rejects_float() -> None:
    with pytest.raises(TypeError, match="float"):
        apply_percent(1000, 7.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("amount", [1000.0, True, Decimal(1000)])
def test_apply_percent_rejects_non_int_amount(amount: Any) -> None:
    with pytest.raises(TypeError):
        apply_percent(amount, 10)


@pytest.mark.parametrize("percent", ["abc", "", "NaN", "Infinity"])
def test_apply_percent_rejects_non_numeric_percent(percent: str) -> None:
    with pytest.raises(ValueError):
        apply_percent(1000, percent)


# --- format_pence ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pence", "expected"),
    [
        (0, "£0.00"),
        (5, "£0.05"),
        (99, "£0.99"),
        (100, "£1.00"),
        (123456, "£1,234.56"),
        (100000000, "£1,000,000.00"),
        (-105, "-£1.05"),
        (-5, "-£0.05"),
        (-123456, "-£1,234.56"),
    ],
)
def test_format_pence_uses_pounds_with_thousands_separators(pence: int, expected: str) -> None:
    assert format_pence(pence) == expected


def test_format_pence_rejects_float() -> None:
    with pytest.raises(TypeError):
        format_pence(1.05)  # type: ignore[arg-type]

"""Gift and hospitality verdicts at the guidance thresholds (docs/domain.md, "Gifts and
hospitality")."""

from __future__ import annotations

import pytest

from services.conflicts.domain.gifts import GiftKind, GiftVerdict, judge

H, G = GiftKind.HOSPITALITY, GiftKind.GIFT


def _flags(v: GiftVerdict) -> tuple[bool, bool, bool]:
    return v.declarable, v.acceptable, v.needs_approval


@pytest.mark.parametrize(
    ("pence", "expected"),
    [
        (2499, (False, True, False)),  # under £25: need not be declared
        (2500, (True, True, False)),  # £25: accept and declare
        (3000, (True, True, False)),  # the issue's £30 case
        (7500, (True, True, False)),  # £75 is still within £25-£75
        (7501, (True, False, True)),  # over £75: senior approval
        (8000, (True, False, True)),  # the issue's £80 case
    ],
)
def test_hospitality_verdict_at_each_threshold(pence: int, expected: tuple[bool, ...]) -> None:
    assert _flags(judge(H, pence, source_is_supplier=False)) == expected


@pytest.mark.parametrize(
    ("pence", "expected"),
    [(600, (False, True, False)), (601, (True, False, False))],
)
def test_supplier_gift_is_acceptable_only_up_to_six_pounds(
    pence: int, expected: tuple[bool, ...]
) -> None:
    assert _flags(judge(G, pence, source_is_supplier=True)) == expected


@pytest.mark.parametrize(
    ("pence", "expected"),
    [(4999, (False, True, False)), (5000, (True, True, False)), (5001, (True, True, False))],
)
def test_other_gift_under_fifty_pounds_need_not_be_declared(
    pence: int, expected: tuple[bool, ...]
) -> None:
    verdict = judge(G, pence, source_is_supplier=False)
    assert _flags(verdict) == expected
    if pence >= 5000:
        assert "on behalf of the organisation" in verdict.reason


def test_hospitality_thresholds_do_not_depend_on_the_source_being_a_supplier() -> None:
    assert judge(H, 3000, source_is_supplier=True) == judge(H, 3000, source_is_supplier=False)


def test_negative_value_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        judge(G, -1, source_is_supplier=False)

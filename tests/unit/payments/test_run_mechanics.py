"""What makes a month end cheap without changing what it decides: ids drawn in one read and the
calendar's answers kept (the collector's pause: tests/unit/test_collector.py)."""

from __future__ import annotations

import re

from services.payments.domain import periods
from services.payments.runs import _hex_ids


def test_ids_are_distinct_128_bit_hex() -> None:
    ids = list(_hex_ids(5000))
    assert len(ids) == len(set(ids)) == 5000
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)


def test_the_calendar_kept_hands_out_lists_a_caller_may_change() -> None:
    quarter = periods.quarter_months("2026-Q4")
    quarter.append("2027-01")
    assert periods.quarter_months("2026-Q4") == ["2026-10", "2026-11", "2026-12"]
    year = periods.financial_year_months("2026-10")
    year.clear()
    assert len(periods.financial_year_months("2026-10")) == 12
    assert periods.period_end("2026-02").day == 28

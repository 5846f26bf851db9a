"""Periods are calendar months, ``YYYY-MM``, in UK local time: a consultation at 00:30 BST on
1 July belongs to July even though it is still 30 June in UTC."""

from __future__ import annotations

import re

from shared.calendar import PERIOD_PATTERN, UK, local_day, period_of

__all__ = ["PERIOD_PATTERN", "UK", "is_period", "local_day", "period_of"]

_PERIOD = re.compile(PERIOD_PATTERN)


def is_period(text: str) -> bool:
    return _PERIOD.fullmatch(text) is not None

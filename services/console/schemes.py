"""An incentive scheme's position (payments ``GET /schemes/{id}/position``) as a chart and the
table beside it with the same figures, practice by practice; and a gain share's tiers in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: The position's figures, in the order the chart and the table show them.
POSITION_FIGURES = [
    ("Paid up front", "paid_up_front_pence"),
    ("Held back", "held_back_pence"),
    ("Released", "released_pence"),
    ("Recovered", "recovered_pence"),
]
#: Each column of the position table that is summed in its totals row.
SUMMED = [*(key for _, key in POSITION_FIGURES), "paid_pence"]
#: How a scheme releases what it held back, and how it balances what it paid up front.
RELEASES = {
    "network": "when every practice of the practice's network delivered every standard",
    "practice": "when the practice delivered every standard",
}
BALANCINGS = {
    "all_or_nothing": "all of it if any standard was missed",
    "proportional": "its share of the standards missed",
}
#: A gain share's tiers (payments' ``domain/gain_share.py``) in words.
TIERS = {
    "above_average": "Above the average spend a head",
    "average_to_benchmark": "From the average to the benchmark",
    "below_benchmark": "Below the benchmark",
}


@dataclass(frozen=True)
class Position:
    """Each practice's figures (series by practice), as the chart and its table show them."""

    practices: list[str]
    series: list[str]
    pence: dict[str, list[int]]

    def chart(self) -> dict[str, Any]:
        """The chart's data, in pounds, bars side by side, for static/console.js."""
        return {
            "stacked": False,
            "labels": self.practices,
            "datasets": [
                {"label": name, "data": [p / 100 for p in self.pence[name]]} for name in self.series
            ],
        }


def position(lines: list[dict[str, Any]]) -> Position:
    return Position(
        [line["practice_ods"] for line in lines],
        [name for name, _ in POSITION_FIGURES],
        {name: [int(line[key]) for line in lines] for name, key in POSITION_FIGURES},
    )


def totals(lines: list[dict[str, Any]]) -> dict[str, int]:
    """The position's columns summed over its practices."""
    return {key: sum(int(line[key]) for line in lines) for key in SUMMED}

"""Money by month, as a chart and the table beside it with the same figures: a practice's
income by contract, a commissioner's spend by contract kind, a hub's income, costs, retained
and distributed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from services.console.formats import month

#: A status as words and as an NHS tag colour; the words carry the meaning, never the colour.
STATUSES: dict[str, tuple[str, str]] = {
    "paid": ("Paid", "nhsuk-tag--green"),
    "due": ("Due", "nhsuk-tag--blue"),
    "waiting": ("Waiting", "nhsuk-tag--yellow"),
    "late": ("Late", "nhsuk-tag--red"),
}


@dataclass(frozen=True)
class Monthly:
    months: list[str]  # periods, oldest first
    series: list[str]  # a contract, a kind, or a figure such as "Income"
    #: pence by series, then by month (None where nothing is known, not even an estimate)
    pence: dict[str, list[int | None]]
    #: Bars of the series stacked (parts of a whole) or side by side (figures compared).
    stacked: bool = True

    def totals(self) -> list[int]:
        return [
            sum(v or 0 for v in (self.pence[s][i] for s in self.series))
            for i in range(len(self.months))
        ]

    def chart(self) -> dict[str, Any]:
        """The chart's data, in pounds, for static/console.js."""
        return {
            "stacked": self.stacked,
            "labels": [month(m) for m in self.months],
            "datasets": [
                {"label": name, "data": [None if p is None else p / 100 for p in self.pence[name]]}
                for name in self.series
            ],
        }


def monthly(
    items: Iterable[dict[str, Any]],
    series: Callable[[dict[str, Any]], str],
    amount: Callable[[dict[str, Any]], int | None],
    months: list[str] | None = None,
) -> Monthly:
    """Amounts summed by series and month (``period``); ``months`` fixes the months shown."""
    items = list(items)
    months = months or sorted({i["period"] for i in items})
    names = sorted({series(i) for i in items if i["period"] in months})
    pence: dict[str, list[int | None]] = {n: [None] * len(months) for n in names}
    for item in items:
        value = amount(item)
        if value is None or item["period"] not in months:
            continue
        row = pence[series(item)]
        at = months.index(item["period"])
        row[at] = (row[at] or 0) + int(value)
    return Monthly(months, names, pence)


def monthly_income(items: list[dict[str, Any]]) -> Monthly:
    """A practice's expected payments by contract."""
    return monthly(items, lambda i: i["contract_id"], lambda i: i.get("amount_pence"))


#: A hub's figures by month, in the order the chart and table show them.
HUB_FIGURES = [
    ("Income", "income_pence"),
    ("Costs", "costs_pence"),
    ("Retained", "retained_pence"),
    ("Distributed", "distributed_pence"),
]


def hub_months(lines: list[dict[str, Any]], months: list[str]) -> Monthly:
    """A hub statement's lines as its income, costs, retained and distributed, side by side."""
    by_period = {line["period"]: line for line in lines}
    pence: dict[str, list[int | None]] = {
        name: [by_period[m][key] if m in by_period else None for m in months]
        for name, key in HUB_FIGURES
    }
    return Monthly(months, [name for name, _ in HUB_FIGURES], pence, stacked=False)

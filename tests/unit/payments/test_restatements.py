"""Money under change, by property: random contracts, variations (backdated or not),
terminations (backdated or not), KPI results and their corrections, and payment runs in any
order, rerun at will. At every step the ledger balances and no step pays twice; at the end every
period run is paid exactly what an independent recomputation (below, written apart from the
code under test) says it was due under the terms in force for each of its months."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from services.payments.domain.facts import Achievement
from services.payments.domain.terms import Contract, PaymentTerms, TermsVersion
from tests.unit.payments.books_in_memory import Books

COMMISSIONER, PROVIDER = "02W", "B86001"
SCHEDULES = ["monthly", "quarterly_arrears", "monthly_upfront_true_up"]


# --- the independent recomputation ------------------------------------------------------------


@dataclass(frozen=True)
class Terms:
    effective_from: date
    annual: int
    schedule: str
    upfront_percent: int
    year_end: bool


def _index(period: str) -> int:
    year, month = period.split("-")
    return int(year) * 12 + int(month) - 1


def _period(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _first_day(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _last_day(index: int) -> date:
    return _first_day(index + 1) - timedelta(days=1)


def _half_even(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


@dataclass(frozen=True)
class Expected:
    """What the contract was due, recomputed from its terms by hand."""

    start: date
    versions: tuple[Terms, ...]
    terminated_on: date | None
    achievements: dict[str, Decimal]

    def in_force(self, m: int) -> bool:
        return self.start <= _last_day(m) and (
            self.terminated_on is None or self.terminated_on > _first_day(m)
        )

    def terms(self, m: int) -> Terms | None:
        if not self.in_force(m):
            return None
        by_first = [v for v in self.versions if v.effective_from <= _first_day(m)]
        if by_first:
            return by_first[-1]
        return next(v for v in self.versions if v.effective_from <= _last_day(m))

    def _twelfth(self, annual: int, m: int) -> int:
        month_of_year = (m - (self.start.year * 12 + self.start.month - 1)) % 12
        return annual - 11 * (annual // 12) if month_of_year == 11 else annual // 12

    def full(self, m: int) -> int:
        t = self.terms(m)
        assert t is not None
        return self._twelfth(t.annual, m)

    def upfront(self, m: int) -> int:
        t = self.terms(m)
        assert t is not None
        return self._twelfth(_half_even(Decimal(t.annual) * t.upfront_percent / 100), m)

    def due(self, period: str) -> dict[str, int | None]:
        """Each item booked to ``period`` by basis; None for a true-up whose KPI result is not
        known (it waits)."""
        q = _index(period)
        found: dict[str, int | None] = {}
        t = self.terms(q)
        if t is not None and t.schedule == "monthly":
            found["block"] = self.full(q)
        if t is not None and t.schedule == "monthly_upfront_true_up":
            found["upfront"] = self.upfront(q)
        if q % 3 == 0:  # January, April, July, October: the quarter before, in arrears
            months = [
                m
                for m in range(q - 3, q)
                if (x := self.terms(m)) and x.schedule == "quarterly_arrears"
            ]
            if months:
                found["block"] = (found.get("block") or 0) + sum(self.full(m) for m in months)
        if q % 3 == 2:  # a quarter's end
            quarter = f"{q // 12}-Q{q % 12 // 3 + 1}"
            covered = [
                m
                for m in range(q - 2, q + 1)
                if (x := self.terms(m))
                and x.schedule == "monthly_upfront_true_up"
                and not x.year_end
            ]
            if q % 12 == 2:  # March: the financial year, April to March
                covered += [
                    m
                    for m in range(q - 11, q + 1)
                    if (x := self.terms(m))
                    and x.schedule == "monthly_upfront_true_up"
                    and x.year_end
                ]
            if covered:
                achieved = self.achievements.get(quarter)
                if achieved is None:
                    found["true_up"] = None
                else:
                    earned = _half_even(
                        sum(Decimal(self.full(m)) for m in covered) * achieved / 100
                    )
                    found["true_up"] = earned - sum(self.upfront(m) for m in covered)
        return found


# --- histories ---------------------------------------------------------------------------------

START = _index("2026-04")
MONTHS = 16  # April 2026 to July 2027: quarter ends, a financial year's end, arrears after it

terms_st = st.builds(
    lambda annual, schedule, percent, year_end: (annual, schedule, percent, year_end),
    st.integers(0, 3_000_000),
    st.sampled_from(SCHEDULES),
    st.sampled_from([50, 70, 75]),
    st.booleans(),
)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("run"), st.integers(0, MONTHS - 1)),
        st.tuples(st.just("vary"), st.integers(0, MONTHS - 1), terms_st),
        st.tuples(st.just("terminate"), st.integers(1, MONTHS)),
        st.tuples(
            st.just("achieve"),
            st.integers(0, 5),
            st.decimals(0, 100, places=2, allow_nan=False, allow_infinity=False),
        ),
    ),
    min_size=1,
    max_size=25,
)


def _contract(start: date, versions: list[Terms], terminated_on: date | None) -> Contract:
    def payment(t: Terms) -> PaymentTerms:
        return PaymentTerms(
            basis="block",
            schedule=t.schedule,
            annual_value_pence=t.annual,
            upfront_percent=Decimal(t.upfront_percent),
            true_up="year_end" if t.year_end else None,
        )

    return Contract(
        contract_id="les-1",
        kind="LES",
        commissioner_ods=COMMISSIONER,
        provider_ods=PROVIDER,
        service="anticoagulation",
        start_date=start,
        history=tuple(TermsVersion(t.effective_from, payment(t)) for t in versions),
        terminated_on=terminated_on,
    )


@settings(max_examples=300, deadline=None)
@given(start_day=st.sampled_from([1, 15]), first=terms_st, history=steps)
def test_every_period_run_is_paid_exactly_its_due_under_the_terms_in_force_for_each_month(
    start_day: int, first: tuple[int, str, int, bool], history: list[tuple[object, ...]]
) -> None:
    start = date(2026, 4, start_day)
    versions = [Terms(start, *first)]
    terminated_on: date | None = None
    achievements: dict[str, Decimal] = {}
    books = Books(_contract(start, versions, None))
    run: set[str] = set()
    for step in history:
        if step[0] == "run":
            period = _period(START + int(step[1]))  # type: ignore[call-overload]
            books.run(period)
            run.add(period)
            again, _ = books.run(period)
            assert again == 0, f"a second run for {period} moved {again}p"
        elif step[0] == "vary":
            effective = max(start, _first_day(START + int(step[1])))  # type: ignore[call-overload]
            versions = [v for v in versions if v.effective_from < effective]
            versions.append(Terms(effective, *step[2]))  # type: ignore[misc]
            books.change_contract(_contract(start, versions, terminated_on))
        elif step[0] == "terminate":
            terminated_on = _first_day(START + int(step[1])) + timedelta(days=9)  # type: ignore[call-overload]
            books.change_contract(_contract(start, versions, terminated_on))
        else:
            quarter_end = _period(START + 2 + 3 * int(step[1]))  # type: ignore[call-overload]
            quarter = f"{quarter_end[:4]}-Q{int(quarter_end[5:]) // 3}"
            achievements[quarter] = Decimal(step[2])  # type: ignore[arg-type]
            version = len(achievements) + 10  # each result a correction of the one before
            recorded = {q: Achievement(a, version) for q, a in achievements.items()}
            books.record(replace(books.facts, achievements=recorded), quarter_end)
        # At every step: the ledger balances, and no payment or revision was made twice.
        assert books.total() == 0
        assert len(books.keys) == len(set(books.keys))
    if run:
        books.run(max(run))  # the next run settles whatever is pending
    expected = Expected(start, tuple(versions), terminated_on, achievements)
    received = 0
    for m in range(START, START + MONTHS):
        period = _period(m)
        due = expected.due(period)
        paid = {key[2]: p.amount_pence for key, p in books.paid.items() if key[1] == period}
        if period not in run and not paid:
            continue  # never run, and nothing noted for it
        for basis in set(due) | set(paid):
            want = due.get(basis)
            if want is None:
                assert paid.get(basis, 0) == 0, f"{period} {basis} paid while it waits"
            else:
                assert paid.get(basis, 0) == want, f"{period} {basis}: {paid} != {due}"
            received += paid.get(basis, 0)
    assert books.balances("provider").get(PROVIDER, 0) == received
    assert books.balances("commissioner").get(COMMISSIONER, 0) == -received

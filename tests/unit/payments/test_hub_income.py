"""A hub's money, by property: random hub contracts (monthly, quarterly in arrears, upfront with a
true-up), closed months and their restatements, variations of the value and of the rule (backdated
or not), terminations and payment runs in any order. At every step the ledger balances and nothing
is paid or distributed twice; at the end each practice has received (paid to it, or netted against
what it owes) exactly an independent recomputation of its line in each month: that month's rule over
that month's counts, with the income that pays for that month, whenever it arrived (Practice
finances survey, Case study 1: money follows the activity)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from services.payments.domain.distribution import PracticeActivity, Rule
from services.payments.domain.facts import Achievement, Activity
from services.payments.domain.terms import Contract, PaymentTerms, TermsVersion
from tests.unit.payments.books_in_memory import Books

FEDERATION, ADMIN = "Y0F01", "C83003"
PRACTICES = ["A81001", "B82002"]
ADMIN_PER_PATIENT, PREMISES = 400, 50


def _index(period: str) -> int:
    return int(period[:4]) * 12 + int(period[5:]) - 1


def _period(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _first_day(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _half_even(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def _largest_remainder(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Hamilton apportionment, ties to the lower key, a negative total mirrored."""
    if total < 0:
        return {k: -v for k, v in _largest_remainder(-total, weights).items()}
    whole = sum(weights.values())
    shares = {k: total * w // whole for k, w in weights.items()}
    order = sorted(weights, key=lambda k: (-(total * weights[k] % whole), k))
    for k in order[: total - sum(shares.values())]:
        shares[k] += 1
    return shares


START = _index("2026-04")
MONTHS = 13  # April 2026 to April 2027: quarter ends, March, the arrears after them

terms_st = st.tuples(
    st.integers(1_200, 2_000_000),  # every month worth something: shares are by value
    st.sampled_from(["monthly", "quarterly_arrears", "monthly_upfront_true_up"]),
    st.sampled_from(["10", "12.5"]),
    st.sampled_from([3000, 2500]),
)
counts = st.tuples(*(st.tuples(st.integers(0, 12), st.integers(0, 6)) for _ in PRACTICES))
steps = st.lists(
    st.one_of(
        st.tuples(st.just("run"), st.integers(0, MONTHS - 1)),
        st.tuples(st.just("close"), st.integers(0, MONTHS - 1), counts),
        st.tuples(st.just("vary"), st.integers(0, MONTHS - 1), terms_st),
        st.tuples(st.just("terminate"), st.integers(1, MONTHS)),
        st.tuples(st.just("achieve"), st.integers(0, 3), st.sampled_from(["0", "80", "100"])),
    ),
    min_size=1,
    max_size=30,
)


def _hub(versions: list[tuple[date, tuple[int, str, str, int]]], ended: date | None) -> Contract:
    def version(effective: date, t: tuple[int, str, str, int]) -> TermsVersion:
        annual, schedule, retained, fee = t
        payment = PaymentTerms("block", schedule, annual, upfront_percent=Decimal(75))
        return TermsVersion(
            effective, payment, Rule(Decimal(retained), ADMIN_PER_PATIENT, PREMISES, fee)
        )

    return Contract(
        contract_id="hub-1",
        kind="HUB",
        commissioner_ods="02W",
        provider_ods=FEDERATION,
        service="dermatology",
        start_date=_first_day(START),
        history=tuple(version(e, t) for e, t in versions),
        terminated_on=ended,
    )


def _activity(c: tuple[tuple[int, int], ...], revision: int) -> Activity:
    work = tuple(
        PracticeActivity(ods, first, follow, sum(f + u for f, u in c) if ods == PRACTICES[0] else 0)
        for ods, (first, follow) in zip(PRACTICES, c, strict=True)
    )
    return Activity(revision, sum(first for first, _ in c), work)


@settings(max_examples=200, deadline=None)
@given(first=terms_st, history=steps)
def test_each_practice_receives_each_months_line_by_that_months_rule_counts_and_income(
    first: tuple[int, str, str, int], history: list[tuple[object, ...]]
) -> None:
    versions = [(_first_day(START), first)]
    ended: date | None = None
    closed: dict[int, tuple[tuple[int, int], ...]] = {}
    achievements: dict[str, Decimal] = {}
    books = Books(_hub(versions, None), admin_ods=ADMIN)
    run: set[int] = set()
    for step in history:
        if step[0] == "run":
            m = START + int(step[1])  # type: ignore[call-overload]
            books.run(_period(m))
            run.add(m)
            moved, distributed = books.run(_period(m))
            assert (moved, distributed) == (0, []), "a second run changed something"
        elif step[0] == "close":
            m = START + int(step[1])  # type: ignore[call-overload]
            revision = books.facts.closed[_period(m)].revision + 1 if m in closed else 1
            closed[m] = step[2]  # type: ignore[assignment]
            books.close(_period(m), _activity(closed[m], revision))
        elif step[0] == "vary":
            effective = _first_day(START + int(step[1]))  # type: ignore[call-overload]
            versions = [v for v in versions if v[0] < effective] + [(effective, step[2])]  # type: ignore[list-item]
            books.change_contract(_hub(versions, ended))
        elif step[0] == "terminate":
            ended = _first_day(START + int(step[1])) + timedelta(days=3)  # type: ignore[call-overload]
            books.change_contract(_hub(versions, ended))
        else:
            q_end = START + 2 + 3 * int(step[1])  # type: ignore[call-overload]
            achievements[f"{q_end // 12}-Q{q_end % 12 // 3 + 1}"] = Decimal(step[2])  # type: ignore[arg-type]
            recorded = {q: Achievement(a, len(achievements)) for q, a in achievements.items()}
            books.facts = books.facts.__class__(
                books.facts.closed, recorded, books.facts.list_sizes
            )
            books.pending.add(_period(q_end))
        assert books.total() == 0
        assert len(books.keys) == len(set(books.keys))
    if run:
        books.run(_period(max(run)))

    expected = _expected(versions, ended, closed, achievements, books)
    for ods in [*PRACTICES, ADMIN]:
        received = books.balances("provider").get(ods, 0) + books.balances("owed").get(ods, 0)
        assert received == expected.get(ods, 0), (ods, received, expected)


def _expected(
    versions: list[tuple[date, tuple[int, str, str, int]]],
    ended: date | None,
    closed: dict[int, tuple[tuple[int, int], ...]],
    achievements: dict[str, Decimal],
    books: Books,
) -> dict[str, int]:
    """Each practice's lines, summed over the months: by hand, from the final facts."""

    def terms(m: int) -> tuple[int, str, str, int] | None:
        if m < START or (ended is not None and ended <= _first_day(m)):
            return None
        return [t for e, t in versions if e <= _first_day(m)][-1]

    def full(m: int) -> int:
        annual = terms(m)[0]  # type: ignore[index]
        return annual - 11 * (annual // 12) if (m - START) % 12 == 11 else annual // 12

    def upfront(m: int) -> int:
        annual = _half_even(Decimal(terms(m)[0]) * 75 / 100)  # type: ignore[index]
        return annual - 11 * (annual // 12) if (m - START) % 12 == 11 else annual // 12

    def schedule(m: int) -> str | None:
        t = terms(m)
        return None if t is None else t[1]

    # What each period's items pay, and for which months; a period is paid once run or noted.
    paid_periods = {_index(key[1]) for key in books.paid}
    income: dict[int, int] = {}
    received: set[int] = set()
    for q in paid_periods:
        if schedule(q) == "monthly":
            income[q] = income.get(q, 0) + full(q)
            received.add(q)
        if schedule(q) == "monthly_upfront_true_up":
            income[q] = income.get(q, 0) + upfront(q)
            received.add(q)
        if q % 3 == 0:
            for m in range(q - 3, q):
                if schedule(m) == "quarterly_arrears":
                    income[m] = income.get(m, 0) + full(m)
                    received.add(m)
        covered = [m for m in range(q - 2, q + 1) if schedule(m) == "monthly_upfront_true_up"]
        quarter = f"{q // 12}-Q{q % 12 // 3 + 1}"
        if q % 3 == 2 and covered and quarter in achievements:
            earned = _half_even(
                sum(Decimal(full(m)) for m in covered) * achievements[quarter] / 100
            )
            true_up = earned - sum(upfront(m) for m in covered)
            shares = _largest_remainder(true_up, {_period(m): full(m) for m in covered})
            for month, share in shares.items():
                income[_index(month)] = income.get(_index(month), 0) + share
                received.add(_index(month))
    lines: dict[str, int] = {}
    for m, c in closed.items():
        t = terms(m)
        if m not in received or t is None:
            continue
        _, _, retained_percent, fee = t
        consultations = {
            ods: first + follow for ods, (first, follow) in zip(PRACTICES, c, strict=True)
        }
        patients = sum(first for first, _ in c)
        total = sum(consultations.values())
        costs = {ADMIN: patients * ADMIN_PER_PATIENT, PRACTICES[0]: total * PREMISES}
        for ods, n in consultations.items():
            costs[ods] = costs.get(ods, 0) + n * fee
        profit = income[m] - sum(costs.values())
        shares = {}
        if total:
            retained = _half_even(Decimal(profit) * Decimal(retained_percent) / 100)
            shares = _largest_remainder(profit - retained, consultations)
        for ods in set(costs) | set(shares):
            lines[ods] = lines.get(ods, 0) + costs.get(ods, 0) + shares.get(ods, 0)
    return lines

"""The federation distribution rule (Practice finances survey, Case study 1), by hand and by
property."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.payments.domain.distribution import (
    NO_CONSULTATIONS,
    AdminPracticeUnknown,
    PracticeActivity,
    Rule,
    distribute,
    tariff_income,
)

RULE = Rule(
    retained_percent=Decimal("10"),
    admin_charge_per_patient_pence=4000,
    premises_per_consultation_pence=500,
    clinician_fee_per_consultation_pence=3000,
)
WORK = [
    PracticeActivity("A81001", first=10, follow_up=5, hosted=15),
    PracticeActivity("B82002", first=4, follow_up=1, hosted=0),
]


def test_worked_example_pays_every_penny_as_the_seed_rule_says() -> None:
    income = tariff_income(15000, 8000, WORK)
    assert income == 10 * 15000 + 5 * 8000 + 4 * 15000 + 8000 == 258000
    d = distribute(income, RULE, patients=14, admin_ods="C83003", work=WORK)
    # costs: admin 14 x 40.00 + premises 15 x 5.00 + fees 20 x 30.00
    assert d.costs_pence == 56000 + 7500 + 60000 == 123500
    assert d.retained_pence == 13450  # 10% of the 1345.00 profit
    assert d.remainder_pence == 121050
    lines = {line.practice_ods: line for line in d.lines}
    # 15:5 of 121050p is 90787.5p and 30262.5p: the tied half penny goes to the lower ODS code
    assert lines["A81001"].share_pence == 90788
    assert lines["B82002"].share_pence == 30262
    assert lines["A81001"].total_pence == 90788 + 7500 + 45000
    assert lines["B82002"].total_pence == 30262 + 15000
    assert lines["C83003"].total_pence == lines["C83003"].admin_pence == 56000
    assert d.federation_keeps_pence == 13450
    assert sum(line.total_pence for line in d.lines) + d.federation_keeps_pence == income


def test_a_loss_gives_negative_shares() -> None:
    d = distribute(50000, RULE, patients=14, admin_ods="C83003", work=WORK)
    assert d.profit_pence == 50000 - 123500
    assert d.retained_pence == -7350
    assert all(line.share_pence < 0 for line in d.lines if line.consultations)


def test_no_consultations_shares_nothing_and_reports_it_all_retained() -> None:
    idle = [PracticeActivity("A81001", first=0, follow_up=0, hosted=0)]
    d = distribute(100000, RULE, patients=0, admin_ods=None, work=idle)
    assert d.note == NO_CONSULTATIONS
    # Not "10% retained, 90% shared": nothing was shared, the federation keeps the lot.
    assert d.retained_pence == 100000 and d.remainder_pence == 0
    assert all(line.total_pence == 0 for line in d.lines)
    assert d.federation_keeps_pence == 100000


def test_patients_without_an_admin_practice_cannot_be_distributed() -> None:
    with pytest.raises(AdminPracticeUnknown):
        distribute(258000, RULE, patients=14, admin_ods=None, work=WORK)


practices = st.lists(
    st.builds(
        PracticeActivity,
        practice_ods=st.sampled_from(["A81001", "B82002", "C83003", "D84004", "E85005"]),
        first=st.integers(0, 500),
        follow_up=st.integers(0, 500),
        hosted=st.integers(0, 1000),
    ),
    max_size=5,
    unique_by=lambda p: p.practice_ods,
)
rules = st.builds(
    Rule,
    retained_percent=st.decimals(0, 100, places=2),
    admin_charge_per_patient_pence=st.integers(0, 10000),
    premises_per_consultation_pence=st.integers(0, 5000),
    clinician_fee_per_consultation_pence=st.integers(0, 20000),
)


@given(
    income=st.integers(-(10**9), 10**10),
    rule=rules,
    work=practices,
    patients=st.integers(0, 2000),
)
def test_every_distribution_sums_to_its_income_and_shares_are_within_a_penny(
    income: int, rule: Rule, work: list[PracticeActivity], patients: int
) -> None:
    d = distribute(income, rule, patients=patients, admin_ods="Z99999", work=work)
    paid = sum(line.total_pence for line in d.lines)
    assert d.costs_pence + d.retained_pence + d.remainder_pence == income
    assert paid + d.federation_keeps_pence == income
    consultations = sum(p.consultations for p in work)
    for line in d.lines:
        if consultations:
            exact = Decimal(d.remainder_pence) * line.consultations / consultations
            assert abs(line.share_pence - exact) < 1

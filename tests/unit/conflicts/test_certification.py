"""The quarterly self-certification's rules (Co-commissioning evaluation 3.4.1, "Assurance"): a
criterion is compliant when every row passes, not compliant when none does; the return is compliant
only at 100% of criteria and not compliant at 0%."""

from __future__ import annotations

from datetime import date

import pytest

from services.conflicts.domain.certification import (
    BreachReport,
    ContractInForce,
    Criterion,
    Evidence,
    PersonOnRegister,
    Rating,
    RecordedDecision,
    Snapshot,
    UndecidedItem,
    breaches_published,
    certify,
    check_sign_off,
    decisions_screened,
    expiring_contracts,
    finding,
    mandatory_training,
    names_in,
    nil_declarations,
    overall,
    rate,
    registers_current,
    window,
)
from services.conflicts.domain.compliance import Overdue, Trigger
from services.conflicts.domain.gifts import (
    GiftDecision,
    GiftKind,
    GiftStatus,
    decide,
    initial_status,
    judge,
)
from services.conflicts.domain.registers import Affiliation, Relationship
from services.conflicts.domain.training import check_completion, trained_on
from shared.rules import RuleBroken, WrongState

Q3 = window("2026-Q3", date(2026, 12, 1))  # ended: as at 30 September


def _rows(*passed: bool) -> list[Evidence]:
    return [Evidence(str(i), f"row {i}", p, "") for i, p in enumerate(passed)]


@pytest.mark.parametrize(
    ("passed", "rating"),
    [
        ((True, True, True), Rating.COMPLIANT),
        ((True, False, True), Rating.PARTIALLY_COMPLIANT),
        ((False, False), Rating.NOT_COMPLIANT),
        ((), Rating.COMPLIANT),
    ],
)
def test_a_criterion_is_compliant_only_when_every_row_passes(
    passed: tuple[bool, ...], rating: Rating
) -> None:
    assert rate(_rows(*passed)) is rating


def test_a_criterion_with_nothing_to_check_is_compliant_and_says_so() -> None:
    f = finding(Criterion.BREACHES_PUBLISHED, [], "no breach reported in the quarter")
    assert f.rating is Rating.COMPLIANT
    assert f.note == "compliant: no breach reported in the quarter"
    assert finding(Criterion.BREACHES_PUBLISHED, _rows(True, False), "").note == "1 of 2 pass"


@pytest.mark.parametrize(
    ("criteria", "rating"),
    [
        ((True,) * 6, Rating.COMPLIANT),
        ((True,) * 5 + (False,), Rating.PARTIALLY_COMPLIANT),
        ((False,) * 6, Rating.NOT_COMPLIANT),
    ],
)
def test_the_return_is_compliant_at_100_percent_and_not_compliant_at_0(
    criteria: tuple[bool, ...], rating: Rating
) -> None:
    findings = [
        finding(Criterion.REGISTERS_CURRENT, _rows(ok, True), "") for ok in criteria
    ]  # a failing criterion here is partially compliant: it still counts as not met
    assert overall(findings) is rating


def test_the_return_is_read_as_at_the_quarters_last_day_or_today_while_it_runs() -> None:
    assert (Q3.first_day, Q3.last_day, Q3.as_at, Q3.ended) == (
        date(2026, 7, 1),
        date(2026, 9, 30),
        date(2026, 9, 30),
        True,
    )
    running = window("2026-Q4", date(2026, 12, 1))
    assert (running.as_at, running.ended) == (date(2026, 12, 1), False)
    assert not window("2026-Q4", date(2026, 12, 31)).ended  # its last day is still in it


def test_a_quarter_not_begun_cannot_be_certified_and_a_running_one_not_signed_off() -> None:
    with pytest.raises(RuleBroken) as refused:
        window("2027-Q1", date(2026, 12, 1))
    assert refused.value.field == "quarter"
    with pytest.raises(RuleBroken, match="runs until 2026-12-31"):
        check_sign_off(window("2026-Q4", date(2026, 12, 1)))
    check_sign_off(Q3)


def _person(pid: str, **kw: object) -> PersonOnRegister:
    values: dict[str, object] = {
        "name": f"Dr {pid}",
        "decision_making": True,
        "appointed_on": date(2025, 1, 1),
    }
    return PersonOnRegister(id=pid, **(values | kw))  # type: ignore[arg-type]


def test_registers_are_current_for_people_with_nothing_overdue_as_at_the_day() -> None:
    late = Overdue(Trigger.ANNUAL, "no declaration or confirmation since ...", date(2026, 8, 1))
    people = [
        _person("current"),
        _person("late", overdue=(late,)),
        _person("future", appointed_on=date(2026, 10, 5)),  # not on the register by 30 Sept
    ]
    f = registers_current(people, Q3)
    assert [(e.subject_id, e.passed) for e in f.evidence] == [("current", True), ("late", False)]
    assert f.rating is Rating.PARTIALLY_COMPLIANT


def test_people_with_no_interest_need_a_nil_declaration_in_the_year_to_the_day() -> None:
    held = Affiliation("B86001", Relationship.PARTNER)
    ended = Affiliation("B86002", Relationship.PARTNER, end_date=date(2026, 3, 1))
    people = [
        _person("partner", interests=(held,)),  # has an interest: not a row
        _person("nil", nil_declared_on=(date(2025, 10, 1),)),
        _person("stale", nil_declared_on=(date(2025, 9, 30),), interests=(ended,)),
        _person("new", appointed_on=date(2026, 9, 10)),  # due 8 October
    ]
    f = nil_declarations(people, Q3)
    assert [(e.subject_id, e.passed) for e in f.evidence] == [
        ("nil", True),
        ("stale", False),
        ("new", True),
    ]
    assert f.evidence[2].detail == "appointed on 2026-09-10: not due until 2026-10-08"


def test_decision_makers_need_the_training_completed_in_the_365_days_to_the_day() -> None:
    assert trained_on([date(2025, 10, 1), date(2026, 9, 30)], date(2026, 9, 30)) == date(
        2026, 9, 30
    )
    assert trained_on([date(2025, 9, 30)], date(2026, 9, 30)) is None  # 365 days ago: lapsed
    assert trained_on([date(2026, 10, 1)], date(2026, 9, 30)) is None  # after the day
    people = [
        _person("trained", trained=(date(2026, 4, 1),)),
        _person("lapsed", trained=(date(2025, 4, 1),)),
        _person("admin", decision_making=False),  # not a decision maker: not a row
    ]
    f = mandatory_training(people, Q3)
    assert [(e.subject_id, e.passed, e.detail) for e in f.evidence] == [
        ("trained", True, "completed on 2026-04-01"),
        ("lapsed", False, "not completed in the 365 days to the as-at day"),
    ]


def test_training_cannot_be_recorded_before_it_happens() -> None:
    with pytest.raises(RuleBroken) as refused:
        check_completion(date(2026, 12, 2), date(2026, 12, 1))
    assert refused.value.field == "completed_on"


def test_breaches_of_the_quarter_must_be_published_and_name_nobody() -> None:
    people = [_person("x", name="Dr Ann Lee")]

    def breach(bid: str, reported: date, text: str, published: bool = True) -> BreachReport:
        return BreachReport(bid, reported, reported, published, text)

    f = breaches_published(
        [
            breach("ok", date(2026, 7, 2), "A member voted while conflicted"),
            breach("named", date(2026, 8, 2), "dr ann lee voted while conflicted"),
            breach("hidden", date(2026, 9, 2), "Late declaration", published=False),
            breach("earlier", date(2026, 6, 30), "outside the quarter"),
        ],
        people,
        Q3,
    )
    assert [(e.subject_id, e.passed) for e in f.evidence] == [
        ("ok", True),
        ("named", False),
        ("hidden", False),
    ]
    assert f.evidence[1].detail == "published but names Dr Ann Lee: not anonymised"
    assert names_in("Annabel voted", ["Ann"]) == []  # whole words only


def test_decisions_in_the_quarter_must_be_quorate_with_no_conflicted_voter() -> None:
    def decision(did: str, *, quorate: bool = True, voted: str = "a") -> RecordedDecision:
        return RecordedDecision(
            did, "i", "c", "approved", date(2026, 8, 1), quorate, frozenset({"b"}),
            frozenset(voted),
        )  # fmt: skip

    undecided = [
        UndecidedItem("late", "c-late", date(2026, 9, 1)),  # its contract started undecided
        UndecidedItem("later", "c-later", date(2026, 11, 1)),  # not yet due
        UndecidedItem("unknown", "c-unknown", None),
    ]
    f = decisions_screened(
        [decision("ok"), decision("inquorate", quorate=False), decision("b-voted", voted="ab")],
        undecided,
        Q3,
    )
    assert [(e.subject_id, e.passed, e.detail) for e in f.evidence] == [
        ("b-voted", False, "conflicted member(s) voted: b"),
        ("inquorate", False, "decided without a quorum"),
        ("ok", True, "screened, quorate; 1 conflicted member(s), none voted"),
        ("late", False, "the contract started on 2026-09-01 without a decision"),
    ]


def test_contracts_ending_within_183_days_need_a_decision_item_opened_by_the_day() -> None:
    contracts = [
        ContractInForce("scheduled", "HUB", date(2026, 12, 31), (date(2026, 9, 1),)),
        ContractInForce("unscheduled", "GMS", date(2027, 3, 31)),
        ContractInForce("opened-after", "APMS", date(2027, 1, 31), (date(2026, 10, 1),)),
        ContractInForce("far-off", "PMS", date(2027, 4, 2)),  # 184 days after 30 September
        ContractInForce("open-ended", "GMS", None),
    ]
    f = expiring_contracts(contracts, Q3)
    assert [(e.subject_id, e.passed) for e in f.evidence] == [
        ("scheduled", True),
        ("opened-after", False),
        ("unscheduled", False),
    ]
    assert f.rating is Rating.PARTIALLY_COMPLIANT


def test_an_empty_register_is_compliant_on_every_criterion() -> None:
    findings = certify(Snapshot(), Q3)
    assert [f.criterion for f in findings] == list(Criterion)
    assert {f.rating for f in findings} == {Rating.COMPLIANT}
    assert overall(findings) is Rating.COMPLIANT


def test_hospitality_over_75_pounds_awaits_a_decision_taken_once() -> None:
    over = judge(GiftKind.HOSPITALITY, 8000, source_is_supplier=False)
    under = judge(GiftKind.HOSPITALITY, 3000, source_is_supplier=False)
    assert initial_status(over) is GiftStatus.AWAITING_APPROVAL
    assert initial_status(under) is GiftStatus.NOT_NEEDED
    assert decide(GiftStatus.AWAITING_APPROVAL, GiftDecision.APPROVE) is GiftStatus.APPROVED
    assert decide(GiftStatus.AWAITING_APPROVAL, GiftDecision.DECLINE) is GiftStatus.DECLINED
    with pytest.raises(WrongState, match="already approved"):
        decide(GiftStatus.APPROVED, GiftDecision.DECLINE)
    with pytest.raises(WrongState, match="needs no approval"):
        decide(GiftStatus.NOT_NEEDED, GiftDecision.APPROVE)

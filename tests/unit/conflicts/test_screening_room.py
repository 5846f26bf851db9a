"""Screening sees the whole room (issue 17): who is conflicted across the contracts and federations
an item touches, judged on who will be present (Co-commissioning evaluation 3.4.3, the minor surgery
meeting), with stable warning codes."""

from __future__ import annotations

from datetime import date

from services.conflicts.domain.affected import (
    Affected,
    ContractView,
    Ground,
    ItemContract,
    affected_by,
)
from services.conflicts.domain.committees import ConflictAction, Member
from services.conflicts.domain.membership import MembershipChange
from services.conflicts.domain.registers import Person
from services.conflicts.domain.screening import WarningCode, screen
from tests.unit.conflicts.factories import FED, JAN, JUL, R, declaration, pccc, people

CCG = "00T"
MINOR_SURGERY = ItemContract("c-ms-1", "LES", CCG, "B86001", "Minor surgery")
ALLIANCE = "Y09999"


def _contract(cid: str, provider: str, **kw: object) -> ContractView:
    fields: dict[str, object] = {
        "commissioner_ods": CCG,
        "kind": "LES",
        "service": "Minor surgery",
        "status": "active",
        "start_date": JAN,
    }
    fields.update(kw)
    return ContractView(cid, provider_ods=provider, **fields)  # type: ignore[arg-type]


def _codes(s: object) -> list[WarningCode]:
    return [w.code for w in s.warnings]  # type: ignore[attr-defined]


def _minor_surgery_meeting() -> tuple[list[Affected], dict[str, Person]]:
    """Every GP on the committee provides minor surgery for the CCG's patients (Co-commissioning
    evaluation 3.4.3): gp1 at the provider, gp2 at a practice holding the same LES."""
    contracts = [_contract("c-ms-1", "B86001", status="proposed"), _contract("c-ms-2", "B86009")]
    return affected_by(MINOR_SURGERY, [], contracts, JUL), people()


def test_minor_surgery_every_gp_holding_the_same_service_is_conflicted() -> None:
    affected, who = _minor_surgery_meeting()
    s = screen(pccc(), who, affected, JUL)
    reasons = {c.person_id: c.reason for c in s.conflicts}
    assert reasons == {
        "gp1": "partner of B86001, the provider",
        "gp2": "partner of B86009, which holds a LES Minor surgery contract with 00T",
    }


def test_minor_surgery_with_no_clinician_left_conflicted_gps_stay_to_advise() -> None:
    affected, who = _minor_surgery_meeting()
    s = screen(pccc(), who, affected, JUL, present=["chair", "lay", "cfo", "gp1", "gp2"])
    assert _codes(s) == [WarningCode.NO_CLINICIAN_IN_ROOM]
    assert not s.clinician_remains and s.quorate
    assert {c.action for c in s.conflicts} == {ConflictAction.ADVICE_ONLY_WHEN_ASKED}


def test_an_absent_nurse_does_not_stand_in_for_clinical_advice() -> None:
    affected, who = _minor_surgery_meeting()
    committee = pccc(Member("nurse", R.NURSE, True))
    absent = screen(committee, who, affected, JUL, present=["chair", "lay", "cfo", "gp1", "gp2"])
    assert _codes(absent) == [WarningCode.NO_CLINICIAN_IN_ROOM]
    here = screen(committee, who, affected, JUL, present=["chair", "lay", "cfo", "nurse", "gp1"])
    assert _codes(here) == [] and here.clinician_remains
    # The GPs keep the policy's action: a clinician remains to advise.
    assert {c.action for c in here.conflicts} == {ConflictAction.LEAVE_ROOM}


def test_with_every_gp_conflicted_and_no_one_else_clinical_absent_gps_are_not_advisers() -> None:
    affected, who = _minor_surgery_meeting()
    s = screen(pccc(), who, affected, JUL, present=["chair", "lay", "cfo", "gp1"])
    assert _codes(s) == [WarningCode.NO_CLINICIAN_IN_ROOM]
    actions = {c.person_id: c.action for c in s.conflicts}
    assert actions == {
        "gp1": ConflictAction.ADVICE_ONLY_WHEN_ASKED,
        "gp2": ConflictAction.LEAVE_ROOM,  # not in the room
    }


def test_a_non_voting_nurse_is_not_expected_unless_named_present() -> None:
    affected, who = _minor_surgery_meeting()
    committee = pccc(Member("nurse", R.NURSE, False))
    assert _codes(screen(committee, who, affected, JUL)) == [WarningCode.NO_CLINICIAN_IN_ROOM]
    present = ["chair", "lay", "cfo", "nurse"]
    assert _codes(screen(committee, who, affected, JUL, present=present)) == []


def test_the_chair_conflicted_hands_over_to_the_lay_member() -> None:
    chair = Person("chair", "Lay Chair", declarations=(declaration("B86001"),))
    affected, _ = _minor_surgery_meeting()
    s = screen(pccc(Member("nurse", R.NURSE, True)), people(chair=chair), affected, JUL)
    assert s.chair_must_hand_over and s.acting_chair_id == "lay"
    assert _codes(s) == []


def test_a_conflicted_chair_hands_over_to_their_deputy_first() -> None:
    chair = Person("chair", "Lay Chair", declarations=(declaration("B86001"),))
    deputy = Member("dep", R.LAY_MEMBER, True, deputy_for="chair")
    affected, _ = _minor_surgery_meeting()
    # The deputy acts only in the chair's absence: a conflicted chair present keeps them out.
    here = screen(pccc(deputy), people(chair=chair), affected, JUL,
                  present=["chair", "lay", "dep", "cfo"])  # fmt: skip
    assert here.acting_chair_id == "lay"
    away = screen(pccc(deputy), people(chair=chair), affected, JUL, present=["lay", "dep", "cfo"])
    assert away.acting_chair_id == "dep"


def test_removing_the_conflicted_breaks_the_quorum() -> None:
    affected, who = _minor_surgery_meeting()
    s = screen(pccc(min_voting=4), who, affected, JUL, present=["chair", "cfo", "gp1", "gp2"])
    assert _codes(s) == [WarningCode.INQUORATE_AFTER_CONFLICTS, WarningCode.NO_CLINICIAN_IN_ROOM]
    assert s.cannot_decide


def test_a_meeting_short_before_conflicts_is_inquorate_not_because_of_them() -> None:
    s = screen(pccc(), people(), ["Z00000"], JUL, present=["chair", "gp1"])
    assert _codes(s) == [WarningCode.INQUORATE]
    assert s.warnings[0].detail.startswith("not quorate even before conflicts")


def test_a_primes_subcontractors_are_affected() -> None:
    prime = ItemContract("c-prime", "PRIME", CCG, "T1", "MSK pathway")
    subs = [
        _contract(
            "c-sub", "B86005", kind="APMS", service="MSK clinic", parent_contract_id="c-prime"
        )
    ]
    [provider, sub] = affected_by(prime, [], subs, JUL)
    assert sub == Affected(
        "B86005", Ground.SUBCONTRACTOR, ", a subcontractor under this contract (c-sub)"
    )
    assert provider.ground is Ground.PROVIDER


def test_the_parent_alliance_of_the_provider_is_affected_transitively() -> None:
    changes = [
        MembershipChange(FED, "B86001", True, JAN),
        MembershipChange(ALLIANCE, FED, True, JAN),
        MembershipChange("Y00001", ALLIANCE, True, JAN),
    ]
    item = ItemContract("c-ms-1", "LES", CCG, "B86001", "Minor surgery")
    found = affected_by(item, changes, [], JUL)
    assert [(a.ods, a.ground, a.why) for a in found] == [
        ("B86001", Ground.PROVIDER, ", the provider"),
        (FED, Ground.PARENT_ALLIANCE, ", an alliance B86001 belongs to"),
        (ALLIANCE, Ground.PARENT_ALLIANCE, f", an alliance {FED} belongs to"),
        ("Y00001", Ground.PARENT_ALLIANCE, f", an alliance {ALLIANCE} belongs to"),
    ]


def test_a_federation_provider_affects_the_members_of_its_member_federations() -> None:
    changes = [
        MembershipChange(FED, "Y02766", True, JAN),
        MembershipChange("Y02766", "B1", True, JAN),
    ]
    item = ItemContract("c-hub", "HUB", CCG, FED, "Hub")
    assert [(a.ods, a.why) for a in affected_by(item, changes, [], JUL)][1:] == [
        ("Y02766", f", a member of {FED}"),
        ("B1", ", a member of Y02766"),
    ]


def test_members_and_subcontractors_of_a_same_service_holder_stand_to_gain() -> None:
    changes = [MembershipChange("Y02766", "B86020", True, JAN)]
    contracts = [
        _contract("c-fed", "Y02766", service="minor-surgery "),
        _contract("c-fed-sub", "B86030", kind="APMS", parent_contract_id="c-fed"),
    ]
    found = {a.ods: a.why for a in affected_by(MINOR_SURGERY, changes, contracts, JUL)}
    assert found["B86020"] == (
        ", a member of Y02766, which holds a LES minor-surgery contract with 00T"
    )
    assert found["B86030"].startswith(", a subcontractor under c-fed, whose provider holds")


def test_a_proposed_contract_is_a_gain_to_stand_to() -> None:
    contracts = [_contract("c-new", "B86011", status="proposed", start_date=date(2027, 4, 1))]
    [_, rival] = affected_by(MINOR_SURGERY, [], contracts, JUL)
    assert rival.why == (
        ", which stands to gain from a proposed LES Minor surgery contract with 00T"
    )


def test_contracts_that_do_not_count_on_the_date_are_ignored() -> None:
    contracts = [
        _contract("rejected", "B1", status="rejected"),
        _contract("ended", "B2", terminated_on=date(2026, 6, 1), status="terminated"),
        _contract("expired", "B3", end_date=date(2026, 3, 31), status="expired"),
        _contract("other-ccg", "B4", commissioner_ods="02W"),
        _contract("other-kind", "B5", kind="DES"),
        _contract("other-service", "B6", service="Vasectomy"),
        _contract("not-yet", "B7", start_date=date(2026, 9, 1)),
    ]
    assert [a.ods for a in affected_by(MINOR_SURGERY, [], contracts, JUL)] == ["B86001"]
    # Terminated from 1 June: still in force the day before.
    before = affected_by(MINOR_SURGERY, [], contracts, date(2026, 5, 31))
    assert [a.ods for a in before] == ["B86001", "B2"]


def test_an_interest_keeps_the_rule_that_made_it_a_conflict() -> None:
    contracts = [_contract("c-ms-2", "B86009")]
    gp = Person("gp2", "Dr Two", declarations=(declaration("B86009"),))
    s = screen(pccc(), people(gp2=gp), affected_by(MINOR_SURGERY, [], contracts, JUL), JUL)
    reason = {c.person_id: c.reason for c in s.conflicts}["gp2"]
    assert reason.startswith(
        "declared financial interest held by self in B86009, which holds a LES Minor surgery "
        "contract with 00T"
    )
    assert FED not in reason

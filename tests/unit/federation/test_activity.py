"""Screening consultations: each rejection reason, duplicates and scope, with no I/O."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.federation.domain.activity import (
    ActivityContext,
    Consultation,
    Rejected,
    Rejection,
    Screening,
    parse,
    parse_all,
    screen,
    screen_one,
)
from services.federation.domain.hub import HubTerms
from services.federation.domain.membership import Membership
from services.federation.domain.period import local_day, period_of
from services.federation.domain.subcontract import Subcontract, SubcontractRole

HUB = HubTerms(
    contract_id="c1",
    change="activated",
    effective_from=date(2026, 4, 1),
    federation_ods="Y02765",
    commissioner_ods="02W",
    service="hub",
    status="active",
    start_date=date(2026, 4, 1),
    end_date=date(2027, 3, 31),
)


def context(**overrides: Any) -> ActivityContext:
    values: dict[str, Any] = {
        "hubs": {"c1": HUB},
        "memberships": [Membership("Y02765", "B86001", date(2026, 4, 1))],
        "subcontracts": [
            Subcontract(
                "s1",
                "c1",
                "Y02765",
                "B86001",
                frozenset({SubcontractRole.DELIVERY, SubcontractRole.PREMISES}),
                date(2026, 4, 1),
            )
        ],
        "closed_periods": set(),
        "held": set(),
    }
    values.update(overrides)
    return ActivityContext(**values)


def record(**overrides: Any) -> dict[str, Any]:
    return {
        "id": "x1",
        "contract_id": "c1",
        "practice_ods": "B86001",
        "patient_ref": "p1",
        "kind": "first",
        "occurred_at": "2026-05-04T10:00:00+01:00",
        **overrides,
    }


def reason(raw: dict[str, Any], ctx: ActivityContext | None = None) -> Rejection | None:
    result = screen([parse(raw)], ctx or context(), lambda _h, _r: True)
    return result.rejected[0].reason if result.rejected else None


@pytest.mark.parametrize(
    ("overrides", "ctx", "expected"),
    [
        ({}, None, None),
        ({"contract_id": "c2"}, None, Rejection.UNKNOWN_CONTRACT),
        ({"occurred_at": "2026-03-31T12:00:00+01:00"}, None, Rejection.OUTSIDE_CONTRACT_DATES),
        ({}, context(closed_periods={("c1", "2026-05")}), Rejection.PERIOD_CLOSED),
        ({"practice_ods": "B86002"}, None, Rejection.NOT_A_MEMBER),
        ({}, context(subcontracts=[]), Rejection.NOT_SUBCONTRACTED_FOR_DELIVERY),
        ({"site_ods": "B86002"}, None, Rejection.SITE_NOT_PREMISES),
        ({"site_ods": "B86001"}, None, None),
        ({"kind": "third"}, None, Rejection.MALFORMED),
        ({"occurred_at": "yesterday"}, None, Rejection.MALFORMED),
    ],
)
def test_each_record_is_accepted_or_rejected_with_its_reason(
    overrides: dict[str, Any], ctx: ActivityContext | None, expected: Rejection | None
) -> None:
    assert reason(record(**overrides), ctx) == expected


def test_a_held_id_or_a_repeat_within_the_batch_is_a_duplicate_not_a_rejection() -> None:
    anyone = lambda _h, _r: True  # noqa: E731
    batch = [parse(record()), parse(record(id="x2")), parse(record(id="x2"))]
    result = screen(batch, context(held={("B86001", "x1")}), anyone)
    assert (result.duplicates, [c.id for c in result.accepted], result.rejected) == (2, ["x2"], [])
    closed = context(held={("B86001", "x1")}, closed_periods={("c1", "2026-05")})
    resent = screen([parse(record())], closed, anyone)
    assert (resent.duplicates, resent.rejected) == (1, [])


def test_two_practices_may_use_the_same_consultation_id() -> None:
    """Each practice's clinical system numbers its own consultations: the same id from two
    practices is two consultations, and only a practice's own repeat is a duplicate."""
    anyone = lambda _h, _r: True  # noqa: E731
    ctx = context(
        memberships=[
            Membership("Y02765", "B86001", date(2026, 4, 1)),
            Membership("Y02765", "B86002", date(2026, 4, 1)),
        ],
        subcontracts=[
            Subcontract("s1", "c1", "Y02765", p, frozenset({SubcontractRole.DELIVERY}),
                        date(2026, 4, 1))
            for p in ("B86001", "B86002")
        ],
        held={("B86001", "emis-1")},
    )  # fmt: skip
    batch = [
        parse(record(id="emis-1", practice_ods="B86001")),
        parse(record(id="emis-1", practice_ods="B86002")),
        parse(record(id="emis-1", practice_ods="B86002")),
    ]
    result = screen(batch, ctx, anyone)
    assert [c.key for c in result.accepted] == [("B86002", "emis-1")]
    assert (result.duplicates, result.rejected) == (2, [])


@pytest.mark.parametrize(
    "occurred_at",
    ["0001-01-01T00:30:00+05:00", "9999-12-31T23:30:00-05:00", "1999-12-31T23:59:59+00:00",
     "2100-01-01T00:00:00+00:00", "2000-01-01T00:30:00+01:00", "2099-12-31T23:30:00-01:00"],
)  # fmt: skip
def test_a_moment_off_the_calendar_or_out_of_range_is_malformed(occurred_at: str) -> None:
    """0001-01-01T00:30+05:00 is in year 0 in UTC: it once failed the whole batch with a 500."""
    rejected = parse(record(occurred_at=occurred_at))
    assert isinstance(rejected, Rejected)
    assert (rejected.id, rejected.reason) == ("x1", Rejection.MALFORMED)
    assert "occurred_at" in rejected.detail
    assert parse_all([record(id="ok"), record(occurred_at=occurred_at)])[1] == rejected


@pytest.mark.parametrize(
    "occurred_at",
    ["2000-01-01T00:00:00+00:00", "2000-01-01T00:30:00-01:00", "2001-01-01T00:00:00+23:59",
     "2098-12-31T23:59:00-23:59", "2099-12-31T22:30:00-01:00", "2099-12-31T23:59:59"],
)  # fmt: skip
def test_a_moment_just_inside_the_range_is_accepted_whatever_its_offset(occurred_at: str) -> None:
    """The years well inside the range are let through without comparing moments; these are
    at its edges, where the comparison must still be made."""
    parsed = parse(record(occurred_at=occurred_at))
    assert isinstance(parsed, Consultation), parsed
    assert parsed.occurred_at.tzinfo is not None


def test_records_outside_the_callers_scope_are_not_authorised() -> None:
    own_only = screen(
        [parse(record()), parse(record(id="x2", practice_ods="B86002"))],
        context(),
        lambda _hub, practice_ods: practice_ods == "B86001",
    )
    assert [c.id for c in own_only.accepted] == ["x1"]
    assert [(r.id, r.reason) for r in own_only.rejected] == [("x2", Rejection.NOT_AUTHORISED)]


def test_a_malformed_record_names_its_fields_and_keeps_its_id() -> None:
    rejected = parse({"id": "bad", "kind": "first"})
    assert isinstance(rejected, Rejected)
    assert rejected.id == "bad"
    assert "contract_id" in rejected.detail and "practice_ods" in rejected.detail
    assert isinstance(parse(record()), Consultation)


def test_the_day_of_a_consultation_is_the_uk_calendar_day() -> None:
    late_bst = parse(record(occurred_at="2026-06-30T23:30:00Z"))
    assert isinstance(late_bst, Consultation)
    assert local_day(late_bst.occurred_at) == date(2026, 7, 1)


def test_a_time_without_a_zone_is_uk_local_time() -> None:
    naive = parse(record(occurred_at="2026-06-30T23:30:00"))
    assert isinstance(naive, Consultation)
    assert local_day(naive.occurred_at) == date(2026, 6, 30)
    assert naive.occurred_at.utcoffset() is not None


def test_a_batch_parses_as_its_records_do_one_by_one_valid_or_not() -> None:
    valid = [record(), record(id="x2", site_ods="B86001"), record(id=" x3 ")]
    assert parse_all(valid) == [parse(r) for r in valid]
    mixed = [record(), {"id": "bad", "kind": "first"}, "not a record", record(id="x4")]
    assert parse_all(mixed) == [parse(r) for r in mixed]
    assert [type(r) for r in parse_all(mixed)] == [Consultation, Rejected, Rejected, Consultation]


def test_each_accepted_record_carries_its_uk_period() -> None:
    batch = [
        parse(record(occurred_at="2026-05-31T23:30:00Z")),  # 1 June 00:30 BST
        parse(record(id="x2", kind="third")),
        parse(record(id="x3", occurred_at="2026-05-04T10:00:00+01:00")),
    ]
    result = screen(batch, context(), lambda _h, _r: True)
    assert [c.id for c in result.accepted] == ["x1", "x3"]
    assert result.periods == ["2026-06", "2026-05"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["c1", "c2"]),
            st.sampled_from(["B86001", "B86002"]),
            st.sampled_from([None, "B86001", "B86002"]),
            # A few moments, so that combinations repeat: either side of the UK midnights
            # that end the closed April and the second practice's membership.
            st.sampled_from(
                [
                    "2026-03-31T23:30:00+00:00",
                    "2026-04-30T22:30:00+00:00",
                    "2026-04-30T23:30:00+00:00",
                    "2026-05-15T22:30:00+00:00",
                    "2026-05-15T23:30:00+00:00",
                    "2026-05-16T09:00:00",
                ]
            ),
            st.sampled_from(["x1", "x2", "x3", "x4", "x5", "x6"]),
        ),
        max_size=30,
    ),
    st.sampled_from(["B86001", "B86002", None]),
)
def test_a_batch_is_screened_as_its_records_are_one_by_one(
    rows: list[tuple[str, str, str | None, str, str]], own: str | None
) -> None:
    # Screening reuses one verdict per contract, practice, site and day; a batch's result is
    # still that of screening each record on its own against what went before it.
    ctx = context(
        held={("B86001", "x6"), ("B86002", "x7")},
        closed_periods={("c1", "2026-04")},
        memberships=[
            Membership("Y02765", "B86001", date(2026, 4, 1)),
            Membership("Y02765", "B86002", date(2026, 4, 1), date(2026, 5, 15)),
        ],
    )
    may_report = (lambda _h, _p: True) if own is None else (lambda _h, p: p == own)
    batch = [
        parse(record(id=i, contract_id=c, practice_ods=p, site_ods=s, occurred_at=at))
        for c, p, s, at, i in rows
    ]
    one_by_one = Screening()
    for r in batch:
        assert isinstance(r, Consultation)
        if r.key in ctx.held or r.key in {a.key for a in one_by_one.accepted}:
            one_by_one.duplicates += 1
            one_by_one.outcomes.append("duplicate")
        elif (why := screen_one(r, ctx, may_report)) is None:
            one_by_one.accepted.append(r)
            one_by_one.periods.append(period_of(r.day))
            one_by_one.outcomes.append("accepted")
            one_by_one.counts[(r.contract_id, period_of(r.day))] += 1
        else:
            one_by_one.rejected.append(Rejected(r.id, why, why.text, r.practice_ods))
            one_by_one.outcomes.append(one_by_one.rejected[-1])
    assert screen(batch, ctx, may_report) == one_by_one

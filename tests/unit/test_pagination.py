"""Cursors (shared/pagination.py): what a client sends is read back only as the types a route
sorts by, or a 422 naming ``query.cursor``."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from shared.pagination import PageRequest, decode_cursor, encode_cursor
from shared.problems import Unprocessable


def _cursor(key: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


def _page(key: Any) -> PageRequest:
    return PageRequest(limit=10, after=decode_cursor(_cursor(key)))


def test_a_cursor_round_trips_typed_keys() -> None:
    at = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
    page = PageRequest(limit=10, after=decode_cursor(encode_cursor([at, "run-1"])))
    assert page.after_key(datetime, str) == (at, "run-1")
    assert PageRequest(limit=10, after=decode_cursor(encode_cursor([42]))).after_int() == 42
    assert _page(["B86001"]).after_str() == "B86001"
    assert _page([at.isoformat()]).after_time() == at


def test_the_first_page_has_no_key() -> None:
    page = PageRequest(limit=10)
    assert page.after_int() is None
    assert page.after_key(datetime, str) is None


@pytest.mark.parametrize(
    ("key", "read"),
    [
        (["x"], lambda p: p.after_int()),
        ([1], lambda p: p.after_str()),
        (["2026-11-01T09:30:00"], lambda p: p.after_time()),  # naive: cannot meet timestamptz
        (["yesterday"], lambda p: p.after_time()),
        (["2026-11-01T09:30:00+00:00"], lambda p: p.after_key(datetime, str)),
        ([1, 2], lambda p: p.after_int()),
    ],
    ids=["text-for-int", "int-for-text", "naive-time", "not-a-time", "too-short", "too-long"],
)
def test_a_key_of_the_wrong_type_or_length_is_a_422_naming_the_cursor(key: Any, read: Any) -> None:
    with pytest.raises(Unprocessable) as refused:
        read(_page(key))
    assert refused.value.errors == [
        {
            "loc": ["query", "cursor"],
            "field": "cursor",
            "msg": "not a cursor this service issued",
            "type": "rule",
        }
    ]


@pytest.mark.parametrize(
    "cursor",
    [
        "%%%",
        _cursor({"a": 1}),
        _cursor([]),
        _cursor([True]),
        _cursor([1.5]),
        _cursor([None]),
        _cursor([["x"]]),
        _cursor([2**63]),
        _cursor(["a\u0000b"]),
        _cursor(["\ud800"]),
        _cursor(["x" * 501]),
    ],
    ids=[
        "base64",
        "object",
        "empty",
        "bool",
        "float",
        "null",
        "nested",
        "over-bigint",
        "nul",
        "surrogate",
        "long",
    ],
)
def test_a_cursor_holding_what_the_database_cannot_take_is_refused_when_decoded(
    cursor: str,
) -> None:
    with pytest.raises(Unprocessable, match=r"^cursor: "):
        decode_cursor(cursor)


def test_the_bigint_range_is_accepted() -> None:
    assert decode_cursor(_cursor([2**63 - 1, -(2**63)])) == [2**63 - 1, -(2**63)]

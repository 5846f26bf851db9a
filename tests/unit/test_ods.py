"""Tests for ODS code normalisation and per-kind format validation."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from shared.ods import InvalidOdsCode, OdsCode, OrganisationKind, is_valid, normalise, validate

K = OrganisationKind

VALID = [
    (K.PRACTICE, "B86001"),
    (K.PRACTICE, "Y12345"),
    (K.CCG, "02W"),
    (K.CCG, "13T"),
    (K.NHSE, "X24"),
    (K.FEDERATION, "Y02765"),
    (K.FEDERATION, "ABC"),
    (K.TRUST, "RAE"),
    (K.TRUST, "RAE01"),
    (K.OTHER, "NQA"),
    (K.OTHER, "8HV48"),
]

INVALID = [
    (K.PRACTICE, "86001B"),
    (K.PRACTICE, "BB6001"),
    (K.PRACTICE, "B8600"),
    (K.PRACTICE, "B860011"),
    (K.PRACTICE, "B86-01"),
    (K.PRACTICE, ""),
    (K.CCG, "02"),
    (K.CCG, "02WX"),
    (K.CCG, "0-W"),
    (K.NHSE, "X2"),
    (K.NHSE, "X245"),
    (K.FEDERATION, "Y0"),
    (K.FEDERATION, "Y027651"),
    (K.TRUST, "R E"),
    (K.OTHER, "ÀBC"),
    (K.OTHER, "A\u0661\u0662"),  # Arabic-Indic digits are digits, but not ODS digits
    (K.OTHER, "RAE\n1"),
]


@pytest.mark.parametrize(("kind", "code"), VALID)
def test_valid_codes_are_accepted_for_their_kind(kind: OrganisationKind, code: str) -> None:
    assert is_valid(code, kind)
    assert validate(code, kind) == code


@pytest.mark.parametrize(("kind", "code"), INVALID)
def test_invalid_codes_are_rejected_for_their_kind(kind: OrganisationKind, code: str) -> None:
    assert not is_valid(code, kind)
    with pytest.raises(InvalidOdsCode):
        validate(code, kind)


def test_kind_may_be_given_as_its_string_value() -> None:
    assert validate("b86001", "practice") == "B86001"
    assert is_valid("02W", "ccg")
    assert not is_valid("Y02765", "ccg")


def test_unknown_kind_is_a_value_error_listing_the_kinds() -> None:
    with pytest.raises(ValueError, match=r"unknown organisation kind 'surgery'.*practice"):
        is_valid("B86001", "surgery")
    with pytest.raises(ValueError, match="unknown organisation kind"):
        validate("B86001", "PRACTICE")


def test_practice_code_is_too_long_for_a_ccg() -> None:
    assert is_valid("B86001", K.PRACTICE)
    assert not is_valid("B86001", K.CCG)
    assert is_valid("B86001", K.FEDERATION)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(" b86001 ", "B86001"), ("\tx24\n", "X24"), ("rae", "RAE"), ("Y02765", "Y02765")],
)
def test_normalise_strips_whitespace_and_upper_cases(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_validate_returns_the_normalised_code() -> None:
    assert validate("  b86001\n", K.PRACTICE) == "B86001"
    assert is_valid(" 02w ", K.CCG)


def test_normalise_rejects_non_strings() -> None:
    bad: Any = 86001
    with pytest.raises(TypeError):
        normalise(bad)


@pytest.mark.parametrize(
    ("kind", "code", "fragment"),
    [
        (K.PRACTICE, "02W", "a practice ODS code is one letter and five digits, e.g. B86001"),
        (K.CCG, "B86001", "CCG ODS code is three letters or digits"),
        (K.NHSE, "X2", "NHS England ODS code is three letters or digits"),
        (K.FEDERATION, "Y0", "federation ODS code is 3 to 6 letters or digits"),
        (K.TRUST, "R", "trust ODS code is 3 to 6 letters or digits"),
        (K.OTHER, "TOOLONG1", "3 to 6 letters or digits"),
    ],
)
def test_error_message_names_the_required_format(
    kind: OrganisationKind, code: str, fragment: str
) -> None:
    with pytest.raises(InvalidOdsCode) as info:
        validate(code, kind)
    assert fragment in str(info.value)
    assert repr(code) in str(info.value)


def test_invalid_ods_code_is_a_value_error() -> None:
    assert issubclass(InvalidOdsCode, ValueError)


def test_organisation_kind_values_are_lower_case_strings() -> None:
    assert [k.value for k in OrganisationKind] == [
        "practice",
        "federation",
        "ccg",
        "nhse",
        "trust",
        "other",
    ]
    assert isinstance(OrganisationKind.PRACTICE, str)
    assert str(OrganisationKind.PRACTICE) == "practice"


class _Org(BaseModel):
    code: OdsCode


def test_pydantic_ods_code_normalises_before_checking_format() -> None:
    assert _Org(code=" y02765 ").code == "Y02765"
    assert _Org(code="rae").code == "RAE"


@pytest.mark.parametrize("code", ["AB", "ABCDEFG", "A-1", "", "ÀBC"])
def test_pydantic_ods_code_rejects_malformed_codes(code: str) -> None:
    with pytest.raises(ValidationError):
        _Org(code=code)

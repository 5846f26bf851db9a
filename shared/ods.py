"""ODS (Organisation Data Service) code validation for each kind of organisation.

ODS codes identify NHS organisations in payment schedules and contracts, so a typo can
send money to the wrong practice. Each kind of organisation has its own code shape;
checking the shape at the boundary catches most keying errors before they reach the
ledger. This checks format only -- whether the code exists is a question for ODS itself.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

__all__ = [
    "InvalidOdsCode",
    "OdsCode",
    "OrganisationKind",
    "is_valid",
    "normalise",
    "validate",
]


class OrganisationKind(StrEnum):
    PRACTICE = "practice"
    FEDERATION = "federation"
    CCG = "ccg"
    NHSE = "nhse"
    TRUST = "trust"
    OTHER = "other"


class InvalidOdsCode(ValueError):
    """An ODS code does not have the format its organisation kind requires."""


# Written with explicit ASCII classes: \w and str.isalnum() would accept non-Latin
# letters and digits, which never appear in ODS codes.
_GENERIC_PATTERN = r"^[A-Z0-9]{3,6}$"
_THREE_CHARACTERS = re.compile(r"[A-Z0-9]{3}")
_THREE_TO_SIX = re.compile(r"[A-Z0-9]{3,6}")

_RULES: dict[OrganisationKind, tuple[re.Pattern[str], str]] = {
    OrganisationKind.PRACTICE: (
        re.compile(r"[A-Z][0-9]{5}"),
        "a practice ODS code is one letter and five digits, e.g. B86001",
    ),
    OrganisationKind.CCG: (
        _THREE_CHARACTERS,
        "a CCG ODS code is three letters or digits, e.g. 02W",
    ),
    OrganisationKind.NHSE: (
        _THREE_CHARACTERS,
        "an NHS England ODS code is three letters or digits, e.g. X24",
    ),
    OrganisationKind.FEDERATION: (
        _THREE_TO_SIX,
        "a federation ODS code is 3 to 6 letters or digits, e.g. Y02765",
    ),
    OrganisationKind.TRUST: (
        _THREE_TO_SIX,
        "a trust ODS code is 3 to 6 letters or digits, e.g. RAE",
    ),
    OrganisationKind.OTHER: (
        _THREE_TO_SIX,
        "an ODS code for another organisation is 3 to 6 letters or digits, e.g. Y02765",
    ),
}


def normalise(code: str) -> str:
    """Strip surrounding whitespace and upper-case, as codes are often keyed by hand."""
    if not isinstance(code, str):
        raise TypeError(f"an ODS code must be a str, got {type(code).__name__}")
    return code.strip().upper()


def _kind(kind: OrganisationKind | str) -> OrganisationKind:
    try:
        return OrganisationKind(kind)
    except ValueError:
        allowed = ", ".join(k.value for k in OrganisationKind)
        raise ValueError(f"unknown organisation kind {kind!r}; expected one of {allowed}") from None


def is_valid(code: str, kind: OrganisationKind | str) -> bool:
    """Whether ``code`` (after normalising) has the format required for ``kind``."""
    pattern, _ = _RULES[_kind(kind)]
    # fullmatch, not match with "$": "$" also matches before a trailing newline.
    return pattern.fullmatch(normalise(code)) is not None


def validate(code: str, kind: OrganisationKind | str) -> str:
    """Return the normalised code, or raise InvalidOdsCode naming the required format."""
    pattern, rule = _RULES[_kind(kind)]
    normalised = normalise(code)
    if pattern.fullmatch(normalised) is None:
        raise InvalidOdsCode(f"invalid ODS code {code!r}: {rule}")
    return normalised


# A kind-agnostic code for pydantic models; use validate() when the kind is known.
OdsCode = Annotated[
    str,
    AfterValidator(normalise),
    StringConstraints(pattern=_GENERIC_PATTERN),
]

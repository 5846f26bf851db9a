"""What the route modules share: who may call and today's date. The domain's refusals
(``shared.rules``) become problems in the kernel, the same way in every service."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from shared.auth import Principal, Role, require_roles
from shared.calendar import uk_today

#: Who registers and changes organisations (ops are always admitted too).
Registrar = Annotated[Principal, require_roles(Role.COMMISSIONER)]
#: Who manages contracts; the routes also check the contract's commissioner is the caller's org.
Commissioner = Annotated[Principal, require_roles(Role.COMMISSIONER)]
#: Who reads contracts; the routes narrow each to its own commissioner's or provider's.
ContractReader = Annotated[
    Principal, require_roles(Role.COMMISSIONER, Role.PRACTICE, Role.FEDERATION)
]
#: Who lists incentive schemes: a commissioner its own, a practice those it is enrolled in.
SchemeReader = Annotated[Principal, require_roles(Role.COMMISSIONER, Role.PRACTICE)]
Ops = Annotated[Principal, require_roles()]


def today() -> date:
    """Today in England: contracts start and end on English days (not UTC's)."""
    return uk_today()


def now() -> datetime:
    """When a record is made (stored as a UTC instant)."""
    return datetime.now(UTC)

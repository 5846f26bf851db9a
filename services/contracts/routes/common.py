"""What the route modules share: who may call, today's date, and the domain's refusals as
problems."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Annotated

from services.contracts.domain.rules import RuleBroken, WrongState
from shared.auth import Principal, Role, require_roles
from shared.problems import Conflict, Unprocessable

#: Who registers and changes organisations (ops are always admitted too).
Registrar = Annotated[Principal, require_roles(Role.COMMISSIONER)]
#: Who manages contracts; the routes also check the contract's commissioner is the caller's org.
Commissioner = Annotated[Principal, require_roles(Role.COMMISSIONER)]
#: Who reads contracts; the routes narrow each to its own commissioner's or provider's.
ContractReader = Annotated[
    Principal, require_roles(Role.COMMISSIONER, Role.PRACTICE, Role.FEDERATION)
]
Ops = Annotated[Principal, require_roles()]


def today() -> date:
    return datetime.now(UTC).date()


@contextmanager
def refusals() -> Iterator[None]:
    """The domain's refusals as problems: a broken rule names its field (422), a command the
    aggregate's state does not allow is a conflict (409)."""
    try:
        yield
    except RuleBroken as exc:
        raise Unprocessable(
            f"{exc.field}: {exc.message}",
            errors=[
                {
                    "loc": ["body", *exc.field.split(".")],
                    "field": exc.field,
                    "msg": exc.message,
                    "type": "rule",
                }
            ],
        ) from None
    except WrongState as exc:
        raise Conflict(str(exc)) from None

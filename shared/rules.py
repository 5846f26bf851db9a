"""The ways a command on the domain can be refused, for every service's domain to raise.

Pure (no web or database): each service's ``domain/`` raises these, or its own subclasses,
and the kernel answers them the same way everywhere (``shared.web``): a broken rule is a 422
naming the field at fault, a command the aggregate's state does not allow a 409, something it
does not have a 404.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

#: Where in the request body a rule was broken: dotted (``"payment.upfront_percent"``) or as
#: parts (``["votes", 4, "person_id"]``); None when the rule is not about one field.
Field = str | Sequence[str | int] | None


class RuleBroken(Exception):
    """A value breaks a rule: answered 422, naming ``field`` (in the request body) if known."""

    def __init__(self, field: Field, message: str) -> None:
        super().__init__(message if field is None else f"{_dotted(field)}: {message}")
        self.field = field
        self.message = message

    @property
    def location(self) -> list[str | int]:
        """The field as parts of its path in the body (empty when there is none)."""
        if self.field is None:
            return []
        if isinstance(self.field, str):
            return list(self.field.split("."))
        return list(self.field)


class WrongState(Exception):
    """The command does not apply to the aggregate as it stands: answered 409."""


class Unknown(Exception):
    """The command names something the aggregate does not have: answered 404."""


@contextmanager
def at(*field: str | int) -> Iterator[None]:
    """Names ``field`` for a rule broken inside that names none: the route knows which field of
    its body the domain's check was about when the domain does not."""
    try:
        yield
    except RuleBroken as exc:
        if exc.field is None:
            exc.field = list(field)
        raise


def _dotted(field: str | Sequence[str | int]) -> str:
    return field if isinstance(field, str) else ".".join(str(p) for p in field)

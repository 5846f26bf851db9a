"""The ways a command on an organisation or a contract can be refused.

Each names what the client must change, so the API can answer with a problem that points at
the field (422) or at the state the aggregate is in (409).
"""

from __future__ import annotations


class RuleBroken(Exception):
    """A value breaks a rule: the API answers 422 naming ``field`` (dotted, as in the body)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class WrongState(Exception):
    """The command does not apply to the aggregate as it stands: the API answers 409."""

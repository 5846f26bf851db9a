"""The ways a command on an organisation or a contract can be refused: the kernel's
(``shared.rules``), which every service answers the same way. Each names what the client must
change: the field (422), the state the aggregate is in (409), or what it does not have (404).
"""

from __future__ import annotations

from shared.rules import RuleBroken, Unknown, WrongState

__all__ = ["RuleBroken", "Unknown", "WrongState"]

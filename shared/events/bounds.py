"""Bounds on the numbers events carry, so a consumer refuses nonsense at the door (dead-lettered
as ``invalid``) instead of paying it, or failing on it five times in a handler.

Within a v1 topic a schema may not refuse what its producer legitimately publishes: each bound
here is one the producers already keep (checked against them where each is used).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

#: PostgreSQL BIGINT, where every amount is kept: |x| < 2**63.
BIGINT = 2**63
#: PostgreSQL INTEGER, where the consumers keep counts and revisions.
INTEGER = 2**31

#: An amount of either sign: a share of a loss, a restated difference.
Pence = Annotated[int, Field(gt=-BIGINT, lt=BIGINT)]
#: A price, a rate, a charge or a value: never negative.
NonNegativePence = Annotated[int, Field(ge=0, lt=BIGINT)]
#: An amount whose direction is carried apart (a payment's ``recovery``): always positive.
PositivePence = Annotated[int, Field(gt=0, lt=BIGINT)]
#: Consultations, patients, a list size: never negative.
Count = Annotated[int, Field(ge=0, lt=INTEGER)]
#: A period close's revision: the first close is 1.
Revision = Annotated[int, Field(ge=1, lt=INTEGER)]
Percent = Annotated[Decimal, Field(ge=0, le=100)]

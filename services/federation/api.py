"""HTTP routes of the federation service: HTTP in, a command on the domain, HTTP out.

One router per resource under ``routes/``; this module assembles them into ``router``.
"""

from fastapi import APIRouter

from services.federation.routes import (
    consultations,
    corrections,
    members,
    periods,
    subcontracts,
)

router = APIRouter()
for part in (members, subcontracts, consultations, corrections, periods):
    router.include_router(part.router)

"""HTTP routes of the federation service: HTTP in, a command on the domain, HTTP out.

One router per resource under ``routes/``; this module assembles them into ``router``.
"""

from fastapi import APIRouter

from services.federation.routes import (
    consultations,
    corrections,
    fhir,
    members,
    periods,
    service_periods,
    subcontracts,
)

router = APIRouter()
for part in (members, subcontracts, consultations, corrections, periods, service_periods, fhir):
    router.include_router(part.router)

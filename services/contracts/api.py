"""HTTP routes of the contracts service: HTTP in, a command on the domain, HTTP out.

One router per resource lives in ``routes/``; this is the one router the app includes.
"""

from fastapi import APIRouter

from services.contracts.routes import contracts, organisations, policies, schemes

router = APIRouter()
router.include_router(organisations.router)
router.include_router(contracts.router)
router.include_router(policies.router)
router.include_router(schemes.router)

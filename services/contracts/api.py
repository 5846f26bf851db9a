"""HTTP routes of the contracts service: HTTP in, a command on the domain, HTTP out."""

from fastapi import APIRouter

router = APIRouter()

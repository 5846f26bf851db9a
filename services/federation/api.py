"""HTTP routes of the federation service: HTTP in, a command on the domain, HTTP out."""

from fastapi import APIRouter

router = APIRouter()

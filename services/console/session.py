"""Who is signed in: the bearer token, from the identity provider in front (``Authorization``)
or, in development, the sign-in page's cookie. Its claims are read unverified, only to choose
the menu: every call made with it is verified by the service called."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import jwt
from fastapi import Depends, Request

COOKIE = "gpfed_token"


@dataclass(frozen=True)
class Viewer:
    token: str
    role: str
    org: str
    sub: str


def token_of(request: Request) -> str | None:
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(COOKIE) or None


def claims_of(token: str) -> Viewer | None:
    """The token's role and organisation as it claims them, or None if it is not a JWT."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return None
    role, org = claims.get("role"), claims.get("org")
    if not isinstance(role, str) or not isinstance(org, str):
        return None
    return Viewer(token=token, role=role, org=org, sub=str(claims.get("sub", "")))


def viewer(request: Request) -> Viewer | None:
    token = token_of(request)
    return claims_of(token) if token else None


class NotSignedIn(Exception):
    """A page that needs a token was asked for without one."""


def signed_in(request: Request) -> Viewer:
    found = viewer(request)
    if found is None:
        raise NotSignedIn()
    return found


ViewerDep = Annotated[Viewer | None, Depends(viewer)]
SignedInDep = Annotated[Viewer, Depends(signed_in)]

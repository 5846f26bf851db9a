"""Bearer JWTs, roles and organisation scoping (ARCHITECTURE.md section 7).

Claims: ``sub``, ``role`` and ``org`` (an ODS code). HS256 with a shared secret in
development, RS256 with keys from a JWKS URL in production. Routes declare who may call them
with :func:`require_roles`; whether a caller may act for an organisation is
:meth:`Principal.acts_for`.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.problems import Forbidden, Unauthorized
from shared.settings import ServiceSettings


class Role(StrEnum):
    COMMISSIONER = "commissioner"
    FEDERATION = "federation"
    PRACTICE = "practice"
    GOVERNANCE = "governance"
    OPS = "ops"


@dataclass(frozen=True)
class Principal:
    sub: str
    role: Role
    org: str

    def acts_for(self, ods_code: str) -> bool:
        """Ops act for everyone; anyone else only for their own organisation."""
        return self.role is Role.OPS or self.org == ods_code

    def require_acts_for(self, ods_code: str) -> None:
        if not self.acts_for(ods_code):
            raise Forbidden(f"a {self.role} token for {self.org} cannot act for {ods_code}")


class TokenVerifier:
    """Verifies bearer tokens with the configured secret or JWKS."""

    def __init__(self, settings: ServiceSettings) -> None:
        self.algorithm = settings.jwt_algorithm
        self.audience = settings.jwt_audience
        self.issuer = settings.jwt_issuer
        self._secret = settings.jwt_secret.get_secret_value()
        self._jwks = jwt.PyJWKClient(settings.jwt_jwks_url) if settings.jwt_jwks_url else None
        if self.algorithm == "RS256" and self._jwks is None:
            raise ValueError("RS256 needs GPFED_JWT_JWKS_URL")

    def verify(self, token: str) -> Principal:
        try:
            key: Any = (
                self._jwks.get_signing_key_from_jwt(token).key
                if self.algorithm == "RS256" and self._jwks is not None
                else self._secret
            )
            claims = jwt.decode(
                token,
                key,
                algorithms=[self.algorithm],
                audience=self.audience,
                issuer=self.issuer,
                options={"require": ["sub", "exp"]},
            )
        except jwt.PyJWTError as exc:
            raise Unauthorized(f"invalid bearer token: {exc}") from exc
        try:
            role = Role(str(claims.get("role")))
        except ValueError:
            raise Unauthorized(f"unknown role {claims.get('role')!r} in token") from None
        org = claims.get("org")
        if not isinstance(org, str) or not org:
            raise Unauthorized("token has no org claim")
        return Principal(sub=str(claims["sub"]), role=role, org=org)


def mint_token(
    settings: ServiceSettings,
    *,
    role: Role | str,
    org: str,
    sub: str | None = None,
    ttl_seconds: int = 12 * 3600,
) -> str:
    """A development token signed with the HS256 secret (``gpfed token``)."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": sub or f"{Role(role)}:{org}:{uuid.uuid4().hex[:8]}",
        "role": str(Role(role)),
        "org": org,
        "iss": settings.jwt_issuer,
        "iat": now,
        "exp": now + ttl_seconds,
    }
    if settings.jwt_audience:
        claims["aud"] = settings.jwt_audience
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")


_bearer = HTTPBearer(auto_error=False, description="A gpfed JWT: `gpfed token --role R --org ODS`")


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("a bearer token is required")
    verifier: TokenVerifier = request.app.state.verifier
    principal = verifier.verify(credentials.credentials)
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: Role) -> Any:
    """A dependency admitting only the given roles (ops are always admitted)."""
    allowed = {*roles, Role.OPS}

    async def dependency(principal: CurrentPrincipal) -> Principal:
        if principal.role not in allowed:
            names = ", ".join(sorted(r.value for r in allowed))
            raise Forbidden(f"role {principal.role} may not do this; allowed: {names}")
        return principal

    return Depends(dependency)

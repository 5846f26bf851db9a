"""Bearer JWTs, roles and organisation scoping (docs/security.md).

Claims: ``sub``, ``role`` and ``org`` (an ODS code). HS256 with a shared secret in
development, RS256 with keys from a JWKS URL in production. A role belongs to certain kinds of
organisation (:data:`ROLE_KINDS`): a token whose organisation is of another kind, or unknown to
the service, is refused before any route runs. Routes declare who may call them with
:func:`require_roles`; which records a caller may see or change is decided by each service's
``access.py``.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from shared.db import Database
from shared.ods import OrganisationKind
from shared.problems import Forbidden, Unauthorized
from shared.settings import ServiceSettings


class Role(StrEnum):
    COMMISSIONER = "commissioner"
    FEDERATION = "federation"
    PRACTICE = "practice"
    GOVERNANCE = "governance"
    OPS = "ops"


_COMMISSIONING = frozenset({OrganisationKind.CCG, OrganisationKind.NHSE})

#: The kinds of organisation each role belongs to. Ops, the operator's role, is not listed: it
#: acts for every organisation and needs none of its own.
ROLE_KINDS: dict[Role, frozenset[OrganisationKind]] = {
    Role.COMMISSIONER: _COMMISSIONING,
    Role.GOVERNANCE: _COMMISSIONING,
    Role.FEDERATION: frozenset({OrganisationKind.FEDERATION}),
    Role.PRACTICE: frozenset({OrganisationKind.PRACTICE}),
}


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


#: How far the issuer's clock may be from ours, both ways, when checking ``iat`` and ``exp``.
CLOCK_LEEWAY_SECONDS = 60
#: Tokens verified lately, kept per process: a client sends the same token with every request,
#: and verifying it (about 55 us under HS256) was the largest cost of an authorised read
#: outside the framework and the database. Bounded in number (only valid tokens get in) and
#: in time, so that a key taken out of the JWKS stops a token it signed within a minute
#: (plus PyJWKClient's own caching) rather than at the token's expiry.
VERIFIED_KEEP = 4096
VERIFIED_KEEP_SECONDS = 60.0


class TokenVerifier:
    """Verifies bearer tokens with the configured secret or JWKS. A token must carry ``iat``,
    and live (``exp - iat``) no longer than ``GPFED_JWT_MAX_TTL_SECONDS``."""

    def __init__(self, settings: ServiceSettings) -> None:
        self.algorithm = settings.jwt_algorithm
        self.audience = settings.jwt_audience
        self.issuer = settings.jwt_issuer
        self.max_ttl_seconds = settings.jwt_max_ttl_seconds
        self._secret = settings.jwt_secret.get_secret_value()
        self._jwks = jwt.PyJWKClient(settings.jwt_jwks_url) if settings.jwt_jwks_url else None
        if self.algorithm == "RS256" and self._jwks is None:
            raise ValueError("RS256 needs GPFED_JWT_JWKS_URL")
        #: token -> (its principal, until when it may be taken as verified); oldest first.
        self._verified: dict[str, tuple[Principal, float]] = {}

    async def verify(self, token: str) -> Principal:
        """The token's principal, or :class:`Unauthorized`. Under RS256 the key set may have to
        be fetched (PyJWKClient caches it), which blocks: that runs on a worker thread. A token
        verified in the last :data:`VERIFIED_KEEP_SECONDS` is not verified again."""
        now = time.time()
        kept = self._verified.get(token)
        if kept is not None:
            if now < kept[1]:
                return kept[0]
            del self._verified[token]
        if self.algorithm == "RS256" and self._jwks is not None:
            try:
                found = await asyncio.to_thread(self._jwks.get_signing_key_from_jwt, token)
            except jwt.PyJWTError as exc:
                raise Unauthorized(f"invalid bearer token: {exc}") from exc
            principal, expires = self._decode(token, found.key)
        else:
            principal, expires = self._decode(token, self._secret)
        if len(self._verified) >= VERIFIED_KEEP:
            del self._verified[next(iter(self._verified))]
        # Until the token expires as PyJWT would judge it (with the leeway), at most a minute.
        self._verified[token] = (
            principal,
            min(now + VERIFIED_KEEP_SECONDS, expires + CLOCK_LEEWAY_SECONDS),
        )
        return principal

    def decode(self, token: str, key: Any) -> Principal:
        return self._decode(token, key)[0]

    def _decode(self, token: str, key: Any) -> tuple[Principal, float]:
        """The token's principal and its ``exp``, or :class:`Unauthorized`."""
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[self.algorithm],
                audience=self.audience,
                issuer=self.issuer,
                # PyJWT refuses an iat later than now + leeway ("not yet valid"), so a token
                # cannot stretch its lifetime by claiming to be issued in the future.
                leeway=CLOCK_LEEWAY_SECONDS,
                options={"require": ["sub", "exp", "iat"]},
            )
        except jwt.PyJWTError as exc:
            raise Unauthorized(f"invalid bearer token: {exc}") from exc
        lifetime = int(claims["exp"]) - int(claims["iat"])
        if lifetime > self.max_ttl_seconds:
            raise Unauthorized(
                f"token lifetime {lifetime} s is over the maximum {self.max_ttl_seconds} s"
            )
        try:
            role = Role(str(claims.get("role")))
        except ValueError:
            raise Unauthorized(f"unknown role {claims.get('role')!r} in token") from None
        org = claims.get("org")
        if not isinstance(org, str) or not org:
            raise Unauthorized("token has no org claim")
        return Principal(sub=str(claims["sub"]), role=role, org=org), float(claims["exp"])


#: How a service finds an organisation's kind in its own database (its read model of the
#: organisations contracts registers): None when it does not know the code.
KindLookup = Callable[[AsyncSession, str], Awaitable[str | None]]


class OrganisationKinds:
    """Whether a token's role fits its organisation's kind, as this service knows the kind.

    An organisation's kind never changes once registered, so a kind found is kept for the life
    of the process; an unknown code is looked up again next time (its registration event may
    not have arrived yet)."""

    def __init__(self, db: Database, lookup: KindLookup, *, keep: int = 100_000) -> None:
        self._db = db
        self._lookup = lookup
        self._known: dict[str, str] = {}
        self._keep = keep

    async def kind_of(self, ods: str) -> str | None:
        kind = self._known.get(ods)
        if kind is None:
            async with self._db.sessions() as session:
                kind = await self._lookup(session, ods)
            if kind is not None and len(self._known) < self._keep:
                self._known[ods] = kind
        return kind

    async def require_fit(self, principal: Principal) -> None:
        if principal.role is Role.OPS:
            return
        kind = await self.kind_of(principal.org)
        if kind is None:
            raise Forbidden(f"organisation {principal.org} is not registered with gpfed")
        allowed = ROLE_KINDS[principal.role]
        if kind not in allowed:
            kinds = " or ".join(sorted(allowed))
            raise Forbidden(
                f"a {principal.role} token must belong to a {kinds}; {principal.org} is a {kind}"
            )


def mint_token(
    settings: ServiceSettings,
    *,
    role: Role | str,
    org: str,
    sub: str | None = None,
    ttl_seconds: int = 12 * 3600,
) -> str:
    """A token for ``gpfed token`` and the scheduled jobs, signed as the services verify: with
    the HS256 secret, or under RS256 with the signing key and its ``kid``. ValueError when the
    lifetime is not within 1 s to ``GPFED_JWT_MAX_TTL_SECONDS``, or there is no key to sign with.
    """
    if not 0 < ttl_seconds <= settings.jwt_max_ttl_seconds:
        raise ValueError(
            f"token lifetime must be 1 to {settings.jwt_max_ttl_seconds} s "
            f"(GPFED_JWT_MAX_TTL_SECONDS), not {ttl_seconds}"
        )
    key, headers = _signing_key(settings)
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
    return jwt.encode(claims, key, algorithm=settings.jwt_algorithm, headers=headers)


def _signing_key(settings: ServiceSettings) -> tuple[Any, dict[str, str] | None]:
    """The key to sign with, and the JWT header naming it (RS256: its ``kid`` in the JWKS)."""
    if settings.jwt_algorithm == "HS256":
        return settings.jwt_secret.get_secret_value(), None
    path = settings.jwt_signing_key_file
    if path is None or not settings.jwt_signing_key_id:
        raise ValueError(
            "RS256 tokens are signed with GPFED_JWT_SIGNING_KEY_FILE (a PEM RSA private key) "
            "named by GPFED_JWT_SIGNING_KEY_ID (its kid in the JWKS); set both"
        )
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except OSError as exc:
        raise ValueError(f"cannot read GPFED_JWT_SIGNING_KEY_FILE {path}: {exc.strerror}") from None
    except (ValueError, TypeError):
        raise ValueError(
            f"GPFED_JWT_SIGNING_KEY_FILE {path} is not an unencrypted PEM key"
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError(f"GPFED_JWT_SIGNING_KEY_FILE {path} is not an RSA private key")
    return key, {"kid": settings.jwt_signing_key_id}


_bearer = HTTPBearer(auto_error=False, description="A gpfed JWT: `gpfed token --role R --org ODS`")


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    # A change's token was verified before its body was read (shared.guards'
    # AuthenticationMiddleware): reuse that principal rather than verify twice.
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is None:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise Unauthorized("a bearer token is required")
        verifier: TokenVerifier = request.app.state.verifier
        principal = await verifier.verify(credentials.credentials)
        # Before the fit is checked, so that a refused change is audited with who attempted it.
        request.state.principal = principal
    kinds: OrganisationKinds = request.app.state.organisation_kinds
    await kinds.require_fit(principal)
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

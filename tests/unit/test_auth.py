"""Tokens: minted for development, verified with roles and organisation scope."""

from __future__ import annotations

import subprocess
import sys

import jwt
import pytest

from shared.auth import Principal, Role, TokenVerifier, mint_token
from shared.problems import Forbidden, Unauthorized
from shared.settings import ServiceSettings


def test_minted_token_verifies_to_its_role_and_org() -> None:
    settings = ServiceSettings()
    principal = TokenVerifier(settings).verify(
        mint_token(settings, role="federation", org="Y02765", sub="alice")
    )
    assert principal == Principal(sub="alice", role=Role.FEDERATION, org="Y02765")


def test_expired_token_is_refused() -> None:
    settings = ServiceSettings()
    token = mint_token(settings, role="ops", org="X24", ttl_seconds=-10)
    with pytest.raises(Unauthorized, match="expired"):
        TokenVerifier(settings).verify(token)


def test_unknown_role_is_refused() -> None:
    settings = ServiceSettings()
    token = jwt.encode(
        {"sub": "x", "role": "king", "org": "X24", "exp": 9999999999, "iss": "gpfed"},
        settings.jwt_secret.get_secret_value(),
        algorithm="HS256",
    )
    with pytest.raises(Unauthorized, match="unknown role"):
        TokenVerifier(settings).verify(token)


def test_only_ops_act_for_another_organisation() -> None:
    practice = Principal(sub="s", role=Role.PRACTICE, org="B86001")
    assert practice.acts_for("B86001")
    with pytest.raises(Forbidden):
        practice.require_acts_for("B86002")
    assert Principal(sub="o", role=Role.OPS, org="X24").acts_for("B86002")


def test_gpfed_token_prints_the_token_alone_on_the_last_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gpfed.cli", "token", "--role", "practice", "--org", "B86001"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    token = result.stdout.strip().splitlines()[-1]
    principal = TokenVerifier(ServiceSettings()).verify(token)
    assert (principal.role, principal.org) == (Role.PRACTICE, "B86001")

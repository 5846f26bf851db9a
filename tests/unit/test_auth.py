"""Tokens: minted for development, verified with roles and organisation scope."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


def test_rs256_token_verifies_against_a_jwks(tmp_path: Path) -> None:
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}))
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    jwks_url = f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
    settings = ServiceSettings(jwt_algorithm="RS256", jwt_jwks_url=jwks_url)
    token = jwt.encode(
        {
            "sub": "ccg-user",
            "role": "commissioner",
            "org": "02W",
            "iss": "gpfed",
            "exp": 9999999999,
        },
        key,
        algorithm="RS256",
        headers={"kid": "k1"},
    )
    principal = TokenVerifier(settings).verify(token)
    assert (principal.sub, principal.role, principal.org) == ("ccg-user", Role.COMMISSIONER, "02W")
    # A token signed with the development secret is refused by an RS256 verifier.
    with pytest.raises(Unauthorized):
        TokenVerifier(settings).verify(mint_token(ServiceSettings(), role="ops", org="X24"))
    server.shutdown()

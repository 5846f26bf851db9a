"""Tokens: minted within the lifetime limit, verified with roles, organisation scope, ``iat``
and the limit, under HS256 and RS256 (the key set fetched off the event loop)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jwt
import pytest

from shared import auth as auth_module
from shared.auth import (
    CLOCK_LEEWAY_SECONDS,
    VERIFIED_KEEP_SECONDS,
    Principal,
    Role,
    TokenVerifier,
    mint_token,
)
from shared.problems import Forbidden, Unauthorized
from shared.settings import DEV_JWT_SECRET, ServiceSettings
from tests.jwks import rsa_key, serve_jwks, write_pem

MAX_TTL = ServiceSettings().jwt_max_ttl_seconds


def hs256(claims: dict[str, Any], settings: ServiceSettings | None = None) -> str:
    """A token with exactly these claims (plus sub, role, org and iss unless given)."""
    secret = (settings or ServiceSettings()).jwt_secret.get_secret_value()
    base = {"sub": "x", "role": "ops", "org": "X24", "iss": "gpfed"}
    return jwt.encode({**base, **claims}, secret, algorithm="HS256")


def gpfed(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gpfed.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )


# --- HS256: claims, iat and the lifetime limit --------------------------------------------


async def test_minted_token_verifies_to_its_role_and_org() -> None:
    settings = ServiceSettings()
    principal = await TokenVerifier(settings).verify(
        mint_token(settings, role="federation", org="Y02765", sub="alice")
    )
    assert principal == Principal(sub="alice", role=Role.FEDERATION, org="Y02765")


async def test_minted_token_carries_iat_and_lives_its_ttl() -> None:
    settings = ServiceSettings()
    claims = jwt.decode(
        mint_token(settings, role="ops", org="X24", ttl_seconds=300),
        settings.jwt_secret.get_secret_value(),
        algorithms=["HS256"],
    )
    assert claims["exp"] - claims["iat"] == 300
    assert abs(claims["iat"] - time.time()) < 5


async def test_expired_token_is_refused() -> None:
    now = int(time.time())
    token = hs256({"iat": now - 7200, "exp": now - 3600})
    with pytest.raises(Unauthorized, match="expired"):
        await TokenVerifier(ServiceSettings()).verify(token)


async def test_a_token_without_iat_is_refused() -> None:
    token = hs256({"exp": int(time.time()) + 60})
    with pytest.raises(Unauthorized, match='"iat"'):
        await TokenVerifier(ServiceSettings()).verify(token)


async def test_a_token_living_longer_than_the_maximum_is_refused_and_the_maximum_is_accepted() -> (
    None
):
    now = int(time.time())
    verifier = TokenVerifier(ServiceSettings())
    accepted = await verifier.verify(hs256({"iat": now, "exp": now + MAX_TTL}))
    assert accepted.role is Role.OPS
    with pytest.raises(Unauthorized, match=f"lifetime {MAX_TTL + 1} s is over the maximum"):
        await verifier.verify(hs256({"iat": now, "exp": now + MAX_TTL + 1}))


async def test_the_lifetime_limit_is_the_max_ttl_setting() -> None:
    settings = ServiceSettings(jwt_max_ttl_seconds=600)
    now = int(time.time())
    with pytest.raises(Unauthorized, match="lifetime 601 s is over the maximum 600 s"):
        await TokenVerifier(settings).verify(hs256({"iat": now, "exp": now + 601}, settings))


async def test_an_iat_in_the_future_beyond_the_clock_leeway_is_refused() -> None:
    # Otherwise a token issued "tomorrow" and expiring the day after would pass the lifetime
    # limit while being usable from now on: PyJWT refuses an iat later than now + leeway.
    now = int(time.time())
    verifier = TokenVerifier(ServiceSettings())
    with pytest.raises(Unauthorized, match="not yet valid"):
        await verifier.verify(hs256({"iat": now + 3600, "exp": now + 3600 + 600}))
    within = await verifier.verify(hs256({"iat": now + 30, "exp": now + 630}))
    assert within.sub == "x"
    assert CLOCK_LEEWAY_SECONDS == 60


async def test_an_expiry_within_the_clock_leeway_is_still_accepted() -> None:
    now = int(time.time())
    principal = await TokenVerifier(ServiceSettings()).verify(
        hs256({"iat": now - 600, "exp": now - 30})
    )
    assert principal.org == "X24"


async def test_unknown_role_is_refused() -> None:
    now = int(time.time())
    with pytest.raises(Unauthorized, match="unknown role"):
        await TokenVerifier(ServiceSettings()).verify(
            hs256({"role": "king", "iat": now, "exp": now + 60})
        )


# --- tokens verified lately are kept ------------------------------------------------------


class Counted:
    """A verifier whose signature checks are counted."""

    def __init__(self, verifier: TokenVerifier) -> None:
        self.calls = 0
        inner = verifier._decode

        def counted(token: str, key: Any) -> tuple[Principal, float]:
            self.calls += 1
            return inner(token, key)

        verifier._decode = counted  # type: ignore[method-assign]


class Clock:
    """shared.auth's clock, moved by hand (PyJWT keeps its own)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = time.time()
        monkeypatch.setattr(auth_module.time, "time", lambda: self.now)


async def test_a_token_verified_lately_is_not_verified_again_until_the_keep_runs_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = Clock(monkeypatch)
    verifier = TokenVerifier(ServiceSettings())
    counted = Counted(verifier)
    token = mint_token(ServiceSettings(), role="ops", org="X24")
    first = await verifier.verify(token)
    assert await verifier.verify(token) == first
    assert counted.calls == 1
    clock.now += VERIFIED_KEEP_SECONDS + 1
    assert await verifier.verify(token) == first
    assert counted.calls == 2


async def test_a_kept_token_is_verified_again_once_past_its_expiry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = Clock(monkeypatch)
    verifier = TokenVerifier(ServiceSettings())
    counted = Counted(verifier)
    now = int(clock.now)
    # Expired 30 s ago: accepted within the leeway, for 30 s more.
    token = hs256({"iat": now - 600, "exp": now - 30})
    await verifier.verify(token)
    clock.now += CLOCK_LEEWAY_SECONDS - 30 + 1
    await verifier.verify(token)  # PyJWT's clock has not moved, so it still accepts it
    assert counted.calls == 2


async def test_the_tokens_kept_are_bounded_in_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth_module, "VERIFIED_KEEP", 2)
    verifier = TokenVerifier(ServiceSettings())
    counted = Counted(verifier)
    tokens = [mint_token(ServiceSettings(), role="ops", org=org) for org in ("A1", "A2", "A3")]
    for token in tokens:
        await verifier.verify(token)
    await verifier.verify(tokens[2])
    assert counted.calls == 3
    await verifier.verify(tokens[0])  # the oldest made room for the third
    assert counted.calls == 4


async def test_a_refused_token_is_not_kept() -> None:
    verifier = TokenVerifier(ServiceSettings())
    counted = Counted(verifier)
    now = int(time.time())
    token = hs256({"iat": now - 7200, "exp": now - 3600})
    for _ in range(2):
        with pytest.raises(Unauthorized, match="expired"):
            await verifier.verify(token)
    assert counted.calls == 2


def test_only_ops_act_for_another_organisation() -> None:
    practice = Principal(sub="s", role=Role.PRACTICE, org="B86001")
    assert practice.acts_for("B86001")
    with pytest.raises(Forbidden):
        practice.require_acts_for("B86002")
    assert Principal(sub="o", role=Role.OPS, org="X24").acts_for("B86002")


# --- minting refuses what the services would refuse ---------------------------------------


@pytest.mark.parametrize("ttl", [MAX_TTL + 1, 999_999, 0, -10])
def test_mint_token_refuses_a_lifetime_outside_1_s_to_the_maximum(ttl: int) -> None:
    with pytest.raises(ValueError, match=f"lifetime must be 1 to {MAX_TTL} s"):
        mint_token(ServiceSettings(), role="ops", org="X24", ttl_seconds=ttl)


def test_gpfed_token_prints_the_token_alone_on_the_last_line() -> None:
    result = gpfed("token", "--role", "practice", "--org", "B86001")
    assert result.returncode == 0, result.stderr
    token = result.stdout.strip().splitlines()[-1]
    principal = TokenVerifier(ServiceSettings()).decode(token, DEV_JWT_SECRET)
    assert (principal.role, principal.org) == (Role.PRACTICE, "B86001")


def test_gpfed_token_with_a_ttl_over_the_maximum_exits_2_with_a_one_line_reason() -> None:
    result = gpfed("token", "--role", "ops", "--org", "X24", "--ttl", "999999")
    assert result.returncode == 2
    assert result.stdout == ""
    [reason] = result.stderr.strip().splitlines()
    assert reason == (
        f"gpfed token: token lifetime must be 1 to {MAX_TTL} s (GPFED_JWT_MAX_TTL_SECONDS), "
        "not 999999"
    )


# --- RS256 --------------------------------------------------------------------------------


async def test_rs256_token_verifies_against_a_jwks() -> None:
    key = rsa_key()
    now = int(time.time())
    claims = {"sub": "ccg-user", "role": "commissioner", "org": "02W", "iss": "gpfed"}
    token = jwt.encode(
        {**claims, "iat": now, "exp": now + 600}, key, algorithm="RS256", headers={"kid": "k1"}
    )
    with serve_jwks({"k1": key}) as jwks:
        verifier = TokenVerifier(ServiceSettings(jwt_algorithm="RS256", jwt_jwks_url=jwks.url))
        principal = await verifier.verify(token)
        assert (principal.sub, principal.role, principal.org) == (
            "ccg-user",
            Role.COMMISSIONER,
            "02W",
        )
        # A token signed with the development secret is refused by an RS256 verifier.
        with pytest.raises(Unauthorized):
            await verifier.verify(mint_token(ServiceSettings(), role="ops", org="X24"))


async def test_rs256_mint_token_signs_with_the_key_file_under_its_kid(tmp_path: Path) -> None:
    key = rsa_key()
    with serve_jwks({"scheduler-1": key}) as jwks:
        settings = ServiceSettings(
            jwt_algorithm="RS256",
            jwt_jwks_url=jwks.url,
            jwt_signing_key_file=write_pem(key, tmp_path / "key.pem"),
            jwt_signing_key_id="scheduler-1",
        )
        token = mint_token(settings, role="ops", org="X24", sub="job", ttl_seconds=300)
        assert jwt.get_unverified_header(token) == {
            "alg": "RS256",
            "typ": "JWT",
            "kid": "scheduler-1",
        }
        principal = await TokenVerifier(settings).verify(token)
    assert principal == Principal(sub="job", role=Role.OPS, org="X24")


async def test_rs256_tokens_signed_with_a_key_outside_the_jwks_are_refused(tmp_path: Path) -> None:
    trusted, stranger = rsa_key(), rsa_key()
    with serve_jwks({"trusted": trusted}) as jwks:
        verifier = TokenVerifier(ServiceSettings(jwt_algorithm="RS256", jwt_jwks_url=jwks.url))
        for kid, match in (("unknown", "Unable to find a signing key"), ("trusted", "Signature")):
            settings = ServiceSettings(
                jwt_algorithm="RS256",
                jwt_signing_key_file=write_pem(stranger, tmp_path / "stranger.pem"),
                jwt_signing_key_id=kid,
            )
            with pytest.raises(Unauthorized, match=match):
                await verifier.verify(mint_token(settings, role="ops", org="X24"))


@pytest.mark.parametrize(
    ("file", "kid", "reason"),
    [
        (None, "k1", "GPFED_JWT_SIGNING_KEY_FILE .* set both"),
        ("key.pem", None, "GPFED_JWT_SIGNING_KEY_ID .* set both"),
        ("missing.pem", "k1", "cannot read GPFED_JWT_SIGNING_KEY_FILE .*missing.pem"),
        ("garbage.pem", "k1", "is not an unencrypted PEM key"),
    ],
)
def test_rs256_mint_token_without_a_usable_signing_key_raises(
    tmp_path: Path, file: str | None, kid: str | None, reason: str
) -> None:
    write_pem(rsa_key(), tmp_path / "key.pem")
    (tmp_path / "garbage.pem").write_text("not a key")
    settings = ServiceSettings(
        jwt_algorithm="RS256",
        jwt_signing_key_file=tmp_path / file if file else None,
        jwt_signing_key_id=kid,
    )
    with pytest.raises(ValueError, match=reason):
        mint_token(settings, role="ops", org="X24")


async def test_rs256_key_set_is_fetched_off_the_event_loop() -> None:
    # The JWKS endpoint takes a second to answer. Were the fetch done on the event loop, the
    # ticker below could not run until verify returned; on a worker thread it keeps ticking.
    key = rsa_key()
    now = int(time.time())
    token = jwt.encode(
        {"sub": "s", "role": "ops", "org": "X24", "iss": "gpfed", "iat": now, "exp": now + 60},
        key,
        algorithm="RS256",
        headers={"kid": "slow"},
    )
    ticks: list[float] = []

    async def tick() -> None:
        while True:
            await asyncio.sleep(0.05)
            ticks.append(time.monotonic())

    with serve_jwks({"slow": key}, delay=1.0) as jwks:
        verifier = TokenVerifier(ServiceSettings(jwt_algorithm="RS256", jwt_jwks_url=jwks.url))
        ticker = asyncio.create_task(tick())
        started = time.monotonic()
        principal = await verifier.verify(token)
        finished = time.monotonic()
        ticker.cancel()
        assert jwks.fetches == 1
    assert principal.role is Role.OPS
    assert finished - started >= 0.9
    during = [t for t in ticks if started < t < finished]
    assert len(during) >= 10, f"only {len(during)} ticks in {finished - started:.2f} s"

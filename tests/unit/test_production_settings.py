"""GPFED_ENVIRONMENT=production: `gpfed serve` refuses a development or short HS256 secret,
before it binds a port or opens a database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from shared.settings import DEV_JWT_SECRET, ServiceSettings

STRONG = "s" * 32


@pytest.mark.parametrize(
    ("secret", "problems"),
    [
        (DEV_JWT_SECRET, ["GPFED_JWT_SECRET is the development secret"]),
        ("s" * 31, ["GPFED_JWT_SECRET is 31 bytes; HS256 needs at least 32"]),
        # Bytes, not characters: 16 two-byte characters are 32 bytes.
        ("é" * 16, []),
        (STRONG, []),
    ],
)
def test_production_refuses_a_development_or_short_hs256_secret(
    secret: str, problems: list[str]
) -> None:
    settings = ServiceSettings(environment="production", jwt_secret=secret)
    assert settings.production_problems() == problems


def test_development_accepts_any_secret() -> None:
    assert ServiceSettings().environment == "development"
    assert ServiceSettings(jwt_secret="short").production_problems() == []
    assert ServiceSettings(jwt_secret=DEV_JWT_SECRET).production_problems() == []


def test_production_under_rs256_does_not_use_the_hs256_secret() -> None:
    settings = ServiceSettings(
        environment="production", jwt_algorithm="RS256", jwt_jwks_url="https://idp/jwks"
    )
    assert settings.jwt_secret.get_secret_value() == DEV_JWT_SECRET
    assert settings.production_problems() == []


def test_the_environment_is_read_from_gpfed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GPFED_ENVIRONMENT", "production")
    monkeypatch.setenv("GPFED_JWT_SECRET", "short")
    assert ServiceSettings().production_problems() == [
        "GPFED_JWT_SECRET is 5 bytes; HS256 needs at least 32"
    ]


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        (None, "GPFED_JWT_SECRET is the development secret"),
        ("too-short", "GPFED_JWT_SECRET is 9 bytes; HS256 needs at least 32"),
    ],
)
def test_gpfed_serve_in_production_with_a_weak_secret_exits_2_before_binding_or_connecting(
    secret: str | None, reason: str
) -> None:
    # The port is held open here and the database is unreachable: a serve that got as far as
    # either would fail differently, or not at all, and later.
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("GPFED_")},
            "GPFED_ENVIRONMENT": "production",
            "GPFED_PORT": str(held.getsockname()[1]),
            "GPFED_DATABASE_URL": "postgresql+asyncpg://nobody@127.0.0.1:9/nothing",
            **({"GPFED_JWT_SECRET": secret} if secret else {}),
        }
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "gpfed.cli", "serve", "--service", "contracts"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        elapsed = time.monotonic() - started
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line == f"gpfed serve: refusing to start in production: {reason}"
    assert elapsed < 15, f"took {elapsed:.1f} s"


@pytest.mark.parametrize(
    ("key", "problems"),
    [
        (None, ["GPFED_PATIENT_KEY is the development key"]),
        ("k" * 31, ["GPFED_PATIENT_KEY is 31 bytes; at least 32 are needed"]),
        ("k" * 32, []),
    ],
)
def test_production_refuses_federation_without_its_own_patient_key(
    key: str | None, problems: list[str]
) -> None:
    from services.federation.settings import Settings

    given = {} if key is None else {"patient_key": key}
    settings = Settings(environment="production", jwt_secret=STRONG, **given)
    assert settings.production_problems() == problems
    assert Settings(**given).production_problems() == []  # development takes any key

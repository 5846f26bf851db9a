"""Settings from the environment (``GPFED_*``), one class per service on a common base.

A container runs one service, so every service reads the same variable names
(``GPFED_DATABASE_URL``, ``GPFED_PORT``...); what differs per service is the defaults
and the settings only that service has. ``make run`` sets the variables per process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = REPO_ROOT / "var"

#: A development secret so that ``make run`` and ``gpfed token`` work out of the box.
#: Production must set GPFED_JWT_SECRET or GPFED_JWT_JWKS_URL (see docs/operations.md);
#: ``gpfed serve`` refuses to start in production with this one (:meth:`production_problems`).
DEV_JWT_SECRET = "gpfed-development-secret-change-me-0123456789"  # noqa: S105
#: The shortest HS256 secret production accepts: RFC 7518 section 3.2 asks for a key at least
#: as long as the hash (256 bits).
MIN_JWT_SECRET_BYTES = 32


class ServiceSettings(BaseSettings):
    """What every service needs. Field names map to ``GPFED_<FIELD>`` variables."""

    model_config = SettingsConfigDict(env_prefix="GPFED_", extra="ignore")

    service_name: str = "gpfed"
    host: str = "127.0.0.1"
    port: int = 8000
    #: uvicorn worker processes for ``gpfed serve``. Each runs the API and its share of the bus
    #: (the relay's advisory lock and the consumer group divide the work between them).
    workers: int = Field(default=1, ge=1)
    database_url: str = ""
    #: Connections each process keeps open, and the most it opens beyond them under load.
    #: Small on purpose: every replica of every service shares one PostgreSQL, whose default
    #: max_connections is 100 (docs/operations.md, "Connection budget").
    database_pool_size: int = Field(default=4, ge=1)
    database_max_overflow: int = Field(default=1, ge=0)
    database_echo: bool = False
    #: PostgreSQL cancels any one statement running longer than this (a runaway query or a
    #: lock wait then fails cleanly instead of holding a connection and a request for ever).
    database_statement_timeout_seconds: float = Field(default=30.0, gt=0)

    #: The largest request body accepted (413 beyond it). A 10,000-record consultation batch
    #: (GPFED_MAX_CONSULTATION_BATCH) is about 1.6 MB; 4.1 MB with every field at its longest,
    #: indented (tests/unit/test_body_limit.py).
    max_body_bytes: int = Field(default=8 * 1024 * 1024, ge=1)
    #: How long an ``Idempotency-Key`` is remembered; after that it is treated as new.
    idempotency_ttl_seconds: int = Field(default=24 * 3600, ge=1)
    #: How long a key may stay in flight before another request with it may take it over (its
    #: holder is taken to have died). Longer than any request.
    idempotency_in_flight_seconds: int = Field(default=60, ge=1)

    kafka_bootstrap_servers: str = "127.0.0.1:19092"
    #: Partitions for topics this service creates at start-up.
    topic_partitions: int = Field(default=3, ge=1)
    topic_replication_factor: int = Field(default=1, ge=1)
    #: Turn the relay and consumers off (e.g. for a read-only replica or a migration job).
    bus_enabled: bool = True
    relay_batch_size: int = Field(default=2000, ge=1)
    relay_poll_interval_seconds: float = Field(default=0.2, gt=0)
    relay_max_backoff_seconds: float = Field(default=5.0, gt=0)
    #: Attempts of a handler that fails deterministically before its message is dead-lettered.
    consumer_max_attempts: int = Field(default=5, ge=1)
    consumer_retry_backoff_seconds: float = Field(default=0.05, ge=0)
    #: The longest wait between retries of a transient failure (database or broker down),
    #: which are retried until they succeed, holding the partition, and never dead-lettered.
    consumer_max_backoff_seconds: float = Field(default=5.0, gt=0)

    #: ``production`` makes ``gpfed serve`` refuse unsafe settings (:meth:`production_problems`).
    environment: Literal["development", "production"] = "development"

    jwt_algorithm: Literal["HS256", "RS256"] = "HS256"
    jwt_secret: SecretStr = SecretStr(DEV_JWT_SECRET)
    jwt_jwks_url: str | None = None
    jwt_audience: str | None = None
    jwt_issuer: str = "gpfed"
    #: The longest lifetime (``exp - iat``) a token may have, minted or accepted: a stolen
    #: token is useful for at most this long.
    jwt_max_ttl_seconds: int = Field(default=12 * 3600, ge=1)
    #: Under RS256, the PEM RSA private key ``gpfed token`` and the scheduled jobs sign with,
    #: and the ``kid`` its public key has in the JWKS the services trust.
    jwt_signing_key_file: Path | None = None
    jwt_signing_key_id: str | None = None

    #: Shutdown on SIGTERM, inside Kubernetes' terminationGracePeriodSeconds (40) after the
    #: preStop pause (5): uvicorn lets requests in flight finish for up to
    #: ``shutdown_drain_seconds``, then the bus finishes its batch and commits offsets for up to
    #: ``shutdown_bus_seconds`` (docs/operations.md, "Shutdown").
    shutdown_drain_seconds: float = Field(default=20.0, gt=0)
    shutdown_bus_seconds: float = Field(default=10.0, gt=0)

    log_level: str = "INFO"
    log_json: bool = True

    @property
    def topic(self) -> str:
        """The topic this service publishes to (docs/architecture.md, "Events")."""
        return f"gpfed.{self.service_name}.v1"

    def production_problems(self) -> list[str]:
        """Why these settings must not serve production traffic: empty outside production, or
        when they may. ``gpfed serve`` checks this before it binds a port."""
        if self.environment != "production" or self.jwt_algorithm != "HS256":
            return []
        secret = self.jwt_secret.get_secret_value()
        if secret == DEV_JWT_SECRET:
            return ["GPFED_JWT_SECRET is the development secret"]
        if len(secret.encode()) < MIN_JWT_SECRET_BYTES:
            return [
                f"GPFED_JWT_SECRET is {len(secret.encode())} bytes; HS256 needs at least "
                f"{MIN_JWT_SECRET_BYTES}"
            ]
        return []

    def resolved_database_url(self) -> str:
        """The configured URL, or the embedded SQLite file under ``var/``."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{VAR_DIR / (self.service_name + '.db')}"

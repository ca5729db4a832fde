"""Settings every service shares; each service subclasses with its own env prefix."""

from __future__ import annotations

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def async_database_url(url: str) -> str:
    """Point a PostgreSQL URL at psycopg 3, whatever driver it named."""
    for prefix in ("postgresql+psycopg2://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


MIN_INTERNAL_KEY_CHARS = 32


_NEW_KEY = "python -c 'import secrets; print(secrets.token_hex(32))'"


def check_internal_key(value: SecretStr | None) -> SecretStr | None:
    if value is not None and len(value.get_secret_value()) < MIN_INTERNAL_KEY_CHARS:
        raise ValueError(
            f"KMO_INTERNAL_KEY must be at least {MIN_INTERNAL_KEY_CHARS} characters "
            f"(make one with {_NEW_KEY})"
        )
    return value


class MissingInternalKey(RuntimeError):
    """A process that serves or calls the services was started without the shared key."""


def require_internal_key(value: SecretStr | None) -> str:
    if value is None:
        raise MissingInternalKey(
            "KMO_INTERNAL_KEY is not set: every process of a deployment needs the same secret "
            f"to sign and check callers between services (make one with {_NEW_KEY})"
        )
    return value.get_secret_value()


class InternalKeySettings(BaseSettings):
    """``KMO_INTERNAL_KEY``: the deployment's secret for signing callers' identities
    between services (the gateway signs, every service checks). No gRPC server starts
    without it; commands that serve and call nothing (imports, rebuilds) do not need it."""

    internal_key: SecretStr | None = Field(default=None, validation_alias="KMO_INTERNAL_KEY")

    @field_validator("internal_key")
    @classmethod
    def _long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        return check_internal_key(value)

    def require_internal_key(self) -> str:
        return require_internal_key(self.internal_key)


class ServiceSettings(InternalKeySettings):
    """Configuration of one service process, read from its environment.

    Service fields take the service prefix (``INGEST_DATABASE_URL``); the
    cross-cutting ones keep their conventional unprefixed names.
    """

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    database_url: str = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    grpc_host: str = "0.0.0.0"
    grpc_port: int = 50051
    metrics_port: int = 0  # 0: no metrics endpoint
    metrics_host: str = "127.0.0.1"  # 0.0.0.0 where a scraper outside the pod reads it
    shutdown_grace_seconds: float = 10.0
    log_level: str = "INFO"
    # Whether this replica publishes the outbox (any number may; SKIP LOCKED shares the
    # rows). Off for replicas dedicated to consuming or serving.
    outbox_relay: bool = True

    nats_url: str = Field(default="nats://127.0.0.1:4222", validation_alias="NATS_URL")
    # Prefix of every stream and subject: empty in production; tests and
    # shared development servers set it so runs cannot see each other.
    nats_namespace: str = Field(default="", validation_alias="NATS_NAMESPACE")
    otlp_endpoint: str | None = Field(default=None, validation_alias="OTEL_EXPORTER_OTLP_ENDPOINT")

    @field_validator("database_url")
    @classmethod
    def _use_psycopg(cls, value: str) -> str:
        return async_database_url(value)

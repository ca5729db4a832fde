"""Benchmark configuration: ``BENCHMARK_*`` environment variables (plus ``NATS_URL``)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from chassis.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BENCHMARK_", extra="ignore")

    database_url: str = "postgresql+psycopg://postgres@127.0.0.1:5432/benchmark"
    grpc_port: int = 50054
    # A group (or one measure in it) with fewer companies is not shown on its own.
    min_group_size: int = Field(default=5, ge=2)
    # How often a reader asks whether the counts moved (seconds; 0 = on every request).
    refresh_seconds: float = Field(default=1.0, ge=0)

"""Scoring configuration: ``SCORING_*`` environment variables (plus ``NATS_URL``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic_settings import SettingsConfigDict

from chassis.settings import ServiceSettings

DEFAULT_RATES = Path(__file__).parent / "config" / "late_interest.toml"


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="SCORING_", extra="ignore")

    database_url: str = "postgresql+psycopg://postgres@127.0.0.1:5432/scoring"
    grpc_port: int = 50053
    # Statutory late-interest rates per half-year (see the file for its format).
    late_interest_file: Path = DEFAULT_RATES
    # How often the ageing sweep checks whether the day turned, seconds.
    sweep_check_seconds: float = 300.0
    # Evaluate as of this day instead of today (benchmarks and demos of a past world).
    today: date | None = None

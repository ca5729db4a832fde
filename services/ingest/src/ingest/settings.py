"""Ingest configuration: ``INGEST_*`` environment variables (plus ``NATS_URL``)."""

from datetime import date

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from chassis.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INGEST_", extra="ignore")

    database_url: str = "postgresql+psycopg://postgres@127.0.0.1:5432/ingest"
    grpc_port: int = 50051
    # Issue dates the register accepts: not before this day, nor more than this many years
    # before today.
    earliest_issue_date: date = date(2000, 1, 1)
    max_issue_age_years: int = Field(default=10, ge=1, le=100)
    # The largest CSV export StartImport takes (a million rows is about 80 MB).
    max_import_bytes: int = Field(default=256 * 1024 * 1024, ge=1024)

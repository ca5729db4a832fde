"""OCR configuration: ``OCR_*`` environment variables (plus ``NATS_URL``)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from chassis.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="OCR_", extra="ignore")

    database_url: str = "postgresql+psycopg://postgres@127.0.0.1:5432/ocr"
    grpc_port: int = 50052
    # Worker processes for Tesseract; 0 means one per CPU the process may use. A replica
    # reads this many documents at once.
    processes: int = 0
    # Jobs taken from the queue beyond the free processes, so the shortest of them can go
    # first; 0 is first come, first served (a held job cannot go to another replica).
    lookahead: int = Field(default=2, ge=0)
    # Pages one tenant may have in Tesseract at once on this replica (a tenant with none
    # running may always start one document, however long).
    tenant_pages_in_flight: int = Field(default=10, ge=1)
    # How often a worker tells the broker it is still on a job. A job whose worker died
    # goes to another after three missed beats (the consumer's ack wait).
    heartbeat_seconds: float = Field(default=10.0, gt=0)

"""OCR configuration: ``OCR_*`` environment variables (plus ``NATS_URL``)."""

from pydantic_settings import SettingsConfigDict

from chassis.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="OCR_", extra="ignore")

    database_url: str = "postgresql+psycopg://postgres@127.0.0.1:5432/ocr"
    grpc_port: int = 50052
    # Worker processes for Tesseract; 0 means one per CPU the process may use.
    processes: int = 0

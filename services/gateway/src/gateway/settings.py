"""Gateway configuration: ``GATEWAY_*`` environment variables."""

from pydantic import Field, field_validator
from pydantic_settings import SettingsConfigDict

from chassis.limits import rpc_limit
from chassis.settings import InternalKeySettings, async_database_url
from kmo.ingest.v1 import documents_pb2
from kmo.types.v1 import types_pb2

# What ingest takes (its contract declares it): a smaller setting refuses earlier.
UPLOAD_LIMIT = rpc_limit(documents_pb2, "DocumentService.UploadDocument", types_pb2.max_bytes)


class Settings(InternalKeySettings):
    """The gateway signs each caller's identity with ``KMO_INTERNAL_KEY`` (required to
    serve and to erase; the key commands call no backend)."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore", populate_by_name=True)

    database_url: str = "postgresql+psycopg://postgres@127.0.0.1:5432/gateway"
    host: str = "0.0.0.0"
    port: int = 8000
    # uvicorn worker processes of this replica (each runs the whole app; a replica per pod
    # with 1 is the Kubernetes default, more use a machine's cores behind one port).
    workers: int = 1
    ingest_addr: str = "127.0.0.1:50051"
    ocr_addr: str = "127.0.0.1:50052"
    scoring_addr: str = "127.0.0.1:50053"
    benchmark_addr: str = "127.0.0.1:50054"
    # Whole request body cap; a document at ingest's limit plus multipart framing fits.
    max_request_bytes: int = UPLOAD_LIMIT + 64 * 1024
    graphiql: bool = True
    # The built member web app (web/dist), served under /app; empty or missing: not served.
    web_dir: str = ""
    allowed_origins: list[str] = Field(default_factory=list)
    rpc_timeout_seconds: float = 10.0
    # What one GraphQL request (not an upload) may take in all; 0: no budget.
    request_budget_seconds: float = 30.0
    # Risk profiles are cached per company and tenant, dropped on score.updated and after
    # this many seconds at most; 0 turns the cache off.
    profile_cache_seconds: float = 30.0
    # An uploaded document (JPEG, PNG, TIFF, PDF); the request cap above adds framing.
    max_document_bytes: int = UPLOAD_LIMIT
    # A CSV export for importCsv. Multipart requests may be this large (plus framing); the
    # upload is spooled to a temporary file, not held in memory, and each upload mutation
    # checks its own limit. JSON requests keep max_request_bytes.
    max_import_bytes: int = 256 * 1024 * 1024
    # Requests a second per API key (and burst), and per address for calls without a key,
    # on each replica. 0 turns a limit off.
    rate_per_second: float = 50.0
    rate_burst: float = 100.0
    anonymous_rate_per_second: float = 10.0
    anonymous_rate_burst: float = 20.0
    # The partner feed: this process takes risk.changed from the RISK stream into the
    # webhook queue (one durable consumer shared by every replica) and calls webhooks.
    partner_feed: bool = True
    # Plain-HTTP webhooks to loopback addresses, for a development stack only: elsewhere a
    # webhook must be HTTPS to a public address (checked again before every call).
    webhook_allow_loopback: bool = False
    webhook_concurrency: int = 64
    webhook_timeout_seconds: float = 10.0
    # A deliverer holds what it claimed this long; after a crash it goes out again then.
    webhook_lease_seconds: float = 30.0
    # Retries: exponential back-off from the base, capped, with jitter, for the window;
    # then a dead letter and the webhook is paused.
    webhook_retry_base_seconds: float = 5.0
    webhook_retry_cap_seconds: float = 3600.0
    webhook_retry_window_seconds: float = 24 * 3600.0
    # Events (and done deliveries) are forgotten after this long, as the RISK stream does.
    feed_retention_days: float = 30.0
    nats_url: str = Field(default="nats://127.0.0.1:4222", validation_alias="NATS_URL")
    nats_namespace: str = Field(default="", validation_alias="NATS_NAMESPACE")
    log_level: str = "INFO"
    otlp_endpoint: str | None = Field(default=None, validation_alias="OTEL_EXPORTER_OTLP_ENDPOINT")

    @field_validator("database_url")
    @classmethod
    def _use_psycopg(cls, value: str) -> str:
        return async_database_url(value)

"""pytest fixtures: real PostgreSQL and NATS for integration and end-to-end tests.

With ``KMO_TEST_DATABASE_URL`` (a server's admin URL) and ``NATS_URL`` set,
the tests use those servers, with fresh databases and a unique stream/subject
namespace per run; otherwise they start the embedded ones from the wheels.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devstack.servers import (
    EmbeddedPostgres,
    NatsServer,
    drop_databases,
    ensure_databases,
    ensure_internal_key,
    with_database,
)

RUN_ID = uuid.uuid4().hex[:8]
# Every service a test starts, in this process or as a child, signs and checks with it.
INTERNAL_KEY = ensure_internal_key()


@pytest.fixture(scope="session")
def run_id() -> str:
    return RUN_ID


@pytest.fixture(scope="session")
def scratch_dir() -> Iterator[Path]:
    # Short path: PostgreSQL's socket path must stay under 108 bytes.
    with tempfile.TemporaryDirectory(prefix="kmo-") as d:
        yield Path(d)


@pytest.fixture(scope="session")
def pg_admin_url(scratch_dir: Path) -> Iterator[str]:
    url = os.environ.get("KMO_TEST_DATABASE_URL")
    if url:
        yield url
        return
    server = EmbeddedPostgres(scratch_dir / "pg")
    yield server.admin_url
    server.stop()


@pytest.fixture(scope="session")
def nats_url(scratch_dir: Path) -> Iterator[str]:
    url = os.environ.get("NATS_URL")
    if url:
        yield url
        return
    server = NatsServer.start(scratch_dir / "nats", scratch_dir / "nats.log")
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def nats_namespace() -> str:
    return f"t{RUN_ID}"


class Databases:
    """Creates fresh databases named after the run; drops them at the end."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.created: list[str] = []

    def fresh(self, label: str) -> str:
        name = f"t{RUN_ID}_{label}_{uuid.uuid4().hex[:4]}"
        ensure_databases(self.admin_url, [name])
        self.created.append(name)
        return with_database(self.admin_url, name).replace(
            "postgresql://", "postgresql+psycopg://", 1
        )


@pytest.fixture(scope="session")
def databases(pg_admin_url: str) -> Iterator[Databases]:
    dbs = Databases(pg_admin_url)
    yield dbs
    drop_databases(pg_admin_url, dbs.created)


@pytest.fixture(scope="session", autouse=True)
def span_exporter() -> Any:
    """One in-memory span exporter for the whole test process.

    Installed before any service code runs: the tracer provider can be set
    only once per process, and services keep a provider that is already set.
    """
    from opentelemetry import trace
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider(resource=Resource.create({"service.name": "kmo-tests"}))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    return exporter

"""The platform as separate processes (as ``make up`` runs it), driven through GraphQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devstack.e2e import Platform
from devstack.servers import SERVICES, free_port
from devstack.stack import Stack, StackConfig
from devstack.testing import Databases


@pytest.fixture(scope="session")
def platform(
    databases: Databases, nats_url: str, nats_namespace: str, scratch_dir: Path
) -> Iterator[Platform]:
    stack = Stack(
        StackConfig(
            database_urls={svc: databases.fresh(svc) for svc in SERVICES},
            nats_url=nats_url,
            log_dir=scratch_dir / "logs",
            namespace=f"{nats_namespace}e2e",
            gateway_port=free_port(),
            ocr_workers=2,  # two OCR processes share the job queue, as in production
            extra_env={
                # A killed OCR worker's job goes to the other after 6 s instead of 30 s.
                "OCR_HEARTBEAT_SECONDS": "2",
                # Webhook retries in seconds instead of hours, so the tests see a dead letter.
                "GATEWAY_WEBHOOK_RETRY_BASE_SECONDS": "0.2",
                "GATEWAY_WEBHOOK_RETRY_CAP_SECONDS": "1",
                "GATEWAY_WEBHOOK_RETRY_WINDOW_SECONDS": "12",
                "GATEWAY_WEBHOOK_LEASE_SECONDS": "4",
            },
        )
    )
    stack.start()
    try:
        stack.wait_ready(timeout=120)
        yield Platform(stack)
    finally:
        stack.stop()

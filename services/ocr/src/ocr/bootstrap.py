"""Composition root: the only place OCR's adapters are wired together."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from callers import TrustInterceptor
from chassis.blobs import BlobStore
from chassis.grpc_server import GrpcService
from chassis.messaging import DAY, StreamSpec
from chassis.run import Resources, ServiceDefinition, Wiring
from kmo.ocr.v1 import ocr_pb2, ocr_pb2_grpc
from ocr.adapters.extractor import PoolExtractor, tesseract_problem
from ocr.adapters.scheduler import WorkScheduler
from ocr.adapters.tables import outbox
from ocr.adapters.uow import SqlUnitOfWork
from ocr.entrypoints.consumers import erasure_consumer, job_consumer
from ocr.entrypoints.grpc_api import OcrApi
from ocr.settings import Settings

log = logging.getLogger(__name__)
NAME = "ocr"
# Ingest's store of uploaded documents (JetStream object store), read by key.
DOCUMENTS_BUCKET = "DOCUMENTS"

STREAMS = (StreamSpec("OCR_RESULTS", ["ocr.completed", "ocr.failed"], max_age_seconds=7 * DAY),)


def processes(settings: Settings) -> int:
    return settings.processes or len(os.sched_getaffinity(0))


def wire(resources: Resources) -> Wiring:
    settings = resources.settings
    assert isinstance(settings, Settings)
    # Checked once, before any job is taken: a replica without Tesseract (or one of its
    # languages) is not ready and takes no job, rather than fail each one five times.
    problem = tesseract_problem()
    extractor = PoolExtractor(processes(settings))
    scheduler = WorkScheduler(
        extractor.processes,
        tenant_pages=settings.tenant_pages_in_flight,
        lookahead=settings.lookahead,
        unavailable=problem,
    )
    log.info(
        "ocr workers",
        extra={
            "processes": extractor.processes,
            "lookahead": settings.lookahead,
            "tenant_pages_in_flight": settings.tenant_pages_in_flight,
            "tesseract": problem or "ok",
        },
    )
    store: list[BlobStore] = []

    async def documents() -> BlobStore:
        # Bound on first use: ingest owns (and creates) the bucket.
        if not store:
            store.append(await BlobStore.bind(resources.js, resources.namespace, DOCUMENTS_BUCKET))
        return store[0]

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(resources.sessions, resources.notify)

    service = ocr_pb2.DESCRIPTOR.services_by_name["OcrService"].full_name
    api = OcrApi(extractor, scheduler)
    return Wiring(
        grpc=[GrpcService(service, api, ocr_pb2_grpc.add_OcrServiceServicer_to_server)],
        interceptors=[TrustInterceptor(settings.require_internal_key())],
        consumers=[
            job_consumer(uow, extractor, scheduler, documents, settings.heartbeat_seconds),
            erasure_consumer(uow),
        ],
        closers=[extractor.close],
        readiness=[lambda: scheduler.unavailable],
    )


def build() -> ServiceDefinition:
    return ServiceDefinition(
        name=NAME,
        migrations=Path(__file__).parent / "migrations",
        outbox=outbox,
        streams=STREAMS,
        wire=wire,
    )

"""Composition root: the only place ingest's adapters are wired together."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

from callers import TrustInterceptor
from chassis.blobs import BlobStore
from chassis.grpc_server import GrpcService
from chassis.messaging import DAY, StreamSpec
from chassis.run import Resources, ServiceDefinition, Wiring
from ingest import views
from ingest.adapters.documents import SqlDocumentRepository
from ingest.adapters.imports import Leases
from ingest.adapters.tables import outbox
from ingest.adapters.uow import SqlUnitOfWork
from ingest.domain.documents import Document
from ingest.domain.model import DEFAULT_WINDOW, DateWindow
from ingest.entrypoints.consumers import ocr_results_consumer
from ingest.entrypoints.documents_api import DocumentApi
from ingest.entrypoints.grpc_api import IngestApi
from ingest.entrypoints.import_jobs import ImportRunner
from ingest.service_layer.documents import erase_member
from ingest.settings import Settings
from kmo.ingest.v1 import documents_pb2, documents_pb2_grpc, ingest_pb2, ingest_pb2_grpc

NAME = "ingest"

STREAMS = (
    # Limits retention: scoring, benchmarks and partners' tooling can replay.
    StreamSpec("INVOICES", ["invoice.>"], max_age_seconds=365 * DAY),
    # Work queue: each OCR job goes to exactly one worker, gone once acked.
    StreamSpec("OCR_JOBS", ["ocr.requested"], work_queue=True, max_age_seconds=7 * DAY),
    # Document lifecycle notices (the gateway pushes them to subscribers).
    StreamSpec("DOCUMENTS", ["document.>"], max_age_seconds=7 * DAY),
    # Company registry changes (company.status_changed from the KBO imports): scoring's
    # risk signals; limits retention, so a new consumer can replay a year of them.
    StreamSpec("COMPANIES", ["company.>"], max_age_seconds=365 * DAY),
)
# Uploaded bytes, by document id, until confirmed or rejected; the TTL is a
# backstop for bytes a crash left behind.
DOCUMENTS_BUCKET = "DOCUMENTS"
DOCUMENT_TTL_SECONDS = 30 * DAY


ERASE_WAIT_SECONDS = 15.0


def wire(resources: Resources) -> Wiring:
    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(resources.sessions, resources.notify)

    store: list[BlobStore] = []

    async def blobs() -> BlobStore:
        if not store:
            store.append(
                await BlobStore.create(
                    resources.js,
                    resources.namespace,
                    DOCUMENTS_BUCKET,
                    ttl_seconds=DOCUMENT_TTL_SECONDS,
                )
            )
        return store[0]

    async def read_document(tenant_id: str, document_id: str) -> Document | None:
        async with resources.sessions() as session:
            return await SqlDocumentRepository(session).read(tenant_id, document_id)

    settings = resources.settings
    window = (
        DateWindow(settings.earliest_issue_date, settings.max_issue_age_years)
        if isinstance(settings, Settings)
        else DEFAULT_WINDOW
    )

    async def erase(tenant_id: str) -> tuple[int, int, bool]:
        """Erase the member, then wait (at most ERASE_WAIT_SECONDS) for the relay to publish
        the erasure and drop every published outbox row that still names the member."""
        done = await erase_member(tenant_id=tenant_id, uow=uow(), blobs=await blobs())
        resources.notify()
        clean = await outbox.forget_once_published(
            resources.sessions, tenant_id.encode(), ERASE_WAIT_SECONDS
        )
        return done.invoices, done.documents, clean

    runner = ImportRunner(Leases(resources.engine), uow, window)
    invoices = IngestApi(
        uow,
        views.InvoiceReader(resources.sessions),
        window,
        erase,
        imports_queued=runner.wake,
        max_import_bytes=(
            settings.max_import_bytes if isinstance(settings, Settings) else 256 * 1024 * 1024
        ),
        companies=views.CompanyReader(resources.sessions),
        summaries=views.SummaryReader(resources.sessions),
        import_jobs=views.ImportJobReader(resources.sessions),
    )
    documents = DocumentApi(uow, read_document, blobs, views.DocumentReader(resources.sessions))
    return Wiring(
        grpc=[
            GrpcService(
                ingest_pb2.DESCRIPTOR.services_by_name["IngestService"].full_name,
                invoices,
                ingest_pb2_grpc.add_IngestServiceServicer_to_server,
            ),
            GrpcService(
                documents_pb2.DESCRIPTOR.services_by_name["DocumentService"].full_name,
                documents,
                documents_pb2_grpc.add_DocumentServiceServicer_to_server,
            ),
        ],
        interceptors=[TrustInterceptor(settings.require_internal_key())],
        consumers=[ocr_results_consumer(uow, blobs)],
        background=[blobs_ready(blobs), runner.run],
    )


def blobs_ready(
    blobs: Callable[[], Awaitable[BlobStore]],
) -> Callable[[], Coroutine[Any, Any, None]]:
    async def create() -> None:
        await blobs()  # create the bucket at start so OCR workers can bind to it

    return create


def build() -> ServiceDefinition:
    return ServiceDefinition(
        name=NAME,
        migrations=Path(__file__).parent / "migrations",
        outbox=outbox,
        streams=STREAMS,
        wire=wire,
    )

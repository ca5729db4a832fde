"""The OCR work queue: ``ocr.requested`` jobs, each done once by one of many workers.

All workers share one durable pull consumer on the ``OCR_JOBS`` work-queue
stream. A job's bytes come from ingest's document store (events carry only the
key). A replica works on as many jobs at once as it has Tesseract processes;
:class:`~ocr.adapters.scheduler.WorkScheduler` decides how many it takes and which
goes first (shortest first, with ageing; pages per tenant capped). From the moment
a job is taken until it is recorded, waiting for its turn included, the worker
heartbeats (``in_progress``) so the job is not handed to another worker; if the
worker dies, JetStream redelivers the job after the ack wait, and the job table's
key makes sure it is recorded once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable

from chassis.blobs import BlobStore
from chassis.messaging import ConsumerSpec, Delivery
from kmo.ingest.v1 import events_pb2 as ingest_events
from ocr.adapters.event_codec import ERASURES, INCOMING, found_fields
from ocr.adapters.extractor import PoolExtractor
from ocr.adapters.scheduler import WorkScheduler
from ocr.domain.model import Extracted, Outcome, Refused
from ocr.extraction import DocumentError, TesseractUnavailable
from ocr.service_layer import handlers
from ocr.service_layer.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
DURABLE = "ocr-workers"
MAX_DELIVER = 5
# A job's worker is taken for dead after this many heartbeats go missing.
MISSED_BEATS = 3


async def _heartbeat(delivery: Delivery, every: float) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            await delivery.in_progress()
        except Exception:  # the broker reconnecting: the next beat may get through
            log.warning("heartbeat not sent", exc_info=True)


@contextlib.asynccontextmanager
async def _heartbeating(delivery: Delivery, every: float) -> AsyncIterator[None]:
    beat = asyncio.create_task(_heartbeat(delivery, every))
    try:
        yield
    finally:
        beat.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await beat


def job_consumer(
    uow: Callable[[], UnitOfWork],
    extractor: PoolExtractor,
    scheduler: WorkScheduler,
    documents: Callable[[], Awaitable[BlobStore]],
    heartbeat_seconds: float,
) -> ConsumerSpec:
    async def handle(delivery: Delivery) -> None:
        job = INCOMING.decode(delivery.event_type, delivery.payload)
        assert isinstance(job, ingest_events.OcrRequested)
        if await handlers.already_processed(job.document_id, uow()):
            return
        async with _heartbeating(delivery, heartbeat_seconds):
            outcome = await _read(job, extractor, scheduler, await documents(), delivery, uow)
        if outcome is None:
            log.info("document already processed", extra={"document_id": job.document_id})
            return
        recorded = await handlers.record_outcome(outcome, uow())
        log.info(
            "document processed" if recorded else "document already processed by another worker",
            extra={"document_id": job.document_id, "outcome": type(outcome).__name__.lower()},
        )

    return ConsumerSpec(
        stream="OCR_JOBS",
        durable=DURABLE,
        subjects=["ocr.requested"],
        handler=handle,
        ack_wait_seconds=MISSED_BEATS * heartbeat_seconds,
        max_deliver=MAX_DELIVER,
        # Fetched one at a time, and only when the scheduler has room: a job the replica
        # cannot start soon stays in the stream for an idle replica.
        batch=1,
        admission=scheduler,
    )


def _missing(job: ingest_events.OcrRequested) -> Refused:
    return Refused(
        job.document_id,
        job.tenant_id,
        "document_missing",
        "the document was withdrawn before it could be read",
    )


async def _read(
    job: ingest_events.OcrRequested,
    extractor: PoolExtractor,
    scheduler: WorkScheduler,
    store: BlobStore,
    delivery: Delivery,
    uow: Callable[[], UnitOfWork],
) -> Outcome | None:
    """The job's outcome, or None when another delivery of it was recorded meanwhile."""
    data = await store.get(job.document_id)
    if data is None:
        return _missing(job)
    pages = await extractor.count_pages(data)
    turn = scheduler.join(job.tenant_id, pages)
    try:
        if not turn.started.done():
            # Waiting may take minutes: do not hold up to 10 MB per waiting job; the
            # store gives it back when its turn comes.
            data = None
            await asyncio.shield(turn.started)
            if await handlers.already_processed(job.document_id, uow()):
                return None  # a copy of this job was read while this one waited
            data = await store.get(job.document_id)
            if data is None:
                return _missing(job)
        log.info(
            "extracting",
            extra={
                "document_id": job.document_id,
                "attempt": delivery.attempt,
                "bytes": len(data),
                "pages": pages,
            },
        )
        outcome = await _extract(job, data, extractor, delivery)
        # Logged while the process is still this job's: the next one starts after it.
        log.info(
            "extraction finished",
            extra={"document_id": job.document_id, "outcome": type(outcome).__name__.lower()},
        )
        return outcome
    finally:
        scheduler.leave(turn)


async def _extract(
    job: ingest_events.OcrRequested, data: bytes, extractor: PoolExtractor, delivery: Delivery
) -> Outcome:
    started = time.perf_counter()
    try:
        result = await extractor.extract(data, tenant_vat=job.tenant_vat or None)
    except DocumentError as exc:
        return Refused(job.document_id, job.tenant_id, exc.code, str(exc))
    except Exception as exc:
        if delivery.attempt < MAX_DELIVER:
            raise  # redelivered, perhaps to another worker
        # The last attempt: say so rather than leave the document processing forever.
        log.exception("extraction failed on every attempt", extra={"document_id": job.document_id})
        if isinstance(exc, TesseractUnavailable):
            return Refused(
                job.document_id,
                job.tenant_id,
                "ocr_unavailable",
                "text recognition is unavailable; please try again later or enter it by hand",
            )
        return Refused(
            job.document_id,
            job.tenant_id,
            "extraction_failed",
            "the document could not be read; please try again or enter it by hand",
        )
    return Extracted(
        document_id=job.document_id,
        tenant_id=job.tenant_id,
        fields=found_fields(result),
        page_count=result.page_count,
        seconds=round(time.perf_counter() - started, 3),
    )


def erasure_consumer(uow: Callable[[], UnitOfWork]) -> ConsumerSpec:
    """``document.erased``: a member left the register; what OCR kept of it goes."""

    async def handle(delivery: Delivery) -> None:
        erased = ERASURES.decode(delivery.event_type, delivery.payload)
        assert isinstance(erased, ingest_events.DocumentsErased)
        gone = await handlers.erase_tenant(erased.tenant_id, uow())
        log.info("member's results erased", extra={"jobs": gone})

    return ConsumerSpec(
        stream="DOCUMENTS", durable="ocr-erasures", subjects=["document.erased"], handler=handle
    )

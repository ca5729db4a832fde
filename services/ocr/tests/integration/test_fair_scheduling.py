"""Fair use of a replica's Tesseract processes, over real JetStream, PostgreSQL, Tesseract and
the real process pool: several documents at once, the short one first, pages capped per
tenant, and no job taken by a replica without Tesseract.

Each test stands in for ingest (the document bucket, the job stream, the results) in a
namespace of its own, and watches the order of the worker's "extracting" and "document
processed" log lines: what the replica did, in the order it did it.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import itertools
import logging
import os
import shutil
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, TypeAlias

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from nats.js.api import ConsumerConfig, DeliverPolicy
from PIL import Image, ImageDraw, ImageFont

import ocr.bootstrap
from chassis.blobs import BlobStore
from chassis.events import HEADER_EVENT_TYPE, HEADER_MSG_ID, EventRegistry
from chassis.grpc_server import channel, error_code
from chassis.messaging import Namespace, StreamSpec, connect, ensure_stream
from chassis.run import Running, started
from devstack.servers import caller_metadata
from devstack.testing import Databases
from kmo.ingest.v1 import events_pb2 as ingest_events
from kmo.ocr.v1 import events_pb2, ocr_pb2, ocr_pb2_grpc
from ocr.entrypoints.consumers import DURABLE
from ocr.settings import Settings

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
RESULTS = EventRegistry(events_pb2.OcrCompleted, events_pb2.OcrFailed)
# What OCR announces for a document: its fields, or why it could not read it.
Outcome: TypeAlias = events_pb2.OcrCompleted | events_pb2.OcrFailed
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None or not os.path.exists(FONT),
    reason="needs tesseract-ocr (nld fra deu) and fonts-dejavu-core (.ci/run installs them)",
)


def scanned_pdf(pages: int, label: str) -> bytes:
    """A scan-like PDF (images only, no text layer): every page goes through Tesseract."""
    font = ImageFont.truetype(FONT, 28)
    images = []
    for n in range(pages):
        image = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
        draw = ImageDraw.Draw(image)
        for line in range(10):
            text = f"{label} bijlage {n + 1} regel {line + 1}: levering 12,50 EUR"
            draw.text((100, 100 + 60 * line), text, fill=0, font=font)
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=150)
    return out.getvalue()


class Ingest:
    """Plays ingest's part: the bucket, the job stream, and the results."""

    def __init__(self, js: Any, ns: Namespace, store: BlobStore, results: Any) -> None:
        self.js, self.ns, self.store, self.results = js, ns, store, results
        self.seen: dict[str, Outcome] = {}

    async def request(self, document: bytes, tenant: str) -> str:
        doc_id = str(uuid.uuid4())
        await self.store.put(doc_id, document)
        job = ingest_events.OcrRequested(document_id=doc_id, tenant_id=tenant)
        await self.js.publish(
            self.ns.subject("ocr.requested"),
            job.SerializeToString(),
            headers={HEADER_MSG_ID: str(uuid.uuid4()), HEADER_EVENT_TYPE: job.DESCRIPTOR.full_name},
        )
        return doc_id

    async def result(self, doc_id: str, within: float = 180) -> Outcome:
        async def wait() -> Outcome:
            while doc_id not in self.seen:
                try:
                    (msg,) = await self.results.fetch(1, timeout=5)
                except TimeoutError:
                    continue
                await msg.ack()
                event = RESULTS.decode(msg.headers[HEADER_EVENT_TYPE], msg.data)
                assert isinstance(event, events_pb2.OcrCompleted | events_pb2.OcrFailed)
                self.seen[event.document_id] = event
            return self.seen[doc_id]

        return await asyncio.wait_for(wait(), within)

    async def jobs_state(self) -> tuple[int, int, int]:
        """(delivered, awaiting ack, redelivered) for the workers' durable consumer."""
        info = await self.js.consumer_info(self.ns.stream("OCR_JOBS"), DURABLE)
        return info.delivered.consumer_seq, info.num_ack_pending, info.num_redelivered


class Journal(logging.Handler):
    """The service's log lines, in order."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []
        self.changed = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.changed.set()

    def said(self, message: str, **extra: Any) -> bool:
        return any(
            r.getMessage().startswith(message)
            and all(getattr(r, k, None) == v for k, v in extra.items())
            for r in self.records
        )

    def order(self, message: str) -> list[str]:
        """Document ids, in the order the line ``message`` was logged for them."""
        return [
            r.document_id
            for r in self.records
            if r.getMessage() == message and hasattr(r, "document_id")
        ]

    def span(self, doc_id: str) -> tuple[int, int]:
        """Where the document's extraction began and ended among the log lines."""
        lines = [(r.getMessage(), getattr(r, "document_id", None)) for r in self.records]
        return lines.index(("extracting", doc_id)), lines.index(("extraction finished", doc_id))

    async def until(self, check: Any, within: float = 180) -> None:
        async with asyncio.timeout(within):
            while not check():
                self.changed.clear()
                await self.changed.wait()


@dataclass
class Queue:
    ingest: Ingest
    journal: Journal
    databases: Databases
    nats_url: str
    ns: Namespace
    database_url: str

    @contextlib.asynccontextmanager
    async def replica(self, **overrides: Any) -> AsyncIterator[Running]:
        settings = Settings(
            database_url=self.database_url,
            nats_url=self.nats_url,
            nats_namespace=self.ns.prefix,
            grpc_host="127.0.0.1",
            grpc_port=0,
            **overrides,
        )
        async with started(ocr.bootstrap.build(), settings) as running:
            yield running


@pytest.fixture
async def queue(databases: Databases, nats_url: str, nats_namespace: str) -> AsyncIterator[Queue]:
    ns = Namespace(f"{nats_namespace}fair{uuid.uuid4().hex[:6]}")
    nc = await connect(nats_url, "test-ingest")
    js = nc.jetstream()
    await ensure_stream(js, ns, StreamSpec("OCR_JOBS", ["ocr.requested"], work_queue=True))
    await ensure_stream(js, ns, ocr.bootstrap.STREAMS[0])
    store = await BlobStore.create(js, ns, ocr.bootstrap.DOCUMENTS_BUCKET, ttl_seconds=3600)
    results = await js.pull_subscribe(
        ns.subject("ocr.*"),
        stream=ns.stream("OCR_RESULTS"),
        config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL),
    )
    journal = Journal()
    loggers = [logging.getLogger(name) for name in ("ocr", "chassis")]
    previous = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(journal)
        logger.setLevel(logging.INFO)
    try:
        yield Queue(
            Ingest(js, ns, store, results),
            journal,
            databases,
            nats_url,
            ns,
            databases.fresh("ocr_fair"),
        )
    finally:
        for logger, level in zip(loggers, previous, strict=True):
            logger.removeHandler(journal)
            logger.setLevel(level)
        for stream in ("OCR_JOBS", "OCR_RESULTS"):
            with contextlib.suppress(Exception):
                await js.delete_stream(ns.stream(stream))
        await nc.close()


@needs_tesseract
async def test_a_replica_reads_as_many_documents_at_once_as_it_has_processes(
    queue: Queue,
) -> None:
    journal = queue.journal
    async with queue.replica(processes=2):
        first = await queue.ingest.request(scanned_pdf(2, "Eerste"), "tenant-a")
        second = await queue.ingest.request(scanned_pdf(2, "Tweede"), "tenant-b")
        await journal.until(lambda: len(journal.order("extracting")) == 2)
        # Both were being read before either was done: one job at a time would have
        # finished the first before taking the second.
        assert journal.order("document processed") == []
        for doc_id in (first, second):
            event = await queue.ingest.result(doc_id)
            assert isinstance(event, events_pb2.OcrCompleted) and event.page_count == 2


@needs_tesseract
async def test_a_one_page_invoice_queued_behind_a_long_document_is_read_first(
    queue: Queue,
) -> None:
    journal = queue.journal
    async with queue.replica(processes=1, lookahead=2):
        busy = await queue.ingest.request(scanned_pdf(3, "Bezig"), "tenant-a")
        await journal.until(lambda: journal.order("extracting") == [busy])
        long = await queue.ingest.request(scanned_pdf(4, "Lang"), "tenant-b")
        await journal.until(lambda: journal.said("document waiting for a worker"))
        invoice = await queue.ingest.request(scanned_pdf(1, "Factuur"), "tenant-c")
        for doc_id in (busy, long, invoice):
            assert isinstance(await queue.ingest.result(doc_id), events_pb2.OcrCompleted)
    # The invoice came after the long document and still went before it.
    assert journal.order("extracting") == [busy, invoice, long]
    assert journal.order("extraction finished") == [busy, invoice, long]


@needs_tesseract
async def test_a_tenant_over_its_page_cap_does_not_hold_up_another_tenant(
    queue: Queue,
) -> None:
    journal = queue.journal
    async with queue.replica(processes=2, lookahead=0, tenant_pages_in_flight=4):
        bulk = [await queue.ingest.request(scanned_pdf(3, f"Bulk {n}"), "bulk") for n in range(3)]
        # The bulk tenant's documents are taken together; whichever had its pages counted
        # first runs, the other two wait for the tenant's pages (3 + 3 > 4).
        await journal.until(lambda: len(journal.order("extracting")) == 1)
        (first,) = journal.order("extracting")
        invoice = await queue.ingest.request(scanned_pdf(1, "Factuur"), "small")
        await journal.until(lambda: invoice in journal.order("extracting"))
        # The second process went to the other tenant's invoice, not to the bulk tenant's
        # next document, though that was queued first.
        assert journal.order("extracting") == [first, invoice]
        assert first in bulk
        for doc_id in (*bulk, invoice):
            assert isinstance(await queue.ingest.result(doc_id), events_pb2.OcrCompleted)
    # The invoice started while the bulk tenant's first document was still being read.
    assert journal.span(invoice)[0] < journal.span(first)[1]
    # The bulk tenant never had two documents in Tesseract at once.
    spans = sorted(journal.span(doc_id) for doc_id in bulk)
    assert all(done < begun for (_, done), (begun, _) in itertools.pairwise(spans))


@needs_tesseract
async def test_without_tesseract_a_replica_is_not_ready_and_takes_no_job(
    queue: Queue, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = queue.journal
    path = os.environ["PATH"]
    monkeypatch.setenv("PATH", os.path.dirname(sys.executable))  # the venv: no tesseract
    async with queue.replica(processes=1) as broken:
        monkeypatch.setenv("PATH", path)
        ch = channel(f"127.0.0.1:{broken.grpc_port}", "kmo.ocr.v1.OcrService")
        try:
            health = health_pb2_grpc.HealthStub(ch)
            reply = await health.Check(health_pb2.HealthCheckRequest(service=""), timeout=5)
            assert reply.status == health_pb2.HealthCheckResponse.NOT_SERVING
            assert journal.said("not ready: the tesseract binary is not on PATH")

            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await ocr_pb2_grpc.OcrServiceStub(ch).Extract(
                    ocr_pb2.ExtractRequest(document=scanned_pdf(1, "Voorbeeld")),
                    metadata=caller_metadata("invoices:write", "tenant-a"),
                    timeout=10,
                )
            assert refused.value.code() == grpc.StatusCode.UNAVAILABLE
            assert error_code(refused.value) == "ocr_unavailable"
            assert "tesseract" in (refused.value.details() or "")

            # Its job consumer is bound, found no room and waits, with no pull request
            # open: the broker has no way to hand it a job...
            await journal.until(lambda: journal.said("consuming", durable=DURABLE))
            doc_id = await queue.ingest.request(scanned_pdf(1, "Wachtend"), "tenant-a")
            # ...so a healthy replica, started later, reads the job at its first delivery.
            async with queue.replica(processes=1):
                event = await queue.ingest.result(doc_id)
            assert isinstance(event, events_pb2.OcrCompleted)
            assert await queue.ingest.jobs_state() == (1, 0, 0)
            assert journal.order("extracting") == [doc_id]
        finally:
            await ch.close()

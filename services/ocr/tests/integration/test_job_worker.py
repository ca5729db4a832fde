"""The ocr.requested work queue over real JetStream, PostgreSQL and Tesseract.

The test stands in for ingest: it owns the document bucket and the job
stream, puts a document, publishes the job and reads ocr.completed / failed.
"""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import uuid
from collections.abc import AsyncIterator
from typing import Any, TypeAlias

import pytest
import sqlalchemy as sa
from nats.js.api import ConsumerConfig, DeliverPolicy
from PIL import Image, ImageDraw, ImageFont

import ocr.bootstrap
from chassis.blobs import BlobStore
from chassis.events import HEADER_EVENT_TYPE, HEADER_MSG_ID, EventRegistry
from chassis.messaging import Namespace, StreamSpec, connect, ensure_stream
from chassis.run import Running, started
from devstack.testing import Databases
from kmo.ingest.v1 import events_pb2 as ingest_events
from kmo.ocr.v1 import events_pb2
from ocr.adapters.tables import jobs, outbox
from ocr.settings import Settings

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
RESULTS = EventRegistry(events_pb2.OcrCompleted, events_pb2.OcrFailed)
# What OCR announces for a document: its fields, or why it could not read it.
Outcome: TypeAlias = events_pb2.OcrCompleted | events_pb2.OcrFailed
pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None or not os.path.exists(FONT),
    reason="needs tesseract-ocr (nld fra deu) and fonts-dejavu-core (.ci/run installs them)",
)


def invoice_png(total: str) -> bytes:
    lines = [
        (150, 150, "Drukkerij Peeters BV", 60),
        (150, 240, "BTW BE 0403.019.261", 42),
        (1400, 600, "Factuur aan:", 42),
        (1400, 660, "Bakkerij Janssens BV", 42),
        (1400, 720, "BTW BE 0123.456.749", 42),
        (150, 1100, "Factuurnummer: F2026-0901", 42),
        (150, 1160, "Factuurdatum: 03/11/2026", 42),
        (150, 1220, "Vervaldatum: 03/12/2026", 42),
        (1300, 1890, "Te betalen", 46),
        (1950, 1890, f"€ {total}", 46),
    ]
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    for x, y, text, px in lines:
        draw.text((x, y), text, fill=0, font=ImageFont.truetype(FONT, px))
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


class Ingest:
    """Plays ingest's part: the bucket, the job stream, and reading results."""

    def __init__(self, js: Any, ns: Namespace, store: BlobStore, results: Any) -> None:
        self.js, self.ns, self.store, self.results = js, ns, store, results
        # Results read while waiting for another document's: a replica reads several
        # documents at once, so they come in any order.
        self.seen: dict[str, Outcome] = {}

    async def request(self, document: bytes | None, *, msg_id: str | None = None) -> str:
        doc_id = str(uuid.uuid4())
        if document is not None:
            await self.store.put(doc_id, document)
        await self.publish(doc_id, msg_id or str(uuid.uuid4()))
        return doc_id

    async def publish(self, doc_id: str, msg_id: str) -> None:
        job = ingest_events.OcrRequested(
            document_id=doc_id, tenant_id="t1", tenant_vat="BE0403019261"
        )
        await self.js.publish(
            self.ns.subject("ocr.requested"),
            job.SerializeToString(),
            headers={HEADER_MSG_ID: msg_id, HEADER_EVENT_TYPE: job.DESCRIPTOR.full_name},
        )

    async def until_idle(self, running: Running, within: float = 60) -> None:
        """Every job on the queue acknowledged (a work queue drops what is acked) and the
        worker's outbox published: after this, nothing more is on its way."""

        async def idle() -> bool:
            stream = await self.js.stream_info(self.ns.stream("OCR_JOBS"))
            async with running.resources.sessions() as session:
                unsent = (
                    await session.execute(
                        sa.select(sa.func.count()).where(outbox.table.c.published_at.is_(None))
                    )
                ).scalar_one()
            return stream.state.messages == 0 and unsent == 0

        async with asyncio.timeout(within):
            while not await idle():  # noqa: ASYNC110 - polling the broker's and the table's state
                await asyncio.sleep(0.1)

    async def result(self, doc_id: str, within: float = 90) -> Outcome:
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
            return self.seen.pop(doc_id)

        return await asyncio.wait_for(wait(), within)


@pytest.fixture(scope="module")
async def worker(
    databases: Databases, nats_url: str, nats_namespace: str
) -> AsyncIterator[tuple[Running, Ingest]]:
    ns = Namespace(f"{nats_namespace}ocrjobs")
    nc = await connect(nats_url, "test-ingest")
    js = nc.jetstream()
    await ensure_stream(js, ns, StreamSpec("OCR_JOBS", ["ocr.requested"], work_queue=True))
    store = await BlobStore.create(js, ns, ocr.bootstrap.DOCUMENTS_BUCKET, ttl_seconds=3600)
    settings = Settings(
        database_url=databases.fresh("ocr_jobs"),
        nats_url=nats_url,
        nats_namespace=ns.prefix,
        grpc_host="127.0.0.1",
        grpc_port=0,
        processes=1,
    )
    async with started(ocr.bootstrap.build(), settings) as running:
        results = await js.pull_subscribe(
            ns.subject("ocr.*"),
            stream=ns.stream("OCR_RESULTS"),
            config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL),
        )
        yield running, Ingest(js, ns, store, results)
    await nc.close()


async def test_a_queued_document_is_read_and_its_fields_announced(worker: Any) -> None:
    _, ingest = worker
    doc_id = await ingest.request(invoice_png("1.815,00"))
    event = await ingest.result(doc_id)
    assert isinstance(event, events_pb2.OcrCompleted)
    assert event.tenant_id == "t1" and event.page_count == 1
    assert event.invoice.debtor_vat.value == "BE0123456749"
    assert event.invoice.total_amount.value == "1815.00"
    assert event.invoice.due_date.value == "2026-12-03"


async def test_a_job_delivered_twice_is_done_once(worker: Any) -> None:
    running, ingest = worker
    doc_id = await ingest.request(invoice_png("99,00"))
    await ingest.publish(doc_id, msg_id=str(uuid.uuid4()))  # a second job for the same document
    await ingest.result(doc_id)
    await ingest.until_idle(running)  # both jobs taken and acknowledged, every event sent
    async with running.resources.sessions() as session:
        count = (
            await session.execute(sa.select(sa.func.count()).where(jobs.c.document_id == doc_id))
        ).scalar_one()
    assert count == 1
    assert (await ingest.results.consumer_info()).num_pending == 0  # no second announcement


async def test_hostile_or_missing_documents_fail_with_a_typed_code(worker: Any) -> None:
    _, ingest = worker
    corrupt = await ingest.request(b"%PDF-1.4\n" + os.urandom(2000))
    missing = await ingest.request(None)
    for doc_id, code in ((corrupt, "corrupt"), (missing, "document_missing")):
        event = await ingest.result(doc_id)
        assert isinstance(event, events_pb2.OcrFailed)
        assert event.code == code
    async with worker[0].resources.sessions() as session:
        stored = (
            await session.execute(sa.select(jobs.c.fields).where(jobs.c.document_id == corrupt))
        ).scalar_one()
    assert stored is None  # a refused document leaves no content behind

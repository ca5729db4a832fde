"""JetStream consumers: OCR outcomes become document drafts (or failures)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from chassis.events import EventRegistry
from chassis.messaging import ConsumerSpec, Delivery
from ingest.domain.documents import DraftField
from ingest.service_layer import documents as use_cases
from ingest.service_layer.documents import Blobs, DocumentsUnitOfWork
from kmo.ocr.v1 import events_pb2, ocr_pb2

INCOMING = EventRegistry(events_pb2.OcrCompleted, events_pb2.OcrFailed)


def draft_of(invoice: ocr_pb2.ExtractedInvoice) -> dict[str, DraftField]:
    draft = {}
    for fd in ocr_pb2.ExtractedInvoice.DESCRIPTOR.fields:
        found = getattr(invoice, fd.name)
        if found.value:
            box = (found.box.x, found.box.y, found.box.width, found.box.height)
            draft[fd.name] = DraftField(
                value=found.value,
                confidence=found.confidence,
                page=found.box.page if found.HasField("box") else None,
                box=box if found.HasField("box") else None,
            )
    return draft


def ocr_results_consumer(
    uow: Callable[[], DocumentsUnitOfWork], blobs: Callable[[], Awaitable[Blobs]]
) -> ConsumerSpec:
    async def handle(delivery: Delivery) -> None:
        event = INCOMING.decode(delivery.event_type, delivery.payload)
        if isinstance(event, events_pb2.OcrCompleted):
            draft, error = draft_of(event.invoice), None
        else:
            assert isinstance(event, events_pb2.OcrFailed)
            draft, error = None, (event.code, event.message)
        await use_cases.record_extraction(
            event_id=delivery.event_id,
            document_id=event.document_id,
            draft=draft,
            page_count=getattr(event, "page_count", 0),
            error=error,
            uow=uow(),
            blobs=await blobs(),
        )

    return ConsumerSpec(
        stream="OCR_RESULTS",
        durable=use_cases.CONSUMER,
        subjects=["ocr.completed", "ocr.failed"],
        handler=handle,
    )

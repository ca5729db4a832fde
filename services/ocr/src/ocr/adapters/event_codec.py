"""Between the extraction core, the domain outcome and ``kmo.ocr.v1`` messages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from chassis.events import EventRegistry, OutgoingEvent, outgoing
from kmo.ingest.v1 import events_pb2 as ingest_events
from kmo.ocr.v1 import events_pb2, ocr_pb2
from ocr.domain.model import Extracted, FoundField, Outcome
from ocr.extraction import ExtractionResult, Field

INCOMING = EventRegistry(ingest_events.OcrRequested)
ERASURES = EventRegistry(ingest_events.DocumentsErased)

# proto field of ExtractedInvoice -> attribute of the extraction core's InvoiceFields
FIELD_NAMES = {
    "debtor_name": "debtor_name",
    "debtor_vat": "debtor_vat",
    "seller_vat": "seller_vat",
    "seller_name": "seller_name",
    "invoice_number": "invoice_number",
    "issue_date": "invoice_date",
    "due_date": "due_date",
    "total_amount": "total_amount",
    "currency": "currency",
}


def _text(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def found_field(found: Field[Any]) -> FoundField:
    box = found.box
    return FoundField(
        value=_text(found.value),
        confidence=round(found.confidence, 3),
        page=box.page if box else None,
        box=(box.x, box.y, box.w, box.h) if box else None,
    )


def found_fields(result: ExtractionResult) -> dict[str, FoundField]:
    out = {}
    for proto_name, attr in FIELD_NAMES.items():
        found = getattr(result.fields, attr)
        if found is not None:
            out[proto_name] = found_field(found)
    return out


def field_pb(found: FoundField | None) -> ocr_pb2.ExtractedField:
    if found is None:
        return ocr_pb2.ExtractedField()
    msg = ocr_pb2.ExtractedField(value=found.value, confidence=found.confidence)
    if found.box is not None:
        x, y, w, h = found.box
        msg.box.CopyFrom(ocr_pb2.BoundingBox(page=found.page or 0, x=x, y=y, width=w, height=h))
    return msg


def invoice_pb(fields: dict[str, FoundField]) -> ocr_pb2.ExtractedInvoice:
    return ocr_pb2.ExtractedInvoice(**{name: field_pb(fields.get(name)) for name in FIELD_NAMES})


def encode(outcome: Outcome) -> OutgoingEvent:
    if isinstance(outcome, Extracted):
        return outgoing(
            events_pb2.OcrCompleted(
                document_id=outcome.document_id,
                tenant_id=outcome.tenant_id,
                invoice=invoice_pb(outcome.fields),
                page_count=outcome.page_count,
            ),
            event_id=f"ocr-{outcome.document_id}",
        )
    return outgoing(
        events_pb2.OcrFailed(
            document_id=outcome.document_id,
            tenant_id=outcome.tenant_id,
            code=outcome.code,
            message=outcome.message,
        ),
        event_id=f"ocr-{outcome.document_id}",
    )

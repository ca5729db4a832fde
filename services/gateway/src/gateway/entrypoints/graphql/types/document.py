from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum

import strawberry

from kmo.ingest.v1 import documents_pb2
from kmo.ocr.v1 import ocr_pb2


@strawberry.enum
class DocumentStatus(Enum):
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


_STATUS = {
    documents_pb2.DOCUMENT_STATUS_PROCESSING: DocumentStatus.PROCESSING,
    documents_pb2.DOCUMENT_STATUS_READY: DocumentStatus.READY,
    documents_pb2.DOCUMENT_STATUS_FAILED: DocumentStatus.FAILED,
    documents_pb2.DOCUMENT_STATUS_CONFIRMED: DocumentStatus.CONFIRMED,
    documents_pb2.DOCUMENT_STATUS_REJECTED: DocumentStatus.REJECTED,
}


_PB_STATUS = {status: pb for pb, status in _STATUS.items()}


@strawberry.input(description="Narrows a list of documents; every field set narrows it further.")
class DocumentFilterInput:
    statuses: list[DocumentStatus] | None = strawberry.field(
        default=None, description="any of these"
    )
    uploaded_from: datetime | None = strawberry.field(default=None, description="inclusive")
    uploaded_to: datetime | None = strawberry.field(default=None, description="exclusive")

    def to_proto(self) -> documents_pb2.DocumentFilter:
        msg = documents_pb2.DocumentFilter(statuses=[_PB_STATUS[s] for s in self.statuses or ()])
        for name, value in (
            ("uploaded_from", self.uploaded_from),
            ("uploaded_to", self.uploaded_to),
        ):
            if value is not None:
                getattr(msg, name).FromDatetime(
                    value if value.tzinfo else value.replace(tzinfo=UTC)
                )
        return msg


@strawberry.type(description="Where on the page a value was read (pixels at 300 dpi).")
class Box:
    page: int
    x: int
    y: int
    width: int
    height: int


# Confidences are calibrated probabilities: below this, one value in five or more is wrong.
REVIEW_BELOW = 0.8


@strawberry.type(description="One value OCR read: normalised, with a confidence 0..1.")
class ExtractedField:
    value: str
    confidence: float = strawberry.field(
        description="Calibrated: of the values read at 0.9, about nine in ten are right."
    )
    box: Box | None

    @strawberry.field(
        description=f"Whether the member should check this value before confirming: its "
        f"confidence is below {REVIEW_BELOW}."
    )
    def needs_review(self) -> bool:
        return self.confidence < REVIEW_BELOW

    @classmethod
    def from_proto(cls, msg: ocr_pb2.ExtractedField) -> ExtractedField | None:
        if not msg.value:
            return None
        b = msg.box
        box = (
            Box(page=b.page, x=b.x, y=b.y, width=b.width, height=b.height)
            if msg.HasField("box")
            else None
        )
        return cls(value=msg.value, confidence=msg.confidence, box=box)


@strawberry.type(description="The invoice fields read from a document, for the member to check.")
class DraftInvoice:
    debtor_name: ExtractedField | None
    debtor_vat: ExtractedField | None
    seller_vat: ExtractedField | None
    invoice_number: ExtractedField | None
    issue_date: ExtractedField | None
    due_date: ExtractedField | None
    total_amount: ExtractedField | None
    currency: ExtractedField | None
    seller_name: ExtractedField | None

    @strawberry.field(
        description="Whether the seller read is you (your VAT number): false flags a purchase "
        "invoice uploaded by mistake; null when no seller VAT number was read."
    )
    def seller_is_member(self, info: strawberry.Info) -> bool | None:
        principal = info.context.principal
        if self.seller_vat is None or principal is None or not principal.member_vat:
            return None
        return bool(self.seller_vat.value == principal.member_vat)

    @classmethod
    def from_proto(cls, msg: ocr_pb2.ExtractedInvoice) -> DraftInvoice:
        return cls(
            **{
                fd.name: ExtractedField.from_proto(getattr(msg, fd.name))
                for fd in ocr_pb2.ExtractedInvoice.DESCRIPTOR.fields
            }
        )


@strawberry.type(description="An uploaded invoice document, until confirmed or rejected.")
class Document:
    id: strawberry.ID
    status: DocumentStatus
    filename: str
    content_type: str
    size_bytes: int
    page_count: int
    draft: DraftInvoice | None
    error_code: str | None
    error_message: str | None
    invoice_id: strawberry.ID | None
    uploaded_at: datetime
    updated_at: datetime
    source: str = strawberry.field(
        description='"ocr", or "embedded_xml" when the PDF carried a Factur-X, ZUGFeRD or UBL '
        "e-invoice: its fields are the draft at full confidence, with no OCR"
    )

    @classmethod
    def from_proto(cls, msg: documents_pb2.Document) -> Document:
        status = _STATUS[msg.status]
        has_draft = status in (DocumentStatus.READY, DocumentStatus.CONFIRMED)
        return cls(
            id=strawberry.ID(msg.id),
            status=status,
            filename=msg.filename,
            content_type=msg.content_type,
            size_bytes=msg.size_bytes,
            page_count=msg.page_count,
            draft=DraftInvoice.from_proto(msg.draft) if has_draft else None,
            error_code=msg.error_code or None,
            error_message=msg.error_message or None,
            invoice_id=strawberry.ID(msg.invoice_id) if msg.invoice_id else None,
            uploaded_at=msg.uploaded_at.ToDatetime(tzinfo=UTC),
            updated_at=msg.updated_at.ToDatetime(tzinfo=UTC),
            source=msg.source or "ocr",
        )


@strawberry.input(description="Values that replace what OCR read; omitted ones keep the draft.")
class InvoiceCorrectionsInput:
    debtor_vat: str | None = None
    debtor_name: str | None = None
    invoice_number: str | None = None
    issue_date: date | None = None
    due_date: date | None = None
    amount: Decimal | None = None

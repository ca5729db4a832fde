"""Uploaded documents: kept until the member confirms or rejects what OCR read."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

from ingest.domain.einvoice import EInvoice
from ingest.domain.errors import IngestError

# The type comes from the bytes, never from the file name.
_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


class InvalidDocument(IngestError):
    code = "invalid_document"


class UnsupportedDocument(InvalidDocument):
    code = "unsupported_type"


class DocumentTooLarge(InvalidDocument):
    code = "too_large"


class EmptyDocument(InvalidDocument):
    code = "empty"


class DocumentNotFound(IngestError):
    code = "document_not_found"


class DocumentNotReady(IngestError):
    code = "document_not_ready"


class Status(Enum):
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


def sniff(content: bytes) -> str:
    if not content:
        raise EmptyDocument("the document is empty")
    for magic, content_type in _MAGIC:
        if content.startswith(magic):
            return content_type
    raise UnsupportedDocument("not a JPEG, PNG, TIFF or PDF document")


@dataclass(frozen=True, slots=True)
class DraftField:
    """What OCR read for one invoice field: normalised value, confidence, position."""

    value: str
    confidence: float
    page: int | None = None
    box: tuple[int, int, int, int] | None = None


def draft_of(doc: EInvoice) -> dict[str, DraftField]:
    """An e-invoice's fields as a draft: what the file states, at full confidence. A due
    date the file leaves out is the payment terms' or the statutory 30 days, at half."""
    due, sure = doc.due_date, 1.0
    if due is None:
        due, sure = doc.issue_date + timedelta(days=doc.terms_days or 30), 0.5
    values = {
        "debtor_name": (doc.buyer.name, 1.0),
        "debtor_vat": (doc.buyer.vat, 1.0),
        "seller_vat": (doc.seller.vat, 1.0),
        "invoice_number": (doc.number, 1.0),
        "issue_date": (doc.issue_date.isoformat(), 1.0),
        "due_date": (due.isoformat(), sure),
        "total_amount": (doc.payable, 1.0),
        "currency": (doc.currency, 1.0),
    }
    return {k: DraftField(v, c) for k, (v, c) in values.items() if v}


@dataclass(frozen=True, slots=True)
class DocumentUploaded:
    document_id: str
    tenant_id: str
    tenant_vat: str
    content_type: str
    size_bytes: int
    sha256: str


@dataclass(frozen=True, slots=True)
class DocumentProcessed:
    document_id: str
    tenant_id: str
    status: Status
    error_code: str


@dataclass(frozen=True, slots=True)
class DocumentClosed:
    """Confirmed, rejected or failed: its bytes must go."""

    document_id: str


@dataclass(frozen=True, slots=True)
class DocumentsErased:
    tenant_id: str


DocumentEvent = DocumentUploaded | DocumentProcessed | DocumentClosed | DocumentsErased


@dataclass(slots=True)
class Erasure:
    """A member leaving the register: its documents are gone, and so must be what other
    services extracted from them."""

    tenant_id: str
    events: list[DocumentEvent] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    id: str
    tenant_id: str
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    status: Status
    uploaded_at: datetime
    updated_at: datetime
    draft: dict[str, DraftField] = field(default_factory=dict)
    page_count: int = 0
    error_code: str = ""
    error_message: str = ""
    invoice_id: str = ""
    source: str = "ocr"  # or "embedded_xml": the draft came from the PDF's e-invoice
    events: list[DocumentEvent] = field(default_factory=list, repr=False)

    @classmethod
    def upload(
        cls, *, tenant_id: str, tenant_vat: str, filename: str, content: bytes, now: datetime
    ) -> Document:
        content_type = sniff(content)
        doc = cls(
            id=str(uuid.uuid4()),
            tenant_id=tenant_id,
            filename=filename.strip()[:200],
            content_type=content_type,
            size_bytes=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            status=Status.PROCESSING,
            uploaded_at=now,
            updated_at=now,
        )
        doc.events.append(
            DocumentUploaded(
                doc.id, tenant_id, tenant_vat, content_type, doc.size_bytes, doc.sha256
            )
        )
        return doc

    @classmethod
    def from_einvoice(
        cls, *, tenant_id: str, filename: str, content: bytes, einvoice: EInvoice, now: datetime
    ) -> Document:
        """A PDF that carries a structured e-invoice: READY at once, its fields the draft at
        full confidence; no OCR job (and no bytes to keep for one)."""
        doc = cls(
            id=str(uuid.uuid4()),
            tenant_id=tenant_id,
            filename=filename.strip()[:200],
            content_type=sniff(content),
            size_bytes=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            status=Status.READY,
            uploaded_at=now,
            updated_at=now,
            draft=draft_of(einvoice),
            page_count=0,
            source="embedded_xml",
        )
        doc.events.append(DocumentProcessed(doc.id, tenant_id, doc.status, ""))
        return doc

    def extracted(self, draft: dict[str, DraftField], page_count: int, now: datetime) -> bool:
        """OCR finished; False when the document moved on already (a late or repeated result)."""
        if self.status is not Status.PROCESSING:
            return False
        self.status, self.draft, self.page_count, self.updated_at = (
            Status.READY,
            draft,
            page_count,
            now,
        )
        self.events.append(DocumentProcessed(self.id, self.tenant_id, self.status, ""))
        return True

    def failed(self, code: str, message: str, now: datetime) -> bool:
        if self.status is not Status.PROCESSING:
            return False
        self.status, self.error_code, self.error_message, self.updated_at = (
            Status.FAILED,
            code,
            message,
            now,
        )
        self.events += [
            DocumentProcessed(self.id, self.tenant_id, self.status, code),
            DocumentClosed(self.id),
        ]
        return True

    def confirm(self, invoice_id: str, now: datetime) -> None:
        if self.status is not Status.READY:
            raise DocumentNotReady(f"document is {self.status.value}, not ready to confirm")
        self.status, self.invoice_id, self.updated_at = Status.CONFIRMED, invoice_id, now
        self.events.append(DocumentClosed(self.id))

    def reject(self, now: datetime) -> None:
        if self.status in (Status.CONFIRMED, Status.REJECTED):
            raise DocumentNotReady(f"document is already {self.status.value}")
        self.status, self.updated_at = Status.REJECTED, now
        self.events.append(DocumentClosed(self.id))

    def draft_value(self, name: str) -> str:
        found = self.draft.get(name)
        return found.value if found else ""

"""Document use cases: upload, OCR outcome, confirm with corrections, reject."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from chassis.limits import rpc_limit
from ingest.domain.documents import (
    Document,
    DocumentNotFound,
    DocumentNotReady,
    DocumentsErased,
    DocumentTooLarge,
    DraftField,
    Erasure,
    Status,
    sniff,
)
from ingest.domain.einvoice import EInvoice
from ingest.domain.errors import DuplicateInvoice, InvalidInvoice
from ingest.domain.model import Invoice, money
from ingest.service_layer.handlers import Clock, debtor_vat, utcnow
from ingest.service_layer.unit_of_work import UnitOfWork
from kmo.ingest.v1 import documents_pb2
from kmo.types.v1 import types_pb2

CONSUMER = "ingest-ocr-results"

MAX_DOCUMENT_BYTES = rpc_limit(documents_pb2, "DocumentService.UploadDocument", types_pb2.max_bytes)


class DocumentStore(Protocol):
    async def add(self, document: Document) -> None: ...

    async def get(self, tenant_id: str, document_id: str) -> Document | None:
        """The tenant's document, locked until commit; None if it is not theirs."""

    async def get_for_update(self, document_id: str) -> Document | None: ...

    async def save(self, document: Document) -> None: ...

    async def claim(self, consumer: str, event_id: str) -> bool: ...

    async def erase_tenant(self, tenant_id: str) -> list[str]:
        """Delete every document of the member; returns their ids."""


class DocumentsUnitOfWork(UnitOfWork, Protocol):
    @property
    def documents(self) -> DocumentStore: ...

    async def commit(self, *aggregates: Invoice | Document | Erasure) -> None:
        """Persist and stage the aggregates' new events, atomically."""


class Blobs(Protocol):
    async def put(self, key: str, data: bytes) -> None: ...

    async def delete(self, key: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Corrections:
    """What the member typed over the draft; None keeps the draft's value."""

    debtor_vat: str | None = None
    debtor_name: str | None = None
    invoice_number: str | None = None
    issue_date: date | None = None
    due_date: date | None = None
    amount: str | None = None


async def upload_document(
    *,
    tenant_id: str,
    tenant_vat: str,
    filename: str,
    content: bytes,
    uow: DocumentsUnitOfWork,
    blobs: Blobs,
    now: Clock = utcnow,
    embedded: Callable[[bytes], EInvoice | None] = lambda content: None,
) -> Document:
    """A new document for OCR; a PDF that carries an e-invoice is READY at once instead."""
    if len(content) > MAX_DOCUMENT_BYTES:
        raise DocumentTooLarge(f"documents are limited to {MAX_DOCUMENT_BYTES} bytes")
    einvoice = embedded(content) if sniff(content) == "application/pdf" else None
    if einvoice is not None:
        document = Document.from_einvoice(
            tenant_id=tenant_id, filename=filename, content=content, einvoice=einvoice, now=now()
        )
        async with uow:
            await uow.documents.add(document)
            await uow.commit(document)
        return document
    document = Document.upload(
        tenant_id=tenant_id, tenant_vat=tenant_vat, filename=filename, content=content, now=now()
    )
    # Bytes first: the OCR job announced by the commit must find them.
    await blobs.put(document.id, content)
    try:
        async with uow:
            await uow.documents.add(document)
            await uow.commit(document)
    except BaseException:
        await blobs.delete(document.id)
        raise
    return document


async def record_extraction(
    *,
    event_id: str,
    document_id: str,
    draft: dict[str, DraftField] | None,
    page_count: int,
    error: tuple[str, str] | None,
    uow: DocumentsUnitOfWork,
    blobs: Blobs,
    now: Clock = utcnow,
) -> Document | None:
    """Apply ``ocr.completed`` (draft) or ``ocr.failed`` (error); None if nothing changed."""
    async with uow:
        if not await uow.documents.claim(CONSUMER, event_id):
            return None
        document = await uow.documents.get_for_update(document_id)
        if document is None:
            await uow.commit()
            return None
        changed = (
            document.failed(*error, now=now())
            if error
            else document.extracted(draft or {}, page_count, now=now())
        )
        if changed:
            await uow.documents.save(document)
        await uow.commit(document)
    await _forget_bytes(document, blobs)
    return document if changed else None


async def confirm_document(
    *,
    tenant_id: str,
    document_id: str,
    corrections: Corrections,
    uow: DocumentsUnitOfWork,
    blobs: Blobs,
    now: Clock = utcnow,
    member_vat: str = "",
) -> tuple[Document, Invoice]:
    async with uow:
        document = await uow.documents.get(tenant_id, document_id)
        if document is None:
            raise DocumentNotFound(f"no document {document_id}")
        if document.status is not Status.READY:
            raise DocumentNotReady(f"document is {document.status.value}, not ready to confirm")
        invoice = _invoice_from(document, corrections, now(), member_vat)
        if await uow.invoices.id_of_number(tenant_id, invoice.invoice_number) is not None:
            raise DuplicateInvoice(f"invoice {invoice.invoice_number} was already submitted")
        await uow.invoices.add(invoice)
        document.confirm(invoice.id, now())
        await uow.documents.save(document)
        await uow.commit(invoice, document)
    await _forget_bytes(document, blobs)
    return document, invoice


async def reject_document(
    *, tenant_id: str, document_id: str, uow: DocumentsUnitOfWork, blobs: Blobs, now: Clock = utcnow
) -> Document:
    async with uow:
        document = await uow.documents.get(tenant_id, document_id)
        if document is None:
            raise DocumentNotFound(f"no document {document_id}")
        document.reject(now())
        await uow.documents.save(document)
        await uow.commit(document)
    await _forget_bytes(document, blobs)
    return document


def _invoice_from(
    document: Document, fix: Corrections, now: datetime, member_vat: str = ""
) -> Invoice:
    def pick(name: str, corrected: str | None, label: str) -> str:
        value = corrected if corrected is not None else document.draft_value(name)
        if not value:
            raise InvalidInvoice(f"the {label} was not read from the document: please fill it in")
        return value

    def pick_date(name: str, corrected: date | None, label: str) -> date:
        if corrected is not None:
            return corrected
        try:
            return date.fromisoformat(pick(name, None, label))
        except ValueError as exc:
            raise InvalidInvoice(f"the {label} read from the document is not a date") from exc

    issue = pick_date("issue_date", fix.issue_date, "invoice date")
    return Invoice.record(
        tenant_id=document.tenant_id,
        debtor=debtor_vat(pick("debtor_vat", fix.debtor_vat, "debtor's VAT number")),
        debtor_name=fix.debtor_name
        if fix.debtor_name is not None
        else document.draft_value("debtor_name"),
        debtor_sector="",
        invoice_number=pick("invoice_number", fix.invoice_number, "invoice number"),
        issue_date=issue,
        due_date=pick_date("due_date", fix.due_date, "due date"),
        amount=money(pick("total_amount", fix.amount, "total amount")),
        currency=document.draft_value("currency") or "EUR",
        now=now,
        member_vat=member_vat,
    )


async def _forget_bytes(document: Document, blobs: Blobs) -> None:
    # After the commit: a closed document's bytes are no longer needed. A
    # crash right here leaves them to the bucket's TTL.
    if document.status in (Status.CONFIRMED, Status.REJECTED, Status.FAILED):
        await blobs.delete(document.id)


ERASE_PAGE = 500


@dataclass(frozen=True, slots=True)
class Erased:
    invoices: int
    documents: int


async def erase_member(
    *, tenant_id: str, uow: DocumentsUnitOfWork, blobs: Blobs, page: int = ERASE_PAGE
) -> Erased:
    """GDPR erasure: every invoice (with its payments) leaves as invoice.deleted, erased, a
    page per transaction; then every document, announced by document.erased, and its bytes.
    Running it again after a crash finishes the job."""
    if not tenant_id:
        raise InvalidInvoice("erasure needs the member's tenant id")
    async with uow:  # first: a running import of the member stops at its next batch
        await uow.imports.forget_tenant(tenant_id)
        await uow.commit()
    count = 0
    while True:
        async with uow:
            ids = await uow.invoices.first_ids(tenant_id, page)
            batch = list((await uow.invoices.get_many(tenant_id, ids)).values())
            if not batch:
                break
            for invoice in batch:
                invoice.delete(erased=True)
            await uow.invoices.remove_many(batch)
            await uow.commit(*batch)
        count += len(batch)
    async with uow:
        gone = await uow.documents.erase_tenant(tenant_id)
        erasure = Erasure(tenant_id, [DocumentsErased(tenant_id)])
        await uow.commit(erasure)
    for document_id in gone:
        await blobs.delete(document_id)
    return Erased(count, len(gone))

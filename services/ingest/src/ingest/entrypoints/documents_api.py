"""``kmo.ingest.v1.DocumentService``: uploads, drafts, confirmation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date
from typing import Any, NoReturn

import grpc
import grpc.aio

from callers import require
from chassis.grpc_server import abort
from ingest import views
from ingest.adapters import einvoice
from ingest.domain import documents as docs
from ingest.domain import errors
from ingest.entrypoints.grpc_api import invoice_pb, to_date
from ingest.service_layer import documents as use_cases
from ingest.service_layer.documents import Blobs, DocumentsUnitOfWork
from kmo.ingest.v1 import documents_pb2, documents_pb2_grpc
from kmo.ocr.v1 import ocr_pb2

Context = grpc.aio.ServicerContext[Any, Any]
_PB_STATUS = {
    docs.Status.PROCESSING: documents_pb2.DOCUMENT_STATUS_PROCESSING,
    docs.Status.READY: documents_pb2.DOCUMENT_STATUS_READY,
    docs.Status.FAILED: documents_pb2.DOCUMENT_STATUS_FAILED,
    docs.Status.CONFIRMED: documents_pb2.DOCUMENT_STATUS_CONFIRMED,
    docs.Status.REJECTED: documents_pb2.DOCUMENT_STATUS_REJECTED,
}
_STATUS = {
    docs.DocumentNotFound: grpc.StatusCode.NOT_FOUND,
    docs.DocumentNotReady: grpc.StatusCode.FAILED_PRECONDITION,
    errors.DuplicateInvoice: grpc.StatusCode.ALREADY_EXISTS,
}


def draft_pb(draft: dict[str, docs.DraftField]) -> ocr_pb2.ExtractedInvoice:
    out = ocr_pb2.ExtractedInvoice()
    for name, found in draft.items():
        if name not in ocr_pb2.ExtractedInvoice.DESCRIPTOR.fields_by_name:
            continue
        target = getattr(out, name)
        target.value, target.confidence = found.value, found.confidence
        if found.box is not None:
            x, y, w, h = found.box
            target.box.CopyFrom(
                ocr_pb2.BoundingBox(page=found.page or 0, x=x, y=y, width=w, height=h)
            )
    return out


def document_pb(doc: docs.Document) -> documents_pb2.Document:
    msg = documents_pb2.Document(
        id=doc.id,
        status=_PB_STATUS[doc.status],
        filename=doc.filename,
        content_type=doc.content_type,
        size_bytes=doc.size_bytes,
        page_count=doc.page_count,
        draft=draft_pb(doc.draft),
        error_code=doc.error_code,
        error_message=doc.error_message,
        invoice_id=doc.invoice_id,
        source=doc.source,
    )
    msg.uploaded_at.FromDatetime(doc.uploaded_at)
    msg.updated_at.FromDatetime(doc.updated_at)
    return msg


_STATUS_OF_PB = {pb: status for status, pb in _PB_STATUS.items()}


def document_filter(msg: documents_pb2.DocumentFilter) -> views.DocumentFilter:
    unknown = [s for s in msg.statuses if s not in _STATUS_OF_PB]
    if unknown:
        raise errors.IngestError(f"unknown document status {unknown[0]}")
    return views.DocumentFilter(
        statuses=tuple(_STATUS_OF_PB[s] for s in msg.statuses),
        uploaded_from=msg.uploaded_from.ToDatetime(UTC) if msg.HasField("uploaded_from") else None,
        uploaded_to=msg.uploaded_to.ToDatetime(UTC) if msg.HasField("uploaded_to") else None,
    )


class DocumentApi(documents_pb2_grpc.DocumentServiceServicer):
    def __init__(
        self,
        uow: Callable[[], DocumentsUnitOfWork],
        reader: Callable[[str, str], Awaitable[docs.Document | None]],
        blobs: Callable[[], Awaitable[Blobs]],
        pages: views.DocumentReader,
    ) -> None:
        self._uow = uow
        self._read = reader
        self._blobs = blobs
        self._pages = pages

    async def UploadDocument(
        self, request: documents_pb2.UploadDocumentRequest, context: Context
    ) -> documents_pb2.Document:
        who = await require(context, "invoices:write")
        try:
            doc = await use_cases.upload_document(
                tenant_id=who.tenant_id or "",
                tenant_vat=request.tenant_vat,
                filename=request.filename,
                content=request.content,
                uow=self._uow(),
                blobs=await self._blobs(),
                embedded=einvoice.from_pdf,
            )
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return document_pb(doc)

    async def GetDocument(
        self, request: documents_pb2.GetDocumentRequest, context: Context
    ) -> documents_pb2.Document:
        who = await require(context, "invoices:read")
        try:
            doc = await self._read(who.tenant_id or "", _checked(request.document_id))
            if doc is None:
                raise docs.DocumentNotFound(f"no document {request.document_id}")
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return document_pb(doc)

    async def ListDocuments(
        self, request: documents_pb2.ListDocumentsRequest, context: Context
    ) -> documents_pb2.ListDocumentsResponse:
        who = await require(context, "invoices:read")
        try:
            found, token = await self._pages.page(
                who.tenant_id or "",
                request.page_size,
                request.page_token,
                document_filter(request.filter) if request.HasField("filter") else None,
            )
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return documents_pb2.ListDocumentsResponse(
            documents=[document_pb(d) for d in found], next_page_token=token
        )

    async def ConfirmDocument(
        self, request: documents_pb2.ConfirmDocumentRequest, context: Context
    ) -> documents_pb2.ConfirmDocumentResponse:
        who = await require(context, "invoices:write")
        c = request.corrections
        try:
            fixes = use_cases.Corrections(
                debtor_vat=c.debtor_vat or None,
                debtor_name=c.debtor_name or None,
                invoice_number=c.invoice_number or None,
                issue_date=_date(c, "issue_date", "invoice date"),
                due_date=_date(c, "due_date", "due date"),
                amount=c.amount.amount if c.HasField("amount") and c.amount.amount else None,
            )
            doc, invoice = await use_cases.confirm_document(
                tenant_id=who.tenant_id or "",
                document_id=_checked(request.document_id),
                corrections=fixes,
                uow=self._uow(),
                blobs=await self._blobs(),
                member_vat=who.member_vat or "",
            )
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return documents_pb2.ConfirmDocumentResponse(
            document=document_pb(doc), invoice=invoice_pb(invoice)
        )

    async def RejectDocument(
        self, request: documents_pb2.RejectDocumentRequest, context: Context
    ) -> documents_pb2.Document:
        who = await require(context, "invoices:write")
        try:
            doc = await use_cases.reject_document(
                tenant_id=who.tenant_id or "",
                document_id=_checked(request.document_id),
                uow=self._uow(),
                blobs=await self._blobs(),
            )
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return document_pb(doc)

    @staticmethod
    async def _fail(context: Context, exc: errors.IngestError) -> NoReturn:
        status = _STATUS.get(type(exc), grpc.StatusCode.INVALID_ARGUMENT)
        await abort(context, status, exc.code, exc.message)


def _checked(document_id: str) -> str:
    return views.checked_id(document_id, docs.DocumentNotFound, "document")


def _date(msg: Any, name: str, label: str) -> date | None:
    return to_date(getattr(msg, name), label) if msg.HasField(name) else None

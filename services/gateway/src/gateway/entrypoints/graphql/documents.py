"""Uploaded invoice documents: upload, review the draft, confirm or reject, get notified."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry.file_uploads import Upload

from chassis.limits import rpc_limit
from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.errors import PublicError, check_page
from gateway.entrypoints.graphql.types.document import (
    Document,
    DocumentFilterInput,
    InvoiceCorrectionsInput,
)
from gateway.entrypoints.graphql.types.invoice import Invoice, refuse_reading_back
from gateway.entrypoints.graphql.types.pagination import Connection
from gateway.entrypoints.graphql.types.scalars import pb_date
from kmo.ingest.v1 import documents_pb2, ingest_pb2
from kmo.types.v1 import types_pb2

Info = strawberry.Info[Context, None]


async def _get(ctx: Context, document_id: str) -> Document | None:
    found = await ctx.find(
        ctx.backends.documents.GetDocument,
        documents_pb2.GetDocumentRequest(document_id=document_id),
    )
    return None if found is None else Document.from_proto(found)


@strawberry.type
class DocumentQuery:
    @strawberry.field(description="One of your uploaded documents, with the fields OCR read.")
    async def document(self, info: Info, id: strawberry.ID) -> Document | None:
        ctx = info.context
        ctx.require("invoices:read", tenant=True)
        return await _get(ctx, str(id))

    @strawberry.field(
        description="Your uploaded documents, newest first, filtered (for example READY: the "
        "drafts waiting for you); at most 100 a page."
    )
    async def documents(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        filter: DocumentFilterInput | None = None,
    ) -> Connection[Document]:
        ctx = info.context
        ctx.require("invoices:read", tenant=True)
        check_page(first, MAX_DOCUMENTS_PAGE)
        request = documents_pb2.ListDocumentsRequest(page_size=first, page_token=after or "")
        if filter is not None:
            request.filter.CopyFrom(filter.to_proto())
        found = await ctx.call(ctx.backends.documents.ListDocuments, request)
        return Connection.of(
            [Document.from_proto(d) for d in found.documents], found.next_page_token
        )


MAX_DOCUMENTS_PAGE = rpc_limit(
    documents_pb2, "DocumentService.ListDocuments", types_pb2.max_page_size
)
MAX_EINVOICE_BYTES = rpc_limit(ingest_pb2, "IngestService.ImportEInvoice", types_pb2.max_bytes)


@strawberry.type(description="A structured e-invoice in the register.")
class EInvoiceImport:
    invoice: Invoice = strawberry.field(
        description="the invoice recorded, or the one a credit note credited"
    )
    credit_note: bool
    syntax: str = strawberry.field(description='"ubl" or "cii"')
    notes: list[str] = strawberry.field(
        description="what the register decided for the file, such as a default due date"
    )


@strawberry.type
class DocumentMutation:
    @strawberry.mutation(
        description="Upload an invoice (JPEG, PNG, TIFF or PDF, at most 10 MB) for OCR; "
        "it becomes a draft to confirm (subscribe to documentProcessed, or poll document)."
    )
    async def upload_invoice(self, info: Info, file: Upload) -> Document:
        ctx = info.context
        principal = ctx.require("invoices:write", tenant=True)
        content = await file.read(ctx.max_document_bytes + 1)  # type: ignore[attr-defined]
        if len(content) > ctx.max_document_bytes:
            raise PublicError(
                f"documents are limited to {ctx.max_document_bytes} bytes", "PAYLOAD_TOO_LARGE"
            )
        created = await ctx.call(
            ctx.backends.documents.UploadDocument,
            documents_pb2.UploadDocumentRequest(
                content=content,
                filename=getattr(file, "filename", "") or "",
                tenant_vat=principal.member_vat or "",
            ),
        )
        return Document.from_proto(created)

    @strawberry.mutation(
        description="Import a structured e-invoice (at most 5 MB): UBL 2.1 Invoice or "
        "CreditNote (Peppol BIS Billing 3.0, SI-UBL 2.0) or UN/CEFACT CII (Factur-X, ZUGFeRD "
        "2.x, XRechnung). An invoice is recorded like submitInvoice; a credit note credits "
        "your invoice it names. Codes: NOT_AN_EINVOICE, INVALID_EINVOICE, MISSING_BUYER_VAT, "
        "NOT_THE_SELLER, CREDITED_INVOICE_NOT_FOUND, and those of submitInvoice.",
        name="importEInvoice",
    )
    async def import_einvoice(self, info: Info, file: Upload) -> EInvoiceImport:
        ctx = info.context
        ctx.require("invoices:write", tenant=True)
        refuse_reading_back(info)
        content = await file.read(MAX_EINVOICE_BYTES + 1)  # type: ignore[attr-defined]
        if len(content) > MAX_EINVOICE_BYTES:
            raise PublicError(
                f"e-invoices are limited to {MAX_EINVOICE_BYTES} bytes", "PAYLOAD_TOO_LARGE"
            )
        done = await ctx.call(
            ctx.backends.ingest.ImportEInvoice, ingest_pb2.ImportEInvoiceRequest(content=content)
        )
        return EInvoiceImport(
            invoice=Invoice.from_proto(done.invoice),
            credit_note=done.credit_note,
            syntax=done.syntax,
            notes=list(done.notes),
        )

    @strawberry.mutation(
        description="Record the invoice read from a READY document, with your corrections; "
        "the document's bytes are deleted."
    )
    async def confirm_invoice(
        self,
        info: Info,
        document_id: strawberry.ID,
        corrections: InvoiceCorrectionsInput | None = None,
    ) -> Invoice:
        ctx = info.context
        ctx.require("invoices:write", tenant=True)
        refuse_reading_back(info)
        fix = corrections or InvoiceCorrectionsInput()
        request = documents_pb2.ConfirmDocumentRequest(
            document_id=str(document_id),
            corrections=ingest_pb2.SubmitInvoiceRequest(
                debtor_vat=fix.debtor_vat or "",
                debtor_name=fix.debtor_name or "",
                invoice_number=fix.invoice_number or "",
            ),
        )
        c = request.corrections
        if fix.issue_date is not None:
            c.issue_date.CopyFrom(pb_date(fix.issue_date))
        if fix.due_date is not None:
            c.due_date.CopyFrom(pb_date(fix.due_date))
        if fix.amount is not None:
            c.amount.CopyFrom(types_pb2.Money(amount=str(fix.amount), currency="EUR"))
        confirmed = await ctx.call(ctx.backends.documents.ConfirmDocument, request)
        return Invoice.from_proto(confirmed.invoice)

    @strawberry.mutation(description="Drop a document and its draft; its bytes are deleted.")
    async def reject_document(self, info: Info, document_id: strawberry.ID) -> Document:
        ctx = info.context
        ctx.require("invoices:write", tenant=True)
        rejected = await ctx.call(
            ctx.backends.documents.RejectDocument,
            documents_pb2.RejectDocumentRequest(document_id=str(document_id)),
        )
        return Document.from_proto(rejected)


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Your documents as their extraction ends (READY with a draft, or FAILED)."
    )
    async def document_processed(self, info: Info) -> AsyncGenerator[Document, None]:
        ctx = info.context
        principal = ctx.require("invoices:read", tenant=True)
        with ctx.watching(principal.key_id) as revoked:
            async for notice in ctx.notices.listen(principal.tenant_id or "", until=revoked):
                document = await _get(ctx, notice.document_id)
                if document is not None:  # rejected or erased since
                    yield document
        # Only a revoked key ends the stream: the client hears why, then the operation ends.
        raise PublicError("this API key was revoked", "UNAUTHENTICATED")

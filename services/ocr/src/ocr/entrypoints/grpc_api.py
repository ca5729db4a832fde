"""``kmo.ocr.v1.OcrService``: a synchronous extraction preview."""

from __future__ import annotations

import logging
from typing import Any, TypeVar

import grpc
import grpc.aio

from chassis.grpc_server import abort, require
from kmo.ocr.v1 import ocr_pb2, ocr_pb2_grpc
from kmo.types.v1 import types_pb2
from ocr.adapters.extractor import PoolExtractor
from ocr.extraction import MAX_BYTES, DocumentError, ExtractionResult, Field, TesseractUnavailable

Context = grpc.aio.ServicerContext[Any, Any]
T = TypeVar("T")
log = logging.getLogger(__name__)


def field_pb(found: Field[T] | None) -> ocr_pb2.ExtractedField:
    if found is None:
        return ocr_pb2.ExtractedField()
    msg = ocr_pb2.ExtractedField(
        value=found.value.isoformat() if hasattr(found.value, "isoformat") else str(found.value),
        confidence=round(found.confidence, 3),
    )
    if found.box is not None:
        b = found.box
        msg.box.CopyFrom(ocr_pb2.BoundingBox(page=b.page, x=b.x, y=b.y, width=b.w, height=b.h))
    return msg


def response_pb(result: ExtractionResult) -> ocr_pb2.ExtractResponse:
    f = result.fields
    reply = ocr_pb2.ExtractResponse(
        invoice=ocr_pb2.ExtractedInvoice(
            debtor_name=field_pb(f.debtor_name),
            debtor_vat=field_pb(f.debtor_vat),
            seller_vat=field_pb(f.seller_vat),
            invoice_number=field_pb(f.invoice_number),
            issue_date=field_pb(f.invoice_date),
            due_date=field_pb(f.due_date),
            total_amount=field_pb(f.total_amount),
            currency=field_pb(f.currency),
        ),
        page_count=result.page_count,
    )
    if f.debtor_vat is not None:
        reply.debtor.CopyFrom(
            types_pb2.CompanyRef(country=f.debtor_vat.value[:2], vat=f.debtor_vat.value)
        )
    return reply


class OcrApi(ocr_pb2_grpc.OcrServiceServicer):
    def __init__(self, extractor: PoolExtractor) -> None:
        self._extractor = extractor

    async def Extract(  # noqa: N802 - generated method name
        self, request: ocr_pb2.ExtractRequest, context: Context
    ) -> ocr_pb2.ExtractResponse:
        await require(context, "invoices:write")
        if len(request.document) > MAX_BYTES:
            await abort(
                context,
                grpc.StatusCode.INVALID_ARGUMENT,
                "too_large",
                f"documents are limited to {MAX_BYTES} bytes",
            )
        try:
            result = await self._extractor.extract(
                request.document, tenant_vat=request.tenant_vat or None
            )
        except DocumentError as exc:
            # The message describes the file's problem, never its content.
            await abort(context, grpc.StatusCode.INVALID_ARGUMENT, exc.code, str(exc))
        except TesseractUnavailable:
            log.exception("tesseract is not installed on this replica")
            await abort(
                context,
                grpc.StatusCode.UNAVAILABLE,
                "ocr_unavailable",
                "text recognition is unavailable on this replica",
            )
        log.info(
            "extracted",
            extra={
                "pages": result.page_count,
                "type": result.document_type,
                "seconds": round(sum(result.timings.values()), 3),
            },
        )
        return response_pb(result)

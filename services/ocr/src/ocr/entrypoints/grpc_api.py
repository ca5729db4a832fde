"""``kmo.ocr.v1.OcrService``: a synchronous extraction preview."""

from __future__ import annotations

import logging
from typing import Any

import grpc
import grpc.aio

from callers import require
from chassis.grpc_server import abort
from kmo.ocr.v1 import ocr_pb2, ocr_pb2_grpc
from kmo.types.v1 import types_pb2
from ocr.adapters.event_codec import found_fields, invoice_pb
from ocr.adapters.extractor import PoolExtractor
from ocr.adapters.scheduler import WorkScheduler
from ocr.extraction import MAX_BYTES, DocumentError, ExtractionResult, TesseractUnavailable

Context = grpc.aio.ServicerContext[Any, Any]
log = logging.getLogger(__name__)


def response_pb(result: ExtractionResult) -> ocr_pb2.ExtractResponse:
    fields = found_fields(result)
    reply = ocr_pb2.ExtractResponse(invoice=invoice_pb(fields), page_count=result.page_count)
    debtor = fields.get("debtor_vat")
    if debtor is not None:
        reply.debtor.CopyFrom(types_pb2.CompanyRef(country=debtor.value[:2], vat=debtor.value))
    return reply


class OcrApi(ocr_pb2_grpc.OcrServiceServicer):
    def __init__(self, extractor: PoolExtractor, scheduler: WorkScheduler) -> None:
        self._extractor = extractor
        self._scheduler = scheduler

    async def Extract(
        self, request: ocr_pb2.ExtractRequest, context: Context
    ) -> ocr_pb2.ExtractResponse:
        caller = await require(context, "invoices:write")
        if len(request.document) > MAX_BYTES:
            await abort(
                context,
                grpc.StatusCode.INVALID_ARGUMENT,
                "too_large",
                f"documents are limited to {MAX_BYTES} bytes",
            )
        if self._scheduler.unavailable is not None:
            # Known since start-up (the replica reports NOT_SERVING): say so at once.
            await abort(
                context,
                grpc.StatusCode.UNAVAILABLE,
                "ocr_unavailable",
                f"text recognition is unavailable on this replica: {self._scheduler.unavailable}",
            )
        pages = await self._extractor.count_pages(request.document)
        try:
            # A preview waits for a process like a queued job (same order) and counts
            # towards its member's pages, but is not held back by them: a caller waits.
            async with self._scheduler.turn(
                caller.tenant_id or "", pages, capped=False, queued=False
            ):
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

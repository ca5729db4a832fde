"""``kmo.ocr.v1.OcrService``."""

from __future__ import annotations

from typing import Any

import grpc
import grpc.aio

from chassis.grpc_server import abort, require
from kmo.ocr.v1 import ocr_pb2, ocr_pb2_grpc

Context = grpc.aio.ServicerContext[Any, Any]


class OcrApi(ocr_pb2_grpc.OcrServiceServicer):
    async def Extract(
        self, request: ocr_pb2.ExtractRequest, context: Context
    ) -> ocr_pb2.ExtractResponse:
        await require(context, "invoices:write")
        await abort(
            context,
            grpc.StatusCode.UNIMPLEMENTED,
            "not_available",
            "document extraction is not available on this deployment yet",
        )

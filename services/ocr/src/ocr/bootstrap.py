"""Composition root: the only place OCR's adapters are wired together."""

from __future__ import annotations

from pathlib import Path

from chassis.grpc_server import GrpcService
from chassis.messaging import DAY, StreamSpec
from chassis.run import Resources, ServiceDefinition, Wiring
from kmo.ocr.v1 import ocr_pb2, ocr_pb2_grpc
from ocr.adapters.tables import outbox
from ocr.entrypoints.grpc_api import OcrApi

NAME = "ocr"

STREAMS = (StreamSpec("OCR_RESULTS", ["ocr.completed", "ocr.failed"], max_age_seconds=7 * DAY),)


def wire(resources: Resources) -> Wiring:
    service = ocr_pb2.DESCRIPTOR.services_by_name["OcrService"].full_name
    return Wiring(
        grpc=[GrpcService(service, OcrApi(), ocr_pb2_grpc.add_OcrServiceServicer_to_server)]
    )


def build() -> ServiceDefinition:
    return ServiceDefinition(
        name=NAME,
        migrations=Path(__file__).parent / "migrations",
        outbox=outbox,
        streams=STREAMS,
        wire=wire,
    )

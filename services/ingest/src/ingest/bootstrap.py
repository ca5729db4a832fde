"""Composition root: the only place ingest's adapters are wired together."""

from __future__ import annotations

from pathlib import Path

from chassis.grpc_server import GrpcService
from chassis.messaging import DAY, StreamSpec
from chassis.run import Resources, ServiceDefinition, Wiring
from ingest import views
from ingest.adapters.tables import outbox
from ingest.adapters.uow import SqlUnitOfWork
from ingest.entrypoints.grpc_api import IngestApi
from kmo.ingest.v1 import ingest_pb2, ingest_pb2_grpc

NAME = "ingest"

STREAMS = (
    # Limits retention: scoring, benchmarks and partners' tooling can replay.
    StreamSpec("INVOICES", ["invoice.>"], max_age_seconds=365 * DAY),
    # Work queue: each OCR job goes to exactly one worker, gone once acked.
    StreamSpec("OCR_JOBS", ["ocr.requested"], work_queue=True, max_age_seconds=7 * DAY),
)


def wire(resources: Resources) -> Wiring:
    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(resources.sessions, resources.relay.notify)

    api = IngestApi(uow, views.InvoiceReader(resources.sessions))
    service = ingest_pb2.DESCRIPTOR.services_by_name["IngestService"].full_name
    return Wiring(
        grpc=[GrpcService(service, api, ingest_pb2_grpc.add_IngestServiceServicer_to_server)]
    )


def build() -> ServiceDefinition:
    return ServiceDefinition(
        name=NAME,
        migrations=Path(__file__).parent / "migrations",
        outbox=outbox,
        streams=STREAMS,
        wire=wire,
    )

"""Composition root: the only place benchmark's adapters are wired together."""

from __future__ import annotations

from pathlib import Path

from benchmark.adapters.tables import outbox
from benchmark.adapters.uow import SqlUnitOfWork
from benchmark.entrypoints.consumers import score_consumer
from benchmark.entrypoints.grpc_api import BenchmarkApi
from benchmark.views import BenchmarkReader
from chassis.grpc_server import GrpcService
from chassis.messaging import StreamSpec
from chassis.run import Resources, ServiceDefinition, Wiring
from kmo.benchmark.v1 import benchmark_pb2, benchmark_pb2_grpc

NAME = "benchmark"
STREAMS: tuple[StreamSpec, ...] = ()  # publishes nothing yet


def wire(resources: Resources) -> Wiring:
    service = benchmark_pb2.DESCRIPTOR.services_by_name["BenchmarkService"].full_name
    api = BenchmarkApi(BenchmarkReader(resources.sessions))
    return Wiring(
        grpc=[GrpcService(service, api, benchmark_pb2_grpc.add_BenchmarkServiceServicer_to_server)],
        consumers=[score_consumer(lambda: SqlUnitOfWork(resources.sessions))],
    )


def build() -> ServiceDefinition:
    return ServiceDefinition(
        name=NAME,
        migrations=Path(__file__).parent / "migrations",
        outbox=outbox,
        streams=STREAMS,
        wire=wire,
    )

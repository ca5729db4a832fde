"""Composition root: the only place benchmark's adapters are wired together."""

from __future__ import annotations

from pathlib import Path

from benchmark.adapters.uow import SqlUnitOfWork
from benchmark.entrypoints.consumers import score_consumer
from benchmark.entrypoints.grpc_api import BenchmarkApi
from benchmark.settings import Settings
from benchmark.views import BenchmarkReader
from callers import TrustInterceptor
from chassis.grpc_server import GrpcService
from chassis.messaging import StreamSpec
from chassis.run import Resources, ServiceDefinition, Wiring
from kmo.benchmark.v1 import benchmark_pb2, benchmark_pb2_grpc

NAME = "benchmark"
STREAMS: tuple[StreamSpec, ...] = ()  # publishes nothing


def wire(resources: Resources) -> Wiring:
    settings = resources.settings
    assert isinstance(settings, Settings)
    service = benchmark_pb2.DESCRIPTOR.services_by_name["BenchmarkService"].full_name
    reader = BenchmarkReader(resources.sessions, settings.min_group_size, settings.refresh_seconds)
    api = BenchmarkApi(reader)
    return Wiring(
        grpc=[GrpcService(service, api, benchmark_pb2_grpc.add_BenchmarkServiceServicer_to_server)],
        interceptors=[TrustInterceptor(settings.require_internal_key())],
        consumers=[score_consumer(lambda: SqlUnitOfWork(resources.sessions))],
    )


def build() -> ServiceDefinition:
    return ServiceDefinition(
        name=NAME,
        migrations=Path(__file__).parent / "migrations",
        streams=STREAMS,
        wire=wire,
    )

"""Tracing set up once per process, in one function.

Spans cross every hop: gRPC client and server spans come from the gRPC
instrumentors, SQL spans from the SQLAlchemy instrumentor, and NATS hops carry
W3C ``traceparent`` headers written by :mod:`chassis.outbox` and read by
:mod:`chassis.messaging`.
"""

from __future__ import annotations

from opentelemetry import trace
from opentelemetry.instrumentation.grpc import (
    GrpcAioInstrumentorClient,
    GrpcAioInstrumentorServer,
)
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

TRACER_NAME = "kmo"


def setup_telemetry(
    service: str, otlp_endpoint: str | None, provider: TracerProvider | None = None
) -> None:
    """Install the tracer provider and instrument gRPC and SQLAlchemy.

    Must run before any gRPC server, channel or database engine is created:
    the instrumentors patch their factories. ``provider`` lets a test pass one
    with an in-memory exporter; otherwise spans go to OTLP when an endpoint is
    configured and nowhere else (trace ids still reach the logs).
    """
    current = trace.get_tracer_provider()
    if provider is None and not isinstance(current, TracerProvider):
        provider = TracerProvider(resource=Resource.create({"service.name": service}))
        if otlp_endpoint:
            from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

            provider.add_span_processor(
                BatchSpanProcessor(OTLPSpanExporter(endpoint=otlp_endpoint))
            )
    if provider is not None and provider is not current:
        trace.set_tracer_provider(provider)
    # Instrumentors are singletons: a second call in the same process is a no-op.
    for instrumentor in (
        GrpcAioInstrumentorServer(),  # type: ignore[no-untyped-call]
        GrpcAioInstrumentorClient(),  # type: ignore[no-untyped-call]
        SQLAlchemyInstrumentor(),
    ):
        if not instrumentor.is_instrumented_by_opentelemetry:
            # skip_dep_check: the instrumentation declares sqlalchemy<2.1 but
            # works with 2.1; without it nothing would be traced.
            instrumentor.instrument(skip_dep_check=True)


def tracer() -> trace.Tracer:
    return trace.get_tracer(TRACER_NAME)

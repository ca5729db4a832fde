"""Prometheus metrics every service exposes (registered once per process)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram, start_http_server

GRPC_REQUESTS = Counter(
    "kmo_grpc_server_requests_total", "gRPC requests handled", ["method", "code"]
)
GRPC_LATENCY = Histogram(
    "kmo_grpc_server_request_seconds", "gRPC request handling time", ["method"]
)
EVENTS_PUBLISHED = Counter(
    "kmo_events_published_total", "Events relayed from the outbox to JetStream", ["subject"]
)
EVENTS_CONSUMED = Counter(
    "kmo_events_consumed_total",
    "Events handled by a durable consumer",
    ["consumer", "outcome"],  # applied | duplicate | retried | dead_lettered
)
EVENT_LATENCY = Histogram("kmo_event_handling_seconds", "Time to handle one event", ["consumer"])


def serve_metrics(port: int) -> None:
    """Expose ``/metrics`` on ``port`` (a daemon thread; 0 disables it)."""
    if port:
        start_http_server(port)

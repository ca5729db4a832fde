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


def serve_metrics(port: int, host: str = "127.0.0.1") -> None:
    """Expose ``/metrics`` on ``host:port`` (a daemon thread; port 0 disables it). Loopback
    by default: a pod that is scraped sets its address (``0.0.0.0``) and a network policy."""
    if port:
        start_http_server(port, addr=host)

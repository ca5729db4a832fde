"""Prometheus metrics of the gateway's HTTP requests: how many, by method, path and status,
and how long they took. A pure ASGI middleware, as the guard is: Starlette's
``BaseHTTPMiddleware`` runs the app in a task group and passes the response through a
memory stream, a cost on every request."""

from __future__ import annotations

import time

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HTTP_REQUESTS = Counter(
    "kmo_http_requests_total", "HTTP requests served", ["method", "path", "status"]
)
HTTP_LATENCY = Histogram("kmo_http_request_seconds", "HTTP request time", ["method", "path"])

# Paths with a label of their own; every other path (the web app, /metrics, scanners'
# guesses) is "other", so a client cannot make new series.
_PATHS = frozenset({"/graphql", "/healthz", "/readyz"})


class HttpMetrics:
    """Counts and times every HTTP request with the status it was answered.

    It sits outside the guard, so requests the guard refuses (413, 401, 429) are counted
    with their status. A request that raised before answering counts as 500 (what the
    server's error handler answers), one whose client went away while it was read as 499
    (the guard marks it ``disconnected`` in the scope's state).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_counted(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_counted)
        finally:
            method = scope["method"]
            path = scope["path"] if scope["path"] in _PATHS else "other"
            answered = "499" if scope.get("state", {}).get("disconnected") else str(status)
            HTTP_REQUESTS.labels(method, path, answered).inc()
            HTTP_LATENCY.labels(method, path).observe(time.perf_counter() - started)

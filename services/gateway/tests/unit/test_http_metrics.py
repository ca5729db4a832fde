"""The HTTP metrics in front of the guard: every request is counted with the status it was
answered, the guard's refusals included, under the names, labels and buckets that the
dashboards and the bench scripts read."""

from __future__ import annotations

import httpx
from prometheus_client import REGISTRY, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import Message

from gateway.domain.model import Principal
from gateway.entrypoints.http import TokenBuckets, edge_middleware

DEFAULT_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0)


class NoKeys:
    """A key store that knows no key."""

    async def authenticate(self, secret: str) -> Principal | None:
        return None


async def answer(request: Request) -> Response:
    await request.body()
    return PlainTextResponse("ok")


async def fail(request: Request) -> Response:
    raise RuntimeError("a bug")


def gateway(max_bytes: int = 100, burst: float = 100) -> Starlette:
    app = Starlette(
        routes=[
            Route("/graphql", answer, methods=["GET", "POST"]),
            Route("/healthz", answer),
            Route("/boom", fail),
            Route("/app/{rest:path}", answer),
        ],
        middleware=edge_middleware(
            max_bytes=max_bytes, anonymous=TokenBuckets(rate=0.001, burst=burst)
        ),
    )
    app.state.keys = NoKeys()
    return app


def client(app: Starlette) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://gateway")


def served(method: str, path: str, status: str) -> float:
    labels = {"method": method, "path": path, "status": status}
    return REGISTRY.get_sample_value("kmo_http_requests_total", labels) or 0.0


def timed(method: str, path: str) -> float:
    labels = {"method": method, "path": path}
    return REGISTRY.get_sample_value("kmo_http_request_seconds_count", labels) or 0.0


async def test_requests_the_guard_refuses_are_counted_with_their_status() -> None:
    before = {s: served("POST", "/graphql", s) for s in ("200", "401", "413", "429")}
    times = timed("POST", "/graphql")

    async with client(gateway(burst=1)) as c:
        too_large = await c.post("/graphql", content=b"x" * 101)
        bad_key = await c.post("/graphql", headers={"authorization": "Bearer kmo_nobody"})
        first = await c.post("/graphql", content=b"{}")
        limited = await c.post("/graphql", content=b"{}")

    assert [r.status_code for r in (too_large, bad_key, first, limited)] == [413, 401, 200, 429]
    after = {s: served("POST", "/graphql", s) for s in before}
    assert {s: after[s] - before[s] for s in before} == {"200": 1, "401": 1, "413": 1, "429": 1}
    assert timed("POST", "/graphql") - times == 4


async def test_a_request_that_raised_counts_as_500_and_an_unlisted_path_as_other() -> None:
    failed, page = served("GET", "other", "500"), served("GET", "other", "200")

    async with client(gateway()) as c:
        boom = await c.get("/boom")
        app_page = await c.get("/app/invoices/123")

    assert (boom.status_code, app_page.status_code) == (500, 200)
    assert served("GET", "other", "500") - failed == 1
    assert served("GET", "other", "200") - page == 1
    assert served("GET", "/app/invoices/123", "200") == 0  # no series per path


async def test_a_client_gone_while_its_body_was_read_counts_as_499() -> None:
    gone, failed = served("POST", "/graphql", "499"), served("POST", "/graphql", "500")
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "headers": [(b"host", b"gateway")],
        "client": ("127.0.0.1", 50000),
        "server": ("gateway", 80),
        "state": {},
    }
    await gateway()(scope, receive, send)

    assert sent == []  # nobody to answer
    assert served("POST", "/graphql", "499") - gone == 1
    assert served("POST", "/graphql", "500") == failed


async def test_the_metric_names_labels_and_buckets_stay_what_dashboards_read() -> None:
    async with client(gateway()) as c:
        assert (await c.get("/healthz")).status_code == 200

    text = generate_latest().decode()
    assert "# TYPE kmo_http_requests_total counter" in text
    assert "# TYPE kmo_http_request_seconds histogram" in text
    assert 'kmo_http_requests_total{method="GET",path="/healthz",status="200"}' in text
    (histogram,) = (m for m in REGISTRY.collect() if m.name == "kmo_http_request_seconds")
    buckets = {
        s.labels["le"]
        for s in histogram.samples
        if s.name.endswith("_bucket") and s.labels["path"] == "/healthz"
    }
    assert buckets == {str(b) for b in DEFAULT_BUCKETS} | {"+Inf"}
    assert {tuple(sorted(s.labels)) for s in histogram.samples if s.name.endswith("_count")} == {
        ("method", "path")
    }

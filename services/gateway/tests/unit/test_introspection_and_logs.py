"""The gateway's real HTTP stack (guard, Strawberry view, schema) without backends:
introspection is open while the IDE is on and otherwise only for keys that hold a scope,
however the query hides its ``__schema`` or ``__type``; a client that goes away is not a
500; a caller's mistakes are logged at INFO with their code, the unexpected at ERROR."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any, cast

import httpx
import pytest
from graphql import parse
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from gateway.domain.model import Principal
from gateway.entrypoints.graphql.schema import introspects, schema
from gateway.entrypoints.http import GatewayGraphQL, Guard

KEYS = {"member": Principal("k1", "tenant-1", frozenset({"risk:read"}), "BE1")}
HIDDEN = [
    "{ __schema { types { name } } }",
    '{ t: __type(name: "Company") { fields { name } } }',
    "query { ...F } fragment F on Query { __schema { queryType { name } } }",
    '{ ... on Query { __type(name: "Query") { name } } }',
]


class FakeKeys:
    async def authenticate(self, token: str) -> Principal | None:
        return KEYS.get(token)

    def revoked(self, key_id: str) -> bool:
        return False

    def watching(self, key_id: str) -> contextlib.nullcontext[asyncio.Event]:
        return contextlib.nullcontext(asyncio.Event())


async def slow_call(request: object, **_: object) -> object:
    """A backend in trouble: it takes a second to answer."""
    await asyncio.sleep(1.0)
    raise AssertionError("the budget should have stopped the request first")


def app(introspection_open: bool, budget: float = 30.0) -> Starlette:
    view = GatewayGraphQL(schema, graphql_ide=None, multipart_uploads_enabled=True)
    view.time_budget = budget
    built = Starlette(
        routes=[Route("/graphql", view, methods=["GET", "POST"])],
        middleware=[Middleware(Guard, max_bytes=1 << 20)],
    )
    built.state.keys = FakeKeys()
    unused = SimpleNamespace(BatchGetRiskProfiles=None, BatchGetCompanyPositions=None)
    slow = SimpleNamespace(BatchGetCompanyPositions=None, GetSectorBenchmark=slow_call)
    built.state.backends = SimpleNamespace(ingest=unused, scoring=unused, benchmark=slow)
    built.state.rpc_timeout = 5.0
    built.state.internal_key = "k" * 32
    built.state.notices = None
    built.state.max_document_bytes = 1 << 20
    built.state.max_import_bytes = 1 << 20
    built.state.introspection_open = introspection_open
    return built


@pytest.fixture(params=[False, True], ids=["ide-off", "ide-on"])
async def client(request: pytest.FixtureRequest) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app(introspection_open=request.param))
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as c:
        c.ide_on = request.param  # type: ignore[attr-defined]
        yield c


async def ask(client: httpx.AsyncClient, query: str, key: str | None = None) -> Any:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return (await client.post("/graphql", json={"query": query}, headers=headers)).json()


@pytest.mark.parametrize("query", HIDDEN)
async def test_an_anonymous_caller_reads_the_schema_only_while_the_ide_is_on(
    client: httpx.AsyncClient, query: str
) -> None:
    body = await ask(client, query)
    if client.ide_on:  # type: ignore[attr-defined]
        assert "errors" not in body and body["data"]
    else:
        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.parametrize("query", HIDDEN)
async def test_a_key_with_a_scope_reads_the_schema_either_way(
    client: httpx.AsyncClient, query: str
) -> None:
    body = await ask(client, query, "member")
    assert "errors" not in body and body["data"]


async def test_the_answer_for_a_key_is_not_cached_for_the_next_anonymous_caller() -> None:
    transport = httpx.ASGITransport(app=app(introspection_open=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as c:
        assert "errors" not in await ask(c, HIDDEN[0], "member")
        assert (await ask(c, HIDDEN[0]))["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert (await ask(c, "{ __typename }"))["data"] == {"__typename": "Query"}


def test_plain_queries_do_not_count_as_introspection() -> None:
    assert not introspects(parse('{ __typename company(vat: "BE1") { name __typename } }'))
    assert all(introspects(parse(q)) for q in HIDDEN)


async def test_a_client_that_goes_away_mid_upload_is_no_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    built = app(introspection_open=False)
    part = (
        b'--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
        b'{"query":"mutation($f: Upload!){importCsv(file:$f){id}}","variables":{"f":null}}\r\n'
        b'--b\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"]}\r\n'
        b'--b\r\nContent-Disposition: form-data; name="0"; filename="a.csv"\r\n\r\nF-1;BE'
    )  # the file part has begun when the client goes
    messages = [{"type": "http.request", "body": part, "more_body": True}]

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    sent: list[dict[str, Any]] = []

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {
        "type": "http", "method": "POST", "path": "/graphql", "query_string": b"",
        "headers": [
            (b"content-type", b"multipart/form-data; boundary=b"),
            (b"authorization", b"Bearer member"),
        ],
        "server": ("gateway", 80), "scheme": "http", "root_path": "", "app": built,
    }  # fmt: skip
    with caplog.at_level(logging.INFO):
        await built(scope, receive, send)  # no exception, so no 500 and no traceback

    assert not [m for m in sent if m["type"] == "http.response.start"]
    assert [r.levelname for r in caplog.records if "disconnected" in r.getMessage()] == ["INFO"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_callers_mistakes_are_info_with_their_code_and_the_unexpected_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    transport = httpx.ASGITransport(app=app(introspection_open=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as c:
        with caplog.at_level(logging.INFO):
            await ask(c, "{ nope }")  # validation
            await ask(c, HIDDEN[0])  # forbidden
            await ask(c, '{ company(vat: "BE0123456749") { riskProfile { score } } }', "member")

    refused = [r for r in caplog.records if r.getMessage() == "graphql request refused"]
    assert [(r.levelname, r.code) for r in refused] == [  # type: ignore[attr-defined]
        ("INFO", "BAD_REQUEST"), ("INFO", "FORBIDDEN"),
    ]  # fmt: skip
    # The fake backend cannot answer: an unexpected error, logged with its traceback.
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and errors[0].exc_info is not None


async def test_a_repeated_query_is_validated_once_and_the_limits_still_hold(
    client: httpx.AsyncClient,
) -> None:
    """The depth and alias rules are made once, so the validation cache answers a query seen
    before (rules made per request would miss it every time)."""
    from strawberry.extensions.validation_cache import _get_validate_cache

    cached = cast("functools._lru_cache_wrapper[object]", _get_validate_cache(512))
    query = "{ __typename t2: __typename }"
    await ask(client, query)
    hits = cached.cache_info().hits
    for _ in range(3):
        assert (await ask(client, query))["data"] == {"__typename": "Query", "t2": "Query"}
    assert cached.cache_info().hits == hits + 3

    aliases = "{ " + " ".join(f"a{i}: __typename" for i in range(31)) + " }"
    body = await ask(client, aliases, "member")
    assert body["data"] is None and "aliases" in body["errors"][0]["message"]


async def test_an_operation_over_the_cost_budget_is_refused_whole_before_it_runs() -> None:
    vats = [f"BE0{n:09d}" for n in range(1000)]
    query = (
        "query($v: [String!]!) { "
        + " ".join(f"a{i}: companies(vats: $v) {{ vat name sector trend }}" for i in range(15))
        + " }"
    )
    transport = httpx.ASGITransport(app=app(introspection_open=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as c:
        reply = await c.post(
            "/graphql",
            json={"query": query, "variables": {"v": vats}},
            headers={
                "accept": "application/graphql-response+json",
                "Authorization": "Bearer member",
            },
        )
    body = reply.json()
    assert reply.status_code == 400 and "data" not in body
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert len(reply.content) < 1000  # the refusal does not echo the input


async def test_a_request_over_its_time_budget_is_stopped_with_timeout() -> None:
    transport = httpx.ASGITransport(app=app(introspection_open=False, budget=0.2))
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as c:
        started = asyncio.get_running_loop().time()
        reply = await c.post(
            "/graphql",
            json={"query": '{ sectorBenchmark(country: "BE") { withheld } }'},
            headers={
                "accept": "application/graphql-response+json",
                "Authorization": "Bearer member",
            },
        )
        took = asyncio.get_running_loop().time() - started
    assert reply.status_code == 504 and took < 0.9
    assert reply.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"

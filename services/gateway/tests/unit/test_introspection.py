"""Introspection through the gateway's real HTTP stack: open while the IDE is on; with it off,
only for keys that hold a scope, however the query hides its ``__schema`` or ``__type``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

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


def app(introspection_open: bool) -> Starlette:
    view = GatewayGraphQL(schema, graphql_ide=None)
    built = Starlette(
        routes=[Route("/graphql", view, methods=["GET", "POST"])],
        middleware=[Middleware(Guard, max_bytes=1 << 20)],
    )
    built.state.keys = FakeKeys()
    unused = SimpleNamespace(BatchGetRiskProfiles=None, BatchGetCompanyPositions=None)
    built.state.backends = SimpleNamespace(ingest=unused, scoring=unused, benchmark=unused)
    built.state.rpc_timeout = 5.0
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

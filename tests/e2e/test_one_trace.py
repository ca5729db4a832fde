"""One recordPayment is one trace: GraphQL -> gRPC -> SQL -> NATS -> scoring consumer.

The services run in this process (not as subprocesses) so that every span
lands in one in-memory exporter; they are wired exactly as their ``__main__``
wires them, talking over real gRPC, PostgreSQL and NATS.
"""

from __future__ import annotations

import asyncio
from typing import Any, TypedDict

import httpx
from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from starlette.applications import Starlette

import ingest.bootstrap
import ingest.settings
import scoring.bootstrap
import scoring.settings
from chassis.run import started
from devstack.e2e import PAY, RISK, SUBMIT, unique_ref
from devstack.samples import belgian_vat
from devstack.testing import Databases
from gateway.bootstrap import create_app
from gateway.domain.model import MEMBER_SCOPES
from gateway.settings import Settings as GatewaySettings


async def gql(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    body = (await client.post("/graphql", json={"query": query, "variables": variables})).json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def until_profile(client: httpx.AsyncClient, vat: str, paid: int) -> None:
    for _ in range(200):
        found = (await gql(client, RISK, {"vat": vat}))["company"]["riskProfile"]
        if found and found["paidCount"] == paid:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("scoring never processed the event")


class Common(TypedDict):
    """What ingest's and scoring's settings share here."""

    nats_url: str
    nats_namespace: str
    grpc_host: str
    grpc_port: int


async def test_one_record_payment_is_one_trace_across_gateway_ingest_nats_and_scoring(
    databases: Databases, nats_url: str, nats_namespace: str, span_exporter: InMemorySpanExporter
) -> None:
    common: Common = {
        "nats_url": nats_url,
        "nats_namespace": f"{nats_namespace}trace",
        "grpc_host": "127.0.0.1",
        "grpc_port": 0,
    }
    ingest_cfg = ingest.settings.Settings(database_url=databases.fresh("trace_ingest"), **common)
    scoring_cfg = scoring.settings.Settings(database_url=databases.fresh("trace_scoring"), **common)
    async with (
        started(ingest.bootstrap.build(), ingest_cfg) as ingest_run,
        started(scoring.bootstrap.build(), scoring_cfg) as scoring_run,
    ):
        app = create_app(
            GatewaySettings(
                database_url=databases.fresh("trace_gateway"),
                nats_url=nats_url,
                nats_namespace=common["nats_namespace"],  # score.updated keeps its cache fresh
                ingest_addr=f"127.0.0.1:{ingest_run.grpc_port}",
                scoring_addr=f"127.0.0.1:{scoring_run.grpc_port}",
            )
        )
        assert isinstance(app, OpenTelemetryMiddleware)
        starlette = app.app  # inside the OpenTelemetry ASGI middleware
        assert isinstance(starlette, Starlette)
        async with starlette.router.lifespan_context(starlette):
            keys = starlette.state.keys
            member = await keys.create_member("Trace BV", belgian_vat())
            key = await keys.create_key(member.id, "trace", MEMBER_SCOPES)
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app),
                base_url="http://gateway",
                headers={"Authorization": f"Bearer {key.secret}"},
            ) as client:
                debtor = belgian_vat()
                invoice = (
                    await gql(
                        client,
                        SUBMIT,
                        {
                            "input": {
                                "debtorVat": debtor,
                                "invoiceNumber": unique_ref(),
                                "issueDate": "2026-09-01",
                                "dueDate": "2026-10-01",
                                "amount": "99.95",
                            }
                        },
                    )
                )["submitInvoice"]
                await until_profile(client, debtor, paid=0)
                span_exporter.clear()
                await gql(
                    client, PAY, {"input": {"invoiceId": invoice["id"], "paidDate": "2026-10-10"}}
                )
                await until_profile(client, debtor, paid=1)

    spans = span_exporter.get_finished_spans()
    rpc = next(
        s
        for s in spans
        if s.kind == SpanKind.CLIENT and s.name == "/kmo.ingest.v1.IngestService/RecordPayment"
    )
    trace_id = rpc.context.trace_id
    one_trace = [s for s in spans if s.context.trace_id == trace_id]
    kinds_names = {(s.kind, s.name) for s in one_trace}

    http_root = [s for s in one_trace if s.kind == SpanKind.SERVER and s.name.startswith("POST")]
    assert len(http_root) == 1 and http_root[0].parent is None, (
        "the trace starts at the HTTP request"
    )
    assert (SpanKind.SERVER, "/kmo.ingest.v1.IngestService/RecordPayment") in kinds_names
    assert (SpanKind.PRODUCER, "invoice.paid publish") in kinds_names
    # The payment and the settlement it causes arrive together: one batch span or two.
    assert any(
        k == SpanKind.CONSUMER and n.startswith("invoice.") and " process" in n
        for k, n in kinds_names
    ), kinds_names
    statements = " ".join(
        str(s.attributes.get("db.statement", "")) for s in one_trace if s.attributes
    )
    assert "INSERT INTO payments" in statements  # ingest's SQL
    assert "INSERT INTO experiences" in statements  # scoring's SQL, after NATS
    consumer = next(s for s in one_trace if s.kind == SpanKind.CONSUMER)
    by_id = {s.context.span_id: s for s in one_trace}
    chain = []
    node = consumer
    while node.parent is not None:
        node = by_id[node.parent.span_id]
        chain.append((node.kind, node.name))
    assert any(k == SpanKind.PRODUCER and n.startswith("invoice.") for k, n in chain), chain
    assert (SpanKind.SERVER, "/kmo.ingest.v1.IngestService/RecordPayment") in chain

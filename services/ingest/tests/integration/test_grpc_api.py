"""IngestService over a real gRPC channel, with the chassis running the whole service."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import grpc.aio
import nats.js.errors
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2

from callers import Caller
from chassis.grpc_server import error_code
from chassis.messaging import Namespace
from chassis.run import started
from devstack.samples import belgian_vat
from devstack.servers import caller_metadata
from devstack.testing import Databases
from ingest import bootstrap
from ingest.settings import Settings
from kmo.ingest.v1 import events_pb2, ingest_pb2, ingest_pb2_grpc
from kmo.types.v1 import types_pb2


@dataclass
class Running:
    stub: ingest_pb2_grpc.IngestServiceAsyncStub
    health: health_pb2_grpc.HealthStub
    channel: grpc.aio.Channel
    js: Any
    ns: Namespace


@pytest.fixture(scope="module")
async def ingest_service(
    databases: Databases, nats_url: str, nats_namespace: str
) -> AsyncIterator[Running]:
    settings = Settings(
        database_url=databases.fresh("ingest_grpc"),
        nats_url=nats_url,
        nats_namespace=f"{nats_namespace}ingest",
        grpc_host="127.0.0.1",
        grpc_port=0,
        shutdown_grace_seconds=1.0,
    )
    async with started(bootstrap.build(), settings) as running:
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{running.grpc_port}")
        res = running.resources
        yield Running(
            ingest_pb2_grpc.IngestServiceStub(channel),
            health_pb2_grpc.HealthStub(channel),
            channel,
            res.js,
            res.namespace,
        )
        await channel.close()
        for spec in bootstrap.STREAMS:
            await res.js.delete_stream(res.namespace.stream(spec.name))


def member(
    tenant: str, scopes: str = "invoices:write invoices:read", member_vat: str | None = None
) -> tuple[tuple[str, str], ...]:
    return caller_metadata(scopes, tenant, member_vat)


def request(
    debtor: str, number: str = "G-1", amount: str = "250.00"
) -> ingest_pb2.SubmitInvoiceRequest:
    return ingest_pb2.SubmitInvoiceRequest(
        debtor_vat=debtor,
        debtor_name="Garage Wouters",
        invoice_number=number,
        issue_date=types_pb2.Date(year=2026, month=8, day=1),
        due_date=types_pb2.Date(year=2026, month=8, day=31),
        amount=types_pb2.Money(amount=amount, currency="EUR"),
        debtor_sector="45.20",
    )


async def test_the_health_service_reports_serving(ingest_service: Running) -> None:
    overall = await ingest_service.health.Check(health_pb2.HealthCheckRequest(service=""))
    api = await ingest_service.health.Check(
        health_pb2.HealthCheckRequest(service="kmo.ingest.v1.IngestService")
    )

    assert overall.status == health_pb2.HealthCheckResponse.SERVING
    assert api.status == health_pb2.HealthCheckResponse.SERVING


@pytest.mark.parametrize("version", ["v1", "v1alpha"])
async def test_reflection_answers_in_both_versions_without_a_signature(
    ingest_service: Running, version: str
) -> None:
    info = ingest_service.channel.stream_stream(
        f"/grpc.reflection.{version}.ServerReflection/ServerReflectionInfo",
        request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
        response_deserializer=reflection_pb2.ServerReflectionResponse.FromString,
    )
    asked = [
        reflection_pb2.ServerReflectionRequest(list_services=""),
        reflection_pb2.ServerReflectionRequest(
            file_containing_symbol="kmo.ingest.v1.IngestService"
        ),
    ]

    answers = [a async for a in info(iter(asked))]

    listed = {s.name for s in answers[0].list_services_response.service}
    assert {"kmo.ingest.v1.IngestService", "grpc.health.v1.Health"} <= listed
    files = answers[1].file_descriptor_response.file_descriptor_proto
    assert any(b"kmo/ingest/v1/ingest.proto" in f for f in files)


async def test_a_caller_without_the_write_scope_is_denied(ingest_service: Running) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await ingest_service.stub.SubmitInvoice(
            request(belgian_vat()), metadata=member("m-1", "invoices:read risk:read")
        )

    assert raised.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert error_code(raised.value) == "forbidden"


async def test_a_call_whose_identity_the_gateway_did_not_sign_is_refused(
    ingest_service: Running,
) -> None:
    """Reaching the port is not enough: a forged tenant, raised scopes, another deployment's
    key or no signature at all get UNAUTHENTICATED, and nothing is stored or read."""
    genuine = member("m-1", "invoices:read")
    forged_tenant = tuple((k, "m-2") if k == "kmo-tenant-id" else (k, v) for k, v in genuine)
    raised_scopes = tuple(
        (k, "admin invoices:read") if k == "kmo-scopes" else (k, v) for k, v in genuine
    )
    other_key = Caller("m-1", frozenset({"invoices:read"})).metadata("x" * 32)
    unsigned = (("kmo-tenant-id", "m-1"), ("kmo-scopes", "admin"))
    for metadata in (forged_tenant, raised_scopes, other_key, unsigned, ()):
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await ingest_service.stub.ListInvoices(
                ingest_pb2.ListInvoicesRequest(page_size=1), metadata=metadata
            )
        assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
        assert error_code(refused.value) == "unsigned_call"
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await ingest_service.stub.StartImport(
            iter([ingest_pb2.ImportChunk(data=b"x")]), metadata=unsigned
        )
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    # Probes and tools still reach the standard health service unsigned.
    served = await ingest_service.health.Check(health_pb2.HealthCheckRequest())
    assert served.status == health_pb2.HealthCheckResponse.SERVING
    await ingest_service.stub.ListInvoices(
        ingest_pb2.ListInvoicesRequest(page_size=1), metadata=genuine
    )


async def test_a_partner_without_a_tenant_cannot_submit(ingest_service: Running) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await ingest_service.stub.SubmitInvoice(
            request(belgian_vat()), metadata=caller_metadata("invoices:write")
        )

    assert raised.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert error_code(raised.value) == "no_tenant"


async def test_an_invalid_vat_number_is_an_invalid_argument_with_its_machine_code(
    ingest_service: Running,
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await ingest_service.stub.SubmitInvoice(request("BE0123456780"), metadata=member("m-1"))

    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_code(raised.value) == "invalid_vat"
    assert "BE0123456780" in (raised.value.details() or "")


async def test_a_submitted_invoice_comes_back_and_its_event_reaches_the_stream(
    ingest_service: Running,
) -> None:
    tenant, debtor = f"m-{uuid.uuid4().hex[:8]}", belgian_vat()

    created = await ingest_service.stub.SubmitInvoice(request(debtor), metadata=member(tenant))

    assert created.status == ingest_pb2.INVOICE_STATUS_OPEN
    assert (created.amount.amount, created.paid_amount.amount) == ("250.00", "0.00")
    assert created.debtor.vat == debtor
    fetched = await ingest_service.stub.GetInvoice(
        ingest_pb2.GetInvoiceRequest(invoice_id=created.id), metadata=member(tenant)
    )
    assert fetched == created

    js, ns = ingest_service.js, ingest_service.ns
    subject = ns.subject("invoice.recorded")
    for _ in range(100):  # the relay is woken by the commit; allow it a moment
        try:
            msg = await js.get_last_msg(ns.stream("INVOICES"), subject)
            event = events_pb2.InvoiceRecorded.FromString(msg.data)
            if event.invoice_id == created.id:
                break
        except nats.js.errors.NotFoundError:
            pass  # nothing published on the subject yet
        await asyncio.sleep(0.05)
    else:
        raise AssertionError("invoice.recorded never reached the stream")
    assert event.tenant_id == tenant
    assert event.debtor_sector == "G45.20"  # the normal form
    assert (msg.headers or {})["kmo-event-type"] == "kmo.ingest.v1.InvoiceRecorded"


async def test_another_members_invoice_is_not_found(ingest_service: Running) -> None:
    owner = f"m-{uuid.uuid4().hex[:8]}"
    created = await ingest_service.stub.SubmitInvoice(
        request(belgian_vat()), metadata=member(owner)
    )

    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await ingest_service.stub.RecordPayment(
            ingest_pb2.RecordPaymentRequest(
                invoice_id=created.id, paid_date=types_pb2.Date(year=2026, month=9, day=1)
            ),
            metadata=member("m-intruder"),
        )

    assert raised.value.code() == grpc.StatusCode.NOT_FOUND
    assert error_code(raised.value) == "invoice_not_found"


async def test_settling_over_grpc_reports_the_paid_invoice(ingest_service: Running) -> None:
    tenant = f"m-{uuid.uuid4().hex[:8]}"
    created = await ingest_service.stub.SubmitInvoice(
        request(belgian_vat()), metadata=member(tenant)
    )

    paid = await ingest_service.stub.RecordPayment(
        ingest_pb2.RecordPaymentRequest(
            invoice_id=created.id, paid_date=types_pb2.Date(year=2026, month=9, day=3)
        ),
        metadata=member(tenant),
    )

    assert paid.status == ingest_pb2.INVOICE_STATUS_PAID
    assert paid.paid_amount.amount == "250.00"
    assert (paid.paid_date.month, paid.paid_date.day) == (9, 3)


async def test_a_duplicate_number_is_already_exists(ingest_service: Running) -> None:
    tenant = f"m-{uuid.uuid4().hex[:8]}"
    await ingest_service.stub.SubmitInvoice(request(belgian_vat(), "D-1"), metadata=member(tenant))

    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await ingest_service.stub.SubmitInvoice(
            request(belgian_vat(), "D-1"), metadata=member(tenant)
        )

    assert raised.value.code() == grpc.StatusCode.ALREADY_EXISTS
    assert error_code(raised.value) == "duplicate_invoice"


async def test_a_nul_byte_is_one_invalid_item_and_the_rest_of_the_batch_is_stored(
    ingest_service: Running,
) -> None:
    tenant, debtor = f"m-{uuid.uuid4().hex[:8]}", belgian_vat()
    hostile = request(debtor, "N-2")
    hostile.debtor_name = "Garage\x00Wouters"
    sector = request(debtor, "N-3")
    sector.debtor_sector = "F4\x003"
    batch = ingest_pb2.SubmitInvoicesRequest(invoices=[request(debtor, "N-1"), hostile, sector])

    got = await ingest_service.stub.SubmitInvoices(batch, metadata=member(tenant))

    first, second, third = got.results
    assert first.invoice.id and not first.error_code
    assert (second.error_code, third.error_code) == ("invalid_invoice", "invalid_invoice")
    assert "control characters" in second.error_message


async def test_a_member_reporting_itself_as_debtor_is_refused(ingest_service: Running) -> None:
    tenant, own = f"m-{uuid.uuid4().hex[:8]}", belgian_vat()
    md = member(tenant, member_vat=own)
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await ingest_service.stub.SubmitInvoice(request(own, "S-1"), metadata=md)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_code(err.value) == "invalid_invoice"
    assert "own debtor" in (err.value.details() or "")
    other = await ingest_service.stub.SubmitInvoice(request(belgian_vat(), "S-2"), metadata=md)
    assert other.id


EINVOICES = Path(__file__).resolve().parents[1] / "einvoices"


async def test_an_einvoice_and_its_credit_note_over_grpc_stay_with_their_member(
    ingest_service: Running,
) -> None:
    """A credit note another member sends for the same number credits nothing of mine."""
    seller, other = belgian_vat(), belgian_vat()

    def as_member(name: str, vat: str) -> bytes:
        data = (EINVOICES / name).read_bytes()
        return data.replace(b"BE0202239951", vat.encode()).replace(b"0202239951", vat[2:].encode())

    mine = member(f"m-{uuid.uuid4().hex[:8]}", member_vat=seller)
    theirs = member(f"m-{uuid.uuid4().hex[:8]}", member_vat=other)
    done = await ingest_service.stub.ImportEInvoice(
        ingest_pb2.ImportEInvoiceRequest(content=as_member("peppol-invoice.xml", seller)),
        metadata=mine,
    )
    assert (done.syntax, done.credit_note, done.invoice.invoice_number) == (
        "ubl", False, "F-2026-0147",
    )  # fmt: skip

    with pytest.raises(grpc.aio.AioRpcError) as err:
        await ingest_service.stub.ImportEInvoice(
            ingest_pb2.ImportEInvoiceRequest(content=as_member("peppol-creditnote.xml", other)),
            metadata=theirs,
        )
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    assert error_code(err.value) == "credited_invoice_not_found"

    credited = await ingest_service.stub.ImportEInvoice(
        ingest_pb2.ImportEInvoiceRequest(content=as_member("peppol-creditnote.xml", seller)),
        metadata=mine,
    )
    assert credited.credit_note and credited.invoice.credited_amount.amount == "242.00"

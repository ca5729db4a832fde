"""The read side over real gRPC: companies by VAT and by name, filtered invoice pages and
a member's receivables summary, each tenant seeing only its own."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date, timedelta

import grpc
import grpc.aio
import pytest

from chassis.grpc_server import error_code
from chassis.run import started
from devstack.samples import belgian_vat
from devstack.servers import caller_metadata
from devstack.testing import Databases
from ingest import bootstrap
from ingest.adapters.event_codec import pb_date
from ingest.settings import Settings
from kmo.ingest.v1 import ingest_pb2, ingest_pb2_grpc
from kmo.types.v1 import types_pb2

Filter = ingest_pb2.InvoiceFilter

TODAY = date.today()


@pytest.fixture(scope="module")
async def stub(
    databases: Databases, nats_url: str, nats_namespace: str
) -> AsyncIterator[ingest_pb2_grpc.IngestServiceAsyncStub]:
    settings = Settings(
        database_url=databases.fresh("ingest_read"),
        nats_url=nats_url,
        nats_namespace=f"{nats_namespace}ingestread",
        grpc_host="127.0.0.1",
        grpc_port=0,
        shutdown_grace_seconds=1.0,
    )
    async with started(bootstrap.build(), settings) as running:
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{running.grpc_port}")
        yield ingest_pb2_grpc.IngestServiceStub(channel)
        await channel.close()
        res = running.resources
        for spec in bootstrap.STREAMS:
            await res.js.delete_stream(res.namespace.stream(spec.name))


def member(tenant: str) -> tuple[tuple[str, str], ...]:
    return caller_metadata("invoices:write invoices:read", tenant)


def invoice(
    debtor: str,
    number: str,
    *,
    issued: int,
    due: int,
    amount: str = "100.00",
    name: str = "Garage Wouters",
    sector: str = "45.20",
) -> ingest_pb2.SubmitInvoiceRequest:
    """An invoice issued ``issued`` days ago and due ``due`` days from today."""
    return ingest_pb2.SubmitInvoiceRequest(
        debtor_vat=debtor,
        debtor_name=name,
        invoice_number=number,
        issue_date=pb_date(TODAY - timedelta(days=issued)),
        due_date=pb_date(TODAY + timedelta(days=due)),
        amount=types_pb2.Money(amount=amount, currency="EUR"),
        debtor_sector=sector,
    )


async def test_companies_come_back_by_vat_in_order_and_are_found_by_name_or_vat_prefix(
    stub: ingest_pb2_grpc.IngestServiceAsyncStub,
) -> None:
    tenant = f"m-{uuid.uuid4().hex[:8]}"
    tag = uuid.uuid4().hex[:6]
    electric, bakery, unknown = belgian_vat(), belgian_vat(), belgian_vat()
    await stub.SubmitInvoice(
        invoice(electric, "C-1", issued=5, due=25, name=f"Électricité Dupont-Frères {tag}"),
        metadata=member(tenant),
    )
    await stub.SubmitInvoice(
        invoice(bakery, "C-2", issued=5, due=25, name=f"Bakkerij Janssens {tag}", sector="10.71"),
        metadata=member(tenant),
    )
    partner = caller_metadata("risk:read")  # no tenant needed to read the register

    got = await stub.BatchGetCompanies(
        ingest_pb2.BatchGetCompaniesRequest(
            companies=[
                types_pb2.CompanyRef(country="BE", vat=v) for v in (bakery, unknown, electric)
            ]
        ),
        metadata=partner,
    )
    assert [(c.company.vat, c.found, c.sector) for c in got.companies] == [
        (bakery, True, "C10.71"),
        (unknown, False, ""),
        (electric, True, "G45.20"),
    ]
    assert got.companies[2].name == f"Électricité Dupont-Frères {tag}"

    async def search(query: str, country: str = "") -> list[str]:
        found = await stub.SearchCompanies(
            ingest_pb2.SearchCompaniesRequest(query=query, country=country), metadata=partner
        )
        return [c.company.vat for c in found.companies]

    assert await search(f"electricite dupont {tag}") == [electric]  # accents and case
    assert await search(f"freres {tag}") == [electric]  # words anywhere, punctuation ignored
    assert await search(f"{tag} JANSS") == [bakery]  # word prefixes in any order
    assert electric in await search(electric[:8])  # a VAT prefix
    assert await search(f"janssens {tag}", country="NL") == []

    for bad in ("x", "a" * 101, "ab\x00cd"):
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await search(bad)
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    too_many = ingest_pb2.BatchGetCompaniesRequest(
        companies=[types_pb2.CompanyRef(country="BE", vat=bakery)] * 1001
    )
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stub.BatchGetCompanies(too_many, metadata=partner)
    assert error_code(refused.value) == "batch_too_large"
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stub.SearchCompanies(
            ingest_pb2.SearchCompaniesRequest(query="bakkerij"),
            metadata=caller_metadata("invoices:read", tenant),
        )
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_a_members_summary_ages_its_open_invoices_and_ignores_other_members(
    stub: ingest_pb2_grpc.IngestServiceAsyncStub,
) -> None:
    tenant, other = f"m-{uuid.uuid4().hex[:8]}", f"m-{uuid.uuid4().hex[:8]}"
    big, small = belgian_vat(), belgian_vat()
    rows = [
        invoice(big, "S-1", issued=10, due=20, amount="1000.00"),  # not due
        invoice(big, "S-2", issued=40, due=-10, amount="200.00"),  # 10 days late
        invoice(small, "S-3", issued=75, due=-45, amount="300.00"),  # 45 days late
        invoice(big, "S-4", issued=230, due=-200, amount="400.00"),  # over 120
        invoice(small, "S-5", issued=60, due=-30, amount="50.00"),  # disputed: not overdue
        invoice(big, "S-6", issued=50, due=-20, amount="500.00"),  # partly paid: 200 open
        invoice(small, "S-7", issued=100, due=-70, amount="80.00"),  # paid 10 days late
    ]
    ids = {}
    for row in rows:
        ids[row.invoice_number] = (await stub.SubmitInvoice(row, metadata=member(tenant))).id
    await stub.SubmitInvoice(
        invoice(big, "X-1", issued=10, due=-5, amount="9999.00"), metadata=member(other)
    )
    await stub.ChangeInvoice(
        ingest_pb2.ChangeInvoiceRequest(
            invoice_id=ids["S-5"], dispute=ingest_pb2.Dispute(reason="wrong goods")
        ),
        metadata=member(tenant),
    )
    await stub.RecordPayment(
        ingest_pb2.RecordPaymentRequest(
            invoice_id=ids["S-6"],
            paid_date=pb_date(TODAY - timedelta(days=2)),
            amount=types_pb2.Money(amount="300.00", currency="EUR"),
        ),
        metadata=member(tenant),
    )
    await stub.RecordPayment(
        ingest_pb2.RecordPaymentRequest(
            invoice_id=ids["S-7"], paid_date=pb_date(TODAY - timedelta(days=60))
        ),
        metadata=member(tenant),
    )

    got = await stub.GetMemberSummary(
        ingest_pb2.GetMemberSummaryRequest(debtors=5, activity=3), metadata=member(tenant)
    )

    assert (got.open_invoices, got.outstanding.amount) == (6, "2150.00")
    assert (got.overdue_invoices, got.overdue.amount) == (4, "1100.00")
    assert got.disputed_invoices == 1 and got.debtor_count == 2
    ageing = {b.label: (b.count, b.amount.amount) for b in got.ageing}
    assert ageing == {
        "not due": (1, "1000.00"),
        "1-30": (3, "450.00"),  # S-2, S-6 and the disputed S-5 by its age
        "31-60": (1, "300.00"),
        "61-90": (0, "0.00"),
        "91-120": (0, "0.00"),
        "over 120": (1, "400.00"),
    }
    # Invoiced in the last 90 days: S-1, S-2, S-3, S-5, S-6 = 2050; DSO = 2150 / 2050 x 90.
    assert got.has_dso and got.invoiced_90_days.amount == "2050.00"
    assert got.dso_days == pytest.approx(94.4, abs=0.05)
    assert [(d.company.vat, d.outstanding.amount, d.oldest_overdue_days) for d in got.debtors] == [
        (big, "1800.00", 200),
        (small, "350.00", 45),
    ]
    assert [a.kind for a in got.activity][:1] == [ingest_pb2.ACTIVITY_KIND_PAID]
    assert len(got.activity) == 3
    assert (got.paid_invoices, got.avg_days_to_pay, got.avg_days_late) == (1, 40.0, 10.0)
    assert got.late_share == 1.0

    empty = await stub.GetMemberSummary(
        ingest_pb2.GetMemberSummaryRequest(), metadata=member(f"m-{uuid.uuid4().hex[:8]}")
    )
    assert (empty.open_invoices, empty.outstanding.amount, empty.has_dso) == (0, "0.00", False)
    assert [b.count for b in empty.ageing] == [0] * 6


async def test_invoice_pages_filter_by_status_debtor_overdue_and_period(
    stub: ingest_pb2_grpc.IngestServiceAsyncStub,
) -> None:
    tenant = f"m-{uuid.uuid4().hex[:8]}"
    one, two = belgian_vat(), belgian_vat()
    late = await stub.SubmitInvoice(
        invoice(one, "F-1", issued=40, due=-10), metadata=member(tenant)
    )
    await stub.SubmitInvoice(invoice(two, "F-2", issued=5, due=25), metadata=member(tenant))
    paid = await stub.SubmitInvoice(invoice(two, "F-3", issued=20, due=10), metadata=member(tenant))
    await stub.RecordPayment(
        ingest_pb2.RecordPaymentRequest(invoice_id=paid.id, paid_date=pb_date(TODAY)),
        metadata=member(tenant),
    )

    async def numbers(only: Filter) -> list[str]:
        page = await stub.ListInvoices(
            ingest_pb2.ListInvoicesRequest(filter=only), metadata=member(tenant)
        )
        return sorted(i.invoice_number for i in page.invoices)

    assert await numbers(Filter(statuses=[ingest_pb2.INVOICE_STATUS_PAID])) == ["F-3"]
    assert await numbers(Filter(debtor_vat=two)) == ["F-2", "F-3"]
    assert await numbers(Filter(overdue_only=True)) == ["F-1"]
    assert await numbers(Filter(issued_from=pb_date(TODAY - timedelta(days=25)))) == ["F-2", "F-3"]
    assert await numbers(Filter(issued_to=pb_date(TODAY - timedelta(days=30)))) == [
        late.invoice_number
    ]
    assert await numbers(Filter(overdue_only=True, as_of=pb_date(TODAY + timedelta(days=30)))) == [
        "F-1",
        "F-2",
    ]
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await numbers(Filter(statuses=[ingest_pb2.InvoiceStatus.ValueType(99)]))  # no such status
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT

"""The handlers over the SQL unit of work: state and outbox rows in one transaction."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from benelux.vat import parse_vat
from devstack.samples import belgian_vat
from ingest.adapters.repository import COPY_FROM
from ingest.adapters.tables import companies, invoices, outbox, payments
from ingest.adapters.uow import SqlUnitOfWork
from ingest.domain import commands
from ingest.domain.errors import DuplicateInvoice, InvalidPayment
from ingest.domain.model import Invoice, money
from ingest.service_layer.handlers import (
    change_invoice,
    delete_invoice,
    record_payment,
    submit_invoice,
    submit_invoices,
)
from kmo.ingest.v1 import events_pb2


class Notified:
    def __init__(self) -> None:
        self.times = 0

    def __call__(self) -> None:
        self.times += 1


def submission(tenant: str, debtor: str, number: str, **overrides: Any) -> commands.SubmitInvoice:
    fields: dict[str, Any] = {
        "tenant_id": tenant,
        "debtor_vat": debtor,
        "debtor_name": "Schrijnwerkerij Maes BV",
        "debtor_sector": "F43",
        "invoice_number": number,
        "issue_date": date(2026, 8, 1),
        "due_date": date(2026, 8, 31),
        "amount": "1500.00",
        "currency": "EUR",
    }
    fields.update(overrides)
    return commands.SubmitInvoice(**fields)


# The staged events that carry the invoice's state.
StateEvent = (
    events_pb2.InvoiceRecorded
    | events_pb2.PaymentRecorded
    | events_pb2.InvoicePaid
    | events_pb2.InvoiceUpdated
    | events_pb2.InvoiceDeleted
)


async def outbox_rows(sessions: async_sessionmaker[AsyncSession], invoice_id: str) -> list[Any]:
    """The staged events about one invoice, in order."""
    t = outbox.table
    async with sessions() as session:
        rows = (await session.execute(sa.select(t).order_by(t.c.seq))).all()
    kinds: dict[str, type[StateEvent]] = {
        "invoice.recorded": events_pb2.InvoiceRecorded,
        "invoice.payment_recorded": events_pb2.PaymentRecorded,
        "invoice.paid": events_pb2.InvoicePaid,
        "invoice.updated": events_pb2.InvoiceUpdated,
        "invoice.deleted": events_pb2.InvoiceDeleted,
    }
    mine = []
    for row in rows:
        kind = kinds.get(row.subject)
        if kind is not None and kind.FromString(row.payload).state.invoice_id == invoice_id:
            mine.append(row)
    return mine


async def test_submitting_and_settling_stores_rows_and_stages_each_change(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    notified = Notified()
    tenant, debtor = f"m-{uuid.uuid4().hex[:8]}", belgian_vat()

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions, notified)

    invoice = await submit_invoice(submission(tenant, debtor, "F-1"), uow())
    staged = await outbox_rows(sessions, invoice.id)
    assert [r.subject for r in staged] == ["invoice.recorded"]

    pay = commands.RecordPayment(tenant, invoice.id, date(2026, 9, 1), "500.00")
    await record_payment(pay, uow())
    staged = await outbox_rows(sessions, invoice.id)
    assert [r.subject for r in staged] == ["invoice.recorded", "invoice.payment_recorded"]
    partial = events_pb2.PaymentRecorded.FromString(staged[1].payload)
    assert (partial.amount.amount, partial.state.paid_amount.amount) == ("500.00", "500.00")
    assert not partial.state.HasField("settled_date")
    assert partial.state.revision == 2

    settle = commands.RecordPayment(tenant, invoice.id, date(2026, 9, 10), None)
    await record_payment(settle, uow())

    staged = await outbox_rows(sessions, invoice.id)
    assert [r.subject for r in staged] == [
        "invoice.recorded", "invoice.payment_recorded", "invoice.payment_recorded", "invoice.paid"
    ]  # fmt: skip
    assert staged[-1].event_type == "kmo.ingest.v1.InvoicePaid"
    paid = events_pb2.InvoicePaid.FromString(staged[-1].payload)
    assert (paid.paid_date.month, paid.paid_date.day) == (9, 10)
    assert paid.amount.amount == "1500.00"
    assert (paid.state.revision, paid.state.settled_date.day) == (3, 10)
    assert all(r.published_at is None for r in staged)
    assert notified.times == 3  # once per commit that staged events

    async with sessions() as session:
        row = (await session.execute(sa.select(invoices).where(invoices.c.id == invoice.id))).one()
        paid_rows = (
            await session.execute(
                sa.select(payments.c.paid_date, payments.c.amount)
                .where(payments.c.invoice_id == invoice.id)
                .order_by(payments.c.id)
            )
        ).all()
        company = (
            await session.execute(sa.select(companies).where(companies.c.vat == debtor))
        ).one()
    assert (row.status, str(row.amount), row.tenant_id) == ("paid", "1500.00", tenant)
    assert [(d, str(a)) for d, a in paid_rows] == [
        (date(2026, 9, 1), "500.00"), (date(2026, 9, 10), "1000.00")
    ]  # fmt: skip
    assert (company.name, company.sector, company.country) == (
        "Schrijnwerkerij Maes BV",
        "F43",
        "BE",
    )


async def test_a_refused_payment_stores_and_stages_nothing(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant = f"m-{uuid.uuid4().hex[:8]}"
    invoice = await submit_invoice(
        submission(tenant, belgian_vat(), "F-1"), SqlUnitOfWork(sessions, Notified())
    )

    too_much = commands.RecordPayment(tenant, invoice.id, date(2026, 9, 1), "1500.01")
    with pytest.raises(InvalidPayment):
        await record_payment(too_much, SqlUnitOfWork(sessions, Notified()))

    async with sessions() as session:
        count = sa.select(sa.func.count()).where(payments.c.invoice_id == invoice.id)
        assert (await session.execute(count)).scalar_one() == 0
    assert len(await outbox_rows(sessions, invoice.id)) == 1


async def test_a_duplicate_number_is_refused_and_stages_no_event(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant = f"m-{uuid.uuid4().hex[:8]}"
    await submit_invoice(
        submission(tenant, belgian_vat(), "F-9"), SqlUnitOfWork(sessions, Notified())
    )
    notified = Notified()

    with pytest.raises(DuplicateInvoice):
        await submit_invoice(
            submission(tenant, belgian_vat(), "F-9"), SqlUnitOfWork(sessions, notified)
        )

    async with sessions() as session:
        count = sa.select(sa.func.count()).where(invoices.c.tenant_id == tenant)
        assert (await session.execute(count)).scalar_one() == 1
    assert notified.times == 0


async def test_a_later_invoice_without_name_or_sector_keeps_what_the_register_knows(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant, debtor = f"m-{uuid.uuid4().hex[:8]}", belgian_vat()
    await submit_invoice(submission(tenant, debtor, "F-1"), SqlUnitOfWork(sessions, Notified()))

    await submit_invoice(
        submission(tenant, debtor, "F-2", debtor_name="", debtor_sector=""),
        SqlUnitOfWork(sessions, Notified()),
    )

    async with sessions() as session:
        company = (
            await session.execute(sa.select(companies).where(companies.c.vat == debtor))
        ).one()
    assert (company.name, company.sector) == ("Schrijnwerkerij Maes BV", "F43")


async def test_a_lone_debtor_without_name_or_sector_is_stored_under_its_number(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant, debtor = f"m-{uuid.uuid4().hex[:8]}", belgian_vat()
    await submit_invoice(
        submission(tenant, debtor, "F-1", debtor_name="", debtor_sector=""),
        SqlUnitOfWork(sessions, Notified()),
    )

    async with sessions() as session:
        company = (
            await session.execute(sa.select(companies).where(companies.c.vat == debtor))
        ).one()
    assert (company.name, company.sector) == (debtor, "")


async def test_two_concurrent_submissions_of_one_number_give_the_loser_a_duplicate_error(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant = f"m-{uuid.uuid4().hex[:8]}"
    winner = SqlUnitOfWork(sessions, Notified())
    async with winner:
        first = await submit_invoice_uncommitted(winner, submission(tenant, belgian_vat(), "F-7"))
        # The loser checks the number before the winner commits, then waits on its row lock.
        loser = asyncio.create_task(
            submit_invoice(
                submission(tenant, belgian_vat(), "F-7"), SqlUnitOfWork(sessions, Notified())
            )
        )
        await asyncio.sleep(0.3)
        assert not loser.done()
        await winner.commit(first)

    with pytest.raises(DuplicateInvoice):
        await loser


async def test_a_large_batch_stores_by_copy_and_a_number_taken_meanwhile_loses_alone(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant, debtor = f"m-{uuid.uuid4().hex[:8]}", belgian_vat()
    batch = [submission(tenant, debtor, f"B-{i}") for i in range(COPY_FROM + 36)]
    winner = SqlUnitOfWork(sessions, Notified())
    async with winner:
        taken = await submit_invoice_uncommitted(winner, submission(tenant, debtor, "B-7"))
        # The batch checks its numbers before the winner commits, then its COPY waits on
        # the winner's row: the COPY fails and the batch is stored row by row instead.
        loser = asyncio.create_task(
            submit_invoices(
                commands.SubmitInvoices(tenant, tuple(batch)), SqlUnitOfWork(sessions, Notified())
            )
        )
        await asyncio.sleep(0.3)
        await winner.commit(taken)
    outcomes = await loser

    refused = [i for i, o in enumerate(outcomes) if isinstance(o, DuplicateInvoice)]
    assert refused == [7]
    async with sessions() as session:
        stored = (
            await session.execute(sa.select(sa.func.count()).where(invoices.c.tenant_id == tenant))
        ).scalar_one()
    assert stored == len(batch)  # 99 from the batch, one from the winner
    recorded = {
        events_pb2.InvoiceRecorded.FromString(r.payload).state.invoice_id
        for r in await all_outbox_rows(sessions)
        if r.subject == "invoice.recorded"
    }
    assert {o.id for o in outcomes if isinstance(o, Invoice)} <= recorded
    assert all(o.id in recorded for o in outcomes if isinstance(o, Invoice))


async def all_outbox_rows(sessions: async_sessionmaker[AsyncSession]) -> list[Any]:
    async with sessions() as session:
        return list((await session.execute(sa.select(outbox.table))).all())


async def submit_invoice_uncommitted(uow: SqlUnitOfWork, cmd: commands.SubmitInvoice) -> Invoice:
    """What submit_invoice does, stopping short of the commit."""
    invoice = Invoice.record(
        tenant_id=cmd.tenant_id,
        debtor=parse_vat(cmd.debtor_vat),
        debtor_name=cmd.debtor_name,
        debtor_sector=cmd.debtor_sector,
        invoice_number=cmd.invoice_number,
        issue_date=cmd.issue_date,
        due_date=cmd.due_date,
        amount=money(cmd.amount),
        currency=cmd.currency,
        now=datetime.now(UTC),
    )
    assert await uow.invoices.id_of_number(cmd.tenant_id, invoice.invoice_number) is None
    await uow.invoices.add(invoice)
    return invoice


async def test_a_dispute_then_a_deletion_store_their_revisions_and_stage_their_events(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant = f"m-{uuid.uuid4().hex[:8]}"
    invoice = await submit_invoice(
        submission(tenant, belgian_vat(), "D-1"), SqlUnitOfWork(sessions, Notified())
    )

    await change_invoice(
        commands.ChangeInvoice(tenant, invoice.id, dispute_reason="not delivered"),
        SqlUnitOfWork(sessions, Notified()),
    )
    async with sessions() as session:
        row = (await session.execute(sa.select(invoices).where(invoices.c.id == invoice.id))).one()
    assert (row.disputed, row.dispute_reason, row.revision) == (True, "not delivered", 2)

    await delete_invoice(
        commands.DeleteInvoice(tenant, invoice.id), SqlUnitOfWork(sessions, Notified())
    )

    staged = await outbox_rows(sessions, invoice.id)
    assert [r.subject for r in staged] == ["invoice.recorded", "invoice.updated", "invoice.deleted"]
    updated = events_pb2.InvoiceUpdated.FromString(staged[1].payload)
    assert updated.change == events_pb2.InvoiceUpdated.CHANGE_DISPUTED and updated.state.disputed
    deleted = events_pb2.InvoiceDeleted.FromString(staged[2].payload)
    assert deleted.state.deleted and deleted.state.revision == 3
    async with sessions() as session:
        left = (await session.execute(sa.select(invoices).where(invoices.c.id == invoice.id))).all()
    assert left == []

"""The read side: a member's invoices, newest first, one page at a time."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from devstack.samples import belgian_vat
from ingest.adapters.uow import SqlUnitOfWork
from ingest.domain import commands
from ingest.domain.errors import InvalidPageToken
from ingest.domain.model import Status
from ingest.service_layer.handlers import record_payment, submit_invoice
from ingest.views import InvoiceReader


def ticking(start: datetime) -> Callable[[], datetime]:
    """A clock that moves a second per call, so recorded_at orders the invoices."""
    now = [start]

    def tick() -> datetime:
        now[0] += timedelta(seconds=1)
        return now[0]

    return tick


async def submit_many(
    sessions: async_sessionmaker[AsyncSession],
    tenant: str,
    count: int,
    clock: Callable[[], datetime],
) -> list[str]:
    ids = []
    for n in range(count):
        cmd = commands.SubmitInvoice(
            tenant_id=tenant,
            debtor_vat=belgian_vat(),
            debtor_name="",
            debtor_sector="",
            invoice_number=f"R-{n}",
            issue_date=date(2026, 8, 1),
            due_date=date(2026, 8, 31),
            amount=f"{100 + n}.00",
            currency="EUR",
        )
        invoice = await submit_invoice(cmd, SqlUnitOfWork(sessions, lambda: None), clock)
        ids.append(invoice.id)
    return ids


async def test_pages_follow_the_cursor_newest_first_without_gaps_or_repeats(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant = f"m-{uuid.uuid4().hex[:8]}"
    clock = ticking(datetime(2026, 9, 1, 9, 0, 0, 123456, tzinfo=UTC))
    ids = await submit_many(sessions, tenant, 5, clock)
    reader = InvoiceReader(sessions)

    pages: list[list[str]] = []
    token = ""
    while True:
        page, token = await reader.page(tenant, 2, token)
        pages.append([i.id for i in page])
        if not token:
            break

    newest_first = list(reversed(ids))
    assert pages == [newest_first[0:2], newest_first[2:4], newest_first[4:5]]


async def test_a_page_that_holds_the_rest_has_no_next_token(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant = f"m-{uuid.uuid4().hex[:8]}"
    ids = await submit_many(sessions, tenant, 3, ticking(datetime(2026, 9, 1, tzinfo=UTC)))

    page, token = await InvoiceReader(sessions).page(tenant, 3, "")

    assert [i.id for i in page] == list(reversed(ids))
    assert token == ""


async def test_a_member_never_reads_another_members_invoices(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    alice, bob = f"m-{uuid.uuid4().hex[:8]}", f"m-{uuid.uuid4().hex[:8]}"
    clock = ticking(datetime(2026, 9, 2, tzinfo=UTC))
    alices = await submit_many(sessions, alice, 3, clock)
    bobs = await submit_many(sessions, bob, 2, clock)
    reader = InvoiceReader(sessions)

    page, _ = await reader.page(bob, 500, "")
    # Alice's cursor does not open her invoices to Bob either.
    _, alice_token = await reader.page(alice, 1, "")
    after, _ = await reader.page(bob, 500, alice_token)

    assert {i.id for i in page} == set(bobs)
    assert {i.id for i in after} <= set(bobs)
    assert await reader.get(bob, alices[0]) is None
    assert (await reader.get(alice, alices[0])) is not None


async def test_a_read_invoice_shows_its_payments_and_status(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant = f"m-{uuid.uuid4().hex[:8]}"
    [invoice_id] = await submit_many(sessions, tenant, 1, ticking(datetime(2026, 9, 3, tzinfo=UTC)))
    pay = commands.RecordPayment(tenant, invoice_id, date(2026, 9, 5), "40.00")
    await record_payment(pay, SqlUnitOfWork(sessions, lambda: None))

    invoice = await InvoiceReader(sessions).get(tenant, invoice_id)

    assert invoice is not None
    assert invoice.status is Status.PARTIALLY_PAID
    assert [str(p.amount) for p in invoice.payments] == ["40.00"]
    assert str(invoice.outstanding) == "60.00"


@pytest.mark.parametrize("token", ["not-base64!", "aGVsbG8=", "MjAyNi0wOS0wMXxub3QtYS11dWlk"])
async def test_a_forged_page_token_is_refused(
    sessions: async_sessionmaker[AsyncSession], token: str
) -> None:
    with pytest.raises(InvalidPageToken):
        await InvoiceReader(sessions).page("m-any", 10, token)

"""Recording payments through the handler, with the fake unit of work."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ingest.domain import commands
from ingest.domain.errors import AlreadyPaid, InvalidPayment, InvoiceNotFound
from ingest.domain.events import InvoicePaid, InvoiceRecorded, PaymentRecorded
from ingest.domain.model import Invoice, Status
from ingest.service_layer.handlers import record_payment, submit_invoice


async def submitted(uow: Any, clock: Any, an_invoice: Any, **overrides: Any) -> Invoice:
    invoice = await submit_invoice(an_invoice(**overrides), uow, clock)
    uow.events.clear()  # only what the payments emit is of interest here
    return invoice


def pay(invoice: Invoice, paid: date, amount: str | None, tenant: str = "member-a") -> Any:
    return commands.RecordPayment(
        tenant_id=tenant, invoice_id=invoice.id, paid_date=paid, amount=amount
    )


async def test_a_partial_payment_leaves_the_invoice_partially_paid_without_invoice_paid(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice, amount="1000.00")

    after = await record_payment(pay(invoice, date(2026, 9, 1), "400.00"), uow, clock)

    assert after.status is Status.PARTIALLY_PAID
    assert after.paid_amount == Decimal("400.00")
    assert after.outstanding == Decimal("600.00")
    assert after.paid_date is None
    [event] = uow.events  # the payment counts, but the invoice is not paid
    assert isinstance(event, PaymentRecorded)
    assert (event.amount, event.sequence) == (Decimal("400.00"), 1)
    assert event.invoice.paid_amount == Decimal("400.00")
    assert event.invoice.settled_date is None
    assert event.invoice.revision == 2
    assert uow.invoices.committed[invoice.id].status is Status.PARTIALLY_PAID


async def test_a_payment_that_settles_the_invoice_emits_invoice_paid(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice, amount="1000.00")
    await record_payment(pay(invoice, date(2026, 9, 1), "400.00"), uow, clock)

    after = await record_payment(pay(invoice, date(2026, 9, 10), "600.00"), uow, clock)

    assert after.status is Status.PAID
    assert after.paid_date == date(2026, 9, 10)
    assert [type(e) for e in uow.events] == [PaymentRecorded, PaymentRecorded, InvoicePaid]
    event = uow.events[-1]
    assert isinstance(event, InvoicePaid)
    assert event.invoice.revision == 3
    assert event.invoice.settled_date == date(2026, 9, 10)
    assert event.paid_date == date(2026, 9, 10)
    assert event.invoice.invoice_id == invoice.id
    assert event.invoice.amount == Decimal("1000.00")


async def test_a_payment_without_an_amount_settles_what_is_outstanding(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice, amount="1000.00")
    await record_payment(pay(invoice, date(2026, 9, 1), "250.50"), uow, clock)

    after = await record_payment(pay(invoice, date(2026, 9, 2), None), uow, clock)

    assert after.payments[-1].amount == Decimal("749.50")
    assert after.status is Status.PAID
    assert [type(e) for e in uow.events] == [PaymentRecorded, PaymentRecorded, InvoicePaid]


async def test_a_settlement_recorded_out_of_order_is_dated_by_the_last_payment(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice, amount="1000.00")
    await record_payment(pay(invoice, date(2026, 9, 12), "400.00"), uow, clock)

    after = await record_payment(pay(invoice, date(2026, 9, 2), "600.00"), uow, clock)

    event = uow.events[-1]
    assert isinstance(event, InvoicePaid)
    assert after.paid_date == date(2026, 9, 12)
    assert event.paid_date == after.paid_date


async def test_paying_more_than_is_outstanding_is_an_invalid_payment(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice, amount="1000.00")
    await record_payment(pay(invoice, date(2026, 9, 1), "999.99"), uow, clock)

    with pytest.raises(InvalidPayment) as raised:
        await record_payment(pay(invoice, date(2026, 9, 2), "0.02"), uow, clock)

    assert raised.value.code == "invalid_payment"
    stored = uow.invoices.committed[invoice.id]
    assert stored.paid_amount == Decimal("999.99")
    assert [type(e) for e in uow.events] == [PaymentRecorded]  # the refused one emits nothing


async def test_paying_an_invoice_that_is_already_paid_is_refused(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice)
    await record_payment(pay(invoice, date(2026, 9, 1), None), uow, clock)
    commits = uow.commits

    with pytest.raises(AlreadyPaid):
        await record_payment(pay(invoice, date(2026, 9, 2), "1.00"), uow, clock)

    assert uow.commits == commits
    assert len(uow.invoices.committed[invoice.id].payments) == 1


async def test_a_payment_dated_before_the_issue_date_is_an_invalid_payment(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice, issue_date=date(2026, 8, 1))

    with pytest.raises(InvalidPayment):
        await record_payment(pay(invoice, date(2026, 7, 31), None), uow, clock)

    assert uow.invoices.committed[invoice.id].payments == []


async def test_a_payment_dated_in_the_future_is_an_invalid_payment(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice)  # the clock says 2026-09-15

    with pytest.raises(InvalidPayment):
        await record_payment(pay(invoice, date(2026, 9, 17), None), uow, clock)


async def test_a_payment_on_the_issue_date_is_accepted(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice, issue_date=date(2026, 8, 1))

    after = await record_payment(pay(invoice, date(2026, 8, 1), None), uow, clock)

    assert after.status is Status.PAID


async def test_a_member_cannot_pay_another_members_invoice(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice, tenant_id="member-a")

    with pytest.raises(InvoiceNotFound):
        await record_payment(pay(invoice, date(2026, 9, 1), None, tenant="member-b"), uow, clock)

    assert uow.invoices.committed[invoice.id].payments == []


async def test_paying_an_unknown_invoice_is_not_found(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    cmd = commands.RecordPayment(
        tenant_id="member-a", invoice_id="no-such-invoice", paid_date=date(2026, 9, 1), amount=None
    )

    with pytest.raises(InvoiceNotFound):
        await record_payment(cmd, uow, clock)


@pytest.mark.parametrize("amount", ["0", "-5.00", "10.001", "abc"])
async def test_a_malformed_payment_amount_is_an_invalid_payment(
    uow: Any, clock: Any, an_invoice: Any, amount: str
) -> None:
    invoice = await submitted(uow, clock, an_invoice)

    with pytest.raises(InvalidPayment):
        await record_payment(pay(invoice, date(2026, 9, 1), amount), uow, clock)


async def test_submitting_then_settling_emits_recorded_then_paid(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submit_invoice(an_invoice(), uow, clock)
    await record_payment(pay(invoice, date(2026, 9, 1), None), uow, clock)

    assert [type(e) for e in uow.events] == [InvoiceRecorded, PaymentRecorded, InvoicePaid]

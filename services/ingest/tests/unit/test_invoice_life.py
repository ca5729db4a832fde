"""Corrections, credit notes, disputes, write-offs and deletions: each one revision and one
event carrying the invoice's new state."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ingest.domain import commands
from ingest.domain.errors import AlreadyPaid, InvalidChange, InvalidInvoice, InvoiceNotFound
from ingest.domain.events import Change, InvoiceDeleted, InvoiceUpdated
from ingest.domain.model import Invoice, Status
from ingest.service_layer.handlers import (
    change_invoice,
    delete_invoice,
    record_payment,
    submit_invoice,
)


async def submitted(uow: Any, clock: Any, an_invoice: Any) -> Invoice:
    invoice = await submit_invoice(an_invoice(amount="1000.00"), uow, clock)
    uow.events.clear()
    return invoice


def change(invoice: Invoice, **fields: Any) -> commands.ChangeInvoice:
    return commands.ChangeInvoice(invoice.tenant_id, invoice.id, **fields)


async def test_a_dispute_and_its_resolution_are_two_revisions(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice)

    disputed = await change_invoice(change(invoice, dispute_reason="  goods  damaged "), uow, clock)
    resolved = await change_invoice(change(invoice, resolve_dispute=True), uow, clock)

    assert disputed.disputed is True and disputed.dispute_reason == "goods damaged"
    assert resolved.disputed is False and resolved.revision == 3
    first, second = uow.events
    assert isinstance(first, InvoiceUpdated) and first.change is Change.DISPUTED
    assert first.invoice.disputed and first.invoice.revision == 2
    assert isinstance(second, InvoiceUpdated) and second.change is Change.DISPUTE_RESOLVED
    assert not second.invoice.disputed


async def test_a_credit_note_lowers_what_is_payable_and_can_settle_it(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice)
    await record_payment(
        commands.RecordPayment(invoice.tenant_id, invoice.id, date(2026, 9, 1), "700.00"),
        uow,
        clock,
    )

    after = await change_invoice(
        change(invoice, credit_amount="300.00", credit_note_number="CN-7"), uow, clock
    )

    assert after.payable == Decimal("700.00") and after.status is Status.PAID
    event = uow.events[-1]
    assert isinstance(event, InvoiceUpdated) and event.change is Change.CREDITED
    assert event.invoice.amount == Decimal("700.00")  # the payable amount travels
    assert event.reason == "CN-7"


async def test_a_correction_changes_amount_or_due_date_but_not_below_what_was_paid(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice)
    await record_payment(
        commands.RecordPayment(invoice.tenant_id, invoice.id, date(2026, 9, 1), "400.00"),
        uow,
        clock,
    )

    fixed = await change_invoice(change(invoice, correct_due_date=date(2026, 9, 30)), uow, clock)
    with pytest.raises(InvalidChange):
        await change_invoice(change(invoice, correct_amount="399.99"), uow, clock)
    with pytest.raises(InvalidInvoice):
        await change_invoice(change(invoice, correct_due_date=date(2026, 7, 1)), uow, clock)

    assert fixed.due_date == date(2026, 9, 30)
    assert uow.invoices.committed[invoice.id].amount == Decimal("1000.00")


async def test_a_write_off_closes_the_invoice_to_payments(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice)

    off = await change_invoice(change(invoice, write_off_date=date(2026, 9, 10)), uow, clock)

    assert off.status is Status.WRITTEN_OFF
    assert uow.events[-1].invoice.written_off_date == date(2026, 9, 10)
    with pytest.raises(InvalidChange):
        await record_payment(
            commands.RecordPayment(invoice.tenant_id, invoice.id, date(2026, 9, 12), None),
            uow,
            clock,
        )


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"dispute_reason": "x", "resolve_dispute": True},
        {"resolve_dispute": True},
        {"credit_amount": "1000.01", "credit_note_number": "CN-1"},
        {"credit_amount": "10.00", "credit_note_number": ""},
        {"dispute_reason": "\x00"},
        {"dispute_reason": "y" * 201},
        {"write_off_date": date(2020, 1, 1)},
    ],
    ids=["nothing", "two", "not-disputed", "credit-too-much", "no-number", "nul", "long", "early"],
)
async def test_impossible_changes_are_refused_typed_and_change_nothing(
    uow: Any, clock: Any, an_invoice: Any, fields: dict[str, Any]
) -> None:
    invoice = await submitted(uow, clock, an_invoice)

    with pytest.raises(InvalidChange):
        await change_invoice(change(invoice, **fields), uow, clock)

    assert uow.events == []
    assert uow.invoices.committed[invoice.id].revision == 1


async def test_a_paid_invoice_cannot_be_disputed_and_another_members_not_changed(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice)
    await record_payment(
        commands.RecordPayment(invoice.tenant_id, invoice.id, date(2026, 9, 1), None), uow, clock
    )

    with pytest.raises(AlreadyPaid):
        await change_invoice(change(invoice, dispute_reason="late claim"), uow, clock)
    with pytest.raises(InvoiceNotFound):
        await change_invoice(
            commands.ChangeInvoice("someone-else", invoice.id, dispute_reason="x"), uow, clock
        )
    with pytest.raises(InvoiceNotFound):
        await delete_invoice(commands.DeleteInvoice("someone-else", invoice.id), uow, clock)


async def test_a_deleted_invoice_is_gone_and_its_event_carries_the_last_state(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice)

    gone = await delete_invoice(commands.DeleteInvoice(invoice.tenant_id, invoice.id), uow, clock)

    assert invoice.id not in uow.invoices.committed
    [event] = uow.events
    assert isinstance(event, InvoiceDeleted) and not event.erased
    assert event.invoice.revision == gone.revision == 2


async def test_a_fully_credited_invoice_is_settled_without_a_paid_date(
    uow: Any, clock: Any, an_invoice: Any
) -> None:
    invoice = await submitted(uow, clock, an_invoice)

    after = await change_invoice(
        change(invoice, credit_amount="1000.00", credit_note_number="CN-9"), uow, clock
    )

    assert after.status is Status.PAID and after.paid_date is None
    assert uow.events[-1].invoice.amount == Decimal("0.00")

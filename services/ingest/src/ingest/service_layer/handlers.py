"""Command handlers: the table at the bottom is the service's index."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from benelux.vat import InvalidVatNumber, VatNumber, parse_vat
from ingest.domain import commands
from ingest.domain.errors import DuplicateInvoice, InvalidVat, InvoiceNotFound
from ingest.domain.model import Invoice, money
from ingest.service_layer.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def debtor_vat(raw: str) -> VatNumber:
    try:
        return parse_vat(raw)
    except InvalidVatNumber as exc:
        raise InvalidVat(str(exc)) from exc


async def submit_invoice(
    cmd: commands.SubmitInvoice, uow: UnitOfWork, now: Clock = utcnow
) -> Invoice:
    invoice = Invoice.record(
        tenant_id=cmd.tenant_id,
        debtor=debtor_vat(cmd.debtor_vat),
        debtor_name=cmd.debtor_name,
        debtor_sector=cmd.debtor_sector,
        invoice_number=cmd.invoice_number,
        issue_date=cmd.issue_date,
        due_date=cmd.due_date,
        amount=money(cmd.amount),
        currency=cmd.currency or "EUR",
        now=now(),
    )
    async with uow:
        if await uow.invoices.number_taken(cmd.tenant_id, invoice.invoice_number):
            raise DuplicateInvoice(f"invoice {invoice.invoice_number} was already submitted")
        await uow.invoices.add(invoice)
        await uow.commit(invoice)
    return invoice


async def record_payment(
    cmd: commands.RecordPayment, uow: UnitOfWork, now: Clock = utcnow
) -> Invoice:
    amount = None if cmd.amount is None else money(cmd.amount, "payment amount")
    async with uow:
        invoice = await uow.invoices.get(cmd.tenant_id, cmd.invoice_id)
        if invoice is None:
            raise InvoiceNotFound(f"no invoice {cmd.invoice_id}")
        invoice.record_payment(cmd.paid_date, amount, today=now().date())
        await uow.invoices.save_payments(invoice)
        await uow.commit(invoice)
    return invoice


COMMAND_HANDLERS = {
    commands.SubmitInvoice: submit_invoice,
    commands.RecordPayment: record_payment,
}

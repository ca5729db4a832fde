"""Invoices in PostgreSQL, always scoped to the calling tenant."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from benelux.vat import VatNumber
from ingest.adapters.tables import companies, invoices, payments
from ingest.domain.model import Invoice, Payment


def invoice_from_row(row: sa.Row[tuple[object, ...]], paid: list[Payment], sector: str) -> Invoice:
    m = row._mapping
    return Invoice(
        id=str(m["id"]),
        tenant_id=m["tenant_id"],
        debtor=VatNumber(country=m["debtor_vat"][:2], number=m["debtor_vat"]),
        debtor_name=m["debtor_name"],
        debtor_sector=sector,
        invoice_number=m["invoice_number"],
        issue_date=m["issue_date"],
        due_date=m["due_date"],
        amount=m["amount"],
        currency=m["currency"],
        recorded_at=m["recorded_at"],
        payments=paid,
    )


class SqlInvoiceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, invoice: Invoice) -> None:
        name = invoice.debtor_name or invoice.debtor.number
        upsert = postgresql.insert(companies).values(
            vat=invoice.debtor.number,
            country=invoice.debtor.country,
            name=name,
            sector=invoice.debtor_sector,
        )
        # The latest member to name the debtor (or its sector) wins; an
        # invoice without them keeps what the register already knows.
        updates: dict[str, object] = {"updated_at": sa.func.now()}
        if invoice.debtor_name:
            updates["name"] = upsert.excluded.name
        if invoice.debtor_sector:
            updates["sector"] = upsert.excluded.sector
        await self.session.execute(
            upsert.on_conflict_do_update(index_elements=["vat"], set_=updates)
        )
        await self.session.execute(
            sa.insert(invoices).values(
                id=invoice.id,
                tenant_id=invoice.tenant_id,
                debtor_vat=invoice.debtor.number,
                debtor_name=invoice.debtor_name,
                invoice_number=invoice.invoice_number,
                issue_date=invoice.issue_date,
                due_date=invoice.due_date,
                amount=invoice.amount,
                currency=invoice.currency,
                status=invoice.status.value,
                recorded_at=invoice.recorded_at,
            )
        )

    async def get(self, tenant_id: str, invoice_id: str) -> Invoice | None:
        row = (
            await self.session.execute(
                sa.select(invoices, companies.c.sector)
                .join(companies, companies.c.vat == invoices.c.debtor_vat)
                .where(invoices.c.id == invoice_id, invoices.c.tenant_id == tenant_id)
                .with_for_update(of=invoices)
            )
        ).first()
        if row is None:
            return None
        paid = [
            Payment(p.paid_date, p.amount)
            for p in await self.session.execute(
                sa.select(payments.c.paid_date, payments.c.amount)
                .where(payments.c.invoice_id == invoice_id)
                .order_by(payments.c.id)
            )
        ]
        return invoice_from_row(row, paid, row._mapping["sector"])

    async def number_taken(self, tenant_id: str, invoice_number: str) -> bool:
        found = await self.session.execute(
            sa.select(invoices.c.id).where(
                invoices.c.tenant_id == tenant_id, invoices.c.invoice_number == invoice_number
            )
        )
        return found.first() is not None

    async def save_payments(self, invoice: Invoice) -> None:
        known = (
            await self.session.execute(
                sa.select(sa.func.count())
                .select_from(payments)
                .where(payments.c.invoice_id == invoice.id)
            )
        ).scalar_one()
        new = invoice.payments[known:]
        if new:
            await self.session.execute(
                sa.insert(payments),
                [
                    {"invoice_id": invoice.id, "paid_date": p.paid_date, "amount": p.amount}
                    for p in new
                ],
            )
        await self.session.execute(
            sa.update(invoices)
            .where(invoices.c.id == invoice.id)
            .values(status=invoice.status.value)
        )

"""Invoices in PostgreSQL, always scoped to the calling tenant."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence

import psycopg
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from benelux.vat import VatNumber
from chassis.db import driver_connection
from ingest.adapters.tables import companies, invoices, payments
from ingest.domain.errors import DuplicateInvoice
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
        credited=m["credited_amount"],
        disputed=m["disputed"],
        dispute_reason=m["dispute_reason"],
        written_off_date=m["written_off_date"],
        revision=m["revision"],
    )


# One row per debtor over column arrays, merged like single calls (the latest name or
# sector given wins, none keeps what the register knows).
_UPSERT_COMPANIES = sa.text(
    """
    INSERT INTO companies (vat, country, name, sector)
    -- string_to_array('') is empty, not one empty string: hence the coalesces.
    SELECT v, c, CASE WHEN coalesce(n, '') <> '' THEN n ELSE v END, coalesce(s, '')
    FROM unnest(string_to_array(:vats, E'\\x1f'), string_to_array(:countries, E'\\x1f'),
      string_to_array(:names, E'\\x1f'), string_to_array(:sectors, E'\\x1f')) AS u(v, c, n, s)
    ON CONFLICT (vat) DO UPDATE SET
      -- An unnamed debtor is inserted under its VAT number, which never renames one.
      name = CASE WHEN EXCLUDED.name <> EXCLUDED.vat THEN EXCLUDED.name ELSE companies.name END,
      sector = CASE WHEN EXCLUDED.sector <> '' THEN EXCLUDED.sector ELSE companies.sector END,
      updated_at = now()
    """
)
_IDS_OF_NUMBERS = sa.text(
    "SELECT invoice_number, id FROM invoices "
    "WHERE tenant_id = :tenant AND invoice_number = ANY(CAST(:numbers AS varchar[]))"
)
_NUMBERS_TAKEN = sa.text(
    "SELECT invoice_number FROM invoices "
    "WHERE tenant_id = :tenant AND invoice_number = ANY(string_to_array(:numbers, E'\\x1f'))"
)
_SEPARATOR = "\x1f"  # a control character: never in a validated VAT number, name or number


def _joined(values: Iterable[str]) -> str:
    """Validated text values as one parameter for ``string_to_array``: psycopg dumps an
    array of 2,000 strings element by element in Python, one string at C speed."""
    return _SEPARATOR.join(values)


def _invoice_values(invoice: Invoice) -> dict[str, object]:
    return {
        "id": invoice.id,
        "tenant_id": invoice.tenant_id,
        "debtor_vat": invoice.debtor.number,
        "debtor_name": invoice.debtor_name,
        "invoice_number": invoice.invoice_number,
        "issue_date": invoice.issue_date,
        "due_date": invoice.due_date,
        "amount": invoice.amount,
        "currency": invoice.currency,
        "status": invoice.status.value,
        "recorded_at": invoice.recorded_at,
    }


_INSERT_INVOICES = sa.text(
    "INSERT INTO invoices (id, tenant_id, debtor_vat, debtor_name, invoice_number, issue_date, "
    "due_date, amount, currency, status, recorded_at) "
    "SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:tenants AS varchar[]), "
    "CAST(:vats AS varchar[]), CAST(:names AS varchar[]), CAST(:numbers AS varchar[]), "
    "CAST(:issued AS date[]), CAST(:due AS date[]), CAST(:amounts AS numeric[]), "
    "CAST(:currencies AS varchar[]), CAST(:statuses AS varchar[]), "
    "CAST(:recorded AS timestamptz[])) "
    "ON CONFLICT (tenant_id, invoice_number) DO NOTHING RETURNING id"
)


_COPY_INVOICES = (
    "COPY invoices (id, tenant_id, debtor_vat, debtor_name, invoice_number, issue_date, "
    "due_date, amount, currency, status, recorded_at) FROM STDIN"
)
COPY_FROM = 64  # invoices: from this many on, add_many COPYs


class SqlInvoiceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        # Payments already stored per invoice loaded by get_many: the rest are new.
        self._stored_payments: dict[str, int] = {}

    async def add(self, invoice: Invoice) -> None:
        # A concurrent submission of the same number may win between the caller's check
        # and this insert: the loser gets the typed error.
        if invoice.id not in await self.add_many([invoice]):
            raise DuplicateInvoice(f"invoice {invoice.invoice_number} was already submitted")

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

    async def id_of_number(self, tenant_id: str, invoice_number: str) -> str | None:
        found = await self.session.execute(
            sa.select(invoices.c.id).where(
                invoices.c.tenant_id == tenant_id, invoices.c.invoice_number == invoice_number
            )
        )
        row = found.first()
        return str(row.id) if row else None

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
            .values(
                status=invoice.status.value,
                revision=invoice.revision,
                settled_on=invoice.paid_date,
                **({"last_payment_at": sa.func.now()} if new else {}),
            )
        )

    async def save_changes(self, invoice: Invoice) -> None:
        """Store a correction, credit note, dispute or write-off."""
        await self.session.execute(
            sa.update(invoices)
            .where(invoices.c.id == invoice.id, invoices.c.tenant_id == invoice.tenant_id)
            .values(
                amount=invoice.amount,
                due_date=invoice.due_date,
                credited_amount=invoice.credited,
                disputed=invoice.disputed,
                dispute_reason=invoice.dispute_reason,
                written_off_date=invoice.written_off_date,
                status=invoice.status.value,
                revision=invoice.revision,
                settled_on=invoice.paid_date,
            )
        )

    async def first_ids(self, tenant_id: str, limit: int) -> list[str]:
        """Up to ``limit`` of the member's invoice ids (for erasing them page by page)."""
        rows = await self.session.execute(
            sa.select(invoices.c.id)
            .where(invoices.c.tenant_id == tenant_id)
            .order_by(invoices.c.id)
            .limit(limit)
        )
        return [str(r.id) for r in rows]

    async def remove_many(self, batch: Sequence[Invoice]) -> None:
        ids = [i.id for i in batch]
        if ids:
            await self.session.execute(sa.delete(payments).where(payments.c.invoice_id.in_(ids)))
            await self.session.execute(sa.delete(invoices).where(invoices.c.id.in_(ids)))

    async def remove(self, invoice: Invoice) -> None:
        """Delete the invoice and its payments (its event carries the last state)."""
        await self.session.execute(sa.delete(payments).where(payments.c.invoice_id == invoice.id))
        await self.session.execute(
            sa.delete(invoices).where(
                invoices.c.id == invoice.id, invoices.c.tenant_id == invoice.tenant_id
            )
        )

    async def add_many(self, batch: Sequence[Invoice]) -> set[str]:
        if not batch:
            return set()
        names: dict[str, str] = {}  # per debtor, the last name and sector given win
        sectors: dict[str, str] = {}
        countries: dict[str, str] = {}
        for invoice in batch:
            vat = invoice.debtor.number
            countries[vat] = invoice.debtor.country
            if invoice.debtor_name or vat not in names:
                names[vat] = invoice.debtor_name
            if invoice.debtor_sector or vat not in sectors:
                sectors[vat] = invoice.debtor_sector
        vats = sorted(countries)  # concurrent batches lock shared debtors in one order
        await self.session.execute(
            _UPSERT_COMPANIES,
            {
                "vats": _joined(vats),
                "countries": _joined(countries[v] for v in vats),
                "names": _joined(names[v] for v in vats),
                "sectors": _joined(sectors[v] for v in vats),
            },
        )
        if len(batch) >= COPY_FROM and await self._copy(batch):
            return {i.id for i in batch}
        # One statement over column arrays: per-row executemany costs ~10x more
        # at 500 rows. RETURNING tells which rows were stored (not duplicates).
        stored = await self.session.execute(
            _INSERT_INVOICES.bindparams(
                ids=[i.id for i in batch],
                tenants=[i.tenant_id for i in batch],
                vats=[i.debtor.number for i in batch],
                names=[i.debtor_name for i in batch],
                numbers=[i.invoice_number for i in batch],
                issued=[i.issue_date for i in batch],
                due=[i.due_date for i in batch],
                amounts=[i.amount for i in batch],
                currencies=[i.currency for i in batch],
                statuses=[i.status.value for i in batch],
                recorded=[i.recorded_at for i in batch],
            )
        )
        return {str(found) for found in stored.scalars()}

    async def _copy(self, batch: Sequence[Invoice]) -> bool:
        """COPY the batch (an import's thousands: twice the speed of the array insert);
        False, with nothing written, when a number turned out taken by a concurrent call
        since the caller's check, so the statement that skips taken numbers runs instead."""
        pg = await driver_connection(self.session)
        try:
            # A savepoint in the unit of work's transaction.
            async with pg.transaction(), pg.cursor() as cur, cur.copy(_COPY_INVOICES) as copy:
                for i in batch:
                    await copy.write_row(
                        (
                            i.id, i.tenant_id, i.debtor.number, i.debtor_name, i.invoice_number,
                            i.issue_date, i.due_date, i.amount, i.currency, i.status.value,
                            i.recorded_at,
                        )
                    )  # fmt: skip
        except psycopg.errors.UniqueViolation:
            return False
        return True

    async def numbers_taken(self, tenant_id: str, invoice_numbers: Collection[str]) -> set[str]:
        if not invoice_numbers:
            return set()
        # One array parameter: an IN list of an import's 2,000 numbers costs more to
        # compile than to run.
        found = await self.session.execute(
            _NUMBERS_TAKEN, {"tenant": tenant_id, "numbers": _joined(invoice_numbers)}
        )
        return set(found.scalars())

    async def ids_of_numbers(
        self, tenant_id: str, invoice_numbers: Collection[str]
    ) -> dict[str, str]:
        if not invoice_numbers:
            return {}
        found = await self.session.execute(
            _IDS_OF_NUMBERS, {"tenant": tenant_id, "numbers": list(invoice_numbers)}
        )
        return {number: str(invoice_id) for number, invoice_id in found.all()}

    async def get_many(self, tenant_id: str, invoice_ids: Collection[str]) -> dict[str, Invoice]:
        if not invoice_ids:
            return {}
        ids = sorted(invoice_ids)
        rows = (
            await self.session.execute(
                sa.select(invoices, companies.c.sector)
                .join(companies, companies.c.vat == invoices.c.debtor_vat)
                .where(invoices.c.id.in_(ids), invoices.c.tenant_id == tenant_id)
                .order_by(invoices.c.id)  # one lock order for concurrent batches
                .with_for_update(of=invoices)
            )
        ).all()
        paid: dict[str, list[Payment]] = defaultdict(list)
        if rows:
            for p in await self.session.execute(
                sa.select(payments.c.invoice_id, payments.c.paid_date, payments.c.amount)
                .where(payments.c.invoice_id.in_([r._mapping["id"] for r in rows]))
                .order_by(payments.c.id)
            ):
                paid[str(p.invoice_id)].append(Payment(p.paid_date, p.amount))
        found = {}
        for row in rows:
            invoice_id = str(row._mapping["id"])
            found[invoice_id] = invoice_from_row(row, paid[invoice_id], row._mapping["sector"])
            self._stored_payments[invoice_id] = len(paid[invoice_id])
        return found

    async def save_payments_many(self, batch: Sequence[Invoice]) -> None:
        new = [
            {"invoice_id": i.id, "paid_date": p.paid_date, "amount": p.amount}
            for i in batch
            for p in i.payments[self._stored_payments.get(i.id, 0) :]
        ]
        if new:
            await self.session.execute(sa.insert(payments), new)
        if batch:
            await self.session.execute(
                sa.update(invoices)
                .where(invoices.c.id == sa.bindparam("invoice_id"))
                .values(
                    status=sa.bindparam("new_status"),
                    revision=sa.bindparam("new_revision"),
                    settled_on=sa.bindparam("new_settled_on"),
                    last_payment_at=sa.func.now(),
                ),
                [
                    {
                        "invoice_id": i.id,
                        "new_status": i.status.value,
                        "new_revision": i.revision,
                        "new_settled_on": i.paid_date,
                    }
                    for i in batch
                ],
            )
        for invoice in batch:
            self._stored_payments[invoice.id] = len(invoice.payments)

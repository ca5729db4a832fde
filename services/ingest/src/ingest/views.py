"""Read side: the tenant's invoices, straight from SQL."""

from __future__ import annotations

import base64
import uuid
from collections import defaultdict
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingest.adapters.repository import invoice_from_row
from ingest.adapters.tables import companies, invoices, payments
from ingest.domain.errors import IngestError, InvalidInvoice, InvoiceNotFound
from ingest.domain.model import Invoice, Payment

MAX_PAGE = 500


def checked_id(
    raw: str, missing: type[IngestError] = InvoiceNotFound, what: str = "invoice"
) -> str:
    """A canonical UUID; anything else cannot name a stored row, so it is not found."""
    try:
        return str(uuid.UUID(raw))
    except ValueError as exc:
        raise missing(f"no {what} {raw!r}") from exc


def _encode_token(recorded_at: datetime, invoice_id: str) -> str:
    return base64.urlsafe_b64encode(f"{recorded_at.isoformat()}|{invoice_id}".encode()).decode()


def _decode_token(token: str) -> tuple[datetime, str]:
    try:
        at, invoice_id = base64.urlsafe_b64decode(token.encode()).decode().split("|")
        return datetime.fromisoformat(at), checked_id(invoice_id)
    except (ValueError, InvoiceNotFound) as exc:
        raise InvalidInvoice("page token is not valid") from exc


class InvoiceReader:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def get(self, tenant_id: str, invoice_id: str) -> Invoice | None:
        found = await self._load(
            sa.and_(invoices.c.tenant_id == tenant_id, invoices.c.id == invoice_id), limit=1
        )
        return found[0] if found else None

    async def page(self, tenant_id: str, size: int, token: str) -> tuple[list[Invoice], str]:
        size = max(1, min(size, MAX_PAGE))
        where = invoices.c.tenant_id == tenant_id
        if token:
            at, last_id = _decode_token(token)
            where = sa.and_(where, sa.tuple_(invoices.c.recorded_at, invoices.c.id) < (at, last_id))
        found = await self._load(where, limit=size + 1)
        more = len(found) > size
        found = found[:size]
        last = found[-1] if more else None
        return found, _encode_token(last.recorded_at, last.id) if last else ""

    async def _load(self, where: sa.ColumnElement[bool], limit: int) -> list[Invoice]:
        async with self._sessions() as session:
            rows = (
                await session.execute(
                    sa.select(invoices, companies.c.sector)
                    .join(companies, companies.c.vat == invoices.c.debtor_vat)
                    .where(where)
                    .order_by(invoices.c.recorded_at.desc(), invoices.c.id.desc())
                    .limit(limit)
                )
            ).all()
            paid: dict[str, list[Payment]] = defaultdict(list)
            if rows:
                for p in await session.execute(
                    sa.select(payments.c.invoice_id, payments.c.paid_date, payments.c.amount)
                    .where(payments.c.invoice_id.in_([r._mapping["id"] for r in rows]))
                    .order_by(payments.c.id)
                ):
                    paid[str(p.invoice_id)].append(Payment(p.paid_date, p.amount))
        return [
            invoice_from_row(r, paid[str(r._mapping["id"])], r._mapping["sector"]) for r in rows
        ]

"""The SQL unit of work: one transaction for state and outbox rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Self

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chassis.events import OutgoingEvent
from chassis.outbox import OutboxUnitOfWork
from ingest.adapters.documents import SqlDocumentRepository
from ingest.adapters.event_codec import encode, encode_document
from ingest.adapters.imports import SqlImportJobRepository
from ingest.adapters.repository import SqlInvoiceRepository
from ingest.adapters.tables import outbox
from ingest.domain.documents import Document, Erasure
from ingest.domain.errors import DuplicateInvoice
from ingest.domain.model import Invoice


class SqlUnitOfWork(OutboxUnitOfWork):
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], notify: Callable[[], None]
    ) -> None:
        super().__init__(sessions, outbox, notify)

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        # One repository per transaction: it remembers which payments it loaded, so a
        # save writes only the new ones.
        self._invoices = SqlInvoiceRepository(self.session)
        return self

    @property
    def invoices(self) -> SqlInvoiceRepository:
        return self._invoices

    @property
    def imports(self) -> SqlImportJobRepository:
        return SqlImportJobRepository(self.session)

    @property
    def documents(self) -> SqlDocumentRepository:
        return SqlDocumentRepository(self.session)

    async def commit(self, *aggregates: Invoice | Document | Erasure) -> None:
        staged: list[OutgoingEvent] = []
        for agg in aggregates:
            if isinstance(agg, Document | Erasure):
                staged += [e for e in map(encode_document, agg.events) if e is not None]
            else:
                staged += [encode(event) for event in agg.events]
        try:
            await self.commit_events(staged)
        except IntegrityError as exc:
            # Two concurrent submissions of the same number: the second loses.
            if "uq_invoices_tenant_number" in str(exc.orig):
                raise DuplicateInvoice("this invoice number was already submitted") from exc
            raise
        for agg in aggregates:
            agg.events.clear()

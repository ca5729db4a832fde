"""The SQL unit of work: one transaction for state and outbox rows."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Self

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chassis.events import OutgoingEvent
from ingest.adapters.documents import SqlDocumentStore
from ingest.adapters.event_codec import encode, encode_document
from ingest.adapters.repository import SqlInvoiceRepository
from ingest.adapters.tables import outbox
from ingest.domain.documents import Document
from ingest.domain.errors import DuplicateInvoice
from ingest.domain.model import Invoice


class SqlUnitOfWork:
    invoices: SqlInvoiceRepository

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], notify: Callable[[], None]
    ) -> None:
        self._sessions = sessions
        self._notify = notify

    async def __aenter__(self) -> Self:
        self.session = self._sessions()
        await self.session.begin()
        self.invoices = SqlInvoiceRepository(self.session)
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.session.in_transaction():
            await self.session.rollback()
        await self.session.close()

    @property
    def documents(self) -> SqlDocumentStore:
        return SqlDocumentStore(self.session)

    async def commit(self, *aggregates: Invoice | Document) -> None:
        staged: list[OutgoingEvent] = []
        for agg in aggregates:
            if isinstance(agg, Document):
                staged += [e for e in map(encode_document, agg.events) if e is not None]
            else:
                staged += [encode(event) for event in agg.events]
        await outbox.write(self.session, staged)
        try:
            await self.session.commit()
        except IntegrityError as exc:
            # Two concurrent submissions of the same number: the second loses.
            if "uq_invoices_tenant_number" in str(exc.orig):
                raise DuplicateInvoice("this invoice number was already submitted") from exc
            raise
        for agg in aggregates:
            agg.events.clear()
        if staged:
            self._notify()

"""Ports the handlers depend on; adapters implement them, unit tests fake them."""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from ingest.domain.model import Invoice


class InvoiceRepository(Protocol):
    async def add(self, invoice: Invoice) -> None: ...

    async def get(self, tenant_id: str, invoice_id: str) -> Invoice | None:
        """The tenant's invoice, locked for update; None if it is not theirs."""

    async def number_taken(self, tenant_id: str, invoice_number: str) -> bool: ...

    async def save_payments(self, invoice: Invoice) -> None: ...


class UnitOfWork(Protocol):
    @property
    def invoices(self) -> InvoiceRepository: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self, *aggregates: Invoice) -> None:
        """Persist and stage the aggregates' new events, atomically."""

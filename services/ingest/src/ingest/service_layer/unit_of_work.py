"""Ports the handlers depend on; adapters implement them, unit tests fake them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Sequence
from types import TracebackType
from typing import Protocol, Self

from ingest.domain.imports import Checkpoint, ImportJob
from ingest.domain.model import Invoice


class InvoiceRepository(Protocol):
    async def add(self, invoice: Invoice) -> None: ...

    async def get(self, tenant_id: str, invoice_id: str) -> Invoice | None:
        """The tenant's invoice, locked for update; None if it is not theirs."""

    async def id_of_number(self, tenant_id: str, invoice_number: str) -> str | None:
        """The id of the member's invoice with this number, if it has one."""

    async def save_payments(self, invoice: Invoice) -> None: ...

    async def save_changes(self, invoice: Invoice) -> None:
        """A correction, credit note, dispute or write-off."""

    async def remove(self, invoice: Invoice) -> None: ...

    async def first_ids(self, tenant_id: str, limit: int) -> list[str]: ...

    async def remove_many(self, batch: Sequence[Invoice]) -> None: ...

    # Bulk variants: one round trip per table, not one per invoice.
    async def add_many(self, invoices: Sequence[Invoice]) -> set[str]:
        """Store new invoices; the ids stored (a number taken meanwhile is skipped)."""

    async def numbers_taken(self, tenant_id: str, invoice_numbers: Collection[str]) -> set[str]:
        """Which of these numbers the tenant already used."""

    async def get_many(self, tenant_id: str, invoice_ids: Collection[str]) -> dict[str, Invoice]:
        """The tenant's invoices among these ids, locked for update, by id."""

    async def save_payments_many(self, invoices: Sequence[Invoice]) -> None: ...

    async def ids_of_numbers(
        self, tenant_id: str, invoice_numbers: Collection[str]
    ) -> dict[str, str]:
        """The ids of the member's invoices with these numbers, by number."""


class ImportJobs(Protocol):
    async def create(self, job: ImportJob, chunks: AsyncIterator[bytes], most: int) -> int:
        """The queued job and its file's bytes; their size. ``OverflowError`` past ``most``."""

    async def get(self, tenant_id: str, job_id: str) -> ImportJob | None: ...

    async def checkpoint(self, job_id: str, done: Checkpoint, bytes_done: int) -> None:
        """Add one stored batch to the job's counts (in the batch's transaction); raises
        ``ImportNotFound`` when the job is gone (erased), so the batch rolls back."""

    async def forget_tenant(self, tenant_id: str) -> int:
        """Erasure: the member's jobs and what they still hold of its files."""


class UnitOfWork(Protocol):
    @property
    def invoices(self) -> InvoiceRepository: ...

    @property
    def imports(self) -> ImportJobs: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self, *aggregates: Invoice) -> None:
        """Persist and stage the aggregates' new events, atomically."""

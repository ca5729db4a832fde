"""Fakes for ingest's unit-of-work port, and builders for commands.

The fake keeps committed invoices as copies, so a handler that fails half-way
leaves the "database" as it was, just as a rolled-back transaction would.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any, Self

import pytest

from ingest.domain import commands
from ingest.domain.events import Event
from ingest.domain.imports import Checkpoint
from ingest.domain.model import Invoice

NOW = datetime(2026, 9, 15, 10, 30, tzinfo=UTC)
DEBTOR_VAT = "BE0123456749"  # a valid Belgian enterprise number
TENANT = "member-a"


class FakeInvoiceRepository:
    def __init__(self) -> None:
        self.committed: dict[str, Invoice] = {}
        self.pending: dict[str, Invoice] = {}
        self.removed: set[str] = set()

    async def add(self, invoice: Invoice) -> None:
        self.pending[invoice.id] = invoice

    async def get(self, tenant_id: str, invoice_id: str) -> Invoice | None:
        found = self.committed.get(invoice_id)
        if found is None or found.tenant_id != tenant_id:
            return None
        invoice = copy.deepcopy(found)
        self.pending[invoice.id] = invoice
        return invoice

    async def id_of_number(self, tenant_id: str, invoice_number: str) -> str | None:
        return next(
            (
                i.id
                for i in self.committed.values()
                if i.tenant_id == tenant_id and i.invoice_number == invoice_number
            ),
            None,
        )

    async def save_payments(self, invoice: Invoice) -> None:
        self.pending[invoice.id] = invoice

    async def save_changes(self, invoice: Invoice) -> None:
        self.pending[invoice.id] = invoice

    async def remove(self, invoice: Invoice) -> None:
        self.pending.pop(invoice.id, None)
        self.removed.add(invoice.id)

    async def add_many(self, invoices: Sequence[Invoice]) -> set[str]:
        for invoice in invoices:
            await self.add(invoice)
        return {i.id for i in invoices}

    async def numbers_taken(self, tenant_id: str, invoice_numbers: Collection[str]) -> set[str]:
        return {n for n in invoice_numbers if await self.id_of_number(tenant_id, n) is not None}

    async def get_many(self, tenant_id: str, invoice_ids: Collection[str]) -> dict[str, Invoice]:
        found = {i: await self.get(tenant_id, i) for i in invoice_ids}
        return {i: invoice for i, invoice in found.items() if invoice is not None}

    async def save_payments_many(self, invoices: Sequence[Invoice]) -> None:
        for invoice in invoices:
            await self.save_payments(invoice)

    async def ids_of_numbers(
        self, tenant_id: str, invoice_numbers: Collection[str]
    ) -> dict[str, str]:
        found = {n: await self.id_of_number(tenant_id, n) for n in invoice_numbers}
        return {n: i for n, i in found.items() if i is not None}


class FakeImportJobs:
    """The progress an import job would have stored, batch by batch."""

    def __init__(self) -> None:
        self.checkpoints: list[tuple[str, Checkpoint, int]] = []
        self.pending: list[tuple[str, Checkpoint, int]] = []

    async def checkpoint(self, job_id: str, done: Checkpoint, bytes_done: int) -> None:
        self.pending.append((job_id, done, bytes_done))


class FakeUnitOfWork:
    """Implements ``ingest.service_layer.unit_of_work.UnitOfWork`` in memory."""

    def __init__(self) -> None:
        self.invoices = FakeInvoiceRepository()
        self.imports = FakeImportJobs()
        self.events: list[Event] = []  # what the outbox would have staged
        self.commits = 0

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.invoices.pending.clear()  # anything not committed is rolled back
        self.imports.pending.clear()

    async def commit(self, *aggregates: Invoice) -> None:
        for invoice in aggregates:
            self.events.extend(invoice.events)
            invoice.events.clear()
        for invoice_id, invoice in self.invoices.pending.items():
            self.invoices.committed[invoice_id] = copy.deepcopy(invoice)
        for invoice_id in self.invoices.removed:
            self.invoices.committed.pop(invoice_id, None)
        self.invoices.pending.clear()
        self.invoices.removed.clear()
        self.imports.checkpoints += self.imports.pending
        self.imports.pending.clear()
        self.commits += 1


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> Callable[[], datetime]:
    return lambda: NOW


@pytest.fixture
def an_invoice() -> Callable[..., commands.SubmitInvoice]:
    """A valid submission; keyword arguments override single fields."""

    def build(**overrides: Any) -> commands.SubmitInvoice:
        fields: dict[str, Any] = {
            "tenant_id": TENANT,
            "debtor_vat": DEBTOR_VAT,
            "debtor_name": "Bouwbedrijf Peeters NV",
            "debtor_sector": "f41",
            "invoice_number": "F-2026-001",
            "issue_date": date(2026, 8, 1),
            "due_date": date(2026, 8, 31),
            "amount": "1000.00",
            "currency": "EUR",
        }
        fields.update(overrides)
        return commands.SubmitInvoice(**fields)

    return build

"""Ports the handlers depend on."""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from ocr.domain.model import Outcome


class JobStore(Protocol):
    async def done(self, document_id: str) -> bool: ...

    async def erase_tenant(self, tenant_id: str) -> int:
        """Forget every job (and announcement) of a member that left the register."""

    async def add(self, outcome: Outcome) -> bool:
        """Store the outcome; False if the document was already processed."""


class UnitOfWork(Protocol):
    @property
    def jobs(self) -> JobStore: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self, outcome: Outcome) -> None:
        """Persist and stage ``ocr.completed`` / ``ocr.failed``, atomically."""

    async def commit_quietly(self) -> None:
        """Commit what changed, announcing nothing."""

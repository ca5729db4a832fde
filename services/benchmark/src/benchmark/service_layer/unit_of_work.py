"""Ports the handlers depend on."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Protocol, Self

from benchmark.domain.model import CompanyScore


class ScoreStore(Protocol):
    async def claim(self, consumer: str, event_id: str) -> bool: ...

    async def upsert(self, company: CompanyScore) -> None:
        """Keep the newest score per company (older updates never win)."""

    async def claim_many(self, consumer: str, event_ids: Sequence[str]) -> set[str]: ...

    async def upsert_many(self, companies: Sequence[CompanyScore]) -> None:
        """As ``upsert``, for companies that each appear once."""


class UnitOfWork(Protocol):
    @property
    def store(self) -> ScoreStore: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self) -> None: ...

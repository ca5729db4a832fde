"""Ports the handlers depend on; adapters implement them, unit tests fake them."""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from scoring.domain.commands import RecordExperience
from scoring.domain.model import Experience, ProfileChange, RiskProfile


class ScoringStore(Protocol):
    async def claim(self, consumer: str, event_id: str) -> bool:
        """False when this consumer already processed the event."""

    async def upsert_experience(self, cmd: RecordExperience) -> None: ...

    async def experiences(self, vat: str) -> list[Experience]: ...

    async def profile(self, vat: str) -> RiskProfile | None:
        """The stored profile, locked until commit."""

    async def save_profile(self, profile: RiskProfile) -> None: ...


class UnitOfWork(Protocol):
    @property
    def store(self) -> ScoringStore: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self, *changes: ProfileChange) -> None:
        """Persist and stage ``risk.changed`` / ``score.updated``, atomically."""

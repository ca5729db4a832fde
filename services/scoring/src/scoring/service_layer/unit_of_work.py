"""Ports the handlers depend on; adapters implement them, unit tests fake them."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Protocol, Self

from scoring.domain.commands import RecordExperience
from scoring.domain.model import Experience, ProfileChange, RiskProfile


class ScoringStore(Protocol):
    """Set-based: one call per batch of events, not per event."""

    async def claim_new(self, consumer: str, event_ids: Sequence[str]) -> set[str]:
        """The ids this consumer had not processed yet, now claimed."""

    async def lock(self, vats: Sequence[str]) -> None:
        """Serialise recomputations of these debtors across replicas until commit."""

    async def upsert_experiences(self, cmds: Sequence[RecordExperience]) -> None: ...

    async def experiences(self, vats: Sequence[str]) -> dict[str, list[Experience]]: ...

    async def profiles(self, vats: Sequence[str]) -> dict[str, RiskProfile]: ...

    async def save_profiles(self, profiles: Sequence[RiskProfile]) -> None: ...


class UnitOfWork(Protocol):
    @property
    def store(self) -> ScoringStore: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self, *changes: ProfileChange) -> None:
        """Persist and stage ``risk.changed`` / ``score.updated``, atomically."""

"""Ports the handlers depend on; adapters implement them, unit tests fake them."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, Self

from scoring.domain.evidence import Experience, Known, MemberEvidence, MemberSums
from scoring.domain.history import HistoryRow
from scoring.domain.legal import Distress, LegalStatus
from scoring.domain.priors import CountryPrior
from scoring.domain.profile import ProfileChange, RiskProfile, Summary
from scoring.domain.scorecard import RiskLevel


class ScoringRepository(Protocol):
    """Set-based: one call per batch of events or page of debtors, not per row."""

    async def claim_new(self, consumer: str, event_ids: Sequence[str]) -> set[str]:
        """The ids this consumer had not processed yet, now claimed."""

    async def lock(self, vats: Sequence[str]) -> None:
        """Serialise work on these debtors across replicas until commit."""

    async def known(self, invoice_ids: Sequence[str]) -> dict[str, Known]: ...

    async def save_experiences(
        self, upserts: Sequence[Experience], tombstones: Sequence[tuple[str, int]]
    ) -> None: ...

    async def member_sums(
        self, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], MemberSums]:
        """Stored sums of (vat, supplier) pairs; missing pairs are absent."""

    async def save_member_sums(self, sums: Sequence[MemberSums]) -> None:
        """Upsert, and drop pairs that became empty."""

    async def replace_member_sums(self, vats: Sequence[str], sums: Sequence[MemberSums]) -> None:
        """All sums of these debtors, rebuilt (rescore)."""

    async def experiences_of(self, vats: Sequence[str]) -> dict[str, list[Experience]]:
        """Every live experience of these debtors (rescore only: it reads history)."""

    async def evidence(self, vats: Sequence[str]) -> dict[str, list[MemberEvidence]]:
        """Per debtor, each member's sums and open invoices."""

    async def profiles(self, vats: Sequence[str]) -> dict[str, RiskProfile]: ...

    async def summaries(self, vats: Sequence[str]) -> dict[str, Summary]:
        """What recomputing these debtors needs of their stored profiles."""

    async def save_profiles(self, profiles: Sequence[RiskProfile]) -> None: ...

    async def delete_profiles(self, vats: Sequence[str]) -> None: ...

    async def add_history(self, profiles: Sequence[RiskProfile]) -> None: ...

    async def priors(self) -> dict[str, CountryPrior]: ...

    async def save_priors(self, priors: dict[str, CountryPrior], at: datetime) -> None: ...

    async def experience_debtors_after(self, after: str, limit: int) -> list[str]:
        """The next page of debtors with stored experiences (what a rescore rebuilds)."""

    async def profiled_after(self, after: str, limit: int) -> list[str]:
        """The next page of debtors with a profile, in VAT order (the daily sweep)."""

    async def debtor_count(self, *, stored: bool = False) -> int:
        """Debtors with a profile, or (``stored``) with stored experiences."""

    async def needs_rebuild(self) -> bool:
        """Experiences exist but no running sums (a database from before them)."""

    async def swept(self, name: str) -> date | None: ...

    async def mark_swept(self, name: str, day: date, at: datetime) -> None: ...

    async def legal_statuses(self, vats: Sequence[str]) -> dict[str, LegalStatus]:
        """The stored registry statuses of these companies (any situation)."""

    async def save_legal_statuses(self, statuses: Sequence[LegalStatus]) -> None: ...

    async def distress(self, vats: Sequence[str]) -> dict[str, Distress]:
        """The companies among ``vats`` the registry shows in distress."""


class UnitOfWork(Protocol):
    @property
    def repo(self) -> ScoringRepository: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self, *changes: ProfileChange) -> None:
        """Persist and stage ``risk.changed`` / ``score.updated``, atomically."""


class ReadModel(Protocol):
    """The read side the gRPC API answers from (``scoring.views`` over SQL)."""

    async def many(self, vats: Sequence[str]) -> dict[str, RiskProfile]:
        """Profiles as of today (stale ones evaluated again, not written)."""

    async def highest(
        self,
        *,
        country: str,
        sector: str,
        min_level: RiskLevel | None,
        limit: int,
        after: tuple[int, str] | None,
    ) -> tuple[list[RiskProfile], tuple[int, str] | None]:
        """The highest scores first, and the key to continue after, if there is more."""

    async def history(self, vat: str, start: date, end: date) -> list[HistoryRow]: ...

    async def open_invoices(
        self, supplier: str, vat: str | None, *, limit: int, after: str = ""
    ) -> dict[str, list[Experience]]: ...

    def today(self) -> date: ...

    def default_history_start(self) -> date: ...


class JobLock(Protocol):
    def __call__(self, name: str) -> AbstractAsyncContextManager[bool]:
        """Held while a job runs; yields False when another replica holds it."""

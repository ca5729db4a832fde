"""Ports the handlers depend on."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from types import TracebackType
from typing import Protocol, Self

from benchmark.domain.measures import Histogram
from benchmark.domain.model import Company, MonthMedian
from benchmark.domain.sectors import GroupKey


class Register(Protocol):
    async def begin_write(self) -> date | None:
        """Serialise writers (consumer replicas, the rebuild) until the transaction ends and
        tell readers the counts move; returns the month the live counts are in."""

    async def open_write(
        self, vats: Sequence[str], keys: Iterable[GroupKey]
    ) -> tuple[date | None, dict[str, Company], dict[GroupKey, Histogram]]:
        """``begin_write``, then the companies and the groups' histograms locked for
        update, in one round trip."""

    async def histograms(
        self, keys: Iterable[GroupKey] | None = None
    ) -> dict[GroupKey, Histogram]: ...

    async def save(self, changed: Sequence[Company], hists: Mapping[GroupKey, Histogram]) -> None:
        """Upsert the companies (and their month's history row) and the histograms."""

    async def set_current_month(self, month: date) -> None: ...

    async def save_month(self, month: date, medians: Sequence[MonthMedian]) -> None: ...

    async def rebuilt(self, month: date | None = None) -> dict[GroupKey, Histogram]: ...

    async def replace_histograms(self, hists: Mapping[GroupKey, Histogram]) -> None: ...

    async def latest_as_of(self) -> date | None: ...

    async def prune_months(self, start: date) -> int: ...

    async def company_count(self) -> int: ...


class UnitOfWork(Protocol):
    @property
    def register(self) -> Register: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self) -> None: ...

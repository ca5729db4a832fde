"""Read side: every group's histogram held in memory, refreshed when the register moves.

A reader compares the register's version (one indexed row) at most every
``refresh_seconds`` and reloads the histograms (about 500 rows of 2.3 kB) only when
a writer bumped it; positions then cost one query for the companies asked for.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from benchmark.adapters.repository import company_of
from benchmark.adapters.tables import companies, histograms, month_medians
from benchmark.domain.measures import Histogram, Measure
from benchmark.domain.model import Company
from benchmark.domain.reading import Peers, Position, SectorView, position, sector_view
from benchmark.domain.sectors import GroupKey

MEDIANS_REFRESH_SECONDS = 30.0
_COMPANIES = sa.select(companies).where(
    companies.c.vat == sa.any_(sa.bindparam("vats", type_=postgresql.ARRAY(sa.String)))
)


@dataclass(slots=True)
class Snapshot:
    version: int = -1
    current_month: date | None = None
    peers: Peers = field(default_factory=lambda: Peers({}, 2))
    medians: dict[tuple[GroupKey, Measure], dict[date, tuple[int, float]]] = field(
        default_factory=dict
    )
    checked: float = 0.0
    medians_loaded: float = 0.0
    medians_month: date | None = None
    updated_at: datetime | None = None


class BenchmarkReader:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], floor: int, refresh_seconds: float
    ) -> None:
        self._sessions = sessions
        self.floor = floor
        self._refresh = refresh_seconds
        self._snap = Snapshot()
        self._lock = asyncio.Lock()

    async def snapshot(self) -> Snapshot:
        snap = self._snap
        if time.monotonic() - snap.checked < self._refresh:
            return snap
        async with self._lock:
            if time.monotonic() - self._snap.checked >= self._refresh:
                self._snap = await self._load(self._snap)
        return self._snap

    async def _load(self, old: Snapshot) -> Snapshot:
        async with self._sessions() as session:
            version, month, at = (
                await session.execute(
                    sa.text("SELECT version, current_month, updated_at FROM register")
                )
            ).one()
            now = time.monotonic()
            if version == old.version:
                old.checked = now
                return old
            rows = await session.execute(sa.select(histograms))
            hists = {
                GroupKey(r.country, r.sector): Histogram.from_bytes(r.counts, r.sums) for r in rows
            }
            medians = old.medians
            loaded = old.medians_loaded
            if month != old.medians_month or now - loaded >= MEDIANS_REFRESH_SECONDS:
                medians = defaultdict(dict)
                for r in await session.execute(sa.select(month_medians)):
                    key = (GroupKey(r.country, r.sector), Measure(r.measure))
                    medians[key][r.month] = (int(r[4]), float(r[5]))
                loaded = now
        peers = Peers(hists, self.floor)
        return Snapshot(version, month, peers, dict(medians), now, loaded, month, at)

    async def sector(self, key: GroupKey) -> SectorView:
        snap = await self.snapshot()
        return sector_view(key, snap.peers, snap.medians, snap.current_month)

    async def positions(self, vats: Sequence[str], measures: bool = True) -> dict[str, Position]:
        snap = await self.snapshot()
        found = await self._companies(vats)
        return {vat: position(c, snap.peers, measures) for vat, c in found.items()}

    async def _companies(self, vats: Sequence[str]) -> dict[str, Company]:
        if not vats:
            return {}
        async with self._sessions() as session:
            rows = await session.execute(_COMPANIES, {"vats": list(vats)})
            return {r.vat: company_of(r) for r in rows}

    async def peers(self) -> Peers:
        return (await self.snapshot()).peers

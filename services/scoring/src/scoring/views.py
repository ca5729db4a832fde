"""Read side: profiles, history and a member's open invoices straight from SQL.

A stored profile is current as of the later of its own evaluation day and the last
completed ageing sweep (the sweep rewrites only profiles that changed). A profile older
than today (between midnight and the sweep) is evaluated again on read, not written.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from scoring.adapters.repository import (
    OPEN,
    SqlScoringRepository,
    experience_from_row,
    profile_from_row,
)
from scoring.adapters.tables import experiences, profiles, score_history
from scoring.domain.evidence import Experience
from scoring.domain.history import HistoryRow
from scoring.domain.profile import RiskProfile, build
from scoring.domain.scorecard import RiskLevel
from scoring.service_layer.handlers import SWEEP

SWEPT_TTL_SECONDS = 60.0
LEVEL_FLOOR = {
    RiskLevel.LOW: 0,
    RiskLevel.MEDIUM: 31,
    RiskLevel.HIGH: 51,
    RiskLevel.CRITICAL: 71,
}


class ProfileReader:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Callable[[], datetime]
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._swept: tuple[float, date | None] = (0.0, None)

    async def _swept_day(self, session: AsyncSession) -> date | None:
        at, day = self._swept
        if time.monotonic() - at < SWEPT_TTL_SECONDS:
            return day
        day = await SqlScoringRepository(session).swept(SWEEP)
        self._swept = (time.monotonic(), day)
        return day

    async def _current(self, session: AsyncSession, found: list[RiskProfile]) -> list[RiskProfile]:
        now = self._clock()
        today = now.date()
        swept = await self._swept_day(session)
        stale = [p for p in found if max(p.as_of, swept or p.as_of) < today]
        if not stale:
            return found
        repo = SqlScoringRepository(session)
        evidence = await repo.evidence([p.vat for p in stale])
        distress = await repo.distress([p.vat for p in stale])
        priors = await repo.priors()
        fresh = {}
        for p in stale:
            fresh[p.vat] = build(
                vat=p.vat,
                country=p.country,
                sector=p.sector,
                members=evidence.get(p.vat, []),
                today=today,
                now=now,
                prior=priors.get(p.country),
                previous=p,
                distress=distress.get(p.vat),
            )
        return [fresh.get(p.vat, p) for p in found]

    async def many(self, vats: Sequence[str]) -> dict[str, RiskProfile]:
        if not vats:
            return {}
        async with self._sessions() as session:
            rows = await session.execute(sa.select(profiles).where(profiles.c.vat.in_(vats)))
            found = [profile_from_row(r) for r in rows]
            return {p.vat: p for p in await self._current(session, found)}

    async def highest(
        self,
        *,
        country: str,
        sector: str,
        min_level: RiskLevel | None,
        limit: int,
        after: tuple[int, str] | None,
    ) -> tuple[list[RiskProfile], tuple[int, str] | None]:
        t = profiles
        q = sa.select(t).order_by(t.c.score.desc(), t.c.vat).limit(limit + 1)
        if country:
            q = q.where(t.c.country == country)
        if sector:
            q = q.where(t.c.sector.startswith(sector, autoescape=True))
        if min_level is not None:
            q = q.where(t.c.score >= LEVEL_FLOOR[min_level])
        if after is not None:
            score, vat = after
            q = q.where(sa.or_(t.c.score < score, sa.and_(t.c.score == score, t.c.vat > vat)))
        async with self._sessions() as session:
            found = [profile_from_row(r) for r in await session.execute(q)]
            more = len(found) > limit
            found = await self._current(session, found[:limit])
        last = found[-1] if more and found else None
        return found, (last.score, last.vat) if last else None

    async def history(self, vat: str, start: date, end: date) -> list[HistoryRow]:
        """The debtor's score changes up to ``end``: the last one before ``start`` (the
        level the period opens with) and all inside."""
        h = score_history
        async with self._sessions() as session:
            before = (
                await session.execute(
                    sa.select(h.c.day, h.c.score, h.c.level)
                    .where(h.c.vat == vat, h.c.day < start)
                    .order_by(h.c.day.desc(), h.c.id.desc())
                    .limit(1)
                )
            ).all()
            inside = (
                await session.execute(
                    sa.select(h.c.day, h.c.score, h.c.level)
                    .where(h.c.vat == vat, h.c.day >= start, h.c.day <= end)
                    .order_by(h.c.day, h.c.id)
                )
            ).all()
        return [HistoryRow(r.day, r.score, RiskLevel(r.level)) for r in [*before, *inside]]

    async def open_invoices(
        self, supplier: str, vat: str | None, *, limit: int, after: str = ""
    ) -> dict[str, list[Experience]]:
        """A member's open invoices, per debtor (one debtor, or a page over all)."""
        e = experiences
        q = sa.select(e).where(OPEN, e.c.supplier == supplier)
        q = q.where(e.c.vat == vat) if vat is not None else q.where(e.c.invoice_id > after)
        q = q.order_by(e.c.invoice_id).limit(limit)
        async with self._sessions() as session:
            rows = (await session.execute(q)).all()
        found: dict[str, list[Experience]] = defaultdict(list)
        for r in rows:
            found[r.vat].append(experience_from_row(r))
        return found

    def today(self) -> date:
        return self._clock().date()

    def default_history_start(self) -> date:
        return self.today() - timedelta(days=365)

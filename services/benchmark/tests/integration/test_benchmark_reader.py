"""Sector statistics and a company's position, computed by PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import benchmark
from benchmark.adapters.uow import SqlUnitOfWork
from benchmark.domain.commands import RecordScore
from benchmark.domain.model import CompanyScore
from benchmark.service_layer.handlers import record_score
from benchmark.views import BenchmarkReader
from chassis import db
from devstack.samples import belgian_vat, dutch_vat, luxembourg_vat
from devstack.testing import Databases

Sessions = async_sessionmaker[AsyncSession]
AT = datetime(2026, 9, 15, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
async def sessions(databases: Databases) -> AsyncIterator[Sessions]:
    """One database per module: the sector aggregates must see only these companies."""
    url = databases.fresh("benchmark")
    db.upgrade_to_head(Path(benchmark.__file__).parent / "migrations", url)
    engine = db.create_engine(url, pool_size=4)
    yield db.session_factory(engine)
    await engine.dispose()


async def score(
    sessions: Sessions, vat: str, country: str, sector: str, value: int, *,
    late: float = 0.0, at: datetime = AT,
) -> bool:  # fmt: skip
    company = CompanyScore(vat, country, sector, value, late, at)
    return await record_score(RecordScore(str(uuid.uuid4()), company), SqlUnitOfWork(sessions))


@pytest.fixture(scope="module")
async def construction(sessions: Sessions) -> dict[int, str]:
    """Four Belgian builders scoring 10, 20, 30 and 40, plus companies that must not count."""
    vats = {value: belgian_vat() for value in (10, 20, 30, 40)}
    for value, vat in vats.items():
        await score(sessions, vat, "BE", "F", value, late=value / 10)
    await score(sessions, belgian_vat(), "BE", "G", 90)  # another sector
    await score(sessions, dutch_vat(), "NL", "F", 95)  # another country
    return vats


async def test_a_sectors_statistics_cover_only_its_own_country_and_section(
    sessions: Sessions, construction: dict[int, str]
) -> None:
    stats = await BenchmarkReader(sessions).sector("BE", "F")

    assert stats.company_count == 4
    assert stats.mean_score == 25.0
    assert stats.median_score == 25.0
    assert stats.p25_score == 17.5
    assert stats.p75_score == 32.5
    assert stats.mean_days_late == 2.5
    assert stats.updated_at == AT


async def test_a_country_without_a_section_covers_every_sector(
    sessions: Sessions, construction: dict[int, str]
) -> None:
    stats = await BenchmarkReader(sessions).sector("BE", "")

    assert stats.company_count == 5
    assert stats.median_score == 30.0


async def test_an_empty_sector_has_zero_companies_and_no_update_time(
    sessions: Sessions, construction: dict[int, str]
) -> None:
    stats = await BenchmarkReader(sessions).sector("LU", "F")

    assert (stats.company_count, stats.median_score, stats.updated_at) == (0, 0.0, None)


async def test_a_companys_position_is_the_share_of_its_peers_with_a_better_score(
    sessions: Sessions, construction: dict[int, str]
) -> None:
    reader = BenchmarkReader(sessions)

    best = await reader.position(construction[10])
    third = await reader.position(construction[30])

    assert best is not None and third is not None
    assert best[0] == 0.0
    assert third[0] == 50.0
    assert third[1].company_count == 4
    assert await reader.position(belgian_vat()) is None


async def test_an_older_score_never_overwrites_a_newer_one_and_a_missing_sector_is_kept(
    sessions: Sessions,
) -> None:
    vat = luxembourg_vat()  # Luxembourg's section C holds only this company
    await score(sessions, vat, "LU", "C", 40, at=AT)
    await score(sessions, vat, "LU", "C", 70, at=AT - timedelta(hours=1))  # late redelivery
    await score(sessions, vat, "LU", "", 45, at=AT + timedelta(hours=1))  # no sector given

    found = await BenchmarkReader(sessions).position(vat)

    assert found is not None
    _, sector = found
    assert (sector.sector, sector.company_count, sector.mean_score) == ("C", 1, 45.0)

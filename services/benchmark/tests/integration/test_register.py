"""The counts in PostgreSQL: incremental updates, redelivery, order, months and the rebuild."""

from __future__ import annotations

import asyncio
import functools
import random
from datetime import date

import sqlalchemy as sa
from benchmark_testing import company, nearest_rank, record, reference
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from benchmark.adapters.tables import histograms, month_medians
from benchmark.adapters.uow import SqlUnitOfWork
from benchmark.domain.measures import QUANTILES, Histogram, Measure
from benchmark.domain.model import Company
from benchmark.domain.sectors import BENELUX, GroupKey
from benchmark.service_layer.handlers import rebuild, record_scores
from benchmark.views import BenchmarkReader

Sessions = async_sessionmaker[AsyncSession]


async def _counts(sessions: Sessions) -> dict[tuple[str, str], tuple[list[int], list[int]]]:
    """Each group's counts and sums; a group emptied by moves counts as absent."""
    async with sessions() as s:
        rows = await s.execute(sa.select(histograms))
        out = {}
        for r in rows:
            h = Histogram.from_bytes(r.counts, r.sums)
            if any(h.counts) or any(h.sums):
                out[(r.country, r.sector)] = (list(h.counts), list(h.sums))
        return out


async def _medians(sessions: Sessions) -> set[tuple[object, ...]]:
    async with sessions() as s:
        return {tuple(r) for r in await s.execute(sa.select(month_medians))}


def reader(sessions: Sessions, floor: int = 5) -> BenchmarkReader:
    return BenchmarkReader(sessions, floor=floor, refresh_seconds=0)


def _world(rng: random.Random, n: int) -> list[Company]:
    sectors = ["F41", "F43", "F", "C10", "G47", "", "62"]
    out: list[Company] = []
    for i in range(n):
        country = rng.choice(["BE", "BE", "NL", "LU", "DE"])
        out.append(
            company(
                f"{country}{i:010d}", rng.randint(0, 100), sector=rng.choice(sectors),
                days_to_pay=None if rng.random() < 0.2 else round(rng.uniform(0, 260), 1),
                beyond=round(rng.uniform(0, 130), 2), late=round(rng.random(), 4),
            )
        )  # fmt: skip
    return out


async def test_the_served_figures_equal_the_sorted_values_of_each_group(sessions: Sessions) -> None:
    companies = _world(random.Random(1), 300)
    assert await record_scores([record(c) for c in companies], SqlUnitOfWork(sessions)) == 300
    r = reader(sessions)
    for key in (GroupKey("BE", ""), GroupKey("BE", "F"), GroupKey(BENELUX, "41"),
                GroupKey("NL", ""), GroupKey("DE", "")):  # fmt: skip
        view = await r.sector(key)
        assert view.group == key
        for s in view.measures:
            assert s.stats is not None
            values = reference(companies, key, s.stats.measure)
            assert s.stats.count == len(values)
            assert list(s.stats.quantiles) == [nearest_rank(values, q) for q in QUANTILES]


async def test_redelivery_and_an_overtaken_update_change_nothing(sessions: Sessions) -> None:
    first = [company(f"BE{i:010d}", 20 + i) for i in range(10)]
    later = [company(c.vat, 90) for c in first[:5]]
    cmds = [record(c) for c in first]
    uow = functools.partial(SqlUnitOfWork, sessions)
    await record_scores(cmds, uow())
    await record_scores([record(c) for c in later], uow())
    before = await _counts(sessions)

    assert await record_scores(cmds, uow()) == 0  # redelivered
    assert await record_scores([record(c) for c in first], uow()) == 0  # older than stored
    assert await _counts(sessions) == before
    view = await reader(sessions).sector(GroupKey("BE", "41"))
    assert view.measures[0].stats is not None
    assert view.measures[0].stats.quantiles == (25, 27, 29, 90, 90)  # five moved to 90


async def test_a_company_that_changes_sector_and_level_moves_between_groups(
    sessions: Sessions,
) -> None:
    uow = functools.partial(SqlUnitOfWork, sessions)
    builders = [company(f"BE{i:010d}", 10) for i in range(5)]
    await record_scores([record(c) for c in builders], uow())
    mover = builders[0]
    await record_scores([record(company(mover.vat, 80, sector="C10"))], uow())
    r = reader(sessions, floor=1)
    f41 = await r.sector(GroupKey("BE", "41"))
    c10 = await r.sector(GroupKey("BE", "10"))
    assert sum(f41.levels) == 4 and f41.levels[0] == 4
    assert sum(c10.levels) == 1 and c10.levels[3] == 1
    assert sum((await r.sector(GroupKey("BE", ""))).levels) == 5


async def test_the_rebuild_recomputes_exactly_what_the_updates_built(sessions: Sessions) -> None:
    rng = random.Random(7)
    companies = _world(rng, 400)
    uow = functools.partial(SqlUnitOfWork, sessions)
    # Values at the buckets' edges, so the SQL and the Python rounding must agree.
    companies += [
        company("BE9000000001", 0, days_to_pay=0.5, beyond=0.49, late=0.005),
        company("BE9000000002", 100, days_to_pay=240.5, beyond=120.5, late=1.0),
        company("BE9000000003", 31, days_to_pay=999.9, beyond=0.0, late=0.0049),
    ]
    for i in range(0, len(companies), 37):
        await record_scores([record(c) for c in companies[i : i + 37]], uow())
    moved = [company(c.vat, rng.randint(0, 100), sector="F43") for c in companies[::5]]
    await record_scores([record(c) for c in moved], uow())
    built = await _counts(sessions)
    async with sessions() as s, s.begin():
        await s.execute(sa.text("UPDATE histograms SET counts = '\\x00'::bytea"))  # corrupt
    done = await rebuild(uow())
    assert done.companies == len(companies)
    assert await _counts(sessions) == built


async def test_concurrent_batches_from_two_replicas_leave_consistent_counts(
    sessions: Sessions,
) -> None:
    rng = random.Random(3)
    base = _world(rng, 200)
    uow = functools.partial(SqlUnitOfWork, sessions)
    await record_scores([record(c) for c in base], uow())
    a = [record(company(c.vat, rng.randint(0, 100), sector="G47")) for c in base[:120]]
    b = [record(company(c.vat, rng.randint(0, 100), sector="C10")) for c in base[80:]]
    await asyncio.gather(record_scores(a, uow()), record_scores(b, uow()))
    live = await _counts(sessions)
    await rebuild(uow())
    assert await _counts(sessions) == live


async def test_a_new_month_closes_the_last_and_the_rebuild_recomputes_its_medians(
    sessions: Sessions,
) -> None:
    uow = functools.partial(SqlUnitOfWork, sessions)
    july = [company(f"BE{i:010d}", 10 * i, as_of=date(2026, 7, 20)) for i in range(6)]
    await record_scores([record(c) for c in july], uow())
    august = [company(c.vat, 90, as_of=date(2026, 8, 3)) for c in july[:4]]
    september = [company(c.vat, 95, as_of=date(2026, 9, 2)) for c in july[:1]]
    # One batch that spans two month boundaries: each month closes in order.
    await record_scores([record(c) for c in august + september], uow())

    closed = await _medians(sessions)
    jul = {(r[1], r[2], r[3]): r[5] for r in closed if r[0] == date(2026, 7, 1)}
    aug = {(r[1], r[2], r[3]): r[5] for r in closed if r[0] == date(2026, 8, 1)}
    assert jul[("BE", "41", "score")] == 20  # 0, 10, 20, 30, 40, 50: lower median
    assert aug[("BE", "41", "score")] == 50  # 40, 50, 90, 90, 90, 90
    view = await reader(sessions).sector(GroupKey("BE", "41"))
    score = {m: t for m, t in view.trends.items()}[Measure.SCORE]
    assert [(p.month.month, p.median) for p in score] == [(7, 20), (8, 50), (9, 90)]

    async with sessions() as s, s.begin():
        await s.execute(sa.delete(month_medians))
    await rebuild(uow())
    assert await _medians(sessions) == set()  # closed months are kept as they closed...
    await rebuild(uow(), trend=True)  # ...unless asked to recompute them
    assert await _medians(sessions) == closed


async def test_the_floor_hides_a_small_group_and_its_size(sessions: Sessions) -> None:
    uow = functools.partial(SqlUnitOfWork, sessions)
    await record_scores(
        [record(company(f"LU{i:08d}", 40 + i, sector="F41")) for i in range(3)]
        + [record(company(f"BE{i:010d}", 10 + i, sector="F41")) for i in range(6)],
        uow(),
    )
    r = reader(sessions, floor=5)
    lu = await r.sector(GroupKey("LU", "41"))
    assert lu.withheld and lu.group == GroupKey(BENELUX, "")  # LU/F and LU too small too
    pos = (await r.positions(["LU00000001"]))["LU00000001"]
    assert all(p.withheld for p in pos.placements)
    score = pos.placements[0].standings[0]
    assert score.shown.group == GroupKey(BENELUX, "") and score.better_than == 12.5
    assert (await reader(sessions, floor=3).sector(GroupKey("LU", "41"))).group == GroupKey(
        "LU", "41"
    )

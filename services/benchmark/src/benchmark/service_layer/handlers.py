"""Use cases: fold score updates into the groups' counts, rebuild them from the store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from benchmark.domain.commands import RecordScore
from benchmark.domain.model import Deltas, add_months, month_medians, month_of, newest
from benchmark.domain.reading import TREND_MONTHS
from benchmark.domain.sectors import GroupKey
from benchmark.service_layer.unit_of_work import UnitOfWork

CONSUMER = "benchmark-scores"


async def record_scores(cmds: Sequence[RecordScore], uow: UnitOfWork) -> int:
    """Fold a batch of score updates in; returns how many changed a company.

    Idempotent without a claims table: an update no newer than the company's stored one
    (a redelivery, or one overtaken by a later update) changes nothing. When an update
    is for a later month than the live counts, the month that ends is closed first: each
    group's medians at that moment become the month's point of the trend.
    """
    async with uow:
        reg = uow.register
        batch = newest(c.company for c in cmds)
        # Most updates keep their company's groups: fetch those with the companies.
        likely = {key for c in batch.values() for key in c.groups()}
        current, old, hists = await reg.open_write(sorted(batch), likely)
        fresh = sorted(
            (c for c in batch.values() if c.vat not in old or old[c.vat].updated_at < c.updated_at),
            key=lambda c: c.as_of,
        )
        if not fresh:
            return 0  # rolled back: readers see no new version either
        first = current is None
        current = current or month_of(fresh[0].as_of)
        later = sorted({month_of(c.as_of) for c in fresh} - {current})
        later = [m for m in later if m > current]
        touched: set[GroupKey] = set()
        for c in fresh:
            touched.update(c.groups())
            if c.vat in old:
                touched.update(old[c.vat].groups())
        if later:  # closing a month needs every group
            hists = await reg.histograms(None)
        elif missing := touched - likely:  # companies that moved sector or country
            hists.update(await reg.histograms(missing))
        i = 0
        for boundary in [*later, None]:
            deltas = Deltas()
            while i < len(fresh) and (boundary is None or month_of(fresh[i].as_of) < boundary):
                deltas.move(old.get(fresh[i].vat), fresh[i])
                i += 1
            deltas.apply(hists)
            if boundary is not None:
                await reg.save_month(current, month_medians(hists))
                current = boundary
        await reg.save(fresh, {k: hists[k] for k in touched})
        if first or later:
            await reg.set_current_month(current)
            await reg.prune_months(add_months(current, 1 - TREND_MONTHS))
        await uow.commit()
    return len(fresh)


@dataclass(frozen=True, slots=True)
class Rebuilt:
    companies: int
    groups: int
    months: int


async def rebuild(
    uow: UnitOfWork, progress: Callable[[int], None] = lambda n: None, *, trend: bool = False
) -> Rebuilt:
    """Recompute every group's counts with one GROUP BY over the companies; with ``trend``
    also the closed months' medians from the monthly history (otherwise they stay what
    they were when each month closed). Progress counts the steps: 1, plus one per closed
    month with ``trend``."""
    async with uow:
        reg = uow.register
        current = await reg.begin_write()
        hists = await reg.rebuilt()
        await reg.replace_histograms(hists)
        progress(1)
        latest = await reg.latest_as_of()
        if latest is not None and (current is None or month_of(latest) > current):
            current = month_of(latest)
            await reg.set_current_month(current)
        months = 0
        if current is not None and trend:
            start = add_months(current, 1 - TREND_MONTHS)
            await reg.prune_months(start)
            for k in range(TREND_MONTHS - 1, 0, -1):
                month = add_months(current, -k)
                await reg.save_month(month, month_medians(await reg.rebuilt(month)))
                months += 1
                progress(1)
        companies = await reg.company_count()
        await uow.commit()
    return Rebuilt(companies, len(hists), months)


def rebuild_steps(trend: bool) -> int:
    """How many steps ``rebuild`` reports to its progress callback in all."""
    return TREND_MONTHS if trend else 1

"""Use cases: the table at the bottom is the service's index."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any, Protocol, TypeVar

from scoring.domain.commands import InvoiceFact, Rescore, Sweep, latest_by_invoice
from scoring.domain.evidence import Experience, MemberEvidence, MemberSums, Sums
from scoring.domain.legal import LegalStatus
from scoring.domain.priors import CountryPrior, PriorAccumulator
from scoring.domain.profile import Cause, ProfileChange, build
from scoring.service_layer.unit_of_work import JobLock, UnitOfWork

log = logging.getLogger(__name__)

CONSUMER = "scoring-invoices"
STATUS_CONSUMER = "scoring-companies"
SWEEP = "ageing"
PAGE = 2000
Clock = Callable[[], datetime]
UowFactory = Callable[[], UnitOfWork]
Progress = Callable[[int], None]
C = TypeVar("C", contravariant=True)


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Debtor:
    """What events say about a debtor besides its invoices."""

    country: str
    sector: str = ""


@dataclass(slots=True)
class Reassessment:
    """Recompute debtors' profiles from their evidence as of a day."""

    today: date
    now: datetime
    cause: Cause
    priors: dict[str, CountryPrior]
    debtors: dict[str, Debtor] = field(default_factory=dict)
    # Filled while sweeping: the register's figures per country for tomorrow's prior.
    accumulate: dict[str, PriorAccumulator] | None = None

    async def run(
        self,
        uow: UnitOfWork,
        vats: Sequence[str],
        evidence: dict[str, list[MemberEvidence]] | None = None,
    ) -> list[ProfileChange]:
        if evidence is None:
            evidence = await uow.repo.evidence(vats)
        previous = await uow.repo.summaries(vats)
        distress = await uow.repo.distress(vats)
        changes: list[ProfileChange] = []
        gone: list[str] = []
        for vat in vats:
            members = evidence.get(vat, [])
            before = previous.get(vat)
            if not any(m.invoice_count > 0 or m.sums.count > 0 for m in members):
                if before is not None:
                    gone.append(vat)
                continue
            hint = self.debtors.get(vat)
            country = (hint.country if hint else "") or (before.country if before else vat[:2])
            sector = (hint.sector if hint else "") or (before.sector if before else "")
            current = build(
                vat=vat,
                country=country,
                sector=sector,
                members=members,
                today=self.today,
                now=self.now,
                prior=self.priors.get(country),
                previous=before,
                distress=distress.get(vat),
            )
            if self.accumulate is not None:
                acc = self.accumulate.setdefault(country, PriorAccumulator.empty())
                acc.add(m.sums.values for m in members if m.sums.count > 0)
            changes.append(ProfileChange(before, current, self.cause))
        stored = [c.settled() for c in changes if c.previous is None or c.worth_storing]
        await uow.repo.save_profiles(stored)
        await uow.repo.add_history([c.current for c in changes if c.history])
        await uow.repo.delete_profiles(gone)
        return changes


def _today(now: datetime) -> date:
    return now.date()


async def record_facts(
    facts: Sequence[InvoiceFact], uow: UnitOfWork, now: Clock = utcnow
) -> list[ProfileChange]:
    """Apply a batch of invoice facts; each touched debtor is recomputed once.

    Events already processed (redeliveries) are skipped, so a batch retried after a
    crash changes nothing twice. Facts older than what is stored (a late event) are
    ignored; deletions leave a tombstone.
    """
    moment = now()
    today = _today(moment)
    async with uow:
        new = await uow.repo.claim_new(CONSUMER, [f.event_id for f in facts])
        fresh = latest_by_invoice([f for f in facts if f.event_id in new])
        if not fresh:
            await uow.commit()
            return []
        ids = [f.invoice_id for f in fresh]
        # Lock the debtors first (sorted: replicas lock in one order), then read what is
        # stored; an invoice that moved from another debtor locks that one too.
        vats = {f.vat for f in fresh}
        await uow.repo.lock(sorted(vats))
        seen = await uow.repo.known(ids)
        moved_from = {k.experience.vat for k in seen.values() if k.experience is not None} - vats
        if moved_from:
            await uow.repo.lock(sorted(moved_from))
            seen = await uow.repo.known(ids)
            vats |= moved_from
        moves: list[tuple[Experience | None, Experience | None]] = []
        upserts: list[Experience] = []
        tombstones: list[tuple[str, int]] = []
        debtors: dict[str, Debtor] = {}
        for f in fresh:
            k = seen.get(f.invoice_id)
            if k is not None and f.revision < k.revision:
                continue  # an older event arriving late
            old = k.experience if k else None
            fact = f
            if k is not None and old is not None and f.revision == k.revision:
                fact = replace(
                    f,
                    settled_date=f.settled_date or old.settled_date,
                    paid_amount=max(f.paid_amount, old.paid_amount),
                )
            if fact.deleted or not fact.admissible(today):
                if not fact.deleted:
                    log.warning(
                        "invoice fact neutralised: outside the plausible window",
                        extra={"invoice_id": fact.invoice_id, "issue_date": str(fact.issue_date)},
                    )
                new_exp = None
                tombstones.append((fact.invoice_id, fact.revision))
            else:
                new_exp = fact.experience()
                upserts.append(new_exp)
            moves.append((old, new_exp))
            debtors[fact.vat] = Debtor(
                fact.country, fact.sector or debtors.get(fact.vat, Debtor("")).sector
            )
        keys = sorted({(e.vat, e.supplier) for pair in moves for e in pair if e is not None})
        sums = await uow.repo.member_sums(keys)
        for old, new_exp in moves:
            if old is not None:
                _sums_of(sums, old).move(old, None)
            if new_exp is not None:
                _sums_of(sums, new_exp).move(None, new_exp)
        await uow.repo.save_experiences(upserts, tombstones)
        await uow.repo.save_member_sums(list(sums.values()))
        job = Reassessment(today, moment, Cause.NEW_FACTS, await uow.repo.priors(), debtors)
        changes = await job.run(uow, sorted(vats))
        await uow.commit(*changes)
    return changes


async def record_statuses(
    statuses: Sequence[LegalStatus], uow: UnitOfWork, now: Clock = utcnow
) -> list[ProfileChange]:
    """Apply the company registry's juridical situations; every debtor with a profile
    whose situation changed is recomputed (bankruptcy, judicial reorganisation and
    liquidation weigh in its score and explanation) and its change announced as usual.
    A redelivery changes nothing; an older extract's word never overwrites a newer one."""
    moment = now()
    async with uow:
        new = await uow.repo.claim_new(STATUS_CONSUMER, [s.event_id for s in statuses])
        latest: dict[str, LegalStatus] = {}
        for s in statuses:
            if s.event_id in new and (
                s.vat not in latest or s.extract_number > latest[s.vat].extract_number
            ):
                latest[s.vat] = s
        if not latest:
            await uow.commit()
            return []
        vats = sorted(latest)
        await uow.repo.lock(vats)
        stored = await uow.repo.legal_statuses(vats)
        fresh = [
            s
            for v, s in latest.items()
            if v not in stored or s.extract_number > stored[v].extract_number
        ]
        await uow.repo.save_legal_statuses(fresh)
        moved = sorted(
            s.vat
            for s in fresh
            if (stored[s.vat].distress if s.vat in stored else None) != s.distress
        )
        job = Reassessment(_today(moment), moment, Cause.NEW_FACTS, await uow.repo.priors())
        changes = await job.run(uow, moved) if moved else []
        await uow.commit(*changes)
    return changes


def _sums_of(found: dict[tuple[str, str], MemberSums], e: Experience) -> MemberSums:
    key = (e.vat, e.supplier)
    if key not in found:
        found[key] = MemberSums(e.vat, e.supplier, Sums())
    return found[key]


PageOf = Callable[[UnitOfWork, str, int], Awaitable[list[str]]]
PageWork = Callable[[UnitOfWork, list[str]], Awaitable[list[ProfileChange]]]


async def _in_pages(
    uows: UowFactory, pages: PageOf, work: PageWork, size: int, progress: Progress | None
) -> int:
    """Debtors page by page in VAT order, each page locked and done in one transaction."""
    seen = 0
    after = ""
    while True:
        async with uows() as uow:
            vats = await pages(uow, after, size)
            if not vats:
                return seen
            await uow.repo.lock(vats)
            changes = await work(uow, vats)
            await uow.commit(*changes)
        seen += len(vats)
        after = vats[-1]
        if progress:
            progress(len(vats))


async def sweep(
    cmd: Sweep,
    uows: UowFactory,
    jobs: JobLock,
    now: Clock = utcnow,
    progress: Progress | None = None,
    page: int = PAGE,
) -> int:
    """Re-evaluate every profile as of ``cmd.day``: open invoices age, a debtor that went
    quiet reaches its level and fires risk.changed. One transaction per page; one
    replica at a time; refreshes the country priors for the next day. Returns the
    number of debtors seen (0 when another replica is sweeping)."""
    async with jobs(SWEEP) as mine:
        if not mine:
            return 0
        async with uows() as uow:
            priors = await uow.repo.priors()
        acc: dict[str, PriorAccumulator] = {}

        async def age(uow: UnitOfWork, vats: list[str]) -> list[ProfileChange]:
            job = Reassessment(cmd.day, now(), Cause.AGEING, priors, accumulate=acc)
            return await job.run(uow, vats)

        seen = await _in_pages(
            uows, lambda uow, after, n: uow.repo.profiled_after(after, n), age, page, progress
        )
        async with uows() as uow:
            await uow.repo.save_priors({c: a.prior(c) for c, a in acc.items()}, now())
            await uow.repo.mark_swept(SWEEP, cmd.day, now())
            await uow.commit()
    return seen


async def rescore(
    cmd: Rescore,
    uows: UowFactory,
    jobs: JobLock,
    now: Clock = utcnow,
    progress: Progress | None = None,
    page: int = PAGE,
) -> int:
    """Rebuild every member's sums from the stored experiences and every profile. With
    ``model_change`` the announcements it causes say so, for partners to mute."""
    cause = Cause.MODEL_CHANGE if cmd.model_change else Cause.RESCORE
    async with jobs(SWEEP) as mine:
        if not mine:
            raise RuntimeError("another replica is sweeping or rescoring; try again later")
        async with uows() as uow:
            priors = await uow.repo.priors()

        async def rebuild(uow: UnitOfWork, vats: list[str]) -> list[ProfileChange]:
            history = await uow.repo.experiences_of(vats)
            rebuilt: dict[tuple[str, str], MemberSums] = {}
            opened: dict[tuple[str, str], list[Experience]] = {}
            for exps in history.values():
                for e in exps:
                    _sums_of(rebuilt, e).move(None, e)
                    if not e.closed:
                        opened.setdefault((e.vat, e.supplier), []).append(e)
            await uow.repo.replace_member_sums(vats, list(rebuilt.values()))
            evidence: dict[str, list[MemberEvidence]] = {}
            for (vat, supplier), ms in sorted(rebuilt.items()):
                member = MemberEvidence(
                    supplier, ms.sums, tuple(opened.get((vat, supplier), ())), ms.invoice_count
                )
                evidence.setdefault(vat, []).append(member)
            moment = now()
            job = Reassessment(_today(moment), moment, cause, priors)
            return await job.run(uow, vats, evidence)

        return await _in_pages(
            uows,
            lambda uow, after, n: uow.repo.experience_debtors_after(after, n),
            rebuild,
            page,
            progress,
        )


class CommandHandler(Protocol[C]):
    async def __call__(
        self,
        cmd: C,
        uows: UowFactory,
        jobs: JobLock,
        now: Clock = ...,
        progress: Progress | None = ...,
        page: int = ...,
    ) -> int: ...


COMMAND_HANDLERS: dict[type, CommandHandler[Any]] = {
    Sweep: sweep,
    Rescore: rescore,
}
EVENT_HANDLERS: dict[type, Any] = {
    InvoiceFact: record_facts,
    LegalStatus: record_statuses,
}

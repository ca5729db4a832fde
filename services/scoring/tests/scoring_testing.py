"""Scoring's test helpers: fakes of its ports (state in dictionaries, dropped unless
committed) and builders of invoice facts. Imported by the unit and integration tests."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import TracebackType
from typing import Any, Self, cast

import grpc.aio

from scoring.domain.commands import InvoiceFact
from scoring.domain.evidence import Experience, Known, MemberEvidence, MemberSums, Sums
from scoring.domain.history import HistoryRow
from scoring.domain.legal import Distress, LegalStatus
from scoring.domain.priors import CountryPrior
from scoring.domain.profile import ProfileChange, RiskProfile, Summary

NOW = datetime(2026, 9, 15, 12, 0, tzinfo=UTC)
TODAY = NOW.date()
VAT = "BE0123456749"


@dataclass
class State:
    claimed: set[tuple[str, str]] = field(default_factory=set)
    known: dict[str, Known] = field(default_factory=dict)
    sums: dict[tuple[str, str], MemberSums] = field(default_factory=dict)
    profiles: dict[str, RiskProfile] = field(default_factory=dict)
    history: list[RiskProfile] = field(default_factory=list)
    priors: dict[str, CountryPrior] = field(default_factory=dict)
    swept: dict[str, date] = field(default_factory=dict)
    committed: list[ProfileChange] = field(default_factory=list)
    locked: list[list[str]] = field(default_factory=list)
    legal: dict[str, LegalStatus] = field(default_factory=dict)


class FakeRepository:
    """Implements ``scoring.service_layer.unit_of_work.ScoringRepository`` in memory."""

    def __init__(self, state: State) -> None:
        self.s = state

    async def claim_new(self, consumer: str, event_ids: Sequence[str]) -> set[str]:
        new = {e for e in event_ids if (consumer, e) not in self.s.claimed}
        self.s.claimed |= {(consumer, e) for e in new}
        return new

    async def lock(self, vats: Sequence[str]) -> None:
        self.s.locked.append(list(vats))

    async def known(self, invoice_ids: Sequence[str]) -> dict[str, Known]:
        return {i: self.s.known[i] for i in invoice_ids if i in self.s.known}

    async def save_experiences(
        self, upserts: Sequence[Experience], tombstones: Sequence[tuple[str, int]]
    ) -> None:
        for e in upserts:
            self.s.known[e.invoice_id] = Known(e.revision, e)
        for invoice_id, revision in tombstones:
            self.s.known[invoice_id] = Known(revision, None)

    async def member_sums(
        self, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], MemberSums]:
        return {k: copy.deepcopy(self.s.sums[k]) for k in keys if k in self.s.sums}

    async def save_member_sums(self, sums: Sequence[MemberSums]) -> None:
        for ms in sums:
            if ms.empty:
                self.s.sums.pop((ms.vat, ms.supplier), None)
            else:
                self.s.sums[(ms.vat, ms.supplier)] = copy.deepcopy(ms)

    async def replace_member_sums(self, vats: Sequence[str], sums: Sequence[MemberSums]) -> None:
        for key in [k for k in self.s.sums if k[0] in vats]:
            del self.s.sums[key]
        await self.save_member_sums(sums)

    def _live(self) -> list[Experience]:
        return [k.experience for k in self.s.known.values() if k.experience is not None]

    async def experiences_of(self, vats: Sequence[str]) -> dict[str, list[Experience]]:
        out: dict[str, list[Experience]] = {}
        for e in self._live():
            if e.vat in vats:
                out.setdefault(e.vat, []).append(e)
        return out

    async def evidence(self, vats: Sequence[str]) -> dict[str, list[MemberEvidence]]:
        out: dict[str, list[MemberEvidence]] = {}
        keys = {k for k in self.s.sums if k[0] in vats} | {
            (e.vat, e.supplier) for e in self._live() if e.vat in vats and not e.closed
        }
        for vat, supplier in sorted(keys):
            ms = self.s.sums.get((vat, supplier)) or MemberSums(vat, supplier, Sums())
            opened = tuple(
                e for e in self._live() if e.vat == vat and e.supplier == supplier and not e.closed
            )
            out.setdefault(vat, []).append(
                MemberEvidence(supplier, copy.deepcopy(ms.sums), opened, ms.invoice_count)
            )
        return out

    async def profiles(self, vats: Sequence[str]) -> dict[str, RiskProfile]:
        return {v: self.s.profiles[v] for v in vats if v in self.s.profiles}

    async def summaries(self, vats: Sequence[str]) -> dict[str, Summary]:
        return {v: self.s.profiles[v].summary() for v in vats if v in self.s.profiles}

    async def save_profiles(self, profiles: Sequence[RiskProfile]) -> None:
        for p in profiles:
            self.s.profiles[p.vat] = p

    async def delete_profiles(self, vats: Sequence[str]) -> None:
        for v in vats:
            self.s.profiles.pop(v, None)

    async def add_history(self, profiles: Sequence[RiskProfile]) -> None:
        self.s.history.extend(profiles)

    async def priors(self) -> dict[str, CountryPrior]:
        return dict(self.s.priors)

    async def save_priors(self, priors: dict[str, CountryPrior], at: datetime) -> None:
        self.s.priors.update(priors)

    async def experience_debtors_after(self, after: str, limit: int) -> list[str]:
        return sorted({e.vat for e in self._live() if e.vat > after})[:limit]

    async def profiled_after(self, after: str, limit: int) -> list[str]:
        return sorted(v for v in self.s.profiles if v > after)[:limit]

    async def debtor_count(self, *, stored: bool = False) -> int:
        if stored:
            return len(await self.experience_debtors_after("", 10**9))
        return len(self.s.profiles)

    async def needs_rebuild(self) -> bool:
        return bool(self._live()) and not self.s.sums

    async def swept(self, name: str) -> date | None:
        return self.s.swept.get(name)

    async def mark_swept(self, name: str, day: date, at: datetime) -> None:
        self.s.swept[name] = day

    async def legal_statuses(self, vats: Sequence[str]) -> dict[str, LegalStatus]:
        return {v: self.s.legal[v] for v in vats if v in self.s.legal}

    async def save_legal_statuses(self, statuses: Sequence[LegalStatus]) -> None:
        for st in statuses:
            old = self.s.legal.get(st.vat)
            if old is None or old.extract_number < st.extract_number:
                self.s.legal[st.vat] = st

    async def distress(self, vats: Sequence[str]) -> dict[str, Distress]:
        return {
            v: d for v in vats if v in self.s.legal and (d := self.s.legal[v].distress) is not None
        }


class FakeUnitOfWork:
    """Implements ``scoring.service_layer.unit_of_work.UnitOfWork`` over a shared State."""

    def __init__(self, box: list[State]) -> None:
        self._box = box  # box[0] is the committed state
        self._work: State | None = None

    @property
    def repo(self) -> FakeRepository:
        assert self._work is not None, "use inside `async with`"
        return FakeRepository(self._work)

    async def __aenter__(self) -> Self:
        self._work = copy.deepcopy(self._box[0])
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._work = None  # not committed: dropped

    async def commit(self, *changes: ProfileChange) -> None:
        assert self._work is not None
        self._work.committed.extend(changes)
        self._box[0] = self._work
        self._work = copy.deepcopy(self._work)


class FakeJobLock:
    def __init__(self) -> None:
        self.held: set[str] = set()

    @contextlib.asynccontextmanager
    async def __call__(self, name: str) -> AsyncIterator[bool]:
        if name in self.held:
            yield False
            return
        self.held.add(name)
        try:
            yield True
        finally:
            self.held.discard(name)


@dataclass
class World:
    """The committed state behind the fakes, and a clock the test can move."""

    box: list[State] = field(default_factory=lambda: [State()])
    now: datetime = NOW

    @property
    def state(self) -> State:
        return self.box[0]

    def uow(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.box)

    def clock(self) -> datetime:
        return self.now

    def advance(self, days: int) -> None:
        self.now += timedelta(days=days)


def fact(
    event_id: str,
    *,
    invoice: str = "i-1",
    supplier: str = "member-a",
    vat: str = VAT,
    issue: date = date(2026, 6, 1),
    due: date = date(2026, 7, 1),
    amount: str = "1000.00",
    paid: date | None = None,
    paid_amount: str | None = None,
    revision: int = 1,
    sector: str = "F41",
    disputed: bool = False,
    written_off: date | None = None,
    deleted: bool = False,
) -> InvoiceFact:
    value = Decimal(amount)
    return InvoiceFact(
        event_id=event_id,
        invoice_id=invoice,
        supplier=supplier,
        vat=vat,
        country=vat[:2],
        sector=sector,
        issue_date=issue,
        due_date=due,
        amount=value,
        paid_amount=Decimal(paid_amount) if paid_amount else (value if paid else Decimal("0.00")),
        settled_date=paid,
        disputed=disputed,
        written_off_date=written_off,
        revision=revision,
        deleted=deleted,
    )


Clock = Callable[[], datetime]


def experience(
    *,
    due: date,
    paid: date | None = None,
    amount: str = "1000.00",
    supplier: str = "member-a",
    invoice: str = "",
    term_days: int = 30,
    disputed: bool = False,
    written_off: date | None = None,
    paid_amount: str | None = None,
    vat: str = VAT,
) -> Experience:
    value = Decimal(amount)
    return Experience(
        invoice_id=invoice or f"inv-{due}-{paid}-{amount}-{supplier}",
        supplier=supplier,
        vat=vat,
        issue_date=due - timedelta(days=term_days),
        due_date=due,
        amount=value,
        paid_amount=Decimal(paid_amount) if paid_amount else (value if paid else Decimal("0.00")),
        settled_date=paid,
        disputed=disputed,
        written_off_date=written_off,
    )


def members_of(experiences: Sequence[Experience]) -> list[MemberEvidence]:
    """Experiences as the repository would hand them: closed ones folded into sums."""
    by: dict[str, list[Experience]] = {}
    for e in experiences:
        by.setdefault(e.supplier, []).append(e)
    out = []
    for supplier, exps in sorted(by.items()):
        sums = Sums()
        opened = []
        for e in exps:
            if e.closed:
                sums.add(e)
            else:
                opened.append(e)
        out.append(MemberEvidence(supplier, sums, tuple(opened), sum(1 for e in exps if e.counts)))
    return out


def profile_of(*experiences: Experience, today: date = TODAY) -> RiskProfile:
    from scoring.domain.profile import build

    return build(
        vat=VAT,
        country="BE",
        sector="F41",
        members=members_of(experiences),
        today=today,
        now=datetime.combine(today, NOW.timetz()),
    )


class FakeViews:
    """Implements ``scoring.service_layer.unit_of_work.ReadModel`` over a World's state."""

    def __init__(self, world: World) -> None:
        self.world = world

    async def many(self, vats: Sequence[str]) -> dict[str, RiskProfile]:
        return {v: self.world.state.profiles[v] for v in vats if v in self.world.state.profiles}

    async def highest(
        self, *, country: str, sector: str, min_level: object, limit: int, after: object
    ) -> tuple[list[RiskProfile], tuple[int, str] | None]:
        found = sorted(self.world.state.profiles.values(), key=lambda p: (-p.score, p.vat))
        found = [p for p in found if (not country or p.country == country)]
        return found[:limit], None

    async def history(self, vat: str, start: date, end: date) -> list[HistoryRow]:
        rows = [p for p in self.world.state.history if p.vat == vat and p.as_of <= end]
        return [HistoryRow(p.as_of, p.score, p.level) for p in rows]

    async def open_invoices(
        self, supplier: str, vat: str | None, *, limit: int, after: str = ""
    ) -> dict[str, list[Experience]]:
        out: dict[str, list[Experience]] = {}
        for k in self.world.state.known.values():
            e = k.experience
            if e and not e.closed and e.supplier == supplier and (vat is None or e.vat == vat):
                out.setdefault(e.vat, []).append(e)
        return out

    def today(self) -> date:
        return self.world.now.date()

    def default_history_start(self) -> date:
        return self.today() - timedelta(days=365)


class Aborted(Exception):
    def __init__(self, code: object, details: str, trailing: object) -> None:
        super().__init__(details)
        self.code = code
        self.trailing = trailing


class FakeContext:
    """The parts of ``grpc.aio.ServicerContext`` the servicer uses."""

    def __init__(self, tenant: str | None = None, scopes: str = "risk:read invoices:read") -> None:
        self._md = [("kmo-scopes", scopes)] + ([("kmo-tenant-id", tenant)] if tenant else [])
        self._trailing: object = ()

    def invocation_metadata(self) -> list[tuple[str, str]]:
        return self._md

    def set_trailing_metadata(self, md: object) -> None:
        self._trailing = md

    async def abort(self, code: object, details: str) -> None:
        raise Aborted(code, details, self._trailing)


def servicer_context(
    tenant: str | None = None, scopes: str = "risk:read invoices:read"
) -> grpc.aio.ServicerContext[Any, Any]:
    """A FakeContext where the servicer takes grpc's context: that is an abstract class, not a
    protocol, so the fake (only the parts the servicer uses) passes for it by a cast."""
    return cast("grpc.aio.ServicerContext[Any, Any]", FakeContext(tenant, scopes))

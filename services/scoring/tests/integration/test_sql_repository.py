"""The handlers over the SQL unit of work on a real, migrated database."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from scoring_testing import fact
from sqlalchemy.ext.asyncio import AsyncEngine

from chassis import db
from devstack.samples import belgian_vat
from kmo.scoring.v1 import events_pb2
from scoring.adapters.tables import experiences, member_sums, outbox, profiles, score_history
from scoring.bootstrap import bus_for
from scoring.domain.commands import Rescore, Sweep
from scoring.domain.scorecard import RiskLevel
from scoring.service_layer.messagebus import MessageBus

NOW = datetime(2026, 9, 15, 12, 0, tzinfo=UTC)


def make_bus(engine: AsyncEngine, now: datetime = NOW) -> MessageBus:
    return bus_for(db.session_factory(engine), engine, lambda: None, lambda: now)


async def rows(
    engine: AsyncEngine, table: sa.Table, where: sa.ColumnElement[bool]
) -> list[sa.Row[*tuple[Any, ...]]]:
    async with engine.connect() as conn:
        return list((await conn.execute(sa.select(table).where(where))).all())


def vat() -> str:
    return belgian_vat()


async def test_facts_fold_into_sums_profile_history_and_outbox(engine: AsyncEngine) -> None:
    v = vat()
    bus = make_bus(engine)
    await bus.facts(
        [
            fact(str(uuid.uuid4()), invoice=f"{v}-1", vat=v, paid=date(2026, 7, 10)),
            fact(str(uuid.uuid4()), invoice=f"{v}-2", vat=v, supplier="member-b"),
        ]
    )

    [p] = await rows(engine, profiles, profiles.c.vat == v)
    assert p.invoice_count == 2 and p.paid_count == 1 and p.open_count == 1
    assert sorted(p.contributors) == ["member-a", "member-b"]
    sums = await rows(engine, member_sums, member_sums.c.vat == v)
    assert {(s.supplier, s.closed_count, s.invoice_count) for s in sums} == {
        ("member-a", 1, 1),
        ("member-b", 0, 1),
    }
    assert len(await rows(engine, score_history, score_history.c.vat == v)) == 1
    staged = await rows(engine, outbox.table, outbox.table.c.subject.like(f"%{v}"))
    assert [r.subject for r in staged] == [f"risk.changed.BE.{v}"]
    changed = events_pb2.RiskChanged.FromString(staged[0].payload)
    assert changed.reasons and changed.model_version


async def test_a_deletion_keeps_a_tombstone_without_the_member(engine: AsyncEngine) -> None:
    v = vat()
    bus = make_bus(engine)
    await bus.facts([fact(str(uuid.uuid4()), invoice=f"{v}-1", vat=v)])
    await bus.facts([fact(str(uuid.uuid4()), invoice=f"{v}-1", vat=v, revision=2, deleted=True)])

    [row] = await rows(engine, experiences, experiences.c.invoice_id == f"{v}-1")
    assert row.deleted and row.supplier == "" and row.vat == ""
    assert await rows(engine, profiles, profiles.c.vat == v) == []
    assert await rows(engine, member_sums, member_sums.c.vat == v) == []


async def test_the_sweep_ages_open_invoices_and_announces_the_change(engine: AsyncEngine) -> None:
    v = vat()
    bus = make_bus(engine)
    await bus.facts(
        [
            fact(
                str(uuid.uuid4()),
                invoice=f"{v}-{i}",
                vat=v,
                issue=date(2026, 8, 1),
                due=date(2026, 9, 1),
                amount="4000.00",
            )
            for i in range(3)
        ]
    )
    [before] = await rows(engine, profiles, profiles.c.vat == v)
    later = NOW + timedelta(days=150)
    swept = await make_bus(engine, later).handle(Sweep(later.date()))

    assert swept >= 1
    [after] = await rows(engine, profiles, profiles.c.vat == v)
    assert after.score > before.score
    assert RiskLevel(after.level) in (RiskLevel.HIGH, RiskLevel.CRITICAL)
    staged = await rows(engine, outbox.table, outbox.table.c.subject == f"risk.changed.BE.{v}")
    causes = [events_pb2.RiskChanged.FromString(r.payload).cause for r in staged]
    assert causes[-1] == events_pb2.CAUSE_AGEING


async def test_rescore_rebuilds_identical_sums(engine: AsyncEngine) -> None:
    v = vat()
    bus = make_bus(engine)
    await bus.facts(
        [
            fact(
                str(uuid.uuid4()),
                invoice=f"{v}-{i}",
                vat=v,
                supplier=f"m{i % 2}",
                issue=date(2025, 1 + i, 1),
                due=date(2025, 1 + i, 28),
                paid=date(2025, 2 + i, 3),
            )
            for i in range(8)
        ]
    )
    before = {
        r.supplier: list(r.sums) for r in await rows(engine, member_sums, member_sums.c.vat == v)
    }
    await bus.handle(Rescore())

    after = {
        r.supplier: list(r.sums) for r in await rows(engine, member_sums, member_sums.c.vat == v)
    }
    assert before.keys() == after.keys()
    for k in before:
        assert after[k] == pytest.approx(before[k], rel=1e-9)


async def test_a_bankruptcy_is_stored_scored_announced_and_read_back_with_its_reason(
    engine: AsyncEngine,
) -> None:
    from scoring.adapters.tables import legal_statuses
    from scoring.domain.legal import Distress, LegalStatus

    v = vat()
    bus = make_bus(engine)
    await bus.facts([fact(str(uuid.uuid4()), invoice=f"{v}-1", vat=v, paid=date(2026, 6, 30))])
    bankrupt = LegalStatus(str(uuid.uuid4()), v, Distress.BANKRUPTCY, "050", "Opening "
                           "faillissement", date(2026, 9, 1), 141)  # fmt: skip
    [change] = await bus.statuses([bankrupt])
    assert change.current.level is RiskLevel.CRITICAL

    [stored] = await rows(engine, legal_statuses, legal_statuses.c.vat == v)
    assert (stored.distress, stored.extract_number) == ("bankruptcy", 141)
    older = LegalStatus(str(uuid.uuid4()), v, None, "000", "", date(2026, 8, 1), 140)
    assert await bus.statuses([older]) == []  # an older extract cannot undo it
    [p] = await rows(engine, profiles, profiles.c.vat == v)
    assert p.factors[0][0] == "LEGAL_SITUATION"  # stored first, read back with its sentence
    staged = await rows(engine, outbox.table, outbox.table.c.subject == f"risk.changed.BE.{v}")
    last = events_pb2.RiskChanged.FromString(staged[-1].payload)
    assert last.reasons[0].reason == "LEGAL_SITUATION" and "bankruptcy" in last.reasons[0].sentence

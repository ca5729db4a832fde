"""record_experience over the SQL unit of work on a real, migrated database."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import scoring
from chassis import db
from devstack.samples import belgian_vat
from devstack.testing import Databases
from scoring.adapters.tables import experiences, outbox, profiles, score_history
from scoring.adapters.uow import SqlUnitOfWork
from scoring.domain.commands import RecordExperience
from scoring.domain.model import RiskLevel
from scoring.service_layer.handlers import record_experience

Sessions = async_sessionmaker[AsyncSession]


@pytest.fixture(scope="module")
async def sessions(databases: Databases) -> AsyncIterator[Sessions]:
    url = databases.fresh("scoring")
    db.upgrade_to_head(Path(scoring.__file__).parent / "migrations", url)
    engine = db.create_engine(url, pool_size=4)
    yield db.session_factory(engine)
    await engine.dispose()


def fact(vat: str, invoice_id: str, *, paid: date | None = None) -> RecordExperience:
    return RecordExperience(
        event_id=str(uuid.uuid4()),
        invoice_id=invoice_id,
        supplier="member-a",
        vat=vat,
        country="BE",
        sector="" if paid else "F41",
        issue_date=date(2026, 6, 1),
        due_date=date(2026, 7, 1),
        amount=Decimal("800.00"),
        paid_date=paid,
    )


async def counts(sessions: Sessions, vat: str) -> dict[str, int]:
    async with sessions() as session:

        async def count(table: sa.Table, where: sa.ColumnElement[bool]) -> int:
            query = sa.select(sa.func.count()).select_from(table).where(where)
            return int((await session.execute(query)).scalar_one())

        return {
            "experiences": await count(experiences, experiences.c.vat == vat),
            "history": await count(score_history, score_history.c.vat == vat),
            "outbox": await count(outbox.table, outbox.table.c.payload.contains(vat.encode())),
        }


async def test_the_same_event_twice_changes_nothing_the_second_time(sessions: Sessions) -> None:
    vat = belgian_vat()
    event = fact(vat, str(uuid.uuid4()))

    first = await record_experience(event, SqlUnitOfWork(sessions, lambda: None))
    before = await counts(sessions, vat)
    again = await record_experience(event, SqlUnitOfWork(sessions, lambda: None))

    assert first is not None and again is None
    assert before == {"experiences": 1, "history": 1, "outbox": 2}  # score.updated + risk.changed
    assert await counts(sessions, vat) == before


async def test_paid_arriving_before_recorded_still_yields_one_paid_experience(
    sessions: Sessions,
) -> None:
    vat, invoice = belgian_vat(), str(uuid.uuid4())

    await record_experience(
        fact(vat, invoice, paid=date(2026, 7, 31)), SqlUnitOfWork(sessions, lambda: None)
    )
    change = await record_experience(fact(vat, invoice), SqlUnitOfWork(sessions, lambda: None))

    async with sessions() as session:
        rows = (await session.execute(sa.select(experiences).where(experiences.c.vat == vat))).all()
        profile = (await session.execute(sa.select(profiles).where(profiles.c.vat == vat))).one()
    assert [(str(r.invoice_id), r.paid_date) for r in rows] == [(invoice, date(2026, 7, 31))]
    assert change is not None
    assert (change.current.paid_count, change.current.invoice_count) == (1, 1)
    assert change.current.level is RiskLevel.HIGH  # 30 days late, not "open and not yet paid"
    assert (profile.paid_count, profile.level, profile.sector) == (1, "high", "F41")


async def test_a_settlement_moves_the_stored_profile_and_stages_risk_changed(
    sessions: Sessions,
) -> None:
    vat, invoice = belgian_vat(), str(uuid.uuid4())
    notified: list[int] = []

    await record_experience(fact(vat, invoice), SqlUnitOfWork(sessions, lambda: notified.append(1)))
    change = await record_experience(
        fact(vat, invoice, paid=date(2026, 8, 30)),
        SqlUnitOfWork(sessions, lambda: notified.append(1)),
    )

    assert change is not None and change.previous is not None
    assert change.moved
    assert change.current.level is RiskLevel.CRITICAL  # 60 days late
    t = outbox.table
    async with sessions() as session:
        subjects = (
            (
                await session.execute(
                    sa.select(t.c.subject)
                    .where(t.c.payload.contains(vat.encode()))
                    .order_by(t.c.seq)
                )
            )
            .scalars()
            .all()
        )
    assert subjects == [
        "score.updated", f"risk.changed.BE.{vat}", "score.updated", f"risk.changed.BE.{vat}"
    ]  # fmt: skip
    assert len(notified) == 2

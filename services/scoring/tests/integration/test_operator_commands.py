"""``python -m scoring rescore`` and ``sweep`` as an operator runs them, on a real database."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa
from scoring_testing import fact

import scoring
from chassis import db
from devstack.samples import belgian_vat
from devstack.testing import Databases
from scoring.adapters.tables import member_sums, outbox, profiles
from scoring.bootstrap import bus_for


def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCORING_DATABASE_URL": url, "SCORING_TODAY": "2026-09-15"}
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args], env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


async def test_rescore_rebuilds_sums_and_marks_a_model_change(databases: Databases) -> None:
    url = databases.fresh("scoring_cli")
    db.upgrade_to_head(Path(scoring.__file__).parent / "migrations", url)
    engine = db.create_engine(url, pool_size=2)
    v = belgian_vat()
    now = datetime(2026, 9, 15, 12, tzinfo=UTC)
    bus = bus_for(db.session_factory(engine), engine, lambda: None, lambda: now)
    await bus.facts(
        [fact(str(uuid.uuid4()), invoice=f"{v}-{i}", vat=v, issue=date(2026, 4, 1),
              due=date(2026, 5, 1 + i),
              paid=date(2026, 6, 20)) for i in range(4)]
    )  # fmt: skip
    async with engine.begin() as conn:
        await conn.execute(sa.delete(member_sums))  # as if the sums were lost
        await conn.execute(sa.update(profiles).values(announced_score=0))

    done = run(url, "rescore", "--model-change")

    assert done.returncode == 0, done.stderr
    assert "1 debtors in" in done.stdout and "rescoring [" in done.stderr
    async with engine.connect() as conn:
        sums = (await conn.execute(sa.select(member_sums).where(member_sums.c.vat == v))).all()
        staged = (
            await conn.execute(
                sa.select(outbox.table.c.subject).where(outbox.table.c.subject.like(f"%{v}"))
            )
        ).all()
    assert len(sums) == 1 and sums[0].closed_count == 4
    assert len(staged) == 2  # the first announcement, then the model change's
    sweep = run(url, "sweep", "--day", "2026-09-16")
    assert sweep.returncode == 0 and "ageing [" in sweep.stderr
    await engine.dispose()

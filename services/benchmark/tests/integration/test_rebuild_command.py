"""``python -m benchmark rebuild`` as an operator runs it, on a real database."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from benchmark_testing import company, record

import benchmark
from benchmark.adapters.uow import SqlUnitOfWork
from benchmark.service_layer.handlers import record_scores
from chassis import db
from devstack.testing import Databases


def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BENCHMARK_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "benchmark", *args], env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


async def test_rebuild_recomputes_lost_counts_and_the_trend_with_a_progress_bar(
    databases: Databases,
) -> None:
    url = databases.fresh("benchmark_cli")
    db.upgrade_to_head(Path(benchmark.__file__).parent / "migrations", url)
    engine = db.create_engine(url, pool_size=2)
    sessions = db.session_factory(engine)
    first = [company(f"BE{i:010d}", 10 * i, as_of=date(2026, 8, 10)) for i in range(6)]
    await record_scores([record(c) for c in first], SqlUnitOfWork(sessions))
    await record_scores(
        [record(company(c.vat, 90, as_of=date(2026, 9, 2))) for c in first[:3]],
        SqlUnitOfWork(sessions),
    )
    async with engine.begin() as conn:
        before = (await conn.execute(sa.text("SELECT * FROM histograms ORDER BY 1, 2"))).all()
        await conn.execute(sa.text("DELETE FROM histograms; DELETE FROM month_medians"))

    plain = run(url, "rebuild")
    assert plain.returncode == 0, plain.stderr
    assert "6 companies in 6 groups, 0 closed months" in plain.stdout
    assert "rebuilding [" in plain.stderr

    trend = run(url, "rebuild", "--trend")
    assert trend.returncode == 0, trend.stderr
    assert "11 closed months" in trend.stdout
    async with engine.connect() as conn:
        after = (await conn.execute(sa.text("SELECT * FROM histograms ORDER BY 1, 2"))).all()
        august = (
            await conn.execute(
                sa.text(
                    "SELECT median FROM month_medians WHERE month = '2026-08-01' "
                    "AND country = 'BE' AND sector = '41' AND measure = 'score'"
                )
            )
        ).scalar()
    await engine.dispose()
    assert after == before
    assert august == 20  # 0, 10, ... 50 in August: the lower median

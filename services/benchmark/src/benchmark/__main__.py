"""``python -m benchmark``: serve (the container's command and what ``make up`` runs), and
the operator command ``rebuild``.

    python -m benchmark            # serve
    python -m benchmark rebuild           # recompute every group's counts
    python -m benchmark rebuild --trend   # and the closed months of the 12-month trend
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

from benchmark.adapters.uow import SqlUnitOfWork
from benchmark.bootstrap import build
from benchmark.service_layer import handlers
from benchmark.settings import Settings
from chassis import db
from chassis.logging import setup_logging
from chassis.progress import Bar
from chassis.run import run


async def _rebuild(settings: Settings, trend: bool) -> int:
    await db.migrate(build().migrations, settings.database_url)
    engine = db.create_engine(settings.database_url, pool_size=1)
    try:
        bar = Bar(handlers.rebuild_steps(trend), "rebuilding")
        started = time.perf_counter()
        uow = SqlUnitOfWork(db.session_factory(engine))
        done = await handlers.rebuild(uow, bar, trend=trend)
        bar.close()
        print(
            f"{done.companies:,} companies in {done.groups:,} groups, {done.months} closed "
            f"months, in {time.perf_counter() - started:.2f} s"
        )
        return 0
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmark")
    sub = parser.add_subparsers(dest="command")
    rb = sub.add_parser("rebuild", help="recompute every group's counts from the companies")
    rb.add_argument(
        "--trend", action="store_true", help="also the closed months' medians from the history"
    )
    args = parser.parse_args(argv)
    settings = Settings()
    if args.command == "rebuild":
        setup_logging(build().name, settings.log_level)
        return asyncio.run(_rebuild(settings, args.trend))
    run(build(), settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())

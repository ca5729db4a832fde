"""``python -m scoring``: serve (the container's command and what ``make up`` runs), and
the operator commands ``rescore`` and ``sweep``.

    python -m scoring                      # serve
    python -m scoring rescore              # rebuild sums and profiles (same model)
    python -m scoring rescore --model-change   # after a model change: partners may mute
    python -m scoring sweep [--day YYYY-MM-DD]  # the daily ageing now
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from datetime import date

from chassis import db
from chassis.logging import setup_logging
from chassis.progress import Bar
from chassis.run import run
from scoring.bootstrap import NAME, build, bus_for, clock_for
from scoring.domain.commands import Rescore, Sweep
from scoring.settings import Settings


async def _operate(settings: Settings, cmd: Rescore | Sweep) -> int:
    await db.migrate(build().migrations, settings.database_url)
    engine = db.create_engine(settings.database_url, pool_size=2)
    try:
        sessions = db.session_factory(engine)
        # Events go to the outbox; the running service's relay publishes them.
        bus = bus_for(sessions, engine, lambda: None, clock_for(settings))
        async with bus.uows() as uow:
            total = await uow.repo.debtor_count(stored=isinstance(cmd, Rescore))
        bar = Bar(total, "rescoring" if isinstance(cmd, Rescore) else "ageing")
        started = time.perf_counter()
        seen = await bus.handle(cmd, bar)
        bar.close()
        print(f"{seen:,} debtors in {time.perf_counter() - started:.1f} s")
        return 0
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scoring")
    sub = parser.add_subparsers(dest="command")
    re = sub.add_parser("rescore", help="rebuild running sums and every profile")
    re.add_argument(
        "--model-change",
        action="store_true",
        help="mark the risk changes it causes as a model change (partners can mute them)",
    )
    sw = sub.add_parser("sweep", help="run the daily ageing now")
    sw.add_argument("--day", type=date.fromisoformat, help="evaluate as of this day")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.command is None:
        run(build(), settings)
        return 0
    setup_logging(NAME, settings.log_level)
    if args.command == "rescore":
        return asyncio.run(_operate(settings, Rescore(model_change=args.model_change)))
    day = args.day or clock_for(settings)().date()
    return asyncio.run(_operate(settings, Sweep(day)))


if __name__ == "__main__":
    sys.exit(main())

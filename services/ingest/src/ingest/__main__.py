"""``python -m ingest``: serve (the container's command and what ``make up`` runs), and the
operator command ``import-csv``.

    python -m ingest                                             # serve
    python -m ingest import-csv --tenant T [--member-vat V] FILE  # an accounting export
    python -m ingest import-csv --tenant T --payments FILE       # its payments
        [--delimiter ';'] [--encoding cp1252] [--month-first] [--column 'Nr=invoice_number']
    python -m ingest registry-import EXTRACT.zip                 # a KBO open-data extract
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import resource
import sys
import time
from pathlib import Path

from chassis import db
from chassis.logging import setup_logging
from chassis.progress import Bar
from chassis.run import run
from ingest.adapters.csv_rows import Options
from ingest.adapters.registry import extract_size, load_extract
from ingest.adapters.uow import SqlUnitOfWork
from ingest.bootstrap import NAME, build
from ingest.domain.imports import ImportKind
from ingest.domain.model import DateWindow
from ingest.domain.registry import RegistryError
from ingest.entrypoints.import_jobs import file_chunks, import_file
from ingest.settings import Settings


async def _import(settings: Settings, args: argparse.Namespace, size: int) -> int:
    await db.migrate(build().migrations, settings.database_url)
    engine = db.create_engine(settings.database_url, pool_size=2)
    path = Path(args.file)
    columns = dict(c.split("=", 1) for c in args.column)
    options = Options(args.encoding, args.delimiter, not args.month_first, columns or None)
    bar = Bar(size, f"importing {path.name} (bytes)")
    started = time.perf_counter()
    try:
        sessions = db.session_factory(engine)

        def uow() -> SqlUnitOfWork:
            # Events go to the outbox; the running service's relay publishes them.
            return SqlUnitOfWork(sessions, lambda: None)

        kind = ImportKind.PAYMENTS if args.payments else ImportKind.INVOICES
        with path.open("rb") as f:  # noqa: ASYNC230 - the parser reads synchronously anyway
            report = await import_file(
                kind, file_chunks(f, bar), options, args.tenant, uow,
                member_vat=args.member_vat or "",
                window=DateWindow(settings.earliest_issue_date, settings.max_issue_age_years),
            )  # fmt: skip
        bar.close()
        seconds = time.perf_counter() - started
        total = report.accepted + report.rejected
        print(json.dumps({
            "accepted": report.accepted, "rejected": report.rejected,
            "seconds": round(seconds, 3), "rows_per_second": round(total / seconds),
            "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "errors": [
                {"line": e.line, "code": e.code, "message": e.message} for e in report.errors[:50]
            ],
        }, ensure_ascii=False))  # fmt: skip
        return 0
    finally:
        await engine.dispose()


async def _registry_import(settings: Settings, path: Path) -> int:
    """Load a KBO extract (full or update) with a progress bar and a JSON summary; exit
    code 2 with the error's code for a file that is not one, or not newer than the last."""
    try:
        size = extract_size(path)
    except RegistryError as exc:
        print(json.dumps({"error": exc.code, "message": exc.message}), file=sys.stderr)
        return 2
    await db.migrate(build().migrations, settings.database_url)
    engine = db.create_engine(settings.database_url, pool_size=1)
    bar = Bar(size, f"loading {path.name} (bytes)")
    started = time.perf_counter()
    try:
        summary = await load_extract(path, db.session_factory(engine), bar)
    except RegistryError as exc:
        bar.close()
        print(json.dumps({"error": exc.code, "message": exc.message}), file=sys.stderr)
        return 2
    finally:
        await engine.dispose()
    bar.close()
    summary.seconds = round(time.perf_counter() - started, 3)
    summary.rows_per_second = round(sum(summary.rows.values()) / max(summary.seconds, 1e-9))
    summary.peak_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(dataclasses.asdict(summary)))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest")
    sub = parser.add_subparsers(dest="command")
    imp = sub.add_parser("import-csv", help="import an accounting export of invoices or payments")
    imp.add_argument("file")
    imp.add_argument("--tenant", required=True, help="the member's tenant id")
    imp.add_argument("--member-vat", help="the member's own VAT number")
    imp.add_argument("--delimiter")
    imp.add_argument("--encoding", help="utf-8 or cp1252 (detected when omitted)")
    imp.add_argument("--payments", action="store_true", help="the file holds payments")
    imp.add_argument("--month-first", action="store_true", help="dates are MM/DD/YYYY")
    imp.add_argument(
        "--column", action="append", default=[], help="HEADER=field for a header not known"
    )
    reg = sub.add_parser(
        "registry-import", help="load a KBO open-data extract (full or daily update zip)"
    )
    reg.add_argument("file")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.command is None:
        run(build(), settings)
        return 0
    setup_logging(NAME, settings.log_level)
    if args.command == "registry-import":
        return asyncio.run(_registry_import(settings, Path(args.file)))
    return asyncio.run(_import(settings, args, Path(args.file).stat().st_size))


if __name__ == "__main__":
    sys.exit(main())

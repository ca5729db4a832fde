"""Loader CSVs: one file per table (members, debtors, invoices, payments, truth), plain and
machine-friendly: `,` separator, decimal point, ISO dates, empty cell for None, UTF-8."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path

from datagen.config import COUNTRIES
from datagen.dataset import Dataset, TableName

TABLES: tuple[TableName, ...] = ("members", "debtors", "invoices", "payments")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal | int | str | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"no CSV cell for {type(value).__name__}")


def write_table(ds: Dataset, table: TableName, path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    rows = ds.rows(table)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        for row in rows:
            if count == 0:
                writer.writerow(list(row))
            writer.writerow([_cell(v) for v in row.values()])
            count += 1
    return count


def write_rows(ds: Dataset, out_dir: Path) -> dict[str, int]:
    return {t: write_table(ds, t, out_dir / f"{t}.csv") for t in TABLES}


def write_truth(ds: Dataset, out_dir: Path) -> int:
    """The hidden truth per debtor plus the calibration constants that produced it."""
    count = write_table(ds, "truth", out_dir / "debtors.csv")
    calibration = {
        "countries": list(COUNTRIES),
        "late_logit_constant": [round(x, 6) for x in ds.calibration.late_logit_constant.tolist()],
        "days_late_theta": [round(x, 6) for x in ds.calibration.days_late_theta.tolist()],
        "config": {k: str(v) for k, v in asdict(ds.config).items()},
    }
    (out_dir / "calibration.json").write_text(
        json.dumps(calibration, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return count

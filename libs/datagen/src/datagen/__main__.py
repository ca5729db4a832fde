"""`python -m datagen --seed 42 --invoices 20000 --out DIR --formats rows,csv,ubl,ocr,truth`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from datagen.config import GeneratorConfig
from datagen.dataset import Dataset, generate
from datagen.outputs import csv_export, ocr_records, tables, ubl

FORMATS = ("rows", "csv", "ubl", "ocr", "truth")


def _formats(text: str) -> list[str]:
    chosen = [f.strip() for f in text.split(",") if f.strip()]
    unknown = sorted(set(chosen) - set(FORMATS))
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown format(s) {unknown}; choose from {FORMATS}")
    return chosen


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m datagen",
        description="Generate a deterministic synthetic Benelux B2B invoice and payment world.",
    )
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--invoices", type=int, default=20_000, help="number of invoices")
    p.add_argument("--out", type=Path, required=True, help="output directory")
    p.add_argument(
        "--formats",
        type=_formats,
        default=list(FORMATS),
        help=f"comma-separated subset of {','.join(FORMATS)}",
    )
    p.add_argument(
        "--max-documents",
        type=int,
        default=None,
        help="write UBL files and OCR records for the first N invoices only",
    )
    return p


def _summary(ds: Dataset) -> str:
    t = ds.invoices
    countries = Counter(d.country for d in ds.debtors)
    levels = Counter(x.expected_risk_level for x in ds.truth)
    bankrupt = sum(1 for x in ds.truth if x.bankrupt_date is not None)
    open_invoices = int((t.paid_cents < t.gross_cents).sum())
    return (
        f"members {len(ds.members)}, debtors {len(ds.debtors)} "
        f"({', '.join(f'{c} {n}' for c, n in sorted(countries.items()))}), "
        f"invoices {len(t)} ({open_invoices} open at {ds.config.as_of}), "
        f"payments {len(ds.payments)}, bankrupt debtors {bankrupt}, "
        f"expected risk {dict(sorted(levels.items()))}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out: Path = args.out
    started = time.perf_counter()
    config = GeneratorConfig(seed=args.seed, n_invoices=args.invoices)
    ds = generate(config)
    generated = time.perf_counter() - started
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, object] = {}
    if "rows" in args.formats:
        written["rows"] = tables.write_rows(ds, out / "rows")
    if "csv" in args.formats:
        written["csv_files"] = csv_export.write_accounting_csv(ds, out / "csv")
    if "ubl" in args.formats:
        written["ubl_files"] = ubl.write_ubl(ds, out / "ubl", args.max_documents)
    if "ocr" in args.formats:
        written["ocr_records"] = ocr_records.write_ocr_records(
            ds, out / "ocr" / "records.jsonl", args.max_documents
        )
    if "truth" in args.formats:
        written["truth_debtors"] = tables.write_truth(ds, out / "truth")
    # No timings in the manifest: same seed, same bytes.
    manifest = {
        "seed": args.seed,
        "invoices": args.invoices,
        "formats": args.formats,
        "written": written,
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    total = time.perf_counter() - started
    print(_summary(ds))
    print(f"wrote {', '.join(f'{k}={v}' for k, v in written.items())} to {out}")
    print(f"generated in {generated:.2f} s, total {total:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time to generate 1,000,000 invoices in memory, and to turn them into typed and dict rows.

    python libs/datagen/bench/bench_generate.py [--invoices N] [--seed S]

Budget from the issue: under 60 s for 1,000,000 invoices on the 2-core development machine.
"""

from __future__ import annotations

import argparse
import time

from datagen import GeneratorConfig, generate


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--invoices", type=int, default=1_000_000)
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args()

    t0 = time.perf_counter()
    ds = generate(GeneratorConfig(seed=args.seed, n_invoices=args.invoices))
    t1 = time.perf_counter()
    n_rows = sum(1 for _ in ds.iter_invoices())
    t2 = time.perf_counter()
    n_dicts = sum(1 for _ in ds.rows("invoices")) + sum(1 for _ in ds.rows("payments"))
    t3 = time.perf_counter()

    print(
        f"invoices {len(ds.invoices):,}  payments {len(ds.payments):,}  "
        f"debtors {len(ds.debtors):,}  members {len(ds.members):,}"
    )
    print(f"generate (column arrays + company/truth records): {t1 - t0:6.2f} s")
    print(f"+ typed InvoiceRow objects for every invoice:      {t2 - t1:6.2f} s ({n_rows:,} rows)")
    print(f"+ dict rows for invoices and payments:             {t3 - t2:6.2f} s ({n_dicts:,} rows)")
    print(f"generate + typed rows: {t2 - t0:.2f} s (budget 60 s)")


if __name__ == "__main__":
    main()
